"""Finding the question inside a long message."""

from __future__ import annotations

import pytest

from bot.core.matching.question.clauses import (
    alternatives,
    asks_for_a_thing,
    checks_a_claim,
    claimed_before,
    coordinated,
    debated_before,
    focus_head,
    judges_claims,
    question_focus,
    question_parts,
    referred_clauses,
    refers_back,
    short_aside,
    short_head,
    without_requests_for_a_source,
)


def test_a_short_message_is_read_whole() -> None:
    assert question_parts("who runs the bakery?") == []


def test_the_question_after_a_turn_word_is_a_part_of_its_own() -> None:
    message = ("I was at the market yesterday and my aunt who loves bread told me all about it, "
               "so how many people work at the bakery")
    parts = question_parts(message)
    assert "so how many people work at the bakery" in parts


def test_each_sentence_of_a_long_message_is_a_part() -> None:
    message = "Long day at work today, my boss was awful again. Anyway. Did the mayor say anything about the prize?"
    parts = question_parts(message)
    assert "Did the mayor say anything about the prize?" in parts
    assert all(len(part.split()) >= 3 for part in parts)


def test_the_other_alternative_of_a_question_is_not_a_part_of_its_own() -> None:
    """'does the article say the two towns share the bakery, or is it the town's own?': "or is it ..." offers the
    other answer to the question before it; read alone it would ask something else. A question after "or" that
    starts its own sentence still is one."""
    message = "does the article say the two towns share the bakery, or is it the town's own bakery?"
    parts = question_parts(message)
    assert not any(part.strip().startswith("or") for part in parts)
    assert message in parts
    assert "Or is it the town's own bakery?" in question_parts("Do the two towns share the bakery today? "
                                                              "Or is it the town's own bakery?")


def test_a_huge_message_has_a_bounded_number_of_parts() -> None:
    assert len(question_parts("so what is it, " * 500)) <= 12


def test_the_focus_of_a_ramble_is_its_question_without_the_preamble() -> None:
    message = ("the article says the bakery opened in 1998 and employs 12 people, ok, "
               "but who founded it, like what was their name? asking for a school project")
    assert question_focus(message) == "but who founded it like what was their name?"


def test_a_short_message_or_one_without_a_question_has_no_focus() -> None:
    assert question_focus("who founded the bakery?") is None
    assert question_focus("I really liked the article about the bakery and its rye bread, great read honestly") is None


def test_a_clause_that_turns_to_the_question_starts_the_focus_not_an_earlier_relative_clause() -> None:
    message = ("I keep hearing about the bakery from my aunt, which is odd because she hates bread, "
               "so who founded it?")
    assert question_focus(message) == "so who founded it?"


def test_a_question_reported_inside_a_clause_is_a_part_from_its_question_word() -> None:
    message = ("my little sister loves bread and she asked me how many people work at the bakery on weekends, "
               "i said i would find out")
    assert "how many people work at the bakery on weekends" in question_parts(message)


def test_a_clause_of_an_auxiliary_and_a_participle_tells_rather_than_asks() -> None:
    message = "my aunt loves that place, was reading about it last night, how many people work at the bakery?"
    assert question_focus(message) == "how many people work at the bakery?"


def test_a_misspelt_question_word_still_starts_the_focus() -> None:
    message = "ok dumb question maybe but i dont get the bakery thing at all, wich bread did they sell on sundays"
    assert question_focus(message) is None  # nothing reads as a question without the correction
    fixed = {"wich": "which"}
    assert question_focus(message, lambda word: fixed.get(word, word)) == "wich bread did they sell on sundays"


def test_a_question_that_points_back_at_what_the_message_quoted_is_known() -> None:
    assert refers_back("how does that sentence continue?")
    assert refers_back("who said that?")
    assert refers_back("so what's the next bit she said after that?")
    assert not refers_back("who founded the bakery?")


def test_a_question_about_how_the_quoted_words_are_written_points_back_at_them() -> None:
    assert refers_back("is that how it's actually written or did I misread?")
    assert refers_back("is it really worded like that?")
    assert refers_back("is that a typo?")
    assert not refers_back("who wrote the bakery's recipe book?")


