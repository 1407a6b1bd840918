"""A question's scores from the index's postings, in plain Python.

The sums run in the order numpy's ``bincount`` runs them in ``postings_numpy`` (a term's contributions in
sorted term order, each added to what the earlier terms gave), so the two agree to the last bit.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from bot.core.matching.index.layout import Index
from bot.core.matching.words.related import CLOSE_SHARE

if TYPE_CHECKING:
    from bot.core.matching.scores import Tuning

MAX_POSTINGS = 150  # entries read per term when finding candidates (the most impacted first)
RANKED = 12  # entries returned: enough for the decision, suggestions and calibration
ROUNDING_STEP = 2e-9  # precision is rounded to 9 places; two values this far apart never round alike


@dataclass(frozen=True)
class Asked:
    """What a question brings to its scores, in the index's terms."""

    ids: Sequence[int]          # its known terms' ids, ascending (sorted term order)
    weights: Sequence[float]    # ... and their weights
    finding: frozenset[int]     # the ids of the terms it says itself (not loosely related ones): they find entries
    terms: int                  # how many terms it has, known to the index or not
    total: float                # the weight of the whole question
    intents: int                # INTENT_BITS of its intent words
    wanted: int                 # TYPE_BITS of the kinds of answer it asks for


class Hit(NamedTuple):
    """One entry's scores: its best pattern, how much of the question it explains, the lexical score and
    the intent and answer-type penalty it is scaled by."""

    entry: int
    pattern: int
    covered: float
    score: float
    penalty: float


def rank_entries(index: Index, asked: Asked, tuning: Tuning) -> list[Hit]:
    """The ``RANKED`` best entries by lexical score times penalty; on a tie, the later entry first."""
    in_play = _candidates(index, asked)
    exact_only = not in_play
    if exact_only:
        in_play = _saying_exactly(index, asked)
        if not in_play:
            return []
    best = _best_patterns(index, asked, in_play)
    if not best:
        return []
    by_questions = _summed(index.term_impact_at, index.term_impact, asked, best)
    by_text = _summed(index.term_text_at, index.term_text, asked, best)
    by_kin = _explained_by_kin(index, asked, best)
    beta2 = tuning.recall_bias * tuning.recall_bias
    hits = []
    for entry, (pattern, precision) in best.items():
        covered = min(1.0, (by_questions.get(entry, 0.0)
                            + tuning.text_share * (by_text.get(entry, 0.0) + by_kin.get(entry, 0.0))) / asked.total)
        score = 0.0
        if covered > 0 and precision > 0:
            score = (1 + beta2) * precision * covered / (beta2 * precision + covered)
        if exact_only and score < 1.0:
            continue
        penalty = 1.0 if (~index.entry_intents[entry] & asked.intents) == 0 else tuning.intent_penalty
        if (index.entry_holds[entry] & asked.wanted) != asked.wanted and index.entry_article[entry]:
            penalty *= tuning.type_penalty
        hits.append(Hit(entry, pattern, covered, score, penalty))
    hits.sort(key=lambda hit: (hit.score * hit.penalty, hit.entry), reverse=True)
    return hits[:RANKED]


def _candidates(index: Index, asked: Asked) -> set[int]:
    """Entries worth scoring: for each meaningful term, the entries it matters most to.

    Each term's postings are ordered by its impact (its share of the entry's shortest pattern holding it), and
    only the first ``MAX_POSTINGS`` are read: an entry where a common word is a small part of a long pattern
    can't score high on that word, and reading every such entry would make the cost grow with the knowledge base.
    """
    at, postings, light = index.term_impact_at, index.term_impact, index.light
    found: set[int] = set()
    for term in asked.finding:
        if not light[term]:
            found.update(postings[at[term]:min(at[term] + MAX_POSTINGS, at[term + 1])])
    return found


def _saying_exactly(index: Index, asked: Asked) -> set[int]:
    """Nothing but everyday words: only the entries with a pattern that says exactly this will do."""
    if len(asked.ids) < asked.terms:
        return set()
    at, postings, sizes = index.term_patterns_at, index.term_patterns, index.pattern_terms_at
    counts: dict[int, int] = {}
    for term in asked.ids:
        for pattern in postings[at[term]:at[term + 1]]:
            counts[pattern] = counts.get(pattern, 0) + 1
    return {index.pattern_entry[pattern] for pattern, count in counts.items()
            if count == asked.terms and sizes[pattern + 1] - sizes[pattern] == asked.terms}


