"""The engine on the shipped story: answers with citations, honest declines, any input survives."""

from __future__ import annotations

import string
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.answers import Kind, Result, render_text
from bot.core.engine import Engine
from bot.core.knowledge import Entry
from bot.core.matching.deciding.handovers import _gap_reply
from bot.core.matching.matcher import _POINTS_BACK, _checking_words
from bot.core.matching.scores import Scored, Tuning
from bot.core.matching.words.analysis import Analyzer, Read
from bot.core.matching.words.normalize import stem
from bot.core.matching.words.related import LOOSE_SHARE
from tests.conftest import KNOWLEDGE, SECOND_STORY, Edit

ENGINE = Engine.load(KNOWLEDGE)


def test_an_answer_quotes_the_exact_words_of_its_line() -> None:
    result = ENGINE.ask("hey bot quick q: who runs the station")
    assert result.answered and result.kind is Kind.ANSWER
    assert result.citations
    for cited in result.citations:
        assert cited.quote in cited.text
        assert cited.text == ENGINE.kb.article.line(cited.line)


@pytest.mark.parametrize(("question", "entry"), [
    ("iss crew?", "iss-crew"),
    ("wat did nasa say abt the cosmonaughts", "why-nasa-criticised"),
    ("when did the russain invasion start", "invasion-date"),
    ("LUEDERS JOB", "lueders-who"),
])
def test_typos_slang_and_keywords_still_find_the_entry_that_answers(question: str, entry: str) -> None:
    result = ENGINE.ask(question)
    assert result.answered and result.entry == entry


@pytest.mark.parametrize("question", ["what are the cosmonauts' names?", "who won the world cup?", "lol",
                                      "how do i exit vim", "what did putin say about it"])
def test_questions_the_article_does_not_answer_are_declined(question: str) -> None:
    result = ENGINE.ask(question)
    assert not result.answered
    assert result.citations == ()


def test_a_gap_gives_its_honest_reply() -> None:
    result = ENGINE.ask("what are the names of the cosmonauts")
    assert result.kind is Kind.GAP
    assert result.answer is not None and "doesn't name" in result.answer


def test_the_json_shape_is_exactly_the_contract() -> None:
    shape = ENGINE.ask("who runs the iss").to_json()
    assert list(shape) == ["question", "answered", "answer", "citations", "entry", "score", "suggestions"]
    assert list(shape["citations"][0]) == ["line", "quote", "text"]
    assert isinstance(shape["score"], float)


BAD_INPUTS = [
    "", "   ", "\n\t", "a" * 100_000, "🚀" * 50, "\u200b\u200c\u200d\ufeff", "\u202e\u202d\u200f",
    "\x00\x01\x02\x1b[31m", "@everyone @here <@&123> <@456>", "**__~~||`>`||~~__**", "https://example.com",
    "كم عدد رواد الفضاء", "宇航员有几个", "(", "?", "DROP TABLE entries;", "\ud800".encode("utf-8", "surrogatepass")
    .decode("utf-8", "replace"),
]


@pytest.mark.parametrize("text", BAD_INPUTS)
def test_bad_input_gets_a_decline_or_an_answer_never_an_exception(text: str) -> None:
    result = ENGINE.ask(text)
    assert result.kind in Kind
    assert render_text(result)
    if not text.strip(string.whitespace + "\u200b\u200c\u200d\ufeff\u202e\u202d\u200f"):
        assert result.kind is Kind.DECLINE


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode_goes_through_normalise_match_render(text: str) -> None:
    result = ENGINE.ask(text)
    rendered = render_text(result)
    assert isinstance(rendered, str) and rendered
    if result.answered:
        assert all(c.quote in c.text for c in result.citations)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["who", "runs", "the", "iss", "nasa", "flags", "lueders", "🚀", "@everyone", "?",
                                 "\u200b", "**", "cosmonauts", "when"]), max_size=30))
def test_word_salad_from_story_words_is_handled(tokens: list[str]) -> None:
    result = ENGINE.ask(" ".join(tokens))
    assert result.kind in Kind


def test_a_ramble_that_restates_a_fact_before_asking_what_the_article_lacks_is_not_answered_with_the_fact() -> None:
    second = Engine.load(SECOND_STORY)
    restated = ("so the article says the bakery employs 12 people and opened in 1998, which is nice, "
                "but what does the owner feed her cat, I always wondered about that?")
    assert not second.ask(restated).answered
    asked = ("my aunt loves bread and keeps going on about this bakery, she says it is famous, "
             "so how many people work at the bakery?")
    assert second.ask(asked).entry == "staff"


def test_a_long_messages_question_that_names_nothing_is_read_with_the_rest_of_the_message() -> None:
    """'is that right?' says nothing on its own: the claim before it is what it asks about."""
    claim = ("a friend of mine who follows space news told me over lunch that the crew up there is four americans, "
             "two russian cosmonauts and a european, is that right?")
    result = ENGINE.ask(claim)
    offered = {result.entry} | {s.entry for s in result.suggestions}
    assert "iss-crew" in offered


def test_a_long_messages_question_that_checks_the_claim_before_it_is_answered_by_the_line_that_settles_it() -> None:
    """'... I wrote that the bakery opened in 1990. Is that right?': read as the claim put up for checking."""
    second = Engine.load(SECOND_STORY)
    wrote = "I'm writing up the town news for our newsletter and I wrote that the bakery opened in 1998. Is that right?"
    assert second.ask(wrote).entry == "opened"
    told = "My neighbour told me over the fence yesterday that the bakery sells cakes on sundays. Is that true?"
    assert not second.ask(told).answered
    count = "I told my book club on Tuesday that four Americans are living on the station. Is that right?"
    assert ENGINE.ask(count).entry == "iss-crew"
    unsaid = "My neighbour wrote in the parish newsletter that the cosmonauts apologised to the crew. Is that true?"
    assert not ENGINE.ask(unsaid).answered


def test_a_gap_a_long_messages_question_finds_alone_is_not_undone_by_the_clause_its_pronoun_points_back_at() -> None:
    """'the article says the station has one european astronaut, but which agency sent them?': the clause restates the
    article; the question asks what it lacks."""
    sent = "the article says the station has one european astronaut on board, ok, but which agency sent them up there?"
    assert not ENGINE.ask(sent).answered
    pointed = ("my friend insists the article says relations between the US and Russia got better in the spring, "
               "so what does it say about their relations?")
    assert ENGINE.ask(pointed).entry == "us-russia-relations"


def test_a_long_messages_question_asked_again_after_a_dash_in_its_own_words_is_also_read_alone() -> None:
    """'..., so how did the world hear about it - which newspaper reported the statement?': the second wording says
    what is asked; the first only leads up to it."""
    told = ("my husband and I were discussing this over breakfast, so how did the world hear about it - which "
            "newspaper reported the statement?")
    assert ENGINE.ask(told).entry == "report-source"
    lacking = ("my husband and I were discussing this over breakfast, so what happened after the statement - how did "
               "the Russian agency respond to NASA?")
    assert not ENGINE.ask(lacking).answered


def test_a_long_messages_question_that_names_only_the_kind_of_answer_is_read_with_the_clause_before_it() -> None:
    """'which one was it?', 'does the article give the date?': what it is about is in the clause before it."""
    which = "a friend keeps saying some newspaper reported the nasa statement first, which one was it?"
    assert ENGINE.ask(which).entry == "report-source"
    date = "we got into it about the russian invasion of ukraine over lunch today, does the article give the date?"
    result = ENGINE.ask(date)
    assert result.entry != "report-dateline"  # the date asked for is the invasion's, not the article's
    assert "invasion-date" in {result.entry} | {s.entry for s in result.suggestions}
    joined = ("quick one, I'm putting together slides for my class and I need the name of the russian agency that runs "
              "the station with nasa, what's it called in the article?")
    assert ENGINE.ask(joined).entry == "roscosmos-what"  # the part of the clause after "and" says what it is about


def test_a_long_messages_question_is_read_by_its_first_clause_when_the_rest_only_adds_words() -> None:
    """'..., what did the bakery win, the full name of it?': the first clause finds the entry the whole question
    ranks first, with less left unexplained; '..., and how many work there?' is a second question."""
    second = Engine.load(SECOND_STORY)
    extra = "my aunt keeps going on about the town bakery, but what did the bakery win, the full name of it?"
    focus = "but what did the bakery win the full name of it?"
    whole = second.matcher.rank(focus, context=extra)[0]
    result = second.ask(extra)
    assert result.entry == whole.entry.id == "prize" and result.score > whole.score
    twice = "my aunt keeps going on about the bakery, so when did the bakery open, and how many people work there?"
    assert second.ask(twice).entry == "opened"


def test_a_long_messages_question_after_a_dispute_it_states_is_read_with_that_dispute() -> None:
    """'we argued about whether anyone recognises them, ..., so which countries does the article say do?': the
    question leans on the dispute for its verb; read alone it asks about countries in general."""
    disputed = ("my brother and I argued for an hour about whether any country recognises the two breakaway "
                "republics, so which countries does the article say do?")
    assert ENGINE.matcher.rank("so which countries does the article say do?")[0].entry.id != "republics-recognition"
    assert ENGINE.ask(disputed).entry == "republics-recognition"


def test_a_number_alone_asks_nothing() -> None:
    """A stray '3' (a pick typed once too often, a typo) must not come back as a cited fact."""
    for typed in ("3", "15", "three", "2022", " 7 "):
        assert ENGINE.ask(typed).kind is Kind.DECLINE, typed
    assert ENGINE.ask("fifteen countries").answered  # a number with a word is a question


def test_a_long_message_that_asks_about_what_it_quoted_is_answered_from_the_quoted_line() -> None:
    second = Engine.load(SECOND_STORY)
    message = ("my cousin sent me a screenshot that says 'the town bakery won a prize' and then it cuts off, "
               "super annoying, so how does that sentence continue?")
    result = second.ask(message)
    assert result.answered and result.citations[0].line == 1
    chatter = ("my cousin said 'the town bakery won a prize' over dinner and we all laughed about it, "
               "so who is the mayor's husband?")
    assert all(c.line != 1 for c in second.ask(chatter).citations)  # a quote in the preamble is not the question


def test_asking_whether_a_fact_also_holds_for_something_the_entry_never_names_is_not_answered() -> None:
    second = Engine.load(SECOND_STORY)
    assert second.ask("did the bakery win a prize").answered
    assert second.ask("did the bakery also win a prize for its rye bread").answered  # all of it is in the entry
    also = second.ask("did the school also win a prize")
    assert not also.answered and also.kind is Kind.SUGGESTIONS  # the fact is offered, not asserted of the school


def test_asking_whether_a_fact_also_holds_for_a_thing_the_entry_names_only_in_its_questions_is_not_answered(
        edit: Edit, story_copy: Path) -> None:
    """'did they also win a wheat bread prize?': the prize entry's question "did they win for wheat bread?"
    names the wheat bread (to be answered no), but its answer and quote say rye bread; the thing added is not the
    one the text says the fact holds for. Offered, not asserted."""
    edit("      - which bread won\n", "      - which bread won\n      - did they win for wheat bread\n")
    matcher = Engine.load(story_copy, cache_dir=None).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    ranked = [Scored(prize, 0.95, "did they win for wheat bread")]
    for question, answered in [("did they also win a wheat bread prize", False),
                               ("did they also win a prize for rye bread", True)]:
        result = matcher._unless_more_is_asked(matcher.answer(question, prize, 0.95), question, ranked)
        assert result.answered is answered, question