def test_a_question_word_after_a_preposition_still_asks() -> None:
    message = "On what day did the bakery open its second shop? The sign outside only gives a year."
    assert question_focus(message) == "On what day did the bakery open its second shop?"
    message = ("my aunt swears she has been buying rye bread there for decades, "
               "so for how long has the bakery been open?")
    assert question_focus(message) == "so for how long has the bakery been open?"


def test_a_relative_clause_after_a_comma_is_not_the_question_a_later_clause_asks() -> None:
    message = ("I have to write about the bakery for homework, which is due tomorrow, but I don't get one thing: "
               "why did it close?")
    assert question_focus(message) == "why did it close?"


def test_a_last_clause_that_turns_to_its_question_a_few_words_in_starts_the_focus() -> None:
    message = ("my aunt says bread should be cheap, which sounds nice but idk, "
               "anyway in the article what price does the bakery charge for rye?")
    assert question_focus(message) == "anyway in the article what price does the bakery charge for rye?"


def test_a_pronoun_ending_like_a_participle_still_asks() -> None:
    message = "ok so the bakery sells rye and spelt, got it, but is anything said about who bakes the bread?"
    assert question_focus(message) == "but is anything said about who bakes the bread?"


def test_so_and_like_start_a_part_only_when_a_question_follows() -> None:
    asked = "we read the whole thing about the bakery in class today so who won the prize in the end"
    assert "so who won the prize in the end" in question_parts(asked)
    liked = "we all liked the story about the town bakery so much did the mayor ever go there"
    assert not any(part.startswith("so much") for part in question_parts(liked))
    flags = "the bakers were waving things like the flags of the town why did they do that"
    assert not any(part.startswith("like the flags") for part in question_parts(flags))
    assert "like why did they do that" in question_parts(
        "the bakers were waving things at the fair like why did they do that")


def test_an_abbreviations_full_stop_does_not_end_a_sentence_of_a_long_message() -> None:
    message = "My friend Mrs. Jones from the U.K. told me about the bakery today. Who won the prize?"
    parts = question_parts(message)
    assert "My friend Mrs. Jones from the U.K. told me about the bakery today." in parts
    assert not any(part.startswith("Jones") for part in parts)


def test_a_question_for_a_thing_names_what_it_wants_or_starts_with_a_question_word() -> None:
    assert asks_for_a_thing("does the article give the date?")
    assert asks_for_a_thing("so which one was it?")
    assert asks_for_a_thing("what are their names?")
    assert not asks_for_a_thing("is that right?")
    assert not asks_for_a_thing("can you tell me?")


def test_a_question_that_names_only_what_it_wants_is_about_the_closest_clause_that_names_something() -> None:
    def names(clause: str) -> float:
        return float(sum(word in {"bakery", "opened", "staff", "name", "baker"} for word in clause.split()))

    message = "we talked about the bakery, when it opened, my aunt was there too, does the article give the date?"
    assert referred_clauses(message, "does the article give the date?", names) == ["when it opened"]
    aside = "my aunt asked how many work at the bakery, not just the staff, does the article give that number?"
    assert referred_clauses(aside, "does the article give that number?", names) == [
        "my aunt asked how many work at the bakery"]  # "not just ..." sets something aside
    joined = "ok so, I'm doing a school report and I need the name of the baker, what's it called in the article?"
    assert referred_clauses(joined, "what's it called in the article?", names) == [
        "I'm doing a school report and I need the name of the baker", "I'm doing a school report",
        "I need the name of the baker"]  # and each part joined by "and"
    chatter = "nothing here at all, my aunt says hi, which one was it?"
    assert referred_clauses(chatter, "which one was it?", names) == []


def test_a_question_of_several_clauses_is_found_in_its_message_across_the_commas_between_them() -> None:
    def names(clause: str) -> float:
        return float(sum(word in {"bakery", "opened", "prize"} for word in clause.split()))

    message = "the bakery opened itself, no chain bought it. which year, does anyone know?"
    focus = "which year does anyone know?"  # the focus's clauses, joined by a space
    assert referred_clauses(message, focus, names) == ["the bakery opened itself"]
    assert referred_clauses("the bakery won a prize. which year?", "which year?", names) == [
        "the bakery won a prize."]
    assert referred_clauses("which year, anyone?", "which year anyone?", names) == []  # nothing before


