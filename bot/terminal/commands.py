"""What each ``python -m bot`` command does. Nothing here imports discord at module level."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.config import Settings
from bot.core.answers import Kind, Result
from bot.core.engine import Engine, KnowledgeError
from bot.core.messages import question_part
from bot.core.small_talk import small_talk
from bot.terminal import command, reports, waiting_notice
from bot.terminal.chat import (
    fit,
    left_unanswered,
    one_shot_command,
    one_shot_small_talk,
    render_each,
    render_result,
    terminal_width,
)

SCALED_ENTRIES = 10_000  # bench --full's generated knowledge base, unless --entries says otherwise


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False), flush=True)


def _load_engine(settings: Settings, name: str) -> Engine | None:
    """The engine, or ``None`` after saying why not: a missing folder in one sentence after ``storybot NAME:``
    as every command's failure is, a broken knowledge base as its problems and a last line so prefixed."""
    try:
        return Engine.load(settings.knowledge_dir, cache_dir=settings.cache_dir)
    except KnowledgeError as exc:
        lines = reports.knowledge_errors(exc.problems, settings.knowledge_dir).splitlines()
        if lines:
            lines[-1] = f"storybot {name}: {lines[-1]}"
        print("\n".join(lines), file=sys.stderr)
        return None


def _input_lines(stream: Iterable[str]) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\r\n")


def ask(args: argparse.Namespace, settings: Settings) -> int:
    finish_interrupted(settings, "ask")
    engine = _load_engine(settings, "ask")
    if engine is None:
        return 1
    if not args.questions and sys.stdin.isatty():
        print(fit("Reading questions from the terminal, one per line; Ctrl-D to finish.", terminal_width()),
              file=sys.stderr)
    questions: Iterable[str] = args.questions or _input_lines(sys.stdin)
    if len(args.questions) > 2 and all(len(question.split()) == 1 for question in args.questions):
        # "ask who runs the shop": each word is its own question, as asked; most likely one question unquoted
        joined = " ".join(args.questions)
        # double quotes work in every shell (cmd too) unless the text holds what a shell reads inside them
        quoted = f'"{joined}"' if not set(joined) & set('"$`\\!%') else shlex.quote(joined)
        again = command(f"ask{' --json' if args.json else ''} {quoted}", settings.knowledge_dir)
        print(f"storybot ask: {len(args.questions)} questions of one word each; to ask them as one question, quote "
              f"it: {again}", file=sys.stderr)
    article = engine.kb.article
    width = terminal_width()
    for question in questions:
        part = question_part(question)
        if part.cut:
            which = "last" if part.read == "end" else "first"
            print(f"storybot ask: a question of {len(question)} characters was read from its {part.read} "
                  f"(the {which} {len(part.text)})", file=sys.stderr)
        talk = small_talk(part.text)  # "cheers", "bye": met as such, never answered from the story (its words
        # may match: "cheers" is a celebration) nor declined as a question
        if args.json:  # JSON keeps its shape: one result, for the message read whole; small talk is not answered,
            # nor a command ("source 3", "topics"): its words asked as a question cite some other line
            declined = talk is not None or one_shot_command(engine, part.text, width) is not None
            shown = (Result(question=part.text, kind=Kind.DECLINE) if declined else engine.ask(part.text)).to_json()
            for cited in shown["citations"]:  # for people; "line" stays the file line (the contract)
                cited["paragraph"] = article.paragraph_of(cited["line"])
            _print_json(shown)
            continue
        as_command = one_shot_command(engine, part.text, width)  # "topics", "source 3": as the chat shows them
        if as_command is not None:
            reply = as_command
        elif talk is not None:
            reply = one_shot_small_talk(engine, talk, width)
        else:
            each = engine.ask_each(part.text)
            result = None if each else engine.ask(part.text)
            reply = render_each(engine, each, width) if result is None else \
                render_result(engine, result, width, one_shot=True) + left_unanswered(engine, part.text, result, width)
        print(reply, flush=True)
        if not args.questions or len(args.questions) > 1:
            print()
    return 0


