"""Typo correction: the story's words first, then common English; real words are left alone."""

from __future__ import annotations

from bot.core.matching.spelling import Speller


def speller(*words: str) -> Speller:
    found = Speller()
    found.learn(words)
    return found


def test_a_misspelt_story_word_becomes_the_story_word() -> None:
    assert speller("cosmonauts").correct("cosmonots") == "cosmonauts"


def test_a_misspelt_ordinary_word_becomes_the_ordinary_word_not_an_unknown_one() -> None:
    spell = speller("cosmonauts")
    assert spell.correct("governmnt") == "government"
    assert spell.correct("abot") == "about"


def test_the_story_word_wins_a_tie_with_an_english_word() -> None:
    assert speller("lueders").correct("lueder") == "lueders"


def test_real_words_and_non_words_are_taken_as_meant() -> None:
    spell = speller("match")
    assert spell.correct("march") == "march"
    assert spell.correct("covid19") == "covid19"
    assert spell.correct("xqzjkv") == "xqzjkv"


def test_a_dropped_g_is_put_back_when_the_story_knows_the_word() -> None:
    assert speller("holding").correct("holdin") == "holding"
