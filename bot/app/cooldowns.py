"""One per-user rate limit shared by /ask, buttons that answer, mentions, and the public posts of /quote,
/source and /timeline (their private refusals don't count: only what fills a channel does).

Every time here is ``time.monotonic()``: the bucket is filled and read on the same clock, so the
wait a user is told is the real one (discord.py's buckets default to the wall clock).
"""

from __future__ import annotations

import math
import time

from discord import app_commands

RATE = 5
PER_SECONDS = 10.0
_PRUNE_AT = 10_000


def wait_text(seconds: float) -> str:
    """ "you can ask again in 7 seconds": whole seconds, rounded up, never 0."""
    whole = max(1, math.ceil(seconds))
    return f"you can ask again in {whole} second{'s' if whole != 1 else ''}"


class UserCooldowns:
    def __init__(self, rate: int = RATE, per: float = PER_SECONDS) -> None:
        self.rate = rate
        self.per = per
        self._buckets: dict[int, app_commands.Cooldown] = {}
        self._told: dict[int, float] = {}  # user -> when the wait they were told about ends

    def hit(self, user_id: int) -> app_commands.Cooldown | None:
        """Count one request; return the bucket when the user is over the limit, else ``None``."""
        now = time.monotonic()
        if len(self._buckets) > _PRUNE_AT:
            self._buckets = {uid: b for uid, b in self._buckets.items() if b.get_tokens(now) < b.rate}
            self._told = {uid: end for uid, end in self._told.items() if end > now}
        bucket = self._buckets.setdefault(user_id, app_commands.Cooldown(self.rate, self.per))
        return bucket if bucket.update_rate_limit(now) else None

    def retry_after(self, user_id: int) -> float:
        """Seconds until the user may ask again (0 when they may now)."""
        bucket = self._buckets.get(user_id)
        if bucket is None or bucket.get_tokens(time.monotonic()) > 0:
            return 0.0
        return bucket.get_retry_after(time.monotonic())

    def check(self, user_id: int) -> None:
        """Raise ``CommandOnCooldown`` (which the tree's handler turns into a friendly notice)."""
        bucket = self.hit(user_id)
        if bucket is not None:
            raise app_commands.CommandOnCooldown(bucket, bucket.get_retry_after(time.monotonic()))

    def first_refusal(self, user_id: int) -> float | None:
        """For a message over the limit: the wait, the first time in this wait; ``None`` after that
        (a user who keeps mentioning the bot is told once, then only sees a ⏳)."""
        now = time.monotonic()
        wait = self.retry_after(user_id)
        if self._told.get(user_id, 0.0) > now:
            return None
        self._told[user_id] = now + wait
        return wait
