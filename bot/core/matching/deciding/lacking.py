"""Near-misses: the checks that an entry holds the detail a question asks for."""

from __future__ import annotations

import re

from bot.core.knowledge import Entry
from bot.core.matching.deciding.entry_reading import EntryReading
from bot.core.matching.question.answer_types import (
    asked_meaning,
    asked_name,
    asked_order,
    asked_specification,
    asked_types,
    asked_what_is,
    asked_which,
    asked_who_is,
    asks_as_what,
    asks_which_person,
    counted_thing,
    names_beside,
    only_counts,
    only_pointed_at,
    said_only_as_quoted,
    says_any,
    says_as_what,
    says_exclusively,
    says_it_names_none,
    specifies,
    where_thing,
    who_object,
    yes_no_after,
    yes_no_subject,
)
from bot.core.matching.question.clauses import alternatives
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
from bot.core.matching.wording import name_kind
from bot.core.matching.words.analysis import Read
from bot.core.matching.words.lexicon import INTENT_WORDS
from bot.core.matching.words.normalize import clean, spelled, stem, words

# Kinds of answer checked again on the whole question: words in another language, which an English report's text
# can't hold however well the rest matches; what a name means or comes from, which a text saying what the named
# thing is doesn't say; what has come of something so far, which a text saying what it is for doesn't; whether a thing
# is still so now, which a text of what was so then doesn't. Not dates or counts: "since when" is answered by "since
# the war began".
_STATED_KINDS = frozenset({"language", "origin", "tally", "present"})
# "what does the article say", "would you tell me": the text itself, or the bot, asked to say it, not a speaker in it.
THE_TEXT = frozenset({"article", "story", "text", "report", "piece", "passage", "paragraph", "line", "sentence",
                       "news", "writer", "author", "you", "u", "it"})
_HEADLINE = frozenset({"headline", "headlines", "title", "caption", "claim", "rumour", "rumor", "legit", "fake"})
_NAMING_THE_TEXT = THE_TEXT | _HEADLINE
# "what were the other ...", "did any other (space) agencies ...", "were there other ...": the things a question asks
# about besides those it names (a word before them not ending in "s" says which kind).
_OTHER_THING = re.compile(r"\b(?:(?:what|which)\s+(?:were|are|was|is)?\s*(?:the\s+)?|any\s+|"
                          r"(?:were|are|was|is)\s+there\s+(?:any\s+)?)other\s+(?:[a-z]*[a-rt-z]\s+)?([a-z]+s)\b")
_NAME_RUN = re.compile(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,3}")  # capitalised words in a row: a name, as written


