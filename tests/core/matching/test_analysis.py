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
