"""A synthetic typo corpus for the speller, and its score.

usage: python -m benchmarks.spelling [--seed N] [--show KIND] [--english N]

The intended words are the article's own words plus common English words (wordfreq ranks 100 to
8,000, a seeded sample). Each is mistyped the ways people mistype: a keyboard neighbour struck
instead, a letter dropped, a letter doubled, two letters swapped, a spelling by ear (ph/f,
-tion/-shun, c/k, ...) and the vowels left out ("gvrnmnt"). A typo that is itself a common word
(one of wordfreq's 10,000 commonest) or a word the knowledge base knows is left out: nobody can tell
it was meant otherwise. Typos are read by the engine's own ``Analyzer.correct``.

Scores, per kind of typo: ``right`` corrected to the intended word, ``stem`` corrected to a word
with the intended word's stem (as good for matching, which compares stems), ``wrong`` changed into
another word, ``kept`` left as typed.

The control lists are real words spelt right; each must come back unchanged: the article's words,
common English (ranks 0-10,000), rarer English (10,000-57,000) and, when WordNet's index is on the
machine (Debian's ``wordnet-base``), WordNet lemmas that the frequency list doesn't hold.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.engine import Engine  # noqa: E402
from bot.core.matching.words.lexicon import english_ranks  # noqa: E402
from bot.core.matching.words.normalize import stem  # noqa: E402

ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
VOWELS = set("aeiou")


def _keyboard() -> dict[str, str]:
    """Each letter's neighbours on a QWERTY keyboard: left, right, and the row above and below."""
    where = {ch: (r, c) for r, row in enumerate(ROWS) for c, ch in enumerate(row)}
    near: dict[str, str] = {}
    for ch, (r, c) in where.items():
        found = []
        for other, (r2, c2) in where.items():
            beside = r == r2 and abs(c - c2) == 1
            # QWERTY's rows are staggered: the row above reaches one key right, the row below one key left
            across = abs(r - r2) == 1 and c2 - c in ((0, 1) if r2 < r else (-1, 0))
            if other != ch and (beside or across):
                found.append(other)
        near[ch] = "".join(sorted(found))
    return near


NEAR = _keyboard()

# Spellings by ear: (pattern, replacement); each applied at one matching place.
BY_EAR = [
    ("ph", "f"), ("tion", "shun"), ("sion", "shun"), ("ck", "k"), ("c(?=[aou])", "k"), ("c(?=[eiy])", "s"),
    ("qu", "kw"), ("x", "ks"), ("ough", "uff"), ("ough", "o"), ("igh", "i"), ("ea", "ee"), ("ee", "ea"),
    ("ie", "ei"), ("ei", "ie"), ("ous", "us"), ("ture", "cher"), ("ph", "ff"), ("wh", "w"), ("kn", "n"),
    ("wr", "r"), ("ss", "s"), ("ll", "l"), ("mm", "m"), ("tt", "t"), ("ence", "ance"), ("ance", "ence"),
    ("able", "ible"), ("y$", "ie"), ("s$", "z"), ("ould", "ud"), ("ey", "ay"), ("au", "aw"), ("gh", "g"),
]


def keyboard(word: str, rng: random.Random) -> str | None:
    spots = [i for i, ch in enumerate(word) if ch in NEAR]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + rng.choice(NEAR[word[i]]) + word[i + 1:]


def dropped(word: str, rng: random.Random) -> str | None:
    i = rng.randrange(len(word))
    return word[:i] + word[i + 1:]


def doubled(word: str, rng: random.Random) -> str | None:
    i = rng.randrange(len(word))
    return word[:i + 1] + word[i] + word[i + 1:]


def swapped(word: str, rng: random.Random) -> str | None:
    spots = [i for i in range(len(word) - 1) if word[i] != word[i + 1]]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def by_ear(word: str, rng: random.Random) -> str | None:
    options = [(m, new) for pattern, new in BY_EAR for m in re.finditer(pattern, word)]
    if not options:
        return None
    m, new = rng.choice(options)
    return word[:m.start()] + new + word[m.end():]


def no_vowels(word: str, rng: random.Random) -> str | None:
    """Every vowel but the first letter dropped, as in chat ("gvrnmnt"); only for words of 5 letters
    or more with at least two vowels to drop."""
    if len(word) < 5:
        return None
    out = word[0] + "".join(ch for ch in word[1:] if ch not in VOWELS)
    return out if len(word) - len(out) >= 2 else None


