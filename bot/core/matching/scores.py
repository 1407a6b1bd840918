"""How scores are made (``Tuning``), and an entry with its score (``Scored``)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.knowledge import Entry


@dataclass(frozen=True)
class Tuning:
    """How scores are made; the defaults are calibrated with ``eval`` on the question sets."""

    unknown_weight: float = 4.0   # a word the knowledge base never uses: usually what an off-topic question is about
    generic_weight: float = 0.35  # everyday words ("think", "part") that the article doesn't use
    intent_weight: float = 1.0    # who/when/where/why/how/how many: tell facts about one event apart
    recall_bias: float = 1.0      # F-beta: explaining all of the question matters more than using all of a pattern
    fuzz_share: float = 0.1       # weight of rapidfuzz's token_sort_ratio between question and pattern terms
    text_share: float = 0.6       # a question word only in the entry's answer or quote counts this much
    intent_penalty: float = 0.85  # asked "when", but no pattern of the entry asks "when": scale the score by this
    type_penalty: float = 0.75    # asked "what year", but the entry's text holds no year: not an answer
    context_share: float = 0.3    # a word of a long message outside its question counts this much
    loose_doubt: float = 0.5      # a word read as a loosely related one: this share of its own weight stays unexplained
    informative: float = 1.0      # a question word weighing this much says what is asked: an answer must explain it
    gap_close: float = 0.05       # a gap this close behind an answer may claim the question, a fact behind a gap too
    gap_claim: float = 1.5        # ... by a question word this heavy that its best question says and the other lacks
    order_close: float = 0.1      # a fact this close behind the best fact ranks first when it says more of the question
    order_lead: float = 0.05      # ... in its order (words side by side), by this share of the question's weight
    described_share: float = 0.7  # the person a description means ("the city official"): this share of their weight


@dataclass(frozen=True)
class Scored:
    entry: Entry
    score: float
    pattern: str
