"""The engine's matching, off the event loop: one worker thread, one question at a time.

Matching a long, unreadable question takes about a second of CPU. Done on the event loop, that
second stops everything else: a few such messages delayed an ``/ask`` past Discord's 3 seconds.
Here the event loop hands the work to a thread and stays free to acknowledge interactions.

One thread, not a pool: the engine keeps caches that its calls fill as they go (its recent answers,
the matcher's lines read, the speller's corrections), and a single thread keeps every call into it
in a row, as on the event loop before. A knowledge base swapped in meanwhile (a reload, an edit)
is safe: a call works on the engine it was handed, which stays whole; the next call gets the new one.

Work is taken in priority order: a question someone is waiting for (``ASKED``) goes before the
bot's own look at a watched channel's messages (``PASSIVE``, the 💡), so chatter can't hold up ``/ask``.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

log = logging.getLogger("storybot.worker")
T = TypeVar("T")

STOP = -1  # taken before anything else
ASKED = 0  # someone is waiting for this answer
PASSIVE = 1  # a 💡 check: nobody asked, it may wait (or be skipped)

_Job = tuple[int, int, Callable[[], Any] | None, asyncio.AbstractEventLoop | None, "asyncio.Future[Any] | None"]


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():  # cancelled meanwhile (the interaction's task ended)
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


class EngineWorker:
    def __init__(self) -> None:
        self._jobs: queue.PriorityQueue[_Job] = queue.PriorityQueue()
        self._order = itertools.count()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()
        self._pending = {ASKED: 0, PASSIVE: 0}  # read and written on the event loop only
        self._closed = False

    def pending(self, priority: int) -> int:
        """Calls of this priority handed over and not finished yet."""
        return self._pending[priority]

    async def run(self, call: Callable[[], T], priority: int = ASKED) -> T:
        """``call()`` on the worker thread; its result (or its exception) here. Once closed, nothing more
        is run: the call is cancelled (a second thread would work on the engine beside a stray first)."""
        if self._closed:
            raise asyncio.CancelledError("the engine's worker is closed")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._started()
        self._pending[priority] += 1
        try:
            self._jobs.put((priority, next(self._order), call, loop, future))
            return await future
        finally:
            self._pending[priority] -= 1

    def _started(self) -> None:
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="storybot-engine", daemon=True)
                self._thread.start()

    def _work(self) -> None:
        while True:
            _, _, call, loop, future = self._jobs.get()
            if call is None or loop is None or future is None:
                return
            if future.done():  # given up on before its turn: nothing to compute
                continue
            result: Any = None
            error: BaseException | None = None
            try:
                result = call()
            except Exception as exc:  # handed to the caller, who reports it
                error = exc
            except BaseException as exc:  # not an error of the work (an exit): its caller still hears of it, and
                # the thread ends, as the exit asked; the next call starts a fresh one
                with self._start:
                    self._thread = None
                self._settle_from_thread(loop, future, None, RuntimeError(f"the engine's thread stopped: {exc!r}"))
                return
            self._settle_from_thread(loop, future, result, error)

    @staticmethod
    def _settle_from_thread(loop: asyncio.AbstractEventLoop, future: asyncio.Future[Any], result: Any,
                            error: BaseException | None) -> None:
        try:
            loop.call_soon_threadsafe(_settle, future, result, error)
        except RuntimeError:  # the event loop is closed: nobody is waiting any more
            log.debug("engine work finished after its event loop closed")

    def close(self, timeout: float = 5.0) -> None:
        """Stop the thread once the call it is in (if any) returns; calls still queued are dropped, and
        later ones refused. A call still running after ``timeout`` finds the stop order when it returns."""
        self._closed = True
        thread = self._thread
        if thread is None:
            return
        self._jobs.put((STOP, next(self._order), None, None, None))
        thread.join(timeout)
        stops = 0
        while True:  # what was still queued is never answered: cancel it, so nobody waits for it
            try:
                _, _, call, loop, future = self._jobs.get_nowait()
            except queue.Empty:
                break
            if call is None:
                stops += 1
            elif loop is not None and future is not None and not loop.is_closed():
                loop.call_soon_threadsafe(future.cancel)
        for _ in range(stops):  # a thread still in its call must still find its stop order
            self._jobs.put((STOP, next(self._order), None, None, None))
