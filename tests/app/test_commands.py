"""The command set: unique names, valid payloads, the /kb group locked down."""

from __future__ import annotations

import json
import subprocess
import sys

from bot.app.client import StoryBot
from tests.conftest import ROOT
from tests.support.openapi import check_limits, validate


async def test_every_extension_loads_and_no_two_commands_share_a_name(bot: StoryBot) -> None:
    await bot.load_story_extensions()
    names = [command.name for command in bot.tree.get_commands()]
    assert len(names) == len(set(names))
    assert set(names) == {"ask", "quote", "timeline", "source", "topics", "about", "kb"}
    await bot.close()


def test_commands_json_validates_against_discords_description() -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "commands", "--json"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)
    payloads = json.loads(done.stdout)
    for payload in payloads:
        validate("ApplicationCommandUpdateRequest", payload)
        check_limits("command", payload)
    kb = next(p for p in payloads if p["name"] == "kb")
    assert int(kb["default_member_permissions"]) == 32  # Manage Server
    assert kb["dm_permission"] is False


def test_the_readme_names_each_slash_command_option_as_discord_shows_it() -> None:
    """`/source [line]`: what a person types in Discord is the option's name in the payload, even where the
    option's meaning (a paragraph number) would read better; scripts depend on the name."""
    import re

    done = subprocess.run([sys.executable, "-m", "bot", "commands", "--json"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)
    options = {p["name"]: {o["name"] for o in p.get("options", [])} for p in json.loads(done.stdout)}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = re.findall(r"`/([a-z]+) \[([a-z_]+)\]`", readme)
    assert ("source", "line") in documented
    for command, option in documented:
        assert option in options[command], f"README: /{command} has no option {option!r}"
