"""Building the index: every pattern, answer, quote and article line read once, laid out as typed arrays.

numpy does the sorting and counting (a build at 10,000 entries sorts half a million postings); it is imported
here, when an index is built, and never when a saved one is loaded.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from bot.core.matching.index.layout import INTENT_BITS, TYPE_BITS, TYPECODES, Index, bits, filled
from bot.core.matching.index.postings_numpy import DTYPES
from bot.core.matching.question.answer_types import held_types
from bot.core.matching.words.lexicon import GENERIC_WORDS, INTENT_WORDS
from bot.core.matching.words.normalize import stem
from bot.core.matching.words.related import related

if TYPE_CHECKING:
    from bot.core.knowledge import KnowledgeBase
    from bot.core.matching.scores import Tuning
    from bot.core.matching.words.analysis import Analyzer

ARTICLE_SYNONYMS = 3  # a questions' word is the article's word for it among this many of its commonest synonyms

Ints = npt.NDArray[np.int32]
Offsets = npt.NDArray[np.int32]


def _offsets(rows: npt.NDArray[np.int64], count: int) -> Offsets:
    if len(rows) >= 2**31:
        raise ValueError("too many postings for 32-bit offsets")
    at = np.zeros(count + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=count), out=at[1:])
    return at


def _csr(rows: list[int] | npt.NDArray[np.int64], values: list[int] | npt.NDArray[np.int64],
         count: int) -> tuple[Offsets, Ints]:
    """Postings grouped by row, each row's values in the order given."""
    rows_array = np.asarray(rows, dtype=np.int64)
    order = np.argsort(rows_array, kind="stable")
    return _offsets(rows_array, count), np.asarray(values, dtype=np.int32)[order]


