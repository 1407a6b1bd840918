"""DATA_DIR is private: the folder 0700, the journal and the vote salt 0600, so nobody else on the
machine can read the salt and reverse the voters' hashes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bot.core.storage.journal import FILE_NAME, SALT_FILE, Journal

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> object:
    old = os.umask(0o022)  # the usual default: new files 0644, folders 0755
    yield
    os.umask(old)


@pytest.mark.usefixtures("loose_umask")
def test_a_new_data_folder_and_its_files_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    journal = Journal(data)
    journal.vote(1, 42, "staff", "how many staff", up=False)
    journal.record_unanswered("who commands the station", None)
    assert mode(data) == 0o700
    files = [p for p in data.iterdir()]
    assert {p.name for p in files} >= {FILE_NAME, SALT_FILE}
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    import sqlite3

    held = sqlite3.connect(journal.path)  # while a connection is open, the -wal and -shm files exist
    try:
        held.execute("INSERT INTO unanswered VALUES ('q', 'dm', 1, 'a', 'b')")
        held.commit()
        sidecars = [data / f"{FILE_NAME}-wal", data / f"{FILE_NAME}-shm"]
        assert all(p.exists() and mode(p) == 0o600 for p in sidecars)
    finally:
        held.close()


@pytest.mark.usefixtures("loose_umask")
def test_an_existing_world_readable_data_folder_is_made_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Journal(data).vote(1, 42, "staff", "how many staff", up=False)
    data.chmod(0o755)
    for name in (FILE_NAME, SALT_FILE):
        (data / name).chmod(0o644)
    Journal(data)
    assert mode(data) == 0o700
    assert mode(data / FILE_NAME) == 0o600 and mode(data / SALT_FILE) == 0o600


@pytest.mark.usefixtures("loose_umask")
def test_a_shared_folder_keeps_its_permissions_and_the_journals_files_are_still_private(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    shared = tmp_path / "tmp"  # DATA_DIR=/tmp: closing it would lock every other user out
    shared.mkdir()
    shared.chmod(0o1777)
    other = shared / "notes.txt"
    other.write_text("x", encoding="utf-8")
    other.chmod(0o644)
    Journal(shared).vote(1, 42, "staff", "how many staff", up=False)
    assert mode(shared) == 0o1777
    assert mode(other) == 0o644
    assert mode(shared / FILE_NAME) == 0o600 and mode(shared / SALT_FILE) == 0o600
    assert "permissions are left as they are" in caplog.text
