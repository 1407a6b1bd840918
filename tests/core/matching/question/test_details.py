"""Details a question asks that an entry must hold: read from the question's words alone."""

from __future__ import annotations

import pytest

from bot.core.matching.question.details import (
    asked_pairing,
    asks_a_rate,
    asks_what_will_be,
    counted_words,
    gives_a_rate,
    offers_answers,
    particles_of_a_deed_after,
    says_it_goes_on,
    years_named,
)


@pytest.mark.parametrize("question", ["how long will the fair go on?", "will the bakery close next year",
                                      "are they gonna open a second shop?", "what is the town going to do now",
                                      "could you tell me whether the bakery will stay open?"])
def test_a_question_about_what_is_to_come_asks_what_will_be(question: str) -> None:
    assert asks_what_will_be(question)


@pytest.mark.parametrize("question", ["will you tell me who won the prize?", "would you explain what the mayor said",
                                      "can u please say when the bakery opened", "how long has the bakery been open?",
                                      "who won the prize"])
def test_a_request_to_the_reader_or_a_question_about_the_past_does_not(question: str) -> None:
    assert not asks_what_will_be(question)


def test_the_years_a_question_names_are_its_four_digit_years() -> None:
    assert years_named("is the bakery closing in 2030 like i heard?") == {"2030"}
    assert years_named("did it open in 1998 or 2001") == {"1998", "2001"}
    assert years_named("does it employ 12 people, or 1200?") == frozenset()  # counts, not years


def test_what_a_how_many_counts_is_the_word_after_it() -> None:
    assert counted_words("how many customers does the bakery have, like how many of the people come daily?") == [
        "customers", "people"]
    assert counted_words("how much bread do they bake") == ["bread"]
    assert counted_words("who won the prize") == []


@pytest.mark.parametrize(("question", "first"), [("which baker made which loaf?", "baker"),
                                                 ("who works in which shop", "who"),
                                                 ("so which baker was baking which bread that day", "baker")])
def test_a_second_which_after_a_verb_or_preposition_asks_how_things_pair_up(question: str, first: str) -> None:
    assert asked_pairing(question) == first


@pytest.mark.parametrize("question", ["who is the baker which the mayor praised", "who won, and in which year?",
                                      "which bread won the prize the bakery which opened in 1998 baked",
                                      "which baker won the prize?"])
def test_a_relative_which_or_a_second_question_asks_no_pairing(question: str) -> None:
    assert asked_pairing(question) is None


def test_alternatives_about_the_askers_reading_or_something_else_offer_no_answers() -> None:
    assert offers_answers("did she say it at a briefing or on the radio?")
    assert not offers_answers("did she really say that, or am I imagining it?")
    assert not offers_answers("is it 12 people, or is it a different number?")


def test_a_count_in_each_period_of_time_is_a_rate() -> None:
    assert asks_a_rate("how many loaves do they bake each day?")
    assert asks_a_rate("how much bread do they sell per week")
    assert not asks_a_rate("how many people work at the bakery")
    assert not asks_a_rate("how many people worked there a year ago?")  # a time, not a period
    assert gives_a_rate("They bake 200 loaves a day.") and gives_a_rate("It opens every morning.")
    assert not gives_a_rate("The bakery employs 12 people.")


def test_a_phrasal_deed_asked_to_follow_an_event_is_read_by_its_particle() -> None:
    assert particles_of_a_deed_after("did they take the photos down after the complaint?") == ["down"]
    assert particles_of_a_deed_after("so were the flags put away after the party") == ["away"]
    assert particles_of_a_deed_after("did the photos come out before or after the complaint") == []  # the order
    assert particles_of_a_deed_after("did they take the photos down?") == []  # no event
    assert particles_of_a_deed_after("what did they take down after the party") == []  # not yes or no


def test_a_text_saying_a_thing_goes_on_is_read_as_such() -> None:
    assert says_it_goes_on("Both sides pledged to continue the partnership.")
    assert says_it_goes_on("They are still baking together.")
    assert not says_it_goes_on("The bakery opened in 1998.")
