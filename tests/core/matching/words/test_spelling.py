"""Typo correction: the story's words first, then common English; real words are left alone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.core.matching.words.spelling import Speller, syllable_dropped, typing_cost


def speller(*words: str) -> Speller:
    found = Speller()
    found.learn(words)
    return found


def test_a_misspelt_story_word_becomes_the_story_word() -> None:
    assert speller("cosmonauts").correct("cosmonots") == "cosmonauts"


def test_a_misspelt_ordinary_word_becomes_the_ordinary_word_not_an_unknown_one() -> None:
    spell = speller("cosmonauts")
    assert spell.correct("governmnt") == "government"
    assert spell.correct("abot") == "about"


def test_a_longer_word_spelt_by_ear_is_read_as_the_word_it_sounds_like() -> None:
    assert speller("bakery").correct("stashun") == "station"  # three edits off, the same sound
    assert speller("bakery").correct("bakury") == "bakery"


def test_the_story_word_wins_a_tie_with_an_english_word() -> None:
    assert speller("lueders").correct("lueder") == "lueders"


def test_real_words_and_non_words_are_taken_as_meant() -> None:
    spell = speller("match")
    assert spell.correct("march") == "march"
    assert spell.correct("covid19") == "covid19"
    assert spell.correct("xqzjkv") == "xqzjkv"


def test_a_dropped_g_is_put_back_when_the_story_knows_the_word() -> None:
    assert speller("holding").correct("holdin") == "holding"


def test_learning_text_by_text_does_not_rank_the_whole_vocabulary_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A knowledge base learns its answers one text at a time: ranking every word known so far after each
    text made a 10,000-entry one take a minute and a half. Words are ranked once, when first searched."""
    from bot.core.matching.words import spelling

    calls = 0
    real = spelling.english_rank

    def counted(word: str) -> int | None:
        nonlocal calls
        calls += 1
        return real(word)

    monkeypatch.setattr(spelling, "english_rank", counted)
    spell = Speller()
    texts = [[f"storyword{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}{chr(97 + n // 676)}"] for n in range(2000)]
    for text in texts:
        spell.learn(text)
    spell.learn(["cosmonauts"])
    assert spell.correct("cosmonots") == "cosmonauts"
    assert calls <= 3 * len(texts), f"{calls} rankings for {len(texts)} words learnt"


def test_the_commoner_story_word_still_wins_a_tie_when_learnt_apart() -> None:
    spell = Speller()
    spell.learn(["pasts"])
    spell.learn(["parts"])  # learnt last, but commoner in English: it wins the tie at one edit
    assert spell.correct("paxts") == "parts"  # (sounding like neither: a sound-alike would win the tie)
    spell.learn(["pelts"])  # learning more after a search ranks the new words too
    assert spell.correct("pxlts") == "pelts"


def test_a_typo_that_sounds_like_a_word_is_read_as_that_word() -> None:
    """Metaphone breaks ties and reaches a word spelt by ear: "wich" is "which", not the commoner "with"."""
    spell = Speller()
    spell.learn(["photos", "mission", "station"])
    assert spell.correct("fotos") == "photos"      # another first letter, two edits: found by its sound
    assert spell.correct("wich") == "which"        # a rare listed word one edit from a far commoner one
    assert spell.correct("wen") == "when"
    assert spell.correct("misson") == "mission"    # the story's word beats "masson", which sounds closer
    assert spell.correct("staton") == "station"
    assert spell.correct("mny") == "many"          # not "my": "mny" sounds like "many"
    assert spell.correct("annex") == "annex"       # a real word is meant as written


def test_two_letters_swapped_count_as_much_as_a_word_that_sounds_alike() -> None:
    spell = speller("bakery")
    assert spell.correct("sya") == "say"  # not "soya", which sounds like it but is far rarer
    assert spell.correct("teh") == "the"
    assert spell.correct("bakrey") == "bakery"


def test_a_misspelt_phrase_is_still_the_phrase() -> None:
    from bot.core.matching.words.normalize import words

    spell = Speller()
    assert "howmany" in words("how mny cosmonauts", spell.correct)



def test_on_a_tie_in_edits_the_typo_fingers_make_wins() -> None:
    """A key beside the meant one, a doubled letter dropped, two letters swapped: likelier than any other edit."""
    spell = Speller()
    assert spell.correct("fevet") == "fever"          # r and t are neighbours; not "feet" with a stray v
    assert spell.correct("personel") == "personnel"   # one of a double dropped; not "personal"
    assert spell.correct("coprs") == "corps"          # swapped; not "cops" with a stray r


def test_typing_cost_weighs_the_kinds_of_edit() -> None:

    assert typing_cost("fever", "fevet") < typing_cost("fever", "fevek") == 1.0
    assert typing_cost("corps", "coprs") < 1.0
    assert typing_cost("letter", "leter") < typing_cost("letter", "lette")


def test_a_longer_word_with_a_slip_on_its_first_letter_is_found() -> None:
    spell = Speller()
    assert spell.correct("isabled") == "disabled"      # the first letter dropped
    assert spell.correct("xalculated") == "calculated"  # the key beside it struck
    assert spell.correct("nejoyable") == "enjoyable"    # the first two swapped