def test_both_is_a_word_of_the_question() -> None:
    # "how did both sides behave" asks about the two together, as an article's "both sides" says
    assert stem("both") in Analyzer().terms("how did both sides behave")


@pytest.mark.parametrize("order", [1, -1])
def test_a_term_reached_twice_from_one_question_keeps_its_heavier_reading(order: int) -> None:
    # "her name, or surname?": "name" typed counts in full, "surname" read loosely as "name" counts half;
    # the question asks about a name either way, so the term weighs what the typed word does, whichever came first.
    matcher = ENGINE.matcher
    typed, loose = Read("name", "name"), Read("name", "surname", LOOSE_SHARE, related=True)
    weights = matcher.read_weights([typed, loose][::order])
    assert weights == {"name": matcher.weight("name")}
    assert matcher.read_weights([loose]) == {"name": matcher.weight("name") * LOOSE_SHARE}


@pytest.mark.parametrize(("where", "entry"), [("in the first paragraph", "prize"), ("in paragraph 1", "prize"),
                                              ("in the last paragraph", "staff")])
def test_a_question_that_names_a_paragraph_is_answered_from_it(where: str, entry: str) -> None:
    second = Engine.load(SECOND_STORY)
    assert second.ask("bakery employees or prize?").kind is Kind.SUGGESTIONS  # either could be meant
    answered = second.ask(f"bakery employees or prize {where}?")
    assert answered.entry == entry and answered.answered


def test_an_answer_from_another_paragraph_than_the_one_named_is_offered_not_asserted() -> None:
    second = Engine.load(SECOND_STORY)
    assert second.ask("what did the bakery win").entry == "prize"  # the prize is in the first paragraph
    elsewhere = second.ask("what did the bakery win in the last paragraph")
    assert not elsewhere.answered and elsewhere.kind is Kind.SUGGESTIONS


def test_a_gap_gives_way_when_the_question_without_its_place_words_ranks_the_named_paragraph_first() -> None:
    """ "what word in the first line says how rare the statement was": the words that say where to look can lend a
    gap the question; read without them, the question ranks the named paragraph's entry first and above the answer
    band, so it answers. A question the gap still takes first without them keeps the gap's honest reply."""
    matcher = Engine.load(SECOND_STORY).matcher

    def reply(question: str) -> Result:
        gap = Result(question, Kind.GAP, answer="The article doesn't name the baker.", entry="gap-baker-name",
                     score=0.9)
        return matcher._in_paragraph_named(question, gap, [])

    answered = reply("what did the bakery win in the first paragraph")
    assert answered.kind is Kind.ANSWER and answered.entry == "prize"
    assert reply("who owns the bakery in the first paragraph").kind is Kind.GAP


def test_a_paragraph_named_before_the_question_is_what_the_question_asks_about() -> None:
    """ "The opening line says the statement was unusual - what's the exact adjective used there?": the question
    alone names little; the place named before it, and what the message says is there, say what it asks about."""
    message = "The opening line says NASA's statement was unusual - what's the exact adjective used there?"
    result = ENGINE.ask(message)
    assert result.kind is Kind.ANSWER
    assert {c.line for c in result.citations} == {ENGINE.kb.article.text_lines[0]}


def test_a_gap_close_behind_an_answer_takes_the_question_when_it_says_the_word_the_answer_lacks() -> None:
    """'who owns the bakery that won a prize?': the prize entry never says who owns it, the gap "who owns the
    bakery" does, so when the gap scores close behind, its honest reply beats a cited answer that skips the
    question's point. A gap far behind, or a word the answer's entry explains, leaves the answer alone."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    close = Tuning().gap_close

    def reply(question: str, behind: float) -> Result:
        ranked = [Scored(prize, 0.8, "what did the bakery win"), Scored(gap, 0.8 - behind, "who owns the bakery")]
        return matcher._unless_a_gap_asks(matcher.answer(question, prize, 0.8), question, ranked)

    claimed = reply("who owns the bakery that won a prize", close / 2)
    assert claimed.kind is Kind.GAP and claimed.entry == "gap-baker-name" and not claimed.citations
    assert reply("who owns the bakery that won a prize", close * 2).kind is Kind.ANSWER  # the gap is far behind
    assert reply("what prize did the bakery win", close / 2).kind is Kind.ANSWER  # the answer explains every word


def test_a_fact_close_behind_a_gap_answers_when_its_question_says_what_the_gap_question_does_not() -> None:
    """'who won the bakery prize?': the gap "who owns the bakery" shares only "who" and "bakery" with it, the
    fact "which bread won" says what the question is after ("won"), and leaves less of the question
    unexplained: the fact answers. Not when the gap is far behind, nor when the gap's question says a word of
    the question that the fact lacks ("who owns the bakery that won a prize?")."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    close, top = Tuning().gap_close, matcher.settings.answer_at + 0.1

    def reply(question: str, behind: float) -> Result:
        ranked = [Scored(gap, top, "who owns the bakery"), Scored(prize, top - behind, "which bread won")]
        declined = Result(question, Kind.GAP, answer=gap.answer, entry=gap.id, score=top)
        return matcher._unless_a_fact_answers(declined, question, ranked)

    answered = reply("who won the bakery prize", close / 2)
    assert answered.kind is Kind.ANSWER and answered.entry == "prize" and answered.citations
    assert reply("who won the bakery prize", close * 2).kind is Kind.GAP  # the fact is far behind
    assert reply("who owns the bakery that won a prize", close / 2).kind is Kind.GAP  # nothing in the fact says "owns"


def test_a_fact_close_behind_a_gap_answers_when_it_holds_the_kind_of_answer_the_gap_question_does_not_ask() -> None:
    """'when did the baker's shop open?' asks a date; the gap's best question "who is the baker" asks none, and the
    fact "the bakery opened in 1998" holds one: the fact answers. Not when the gap's question asks a date too
    ("when was the baker born"), nor when the fact's text holds no answer of the kind ("why did it open?")."""
    matcher = Engine.load(SECOND_STORY).matcher
    opened = next(e for e in matcher.entries if e.id == "opened")
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    top = matcher.settings.answer_at + 0.1
    behind = Tuning().gap_close / 2

    def reply(question: str, gap_asks: str) -> Result:
        ranked = [Scored(gap, top, gap_asks), Scored(opened, top - behind, "when did the bakery open")]
        declined = Result(question, Kind.GAP, answer=gap.answer, entry=gap.id, score=top)
        return matcher._unless_a_fact_answers(declined, question, ranked)

    answered = reply("when did the baker's shop open", "who is the baker")
    assert answered.kind is Kind.ANSWER and answered.entry == "opened" and answered.citations
    assert reply("when did the baker's shop open", "when was the baker born").kind is Kind.GAP
    assert reply("why did the baker's shop open", "who is the baker").kind is Kind.GAP


def test_a_fact_close_behind_a_gap_answers_when_the_gap_question_asks_more_than_the_question_says() -> None:
    """"when did the bakery open?" against the gap's "when did the bakery open its second shop" and the fact's "when
    did the bakery open": the gap's question asks about a second shop, which the question never mentions, so the
    fact close behind answers. Not when the gap's question says nothing more ("when did the bakery open")."""
    matcher = Engine.load(SECOND_STORY).matcher
    opened = next(e for e in matcher.entries if e.id == "opened")
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    top = matcher.settings.answer_at + 0.1
    behind = Tuning().gap_close / 2

    def reply(gap_asks: str) -> Result:
        question = "when did the bakery open"
        ranked = [Scored(gap, top, gap_asks), Scored(opened, top - behind, "when did the bakery open")]
        declined = Result(question, Kind.GAP, answer=gap.answer, entry=gap.id, score=top)
        return matcher._unless_a_fact_answers(declined, question, ranked)

    assert reply("when did the bakery open its second shop").entry == "opened"
    assert reply("when did the bakery open").kind is Kind.GAP


def test_a_fact_further_behind_a_gap_asking_with_another_wh_word_answers_the_kind_it_holds() -> None:
    """"when did the baker's shop open?" against the gap "who is the baker", twice as far behind as ``gap_close``: the
    gap asks who, the question when, so the gap's lead is only the words they share, and the fact holding a date
    answers up to ``order_close`` behind. A gap asking "what year was the baker born" asks a date too: it keeps it."""
    matcher = Engine.load(SECOND_STORY).matcher
    opened = next(e for e in matcher.entries if e.id == "opened")
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    top = matcher.settings.answer_at + 0.2
    behind = (Tuning().gap_close + Tuning().order_close) / 2

    def reply(question: str, gap_asks: str) -> Result:
        ranked = [Scored(gap, top, gap_asks), Scored(opened, top - behind, "when did the bakery open")]
        declined = Result(question, Kind.GAP, answer=gap.answer, entry=gap.id, score=top)
        return matcher._unless_a_fact_answers(declined, question, ranked)

    answered = reply("when did the baker's shop open", "who is the baker")
    assert answered.kind is Kind.ANSWER and answered.entry == "opened"
    assert reply("when did the baker's shop open", "what year was the baker born").kind is Kind.GAP
    assert reply("did the baker's shop open", "who is the baker").kind is Kind.GAP  # no wh-word: gap_close holds


def test_a_gap_whose_question_asks_about_the_same_thing_takes_a_question_the_answer_does_not_ask_about() -> None:
    """'who owns the bakery that employs 12 people?': the staff entry matches most of its words, but its
    questions ask "how many people", and its answer names no owner; the gap's best question asks "who owns",
    the thing this question's "who" asks about, so the gap's honest reply stands instead of the head count.
    Not when the answer's entry asks about that thing itself, nor when the gap ranks below the suggestions."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    floor = matcher.settings.suggest_at

    def reply(question: str, gap_score: float) -> Result:
        ranked = [Scored(staff, 0.95, "how many people work at the bakery"),
                  Scored(gap, gap_score, "who owns the bakery")]
        return matcher._unless_a_gap_asks_what(matcher.answer(question, staff, 0.95), question, ranked)

    claimed = reply("who owns the bakery that employs 12 people", floor + 0.05)
    assert claimed.kind is Kind.GAP and claimed.entry == "gap-baker-name" and not claimed.citations
    assert reply("who owns the bakery that employs 12 people", floor - 0.05).kind is Kind.ANSWER  # the gap is far down
    assert reply("how many people work at the bakery the baker owns", floor + 0.05).kind is Kind.ANSWER


def test_an_entry_names_what_how_many_asks_about_only_by_counting_it() -> None:
    """'The bakery employs 12 people' counts people, not bakeries: it names the bakery, but "how many bakeries"
    isn't what it answers. A gap asking "how many ovens" in any of its questions, not just its best one, takes
    a "how many ovens" question from it: what "how many" asks about is read reliably."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    assert matcher._names(staff, ("count", stem("people")))
    assert not matcher._names(staff, ("count", stem("bakery")))
    assert matcher._names(staff, ("what", stem("bakery")))
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    gap = replace(gap, questions=(*gap.questions, "how many ovens does the bakery have"))
    question = "how many ovens does the bakery with 12 people have"
    ranked = [Scored(staff, 0.95, "how many people work at the bakery"),
              Scored(gap, matcher.settings.suggest_at + 0.05, "who owns the bakery")]
    claimed = matcher._unless_a_gap_asks_what(matcher.answer(question, staff, 0.95), question, ranked)
    assert claimed.kind is Kind.GAP and claimed.entry == "gap-baker-name"


