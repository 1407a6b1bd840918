"""Small talk is met as small talk, never as a question to decline; anything more is a question."""

from __future__ import annotations

import pytest

from bot.core.small_talk import SmallTalk, small_talk


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
