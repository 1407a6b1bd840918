"""One per-user rate limit shared by /ask, buttons that answer, and mentions."""

from __future__ import annotations

import time

from discord import app_commands

RATE = 5
PER_SECONDS = 10.0
_PRUNE_AT = 10_000


class UserCooldowns:
    def __init__(self, rate: int = RATE, per: float = PER_SECONDS) -> None:
        self.rate = rate
        self.per = per
        self._buckets: dict[int, app_commands.Cooldown] = {}

    def hit(self, user_id: int) -> app_commands.Cooldown | None:
        """Count one request; return the bucket when the user is over the limit, else ``None``."""
        now = time.monotonic()
        if len(self._buckets) > _PRUNE_AT:
            self._buckets = {uid: b for uid, b in self._buckets.items() if b.get_tokens(now) < b.rate}
        bucket = self._buckets.setdefault(user_id, app_commands.Cooldown(self.rate, self.per))
        return bucket if bucket.update_rate_limit(now) else None

    def check(self, user_id: int) -> None:
        """Raise ``CommandOnCooldown`` (which the tree's handler turns into a friendly notice)."""
        bucket = self.hit(user_id)
        if bucket is not None:
            raise app_commands.CommandOnCooldown(bucket, bucket.get_retry_after())