def test_a_fact_that_ranks_to_answer_and_asks_about_the_asked_thing_answers_instead() -> None:
    """'which bread does the bakery with 12 people bake?': the staff entry matches more words, but the prize
    entry's best question "which bread won" asks about the bread, which the staff entry never asks about nor
    names; the prize answers. Not when it ranks below the answering band."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    prize = next(e for e in matcher.entries if e.id == "prize")
    question = "which bread does the bakery with 12 people bake"

    def reply(score: float) -> Result:
        ranked = [Scored(staff, 0.95, "how many people work at the bakery"), Scored(prize, score, "which bread won")]
        return matcher._unless_a_gap_asks_what(matcher.answer(question, staff, 0.95), question, ranked)

    answered = reply(matcher.settings.answer_at + 0.05)
    assert answered.kind is Kind.ANSWER and answered.entry == "prize" and answered.citations
    assert reply(matcher.settings.answer_at - 0.05).entry == "staff"


def test_a_place_in_a_row_is_not_the_thing_a_question_asks_about(story_copy: Path, edit: Edit) -> None:
    """'what was the first bread the bakery won a prize for?' asks about the bread, which the prize entry names; a gap
    whose best question asks "what was the first day of the bakery" shares only "first", a word that says which one
    of a row, and doesn't take the question."""
    edit("      - who owns the bakery\n", "      - who owns the bakery\n      - what was the first day of the bakery\n")
    matcher = Engine.load(story_copy, cache_dir=None).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    question = "what was the first bread the bakery won a prize for"
    ranked = [Scored(prize, 0.95, "which bread won"),
              Scored(gap, matcher.settings.suggest_at + 0.05, "what was the first day of the bakery")]
    answered = matcher._unless_a_gap_asks_what(matcher.answer(question, prize, 0.95), question, ranked)
    assert answered.kind is Kind.ANSWER and answered.entry == "prize"


def test_a_kind_of_answer_is_not_a_thing_another_entry_takes_the_question_by() -> None:
    """'the rye bread - what's the full name the article gives it?': a name is a kind of answer, not what the question
    is about; a gap whose best question asks the baker's name doesn't take the question from the prize entry, which
    is about the bread, though the prize's answer never says "name"."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    question = "the rye bread - what's the full name the article gives it?"
    ranked = [Scored(prize, 0.95, "which bread won"),
              Scored(gap, matcher.settings.suggest_at + 0.05, "what is the baker's name")]
    answered = matcher._unless_a_gap_asks_what(matcher.answer(question, prize, 0.95), question, ranked)
    assert answered.kind is Kind.ANSWER and answered.entry == "prize"


@pytest.mark.parametrize("question", ["did the mayor win a prize?", "did the school win a prize for its bread?"])
def test_a_yes_no_question_about_a_thing_the_answer_never_names_is_not_answered(question: str) -> None:
    """'did the mayor win a prize?': the prize entry says the bakery won it, and neither its text nor its line names
    the mayor; saying "the town bakery won a prize" would answer another question. Offered, not asserted."""
    result = Engine.load(SECOND_STORY).ask(question)
    assert not result.answered


@pytest.mark.parametrize("question", ["did the bakery win a prize?", "did the springfield bakery win a prize?"])
def test_a_yes_no_question_about_a_thing_the_answer_or_its_line_names_is_answered(question: str) -> None:
    """The entry's text names the bakery; its line names Springfield, where the bakery is."""
    result = Engine.load(SECOND_STORY).ask(question)
    assert result.answered and result.entry == "prize"


def test_a_yes_no_question_about_a_thing_its_line_names_inside_an_alias_is_answered(
        edit: Edit, story_copy: Path) -> None:
    """An alias reads "rye bread" as one name, so the line's terms lose the word "rye"; the line still says it, and
    "did the rye win a prize?" is about what it names."""
    edit("aliases:\n", "aliases:\n  - term: prize bread\n    same_as: [rye bread]\n")
    matcher = Engine.load(story_copy, cache_dir=None).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    assert not matcher._lacks_subject("did the rye win a prize?", prize, "The bakery won a prize.")
    assert matcher._lacks_subject("did the mayor win a prize?", prize, "The bakery won a prize.")


def test_a_who_question_about_a_thing_the_answer_names_only_in_a_question_denying_it_is_not_answered(
        edit: Edit, story_copy: Path) -> None:
    """'who employs the school's cooks these days?' against the staff entry: its question "does the school employ
    them?" (answered no: the bakery does) names the school, but neither its text nor its line does; saying "the
    bakery employs 12 people" answers who employs the bakery's staff, not the school's."""
    edit("      - how many employees\n", "      - how many employees\n      - does the school employ them\n")
    matcher = Engine.load(story_copy, cache_dir=None).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    question = "who employs the school cooks these days"
    ranked = [Scored(staff, 0.95, "does the school employ them")]
    offered = matcher._unless_the_text_lacks_it(matcher.answer(question, staff, 0.95), question, ranked)
    assert not offered.answered
    assert not matcher._lacks_object("who employs the bakery staff these days", staff, "")
    assert not matcher._lacks_object("who employs them", staff, "")


def test_a_yes_no_question_about_another_thing_is_answered_by_a_text_that_says_its_fact_holds_for_its_own_alone(
        story_copy: Path, edit: Edit) -> None:
    """'did the mayor win a prize?' against "only the town bakery won a prize": the text doesn't name the mayor, but it
    says no one else won one, which answers the question (no). Without "only" it says nothing of the mayor."""
    matcher = Engine.load(story_copy, cache_dir=None).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    assert matcher._lacks_subject("did the mayor win a prize?", prize, "The town bakery won a prize.")
    assert not matcher._lacks_subject("did the mayor win a prize?", prize, "Only the town bakery won a prize.")
    assert not matcher._lacks_subject("did the mayor win a prize?", prize, "The town bakery alone won a prize.")


def test_a_short_question_is_answered_by_itself_when_the_askers_guess_after_it_only_lowers_its_match() -> None:
    """'who won a prize, the mayor?': the guess is wrong, and its words count against the prize entry; the question
    alone finds the same entry, surer, and the entry says who did (the bakery)."""
    result = Engine.load(SECOND_STORY).ask("who won a prize, the mayor?")
    assert result.answered and result.entry == "prize"


def test_a_short_question_is_answered_by_itself_when_what_follows_is_an_aside_that_asks_nothing() -> None:
    """'who won a prize? sorry, new here': the aside's words count against the prize entry, and name no fact alone."""
    engine = Engine.load(SECOND_STORY)
    result = engine.ask("who won a prize? sorry, new here")
    assert result.answered and result.entry == "prize"
    assert not engine.ask("who won a prize? sorry, new here, which school was it").answered


@pytest.mark.parametrize("question", ["what month is this article from", "when is this story from?"])
def test_the_texts_own_date_is_answered_by_the_fact_citing_its_dateline(question: str) -> None:
    result = Engine.load(SECOND_STORY).ask(question)
    assert result.answered and result.entry == "report"
    assert [c.line for c in result.citations] == [1]


@pytest.mark.parametrize("question", ["washington post or wall street journal, which one had the story",
                                      "the washington post or the financial times, which one had the story"])
def test_two_alternatives_offered_before_the_question_are_answered_by_the_fact_that_says_one(question: str) -> None:
    """'the post or the times, which one had the story?': the source entry says the one, and the other paper's words
    count against it only in the whole question; each alternative is read whole with the question."""
    result = ENGINE.ask(question)
    assert result.answered and result.entry == "report-source"


def test_a_yes_no_question_after_an_event_the_answer_never_names_is_not_answered() -> None:
    """'did the bakery win a prize after the opening?': the prize entry says the bakery won one, and neither its text
    nor its line speaks of the opening; whether it came after is not said there. The mayor's words, on the line
    that names the prize, can say what she said after the prize."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    mayor = next(e for e in matcher.entries if e.id == "mayor-quote")
    question = "did the bakery win a prize after the opening?"
    ranked = [Scored(prize, 0.95, "what did the bakery win")]
    offered = matcher._unless_the_text_lacks_it(matcher.answer(question, prize, 0.95), question, ranked)
    assert not offered.answered
    assert not matcher._lacks_event("did the mayor praise the bakery after the prize?", mayor, "")
    assert not matcher._lacks_event("did the bakery win a prize?", prize, "")


@pytest.mark.parametrize("question", ["what town did the mayor mean by 'the whole town'?",
                                      "what town did the mayor mean by 'makes the whole town proud'?"])
def test_which_thing_someone_meant_by_their_quoted_words_is_not_answered_with_the_words(question: str) -> None:
    """The mayor's quote names the town only in the words the question quotes: the entry, and the sentence that holds
    the words, say them back, not which town she meant."""
    result = Engine.load(SECOND_STORY).ask(question)
    assert not result.answered


def test_a_question_asks_about_a_thing_it_names_with_describing_words_before_it() -> None:
    """'what bread?': the prize entry's question "which rye bread won" asks about the bread too, with a describing
    word before it; the prize answers rather than the staff entry, which neither asks about bread nor names it.
    Only with the same wh-word: "how many breads" is not what it asks."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    prize = next(e for e in matcher.entries if e.id == "prize")
    prize = replace(prize, questions=("which rye bread won",))
    assert matcher._pattern_asks("which rye bread won", ("what", stem("bread")))
    assert not matcher._pattern_asks("which rye bread won", ("count", stem("bread")))
    question = "the bakery with 12 people won something, what bread"
    ranked = [Scored(staff, 0.95, "how many people work at the bakery"),
              Scored(prize, matcher.settings.answer_at + 0.05, "which rye bread won")]
    answered = matcher._unless_a_gap_asks_what(matcher.answer(question, staff, 0.95), question, ranked)
    assert answered.kind is Kind.ANSWER and answered.entry == "prize"


