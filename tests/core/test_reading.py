"""Reading a message before matching it: small talk is met as small talk, never as a question to decline."""

from __future__ import annotations

import pytest

from bot.core.reading import SmallTalk, small_talk


@pytest.mark.parametrize(("text", "kind"), [
    ("hi", SmallTalk.GREETING), ("Hi there!", SmallTalk.GREETING), ("good morning everyone", SmallTalk.GREETING),
    ("thanks!!", SmallTalk.THANKS), ("thank you so much bot", SmallTalk.THANKS), ("thx", SmallTalk.THANKS),
    ("help?", SmallTalk.HELP), ("help me please", SmallTalk.HELP), ("what can you do?", SmallTalk.HELP),
])
def test_a_greeting_thanks_or_plea_for_help_alone_is_small_talk(text: str, kind: SmallTalk) -> None:
    assert small_talk(text) is kind


@pytest.mark.parametrize("text", ["hi, who runs the station?", "thanks for nothing", "hello world", "👋", "",
                                  "help the cosmonauts"])
def test_anything_more_is_a_question(text: str) -> None:
    assert small_talk(text) is None