def test_a_word_written_without_its_vowels_is_read_as_the_word() -> None:
    """Chat leaves vowels out, many at once: too many edits for a near word, but the same consonants."""
    spell = speller("cosmonauts")
    assert spell.correct("csmnts") == "cosmonauts"
    assert spell.correct("prsdnt") == "president"
    assert spell.correct("prss") == "press"  # a word one edit off is likelier than one with two vowels dropped


def test_a_rarer_real_word_that_wordnet_knows_is_taken_as_meant() -> None:
    """Off the frequency list, but a word: not to be "corrected" into a commoner one a few edits away."""
    spell = speller("planes", "remote")
    assert spell.correct("paleness") == "paleness"  # not "planes"
    assert spell.correct("remount") == "remount"    # not "recount"
    assert spell.correct("planse") == "planes"      # a typo is still a typo


def test_a_typo_with_no_vowel_after_its_first_letter_is_read_by_its_consonants() -> None:
    """Even when a word one edit off exists ("rsl", "spur"): a typist who drops vowels drops them all."""
    spell = Speller()
    assert spell.correct("rslt") == "result"
    assert spell.correct("spkr") == "speaker"
    assert spell.correct("blfs") == "beliefs"


def test_a_word_too_rare_for_the_english_list_one_slip_from_a_story_word_is_that_word() -> None:
    """WordNet knows "libration", but a question about a story of liberation means the story's word."""
    spell = speller("liberation", "paleness")
    assert spell.correct("libration") == "liberation"
    assert spell.correct("paleness") == "paleness"  # the story's own word
    assert speller("planes").correct("paleness") == "paleness"  # two edits off: a word of its own


def test_a_rare_listed_word_that_wordnet_knows_is_not_read_as_a_commoner_one() -> None:
    spell = Speller()
    assert spell.correct("stork") == "stork"  # not "story", a hundred times commoner and one edit off
    assert spell.correct("awry") == "awry"    # not "away"
    assert spell.correct("wich") == "which"   # the list's own typos are still typos


def test_a_rare_word_spelt_by_ear_as_chat_does_is_the_common_word_it_stands_for() -> None:
    spell = speller("bakery")
    assert spell.correct("foto") == "photo"  # listed, but rare: "f" for "ph"
    assert spell.correct("fone") == "phone"
    assert spell.correct("nite") == "night"  # "ite" for "ight"
    assert spell.correct("tonite") == "tonight"


def test_a_real_word_or_its_inflection_is_not_respelled_by_ear() -> None:
    spell = speller("bakery")
    assert spell.correct("rites") == "rites"  # "rite" is a word: not "rights"
    assert spell.correct("fat") == "fat"


def test_a_clipped_story_word_is_read_as_the_one_far_longer_word_it_starts() -> None:
    assert speller("zorblaxians").correct("zorbla") == "zorblaxians"
    assert speller("zorblaxians", "zorblaxian", "zorblaxyans").correct("zorbla") == "zorblaxian"  # one word
    assert speller("zorblaxians", "zorblington").correct("zorbl") == "zorbl"  # the start of two words
    assert speller("zorblaxians").correct("zorblax") == "zorblaxians"  # ... only far longer: a typo of it


def test_a_word_one_slip_off_is_not_read_as_a_clipped_story_word() -> None:
    assert speller("controversy").correct("contro") != "controversy"  # "contra", "control": one slip


def test_vowels_left_out_however_many_cost_one_slip_so_the_commoner_word_wins() -> None:
    """"rlly" drops two vowels of "really" and one of "rally": chat drops them all, so the commoner word wins."""
    spell = Speller()
    assert spell.correct("rlly") == "really"
    assert spell.correct("cmpny") == "company"


def test_a_dropped_g_is_put_back_on_a_common_ing_word_the_story_does_not_use() -> None:
    spell = speller("bakery")
    assert spell.correct("mornin") == "morning"
    assert spell.correct("nothin") == "nothing"
    assert spell.correct("goin") == "going"  # listed, and common, but far less than "going"


def test_a_word_ending_in_in_that_is_a_word_of_its_own_keeps_its_spelling() -> None:
    spell = speller("thing", "sing")
    assert spell.correct("thin") == "thin"      # common: meant as written, even with "thing" in the story
    assert spell.correct("sin") == "sin"
    assert spell.correct("raisin") == "raisin"  # rarer, but a word WordNet knows


def test_a_common_word_joined_to_an_ending_that_makes_new_words_is_taken_as_meant() -> None:
    speller = Speller()
    assert speller.correct("callout") == "callout"  # call + out, not "callous"
    assert speller.correct("statelets") == "statelets"  # state + lets, not "stateless"
    assert speller.correct("peacefull") == "peaceful"  # "full" is no such ending: a letter doubled


def test_a_typo_starting_pn_is_read_with_its_p_sounded() -> None:
    assert Speller().correct("pnl") == "panel"  # Metaphone's silent p of "pneumonia" made it "nl"