def _best_patterns(index: Index, asked: Asked, in_play: set[int]) -> dict[int, tuple[int, float]]:
    """Per entry in play, the pattern the question says most of (precision: the weight of the question's terms
    it holds over its own, rounded to 9 places); on a tie, the one that says most of the question, then the
    first; and its precision."""
    at, postings = index.term_patterns_at, index.term_patterns
    owner, inverse = index.pattern_entry, index.pattern_inverse
    shared: dict[int, float] = {}
    for term, weight in zip(asked.ids, asked.weights, strict=True):
        for pattern in postings[at[term]:at[term + 1]]:
            if owner[pattern] in in_play:
                shared[pattern] = shared.get(pattern, 0.0) + weight
    highest: dict[int, float] = {}
    for pattern, overlap in shared.items():
        entry, said = owner[pattern], overlap * inverse[pattern]
        if overlap > 0 and said > highest.get(entry, -1.0):
            highest[entry] = said
    best: dict[int, tuple[float, float, int]] = {}
    for pattern, overlap in shared.items():
        entry, said = owner[pattern], overlap * inverse[pattern]
        # Rounding is the slow part, and only a precision within a rounding step of the entry's highest can
        # round to the same value as it: the others can't be its best.
        if overlap > 0 and said >= highest[entry] - ROUNDING_STEP:
            key = (round(said, 9), overlap, -pattern)
            if entry not in best or key > best[entry]:
                best[entry] = key
    return {entry: (-key[2], key[0]) for entry, key in best.items()}


def _summed(at: Sequence[int], postings: Sequence[int], asked: Asked,
            entries: Mapping[int, object]) -> dict[int, float]:
    """Per entry, the weight of the question's terms whose postings hold it."""
    out: dict[int, float] = {}
    for term, weight in zip(asked.ids, asked.weights, strict=True):
        for entry in postings[at[term]:at[term + 1]]:
            if entry in entries:
                out[entry] = out.get(entry, 0.0) + weight
    return out


def _explained_by_kin(index: Index, asked: Asked, entries: Mapping[int, object]) -> dict[int, float]:
    """Per entry, the weight of the question's terms it doesn't use but says in a word of the same family
    ("tense" and "tensions"), at a synonym's share."""
    out: dict[int, float] = {}
    kin_at, kin = index.term_kin_at, index.term_kin
    for term, weight in zip(asked.ids, asked.weights, strict=True):
        family = kin[kin_at[term]:kin_at[term + 1]]
        if index.light[term] or not family:
            continue
        own = _using(index, term)
        said: set[int] = set()
        for known in family:
            said |= _using(index, known)
        for entry in entries:
            if entry in said and entry not in own:
                out[entry] = out.get(entry, 0.0) + weight * CLOSE_SHARE
    return out


def _using(index: Index, term: int) -> set[int]:
    """The entries whose questions, answer or quotes use the term."""
    return {*index.term_impact[index.term_impact_at[term]:index.term_impact_at[term + 1]],
            *index.term_text[index.term_text_at[term]:index.term_text_at[term + 1]]}


def side_by_side(index: Index, entry: int) -> set[int]:
    """The pairs of terms side by side in the entry's questions, answer or quotes, each as first * len(terms) +
    second: read from its patterns' terms in order and from its texts'."""
    size, starts = len(index.terms), index.pattern_terms_at
    first = bisect_left(index.pattern_entry, entry)
    last = bisect_left(index.pattern_entry, entry + 1, lo=first)
    pairs: set[int] = set()
    for pattern in range(first, last):
        terms = index.pattern_terms[starts[pattern]:starts[pattern + 1]]
        pairs.update(a * size + b for a, b in pairwise(terms))
    words = index.entry_words[index.entry_words_at[entry]:index.entry_words_at[entry + 1]]
    pairs.update(a * size + b for a, b in pairwise(words) if a != size and b != size)
    return pairs
