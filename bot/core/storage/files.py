"""Safe file writing: an inter-process lock, and writes that land whole or not at all."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


class LockTimeout(Exception):
    """Another writer held the lock for too long."""


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = 15.0) -> Iterator[None]:
    """An exclusive lock on ``path``, shared by threads and processes alike, on every platform.

    ``filelock`` takes an OS lock (``flock`` on Unix, ``msvcrt.locking`` on Windows), so a writer
    that dies releases it with its process. Each call makes its own lock object and file handle,
    so two threads of one process exclude each other too. No soft fallback: where the file system
    has no ``flock``, failing loudly beats a marker file that a crash would leave behind.
    """
    import filelock  # here, not at the top: importing it costs ~10 ms that `ask` never needs

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(path, thread_local=False, fallback_to_soft=False)
    try:
        lock.acquire(timeout=timeout, poll_interval=0.01)
    except filelock.Timeout:
        raise LockTimeout(f"{path} is locked by another writer") from None
    try:
        yield
    finally:
        lock.release()


def _fsync_dir(directory: Path) -> None:
    if sys.platform == "win32":
        return  # a folder can't be opened as a file there (PermissionError); NTFS journals the rename itself
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The text goes to a temporary file in the same folder, is flushed and fsynced, then
    ``os.replace`` swaps it in and the folder is fsynced. On any failure (disk full, a size
    limit, an exception) the temporary file is removed and the old file is untouched.

    The temporary file is made by ``mkstemp`` (``O_CREAT | O_EXCL``, an unguessable name), so a
    link planted in the folder can't redirect the write; ``os.replace`` swaps the directory
    entry and never writes through a link at ``path``. The file keeps the mode it had.
    """
    try:
        mode = stat.S_IMODE(os.lstat(path).st_mode)
    except FileNotFoundError:
        mode = 0o644
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def atomic_remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        _fsync_dir(path.parent)
