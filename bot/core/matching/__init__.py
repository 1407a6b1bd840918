"""Matching a question to the knowledge base, and deciding whether to answer.

words/      from chat text to the terms matching weighs: normalize, lexicon (English word lists),
            spelling (typos), related (WordNet), analysis (stems, aliases, corrections), regexes
question/   what a question asks: clauses (the question inside a long message), answer_types (who,
            when, how many ... against what an entry's text can hold), details (a detail it must hold)
index/      the index over the patterns, answers and article lines, and a question's sums over it
matcher     reading a question and ranking the entries that may answer it (``Matcher``)
scores      how scores are made (``Tuning``) and an entry with its score (``Scored``)
wording     questions about the article's own wording, answered from the article itself
deciding/   answer, suggest, give a gap's reply, or decline
"""

from bot.core.matching.matcher import Matcher, build_analyzer
from bot.core.matching.scores import Scored, Tuning

__all__ = ["Matcher", "Scored", "Tuning", "build_analyzer"]
