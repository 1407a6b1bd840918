"""Whether a journal holds a change a crash left half written, found without the store or the journal.

``ask`` looks at every start, and importing those two costs about 120 ms, forty times this look."""

from __future__ import annotations

import contextlib
from pathlib import Path

FILE_NAME = "journal.sqlite3"
PENDING = "pending"  # a change is journaled as pending before its files are touched


def any_pending(data_dir: Path, folder: Path) -> bool:
    """``True`` when the journal in ``data_dir`` may hold a pending change of the knowledge folder ``folder`` (or
    one journaled before changes named their folder): those are the ones the store would finish or drop.

    A journal this can't read counts as one: the store reads it next and says what is wrong with it."""
    path = data_dir / FILE_NAME
    if not path.is_file():
        return False
    import sqlite3  # here: where there is no journal, 'ask' needs no SQLite

    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)) as db:
            found = db.execute("SELECT 1 FROM changes WHERE state = ? AND (folder = ? OR folder IS NULL) LIMIT 1",
                               (PENDING, str(folder.resolve()))).fetchone()
    except sqlite3.Error:
        return True
    return found is not None
