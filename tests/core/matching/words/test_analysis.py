"""The analyzer: from a question's words to the terms the matcher weighs."""

from __future__ import annotations

from bot.core.knowledge import FACT, GAP, AliasGroup, Entry, Origin
from bot.core.matching.words.analysis import (
    STOPWORD_FORMS_FILE,
    Analyzer,
    Read,
    described_in,
    described_names,
    is_stopword,
    stopword_forms_in,
)
from bot.core.matching.words.related import related_table
from tests.conftest import ROOT


def _aliases(*groups: tuple[str, tuple[str, ...]]) -> list[AliasGroup]:
    return [AliasGroup(term, same_as, Origin("aliases.yaml", line)) for line, (term, same_as) in enumerate(groups, 1)]


def test_a_longer_alias_starting_inside_a_shorter_one_wins() -> None:
    # "the state" (read as "the States") starts first, but "state rail company" is the longer phrase.
    analyzer = Analyzer(_aliases(("us", ("the states",)), ("railways", ("state rail company",))))
    assert analyzer.terms("who owns the state rail company") == ["who", "own", "railway"]
    assert analyzer.terms("who owns the state rail company", correct_typos=True) == ["who", "own", "railway"]
    read = analyzer.read("who owns the state rail company", vocabulary={"own", "railway", "us"})
    assert [r.term for r in read] == ["who", "own", "railway"]
    assert analyzer.terms("what did the states say") == ["us", "say"]  # alone, the shorter alias still counts


def test_an_alias_that_is_an_everyday_word_is_the_name_only_in_capitals_or_after_the() -> None:
    analyzer = Analyzer(_aliases(("us", ("united states", "us space agency"))))
    assert analyzer.terms("what did the US say") == ["us", "say"]
    assert analyzer.terms("what did the us say") == ["us", "say"]
    assert analyzer.terms("can you give us the answer") == ["give", "answer"]  # the pronoun: a stopword
    assert [r.term for r in analyzer.read("please give us the answer", vocabulary={"us", "answer"})] == \
        ["give", "answer"]
    # A longer phrase it starts is the name however it is written.
    assert analyzer.terms("us space agency") == analyzer.terms("US space agency") == ["us"]


def test_an_irregular_form_of_a_stopword_is_a_stopword_too() -> None:
    # "gotten" is WordNet's inflection of "get", which carries no meaning: it must not weigh as an unknown word.
    assert is_stopword("gotten") and is_stopword("the")
    analyzer = Analyzer()
    assert analyzer.terms("have ties gotten worse") == ["tie", "wors"]
    assert [r.term for r in analyzer.read("have ties gotten worse", vocabulary={"tie"})] == ["tie", "wors"]
    # A word with senses of its own stays, whatever it is related to; so does a name in capitals.
    assert not is_stopword("forgotten") and not is_stopword("given") and not is_stopword("US")
    assert not is_stopword("meant")  # an everyday word, which counts a little
    assert not is_stopword("kindlier")  # "kindly" is a stopword, but not its stem "kind"


def test_the_shipped_stopword_forms_are_those_the_wordnet_table_gives_for_todays_stopwords() -> None:
    # Read from a small file so that no question loads WordNet's table (0.2 s) to weigh a word.
    shipped = (ROOT / "bot" / "core" / STOPWORD_FORMS_FILE).read_text(encoding="ascii").split()
    assert shipped == stopword_forms_in(related_table()), \
        "stopwords or WordNet's table changed: run python bot/core/data/build_wordnet.py --stopword-forms"


def test_weighing_a_question_word_does_not_load_the_wordnet_table() -> None:
    related_table.cache_clear()
    is_stopword.cache_clear()
    assert not is_stopword("reprimanded") and is_stopword("gotten")
    assert related_table.cache_info().currsize == 0


def test_the_analyzer_state_keeps_which_aliases_are_everyday_words() -> None:
    analyzer = Analyzer(_aliases(("us", ("united states",))))
    restored = Analyzer.from_state(analyzer.state())
    question = "can they give us what the US said"
    assert restored.terms(question) == analyzer.terms(question) == ["give", "us", "said"]


def test_non_binds_to_the_word_after_it() -> None:
    analyzer = Analyzer()
    # Written apart, hyphenated or as one word, "non native" is one word: not "native" with "non" dropped.
    assert analyzer.terms("a non native speaker") == analyzer.terms("a non-native speaker") == \
        analyzer.terms("a nonnative speaker") == ["nonnat", "speaker"]
    assert analyzer.terms("is it non-stop") == ["nonstop"]
    assert analyzer.terms("non") == []  # alone it is still a stopword


def test_a_non_compound_the_knowledge_base_does_not_use_is_read_as_the_word_it_negates() -> None:
    analyzer = Analyzer()
    read = analyzer.read("which non-toxic paint", vocabulary={"toxic", "paint"})
    assert [(r.term, r.word) for r in read] == [("toxic", "toxic"), ("paint", "paint")]
    read = analyzer.read("which non-toxic paint", vocabulary={"nontox", "toxic", "paint"})
    assert [r.term for r in read] == ["nontox", "paint"]


