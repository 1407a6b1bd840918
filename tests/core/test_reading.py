"""Reading a message before matching it: small talk is met as small talk, never as a question to decline."""

from __future__ import annotations

import pytest

from bot.core.reading import SmallTalk, small_talk


@pytest.mark.parametrize(("text", "kind"), [
    ("hi", SmallTalk.GREETING), ("Hi there!", SmallTalk.GREETING), ("good morning everyone", SmallTalk.GREETING),
    ("thanks!!", SmallTalk.THANKS), ("thank you so much bot", SmallTalk.THANKS), ("thx", SmallTalk.THANKS),
    ("help?", SmallTalk.HELP), ("help me please", SmallTalk.HELP), ("what can you do?", SmallTalk.HELP),
    ("who are you?", SmallTalk.HELP), ("ok", SmallTalk.OKAY), ("Cool!", SmallTalk.OKAY),
    ("bye", SmallTalk.BYE), ("see ya bot", SmallTalk.BYE),
])
def test_a_greeting_thanks_or_plea_for_help_alone_is_small_talk(text: str, kind: SmallTalk) -> None:
    assert small_talk(text) is kind


@pytest.mark.parametrize("text", ["hi, who runs the station?", "thanks for nothing", "hello world", "👋", "",
                                  "help the cosmonauts", "ok so who runs the station", "who are the cosmonauts",
                                  "what is this about"])
def test_anything_more_is_a_question(text: str) -> None:
    assert small_talk(text) is None


def test_mash_pasted_over_and_over_is_still_unreadable() -> None:
    from pathlib import Path

    from bot.core.engine import Engine
    from tests.conftest import SECOND_STORY

    reader = Engine.load(Path(SECOND_STORY), cache_dir=None).reader
    assert not reader.read("qzxv wplk").readable
    assert not reader.read("qzxv wplk " * 400).readable  # each run counts once, not 400 times
    assert reader.read("how many people work at the bakery").readable
