"""The kind of answer a question wants, and whether a text can hold one."""

from __future__ import annotations

import pytest

from bot.core.matching.question.answer_types import (
    a_persons_name,
    added_thing,
    asked_head,
    asked_meaning,
    asked_name,
    asked_order,
    asked_phrase,
    asked_specification,
    asked_types,
    asked_what_is,
    asked_which,
    asked_who_is,
    asks_a_persons_words,
    asks_addition,
    asks_advice,
    asks_as_what,
    asks_the_texts_date,
    asks_which_person,
    asks_yes_or_no,
    counted_thing,
    held_types,
    names_beside,
    only_counts,
    only_pointed_at,
    reports_words,
    said_only_as_quoted,
    says_any,
    says_as_what,
    says_exclusively,
    says_it_names_none,
    speaker,
    specifies,
    wh_kind,
    where_thing,
    who_object,
    yes_no_after,
    yes_no_subject,
)
from bot.core.matching.wording import name_kind


@pytest.mark.parametrize(("question", "kind"), [("how many people work there", "count"),
                                                ("in what year did it open", "year"),
                                                ("what weekday was it posted", "weekday"),
                                                ("when did the war start", "date"),
                                                ("why did the council close it", "reason"),
                                                ("for what reason was it closed", "reason"),
                                                ("how come it shut", "reason"),
                                                ("whats the bakery even for?", "reason"),
                                                ("will the bakery close", "future"),
                                                ("what happens if the baker retires", "future"),
                                                ("has the bakery ever won before", "history")])
def test_a_question_says_what_kind_of_answer_it_wants(question: str, kind: str) -> None:
    assert kind in asked_types(question)


def test_a_plain_question_wants_no_particular_kind() -> None:
    assert asked_types("who runs the bakery") == frozenset()


def test_why_a_thing_is_mentioned_asks_its_part_in_the_story_not_a_cause() -> None:
    assert "reason" not in asked_types("why is France in the article")
    assert "reason" not in asked_types("why does the story mention France")
    assert "reason" not in asked_types("what did they win the prize for, the rye or the wheat")


def test_a_text_holds_the_kinds_of_answer_it_states() -> None:
    assert {"count", "year", "date"} <= held_types("The bakery opened in 1998 and employs 12 people.")
    assert "weekday" in held_types("posted photos on Monday")
    assert "count" in held_types("recognised only by France and Spain")
    assert "year" not in held_types("They pledged to continue the partnership.")


def test_a_text_holds_a_reason_only_where_english_marks_one() -> None:
    assert "reason" in held_types("The council closed it because of the floods.")
    assert "reason" in held_types("It was closed for safety reasons.")
    assert "reason" in held_types("The shop shut after the fire.")
    assert "reason" not in held_types("The bakery was recognised by France and Spain.")


def test_a_question_can_ask_whether_a_fact_holds_for_one_more() -> None:
    assert asks_addition("did the school also win a prize?")
    assert asks_addition("the baker's son too?")
    assert not asks_addition("did the school win a prize?")


def test_a_text_speaks_of_the_future_or_the_past_only_in_words_that_say_so() -> None:
    assert "future" in held_types("The owners pledged to continue baking.")
    assert "future" not in held_types("The bakery won a prize for its rye bread.")
    assert "history" in held_types("The bakery has always baked rye.")
    assert "history" not in held_types("The bakery employs 12 people.")


def _fix(word: str) -> str:
    return {"mny": "many", "yeer": "year", "wy": "why"}.get(word, word)


@pytest.mark.parametrize(("question", "kind"), [("wen did the war start", "date"),
                                                ("hw mny people work there", "count"),
                                                ("in wat yeer did it open", "year"),
                                                ("wy did the council close it", "reason")])
def test_a_misspelt_question_asks_what_its_corrected_words_ask(question: str, kind: str) -> None:
    assert kind in asked_types(question, correct=_fix)


def test_a_chat_spelling_still_asks_what_it_says_as_typed() -> None:
    assert "future" in asked_types("is the council gonna close it", correct=_fix)  # "gonna" spelt out is "going"


@pytest.mark.parametrize("question", ["what day did the bakery open", "which day was it closed",
                                      "in which month did it open", "what year did it open",
                                      "what date is on the letter", "on which weekday was it posted"])
def test_asking_which_day_month_year_or_date_asks_when(question: str) -> None:
    assert "date" in asked_types(question)
    assert asked_types(question) >= asked_types("when did the bakery open")


@pytest.mark.parametrize(("question", "head"), [("how many photos were posted", ("count", "photos were posted")),
                                                ("which city fell?", ("what", "city fell")),
                                                ("who took the photos", ("who", "took the photos")),
                                                ("what is the name of the town", ("what", "name of the town")),
                                                ("ok but what kind of bread won", ("what", "bread won"))])
def test_a_question_says_what_thing_its_wh_word_asks_about(question: str, head: tuple[str, str]) -> None:
    assert asked_head(question) == head


@pytest.mark.parametrize("question", ["who actually took the photos", "who really took the photos",
                                      "who exactly posted the photos"])
