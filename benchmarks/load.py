"""Load: 1,000 /ask interactions fired at the loopback Discord, and what came back.

    python -m benchmarks.load [--count 1000] [--rate 0]

``--rate 0`` (the default) fires them all at once, a burst; ``--rate N`` sends N per second,
like a busy server. The fake Discord keeps Discord's rule: an interaction not acknowledged
within 3 seconds is gone (10062). Prints how many were answered, how many were lost (no
acknowledgement in time: must be 0), how many the bot deferred because it was behind, p50/p99
from dispatch to the first response and to the answer itself, and errors. The fake Discord
runs in the same process as the bot, so the figures include its work too: they are an upper
bound for the bot alone. Not run as a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import create_bot  # noqa: E402
from bot.config import Settings  # noqa: E402
from tests.support.fake_discord import FakeDiscord, InteractionHandle  # noqa: E402

QUESTIONS = ["who runs the space station?", "iss crew?", "what did nasa say", "why was nasa mad",
             "when did the war start", "who is kathy lueders", "what flags did they hold", "lol",
             "what are the cosmonauts names", "who recognises the republics"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


async def fire(count: int, rate: float, pool: int = 0) -> dict[str, object]:
    logging.basicConfig(level=logging.WARNING)
    options: dict[str, object] = {"connector": aiohttp.TCPConnector(limit=pool)} if pool else {}
    with tempfile.TemporaryDirectory() as data:
        async with FakeDiscord(interaction_timeout=3.0) as fake:  # Discord's window to acknowledge
            users = [fake.add_user(f"user{n}") for n in range(count)]  # the cooldown is per user
            settings = Settings(knowledge_dir=ROOT / "knowledge", data_dir=Path(data), dev_guild_id=fake.guild.id,
                                application_id=fake.application_id)
            bot = create_bot(settings, **options)
            await fake.start_bot(bot)
            handles: list[InteractionHandle] = []
            started = time.perf_counter()
            for n in range(count):
                handles.append(await fake.slash_command("ask", {"question": QUESTIONS[n % len(QUESTIONS)]},
                                                        user=users[n]))
                if rate:
                    await asyncio.sleep(max(0.0, started + (n + 1) / rate - time.perf_counter()))
            sent = time.perf_counter() - started
            replies = await asyncio.gather(*(h.reply(timeout=120) for h in handles), return_exceptions=True)
            latencies = [h.latency * 1000 for h in handles if h.latency is not None]
            acknowledged = [h for h in handles if h.callback is not None and h.callback.ok]
            deferred = [h for h in acknowledged if isinstance(h.callback.body, dict)  # type: ignore[union-attr]
                        and h.callback.body.get("type") == 5]  # type: ignore[union-attr]
            answered = [h for h, reply in zip(handles, replies, strict=True) if h in acknowledged
                        and isinstance(reply, dict) and (reply.get("content") or reply.get("embeds"))]
            answer_ms = [1000 * (_answered_at(h) - h.dispatched_at) for h in answered]
            errors = len(fake.errors)
            await fake.stop_bot(raise_errors=False)
            fake.strict = False
            return {"count": count, "rate_per_s": rate or "burst", "dispatch_s": round(sent, 3),
                    "answered": len(answered), "lost": count - len(acknowledged), "deferred": len(deferred),
                    "over_3s": sum(1 for value in latencies if value > 3000), "errors_logged": errors,
                    "p50_ms": round(percentile(latencies, 0.5), 1), "p99_ms": round(percentile(latencies, 0.99), 1),
                    "max_ms": round(max(latencies, default=float("nan")), 1),
                    "answer_p50_ms": round(percentile(answer_ms, 0.5), 1),
                    "answer_p99_ms": round(percentile(answer_ms, 0.99), 1)}


def _answered_at(handle: InteractionHandle) -> float:
    """When the answer itself reached Discord: the callback, or after a defer the edit or follow-up."""
    later = [r.received_at for r in handle.requests if r.status and r.method in ("PATCH", "POST")
             and r.path.startswith("/webhooks/")]
    return min(later) if later else handle.callback.received_at  # type: ignore[union-attr]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=0.0, help="interactions per second (0: all at once)")
    parser.add_argument("--pool", type=int, default=0,
                        help="connections the bot's HTTP client may open (0: discord.py's default, no limit)")
    args = parser.parse_args()
    figures = asyncio.run(fire(args.count, args.rate, args.pool))
    print(f"{figures['answered']}/{figures['count']} answered, {figures['lost']} lost (not acknowledged within "
          f"3 s), {figures['deferred']} deferred, {figures['errors_logged']} errors logged; dispatch→first response "
          f"p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms; dispatch→answer "
          f"p50 {figures['answer_p50_ms']} ms, p99 {figures['answer_p99_ms']} ms ({figures['rate_per_s']})")
    print(json.dumps(figures))
    return 0 if figures["lost"] == 0 and figures["answered"] == figures["count"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
