"""The journal: SQLite in DATA_DIR with the edit history, unanswered questions and feedback.

Plain ``sqlite3`` in WAL mode, safe from threads and from several processes (the bot and the
CLI). Each thread keeps one connection of its own (opened once, not per call), so calls from many
threads don't queue behind each other's connecting; it is opened again when the file was replaced,
deleted or repaired meanwhile. Unanswered questions go through one writer thread that writes
whatever has queued up in one transaction (one commit for a burst, not one each): callers from
the event loop hand a question over without waiting (``record_unanswered_later``), others wait
until it is committed (``record_unanswered``). The Discord face calls the rest off the event loop.
Nothing here stores a user id: edits keep the display name given, votes a salted hash.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import logging
import os
import secrets
import shlex
import sqlite3
import stat
import threading
import weakref
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from bot.core.storage.pending import FILE_NAME, PENDING, read_only

log = logging.getLogger("storybot.journal")
P = ParamSpec("P")
T = TypeVar("T")

DONE = "done"
SALT_FILE = "vote-salt"
RUN_LOCK = "storybot-run.lock"  # held while the bot runs, so that a second copy can't answer everything twice
#: At most this many unanswered questions in one transaction of the writer.
BATCH_ROWS = 1000
#: The writer thread ends after this many seconds with nothing to write.
WRITER_IDLE = 5.0
#: Questions handed over without waiting gather this long (seconds) before one commit writes them all:
#: each on its own woke the writer thread, which opened the journal, wrote, committed and closed it
#: again, about 1.4 ms of CPU a question (a fifth of the bot's CPU in steady traffic, and a thread
#: taking the GIL from the event loop).
GATHER = 0.5

class DamagedRecord(sqlite3.Error):
    """A change in the journal that can't be read as one (a column gone, text that isn't JSON): said in one
    sentence, and never a reason to move the whole journal aside as a corrupt file is."""


SCHEMA = """
CREATE TABLE IF NOT EXISTS changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL,
    entries TEXT NOT NULL,
    files TEXT NOT NULL,
    undoes INTEGER REFERENCES changes(id),
    undone_by INTEGER REFERENCES changes(id),
    state TEXT NOT NULL DEFAULT 'done',
    folder TEXT
);
CREATE TABLE IF NOT EXISTS unanswered (
    question TEXT NOT NULL,
    guild TEXT NOT NULL,
    count INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (question, guild)
);
CREATE TABLE IF NOT EXISTS votes (
    message TEXT NOT NULL,
    voter TEXT NOT NULL,
    entry TEXT NOT NULL,
    question TEXT NOT NULL,
    vote INTEGER NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (message, voter)
);
"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class ChangeRecord:
    id: int
    at: str
    actor: str
    action: str
    summary: str
    entries: list[str]
    files: dict[str, tuple[str | None, str | None]]  # file name -> (text before, text after)
    undoes: int | None
    undone_by: int | None


def packed(files: dict[str, tuple[str | None, str | None]]) -> bytes:
    """A change's file texts as stored: JSON, zlib-compressed. Each change keeps every file it touched whole, before
    and after (what makes undo and crash recovery exact); compressed, the story's changes take a fifth of the room
    (measured: 1.27 MB of texts in 10 changes stored in 0.27 MB), which counts on a Raspberry Pi's card."""
    return zlib.compress(json.dumps(files).encode("utf-8"), 6)


def unpacked(stored: bytes | str) -> str:
    """The JSON of ``packed``; a change written before the texts were compressed is plain JSON text."""
    return zlib.decompress(stored).decode("utf-8") if isinstance(stored, bytes) else stored


DAMAGED = "damaged"  # the action of a history row this version can't read


@dataclass(frozen=True)
class Unanswered:
    question: str
    count: int
    first_seen: str
    last_seen: str


@dataclass(frozen=True)
class EntryFeedback:
    entry: str
    down: int
    up: int
    questions: list[str]