def test_a_word_that_only_stresses_the_question_doesnt_hide_what_it_asks_about(question: str) -> None:
    """"who actually took the photos" asks what "who took the photos" asks: "actually" stresses, it names nothing."""
    plain = asked_head(question.replace(" actually", "").replace(" really", "").replace(" exactly", ""))
    assert plain is not None and asked_head(question) == plain
    assert asked_head("what exactly did she say") is None  # still a helper verb after the stress: no named thing


@pytest.mark.parametrize(("question", "head"), [
    ("what's the full name the article gives it", ("what", "name the article gives it")),
    ("what is the exact wording", ("what", "wording")),
    ("what was the official title", ("what", "title"))])
def test_a_word_asking_the_answer_whole_or_precise_is_not_the_thing_asked_about(
        question: str, head: tuple[str, str]) -> None:
    """"the FULL name", "the EXACT wording": the word says how much of the answer is wanted; the name is asked."""
    assert asked_head(question) == head


@pytest.mark.parametrize(("question", "head"), [
    ("what's the last line of her first quote", ("what", "line of her first quote")),
    ("what was the first photo they posted", ("what", "photo they posted")),
    ("which next step did the council take", ("what", "step did the council take"))])
def test_a_word_for_a_place_in_a_row_says_which_one_not_what_thing_is_asked_about(
        question: str, head: tuple[str, str]) -> None:
    assert asked_head(question) == head
    assert asked_phrase("what's the last line of her quote") == ("what", "line")


@pytest.mark.parametrize(("question", "phrase"), [("what was the rye bread that won", ("what", "rye bread")),
                                                  ("how many photos were posted", ("count", "photos")),
                                                  ("who took the photos", ("who", "took")),
                                                  ("what is the name of the town", ("what", "name"))])
def test_the_words_naming_what_a_wh_word_asks_about_run_to_the_first_everyday_word(
        question: str, phrase: tuple[str, str]) -> None:
    assert asked_phrase(question) == phrase
    assert asked_phrase("what did the mayor say") is None


@pytest.mark.parametrize(("question", "head"), [("what number of bakers work there", ("count", "bakers work there")),
                                                ("what's the total number of loaves", ("count", "loaves")),
                                                ("which number of stalls", ("count", "stalls"))])
def test_what_number_of_a_thing_asks_how_many_as_how_many_does(question: str, head: tuple[str, str]) -> None:
    assert asked_head(question) == head
    assert wh_kind(question) == "count"
    assert wh_kind("what was the number") == "what"  # a number asked after, not a count of a thing


@pytest.mark.parametrize("question", ["what did the mayor say", "who is the baker", "the prize for what? a loaf?",
                                      "did the bakery win a prize"])
def test_a_wh_word_followed_by_a_helper_verb_or_nothing_asks_about_no_named_thing(question: str) -> None:
    assert asked_head(question) is None


def test_what_would_follow_from_a_case_wants_a_text_that_speaks_of_a_condition() -> None:
    assert "condition" in asked_types("what happens to the shop if the baker retires")
    assert "condition" in asked_types("what if the bakery closes")
    assert "condition" not in asked_types("what happened at the bakery")
    assert "condition" in held_types("The shop would close if the baker retired.")
    assert "condition" not in held_types("The owners pledged to continue baking.")


def test_what_happened_after_the_report_wants_a_text_that_speaks_of_later() -> None:
    assert "later" in asked_types("what happened to the bakery after this story")
    assert "later" in asked_types("has it reopened since then?")
    assert "later" in asked_types("did the bakery actually close later?")
    assert "later" not in asked_types("did the bakery close")
    assert "later" in held_types("The bakery later reopened.")
    assert "later" not in held_types("The bakery employs 12 people.")


@pytest.mark.parametrize(("question", "who"), [("did the staff say anything", "the staff"),
                                               ("has the mayor commented on it", "the mayor"),
                                               ("any words from the baker?", "the baker"),
                                               ("did any of the bakers give a quote", "any of the bakers"),
                                               ("what does the mayor think of the prize", "the mayor"),
                                               ("how did she feel about it", "she"),
                                               ("what is the exact phrase the bakers used", "the bakers"),
                                               ("which words did the mayor use for it", "the mayor"),
                                               ("the wording that the staff chose", "the staff"),
                                               ("did the bakers claim it was the best bread", "the bakers"),
                                               ("did they mean in town too?", "they"),
                                               ("show me what the mayor said about it", "the mayor"),
                                               ("i wonder how the bakers felt", "the bakers"),
                                               ("what did the mayor call it", "the mayor"),
                                               ("how did the staff describe the fair", "the staff")])
def test_a_question_can_ask_what_someone_said(question: str, who: str) -> None:
    assert speaker(question) == who


