"""Compile WordNet 3.0 into ``wordnet-related.txt.gz``: for each English word, the words related to it.

Run by a developer when the data should change, not at install or run time (the output is committed):

    apt-get install wordnet-base && python bot/core/data/build_wordnet.py /usr/share/wordnet

Keys and targets are Snowball stems (the matcher's own terms), so no lemmatizer is needed at run time;
phrases join their stems with ``_``. Each line is ``key<TAB>close|loose``:

- close: the same synset (synonyms), derivations ("rebuke" ~ "rebuker"), pertainyms ("French" ~
  "France"), participles, and the base form of an irregular inflection ("spoke" -> "speak");
- loose: one step up (hypernyms), similar adjectives, verb groups, and whole-of relations
  ("a Parisian" is a member of Paris, Lyon is part of France).

Targets are ordered by the commonest sense of the key first (WordNet's own sense order; the broader words of a verb
made of the same word's noun, "to holiday" as "spend", come after the noun's senses: the word is most often the noun),
then, as a key stands for every lemma with its stem ("manner" and "mannerism"), by the commonest of those lemmas in
English first, then by their place among their synset's words, which WordNet lists commonest first.

It also writes ``wordnet-kinds.txt.gz``: each proper name WordNet knows (lowercase, words joined with
``_``) and its kind, ``country``, ``city``, ``person`` or ``organization``, found by walking up its
hypernyms, so that "which countries does the article name?" can be answered from the text.

And ``wordnet-words.txt.gz``: the single words WordNet has as a lemma (lowercase, letters only, four or more)
that aren't among the 10,000 commonest of ``english-words.txt.gz`` (the speller takes those as meant
already), so that typo correction takes a rare real word ("paleness") as meant instead of "correcting" it
into a commoner one ("planes").

And, from the compiled table alone (``--stopword-forms``, no WordNet folder needed), ``wordnet-stopword-forms.txt``:
the stems WordNet knows only as an inflection of one of the matcher's stopwords ("gotten", "has"), which weigh nothing.
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from pathlib import Path

import Stemmer

POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
CLOSE = {"+", "\\", "<"}          # lexical: derivation, pertainym, participle
LOOSE = {"@", "@i", "&", "$", "#m", "#p", "^"}
MAX_WORDS = 2                     # longer phrases are rarely typed
MAX_TARGETS = 40

_stemmer = Stemmer.Stemmer("english")


def key_of(lemma: str) -> str | None:
    parts = lemma.lower().replace("-", "_").split("_")
    if len(parts) > MAX_WORDS or not all(p.isalpha() and p.isascii() for p in parts):
        return None
    return "_".join(_stemmer.stemWord(p) for p in parts)


def read_synsets(folder: Path) -> dict[tuple[str, str], tuple[list[str], list[tuple[str, str, str, int, int]]]]:
    synsets = {}
    for name in POS:
        for line in (folder / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split(" | ")[0].split()
            offset, ss_type, count = fields[0], fields[2], int(fields[3], 16)
            lemmas = [fields[4 + 2 * i].split("(")[0] for i in range(count)]
            at = 4 + 2 * count
            pointers = []
            for i in range(int(fields[at])):
                symbol, target, tpos, st = fields[at + 1 + 4 * i: at + 5 + 4 * i]
                pointers.append((symbol, target, "a" if tpos == "s" else tpos, int(st[:2], 16), int(st[2:], 16)))
            synsets[(offset, "a" if ss_type == "s" else ss_type)] = (lemmas, pointers)
    return synsets


def sense_order(folder: Path) -> dict[tuple[str, str], int]:
    """Each (synset, lemma key)'s sense number: 0 is the word's commonest sense."""
    order: dict[tuple[str, str], int] = {}
    for name, pos in POS.items():
        for line in (folder / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma, count = fields[0], int(fields[2])
            for rank, offset in enumerate(fields[-count:]):
                order[(f"{offset}{pos}", lemma)] = rank
    return order


def noun_senses(folder: Path) -> dict[str, int]:
    """How many senses each lemma has as a noun."""
    found: dict[str, int] = {}
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            fields = line.split()
            found[fields[0]] = int(fields[2])
    return found


def english_order() -> dict[str, int]:
    """Words by their rank in ``english-words.txt.gz``, 0 the commonest."""
    english = gzip.decompress(Path(__file__).with_name("english-words.txt.gz").read_bytes()).decode("ascii")
    return {word: rank for rank, word in enumerate(english.split())}


def lemma_order(synsets: dict[tuple[str, str], tuple[list[str], list[tuple[str, str, str, int, int]]]]
                ) -> dict[tuple[str, str], int]:
    """Each (key, lemma)'s place among the lemmas sharing that key, commonest in English first: "manner" before
    "mannerism", so that at a like sense rank "manner" reads as "way", not as "mannerism"'s "idiosyncrasy"."""
    english = english_order()
    lemmas: dict[str, set[str]] = defaultdict(set)
    for names, _ in synsets.values():
        for name in names:
            key = key_of(name)
            if key:
                lemmas[key].add(name.lower())
    return {(key, name): place for key, names in lemmas.items()
            for place, name in enumerate(sorted(names, key=lambda n: (english.get(n, len(english)), len(n), n)))}