def test_she_or_he_asks_the_words_of_a_person_the_story_quotes() -> None:
    """'did she say anything about the prize?': the prize entry matches "prize", but none of its questions asks
    anyone's words; "she" stands for a person the story quotes, the mayor Ann Lee, and a fact ranked to answer
    whose best question asks her words answers instead. Not when it ranks below the answering band."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    mayor = next(e for e in matcher.entries if e.id == "mayor-quote")
    question = "did she say anything about the prize"

    def reply(score: float) -> Result:
        ranked = [Scored(prize, 0.9, "what prize"), Scored(mayor, score, "what did ann lee say")]
        return matcher._unless_a_gap_asks_words(matcher.answer(question, prize, 0.9), question, ranked)

    answered = reply(matcher.settings.answer_at + 0.05)
    assert answered.kind is Kind.ANSWER and answered.entry == "mayor-quote" and answered.citations
    assert reply(matcher.settings.answer_at - 0.05).entry == "prize"


def test_what_she_or_he_said_is_not_answered_by_an_entry_naming_nobody_the_story_quotes() -> None:
    """'what does she say about the prize?': "she" is a person the story quotes, the mayor Ann Lee; the prize entry's
    answer names nobody quoted, so it can't report her words, and with no entry of hers ranked to answer it is offered,
    not asserted. Her quote, which names her, answers; a yes/no question ("did she say anything about the prize?")
    keeps the answer (see above)."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    mayor = next(e for e in matcher.entries if e.id == "mayor-quote")
    low = matcher.settings.answer_at - 0.05

    def reply(question: str, entry: Entry) -> Result:
        ranked = [Scored(entry, 0.9, "what prize"), Scored(mayor, low, "what did ann lee say")]
        return matcher._unless_a_gap_asks_words(matcher.answer(question, entry, 0.9), question, ranked)

    assert reply("what does she say about the prize", prize).kind is Kind.SUGGESTIONS
    assert reply("what does she say about the prize", mayor).kind is Kind.ANSWER
    assert reply("did she say anything about the prize", prize).kind is Kind.ANSWER


def test_a_question_asking_which_other_things_of_a_kind_there_were_is_not_answered_by_an_entry_naming_none() -> None:
    """'what were the other prizes the bakery won?': the prize entry says which prize this was, and names prizes,
    so it may say there were others; 'what were the other occasions the bakery won a prize?' asks of occasions,
    which neither the entry nor its line speaks of: what this one was doesn't say which others there were."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    ranked = [Scored(prize, 0.95, "what prize")]

    def reply(question: str) -> Result:
        return matcher._unless_the_text_lacks_it(matcher.answer(question, prize, 0.95), question, ranked)

    assert reply("what were the other occasions the bakery won a prize?").kind is Kind.SUGGESTIONS
    assert reply("which other cities have a bakery that won a prize?").kind is Kind.SUGGESTIONS
    assert reply("which other towns have a bakery that won a prize?").kind is Kind.ANSWER  # "the town bakery"
    assert reply("what were the other prizes the bakery won?").kind is Kind.ANSWER
    assert reply("what prize did the bakery win?").kind is Kind.ANSWER
    # asked as a yes-no question, or with a word saying which kind, it asks the same
    assert reply("did any other bread shops besides the bakery win a prize?").kind is Kind.SUGGESTIONS
    assert reply("were there other cities whose bakery won a prize?").kind is Kind.SUGGESTIONS
    assert reply("did any other prizes go to the bakery?").kind is Kind.ANSWER


def test_a_quoted_word_is_not_the_answer_to_which_other_things_of_its_kind_there_were() -> None:
    """'what were the other occasions it won a "prize" like this?': the sentence holding "prize" names no occasions,
    so it is not quoted back as the answer."""
    engine = Engine.load(SECOND_STORY)
    assert engine.ask('what were the other occasions the town won a "prize" like this?').kind is not Kind.ANSWER
    assert engine.ask('what did it win a "prize" for?').kind is Kind.ANSWER


def test_a_gap_asking_the_same_speaker_takes_a_question_about_someone_elses_words() -> None:
    """'did the baker say anything about the prize?': the mayor's quote matches "say" and "prize", but no question
    of it asks what the baker said; the gap's best question does, so its honest reply stands. Not when the
    question asks the mayor's words, nor when the gap ranks below the suggestions: then the mayor's quote, which never
    speaks of a baker, is offered, not asserted (``_never_names_the_speaker``)."""
    matcher = Engine.load(SECOND_STORY).matcher
    mayor = next(e for e in matcher.entries if e.id == "mayor-quote")
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    gap = replace(gap, questions=(*gap.questions, "did the baker say anything"))
    floor = matcher.settings.suggest_at

    def reply(question: str, gap_score: float) -> Result:
        ranked = [Scored(mayor, 0.9, "what did the mayor say"), Scored(gap, gap_score, "did the baker say anything")]
        return matcher._unless_a_gap_asks_words(matcher.answer(question, mayor, 0.9), question, ranked)

    claimed = reply("did the baker say anything about the prize", floor + 0.05)
    assert claimed.kind is Kind.GAP and claimed.entry == "gap-baker-name" and not claimed.citations
    assert reply("did the baker say anything about the prize", floor - 0.05).kind is Kind.SUGGESTIONS
    assert reply("did the mayor say anything about the prize", floor + 0.05).kind is Kind.ANSWER


def test_a_question_of_two_alternatives_is_answered_by_the_fact_that_says_one_of_them() -> None:
    """'were the cosmonauts on the ISS or on Earth?': the words of the alternative the article doesn't state count
    against the line that states the other; read with one alternative alone, the question is answered from the
    line that says it. Not when no entry says the alternative in its own words: the article may state neither."""
    result = ENGINE.ask("were the cosmonauts on the iss or on earth")
    assert result.kind is Kind.ANSWER and 1 in {cited.line for cited in result.citations}
    assert ENGINE.ask("did nasa blame the cosmonauts or the russian government").kind is Kind.ANSWER
    assert not ENGINE.ask("did they post the photos on twitter or on telegram").answered
    matcher = ENGINE.matcher
    entry = next(e for e in matcher.entries if e.id == "why-nasa-criticised")
    assert matcher._says(entry, "cosmonauts") and not matcher._says(entry, "telegram")


def test_a_fact_close_behind_a_gap_gives_the_alternative_a_wh_question_offers() -> None:
    """'where in ukraine was the captured region, east or west?': the gap "where exactly in eastern ukraine" ranks
    first, but the question offers two answers, and the fact close behind it that says one ("eastern Ukraine")
    gives it. Not a fact far behind, nor one that doesn't say the alternative; a yes/no question's alternatives
    are claims of their own, which a gap may say the article lacks."""
    result = ENGINE.ask("where in ukraine was the captured region, east or west?")
    assert result.kind is Kind.ANSWER and result.entry == "region-captured"
    matcher = Engine.load(SECOND_STORY).matcher
    by_id = {e.id: e for e in matcher.entries}
    gap, prize = by_id["gap-baker-name"], by_id["prize"]
    close = [Scored(gap, 0.9, "who baked it"), Scored(prize, 0.88, "what prize")]
    assert [s.entry.id for s in matcher._fact_saying(close, "rye bread")] == ["prize", "gap-baker-name"]
    assert matcher._fact_saying(close, "rye bread")[0].score == 0.9  # the place's score stays
    assert matcher._fact_saying(close, "wheat")[0].entry.id == "gap-baker-name"
    far = [Scored(gap, 0.9, "who baked it"), Scored(prize, 0.8, "what prize")]
    assert matcher._fact_saying(far, "rye bread")[0].entry.id == "gap-baker-name"


def test_an_alternative_is_said_by_an_entry_that_says_its_words_but_the_everyday_ones() -> None:
    """'is she some random spokesperson or does she have a real position at nasa?': the entry that says her position
    says the second alternative; "real" is an everyday word, which names nothing. An alternative of everyday words
    alone says nothing at all."""
    matcher = ENGINE.matcher
    entry = next(e for e in matcher.entries if e.id == "lueders-who")
    assert matcher._says(entry, "real position") and matcher._says(entry, "position")
    assert not matcher._says(entry, "real") and not matcher._says(entry, "random spokesperson")
    result = ENGINE.ask("is lueders just some random spokesperson, or does she have a real position at nasa?")
    assert result.kind is Kind.ANSWER and result.entry == "lueders-who"


def test_a_gap_asking_how_many_of_another_thing_gives_way_to_a_fact_asking_about_the_thing_asked() -> None:
    """'how many employees worked on the loaves the bakery sold?': the gap "how many loaves did the bakery sell"
    shares most of the words, but it counts loaves; the staff fact asks how many employees, so it answers when it
    ranks to answer. Not when the question counts loaves, nor when the fact ranks only to be suggested."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    gap = replace(gap, questions=(*gap.questions, "how many loaves did the bakery sell"))

    def reply(question: str, fact_score: float) -> Result:
        ranked = [Scored(gap, 0.95, "how many loaves did the bakery sell"),
                  Scored(staff, fact_score, "how many employees")]
        return matcher._unless_a_fact_asks_what(_gap_reply(question, ranked[0]), question, ranked)

    answer_at = matcher.settings.answer_at
    answered = reply("how many employees worked on the loaves the bakery sold", answer_at + 0.05)
    assert answered.kind is Kind.ANSWER and answered.entry == "staff" and answered.citations
    assert reply("how many employees worked on the loaves the bakery sold", answer_at - 0.05).kind is Kind.GAP
    assert reply("how many loaves did the bakery sell to employees", answer_at + 0.05).kind is Kind.GAP
    assert ENGINE.ask("how many cosmonauts were in the pics roscosmos posted").entry == "cosmonauts-in-photos"
    assert ENGINE.ask("how many photos did roscosmos post").kind is Kind.GAP


def test_a_gap_asking_what_a_later_sentence_of_the_question_asks_keeps_the_question() -> None:
    """'how many employees are there? how many loaves?': the staff fact asks how many employees, but the message's
    second question asks how many loaves, which the gap says the article lacks: the gap's reply stands. Asked
    alone, the first question is the fact's."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    gap = next(e for e in matcher.entries if e.id == "gap-baker-name")
    gap = replace(gap, questions=(*gap.questions, "how many loaves did the bakery sell"))

    def reply(question: str) -> Result:
        ranked = [Scored(gap, 0.95, "how many loaves did the bakery sell"),
                  Scored(staff, matcher.settings.answer_at + 0.05, "how many employees")]
        return matcher._unless_a_fact_asks_what(_gap_reply(question, ranked[0]), question, ranked)

    assert reply("how many employees does the bakery have? how many loaves does it sell?").kind is Kind.GAP
    assert reply("how many employees does the bakery have, and what do they sell?").entry == "staff"
    assert reply("how many employees worked on the loaves the bakery sold").entry == "staff"


def test_a_detail_the_knowledge_base_has_no_word_for_counts_half_in_a_statement_put_up_for_checking() -> None:
    """'the flags were Crimean flags, right?': the asker checks a statement; the detail the article has no word for
    may be the one that is wrong, and the line about the flags answers it by saying which they were. Asked plainly,
    the unknown word counts in full."""
    matcher = ENGINE.matcher
    tagged = matcher.rank("the flags in the photo were crimean flags, right?")
    plain = matcher.rank("the flags in the photo were crimean flags")
    assert tagged[0].entry.id == plain[0].entry.id == "flags"
    assert tagged[0].score > plain[0].score
    assert ENGINE.ask("the flags in the photo were crimean flags, right?").entry == "flags"


def test_a_detail_read_only_as_a_loosely_related_word_counts_half_in_a_statement_put_up_for_checking() -> None:
    """'nasa said the photos were harmless fun, right?': "harmless" and "fun" are read loosely as "safe" and
    "activity", words that stand in without saying what they say; in a statement put up for checking they may be the
    detail that is wrong, as a word with no reading is. A close synonym says what the story's word says: it stays."""
    matcher = ENGINE.matcher
    question = "nasa said the cosmonauts photos were harmless fun"
    tagged, plain = matcher.rank(f"{question}, right?"), matcher.rank(question)
    assert tagged[0].entry.id == plain[0].entry.id == "nasa-statement"
    assert tagged[0].score > plain[0].score
    close = "nasa reprimanded the cosmonauts"
    assert matcher.rank(f"{close}, right?")[0].score == matcher.rank(close)[0].score