def test_a_question_about_deeds_asks_no_ones_words() -> None:
    assert speaker("did the bakery win a prize") is None
    assert speaker("who owns the bakery") is None
    assert speaker("what word is used for the bakery") is None  # the article's word, nobody's
    assert speaker("what word does it use for the bakery") is None
    assert speaker("tell me what the article says about the bakery") is None  # the text's words, nobody's
    assert speaker("what is said about the bakery") is None
    assert speaker("explain what the flags meant") is None  # what things mean, not anyone's words
    assert speaker("what time the mayor said") is None  # asks when
    assert speaker("who did the mayor call out") is None  # whom the mayor blamed, not a name the mayor gave
    assert speaker("what the dateline says") is None


def test_what_words_mean_asks_no_ones_words() -> None:
    """'what does rye bread mean here?' asks the words' meaning; 'what did the mayor mean by it' and 'what does she
    mean' ask what someone meant."""
    assert speaker("what does rye bread mean here, rye from where") is None
    assert speaker("what does self-raising mean?") is None
    assert speaker("what did the mayor mean by a fine day") == "the mayor"
    assert speaker("what does she mean") == "she"
    assert speaker("what did the mayor mean?") == "the mayor"
    assert speaker("what does the mayor mean?") == "the mayor"


def test_she_or_he_asks_a_persons_words_whom_a_given_name_and_surname_name() -> None:
    assert asks_a_persons_words(speaker("did she say anything nice"))
    assert not asks_a_persons_words(speaker("did the mayor say anything"))
    assert a_persons_name("Ann Lee", name_kind)
    assert not a_persons_name("UNESCO", name_kind)
    assert not a_persons_name("Red Cross", name_kind)  # WordNet knows it as an organisation
    assert not a_persons_name("Acme (the bakers union)", name_kind)


def test_a_measure_wants_a_text_that_holds_a_number() -> None:
    assert "measure" in asked_types("what is the bakery's opening period")
    assert "measure" in asked_types("what is the size of the oven")
    assert "measure" in asked_types("how big is the bakery")
    assert "measure" in asked_types("how old is the baker")
    assert "measure" not in asked_types("what is the bakery")
    assert "measure" not in asked_types("what bread do they sell")
    assert "measure" in held_types("The oven is 3 metres wide.")
    assert "measure" in held_types("It took two hours.")
    assert "measure" not in held_types("The bakery is run by France and Spain.")


def test_how_long_a_state_has_lasted_wants_a_text_that_gives_a_span() -> None:
    assert "span" in asked_types("how long has the baker worked there")
    assert "span" in asked_types("since when is she working at the bakery")
    assert "span" in asked_types("for how long were the photos up")
    assert "span" not in asked_types("how long ago did the bakery open")  # a point in time, as "when" asks
    assert "span" not in asked_types("when did the bakery open")
    assert "span" in held_types("The bakery has been open since 1998.")
    assert "span" in held_types("She has worked there for twelve years.")
    assert "span" in held_types("The sale lasted 3 days.")
    assert "span" in held_types("The bakery opened in 1998.")  # a start with its date says since when
    assert "span" not in held_types("Monday, July 4: the bakery posts photos of its bakers.")
    assert "span" not in held_types("She says they are still baking together.")


def test_what_a_name_means_wants_a_text_that_says_where_it_comes_from() -> None:
    assert "origin" in asked_types("what does the name springfield mean")
    assert "origin" in asked_types("what does the bakery's name mean")
    assert "origin" in asked_types("where does the name springfield come from")
    assert "origin" in asked_types("why is it called springfield")
    assert "origin" not in asked_types("what is springfield")
    assert "origin" not in asked_types("what does the mayor mean by proud")
    assert "origin" in held_types("Springfield is named after the spring by the mill.")
    assert "origin" in held_types("The name is short for Spring Field.")
    assert "origin" not in held_types("Springfield is a town with one bakery.")


def test_what_has_come_of_it_so_far_wants_a_text_that_speaks_of_a_running_total() -> None:
    assert "tally" in asked_types("what breads have they made so far")
    assert "tally" in asked_types("how many prizes to date")
    assert "tally" in asked_types("what has the bakery won up to now")
    assert "tally" not in asked_types("what breads do they make")
    assert "tally" not in asked_types("is the town so far from the city")
    assert "tally" in held_types("The bakery has already won three prizes.")
    assert "tally" in held_types("It has sold 2,000 loaves so far.")
    assert "tally" not in held_types("The bakery is there to bake bread for the town.")


def test_a_text_reports_words_by_a_quote_or_a_word_of_saying() -> None:
    assert reports_words('The mayor said the prize "makes the whole town proud".')
    assert reports_words("In a statement, the council praised the bakers.")
    assert reports_words("Both owners have pledged to keep baking.")
    assert not reports_words("The town bakery won a prize for its rye bread.")
    assert not reports_words("The bakers celebrated in the town square.")


def test_whether_a_thing_is_still_so_now_wants_a_text_that_speaks_of_the_present() -> None:
    assert "present" in asked_types("is ann lee still the mayor now")
    assert "present" in asked_types("is the bakery still open today")
    assert "present" in asked_types("now is she still there?")
    assert "present" not in asked_types("is the bakery still open")
    assert "present" not in asked_types("how many people work there now")
    assert "present" in held_types("The bakery currently employs 12 people.")
    assert "present" not in held_types("The bakers are still baking together.")


