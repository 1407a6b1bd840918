"""WordNet's related words: a question needn't use the story's own words, but the story's aliases win."""

from __future__ import annotations

from bot.core.knowledge import AliasGroup, Origin
from bot.core.matching.words.analysis import Analyzer
from bot.core.matching.words.normalize import stem
from bot.core.matching.words.related import related


def test_a_synonym_is_a_close_relation_and_a_broader_word_a_loose_one() -> None:
    close, loose = related(stem("reprimand"))
    assert stem("rebuke") in close
    assert stem("criticize") in loose


def test_a_word_the_knowledge_base_does_not_use_is_read_as_a_related_word_it_does() -> None:
    read = Analyzer().read("who scolded the crew", vocabulary={stem("rebuke"), stem("crew")})
    assert [(r.term, r.related) for r in read] == [("who", False), (stem("rebuke"), True), (stem("crew"), False)]
    assert read[1].share < 1  # a synonym may be meant in another sense: it counts a little less


def test_a_stem_reads_first_as_its_commonest_word() -> None:
    # "manner" and "mannerism" share a stem: the commonest sense of "manner" comes before that of "mannerism".
    close, _ = related(stem("manner"))
    assert close.index(stem("way")) < close.index(stem("idiosyncrasy"))
    close, _ = related(stem("frequently"))  # "frequently" before "frequent" as "patronise"
    assert close[0] == stem("often")


def test_a_verb_made_of_the_noun_is_read_in_its_broader_words_after_the_nouns_senses() -> None:
    # "to holiday" is "to spend" a holiday, but "holiday" is most often the noun, a "day" off: "day" comes first
    _, loose = related(stem("holiday"))
    assert loose.index("day") < loose.index("spend")
    read = Analyzer().read("was it a holiday", vocabulary={"day", "spend"})
    assert [r.term for r in read] == ["day"]


def test_a_phrasal_verb_is_looked_up_whole() -> None:
    read = Analyzer().read("nasa chewed out the crew", vocabulary={"nasa", stem("rebuke"), "crew"})
    assert [r.term for r in read] == ["nasa", stem("rebuke"), "crew"]


def test_a_people_is_read_as_its_country() -> None:
    read = Analyzer().read("did the french agree", vocabulary={stem("france"), stem("agree")})
    assert stem("france") in [r.term for r in read]


def test_the_storys_aliases_win_over_wordnet() -> None:
    analyzer = Analyzer([AliasGroup("photos", ("snaps",), Origin("aliases.yaml", 1))])
    read = analyzer.read("the snaps", vocabulary={"photo", "snap"})
    assert [r.term for r in read] == ["photo"] and not read[0].related


def test_words_the_knowledge_base_uses_are_never_replaced() -> None:
    read = Analyzer().read("the party", vocabulary={"parti", stem("celebrate")})
    assert [r.term for r in read] == ["parti"]


def test_a_verb_and_its_particle_are_read_as_the_phrasal_verb_even_when_the_verb_alone_is_known() -> None:
    # "kick" is the knowledge base's word ("what kicked this off"), but "kick off" says "start".
    vocabulary = {"when", "war", "kick", "start"}
    assert [r.term for r in Analyzer().read("when did the war kick off", vocabulary)] == ["when", "war", "start"]
    # Not for an everyday verb, whose phrasal senses are too many ("put out" a statement is no "trouble").
    read = Analyzer().read("did nasa put out a statement", {"nasa", "put", "statement", stem("trouble")})
    assert [r.term for r in read] == ["nasa", "put", "statement"]
    # A phrase read as its own verb ("spelled out" -> "spell") keeps the verb as typed.
    assert [(r.term, r.related) for r in Analyzer().read("spelled out", {"spell"})] == [("spell", False)]


def test_a_verb_and_a_particle_wordnet_has_no_phrase_for_are_read_as_the_verb_itself() -> None:
    # "clap back" (retort) is no phrase WordNet knows, and says nothing "clap" says alone ("applaud"): the verb
    # is read as typed, an unknown word, not as one of its own related words, and the particle stays itself.
    vocabulary = {"crew", stem("applaud"), "back"}
    assert [r.term for r in Analyzer().read("did the crew clap", vocabulary)] == ["crew", stem("applaud")]
    read = Analyzer().read("did the crew clap back", vocabulary)
    assert [(r.term, r.related) for r in read] == [("crew", False), ("clap", False), ("back", False)]
    # A phrasal verb WordNet knows is still read whole ("chewed out" -> "rebuke").
    assert Analyzer().read("they chewed out the crew", {stem("rebuke"), "crew"})[0].term == stem("rebuke")


def test_a_related_word_that_is_a_single_word_alias_counts_only_in_the_storys_sense() -> None:
    analyzer = Analyzer([AliasGroup("criticise", ("trash", "mad"), Origin("aliases.yaml", 1)),
                         AliasGroup("us", ("united states",), Origin("aliases.yaml", 2))])
    vocabulary = {stem("criticise"), "us", stem("agree")}
    # "trash" is the story's word for "criticise"; "junk" is WordNet's "trash" as rubbish, and "crazy" its "mad".
    assert [r.term for r in analyzer.read("what junk", vocabulary)] == ["junk"]
    assert stem("criticise") not in [r.term for r in analyzer.read("that is crazy", vocabulary)]
    assert [r.term for r in analyzer.read("they trash it", vocabulary)] == [stem("criticise")]  # typed: the alias
    # A phrase alias is a name, whatever the story: Florida is part of the United States.
    read = analyzer.read("did florida agree", vocabulary)
    assert [(r.term, r.related) for r in read] == [("us", True), (stem("agree"), False)]