def test_too_in_the_second_of_two_alternatives_asks_no_addition() -> None:
    # "is it run only by A, or is B in charge too?": "too" says what the second alternative is, not that the fact
    # should hold for one more; "did the school also win?" still asks an addition.
    result = ENGINE.ask("is the ISS run only by NASA, or is Russia's side officially in charge too?")
    assert result.kind is Kind.ANSWER and result.entry == "iss-operators"
    second = Engine.load(SECOND_STORY)
    assert not second.ask("did the school also win a prize").answered


def test_a_gap_that_asks_who_did_it_takes_the_question_whatever_stresses_it() -> None:
    """'who actually took the photo of the three cosmonauts': "actually" only stresses the question, which asks who
    took it, as the gap "who took the photos" does; the fact about what the photos showed doesn't say."""
    result = ENGINE.ask("who actually took the photo of the three cosmonauts")
    assert result.kind is Kind.GAP and result.entry == "gap-photo-details"


def test_who_someone_is_is_not_answered_by_a_text_that_only_counts_them() -> None:
    """'who was the european astronaut on board?': the crew entry says "one European astronaut and four Americans",
    how many there are and not who; a text that names the person asked about ("Kathy Lueders is NASA's associate
    administrator") still answers."""
    assert not ENGINE.ask("who was the european astronaut on board").answered
    assert ENGINE.ask("who is the nasa associate administrator").entry == "lueders-who"
    assert ENGINE.ask("how many people are on the station").entry == "iss-crew"


@pytest.mark.parametrize(("question", "lacks"), [("who is the apprentice at the bakery?", True),
                                                ("who is the apprentice at the bakery, a baker or a cook?", False),
                                                ("who is the apprentice at the bakery, a baker or a waiter?", False),
                                                ("who is the apprentice at the bakery, a painter or a waiter?", True)])
def test_who_someone_is_asked_as_one_of_two_things_is_answered_by_a_count_that_says_one(question: str,
                                                                                         lacks: bool) -> None:
    """"one apprentice baker and two cooks" says how many, not who the apprentice is; but "who is the apprentice, a
    baker or a cook?" asks which of the two they are, and the text says "baker". Neither alternative said: still
    lacking."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    assert matcher._lacks_who(question, staff, "The bakery employs one apprentice baker and two cooks.") is lacks


@pytest.mark.parametrize("question", ["who took over lueders' job after her",
                                      "was kathy lueders the first woman to have that job",
                                      "wat did lueders do b4 working at nasa"])
def test_where_someone_stands_in_an_order_is_not_answered_by_a_text_of_what_is(question: str) -> None:
    """"Kathy Lueders is NASA's associate administrator" says her job, not who came after her or whether she was the
    first in it; "we've operated in these kinds of situations before" says nothing of what she did before working
    at NASA."""
    assert not ENGINE.ask(question).answered


def test_a_text_that_says_only_speaks_of_a_record() -> None:
    """'is russia the only country to recognise the republics?': "only recognised ... by Russia and Syria" says it."""
    assert ENGINE.ask("is russia the only country to recognise the republics").entry == "republics-recognition"


def test_the_words_that_put_a_statement_up_for_checking_say_nothing_of_what_it_is_about() -> None:
    """'is it correct that the ISS has 2 russians right now and not 3?': "correct" only says that the statement is
    checked; weighed as the rare word a gap's "which is correct?" makes it, it would send the question to that gap
    rather than to the fact that states the crew."""
    assert _checking_words("is it correct that the bakery has 12 staff?") == {"correct"}
    assert _checking_words("Is it really true it opened in 1998") == {"true"}
    assert _checking_words("am I right that it won?") == {"right"}
    assert not _checking_words("which answer is correct") and not _checking_words("did it win the right prize")
    assert ENGINE.ask("is it correct that the ISS has 2 russians right now and not 3?").entry == "iss-crew"


def test_a_yes_or_no_question_stating_a_count_is_checked_by_the_fact_that_gives_it() -> None:
    """'is it tru the station has 15 particpating countrys': the gap "which 15 countries participate in the station"
    asks which they are; the question only checks how many, which the fact "the 15 international participating
    countries" says. A question that asks which ones, or names one the fact doesn't, still isn't answered by it."""
    assert ENGINE.ask("is it tru the station has 15 particpating countrys").entry == "participating-countries"
    assert not ENGINE.ask("which 15 countries participate in the station").answered
    assert not ENGINE.ask("is india one of the 15 iss countries").answered


def test_a_fact_close_behind_that_says_the_questions_words_side_by_side_ranks_first() -> None:
    """'was the whole town proud of the prize?': the prize entry ranks first on "prize", but the mayor's quote
    "makes the whole town proud" holds "whole town proud" as the question says it, so when it scores close
    behind it takes first place (and the score of the place: how well the question is matched stays the same).
    Not when it is far behind, nor for the same words in another order, nor over a gap on top; a gap is never
    moved up: its reply says nothing in the article's words to hold the question's."""
    matcher = Engine.load(SECOND_STORY).matcher
    by_id = {e.id: e for e in matcher.entries}
    prize, mayor, gap = by_id["prize"], by_id["mayor-quote"], by_id["gap-baker-name"]
    close = Tuning().order_close

    def first(question: str, ranked: list[Scored]) -> Scored:
        read = matcher.analyzer.read(question, matcher._term_id)
        weights = matcher.read_weights(read)
        return matcher._in_question_order(ranked, read, weights, sum(weights.values()))[0]

    question = "was the whole town proud of the prize"
    promoted = first(question, [Scored(prize, 0.8, "what prize"),
                                Scored(mayor, 0.8 - close / 2, "what did the mayor say")])
    assert promoted.entry.id == "mayor-quote" and promoted.score == 0.8
    assert first(question, [Scored(prize, 0.8, "what prize"),
                            Scored(mayor, 0.8 - close * 2, "what did the mayor say")]).entry.id == "prize"
    assert first("proud of the prize? the town, whole?", [
        Scored(prize, 0.8, "what prize"), Scored(mayor, 0.8 - close / 2, "what did the mayor say")]).entry.id == "prize"
    assert first(question, [Scored(gap, 0.8, "who owns the bakery"),
                            Scored(mayor, 0.8 - close / 2, "what did the mayor say")]).entry.id == "gap-baker-name"
    assert first(question, [Scored(prize, 0.8, "what prize"), Scored(gap, 0.8 - close / 2, "who owns the bakery"),
                            Scored(mayor, 0.8 - close / 2, "what did the mayor say")]).entry.id == "mayor-quote"


def test_what_the_matcher_keeps_per_question_grows_with_the_knowledge_base_not_with_what_members_ask() -> None:
    """A bot answers members for weeks: readings kept per question are the knowledge base's own, never a member's."""
    matcher = Engine.load(SECOND_STORY).matcher
    kb_questions = {q for entry in matcher.entries for q in entry.questions}
    for n in range(10):
        assert matcher.ask(f"did baker {n} say the bakery won a prize for its rye bread").answered
        matcher.ask(f"which prize number {n} did the bakery win")
    assert set(matcher._speakers) <= kb_questions
    assert set(matcher._heads_of_patterns) <= kb_questions


def test_a_question_asking_which_kind_of_a_thing_is_not_answered_by_a_text_that_only_names_it() -> None:
    """'what kind of people work at the bakery?': the staff entry says the bakery employs 12 people, which says how
    many, not what kind, so its answer becomes suggestions; 'what kind of prize did it win?' is answered by the
    prize entry, whose text says which prize ("a prize for its rye bread")."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    prize = next(e for e in matcher.entries if e.id == "prize")
    ranked = [Scored(staff, 0.95, "how many people work at the bakery"), Scored(prize, 0.65, "what prize")]
    question = "what kind of people work at the bakery"
    answered = matcher.answer(question, staff, 0.95)
    assert matcher._unless_the_text_lacks_it(answered, question, ranked).kind is not Kind.ANSWER
    question = "what kind of prize did the bakery win"
    ranked = [Scored(prize, 0.95, "what prize")]
    assert matcher._unless_the_text_lacks_it(matcher.answer(question, prize, 0.95), question, ranked).entry == "prize"


def test_a_question_that_only_asks_what_was_said_names_nothing_and_is_read_with_the_clause_before_it() -> None:
    """'..., what does it say?': the saying verb asks for words, not what about; the claim the message disputes
    says what the question is about, as it does for 'which one was it?'."""
    matcher = Engine.load(SECOND_STORY).matcher
    assert matcher._naming("what does it say?") == (0.0, 0.0)
    assert matcher._naming("who said that?") == (0.0, 0.0)
    assert matcher._naming("what did the mayor say?")[0] > 0  # a speaker named is something named
    result = ENGINE.ask("My uncle insists the Russian space agency never posted any photos with flags, but I think "
                        "the article said otherwise, what does it say?")
    assert result.kind is Kind.ANSWER and result.entry == "who-posted-photos"


def test_a_close_fact_that_says_which_kind_answers_for_one_that_only_names_the_thing() -> None:
    """'what kind of prize did the bakery win?' ranked to the mayor's quote first: it speaks of "the prize" without
    saying which, and the prize entry close behind says which ("a prize for its rye bread"), so that entry answers.
    Not one further behind than ``order_close``, nor one below ``answer_at``: then it is suggestions, as before."""
    matcher = Engine.load(SECOND_STORY).matcher
    quote = next(e for e in matcher.entries if e.id == "mayor-quote")
    prize = next(e for e in matcher.entries if e.id == "prize")
    question = "what kind of prize did the bakery win"
    answered = matcher.answer(question, quote, 0.95)
    close = [Scored(quote, 0.95, "what did the mayor say about the prize"), Scored(prize, 0.9, "what prize")]
    assert matcher._unless_the_text_lacks_it(answered, question, close).entry == "prize"
    far = [Scored(quote, 0.95, "what did the mayor say about the prize"), Scored(prize, 0.8, "what prize")]
    assert matcher._unless_the_text_lacks_it(answered, question, far).kind is Kind.SUGGESTIONS
    low = [Scored(quote, 0.75, "what did the mayor say about the prize"), Scored(prize, 0.68, "what prize")]
    assert matcher._unless_the_text_lacks_it(matcher.answer(question, quote, 0.75), question, low).kind is not (
        Kind.ANSWER)


def test_a_question_asking_which_person_needs_an_entry_that_names_a_person() -> None:
    """'which reporter filed the story from springfield?': the report entry says where and when, and names no one,
    so its answer becomes suggestions; 'which official said the prize makes the town proud?' is answered by the
    mayor's quote, which names Ann Lee, a person the story quotes."""
    matcher = Engine.load(SECOND_STORY).matcher
    report = next(e for e in matcher.entries if e.id == "report")
    mayor = next(e for e in matcher.entries if e.id == "mayor-quote")
    question = "which reporter filed the story from springfield"
    ranked = [Scored(report, 0.95, "where was the story filed")]
    assert matcher._unless_the_text_lacks_it(matcher.answer(question, report, 0.95), question, ranked).kind \
        is not Kind.ANSWER
    question = "which official said the prize makes the town proud"
    ranked = [Scored(mayor, 0.95, "what did the mayor say")]
    assert matcher._unless_the_text_lacks_it(matcher.answer(question, mayor, 0.95), question, ranked).entry \
        == "mayor-quote"