def test_a_text_can_say_that_it_gives_no_name() -> None:
    assert says_it_names_none("It won a prize; the article does not name the prize.")
    assert says_it_names_none("The article doesn't name the baker.")
    assert says_it_names_none("An unnamed official said so.")
    assert not says_it_names_none("The mayor, Ann Lee, named the bakery the town's best.")
    assert not says_it_names_none("The bakery won a prize for its rye bread.")


@pytest.mark.parametrize(("question", "thing"), [("who runs the mill these days", "mill these days"),
                                                 ("who posted the photos", "photos"),
                                                 ("so who actually baked the bread?", "bread"),
                                                 ("who is running the bakery", "bakery"),
                                                 ("so who owns spacex", "spacex"),
                                                 ("who operates the town bakery?", "town bakery"),
                                                 ("who jointly runs the bakery", "bakery"),
                                                 ("who currently owns the mill", "mill")])
def test_a_who_question_can_name_the_thing_it_asks_who_did_something_to(question: str, thing: str) -> None:
    assert who_object(question) == thing


@pytest.mark.parametrize("question", ["who is she", "who is online", "who took over her job", "who did it",
                                      "who reported it first", "whose assistant is she", "what did the baker bake",
                                      "who is the mayor", "who runs it", "who won two prizes",
                                      "who runs the rest of the town", "did the school take part"])
def test_a_who_question_may_name_no_thing_done_to(question: str) -> None:
    assert who_object(question) is None


@pytest.mark.parametrize("question", ["can someone who read the article tell me what the baker bakes",
                                      "anyone who knows the town, what did the mayor say",
                                      "the one who runs the bakery, what did she win",
                                      "people who read the paper say so"])
def test_who_after_someone_or_anyone_says_which_one_and_asks_no_thing_done_to(question: str) -> None:
    assert who_object(question) is None


def test_who_after_a_turn_word_still_asks_who_did_something_to_a_thing() -> None:
    assert who_object("so who runs the bakery these days") == "bakery these days"
    assert who_object("and who runs the bakery these days") == "bakery these days"


def test_words_in_another_language_want_a_text_that_gives_them_in_it() -> None:
    assert "language" in asked_types("what did the bakery's sign say in french")
    assert "language" in asked_types("what's the name short for in german?")
    assert "language" in asked_types("what is it in spanish or in english")
    assert "language" not in asked_types("was the baker in french custody")
    assert "language" not in asked_types("what did the sign say")
    assert "language" in held_types("The sign read 'boulangerie' in French.")
    assert "language" not in held_types("The sign said the bakery was open.")


def test_why_someone_chose_to_act_wants_a_text_that_states_a_motive() -> None:
    assert "motive" in asked_types("why did the baker decide to close the shop")
    assert "motive" in asked_types("why did the two bakers choose to pose with the prize")
    assert "motive" not in asked_types("why did the baker close the shop")
    assert "motive" in held_types("The baker closed the shop because she wanted to retire.")
    assert "motive" in held_types("The shop was used for political purposes.")
    assert "motive" not in held_types("The baker closed the shop after the fire.")


def test_an_example_asked_wants_a_text_that_gives_one() -> None:
    assert "example" in asked_types("can someone name one prize the bakery won?")
    assert "example" in asked_types("give me an example of their bread")
    assert "example" not in asked_types("is the name a french word")
    assert "example" not in asked_types("what prize did the bakery win")
    assert "example" in held_types("They sell breads such as rye.")
    assert "example" in held_types("It was backed by France and Spain.")
    assert "example" not in held_types("The bakery's purpose is to feed the town.")


@pytest.mark.parametrize(("question", "thing"), [("what kind of bread did they bake", "bread"),
                                                 ("which type of prize was it", "prize"),
                                                 ("what bread do they bake exactly", "bread"),
                                                 ("the bakery, which I love, so what kind of bread?", "bread")])
def test_a_question_can_ask_which_kind_of_a_thing_it_is(question: str, thing: str) -> None:
    found = asked_specification(question)
    assert found is not None and found[0] == thing


@pytest.mark.parametrize("question", ["what bread did they bake", "what exactly did the mayor say",
                                      "what is the bakery exactly", "is this the first time this kind of prize went"
                                      " to a bakery"])
def test_a_plain_what_or_an_exactly_without_a_thing_asks_no_kind(question: str) -> None:
    assert asked_specification(question) is None


def test_a_text_specifies_a_thing_with_a_word_that_sets_it_apart_which_the_question_lacks() -> None:
    assert specifies("The bakery won a prize for its rye bread.", "prize", "what kind of prize")
    assert specifies("It bakes sourdough bread.", "bread", "what kind of bread")
    assert not specifies("We are still doing training together.", "training", "what kind of training")
    assert not specifies("The bakery employs 12 people.", "people", "what kind of people")  # how many, not which
    assert not specifies("It bakes sourdough bread.", "bread", "what kind of sourdough bread")  # nothing new
    assert specifies("The bakery employs 12 people.", "bread", "what kind of bread")  # not named: other words


