"""Running the bot, syncing its commands, and the invite link: the operator's commands."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp
import discord

from bot.app.client import StoryBot, create_bot
from bot.config import Settings
from bot.core.engine import KnowledgeError
from bot.core.storage.files import LockTimeout, file_lock
from bot.core.storage.journal import RUN_LOCK
from bot.logs import setup_logging
from bot.terminal import command

log = logging.getLogger("storybot")

# The least the bot needs: see and answer in channels, embeds, replies that quote the question
# (Read Message History) and the 💡 / ⏳ reactions. Slash commands need no permission bit.
INVITE_PERMISSIONS = discord.Permissions(view_channel=True, send_messages=True, send_messages_in_threads=True,
                                         embed_links=True, read_message_history=True, add_reactions=True)
SCOPES = ("bot", "applications.commands")


#: The exit code of a failure that another try won't mend (a bad token, a broken knowledge base, a folder the bot may
#: not use): the systemd unit doesn't restart on it (RestartPreventExitStatus=2), while it keeps restarting on 1,
#: a network that is not up yet or a Discord outage.
NEEDS_THE_OPERATOR = 2


class StartupBug(Exception):
    """A bug that stopped the bot before it ever connected: it will stop the next start the same way."""


@dataclass(frozen=True)
class Failure:
    """Why talking to Discord failed, for the operator, and the exit code that says whether to try again."""

    lines: tuple[str, ...]
    code: int = 1


def _setup_logging(settings: Settings) -> None:
    setup_logging(settings.log_level, settings.log_format)


def _knowledge_failure(exc: KnowledgeError, settings: Settings) -> Failure:
    check = command("check", settings.knowledge_dir)
    return Failure((*map(str, exc.problems), f"The knowledge base in {settings.knowledge_dir} has errors; fix them "
                    f"({check}) and start again."), NEEDS_THE_OPERATOR)


def _explain(exc: BaseException, settings: Settings) -> Failure | None:
    """What to tell the operator when starting or talking to Discord failed; ``None`` for a bug (re-raised)."""
    if isinstance(exc, KnowledgeError):
        return _knowledge_failure(exc, settings)
    if isinstance(exc, StartupBug):  # restarted every 10 s, it would fill the log with one traceback for ever
        return Failure(("A bug in storybot stopped it starting (its traceback is logged above); another start would "
                        "stop the same way, so the service won't restart it: report the traceback, and start the bot "
                        "again once it is fixed.",), NEEDS_THE_OPERATOR)
    if isinstance(exc, discord.LoginFailure):
        return Failure(("Discord refused the token: reset it in the developer portal (Bot > Reset Token) and put the "
                        "new one in DISCORD_TOKEN.",), NEEDS_THE_OPERATOR)
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return Failure(("ASK_CHANNEL_IDS needs the Message Content intent: turn it on in the developer portal (Bot > "
                        "Privileged Gateway Intents), or leave ASK_CHANNEL_IDS empty.",), NEEDS_THE_OPERATOR)
    if isinstance(exc, discord.HTTPException):
        refused = f"Discord refused the request: {exc.status} {exc.text or ''}".strip()
        if exc.status >= 500 or exc.status == 429:  # Discord's own trouble, or too many starts: it passes
            return Failure((f"{refused} (on Discord's side; try again in a minute).",))
        return Failure((refused,), NEEDS_THE_OPERATOR)
    if isinstance(exc, discord.GatewayNotFound | discord.ConnectionClosed):  # Discord's gateway, not our code
        return Failure((f"Discord's gateway failed ({type(exc).__name__}: {exc}); try again in a minute.",))
    if isinstance(exc, aiohttp.ClientError | ConnectionError | socket.gaierror | TimeoutError | asyncio.TimeoutError):
        return Failure((f"Could not reach Discord ({type(exc).__name__}): check the network connection and try "
                        "again.",))
    if isinstance(exc, OSError):  # a file or folder the bot may not read or write: not the network's doing
        where = f" {exc.filename}" if exc.filename else ""
        return Failure((f"Could not use{where}: {exc.strerror or type(exc).__name__} — check that the user the bot "
                        "runs as can read the knowledge folder and write DATA_DIR.",), NEEDS_THE_OPERATOR)
    return None


def _guarded(action: Callable[[], int], settings: Settings, command_name: str = "",
             say: Callable[[str], None] | None = None) -> int:
    """``action``, with a failure to start or to talk to Discord told in one sentence (after 'storybot COMMAND:'
    if given), to ``say`` (default: standard error) and with the exit code that says whether to try again."""
    try:
        return action()
    except Exception as exc:
        failure = _explain(exc, settings)
        if failure is None:
            raise
        for line in failure.lines:
            text = f"storybot {command_name}: {line}" if command_name else line
            if say is not None:
                say(text)
            else:
                print(text, file=sys.stderr)
        return failure.code


def run_discord(settings: Settings) -> int:
    _setup_logging(settings)
    log.info("Discord mode: DISCORD_TOKEN is set")

    def run() -> int:
        try:
            with file_lock(settings.data_dir / RUN_LOCK, timeout=0):
                asyncio.run(_serve(settings))
        except LockTimeout:
            log.critical("Another storybot is running with DATA_DIR %s: two would answer every question twice — stop "
                         "it first, or give this one a DATA_DIR of its own.", settings.data_dir)
            return NEEDS_THE_OPERATOR  # a service is not started again and again beside the one that runs
        return 0

    return _guarded(run, settings, say=log.critical)  # a log record: a log collector sees why the bot stopped


async def _serve(settings: Settings) -> None:
    """The bot, until Discord closes or a stop signal: SIGTERM (systemd, docker stop) and Ctrl-C close the
    connection cleanly, said in the log, instead of ending the process mid-reply. A bug before the bot ever
    connected becomes a ``StartupBug``, its traceback logged."""
    bot: StoryBot | None = None
    try:
        bot = create_bot(settings)
        await _serve_bot(bot, settings)
    except Exception as exc:
        if _explain(exc, settings) is not None or (bot is not None and bot.has_been_ready):
            raise  # explained to the operator, or a bug after a good start: another start may well run for days
        log.critical("storybot could not start because of a bug", exc_info=exc)
        raise StartupBug from exc


async def _serve_bot(bot: StoryBot, settings: Settings) -> None:
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()

    def stop(name: str) -> None:
        log.info("%s: closing the connection to Discord and stopping", name)
        stopping.set()

    for number in (signal.SIGTERM, signal.SIGINT):
        if signal.getsignal(number) is signal.SIG_IGN:  # "storybot run &" from a script: ignored, as it was
            continue
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # Windows' loop has no handlers
            loop.add_signal_handler(number, stop, signal.Signals(number).name)
    async with bot:
        running = asyncio.create_task(bot.start(settings.discord_token))
        stopped = asyncio.create_task(stopping.wait())
        done, _ = await asyncio.wait({running, stopped}, return_when=asyncio.FIRST_COMPLETED)
        stopped.cancel()
        if running in done:
            await running  # its failure, if it failed, is the operator's to read
            return
        await bot.close()  # here, not in a task of its own: the journal and the engine's thread close whole
        try:
            await running
        except Exception as exc:  # a login or connect cut short by the close just asked for: no failure to report
            log.debug("the connection ended while stopping: %r", exc)


async def _sync(settings: Settings, guild_id: int | None) -> int:
    bot = create_bot(settings)
    try:
        await bot.login(settings.discord_token)
        await bot.load_story_extensions()
        if guild_id is not None:
            synced = await bot.tree.sync_to_guild(guild_id)
            print(f"Synced {len(synced)} commands to server {guild_id} (they show up at once).")
        else:
            synced = await bot.tree.sync()
            print(f"Synced {len(synced)} commands globally (Discord can take up to an hour to show changes).")
        print("Commands: " + ", ".join(f"/{c.name}" for c in synced))
        return 0
    finally:
        await bot.close()


def sync_commands(settings: Settings, guild_id: int | None) -> int:
    if not settings.has_token:
        print("storybot sync: sync needs DISCORD_TOKEN — set it in the environment or in .env", file=sys.stderr)
        return 2
    _setup_logging(settings)
    return _guarded(lambda: asyncio.run(_sync(settings, guild_id)), settings, "sync")


async def _application_id(token: str) -> int:
    client = discord.Client(intents=discord.Intents.none())
    try:
        await client.login(token)
        info = await client.application_info()
        return info.id
    finally:
        await client.close()


def invite_url(client_id: int) -> str:
    return discord.utils.oauth_url(client_id, permissions=INVITE_PERMISSIONS, scopes=SCOPES)


def print_invite(settings: Settings, client_id: int | None) -> int:
    client_id = client_id or settings.application_id
    if client_id is None:
        if not settings.has_token:
            print("storybot invite: invite needs the application id — pass --client-id ID, set APPLICATION_ID, or set "
                  "DISCORD_TOKEN so it can be looked up", file=sys.stderr)
            return 2
        return _guarded(lambda: _print_looked_up_invite(settings), settings, "invite")
    print(invite_url(client_id))
    return 0


def _print_looked_up_invite(settings: Settings) -> int:
    print(invite_url(asyncio.run(_application_id(settings.discord_token))))
    return 0
