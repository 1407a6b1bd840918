"""Log output for people and for log collectors.

* On a terminal: one coloured line per record (unless ``NO_COLOR`` is set).
* Anywhere else (a pipe, a file, journald, a container): the same line, plain, no escape codes.
* ``LOG_FORMAT=json``: one JSON object per line (``time``, ``level``, ``logger``, ``message``, and
  ``exception`` when there is one) for collectors such as Loki, Elasticsearch or CloudWatch.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Final, TextIO

from bot.safe_stream import SafeStream, visible

FORMATS: Final = ("text", "json")
PLAIN: Final = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
DATE: Final = "%Y-%m-%d %H:%M:%S"
_COLOURS: Final = {logging.DEBUG: "\x1b[40;1m", logging.INFO: "\x1b[34;1m", logging.WARNING: "\x1b[33;1m",
                   logging.ERROR: "\x1b[31m", logging.CRITICAL: "\x1b[41m"}
_RESET: Final = "\x1b[0m"


class ColourFormatter(logging.Formatter):
    """The plain line with the level coloured and the logger name dimmed."""

    def __init__(self) -> None:
        super().__init__(PLAIN, DATE)
        self._by_level = {
            level: logging.Formatter(f"\x1b[30;1m%(asctime)s{_RESET} {colour}%(levelname)-8s{_RESET} "
                                     f"\x1b[35m%(name)s{_RESET}: %(message)s", DATE)
            for level, colour in _COLOURS.items()
        }

    def format(self, record: logging.LogRecord) -> str:
        """The line coloured by our own codes, with any in what it quotes (a member's text) shown as codes."""
        shown = copy.copy(record)
        shown.msg, shown.args = visible(record.getMessage()), None
        if record.exc_info:
            shown.exc_text, shown.exc_info = visible(self.formatException(record.exc_info)), None
        formatter = self._by_level.get(record.levelno)
        return formatter.format(shown) if formatter else super().format(shown)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


def wants_colour(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def formatter_for(log_format: str, stream: TextIO) -> logging.Formatter:
    if log_format == "json":
        return JsonFormatter()
    return ColourFormatter() if wants_colour(stream) else logging.Formatter(PLAIN, DATE)


@contextmanager
def terminal_notes(command: str, stream: TextIO) -> Iterator[None]:
    """For one terminal command, the bot's own warnings said as its other notes are ("storybot kb: ..."), once;
    without it Python's last-resort handler printed them bare, beside the note the command printed itself."""
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(f"storybot {command}: %(message)s"))
    logger = logging.getLogger("storybot")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def setup_logging(level: str, log_format: str = "text", stream: TextIO | None = None) -> logging.Handler:
    """One handler on the root logger (replacing the one set before), for our logs and discord.py's."""
    stream = stream if stream is not None else sys.stderr
    formatter = formatter_for(log_format, stream)
    if isinstance(formatter, ColourFormatter) and isinstance(stream, SafeStream):
        stream = stream.stream  # the formatter's own colour codes must reach the terminal; it shows the rest safely
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.set_name("storybot")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "storybot"]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return handler