def test_an_alias_beginning_with_non_is_still_the_alias() -> None:
    analyzer = Analyzer(_aliases(("peaceful", ("non military",))))
    assert analyzer.terms("was it non-military") == ["peac"]


def _entry(entry_id: str, questions: tuple[str, ...], kind: str = FACT) -> Entry:
    return Entry(id=entry_id, kind=kind, questions=questions, answer="", cite=(), topic="",
                 origin=Origin("facts.yaml", 1))


def _light(term: str) -> bool:
    return term in {"articl", "person"}


ARTICLE = ["The mayor, Ana Ortiz, opened the new bridge on Monday.", "Ortiz said the bridge took three years."]


def test_a_description_the_knowledge_base_answers_with_a_name_is_that_name() -> None:
    analyzer = Analyzer()
    who = _entry("mayor-who", ("who is ortiz", "who is the city official in the article", "who is the town head",
                               "who is the person"))
    described = described_names([who], ARTICLE, analyzer, _light)
    # "the person" weighs too little to describe anyone; "the" or "a" makes a question ask by a description
    assert described == [(("citi", "offici"), "ortiz"), (("town", "head"), "ortiz")]
    read = analyzer.read("what did the city official say about the bridge", vocabulary={"citi", "offici", "ortiz"})
    assert described_in(read, described) == [Read("ortiz", "city official")]
    # the two words apart, or the name said too: nothing to add
    apart = analyzer.read("what did the city say about the official", vocabulary={"citi", "offici"})
    assert described_in(apart, described) == []
    named = analyzer.read("what did the city official ortiz say", vocabulary={"citi", "offici", "ortiz"})
    assert described_in(named, described) == []


def test_only_a_name_the_article_writes_with_a_capital_and_only_one_per_fact() -> None:
    analyzer = Analyzer()
    lower = _entry("bridge-who", ("who is monday", "who is the bridge builder"))  # "Monday" is capitalised...
    assert described_names([lower], ["the bridge opened on monday."], analyzer, _light) == []  # ...not here
    two = _entry("two-who", ("who is ortiz", "who is ana", "who is the city official"))
    assert described_names([two], ARTICLE, analyzer, _light) == []  # two names: no telling whom it means
    gap = _entry("gap-who", ("who is ortiz", "who is the city official"), kind=GAP)
    assert described_names([gap], ARTICLE, analyzer, _light) == []  # a gap names nobody


def test_a_thing_named_in_a_text_is_read_as_mentioned_there_not_as_a_name_asked_for() -> None:
    """'which war is named in the quote' asks what the quote mentions; 'what is the war named' asks its name, and so
    does 'what was the ship named in 1998' (a time follows, not a text)."""
    analyzer = Analyzer()
    assert analyzer.terms("which war is named in the quote") == analyzer.terms("which war is mentioned in the quote")
    assert [r.term for r in analyzer.read("which war is named in the quote", vocabulary={"war", "name"})] == \
        [r.term for r in analyzer.read("which war is mentioned in the quote", vocabulary={"war", "name"})]
    assert sorted(analyzer.terms("what is the war named")) == sorted(analyzer.terms("what is the name of the war"))
    assert "name" in analyzer.terms("what was the ship named in 1998")
    assert "name" in analyzer.terms("what was the ship named in the 1990s")


def test_a_plural_the_stemmer_keeps_whole_is_read_by_the_singular_wordnet_knows() -> None:
    """"pros" stays "pros" for the stemmer, and WordNet knows it as "pro", a professional."""
    read = Analyzer().read("they acted like pros", vocabulary={"act", "profession"})
    assert [(r.term, r.related) for r in read] == [("act", False), ("profession", True)]


def test_a_word_ending_in_a_double_s_or_a_short_one_is_no_plural_kept_whole() -> None:
    assert [r.term for r in Analyzer().read("the boss was cross", vocabulary={"bo", "cro"})] == ["boss", "cross"]
    assert [r.term for r in Analyzer().read("gas prices", vocabulary={"ga"})] == ["gas", "price"]


def test_two_words_that_write_open_a_compound_the_knowledge_base_uses_closed_are_that_word() -> None:
    """English writes many compounds both ways: "head count" is the knowledge base's "headcount"."""
    read = Analyzer().read("what's the head count on board", vocabulary={"headcount", "head", "count", "board"})
    assert [(r.term, r.word) for r in read] == [("headcount", "head count"), ("board", "board")]


def test_two_words_are_read_apart_when_the_knowledge_base_has_no_compound_of_them_or_it_is_no_word() -> None:
    assert [r.term for r in Analyzer().read("the head count", vocabulary={"head", "count"})] == ["head", "count"]
    # "generalled" would stem to "general": an inflection of the first word, not a compound
    read = Analyzer().read("which general led it", vocabulary={"general", "led"})
    assert [r.term for r in read] == ["general", "led"]
