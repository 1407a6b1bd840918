"""Load: 1,000 /ask interactions fired at the loopback Discord, and what came back.

    python -m benchmarks.load [--count 1000] [--rate 0]

``--rate 0`` (the default) fires them all at once, a burst; ``--rate N`` sends N per second,
like a busy server. Prints how many were answered, p50/p99 from dispatch to the bot's
callback, and errors. The fake Discord runs in the same process as the bot, so the figures
include its work too: they are an upper bound for the bot alone. Not run as a test.
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


async def fire(count: int, rate: float) -> dict[str, object]:
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as data:
        async with FakeDiscord(interaction_timeout=None) as fake:
            users = [fake.add_user(f"user{n}") for n in range(count)]  # the cooldown is per user
            settings = Settings(knowledge_dir=ROOT / "knowledge", data_dir=Path(data), dev_guild_id=fake.guild.id,
                                application_id=fake.application_id)
            bot = create_bot(settings)
            await fake.start_bot(bot)
            handles: list[InteractionHandle] = []
            started = time.perf_counter()
            for n in range(count):
                handles.append(await fake.slash_command("ask", {"question": QUESTIONS[n % len(QUESTIONS)]},
                                                        user=users[n]))
                if rate:
                    await asyncio.sleep(max(0.0, started + (n + 1) / rate - time.perf_counter()))
            sent = time.perf_counter() - started
            await asyncio.gather(*(h.callback_request(timeout=60) for h in handles), return_exceptions=True)
            latencies = [h.latency * 1000 for h in handles if h.latency is not None]
            late = sum(1 for value in latencies if value > 3000)
            failed = [h for h in handles if h.callback is not None and not h.callback.ok]
            errors = len(fake.errors)
            await fake.stop_bot(raise_errors=False)
            fake.strict = False
            return {"count": count, "rate_per_s": rate or "burst", "dispatch_s": round(sent, 3),
                    "answered": len(latencies) - len(failed), "lost": count - len(latencies),
                    "failed": len(failed), "over_3s": late, "errors_logged": errors,
                    "p50_ms": round(percentile(latencies, 0.5), 1), "p99_ms": round(percentile(latencies, 0.99), 1),
                    "max_ms": round(max(latencies, default=float("nan")), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=0.0, help="interactions per second (0: all at once)")
    args = parser.parse_args()
    figures = asyncio.run(fire(args.count, args.rate))
    print(f"{figures['answered']}/{figures['count']} answered, {figures['lost']} lost, {figures['failed']} failed, "
          f"{figures['errors_logged']} errors logged; dispatch→response p50 {figures['p50_ms']} ms, "
          f"p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms ({figures['rate_per_s']})")
    print(json.dumps(figures))
    return 0 if figures["lost"] == 0 and figures["failed"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
