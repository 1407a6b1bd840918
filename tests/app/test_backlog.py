"""When /ask defers: when the interactions waiting would take too long to answer in turn, not
merely when many are waiting (a busy server's steady traffic is answered directly)."""

from __future__ import annotations

import time
from typing import Any
from unittest.mock import MagicMock

import discord

from bot.app import backlog as backlog_module
from bot.app.backlog import BEHIND_AFTER, DEFER_AFTER, RECEIVED, Backlog


def interaction() -> Any:
    found = MagicMock(spec=discord.Interaction)
    found.extras = {}
    return found


def queue(backlog: Backlog, count: int) -> list[Any]:
    waiting = [interaction() for _ in range(count)]
    for item in waiting:
        backlog.arrived(item)
    return waiting


def test_many_quick_answers_waiting_are_not_behind() -> None:
    backlog = Backlog()
    for _ in range(20):
        backlog.took(0.001)  # answers that take a millisecond (the story's matcher)
    waiting = queue(backlog, 40)  # 40 at once: well under half a second of work
    assert backlog.waiting * backlog.cost < BEHIND_AFTER
    assert not backlog.behind(waiting[0])


def test_a_queue_that_would_take_too_long_is_behind() -> None:
    backlog = Backlog()
    for _ in range(20):
        backlog.took(0.035)  # a heavy answer path, or a slow machine
    waiting = queue(backlog, 40)  # 40 × 36.5 ms: 1.5 s in a row
    assert backlog.behind(waiting[0])
    for item in waiting[:30]:
        backlog.acknowledged(item)
    assert not backlog.behind(waiting[30]), "ten left: a third of a second"


def test_a_burst_is_behind_before_anything_is_measured() -> None:
    backlog = Backlog()
    waiting = queue(backlog, 1000)
    assert backlog.behind(waiting[0])


def test_one_that_has_waited_too_long_is_behind_whatever_the_queue() -> None:
    backlog = Backlog()
    alone = queue(backlog, 1)[0]
    assert not backlog.behind(alone)
    alone.extras[RECEIVED] = time.monotonic() - DEFER_AFTER - 0.1
    assert backlog.behind(alone)


def test_the_cost_follows_what_answers_take() -> None:
    backlog = Backlog()
    for _ in range(50):
        backlog.took(0.010)
    assert abs(backlog.cost - (0.010 + backlog_module.SEND_COST)) < 0.001
