"""The analyzer: from a question's words to the terms the matcher weighs."""

from __future__ import annotations

from bot.core.knowledge import AliasGroup, Origin
from bot.core.matching.analysis import Analyzer


def _aliases(*groups: tuple[str, tuple[str, ...]]) -> list[AliasGroup]:
    return [AliasGroup(term, same_as, Origin("aliases.yaml", line)) for line, (term, same_as) in enumerate(groups, 1)]


def test_a_longer_alias_starting_inside_a_shorter_one_wins() -> None:
    # "the state" (read as "the States") starts first, but "state rail company" is the longer phrase.
    analyzer = Analyzer(_aliases(("us", ("the states",)), ("railways", ("state rail company",))))
    assert analyzer.terms("who owns the state rail company") == ["who", "own", "railway"]
    assert analyzer.terms("who owns the state rail company", correct_typos=True) == ["who", "own", "railway"]
    read = analyzer.read("who owns the state rail company", vocabulary={"own", "railway", "us"})
    assert [r.term for r in read] == ["who", "own", "railway"]
    assert analyzer.terms("what did the states say") == ["us", "say"]  # alone, the shorter alias still counts


def test_an_alias_that_is_an_everyday_word_is_the_name_only_in_capitals_or_after_the() -> None:
    analyzer = Analyzer(_aliases(("us", ("united states", "us space agency"))))
    assert analyzer.terms("what did the US say") == ["us", "say"]
    assert analyzer.terms("what did the us say") == ["us", "say"]
    assert analyzer.terms("can you give us the answer") == ["give", "answer"]  # the pronoun: a stopword
    assert [r.term for r in analyzer.read("please give us the answer", vocabulary={"us", "answer"})] == \
        ["give", "answer"]
    # A longer phrase it starts is the name however it is written.
    assert analyzer.terms("us space agency") == analyzer.terms("US space agency") == ["us"]


def test_the_analyzer_state_keeps_which_aliases_are_everyday_words() -> None:
    analyzer = Analyzer(_aliases(("us", ("united states",))))
    restored = Analyzer.from_state(analyzer.state())
    question = "tell us what the US said"
    assert restored.terms(question) == analyzer.terms(question) == ["tell", "us", "said"]
