"""WordNet's related words, so that a question needn't use the story's own words.

"reprimanded" is read as a story's "rebuked", "photographs" as its "photos", "the French" as
"France": a word the knowledge base never uses is replaced by a related word that it does use.
The relations come from WordNet 3.0, compiled into ``data/wordnet-related.txt.gz`` by
``data/build_wordnet.py`` (see ``data/README.md``); keys and targets are Snowball stems, the
matcher's own terms. Close relations (synonyms, derivations, pertainyms) are taken before loose
ones (one step up, similar, whole-of), and loose ones count for less. The story's ``aliases``
come first: only a word that neither they nor the knowledge base know is looked up here.

The table is read on first use (about 0.2 s), not at start-up: most questions use the story's words.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

CLOSE_SHARE = 0.9   # a synonym says nearly what the story's word says (but maybe in another sense)
LOOSE_SHARE = 0.5   # a broader or neighbouring word says less


@cache
def related_table() -> dict[str, str]:
    """Each word WordNet relates to others, with its related words as the shipped file holds them (read once)."""
    data = resources.files("bot.core").joinpath("data/wordnet-related.txt.gz").read_bytes()
    table: dict[str, str] = {}
    for line in gzip.decompress(data).decode("ascii").splitlines():
        key, _, targets = line.partition("\t")
        table[key] = targets
    return table


def related(key: str) -> tuple[list[str], list[str]]:
    """The close and the loose relations of a stem (or of stems joined by ``_``), commonest sense first."""
    found = related_table().get(key)
    if not found:
        return [], []
    close, _, loose = found.partition("|")
    return close.split(), loose.split()


def known(key: str) -> bool:
    return key in related_table()
