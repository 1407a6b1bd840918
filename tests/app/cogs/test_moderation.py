"""/kb's replies stay within Discord's limits whatever a valid knowledge base holds."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.app.cogs.moderation import entry_embed
from bot.app.screens import limits
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