@pytest.mark.parametrize("question", ["which reporter wrote the story", "what city official said so",
                                      "which bakery employee baked it?", "so which guy said it makes them proud",
                                      "who at the bakery baked it", "so who on the council backed it?"])
def test_a_question_can_ask_which_person_did_something(question: str) -> None:
    assert asks_which_person(question)


@pytest.mark.parametrize("question", ["what did the official say", "is that what the reporter wrote",
                                      "what were the staff doing", "which bread won", "who baked it",
                                      "who beat whom on may 3"])
def test_a_person_as_the_subject_or_no_person_noun_asks_no_ones_identity(question: str) -> None:
    assert not asks_which_person(question)


@pytest.mark.parametrize(("question", "thing"), [("which 12 people work there", "people"),
                                                 ("who are the three bakers", "bakers"),
                                                 ("wat 2 prizes did it win?", "prizes")])
def test_a_question_can_count_the_things_it_asks_which_are(question: str, thing: str) -> None:
    assert counted_thing(question) == thing


@pytest.mark.parametrize("question", ["which people work there", "how many people work there", "who are the bakers"])
def test_a_question_that_counts_nothing_or_asks_how_many_asks_no_counted_thing(question: str) -> None:
    assert counted_thing(question) is None


def test_a_text_that_names_a_thing_only_with_its_count_says_how_many_not_which() -> None:
    assert only_counts("The bakery employs 12 people.", "people")
    assert only_counts("Its three skilled bakers start at dawn.", "bakers")
    assert not only_counts("Both bakers, Ann and Bo, start at dawn; the bakers are sisters.", "bakers")
    assert not only_counts("The bakery employs 12 people.", "bakers")  # not named at all


def test_how_long_asks_a_time_span_which_a_text_states_as_it_states_a_date() -> None:
    """'how long has the bakery been open?' wants a text that says when or for how long ("since 1998", "for two
    years"): one that only says what the bakery is can't say how long."""
    assert "date" in asked_types("how long has the bakery been open")
    assert "date" in held_types("The bakery opened in 1998.")
    assert "date" not in held_types("The bakery is a family business.")


def test_a_question_can_ask_the_name_of_a_thing() -> None:
    assert asked_name("what is the name of the mayor's deputy?") == ("deputy", "name of the mayors deputy")
    assert asked_name("whats the name of the town bakery") == ("bakery", "name of the town bakery")
    assert asked_name("what did they name the bread") is None
    assert asked_name("what's the bakery called")[0] == "bakery"
    assert asked_name("which town was it exactly, what's it called")[0] == "town"


def test_a_relative_clause_after_the_thing_whose_name_is_asked_is_not_the_thing() -> None:
    """'the name of the baker who won the prize': the thing named ends where "who" starts what is said of it."""
    assert asked_name("what is the name of the baker who won the prize")[0] == "baker"
    assert asked_name("wat is the name of the woman who runs the shop")[0] == "woman"
    assert asked_name("what's the name of the town where the bakery opened?")[0] == "town"
    assert asked_name("what is the name of the town bakery")[0] == "bakery"  # no relative clause: as before


def test_a_participle_with_its_object_after_the_thing_whose_name_is_asked_is_not_the_thing() -> None:
    """'the name of the baker holding the prize': a relative clause without its "who"."""
    assert asked_name("what was the name of the baker holding the prize")[0] == "baker"
    assert asked_name("name of the girl singing")[0] == "girl"
    assert asked_name("the name of the space training programme")[0] == "programme"  # describes the noun after it
    assert asked_name("what is the name of the town meeting")[0] == "meeting"  # a noun in -ing


def test_a_name_is_given_beside_the_thing_it_names_and_not_said_by_the_question() -> None:
    asking = "name of the mayors deputy"
    assert names_beside("Her deputy, Bo Li, agreed.", "deputy", asking)
    assert not names_beside("She and her deputy agreed.", "deputy", asking)
    assert not names_beside("The deputy agreed.", "deputy", asking)  # a sentence's first word is no name
    assert not names_beside("Her deputy agreed.", "deputy", "name of her deputy")
    assert names_beside("Bo Li agreed.", "deputy", asking)  # the text never speaks of a deputy: other words


def test_which_or_what_right_before_a_thing_asks_which_one_it_is() -> None:
    assert asked_which("she says 'in these cases' - which cases?") == "cases"
    assert asked_which("what bread won") == "bread"
    assert asked_which("what did they win") is None
    assert asked_which("what kind of bread") is None  # asked_specification reads that one


@pytest.mark.parametrize(("question", "thing"), [("what earlier 'cases' did she mean", "cases"),
                                                ("which other towns trade", "towns"),
                                                ("which previous prizes did it win", "prizes")])
def test_a_word_placing_the_thing_among_others_is_not_the_thing_asked_which(question: str, thing: str) -> None:
    """'what earlier cases' asks which cases; 'earlier' only says they came before."""
    assert asked_which(question) == thing


