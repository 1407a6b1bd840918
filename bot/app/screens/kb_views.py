"""The moderators' buttons and forms: the entry modal, confirmations, unanswered questions."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import io
import logging
import re
import secrets
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import discord

from bot.app import worker
from bot.app.moderators import actor_name, is_moderator, log_refusal
from bot.app.replies import send_ephemeral
from bot.app.screens import limits
from bot.app.screens.embeds import shown
from bot.app.screens.limits import clip
from bot.app.screens.refusals import (
    ANSWER_BOX,
    CITATIONS_BOX,
    ID_BOX,
    QUESTIONS_BOX,
    TOPIC_BOX,
    refusal_text,
)
from bot.app.screens.views import ENTRY, Guarded, story_bot
from bot.app.tree import report
from bot.core.knowledge import FACT, Entry, KnowledgeBase
from bot.core.storage.errors import StoreError
from bot.core.storage.forms import EntryForm
from bot.core.storage.store import Outcome

if TYPE_CHECKING:
    from bot.app.client import StoryBot

log = logging.getLogger("storybot.kb")

IMPORT_TTL = 15 * 60
ANSWER_MAX = 1500
CITATIONS_MAX = 2000
TOPIC_MAX = 100


#: The questions /kb unanswered listed, by the key their buttons carry (a key is a hash of its question, so an entry
#: is never stale): a click finds its question here, without the journal, whose lock may be held past the 3 s Discord
#: gives a click to be answered. After a restart a click looks in the journal, for at most ``LOOKUP_WITHIN`` seconds.
_LISTED: OrderedDict[str, str] = OrderedDict()
LISTED_KEPT = 1000
#: How long a read that must come before a modal (which can't be deferred) may take: well under Discord's 3 s, with
#: room left to say the knowledge base is busy instead.
LOOKUP_WITHIN = 1.5
#: Those reads run on the bot's own small pool (``bot.reads``), not the default one: a read the click gave up on
#: keeps its thread until the journal's or the store's lock frees (up to 30 s), and a few of them must not starve
#: every other ``to_thread`` of the bot.


def question_key(question: str) -> str:
    return hashlib.sha256(question.encode()).hexdigest()[:16]


def listed_key(question: str) -> str:
    """The key of a question /kb unanswered lists, remembered for its buttons."""
    key = question_key(question)
    _LISTED[key] = question
    _LISTED.move_to_end(key)
    if len(_LISTED) > LISTED_KEPT:
        _LISTED.popitem(last=False)
    return key


#: Confirmation messages ("Remove X?", an import's preview, "Teach it?") whose first press is carried out: Discord
#: doesn't disable a button when it is pressed, and the message loses its buttons only once the change is done, so a
#: second press (a double click, or Cancel meanwhile) would run it again or say it never happened.
_PRESSED: OrderedDict[int, None] = OrderedDict()
PRESSED_KEPT = 1000


async def pressed_before(interaction: discord.Interaction[Any]) -> bool:
    """``True``, and the press acknowledged only, when a button on this confirmation message was pressed before."""
    if interaction.message is None or interaction.message.id not in _PRESSED:
        return False
    await interaction.response.defer()
    return True


async def first_press(interaction: discord.Interaction[Any]) -> bool:
    """``True`` for the first press of a button on a confirmation message; a later one is only acknowledged (the
    first one's outcome replaces the message)."""
    message = interaction.message
    if message is None:
        return True
    if await pressed_before(interaction):
        return False
    _PRESSED[message.id] = None
    if len(_PRESSED) > PRESSED_KEPT:
        _PRESSED.popitem(last=False)
    return True


def release_press(interaction: discord.Interaction[Any]) -> None:
    """The press was not carried out after all (it failed, and the message keeps its buttons): the next one is."""
    if interaction.message is not None:
        _PRESSED.pop(interaction.message.id, None)


@contextlib.contextmanager
def carried_out(interaction: discord.Interaction[Any]) -> Iterator[None]:
    """Around a first press's work: if it fails, the buttons it leaves can be pressed again."""
    try:
        yield
    except BaseException:
        release_press(interaction)
        raise


async def tell(interaction: discord.Interaction[Any], content: str, in_place: bool = False) -> None:
    """A private note to the moderator; ``in_place`` replaces the message whose button was pressed
    (its buttons go with it, so nothing can be pressed twice)."""
    if in_place:
        await interaction.edit_original_response(content=clip(content, limits.CONTENT), embed=None, view=None)
    else:
        await send_ephemeral(interaction, clip(content, limits.CONTENT))


async def apply_change(interaction: discord.Interaction[Any], change: Any, *args: Any, in_place: bool = False,
                       explain: Callable[[StoreError], str] = refusal_text) -> Outcome | None:
    """Run a store change off the event loop; make it live, announce it, and tell the moderator."""
    bot = story_bot(interaction)
    try:
        outcome: Outcome = await asyncio.to_thread(change, *args)
    except StoreError as error:
        await tell(interaction, explain(error), in_place)
        return None
    await bot.live.adopt(outcome.kb, outcome.change_id)
    # the moderator first: the change is live, and the mod-log post may wait out Discord's retries
    logged = f"📝 {interaction.user.mention} {outcome.summary} (change {outcome.change_id})."
    try:
        await tell(interaction, f"Saved as change {outcome.change_id}: {outcome.summary}. Undo with `/kb undo`.",
                   in_place)
    except discord.HTTPException as exc:  # saved and live all the same: it is logged, and the caller goes on
        log.warning("change %s is saved, but Discord refused the note to the moderator: %s", outcome.change_id, exc)
        await bot.live.announce(logged)
        return outcome
    trouble = await bot.live.announce(logged)
    try:  # the change is saved and said so: a note after it that fails must not tell the moderator to try again
        if trouble is not None:
            await send_ephemeral(interaction, mod_log_trouble(trouble))
        engine, taken = bot.engine, list[tuple[str, str, str]]()
        for entry_id in outcome.entries[:MAX_CHECKED_ENTRIES]:  # one job each: asked questions go first between them
            pairs = await bot.worker.run(functools.partial(engine.answered_elsewhere, entry_id), worker.PASSIVE)
            taken += [(entry_id, question, other) for question, other in pairs]
        if taken:
            await send_ephemeral(interaction, taken_elsewhere(taken, engine.heading))
    except Exception:
        log.warning("change %s is saved, but a note after it failed", outcome.change_id, exc_info=True)
    return outcome


async def forget_listed(bot: StoryBot, question: str) -> None:
    """Take a question off the unanswered list once a change answers it. After the change is saved and said: a busy
    journal leaves the question listed (the next look finds an entry lists it) rather than say nothing was saved."""
    try:
        await asyncio.to_thread(bot.journal.forget_unanswered, question)
    except sqlite3.Error:
        log.warning("could not take %r off the unanswered list", question, exc_info=True)


MAX_CHECKED_ENTRIES = 10  # an import of many entries is not asked through in full: the moderator waits for none of it
MAX_TAKEN_SHOWN = 5


def taken_elsewhere(taken: list[tuple[str, str, str]], heading: Callable[[str], str] = str) -> str:
    """The note after a change whose entries' own questions another entry answers instead: each other entry by its
    title, as members see it, and its id, to edit it by."""
    shown_ones = "; ".join(f"“{shown(question)}” (`{entry_id}`) gets “{shown(heading(other))}” (`{other}`)"
                           for entry_id, question, other in taken[:MAX_TAKEN_SHOWN])
    more = f", and {len(taken) - MAX_TAKEN_SHOWN} more" if len(taken) > MAX_TAKEN_SHOWN else ""
    count = f"{len(taken)} question{'s' if len(taken) != 1 else ''}"
    reach = "reaches" if len(taken) == 1 else "reach"
    return clip(f"Heads-up: {count} of this change still {reach} another entry: {shown_ones}{more} — word them "
                "closer to the answer, or edit the other entry if it has the question wrong.", limits.CONTENT)


def mod_log_trouble(trouble: str) -> str:
    """The note after a done change or reload that the mod-log channel refused."""
    fix = ("ask the operator to set MOD_LOG_CHANNEL_ID to a channel that exists" if "no longer exists" in trouble
           else "give the bot View Channel and Send Messages there, or ask the operator to set MOD_LOG_CHANNEL_ID "
                "to another channel")
    return f"Done, but it couldn't be posted to the mod-log channel: {trouble} — {fix}."


async def moderator_only(interaction: discord.Interaction[Any], what: str) -> bool:
    if is_moderator(interaction, story_bot(interaction).settings):
        return True
    log_refusal(interaction, what)
    await send_ephemeral(interaction, "Only moderators can change the knowledge base.")
    return False


PLACEHOLDER = 100


def examples(kb: KnowledgeBase | None) -> dict[str, str]:
    """Placeholders for the form's boxes: a real entry of this knowledge base, as it would be typed."""
    hints = {"id": "who-said-it (lowercase letters, digits, dashes)", "questions": "one question per line",
             "answer": "the answer, in a sentence or two",
             "citations": "3: exact words (paragraph, colon, words; empty = not in the article)", "topic": ""}
    entry = next((e for e in kb.entries if e.kind == FACT and e.cite), None) if kb is not None else None
    if kb is None or entry is None:
        return {key: clip(value, PLACEHOLDER) for key, value in hints.items()}
    cite = entry.cite[0]
    paragraph = kb.article.paragraph_number(cite.line)
    words = " ".join(cite.quote.split()[:6])
    return {
        "id": clip(f"{entry.id} (lowercase letters, digits, dashes)", PLACEHOLDER),
        "questions": clip("\n".join(entry.questions[:2]), PLACEHOLDER),
        "answer": clip(entry.answer, PLACEHOLDER),
        "citations": clip(f"{paragraph}: {words} (paragraph, colon, exact words; empty = not in the article)",
                          PLACEHOLDER),
        "topic": clip(entry.topic, PLACEHOLDER),
    }


FORM_PREFIX = "sb:form:"
#: How long a form waits for its Submit. Past that, or after a restart, Discord still sends the submit, which no form
#: answers any more: ``stale_form`` then hands the text back rather than let Discord say "interaction failed".
FORM_OPEN = 60 * 60
FORGET_SUBMITTED = 60.0


class EntryModal(discord.ui.Modal):
    """Add or edit an entry: questions one per line, answer, citations as 'LINE: exact words'."""

    waiting: ClassVar[set[str]] = set()  # the custom ids of the forms open in this process

    def __init__(self, form: EntryForm, editing: bool, kb: KnowledgeBase | None = None,
                 version: str | None = None, unanswered: str | None = None) -> None:
        """``unanswered``: the question from the unanswered list the form was opened for, forgotten once saved."""
        title = f"Edit {form.id}" if editing else "Add an entry"
        super().__init__(title=clip(title, limits.MODAL_TITLE), timeout=FORM_OPEN,
                         custom_id=f"{FORM_PREFIX}{secrets.token_hex(8)}")
        EntryModal.waiting.add(self.custom_id)
        self.editing = editing
        self.unanswered = unanswered
        self.version = version  # the entry as the form was filled; a change meanwhile refuses the save
        self.entry_id = form.id
        self.title_kept = form.title
        self.id_input: discord.ui.TextInput[EntryModal] | None = None
        example = examples(kb)
        # each box's custom id names it, so that a submit no form waits for any more can still be read (stale_form)
        if not editing:
            self.id_input = discord.ui.TextInput(label=ID_BOX, custom_id="id", default=form.id or None,
                                                 placeholder=example["id"], max_length=60)
            self.add_item(self.id_input)
        self.questions: discord.ui.TextInput[EntryModal] = discord.ui.TextInput(
            label=QUESTIONS_BOX, custom_id="questions", style=discord.TextStyle.paragraph,
            default=form.questions or None, placeholder=example["questions"], max_length=limits.INPUT_VALUE)
        self.answer: discord.ui.TextInput[EntryModal] = discord.ui.TextInput(
            label=ANSWER_BOX, custom_id="answer", style=discord.TextStyle.paragraph, default=form.answer or None,
            max_length=ANSWER_MAX, placeholder=example["answer"])
        self.citations: discord.ui.TextInput[EntryModal] = discord.ui.TextInput(
            label=CITATIONS_BOX, custom_id="citations", style=discord.TextStyle.paragraph, required=False,
            default=form.citations or None, max_length=CITATIONS_MAX, placeholder=example["citations"])
        self.topic: discord.ui.TextInput[EntryModal] = discord.ui.TextInput(
            label=f"{TOPIC_BOX} (optional)", custom_id="topic", required=False, default=form.topic or None,
            max_length=TOPIC_MAX, placeholder=example["topic"])
        for item in (self.questions, self.answer, self.citations, self.topic):
            self.add_item(item)

    @staticmethod
    def fits(form: EntryForm) -> bool:
        """Whether an entry can be shown in the form without cutting anything off (that would lose it on save)."""
        return (len(form.questions) <= limits.INPUT_VALUE and len(form.answer) <= ANSWER_MAX
                and len(form.citations) <= CITATIONS_MAX and len(form.topic) <= TOPIC_MAX)

    def form(self) -> EntryForm:
        entry_id = self.id_input.value if self.id_input is not None else self.entry_id
        return EntryForm(entry_id, self.questions.value, self.answer.value, self.citations.value, self.topic.value,
                         self.title_kept)

    async def on_timeout(self) -> None:
        EntryModal.waiting.discard(self.custom_id)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        # Forgotten a little later, not now: discord.py runs this before the bot's own look at the same submit
        # (``stale_form``), which must still find the form waiting.
        asyncio.get_running_loop().call_later(FORGET_SUBMITTED, EntryModal.waiting.discard, self.custom_id)
        if not await moderator_only(interaction, "a knowledge-base form"):
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        bot = story_bot(interaction)
        article = bot.engine.kb.article
        form = self.form()
        try:
            section, entry = form.to_entry(article)
        except StoreError as error:
            await send_ephemeral(interaction, refusal_text(error))
            await give_back(interaction, form)
            return
        store = bot.store
        actor = actor_name(interaction)
        cited = [line for line in form.citations.splitlines() if line.strip()]

        refused: list[StoreError] = []

        def explain(error: StoreError) -> str:
            refused.append(error)
            return refusal_text(error, article, cited)

        if self.editing:
            before = bot.engine.kb.get(self.entry_id)
            saved = await apply_change(interaction, store.replace_entry, self.entry_id, entry, actor, self.version,
                                       explain=explain)
            if saved is None and refused:
                await give_back(interaction, form)
            elif saved is not None and before is not None and before.from_article and section == "gaps":
                await send_ephemeral(interaction, BECAME_A_GAP)
        elif await apply_change(interaction, store.add_entries, [(section, entry)], actor, explain=explain):
            if self.unanswered is not None:
                await forget_listed(bot, self.unanswered)
        elif refused:
            await give_back(interaction, form)

    async def on_error(self, interaction: discord.Interaction[Any], error: Exception, /) -> None:
        await report(interaction, error)


def typed_in(components: Any) -> dict[str, str]:
    """Each text box's value in a modal submit's components, by the box's custom id (rows and labels opened)."""
    found: dict[str, str] = {}
    for component in components if isinstance(components, list) else []:
        if not isinstance(component, dict):
            continue
        if isinstance(component.get("value"), str) and isinstance(component.get("custom_id"), str):
            found[component["custom_id"]] = component["value"]
        found.update(typed_in(component.get("components")))
        found.update(typed_in([component["component"]] if isinstance(component.get("component"), dict) else []))
    return found


async def stale_form(interaction: discord.Interaction[Any]) -> bool:
    """A form's submit that no open form waits for (open longer than ``FORM_OPEN``, or the bot restarted since):
    nothing is saved, and the text is handed back to paste into a new form. Whether it was one."""
    data: dict[str, Any] = dict(interaction.data or {})
    custom_id = data.get("custom_id", "")
    if (interaction.type is not discord.InteractionType.modal_submit or not isinstance(custom_id, str)
            or not custom_id.startswith(FORM_PREFIX) or custom_id in EntryModal.waiting):
        return False
    typed = typed_in(data.get("components"))
    form = EntryForm(typed.get("id", ""), typed.get("questions", ""), typed.get("answer", ""),
                     typed.get("citations", ""), typed.get("topic", ""))
    await interaction.response.defer(ephemeral=True, thinking=True)
    await send_ephemeral(interaction, "Nothing was saved: that form was open too long, or the bot restarted while "
                                      "it was open. Open it again with `/kb add` or `/kb edit` and paste your text.")
    if any(typed.values()):
        await give_back(interaction, form)
    return True


BECAME_A_GAP = ("With no citations it is a gap now: the Answer box is its reply to every question it takes, so it "
                "should say what the article doesn't say. To keep it a fact, put its citations back (or `/kb undo`).")


async def give_back(interaction: discord.Interaction[Any], form: EntryForm) -> None:
    """What a moderator typed into a form that could not be saved, to paste back: in the message when it fits,
    else as a text file (a form holds more than a message)."""
    boxes = [(ID_BOX, form.id), (QUESTIONS_BOX, form.questions), (ANSWER_BOX, form.answer),
             (CITATIONS_BOX, form.citations), (TOPIC_BOX, form.topic)]
    plain = "\n\n".join(f"{label}:\n{text.strip()}" for label, text in boxes if text.strip())
    fence = "```"
    inline = f"What you typed, to paste back:\n{fence}\n{plain}\n{fence}"
    if fence not in plain and len(inline) <= limits.CONTENT:  # a fence inside would end the block early
        await send_ephemeral(interaction, inline)
        return
    attached = discord.File(io.BytesIO(plain.encode("utf-8")), filename="your-edit.txt")
    await interaction.followup.send("What you typed, to paste back, is attached.", file=attached, ephemeral=True)



REMOVED_VERSION = 8  # hex digits of the entry's version a Remove button carries (a custom id holds 100 characters)


class ConfirmRemove(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                    template=rf"sb:kbrm:(?P<entry>{ENTRY}):(?P<user>\d+)(?::(?P<version>[0-9a-f]{{{REMOVED_VERSION}}}))?"):
    """Remove an entry, as it was when the moderator was asked (``version``: a later edit refuses the removal)."""

    def __init__(self, entry: str, user: int, version: str | None = None) -> None:
        kept = f":{version[:REMOVED_VERSION]}" if version else ""
        super().__init__(discord.ui.Button(label=f"Remove {entry}"[: limits.BUTTON_LABEL],
                                           style=discord.ButtonStyle.danger,
                                           custom_id=f"sb:kbrm:{entry}:{user}{kept}"))
        self.entry = entry
        self.user = user
        self.version = version[:REMOVED_VERSION] if version else None

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> ConfirmRemove:
        return cls(match["entry"], int(match["user"]), match["version"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.user.id != self.user:
            await send_ephemeral(interaction, "Only the moderator who asked can confirm this.")
            return
        if not await moderator_only(interaction, f"removing {self.entry}") or not await first_press(interaction):
            return
        bot = story_bot(interaction)
        with carried_out(interaction):
            await interaction.response.defer()  # the question "Remove X?" becomes what happened
            await apply_change(interaction, bot.store.remove, self.entry, actor_name(interaction), self.version,
                               in_place=True)


class CancelButton(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                   template=r"sb:kbno:(?P<user>\d+)(?::(?P<token>[A-Za-z0-9_-]{8,40}))?"):
    """Cancel on a confirmation: the question is replaced by "nothing was changed" (a pending import
    is forgotten)."""

    def __init__(self, user: int, token: str = "") -> None:
        super().__init__(discord.ui.Button(label="Cancel", style=discord.ButtonStyle.secondary,
                                           custom_id=f"sb:kbno:{user}" + (f":{token}" if token else "")))
        self.user = user
        self.token = token

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> CancelButton:
        return cls(int(match["user"]), match["token"] or "")

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.user.id != self.user:
            await send_ephemeral(interaction, "Only the moderator who asked can cancel this.")
            return
        if not await first_press(interaction):  # too late: the change is under way, and its outcome will show
            return
        if self.token:
            story_bot(interaction).pending_imports.pop(self.token, None)
        await interaction.response.edit_message(content="Cancelled: nothing was changed.", embed=None, view=None)


def confirm_view(confirm: discord.ui.Item[Any], user: int, token: str = "") -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(confirm)
    view.add_item(CancelButton(user, token))
    return view


class ConfirmImport(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                    template=r"sb:kbimp:(?P<token>[A-Za-z0-9_-]{8,40})"):
    def __init__(self, token: str) -> None:
        super().__init__(discord.ui.Button(label="Import these changes", style=discord.ButtonStyle.primary,
                                           custom_id=f"sb:kbimp:{token}"))
        self.token = token

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> ConfirmImport:
        return cls(match["token"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        bot = story_bot(interaction)
        if await pressed_before(interaction):  # cancelled, or being imported: that outcome will show
            return
        pending = bot.pending_imports.pop(self.token, None)
        if pending is None or pending.expires < time.monotonic():
            await send_ephemeral(interaction, "This import has expired or was already applied. Run `/kb import` "
                                              "again.")
            return
        if interaction.user.id != pending.user or not await moderator_only(interaction, "an import"):
            bot.pending_imports[self.token] = pending
            if interaction.user.id != pending.user:
                await send_ephemeral(interaction, "Only the moderator who uploaded the file can confirm it.")
            return
        if not await first_press(interaction):
            return

        def explain(error: StoreError) -> str:
            return refusal_text(error, upload=(pending.name, pending.text))

        try:
            with carried_out(interaction):
                await interaction.response.defer()  # the preview becomes what happened
                await apply_change(interaction, bot.store.import_entries, pending.text, actor_name(interaction),
                                   pending.name, pending.plan, in_place=True, explain=explain)
        except BaseException:
            bot.pending_imports.setdefault(self.token, pending)  # kept for a press once the trouble is over
            raise


class PendingImport:
    def __init__(self, text: str, name: str, user: int, plan: dict[str, list[str]] | None = None) -> None:
        self.text = text
        self.name = name
        self.user = user
        self.plan = plan  # what the preview said it would add and change: a confirm does that or nothing
        self.expires = time.monotonic() + IMPORT_TTL


def new_import_token(pending: dict[str, PendingImport]) -> str:
    """A token for a new pending import; expired ones are forgotten first (each holds up to 1 MB)."""
    now = time.monotonic()
    for token in [token for token, item in pending.items() if item.expires < now]:
        del pending[token]
    return secrets.token_urlsafe(12)


class UnansweredNew(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                    template=r"sb:kbq:new:(?P<key>[0-9a-f]{16})"):
    """Opens the add form with an unanswered question already filled in."""

    def __init__(self, key: str, label: str = "New entry", row: int | None = None) -> None:
        super().__init__(discord.ui.Button(label=clip(label, limits.BUTTON_LABEL), style=discord.ButtonStyle.primary,
                                           custom_id=f"sb:kbq:new:{key}", row=row))
        self.key = key

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> UnansweredNew:
        return cls(match["key"], item.label or "New entry")

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        if not await moderator_only(interaction, "adding from unanswered"):
            return
        question = await question_for(interaction, self.key)
        if question is None or await already_listed(interaction, question):
            return
        await interaction.response.send_modal(EntryModal(EntryForm("", question, "", ""), editing=False,
                                                         kb=story_bot(interaction).engine.kb, unanswered=question))


class UnansweredAttach(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                       template=rf"sb:kbq:to:(?P<key>[0-9a-f]{{16}}):(?P<entry>{ENTRY})"):
    """"Add to ...": shows the answer the unanswered question would then get, and asks to confirm."""

    def __init__(self, key: str, entry: str, label: str = "", row: int | None = None) -> None:
        super().__init__(discord.ui.Button(label=clip(label or f"Add to {entry}", limits.BUTTON_LABEL),
                                           style=discord.ButtonStyle.secondary, custom_id=f"sb:kbq:to:{key}:{entry}",
                                           row=row))
        self.key = key
        self.entry = entry

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> UnansweredAttach:
        return cls(match["key"], match["entry"], item.label or "")

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        from bot.app.screens.answering import answer_reply

        if not await moderator_only(interaction, "adding a question to an entry"):
            return
        bot = story_bot(interaction)
        question = await question_for(interaction, self.key)
        if question is None or await already_listed(interaction, question):
            return
        result = bot.engine.answer_entry(self.entry, question)
        if result is None:
            await send_ephemeral(interaction, f"`{self.entry}` is no longer in the knowledge base.")
            return
        card = answer_reply(result, bot.engine).embed
        assert card is not None  # an answer always has its card
        shown_entry = bot.engine.kb.get(self.entry)
        assert shown_entry is not None  # it just answered
        view = confirm_view(UnansweredConfirm(self.key, self.entry, answer_key(shown_entry)), interaction.user.id)
        await interaction.response.send_message(
            clip(f"After this, “{shown(question)}” gets this answer (`{self.entry}`). Teach it?", limits.CONTENT),
            embed=card, view=view, ephemeral=True)


ANSWER_KEY = 8  # hex digits of the shown answer's digest a Teach it button carries (a custom id holds 100 characters)


def answer_key(entry: Entry) -> str:
    """What the answer card of ``entry`` shows (its answer and citations), as a short digest."""
    shown = "\n".join([entry.answer, *(f"{cite.line}:{cite.quote}" for cite in entry.cite)])
    return hashlib.sha256(shown.encode()).hexdigest()[:ANSWER_KEY]


class UnansweredConfirm(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                        template=rf"sb:kbq:ok:(?P<key>[0-9a-f]{{16}}):(?P<entry>{ENTRY})"
                                 rf"(?::(?P<answer>[0-9a-f]{{{ANSWER_KEY}}}))?"):
    """Teaches an existing entry the unanswered question as one more way to ask it, once confirmed; ``answer``: the
    answer the moderator was shown, which an edit since makes the confirm refuse (they agreed to that answer)."""

    def __init__(self, key: str, entry: str, answer: str | None = None) -> None:
        kept = f":{answer}" if answer else ""
        super().__init__(discord.ui.Button(label="Teach it", style=discord.ButtonStyle.primary,
                                           custom_id=f"sb:kbq:ok:{key}:{entry}{kept}"))
        self.key = key
        self.entry = entry
        self.answer = answer

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> UnansweredConfirm:
        return cls(match["key"], match["entry"], match["answer"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        if not await moderator_only(interaction, "adding a question to an entry") or not await first_press(interaction):
            return
        bot = story_bot(interaction)
        with carried_out(interaction):
            await interaction.response.defer()  # the change waits for the store's lock: acknowledge first
            question = await question_for(interaction, self.key, in_place=True)
            if question is None:
                return
            now = bot.engine.kb.get(self.entry)
            if self.answer is not None and now is not None and answer_key(now) != self.answer:
                await tell(interaction, f"`{self.entry}` was edited after you saw its answer, so nothing was taught: "
                                        "press its button in `/kb unanswered` again to see the answer it gives now.",
                           in_place=True)
                return
            outcome = await apply_change(interaction, bot.store.add_question, self.entry, question,
                                         actor_name(interaction), in_place=True)
        if outcome is not None:
            await forget_listed(bot, question)


async def already_listed(interaction: discord.Interaction[Any], question: str) -> bool:
    """Said, and ``True``, when an entry already lists the question (listed since it was asked): the store
    would refuse it in a second one."""
    bot = story_bot(interaction)
    entry = bot.engine.listed_in(question)
    if entry is None:
        return False
    await send_ephemeral(interaction, clip(f"“{shown(question)}” is already one of the questions of `{entry.id}` "
                                           f"(“{shown(entry.heading)}”), so there is nothing to teach; it is off "
                                           "the unanswered list now. Edit that entry if it answers the question "
                                           "wrongly.", limits.CONTENT))
    await forget_listed(bot, question)  # after the reply: the journal may be busy
    return True


async def read_in_time(bot: StoryBot, read: Callable[..., Any], *args: Any) -> Any:
    """``read(*args)`` on the bot's reads pool, for at most ``LOOKUP_WITHIN`` seconds; raises ``JournalBusy``
    past that (the read is abandoned: it still ends on its thread, or is dropped if it never started)."""
    loop = asyncio.get_running_loop()
    try:
        return await asyncio.wait_for(loop.run_in_executor(bot.reads, functools.partial(read, *args)), LOOKUP_WITHIN)
    except TimeoutError:
        raise JournalBusy from None


async def find_unanswered(bot: StoryBot, key: str) -> str | None:
    """The unanswered question a button's key stands for; ``None`` when it is no longer recorded. Raises
    ``JournalBusy`` when the journal can't be read in time to answer the click."""
    found = _LISTED.get(key)
    if found is not None:
        return found
    items = await read_in_time(bot, bot.journal.unanswered, 500, None, False)
    for item in items:
        if question_key(item.question) == key:
            return item.question
    return None


class JournalBusy(Exception):
    """The journal (or the knowledge files) stayed locked past the time a click has to be answered in."""


KB_BUSY = "The knowledge base is busy just now, so I couldn't open that entry: try again in a moment."


async def question_for(interaction: discord.Interaction[Any], key: str, in_place: bool = False) -> str | None:
    """The question of an unanswered-list button, or ``None`` once the moderator has been told why not."""
    try:
        question = await find_unanswered(story_bot(interaction), key)
    except JournalBusy:
        release_press(interaction)  # "press again" must work: the message keeps its buttons
        await tell(interaction, "My journal is busy just now, so I couldn't look that question up: press the "
                                "button again in a moment.", in_place=False)
        return None
    if question is None:
        await tell(interaction, "That question is no longer in the unanswered list.", in_place=in_place)
    return question


KB_DYNAMIC_ITEMS = (ConfirmRemove, ConfirmImport, CancelButton, UnansweredNew, UnansweredAttach, UnansweredConfirm)
