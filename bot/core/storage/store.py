"""Every change to the knowledge base goes through here: from Discord, the terminal or an import.

A change is applied to the raw YAML of the file that holds the entry, the whole knowledge
base is validated with the change in place (the same checks as ``check``), and only then is
the file written atomically, under an inter-process lock. The journal is write-ahead: the
change is recorded as pending, with every file's text before and after, before any file is
touched, and marked done once all are written. A process killed in between leaves a pending
change that the next store operation (or ``recover``) finishes or rolls back, so a change is
never on disk without being in the history, undoable. Undo goes through the same path.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import json
import logging
import os
import re
import shlex
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.knowledge import KnowledgeBase
from bot.core.knowledge.loading import display_path, load_knowledge, read_article, read_texts
from bot.core.knowledge.problems import Problem, ProblemList
from bot.core.knowledge.yamlsource import load_plain, plain
from bot.core.matching.words.normalize import clean
from bot.core.storage.differences import changes_in
from bot.core.storage.errors import BrokenKnowledge, NothingToChange, StoreError
from bot.core.storage.files import LockTimeout, atomic_remove, atomic_write, file_lock
from bot.core.storage.forms import as_list
from bot.core.storage.incoming import ENTRY_SECTIONS, Parsed, in_input, parse_input, section_of
from bot.core.storage.journal import ChangeRecord, DamagedRecord, Journal
from bot.core.storage.pending import FILE_NAME as JOURNAL_FILE
from bot.core.storage.yamlwrite import dump, rewrite

log = logging.getLogger("storybot.store")

LOCK_FILE = ".storybot.lock"
EXPORT_HEADER = "# Storybot knowledge base export"
NO_CHANGES_YET = "no changes made yet"  # an export's header before the first change, read as "after change 0"
_EXPORTED_AFTER = re.compile(rf"{re.escape(EXPORT_HEADER.lstrip('# '))}, "
                             rf"(?:after change (\d+)|{re.escape(NO_CHANGES_YET)})\b")
_VERSIONS_FROM = "entry versions:"
_VERSION_PAIR = re.compile(r"([a-z0-9][a-z0-9-]*)=([0-9a-f]{8})\b")
VERSION_CHARS = 8  # of ``entry_version``, per entry in an export's second line
MAX_STALE_NAMED = 3


MAX_IDS_NAMED = 5  # entries an import's summary names; the history keeps every one all the same


def _named(ids: list[str]) -> str:
    """" (a, b, c)": the entries a summary is about, so history says what an import touched."""
    if not ids:
        return ""
    more = f", and {len(ids) - MAX_IDS_NAMED} more" if len(ids) > MAX_IDS_NAMED else ""
    return f" ({', '.join(ids[:MAX_IDS_NAMED])}{more})"


@dataclass(frozen=True)
class _Exported:
    """What an export's first lines say it was made from: after which change, and each entry's version then
    (``None`` for an export made before they were written)."""

    after: int
    versions: dict[str, str] | None


def _exported_after(text: str) -> _Exported | None:
    """What an export was made from, from the comment lines it opens with (wherever an editor wrapped them);
    ``None`` for a file that doesn't say."""
    head = []
    for line in text.lstrip("\ufeff").splitlines():
        if not line.startswith("#"):
            break
        head.append(line.lstrip("#").strip())
    said = " ".join(head)
    found = _EXPORTED_AFTER.search(said)
    if found is None:
        return None
    listed = said.partition(_VERSIONS_FROM)
    versions = dict(_VERSION_PAIR.findall(listed[2])) if listed[1] else None
    return _Exported(int(found.group(1) or 0), versions)


def _untouched(entry: dict[str, Any], exported: _Exported | None) -> bool:
    """Whether an export's entry is still as the export wrote it: its importer didn't change it."""
    if exported is None or not exported.versions:
        return False
    return exported.versions.get(entry["id"]) == _short_version(entry)


def changed_since(docs: Documents, entries: list[tuple[str, dict[str, Any]]], exported: _Exported | None) -> list[str]:
    """The entries an older export left as it found them that have changed or gone since, which an import of it keeps
    as they are now: "staff changed", "prize removed"."""
    return [f"{entry['id']} {'removed' if docs.entry(entry['id']) is None else 'changed'}"
            for _, entry in entries if _untouched(entry, exported) and docs.entry(entry["id"]) != entry]


def named_since(since: list[str]) -> str:
    """"prize removed, staff changed" (at most ``MAX_IDS_NAMED``, then how many more)."""
    more = f", and {len(since) - MAX_IDS_NAMED} more" if len(since) > MAX_IDS_NAMED else ""
    return ", ".join(since[:MAX_IDS_NAMED]) + more


def nothing_to_change(source: str, since: list[str]) -> str:
    """What an import that changes nothing says, in the terminal and in Discord alike: its entries are as given, or
    (an older export) those that changed since it was made keep what they are now, named."""
    if not since:
        return f"{source}: nothing to change — every entry is already as given"
    return (f"{source}: nothing to change — the file edits no entry, and those that changed since it was exported "
            f"stay as they are now ({named_since(since)})")


def _short_version(entry: dict[str, Any] | None) -> str:
    return entry_version(entry)[:VERSION_CHARS]


WAIT_NOTICE = 0.5  # seconds of waiting for another writer's lock before saying so
MAX_RETRIES = 3


class _Conflict(Exception):
    """A file changed on disk while a change was being prepared (a hand edit): start again."""


@dataclass(frozen=True)
class Outcome:
    change_id: int
    summary: str
    entries: list[str]
    kb: KnowledgeBase


def python_m_bot(rest: str) -> str:
    """How a hint names a command to run, unless the face says otherwise (``KnowledgeStore(command=...)``)."""
    return f"python -m bot {rest}"


