"""Why a decline is a decline: mash, words that ask about nothing, or a question the article doesn't cover."""

from __future__ import annotations

from bot.core.engine import Engine
from tests.conftest import SECOND_STORY


def test_mash_pasted_over_and_over_is_still_unreadable() -> None:
    reader = Engine.load(SECOND_STORY, cache_dir=None).reader
    assert not reader.read("qzxv wplk").readable
    assert not reader.read("qzxv wplk " * 400).readable  # each run counts once, not 400 times
    assert reader.read("how many people work at the bakery").readable
