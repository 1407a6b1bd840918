"""The plain English word lists: which words frame a question and which say what it asks."""

from __future__ import annotations

from bot.core.matching.index.building import _weigh
from bot.core.matching.scores import Tuning
from bot.core.matching.words.analysis import Analyzer
from bot.core.matching.words.lexicon import GENERIC_WORDS, STOPWORDS


def test_still_asks_whether_something_goes_on_so_the_question_keeps_it() -> None:
    # "are they still working together?" asks whether it goes on, not whether they ever did.
    assert "still" not in STOPWORDS
    assert Analyzer().terms("are they still working together") == ["still", "work", "togeth"]


def test_still_counts_little_unless_the_article_uses_it() -> None:
    assert "still" in GENERIC_WORDS
    bags = [frozenset({"still", "bake"}), frozenset({"bake", "bread"}), frozenset({"mayor"})]
    weights, light = _weigh(bags, {"bake", "bread", "mayor"}, Analyzer(), Tuning())
    assert weights["still"] == Tuning().generic_weight and "still" in light
    weights, light = _weigh(bags, {"still", "bake", "bread", "mayor"}, Analyzer(), Tuning())
    assert weights["still"] > Tuning().generic_weight and "still" not in light


def test_i_wondered_frames_a_question_like_i_wonder() -> None:
    assert Analyzer().terms("and i wondered how many americans are up there") == \
        Analyzer().terms("how many americans are up there")


def test_a_reflexive_pronoun_carries_no_meaning_like_the_pronoun_itself() -> None:
    analyzer = Analyzer()
    assert analyzer.terms("how did the teams conduct themselves") == analyzer.terms("how did the teams conduct")
    assert {"ourselves", "yourself", "yourselves", "themselves"} <= STOPWORDS


def test_a_verb_of_reporting_frames_what_was_said_like_say() -> None:
    # "did she say anything suggesting they still talk?", "did he imply that ...": the asker wants what was said;
    # "suggest", "indicate" and "imply" report it as "say" and "mention" do, and weigh as little unless the article
    # itself uses them.
    for word in ("suggest", "suggesting", "indicated", "implies"):
        assert word in GENERIC_WORDS
    bags = [frozenset({"suggest", "bake"}), frozenset({"bake", "bread"}), frozenset({"mayor"})]
    weights, light = _weigh(bags, {"bake", "bread", "mayor"}, Analyzer(), Tuning())
    assert weights["suggest"] == Tuning().generic_weight and "suggest" in light


def test_a_verb_of_hoping_frames_what_is_hoped_like_want() -> None:
    # "what does she hope for between the two towns?": the asker wants what was hoped for; "hope" and "wish" are
    # everyday verbs of attitude like "want" and "think", weighing little unless the article itself uses them.
    for word in ("hope", "hopes", "hoping", "wish", "want"):
        assert word in GENERIC_WORDS
    bags = [frozenset({"hope", "bake"}), frozenset({"bake", "bread"}), frozenset({"mayor"})]
    weights, light = _weigh(bags, {"bake", "bread", "mayor"}, Analyzer(), Tuning())
    assert weights["hope"] == Tuning().generic_weight and "hope" in light


def test_every_form_of_get_carries_no_meaning_american_gotten_too() -> None:
    """'have ties gotten worse?' asks what 'have ties got worse?' asks: "gotten" is no word of the question's
    subject, and unknown to the story it would weigh the most."""
    assert {"get", "gets", "got", "gotten", "getting"} <= STOPWORDS