class Documents:
    """The raw YAML of each knowledge file, as read under the lock, and the edits to it."""

    def __init__(self, directory: Path, texts: dict[str, str], command: Callable[[str], str] = python_m_bot,
                 refused: str = "nothing can be changed") -> None:
        """``refused`` says what files that aren't YAML stop ("nothing can be changed", for a change)."""
        self.directory = directory
        self.command = command
        self.before = dict(texts)
        self.data: dict[str, dict[str, Any]] = {}
        self.shapeless: set[str] = set()  # files that hold something, but not sections (a list, by hand): never written
        problems = ProblemList()
        for name, text in texts.items():
            loaded = load_plain(text, display_path(directory, name), problems)
            self.data[name] = loaded if isinstance(loaded, dict) else {}
            if loaded not in (None, "") and not isinstance(loaded, dict):
                self.shapeless.add(name)
        if problems.errors:
            raise StoreError(f"the knowledge files have errors, so {refused} until they are fixed "
                             f"({command('check')})", problems.errors)
        self.changed: set[str] = set()
        self.restore: dict[str, str | None] = {}  # files put back exactly as they were (undo)

    @classmethod
    def unparsed(cls, directory: Path, texts: dict[str, str], command: Callable[[str], str] = python_m_bot
                 ) -> Documents:
        """The files' text only, for restoring files whole (undo), when they need not be read as YAML."""
        docs = cls.__new__(cls)
        docs.directory, docs.before, docs.data, docs.changed, docs.restore = directory, dict(texts), {}, set(), {}
        docs.shapeless = set()
        docs.command = command
        return docs

    def ids(self) -> list[str]:
        """Every entry's id, in the files' order."""
        return [item["id"] for name in sorted(self.data) for section in ENTRY_SECTIONS
                for item in self.data[name].get(section) or [] if isinstance(item, dict) and "id" in item]

    def locate(self, entry_id: str) -> tuple[str, str, int] | None:
        for name in sorted(self.data):
            for section in ENTRY_SECTIONS:
                for index, item in enumerate(self.data[name].get(section) or []):
                    if isinstance(item, dict) and item.get("id") == entry_id:
                        return name, section, index
        return None

    def entry(self, entry_id: str) -> dict[str, Any] | None:
        where = self.locate(entry_id)
        return None if where is None else self.data[where[0]][where[1]][where[2]]

    def merged(self, section: str) -> Any:
        """A section as the whole knowledge base has it (lists from every file joined)."""
        value: Any = None
        for name in sorted(self.data):
            found = self.data[name].get(section)
            if isinstance(found, list):
                value = (value or []) + found
            elif found is not None and value is None:
                value = found
        return value

    def check_unchanged(self, others: dict[str, Any], source: str) -> None:
        for section, value in others.items():
            if value != self.merged(section):
                raise StoreError(f"{source}: the '{section}' section differs from the knowledge base — imports change "
                                 f"facts, quotes, timeline and gaps; {self.where_to_edit([section])}")

    def where_to_edit(self, sections: list[str]) -> str:
        """Where story, aliases or matching are changed by hand: "edit 'story' and 'matching' in story.yaml in
        the knowledge folder", each section with the file that holds it."""
        by_file: dict[str, list[str]] = {}
        for section in sections:
            by_file.setdefault(self.file_for(section), []).append(f"'{section}'")
        named = [f"{' and '.join(names)} in {name}" for name, names in by_file.items()]
        return f"edit {' and '.join(named)} in the knowledge folder"

    def file_for(self, section: str) -> str:
        """The file a new entry of the section goes to: the one holding most of its entries (the first by name on a
        tie), so that a section an edit opened in another file for one entry (a fact turned gap) doesn't draw the
        entries added after it."""
        holding = [(-len(items) if isinstance(items := self.data[name][section], list) else 0, name)
                   for name in sorted(self.data) if section in self.data[name]]
        return min(holding)[1] if holding else f"{section}.yaml"

    def _items(self, name: str, section: str) -> list[Any]:
        if name in self.shapeless:  # what it holds would be replaced by the one section, and lost
            raise StoreError(f"{display_path(self.directory, name)} is not a mapping of sections, so nothing was "
                             f"changed — start it with a section such as '{section}:' and indent its entries under "
                             f"it, then try again ({self.command('check')} names the line)")
        document = self.data.setdefault(name, {})
        items = document.get(section)
        if items not in (None, "") and not isinstance(items, list):
            # what a hand edit wrote there (an entry without its dash) would be replaced, and lost
            raise StoreError(f"{display_path(self.directory, name)}: '{section}' is not a list of entries, so nothing "
                             f"was changed — write a dash before each entry's first field there ('- id: some-id'), "
                             f"then try again ({self.command('check')} names the line)")
        if not isinstance(items, list):
            items = document[section] = []
        self.changed.add(name)
        return items

    def add(self, section: str, entry: dict[str, Any], position: int | None = None, name: str | None = None) -> None:
        """``name`` is the file an entry already lived in (undo, rename, a fact turned gap): sections may sit in any
        file, so the first file holding the section is right only for a new entry."""
        items = self._items(name or self.file_for(section), section)
        if position is None and section == "timeline":
            position = _date_position(items, entry)  # the timeline stays in order
        items.insert(len(items) if position is None else min(position, len(items)), entry)

    def replace(self, entry_id: str, entry: dict[str, Any], section: str | None = None) -> None:
        """Put ``entry`` where ``entry_id`` is; given as of another ``section`` (a fact that lost its citations is a
        gap now, and the other way round), it moves to that section of the same file, which holds only its kind."""
        name, current, index = self.where(entry_id)
        if section is not None and section != current:
            self._items(name, current).pop(index)
            self.add(section, entry, name=name)
            return
        self._items(name, current)[index] = entry

    def remove(self, entry_id: str) -> tuple[str, str, int, dict[str, Any]]:
        """The entry taken out, with the file, section and position it had, to put it back there."""
        name, section, index = self.where(entry_id)
        return name, section, index, self._items(name, section).pop(index)

    def where(self, entry_id: str) -> tuple[str, str, int]:
        """``locate``, for an entry that must be there: refused, saying how to find the ids, when it isn't."""
        where = self.locate(entry_id)
        if where is None:
            raise StoreError(f"there is no entry '{entry_id}' — use an id that "
                             f"'{self.command('kb list')}' lists")
        return where

    def after(self) -> dict[str, str | None]:
        """New text for each file that differs (``None``: the file goes away)."""
        texts: dict[str, str | None] = {name: _same_endings(self.before[name], rewrite(self.before[name],
                                                                                    self.data[name]))
                                        if self.before.get(name) else dump(self.data[name])
                                        for name in sorted(self.changed)}
        texts.update(self.restore)
        return {name: text for name, text in texts.items() if text != self.before.get(name)}


