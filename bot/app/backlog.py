"""Not losing interactions in a burst: when the bot is behind, acknowledge first, answer after.

Discord drops an interaction that isn't acknowledged within 3 seconds. In a burst (hundreds of
/ask at once) the time goes into sending responses, so a question answered in the order it came
can miss the window while it waits its turn. The tree counts the interactions it has received
and not yet acknowledged, and /ask measures what an answer costs; while the ones waiting would
take more than half a second to answer in turn (or one has already waited a while), /ask defers
first (a small "thinking…" acknowledgement) and sends its answer only once the queue of
acknowledgements has drained, so acknowledgements are never stuck behind answers. A queue that
is long but quick to answer (a busy server's steady traffic) is answered directly: deferring
there only adds a request per interaction and holds answers back.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import discord

from bot.app.replies import public_thinking_replaced, remove_public_thinking

RECEIVED = "storybot-received"  # interaction.extras: when the tree received it (time.monotonic())
_COUNTED = "storybot-waiting"  # interaction.extras: counted as waiting for its acknowledgement
#: The bot is behind when the interactions waiting for an acknowledgement would take longer than
#: this (seconds) to answer one after another (Discord's window is 3 s; deferring them all takes time too).
BEHIND_AFTER = 0.5
#: What answering one costs before anything is measured (seconds); then a running average of the
#: measured work (``took``) plus ``SEND_COST`` for building and sending the response.
FIRST_COST = 0.005
SEND_COST = 0.0015
#: An interaction that has waited this long is acknowledged first, whatever the count (Discord: 3 s).
DEFER_AFTER = 1.0
#: How long an answer waits for the acknowledgements ahead of it (a follow-up may come up to 15 min later).
FOLLOW_UP_WAIT = 10.0


class Backlog:
    def __init__(self) -> None:
        self.waiting = 0
        self.cost = FIRST_COST  # seconds one more answer in the queue costs, on average
        self._drained = asyncio.Event()
        self._drained.set()

    def arrived(self, interaction: discord.Interaction[Any]) -> None:
        interaction.extras[RECEIVED] = time.monotonic()
        interaction.extras[_COUNTED] = True
        self.waiting += 1
        self._drained.clear()

    def acknowledged(self, interaction: discord.Interaction[Any]) -> None:
        """Called once the interaction has its first response (or its command has ended)."""
        if interaction.extras.pop(_COUNTED, False):
            self.waiting -= 1
            if self.waiting <= 0:
                self.waiting = 0
                self._drained.set()

    def behind(self, interaction: discord.Interaction[Any]) -> bool:
        """Whether answering this interaction right away risks others (or itself) missing the window."""
        received = interaction.extras.get(RECEIVED)
        waited = time.monotonic() - received if isinstance(received, float) else 0.0
        return self.waiting * self.cost > BEHIND_AFTER or waited > DEFER_AFTER

    def left(self, interaction: discord.Interaction[Any]) -> float:
        """Seconds this interaction may still wait for its answer before it is acknowledged first
        (``DEFER_AFTER`` after it was received): the engine's thread may be busy with others' questions."""
        received = interaction.extras.get(RECEIVED)
        waited = time.monotonic() - received if isinstance(received, float) else 0.0
        return max(0.0, DEFER_AFTER - waited)

    def took(self, seconds: float) -> None:
        """One answer's own work (matching, building the reply) took ``seconds``."""
        self.cost = 0.8 * self.cost + 0.2 * (seconds + SEND_COST)

    async def drained(self) -> None:
        """Wait until every interaction received so far is acknowledged (at most ``FOLLOW_UP_WAIT``)."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(FOLLOW_UP_WAIT):
                await self._drained.wait()


async def answer_after_defer(interaction: discord.Interaction[Any], private: bool, **kwargs: Any) -> None:
    """The answer to an interaction deferred with ``defer_publicly``: it replaces the "thinking…" message,
    or, for a private reply, goes privately and the public "thinking…" message is removed."""
    if not private:
        await interaction.edit_original_response(**kwargs)
        public_thinking_replaced(interaction)
        return
    await remove_public_thinking(interaction)
    await interaction.followup.send(**kwargs, ephemeral=True)
