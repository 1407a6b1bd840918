"""Building the index: how terms are weighed, and which words are one word's family."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from bot.core.matching.index.building import ARTICLE_SYNONYMS, _same_family, _weigh, _word_families
from bot.core.matching.scores import Tuning
from bot.core.matching.words.analysis import Analyzer
from bot.core.matching.words.normalize import stem
from bot.core.matching.words.related import related
from tests.conftest import KNOWLEDGE

ENGINE = Engine.load(KNOWLEDGE)


@pytest.mark.parametrize("word", ["through", "along", "because", "else", "nothing"])
def test_a_function_word_only_one_pattern_uses_weighs_as_an_everyday_word(word: str) -> None:
    term = stem(word)
    bags = [frozenset({term, "bakeri"}), frozenset({"bakeri", "bread"}), frozenset({"mayor"})]
    weights, light = _weigh(bags, {"bakeri", "bread", "mayor"}, Analyzer(), Tuning())
    assert weights[term] == Tuning().generic_weight < weights["mayor"]
    assert term in light


@pytest.mark.parametrize("word", ["still", "yet", "already", "again", "ever", "never", "always"])
def test_an_adverb_of_time_is_a_word_of_the_question_that_weighs_little(word: str) -> None:
    # "is she still in her job" asks whether it lasts, not "what is her job": the adverb is read, lightly
    assert stem(word) in Analyzer().terms(f"is she {word} in her job")
    term = stem(word)
    bags = [frozenset({term, "bakeri"}), frozenset({"bakeri", "bread"}), frozenset({"mayor"})]
    weights, _light = _weigh(bags, {"bakeri", "bread", "mayor"}, Analyzer(), Tuning())
    assert weights[term] == Tuning().generic_weight < weights["mayor"]


def test_a_word_of_the_same_family_as_the_entrys_explains_the_questions_word() -> None:
    """'how many nations are part of the station programme?': the entry says "program"; WordNet relates the two
    and they start alike, so the entry explains "programme" where the stemmer kept them apart. A related word of
    another family ("ground" and "earth") is no such explanation: its senses are too many to trust."""
    assert _same_family("programm", "program") and _same_family("tens", "tension")
    assert not _same_family("ground", "earth") and not _same_family("us", "use")
    assert ENGINE.ask("how many nations are part of the station programme").entry == "participating-countries"


def test_a_short_word_is_of_a_family_only_with_an_ending() -> None:
    """'how long is a day on mars?': "mars" is read as the stem "mar", which WordNet lists as the abbreviation of
    "march"; three letters alike are no family unless the longer word is the shorter with an ending ("act" and
    "action", "own" and "owner"), so an entry asked "did russia invade in march" doesn't explain "mars"."""
    assert _same_family("act", "action") and _same_family("own", "owner")
    assert not _same_family("mar", "march") and not _same_family("pro", "profession")
    assert _same_family("tens", "tension")  # four letters alike: a family, whatever the ending
    assert not ENGINE.ask("how long is a day on mars").answered


def test_a_word_family_holds_both_ways() -> None:
    """'in which city was this news written?' and 'where was it write': WordNet leads the participle "written" to
    "write" but not back, and the two are one word's family whichever of them the question uses."""
    assert "write" in related("written")[0] and "written" not in related("write")[0]
    vocabulary = ["write", "written"]
    kin_at, kin = _word_families(vocabulary, {term: n for n, term in enumerate(vocabulary)}, set())
    assert list(kin[kin_at[0]:kin_at[1]]) == [1] and list(kin[kin_at[1]:kin_at[2]]) == [0]


def test_a_questions_word_the_article_says_in_a_synonym_has_the_articles_word_as_kin() -> None:
    """'what is the station meant to promote?': "promote" is a word of the questions only; the article says "advance",
    one of its commonest synonyms, so "advance" is its kin, one way only: the article's own word is not the
    questions'. A synonym the article doesn't use, or a questions' word the article uses itself, has none."""
    assert "advanc" in related("promot")[0][:ARTICLE_SYNONYMS]
    vocabulary = ["advanc", "boost", "promot"]
    term_id = {term: n for n, term in enumerate(vocabulary)}
    kin_at, kin = _word_families(vocabulary, term_id, set(), {"advanc"})
    assert list(kin[kin_at[2]:kin_at[3]]) == [0]  # promote -> advance
    assert list(kin[kin_at[0]:kin_at[1]]) == [] and list(kin[kin_at[1]:kin_at[2]]) == []
    kin_at, kin = _word_families(vocabulary, term_id, set(), {"advanc", "promot"})
    assert list(kin[kin_at[2]:kin_at[3]]) == []  # the article says "promote" itself
    assert ENGINE.ask("what does nasa say the iss should promote other than science?").entry == "station-purpose"
