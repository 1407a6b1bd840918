"""/kb edit's entry autocomplete answers moderators only (discord.py doesn't run the group's check
for autocomplete, so the callback checks itself)."""

from __future__ import annotations

import pytest

from bot.app.screens.limits import CHOICE_NAME, clip
from tests.e2e.conftest import Running


@pytest.mark.parametrize("subcommand", ["edit", "remove", "show"])
async def test_entry_autocomplete_tells_a_non_moderator_nothing(editable: Running, subcommand: str) -> None:
    fake = editable.fake
    fake.allow_command("kb", fake.non_moderator)  # a server admin exposed /kb to everyone
    typed = await fake.autocomplete("kb", "entry", "iss", subcommand=subcommand, user=fake.non_moderator)
    assert await typed.choices() == []
    typed = await fake.autocomplete("kb", "entry", "iss", subcommand=subcommand, user=fake.moderator)
    choices = await typed.choices()
    assert choices and all("iss" in c["value"] or "iss" in c["name"].casefold() for c in choices)
    assert "iss" in choices[0]["value"]  # ids holding what was typed come before titles that do


async def test_entry_autocomplete_finds_an_entry_by_its_title_and_shows_it(editable: Running) -> None:
    fake = editable.fake
    entry = next(e for e in editable.bot.engine.kb.entries if e.heading.casefold() not in e.id)
    words = " ".join(entry.heading.split()[:3])
    typed = await fake.autocomplete("kb", "entry", words, subcommand="edit", user=fake.moderator)
    choices = await typed.choices()
    assert {"name": clip(f"{entry.id} — {entry.heading}", CHOICE_NAME), "value": entry.id} in choices