def test_a_clause_a_question_refers_to_is_also_read_without_who_brought_it_up() -> None:
    def names(clause: str) -> float:
        return float(sum(word in {"bakery", "opened", "prize"} for word in clause.split()))

    message = "my aunt brought up the bakery prize over lunch, does the article give the date?"
    assert referred_clauses(message, "does the article give the date?", names) == [
        "my aunt brought up the bakery prize over lunch", "the bakery prize over lunch"]
    claim = "my aunt insists that the bakery opened last year, so who is right?"
    assert referred_clauses(claim, "so who is right?", names) == [
        "my aunt insists that the bakery opened last year", "the bakery opened last year"]
    heard = "I gather the mayor spoke about the prize at length, what precisely did she say?"
    assert referred_clauses(heard, "what precisely did she say?", names) == [
        "I gather the mayor spoke about the prize at length", "the mayor spoke about the prize at length"]


def test_a_request_to_be_told_is_not_part_of_the_focus() -> None:
    message = "my aunt went on about the bakery all evening, so can anyone remind me what the prize was for?"
    assert question_focus(message) == "what the prize was for?"
    asked = "my aunt went on about the bakery all evening, could you tell us how many people work there?"
    assert question_focus(asked) == "how many people work there?"
    kept = "my aunt went on about the bakery all evening, can you tell if it is still open?"
    assert question_focus(kept) == "can you tell if it is still open?"  # no one to tell: not a request to be told


@pytest.mark.parametrize(("message", "focus"), [
    ("people keep arguing about the bakery, so can someone just paste what the article says about the prize?",
     "what the article says about the prize?"),
    ("before this turns into a fight again, can we at least agree on who owns the bakery now?",
     "who owns the bakery now?"),
    ("my aunt swears it closed years ago, could you double check for me when the bakery opened?",
     "when the bakery opened?"),
    ("my aunt swears it closed years ago, would anyone here please find out whether it won the prize?",
     "whether it won the prize?"),
    ("can someone who actually read the whole article tell me what the bakery won its prize for",
     "what the bakery won its prize for"),
])
def test_a_request_of_someone_to_do_something_before_the_question_word_is_not_part_of_the_focus(
        message: str, focus: str) -> None:
    assert question_focus(message) == focus


@pytest.mark.parametrize("message", [
    "my aunt swears it closed years ago, can you tell if it is still open on sundays?",
    "my aunt swears it closed years ago, can the bakery say what it sells on sundays?",
    "my aunt swears it closed years ago, could they have known what the mayor would say?",
])
def test_a_question_asked_of_no_one_or_asking_the_bot_to_judge_keeps_its_start(message: str) -> None:
    assert question_focus(message) == message.split(", ", 1)[1]


def test_a_question_reported_in_a_sentence_where_no_clause_asks_starts_the_focus() -> None:
    message = "the prize story made me wonder whose bread it was that won, the bakery's or the mayor's? no idea really"
    assert question_focus(message) == "whose bread it was that won the bakery's or the mayor's?"
    kindly = "Kindly tell me what prize, if any, the bakery won for its rye bread."
    assert question_focus(kindly) == "what prize if any the bakery won for its rye bread."


def test_a_reported_question_followed_by_a_guess_at_its_answer_starts_the_focus() -> None:
    message = "calling from work, I want to know what exactly the baker said about the prize, was it a joke"
    assert question_focus(message) == "what exactly the baker said about the prize was it a joke"
    asked = "my sister asked me what the prize is because she saw it on tv, what does the story say the prize is?"
    assert question_focus(asked) == "what does the story say the prize is?"  # a question of its own, not a guess