def test_a_question_counting_what_it_asks_which_are_is_not_answered_by_the_count() -> None:
    """'who are the 12 people at the bakery?': the staff entry says only that it employs 12 people, the question's
    own number, so its answer becomes suggestions; 'how many people work at the bakery?' is answered."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    ranked = [Scored(staff, 0.95, "how many people work at the bakery")]
    for question, kind in [("who are the 12 people at the bakery", Kind.SUGGESTIONS),
                           ("how many people work at the bakery", Kind.ANSWER)]:
        assert matcher._unless_the_text_lacks_it(matcher.answer(question, staff, 0.95), question, ranked).kind is kind


def test_a_question_about_what_is_to_come_needs_a_text_that_speaks_of_it() -> None:
    """'how long will the bakery stay open?': the opening entry says when it opened, not what will be, so its answer
    becomes suggestions; 'how long has the bakery been open?' and a request ('will you tell me when ...') keep it."""
    matcher = Engine.load(SECOND_STORY).matcher
    opened = next(e for e in matcher.entries if e.id == "opened")
    ranked = [Scored(opened, 0.95, "when did the bakery open")]
    for question, kind in [("how long will the bakery stay open", Kind.SUGGESTIONS),
                           ("is the bakery going to stay open for long?", Kind.SUGGESTIONS),
                           ("how long has the bakery been open", Kind.ANSWER),
                           ("will you tell me when the bakery opened?", Kind.ANSWER)]:
        result = matcher._unless_the_text_lacks_it(matcher.answer(question, opened, 0.95), question, ranked)
        assert result.kind is kind, question


def test_a_question_naming_a_year_the_story_never_speaks_of_needs_a_text_that_gives_a_year() -> None:
    """'does the bakery still employ 12 people in 2030?': the staff entry gives no year, and the story names none but
    1998, so its answer becomes suggestions. The story's own year asks about the story's time ('in 1998'), and an
    entry that gives a year ('did it open in 2001?' against 'it opened in 1998') can answer a year it doesn't hold."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    opened = next(e for e in matcher.entries if e.id == "opened")
    for entry, question, kind in [(staff, "does the bakery still employ 12 people in 2030?", Kind.SUGGESTIONS),
                                  (staff, "how many people did the bakery employ in 1998", Kind.ANSWER),
                                  (staff, "how many people work at the bakery", Kind.ANSWER),
                                  (opened, "did the bakery open in 2001?", Kind.ANSWER)]:
        ranked = [Scored(entry, 0.95, entry.questions[0])]
        result = matcher._unless_the_text_lacks_it(matcher.answer(question, entry, 0.95), question, ranked)
        assert result.kind is kind, question


def test_a_question_counting_a_thing_the_entry_never_speaks_of_is_not_answered_by_its_number() -> None:
    """'how many customers does the bakery have?': the staff entry's 12 counts people, and nothing in it speaks of
    customers, so its answer becomes suggestions; 'how many people work there?' and 'how many of the people ...' keep
    it."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    ranked = [Scored(staff, 0.95, "how many people work at the bakery")]
    for question, kind in [("how many customers does the bakery have", Kind.SUGGESTIONS),
                           ("how many people work at the bakery, and how many customers come?", Kind.SUGGESTIONS),
                           ("how many people work at the bakery", Kind.ANSWER),
                           ("how many of the people at the bakery work there", Kind.ANSWER)]:
        result = matcher._unless_the_text_lacks_it(matcher.answer(question, staff, 0.95), question, ranked)
        assert result.kind is kind, question


def test_a_question_asking_how_things_pair_up_needs_a_text_naming_them_one_by_one() -> None:
    """'which baker baked which bread?', 'who works in which part of the bakery?': entries saying the bakers won a
    prize for their bread and that there are 12 people don't say who or which did what, so their answers become
    suggestions. A text naming a person the story quotes ('Ann Lee') can say who; a plain question keeps the answer."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    prize = next(e for e in matcher.entries if e.id == "prize")
    named = replace(staff, answer="The bakery employs 12 people; Ann Lee works in its shop.")
    bakers = replace(prize, answer="The town's bakers won a prize for their rye bread.")
    for entry, question, kind in [(bakers, "which baker baked which bread?", Kind.SUGGESTIONS),
                                  (staff, "who works in which part of the bakery", Kind.SUGGESTIONS),
                                  (named, "who works in which part of the bakery", Kind.ANSWER),
                                  (staff, "how many people work at the bakery", Kind.ANSWER)]:
        at = matcher._number(entry.id)
        kept, matcher.entries[at] = matcher.entries[at], entry
        try:
            ranked = [Scored(entry, 0.95, entry.questions[0])]
            result = matcher._unless_the_text_lacks_it(matcher.answer(question, entry, 0.95), question, ranked)
        finally:
            matcher.entries[at] = kept
        assert result.kind is kind, question


def test_a_question_offering_two_answers_needs_an_entry_that_speaks_of_one() -> None:
    """'did the bakery open in a barn or in a garage?': the opening entry says when, and nothing in it speaks of a
    barn or a garage, so its answer becomes suggestions. 'in 1998 or in 2001?' is answered: it speaks of one; and so
    is a statement put up for checking ('..., or am I wrong?')."""
    matcher = Engine.load(SECOND_STORY).matcher
    opened = next(e for e in matcher.entries if e.id == "opened")
    ranked = [Scored(opened, 0.95, "when did the bakery open")]
    for question, kind in [("did the bakery open in a barn or in a garage?", Kind.SUGGESTIONS),
                           ("did the bakery open in 1998 or in 2001?", Kind.ANSWER),
                           ("the bakery opened in a barn, or am I wrong?", Kind.ANSWER)]:
        result = matcher._unless_the_text_lacks_it(matcher.answer(question, opened, 0.95), question, ranked)
        assert result.kind is kind, question


def test_a_question_asking_a_rate_needs_a_text_that_counts_in_a_period() -> None:
    """'how many people does the bakery take on each year?': the staff entry's 12 counts people once, not in each
    year, so its answer becomes suggestions; the count asked plainly keeps it."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    ranked = [Scored(staff, 0.95, "how many people work at the bakery")]
    for question, kind in [("how many people does the bakery take on each year?", Kind.SUGGESTIONS),
                           ("how many people work at the bakery", Kind.ANSWER)]:
        result = matcher._unless_the_text_lacks_it(matcher.answer(question, staff, 0.95), question, ranked)
        assert result.kind is kind, question


def test_a_phrasal_deed_asked_to_follow_an_event_needs_a_text_that_says_it() -> None:
    """'did the bakery take its sign down after the prize?': the prize entry names the prize and nothing of taking
    anything down, so its answer becomes suggestions. A text saying the thing goes on ('it still shows its sign')
    answers, with a no; a question without a phrasal deed keeps the answer."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    still = replace(prize, answer="The town bakery won a prize for its rye bread and still shows its sign.")
    for entry, question, kind in [(prize, "did the bakery take its sign down after the prize?", Kind.SUGGESTIONS),
                                  (still, "did the bakery take its sign down after the prize?", Kind.ANSWER),
                                  (prize, "did the bakery bake rye bread after the prize?", Kind.ANSWER)]:
        at = matcher._number(entry.id)
        kept, matcher.entries[at] = matcher.entries[at], entry
        try:
            ranked = [Scored(entry, 0.95, entry.questions[0])]
            result = matcher._unless_the_text_lacks_it(matcher.answer(question, entry, 0.95), question, ranked)
        finally:
            matcher.entries[at] = kept
        assert result.kind is kind, question


def test_a_question_asking_the_name_of_a_thing_needs_a_name_beside_it() -> None:
    """'what is the name of the bakery?': the prize entry speaks of "the town bakery" and gives it no name, so its
    answer becomes suggestions; an entry that says "the town bakery, Crumbs," answers."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    question = "what is the name of the bakery"
    ranked = [Scored(prize, 0.95, "what prize")]
    answered = matcher.answer(question, prize, 0.95)
    assert matcher._unless_the_text_lacks_it(answered, question, ranked).kind is not Kind.ANSWER
    named = replace(prize, answer="The town bakery, Crumbs, won a prize for its rye bread.")
    at = matcher._number("prize")
    matcher.entries[at] = named
    try:
        answered = matcher.answer(question, named, 0.95)
        assert matcher._unless_the_text_lacks_it(answered, question, ranked).kind is Kind.ANSWER
    finally:
        matcher.entries[at] = prize


def test_a_question_asking_which_one_is_not_answered_by_a_text_that_only_points_at_it() -> None:
    """'it won a prize before, which prizes?': an entry saying only that the bakery "won such prizes before" points
    back at the prize and says no more of which, so its answer becomes suggestions."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    pointing = replace(prize, answer="The bakery has won such prizes before.", cite=())
    at = matcher._number("prize")
    matcher.entries[at] = pointing
    try:
        question = "it won before, which prizes?"
        ranked = [Scored(pointing, 0.95, "what prize")]
        answered = matcher._unless_the_text_lacks_it(matcher.answer(question, pointing, 0.95), question, ranked)
        assert answered.kind is not Kind.ANSWER
    finally:
        matcher.entries[at] = prize


def test_a_quoted_fragment_that_only_points_at_what_is_asked_is_not_its_answer() -> None:
    """The sentence holding "these kinds of situations" doesn't say which situations; it still says how it ends."""
    question = 'she said "we\'ve operated in these kinds of situations before", which situations did she mean?'
    assert not ENGINE.ask(question).answered
    assert ENGINE.ask('"We\'ve operated in these kinds of situations" - how does that line end?').answered


def test_a_question_asking_the_words_of_someone_the_entry_is_only_about_is_not_answered() -> None:
    """'what did the town say about the prize?': the prize entry names the town only as what the bakery is of ("the
    bakery of the town"), never as one who speaks, and no entry asks the town's words: suggestions. 'what did the
    bakery say about the prize?' keeps the answer: the bakery is who won."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    prize = replace(prize, answer="The bakery of the town won a prize for its rye bread.")
    ranked = [Scored(prize, 0.95, "what prize")]

    def reply(question: str) -> Result:
        return matcher._unless_a_gap_asks_words(matcher.answer(question, prize, 0.95), question, ranked)

    assert reply("what did the town say about the prize").kind is Kind.SUGGESTIONS
    assert reply("what did the bakery say about the prize").kind is Kind.ANSWER


def test_a_question_asking_the_words_of_a_speaker_the_entry_never_speaks_of_is_not_answered() -> None:
    """'what did the town's school board say about the prize?': a board is who is asked to have spoken, and neither the
    prize entry nor its line speaks of a board, whatever they say of the town: suggestions. The mayor, whom the
    mayor's quote names, and the article's own words ("what does the article say about the prize?") keep the answer."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    ranked = [Scored(prize, 0.95, "what prize")]

    def reply(question: str) -> Result:
        return matcher._unless_a_gap_asks_words(matcher.answer(question, prize, 0.95), question, ranked)

    assert reply("what did the town's school board say about the prize").kind is Kind.SUGGESTIONS
    assert reply("what did the bakery say about the prize").kind is Kind.ANSWER
    assert reply("what did the article say about the prize").kind is Kind.ANSWER
    assert matcher._never_names_the_speaker(prize, "the school board")
    assert not matcher._never_names_the_speaker(prize, "the town bakery")
    assert not matcher._never_names_the_speaker(prize, "the piece")


