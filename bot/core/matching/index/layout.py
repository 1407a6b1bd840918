"""The matcher's index as plain data: term strings and typed arrays of numbers, nothing else."""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from bot.core.matching.question.answer_types import KINDS
from bot.core.matching.words.lexicon import INTENT_WORDS

# Each array's typecode: 'i' 32-bit ids and offsets, 'q' 64-bit bit sets, 'd' doubles, 'B' flags (0 or 1).
TYPECODES = {
    "weights": "d", "light": "B", "pattern_entry": "i", "pattern_question": "i", "pattern_inverse": "d",
    "pattern_terms_at": "i", "pattern_terms": "i", "term_patterns_at": "i", "term_patterns": "i",
    "term_text_at": "i", "term_text": "i", "term_impact_at": "i", "term_impact": "i",
    "entry_intents": "q", "entry_holds": "q", "entry_article": "B", "entry_words_at": "i", "entry_words": "i",
    "term_kin_at": "i", "term_kin": "i",
}
ITEM_SIZES = {"i": 4, "q": 8, "d": 8, "B": 1}  # the same on every platform Python runs on; checked on import
if any(array(code).itemsize != size for code, size in ITEM_SIZES.items()):
    raise ImportError(f"this platform's C types are not the sizes the index is saved in: {ITEM_SIZES}")



