"""The engine's worker thread: one call at a time, in priority order, errors handed back."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.app.worker import ASKED, PASSIVE, EngineWorker


async def test_calls_run_on_one_thread_and_errors_come_back() -> None:
    worker = EngineWorker()
    try:
        names = await asyncio.gather(*(worker.run(lambda: threading.current_thread().name) for _ in range(5)))
        assert set(names) == {"storybot-engine"}

        def fail() -> None:
            raise ValueError("boom")

        with pytest.raises(ValueError, match="boom"):
            await worker.run(fail)
        assert worker.pending(ASKED) == 0
    finally:
        worker.close()


async def test_a_question_someone_waits_for_goes_before_queued_passive_work() -> None:
    worker = EngineWorker()
    gate, began = threading.Event(), threading.Event()
    order: list[str] = []
    try:
        first = asyncio.ensure_future(worker.run(lambda: (began.set(), gate.wait(10), order.append("running")),
                                                 PASSIVE))
        assert await asyncio.to_thread(began.wait, 10)
        passive = [asyncio.ensure_future(worker.run(lambda n=n: order.append(f"passive {n}"), PASSIVE))
                   for n in range(3)]
        await asyncio.sleep(0)  # each task hands its call over
        asked = asyncio.ensure_future(worker.run(lambda: order.append("asked"), ASKED))
        await asyncio.sleep(0)
        assert worker.pending(PASSIVE) == 4 and worker.pending(ASKED) == 1
        gate.set()
        await asyncio.gather(first, asked, *passive)
        assert order == ["running", "asked", "passive 0", "passive 1", "passive 2"]
    finally:
        gate.set()
        worker.close()


async def test_closing_cancels_what_was_still_queued() -> None:
    worker = EngineWorker()
    gate, began = threading.Event(), threading.Event()
    running = asyncio.ensure_future(worker.run(lambda: (began.set(), gate.wait(10))[1]))
    assert await asyncio.to_thread(began.wait, 10)
    queued = asyncio.ensure_future(worker.run(lambda: "never"))
    await asyncio.sleep(0)
    closing = asyncio.ensure_future(asyncio.to_thread(worker.close))
    for _ in range(1000):  # until the stop is queued (ahead of the waiting call) and close() waits for the running one
        if worker._jobs.qsize() >= 2:
            break
        await asyncio.sleep(0.01)
    gate.set()
    await closing
    assert await running is True
    with pytest.raises(asyncio.CancelledError):
        await queued


async def test_a_closed_worker_runs_nothing_more() -> None:
    worker = EngineWorker()
    assert await worker.run(lambda: 1) == 1
    thread = worker._thread
    worker.close()
    with pytest.raises(asyncio.CancelledError):
        await worker.run(lambda: 2)
    assert thread is not None and not thread.is_alive()
    assert worker._thread in (None, thread), "no second thread was started"


async def test_a_call_still_running_when_closing_gives_up_stops_its_thread_when_it_returns() -> None:
    worker = EngineWorker()
    gate, began = threading.Event(), threading.Event()
    running = asyncio.ensure_future(worker.run(lambda: (began.set(), gate.wait(10))[1]))
    assert await asyncio.to_thread(began.wait, 10)
    await asyncio.to_thread(worker.close, 0.05)  # gives up waiting: the call is still running
    with pytest.raises(asyncio.CancelledError):
        await worker.run(lambda: "a second thread")
    gate.set()
    assert await running is True
    thread = worker._thread
    assert thread is not None
    await asyncio.to_thread(thread.join, 10)
    assert not thread.is_alive(), "the stray thread found its stop order"


async def test_work_that_exits_its_thread_still_answers_its_caller() -> None:
    worker = EngineWorker()

    def exits() -> None:
        raise SystemExit(3)

    try:
        with pytest.raises(RuntimeError, match="stopped"):
            await worker.run(exits)
        assert await worker.run(lambda: "a fresh thread") == "a fresh thread"
    finally:
        worker.close()