def test_a_question_that_goes_on_after_a_dash_is_one_focus() -> None:
    message = "we talked about it all evening. what happened to the bakery after the prize - did it open a second shop?"
    assert question_focus(message) == "what happened to the bakery after the prize - did it open a second shop?"
    told = "my aunt loves the rye bread there - when did the bakery open?"
    assert question_focus(told + " she never said") == "when did the bakery open?"  # the piece before tells


def test_an_en_or_em_dash_ends_a_sentence_as_a_spaced_hyphen_does() -> None:
    em = "my aunt was going on about the rye bread at dinner last night\u2014did the bakery win a prize for it?"
    assert question_focus(em) == "did the bakery win a prize for it?"
    en = "my aunt was going on about the rye bread at dinner last night \u2013 did the bakery win a prize for it?"
    assert question_focus(en) == "did the bakery win a prize for it?"
    spaced = "my aunt was going on about the rye bread at dinner last night \u2014 did the bakery win a prize for it?"
    assert question_focus(spaced) == "did the bakery win a prize for it?"
    ranged = "my aunt said the bakery was open 1975\u20131980 and then shut for years, when did the bakery open again?"
    assert question_focus(ranged) == "when did the bakery open again?"  # an en dash inside a range joins


@pytest.mark.parametrize("message", [
    "'the best rye bread in the county' \u2014 whose words are those, the mayor's?",
    "\"three shops across the county\" - is that the number the article gives for the bakery?",
    "'the best rye bread in the county, better than anything in the city' -- who said that",
    "the article says the bakery 'won the silver medal at the county fair' \u2014 is this right?",
])
def test_a_question_about_the_piece_before_the_dash_is_read_with_it(message: str) -> None:
    assert question_focus(message) is None  # the whole message: the question alone would name nothing


@pytest.mark.parametrize(("message", "focus"), [
    ("the article talks about the rye bread and the prize - is the bakery still open on sundays?",
     "is the bakery still open on sundays?"),
    ("the article talks about the rye bread and the prize - what did the mayor say that morning?",
     "what did the mayor say that morning?"),
    ("the article talks about the rye bread and the prize - who said that the bakery would close?",
     "who said that the bakery would close?"),
])
def test_a_question_after_a_dash_that_names_its_own_subject_is_the_focus(message: str, focus: str) -> None:
    assert question_focus(message) == focus


def test_what_the_asker_says_of_themself_after_the_question_is_not_part_of_it() -> None:
    message = "my aunt loves that place, so which breads does the bakery sell, I count three but I might be wrong?"
    assert question_focus(message) == "so which breads does the bakery sell"
    reported = "my aunt loves that place, so which breads does the bakery sell, I wonder who bakes them?"
    assert question_focus(reported) == "so which breads does the bakery sell I wonder who bakes them?"


def test_why_the_asker_asks_after_the_question_is_not_part_of_it() -> None:
    message = "my aunt loves that place, so when did the bakery open, because my uncle swears it was the seventies?"
    assert question_focus(message) == "so when did the bakery open"
    wondered = "I wonder if the bakery still bakes rye, because my neighbour is convinced they stopped years ago"
    assert question_focus(wondered) == "if the bakery still bakes rye"
    offered = "my aunt loves that place, so why did the bakery close for a week, because of the flood?"
    assert question_focus(offered) == "so why did the bakery close for a week because of the flood?"


def test_a_sentence_where_the_asker_only_speaks_of_themself_is_not_a_part() -> None:
    message = "Hello from abroad. In the article, the mayor said something about the prize? I am not sure I read right."
    parts = question_parts(message)
    assert "I am not sure I read right." not in parts
    assert "In the article, the mayor said something about the prize?" in parts


def test_the_head_of_a_question_is_its_first_clause_when_more_of_the_question_follows() -> None:
    message = "my aunt keeps going on about the bakery, but what did the bakery win, the big prize or a small one?"
    assert focus_head(message) == ("but what did the bakery win", False)
    twice = "my aunt keeps going on about the bakery, so when did the bakery open, and how many people work there?"
    assert focus_head(twice) == ("so when did the bakery open", True)  # the rest asks a question of its own
    assert focus_head("my aunt keeps going on about the bakery and its bread, so who founded the bakery?") == (
        None, False)
    assert focus_head("who founded the bakery, the baker or the mayor?") == (None, False)  # short: read whole