KINDS: dict[str, Callable[[str, random.Random], str | None]] = {
    "keyboard": keyboard, "dropped": dropped, "doubled": doubled, "swapped": swapped,
    "by-ear": by_ear, "no-vowels": no_vowels,
}


def wordnet_lemmas() -> list[str]:
    found: set[str] = set()
    for part in ("noun", "verb", "adj", "adv"):
        path = Path(f"/usr/share/wordnet/index.{part}")
        if not path.exists():
            return []
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            lemma = line.split(" ", 1)[0]
            if lemma.isalpha() and lemma.islower() and len(lemma) >= 4:
                found.add(lemma)
    return sorted(found)


def build(seed: int, english: int) -> tuple[list[tuple[str, str, str]], dict[str, list[str]]]:
    """The typos ``(kind, intended, typo)`` and the control lists, the same for the same seed."""
    rng = random.Random(seed)
    ranks = english_ranks()
    article = sorted({w for w in re.findall(r"[a-z]+", (ROOT / "knowledge/article.txt").read_text().lower())
                      if len(w) >= 3})
    common = [w for w in list(ranks)[100:8000] if w.isalpha() and len(w) >= 3]
    intended = sorted(set(article) | set(rng.sample(common, min(english, len(common)))))
    typos = []
    for word in intended:
        for kind, make in KINDS.items():
            typo = make(word, rng)
            if typo and typo != word and typo.isalpha():
                typos.append((kind, word, typo))
    listed = [w for w in ranks if w.isalpha() and len(w) >= 3]
    controls = {
        "article": article,
        "common": rng.sample([w for w in listed if ranks[w] < 10_000], 1000),
        "rare": rng.sample([w for w in listed if ranks[w] >= 10_000], 1000),
    }
    lemmas = [w for w in wordnet_lemmas() if w not in ranks]
    if lemmas:
        controls["wordnet-off-list"] = rng.sample(lemmas, min(1000, len(lemmas)))
    return typos, controls


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--english", type=int, default=2500, help="common English words to mistype")
    parser.add_argument("--show", default="", help="print the misses of this kind (or 'control')")
    args = parser.parse_args()
    engine = Engine.load(str(ROOT / "knowledge"))
    analyzer = engine.matcher.analyzer
    ranks = english_ranks()
    typos, controls = build(args.seed, args.english)
    typos = [(k, w, t) for k, w, t in typos
             if not analyzer.knows(t) and not (t in ranks and ranks[t] < 10_000)]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    start = time.perf_counter()
    for kind, word, typo in typos:
        got = analyzer.correct(typo)
        verdict = ("right" if got == word else "stem" if stem(got) == stem(word) else
                   "kept" if got == typo else "wrong")
        counts[kind][verdict] += 1
        counts["ALL"][verdict] += 1
        if args.show in (kind, "all") and verdict != "right":
            print(f"  {kind:9s} {word:16s} {typo:16s} -> {got}  ({verdict})")
    per_typo = (time.perf_counter() - start) / max(1, len(typos)) * 1000
    print(f"typos (seed {args.seed}): {len(typos)}, {per_typo:.3f} ms each (cold cache)")
    print(f"{'kind':10s} {'n':>5s} {'right':>6s} {'+stem':>6s} {'wrong':>6s} {'kept':>6s}")
    for kind in [*KINDS, "ALL"]:
        c = counts[kind]
        n = sum(c.values())
        if n:
            print(f"{kind:10s} {n:5d} {100 * c['right'] / n:5.1f}% {100 * (c['right'] + c['stem']) / n:5.1f}% "
                  f"{100 * c['wrong'] / n:5.1f}% {100 * c['kept'] / n:5.1f}%")
    for name, control in controls.items():
        changed = [(w, analyzer.correct(w)) for w in control]
        changed = [(w, g) for w, g in changed if g != w]
        share = 100 * len(changed) / len(control)
        print(f"control {name:17s} {len(control):5d} changed {len(changed):4d} ({share:.1f}%)")
        if args.show in ("control", "all"):
            print("   ", " ".join(f"{w}->{g}" for w, g in changed[:60]))


if __name__ == "__main__":
    main()