class Lacking(EntryReading):
    """Whether an entry lacks the detail a question asks for: a person, a name, a year, a count, a kind, what
    someone will do ... Each check reads the question and the entry's text; a near-miss is an entry that
    matches the question's words and lacks what it asks."""

    def _lacks_specification(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks which kind of a thing it is ("what kind of bread do they bake?", "which town did they
        pick, exactly?") and the text names the thing with nothing that sets it apart ("they bake bread every day"):
        it says that there is one, not which."""
        found = asked_specification(asked, self.analyzer.correct)
        return found is not None and not specifies(text, *found)

    def _lacks_person(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks which person did something ("which reporter wrote the story?", "wich official said
        that") and the text names no person: neither a person the story quotes ("Ann Lee") nor a name WordNet knows
        as a person's. "The council said so" says which body, not who."""
        if not asks_which_person(asked, self.analyzer.correct):
            return False
        if any(name_kind(name) == "person" for part in entry.says for name in _NAME_RUN.findall(part)):
            return False
        return not self._persons_quoted() & {term for part in entry.says for term in self._terms(part)}

    def _lacks_members(self, asked: str, entry: Entry, text: str) -> bool:
        """The question counts the things it asks about and asks which they are ("which 15 countries take part?",
        "who are the 3 bakers?") and the text gives them only as a count ("the 15 participating countries"): that
        says back the question's number, not which ones."""
        thing = counted_thing(asked, self.analyzer.correct)
        return thing is not None and only_counts(text, thing)

    def _lacks_name(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks the name of a thing ("what is the name of the mayor's deputy?") and the text speaks of
        the thing with no name beside it ("she and her deputy agreed"): that says there is one, not what it is
        called."""
        found = asked_name(asked, self.analyzer.correct)
        return found is not None and (not names_beside(text, *found) or says_it_names_none(entry.answer))

    def _lacks_more_than_pointing(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks which of a thing ("... - which situations?") and the text speaks of it only by pointing
        ("we have been in these kinds of situations before")."""
        thing = asked_which(asked, self.analyzer.correct)
        return thing is not None and only_pointed_at(text, thing)

    def _lacks_kind(self, asked: str, entry: Entry, text: str) -> bool:
        """The whole question asks a kind of answer the entry's text can't hold, though the part of it that was
        ranked didn't ask it ("what does the name mean, or what's it short for in french?": words in another
        language)."""
        wanted = asked_types(asked, self.analyzer.correct) & _STATED_KINDS
        return bool(wanted) and not self._holds(entry, wanted)

    def _lacks_who(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks who someone is by what they are ("who was the european astronaut on board?") and the
        text speaks of them only as a count, with no name beside ("one European astronaut and four Americans"): it
        says how many there are, not who. A text that speaks of them otherwise may say who ("Ann Lee is the town's
        deputy mayor"), and one that never does may name them in other words. Nor when the question offers what they
        may be ("who is the apprentice there, a baker or a cook?") and the text says one of the two: it asks which of
        them, and that the text says."""
        thing = asked_who_is(asked, self.analyzer.correct)
        if thing is None or not only_counts(text, thing) or names_beside(text, thing, asked):
            return False
        said = set(self.analyzer.terms(text))
        offered = [set(self.analyzer.terms(kept)) for _, kept in alternatives(asked)]
        return not any(terms and terms <= said for terms in offered)

    def _lacks_order(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks where someone stands in an order ("who took over her job after her?", "was she the first
        woman to have that job?") and the text speaks of no order ("she is the town's mayor"), or it asks what came
        before or after a deed ("what did she do before working at the bakery?") and the text never speaks of the
        deed: it says what is, not what came before or next."""
        wanted = asked_order(asked, self.analyzer.correct)
        return wanted is not None and not says_any(text, wanted)

    def _lacks_subject(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks yes or no about a thing it names ("did the school take part in the fair?", "did the
        radio call it a triumph?") and neither the entry's answer and quotes nor the lines it cites name it: the entry
        says who took part, or who called it so, and that is someone else. Its questions don't count: one may name the
        thing ("how many schools are there and who takes part?") while its text speaks only of the rest. Unless the
        text says the fact holds for its own subjects alone ("only the bakery won a prize"): then it answers for any
        other thing too, with a no."""
        if says_exclusively(text):
            return False
        thing = yes_no_subject(asked, self.analyzer.correct)
        if thing is not None and not without_the_text(thing).strip():
            return False  # "is this headline legit?": the text or a claim is what is checked, not a thing it names
        return self._never_names(entry, thing)

    def _never_names(self, entry: Entry, thing: str | None) -> bool:
        """Whether the thing a question names ("the school take part": the school, its first word) is informative and
        neither the entry's answer and quotes nor the lines it cites name it."""
        read = self.analyzer.read(thing, self._term_id) if thing else []
        if not read or not thing or not thing.startswith(read[0].word.split()[0]):
            return False
        named = read[0]
        if named.term in INTENT_WORDS or self.weight(named.term, named.word) * named.share < self.tuning.informative:
            return False
        return not self._text_or_lines_name(entry, named.term)

    def _lacks_event(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks yes or no whether something happened after an event ("did they cancel the fair after
        the fire?") and neither the entry's answer and quotes nor the lines it cites name the event: the entry says
        what was so, not that it still was after that."""
        event = yes_no_after(asked, self.analyzer.correct)
        read = self.analyzer.read(event, self._term_id) if event else []
        return bool(read) and not any(self._text_or_lines_name(entry, r.term) for r in read)

    def _lacks_others(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks about other things of a kind than the one reported ("what were the other occasions it
        did this?") and neither the entry's answer and quotes nor the lines it cites name that kind of thing: the
        entry says what this one was, not which others there were."""
        read = self._others_asked(asked)
        return bool(read) and not any(self._text_or_lines_name(entry, r.term) for r in read)

    def _asks_others_unnamed(self, asked: str, texts: list[str]) -> bool:
        """Whether the question asks which other things of a kind there were ("what were the other occasions ...?",
        "which other towns ...?") and none of the texts names that kind of thing."""
        read = self._others_asked(asked)
        if not read:
            return False  # most questions: the texts' terms are never needed
        said = {term for part in texts for term in self._terms(part)}
        return not any(r.term in said for r in read)

    def _others_asked(self, asked: str) -> list[Read]:
        """The kind of thing a question asks the other ones of ("what were the other occasions": occasions), read."""
        found = _OTHER_THING.search(asked.lower())
        return self.analyzer.read(found.group(1), self._term_id) if found else []

    def _lacks_meaning(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks which one of a thing someone meant by words it quotes ("what technology did they mean by
        'develop technology'?") and the entry's answer and quotes name the thing only within those words: they say
        the words back, not what was meant."""
        found = asked_meaning(asked)
        return found is not None and said_only_as_quoted(text, *found)

    def _lacks_object(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks who does something to a thing it names ("who runs the bakery these days?") and neither
        the entry's answer and quotes nor the lines it cites name the thing: the entry says who does it to something
        else. Its questions don't count: one may name the thing to deny it ("does the bakery run the fair?")."""
        return self._never_names(entry, who_object(asked, self.analyzer.correct))

    def _lacks_definition(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks only what a name is ("what is the Guild?") and the entry neither is asked so of it nor
        says what it is ("the Guild is ...", "the Guild and the Club are ..."): it says something else of it (what
        the Guild did). Names only: "what was the statement" asks what it said."""
        thing = asked_what_is(asked, self.analyzer.correct)
        read = self.analyzer.read(thing, self._term_id) if thing else []
        if not thing or not read or read[0].term in INTENT_WORDS or self._light(read[0].term):
            return False
        if not self._a_name(thing):
            return False
        term = read[0].term
        if any(self._defines(question, term) for question in entry.questions):
            return False
        said = spelled(entry.answer, self.analyzer.correct)
        return not any(self._terms(word) == {term} and _IS & set(said[at + 1:at + 1 + _SUBJECT_REACH])
                       for at, word in enumerate(said))

    def _a_name(self, word: str) -> bool:
        """Whether the article writes the word with a capital, as a name."""
        found = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        return any(match.group(0)[0].isupper() for line in self.kb.article.lines for match in found.finditer(line))

    def _defines(self, question: str, term: str) -> bool:
        asked = asked_what_is(question, self.analyzer.correct)
        return asked is not None and term in self._terms(asked)

    def _lacks_place_of(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks where a thing it names is ("where is the mill located?") and nothing of the entry names
        it, its questions included: the entry says where something else is."""
        thing = where_thing(asked, self.analyzer.correct)
        if not self._never_names(entry, thing):
            return False
        named = self.analyzer.read(thing or "", self._term_id)[0]
        return not self._uses(self._number(entry.id), named.term)

    def _lacks_role(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks what someone or something acts as ("they work as what?") and the entry's answer and quotes
        never say it ("they always worked very professionally"): they say how, not as what."""
        return asks_as_what(asked) and not says_as_what(text)

    def _lacks_future(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks what is to come ("how long will the fair go on?", "will they close the shop?") and the
        entry's answer and quotes never speak of it ("will", "plans", "pledged to continue"): they say what was or is,
        not what will be. The ranking only weighs this; a fact can still come first on the rest of the words."""
        return asks_what_will_be(asked, self.analyzer.correct) and not self._holds(entry, frozenset({"future"}))

    def _lacks_year(self, asked: str, entry: Entry, text: str) -> bool:
        """The question names a year the story never speaks of ("is the bakery closing in 2030 like I heard?") and the
        entry's answer and quotes give no year ("the baker pledged to keep the shop open"): whatever they say, they
        don't say it of that year. A year the story speaks of ("who runs it in 1998?" of a report from 1998) asks
        about the story's own time, which any of its facts speaks of."""
        asked_years = years_named(asked)
        return bool(asked_years - self._story_years()) and not self._holds(entry, frozenset({"year"}))

    def _lacks_counted(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks how many there are of a thing ("how many customers does the bakery have?") that neither the
        entry's questions, answer and quotes nor the lines it cites speak of ("the bakery employs 12 people"): its
        number counts something else. An everyday word ("how many people", "how many times") names no thing of its
        own, and a word read as a related one the entry uses is that word."""
        number = self._number(entry.id)
        for word in counted_words(asked, self.analyzer.correct):
            read = self.analyzer.read(word, self._term_id)
            if not read or read[0].term in INTENT_WORDS or self._light(read[0].term):
                continue
            if self.weight(read[0].term, read[0].word) * read[0].share < self.tuning.informative:
                continue
            if not self._uses(number, read[0].term) and not self._text_or_lines_name(entry, read[0].term):
                return True
        return False

    def _lacks_pairing(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks how things pair up ("which baker made which loaf?", "who works in which shop?") and the
        entry's answer and quotes name none of the first one by one: no person the story quotes for "who" ("the staff
        bake bread"), no name beside the thing otherwise ("the bakers made loaves"). They say what there was, not who
        or which had which."""
        thing = asked_pairing(asked, self.analyzer.correct)
        if thing is None:
            return False
        if thing != "who":
            return not names_beside(text, thing, asked)
        # A person by name is one the story quotes ("Ann Lee"): a word WordNet knows as a person may say what people
        # are ("two Russians"), not who.
        return not self._persons_quoted() & {term for part in entry.says for term in self._terms(part)}

    def _lacks_alternatives(self, asked: str, entry: Entry, text: str) -> bool:
        """The question offers two answers to choose between ("did she say it at a briefing or on the radio?") and
        nothing in the entry, neither its questions, answer and quotes nor the lines it cites, speaks of either (of
        all the words of one: "open in a barn" is not spoken of by "opened in 1998"): it may say when she said it, not
        which of the two. An entry that speaks of one answers, with it or against it; an alternative of everyday words
        alone can't be told apart."""
        offered = {kept for _, kept in alternatives(asked)}
        if not offered or not offers_answers(asked):
            return False
        number = self._number(entry.id)
        for kept in offered:
            read = [r for r in self.analyzer.read(kept, self._term_id) if not self._light(r.term)]
            if not read or all(self._uses(number, r.term) or self._text_or_lines_name(entry, r.term) for r in read):
                return False
        return True

    def _lacks_rate(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks how many there are in each period of time ("how many loaves do they bake each day?") and
        the entry's answer and quotes give no count in a period ("the bakery employs 12 people"): their number counts
        something once, not how often."""
        return asks_a_rate(asked, self.analyzer.correct) and not gives_a_rate(text)

    def _lacks_deed_after(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks yes or no whether a deed said with a phrasal verb followed an event ("did they take the
        photos down after the complaint?") and neither the entry's answer and quotes nor the lines it cites say its
        particle ("down"): they may name the photos and the complaint, and say what came before it, not that the deed
        followed. A text saying a thing goes on ("they pledged to continue") answers whether it was given up."""
        particles = particles_of_a_deed_after(asked, self.analyzer.correct)
        if not particles or says_it_goes_on(text):
            return False  # "did they pull out after the war began?" against "they pledged to continue": a no
        lines = [self.kb.article.line(citation.line) for citation in entry.cite]
        said = {word for part in (text, *lines) for word in words(part)}
        return any(particle not in said for particle in particles)

    def _story_years(self) -> frozenset[str]:
        """The years the article's lines and the entries' answers name in digits."""
        if self._years is None:
            self._years = frozenset().union(*(years_named(text) for text in (
                *self.kb.article.lines, *(entry.answer for entry in self.entries))))
        return self._years

    def _text_or_lines_name(self, entry: Entry, term: str) -> bool:
        """Whether the entry's answer or quotes, or an article line it cites, use the term."""
        return term in self._text_terms(entry) or any(term in self._line_terms(c.line) for c in entry.cite)

    def _line_terms(self, line: int) -> frozenset[str]:
        """The terms of an article line, as the index reads a text, and its words as written: a word an alias folds
        into a longer name is still said ("the space agency" names an agency). Kept per line."""
        if line not in self._lines_read:
            text = self.kb.article.line(line)
            self._lines_read[line] = frozenset(self.analyzer.terms(text)) | {stem(word) for word in clean(text).split()}
        return self._lines_read[line]


_IS = frozenset({"is", "are", "was", "were"})
_SUBJECT_REACH = 6  # the words a subject may run on before its verb ("the Guild and the Town Club are ...")


def without_the_text(question: str) -> str:
    """The question without the words that name the text itself or a claim, or judge it ("is this headline legit":
    "is this"): they point at what is checked, and name nothing of it."""
    return " ".join(word for word in question.split() if clean(word) not in _NAMING_THE_TEXT)