def _keep_private(directory: Path) -> None:
    """``DATA_DIR`` 0700 and its files 0600: the vote salt and the hashes beside it stay unreadable to
    other local users (who could otherwise reverse the hashes from the ids they can see)."""
    if os.name == "nt":
        return  # permissions there are ACLs, private to the user's profile by default
    ours = [directory / name for name in (FILE_NAME, f"{FILE_NAME}-wal", f"{FILE_NAME}-shm", f"{FILE_NAME}-journal",
                                          SALT_FILE, RUN_LOCK)]
    ours += directory.glob(f"{FILE_NAME}.corrupt-*")
    # A folder that holds more than the journal's files is shared ("DATA_DIR=/tmp", a home folder): closing it
    # would lock others out of what is theirs. Its files are made private all the same, which is what keeps the salt.
    shared = _holds_others(directory, {path.name for path in ours})
    if shared:
        log.warning("DATA_DIR %s holds other files than the journal's, so its permissions are left as they are "
                    "(the journal and the vote salt in it are still private); give the bot a folder of its own",
                    directory)
    refused: list[Path] = []
    reason = ""
    for path in [*([] if shared else [directory]), *ours]:
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        try:
            if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
                continue
            private = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
            if stat.S_IMODE(info.st_mode) & ~private:
                path.chmod(stat.S_IMODE(info.st_mode) & private)
        except OSError as exc:
            refused.append(path)
            reason = reason or (exc.strerror or type(exc).__name__).lower()
    if refused:  # one sentence for all of them (a read-only mount refuses every one), with the command that fixes it
        log.warning("could not make DATA_DIR %s private (%s), so other users on this machine may read the vote "
                    "salt in it; where it can be written, run: chmod go= %s", directory, reason,
                    " ".join(shlex.quote(str(path)) for path in refused))


def _holds_others(directory: Path, ours: set[str]) -> bool:
    try:
        return any(entry.name not in ours for entry in os.scandir(directory))
    except OSError:
        return False


