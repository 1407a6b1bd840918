"""Not losing interactions in a burst: when the bot is behind, acknowledge first, answer after.

Discord drops an interaction that isn't acknowledged within 3 seconds. In a burst (hundreds of
/ask at once) the time goes into sending responses, so a question answered in the order it came
can miss the window while it waits its turn. The tree counts the interactions it has received
and not yet acknowledged; while many wait (or one has already waited a while), /ask defers
first (a small "thinking…" acknowledgement) and sends its answer only once the queue of
acknowledgements has drained, so acknowledgements are never stuck behind answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import discord

RECEIVED = "storybot-received"  # interaction.extras: when the tree received it (time.monotonic())
_COUNTED = "storybot-waiting"  # interaction.extras: counted as waiting for its acknowledgement
#: More interactions than this waiting for an acknowledgement: the bot is behind.
BEHIND_AT = 8
#: An interaction that has waited this long is acknowledged first, whatever the count (Discord: 3 s).
DEFER_AFTER = 1.0
#: How long an answer waits for the acknowledgements ahead of it (a follow-up may come up to 15 min later).
FOLLOW_UP_WAIT = 10.0


class Backlog:
    def __init__(self) -> None:
        self.waiting = 0
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
        return self.waiting > BEHIND_AT or waited > DEFER_AFTER

    async def drained(self) -> None:
        """Wait until every interaction received so far is acknowledged (at most ``FOLLOW_UP_WAIT``)."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(FOLLOW_UP_WAIT):
                await self._drained.wait()


async def answer_after_defer(interaction: discord.Interaction[Any], private: bool, **kwargs: Any) -> None:
    """The answer to an interaction deferred with ``thinking``: it replaces the "thinking…" message, or,
    for a private reply, goes privately and the public "thinking…" message is removed."""
    if not private:
        await interaction.edit_original_response(**kwargs)
        return
    # The first follow-up after a defer would replace the public "thinking…" message (and be public):
    # remove that message first, so the follow-up is a new, private message.
    with contextlib.suppress(discord.NotFound):  # already gone
        await interaction.delete_original_response()
    await interaction.followup.send(**kwargs, ephemeral=True)