def test_a_text_that_only_points_at_a_thing_does_not_say_which_it_is() -> None:
    assert only_pointed_at("We have handled these kinds of cases before.", "cases")
    assert only_pointed_at("It won such prizes before.", "prizes")
    assert not only_pointed_at("It won the county prize and such prizes before.", "prizes")
    assert not only_pointed_at("It won a prize for its rye bread.", "cases")  # not spoken of at all


@pytest.mark.parametrize(("question", "thing"), [("which three towns trade", "towns"),
                                                ("which two are meant?", "two"), ("which two did she mean", "two"),
                                                ("which two of them", "two"), ("which two they mean", "two")])
def test_a_count_asked_with_a_noun_after_it_asks_about_the_noun(question: str, thing: str) -> None:
    """'which three towns' asks which towns, three of them; 'which two?' alone asks which two of ones named before."""
    assert asked_which(question) == thing


def test_a_count_with_the_points_back_at_the_ones_it_counts() -> None:
    # "which two?" against "the two towns": the text says there are two, named elsewhere, not which
    assert asked_which("it mentions 'the two towns' - which two are meant?") == "two"
    assert only_pointed_at("Trade between the two towns will go on.", "two")
    assert not only_pointed_at("Two towns, Ely and Diss, will trade.", "two")  # the count that names them
    assert not only_pointed_at("Trade between the towns will go on.", "towns")  # "the" alone names the thing


def test_a_count_before_a_noun_counts_the_noun_asked_about() -> None:
    # "which two towns?" asks which towns, and "the two towns" only points at them
    assert asked_which("which two towns trade with each other?") == "towns"
    assert asked_which("which 3 bakers won") == "bakers"
    assert only_pointed_at("Trade between the two towns will go on.", "towns")
    assert not only_pointed_at("Two towns, Ely and Diss, will trade.", "towns")
    # "what two things ..." asks for any two things: "the two towns" in the answer is not pointed at by it
    assert asked_which("what two things does the mayor say both towns want") is None
    assert asked_which("which two did they name?") == "two"  # the count alone is still the thing asked


@pytest.mark.parametrize("question", ["so how do you bake rye bread at home?", "how can I win a prize like that",
                                      "nice, what flour should I use?", "how do u get a job there"])
def test_a_question_can_ask_how_the_asker_is_to_do_something(question: str) -> None:
    assert asks_advice(question)


@pytest.mark.parametrize("question", ["how did the bakery win", "how do you pronounce the mayor's name",
                                      "how do you know that", "what should I call the bakery", "how does it say so"])
def test_how_the_report_says_something_or_how_a_thing_happened_asks_no_advice(question: str) -> None:
    assert not asks_advice(question)


@pytest.mark.parametrize(("question", "thing"), [("who was the european astronaut on board", "astronaut"),
                                                 ("who's the mayor's deputy?", "deputy"),
                                                 ("ok and who is the head baker", "baker")])
def test_a_question_can_ask_who_someone_is_by_what_they_are(question: str, thing: str) -> None:
    assert asked_who_is(question) == thing


@pytest.mark.parametrize("question", ["who is she", "who was on board", "who are they", "who took the photos"])
def test_who_asks_by_no_such_word_without_the_thing_named(question: str) -> None:
    assert asked_who_is(question) is None


@pytest.mark.parametrize("question", ["who took over the mayor's job after her", "who replaced the head baker",
                                      "was she the first woman to run the bakery", "who is his successor"])
def test_a_question_can_ask_where_someone_stands_in_an_order(question: str) -> None:
    wanted = asked_order(question)
    assert wanted is not None
    assert not says_any("The mayor is the head of the town council.", wanted)
    assert says_any("She replaced the former mayor in 2019.", wanted)


def test_what_came_before_a_deed_wants_a_text_that_speaks_of_the_deed() -> None:
    """"what did she do before working at the bakery?": a text that says "we've been here before" speaks of a past,
    not of working there."""
    wanted = asked_order("wat did she do b4 working at the bakery")
    assert wanted is not None
    assert not says_any("We've been in these kinds of situations before.", wanted)
    assert says_any("She taught school before she worked at the bakery.", wanted)
    assert says_any("The bakery won a prize.", asked_order("what did they do after winning the prize") or frozenset())


def test_a_deed_said_with_a_light_verb_is_its_complement() -> None:
    """"did they phone the mayor before going public?": "going" says nothing of the deed; "public" does."""
    wanted = asked_order("did they phone the mayor before going public?")
    assert wanted == {"public"}
    assert not says_any("The bakery is the town's oldest shop.", wanted)
    assert says_any("They told the mayor before making it public.", wanted)
    assert asked_order("did they bake before doing it") is None  # a light verb and a pronoun: no deed named


@pytest.mark.parametrize("question", ["who actually put the photos out in the first place", "who runs the bakery",
                                      "what happened after the invasion"])
def test_a_question_that_names_no_order_asks_none(question: str) -> None:
    assert asked_order(question) is None
