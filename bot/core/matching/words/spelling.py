"""Typo correction: towards the story's own words first, then towards common English.

A misspelt story word ("cosmonots") must meet the story's word; a misspelt ordinary word
("governmnt", "abot") must become that ordinary word, which weighs little, instead of staying an
unknown word, which weighs most and sinks the match. The English side is wordfreq's frequency
list (``data/README.md``): on equal distance the commoner word wins, as in SymSpell.

Candidates are found with rapidfuzz and the OSA distance (a swap of two letters is one edit) among
the words that share the typo's first letter (typos rarely change it, and looking only there keeps
a lookup well under a millisecond), and among the words that sound the same by Metaphone
(jellyfish): people spell by ear, so "fotos" is "photos" two edits and a first letter away, and a
sound-alike breaks a tie ("wich" is "which", not the commoner "with"; "mny" is "many", not "my").
A word in the English list is taken as meant, unless it is rare and one edit from a far commoner
word: the list, read from the web, holds common typos too ("wich", "wen"). A rare word that chat's
spelling by ear makes of a common one ("foto", "nite") is that word, and one that starts a single far
longer story word, with no word a slip away, is that word clipped ("collab").
Among candidates as many edits off, the one fingers would most easily have mistyped wins, weighed with its
frequency: a key beside the meant one, a doubled letter, two letters swapped ("fevet" is "fever", not
the commoner "feet" with a stray letter). A word of five letters or more may have a slip on its first
letter, and chat leaves vowels out ("prsdnt"). A longer word may have lost two letters side by side, a syllable
said fast or skipped ("critized", "probly"). ``python -m benchmarks.spelling`` scores all this on typos.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from importlib import resources
from itertools import islice, product
from typing import Any, TypeVar

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from bot.core.matching.words.lexicon import english_rank, english_ranks
from bot.core.matching.words.normalize import stem

MIN_STORY_TYPO = 5    # shorter words are too easily another word
MIN_ENGLISH_TYPO = 3  # "sai" for "said"; two letters are anything
LONG_BY_EAR = 7       # from this length, a word that sounds the same may be one more edit off
_CACHE_LIMIT = 20_000
RARE_RANK = 10_000    # English words rarer than this may be typos of a far commoner word
COMMONER_BY = 100     # ... one edit away and this many times commoner in wordfreq's ranking
SOUNDS_LIKE = 0.5     # a candidate that sounds the same (Metaphone) counts as this many edits closer
STORY_WORD = 0.5      # a word of the story counts as this many edits closer: it is what people ask about
NEAREST = 8           # candidates weighed per list
MAX_STRETCHES = 5     # a stretched word's runs read every way ("bookkeeper" has three doubled letters)
FREQUENCY = 0.2       # each factor of e in a word's frequency rank counts as this many edits
NEAR_KEY = 0.6        # striking a key beside the meant one, or a letter twice, costs this many edits
SWAP = 0.6            # two letters swapped costs this many edits
DROPPED = 0.8         # a letter left out
FIRST_LETTER = 0.5    # a candidate with another first letter (and another sound) counts as this many edits further
MIN_SKELETON = 3      # a typo this long may be its word with the vowels left out
G_DROPPED_MIN = 4      # "doin"; "kin", "sin" and "win" are words of their own
G_DROPPED_RANK = 5_000  # a word commoner than this is meant as written ("thin", not "thing")
MIN_FIRST_TYPO = 5    # a first letter is taken as mistyped only in a word this long
MIN_SYLLABLE_DROPPED = 7  # a typo this long may be its word with two letters side by side left out ("critized")
# Spellings by ear that chat uses, and the spelling they stand for: a rare or unlisted word so respelled into
# a common one is that word ("foto", "fone", "nite", "tonite").
BY_EAR = (("f", "ph"), ("ite", "ight"))
MIN_RESPELLED = 4  # "fil" is anything
MIN_CLIPPED = 5    # a rare word this long may be the start of a longer story word ...
CLIPPED_BY = 3     # ... at least this many letters longer
CLIPPED_VARIANT = 2  # the story words it starts are one word when their stems are at most this many edits apart
# Endings that make a new word of any word, written joined: "callout", "statelets", "starlike"; a common word
# so ended is meant as written, not a typo of a word one letter off ("callous", "stateless").
COMPOUND_ENDINGS = ("out", "outs", "let", "lets", "like")
MIN_COMPOUND_STEM = 3
# Endings that no one writes as a word, but that the English list, read from the web, holds as one (from words
# broken at a line's end or a hyphen, "govern- ment"): written alone, each is a typo ("ment" for "meant").
FRAGMENTS = frozenset(("ment", "ness", "tion", "sion", "ful", "ity", "ance", "ence"))
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_STRETCHED = re.compile(r"([a-z])\1{2,}")  # a letter typed three times or more: no English word has one
Key = TypeVar("Key", str, tuple[str, int])
_OSA: Any = OSA.distance  # rapidfuzz's stubs for extract() expect a similarity scorer; a distance works the same


def story_distance(word: str) -> int:
    """How many edits a word may be off and still be read as one of the story's words."""
    if len(word) < MIN_STORY_TYPO:
        return 0
    return 1 if len(word) < 9 else 2


