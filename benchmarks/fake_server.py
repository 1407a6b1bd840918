"""The fake Discord of the tests, in a process of its own, driven by the load benchmark.

    python -m benchmarks.fake_server      (started by ``python -m benchmarks.load``; not by hand)

It listens on 127.0.0.1 only and talks to its parent through JSON lines: it writes
``{"port", "guild", "application"}`` once it listens, then answers each command read from stdin
with one line. Running apart, its own CPU (building payloads, parsing the bot's requests, keeping
every request) is not counted as the bot's; it is reported beside the bot's, since the two share
the machine's cores the way a bot and Discord would not share one (a fake that needs a core of its
own caps what the bot can be shown to hold).

Commands:
  ``{"cmd": "phase", "questions": [...], "rate": 0 or N, "timeout": S}``: one /ask per question,
  each from a user of its own (the cooldown is per user), all at once (rate 0) or N per second;
  answers with what came back (see ``_figures``) once every interaction is answered or lost, or
  after ``timeout`` seconds.
  ``{"cmd": "quit"}``: stop.
It stops by itself when its parent goes (stdin closes).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.fake_discord import CallbackType, FakeDiscord, InteractionHandle, NoResponse  # noqa: E402

DEFERRED = int(CallbackType.DEFERRED_CHANNEL_MESSAGE)


class CountingFake(FakeDiscord):
    """The fake, counting the TCP connections the bot's HTTP client opened to it (a connection kept
    alive and used again is counted once)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.peers: set[object] = set()
        self.opened = 0

    async def _rest_handler(self, request: web.Request) -> web.StreamResponse:
        transport = request.transport
        peer = transport.get_extra_info("peername") if transport is not None else None
        if peer not in self.peers:
            self.peers.add(peer)
            self.opened += 1
        return await super()._rest_handler(request)


def _answered_at(handle: InteractionHandle) -> float | None:
    """When the answer itself reached Discord: the callback, or after a defer its edit or follow-up."""
    callback = handle.callback
    if callback is None or not callback.ok:
        return None
    if isinstance(callback.body, dict) and callback.body.get("type") == DEFERRED:
        later = [r.received_at for r in handle.requests if r.status and 200 <= r.status < 300
                 and r.method in ("PATCH", "POST") and r.path.startswith("/webhooks/")]
        return min(later) if later else None
    return callback.received_at


def _figures(handles: list[InteractionHandle], opened: int, errors: int, sent_s: float,
             took_s: float, cpu_s: float) -> dict[str, Any]:
    """Per interaction (milliseconds from the dispatch leaving the fake): ``first`` to the first
    response (the acknowledgement Discord wants within 3 s) and ``answer`` to the answer itself."""
    first: list[float] = []
    answer: list[float] = []
    lost = deferred = 0
    for handle in handles:
        callback = handle.callback
        if callback is None or not callback.ok:  # never acknowledged, or too late (10062)
            lost += 1
            continue
        first.append(1000 * (callback.received_at - handle.dispatched_at))
        if isinstance(callback.body, dict) and callback.body.get("type") == DEFERRED:
            deferred += 1
        done = _answered_at(handle)
        if done is not None:
            answer.append(1000 * (done - handle.dispatched_at))
    return {"count": len(handles), "first_ms": first, "answer_ms": answer, "lost": lost, "deferred": deferred,
            "answered": len(answer), "dispatch_s": sent_s, "took_s": took_s, "connections": opened,
            "errors": errors, "fake_cpu_s": cpu_s}


async def _phase(fake: CountingFake, questions: list[str], rate: float, wait_s: float) -> dict[str, Any]:
    users = [fake.add_user(f"asker{fake.snowflake()}") for _ in questions]
    opened, errors = fake.opened, len(fake.server_errors) + len(fake.unhandled)
    handles: list[InteractionHandle] = []
    cpu = time.process_time()
    started = time.monotonic()
    for n, (question, user) in enumerate(zip(questions, users, strict=True)):
        handles.append(await fake.slash_command("ask", {"question": question}, user=user))
        if rate:
            await asyncio.sleep(max(0.0, started + (n + 1) / rate - time.monotonic()))
    sent = time.monotonic() - started

    async def settled(handle: InteractionHandle) -> None:
        with contextlib.suppress(NoResponse):
            callback = await handle.callback_request(timeout=wait_s)
            if callback.ok and isinstance(callback.body, dict) and callback.body.get("type") == DEFERRED:
                await handle.reply(timeout=wait_s)  # the edit or follow-up after the defer

    try:
        async with asyncio.timeout(wait_s):
            await asyncio.gather(*(settled(h) for h in handles))
    except TimeoutError:
        pass
    took = time.monotonic() - started
    return _figures(handles, fake.opened - opened, len(fake.server_errors) + len(fake.unhandled) - errors, sent, took,
                    time.process_time() - cpu)


async def serve() -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=64 * 1024 * 1024)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)

    def say(message: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()

    async with CountingFake(interaction_timeout=3.0, strict=False) as fake:  # Discord's 3-second window
        say({"port": fake.port, "guild": fake.guild.id, "application": fake.application_id})
        while line := await reader.readline():
            command = json.loads(line)
            if command["cmd"] == "quit":
                break
            if command["cmd"] == "phase":
                say(await _phase(fake, command["questions"], float(command["rate"]), float(command["timeout"])))
            else:
                say({"error": f"unknown command {command['cmd']!r}"})
        for ws in list(fake._sockets):
            await ws.close()


if __name__ == "__main__":
    asyncio.run(serve())
