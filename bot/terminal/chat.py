"""Terminal chat: the same engine as the Discord bot, one question per line.

With a terminal on stdin there is a prompt with line editing (``readline``); with a pipe
each input line gets one answer, and the banner goes to stderr so stdout stays clean.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.core.answers import UNPLACED_TEXT, Kind, Result, left_note, render_text
from bot.core.engine import Engine, KnowledgeError
from bot.core.knowledge.sources import fingerprint
from bot.core.messages import ends_sentence, question_part
from bot.core.misses import Miss
from bot.core.quoting import quote_text
from bot.core.small_talk import SmallTalk, small_talk
from bot.terminal import command
from bot.terminal.reports import counted

FALLBACK_WIDTH = 88  # when the output is not a terminal and $COLUMNS is not set
INFERRED = "†"
NBSP = "\u00a0"

HELP = """Ask anything about the story in plain words. Also:
  topics          what I can answer
  timeline        the story's events in order
  source [N ...]  the article with its paragraphs numbered, or paragraph N
                  (source 3, source 3 4, source 2-4)
  dates           how the timeline's worked-out dates (†) were worked out
  quotes          every direct quote
  1, 2, 3 ...     pick one of the questions offered after "Did you mean"
                  (any of them, in turn, until you ask something new)
  help            this text
  quit            leave (or Ctrl-D or Ctrl-C)"""


# A short request for a command, in words around it ("help me", "topics please", "what are the topics?", "timeline?",
# "bye"): the command, and only words of politeness or filler besides, none of which a question needs.
# "dates" is not among them: "what are the dates?" asks the story, not how the timeline's dates were worked out.
REQUESTABLE = {"help": "help", "topics": "topics", "topic": "topics", "commands": "help", "timeline": "timeline",
               "quotes": "quotes"}
# Leaving throws the conversation away, so it takes a plain goodbye: no question mark, and nothing but farewells
# and thanks around the word ("quit.", "ok bye", "thanks, goodbye"), never "can we quit?" or "is there an exit".
LEAVING = frozenset({"quit", "exit", "bye", "goodbye"})
FAREWELL = frozenset("ok okay thanks thank you thx ty cheers bye goodbye now then please pls".split())
POLITE = frozenset(
    "please pls plz plox thanks thank thx ty you me us i we can could would may get give show list see tell "
    "want need have some any all the a an your my what which are is there ok okay hey hi hello so now again "
    "just quick".split())
MOST_WORDS = 6


def _farewell(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.lower())
    return (0 < len(words) <= MOST_WORDS and any(word in LEAVING for word in words)
            and all(word in LEAVING or word in FAREWELL for word in words))


def asks_to_leave(text: str) -> bool:
    return "?" not in text and _farewell(text)


def asks_how_to_leave(text: str) -> bool:
    """ "quit?", "bye?": likely asking whether that is how to leave; told, rather than left."""
    return "?" in text and _farewell(text)


def requested_command(text: str) -> str | None:
    """The command a short message asks for in words: 'help' for "help me" or "help pls", 'topics' for
    "topics please"; ``None`` when any other word is in it (then it is a question for the engine)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    commands = [REQUESTABLE[word] for word in words if word in REQUESTABLE]
    if len(words) > MOST_WORDS or len(set(commands)) != 1:
        return None
    if not all(word in REQUESTABLE or word in POLITE for word in words):
        return None
    return commands[0]


PICK_LIKE = re.compile(r"#?\s*(-?\d{1,6})\s*[.)]?")  # a number written as a pick; a minus is out of range
_ONE_PICK = r"#?\s*-?\d{1,6}\s*[.)]?"
#: two or more picks in one line ('1 2', '1, 3', '2 and 3'): one at a time is how a list is picked from
PICKS_LIKE = re.compile(rf"{_ONE_PICK}(?:\s*(?:,|;|&|/|\+|\band\b|\bor\b)?\s*{_ONE_PICK})+", re.IGNORECASE)
HOW_TO_LEAVE = "Type 'quit' to leave (or Ctrl-D)."
NO_LIST = "There is no \"Did you mean\" list open to pick from — ask a question in words."


def pick_range(count: int) -> str:
    """How to pick one of ``count`` numbered things: 'a number from 1 to 3', or just '1' when there is one."""
    return "1" if count == 1 else f"a number from 1 to {count}"


def terminal_width() -> int:
    """The width to wrap to: the terminal's (or $COLUMNS), less one so nothing wraps by itself; 88 for a pipe."""
    return max(shutil.get_terminal_size((FALLBACK_WIDTH + 1, 24)).columns - 1, 20)