def build(folder: Path) -> dict[str, tuple[list[str], list[str]]]:
    synsets = read_synsets(folder)
    ranks = sense_order(folder)
    places = lemma_order(synsets)
    close: dict[str, dict[str, tuple[int, int, int]]] = defaultdict(dict)
    loose: dict[str, dict[str, tuple[int, int, int]]] = defaultdict(dict)

    def add(table: dict[str, dict[str, tuple[int, int, int]]], key: str | None, target: str | None, rank: int,
            place: int, lemma: str = "") -> None:
        """``rank``: the key's sense; ``lemma``: the key's lemma it is a sense of (none for an inflection);
        ``place``: the target's place among its synset's words, which WordNet lists commonest first ("describe,
        depict, draw"), so that a sense's likeliest word comes first."""
        if key and target and target != key:
            order = (rank, places.get((key, lemma.lower()), 0), place)
            table[key][target] = min(order, table[key].get(target, order))

    nouns = noun_senses(folder)
    for (offset, pos), (lemmas, pointers) in synsets.items():
        keys = [key_of(lemma) for lemma in lemmas]
        for index, (lemma, key) in enumerate(zip(lemmas, keys, strict=True)):
            rank = broader = ranks.get((f"{offset}{pos}", lemma.lower()), 9)
            if pos == "v" and any(symbol == "+" and tpos == "n" and source_no == index + 1 and target_no and
                                  synsets[(target, tpos)][0][target_no - 1].lower() == lemma.lower()
                                  for symbol, target, tpos, source_no, target_no in pointers
                                  if (target, tpos) in synsets):
                broader += nouns.get(lemma.lower(), 0)  # "to holiday" is "spend" after the noun's "day"
            for place, other in enumerate(keys):
                add(close, key, other, rank, place, lemma)
            for symbol, target, tpos, source_no, target_no in pointers:
                found = synsets.get((target, tpos))
                if found is None:
                    continue
                if source_no and source_no != index + 1:
                    continue  # a lexical pointer from another word of this synset
                targets = [(target_no - 1, found[0][target_no - 1])] if target_no else list(enumerate(found[0]))
                table = close if symbol in CLOSE else loose if symbol in LOOSE else None
                if table is not None:
                    for place, word in targets:
                        add(table, key, key_of(word), broader if table is loose else rank, place, lemma)
    for name in POS:
        for line in (folder / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            inflected, *bases = line.split()
            for base in bases:
                add(close, key_of(inflected), key_of(base), 0, 0)
    out = {}
    for key in sorted(set(close) | set(loose)):
        near = sorted(close.get(key, {}).items(), key=lambda kv: (kv[1], kv[0]))
        far = sorted(((t, r) for t, r in loose.get(key, {}).items() if t not in close.get(key, {})),
                     key=lambda kv: (kv[1], kv[0]))
        out[key] = ([t for t, _ in near][:MAX_TARGETS], [t for t, _ in far][:MAX_TARGETS])
    return out


# A kind is known by its synset, named by its first words; a name in several kinds takes the first listed here.
KINDS = (("country", ("country", "state", "land")), ("country", ("state", "nation", "country")),
         ("city", ("city", "metropolis", "urban_center")), ("organization", ("organization", "organisation")),
         ("person", ("person", "individual", "someone")))


def kinds(folder: Path) -> dict[str, str]:
    synsets = read_synsets(folder)
    markers = {node: rank for node, (lemmas, _) in synsets.items() for rank, (_, first) in enumerate(KINDS)
               if node[1] == "n" and tuple(lemma.lower() for lemma in lemmas[:len(first)]) == first}
    cache: dict[tuple[str, str], frozenset[tuple[str, str]]] = {}

    def ancestors(node: tuple[str, str], depth: int = 0) -> frozenset[tuple[str, str]]:
        if node in cache or depth > 40:
            return cache.get(node, frozenset())
        found = {node}
        for symbol, target, tpos, _, _ in synsets[node][1]:
            if symbol in ("@", "@i") and (target, tpos) in synsets:
                found |= ancestors((target, tpos), depth + 1)
        cache[node] = frozenset(found)
        return cache[node]

    best: dict[str, int] = {}
    for node, (lemmas, _) in synsets.items():
        names = [lemma for lemma in lemmas if lemma[:1].isupper()] if node[1] == "n" else []
        ranks = [markers[above] for above in ancestors(node) if above in markers] if names else []
        if not ranks:
            continue
        for name in names:
            key = name.lower().replace(".", "")
            if key.replace("_", "").replace("-", "").isalpha() and key.isascii():
                best[key] = min(best.get(key, len(KINDS)), min(ranks))
    return {key: KINDS[rank][0] for key, rank in best.items()}


COMMONEST = 10_000  # the speller's RARE_RANK: the English list's words it takes as meant without asking WordNet


def lemmas(folder: Path) -> list[str]:
    """WordNet's single-word lemmas of four letters or more, lowercase letters only, but for the English
    list's commonest words (the speller takes those as meant already)."""
    listed = {word for word, rank in english_order().items() if rank < COMMONEST}
    found: set[str] = set()
    for name in POS:
        for line in (folder / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            lemma = line.split(" ", 1)[0]
            if len(lemma) >= 4 and lemma.isascii() and lemma.isalpha() and lemma.islower() and lemma not in listed:
                found.add(lemma)
    return sorted(found)


def write_lemmas(folder: Path) -> None:
    found = lemmas(folder)
    out = Path(__file__).with_name("wordnet-words.txt.gz")
    out.write_bytes(gzip.compress(("\n".join(found) + "\n").encode("ascii"), compresslevel=9, mtime=0))
    print(f"{len(found)} lemmas -> {out} ({out.stat().st_size // 1024} KB)")


def write_stopword_forms() -> None:
    """From the compiled table (no WordNet folder needed): rerun when it or the matcher's stopwords change."""
    from bot.core.matching.words.analysis import STOPWORD_FORMS_FILE, stopword_forms_in
    from bot.core.matching.words.related import related_table

    found = stopword_forms_in(related_table())
    out = Path(__file__).parent.parent / STOPWORD_FORMS_FILE
    out.write_text("\n".join(found) + "\n", encoding="ascii")
    print(f"{len(found)} stopword forms -> {out}")


def main() -> None:
    if sys.argv[1:] == ["--stopword-forms"]:
        write_stopword_forms()
        return
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    named = kinds(folder)
    out = Path(__file__).with_name("wordnet-kinds.txt.gz")
    text = "".join(f"{name}\t{kind}\n" for name, kind in sorted(named.items()))
    out.write_bytes(gzip.compress(text.encode("ascii"), compresslevel=9, mtime=0))
    print(f"{len(named)} names -> {out} ({out.stat().st_size // 1024} KB)")
    table = build(folder)
    lines = [f"{key}\t{' '.join(near)}|{' '.join(far)}" for key, (near, far) in table.items()]
    out = Path(__file__).with_name("wordnet-related.txt.gz")
    out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("ascii"), compresslevel=9, mtime=0))
    print(f"{len(lines)} words -> {out} ({out.stat().st_size // 1024} KB)")
    write_lemmas(folder)
    write_stopword_forms()


if __name__ == "__main__":
    main()
