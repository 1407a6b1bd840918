"""A question's scores from the index's postings with numpy, for a large index: the same sums as ``postings``,
made by ``bincount`` over the postings of the question's terms. Imported only for an index that large, so that
a one-off ``ask`` on a story doesn't pay numpy's import."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from bot.core.matching.index.layout import TYPECODES, Index
from bot.core.matching.index.postings import MAX_POSTINGS, RANKED, Asked, Hit
from bot.core.matching.words.related import CLOSE_SHARE

if TYPE_CHECKING:
    from bot.core.matching.scores import Tuning

DTYPES = {"i": np.int32, "q": np.int64, "d": np.float64, "B": np.bool_}  # each typecode of ``layout`` in numpy
_VIEWS: weakref.WeakKeyDictionary[Index, dict[str, npt.NDArray[Any]]] = weakref.WeakKeyDictionary()


def views(index: Index) -> dict[str, npt.NDArray[Any]]:
    """The index's arrays as numpy arrays over the same memory (no copy), made once per index."""
    found = _VIEWS.get(index)
    if found is None:
        found = _VIEWS[index] = {name: np.frombuffer(getattr(index, name), dtype=DTYPES[code])
                                 for name, code in TYPECODES.items()}
    return found


def rank_entries(index: Index, asked: Asked, tuning: Tuning) -> list[Hit]:
    """As ``postings.rank_entries``."""
    a = views(index)
    ids, weights = list(asked.ids), list(asked.weights)
    candidates = _candidates(a, asked.finding)
    pattern_ids, shared_by = _gather(a["term_patterns_at"], a["term_patterns"], ids, weights)
    exact_only = not len(candidates)
    in_play = np.zeros(len(a["entry_intents"]), dtype=np.bool_)
    if exact_only:
        if len(ids) < asked.terms or not len(pattern_ids):
            return []
        patterns, counts = np.unique(pattern_ids, return_counts=True)
        sizes = np.diff(a["pattern_terms_at"])[patterns]
        in_play[a["pattern_entry"][patterns[(counts == asked.terms) & (sizes == asked.terms)]]] = True
    else:
        in_play[candidates] = True
    keep = in_play[a["pattern_entry"][pattern_ids]]
    pattern_ids, shared_by = pattern_ids[keep], shared_by[keep]
    if not len(pattern_ids):
        return []
    patterns, inverse = np.unique(pattern_ids, return_inverse=True)
    shared = np.bincount(inverse, weights=shared_by, minlength=len(patterns))
    said = _round9(shared * a["pattern_inverse"][patterns])
    useful = shared > 0
    patterns, shared, said = patterns[useful], shared[useful], said[useful]
    pattern_entries = a["pattern_entry"][patterns]
    order = np.lexsort((patterns, -shared, -said, pattern_entries))
    ordered_entries = pattern_entries[order]
    first = np.ones(len(order), dtype=np.bool_)
    first[1:] = ordered_entries[1:] != ordered_entries[:-1]
    best, precision, entries = patterns[order][first], said[order][first], ordered_entries[first]
    asked_entries, asked_weights = _gather(a["term_impact_at"], a["term_impact"], ids, weights)
    text_entries, text_weights = _gather(a["term_text_at"], a["term_text"], ids, weights)
    count = len(a["entry_intents"])
    by_questions = np.bincount(asked_entries, weights=asked_weights, minlength=count)[entries]
    by_text = np.bincount(text_entries, weights=text_weights, minlength=count)[entries]
    by_kin = _explained_by_kin(a, ids, weights, entries)
    covered = np.minimum(1.0, (by_questions + tuning.text_share * (by_text + by_kin)) / asked.total)
    beta2 = tuning.recall_bias * tuning.recall_bias
    with np.errstate(divide="ignore", invalid="ignore"):
        score = (1 + beta2) * precision * covered / (beta2 * precision + covered)
    score = np.where((covered <= 0) | (precision <= 0), 0.0, score)
    if exact_only:
        whole = score >= 1.0
        best, entries, covered, score = best[whole], entries[whole], covered[whole], score[whole]
    penalty = np.where((~a["entry_intents"][entries] & asked.intents) == 0, 1.0, tuning.intent_penalty)
    wrong_type = ((a["entry_holds"][entries] & asked.wanted) != asked.wanted) & a["entry_article"][entries]
    penalty = np.where(wrong_type, penalty * tuning.type_penalty, penalty)
    top = np.lexsort((-entries, -(score * penalty)))[:RANKED]
    return [Hit(int(entries[i]), int(best[i]), float(covered[i]), float(score[i]), float(penalty[i])) for i in top]


def _candidates(a: dict[str, npt.NDArray[Any]], terms: frozenset[int]) -> npt.NDArray[np.int32]:
    at, postings, light = a["term_impact_at"], a["term_impact"], a["light"]
    found = [postings[at[t]:min(at[t] + MAX_POSTINGS, at[t + 1])] for t in terms if not light[t]]
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int32)


def _gather(at: npt.NDArray[np.int32], postings: npt.NDArray[np.int32], ids: list[int],
            weights: list[float]) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]:
    """The postings of these terms, in their order, each beside its term's weight."""
    spans = [postings[at[t]:at[t + 1]] for t in ids]
    if not spans:
        return np.zeros(0, dtype=np.int32), np.zeros(0)
    return np.concatenate(spans), np.repeat(weights, [len(span) for span in spans])


def _explained_by_kin(a: dict[str, npt.NDArray[Any]], ids: list[int], weights: list[float],
                      entries: npt.NDArray[np.int32]) -> npt.NDArray[np.float64]:
    out = np.zeros(len(entries))
    kin_at, kin = a["term_kin_at"], a["term_kin"]
    for term, weight in zip(ids, weights, strict=True):
        family = kin[kin_at[term]:kin_at[term + 1]]
        if a["light"][term] or not len(family):
            continue
        own = np.concatenate(_postings_of(a, term))
        said = np.concatenate([part for known in family for part in _postings_of(a, int(known))])
        out += weight * CLOSE_SHARE * (_within(entries, said) & ~_within(entries, own))
    return out


def _postings_of(a: dict[str, npt.NDArray[Any]], term: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    return (a["term_impact"][a["term_impact_at"][term]:a["term_impact_at"][term + 1]],
            a["term_text"][a["term_text_at"][term]:a["term_text_at"][term + 1]])


def _within(values: npt.NDArray[np.int32], pool: npt.NDArray[np.int32]) -> npt.NDArray[np.bool_]:
    """``np.isin(values, pool)`` without its first-use import of ``numpy.ma``."""
    if not len(pool):
        return np.zeros(len(values), dtype=np.bool_)
    pool = np.sort(pool)
    at = np.minimum(np.searchsorted(pool, values), len(pool) - 1)
    return pool[at] == values


def _round9(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """``round(value, 9)`` of each value, exactly as Python rounds.

    numpy rounds ``value * 1e9`` to an integer, which can land on the other side of a half-way point
    than Python's correctly rounded decimal; those few are rounded by Python.
    """
    scaled = values * 1e9
    rounded = np.rint(scaled) / 1e9
    for at in np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6):
        rounded[at] = round(float(values[at]), 9)
    return rounded