def finish_interrupted(settings: Settings, name: str) -> None:
    """A change a crash left half written is finished (or dropped) first, as any ``kb`` command does, so that an
    answer, a check or a chat reads the knowledge base whole, not the mix of old and new files (which reads as
    errors, or answers from half a change). Only where a journal holds one: nothing is created for it."""
    from bot.core.storage.pending import any_pending

    if not any_pending(settings.data_dir, settings.knowledge_dir):
        return
    import sqlite3

    from bot.core.storage.errors import StoreError
    from bot.core.storage.journal import Journal
    from bot.core.storage.store import KnowledgeStore

    try:
        KnowledgeStore(settings.knowledge_dir, Journal(settings.data_dir),
                       on_wait=waiting_notice(name)).recover()  # it logs what it did
    except (StoreError, OSError, sqlite3.Error) as exc:
        print(f"storybot {name}: could not check for an interrupted change: {exc}", file=sys.stderr)


def check(args: argparse.Namespace, settings: Settings) -> int:
    from bot.core.knowledge.loading import load_knowledge  # here: 'ask' with a cached engine needs no YAML reader

    finish_interrupted(settings, "check")
    result = load_knowledge(settings.knowledge_dir)
    if args.json:
        _print_json(reports.check_json(result))
    elif not settings.knowledge_dir.is_dir():  # nothing was read: the one failure, said as every command says it
        print(f"storybot check: {reports.knowledge_errors(result.problems.errors, settings.knowledge_dir)}",
              file=sys.stderr)
    else:
        text = reports.check_text(result, settings.knowledge_dir)
        # wrapped for a person at a terminal only: a pipe or an editor's build log keeps one problem per line
        print(fit(text, terminal_width()) if sys.stdout.isatty() else text)
    return 0 if result.ok else 1


MAX_SET_PROBLEMS = 20  # bad question-set items told at once; a file all wrong is not a screenful of them


def eval_sets(args: argparse.Namespace, settings: Settings) -> int:
    from bot.core.measuring.evaluation import (
        QuestionSetError,
        answer_floors,
        describe_miss,
        evaluate,
        load_cases,
        unknown_kinds,
    )

    engine = _load_engine(settings, "eval")
    if engine is None:
        return 1
    cases, told = [], list[str]()
    for path in args.files:  # every file's bad items told in one run, not the first file's first
        try:
            cases += load_cases(path)
        except QuestionSetError as exc:
            told += [str(exc), *exc.more]
    if told:
        for problem in told[:MAX_SET_PROBLEMS]:
            print(f"storybot eval: {problem}", file=sys.stderr)
        if len(told) > MAX_SET_PROBLEMS:
            print(f"storybot eval: and {len(told) - MAX_SET_PROBLEMS} more bad items — fix these and run it again",
                  file=sys.stderr)
        return 2
    if args.by_kind:
        for warning in unknown_kinds(cases):
            print(f"storybot eval: warning: {warning}", file=sys.stderr)
    report = evaluate(cases, engine.ask, strict=args.strict)
    if not args.quiet and not args.json:
        for outcome in report.misses:
            print("MISS " + describe_miss(outcome))
    summary = report.summary()
    failures = reports.below_thresholds(summary, args.min_accuracy, args.min_decline, args.min_precision)
    by_kind = report.by_kind() if args.by_kind else None
    answer_at = engine.kb.matching.answer_at
    curve = report.at_answer_floors(answer_floors(answer_at), answer_at) if args.curve else None
    if args.json:
        extra: dict[str, object] = {"by_kind": by_kind} if by_kind is not None else {}
        if curve is not None:
            extra["curve"] = curve
        _print_json({**summary, "misses": len(report.misses), "failed": failures, **extra})
    else:
        print(reports.eval_summary(summary, len(report.misses)))
        if by_kind is not None:
            print(reports.by_kind_table(by_kind))
        if curve is not None:
            print(reports.curve_table(curve))
        for failure in failures:
            print(f"FAIL {failure}")
    return 1 if failures else 0



