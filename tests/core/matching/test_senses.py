"""A related word is read in the sense the question's other words give it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.matching.matcher import Matcher

ARTICLE = (
    "Portville, May 3: The attack on the harbour began at dawn.\n\n"
    "Critics assailed the mayor's budget.\n\n"
    "The guild gave Ana Ortiz the post of treasurer, and the administrator signed the papers.\n"
)
KB = """story:
  title: A day in Portville
  headline: A day in Portville
  dateline: {line: 1, quote: "Portville, May 3"}
facts:
  - id: attack-began
    topic: The harbour
    questions: [when did the attack on the harbour begin]
    answer: It began at dawn.
    cite: [{line: 1, quote: began at dawn}]
  - id: budget-criticised
    topic: The budget
    questions: [what did critics say about the budget]
    answer: Critics assailed it.
    cite: [{line: 3, quote: assailed the mayor's budget}]
  - id: guild-post
    topic: The guild
    questions: [what post did the guild give ortiz]
    answer: Treasurer.
    cite: [{line: 5, quote: the post of treasurer}]
  - id: papers-signed
    topic: The papers
    questions: [who signed the papers]
    answer: The administrator.
    cite: [{line: 5, quote: the administrator signed the papers}]
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    folder: Path = tmp_path_factory.mktemp("portville")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "kb.yaml").write_text(KB, encoding="utf-8")
    return Engine.load(folder).matcher


def sense(matcher: Matcher, question: str, word: str) -> str:
    read = matcher._senses_in_context(matcher.analyzer.read(question, matcher._term_id))
    return next(r.term for r in read if r.word == word)


def test_a_word_is_read_as_the_related_story_word_an_entry_uses_beside_the_questions_other_words(
        matcher: Matcher) -> None:
    """"assault" is first of all "assail" to WordNet, which the story uses of critics; beside "harbour" and "begin"
    the story says "attack"."""
    assert matcher.analyzer.read("when did the assault on the harbour begin", matcher._term_id)[1].term == "assail"
    assert sense(matcher, "when did the assault on the harbour begin", "assault") == "attack"
    assert matcher.ask("when did the assault on the harbour begin").entry == "attack-began"


def test_a_phrase_read_as_a_related_story_word_takes_its_sense_from_the_rest_too(matcher: Matcher) -> None:
    assert sense(matcher, "when did the raiders set on the harbour", "set on") == "attack"


def test_a_word_keeps_its_first_related_word_when_no_other_sense_is_used_beside_the_rest(matcher: Matcher) -> None:
    assert sense(matcher, "did the critics assault the budget", "assault") == "assail"


def test_a_close_relation_is_never_displaced_by_a_loose_one_however_well_it_fits(matcher: Matcher) -> None:
    """"president" is closely "administrator" and only loosely a "post", which the story uses beside "guild"."""
    assert sense(matcher, "who is the president of the guild", "president") == "administr"
