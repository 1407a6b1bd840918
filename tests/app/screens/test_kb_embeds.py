"""/kb's embeds: what each says, within Discord's limits whatever a valid knowledge base holds."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.app.screens import limits
from bot.app.screens.kb_embeds import entry_embed
from bot.core.engine import Engine
from tests.conftest import replace_in


def test_kb_show_keeps_a_long_topic_within_a_fields_limit(kb_copy: Path) -> None:
    topic = " ".join(["Topic"] * 240)  # valid: a topic may be up to 1,500 characters
    replace_in(kb_copy / "facts.yaml", "    topic: The story\n", f"    topic: {topic}\n")
    engine = Engine.load(kb_copy)
    raw = next(e for e in yaml.safe_load((kb_copy / "facts.yaml").read_text(encoding="utf-8"))["facts"]
               if e["topic"] == topic)
    embed = entry_embed(raw, engine.kb)
    assert all(len(field.value or "") <= limits.FIELD_VALUE for field in embed.fields)
    assert len(embed) <= limits.EMBED_TOTAL
    kind = next(field.value for field in embed.fields if field.name == "Kind")
    assert kind is not None and kind.startswith("fact · topic: Topic") and kind.endswith("…")


def test_kb_feedback_names_an_entry_by_its_title_and_one_since_removed_by_its_id_alone(kb_copy: Path) -> None:
    from bot.app.screens.kb_embeds import feedback_embed
    from bot.core.storage.journal import EntryFeedback

    kb = Engine.load(kb_copy).kb
    entry = kb.entries[0]
    embed = feedback_embed([EntryFeedback(entry.id, 2, 1, ["why @everyone?"]),
                            EntryFeedback("gone-since", 1, 0, [])], kb)
    assert [field.name for field in embed.fields] == [f"{entry.heading} ({entry.id}): 2 👎 · 1 👍",
                                                       "gone-since: 1 👎 · 0 👍"]
    assert [field.value for field in embed.fields] == ["• why @\u200beveryone?", "—"]


def test_kb_history_says_who_when_and_what_was_undone_with_a_footer_only_past_one_page() -> None:
    from bot.app.screens.kb_embeds import history_embed
    from bot.core.storage.journal import ChangeRecord

    record = ChangeRecord(7, "2026-12-07T10:00:00+00:00", "discord:Ann (42)", "edit", "edited staff", ["staff"],
                          {}, None, 9)
    one = history_embed([record], 1, 1)
    assert one.fields[0].name == "Change 7: edited staff (undone by change 9)"
    assert one.fields[0].value == "<@42> · <t:1796637600:R> (<t:1796637600:f>)"
    assert one.footer.text is None
    assert history_embed([record], 2, 3).footer.text == "Page 2 of 3 · /kb history page:N for another page"
    assert history_embed([], 1, 1).description == "No changes yet."
    assert history_embed([], 2, 2).description == "No changes on this page."