def chat(args: argparse.Namespace, settings: Settings, reason: str = "") -> int:
    from bot.terminal.chat import run_chat

    finish_interrupted(settings, "chat")
    engine = _load_engine(settings, getattr(args, "command", None) or "chat")  # 'run' without a token chats
    if engine is None:
        return 1
    return run_chat(engine, settings, reason)


def no_token_reason(env_file: Path | None) -> str:
    """Why the terminal chat opened instead of the bot, naming the .env file that was looked at."""
    run_bot = "set one to run the Discord bot"
    if "DISCORD_TOKEN" in os.environ and env_file is not None and _file_has_token(env_file):
        return (f"Terminal mode: DISCORD_TOKEN is set but empty in the environment, which wins over the one in "
                f"{env_file.absolute()} (unset it to use the file's).")
    if env_file is None:
        return f"Terminal mode: no DISCORD_TOKEN in the environment ({run_bot})."
    where = env_file.absolute()
    if where.is_file():
        return f"Terminal mode: no DISCORD_TOKEN in the environment or in {where} ({run_bot})."
    return (f"Terminal mode: no DISCORD_TOKEN in the environment, and no {where} (.env is read from the folder "
            "you start in; set DISCORD_TOKEN there or in the environment to run the Discord bot).")


def _file_has_token(env_file: Path) -> bool:
    from bot.config import SettingsError, read_env_file

    try:
        return bool(read_env_file(env_file).get("DISCORD_TOKEN", "").strip())
    except SettingsError:
        return False


def _a_systemd_service() -> bool:
    """Whether this process is a systemd service: INVOCATION_ID set, and its standard error the journal stream
    systemd gave it (a shell in a terminal inherits INVOCATION_ID from a user unit, but its stderr is the terminal)."""
    stream = os.environ.get("JOURNAL_STREAM", "")
    if not os.environ.get("INVOCATION_ID") or sys.stdin.isatty() or ":" not in stream:
        return False
    try:
        info = os.fstat(sys.stderr.fileno())
    except (OSError, ValueError, AttributeError):  # stderr replaced (tests, a closed stream): not systemd's
        return False
    return stream == f"{info.st_dev}:{info.st_ino}"


def run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.has_token and _a_systemd_service():
        # Started by systemd as a service: a terminal chat there would read nothing and exit 0, a bot silently
        # offline that the unit counts as stopped cleanly.
        print("storybot run: started as a service with no DISCORD_TOKEN — set it in the unit's EnvironmentFile "
              "(/etc/storybot/storybot.env with deploy/storybot.service)", file=sys.stderr)
        return 2
    if not settings.has_token:
        return chat(args, settings, no_token_reason(settings.env_file))
    from bot.app.runner import run_discord

    return run_discord(settings)


def bench(args: argparse.Namespace, settings: Settings) -> int:
    from bot.core.measuring.benchmark import measure

    if args.entries is not None and not args.full:  # a wrong argument: said before anything is timed
        print(f"storybot bench: --entries sizes the generated knowledge base that only --full measures — run "
              f"'{command(f'bench --full --entries {args.entries}', settings.knowledge_dir)}'", file=sys.stderr)
        return 2
    if _load_engine(settings, "bench") is None:  # a missing or broken knowledge base is said before any timing
        return 1
    run = measure(settings.knowledge_dir, lambda line: print(line, flush=True),
                  entries=args.entries or SCALED_ENTRIES, full=args.full)
    if args.json:
        _print_json(run.report)
    return 1 if args.check and not run.ok else 0


def show_commands(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.payloads import command_payloads

    engine = _load_engine(settings, "commands")
    if engine is None:
        return 1
    _print_json(command_payloads(settings, engine))
    return 0


def sync(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.runner import sync_commands

    return sync_commands(settings, args.guild)


def invite(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.runner import print_invite

    return print_invite(settings, args.client_id)


def kb(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal.kb import run_kb

    return run_kb(args, settings)


def init(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal.setup import run_init

    return run_init(args.directory)