def english_distance(word: str) -> int:
    if len(word) < MIN_ENGLISH_TYPO:
        return 0
    return 1 if len(word) < 8 else 2


def sound_leeway(word: str) -> int:
    """How many more edits a word that sounds the same may be off: spelling by ear moves several
    letters of a longer word at once ("stashun" for "station" is three edits, the same sound)."""
    return 2 if len(word) >= LONG_BY_EAR else 1


def _keyboard() -> dict[str, frozenset[str]]:
    """Each letter's neighbours on a QWERTY keyboard: beside it, and the keys it touches in the rows above
    and below (the rows are staggered: the row above reaches one key right, the row below one key left)."""
    where = {key: (row, column) for row, keys in enumerate(KEYBOARD_ROWS) for column, key in enumerate(keys)}
    near: dict[str, frozenset[str]] = {}
    for key, (row, column) in where.items():
        near[key] = frozenset(
            other for other, (row2, column2) in where.items() if other != key and (
                (row2 == row and abs(column2 - column) == 1)
                or (row2 == row - 1 and column2 - column in (0, 1))
                or (row2 == row + 1 and column2 - column in (-1, 0))))
    return near


NEAR = _keyboard()


def typing_cost(meant: str, typed: str) -> float:
    """The edits that make ``typed`` of ``meant``, each weighed by how easily fingers make it: a key beside
    the meant one, a letter struck twice or two letters swapped cost less than any other letter
    (the noisy-channel weighting of Norvig's and Brill and Moore's spellers, reduced to its main kinds)."""
    cost = 0.0
    for op in Levenshtein.editops(meant, typed):
        kind, i, j = op.tag, op.src_pos, op.dest_pos
        if kind == "replace":
            cost += NEAR_KEY if typed[j] in NEAR.get(meant[i], ()) else 1.0
        elif kind == "insert":
            beside = typed[j - 1:j] + typed[j + 1:j + 2]
            cost += NEAR_KEY if any(ch == typed[j] or ch in NEAR.get(typed[j], ()) for ch in beside) else 1.0
        else:
            doubled = meant[i - 1:i] == meant[i] or meant[i + 1:i + 2] == meant[i]
            cost += NEAR_KEY if doubled or _silent(meant, i) else DROPPED
    swaps = Levenshtein.distance(meant, typed) - OSA.distance(meant, typed)
    return max(cost - swaps * (2.0 - SWAP), SWAP * swaps)


def _silent(word: str, at: int) -> bool:
    """Whether the consonant at ``at`` is not heard: the word sounds the same without it. Spelling by ear
    leaves such a letter out more easily than one that is said ("sience", "wich"). Not a vowel: Metaphone
    codes none but a first, so every vowel would seem silent."""
    return word[at] not in "aeiouy" and sound(word[:at] + word[at + 1:]) == sound(word)


def _grouped(words: Iterable[str], key: Callable[[str], Key]) -> dict[Key, list[str]]:
    """Words by ``key``, each group in the words' own order."""
    grouped: dict[Key, list[str]] = defaultdict(list)
    for word in words:
        grouped[key(word)].append(word)
    return grouped


@cache
def _english_by_initial() -> dict[str, tuple[str, ...]]:
    """English words by first letter, commonest first: on a tie in edits the commoner word wins."""
    alphabetic = (word for word in english_ranks() if word.isalpha())
    return {initial: tuple(words) for initial, words in _grouped(alphabetic, lambda word: word[0]).items()}


@cache
def _english_by_second() -> dict[str, tuple[str, ...]]:
    """English words by second letter, commonest first: the typo of one whose first letter was dropped
    starts with it ("isabled")."""
    alphabetic = (word for word in english_ranks() if word.isalpha() and len(word) > 1)
    return {second: tuple(words) for second, words in _grouped(alphabetic, lambda word: word[1]).items()}


