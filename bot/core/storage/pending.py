"""Whether a journal holds a change a crash left half written, found without the store or the journal; and how a
journal is opened only to read it.

``ask`` looks at every start, and importing those two costs about 120 ms, forty times this look."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

FILE_NAME = "journal.sqlite3"
PENDING = "pending"  # a change is journaled as pending before its files are touched


def any_pending(data_dir: Path, folder: Path) -> bool:
    """``True`` when the journal in ``data_dir`` may hold a pending change of the knowledge folder ``folder`` (or
    one journaled before changes named their folder, or one of a folder no longer there, which may be this one
    moved): those are the ones the store would look at to finish or drop.

    A journal this can't read counts as one: the store reads it next and says what is wrong with it."""
    path = data_dir / FILE_NAME
    if not path.is_file():
        return False
    import sqlite3  # here: where there is no journal, 'ask' needs no SQLite

    try:
        with contextlib.closing(read_only(path, timeout=1)) as db:
            folders = [row[0] for row in db.execute("SELECT DISTINCT folder FROM changes WHERE state = ?", (PENDING,))]
    except sqlite3.Error:
        return True
    mine = str(folder.resolve())
    # a pending change of a folder that is gone may be this one's, moved since the crash (the store looks)
    return any(other is None or other == mine or not Path(other).exists() for other in folders)


def read_only(path: Path, timeout: float = 30) -> sqlite3.Connection:
    """A connection to the journal at ``path`` that never writes. A journal in WAL mode in a folder we may not write
    to can't be opened the usual way (SQLite makes its shared-memory file beside it), so it is read as immutable,
    when no write-ahead file beside it says a writer may be at work (a writer needs that folder too)."""
    import sqlite3

    uri = path.resolve().as_uri()
    try:
        return _reader(f"{uri}?mode=ro", timeout)
    except sqlite3.OperationalError:
        if path.with_name(f"{path.name}-wal").exists():  # a writer may be at work: immutable would read it wrong
            raise
        return _reader(f"{uri}?immutable=1", timeout)


def _reader(uri: str, timeout: float) -> sqlite3.Connection:
    import sqlite3

    db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1")  # where SQLite finds out whether it can open it so
    except BaseException:
        db.close()
        raise
    return db