def test_basically_starts_a_clause_only_when_a_question_follows() -> None:
    statement = "the mayor said the bread prize was basically totally at odds with what the fair is for?"
    assert "basically totally at odds with what the fair is for?" not in question_parts(statement)
    asking = "I read the whole thing twice last night basically what did the mayor say about the prize"
    assert "basically what did the mayor say about the prize" in question_parts(asking)


def test_a_second_question_joined_by_and_alone_leaves_the_first_as_the_head() -> None:
    message = "as a baker I want to be precise, does the story say how many people work there and where they live"
    assert focus_head(message) == ("does the story say how many people work there", True)
    whether = "long time listener, I want to know which two prizes the bakers were given and whether anyone else won"
    assert focus_head(whether) == ("which two prizes the bakers were given", True)
    both = "there's a woman quoted near the end, I didn't catch her title though, what's her name and what's her job?"
    assert focus_head(both) == (None, False)  # too short to name its subject: both asked of one person


def test_a_last_sentence_that_asks_with_a_question_word_is_the_focus_even_without_a_question_mark() -> None:
    assert question_focus("the bakery down the road won some big prize last year right? which prize") == "which prize"
    assert question_focus("the bakery down the road won some big prize last year right? so what prize was it") == (
        "so what prize was it")
    # a last sentence that doesn't ask with a question word leaves the question before it the focus
    said = "my aunt says the bakery won a prize, who founded it? I want to send them a card"
    assert question_focus(said) == "who founded it?"


def test_a_second_alternative_asked_as_a_question_of_its_own_counts_as_asking_again() -> None:
    message = "my aunt keeps going on about the bakery, but did the baker found it, or was it the mayor all along?"
    assert focus_head(message) == ("but did the baker found it", True)
    nouns = "my aunt keeps going on about the bakery, but who founded it, the baker or the mayor?"
    assert focus_head(nouns) == ("but who founded it", False)  # alternatives that only name: not a question


def test_what_a_long_message_says_is_in_dispute_before_its_question_is_found_from_whether_on() -> None:
    message = ("my aunt and I argued over dinner about whether the bakery still bakes rye bread, she says it stopped, "
               "so does the article say it does?")
    focus = question_focus(message)
    assert focus == "so does the article say it does?"
    assert debated_before(message, focus) == ["whether the bakery still bakes rye bread"]
    assert debated_before("we debated if it opened in 1998 or later, so when did it open?", "so when did it open?") == [
        "if it opened in 1998 or later"]
    told = "my aunt told me the bakery won a prize last week, she was so proud, so what did it win?"
    assert debated_before(told, "so what did it win?") == []  # nothing in dispute: a claim, not "whether"


def test_a_question_of_two_alternatives_is_read_with_each_alternative_alone() -> None:
    """"were they on the ISS or on Earth?": one reading leaves out the alternative after "or", one the alternative
    before it, each taken as the one or the two words of meaning nearest "or", and each says which it keeps."""
    readings = alternatives("were the cosmonauts on the ISS or on Earth?")
    assert ("were the cosmonauts on the iss on", "iss") in readings
    assert ("were the cosmonauts on the on earth", "earth") in readings
    assert ("was it nasa that blasted the cosmonauts", "nasa") in alternatives("was it NASA or Roscosmos that "
                                                                                "blasted the cosmonauts")


def test_or_that_softens_or_starts_a_second_question_offers_no_alternatives() -> None:
    assert alternatives("so is the partnership dead or what") == []
    assert alternatives("were they in the russian segment or somewhere else?") == []
    assert alternatives("does it say their name or which country they are from?") == []
    assert alternatives("who posted the photos?") == []
    assert alternatives("was it a or b or c?") == []
    assert alternatives("bakery employees or prize?") == []  # no question frames them: either topic may be meant