def _wrap(text: str, width: int, indent: str = "  ") -> str:
    return textwrap.fill(text, width=width, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


def fit(text: str, width: int) -> str:
    """Every line of ``text`` within ``width``: a longer one wrapped under its own indent, the rest as they are."""
    lines = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        lines.append(textwrap.fill(line.strip(), width=width, initial_indent=indent, subsequent_indent=indent + "  ",
                                   break_long_words=False, break_on_hyphens=False))
    return "\n".join(lines)


def render_topics(engine: Engine, width: int = FALLBACK_WIDTH) -> str:
    lines = []
    for topic, entries in engine.topics().items():
        lines.append(_wrap(f"{topic}:", width))
        lines += [_wrap(f"  - {entry.heading}", width, "    ") for entry in entries]
    return "\n".join(lines)


def render_timeline(engine: Engine, width: int = FALLBACK_WIDTH) -> str:
    article, story = engine.kb.article, engine.kb.story
    lines = []
    marked = False
    for event in engine.timeline():
        worked_out = bool(event.inferred) and not any(
            c.line == story.dateline.line and story.dateline.quote in c.quote for c in event.cite)
        marked = marked or worked_out
        mark = f"{INFERRED} " if worked_out else ""
        where = article.paragraphs_named(c.line for c in event.cite)
        lines.append(_wrap(f"{mark}{event.when}: {event.event} ({where})", width))
    if marked:
        lines.append(_wrap(f"{INFERRED} the date is worked out from the article; 'dates' says how.", width))
    return "\n".join(lines)


def render_dates(engine: Engine, width: int = FALLBACK_WIDTH) -> str:
    story = engine.kb.story
    lines = [_wrap(f"{INFERRED} {event.when}: {event.inferred}", width) for event in engine.timeline()
             if event.inferred and not any(c.line == story.dateline.line and story.dateline.quote in c.quote
                                           for c in event.cite)]
    return "\n".join(lines) or "Every date in the timeline is stated in the article."


_FILLER = re.compile(r"\b(?:paragraphs?|paras?|and)\b|[,;&]")
_NUMBERS = re.compile(r"(?:#|p|no\.?)?(\d+)(?:[-–](?:#|p)?(\d+))?")


def paragraph_numbers(argument: str) -> list[tuple[int, int]] | None:
    """The paragraphs asked for after ``source`` as ranges: ``3``, ``paragraph 3``, ``#3``, ``p3``, ``３``
    (digits read as NFKC), ``3 4``, ``3, 4 and 5``, ``2-4``; ``None`` when the words are not paragraph numbers."""
    if any(char.isdigit() and not char.isdecimal() for char in argument):
        return None  # '²' or '③' is not a paragraph number, though NFKC would make it one
    words = _FILLER.sub(" ", unicodedata.normalize("NFKC", argument).lower()).split()
    ranges = []
    for word in (w for w in words if w not in ("#", "p", "no", "no.")):
        found = _NUMBERS.fullmatch(word)
        if found is None:
            return None
        first, last = int(found[1]), int(found[2] or found[1])
        ranges.append((min(first, last), max(first, last)))
    return ranges or None


def render_source(engine: Engine, argument: str, width: int = FALLBACK_WIDTH) -> str:
    paragraphs = engine.source()
    if not argument.strip():
        return "\n\n".join(_wrap(f"{number}: {text}", width, "   ") for number, text in paragraphs)
    count = len(paragraphs)
    ranges = paragraph_numbers(argument)
    if ranges is None:
        if count == 1:
            return "'source' takes a paragraph number, and the article has one: source 1."
        return _wrap(f"'source' takes a paragraph number (1 to {count}): source 3, source 3 4 or source 2-4.", width)
    if not all(first >= 1 and last <= count for first, last in ranges):
        return f"The article has {count} paragraph{'s' if count != 1 else ''}: pick {pick_range(count)}."
    numbers = dict.fromkeys(n for first, last in ranges for n in range(first, last + 1))  # in order, once each
    return "\n\n".join(_wrap(f"{number}: {paragraphs[number - 1][1]}", width, "   ") for number in numbers)


def render_quotes(engine: Engine, width: int = FALLBACK_WIDTH) -> str:
    article = engine.kb.article
    return "\n".join(_wrap(f"{q.speaker}, paragraph {article.paragraph_number(q.line)}: "
                            f"{quote_text(q.text, article.line(q.line))}", width) for q in engine.kb.quotes)


def render_result(engine: Engine, result: Result, width: int = FALLBACK_WIDTH, pick: bool = False,
                  one_shot: bool = False) -> str:
    """An engine result as the terminal shows it: paragraphs, titles, and why a miss is one.

    In the chat (``pick``) a did-you-mean is numbered to pick from, and a decline points to ``topics``;
    ``one_shot`` (``ask``), where nothing can be picked and there is no ``topics``, lists the suggestions
    as bullets and points to the chat for both.
    """
    shown, miss = engine.presented(result)
    if one_shot:
        return _render_one_shot(engine, shown, miss, width)
    if not shown.suggestions and result.kind is Kind.DECLINE and miss != Miss.NO_SUCH_PARAGRAPH:
        text = render_text(shown, 1_000_000, engine.kb.article, miss)  # one line, wrapped with the hint
        return _wrap(f"{text} Type 'topics' to see what I can answer.", width)
    text = render_text(shown, width, engine.kb.article, miss)
    if shown.suggestions and pick:
        several = len(shown.suggestions) > 1
        text += "\n" + _wrap("Type a number to pick one." if several else "Type 1 to pick it.", width)
    return text


def render_each(engine: Engine, results: tuple[Result, ...], width: int = FALLBACK_WIDTH) -> str:
    """The answers to a message's several questions, each after the question it answers, as asked."""
    return "\n\n".join(f"{_wrap(f'{number}. {result.question}', width, '   ')}\n{render_result(engine, result, width)}"
                       for number, result in enumerate(results, 1))


def one_shot_command(engine: Engine, text: str, width: int = FALLBACK_WIDTH) -> str | None:
    """What the chat shows for ``topics`` (also in words: "topics please") and for ``source`` with paragraph numbers,
    for ``ask``; ``None`` for anything else, which is a question. ``source`` alone or with words ("source?", "source
    of the photos") stays a question here: it asks where the story comes from, and ``ask`` pages through nothing."""
    command, _, argument = text.strip().partition(" ")
    if command.lower() == "source" and paragraph_numbers(argument) is not None:
        return render_source(engine, argument, width)
    if requested_command(text) == "topics":
        return render_topics(engine, width)
    return None  # the timeline's † points to 'dates', which only the chat has; "help" is small talk's


def _render_one_shot(engine: Engine, shown: Result, miss: str | None, width: int) -> str:
    chat = f"`{command('chat', engine.kb.directory)}`".replace(" ", NBSP)  # a command is never broken across lines
    if not shown.suggestions:
        if shown.kind is not Kind.DECLINE or miss == Miss.NO_SUCH_PARAGRAPH:  # the reply says what to ask instead
            return render_text(shown, width, engine.kb.article, miss)
        text = render_text(shown, 1_000_000, engine.kb.article, miss)  # one line, wrapped with the hint
        return _wrap(f"{text} To see what I can answer, run {chat} and type 'topics'.", width).replace(NBSP, " ")
    several = len(shown.suggestions) > 1
    closest = f"The closest question{'s' if several else ''} I can answer:"
    lead = (f"{UNPLACED_TEXT} {closest}" if shown.kind is Kind.DECLINE
            else f"I'm not sure {'which' if several else 'what'} you mean. {closest}")
    lines = [_wrap(lead, width)]
    lines += [_wrap(f"  - {s.question}", width, "    ") for s in shown.suggestions]
    ask_it = "Ask one of them in your own words" if several else "Ask it in your own words"
    lines.append(_wrap(f"{ask_it}, or run {chat} to pick by number.", width))
    return "\n".join(lines).replace(NBSP, " ")


class Chat:
    """One conversation: remembers the last did-you-mean so a number picks from it, as often as the person
    likes, until they ask a new question (commands such as ``topics`` or ``source`` leave it open)."""

    def __init__(self, engine: Engine, width: int | None = None,
                 on_result: Callable[[Result], None] | None = None) -> None:
        self.engine = engine
        self.width = width  # None: the terminal's width at each reply, so a resized window is followed
        self.on_result = on_result
        self.offered: list[str] = []

    def reply(self, text: str) -> str | None:
        """The reply to one input line, every line of it within the width; ``None`` means the user wants to leave."""
        width = self.width or terminal_width()
        reply = self._reply(text, width)
        return None if reply is None else fit(reply, width)

    def _reply(self, text: str, width: int) -> str | None:
        engine = self.engine
        command, _, argument = text.strip().partition(" ")
        command = command.lower()
        if command in ("quit", "exit", ":q"):
            return None
        simple: dict[str, Callable[[], str]] = {
            "help": lambda: HELP, "?": lambda: HELP, "topics": lambda: render_topics(engine, width),
            "timeline": lambda: render_timeline(engine, width), "quotes": lambda: render_quotes(engine, width),
            "dates": lambda: render_dates(engine, width),
        }
        if command in simple and not argument:
            return simple[command]()
        if asks_to_leave(text):
            return None
        goodbye = small_talk(text) is SmallTalk.BYE  # "bye for now", "see ya", "take care": any goodbye it knows
        if asks_how_to_leave(text) or (goodbye and "?" in text):
            return HOW_TO_LEAVE
        if goodbye:  # one rule for every goodbye, so the README's and small talk's all leave, not some of them
            return None
        requested = requested_command(text)  # also 'help?' and 'Topics.': a word is read without its marks
        if requested is not None:
            return simple[requested]()
        if command == "source":  # whatever follows is paragraph numbers or a usage hint, never a question
            return render_source(engine, argument, width)
        marked = PICK_LIKE.fullmatch(text.strip())  # '#1', '1.', '-1': a pick, like '1', list open or not
        if (command.isdecimal() and not argument) or marked:
            if not self.offered:  # someone who types '3' means a pick, not a question about three of something
                return NO_LIST
            number = int(marked.group(1)) if marked else int(command)
            if not 1 <= number <= len(self.offered):
                if len(self.offered) == 1:
                    return "There is only one question to pick: type 1, or ask another question."
                return f"Pick {pick_range(len(self.offered))}, or ask another question."
            picked = engine.answer_entry(self.offered[number - 1])  # the list stays open until a new question
            if picked is not None:
                return render_result(engine, picked, width)
        if PICKS_LIKE.fullmatch(text.strip()):  # not a question, so the list stays open
            if not self.offered:
                return NO_LIST
            if len(self.offered) == 1:
                return "There is only one question to pick: type 1, or ask another question."
            return f"Pick one at a time: type {pick_range(len(self.offered))}, then another for the next."
        part = question_part(text)
        each = engine.ask_each(part.text)
        if each:
            self.offered = []
            reply = render_each(engine, each, width)
        else:
            reply = self._one(text, part.text, width)
        return f"(That was long, so I read its {part.read}.)\n{reply}" if part.cut else reply

    def _one(self, text: str, question: str, width: int) -> str:
        engine = self.engine
        talk = small_talk(text)
        if talk is not None:  # "hi", "cheers", "what can you do": met as such, not as a question to decline or answer
            return small_talk_reply(engine, talk)
        result = engine.ask(question)
        if self.on_result is not None:
            self.on_result(result)
        shown, _ = engine.presented(result)
        self.offered = [s.entry for s in shown.suggestions]
        return render_result(engine, result, width, pick=True) + left_unanswered(engine, question, result, width)


def left_unanswered(engine: Engine, message: str, result: Result, width: int) -> str:
    """A line under an answer naming the message's other questions, which it doesn't answer ("" for none)."""
    left = engine.left_unanswered(message, result)
    return "\n" + _wrap(left_note(left), width) if left else ""  # the stream escapes what would steer a terminal


def small_talk_reply(engine: Engine, talk: SmallTalk) -> str:
    if talk is SmallTalk.THANKS:
        return "You're welcome!"
    if talk is SmallTalk.HELP:
        return HELP
    if talk is SmallTalk.OKAY:
        return "Okay. Ask another question, or type 'quit' to leave."
    if talk is SmallTalk.BYE:  # a goodbye has left before it gets here; kept so every kind has its reply
        return HOW_TO_LEAVE
    examples = engine.complete("", limit=1)
    example = f", for example: {examples[0]}" if examples else ""
    end = "" if ends_sentence(example) else "."  # a title that is a question ends the sentence itself
    return f"Hi! Ask me a question about the story{example}{end} Type 'help' for commands."


def one_shot_small_talk(engine: Engine, talk: SmallTalk, width: int) -> str:
    """Small talk given to ``ask``, which answers once and has no conversation to stay in or leave."""
    chat = f"`{command('chat', engine.kb.directory)}`".replace(" ", NBSP)
    if talk is SmallTalk.THANKS:
        return "You're welcome!"
    if talk is SmallTalk.BYE:
        return "Bye!"
    if talk is SmallTalk.OKAY:
        return "Okay."
    examples = engine.complete("", limit=1)
    asking = command('ask "' + examples[0] + '"', engine.kb.directory) if examples else ""
    asked = f"`{asking}`".replace(" ", NBSP)  # a command is never broken across lines
    if talk is SmallTalk.GREETING:  # one line: the example shows the quotes, and a miss points to the chat
        text = f"Hi! Ask about the story, for example {asked}" if examples else "Hi! Ask about the story in quotes."
        return _wrap(text, width).replace(NBSP, " ")
    example = f" in quotes, for example {asked}" if examples else ""
    text = f"Ask me a question about the story{example}. To talk it through, run {chat}."
    return _wrap(text, width).replace(NBSP, " ")


def reply(engine: Engine, text: str, on_result: Callable[[Result], None] | None = None) -> str | None:
    """The reply to one input line, outside a conversation; ``None`` means the user wants to leave."""
    return Chat(engine, on_result=on_result).reply(text)


def banner(engine: Engine, reason: str, width: int | None = None) -> str:
    """The chat's first lines, each wrapped to ``width`` (default: the terminal's), never breaking a word."""
    story = engine.kb.story
    lines = [reason] if reason else []
    lines.append(f"Storybot — ask about: {story.title} ({story.dateline.quote}).")
    lines.append("Type 'help' for commands, 'quit' to leave.")
    return "\n".join(_wrap(line, width or terminal_width(), indent="") for line in lines)


class Reloading:
    """The knowledge base the chat answers from, reloaded when its files change (edited while the chat runs).

    Before each question the files' names, sizes and times are compared (a few ``stat`` calls); a change loads
    the folder again. A knowledge base with an error never replaces the one answering: the chat keeps the old
    one and says, once per change, which file and line to fix."""

    def __init__(self, directory: Path, engine: Engine, cache_dir: Path | None = None) -> None:
        self.directory = directory
        self.engine = engine
        self.cache_dir = cache_dir
        self.seen = fingerprint(directory)
        self.loaded = self.seen  # the files as the engine answering was loaded from: what a reload names against

    def check(self) -> str | None:
        """Reload if a file changed since the last look; what to tell the person, or ``None`` if nothing changed."""
        now = fingerprint(self.directory)
        if now == self.seen:
            return None
        # named against the last load that worked: a file moved away while another was broken is still said
        gone = sorted({name for name, *_ in self.loaded} - {name for name, *_ in now})
        changed = sorted({name for name, *_ in set(now) - set(self.loaded)})
        self.seen = now
        before = len(self.engine.kb.entries)
        try:
            self.engine = Engine.load(self.directory, cache_dir=self.cache_dir)
        except KnowledgeError as exc:
            if not exc.problems:
                return "A knowledge file changed but could not be read, so the chat keeps answering as before."
            more = len(exc.problems) - 1
            others = f" (and {more} more; '{command('check', self.directory)}' lists them)" if more else ""
            return f"A knowledge file changed but has an error, so the chat keeps answering as before: " \
                   f"{exc.problems[0]}{others}"
        self.loaded = now
        if gone:  # a file moved away (or an editor's save caught half done): its entries went with it, say so
            fewer = before - len(self.engine.kb.entries)
            one = len(gone) == 1
            lost = f", and {counted(fewer, 'entry', 'entries')} with {'it' if one else 'them'}" if fewer > 0 else ""
            return f"(A knowledge file changed: reloaded. {', '.join(gone)} {'is' if one else 'are'} gone{lost}.)"
        which = f"{', '.join(changed)} changed" if changed else "A knowledge file changed"
        return f"({which}: reloaded.)"


def run_chat(engine: Engine, settings: Settings, reason: str = "",
             stdin: TextIO | None = None, stdout: TextIO | None = None,
             on_result: Callable[[Result], None] | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    print(banner(engine, reason), file=stdout if interactive else sys.stderr, flush=True)
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (gives input() history and line editing)
    chat = Chat(engine, on_result=on_result)
    knowledge = Reloading(settings.knowledge_dir, engine, settings.cache_dir)
    while True:
        try:
            line = input("you> ") if interactive else stdin.readline()
        except EOFError:
            print(file=stdout)  # Ctrl-D: the shell prompt starts on a line of its own
            break
        except KeyboardInterrupt:
            if not interactive:
                raise  # a script interrupted: 130, as for any command
            print(file=stdout)  # Ctrl-C at the prompt ends the chat as Ctrl-D does, not with code 130
            break
        if not interactive and not line:
            break
        if not line.strip():
            continue  # an empty line is not a question
        note = knowledge.check()
        if note is not None:
            print(_wrap(note, terminal_width(), indent=""), file=stdout if interactive else sys.stderr, flush=True)
            if knowledge.engine is not chat.engine:
                chat.engine, chat.offered = knowledge.engine, []  # a pick list names entries that may be gone
        answer = chat.reply(line.rstrip("\r\n"))
        if answer is None:
            break
        print(answer, end="\n\n", file=stdout, flush=True)
    return 0