def filled(code: str, data: bytes | memoryview) -> array[Any]:
    """An array of typecode ``code`` holding ``data``'s numbers, allocated at exactly its size (``frombytes``
    allocates a sixteenth more, which for a large index is memory held for nothing)."""
    values = array(code, bytes(ITEM_SIZES[code])) * (len(data) // ITEM_SIZES[code])
    if len(data) != len(values) * ITEM_SIZES[code]:
        raise ValueError(f"{len(data)} bytes are not whole items of typecode {code!r}")
    memoryview(values).cast("B")[:] = data
    return values


INTENT_BITS = {word: 1 << bit for bit, word in enumerate(sorted(INTENT_WORDS))}
TYPE_BITS = {kind: 1 << bit for bit, kind in enumerate(sorted(KINDS))}


def bits(names: frozenset[str] | set[str], table: dict[str, int]) -> int:
    """The names' bits, as ``entry_intents`` and ``entry_holds`` keep them."""
    found = 0
    for name in names:
        found |= table.get(name, 0)
    return found


@dataclass(frozen=True, eq=False)
class Index:
    """Terms are numbered in sorted order, so sorting term ids sorts the terms. ``x_at`` are offsets
    into ``x``: the postings of term ``t`` are ``x[x_at[t]:x_at[t + 1]]`` (CSR).
    """

    terms: tuple[str, ...]
    weights: array[float]          # per term: its IDF-like weight
    light: array[int]              # per term: 1 if it can't make an entry a candidate on its own
    pattern_entry: array[int]      # per pattern (an entry's question with terms): its entry, ascending
    pattern_question: array[int]   # ... which of the entry's questions it is
    pattern_inverse: array[float]  # ... 1 / the sum of its terms' weights
    pattern_terms_at: array[int]   # pattern -> its term ids, in the order the pattern first says them
    pattern_terms: array[int]
    term_patterns_at: array[int]   # term -> the patterns holding it, ascending
    term_patterns: array[int]
    term_text_at: array[int]       # term -> the entries that use it only in their answer or quotes
    term_text: array[int]
    term_impact_at: array[int]     # term -> the entries whose questions use it, the ones it matters most to first
    term_impact: array[int]
    entry_intents: array[int]      # per entry: INTENT_BITS of the intent words its questions use
    entry_holds: array[int]        # per entry: TYPE_BITS of the answers its text can hold
    entry_article: array[int]      # per entry: 1 if it states something from the article (not a gap)
    entry_words_at: array[int]     # entry -> the term ids of its answer and quotes in their order, each text
    entry_words: array[int]        # ... followed by len(terms), which no term has
    term_kin_at: array[int]        # term -> the heavy terms of its word family
    term_kin: array[int]

    def arrays(self) -> dict[str, array[Any]]:
        """Every array by its field name (all but ``terms``), for saving."""
        return {name: getattr(self, name) for name in TYPECODES}

    @classmethod
    def from_arrays(cls, terms: Sequence[object], arrays: Mapping[str, array[Any]],
                    questions_per_entry: Sequence[int]) -> Index:
        """An index read back from plain data, checked so that no query can index out of its arrays;
        ``ValueError`` when anything is off (the caller builds the index again)."""
        if not all(isinstance(t, str) for t in terms) or any(a >= b for a, b in pairwise(terms)):  # type: ignore[operator]
            raise ValueError("the terms are not distinct text in sorted order")
        if set(arrays) != set(TYPECODES):
            raise ValueError(f"arrays {sorted(set(arrays) ^ set(TYPECODES))} missing or unexpected")
        for name, code in TYPECODES.items():
            if not isinstance(arrays[name], array) or arrays[name].typecode != code:
                raise ValueError(f"{name}: not an array of typecode {code!r}")
        n_terms, n_entries = len(terms), len(questions_per_entry)
        n_patterns = len(arrays["pattern_entry"])
        sizes = {"weights": n_terms, "light": n_terms, "pattern_entry": n_patterns, "pattern_question": n_patterns,
                 "pattern_inverse": n_patterns, "entry_intents": n_entries, "entry_holds": n_entries,
                 "entry_article": n_entries}
        for name, size in sizes.items():
            if len(arrays[name]) != size:
                raise ValueError(f"{name}: {len(arrays[name])} items, not {size}")
        for name in ("weights", "pattern_inverse"):
            if not _finite_and_not_negative(arrays[name]):
                raise ValueError(f"{name}: a value that is not a finite number of zero or more")
        for name in ("light", "entry_article"):
            if len(arrays[name]) and max(arrays[name]) > 1:
                raise ValueError(f"{name}: a flag that is not 0 or 1")
        postings = (("pattern_terms", n_patterns, n_terms), ("entry_words", n_entries, n_terms + 1),
                    ("term_kin", n_terms, n_terms), ("term_patterns", n_terms, n_patterns),
                    ("term_text", n_terms, n_entries), ("term_impact", n_terms, n_entries))
        for name, rows, limit in postings:
            _check_postings(name, arrays[f"{name}_at"], arrays[name], rows, limit)
        entry, question = arrays["pattern_entry"], arrays["pattern_question"]
        if any(a > b for a, b in pairwise(entry)):
            raise ValueError("pattern_entry: patterns not grouped by entry")
        if n_patterns and (entry[0] < 0 or entry[-1] >= n_entries or min(question) < 0):
            raise ValueError("pattern_entry: ids out of range")
        if any(q >= questions_per_entry[e] for e, q in zip(entry, question, strict=True)):
            raise ValueError("pattern_question: an entry has fewer questions")
        return cls(tuple(terms), **arrays)  # type: ignore[arg-type]


def _finite_and_not_negative(values: array[float]) -> bool:
    """No NaN, infinity or negative number among ``values``: a finite exact sum rules out the first two (and, with
    them ruled out, ``min`` is exact), both in C rather than a Python loop over a large index."""
    try:
        total = math.fsum(values)
    except (OverflowError, ValueError):  # infinities of both signs, or a sum past the largest double
        return False
    return math.isfinite(total) and (not values or min(values) >= 0)


def _check_postings(name: str, at: array[int], flat: array[int], rows: int, limit: int) -> None:
    if len(at) != rows + 1 or at[0] != 0 or at[-1] != len(flat) or any(a > b for a, b in pairwise(at)):
        raise ValueError(f"{name}: offsets don't fit")
    if len(flat) and (min(flat) < 0 or max(flat) >= limit):
        raise ValueError(f"{name}: ids out of range")


class Vocabulary(Collection[str]):
    """The index's terms (sorted) as a lookup from term to id, by bisection: no dict beside the tuple."""

    def __init__(self, terms: tuple[str, ...]) -> None:
        self._terms = terms

    def get(self, term: str) -> int | None:
        at = bisect_left(self._terms, term)
        return at if at < len(self._terms) and self._terms[at] == term else None

    def __getitem__(self, term: str) -> int:
        found = self.get(term)
        if found is None:
            raise KeyError(term)
        return found

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self.get(term) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)