def test_a_short_question_asking_two_things_of_one_subject_is_read_as_each_thing_asked() -> None:
    assert coordinated("Ana Ortiz works for which council and in what role?") == [
        "Ana Ortiz works for which council", "Ana Ortiz works for in what role?"]
    assert coordinated("the bridge, who built it and when?") == ["the bridge, who built it", "the bridge when?"]


@pytest.mark.parametrize("question", [
    "who built the bridge?",                                  # one thing asked
    "the bridge has two towers, the north and what else?",    # before "and" it names, it doesn't ask
    "who built the bridge and when and why was it paid for by the city council of the town?",  # long: focus_head
])
def test_a_question_asking_one_thing_is_not_read_in_parts(question: str) -> None:
    assert coordinated(question) == []


@pytest.mark.parametrize(("message", "head"), [("who runs it, the council and the school?", "who runs it"),
                                               ("which part was it, my friend says the west", "which part was it"),
                                               ("when did she say that, like last week?", "when did she say that"),
                                               ("when did she say it, was it this week", "when did she say it")])
def test_a_short_question_with_the_askers_guess_after_a_comma_has_the_question_as_its_head(message: str,
                                                                                          head: str) -> None:
    assert short_head(message) == head


@pytest.mark.parametrize("message", ["who runs it?", "what did they say, and when?", "so, who runs it",
                                     "what kind of shop is it, like a bakery or a cafe",
                                     "the bakery won a prize, who said so?", "who runs it? the council, I think",
                                     "ok so I was reading the article last night and wondered, who runs it, "
                                     "the school?"])
def test_a_question_without_a_guess_after_it_or_a_long_one_has_no_short_head(message: str) -> None:
    assert short_head(message) is None


@pytest.mark.parametrize(("question", "first", "second"), [
    ("the post or the daily times, which one ran the story?", "the post", "the daily times"),
    ("monday or tuesday? when did it open", "monday", "tuesday")])
def test_two_alternatives_offered_before_the_question_are_each_read_whole_with_it(question: str, first: str,
                                                                                  second: str) -> None:
    readings = alternatives(question)
    assert [kept for _, kept in readings] == [first, second]
    assert all(reading.endswith(("which one ran the story", "when did it open")) for reading, _ in readings)


@pytest.mark.parametrize(("message", "parts"), [
    ("whats the bakery, never heard of it", ("whats the bakery", "never heard of it")),
    ("what date is this from lol, feels old", ("what date is this from lol", "feels old")),
    ("who runs it? sorry, new here", ("who runs it?", "sorry, new here")),
    ("ISS = ? sorry not a nerd", ("ISS = ?", "sorry not a nerd"))])
def test_a_short_question_and_an_aside_that_asks_nothing_are_told_apart(message: str, parts: tuple[str, str]) -> None:
    assert short_aside(message) == parts


@pytest.mark.parametrize("message", [
    "who runs it?", "who runs it, and since when", "who runs it? the council?",
    "who runs it, the council or the school",
    "who runs it, not the council", "when did it open, my friend says 1990", "when did it open, like nine years ago",
    "the bakery won a prize, is it true", "ok so I was reading the article last night and wondered who runs it, "
    "never heard of them"])
def test_a_later_part_that_asks_sets_aside_or_counts_is_no_aside_nor_is_a_long_message(message: str) -> None:
    assert short_aside(message) is None
@pytest.mark.parametrize("question", [
    "Is that right?", "is that true", "Am I wrong?", "is she correct or not?", "Is my aunt right?", "right?",
    "so is that actually true?", "Is that what the article says, or is it a different year?", "does it really say so?",
    "is this headline legit", "is the story right?",
])
def test_a_question_that_only_asks_whether_the_claim_before_it_holds_checks_a_claim(question: str) -> None:
    assert checks_a_claim(question)


@pytest.mark.parametrize("question", ["who owes who", "so who's right?", "which of us is right",
                                      "who owes who, please read this out"])
def test_a_question_that_only_asks_which_claim_before_it_holds_judges_claims(question: str) -> None:
    assert judges_claims(question)
    assert not judges_claims("who owes the bakery money")