def test_a_question_asking_how_to_do_something_oneself_is_declined_not_answered() -> None:
    """The article's photos are a fact; how to take such photos with a phone is advice no line of it gives."""
    result = ENGINE.ask("those flag photos looked great, so how do I take photos like that with my phone?")
    assert not result.answered and result.citations == ()
    assert ENGINE.ask("who posted the photos").answered


def test_a_gap_sure_of_the_question_keeps_its_reply_over_a_quoted_fragments_sentence() -> None:
    """'it says "won a prize for its rye bread" - what is the baker's name?': the sentence holding the fragment
    doesn't name the baker, and the gap knows the article doesn't; a question about the fragment's own words is
    still answered from its sentence."""
    engine = Engine.load(SECOND_STORY)
    result = engine.ask('it says "won a prize for its rye bread" - what is the baker\'s name?')
    assert result.kind is Kind.GAP and result.entry == "gap-baker-name" and not result.citations
    result = engine.ask('it says "won a prize for its rye bread" - how does that line start?')
    assert result.answered and result.citations[0].line == 1


def test_words_in_another_language_asked_anywhere_in_the_question_need_a_text_that_gives_them() -> None:
    """'..., so what is the prize they won, or what is it called in french?': the first clause alone ranks the prize
    entry, but the question also asks words in French, which its English text doesn't give: suggestions."""
    engine = Engine.load(SECOND_STORY)
    assert engine.ask("I love this bakery, so what is the prize they won, or what is it called in french?").kind \
        is Kind.SUGGESTIONS
    assert engine.ask("what prize did the bakery win").entry == "prize"



def test_what_a_name_means_needs_a_text_that_says_it() -> None:
    """'what does the name roscosmos mean?': the entry saying what the agency is ranks first, but its text doesn't say
    what the name means or comes from: suggestions, not an answer. What the agency is stays answered."""
    assert ENGINE.ask("what does the name roscosmos mean").kind is Kind.SUGGESTIONS
    assert ENGINE.ask("what is roscosmos").entry == "roscosmos-what"


def test_what_has_come_of_something_so_far_needs_a_text_that_says_it() -> None:
    """'what technology have they developed so far?': the entry saying what the station is for ("to develop
    technology") ranks first, but it says what is meant to come of it, not what has: suggestions."""
    assert ENGINE.ask("what technology have they developed on the station so far").kind is Kind.SUGGESTIONS
    assert ENGINE.ask("what is the station for").entry == "station-purpose"


def test_what_someone_said_needs_a_text_that_reports_words() -> None:
    """'what did the bakery say about the prize?': the prize entry matches every word but reports nobody's words, so it
    doesn't answer; the mayor's quote answers what the mayor said, and what the article says is still answered."""
    engine = Engine.load(SECOND_STORY)
    assert engine.ask("what did the bakery say about the prize").kind is Kind.SUGGESTIONS
    assert engine.ask("what did the mayor say about the prize").entry == "mayor-quote"
    assert engine.ask("what does the article say about the prize").entry == "prize"


def test_what_someone_said_goes_to_a_close_entry_that_reports_their_words() -> None:
    """'..., what did they actually say about it?': the entry saying where they celebrated ranks first, but the one
    reporting what they said about it, close behind, answers."""
    assert ENGINE.ask("lmao russia celebrating in space, what did they actually say about it").entry == "liberation-day"


def test_whether_a_thing_is_still_so_now_needs_a_text_that_speaks_of_the_present() -> None:
    """'is kathy lueders still at nasa now?': the entry quoting her "still talking together" says what was so when she
    spoke, not that it still is now: it doesn't answer. Asked without "now", it does."""
    assert not ENGINE.ask("is kathy lueders still at nasa now").answered
    assert ENGINE.ask("is kathy lueders still at nasa").answered


def test_a_name_asked_is_not_given_by_an_answer_that_says_it_names_none() -> None:
    """'what is the name of the city captured?': the entry on what was captured says the article does not name the
    region, so it doesn't answer what the place is called; what was captured it still answers."""
    assert not ENGINE.ask("what is the name of the city captured in eastern ukraine").answered
    assert ENGINE.ask("what was captured").entry == "region-captured"


def test_what_a_speaker_the_knowledge_base_has_no_word_for_said_is_not_answered() -> None:
    """'what did russia's foreign ministry say ...?': the knowledge base reads "ministry" only as a loosely related
    word, so no entry can report that speaker's words; what NASA said is still answered."""
    assert not ENGINE.ask("What did Russia's foreign ministry say about NASA's rebuke?").answered
    assert ENGINE.ask("what did nasa say about the cosmonauts").answered


def test_who_did_something_to_a_thing_needs_an_entry_whose_text_or_lines_name_the_thing() -> None:
    """'who runs the mill these days?': the prize entry says who won, and neither its text nor its line names a mill,
    so it doesn't answer; who won the prize it does."""
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    ranked = [Scored(prize, 0.95, "what did the bakery win")]
    for question, answered in (("who runs the mill these days", False), ("who won the prize", True)):
        result = matcher._unless_the_text_lacks_it(matcher.answer(question, prize, 0.95), question, ranked)
        assert result.answered is answered


def test_a_fact_close_behind_a_gap_asking_the_speakers_words_does_not_take_the_question() -> None:
    """The gap "what did the americans on board say" ranks first; the crew entry close behind counts the Americans
    but never asks their words, so it doesn't take the question from the gap."""
    result = ENGINE.ask("random thought, but did the four American astronauts on board say anything to the Russian "
                        "crew about the flags, or did they stay quiet?")
    assert result.kind is Kind.GAP and not result.citations


def test_a_question_asking_someones_words_ranks_first_a_close_fact_whose_text_quotes_them_on_its_topic() -> None:
    """'what exactly did she say about the town?': the prize entry ranks first, but says nobody's words; the
    mayor's quote close behind it quotes Ann Lee ("she": a person the story quotes) and its text says "town", so it
    takes first place (and the place's score). Not when it is far behind, nor when the question asks no one's words,
    and a fact that doesn't quote the speaker is never moved up over one that does."""
    matcher = Engine.load(SECOND_STORY).matcher
    by_id = {e.id: e for e in matcher.entries}
    prize, mayor = by_id["prize"], by_id["mayor-quote"]
    close = Tuning().order_close

    def first(question: str, ranked: list[Scored]) -> Scored:
        return matcher._by_speakers_words(question, question, ranked)[0]

    asked = "what exactly did she say about the town"
    promoted = first(asked, [Scored(prize, 0.8, "what prize"),
                             Scored(mayor, 0.8 - close / 2, "what did the mayor say")])
    assert promoted.entry.id == "mayor-quote" and promoted.score == 0.8
    assert first(asked, [Scored(prize, 0.8, "what prize"),
                         Scored(mayor, 0.8 - close * 2, "what did the mayor say")]).entry.id == "prize"
    assert first("was the whole town proud of the prize", [
        Scored(prize, 0.8, "what prize"), Scored(mayor, 0.8 - close / 2, "what did the mayor say")]).entry.id == "prize"
    assert first("what exactly did she say about the rye bread prize", [
        Scored(mayor, 0.8, "what did the mayor say"), Scored(prize, 0.8 - close / 2, "what prize")]).entry.id == (
        "mayor-quote")


def test_a_close_fact_naming_the_person_a_description_stands_for_ranks_before_one_that_never_names_them(
        edit: Edit, story_copy: Path) -> None:
    """'did the town mayor speak before the prize or after?': the knowledge base says the town mayor is Lee, so the
    question is about Lee; of the prize entry and Lee's quote close behind it, the quote answers. Not when the quote
    ranks far behind, nor when the best fact names Lee itself, nor when the question describes nobody."""
    edit("      - what did the mayor say\n", "      - what did the mayor say\n      - who is lee\n"
         "      - who is the town mayor\n")
    matcher = Engine.load(story_copy, cache_dir=None).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    mayor = next(e for e in matcher.entries if e.id == "mayor-quote")
    close = matcher.tuning.order_close

    def first(question: str, ranked: list[Scored]) -> Scored:
        return matcher._by_person_spoken_of(question, ranked)[0]

    asked = "did the town mayor speak before the prize or after"
    promoted = first(asked, [Scored(prize, 0.8, "what prize"), Scored(mayor, 0.8 - close / 2, "who is lee")])
    assert promoted.entry.id == "mayor-quote" and promoted.score == 0.8
    assert first(asked, [Scored(prize, 0.8, "what prize"),
                         Scored(mayor, 0.8 - close * 2, "who is lee")]).entry.id == "prize"
    assert first(asked, [Scored(mayor, 0.8, "who is lee"),
                         Scored(prize, 0.8 - close / 2, "what prize")]).entry.id == "mayor-quote"
    assert first("did the bakery win before the prize or after", [
        Scored(prize, 0.8, "what prize"), Scored(mayor, 0.8 - close / 2, "who is lee")]).entry.id == "prize"


def test_a_person_asked_of_by_a_description_the_knowledge_base_gives_a_name_is_read_as_that_person_too() -> None:
    # The knowledge base answers "who is the nasa executive in the story" with Kathy Lueders: "the NASA executive"
    # of another question is her, and her entries are helped without the others being held back.
    assert ENGINE.matcher._described_names()  # learnt from the knowledge base, not written into the engine
    ranked = ENGINE.matcher.rank("how did the nasa executive describe the mission")
    assert ranked[0].entry.id == "lueders-mission-importance"
    plain = Engine.load(KNOWLEDGE).matcher
    plain.tuning = replace(plain.tuning, described_share=0.0)
    assert ranked[0].score > plain.rank("how did the nasa executive describe the mission")[0].score


def test_a_short_question_asking_two_things_of_one_subject_is_scored_by_the_clearer_thing_asked() -> None:
    # Whole, the first thing asked ("works for which agency") blurs the second; read with its subject, the second
    # says more surely which entry answers both, and it is the entry the whole question ranks first.
    question = "Kathy Lueders is working for which agency and in what position?"
    whole = ENGINE.matcher.rank(question)
    result = ENGINE.ask(question)
    assert result.kind is Kind.ANSWER and result.entry == whole[0].entry.id == "lueders-who"
    assert result.score > whole[0].score


def test_a_question_pointing_back_with_they_or_their_is_read_with_the_clause_before_it() -> None:
    """'..., so what does it really say about their relations?': "their" stands for the US and Russia of the clause
    before, and the question read with that clause is about their relations, not those of the two countries in the
    NASA official's quote. Not "it", which as often stands for the article itself."""
    message = ("My friend insists the article says relations between the US and Russia actually improved after "
               "February because of space cooperation, which sounds backwards to me, so what does it really say "
               "about their relations?")
    result = ENGINE.ask(message)
    assert result.answered and result.entry == "us-russia-relations"
    matcher = Engine.load(SECOND_STORY).matcher
    message = "my cousin says the bakery staff is huge, so how many do they really have?"
    focus = "so how many do they really have?"
    assert not matcher.rank(focus, context=message)  # alone, "they" names nothing
    read_with = matcher.rank(f"my cousin says the bakery staff is huge {focus}", context=message)
    found = matcher._rank_focused(message, focus)[0]
    assert found.entry.id == read_with[0].entry.id == "staff" and found.score >= read_with[0].score
    assert not _POINTS_BACK.search("is that really what it says")


