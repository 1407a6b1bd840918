"""Matching a question to the knowledge base, and deciding whether to answer.

normalize   chat text to plain words
lexicon     English word lists: chat spellings, stopwords, light words, word frequencies
spelling    typo correction, against the story's words first and then common English
related     WordNet's related words, so a question needn't use the story's own words
analysis    text to terms (stems, aliases, corrections, related words)
scoring     the index over the patterns and the score of each candidate entry
deciding    answer, suggest, give a gap's reply, or decline
"""

from bot.core.matching.scores import Scored, Tuning
from bot.core.matching.scoring import Matcher, build_analyzer

__all__ = ["Matcher", "Scored", "Tuning", "build_analyzer"]