def other_initials(word: str) -> list[str]:
    """The first letters a word's typo may have been meant with: the second letter (the first two swapped)
    and the keys beside the first."""
    return sorted(({word[1]} | NEAR.get(word[0], frozenset())) - {word[0]})


@cache
def wordnet_words() -> frozenset[str]:
    """The rarer real words: WordNet's lemmas but for the English list's commonest (``data/README.md``)."""
    data = resources.files("bot.core").joinpath("data/wordnet-words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("ascii").split())


_NO_VOWELS = str.maketrans("", "", "aeiou")


def skeleton(word: str) -> str:
    """The word without the vowels after its first letter: how chat writes it ("gvrnmnt")."""
    return word[:1] + word[1:].translate(_NO_VOWELS)


def syllable_dropped(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with two letters side by side left out, not its first: a syllable said
    fast or skipped in a longer word ("critized" for "criticized", "probly" for "probably")."""
    if len(meant) != len(typed) + 2 or meant[0] != typed[0]:
        return False
    at = next((i for i, (a, b) in enumerate(zip(typed, meant, strict=False)) if a != b), len(typed))
    return any(meant[:i] + meant[i + 2:] == typed for i in range(max(at - 1, 1), at + 1))


@cache
def _common_by_start() -> dict[tuple[str, int], tuple[str, ...]]:
    """The English words commoner than ``RARE_RANK`` by first letter and length, commonest first."""
    common = (word for word in islice(english_ranks(), RARE_RANK) if word.isalpha())
    return {key: tuple(words) for key, words in _grouped(common, lambda word: (word[0], len(word))).items()}


def _vowels_dropped(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with some of its vowels left out (its skeleton being the same)."""
    letters = iter(meant)
    return len(typed) < len(meant) and all(ch in letters for ch in typed)


@cache
def _english_by_skeleton(initial: str) -> dict[str, tuple[str, ...]]:
    """The English words of one first letter by their skeleton, commonest first ("gvrnmnt" meets
    "government"); by first letter, as each is needed, so that the first such typo doesn't wait for all."""
    return {key: tuple(words) for key, words in _grouped(_english_by_initial().get(initial, ()), skeleton).items()}


@cache
def _english_by_sound() -> dict[str, tuple[str, ...]]:
    """English words by their Metaphone code, commonest first ("fotos" meets "photos")."""
    alphabetic = (word for word in english_ranks() if word.isalpha())
    return {code: tuple(words) for code, words in _grouped(alphabetic, sound).items()}


@lru_cache(maxsize=50_000)  # bounded: people's typos are any string
def sound(word: str) -> str:
    """The word's Metaphone code; but a "pn" at its start is said as written ("pnl" is "panel", not "nl"):
    Metaphone silences its p for "pneumonia", and few words start so, but many typos of "pan-", "pen-" do.
    A c between s and e, i or y is silent, as Metaphone's own rules have it and jellyfish's leaves out
    ("science" sounds as "sience" is spelt)."""
    word = _SILENT_C.sub("s", word)
    if word.startswith("pn"):
        return "P" + str(jellyfish.metaphone(word[1:]))
    return str(jellyfish.metaphone(word))


_SILENT_C = re.compile(r"sc(?=[eiy])")


def compound(word: str) -> bool:
    """Whether ``word`` is a common word with an ending that makes a new word of any ("callout", "statelets")."""
    for ending in COMPOUND_ENDINGS:
        head = word[:-len(ending)]
        if word.endswith(ending) and len(head) >= MIN_COMPOUND_STEM:
            rank = english_rank(head)
            if rank is not None and rank < RARE_RANK:
                return True
    return False


def _nearest(word: str, choices: Iterable[str], limit: int) -> list[tuple[str, int]]:
    """Up to ``NEAREST`` choices within ``limit`` edits, nearest first, in the choices' order on a tie."""
    if not limit:
        return []
    found = process.extract(word, choices, scorer=_OSA, processor=None, score_cutoff=limit, limit=NEAREST)
    return [(choice, int(distance)) for choice, distance, _ in found]


def _best(word: str, options: list[tuple[str, int, bool]]) -> str | None:
    """The likeliest of the candidates ``(word, edits, is_story_word)``: fewest edits, a word that sounds
    the same or is the story's counting as closer; on a tie, the story's word, then the edits easiest to type
    weighed with the word's frequency (a key beside the meant one, a doubled or swapped letter, a commoner word)."""
    code = sound(word)
    best: tuple[float, bool, float] | None = None
    chosen = None
    for choice, distance, story in options:
        if choice == word:
            continue
        # two letters swapped is as telling as a word that sounds the same ("sya" is "say", not "soya")
        alike = sound(choice) == code or _swapped(choice, word)
        cost = (distance - (SOUNDS_LIKE if alike else 0.0) - (STORY_WORD if story else 0.0)
                + (FIRST_LETTER if choice[0] != word[0] and not alike else 0.0),
                not story, _typing_cost(choice, word) - distance + FREQUENCY * math.log1p(_commonness(choice)[0]))
        if best is None or cost < best:
            best, chosen = cost, choice
    return chosen


def _swapped(meant: str, typed: str) -> bool:
    """Whether ``typed`` is ``meant`` with two letters beside each other swapped, and no other slip."""
    return OSA.distance(meant, typed) == 1 and Levenshtein.distance(meant, typed) == 2


def _typing_cost(meant: str, typed: str) -> float:
    """``typing_cost``, but vowels left out, however many, cost one letter dropped: chat writes the
    consonants ("rlly" is "really", not the rarer "rally" with one vowel fewer to leave out)."""
    if skeleton(typed) == skeleton(meant) and _vowels_dropped(typed, meant):
        return min(DROPPED, typing_cost(meant, typed))
    return typing_cost(meant, typed)


def _commonness(word: str) -> tuple[int, str]:
    rank = english_rank(word)
    return len(english_ranks()) if rank is None else rank, word


def _places(word: str, part: str) -> list[int]:
    """Where ``part`` starts in ``word``."""
    return [at for at in range(len(word)) if word.startswith(part, at)]


def _g_dropped(word: str, rank: int | None, known: bool) -> bool:
    """Whether ``word`` is an "-ing" word written as said, without its g ("holdin", "mornin", "nothin"):
    the "-ing" word is the story's or common English, and ``word`` (of ``rank``) no real word of its own:
    not a rarer word WordNet knows ("raisin", "statin"), nor a common one ("thin", "sin")."""
    if len(word) < G_DROPPED_MIN or not word.endswith("in"):
        return False
    full = english_rank(word + "g")
    if not known and (full is None or full >= RARE_RANK):
        return False
    return (rank is None or rank >= G_DROPPED_RANK) and word not in wordnet_words()


def text_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("expected a list of text")
    return value


class Speller:
    """Corrects words against a story's vocabulary, then against common English."""

    def __init__(self) -> None:
        self._known: set[str] = set()
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        self._corrections: dict[str, str] = {}
        self._sorted = True
        self._sounds: dict[str, list[str]] | None = None

    def learn(self, words: Iterable[str]) -> None:
        for word in words:
            if word not in self._known:
                self._known.add(word)
                if word.isalpha() and len(word) >= MIN_STORY_TYPO - 1:
                    self._by_initial[word[0]].append(word)
                    self._sorted = False
                    self._sounds = None
        self._corrections.clear()

    def _story_words(self, initial: str) -> list[str]:
        """The story's words that start with ``initial``, commonest first.

        Sorted when first searched, not on every ``learn``: the knowledge base learns its texts one by
        one, and sorting after each made a 10,000-entry one take a minute and a half to build.
        """
        if not self._sorted:
            # On a tie in edit distance the commoner word wins; the order must not depend on the run.
            # New lists, never sorted in place: another thread may be searching the old ones.
            self._by_initial = defaultdict(list, {
                first: sorted(candidates, key=_commonness)
                for first, candidates in self._by_initial.items()})
            self._sorted = True
        return self._by_initial.get(initial, [])

    def _story_sounds(self) -> dict[str, list[str]]:
        """The story's words by their Metaphone code, commonest first."""
        if self._sounds is None:
            story = sorted((word for words in self._by_initial.values() for word in words), key=_commonness)
            self._sounds = dict(_grouped(story, sound))
        return self._sounds

    def state(self) -> dict[str, Any]:
        """What this speller knows, as JSON values, for the engine cache: with the corrections made so far, the
        typos of the knowledge base's own patterns, so that a cached engine needn't build the English word tables
        (a tenth of a second) to read its patterns again."""
        return {"known": sorted(self._known), "sorted": self._sorted,
                "by_initial": [[first, words] for first, words in self._by_initial.items()],
                "corrections": sorted([typed, found] for typed, found in self._corrections.items())}

    @classmethod
    def from_state(cls, state: Any) -> Speller:
        """The speller ``state()`` described; ``ValueError`` when ``state`` isn't shaped like one."""
        if not isinstance(state, dict) or not isinstance(state.get("by_initial"), list) or \
                not isinstance(state.get("sorted"), bool):
            raise ValueError("not a speller's state")
        speller = cls()
        speller._known = set(text_list(state.get("known")))
        for item in state["by_initial"]:
            if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
                raise ValueError("not a speller's state: words by initial")
            speller._by_initial[item[0]] = text_list(item[1])
        speller._sorted = state["sorted"]
        for item in state.get("corrections", []):
            if not (isinstance(item, list) and len(item) == 2 and all(isinstance(word, str) for word in item)):
                raise ValueError("not a speller's state: corrections")
            speller._corrections[item[0]] = item[1]
        return speller

    def knows(self, word: str) -> bool:
        return word in self._known

    def correct(self, word: str, is_known: bool = False) -> str:
        """The word this one is most likely a typo of, or the word itself."""
        if is_known or word in self._known or not word.isalpha():
            return word
        found = self._corrections.get(word)
        if found is None:
            found = self._corrected(word)
            if len(self._corrections) > _CACHE_LIMIT:
                self._corrections.clear()
            self._corrections[word] = found
        return found

    def _corrected(self, word: str) -> str:
        """``correct``'s reading of a word the story doesn't use, every outcome kept: a word kept as written needs
        the English word list to tell, which a cached engine otherwise reads for its first question."""
        stretched = self._unstretched(word)
        if stretched is not None:
            return stretched
        rank = english_rank(word)
        if _g_dropped(word, rank, word + "g" in self._known):
            return word + "g"  # "holdin", "mornin": the dropped g of chat
        if word in FRAGMENTS and (rank is None or rank >= RARE_RANK):
            rank = None  # "ment": an ending the list holds as a word, read as a typo ("meant")
        if rank is not None and rank < RARE_RANK:
            return word  # a real word is meant as written, even one the story doesn't use
        if word in wordnet_words():
            if rank is None:
                slipped = self._story_word_one_slip_off(word)
                if slipped is not None:
                    return slipped  # "libration": a word too rare for the English list, a slip from the story's
            return word  # a rarer real word ("paleness", "stork"), not a typo of a commoner one ("planes", "story")
        if compound(word):
            return word  # "callout", "statelets": a word made of a common one, not a typo of "callous", "stateless"
        found = self._respelled(word) or (self._search(word) if rank is None else self._commoner(word, rank))
        if found == word or OSA.distance(found, word) > 1:
            found = self._clipped(word) or found  # one slip off a word is likelier than a clipped word
        return found

    def _story_word_one_slip_off(self, word: str) -> str | None:
        """The one common story word a single edit from ``word``, if there is exactly one: a word so rare that the
        English list lacks it ("libration") is likelier a slip typing the story's word ("liberation") than meant."""
        if len(word) < MIN_STORY_TYPO:
            return None
        near = [found for found, distance in _nearest(word, self._story_words(word[0]), 1)
                if distance == 1 and _commonness(found)[0] < RARE_RANK]
        return near[0] if len(near) == 1 else None

    def _unstretched(self, word: str) -> str | None:
        """The word that chat stretched by typing a letter three times or more ("sooo", "whyyy", "pleeease"): each run
        read as one letter or two, the story's word or the commonest English word so made; none when the word has no
        such run or no word is so made."""
        runs = [(found.start(), found.end()) for found in _STRETCHED.finditer(word)]
        if not runs:
            return None
        made: set[str] = set()
        # each run one letter or two: 2**runs spellings, so a message of many runs ("aaabbbccc...") would take
        # minutes; a word has a few doubled letters at most, and beyond that only the two uniform readings are tried
        every = product((1, 2), repeat=len(runs)) if len(runs) <= MAX_STRETCHES else (
            (1,) * len(runs), (2,) * len(runs))
        for sizes in every:
            parts, at = [], 0
            for (start, end), size in zip(runs, sizes, strict=True):
                parts += [word[at:start], word[start] * size]
                at = end
            made.add("".join([*parts, word[at:]]))
        story = sorted(found for found in made if found in self._known)
        if story:
            return story[0]
        common = sorted((_commonness(found), found) for found in made if _commonness(found)[0] < RARE_RANK)
        return common[0][1] if common else None

    def _respelled(self, word: str) -> str | None:
        """The story's or a common word that chat spells by ear ("foto", "fone", "nite", "tonite"), if any;
        none for a short word or a real word's inflection ("rites" is not "rights")."""
        if len(word) < MIN_RESPELLED or stem(word) in wordnet_words():
            return None
        for written, meant in BY_EAR:
            if written in word:
                for found in (word.replace(written, meant), *(
                        word[:at] + meant + word[at + len(written):] for at in _places(word, written))):
                    if found in self._known or _commonness(found)[0] < RARE_RANK:
                        return found
        return None

    def _clipped(self, word: str) -> str | None:
        """The one story word, far longer, that ``word`` is the start of ("collab" for "collaboration"), if any:
        chat clips a long word it has to type again and again."""
        if len(word) < MIN_CLIPPED:
            return None
        found = [known for known in self._story_words(word[0])
                 if len(known) >= len(word) + CLIPPED_BY and known.startswith(word)]
        # one word, however the story's aliases spell it ("collaborators", "colaborators")
        same = found and all(OSA.distance(stem(known), stem(found[0])) <= CLIPPED_VARIANT for known in found)
        return found[0] if same else None

    def _commoner(self, word: str, rank: int) -> str:
        """A rare word one edit from a far commoner one is most likely that word mistyped ("wich")."""
        options = [(choice, distance, False)
                   for choice, distance in _nearest(word, _english_by_initial().get(word[0], ()), 1)
                   if _commonness(choice)[0] * COMMONER_BY < rank]
        return _best(word, options) or word

    def _search(self, word: str) -> str:
        """The story's words within a few edits, then English words, each also among words that sound alike."""
        story_limit, english_limit = story_distance(word), english_distance(word)
        code = sound(word)
        options = [(c, d, True) for c, d in _nearest(word, self._story_words(word[0]), story_limit)]
        if story_limit:
            options += [(c, d, True) for c, d in _nearest(word, self._story_sounds().get(code, ()),
                                                          story_limit + sound_leeway(word))]
        options += [(c, d, False) for c, d in _nearest(word, _english_by_initial().get(word[0], ()), english_limit)
                    if d < 2 or sound(c) == code]  # two slips of another sound: likelier a name ("valorant")
        if len(word) >= MIN_SYLLABLE_DROPPED and not any(d <= 1 for _, d, _ in options):
            # a syllable left out ("critized"): two edits, but of one slip; the story's words, then common English
            story = [c for c in self._story_words(word[0]) if len(c) == len(word) + 2]
            for choices, is_story in ((story, True), (_common_by_start().get((word[0], len(word) + 2), ()), False)):
                options += [(c, 2, is_story) for c in choices if syllable_dropped(word, c)]
        if english_limit:
            options += [(c, d, False) for c, d in _nearest(word, _english_by_sound().get(code, ()),
                                                           english_limit + sound_leeway(word))]
        near = any(d <= 1 for _, d, _ in options)
        if len(word) >= MIN_SKELETON and (not near or skeleton(word) == word):
            # vowels left out, as in chat, however many: counted as one edit; when a word is one edit off,
            # only a typo with no vowel at all after its first letter is taken as that, and the story's
            # words are no likelier then (a typo one edit from a word is not a story word with two vowels dropped)
            key = skeleton(word)
            story = [c for c in self._story_words(word[0]) if skeleton(c) == key]
            for choices, is_story in ((story, not near), (_english_by_skeleton(word[0]).get(key, ()), False)):
                options += [(c, 1, is_story) for c in choices if _vowels_dropped(word, c)][:NEAREST]
        if len(word) >= MIN_FIRST_TYPO and not any(d <= 1 for _, d, _ in options):
            # typos rarely change the first letter, but a slip may; such a candidate, one edit off and
            # FIRST_LETTER further, can't beat one found already at one edit
            by_initial = _english_by_initial()
            for initial in other_initials(word):
                options += [(c, d, False) for c, d in _nearest(word, by_initial.get(initial, ()), 1)]
            options += [(c, d, False) for c, d in _nearest(word, _english_by_second().get(word[0], ()), 1)]
        options += self._first_two_swapped(word)
        return _best(word, options) or word

    def _first_two_swapped(self, word: str) -> list[tuple[str, int, bool]]:
        """The word its first two letters swapped make, when the story or common English has it: the commonest slip
        of a fast typist ("hte", "hwat"), and one no search among the words of the typo's first letter finds."""
        swapped = word[1:2] + word[:1] + word[2:]
        if len(word) < MIN_ENGLISH_TYPO or swapped == word:
            return []
        if swapped in self._known or _commonness(swapped)[0] < RARE_RANK:
            return [(swapped, 1, swapped in self._known)]
        return []
