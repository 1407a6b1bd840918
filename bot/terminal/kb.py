"""``python -m bot kb ...``: the operator's side of the knowledge-base store.

The same store as /kb in Discord: every change is validated, written atomically under the
lock and journaled; errors exit non-zero and leave the files as they were.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import shlex
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from bot.config import Settings, installed_copy_note
from bot.core.storage.errors import NothingToChange, StoreError
from bot.core.storage.files import atomic_write
from bot.core.storage.incoming import MAX_INPUT_BYTES, parse_input
from bot.core.storage.journal import ChangeRecord, DamagedRecord, Journal
from bot.core.storage.pending import FILE_NAME
from bot.core.storage.store import KnowledgeStore, Outcome
from bot.safe_stream import visible
from bot.terminal import command, waiting_notice

T = TypeVar("T")


def _actor() -> str:
    try:
        return f"terminal:{getpass.getuser()}"
    except (KeyError, OSError):
        return "terminal"


def _read(path: Path) -> str:
    """The input file, read only up to the store's input limit (a huge file is refused, not loaded)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_INPUT_BYTES + 1)
        if len(raw) > MAX_INPUT_BYTES:
            raise StoreError(f"{path} is over {MAX_INPUT_BYTES:,} bytes — split it into smaller files")
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreError(f"{path} is not UTF-8 text — save it as UTF-8 and try again") from exc
    except OSError as exc:  # the path once, with the reason in words ("No such file or directory")
        raise StoreError(f"cannot read {path}: {exc.strerror or type(exc).__name__} — check the path") from exc


def _done(outcome: Outcome, store: KnowledgeStore) -> int:
    print(f"change {outcome.change_id}: {outcome.summary}")
    store.begun = None  # told: a Ctrl-C during the warnings below has nothing more to say about it
    for problem in store.warnings_about(outcome.entries):  # saved all the same: what `check` would point at
        print(f"warning: {problem}", file=sys.stderr)
    return 0


WRITES = frozenset({"add", "import", "edit", "remove", "undo"})
#: What the journal's listings say when there is nothing in them.
NOTHING_YET = {"history": "No changes yet.",
               "unanswered": "No unanswered questions recorded yet (the Discord bot records them).",
               "feedback": "No 👎 on any answer yet."}