def _same_endings(before: str, text: str) -> str:
    """``text`` with the line endings of the file it replaces: a file written on Windows (CRLF) stays CRLF, so a
    change is not a diff of every line; and with its byte-order mark, which an editor there may have saved it
    with (the YAML reader drops it, and the first line would show in the diff as changed)."""
    if before.startswith("\ufeff") and not text.startswith("\ufeff"):
        text = "\ufeff" + text
    if "\r\n" not in before:
        return text
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


class KnowledgeStore:
    def __init__(self, knowledge_dir: str | Path, journal: Journal, lock_timeout: float = 15.0,
                 edits_off: str | None = None, command: Callable[[str], str] = python_m_bot,
                 on_wait: Callable[[], None] | None = None) -> None:
        self.directory = Path(knowledge_dir)
        self.journal = journal
        journal.folder = str(self.directory.resolve())  # its changes, not another folder's sharing the data folder
        self.lock_timeout = lock_timeout
        self.edits_off = edits_off  # the face's reason to refuse edits here, in one sentence
        self.command = command  # how a hint writes a command ('check' -> 'python -m bot check --knowledge DIR')
        self.on_wait = on_wait  # told when another writer holds the lock, so a face can say it is waiting
        self.begun: int | None = None  # the change last recorded as begun: an interrupted face asks if it was saved

    def _documents(self, texts: dict[str, str], refused: str = "nothing can be changed") -> Documents:
        return Documents(self.directory, texts, self.command, refused)

    def _in_input(self, refused: StoreError, parsed: Parsed) -> StoreError:
        return in_input(refused, parsed, read_article(self.directory, ProblemList()))

    def _parse(self, text: str, source: str) -> Parsed:
        return parse_input(text, source, self._where_to_edit)

    def _where_to_edit(self, sections: list[str]) -> str:
        """Which knowledge file to edit for each of ``sections`` (read for a refusal, so never under the lock)."""
        try:
            return self._documents(self._read_texts()).where_to_edit(sections)
        except StoreError:  # the files can't be read: the refusal still says what to do, without the file
            return "edit the knowledge files"

    # -- the public operations ---------------------------------------------------------------

    def add(self, text: str, actor: str, source: str = "the input") -> Outcome:
        parsed = self._parse(text, source)
        try:
            return self.add_entries(parsed.entries, actor, parsed.others, source)
        except StoreError as refused:
            raise self._in_input(refused, parsed) from None

    def add_entries(self, entries: list[tuple[str, dict[str, Any]]], actor: str,
                    others: dict[str, Any] | None = None, source: str = "the input") -> Outcome:
        def refuse_taken(docs: Documents) -> None:
            for _, entry in entries:
                if docs.locate(entry["id"]) is not None:
                    raise StoreError(f"entry '{entry['id']}' already exists — pick another id, or change that entry "
                                     f"with '{docs.command('kb edit')} {entry['id']}'")

        def apply(docs: Documents) -> tuple[str, list[str]]:
            docs.check_unchanged(others or {}, source)
            refuse_taken(docs)
            for section, entry in entries:
                docs.add(section, entry)
            ids = [entry["id"] for _, entry in entries]
            if len(ids) > MAX_IDS_NAMED:  # the history's one line, and the terminal's, not every id of a big file
                return f"added {len(ids)} entries{_named(ids)}", ids
            return f"added {', '.join(ids)}", ids

        try:
            now = self._documents(self._read_texts()) if self.directory.is_dir() else None
        except StoreError:  # files that can't be read are the change's to explain, under the lock
            now = None
        if now is not None:  # said at once, not after waiting out another writer's lock (checked again under it)
            refuse_taken(now)
        return self._change("add", actor, apply)

    def edit(self, entry_id: str, text: str, actor: str, source: str = "the input") -> Outcome:
        parsed = self._parse(text, source)
        if parsed.others:
            raise StoreError(f"{source}: {', '.join(parsed.others)} can't be changed here — "
                             f"{self._where_to_edit(list(parsed.others))}")
        if len(parsed.entries) != 1:
            ids = [str(entry.get("id")) for _, entry in parsed.entries]
            named = ", ".join(f"'{held}'" for held in ids[:3]) + (", ..." if len(ids) > 3 else "")
            raise StoreError(f"{source}: edit takes exactly one entry, found {len(ids)} ({named}) — leave only the "
                             f"entry for '{entry_id}' in the file, or change several at once with "
                             f"'{self.command('kb import ' + shlex.quote(source))}'")
        try:
            return self.replace_entry(entry_id, parsed.entries[0][1], actor)
        except StoreError as refused:
            raise self._in_input(refused, parsed) from None

    def replace_entry(self, entry_id: str, entry: dict[str, Any], actor: str, expected: str | None = None) -> Outcome:
        """Replace an entry. ``expected`` is the ``entry_version`` the editor started from: if the entry
        changed since (a hand edit, another moderator), the change is refused instead of overwriting it."""
        def apply(docs: Documents) -> tuple[str, list[str]]:
            docs.where(entry_id)  # refused, saying how to find the ids, when there is no such entry
            if expected is not None and entry_version(docs.entry(entry_id)) != expected:
                raise StoreError(f"this entry changed while you were editing ('{entry_id}' was changed by hand or "
                                 "by someone else), so nothing was saved — open it again to see the new text")
            new_id = entry.get("id", entry_id)
            if new_id != entry_id:
                return self._rename(docs, entry_id, new_id, entry)
            updated = {"id": entry_id, **{k: v for k, v in entry.items() if k != "id"}}
            changed = changes_in(plain(docs.entry(entry_id)), updated)
            docs.replace(entry_id, updated, section_of(entry))  # a fact that lost its citations is now a gap
            return f"edited {entry_id} — {changed}", [entry_id]

        return self._change("edit", actor, apply)

    def get(self, entry_id: str) -> dict[str, Any] | None:
        """An entry as written in its file (for showing it, or prefilling an edit)."""
        return self._documents(self._read_texts()).entry(entry_id)

    def existing(self, entry_ids: list[str]) -> list[str]:
        """Those of ``entry_ids`` that an entry already has, in their order: the files read once for them all."""
        have = set(self._documents(self._read_texts()).ids())
        return [entry_id for entry_id in entry_ids if entry_id in have]

    def remove(self, entry_id: str, actor: str, expected: str | None = None) -> Outcome:
        """Remove an entry. ``expected`` is the start of the ``entry_version`` the moderator was asked about: if the
        entry changed since, nothing is removed (they agreed to remove what they saw, not a newer edit)."""
        def apply(docs: Documents) -> tuple[str, list[str]]:
            if expected is not None and not entry_version(docs.entry(entry_id)).startswith(expected):
                raise StoreError(f"'{entry_id}' changed after you asked to remove it (by hand or by someone else), so "
                                 "nothing was removed — ask to remove it again to see it as it is now")
            docs.remove(entry_id)
            return f"removed {entry_id}", [entry_id]

        return self._change("remove", actor, apply)

    def add_question(self, entry_id: str, question: str, actor: str) -> Outcome:
        """Teach an entry one more way to ask it (from the unanswered list)."""
        def apply(docs: Documents) -> tuple[str, list[str]]:
            entry = docs.entry(entry_id)
            if entry is None:
                raise StoreError(f"there is no entry '{entry_id}'")
            asked = clean(question)  # read as check compares questions: case, marks and spacing aside
            known = as_list(entry.get("questions"))  # a hand edit may have left one question, not a list of them
            if any(clean(str(one)) == asked for one in known):
                raise NothingToChange(f"\"{question}\" is already one of the questions of {entry_id}")
            updated = copy.deepcopy(entry)
            updated["questions"] = [*copy.deepcopy(known), question]
            docs.replace(entry_id, updated)
            return f"added the question \"{question}\" to {entry_id}", [entry_id]

        return self._change("edit", actor, apply)

    @staticmethod
    def _rename(docs: Documents, entry_id: str, new_id: str, entry: dict[str, Any]) -> tuple[str, list[str]]:
        """An edit that gives the entry a new id: one change, in the entry's place, undone as one."""
        if docs.locate(new_id) is not None:
            raise StoreError(f"the new text's id is '{new_id}', which another entry already has — pick an id no "
                             f"entry has to rename '{entry_id}', or keep '{entry_id}'")
        old = plain(docs.entry(entry_id))
        updated = {"id": new_id, **{k: v for k, v in entry.items() if k != "id"}}
        changed = changes_in({**old, "id": new_id}, updated) if {**old, "id": new_id} != updated else ""
        name, section, index, _ = docs.remove(entry_id)
        docs.add(section_of(entry), updated, index if section_of(entry) == section else None, name)
        return f"renamed {entry_id} to {new_id}" + (f" — {changed}" if changed else ""), [entry_id, new_id]

    def import_entries(self, text: str, actor: str, source: str = "the import",
                       previewed: dict[str, list[str]] | None = None) -> Outcome:
        """New ids are added and existing ids replaced, all validated and written as one change. ``previewed``: what
        ``preview_import`` said the import would add and change, which a moderator confirmed: if the knowledge base
        has changed since so that it would now do something else, nothing is imported."""
        parsed = self._parse(text, source)
        entries = parsed.entries

        exported_after = _exported_after(text)

        def apply(docs: Documents) -> tuple[str, list[str]]:
            docs.check_unchanged(parsed.others, source)
            self._refuse_stale(docs, entries, exported_after, source)
            added, changed = [], []
            for section, entry in entries:
                if docs.locate(entry["id"]) is None:
                    if not _untouched(entry, exported_after):  # an entry removed since, which the file didn't edit
                        docs.add(section, entry)
                        added.append(entry["id"])
                elif docs.entry(entry["id"]) != entry and not _untouched(entry, exported_after):
                    docs.replace(entry["id"], entry, section)
                    changed.append(entry["id"])
            if not added and not changed:
                raise NothingToChange(nothing_to_change(source, changed_since(docs, entries, exported_after)))
            if previewed is not None and (set(added), set(changed)) != (set(previewed.get("added", ())),
                                                                        set(previewed.get("changed", ()))):
                raise StoreError(f"{source} would now add {len(added)} and change {len(changed)} entries"
                                 f"{_named(added + changed)}, not what its preview showed: the knowledge base changed "
                                 "since (another moderator's change, or an edit by hand) — upload the file again to "
                                 "see what it would do now")
            return f"imported: {len(added)} added, {len(changed)} changed{_named(added + changed)}", added + changed

        try:
            return self._change("import", actor, apply)
        except StoreError as refused:
            raise self._in_input(refused, parsed) from None

    def preview_import(self, text: str, source: str = "the import") -> dict[str, list[str]]:
        """What an import would do, without doing it (and whether it would validate): the ids it would add, change
        and find unchanged, and (an older export) the entries it keeps as they are now, named as ``changed_since``
        names them."""
        parsed = self._parse(text, source)
        entries = parsed.entries
        docs = self._documents(self._read_texts())
        docs.check_unchanged(parsed.others, source)
        exported = _exported_after(text)
        self._refuse_stale(docs, entries, exported, source)
        plan: dict[str, list[str]] = {"added": [], "changed": [], "unchanged": [],
                                      "kept": changed_since(docs, entries, exported)}
        for section, entry in entries:
            current = docs.entry(entry["id"])
            if _untouched(entry, exported):  # as the export found it: what changed since is kept
                if current == entry:
                    plan["unchanged"].append(entry["id"])
                continue
            key = "added" if current is None else "unchanged" if current == entry else "changed"
            plan[key].append(entry["id"])
            if current is None:
                docs.add(section, entry)
            elif current != entry:
                docs.replace(entry["id"], entry, section)
        try:
            self._validate(docs, docs.after())
        except StoreError as refused:  # named at the upload's lines, as the import itself would name them
            raise self._in_input(refused, parsed) from None
        return plan

    def _refuse_stale(self, docs: Documents, entries: list[tuple[str, dict[str, Any]]], exported: _Exported | None,
                      source: str) -> None:
        """An export imported after its entries changed would put back what was changed (or removed), by a change
        or by hand: refused, naming the changes, unless the import leaves those entries as they are now."""
        if exported is None:
            return
        # a number past this journal's last change is another journal's (a DATA_DIR that isn't the exporter's, a
        # journal started anew): its changes can't be named, but the entry versions still tell what changed since
        foreign = exported.after > self.journal.last_change_id()
        if foreign and exported.versions is None:
            return
        since: dict[str, ChangeRecord] = {}
        try:
            for record in [] if foreign else self.journal.changes_since(exported.after):
                for entry_id in record.entries:
                    since[entry_id] = record
        except DamagedRecord:  # the versions still tell what changed; only naming the changes is lost
            if exported.versions is None:
                raise
            since = {}
        stale = [entry["id"] for _, entry in entries
                 if docs.entry(entry["id"]) != entry and not _untouched(entry, exported)
                 and self._changed_since(docs, entry["id"], exported, since)]
        if not stale:
            return
        records = sorted({since[i].id: since[i] for i in stale if i in since}.values(), key=lambda record: record.id)
        what = [f"change {record.id} ({record.summary}, by {record.actor})" for record in records[:MAX_STALE_NAMED]]
        if len(records) > MAX_STALE_NAMED:
            what.append(f"{len(records) - MAX_STALE_NAMED} more changes")
        if any(i not in since for i in stale):
            what.append("an edit by hand (or a change the journal can't read)")
        ids = " and ".join(f"'{entry_id}'" for entry_id in stale[:MAX_STALE_NAMED])
        if len(stale) > MAX_STALE_NAMED:
            ids += f" and {len(stale) - MAX_STALE_NAMED} more"
        made = f"after change {exported.after}" if exported.after else "before any change"
        raise StoreError(f"{source} was exported {made}, and since then {' and '.join(what)} "
                         f"changed entries it holds, so importing it would undo that — export again and make your "
                         f"edits there, or take {ids} out of the file")

    @staticmethod
    def _changed_since(docs: Documents, entry_id: str, exported: _Exported, since: dict[str, ChangeRecord]) -> bool:
        """Whether an entry is not as the export found it: its version differs (or it came or went since); for an
        export without versions, whether a change since touched it."""
        if exported.versions is None:
            return entry_id in since
        current = docs.entry(entry_id)
        recorded = exported.versions.get(entry_id)
        if recorded is None:  # the export didn't hold it: new in the file, unless an entry of that id came since
            return current is not None
        return current is None or _short_version(current) != recorded

    def undo(self, actor: str, change_id: int | None = None) -> Outcome:
        reason = self.read_only()
        if reason is not None:
            raise StoreError(reason)
        # Which change to undo, and whether it still may be, is settled under the lock: checked before it,
        # an edit or another undo landing in between would be lost or undone twice.
        return self._change("undo", actor, undoing=lambda: self._undoable(change_id))

    def _undoable(self, change_id: int | None) -> ChangeRecord:
        """The change an undo would revert: the newest one, or ``change_id``, if nothing forbids it."""
        record = self.journal.last_undoable() if change_id is None else self.journal.change(change_id)
        if record is None:
            raise StoreError("there is nothing to undo" if change_id is None else f"there is no change {change_id} — "
                             f"'{self.command('kb history')}' lists every change")
        if record.undone_by is not None:
            raise StoreError(f"change {record.id} was already undone by change {record.undone_by}")
        if record.undoes is not None:
            raise StoreError(f"change {record.id} is itself an undo — make the edit again instead")
        later = self.journal.later_changes_to(record.id, record.entries)
        if len(later) == 1:
            raise StoreError(f"change {later[0].id} ({later[0].summary}) came later and touches the same entries — "
                             f"undo it first, then change {record.id}")
        if later:
            named = ", ".join(str(change.id) for change in later[:-1]) + f" and {later[-1].id}"
            raise StoreError(f"changes {named} came later and touch the same entries — undo them in that order "
                             f"first, then change {record.id}")
        return record

    def export(self) -> str:
        """The whole knowledge base as one YAML document, in the knowledge format.

        Only YAML that can't be read stops it (an export without that file's entries would look whole); entries
        that don't pass ``check`` are exported as written, to be mended and imported back."""
        merged: dict[str, Any] = {}
        # an export reads only: the refusal says what it can't do, not that nothing can be changed
        texts = self._read_texts()
        docs = self._documents(texts, "the knowledge base can't be exported")
        for document in docs.data.values():
            for section, value in document.items():
                if isinstance(value, list):
                    merged.setdefault(section, []).extend(value)
                else:
                    merged.setdefault(section, value)
        after = self._last_change()
        if after is None:  # a journal that can't be read: the export is made all the same, without the guard
            return dump(merged, f"{EXPORT_HEADER}\n")
        versions = " ".join(f"{entry_id}={_short_version(docs.entry(entry_id))}" for entry_id in docs.ids())
        made = f"after change {after}" if after else NO_CHANGES_YET  # "change 0" is no change anyone made
        return dump(merged, f"{EXPORT_HEADER}, {made} (kb import refuses to undo what changed since; "
                            f"delete these two lines to import it anyway)\n# entry versions: {versions}\n")

    def _last_change(self) -> int | None:
        """The newest change's number (0 where no journal is yet, which an export must not create), ``None`` when
        the journal can't be read."""
        if not (self.journal.data_dir / JOURNAL_FILE).is_file():
            return 0
        try:
            return self.journal.last_change_id()
        except (sqlite3.Error, OSError, DamagedRecord):
            return None

    def warnings_about(self, entries: list[str]) -> list[Problem]:
        """The warnings ``check`` gives on ``entries`` as the files stand (a question another entry reads the same,
        too few questions): a change is saved despite them, so its face tells the moderator what to look at. They
        take the slow checks, so only a face that can wait a moment asks."""
        wanted = set(entries)
        found = load_knowledge(self.directory).problems.warnings
        return [p for p in found if p.entry in wanted or any(f"'{entry_id}'" in p.message for entry_id in wanted)]

    def read_only(self) -> str | None:
        """Why edits are off here (one sentence), or ``None`` when the store can change the folder.

        Reading, answering and reloading never need write access (a container volume mounted
        read-only, files owned by another user): only changes do."""
        if self.edits_off:
            return self.edits_off
        if os.access(self.directory, os.W_OK):
            return None
        return (f"{self.directory} is read-only for this user, so edits are off — make the folder writable to "
                "edit here, or edit the files where they are writable")

    def recover(self) -> list[str]:
        """Finish or roll back changes left pending by a process that died; say what was done."""
        try:
            if not self.directory.is_dir() or self.read_only():
                return []
            if not self.journal.pending_changes() and not self._moved_here():
                return []
            with self._locked():
                for record in self._moved_here():
                    log.warning("change %s was left pending in a knowledge folder that is no longer where it was "
                                "(moved or mounted elsewhere); its files are this folder's, so it is settled here",
                                record.id)
                    self.journal.adopt_change(record.id)
                return self._recover_locked()
        except DamagedRecord as exc:
            raise StoreError(str(exc)) from None

    def _moved_here(self) -> list[ChangeRecord]:
        """Pending changes of a folder that is gone whose every file here is as the change found it or left it, and
        one at least as it left it: the folder was renamed or mounted elsewhere after the crash, and the change,
        which reached these files, is this folder's to finish. (One that wrote nothing is left to its own folder,
        which may only be unmounted.)"""
        found = []
        for record in self.journal.pending_of_gone_folders():
            texts = {}
            for name in record.files:
                path = self.directory / name
                texts[name] = path.read_text(encoding="utf-8") if path.is_file() else None
            reached = any(texts[name] == after != before for name, (before, after) in record.files.items())
            # a copy nobody changed matches every "before": only a file the change wrote says it was this folder
            if reached and all(texts[name] in pair for name, pair in record.files.items()):
                found.append(record)
        return found

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """The store's lock, with every way of not getting it said in one sentence."""
        path = self.directory / LOCK_FILE
        with contextlib.ExitStack() as stack:
            try:
                self._take_lock(stack, path)
            except LockTimeout as exc:
                raise StoreError("another edit of the knowledge base is taking too long; try again in a moment") \
                    from exc
            except OSError as exc:
                if path.is_symlink():
                    raise StoreError(f"the lock file {path} is a symbolic link, which the store never follows — "
                                     "remove it (the store makes its own)") from exc
                raise StoreError(f"cannot take the lock {path}: {exc.strerror or exc} — check the folder's "
                                 "permissions") from exc
            yield

    def _take_lock(self, stack: contextlib.ExitStack, path: Path) -> None:
        """Take the lock; when another writer holds it past a moment, tell ``on_wait`` before waiting on, so a
        person at a terminal sees why nothing happens instead of a silent pause of up to ``lock_timeout``."""
        first = self.lock_timeout if self.on_wait is None else min(WAIT_NOTICE, self.lock_timeout)
        try:
            stack.enter_context(file_lock(path, first))
            return
        except LockTimeout:
            if self.on_wait is None or self.lock_timeout <= first:
                raise
        self.on_wait()
        stack.enter_context(file_lock(path, self.lock_timeout - first))

    # -- how a change is made ----------------------------------------------------------------

    def _recover_locked(self) -> list[str]:
        """Under the lock, so no live writer owns a pending change: each one's process is gone.

        A change whose files reached their new text (any of them) is finished: the rest of its
        files are written and it is marked done. One that wrote nothing is dropped. A file that
        matches neither side was edited by hand since: it is left as it is.
        """
        done: list[str] = []
        for record in self.journal.pending_changes():
            current = {name: _digest(self.directory / name) for name in record.files}
            reached = [name for name, (_, after) in record.files.items() if current[name] == _digest_text(after)]
            if not reached and self._written_then_edited(record, current):
                reached = [name for name, (before, _) in record.files.items() if current[name] != _digest_text(before)]
            if reached:
                for name, (before, after) in record.files.items():
                    if name not in reached and current[name] == _digest_text(before):
                        self._put(name, after)
                self.journal.finish_change(record.id)
                done.append(f"finished change {record.id} ({record.summary}), interrupted before it was recorded")
            else:
                self.journal.abandon_change(record.id)
                done.append(f"dropped change {record.id} ({record.summary}), interrupted before it was written")
            log.warning("%s", done[-1])
        _remove_stale_temporaries(self.directory)
        return done

    def _recorded(self, change_id: int) -> bool:
        """Whether a change was marked done in the journal (asked when an interrupt came while it was marked)."""
        try:
            return self.journal.change(change_id) is not None
        except (sqlite3.Error, DamagedRecord):
            return False

    def _written_then_edited(self, record: ChangeRecord, current: dict[str, str | None]) -> bool:
        """Whether a change whose files match neither its before nor its after text reached them all the same: a
        file was edited by hand after the crash, on top of what the change wrote, and every entry of the change is
        as it left them (one never written would find them as they were before it)."""
        if not any(current[name] not in (_digest_text(before), _digest_text(after))
                   for name, (before, after) in record.files.items()):
            return False
        try:
            docs = self._documents(self._read_texts())
        except StoreError:  # a hand edit that broke the files: what the change left can't be told
            return False
        changed = False
        for entry_id in record.entries:
            old = _entry_before(record, entry_id)
            new = _entry_after(record, entry_id)
            if docs.entry(entry_id) != new:
                return False
            changed = changed or new != (None if old is None else old.entry)
        return changed

    def _abandon(self, change_id: int) -> None:
        try:
            self.journal.abandon_change(change_id)
        except Exception as exc:  # the files are as before, so the next recovery drops the pending row
            log.warning("could not drop pending change %s from the journal (%s); the next start drops it",
                        change_id, exc)
            log.debug("dropping pending change %s failed", change_id, exc_info=True)

    def _put(self, name: str, text: str | None) -> None:
        path = self.directory / name
        if text is None:
            atomic_remove(path)
        else:
            atomic_write(path, text)

    def _read_texts(self, limit: bool = True) -> dict[str, str]:
        if not self.directory.is_dir():
            raise StoreError(f"{self.directory} is not a knowledge folder — pass --knowledge DIR or set KNOWLEDGE_DIR")
        problems = ProblemList()
        texts = read_texts(self.directory, problems, limit)
        if problems.errors:
            raise StoreError("the knowledge files can't be read", problems.errors)
        return texts

    def _validate(self, docs: Documents, after: dict[str, str | None]) -> KnowledgeBase:
        merged: dict[str, str | None] = {**docs.before, **after}
        texts = {name: text for name, text in merged.items() if text is not None}
        result = load_knowledge(self.directory, texts=texts, warnings=False)
        if result.kb is None:
            already = load_knowledge(self.directory, texts=docs.before, warnings=False).problems.errors
            if already:  # broken before the change (by hand): say so, not that the change would break it
                raise BrokenKnowledge(already, result.problems.errors, self.command)
            raise StoreError("the change was refused: with it, the knowledge base would not be valid (line numbers "
                             "are those of the files as they would be)", result.problems.errors)
        return result.kb

    def _revert(self, docs: Documents, record: ChangeRecord) -> tuple[str, list[str]]:
        """Undo a change entry by entry (files that are still exactly as it left them are restored whole
        before this, in ``_prepare``)."""
        for entry_id in record.entries:
            old = _entry_before(record, entry_id)
            current = docs.entry(entry_id)
            if current == (None if old is None else old.entry):
                continue  # put back by hand already (an added entry deleted, an edit typed back): nothing to lose
            if current != _entry_after(record, entry_id):
                # no later change of ours touched it (``_undoable``), so the files were edited by hand since
                raise StoreError(f"entry '{entry_id}' was edited by hand after change {record.id}, and undoing the "
                                 "change would lose that edit — change the entry back with an edit instead")
            now = docs.locate(entry_id)
            if old is None:
                if now is not None:
                    docs.remove(entry_id)
            elif now is None:
                docs.add(old.section, old.entry, old.index, old.name)
            elif (now[0], now[1]) != (old.name, old.section):  # the change moved it (a fact became a gap): back
                docs.remove(entry_id)
                docs.add(old.section, old.entry, old.index, old.name)
            else:
                docs.replace(entry_id, old.entry)
        return f"undid change {record.id} ({record.summary})", record.entries

    def _change(self, action: str, actor: str, apply: Callable[[Documents], tuple[str, list[str]]] | None = None,
                undoing: Callable[[], ChangeRecord] | None = None) -> Outcome:
        """Make one change under the lock: ``apply`` edits the documents, or, for an undo, ``undoing``
        picks the change to revert (under the lock too)."""
        if not self.directory.is_dir():  # before the lock, which would create the folder
            raise StoreError(f"{self.directory} is not a knowledge folder — pass --knowledge DIR or set KNOWLEDGE_DIR")
        reason = self.read_only()
        if reason is not None:
            raise StoreError(reason)
        for _ in range(MAX_RETRIES):
            try:
                with self._locked():
                    return self._change_locked(action, actor, apply, undoing)
            except _Conflict:
                continue
            except DamagedRecord as exc:
                raise StoreError(str(exc)) from None
            except sqlite3.Error as exc:
                raise StoreError(f"the journal in {self.journal.data_dir} can't be written ({exc}), so nothing was "
                                 "changed — free some disk space or check DATA_DIR") from exc
        raise StoreError("the knowledge files keep changing on disk (someone is editing them by hand); try again")

    def _change_locked(self, action: str, actor: str, apply: Callable[[Documents], tuple[str, list[str]]] | None,
                       undoing: Callable[[], ChangeRecord] | None) -> Outcome:
        self._recover_locked()
        exact = undoing() if undoing is not None else None
        undoes = exact.id if exact is not None else None
        if exact is not None:
            apply = functools.partial(self._revert, record=exact)
        if apply is None:
            raise ValueError("a change needs apply or undoing")
        docs, summary, ids, after = self._prepare(apply, exact)
        # an undo of a change a hand edit already took back writes nothing, and is recorded all the same: the change
        # counts as undone, so that 'kb undo' walks on past it instead of stopping there for good
        if not after and exact is None:
            raise NothingToChange("nothing to change: the knowledge base already says exactly that")
        kb = self._validate(docs, after)
        for name in after:
            path = self.directory / name
            if path.is_symlink():
                raise StoreError(f"{display_path(self.directory, name)} is a symbolic link, and the store never "
                                 "writes through links — put the file itself in the folder, or change it by hand")
            if path.exists() and not path.stat().st_mode & stat.S_IWUSR:
                # the store replaces a file by renaming a new one over it, which its mode doesn't stop: the owner
                # who made it read-only meant it to stay as it is
                raise StoreError(f"{display_path(self.directory, name)} is read-only, so nothing was changed — make "
                                 f"it writable (chmod u+w {shlex.quote(str(path.resolve()))}) to edit it here")
        files = {name: (docs.before.get(name), text) for name, text in after.items()}
        change_id = self.begun = self.journal.begin_change(actor, action, summary, ids, files, undoes)  # write-ahead
        try:
            self._write(docs, after)
        except _Conflict:  # what was written went back; the file someone edited by hand was never touched
            self._abandon(change_id)
            raise
        except BaseException:
            if self._as_before(docs, after):
                self._abandon(change_id)
            # else (an interrupt cut short even the writing back): the row stays pending, and the next store
            # operation finishes the change, as after a crash: never a change on disk without its history
            raise
        try:
            finished = self.journal.finish_change(change_id)
        except BaseException as exc:
            if not isinstance(exc, Exception) and self._recorded(change_id):
                raise  # Ctrl-C just after the commit: the change stands, written and in the history
            self._write_back(docs, after)  # Ctrl-C (or a failure) before it: what was written goes back
            self._abandon(change_id)
            raise
        if not finished:  # the journal was deleted or replaced meanwhile: don't leave an unjournaled change
            self._write_back(docs, after)
            raise StoreError("the journal was reset during the change, so nothing was changed; try again")
        return Outcome(change_id, summary, ids, kb)

    def _prepare(self, apply: Callable[[Documents], tuple[str, list[str]]], exact: ChangeRecord | None
                 ) -> tuple[Documents, str, list[str], dict[str, str | None]]:
        """The files as they are, the change's summary and entries, and each changed file's new text.

        Undoing a change whose files are still exactly as it left them restores them from the
        journal's own copy, without reading the current files as knowledge (so it works even when
        they are too big or broken, as long as what it restores loads)."""
        if exact is not None:
            texts = self._read_texts(limit=False)
            if all(texts.get(name) == after for name, (_, after) in exact.files.items()):
                restored = {name: before for name, (before, _) in exact.files.items()}
                return Documents.unparsed(self.directory, texts, self.command), \
                    f"undid change {exact.id} ({exact.summary})", exact.entries, restored
        docs = self._documents(self._read_texts())
        summary, ids = apply(docs)
        return docs, summary, ids, docs.after()

    def _write(self, docs: Documents, after: dict[str, str | None]) -> None:
        written: list[str] = []
        try:
            for name, text in after.items():
                path = self.directory / name
                if _digest(path) != _digest_text(docs.before.get(name)):
                    raise _Conflict(name)
                if text is None:
                    atomic_remove(path)
                else:
                    atomic_write(path, text)
                written.append(name)
        except _Conflict:
            self._write_back(docs, {n: after[n] for n in written})
            raise
        except OSError as exc:
            self._write_back(docs, {n: after[n] for n in written})
            raise StoreError(f"could not write {self.directory / name}: {exc.strerror or exc}; nothing was changed") \
                from exc
        except BaseException:  # Ctrl-C mid-change: cancelled, so what was written goes back (the file being
            # written when it came may be either text: each write is atomic)
            landed = [n for n in after if n not in written and _digest(self.directory / n) == _digest_text(after[n])]
            self._write_back(docs, {n: after[n] for n in [*written, *landed]})
            raise

    def _as_before(self, docs: Documents, after: dict[str, str | None]) -> bool:
        """Whether every file a change was to write is as it was before it."""
        return all(_digest(self.directory / name) == _digest_text(docs.before.get(name)) for name in after)

    def _write_back(self, docs: Documents, written: dict[str, str | None]) -> None:
        for name in written:
            before = docs.before.get(name)
            path = self.directory / name
            if before is None:
                atomic_remove(path)
            else:
                atomic_write(path, before)


