"""How the core words things for people: paragraphs, quotes, and why a miss is one."""

from __future__ import annotations

from bot.core.answers import Kind, Result
from bot.core.engine import Engine
from bot.core.knowledge.article import Article, paragraphs_named
from bot.core.messages import question_part
from bot.core.misses import Miss
from bot.core.quoting import quote_text
from tests.conftest import KNOWLEDGE

ENGINE = Engine.load(KNOWLEDGE)
ARTICLE = Article.from_text("First.\n\nSecond para.\n\n\nThird one.")


def test_paragraphs_skip_blank_lines() -> None:
    assert [ARTICLE.paragraph_of(n) for n in (1, 2, 3, 6)] == [1, None, 2, 3]
    assert ARTICLE.line_of_paragraph(3) == 6 and ARTICLE.line_of_paragraph(4) is None
    assert ARTICLE.paragraph_count == 3
    assert ARTICLE.for_people("see line 3 and lines 1 and 6; line 2 is blank") == \
        "see paragraph 2 and paragraphs 1 and 3; line 2 is blank"


def test_places_are_singular_or_plural_with_and() -> None:
    assert paragraphs_named([3]) == "paragraph 3"
    assert paragraphs_named([1, 3]) == "paragraphs 1 and 3"
    assert paragraphs_named([1, 3, 5]) == "paragraphs 1, 3 and 5"


def test_quotes_mark_left_out_words_and_balance_nested_marks() -> None:
    line = 'NASA said it "strongly rebukes using the station", the Post reported.'
    assert quote_text("NASA said it", line) == "“NASA said it…”"
    assert quote_text("strongly rebukes using the station", line) == "“strongly rebukes using the station”"
    assert quote_text("the Post reported", line) == "“…the Post reported”"
    assert quote_text('said it "strongly rebukes', line) == "“…said it ‘strongly rebukes’…”"  # opened: closed
    assert quote_text('the station", the Post', line) == "“…‘the station’, the Post…”"  # closed: opened
    speech = '"We still talk. We\'ve operated before, in space," she added.'
    assert quote_text("We've operated before, in space,\" she added.", speech) == \
        "“‘We've operated before, in space,’ she added.”"  # a mark after a comma closes the speech


def test_misses_tell_unreadable_unplaced_and_not_covered_apart() -> None:
    def miss(text: str) -> Miss | None:
        return ENGINE.miss(Result(text, Kind.DECLINE))

    assert miss("asdfghjkl") is Miss.UNREADABLE
    assert miss("!!!") is Miss.UNREADABLE
    assert miss("qwerty uiop") is Miss.UNREADABLE
    assert miss("asdf") is Miss.UNREADABLE  # one short run that happens to look like a word with a typo
    assert miss("@everyone") is Miss.UNREADABLE  # a mention or a link alone is no question
    assert miss("<@123456789> https://example.com/x") is Miss.UNREADABLE
    assert miss("wen did rusia invaid") is Miss.UNPLACED
    assert miss("hwo mnay astronats") is Miss.UNPLACED
    assert miss("who won the world cup") is Miss.NOT_COVERED
    assert miss("who?") is Miss.UNREADABLE and miss("what is it") is Miss.UNREADABLE  # asks about nothing
    assert miss("who did it") is Miss.UNREADABLE and miss("who said it") is Miss.NOT_COVERED
    assert ENGINE.miss(ENGINE.ask("who runs the iss")) is None


def test_one_letter_held_down_is_keyboard_mash_not_a_misspelt_word() -> None:
    for text in ["a" * 40, "a" * 10_000, "zzzzzz zzzzzzzz"]:
        assert ENGINE.miss(Result(text, Kind.DECLINE)) is Miss.UNREADABLE, text
    assert ENGINE.miss(Result("sooooo who runs the statiun", Kind.DECLINE)) is not Miss.UNREADABLE


def test_a_long_message_is_read_from_a_sentence_near_its_end() -> None:
    text = "Chatter here. " * 400 + "Who runs the ISS?"
    part = question_part(text)
    assert part.cut and len(part.text) <= 4000 and part.text.endswith("Who runs the ISS?")
    assert part.text.startswith("Chatter here.")  # starts at a sentence, not mid-word
    assert question_part("short").cut is False


def test_a_long_message_that_asks_only_at_its_start_is_read_from_its_start() -> None:
    text = "Who runs the ISS? I was thinking about this a lot. " + "I was thinking about this a lot. " * 150
    part = question_part(text)
    assert part.read == "start" and part.text == "Who runs the ISS?"
    asked_at_both = "Who runs it? " + "Chatter here. " * 400 + "And who paid?"
    assert question_part(asked_at_both).read == "end"  # the end asks too: the end, as ever


def test_a_long_message_is_not_cut_after_an_abbreviation() -> None:
    text = "Chatter here, " * 50 + "as Dr. Smith said. " + "More chatter here. " * 200 + "Who runs the ISS?"
    part = question_part(text)
    assert part.cut and part.text.startswith("More chatter here.")  # a sentence's start, not "Smith said."


def test_every_offered_title_answers_its_own_entry() -> None:
    for entry in ENGINE.kb.entries:
        if entry.title and entry.questions and entry.from_article:  # what autocomplete offers
            assert ENGINE.ask(entry.title).entry == entry.id, entry.id


def test_every_shipped_entry_has_a_clean_title() -> None:
    for entry in ENGINE.kb.entries:
        assert entry.title, f"{entry.id} has no title"
        assert entry.title[0].isupper() and entry.title.endswith("?") and len(entry.title) <= 100, entry.title
