"""The shipped knowledge base: true to the article, every line cited, clean under ``check``."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.core.knowledge import FACT, GAP
from bot.core.knowledge.loading import load_knowledge
from tests.conftest import KNOWLEDGE, ROOT

#: SHA-256 of the article as published (the story's ``article.txt`` the project was given), so a clone
#: with nothing beside it still proves ``knowledge/article.txt`` is that text byte for byte.
PUBLISHED_ARTICLE_SHA256 = "1c5ea5d3aa9d4afbc0212b941117fedfe86c9f96e3799e9749e11be03a361cf5"


def test_the_article_is_byte_identical_to_the_published_one() -> None:
    digest = hashlib.sha256((KNOWLEDGE / "article.txt").read_bytes()).hexdigest()
    assert digest == PUBLISHED_ARTICLE_SHA256, "knowledge/article.txt is no longer the published article"


def test_every_shipped_file_loads_without_errors_or_warnings() -> None:
    result = load_knowledge(KNOWLEDGE)
    assert result.problems.errors == []
    assert result.problems.warnings == []
    assert result.kb is not None


def test_every_text_line_of_the_article_is_cited() -> None:
    result = load_knowledge(KNOWLEDGE)
    assert result.kb is not None
    assert result.lines_covered == result.kb.article.text_lines == [1, 3, 5, 7, 9, 11, 13]


def test_every_fact_has_five_ways_to_ask_it_and_cites_exact_words() -> None:
    kb = load_knowledge(KNOWLEDGE).kb
    assert kb is not None
    for entry in kb.of_kind(FACT):
        assert len(entry.questions) >= 5, entry.id
        assert entry.cite, entry.id
        for citation in entry.cite:
            assert citation.quote in kb.article.line(citation.line), entry.id


def test_the_knowledge_base_covers_quotes_timeline_aliases_and_gaps() -> None:
    kb = load_knowledge(KNOWLEDGE).kb
    assert kb is not None
    assert {q.speaker for q in kb.quotes} >= {"NASA", "Kathy Lueders"}
    assert any("Roscosmos" in speaker for speaker in kb.speakers)
    events = kb.timeline
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert any(e.inferred and "Monday" in e.inferred for e in events), "the calendar date of Monday is inferred"
    assert len(kb.of_kind(GAP)) >= 10
    assert {group.term for group in kb.aliases} >= {"iss", "roscosmos", "lueders"}


def test_the_three_versus_two_cosmonauts_inconsistency_is_stated() -> None:
    kb = load_knowledge(KNOWLEDGE).kb
    assert kb is not None
    flagged = [e for e in kb.of_kind(FACT) if {c.line for c in e.cite} >= {5, 7} and "two" in e.answer
               and "three" in e.answer.lower()]
    assert flagged, "an answer must say the article gives three (line 5) and two (line 7)"


def test_nothing_in_the_code_names_this_story() -> None:
    import re

    story_words = re.compile(r"\b(lueders|roscosmos|luhansk|donetsk|cosmonauts?|ukraine|syria|iss|nasa|russian?|"
                             r"washington)\b", re.IGNORECASE)
    for path in (ROOT / "bot").rglob("*.py"):
        found = story_words.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.relative_to(ROOT)} mentions {found[0]!r}: keep story facts in knowledge/"


def test_a_changed_article_is_caught(kb_copy: Path) -> None:
    article = kb_copy / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("February 24", "February 25"), encoding="utf-8")
    errors = [str(p) for p in load_knowledge(kb_copy).problems.errors]
    assert errors
    assert all('"on February 24 this year" is not on line 9' in e or "February 24" in e for e in errors)
    assert all(".yaml:" in e for e in errors), "each error names the file and line that cites it"


def test_shipped_files_are_in_the_form_the_store_writes() -> None:
    """So that an edit through /kb or `kb` shows in git diff as just the lines it changed."""
    import yaml

    from bot.core.storage.yamlwrite import dump, header_of

    for path in sorted(KNOWLEDGE.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert dump(yaml.safe_load(text), header_of(text)) == text, f"{path.name} is not in canonical form"


#: Everyday words with a common other sense that misleads in questions about this story: none is an alias.
NOT_ALIASES = {
    "objective": "reads as 'object' (\"what did nasa object to\"), and 'an objective article' is not its purpose",
    "tense": "grammar's tense, and the article's own word is 'tensions', not relations souring",
    "beef": "slang for a grudge between any two sides, not NASA's criticism",
    "occupation": "a job ('what is lueders' occupation'), not the capture of a region",
    "party": "a political party or a party to a treaty as often as a celebration ('partying' stays)",
    "damage": "a damaged station or module, not relations souring",
    "proclaimed": "the verb ('who proclaimed the republics'); 'self proclaimed' is the separatists' word",
    "residents": "the people of a town or region ('residents of donetsk'), not the station's crew",
    "eu": "the European Union, not the one European astronaut or ESA",
    "bash": "a party, the opposite of criticism ('bashed' stays)",
    "blame": "saying who is responsible ('who is to blame for the war'), not criticising",
    "shame": "'what a shame' is regret, not criticism ('shamed' stays)",
    "washington dc": "the city of the dateline, not the country",
    "media": "'social media' is not a newspaper ('media outlet' stays)",
    "managed": "'how did they manage to' is succeeding, not running the station ('manage' stays)",
    "leader": "a country's or a republic's leader, not the station's commander",
    "leaders": "the world's or the republics' leaders, not the station's commanders",
    "shade": "shadow; only 'throw shade' is criticism",
    "angry": "a feeling anyone in the story may have ('is ukraine angry'), not NASA's act of criticising",
    "upset": "a feeling anyone in the story may have, not NASA's act of criticising",
    "annoyed": "a feeling anyone in the story may have, not NASA's act of criticising",
    "mad": "a feeling, or crazy ('is this war mad'), not NASA's act of criticising",
    "pro russian": "a stance anyone may take ('is the article pro russian'), not the separatist republics",
    "the states": "the article's own word for the republics' status ('independent states'), not the US",
    "jointly operate": "swallows 'jointly' into 'operate', so the joint in 'joint team' and 'jointly' never meet",
}


def test_no_alias_is_an_everyday_word_in_another_sense() -> None:
    kb = load_knowledge(KNOWLEDGE).kb
    assert kb is not None
    phrases = {phrase: group.term for group in kb.aliases for phrase in (group.term, *group.same_as)}
    for word, reason in NOT_ALIASES.items():
        assert word not in phrases, f"{word!r} is an alias of {phrases.get(word)!r}: {reason}"