def _repairing(method: Callable[Concatenate[Journal, P], T]) -> Callable[Concatenate[Journal, P], T]:
    """Run a journal call; if the journal was deleted or is corrupt, repair it and run the call once more."""
    def call(self: Journal, /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if not self._repair(exc):
                raise
        return method(self, *args, **kwargs)

    call.__doc__, call.__name__ = method.__doc__, method.__name__
    return call


class _Connections:
    """One SQLite connection per thread, each checked before use: a journal file replaced, deleted or
    repaired since it was opened means a new connection (the old one would write to the old file),
    and so does a main file written since (our own writes go to the WAL; the main file changes on a
    checkpoint, or when something else writes to it: a new connection reads its header again, so a
    damaged file is found and repaired as before)."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.generation = 0  # bumped by a repair: every thread opens its connection again
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: dict[int, tuple[weakref.ref[threading.Thread], sqlite3.Connection]] = {}

    def _identity(self) -> tuple[int, int, int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size

    def get(self) -> sqlite3.Connection:
        local = self._local
        db: sqlite3.Connection | None = getattr(local, "db", None)
        if db is not None and local.generation == self.generation and local.identity == self._identity():
            return db
        if db is not None:
            self.drop()
        db = self.open()
        local.db, local.generation, local.identity = db, self.generation, self._identity()
        thread = threading.current_thread()
        with self._lock:
            self._sweep()
            self._open[id(db)] = (weakref.ref(thread), db)
        return db

    def open(self) -> sqlite3.Connection:
        """A new connection, set up (the caller closes it)."""
        if self.read_only:
            return read_only(self.path)
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA busy_timeout=30000")
            db.execute("PRAGMA synchronous=FULL")  # a committed row is on disk before any file is touched
        except BaseException:
            db.close()
            raise
        return db

    def drop(self) -> None:
        """Close this thread's connection (after an error, or when the thread is done)."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        self._local.db = None
        if db is not None:
            with self._lock:
                self._open.pop(id(db), None)
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def _sweep(self) -> None:
        """Close the connections of threads that have ended (caller holds the lock)."""
        for key, (thread, db) in list(self._open.items()):
            alive = thread()
            if alive is None or not alive.is_alive():
                del self._open[key]
                with contextlib.suppress(sqlite3.Error):
                    db.close()

    def reset(self) -> None:
        """This thread's connection closes now, and those of ended threads; every other thread's at its
        next call. A connection is never closed under a thread that may be using it: sqlite3 can crash
        the process when that happens."""
        self.generation += 1
        self.drop()
        with self._lock:
            self._sweep()
            if os.name == "nt":  # Windows can't move a file that is open: close the idle ones now too
                for key, (_, db) in list(self._open.items()):
                    if not _busy(db):
                        del self._open[key]
                        with contextlib.suppress(sqlite3.Error):
                            db.close()


def _busy(db: sqlite3.Connection) -> bool:
    return db.in_transaction


def _rollback(db: sqlite3.Connection) -> None:
    if db.in_transaction:
        db.execute("ROLLBACK")


@dataclass
class _Queued:
    question: str
    guild: str
    at: str
    done: threading.Event | None  # set once committed (or failed) for a caller that waits
    error: BaseException | None = None


class _UnansweredWriter:
    """The one thread that writes unanswered questions: it takes everything queued so far and writes
    it in one transaction, so a burst of misses costs one commit, and no caller waits for the lock.
    Questions handed over without waiting gather for ``GATHER`` seconds first, so that steady traffic
    commits twice a second, not once a question; a caller that waits (``record_unanswered``,
    ``flush``, and so every read of the journal) cuts the gathering short.
    It stays while questions keep coming (``WRITER_IDLE`` seconds after the last one), so steady
    traffic doesn't start a thread per question (starting one blocks the caller, the event loop,
    for about a millisecond); the next question after that starts it again. Its connection stays
    open only while there is more to write."""

    def __init__(self, journal: Journal) -> None:
        self._journal = weakref.ref(journal)
        self._lock = threading.Condition()
        self._queue: list[_Queued] = []
        self._writing = False
        self._hurry = False  # a question queued by a caller that waits for it: write now
        self._flushing = 0  # callers of flush waiting: write now
        self._thread: threading.Thread | None = None

    def put(self, item: _Queued) -> None:
        with self._lock:
            first = not self._queue
            self._queue.append(item)
            if item.done is not None:
                self._hurry = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="storybot-journal-writer", daemon=True)
                self._thread.start()
            elif first or item.done is not None or len(self._queue) == BATCH_ROWS:
                self._lock.notify_all()  # a gathering writer needn't wake for each question

    def flush(self, timeout: float | None = 60.0) -> bool:
        """Wait until everything queued so far is written; ``False`` if that took longer than ``timeout``."""
        with self._lock:
            if self._thread is threading.current_thread():
                return True
            self._flushing += 1
            self._lock.notify_all()
            try:
                return self._lock.wait_for(lambda: not self._queue and not self._writing, timeout)
            finally:
                self._flushing -= 1

    def _next_batch(self) -> list[_Queued]:
        """What to write next, waiting up to ``WRITER_IDLE`` for it; empty: the thread ends."""
        with self._lock:
            self._writing = False
            self._lock.notify_all()  # for flush
            if not self._queue:
                self._lock.wait_for(lambda: bool(self._queue), WRITER_IDLE)
            if self._queue:
                self._lock.wait_for(lambda: self._hurry or self._flushing > 0 or len(self._queue) >= BATCH_ROWS,
                                    GATHER)
            batch, self._queue = self._queue[:BATCH_ROWS], self._queue[BATCH_ROWS:]
            if not self._queue:
                self._hurry = False
            if batch:
                self._writing = True
            else:
                self._thread = None
            return batch

    def _run(self) -> None:
        try:
            while batch := self._next_batch():
                self._write(batch)
        finally:
            journal = self._journal()
            if journal is not None:
                journal._connections.drop()  # this thread's connection goes with it
            with self._lock:
                if self._thread is threading.current_thread():  # ended by an unexpected error
                    self._thread = None
                self._writing = False
                self._lock.notify_all()

    def _write(self, batch: list[_Queued]) -> None:
        journal = self._journal()  # held only while writing: a journal nobody uses can go
        error: BaseException | None = None
        try:
            if journal is None:
                raise sqlite3.OperationalError("the journal was closed")
            journal._write_unanswered([(i.question, i.guild, i.at) for i in batch])
        except Exception as exc:  # one sentence in the log; a caller that waits gets the error
            error = exc
            if not any(item.done for item in batch):
                log.error("could not record %d unanswered question(s): %s", len(batch), exc)
        with self._lock:
            idle = not self._queue
        if idle and journal is not None:
            # Nothing more to write: the connection closes before anyone hears it is written, so the
            # writer never holds the journal open while idle (the last connection to close
            # checkpoints the WAL, and a damaged file is then found as before).
            journal._connections.drop()
        for item in batch:
            if item.done is not None:
                item.error = error
                item.done.set()


