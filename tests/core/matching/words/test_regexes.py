"""A pattern compiled on first use behaves as the compiled pattern does."""

from __future__ import annotations

import re

from bot.core.matching.words.regexes import lazy


def test_a_lazy_pattern_is_compiled_only_when_first_used() -> None:
    pattern = lazy(r"\bwho\b", re.IGNORECASE)
    assert pattern._compiled is None and pattern.pattern == r"\bwho\b"
    assert pattern.search("So WHO said it?") is not None
    assert pattern._compiled is not None


def test_a_lazy_pattern_answers_as_re_does() -> None:
    source, text = r"\s*,\s*|\s+(?=but\b)", "first, then but last, done"
    compiled, deferred = re.compile(source), lazy(source)
    assert deferred.split(text) == compiled.split(text)
    assert deferred.sub("|", text) == compiled.sub("|", text)
    assert [m.span() for m in deferred.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert deferred.match(text) is None and compiled.match(text) is None
    assert deferred.fullmatch(", ") is not None