def run_kb(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.knowledge_dir.is_dir():
        print(f"storybot kb {args.kb_command}: {settings.knowledge_dir} is not a knowledge folder — pass --knowledge "
              "DIR or set KNOWLEDGE_DIR", file=sys.stderr)
        return 1
    installed = installed_copy_note(settings.knowledge_dir)
    if args.kb_command in WRITES and installed:
        print(f"storybot kb {args.kb_command}: {installed}", file=sys.stderr)
        return 1
    if args.kb_command in {*NOTHING_YET, "list"} and not (settings.data_dir / FILE_NAME).is_file():
        # Nothing recorded here, and nothing pending: said without making a journal (a mistyped --data made its
        # whole path, and a sudo'd look made a journal the bot's user could not open).
        if args.kb_command == "list":
            return _list(settings, args.json)
        if not args.json:
            print(f"{NOTHING_YET[args.kb_command]} (no journal in {settings.data_dir} yet)")
        return 0
    # A look needs no journal it can write: an export with none makes none (a mistyped --data made its whole path)
    read_only = args.kb_command not in WRITES and (_only_readable(settings.data_dir)
                                                   or not (settings.data_dir / FILE_NAME).is_file())
    try:
        journal = Journal(settings.data_dir, read_only=read_only)
    except (OSError, sqlite3.Error) as exc:
        reason = (exc.strerror or type(exc).__name__) if isinstance(exc, OSError) else str(exc)
        print(f"storybot kb {args.kb_command}: cannot open the journal in {settings.data_dir}: {reason} — pass "
              "--data DIR or set DATA_DIR to a writable folder", file=sys.stderr)
        return 1
    store = KnowledgeStore(settings.knowledge_dir, journal,
                           command=lambda rest: command(rest, settings.knowledge_dir, settings.data_dir),
                           on_wait=waiting_notice(f"kb {args.kb_command}"))
    actor = _actor()
    try:
        if read_only:
            _say_unfinished(journal, settings, args.kb_command)
        else:
            store.recover()  # a change a killed process left half done is finished or dropped first (and logged)
    except (StoreError, sqlite3.Error) as exc:
        print(f"storybot kb {args.kb_command}: {exc}", file=sys.stderr)
        if args.kb_command in WRITES:
            return 1
    try:
        match args.kb_command:
            case "add":
                return _done(_add(store, args.file, actor), store)
            case "import":
                return _done(store.import_entries(_read(args.file), actor, source=str(args.file)), store)
            case "edit":
                return _done(store.edit(args.id, _read(args.file), actor, source=str(args.file)), store)
            case "remove":
                return _done(store.remove(args.id, actor), store)
            case "undo":
                return _done(store.undo(actor, args.number), store)
            case "list":
                return _list(settings, args.json)
            case "history":
                return _history(journal, args.limit, args.json)
            case "export":
                return _export(store, args.out)
            case "unanswered":
                return _unanswered(journal, args.limit, args.json)
            case "feedback":
                return _feedback(journal, args.json)
    except KeyboardInterrupt:
        if args.kb_command in WRITES:
            _say_if_saved(store, args.kb_command)
        raise
    except NothingToChange as exc:  # an unchanged export imported again: done, as asked
        print(f"storybot kb {args.kb_command}: {exc}")
        return 0
    except (StoreError, DamagedRecord) as exc:
        print(f"storybot kb {args.kb_command}: {exc}", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:  # a full disk, a locked or damaged journal: one sentence, no traceback
        print(f"storybot kb {args.kb_command}: the journal in {settings.data_dir} failed ({exc}) — check the disk "
              "has room and the folder is writable, then try again", file=sys.stderr)
        return 1
    return 2


def _say_if_saved(store: KnowledgeStore, action: str) -> None:
    """Ctrl-C that came once the change was written and recorded (between its commit and its confirmation): the
    change stands, so say so, or the moderator would take exit 130 with no word for nothing changed."""
    try:
        record = store.journal.change(store.begun) if store.begun is not None else None
    except (sqlite3.Error, DamagedRecord):
        return
    if record is not None:
        print(f"storybot kb {action}: interrupted after change {record.id} ({record.summary}) was saved — "
              f"'{store.command('kb undo')}' takes it back", file=sys.stderr)


def _add(store: KnowledgeStore, path: Path, actor: str) -> Outcome:
    """``kb add``: new entries only. A file whose entries are already there (most often an edited export) is told
    to use ``kb import``, which adds the new ids and replaces the changed entries."""
    text = _read(path)
    try:
        return store.add(text, actor, source=str(path))
    except StoreError as refused:
        try:
            entries = parse_input(text, str(path)).entries
            there = store.existing([entry["id"] for _, entry in entries])  # the files read once, not per entry
        except StoreError:
            raise refused from None
        if not there:
            raise
        named = ", ".join(f"'{entry_id}'" for entry_id in there[:2]) + (", ..." if len(there) > 2 else "")
        which = f"the entry {named} is" if len(there) == 1 else f"{len(there)} of its entries ({named}) are"
        one = f"; to change one entry, run '{store.command(f'kb edit {shlex.quote(there[0])} FILE')}' with that " \
              "entry alone"
        again = store.command(f"kb import {shlex.quote(str(path))}")
        raise StoreError(f"{path}: {which} already in the knowledge base — kb add only adds new entries; to re-import "
                         f"an edited export, run '{again}'{one}") from None


def _only_readable(data_dir: Path) -> bool:
    """Whether the journal is there but this user may not write it (a backup's copy, another user's folder, a
    read-only disk): then it can still be read."""
    journal = data_dir / FILE_NAME
    return journal.is_file() and not (os.access(data_dir, os.W_OK) and os.access(journal, os.W_OK))


def _say_unfinished(journal: Journal, settings: Settings, action: str) -> None:
    """A journal only read can't finish a change a crash left half done: what is listed may show it half done."""
    if journal.path.is_file() and journal.pending_changes():
        print(f"storybot kb {action}: a change to {settings.knowledge_dir} was left half done, and this user can't "
              f"finish it in the read-only {settings.data_dir}: what follows may show it half done — run any kb "
              "command as the user who may write there to finish it", file=sys.stderr)


def _list(settings: Settings, as_json: bool) -> int:
    """Every entry's id, kind and the question it is offered as (what remove, edit and show take)."""
    from bot.core.knowledge.loading import load_knowledge

    result = load_knowledge(settings.knowledge_dir, warnings=False)
    if result.kb is None:
        raise StoreError(f"the knowledge base in {settings.knowledge_dir} has errors — run "
                         f"'{command('check', settings.knowledge_dir)}'")
    for entry in result.kb.entries:
        if as_json:
            print(json.dumps({"id": entry.id, "kind": entry.kind, "title": entry.heading, "topic": entry.topic},
                             ensure_ascii=False))
        else:
            print(f"{entry.id:<36} {entry.kind:<6} {entry.heading}")
    return 0


def _listing(items: Sequence[T], as_json: bool, empty: str, as_dict: Callable[[T], dict[str, Any]],
             as_line: Callable[[T], str]) -> int:
    """Print a journal listing as text lines or one JSON object per line (nothing, in JSON, when empty)."""
    if not items and not as_json:
        print(empty)
    for item in items:
        print(json.dumps(as_dict(item), ensure_ascii=False) if as_json else as_line(item))
    return 0


def _history(journal: Journal, limit: int, as_json: bool) -> int:
    def line(record: ChangeRecord) -> str:
        undone = f" (undone by change {record.undone_by})" if record.undone_by else ""
        return f"{record.id:>4}  {record.at}  {record.actor}  {record.summary}{undone}"

    def as_dict(record: ChangeRecord) -> dict[str, Any]:
        return {"id": record.id, "at": record.at, "actor": record.actor, "action": record.action,
                "summary": record.summary, "entries": record.entries, "files": sorted(record.files),
                "undoes": record.undoes, "undone_by": record.undone_by}

    return _listing(journal.history(limit), as_json, NOTHING_YET["history"], as_dict, line)


def _export(store: KnowledgeStore, out: Path | None) -> int:
    text = store.export()
    if out is None:
        sys.stdout.write(text)
        return 0
    if out.resolve().is_relative_to(store.directory.resolve()):
        raise StoreError(f"{out} is in the knowledge folder, and writing there would go around the store (no "
                         "validation, no history, no undo) — export elsewhere, or change entries with kb add/edit")
    try:  # a new file swapped in: never written through a hard link to a knowledge file
        atomic_write(out, text)
    except OSError as exc:
        raise StoreError(f"cannot write {out}: {exc.strerror or exc} — check the folder exists and is writable") \
            from exc
    print(f"wrote {visible(str(out))}")  # as typed, but never steering the terminal
    return 0


def _unanswered(journal: Journal, limit: int, as_json: bool) -> int:
    return _listing(journal.unanswered(limit), as_json,
                    NOTHING_YET["unanswered"], asdict,
                    lambda item: f"{item.count:>5}  {item.question}  (last {item.last_seen})")


def _feedback(journal: Journal, as_json: bool) -> int:
    return _listing(journal.feedback(), as_json, NOTHING_YET["feedback"], asdict,
                    lambda item: f"{item.entry}: {item.down} 👎, {item.up} 👍 — " + "; ".join(item.questions))