def build_index(kb: KnowledgeBase, analyzer: Analyzer, tuning: Tuning) -> Index:
    """Read every pattern, answer, quote and article line once (a text met again is not read again)
    and lay the index out as arrays."""
    read_texts: dict[tuple[str, bool], tuple[str, ...]] = {}

    def terms_of(text: str, correct_typos: bool = False) -> tuple[str, ...]:
        found = read_texts.get((text, correct_typos))
        if found is None:
            found = read_texts[text, correct_typos] = tuple(analyzer.terms(text, correct_typos=correct_typos))
        return found

    entries = kb.entries
    read: list[tuple[int, int, frozenset[str]]] = []
    bags: list[frozenset[str]] = []
    asked: list[frozenset[str]] = []
    said: list[tuple[str, ...]] = []  # per pattern: its terms in the order it first says them
    texts: list[list[tuple[str, ...]]] = []  # per entry: the terms of its answer and of each quote, in order
    for index, entry in enumerate(entries):
        bag: set[str] = set()
        for number, question in enumerate(entry.questions):
            in_order = terms_of(question, correct_typos=True)
            terms = frozenset(in_order)
            if terms:
                read.append((index, number, terms))
                said.append(tuple(dict.fromkeys(in_order)))
                bag |= terms
        asked.append(frozenset(bag))
        texts.append([terms_of(text) for text in entry.says])
        for in_order in texts[-1]:
            bag.update(in_order)
        bags.append(frozenset(bag))
    article_terms = {t for line in kb.article.lines for t in terms_of(line)}
    weights, light = _weigh(bags, article_terms, analyzer, tuning)

    vocabulary = sorted(weights)
    term_id = {term: number for number, term in enumerate(vocabulary)}
    term_weights = np.array([weights[t] for t in vocabulary], dtype=np.float64)
    light_terms = np.zeros(len(vocabulary), dtype=np.bool_)
    light_terms[[term_id[t] for t in light if t in term_id]] = True

    pattern_entry = np.array([e for e, _, _ in read], dtype=np.int32)
    pattern_question = np.array([q for _, q, _ in read], dtype=np.int32)
    term_lists = [sorted(term_id[t] for t in terms) for _, _, terms in read]
    flat_terms = np.array([t for ids in term_lists for t in ids], dtype=np.int64)
    flat_patterns = np.repeat(np.arange(len(read), dtype=np.int64), [len(ids) for ids in term_lists])
    # Each pattern's weight summed in sorted term order, as ``sum(sorted(...))`` would.
    pattern_weight = np.bincount(flat_patterns, weights=term_weights[flat_terms], minlength=len(read))
    with np.errstate(divide="ignore"):
        pattern_inverse = np.where(pattern_weight != 0, 1 / pattern_weight, 0.0)
    pattern_terms_at = _offsets(flat_patterns, len(read))
    pattern_terms = np.array([term_id[t] for terms in said for t in terms], dtype=np.int32)
    term_patterns_at, term_patterns = _csr(flat_terms, flat_patterns, len(vocabulary))

    # The entries whose questions use a term are its impact postings below (the same pairs, ordered).
    text_rows = [(term_id[t], e) for e, bag in enumerate(bags) for t in bag - asked[e]]
    term_text_at, term_text = _csr([t for t, _ in text_rows], [e for _, e in text_rows], len(vocabulary))

    # Impact: a term's share of the entry's shortest pattern holding it; entries by it, best first.
    flat_entries = pattern_entry[flat_patterns].astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(pattern_weight[flat_patterns] != 0, term_weights[flat_terms] / pattern_weight[flat_patterns],
                         0.0)
    order = np.lexsort((-share, flat_entries, flat_terms))
    pair_terms, pair_entries, pair_share = flat_terms[order], flat_entries[order], share[order]
    first = np.ones(len(order), dtype=np.bool_)
    first[1:] = (pair_terms[1:] != pair_terms[:-1]) | (pair_entries[1:] != pair_entries[:-1])
    pair_terms, pair_entries, pair_share = pair_terms[first], pair_entries[first], pair_share[first]
    order = np.lexsort((pair_entries, -pair_share, pair_terms))
    term_impact_at = _offsets(pair_terms, len(vocabulary))
    term_impact = pair_entries[order].astype(np.int32)

    intents = np.zeros(len(entries), dtype=np.int64)
    for (entry_index, _, terms) in read:
        intents[entry_index] |= bits(terms & INTENT_WORDS, INTENT_BITS)
    holds = np.array([bits(held_types(entry.said), TYPE_BITS) for entry in entries], dtype=np.int64)
    rows = []
    for found in texts:
        row: list[int] = []
        for in_order in found:
            row.extend(term_id[t] for t in in_order)
            row.append(len(vocabulary))
        rows.append(row)
    entry_words_at = _offsets(np.repeat(np.arange(len(entries), dtype=np.int64), [len(row) for row in rows]),
                              len(entries))
    entry_words = np.array([t for row in rows for t in row], dtype=np.int32)
    term_kin_at, term_kin = _word_families(vocabulary, term_id, light, article_terms)
    arrays = {"weights": term_weights, "light": light_terms, "pattern_entry": pattern_entry,
              "pattern_question": pattern_question, "pattern_inverse": pattern_inverse,
              "pattern_terms_at": pattern_terms_at, "pattern_terms": pattern_terms,
              "term_patterns_at": term_patterns_at, "term_patterns": term_patterns,
              "term_text_at": term_text_at, "term_text": term_text, "term_impact_at": term_impact_at,
              "term_impact": term_impact, "entry_intents": intents, "entry_holds": holds,
              "entry_article": np.array([e.from_article for e in entries], dtype=np.bool_),
              "entry_words_at": entry_words_at, "entry_words": entry_words, "term_kin_at": term_kin_at,
              "term_kin": term_kin}
    return Index(tuple(vocabulary), **{name: _stored(arrays[name], code) for name, code in TYPECODES.items()})


def _stored(values: npt.NDArray[Any], code: str) -> array[Any]:
    """A numpy array as the index keeps it: a standard-library array of the same numbers."""
    return filled(code, np.ascontiguousarray(values, dtype=DTYPES[code]).tobytes())