@pytest.mark.parametrize("question", [
    "is that the bakery on the corner?", "is it true that the bakery closed?", "right after the prize, did it close?",
    "is the mayor right about the bread?",
])
def test_a_question_that_names_what_it_checks_is_not_only_checking_a_claim(question: str) -> None:
    assert not checks_a_claim(question)


def test_am_i_right_alone_is_the_question_of_a_long_message_and_a_guess_after_one_is_not() -> None:
    message = "I told my book club on Tuesday that the bakery opened in 1998. Am I right?"
    assert question_focus(message) == "Am I right?"
    guess = "so when did the bakery open, according to the article? Am I wrong that it was in the nineties?"
    assert question_focus(guess) == "so when did the bakery open according to the article?"


def test_the_claim_a_question_checks_is_the_sentence_before_it_whole_and_from_its_first_word_of_saying() -> None:
    message = "I told my book club on Tuesday that the bakery opened in 1998, sells rye and employs twelve. Am I right?"
    assert claimed_before(message, "Am I right?") == [
        "I told my book club on Tuesday that the bakery opened in 1998, sells rye and employs twelve.",
        "the bakery opened in 1998, sells rye and employs twelve."]
    said = "my aunt says the mayor said the bread was the best in the county, is that true?"
    assert claimed_before(said, "is that true?") == [
        "my aunt says the mayor said the bread was the best in the county",
        "the mayor said the bread was the best in the county"]
    own = "the bakery opened in 1998 and won a prize for its rye bread. Is that right?"
    assert claimed_before(own, "Is that right?") == ["the bakery opened in 1998 and won a prize for its rye bread."]
    assert claimed_before("Is that right?", "Is that right?") == []


def test_the_claim_a_question_checks_ends_where_the_asker_turns_away_from_it() -> None:
    message = "I wrote that the bakery opened in 1990, but my aunt says that's wrong. Is that what the article says?"
    assert claimed_before(message, "Is that what the article says?") == [
        "I wrote that the bakery opened in 1990", "the bakery opened in 1990"]


def test_the_clauses_before_a_question_are_found_though_the_focus_joins_its_clauses_without_commas() -> None:
    message = "my aunt says the bakery on the corner won something last spring. what prize, anyone?"
    focus = question_focus(message)
    assert focus == "what prize anyone?"
    assert referred_clauses(message, focus, lambda clause: 1.0) == [
        "my aunt says the bakery on the corner won something last spring.",
        "the bakery on the corner won something last spring."]
    disputed = "we argued all evening about whether the bakery won a prize, so which one, anyone?"
    assert debated_before(disputed, question_focus(disputed) or "") == ["whether the bakery won a prize"]


def test_or_and_an_auxiliary_start_a_second_question_and_the_first_is_a_part_of_its_own() -> None:
    message = "does the bakery still bake rye on sundays these days or has it stopped since the new owners came in"
    assert "does the bakery still bake rye on sundays these days" in question_parts(message)
    kept = "my aunt keeps asking me about it, did the bakery win gold or silver at the county fair?"
    assert question_focus(kept) == "did the bakery win gold or silver at the county fair?"  # "or" and a noun: one
    assert "did the bakery win gold" not in question_parts(kept)


def test_a_sentence_that_only_asks_for_a_source_is_set_aside_when_another_asks() -> None:
    assert without_requests_for_a_source("so what did the bakery win exactly. source?") == (
        "so what did the bakery win exactly.")
    assert without_requests_for_a_source("source? who baked the bread") == "who baked the bread"
    assert without_requests_for_a_source("when did it open? link pls") == "when did it open?"
    assert without_requests_for_a_source("who won. citation needed") == "who won."
    assert without_requests_for_a_source("source?") == "source?"  # alone: where the report comes from
    assert without_requests_for_a_source("any source? ??") == "any source? ??"  # nothing else asks
    assert without_requests_for_a_source("what's the source?") == "what's the source?"
    assert without_requests_for_a_source("the source of the bread? the mill") == (
        "the source of the bread? the mill")  # the source asked about, not a request
    assert without_requests_for_a_source("my aunt says it closed and i'm like source?? did it?") == (
        "my aunt says it closed and i'm like source?? did it?")  # inside a sentence