_WRITERS: weakref.WeakSet[_UnansweredWriter] = weakref.WeakSet()


@atexit.register
def _flush_writers() -> None:
    """Questions handed over without waiting are written before the process ends."""
    for writer in list(_WRITERS):
        writer.flush(timeout=10)


class Journal:
    """``on_reset`` hears, in one sentence, when a missing or corrupt journal had to be started anew.

    ``read_only``: an existing journal is only read (``kb history`` on a copy or a folder we may not write to):
    nothing is made, set up or repaired, and a write raises ``sqlite3.OperationalError``."""

    def __init__(self, data_dir: str | Path, on_reset: Callable[[str], None] | None = None,
                 folder: str | Path | None = None, read_only: bool = False) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / FILE_NAME
        self.on_reset = on_reset
        self.read_only = read_only
        #: The knowledge folder whose changes this journal keeps (set by the store): one data folder may serve
        #: several knowledge folders (the default one does), and each sees, recovers and undoes only its own.
        self.folder: str | None = str(Path(folder).resolve()) if folder is not None else None
        self._connections = _Connections(self.path, read_only)
        self._writer = _UnansweredWriter(self)
        weakref.finalize(self, self._connections.reset)
        if read_only:  # nothing is made: with no journal there, reading it fails (sqlite3.OperationalError)
            return
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        _WRITERS.add(self._writer)
        _keep_private(self.data_dir)
        try:
            self._setup()
        except sqlite3.DatabaseError as exc:
            if not self._repair(exc):
                raise

    def _setup(self) -> None:
        with contextlib.suppress(FileExistsError):  # made 0600 before SQLite sees it (its -wal and -shm follow)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        setup = sqlite3.connect(self.path, timeout=30)
        try:
            setup.execute("PRAGMA journal_mode=WAL")  # readers never block the writer, across processes
            setup.executescript(SCHEMA)
            columns = {row[1] for row in setup.execute("PRAGMA table_info(changes)")}
            if "state" not in columns:  # a journal from before write-ahead changes: every row is done
                setup.execute(f"ALTER TABLE changes ADD COLUMN state TEXT NOT NULL DEFAULT '{DONE}'")
            if "folder" not in columns:  # a journal from before folders were told apart: its rows are anyone's
                try:
                    setup.execute("ALTER TABLE changes ADD COLUMN folder TEXT")
                except sqlite3.OperationalError as exc:  # another process added it first
                    if "duplicate column" not in str(exc):
                        raise
        finally:
            setup.close()

    def _repair(self, exc: sqlite3.DatabaseError) -> bool:
        """Make a deleted or corrupt journal usable again; ``False`` for any other error.

        The knowledge files are the source of truth and are never touched: a corrupt journal is
        moved aside (kept, for whoever wants its history), and a new one is started."""
        name = getattr(exc, "sqlite_errorname", "") or ""
        if self.read_only:  # a journal only read is never mended: what is wrong is said instead
            return False
        if isinstance(exc, sqlite3.OperationalError) and str(exc).startswith("no such table"):
            self._connections.reset()
            self._setup()
            self._tell(f"the journal {self.path} was missing (deleted while the bot ran?), so a new one was "
                       "started; the knowledge files are untouched, earlier history and votes are gone")
            return True
        if not (name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB"):
            return False
        if self._healthy():  # another process moved it aside and started a new one first
            return True
        self._connections.reset()  # nothing of ours keeps the bad file open
        aside = self.path.with_name(f"{FILE_NAME}.corrupt-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}")
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{self.path}{suffix}", f"{aside}{suffix}")
        self._setup()
        carried = self._carry_pending(aside)
        if carried is None:  # the knowledge files may hold half of a change that only the old file knows of
            self._tell(f"the journal {self.path} is corrupt ({exc}), so it was moved to {aside} and a new one "
                       "started; the knowledge files are untouched and earlier history and votes are in the old "
                       "file, but if an edit was under way when it broke, it is set aside there unfinished (the file "
                       "can't be read to finish it): look over the knowledge files it touched and make it again by "
                       "hand")
            return True
        changes = "the change" if carried == 1 else f"the {carried} changes"
        kept = (f", with {changes} a crash left half written in it, finished or rolled back as usual next"
                if carried else "")
        self._tell(f"the journal {self.path} is corrupt ({exc}), so it was moved to {aside.name} and a new one "
                   f"started{kept}; the knowledge files are untouched, earlier history and votes are in the old file")
        return True

    def _carry_pending(self, aside: Path) -> int | None:
        """Copy the changes a crash left pending in the journal moved aside to ``aside`` into the new one, so that
        recovery finishes or rolls them back as ever; how many, or ``None`` when ``aside`` can't be read for them.
        Each keeps its number (the new journal has none yet; a live writer finishes its own by that number)."""
        # read only, and as immutable where no write-ahead file came with it (nothing to miss there, and no -wal and
        # -shm made beside it); with one, read as it is, so a change journaled in it but not in the main file counts
        wal = aside.with_name(f"{aside.name}-wal").exists()
        try:
            with contextlib.closing(sqlite3.connect(f"{aside.resolve().as_uri()}?{'mode=ro' if wal else 'immutable=1'}",
                                                    uri=True, timeout=5)) as old:
                rows = old.execute("SELECT id, at, actor, action, summary, entries, files, undoes, folder "
                                   "FROM changes WHERE state = ? ORDER BY id", (PENDING,)).fetchall()
        except sqlite3.Error:
            return None
        if rows:
            with self._connect(write=True) as db:
                for row in rows:
                    taken = db.execute("SELECT 1 FROM changes WHERE id = ?", (row[0],)).fetchone()
                    db.execute("INSERT INTO changes (id, at, actor, action, summary, entries, files, undoes, state, "
                               "folder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               (None if taken else row[0], *row[1:8], PENDING, row[8]))
        return len(rows)

    def _healthy(self) -> bool:
        try:
            db = sqlite3.connect(self.path, timeout=30)
            try:
                return db.execute("PRAGMA quick_check").fetchone()[0] == "ok" and bool(
                    db.execute("SELECT 1 FROM sqlite_master WHERE name = 'changes'").fetchone())
            finally:
                db.close()
        except sqlite3.DatabaseError:
            return False

    def _tell(self, message: str) -> None:
        log.error("%s", message)
        if self.on_reset is not None:
            try:
                self.on_reset(message)
            except Exception:
                log.exception("could not pass on a journal reset")

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """One short transaction on this thread's connection; writers take the write lock at once,
        readers never wait for it (WAL). A failed connection is closed, so a retry opens a new one."""
        if write and self.read_only:
            raise sqlite3.OperationalError(f"the journal {self.path} is open only to be read")
        db = self._connections.get()
        own = _busy(db)  # a journal call from inside another one on this thread: a connection of its own
        if own:
            db = self._connections.open()
        try:
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield db
            db.execute("COMMIT")
        except sqlite3.DatabaseError:
            with contextlib.suppress(sqlite3.Error):
                _rollback(db)
            if not own:
                self._connections.drop()
            raise
        except BaseException:
            _rollback(db)
            raise
        finally:
            if own:
                db.close()

    def close(self) -> None:
        """Write what is queued and close the connections: this thread's and ended threads' now, every other
        thread's at its next call (the journal opens them again if used)."""
        self.flush()
        self._connections.reset()

    # -- changes to the knowledge base ------------------------------------------------------

    @_repairing
    def begin_change(self, actor: str, action: str, summary: str, entries: list[str],
                     files: dict[str, tuple[str | None, str | None]], undoes: int | None = None) -> int:
        """Write-ahead: record a change as pending, with every file's text before and after, before
        any file is touched. ``finish_change`` marks it done; ``abandon_change`` takes it back."""
        with self._connect(write=True) as db:
            cursor = db.execute(
                "INSERT INTO changes (at, actor, action, summary, entries, files, undoes, state, folder) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (now(), actor, action, summary, json.dumps(entries), packed(files), undoes, PENDING,
                 self.folder))
            return int(cursor.lastrowid or 0)

    def _mine(self) -> tuple[str, tuple[str, ...]]:
        """The condition that keeps to this journal's folder's changes (and those recorded before folders were)."""
        if self.folder is None:
            return "", ()
        return " AND (folder = ? OR folder IS NULL)", (self.folder,)

    @_repairing
    def finish_change(self, change_id: int) -> bool:
        """Mark a pending change done; ``False`` when it is no longer there (the journal was reset)."""
        with self._connect(write=True) as db:
            row = db.execute("SELECT undoes FROM changes WHERE id = ? AND state = ?", (change_id, PENDING)).fetchone()
            if row is None:
                return False
            db.execute("UPDATE changes SET state = ? WHERE id = ?", (DONE, change_id))
            if row["undoes"] is not None:
                db.execute("UPDATE changes SET undone_by = ? WHERE id = ?", (change_id, row["undoes"]))
            return True

    @_repairing
    def abandon_change(self, change_id: int) -> None:
        """A pending change whose files were never (or are no longer) written: it never happened."""
        with self._connect(write=True) as db:
            db.execute("DELETE FROM changes WHERE id = ? AND state = ?", (change_id, PENDING))

    @_repairing
    def pending_changes(self) -> list[ChangeRecord]:
        mine, folder = self._mine()
        with self._connect() as db:
            rows = db.execute(f"SELECT * FROM changes WHERE state = ?{mine} ORDER BY id", (PENDING, *folder)).fetchall()
        return [self._record(row) for row in rows]

    @_repairing
    def pending_of_gone_folders(self) -> list[ChangeRecord]:
        """Pending changes of knowledge folders that are no longer where they were recorded (a folder renamed or
        mounted at another path since the crash that left them): one of them may be this folder's."""
        if self.folder is None:
            return []
        with self._connect() as db:
            rows = db.execute("SELECT * FROM changes WHERE state = ? AND folder IS NOT NULL AND folder != ? "
                              "ORDER BY id", (PENDING, self.folder)).fetchall()
        return [self._record(row) for row in rows if not Path(row["folder"]).exists()]

    @_repairing
    def adopt_change(self, change_id: int) -> None:
        """Make a pending change this journal's folder's (its folder moved here), for recovery to settle."""
        with self._connect(write=True) as db:
            db.execute("UPDATE changes SET folder = ? WHERE id = ? AND state = ?", (self.folder, change_id, PENDING))

    def _record(self, row: sqlite3.Row) -> ChangeRecord:
        try:
            files = {name: (pair[0], pair[1]) for name, pair in json.loads(unpacked(row["files"])).items()}
            return ChangeRecord(row["id"], row["at"], row["actor"], row["action"], row["summary"],
                                json.loads(row["entries"]), files, row["undoes"], row["undone_by"])
        except (IndexError, KeyError, TypeError, ValueError, AttributeError, zlib.error):  # not a row this code wrote
            columns = row.keys()  # a Row's own "in" looks at its values
            number = row["id"] if "id" in columns else "?"
            raise DamagedRecord(f"the journal {self.path} holds a change (number {number}) this version can't read: "
                                "it was changed by something else or by a newer Storybot — move the file aside to "
                                "start a new history, or use the version that wrote it") from None

    @_repairing
    def change(self, change_id: int) -> ChangeRecord | None:
        mine, folder = self._mine()
        with self._connect() as db:
            row = db.execute(f"SELECT * FROM changes WHERE id = ? AND state = ?{mine}",
                             (change_id, DONE, *folder)).fetchone()
        return self._record(row) if row else None

    @_repairing
    def last_undoable(self) -> ChangeRecord | None:
        """The newest change that is not an undo and has not been undone."""
        mine, folder = self._mine()
        with self._connect() as db:
            row = db.execute(f"SELECT * FROM changes WHERE undoes IS NULL AND undone_by IS NULL AND state = ?{mine} "
                             "ORDER BY id DESC LIMIT 1", (DONE, *folder)).fetchone()
        return self._record(row) if row else None

    @_repairing
    def later_changes_to(self, change_id: int, entries: list[str]) -> list[ChangeRecord]:
        """Changes after ``change_id``, still in effect, that touched any of ``entries``, or any entry such a change
        touched (a rename's new id, then that id's removal), newest first."""
        mine, folder = self._mine()
        with self._connect() as db:
            rows = db.execute("SELECT * FROM changes WHERE id > ? AND undone_by IS NULL AND undoes IS NULL "
                              f"AND state = ?{mine} ORDER BY id", (change_id, DONE, *folder)).fetchall()
        wanted, found = set(entries), []
        for record in map(self._record, rows):
            if wanted & set(record.entries):
                wanted |= set(record.entries)
                found.append(record)
        return found[::-1]

    @_repairing
    def changes_since(self, change_id: int) -> list[ChangeRecord]:
        """Every change of this folder after ``change_id``, undos too, oldest first."""
        mine, folder = self._mine()
        with self._connect() as db:
            rows = db.execute(f"SELECT * FROM changes WHERE id > ? AND state = ?{mine} ORDER BY id",
                              (change_id, DONE, *folder)).fetchall()
        return [self._record(row) for row in rows]

    @_repairing
    def last_change_id(self) -> int:
        """The number of this folder's newest change, 0 before the first."""
        mine, folder = self._mine()
        with self._connect() as db:
            found = db.execute(f"SELECT MAX(id) FROM changes WHERE state = ?{mine}", (DONE, *folder)).fetchone()[0]
        return int(found or 0)

    @_repairing
    def history(self, limit: int = 20, offset: int = 0) -> list[ChangeRecord]:
        """The newest changes first. A row this version can't read is listed as such (the rest of the history is
        still worth seeing); undo, which must know what every later change touched, still refuses over it."""
        mine, folder = self._mine()
        with self._connect() as db:
            rows = db.execute(f"SELECT * FROM changes WHERE state = ?{mine} ORDER BY id DESC LIMIT ? OFFSET ?",
                              (DONE, *folder, limit, offset)).fetchall()
        return [self._record_or_damaged(row) for row in rows]

    def _record_or_damaged(self, row: sqlite3.Row) -> ChangeRecord:
        try:
            return self._record(row)
        except DamagedRecord:
            columns = row.keys()
            value = {name: row[name] if name in columns else None for name in ("id", "at", "actor")}
            return ChangeRecord(int(value["id"] or 0), str(value["at"] or "?"), str(value["actor"] or "?"), DAMAGED,
                                "(this change can't be read: it was changed by something else or by a newer "
                                "Storybot)", [], {}, None, None)

    @_repairing
    def count_changes(self) -> int:
        mine, folder = self._mine()
        with self._connect() as db:
            return int(db.execute(f"SELECT COUNT(*) FROM changes WHERE state = ?{mine}", (DONE, *folder)).fetchone()[0])

    # -- questions the bot could not answer ---------------------------------------------------

    def record_unanswered(self, question: str, guild: int | None) -> None:
        """Record a question the bot could not answer; returns once it is committed (written with
        whatever else was queued at the time, in one transaction). Raises ``sqlite3.Error``."""
        if not question:
            return
        item = _Queued(question, str(guild or "dm"), now(), threading.Event())
        self._writer.put(item)
        item.done.wait()  # type: ignore[union-attr]
        if item.error is not None:
            raise item.error

    def record_unanswered_later(self, question: str, guild: int | None) -> None:
        """Hand a question over to the writer and return at once (never waits for the disk or the lock;
        safe from the event loop). A failed write is logged. ``flush`` waits for it."""
        if question:
            self._writer.put(_Queued(question, str(guild or "dm"), now(), None))

    def flush(self, timeout: float | None = 60.0) -> bool:
        """Wait until every unanswered question handed over so far is written."""
        return self._writer.flush(timeout)

    @_repairing
    def _write_unanswered(self, rows: list[tuple[str, str, str]]) -> None:
        """Many questions in one transaction: a question asked n times in the batch counts n."""
        merged: dict[tuple[str, str], list[object]] = {}
        for question, guild, at in rows:
            found = merged.get((question, guild))
            if found is None:
                merged[(question, guild)] = [question, guild, 1, at, at]
            else:
                found[2] = int(found[2]) + 1  # type: ignore[call-overload]
                found[4] = at
        with self._connect(write=True) as db:
            db.executemany(
                "INSERT INTO unanswered (question, guild, count, first_seen, last_seen) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (question, guild) DO UPDATE SET count = count + excluded.count, "
                "last_seen = excluded.last_seen", list(merged.values()))

    def unanswered(self, limit: int = 25, guild: int | None = None, flush: bool = True) -> list[Unanswered]:
        """The questions recorded, most asked first; ``flush``: those this process handed over counted too (which
        waits for the writer: a look-up that must be quick doesn't)."""
        if flush:
            self.flush()
        return self._unanswered(limit, guild)

    @_repairing
    def _unanswered(self, limit: int, guild: int | None) -> list[Unanswered]:
        where, args = ("WHERE guild = ?", [str(guild)]) if guild is not None else ("", [])
        with self._connect() as db:
            rows = db.execute(
                f"SELECT question, SUM(count), MIN(first_seen), MAX(last_seen) FROM unanswered {where} "
                "GROUP BY question ORDER BY SUM(count) DESC, MAX(last_seen) DESC LIMIT ?", (*args, limit)).fetchall()
        return [Unanswered(row[0], row[1], row[2], row[3]) for row in rows]

    def forget_unanswered(self, question: str) -> None:
        self.flush()  # a question handed over earlier must not come back after it is forgotten
        self._forget_unanswered(question)

    @_repairing
    def _forget_unanswered(self, question: str) -> None:
        with self._connect(write=True) as db:
            db.execute("DELETE FROM unanswered WHERE question = ?", (question,))

    # -- 👍 / 👎 on answers ------------------------------------------------------------------

    def _salt(self) -> bytes:
        path = self.data_dir / SALT_FILE
        try:
            return path.read_bytes()
        except FileNotFoundError:
            salt = secrets.token_bytes(32)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            except FileExistsError:  # another process made it first
                return path.read_bytes()
            with os.fdopen(fd, "wb") as handle:
                handle.write(salt)
            return salt

    def voter_hash(self, user_id: int) -> str:
        return hashlib.sha256(self._salt() + str(user_id).encode()).hexdigest()

    @_repairing
    def vote(self, message_id: int, user_id: int, entry: str, question: str, up: bool) -> bool:
        """One vote per member per entry: voting again (on this answer or another answer from the same
        entry) replaces the earlier vote, so fresh answers can't stuff the count. ``False``: the member had
        already cast this very vote on this answer (nothing changed)."""
        voter = self.voter_hash(user_id)
        with self._connect(write=True) as db:
            before = db.execute("SELECT vote FROM votes WHERE message = ? AND voter = ?",
                                (str(message_id), voter)).fetchone()
            if before is not None and before[0] == (1 if up else -1):
                return False
            db.execute("DELETE FROM votes WHERE voter = ? AND entry = ? AND message <> ?",
                       (voter, entry, str(message_id)))
            db.execute(
                "INSERT INTO votes (message, voter, entry, question, vote, at) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (message, voter) DO UPDATE SET vote = excluded.vote, at = excluded.at",
                (str(message_id), voter, entry, question, 1 if up else -1, now()))
        return True

    @_repairing
    def feedback(self, limit: int = 10) -> list[EntryFeedback]:
        """Entries with the most 👎, with the questions that drew them."""
        with self._connect() as db:
            rows = db.execute(  # distinct voters, for votes kept from before one-vote-per-entry
                "SELECT entry, COUNT(DISTINCT CASE WHEN vote < 0 THEN voter END) AS down, "
                "COUNT(DISTINCT CASE WHEN vote > 0 THEN voter END) FROM votes GROUP BY entry "
                "HAVING down > 0 ORDER BY down DESC, entry LIMIT ?", (limit,)).fetchall()
            found = []
            for entry, down, up in rows:
                questions = [row[0] for row in db.execute(
                    "SELECT DISTINCT question FROM votes WHERE entry = ? AND vote < 0 LIMIT 5", (entry,))]
                found.append(EntryFeedback(entry, down, up, questions))
        return found