def _word_families(vocabulary: list[str], term_id: dict[str, int], light: set[str],
                   article_terms: Collection[str] = frozenset()) -> tuple[Offsets, Ints]:
    """Per heavy term, the other heavy terms of the knowledge base that WordNet relates to it closely and that
    start alike ("tense" and "tensions", "programme" and "program"): one word's family, which the stemmer left
    apart; and, for a heavy term of the questions that the article doesn't use ("promote", "principal"), the article's
    heavy terms among its ``ARTICLE_SYNONYMS`` commonest close relations ("advance", "primary"). Found once here, so
    that a question never has to read WordNet's table for it."""
    pairs = [(term_id[term], term_id[word]) for term in vocabulary if term not in light
             for word in dict.fromkeys(related(term)[0])
             if word != term and word in term_id and word not in light and _same_family(term, word)]
    # one family both ways: WordNet leads "written" to "write", and "write" is as much "written"'s kin
    pairs = sorted({*pairs, *((kin, term) for term, kin in pairs)})
    # "what is the station meant to PROMOTE?": a word only the questions use is the asker's; the article says it in
    # one of its commonest synonyms ("advance science"), which an entry quoting that line says. One way only: the
    # article's own word is its own, and the questions' words for it don't say what it says.
    synonyms = [(term_id[term], term_id[word]) for term in vocabulary if term not in light and term not in article_terms
                for word in related(term)[0][:ARTICLE_SYNONYMS]
                if word in article_terms and word in term_id and word not in light]
    pairs = sorted({*pairs, *synonyms})
    return _csr([t for t, _ in pairs], [k for _, k in pairs], len(vocabulary))


def _weigh(bags: list[frozenset[str]], article_terms: set[str], analyzer: Analyzer,
           tuning: Tuning) -> tuple[dict[str, float], set[str]]:
    """IDF for the knowledge base's terms; little for everyday words the article doesn't use.

    Also the light terms: words that can't make an entry a candidate on their own.
    """
    df: dict[str, int] = defaultdict(int)
    for bag in bags:
        for term in bag:
            df[term] += 1
    total = max(len(bags), 1)
    weights = {term: math.log(1 + total / count) for term, count in df.items()}
    light = set(INTENT_WORDS)
    for word in GENERIC_WORDS:
        term = stem(word)
        if term not in article_terms and term not in analyzer.alias_terms:
            weights[term] = tuning.generic_weight  # "part", "total": unless the article itself uses them
            light.add(term)
    for term in article_terms - weights.keys():
        weights[term] = math.log(1 + total)
    weights.update(dict.fromkeys(INTENT_WORDS, tuning.intent_weight))
    return weights, light



FAMILY_PREFIX = 4  # two related words that start with this many letters alike are one word's family


def _same_family(first: str, second: str) -> bool:
    """Whether two stems start alike: "tens" and "tension", "programm" and "program" (not "ground" and "earth")."""
    size = min(FAMILY_PREFIX, len(first), len(second))
    return size >= 3 and first[:size] == second[:size] and (size == FAMILY_PREFIX or _with_an_ending(first, second))


# Endings (as stems end) that make a short word into another of its family: "act" and "action", "own" and "owner".
_FAMILY_ENDINGS = ("s", "es", "er", "or", "ion", "ive", "iv", "al", "li", "i", "y", "ment", "ness", "ship", "ist",
                   "ism", "ing", "ed", "ful", "less", "abl", "ibl", "ic")


def _with_an_ending(first: str, second: str) -> bool:
    """Whether one of two stems alike in fewer letters than ``FAMILY_PREFIX`` (a stem of three) is the other with
    an ending: "act" and "action", "own" and "owner". Three letters alike say little: WordNet lists a short
    abbreviation as the word it stands for ("mar" and "march", "pro" and "professional"), and the question's word
    may be another word of those letters ("mars")."""
    short, long = sorted((first, second), key=len)
    return long.startswith(short) and long[len(short):] in _FAMILY_ENDINGS