def test_a_question_asking_what_someone_acts_as_is_not_answered_by_a_text_that_never_says_it() -> None:
    """'the bakery works as what?': the staff entry says how many work there, not what the bakery acts as."""
    matcher = Engine.load(SECOND_STORY).matcher
    staff = next(e for e in matcher.entries if e.id == "staff")
    question = "the bakery works as what?"
    ranked = [Scored(staff, 0.95, "bakery staff")]
    offered = matcher._unless_the_text_lacks_it(matcher.answer(question, staff, 0.95), question, ranked)
    assert not offered.answered
    assert not matcher._lacks_role("the bakery works as what?", staff, "The bakery works as the town's kitchen.")


@pytest.mark.parametrize("question", [
    "my cousin says the russian agency shared the pictures itself, no leak at all. which day, does anyone know?",
    "ok so the photos were posted by the russian agency itself, which day was that, does anyone remember?"])
def test_a_question_naming_only_a_day_after_commas_is_read_with_the_clause_before_it(question: str) -> None:
    result = ENGINE.ask(question)
    assert result.answered and result.entry == "event-photos-posted"  # the day of the posting, not of the report


@pytest.mark.parametrize(("question", "entry"), [
    ("lueders said they are still training together, ok, but what was her job, anyone?", "lueders-who"),
    ("the cosmonauts posed with flags on the station. whose flags, anyone?", "flags")])
def test_a_question_naming_its_thing_after_commas_is_read_alone(question: str, entry: str) -> None:
    assert ENGINE.ask(question).entry == entry


@pytest.mark.parametrize(("question", "entry"), [
    ("what flags did they hold? source?", "flags"),
    ("link? when did the war start", "invasion-date"),
    ("how many countries are in it. citation needed", "participating-countries")])
def test_a_request_for_a_source_beside_a_question_leaves_the_question(question: str, entry: str) -> None:
    result = ENGINE.ask(question)
    assert result.answered and result.entry == entry and result.question == question


@pytest.mark.parametrize("question", ["source?", "what's the source?", "any source?", "source of the news?"])
def test_a_request_for_a_source_alone_asks_where_the_report_comes_from(question: str) -> None:
    assert ENGINE.ask(question).entry == "report-source"


@pytest.mark.parametrize("question", [
    "what did the nasa official say about keeping an eye on things?",
    "what does the nasa official say about monitoring things going forward?",
    "my late husband always said keep calm and carry on. does the nasa official say anything about continuing to keep "
    "watch on the situation?"])
def test_a_speaker_named_by_a_description_is_the_person_it_means(question: str) -> None:
    # "the nasa official" is Lueders: of her words, those on what is asked, not the entry asked "what did nasa say"
    assert ENGINE.ask(question).entry == "lueders-monitor"


@pytest.mark.parametrize(("question", "entry"), [
    ("what did the nasa official say about both sides being professional?", "lueders-professional"),
    ("did the NASA official say anything about the importance of the mission?", "lueders-mission-importance"),
    ("what did the russian agency say about the capture?", "liberation-day")])
def test_a_described_speakers_words_on_another_topic_keep_their_entry(question: str, entry: str) -> None:
    assert ENGINE.ask(question).entry == entry


@pytest.mark.parametrize(("question", "entry"), [
    ("what was the wording the russians used about celebrating on earth and in space?", "liberation-day"),
    ("what phrase does the article use for the start of the war", "invasion-date"),
    ("What phrase does the article use as another name for the ISS?", "orbiting-space-lab"),
    ("what words did nasa use to rebuke the cosmonauts?", "quote-nasa-rebuke")])
def test_the_phrase_someone_used_is_answered_by_a_text_reporting_their_words(question: str, entry: str) -> None:
    # the first: where they celebrated is no answer; the Russian agency's words are (the article's own phrase is
    # the article's, no speaker's)
    assert ENGINE.ask(question).entry == entry


@pytest.mark.parametrize("question", [
    "how many are there from each country on the station?",
    "how many of every nationality does the station have?",
    "how many from every country are on board the iss?"])
def test_how_many_of_each_kind_is_not_answered_by_how_many_kinds_there_are(question: str) -> None:
    assert ENGINE.ask(question).entry != "participating-countries"  # 15 countries: how many kinds, not of each


@pytest.mark.parametrize(("question", "entry"), [
    ("how many countries are in on the ISS", "participating-countries"),
    ("how many countries participate in the station", "participating-countries"),
    ("how many people are on the station", "iss-crew")])
def test_how_many_of_one_kind_keeps_its_count(question: str, entry: str) -> None:
    assert ENGINE.ask(question).entry == entry


@pytest.mark.parametrize("question", [
    "my friend thinks the station is a military base. what does the article say the station is for?",
    "ok ok, nasa said a lot of stuff about the war and ukraine. what do they say the iss is really for?",
    "what is the main purpose of the station?", "what is the iss for"])
def test_what_the_station_is_for_is_answered_by_its_purpose(question: str) -> None:
    # the first two are read with the clause before their "they", which holds no purpose of its own
    assert ENGINE.ask(question).entry == "station-purpose"


def test_the_job_of_someone_is_no_purpose() -> None:
    assert ENGINE.ask("what is the job of lueders").entry == "lueders-who"


@pytest.mark.parametrize("question", [
    "what did the nasa chief say about peace between the two countries?",
    "what did the nasa administrator say about peace between the two countries?"])
def test_a_speaker_in_several_words_is_not_quoted_by_a_text_naming_only_their_organisation(question: str) -> None:
    # "according to the agency" reports the agency's words, not its chief's: no answer from that line
    assert ENGINE.ask(question).entry != "station-purpose"


@pytest.mark.parametrize(("question", "entry"), [
    ("what did nasa say about peace", "quote-nasa-rebuke"),
    ("what did the russian space agency say about celebrating", "liberation-day"),
    ("what did the nasa official say about peaceful relations in space?", "lueders-mission-importance")])
def test_a_speaker_named_by_its_head_word_is_still_quoted(question: str, entry: str) -> None:
    assert ENGINE.ask(question).entry == entry


@pytest.mark.parametrize("question", [
    "when the russian agency talked about celebrating, did they mean in space only?",
    "Did the Russian agency claim the capture should be celebrated down on the ground too?"])
def test_whether_someone_claimed_or_meant_something_is_not_answered_by_what_others_did(question: str) -> None:
    # where the cosmonauts celebrated is no word of the agency's
    assert ENGINE.ask(question).entry != "celebrated-in-space"


@pytest.mark.parametrize(("question", "entry"), [
    ("did the cosmonauts celebrate in space?", "celebrated-in-space"),
    ("did lueders say they still train together?", "lueders-still-working-together"),
    ("did russia say the region was liberated", "liberation-day"),
    ("did nasa claim the station was being used for politics?", "political-purposes")])
def test_whether_someone_said_something_is_answered_by_the_text_reporting_it(question: str, entry: str) -> None:
    assert ENGINE.ask(question).entry == entry


def test_a_text_confirms_a_statement_someone_is_asked_to_have_made_when_it_says_all_of_it() -> None:
    matcher = Engine.load(SECOND_STORY).matcher
    prize = next(e for e in matcher.entries if e.id == "prize")
    assert matcher._confirms(prize, "did the mayor claim the bakery won a prize for its rye bread", "the mayor")
    assert matcher._confirms(prize, "did baker 3 say the bakery won a prize", "baker 3")
    assert not matcher._confirms(prize, "did the mayor mean the bakery won a prize for its sourdough", "the mayor")


def test_whether_it_was_only_in_one_place_is_not_answered_by_where_it_was() -> None:
    assert not ENGINE.ask("i read it twice, they celebrate where exactly? in orbit only?").answered


@pytest.mark.parametrize(("question", "entry"), [
    ("is the iss only run by nasa?", "iss-operators"),
    ("only russia and syria recognise them?", "republics-recognition"),
    ("is nasa the only agency running the station?", "iss-operators")])
def test_whether_it_holds_only_for_one_is_answered_by_a_text_saying_for_whom(question: str, entry: str) -> None:
    assert ENGINE.ask(question).entry == entry


@pytest.mark.parametrize(("question", "entry"), [
    ("is the article from washington or moscow", "report-dateline"),
    ("was the story from washington?", "report-dateline"),
    ("is this article from the washington post?", "report-source")])
def test_where_the_report_comes_from_is_answered_by_its_dateline_or_source(question: str, entry: str) -> None:
    assert ENGINE.ask(question).entry == entry


def test_where_the_report_comes_from_is_not_answered_by_a_text_naming_the_place() -> None:
    assert ENGINE.ask("is this story from the us").entry != "us-russia-relations"


def test_a_headline_put_up_for_checking_is_read_as_the_claim_it_makes() -> None:
    """'<headline>, is this headline legit': the headline is the claim checked; 'headline' and 'legit' name nothing
    of it, and the text need not speak of a headline."""
    headline = "nasa slams russian cosmonauts for celebrating ukraine capture in space"
    result = ENGINE.ask(f"{headline}, is this headline legit")
    assert result.kind is Kind.ANSWER and 1 in {cited.line for cited in result.citations}


def test_a_question_read_with_the_clause_it_refers_to_keeps_its_answer_when_the_clause_only_levels_another() -> None:
    # read with "the space station and the flags", the station's purpose comes level with NASA's statement; asked
    # alone, the question wants the statement, and so it stays
    message = ("so I was reading this thing about the space station and the russians waving flags, anyway what "
               "exactly did nasa say about it?")
    alone = ENGINE.ask("what exactly did nasa say about it?")
    assert ENGINE.ask(message).entry == alone.entry


def test_where_a_thing_is_is_not_answered_by_an_entry_that_places_something_else() -> None:
    assert not ENGINE.ask("where is the iss located?").answered  # the line places the republics
    assert ENGINE.ask("where is luhansk located").entry == "republics-what"
    assert ENGINE.ask("where are the two republics located").entry == "republics-what"


@pytest.mark.parametrize("question", ["tell me the story", "explain the article", "what is the story", "story?"])
def test_a_question_that_only_names_the_text_asks_what_it_is_about(question: str) -> None:
    assert ENGINE.ask(question).entry == ENGINE.ask("what is the story about").entry


def test_a_question_about_the_text_that_asks_more_is_read_as_asked() -> None:
    assert ENGINE.ask("who wrote the story").entry != ENGINE.ask("what is the story about").entry


def test_what_a_name_is_is_answered_only_by_an_entry_that_says_what_it_is() -> None:
    assert not ENGINE.ask("what is nasa?").answered  # the entries say what it said and did, not what it is
    assert ENGINE.ask("what is roscosmos").entry == "roscosmos-what"
    assert ENGINE.ask("what is luhansk").entry == "republics-what"  # "The Luhansk and Donetsk ... are ..."
