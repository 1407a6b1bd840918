"""Recording under load: many threads at once lose nothing, a thread keeps one connection, and
handing over an unanswered question never waits for the disk or another writer's lock."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bot.core.storage import journal as journal_module
from bot.core.storage.journal import FILE_NAME, Journal

THREADS = 16
EACH = 50


def run_at_once(work: Any, threads: int = THREADS) -> list[float]:
    """``work(n)`` in ``threads`` threads released together; how long each thread took, in seconds."""
    start = threading.Barrier(threads)
    took = [0.0] * threads
    errors: list[BaseException] = []

    def body(n: int) -> None:
        start.wait()
        began = time.monotonic()
        try:
            work(n)
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        took[n] = time.monotonic() - began

    workers = [threading.Thread(target=body, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert not errors, errors
    assert not any(w.is_alive() for w in workers), "a recording thread never finished"
    return took


def counts(journal: Journal) -> Counter[tuple[str, str]]:
    db = sqlite3.connect(journal.path)
    try:
        return Counter({(q, g): c for q, g, c in db.execute("SELECT question, guild, count FROM unanswered")})
    finally:
        db.close()


def test_many_threads_recording_at_once_lose_nothing_and_share_commits(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    writes: list[int] = []
    real_write = journal._write_unanswered

    def counted(rows: list[tuple[str, str, str]]) -> None:
        writes.append(len(rows))
        real_write(rows)

    journal._write_unanswered = counted  # type: ignore[method-assign]

    def work(n: int) -> None:
        for k in range(EACH):
            question = f"question {k % 10} from everyone" if k % 2 else f"question {k} of thread {n}"
            if k % 3:
                journal.record_unanswered(question, n % 2 or None)  # waits until committed
            else:
                journal.record_unanswered_later(question, n % 2 or None)

    run_at_once(work)
    assert journal.flush(timeout=30)
    expected: Counter[tuple[str, str]] = Counter()
    for n in range(THREADS):
        for k in range(EACH):
            question = f"question {k % 10} from everyone" if k % 2 else f"question {k} of thread {n}"
            expected[(question, "1" if n % 2 else "dm")] += 1
    assert counts(journal) == expected, "every question counted, each exactly as often as it was asked"
    assert sum(writes) == THREADS * EACH
    assert len(writes) < THREADS * EACH, "questions queued while a commit ran were written together"
    assert sum(u.count for u in journal.unanswered(limit=10_000)) == THREADS * EACH


def test_handing_over_never_waits_for_another_writers_lock(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    other = sqlite3.connect(tmp_path / FILE_NAME, isolation_level=None)  # the CLI, say, in a long write
    other.execute("BEGIN IMMEDIATE")
    try:
        took = run_at_once(lambda n: [journal.record_unanswered_later(f"q{n}-{k}", 1) for k in range(EACH)], 8)
        assert max(took) < 0.5, f"handing over took {max(took):.2f} s: it waited for the lock"
        assert not journal.flush(timeout=0.3), "nothing can be written while the other writer holds the lock"
    finally:
        other.execute("COMMIT")
        other.close()
    assert journal.flush(timeout=30)
    assert sum(counts(journal).values()) == 8 * EACH, "written once the lock was free: nothing lost"


def test_a_thread_keeps_one_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    journal = Journal(tmp_path)
    opened: list[int] = []
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(threading.get_ident())
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(journal_module.sqlite3, "connect", connect)

    def work(n: int) -> None:
        for _ in range(20):
            journal.history()
            journal.count_changes()
            journal.vote(n, 42, "staff", "how many staff", up=True)

    run_at_once(work, 4)
    assert len(opened) == 4, f"{len(opened)} connections for 4 threads making 240 calls"
    assert [f.entry for f in journal.feedback()] == []  # only 👍: nothing to show
    journal.close()


def test_a_journal_replaced_on_disk_is_opened_again(tmp_path: Path) -> None:
    """A thread's connection must not keep writing to a file that is gone (deleted, or moved aside
    by another process's repair): the next call opens the file that is there now."""
    journal = Journal(tmp_path)
    journal.record_unanswered("first question", 1)
    assert [u.question for u in journal.unanswered()] == ["first question"]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{journal.path}{suffix}").unlink(missing_ok=True)
    Journal(tmp_path)  # another process starts a new journal at the same place
    journal.record_unanswered("second question", 1)
    assert [u.question for u in Journal(tmp_path).unanswered()] == ["second question"]


def test_steady_misses_are_written_by_one_thread_not_one_each(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    writers: set[int] = set()
    real_write = journal._write_unanswered

    def noted(rows: list[tuple[str, str, str]]) -> None:
        writers.add(threading.get_ident())
        real_write(rows)

    journal._write_unanswered = noted  # type: ignore[method-assign]
    for n in range(20):
        journal.record_unanswered_later(f"question {n}", 1)
        time.sleep(0.01)  # a miss every 10 ms: the writer is idle in between
    assert journal.flush(timeout=30)
    assert sum(u.count for u in journal.unanswered(limit=100)) == 20
    assert len(writers) == 1, f"{len(writers)} writer threads for 20 misses"


def test_misses_handed_over_gather_into_one_commit_until_someone_waits(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_module, "GATHER", 60.0)  # only a caller that waits can end the gathering here
    journal = Journal(tmp_path)
    writes: list[list[str]] = []
    real_write = journal._write_unanswered

    def counted(rows: list[tuple[str, str, str]]) -> None:
        writes.append([question for question, _, _ in rows])
        real_write(rows)

    journal._write_unanswered = counted  # type: ignore[method-assign]
    for n in range(5):
        journal.record_unanswered_later(f"question {n}", 1)
    journal.record_unanswered("asked by a caller that waits", 1)  # returns once committed, with the rest
    assert writes == [[*(f"question {n}" for n in range(5)), "asked by a caller that waits"]]
    journal.record_unanswered_later("one more", 1)
    journal.record_unanswered_later("and another", 1)
    assert journal.flush(timeout=10), "flush ends the gathering instead of waiting it out"
    assert writes[1:] == [["one more", "and another"]]
    assert sum(u.count for u in journal.unanswered(limit=100)) == 8


def test_closing_never_closes_a_connection_under_another_thread(tmp_path: Path) -> None:
    """sqlite3 can crash the process when a connection is closed while another thread uses it."""
    journal = Journal(tmp_path)
    opened, closed, done = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, Any] = {}

    def other() -> None:
        journal.count_changes()
        seen["db"] = journal._connections.get()
        opened.set()
        closed.wait(10)
        seen["still_open"] = seen["db"].execute("SELECT 1").fetchone()[0] == 1  # raises if closed under us
        seen["count"] = journal.count_changes()  # and the journal works on, with a new connection
        done.set()

    thread = threading.Thread(target=other)
    thread.start()
    assert opened.wait(10)
    journal.close()
    closed.set()
    assert done.wait(10)
    thread.join(10)
    assert seen["still_open"] is True and seen["count"] == 0
