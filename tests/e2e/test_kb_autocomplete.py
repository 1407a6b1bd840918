"""/kb edit's entry autocomplete answers moderators only (discord.py doesn't run the group's check
for autocomplete, so the callback checks itself)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Running


@pytest.mark.parametrize("subcommand", ["edit", "remove", "show"])
async def test_entry_autocomplete_tells_a_non_moderator_nothing(editable: Running, subcommand: str) -> None:
    fake = editable.fake
    fake.allow_command("kb", fake.non_moderator)  # a server admin exposed /kb to everyone
    typed = await fake.autocomplete("kb", "entry", "iss", subcommand=subcommand, user=fake.non_moderator)
    assert await typed.choices() == []
    typed = await fake.autocomplete("kb", "entry", "iss", subcommand=subcommand, user=fake.moderator)
    choices = await typed.choices()
    assert choices and all("iss" in c["value"] for c in choices)
