"""The arguments of ``python -m bot kb ...``, kept apart from the commands.

Building the parser must not import the store: every ``python -m bot ask`` builds it, and
importing the store, the journal and SQLite costs more than answering a question.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

Parser = TypeVar("Parser", bound=argparse.ArgumentParser)


def given_path(text: str) -> Path:
    """A path as typed; an empty one is refused, since ``Path("")`` would quietly mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path: give a folder or file name (\".\" for the current folder)")
    return Path(text)

Option = Callable[[argparse.ArgumentParser], None]


def add_kb_parser(sub: argparse._SubParsersAction[Parser], knowledge: Option, data: Option,
                  count: Callable[[str], int]) -> None:
    """``kb`` and its actions; ``count`` reads a number of at least 1 (a limit of 0 would list nothing)."""
    summary = "change the knowledge base: add, import, edit, remove, undo, history, export ..."
    kb = sub.add_parser("kb", help=summary, description="C" + summary[1:])
    actions = kb.add_subparsers(dest="kb_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
        knowledge(parser)
        data(parser)
        return parser

    action("add", "add the entries in a YAML file (knowledge format)").add_argument(
        "file", type=given_path, help="YAML with facts, quotes, timeline or gaps entries, as in knowledge/")
    action("import", "add the new entries in a YAML file and replace the changed ones (an edited export)").add_argument(
        "file", type=given_path, help="YAML in the knowledge format, such as a file kb export wrote")
    edit = action("edit", "replace one entry with the one in a YAML file")
    edit.add_argument("id", help="the id of the entry to replace (kb list shows them)")
    edit.add_argument("file", type=given_path, help="YAML holding the one new version of that entry")
    action("remove", "remove an entry").add_argument("id", help="the id of the entry (kb list shows them)")
    action("undo", "undo the newest change not yet undone (undos are skipped), or change N").add_argument(
        "number", type=count, nargs="?", metavar="N", help="the change number from kb history (default: the last)")
    listing = action("list", "list every entry: id, kind and the question it is offered as")
    listing.add_argument("--json", action="store_true", help="one JSON object per entry")
    history = action("history", "list the changes, newest first")
    history.add_argument("--json", action="store_true",
                         help="one JSON object per line, a change each (no lines when there are none)")
    history.add_argument("--limit", type=count, default=20, metavar="N", help="show at most N changes (default 20)")
    action("export", "print the whole knowledge base as one YAML file").add_argument(
        "--out", type=given_path, metavar="FILE", help="write to this file instead of standard output")
    unanswered = action("unanswered", "the questions the bot could not answer, most asked first")
    unanswered.add_argument("--limit", type=count, default=25, metavar="N",
                            help="show at most N questions (default 25)")
    unanswered.add_argument("--json", action="store_true", help="one JSON object per question")
    feedback = action("feedback", "the answers with the most 👎 and the questions that drew them")
    feedback.add_argument("--json", action="store_true", help="one JSON object per answer")
