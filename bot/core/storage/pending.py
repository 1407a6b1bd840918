"""Whether a journal holds a change a crash left half written, found without the store or the journal.

``ask`` looks at every start, and importing those two costs about 120 ms, forty times this look."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

FILE_NAME = "journal.sqlite3"
PENDING = "pending"  # a change is journaled as pending before its files are touched


def any_pending(data_dir: Path) -> bool:
    """``True`` when the journal in ``data_dir`` may hold a pending change of any folder's.

    A journal this can't read counts as one: the store reads it next and says what is wrong with it."""
    path = data_dir / FILE_NAME
    if not path.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)) as db:
            return db.execute("SELECT 1 FROM changes WHERE state = ? LIMIT 1", (PENDING,)).fetchone() is not None
    except sqlite3.Error:
        return True
