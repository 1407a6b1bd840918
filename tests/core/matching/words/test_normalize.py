"""Normalisation: chat text in, plain words out, whatever is thrown at it."""

from __future__ import annotations

import pytest

from bot.core.matching.words.normalize import MAX_CHARS, clean, sentences, spelled, stem, tag_question, words


@pytest.mark.parametrize(("raw", "expected"), [
    ("Who RUNS the **station**??", "who runs the station"),
    ("<@123456789012345678> who runs it <@&42> <#99> @everyone @here", "who runs it"),
    ("cosmo\u200bnauts\u200d’ flags", "cosmonauts flags"),
    ("\u202eRTL\u202c text", "rtl text"),
    ("see https://example.com/x?y=1 now", "see now"),
    ("ＦＵＬＬＷＩＤＴＨ", "fullwidth"),
    ("Straße", "strasse"),
    ("a\x00b\x07c", "a b c"),
    ("🚀🚀 launch <:rocket:123456> ||spoiler|| `code`", "launch spoiler code"),
    ("", ""),
])
def test_clean_keeps_only_words(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_words_expand_chat_spelling_and_drop_filler() -> None:
    assert words("hey bot quick q: wat did nasa say abt the 3 cosmonauts") == \
        ["what", "did", "nasa", "say", "about", "the", "three", "cosmonauts"]
    assert words("how many people") == ["howmany", "people"]
    assert words("tel me wat the mayor sed") == ["what", "the", "mayor", "said"]  # "tel me" is "tell me", a frame


def test_a_count_named_after_what_it_counts_asks_how_many() -> None:
    assert words("bakers count?") == ["howmany", "bakers"]
    assert words("does it count") == ["does", "it", "count"]  # the verb
    assert words("what is the count") == ["what", "is", "the", "count"]


def test_a_label_that_says_a_question_follows_is_no_word_of_the_question() -> None:
    assert words("bonus q: who baked the bread?") == ["who", "baked", "the", "bread"]
    assert words("A careful question: when did it open?") == ["when", "did", "it", "open"]
    assert words("my question - who won?") == ["who", "won"]
    # a question that speaks of a question keeps its words; so does a label later in the message
    assert words("what is the question: who won?") == ["what", "is", "the", "question", "who", "won"]
    assert words("who won, bonus q: when?")[:2] == ["who", "won"] and "bonus" in words("who won, bonus q: when?")


def test_what_we_are_talking_about_frames_the_question() -> None:
    """'which town are we talking about' asks which town; nobody talks in it."""
    assert words("which town of which county are we talking about") == ["which", "town", "of", "which", "county"]


def test_kinda_and_sorta_are_the_filler_they_stand_for_not_the_word_kind() -> None:
    assert words("was it kinda weird or sorta normal") == ["was", "it", "weird", "or", "normal"]


def test_asking_what_the_article_says_leaves_the_question_itself() -> None:
    assert words("what does the article say the bakery is") == ["what", "the", "bakery", "is"]


def test_other_scripts_survive_as_words() -> None:
    assert words("Кто управляет станцией?") == ["кто", "управляет", "станцией"]


def test_input_is_bounded() -> None:
    assert len(clean("word " * 100_000)) <= MAX_CHARS


@pytest.mark.parametrize(("forms", "same"), [
    (["celebrate", "celebrating", "celebrated", "celebration", "celebrations"], True),
    (["operate", "operated", "operating", "operates"], True),
    (["station", "stations"], True),
    (["station", "state"], False),
    (["cosmos", "cosmo"], False),
])
def test_stems_bring_forms_of_a_word_together(forms: list[str], same: bool) -> None:
    assert (len({stem(form) for form in forms}) == 1) is same


def test_a_long_message_splits_into_sentences() -> None:
    text = "Long day at work. My boss sent this. Did she say anything about training?"
    assert sentences(text)[-1] == "Did she say anything about training?"
    assert sentences("just one question") == ["just one question"]


@pytest.mark.parametrize("pasted", ["who runs the station?\x1b[31m", "\x1b[1;32mwho runs the station?\x1b[0m",
                                    "\x1b]0;title\x07who runs the station?", "who runs\x1b[2K the station?"])
def test_terminal_escape_codes_pasted_with_a_question_leave_no_words(pasted: str) -> None:
    assert clean(pasted) == "who runs the station"


@pytest.mark.parametrize(("raw", "expected"), [
    ("who're the bakers?", "who are the bakers"),
    ("she'll open it", "she will open it"),
    ("we’ll see", "we will see"),
    ("where'd they go", "where would they go"),
    ("what's the baker's name", "whats the bakers name"),  # "'s" stays with its word
    ("don't", "dont"),
])
def test_a_contractions_verb_is_a_word_of_its_own_not_run_into_another_word(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_the_day_of_a_date_is_the_same_word_with_or_without_its_ordinal_suffix() -> None:
    assert words("opened on june 8th") == words("opened on june 8") == ["opened", "on", "june", "eight"]
    assert words("the 24th of may") == ["the", "24", "of", "may"]
    assert words("the 1st bakery") == ["the", "first", "bakery"]


@pytest.mark.parametrize(("raw", "expected"), [
    ("what did the US say", ["what", "did", "the", "US", "say"]),       # in capitals: the name
    ("what did the us say", ["what", "did", "the", "US", "say"]),       # after "the": the name
    ("is the usa in it", ["is", "the", "US", "in", "it"]),              # another spelling of it: the name
    ("what was the US's role", ["what", "was", "the", "US", "role"]),   # the name's possessive
    ("give us the flags", ["give", "us", "the", "flags"]),              # the pronoun
    ("Us and them", ["us", "and", "them"]),                             # a capital letter only starts the sentence
    ("WHAT WILL US ASTRONAUTS DO", ["what", "will", "us", "astronauts", "do"]),  # shouted: capitals say nothing
])
def test_an_everyday_word_that_is_also_a_name_is_the_name_only_where_it_reads_as_one(
        raw: str, expected: list[str]) -> None:
    assert words(raw, names={"us"}) == expected


def test_without_names_every_word_comes_out_in_lowercase() -> None:
    assert words("what did the US say") == ["what", "did", "the", "us", "say"]


@pytest.mark.parametrize("framed", [
    "who posted the photos in the first place",
    "who posted the photos by any chance",
    "first of all who posted the photos",
    "as far as i know who posted the photos",
    "who posted the photos going by the article",
])
def test_a_phrase_that_only_frames_the_question_adds_no_words(framed: str) -> None:
    assert words(framed) == words("who posted the photos")


def test_in_spite_of_is_read_as_despite() -> None:
    assert words("they kept working in spite of the storm") == words("they kept working despite the storm")
    assert words("out of spite") == ["out", "of", "spite"]  # "spite" alone is still its own word


@pytest.mark.parametrize("asked", ["who is on the ship at the moment", "who is on the ship these days",
                                   "who is on the ship at present", "who is on the ship nowadays"])
def test_the_present_time_said_in_several_words_is_read_as_now(asked: str) -> None:
    assert words(asked) == words("who is on the ship now")  # not a "moment" (a "second") or "days"


@pytest.mark.parametrize("asked", ["who sent the letter in the first place", "who sent the letter so far"])
def test_a_time_aside_that_says_nothing_about_the_answer_is_dropped(asked: str) -> None:
    assert words(asked) == words("who sent the letter")  # not a "first" "place", nor "far"


def test_an_abbreviations_full_stop_does_not_end_a_sentence() -> None:
    text = "Mr. Lee and Dr. Rao from the U.S. came, e.g. to see it. St. Ives too. Did the mayor go?"
    assert sentences(text) == ["Mr. Lee and Dr. Rao from the U.S. came, e.g. to see it.", "St. Ives too.",
                               "Did the mayor go?"]


@pytest.mark.parametrize("asked", ["tell us who runs the bakery", "Can you tell us who runs the bakery?",
                                   "hey bot, could you please tell us who runs the bakery",
                                   "tell me who runs the bakery", "can you tell me who runs the bakery"])
def test_tell_us_or_tell_me_at_the_start_only_frames_the_question(asked: str) -> None:
    assert words(asked, names={"us"}) == ["who", "runs", "the", "bakery"]


@pytest.mark.parametrize("asked", ["kindly advise who runs the bakery", "please inform me who runs the bakery",
                                   "could you let me know who runs the bakery", "remind me who runs the bakery",
                                   "can someone enlighten me as to who runs the bakery"])
def test_a_request_to_be_told_at_the_start_only_frames_the_question(asked: str) -> None:
    assert words(asked) == ["who", "runs", "the", "bakery"]


@pytest.mark.parametrize("asked", ["who did the baker inform", "did the baker advise the council",
                                   "what did they let us know"])
def test_a_verb_of_telling_later_in_a_question_is_what_was_done(asked: str) -> None:
    assert words(asked, names={"us"}) == asked.split()


def test_tell_us_later_in_a_question_is_what_was_said() -> None:
    assert words("what did the baker tell us", names={"us"}) == ["what", "did", "the", "baker", "tell", "us"]


def test_spelled_words_are_spelt_out_and_corrected_but_nothing_is_dropped_or_joined() -> None:
    fix = {"mny": "many"}.get
    assert spelled("hey bot, hw mny r there?", lambda word: fix(word, word)) == [
        "hey", "bot", "how", "many", "are", "there"]
    assert spelled("hw mny r there") == ["how", "mny", "are", "there"]


@pytest.mark.parametrize("tagged", ["the flags were red, right?", "it was the mayor, wasn't it?",
                                    "the bakery opened in 1990, correct?", "she said that, didn’t she?"])
def test_a_tag_question_is_known_and_its_tag_is_no_word_of_the_statement(tagged: str) -> None:
    assert tag_question(tagged)
    statement = tagged.rsplit(",", 1)[0]
    assert clean(tagged) == clean(statement)


@pytest.mark.parametrize("plain", ["is that right?", "did i get it right?", "which one is right, the first?",
                                   "the photos were posted, right after the war started"])
def test_a_question_or_a_statement_without_a_tag_keeps_its_words(plain: str) -> None:
    assert not tag_question(plain)
    assert clean(plain).split()[-1] == clean(plain.rstrip("?")).split()[-1]


def test_words_read_again_are_a_fresh_list_so_a_caller_changing_its_own_changes_no_other() -> None:
    first = words("who runs the station")
    first.append("changed")
    assert words("who runs the station") == ["who", "runs", "the", "station"]
    found = spelled("who runs the station")
    found.clear()
    assert spelled("who runs the station") == ["who", "runs", "the", "station"]


def test_words_take_names_and_a_corrector_that_cannot_be_hashed() -> None:
    class Corrector:  # defines __eq__ without __hash__, as a dataclass does: unhashable
        def __eq__(self, other: object) -> bool:
            return isinstance(other, Corrector)

        def __call__(self, word: str) -> str:
            return "station" if word == "staton" else word

    assert words("who runs the staton", Corrector(), names={"us"}) == ["who", "runs", "the", "station"]
    assert spelled("the staton", Corrector(), names={"us"}) == ["the", "station"]


def test_words_read_while_an_index_is_built_are_forgotten_so_the_cache_holds_only_questions() -> None:
    from bot.core.matching.words import normalize

    words("who runs the station")
    assert normalize._words.cache_info().currsize > 0
    normalize.forget_read_words()
    assert normalize._words.cache_info().currsize == 0 and normalize._plain.cache_info().currsize == 0


@pytest.mark.parametrize(("heading", "plain"), [("# heading", "heading"), ("## what is this", "what is this"),
                                                ("### Who runs the station?", "Who runs the station?"),
                                                ("#who runs it", "who runs it")])
def test_a_markdown_heading_is_read_without_its_marker(heading: str, plain: str) -> None:
    assert clean(heading) == clean(plain)
    assert words(heading) == words(plain)