def test_a_letter_not_heard_left_out_is_a_likelier_slip_than_a_letter_added() -> None:
    # "since" is commoner, but "sience" is "science" without the c nobody hears
    assert Speller().correct("sience") == "science"
    assert Speller().correct("wich") == "which"


@pytest.mark.parametrize(("typed", "meant"), [("hte", "the"), ("hwat", "what"), ("ohw", "how")])
def test_a_short_word_with_its_first_two_letters_swapped_is_the_word(typed: str, meant: str) -> None:
    assert Speller().correct(typed) == meant


def test_a_story_word_with_its_first_two_letters_swapped_is_the_story_word() -> None:
    assert speller("bakery").correct("abkery") == "bakery"


def test_a_vowel_left_out_is_not_taken_as_a_letter_not_heard() -> None:
    assert typing_cost("science", "sience") < typing_cost("science", "scince")


def test_an_ending_written_alone_is_a_typo_though_the_english_list_holds_it() -> None:
    assert Speller().correct("ment") == "meant"  # the list holds "ment" from "govern- ment"


def test_an_unknown_word_two_edits_from_an_english_word_of_another_sound_is_kept() -> None:
    """Two slips in one word are rarer than a name or a foreign word the list doesn't hold."""
    assert Speller().correct("valorant") == "valorant"  # not "valiant"
    assert Speller().correct("internatinal") == "international"  # one slip: still corrected


@pytest.mark.parametrize(("stretched", "meant"), [("sooo", "so"), ("whyyy", "why"), ("pleeease", "please"),
                                                  ("reallyyy", "really"), ("yesss", "yes"), ("sooooo", "so")])
def test_a_word_stretched_by_a_letter_typed_three_times_or_more_is_the_word(stretched: str, meant: str) -> None:
    assert Speller().correct(stretched) == meant


def test_a_stretched_story_word_is_the_story_word() -> None:
    spell = Speller()
    spell.learn(["cosmonauts"])
    assert spell.correct("cosmonauttts") == "cosmonauts"


def test_a_letter_typed_over_and_over_that_makes_no_word_stays_as_typed() -> None:
    assert Speller().correct("jjjjjjjj") == "jjjjjjjj"


def test_a_long_word_with_a_syllable_left_out_is_the_common_word() -> None:
    """Two letters side by side left out of a longer word are one slip, a syllable said fast or skipped."""
    assert Speller().correct("critized") == "criticized"


def test_a_long_word_with_a_syllable_left_out_is_the_story_word_first() -> None:
    spell = Speller()
    spell.learn(["criticised"])
    assert spell.correct("critised") == "criticised"


def test_a_syllable_dropped_is_two_letters_side_by_side_not_the_first() -> None:
    assert syllable_dropped("critized", "criticized")
    assert syllable_dropped("aab", "aabab")  # wherever in a repeated run the pair was
    assert not syllable_dropped("critized", "critiqued")  # two letters, but not side by side
    assert not syllable_dropped("ritized", "criticized")  # nor the first
    assert not syllable_dropped("critized", "criticizes")  # nor other letters changed


def test_a_saved_speller_keeps_the_corrections_it_made_and_reads_them_without_searching_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    spell = speller("cosmonauts")
    assert spell.correct("cosmonots") == "cosmonauts"
    assert spell.correct("governmnt") == "government"
    restored = Speller.from_state(spell.state())

    def must_not_search(word: str) -> str:
        raise AssertionError(f"{word!r} was searched again although the saved speller had read it")

    monkeypatch.setattr(restored, "_corrected", must_not_search)
    assert restored.correct("cosmonots") == "cosmonauts"
    assert restored.correct("governmnt") == "government"


def test_a_word_kept_as_written_is_remembered_too(monkeypatch: pytest.MonkeyPatch) -> None:
    spell = speller("match")
    assert spell.correct("march") == "march"
    monkeypatch.setattr(spell, "_corrected", lambda word: pytest.fail(f"{word!r} was read twice"))
    assert spell.correct("march") == "march"


@pytest.mark.parametrize("corrections", [[["cosmonots"]], [["cosmonots", 3]], "cosmonots", [[1, 2]]])
def test_a_saved_speller_with_malformed_corrections_is_refused(corrections: object) -> None:
    state = speller("cosmonauts").state() | {"corrections": corrections}
    with pytest.raises(ValueError, match="corrections"):
        Speller.from_state(state)


def test_a_word_of_many_stretched_runs_is_read_without_trying_every_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    # every run read as one letter or two is 2**runs spellings: 22 runs took 18 s on the engine's only thread
    from bot.core.matching.words import spelling

    tried = 0
    real = spelling.product

    def counted(*args: Any, **kwargs: Any) -> Iterator[tuple[int, ...]]:
        nonlocal tried
        for sizes in real(*args, **kwargs):
            tried += 1
            if tried > 1000:
                raise AssertionError("more than a thousand spellings tried for one word")
            yield sizes

    monkeypatch.setattr(spelling, "product", counted)
    spell = speller("bookkeeper")
    spell.correct("".join(letter * 3 for letter in "abcdefghijklmnopqrstuvwxyz"))
    assert spell.correct("whyyy") == "why"
    assert spell.correct("boooookkkeeeper") == "bookkeeper"