@pytest.mark.parametrize(("question", "subject"), [("did the school take part in the fair", "school take part"),
                                                   ("so was the mayor there?", "mayor there"),
                                                   ("does the town bakery employ anyone", "town bakery employ"),
                                                   ("did any school take part", "school take part"),
                                                   ("did some bakers complain", "bakers complain")])
def test_a_yes_no_question_names_its_subject_after_its_determiner(question: str, subject: str) -> None:
    assert yes_no_subject(question) == subject


@pytest.mark.parametrize("question", ["did they take part", "did the two sides agree", "does the rest of the town know",
                                      "who took part", "did nasa take part", "is it open"])
def test_a_pronoun_a_count_a_part_or_a_bare_name_is_no_subject_named_with_the(question: str) -> None:
    assert yes_no_subject(question) is None


@pytest.mark.parametrize(("question", "event"), [("did they cancel the fair after the fire?", "fire"),
                                                 ("so was the shop still open following the storm", "storm")])
def test_a_yes_no_question_names_the_event_it_asks_what_happened_after(question: str, event: str) -> None:
    assert yes_no_after(question) == event


@pytest.mark.parametrize("question", ["what did they do after the fire", "did they cancel it after that",
                                      "did they cancel the fair"])
def test_only_a_yes_no_question_after_a_named_event_names_one(question: str) -> None:
    assert yes_no_after(question) is None


def test_which_thing_someone_meant_by_quoted_words_is_asked_of_a_thing_the_words_name() -> None:
    assert asked_meaning("what tech did they mean by 'develop tech'?") == ("tech", "develop tech")
    assert asked_meaning('which town was the mayor referring to with "the whole town"') == ("town", "the whole town")
    assert asked_meaning("what prize did they mean by 'the whole town'?") is None  # not a thing the words name
    assert asked_meaning("which two did she mean by 'the two countries'?") is None  # a count points back
    assert asked_meaning("what did the mayor mean by 'the whole town'?") is None


def test_a_text_says_no_more_of_a_thing_than_quoted_words_that_hold_every_mention_of_it() -> None:
    assert said_only_as_quoted("The station is there to develop technology for peace.", "technology",
                               "develop technology")
    assert not said_only_as_quoted("They develop technology, such as solar technology.", "technology",
                                   "develop technology")


def test_a_question_opening_with_a_helper_verb_and_asking_no_wh_question_is_answered_yes_or_no() -> None:
    assert asks_yes_or_no("is it true the bakery has 12 staff") and asks_yes_or_no("so does the bakery open early")
    assert not asks_yes_or_no("is it true who won") and not asks_yes_or_no("which 15 countries are in it")



@pytest.mark.parametrize(("question", "thing"), [("did they also bake a rye loaf in the morning?", "rye loaf"),
                                                 ("did they also hold up a town flag", "town flag"),
                                                 ("did the mayor also praise the staff", "staff")])
def test_an_also_question_names_the_thing_it_adds_after_its_verb(question: str, thing: str) -> None:
    assert added_thing(question) == thing


@pytest.mark.parametrize("question", ["did the school also win", "is there a baker too", "did they also say so",
                                      "did they bake a rye loaf"])
def test_an_also_question_with_no_thing_named_after_its_verb_adds_none(question: str) -> None:
    assert added_thing(question) is None


def test_a_question_asking_what_someone_acts_as_is_answered_only_by_a_text_saying_it() -> None:
    assert asks_as_what("Lee said the two sides work as what?") and asks_as_what("she served as what, exactly")
    assert not asks_as_what("what did she say") and not asks_as_what("is it as big as they say")
    assert says_as_what("They work as a joint team.") and says_as_what("She served as mayor for ten years.")
    assert not says_as_what("Both sides always worked very professionally.")
    assert not says_as_what("They were as good as their word.")  # a comparison says what they are like


@pytest.mark.parametrize("text", ["only recognised by two countries", "The bakery alone won a prize",
                                  "It is run solely by the council", "Only the mayor spoke"])
def test_a_text_that_says_its_fact_holds_for_its_own_subjects_alone_says_so_exclusively(text: str) -> None:
    assert says_exclusively(text)


@pytest.mark.parametrize("text", ["The bakery won a prize", "They were lonely", "a commonly held view"])
def test_a_text_without_a_word_of_exclusion_does_not_say_so_exclusively(text: str) -> None:
    assert not says_exclusively(text)


@pytest.mark.parametrize("question", ["what month is this article from", "when is the story from?",
                                      "which day is this report dated", "what date was it written",
                                      "which month is this from, going by the top line?",
                                      "what month was the report?", "what date is this article"])
def test_when_the_text_itself_is_from_is_asked(question: str) -> None:
    assert asks_the_texts_date(question)


@pytest.mark.parametrize("question", ["when was the bakery opened", "what month did the mayor speak",
                                      "what year is this story from", "when was it published by the paper",
                                      "when is the fair from today", "when was it", "what month was it"])
def test_the_date_of_something_it_reports_or_a_year_is_not_the_texts_date(question: str) -> None:
    assert not asks_the_texts_date(question)


