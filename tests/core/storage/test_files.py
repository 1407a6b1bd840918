"""The inter-process lock the store writes under: exclusive across processes and threads, freed by a crash."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from bot.core.storage.files import LockTimeout, file_lock
from tests.conftest import ROOT

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from bot.core.storage.files import file_lock
    with file_lock(Path(sys.argv[1])):
        print("held", flush=True)
        time.sleep(60)
""")


def _holder(lock: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_another_process_holding_the_lock_makes_a_writer_wait_then_time_out(tmp_path: Path) -> None:
    lock = tmp_path / "data" / ".lock"
    proc = _holder(lock)
    try:
        started = time.monotonic()
        with pytest.raises(LockTimeout, match=r"\.lock is locked by another writer"), file_lock(lock, timeout=0.3):
            pass
        assert time.monotonic() - started >= 0.3
    finally:
        proc.kill()
        proc.wait()


def test_a_writer_that_dies_holding_the_lock_frees_it(tmp_path: Path) -> None:
    lock = tmp_path / ".lock"
    proc = _holder(lock)
    proc.kill()  # no clean-up runs: the OS releases the lock with the process
    proc.wait()
    with file_lock(lock, timeout=2):
        assert lock.exists()


def test_two_threads_of_one_process_exclude_each_other(tmp_path: Path) -> None:
    lock = tmp_path / ".lock"
    inside: list[int] = []
    overlaps: list[int] = []

    def work(n: int) -> None:
        for _ in range(20):
            with file_lock(lock):
                inside.append(n)
                if len(inside) > 1:
                    overlaps.append(n)
                time.sleep(0.001)
                inside.remove(n)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == []


def test_the_lock_is_released_after_an_exception(tmp_path: Path) -> None:
    lock = tmp_path / ".lock"
    with pytest.raises(RuntimeError), file_lock(lock):
        raise RuntimeError("boom")
    with file_lock(lock, timeout=0.5):
        pass


def test_an_atomic_write_on_windows_does_not_open_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses ``os.open`` on a folder; the write must not fail after the file is in place."""
    from bot.core.storage import files

    real_open = files.os.open

    def windows_open(path: object, flags: int, *args: object) -> int:
        if Path(str(path)).is_dir():
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "open", windows_open)
    monkeypatch.setattr(files.sys, "platform", "win32")
    target = tmp_path / "kb.yaml"
    files.atomic_write(target, "facts: []\n")
    files.atomic_remove(target)
    assert not target.exists()
