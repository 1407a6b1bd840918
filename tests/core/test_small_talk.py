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
    ("awesome thank you", SmallTalk.THANKS), ("thank you so much, that was helpful", SmallTalk.THANKS),
    ("thanks that helps", SmallTalk.THANKS), ("thanks for the info!", SmallTalk.THANKS), ("cheers", SmallTalk.THANKS),
    ("see you later", SmallTalk.BYE), ("bye for now", SmallTalk.BYE), ("great, thanks, bye", SmallTalk.BYE),
    ("Good morning all, lovely day", SmallTalk.GREETING), ("hey, how's it going?", SmallTalk.GREETING),
    ("what's up bot", SmallTalk.GREETING), ("have a nice day!", SmallTalk.BYE), ("Later!", SmallTalk.BYE),
    ("morning all", SmallTalk.GREETING),
])
def test_a_greeting_thanks_or_plea_for_help_alone_is_small_talk(text: str, kind: SmallTalk) -> None:
    assert small_talk(text) is kind


@pytest.mark.parametrize("text", ["hi, who runs the station?", "thanks for nothing", "hello world", "👋", "",
                                  "help the cosmonauts", "ok so who runs the station", "who are the cosmonauts",
                                  "what is this about", "thanks, who runs the station?",
                                  "ok thanks but what about the flags", "thank you " * 5, "was it later?",
                                  "was it the morning?", "is it great?", "what's up with the flags",
                                  "was it a nice day up there", "and then later", "so later", "morning then"])
def test_anything_more_is_a_question(text: str) -> None:
    assert small_talk(text) is None