def test_how_many_of_each_kind_wants_a_text_with_a_count_for_each() -> None:
    assert "breakdown" in asked_types("how many of each kind of loaf does the bakery sell?")
    assert "breakdown" in asked_types("how many are there from each town?")
    assert "breakdown" in asked_types("how many staff per shop?")
    assert "breakdown" not in asked_types("how many loaves does the bakery sell?")
    assert "breakdown" not in asked_types("how many towns are there?")
    assert "breakdown" in held_types("It has 12 bakers and 3 drivers.")
    assert "breakdown" in held_types("two bakers, one driver and four cooks")
    assert "breakdown" not in held_types("12 towns take part. the 12 towns")  # one count, said twice
    assert "breakdown" not in held_types("The bakery opened in the town.")


def test_what_a_thing_is_for_wants_a_text_that_states_a_purpose() -> None:
    assert "purpose" in asked_types("what is the bakery even for?")
    assert "purpose" in asked_types("what do they say the bakery is actually for")
    assert "purpose" in asked_types("what's the main purpose of the bakery?")
    assert "reason" in asked_types("what does the mayor say the bakery is for?")
    assert "purpose" not in asked_types("what is the job of the baker?")  # a post, not a purpose
    assert "purpose" not in asked_types("what do they say the bakery is")
    assert "purpose" in held_types("Its primary function is to bake bread for peaceful purposes.")
    assert "purpose" in held_types("The oven is meant to run all night.")
    assert "purpose" not in held_types("The baker spoke after the fire, earlier this year.")


def test_whether_a_thing_holds_only_for_one_wants_a_text_that_says_for_how_many() -> None:
    assert "exclusive" in asked_types("in the square only?")
    assert "exclusive" in asked_types("is the bakery run by one family only?")
    assert "exclusive" in asked_types("did they sell bread alone")
    assert "exclusive" not in asked_types("which bakery is the only one in town?")  # which one, not whether only
    assert "exclusive" not in asked_types("where did they celebrate?")
    assert "exclusive" in held_types("The two families jointly run the bakery.")
    assert "exclusive" in held_types("It is only sold in town.")
    assert "exclusive" not in held_types("They celebrated in the town square.")


def test_where_the_report_comes_from_wants_a_text_about_the_report() -> None:
    assert "provenance" in asked_types("is this story from the capital or from the coast")
    assert "provenance" in asked_types("where is the article from?")
    assert "provenance" in asked_types("where was it filed")
    assert "provenance" not in asked_types("is the bread from the town bakery?")  # the bread's origin, not the report's
    assert "provenance" not in asked_types("where is the bakery?")
    assert "provenance" in held_types("The report is datelined Springfield, May 3.")
    assert "provenance" in held_types("the Gazette reported")
    assert "provenance" not in held_types("Relations between the two towns have soured.")


@pytest.mark.parametrize("question", ["where is the mayor from", "where are the bakers originally from",
                                      "what nationality is the baker", "which country are the judges from"])
def test_where_someone_is_from_asks_their_homeland(question: str) -> None:
    assert "homeland" in asked_types(question)


@pytest.mark.parametrize("question", ["where is the story from", "where are the photos from",
                                      "where did the bakery open"])
def test_where_a_thing_comes_from_or_happened_asks_no_homeland(question: str) -> None:
    assert "homeland" not in asked_types(question)


def test_a_text_holds_a_homeland_where_it_names_a_people_or_a_country() -> None:
    assert "homeland" in held_types("two Portuguese bakers and a Canadian judge")
    assert "homeland" in held_types("The prize went to a baker from France.")
    assert "homeland" in held_types("She has Irish citizenship.")
    assert "homeland" not in held_types("Ann Lee, the town's mayor, said it made the town proud.")


@pytest.mark.parametrize(("question", "thing"), [("where is the mill located?", "mill"),
                                                 ("so where is the town bakery now?", "town bakery"),
                                                 ("where are the two bakeries based", "bakeries"),
                                                 ("where was the fair", "fair")])
def test_a_where_is_question_names_the_thing_it_asks_the_place_of(question: str, thing: str) -> None:
    assert where_thing(question) == thing


@pytest.mark.parametrize("question", ["where is it", "where is the fair happening", "where did the baker go",
                                      "who is the mayor"])
def test_a_where_question_about_an_event_or_a_pronoun_names_no_thing_placed(question: str) -> None:
    assert where_thing(question) is None


@pytest.mark.parametrize(("question", "thing"), [("what is the guild?", "guild"), ("so what's a scone", "scone"),
                                                 ("what are bagels", "bagels")])
def test_a_question_can_ask_only_what_a_thing_is(question: str, thing: str) -> None:
    assert asked_what_is(question) == thing


@pytest.mark.parametrize("question", ["what is the guild for", "what is it", "what did the guild say",
                                      "what is the name of the guild"])
def test_a_question_that_asks_more_than_what_a_thing_is_is_no_such_question(question: str) -> None:
    assert asked_what_is(question) is None