def entry_version(entry: dict[str, Any] | None) -> str:
    """A short fingerprint of an entry as written, to tell whether it changed under an open editor."""
    text = json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _date_position(events: list[Any], entry: dict[str, Any]) -> int:
    """Where a new timeline event goes: after every event that starts no later than it."""
    start = str(entry.get("date", "")).partition("/")[0]
    position = 0
    for index, event in enumerate(events):
        if isinstance(event, dict) and str(event.get("date", "")).partition("/")[0] <= start:
            position = index + 1
    return position


_TEMPORARY = re.compile(r"\.[^/]+\.(?:ya?ml|txt)\.[A-Za-z0-9_.]+\.tmp")


def _remove_stale_temporaries(directory: Path) -> None:
    """Temporary files a killed writer left behind (``.NAME.XXXX.tmp``, never read as knowledge)."""
    for path in directory.glob(".*.tmp"):
        if not _TEMPORARY.fullmatch(path.name):  # only the names atomic_write makes (.kb.yaml.XXXXXXXX.tmp)
            continue
        try:
            if path.is_file() and not path.is_symlink():
                path.unlink()
        except OSError:
            continue


def _digest_text(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class _Placed:
    """An entry as a file held it: the file, its section and its position there."""

    entry: dict[str, Any]
    name: str
    section: str
    index: int


def _entry_before(record: ChangeRecord, entry_id: str) -> _Placed | None:
    """An entry as it was before a recorded change, with its file, section and position."""
    return _entry_in({name: before for name, (before, _) in record.files.items()}, entry_id)


def _entry_after(record: ChangeRecord, entry_id: str) -> dict[str, Any] | None:
    """An entry as a recorded change left it (``None``: the change removed it)."""
    found = _entry_in({name: after for name, (_, after) in record.files.items()}, entry_id)
    return None if found is None else found.entry


def _entry_in(texts: dict[str, str | None], entry_id: str) -> _Placed | None:
    for name, text in texts.items():
        if not text:
            continue
        document = load_plain(text, "journal", ProblemList()) or {}
        for section in ENTRY_SECTIONS:
            for index, item in enumerate(document.get(section) or []):
                if isinstance(item, dict) and item.get("id") == entry_id:
                    return _Placed(item, name, section, index)
    return None
