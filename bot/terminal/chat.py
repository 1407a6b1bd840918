"""Terminal chat: the same engine as the Discord bot, one question per line.

With a terminal on stdin there is a prompt with line editing (``readline``); with a pipe
each input line gets one answer, and the banner goes to stderr so stdout stays clean.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import TextIO

from bot.config import Settings
from bot.core.answers import Kind, Result, render_text
from bot.core.engine import Engine

HELP = """Ask anything about the story in plain words. Also:
  topics          what I can answer
  timeline        the story's events in order
  source [LINE]   the article with line numbers, or one line
  quotes          every direct quote
  help            this text
  quit            leave (or Ctrl-D)"""


def render_topics(engine: Engine) -> str:
    lines = []
    for topic, entries in engine.topics().items():
        lines.append(f"{topic}:")
        lines += [f"  - {entry.questions[0]}" for entry in entries if entry.questions]
    return "\n".join(lines)


def render_timeline(engine: Engine) -> str:
    lines = []
    for event in engine.timeline():
        mark = " (inferred)" if event.inferred else ""
        cites = ", ".join(str(c.line) for c in event.cite)
        lines.append(f"{event.when}{mark}: {event.event} [line {cites}]")
    return "\n".join(lines)


def render_source(engine: Engine, argument: str) -> str:
    if not argument:
        return "\n".join(f"{number}: {text}" for number, text in engine.source())
    numbers = ", ".join(str(n) for n, _ in engine.source())
    if not (argument.isascii() and argument.isdecimal()):
        return f"'source' takes a line number, for example: source 3 (the text is on lines {numbers})."
    number = int(argument)
    if number not in engine.kb.article.text_lines:
        return f"Line {number} has no text; the article's text is on lines {numbers}."
    return f"{number}: {engine.kb.article.line(number)}"


def render_quotes(engine: Engine) -> str:
    return "\n".join(f'{q.speaker} (line {q.line}): "{q.text}"' for q in engine.kb.quotes)


def reply(engine: Engine, text: str, on_result: Callable[[Result], None] | None = None) -> str | None:
    """The reply to one input line; ``None`` means the user wants to leave."""
    command, _, argument = text.strip().partition(" ")
    command = command.lower()
    if command in ("quit", "exit", ":q"):
        return None
    simple: dict[str, Callable[[], str]] = {
        "help": lambda: HELP, "?": lambda: HELP, "topics": lambda: render_topics(engine),
        "timeline": lambda: render_timeline(engine), "quotes": lambda: render_quotes(engine),
    }
    if command in simple and not argument:
        return simple[command]()
    if command == "source" and len(argument.split()) <= 1:
        return render_source(engine, argument.strip())
    result = engine.ask(text)
    if on_result is not None:
        on_result(result)
    if result.kind is Kind.DECLINE:
        return f"{render_text(result)} Type 'topics' to see what I can answer."
    return render_text(result)


def banner(engine: Engine, reason: str) -> str:
    story = engine.kb.story
    lines = [reason] if reason else []
    lines.append(f"Storybot — ask about: {story.title} ({story.dateline.quote}).")
    lines.append("Type 'help' for commands, 'quit' to leave.")
    return "\n".join(lines)


def run_chat(engine: Engine, settings: Settings, reason: str = "",
             stdin: TextIO | None = None, stdout: TextIO | None = None,
             on_result: Callable[[Result], None] | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    print(banner(engine, reason), file=stdout if interactive else sys.stderr, flush=True)
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (gives input() history and line editing)
    while True:
        try:
            line = input("you> ") if interactive else stdin.readline()
        except EOFError:
            break
        if not interactive and not line:
            break
        if not line.strip():
            continue  # an empty line is not a question
        answer = reply(engine, line.rstrip("\r\n"), on_result)
        if answer is None:
            break
        print(answer, end="\n\n", file=stdout, flush=True)
    return 0
