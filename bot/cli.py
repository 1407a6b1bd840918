"""The terminal face: ``python -m bot [command]``.

Every command here works on the pure core; only ``run`` (with a token), ``sync`` and
``commands`` import the Discord layer, and only when they run.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import difflib
import errno
import io
import logging
import os
import re
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from bot import __version__
from bot.config import Settings, SettingsError, data_dir_problem
from bot.logs import terminal_notes
from bot.safe_stream import safe
from bot.terminal.kb_parser import given_path

log = logging.getLogger("storybot")

Handler = Callable[[argparse.Namespace, Settings], int]


KNOWLEDGE_HELP = "the knowledge-base folder (default: $KNOWLEDGE_DIR, else the shipped story)"
DATA_HELP = "where the journal lives (default: $DATA_DIR, else the user's data folder)"


# After a command, the options' default is SUPPRESS: argparse copies a subcommand's defaults over what was
# parsed before it, so a None default there would undo `--knowledge DIR ask ...`.
def _knowledge_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--knowledge", metavar="DIR", type=given_path, default=argparse.SUPPRESS, help=KNOWLEDGE_HELP)


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR", type=given_path, default=argparse.SUPPRESS, help=DATA_HELP)


def share(text: str) -> float:
    """A threshold as 0.95, 95 or 95%: a share from 0 to 1."""
    try:
        value = float(text.strip().removesuffix("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number: write 0.95, 95 or 95%") from None
    value = value / 100 if value > 1 or text.strip().endswith("%") else value
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 100%")
    return value


LARGEST_COUNT = 2**63 - 1  # the journal's SQLite integers: a change number or limit beyond this can't be looked up
LARGEST_ID = 2**64 - 1     # Discord ids (snowflakes) are unsigned 64-bit numbers


def positive(text: str) -> int:
    """A whole number from 1 to ``LARGEST_COUNT``."""
    return _whole(text, LARGEST_COUNT, "a whole number of at least 1")


def discord_id(text: str) -> int:
    return _whole(text, LARGEST_ID, "a Discord id (the number Discord's 'Copy ID' gives)")


def _whole(text: str, largest: int, kind: str) -> int:
    if not text.isascii() or not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not {kind}")
    if int(text) > largest:
        raise argparse.ArgumentTypeError(f"{text!r} is too large: at most {largest}")
    return int(text)


_NOT_A_COMMAND = re.compile(r"argument COMMAND: invalid choice: ('.*'|\".*\") \(choose from ")


class _Parser(argparse.ArgumentParser):
    """argparse's parser, but a first word that isn't a command (most often a question asked without ``ask``) is
    told how to ask it, in one sentence, instead of a list of choices; the exit code stays 2."""

    _argv: Sequence[str] = ()

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        self._argv = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        found = _NOT_A_COMMAND.match(message)
        if found is None:
            super().error(message)
        word = ast.literal_eval(found[1])
        rest = list(self._argv[self._argv.index(word):]) if word in self._argv else [word]  # a question typed unquoted
        self.exit(2, f"{self.prog}: {not_a_command(' '.join(rest), self._commands())}\n")

    def _commands(self) -> list[str]:
        return [name for action in self._actions if isinstance(action, argparse._SubParsersAction)
                for name in action.choices]


class _CommandParser(argparse.ArgumentParser):
    """A command's parser (``ask``, ``kb add`` ...): an argument it doesn't take is its error, shown with its
    usage, not the top-level usage argparse would show (``ask --data`` lists what ``ask`` takes)."""

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


LONGEST_ECHOED = 200  # characters of a mistaken command said back in full


def not_a_command(word: str, commands: Sequence[str]) -> str:
    """What to say when ``word`` came where a command goes: the command it was a typo for, else how to ask it."""
    from bot.terminal import program

    close = difflib.get_close_matches(word.lower(), commands, n=1, cutoff=0.75) if " " not in word.strip() else []
    if close:
        return f"'{word}' is not a command — did you mean '{close[0]}'? ({program()} --help lists them)"
    if len(word) > LONGEST_ECHOED:  # a paste: not said back whole, twice
        return f"'{word[:60]}…' is not a command — to ask a question, run: {program()} ask \"QUESTION\""
    asked = f'"{word}"' if not set(word) & set('"$`\\!') else shlex.quote(word)
    return f"'{word}' is not a command — to ask a question, run: {program()} ask {asked}"


def _command(sub: argparse._SubParsersAction[_CommandParser], name: str, summary: str) -> _CommandParser:
    """A command whose ``--help`` opens with what it does: the line ``storybot --help`` shows for it, as a sentence."""
    return sub.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="storybot",
        description="Answers questions about one news story, quoting the article line each answer comes from.",
        epilog="No COMMAND means run: `storybot --knowledge DIR` runs on DIR. --knowledge and --data go before or "
               "after the command: before it for any command, after it for the commands that use them "
               "(COMMAND --help lists each command's options).",
    )
    parser.add_argument("--version", action="version", version=f"storybot {__version__}")
    parser.add_argument("--knowledge", metavar="DIR", type=given_path, help=KNOWLEDGE_HELP)
    parser.add_argument("--data", metavar="DIR", type=given_path, help=DATA_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)

    run = _command(sub, "run", "start the Discord bot (with DISCORD_TOKEN), else chat in the terminal")
    _knowledge_option(run)
    _data_option(run)

    chat = _command(sub, "chat", "ask questions in the terminal")
    _knowledge_option(chat)
    _data_option(chat)

    ask = _command(sub, "ask", "answer the questions given, or each line of standard input")
    ask.add_argument("questions", nargs="*", metavar="QUESTION",
                     help="a question in plain words (quote it); none: read one question per line of standard input")
    ask.add_argument("--json", action="store_true", help="one JSON object per line")
    _knowledge_option(ask)
    _data_option(ask)  # where a change a crash left half written is journaled, to finish it first

    check = _command(sub, "check", "validate the knowledge base against the article")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    _knowledge_option(check)
    _data_option(check)  # where a change a crash left half written is journaled, to finish it first

    evaluate = _command(sub, "eval", "measure answers on question sets")
    evaluate.add_argument("files", nargs="+", metavar="FILE", type=given_path,
                          help="a question set: YAML with '- q: ...' and 'expect: [words]' or 'expect: null'")
    evaluate.add_argument("--min-accuracy", type=share, default=0.0, metavar="X",
                          help="exit 1 if in-scope accuracy is below X (0.95, 95 or 95%%)")
    evaluate.add_argument("--min-decline", type=share, default=0.0, metavar="X",
                          help="exit 1 if the out-of-scope decline rate is below X")
    evaluate.add_argument("--min-precision", type=share, default=0.0, metavar="X",
                          help="exit 1 if precision (right answers / answers given) is below X")
    evaluate.add_argument("--json", action="store_true", help="print the summary as JSON")
    evaluate.add_argument("--quiet", action="store_true", help="print only the summary")
    evaluate.add_argument("--strict", action="store_true",
                          help="count an answer right only when an expected snippet overlaps the words it quotes "
                               "(not anywhere in the cited line)")
    evaluate.add_argument("--by-kind", action="store_true",
                          help="also break the figures down by the questions' kind tags (words, spelling, long, ...)")
    evaluate.add_argument("--curve", action="store_true",
                          help="also show the figures if answers needed a higher score: answer_at from the "
                               "knowledge base's up to 0.95, an answer below it counted as not given")
    _knowledge_option(evaluate)

    bench = _command(sub, "bench", "measure answer speed against its targets (5-30 s; --full: a few minutes)")
    bench.add_argument("--json", action="store_true", help="end with one JSON object")
    bench.add_argument("--full", action="store_true",
                       help="also the generated knowledge base against brute force, and the load time (minutes)")
    bench.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    bench.add_argument("--entries", type=positive, metavar="N",
                       help="entries in the generated knowledge base (needs --full; default 10,000)")
    _knowledge_option(bench)

    commands = _command(sub, "commands", "print the slash-command payloads sync would send")
    commands.add_argument("--json", action="store_true", help="print JSON (the default)")
    _knowledge_option(commands)

    sync = _command(sub, "sync", "register the slash commands with Discord")
    sync.add_argument("--guild", type=discord_id, metavar="ID", help="sync to one server (instant) instead of globally")
    _knowledge_option(sync)
    _data_option(sync)

    invite = _command(sub, "invite", "print the URL that adds the bot to a server")
    invite.add_argument("--client-id", type=discord_id, metavar="ID",
                        help="the application id (default: $APPLICATION_ID, or asked from Discord with the token)")

    init = _command(sub, "init", "write an editable copy of the knowledge base and a .env to start from")
    init.add_argument("directory", nargs="?", type=given_path, default=Path(), metavar="DIR",
                      help="where to write knowledge/ and .env (default: the current folder)")

    from bot.terminal.kb_parser import add_kb_parser

    add_kb_parser(sub, _knowledge_option, _data_option, positive)
    return parser


def _with_dirs(args: argparse.Namespace, settings: Settings) -> Settings:
    from dataclasses import replace

    knowledge = getattr(args, "knowledge", None)
    data = getattr(args, "data", None)
    return replace(settings, knowledge_dir=knowledge or settings.knowledge_dir,
                   data_dir=data or settings.data_dir)


def _handlers() -> dict[str, Handler]:
    from bot.terminal import commands

    return {
        "run": commands.run,
        "chat": commands.chat,
        "ask": commands.ask,
        "check": commands.check,
        "eval": commands.eval_sets,
        "bench": commands.bench,
        "commands": commands.show_commands,
        "sync": commands.sync,
        "invite": commands.invite,
        "kb": commands.kb,
        "init": commands.init,
    }


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C before the command began (its handler tells it from then on)
        print(file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    if not _usable_streams():
        return 2
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # "python -m bot --knowledge DIR" means run with that folder
        args = parser.parse_args([*argv, "run"])
    try:
        settings = _with_dirs(args, Settings.from_env())
    except SettingsError as exc:
        print(f"storybot {_named(args)}: setting error: {exc}", file=sys.stderr)
        return 2
    if args.command == "kb" or (args.command == "run" and settings.has_token):  # the commands that keep a journal
        problem = data_dir_problem(settings.data_dir)
        if problem is not None:
            print(f"storybot {_named(args)}: {problem}", file=sys.stderr)
            return 2
    if args.command == "sync" or (args.command == "run" and settings.has_token):  # they set up the bot's logging
        return _run_handler(_handlers()[args.command], args, settings)
    with terminal_notes(_named(args), sys.stderr):
        return _run_handler(_handlers()[args.command], args, settings)


def _named(args: argparse.Namespace) -> str:
    """The command as its messages name it: ``kb add``, not ``kb``."""
    action = getattr(args, "kb_command", None) if args.command == "kb" else None
    return f"{args.command} {action}" if action else str(args.command)


def _usable_streams() -> bool:
    """Standard input, output and error made safe to use; ``False`` (after saying so) when there is nowhere to
    answer."""
    if sys.stdout is None:  # started with its output closed (some cron and supervisor set-ups): nowhere to answer
        if sys.stderr is not None:
            print("storybot: standard output is closed — start it with a terminal, a file or a pipe as its output",
                  file=sys.stderr)
        return False
    if sys.stdin is None:  # input closed: read as empty input, as from /dev/null
        sys.stdin = io.StringIO("")
    if sys.stderr is None:  # no place for notes and errors: dropped, rather than mixed into the answers on stdout
        sys.stderr = io.StringIO()
    sys.stderr = safe(sys.stderr)  # notes quote what was typed: nothing in it may drive the terminal
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]  # odd input never breaks printing
    return True


def _run_handler(handler: Handler, args: argparse.Namespace, settings: Settings) -> int:
    """The command's exit code, with each way it can fail on the machine said in one sentence, not a traceback."""
    try:
        code = handler(args, settings)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not as a traceback at exit
        return code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except OSError as exc:  # the disk is full, a folder is not writable ...: one sentence, the details in the log
        log.debug("storybot %s failed", args.command, exc_info=exc)
        _quiet_stdout()
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"storybot {args.command}: {exc.strerror or type(exc).__name__}{where} — {_fix_for(exc)}",
              file=sys.stderr)
        return 1
    except Exception as exc:
        if not _journal_error(exc):
            raise
        log.debug("storybot %s failed", args.command, exc_info=exc)
        print(f"storybot {args.command}: the journal failed ({exc}) — check the disk has room and DATA_DIR is "
              "writable, then try again", file=sys.stderr)
        return 1


def _fix_for(exc: OSError) -> str:
    """What to do about a failure of the machine, by its kind: a file this user may not use is not a full disk."""
    if isinstance(exc, PermissionError):
        return "check that this user may read it (and write it, for a change): its owner and mode"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "make room on the disk, then try again"
    return "check that the disk has room and the folder is writable, then try again"


def _journal_error(exc: Exception) -> bool:
    """Whether ``exc`` is SQLite's. sqlite3 is looked up, not imported: only a command that opened or looked in
    the journal has it loaded and can fail with it, and 'ask' where there is no journal starts quicker without it."""
    sqlite3 = sys.modules.get("sqlite3")
    return sqlite3 is not None and isinstance(exc, sqlite3.Error)


def _quiet_stdout() -> None:
    """Point stdout at the null device, so what is left in its buffer can't fail again when Python exits."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)

