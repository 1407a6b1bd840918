"""A fake Discord (REST API v10 + gateway) on loopback, for end-to-end tests of the real bot.

Why: unit tests of handlers cannot show that the *real* discord.py client, wired the way the bot
wires it, logs in, syncs its commands, answers interactions inside Discord's rules and survives
Discord's errors. This module runs an aiohttp server on 127.0.0.1 that speaks enough of Discord
for an unmodified ``commands.Bot`` / ``AutoShardedBot`` to do all of that, while it:

* records every REST request (``fake.requests``) with a monotonic timestamp, so tests wait on
  what the bot *sent* rather than on sleeps, and benchmarks can measure dispatch-to-response;
* checks every body against Discord's OpenAPI description and runtime limits
  (``tests/support/openapi.py``) and collects the problems in ``fake.invalid``;
* behaves like Discord where bots commonly get it wrong: an interaction can be acknowledged once
  and only within 3 seconds, follow-ups need an acknowledged interaction, empty messages are
  rejected, ephemeral messages are invisible to channel routes, events the bot has no intent
  for are not delivered, and message content is blanked without the MESSAGE_CONTENT intent;
* lets tests inject Discord-style failures (``fake.fail(...)``).

A test reads like a specification::

    async with FakeDiscord() as fake:
        bot = make_bot(guild_id=fake.guild.id)
        await fake.start_bot(bot)
        await bot.tree.sync(guild=discord.Object(fake.guild.id))

        ask = await fake.slash_command("ask", {"question": "Who won?"})
        body = await ask.response()                 # the bot's interaction callback body
        assert body["type"] == CallbackType.CHANNEL_MESSAGE
        assert ask.latency < 0.5                    # dispatch -> callback, seconds

        await fake.click(ask, "show-source")        # press a button on the bot's answer
        assert fake.invalid == []

The bot runs in the test's event loop; ``discord.http.Route.BASE`` and
``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`` point at the fake while the context is open.
"""

# Waiting helpers take ``timeout=`` on purpose: on expiry they raise NoResponse explaining what the
# bot did instead, which a bare ``asyncio.timeout`` around the call could not do.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import enum
import json
import logging
import re
import secrets
import socket
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, ClassVar, Final, Self

import aiohttp
import discord
import yarl
from aiohttp import web
from discord.gateway import DiscordWebSocket
from discord.http import Route

from .openapi import normalize_path, request_problems

__all__ = [
    "CallbackType",
    "ChannelEventHandle",
    "CommandNotAvailable",
    "EventHandle",
    "FailureRule",
    "FakeChannel",
    "FakeDiscord",
    "FakeRole",
    "FakeUser",
    "Intent",
    "InteractionHandle",
    "InteractionType",
    "InvalidRequest",
    "MessageHandle",
    "NoResponse",
    "ReactionHandle",
    "RecordedFile",
    "RecordedRequest",
    "pings",
]

_log = logging.getLogger(__name__)

DISCORD_EPOCH: Final = 1_420_070_400_000
DEFAULT_TIMEOUT: Final = 5.0
HEARTBEAT_INTERVAL_MS: Final = 41_250

FLAG_SUPPRESS_EMBEDS: Final = 1 << 2
FLAG_EPHEMERAL: Final = 1 << 6
FLAG_LOADING: Final = 1 << 7
FLAG_SUPPRESS_NOTIFICATIONS: Final = 1 << 12
FLAG_IS_COMPONENTS_V2: Final = 1 << 15
_SETTABLE_FLAGS: Final = FLAG_SUPPRESS_EMBEDS | FLAG_SUPPRESS_NOTIFICATIONS | FLAG_IS_COMPONENTS_V2

#: What a freshly created server grants @everyone (the subset that matters to a bot's users).
EVERYONE_PERMISSIONS: Final = discord.Permissions(
    create_instant_invite=True,
    add_reactions=True,
    view_channel=True,
    send_messages=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    use_external_emojis=True,
    connect=True,
    speak=True,
    change_nickname=True,
    use_application_commands=True,
    send_messages_in_threads=True,
).value
#: The "Moderator" role: Manage Server is what moderator-only commands check.
MODERATOR_PERMISSIONS: Final = discord.Permissions(
    manage_guild=True, manage_messages=True, kick_members=True, moderate_members=True
).value
#: The bot's managed role, as an invite with the usual scopes would create it.
BOT_PERMISSIONS: Final = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    attach_files=True,
    add_reactions=True,
    read_message_history=True,
    use_external_emojis=True,
    use_application_commands=True,
).value
_ADMINISTRATOR: Final = discord.Permissions(administrator=True).value
_ALL_PERMISSIONS: Final = discord.Permissions.all().value
#: Application flags of an unverified bot with the privileged intents switched on (limited).
APPLICATION_FLAGS: Final = (1 << 13) | (1 << 15) | (1 << 19) | (1 << 23)


class Intent(enum.IntFlag):
    """Gateway intents the fake honours when delivering events (bits as in Discord's docs)."""

    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_MESSAGES = 1 << 9
    GUILD_MESSAGE_REACTIONS = 1 << 10
    DIRECT_MESSAGES = 1 << 12
    DIRECT_MESSAGE_REACTIONS = 1 << 13
    MESSAGE_CONTENT = 1 << 15


class InteractionType(enum.IntEnum):
    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    APPLICATION_COMMAND_AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


class CallbackType(enum.IntEnum):
    """Interaction callback types, so tests say ``CallbackType.MODAL`` instead of ``9``."""

    PONG = 1
    CHANNEL_MESSAGE = 4
    DEFERRED_CHANNEL_MESSAGE = 5
    DEFERRED_UPDATE_MESSAGE = 6
    UPDATE_MESSAGE = 7
    AUTOCOMPLETE_RESULT = 8
    MODAL = 9
    LAUNCH_ACTIVITY = 12


class NoResponse(AssertionError):
    """The bot did not send what a test waited for; the message explains what it did instead."""


class CommandNotAvailable(AssertionError):
    """Discord would not let this user invoke this command (not synced, wrong context, permissions)."""


# --------------------------------------------------------------------------- world model


class _Snowflakes:
    """Real-looking, strictly increasing snowflakes (timestamp bits are the current time)."""

    def __init__(self) -> None:
        self._last = 0

    def __call__(self) -> int:
        now = (int(time.time() * 1000) - DISCORD_EPOCH) << 22 | (1 << 17) | (1 << 12)
        self._last = max(now, self._last + 1)
        return self._last


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class FakeUser:
    """A user the fake knows. ``role_ids`` are the user's roles in the fake guild."""

    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    role_ids: tuple[int, ...] = ()

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def payload(self) -> dict[str, Any]:
        """The user object as Discord sends it."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "avatar_decoration_data": None,
            "public_flags": 0,
            "primary_guild": None,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass(frozen=True)
class FakeUpload:
    """A file a user attached to a slash command; the fake serves its bytes like Discord's CDN."""

    id: int
    filename: str
    data: bytes
    content_type: str = "application/x-yaml"


@dataclass(frozen=True)
class FakeRole:
    id: int
    name: str
    permissions: int
    position: int = 0
    managed_by_bot: int | None = None

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "description": None,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": self.managed_by_bot is not None,
            "mentionable": False,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }
        if self.managed_by_bot is not None:
            data["tags"] = {"bot_id": str(self.managed_by_bot)}
        return data


@dataclass(frozen=True)
class FakeChannel:
    """A guild text channel (type 0), a DM channel (type 1, with ``recipient``) or a public thread (type 11, with
    ``parent_id``); ``overwrites`` are the channel's permission overwrites as Discord sends them."""

    id: int
    name: str | None
    type: int = 0
    guild_id: int | None = None
    position: int = 0
    recipient: FakeUser | None = None
    parent_id: int | None = None
    overwrites: tuple[Mapping[str, Any], ...] = ()

    @property
    def is_dm(self) -> bool:
        return self.type == 1

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    def payload(self) -> dict[str, Any]:
        if self.is_dm:
            return {
                "id": str(self.id),
                "type": 1,
                "last_message_id": None,
                "flags": 0,
                "recipients": [self.recipient.payload()] if self.recipient else [],
            }
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [dict(o) for o in self.overwrites],
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "topic": None,
            "nsfw": False,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }
        if self.type == 11:
            data.update(owner_id=str(self.recipient.id) if self.recipient else None, message_count=0, member_count=1,
                        thread_metadata={"archived": False, "auto_archive_duration": 1440,
                                         "archive_timestamp": _now_iso(), "locked": False})
        return data


@dataclass(frozen=True)
class FakeGuild:
    id: int
    name: str
    owner_id: int
    roles: tuple[FakeRole, ...]
    channels: tuple[FakeChannel, ...]
    members: tuple[FakeUser, ...]

    @property
    def everyone(self) -> FakeRole:
        return self.roles[0]


# --------------------------------------------------------------------------- recording


@dataclass(frozen=True)
class RecordedFile:
    field: str
    filename: str | None
    content_type: str | None
    data: bytes


_TOKEN_ROUTE: Final = re.compile(r"^/(?:interactions/(\d+)|webhooks/\d+)/([^/]+)(?:/|$)")


@dataclass(eq=False)
class RecordedRequest:
    """One REST request the bot made, as the fake received and answered it.

    ``body`` is the decoded JSON body, or the decoded ``payload_json`` part of a multipart
    request (then ``files`` holds the uploaded files), or ``None``.
    ``received_at`` is ``time.monotonic()`` when the request reached the fake.
    """

    index: int
    method: str
    path: str
    query: dict[str, str]
    body: Any
    received_at: float
    files: list[RecordedFile] = field(default_factory=list)
    multipart: bool = False
    status: int = 0
    raw_response: bytes = b""
    message_id: int | None = None  # the message this request created or edited, if any
    parse_problem: str | None = None
    _problems: list[str] | None = field(default=None, repr=False)

    @property
    def token(self) -> str | None:
        """The interaction token in ``/interactions/{id}/{token}/...`` or ``/webhooks/{app}/{token}``."""
        match = _TOKEN_ROUTE.match(self.path)
        return match.group(2) if match else None

    @property
    def response(self) -> Any:
        """The JSON the fake answered with (``None`` for 204)."""
        return json.loads(self.raw_response) if self.raw_response else None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def message_body(self) -> dict[str, Any] | None:
        """The message part of the body: ``data`` of a message callback, else the body itself."""
        body = self.body
        if not isinstance(body, dict):
            return None
        if self.path.endswith("/callback"):
            data = body.get("data")
            return data if isinstance(data, dict) else None
        return body

    @property
    def pings(self) -> list[str]:
        """Who this request's message would notify (see :func:`pings`)."""
        return pings(self.message_body)

    @property
    def problems(self) -> list[str]:
        """Schema and limit problems of the body (validated lazily, then cached)."""
        if self._problems is None:
            self._problems = _validate_cached(self)
        return self._problems

    def __repr__(self) -> str:
        return f"<{self.method} {self.path} -> {self.status or 'pending'}>"


_VALIDATION_CACHE: dict[tuple[str, str, str], tuple[str, ...]] = {}
_ID_OR_TOKEN: Final = re.compile(r"/(?:\d+|[A-Za-z0-9_\-.]{20,})(?=/|$)")


def _validate_cached(request: RecordedRequest) -> list[str]:
    """Validate; identical bodies on the same route shape are validated once (benchmarks repeat)."""
    problems = [request.parse_problem] if request.parse_problem else []
    try:
        body_key = json.dumps(request.body, sort_keys=True)
    except (TypeError, ValueError):
        return [*problems, *request_problems(request.method, request.path, request.body)]
    key = (request.method, _ID_OR_TOKEN.sub("/_", request.path), body_key)
    if key not in _VALIDATION_CACHE:
        _VALIDATION_CACHE[key] = tuple(request_problems(request.method, request.path, request.body))
    return [*problems, *_VALIDATION_CACHE[key]]


@dataclass(frozen=True)
class InvalidRequest:
    """A request whose body Discord would reject or that breaks a documented limit."""

    request: RecordedRequest
    problems: tuple[str, ...]

    def __str__(self) -> str:
        lines = "\n".join(f"    - {p}" for p in self.problems)
        return f"{self.request.method} {self.request.path}:\n{lines}"

    __repr__ = __str__


@dataclass
class FailureRule:
    """Makes matching requests fail the way Discord fails them (see :meth:`FakeDiscord.fail`)."""

    method: str
    pattern: re.Pattern[str]
    status: int
    code: int
    message: str
    times: int | None
    retry_after: float = 0.0
    delay: float = 0.0  # seconds before the failure is answered: a slow Discord, so a test can act meanwhile
    hits: list[RecordedRequest] = field(default_factory=list)

    @property
    def exhausted(self) -> bool:
        return self.times is not None and len(self.hits) >= self.times

    def matches(self, method: str, path: str) -> bool:
        return not self.exhausted and self.method in ("*", method) and self.pattern.search(path) is not None

    def payload(self) -> dict[str, Any]:
        if self.status == 429:
            return {
                "message": self.message,
                "retry_after": self.retry_after,
                "global": False,
                "code": self.code,
            }
        return {"message": self.message, "code": self.code}

    def headers(self) -> dict[str, str]:
        if self.status != 429:
            return {}
        # discord.py only retries a 429 that came through Discord's proxy ("Via"); else it raises.
        return {
            "Via": "1.1 google",
            "Retry-After": str(max(1, round(self.retry_after))),
            "X-RateLimit-Scope": "user",
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset-After": str(self.retry_after),
            "X-RateLimit-Bucket": "fake-bucket",
        }


def pings(body: Mapping[str, Any] | None) -> list[str]:
    """Who a message body would notify: ``user:<id>``, ``role:<id>``, ``everyone``, ``replied_user``.

    Mentions in content only ping when ``allowed_mentions`` lets them; without
    ``allowed_mentions`` Discord parses everything and pings the replied-to author.
    """
    if not isinstance(body, Mapping):
        return []
    content = body.get("content") or ""
    allowed = body.get("allowed_mentions")
    if not isinstance(allowed, Mapping):
        parse, users, roles, replied = {"users", "roles", "everyone"}, set(), set(), True
    else:
        parse = set(allowed.get("parse") or [])
        users = {str(u) for u in allowed.get("users") or []}
        roles = {str(r) for r in allowed.get("roles") or []}
        replied = bool(allowed.get("replied_user", False))
    out: list[str] = []
    for user_id in re.findall(r"<@!?(\d+)>", content):
        if "users" in parse or user_id in users:
            out.append(f"user:{user_id}")
    for role_id in re.findall(r"<@&(\d+)>", content):
        if "roles" in parse or role_id in roles:
            out.append(f"role:{role_id}")
    if re.search(r"@(everyone|here)\b", content) and "everyone" in parse:
        out.append("everyone")
    if body.get("message_reference") and replied:
        out.append("replied_user")
    return list(dict.fromkeys(out))


# --------------------------------------------------------------------------- handles


class EventHandle:
    """A gateway event the fake dispatched: the starting point for waiting on the bot's reaction.

    Only requests made after the dispatch count, so earlier answers never satisfy a wait.
    """

    def __init__(
        self,
        fake: FakeDiscord,
        event: str,
        payload: dict[str, Any],
        *,
        dispatched_at: float,
        first_index: int,
        undelivered_reason: str | None = None,
    ) -> None:
        self.fake = fake
        self.event = event
        self.payload = payload
        self.dispatched_at = dispatched_at
        self.first_index = first_index
        self.undelivered_reason = undelivered_reason

    @property
    def delivered(self) -> bool:
        """False when Discord would not have sent this event (the bot lacks the intent)."""
        return self.undelivered_reason is None

    async def wait_for(
        self,
        predicate: Callable[[RecordedRequest], bool],
        *,
        timeout: float = DEFAULT_TIMEOUT,
        what: str = "a matching request",
    ) -> RecordedRequest:
        """The first request after this event matching ``predicate``; ``NoResponse`` on timeout."""
        if not self.delivered:
            raise NoResponse(f"{self.event} was never delivered to the bot: {self.undelivered_reason}")
        return await self.fake.wait_for(predicate, timeout=timeout, since=self.first_index, what=what)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.event} delivered={self.delivered}>"


class ChannelEventHandle(EventHandle):
    """An event in a channel (a message, a reaction) that the bot may answer with a message."""

    def __init__(self, *args: Any, channel_id: int, reference_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.channel_id = channel_id
        self.reference_id = reference_id

    def _is_reply(self, request: RecordedRequest) -> bool:
        if request.method != "POST" or request.path != f"/channels/{self.channel_id}/messages":
            return False
        reference = request.body.get("message_reference") if isinstance(request.body, dict) else None
        return not reference or str(reference.get("message_id")) == str(self.reference_id)

    @property
    def replies(self) -> list[RecordedRequest]:
        """Messages the bot has sent to this channel since the event (unrelated replies excluded)."""
        return [r for r in self.fake.requests[self.first_index :] if r.status and self._is_reply(r)]

    async def reply_request(self, *, timeout: float = DEFAULT_TIMEOUT) -> RecordedRequest:
        return await self.wait_for(self._is_reply, timeout=timeout, what=f"a message in channel {self.channel_id}")

    async def reply(self, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """The body of the bot's first message in this channel after the event."""
        body = (await self.reply_request(timeout=timeout)).body
        return body if isinstance(body, dict) else {}

    async def reaction(self, *, timeout: float = DEFAULT_TIMEOUT) -> str:
        """The emoji the bot reacted with to the message (``"👍"`` or ``"name:id"``)."""
        prefix = f"/channels/{self.channel_id}/messages/{self.reference_id}/reactions/"
        request = await self.wait_for(
            lambda r: r.method == "PUT" and r.path.startswith(prefix) and r.path.endswith("/@me"),
            timeout=timeout,
            what=f"a reaction on message {self.reference_id}",
        )
        return request.path[len(prefix) : -len("/@me")]

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the bot's first reply reaching the fake (None before a reply)."""
        replies = self.replies
        return replies[0].received_at - self.dispatched_at if replies else None

    @property
    def reply_message(self) -> dict[str, Any] | None:
        """The stored message the bot's first reply created (what ``click`` presses on)."""
        replies = self.replies
        if not replies or replies[0].message_id is None:
            return None
        return self.fake.messages.get(replies[0].message_id)


class MessageHandle(ChannelEventHandle):
    """A MESSAGE_CREATE from a user; ``id`` is the user's message id."""

    @property
    def id(self) -> int:
        return self.reference_id


class ReactionHandle(ChannelEventHandle):
    """A MESSAGE_REACTION_ADD from a user; ``message_id`` is the reacted-to message."""

    @property
    def message_id(self) -> int:
        return self.reference_id


class InteractionHandle(EventHandle):
    """An interaction the fake dispatched, and everything the bot sent back for it.

    ``await response()`` is the callback body; ``followup(i)`` / ``edit(i)`` are later webhook
    messages and edits of the original response; ``reply()`` is "what the user ends up seeing"
    whether the bot answered directly or deferred first.
    """

    def __init__(
        self,
        *args: Any,
        interaction_id: int,
        token: str,
        type: int,
        user: FakeUser,
        channel: FakeChannel,
        source_message_id: int | None = None,
        command_name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.id = interaction_id
        self.token = token
        self.type = type
        self.user = user
        self.channel = channel
        self.source_message_id = source_message_id
        self.command_name = command_name
        self.requests: list[RecordedRequest] = []
        self.message_ids: list[int] = []  # messages created for this interaction, oldest first
        self.original_message_id: int | None = None
        self.acknowledged = False
        self.shown_modal: dict[str, Any] | None = None

    @property
    def guild_id(self) -> int | None:
        return self.channel.guild_id

    @property
    def callback(self) -> RecordedRequest | None:
        """The first callback request the bot made (whatever the fake answered)."""
        return next((r for r in self.requests if r.status and r.path.endswith("/callback")), None)

    @property
    def followups(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.status and r.method == "POST" and r.path.startswith("/webhooks/")]

    @property
    def edits(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.status and r.method == "PATCH"]

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the callback reaching the fake (None before the callback)."""
        callback = self.callback
        return callback.received_at - self.dispatched_at if callback else None

    @property
    def message(self) -> dict[str, Any] | None:
        """The original response message as it is now (after edits), if there is one."""
        if self.original_message_id is None:
            return None
        return self.fake.messages.get(self.original_message_id)

    async def _wait(self, predicate: Callable[[RecordedRequest], bool], timeout: float, what: str) -> RecordedRequest:
        if not self.delivered:
            raise NoResponse(f"interaction was never delivered: {self.undelivered_reason}")
        return await self.fake.wait_for(
            predicate, timeout=timeout, since=self.first_index, what=f"{what} for {self!r}", token=self.token
        )

    async def callback_request(self, *, timeout: float = DEFAULT_TIMEOUT) -> RecordedRequest:
        return await self._wait(lambda r: r.path.endswith("/callback"), timeout, "the interaction callback")

    async def response(self, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """The bot's interaction callback body ``{"type": ..., "data": ...}``."""
        body = (await self.callback_request(timeout=timeout)).body
        return body if isinstance(body, dict) else {}

    async def followup(self, index: int = 0, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """The body of the ``index``-th follow-up message (POST /webhooks/{app}/{token})."""
        request = await self._nth(
            lambda r: r.method == "POST" and r.path.startswith("/webhooks/"), index, timeout, "follow-up"
        )
        return request.body if isinstance(request.body, dict) else {}

    async def edit(self, index: int = 0, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """The body of the ``index``-th edit of a response message (PATCH .../messages/...)."""
        request = await self._nth(lambda r: r.method == "PATCH", index, timeout, "edit of the response")
        return request.body if isinstance(request.body, dict) else {}

    async def _nth(
        self, predicate: Callable[[RecordedRequest], bool], index: int, timeout: float, what: str
    ) -> RecordedRequest:
        seen: list[RecordedRequest] = []

        def nth(request: RecordedRequest) -> bool:
            if predicate(request) and request not in seen:
                seen.append(request)
            return len(seen) > index

        await self._wait(nth, timeout, f"{what} #{index}")
        return seen[index]

    async def reply(self, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """The message data the user sees: the callback's data, or after a defer the first edit
        of the original response or follow-up."""
        body = await self.response(timeout=timeout)
        kind = body.get("type")
        if kind in (CallbackType.CHANNEL_MESSAGE, CallbackType.UPDATE_MESSAGE):
            data = body.get("data")
            return data if isinstance(data, dict) else {}
        if kind in (CallbackType.DEFERRED_CHANNEL_MESSAGE, CallbackType.DEFERRED_UPDATE_MESSAGE):
            request = await self._wait(
                lambda r: r.method in ("PATCH", "POST") and r.path.startswith("/webhooks/"),
                timeout,
                "the message after a deferred response",
            )
            return request.body if isinstance(request.body, dict) else {}
        raise AssertionError(f"the bot answered with callback type {kind}, which shows no message: {body}")

    async def choices(self, *, timeout: float = DEFAULT_TIMEOUT) -> list[dict[str, Any]]:
        """The autocomplete choices the bot returned."""
        body = await self.response(timeout=timeout)
        if body.get("type") != CallbackType.AUTOCOMPLETE_RESULT:
            raise AssertionError(f"expected an autocomplete result (type 8), got {body}")
        return list((body.get("data") or {}).get("choices") or [])

    async def modal(self, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """The modal the bot opened: ``{"custom_id", "title", "components"}``."""
        body = await self.response(timeout=timeout)
        if body.get("type") != CallbackType.MODAL:
            raise AssertionError(f"expected a modal (type 9), got {body}")
        return dict(body.get("data") or {})

    def __repr__(self) -> str:
        name = f" /{self.command_name}" if self.command_name else ""
        return f"<InteractionHandle {InteractionType(self.type).name}{name} id={self.id}>"


# --------------------------------------------------------------------------- gateway session


class _GatewaySession:
    """One bot websocket (one shard) connected to the fake gateway."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.shard_id = 0
        self.shard_count = 1
        self.intents = 0
        self.seq = 0
        self.session_id = secrets.token_hex(16)
        self.identified = False
        self._lock = asyncio.Lock()

    async def send(self, payload: Mapping[str, Any]) -> None:
        async with self._lock:
            await self.ws.send_str(json.dumps(payload))

    async def dispatch(
        self, event: str, data: Mapping[str, Any], on_send: Callable[[float], None] | None = None
    ) -> float:
        """Send a DISPATCH; returns the monotonic time just before it left.

        ``on_send`` receives that time *before* the frame is written: the bot may answer while
        ``send_str`` is still yielding, and the 3-second deadline must already know the start.
        """
        async with self._lock:
            self.seq += 1
            text = json.dumps({"op": 0, "t": event, "s": self.seq, "d": data})
            sent_at = time.monotonic()
            if on_send is not None:
                on_send(sent_at)
            await self.ws.send_str(text)
            return sent_at


class _ErrorLog(logging.Handler):
    """Collects ERROR records: discord.py logs exceptions it swallows in handlers this way, so
    "the bot failed" is observable (and awaitable) instead of only printed."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []
        self.waiters: list[tuple[re.Pattern[str], asyncio.Future[str]]] = []

    def emit(self, record: logging.LogRecord) -> None:
        line = f"{record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            line += f" [{type(error).__name__}: {error}]"
        self.lines.append(line)
        for pattern, future in self.waiters:
            if not future.done() and pattern.search(line):
                future.set_result(line)


_Reply = tuple[int, Any]
_Handler = Callable[[RecordedRequest, "re.Match[str]"], _Reply]
_Waiter = tuple[Callable[[RecordedRequest], bool], "asyncio.Future[RecordedRequest]", int]


def _error(status: int, code: int, message: str) -> _Reply:
    return status, {"message": message, "code": code}


def _truthy(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "yes")


# --------------------------------------------------------------------------- the fake


class FakeDiscord:
    """Fake Discord on 127.0.0.1. Use as ``async with FakeDiscord() as fake:``.

    World (all ids are snowflakes, sent as strings like Discord does):

    * ``bot_user`` (id == ``application_id``), ``guild`` with roles ``everyone_role``,
      ``member_role``, ``moderator_role`` (Manage Server) and the bot's managed role;
    * ``channel`` (#general) and ``other_channel`` (#off-topic);
    * users: ``user`` (the default actor, a plain member), ``moderator`` (has Manage Server),
      ``non_moderator`` (another plain member), ``owner`` (guild owner; owners bypass checks).

    Acting as users (each returns a handle; only requests made after it count as answers):
      ``slash_command(name, {opt: value}, user=, guild=, subcommand=)``,
      ``autocomplete(name, focused_option, value, other_options)``,
      ``click(handle_or_message_or_custom_id, custom_id, user=, values=)``,
      ``submit_modal(opening_handle_or_custom_id, {custom_id_or_label: value})``,
      ``message(content, mentions_bot=, dm=, user=, reply_to=)``, ``reaction_add(msg, emoji, user)``,
      ``dispatch(event, data)`` for anything else.
    Observing: ``requests``, ``invalid``, ``unhandled``, ``errors`` (ERROR logs), ``messages``,
      ``wait_for(predicate, timeout=, since=)``, ``wait_for_request(method, regex)``,
      ``wait_for_error(regex)``; handles have ``response()``, ``reply()``, ``followup(i)``,
      ``edit(i)``, ``choices()``, ``modal()``, ``reaction()`` and ``latency``.
    Breaking things: ``fail(method, path_regex, status, code, message, times)``.

    Options:
      strict: on a clean exit, fail if any body was invalid, any route unknown, or the fake broke.
      interaction_timeout: seconds within which a callback is accepted (Discord: 3), None = any.
      reject_invalid: answer invalid bodies with Discord's 400 "Invalid Form Body" (validates
        eagerly, which costs milliseconds per request; off by default to keep latency honest).
      require_synced_commands: slash_command() only knows commands the bot synced, like Discord.
    """

    _active: ClassVar[FakeDiscord | None] = None

    def __init__(
        self,
        *,
        strict: bool = True,
        interaction_timeout: float | None = 3.0,
        reject_invalid: bool = False,
        require_synced_commands: bool = True,
        bot_name: str = "Storybot",
    ) -> None:
        self.strict = strict
        self.interaction_timeout = interaction_timeout
        self.reject_invalid = reject_invalid
        self.require_synced_commands = require_synced_commands
        self.snowflake = _Snowflakes()

        self.requests: list[RecordedRequest] = []
        self.unhandled: list[RecordedRequest] = []
        self.server_errors: list[str] = []
        self.gateway_received: list[dict[str, Any]] = []
        self.failures: list[FailureRule] = []
        self.messages: dict[int, dict[str, Any]] = {}
        self.interactions: list[InteractionHandle] = []
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = defaultdict(list)
        self.command_overrides: set[tuple[str, int]] = set()
        self.uploads: dict[int, FakeUpload] = {}

        self._build_world(bot_name)

        self._sessions: dict[int, _GatewaySession] = {}
        self._sockets: set[web.WebSocketResponse] = set()
        self._identified = asyncio.Event()
        self._by_token: dict[str, list[RecordedRequest]] = defaultdict(list)
        self._interactions_by_token: dict[str, InteractionHandle] = {}
        self._message_tokens: dict[int, str] = {}
        self._waiters: list[_Waiter] = []
        self._token_waiters: dict[str, list[_Waiter]] = defaultdict(list)
        self._routes = self._build_routes()
        self._runner: web.AppRunner | None = None
        self._saved_patch: tuple[str, yarl.URL] | None = None
        self._error_log = _ErrorLog()
        self._bot: discord.Client | None = None
        self._bot_task: asyncio.Task[None] | None = None
        self.port = 0

    # ----------------------------------------------------------------- world

    def upload(self, filename: str, data: bytes, content_type: str = "application/x-yaml") -> FakeUpload:
        """A file to pass as an attachment option's value: ``slash_command(..., {"file": upload})``."""
        found = FakeUpload(self.snowflake(), filename, data, content_type)
        self.uploads[found.id] = found
        return found

    async def _cdn_handler(self, request: web.Request) -> web.Response:
        found = self.uploads.get(int(request.match_info["id"]))
        if found is None:
            return web.Response(status=404)
        return web.Response(body=found.data, content_type=found.content_type)

    def allow_command(self, name: str, user: FakeUser) -> None:
        """A server admin lets ``user`` see ``/name`` despite its default permissions
        (Server Settings > Integrations), so the bot's own run-time check is what refuses."""
        self.command_overrides.add((name, user.id))

    def _build_world(self, bot_name: str) -> None:
        new = self.snowflake
        self.application_id = new()
        guild_id = new()
        self.everyone_role = FakeRole(guild_id, "@everyone", EVERYONE_PERMISSIONS, position=0)
        self.member_role = FakeRole(new(), "Reader", 0, position=1)
        self.moderator_role = FakeRole(new(), "Moderator", MODERATOR_PERMISSIONS, position=2)
        self.bot_role = FakeRole(new(), bot_name, BOT_PERMISSIONS, position=3, managed_by_bot=self.application_id)
        self.bot_user = FakeUser(
            self.application_id, bot_name.lower(), bot_name, bot=True, role_ids=(self.bot_role.id,)
        )
        self.owner = FakeUser(new(), "owner", "Server Owner")
        self.user = FakeUser(new(), "reader", "Curious Reader", role_ids=(self.member_role.id,))
        self.moderator = FakeUser(new(), "moderator", "Mod", role_ids=(self.member_role.id, self.moderator_role.id))
        self.non_moderator = FakeUser(new(), "bystander", "Bystander", role_ids=(self.member_role.id,))
        self.channel = FakeChannel(new(), "general", guild_id=guild_id, position=0)
        self.other_channel = FakeChannel(new(), "off-topic", guild_id=guild_id, position=1)
        self.guild = FakeGuild(
            id=guild_id,
            name="Storybot Test Server",
            owner_id=self.owner.id,
            roles=(self.everyone_role, self.member_role, self.moderator_role, self.bot_role),
            channels=(self.channel, self.other_channel),
            members=(self.bot_user, self.owner, self.user, self.moderator, self.non_moderator),
        )
        self.users: dict[int, FakeUser] = {u.id: u for u in self.guild.members}
        self.channels: dict[int, FakeChannel] = {c.id: c for c in self.guild.channels}
        self._dm_channels: dict[int, FakeChannel] = {}
        self._joined_at = _now_iso()

    async def open_thread(self, parent: FakeChannel, name: str = "a thread") -> FakeChannel:
        """A member opens a public thread under ``parent`` (THREAD_CREATE)."""
        thread = FakeChannel(self.snowflake(), name, type=11, guild_id=parent.guild_id, parent_id=parent.id,
                             recipient=self.user)
        self.channels[thread.id] = thread
        await self.dispatch("THREAD_CREATE", {**thread.payload(), "newly_created": True}, guild_id=thread.guild_id)
        return thread

    async def deny_in_channel(self, channel: FakeChannel, role: FakeRole, permissions: int) -> FakeChannel:
        """A server admin denies ``role`` these permissions in one channel (an overwrite; CHANNEL_UPDATE). The
        bot's own view of the channel changes; the fake's REST side doesn't enforce overwrites."""
        changed = replace(channel, overwrites=(*channel.overwrites,
                                               {"id": str(role.id), "type": 0, "allow": "0", "deny": str(permissions)}))
        self.channels[channel.id] = changed
        if channel.id == self.channel.id:
            self.channel = changed
        if channel.id == self.other_channel.id:
            self.other_channel = changed
        await self.dispatch("CHANNEL_UPDATE", changed.payload(), guild_id=changed.guild_id)
        return changed

    def add_user(self, username: str, *, roles: Sequence[FakeRole] = (), bot: bool = False) -> FakeUser:
        """Add a guild member (before ``start_bot`` if the bot must see it in GUILD_CREATE)."""
        user = FakeUser(self.snowflake(), username, username.title(), bot=bot, role_ids=tuple(r.id for r in roles))
        self.guild = FakeGuild(
            self.guild.id,
            self.guild.name,
            self.guild.owner_id,
            self.guild.roles,
            self.guild.channels,
            (*self.guild.members, user),
        )
        self.users[user.id] = user
        return user

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        """The DM channel between ``user`` and the bot (stable id, as on Discord)."""
        if user.id not in self._dm_channels:
            channel = FakeChannel(self.snowflake(), None, type=1, recipient=user)
            self._dm_channels[user.id] = channel
            self.channels[channel.id] = channel
        return self._dm_channels[user.id]

    def permissions_of(self, user: FakeUser) -> int:
        """Guild-level permissions (no channel overwrites exist in the fake)."""
        if user.id == self.guild.owner_id:
            return _ALL_PERMISSIONS
        value = self.everyone_role.permissions
        for role in self.guild.roles:
            if role.id in user.role_ids:
                value |= role.permissions
        return _ALL_PERMISSIONS if value & _ADMINISTRATOR else value

    def member_payload(self, user: FakeUser, *, include_user: bool = True, permissions: bool = False) -> dict[str, Any]:
        """A guild member object; ``permissions`` adds the computed field interactions carry."""
        data: dict[str, Any] = {
            "roles": [str(r) for r in user.role_ids],
            "nick": None,
            "avatar": None,
            "banner": None,
            "joined_at": self._joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
            "avatar_decoration_data": None,
        }
        if include_user:
            data["user"] = user.payload()
        if permissions:
            data["permissions"] = str(self.permissions_of(user))
        return data

    def _guild_payload(self) -> dict[str, Any]:
        g = self.guild
        return {
            "id": str(g.id),
            "name": g.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(g.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "widget_enabled": False,
            "verification_level": 1,
            "default_message_notifications": 1,
            "explicit_content_filter": 2,
            "roles": [r.payload() for r in g.roles],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": str(self.channel.id),
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "max_members": 500_000,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "nsfw": False,
            "premium_progress_bar_enabled": False,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
        }

    def _guild_create_payload(self, intents: int) -> dict[str, Any]:
        # Without GUILD_MEMBERS Discord only sends the bot's own member.
        members = self.guild.members if intents & Intent.GUILD_MEMBERS else (self.bot_user,)
        return {
            **self._guild_payload(),
            "joined_at": self._joined_at,
            "large": False,
            "unavailable": False,
            "lazy": True,
            "member_count": len(self.guild.members),
            "members": [self.member_payload(m) for m in members],
            "channels": [c.payload() for c in self.guild.channels],
            "threads": [],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def _application_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.application_id),
            "name": self.bot_user.global_name,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": secrets.token_hex(32),
            "flags": APPLICATION_FLAGS,
            "owner": self.owner.payload(),
            "team": None,
            "bot": self.bot_user.payload(),
            "hook": True,
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "tags": [],
            "integration_types_config": {"0": {}},
            "approximate_guild_count": 1,
        }

    # ----------------------------------------------------------------- lifecycle

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def __aenter__(self) -> Self:
        if FakeDiscord._active is not None:
            raise RuntimeError("another FakeDiscord is active; discord.py's base URLs are global")
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway_handler)
        app.router.add_route("*", "/api/{tail:.*}", self._rest_handler)
        app.router.add_get("/cdn/{id}/{filename}", self._cdn_handler)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        self._saved_patch = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        Route.BASE = self.api_base
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        FakeDiscord._active = self
        logging.getLogger().addHandler(self._error_log)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await self.stop_bot(raise_errors=exc is None)
        finally:
            for ws in list(self._sockets):
                await ws.close()
            if self._runner is not None:
                await self._runner.cleanup()
            if self._saved_patch is not None:
                Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._saved_patch
            FakeDiscord._active = None
            logging.getLogger().removeHandler(self._error_log)
        if exc is None and self.strict:
            self.assert_clean()

    async def start_bot(
        self,
        bot: discord.Client,
        token: str = "fake-token",
        *,
        timeout: float = 10.0,
        guild_ready_timeout: float | None = 0.05,
    ) -> asyncio.Task[None]:
        """Run ``bot.start(token)`` in a task and return once the bot is ready (on_ready fired).

        discord.py waits ``guild_ready_timeout`` (default 2 s) after the last GUILD_CREATE before
        READY; the fake knows it sends exactly one guild, so it lowers that unless told ``None``.
        """
        if self._bot is not None:
            raise RuntimeError("a bot is already running on this fake")
        if guild_ready_timeout is not None:
            bot._connection.guild_ready_timeout = guild_ready_timeout
        self._identified.clear()
        task = asyncio.create_task(bot.start(token), name="fake-discord-bot")
        self._bot, self._bot_task = bot, task
        task.add_done_callback(self._on_bot_task_done)

        async def ready() -> None:
            await self._identified.wait()  # login and setup_hook are done once IDENTIFY arrives
            await bot.wait_until_ready()

        waiter = asyncio.ensure_future(ready())
        done, _ = await asyncio.wait({task, waiter}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if waiter in done:
            waiter.result()
            return task
        waiter.cancel()
        if task in done:
            self._bot = self._bot_task = None
            error = task.exception()
            raise RuntimeError(self._explain("bot.start() ended before the bot was ready")) from error
        raise NoResponse(self._explain(f"bot not ready after {timeout}s"))

    def _on_bot_task_done(self, task: asyncio.Task[None]) -> None:
        if task is self._bot_task:
            reason = "the bot stopped" if task.cancelled() or not task.exception() else "the bot crashed"
            for _, future, _ in [*self._waiters, *(w for ws in self._token_waiters.values() for w in ws)]:
                if not future.done():
                    future.set_exception(NoResponse(self._explain(reason)))

    async def stop_bot(self, *, raise_errors: bool = True) -> None:
        """Close the bot cleanly and wait for ``bot.start()`` to return."""
        bot, task = self._bot, self._bot_task
        self._bot = self._bot_task = None
        if bot is None or task is None:
            return
        if not bot.is_closed():
            await bot.close()
        try:
            await asyncio.wait_for(task, timeout=5.0)
        except discord.ConnectionClosed as exc:
            if raise_errors and exc.code != 1000:
                raise
        except Exception:
            if raise_errors:
                raise

    def assert_clean(self) -> None:
        """Fail if any body was invalid, any route unknown to the fake, or a fake handler broke."""
        lines: list[str] = []
        lines += [f"invalid body: {item}" for item in self.invalid]
        lines += [f"route the fake does not implement: {r.method} {r.path}" for r in self.unhandled]
        lines += [f"fake Discord bug: {e}" for e in self.server_errors]
        if lines:
            raise AssertionError("FakeDiscord saw problems:\n" + "\n".join(lines))

    # ----------------------------------------------------------------- observation

    @property
    def invalid(self) -> list[InvalidRequest]:
        """Requests whose body Discord would reject. Validated lazily, so benchmarks stay honest."""
        return [InvalidRequest(r, tuple(r.problems)) for r in self.requests if r.problems]

    @property
    def errors(self) -> list[str]:
        """ERROR log lines seen while the fake was active (discord.py logs swallowed exceptions),
        as ``"logger: message [ExceptionType: text]"``."""
        return list(self._error_log.lines)

    async def wait_for_error(self, pattern: str, *, timeout: float = DEFAULT_TIMEOUT) -> str:
        """The first ERROR log line (past or future) matching the regex ``pattern``."""
        regex = re.compile(pattern)
        for line in self._error_log.lines:
            if regex.search(line):
                return line
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        entry = (regex, future)
        self._error_log.waiters.append(entry)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise NoResponse(self._explain(f"no error matching {pattern!r} within {timeout}s")) from None
        finally:
            self._error_log.waiters.remove(entry)

    @property
    def bot(self) -> discord.Client | None:
        return self._bot

    def mark(self) -> int:
        """A position in ``requests``; pass as ``since=`` to wait only for later requests."""
        return len(self.requests)

    def requests_to(self, method: str, path_regex: str, *, since: int = 0) -> list[RecordedRequest]:
        pattern = re.compile(path_regex)
        return [r for r in self.requests[since:] if r.method == method and pattern.search(r.path)]

    async def wait_for(
        self,
        predicate: Callable[[RecordedRequest], bool],
        *,
        timeout: float = DEFAULT_TIMEOUT,
        since: int = 0,
        what: str = "a matching request",
        token: str | None = None,
    ) -> RecordedRequest:
        """The first answered request (index >= ``since``) matching ``predicate``.

        Already-recorded requests count, so there is no race between acting and waiting.
        Raises ``NoResponse`` after ``timeout`` seconds with what the bot did instead.
        """
        pool = self._by_token.get(token, []) if token is not None else self.requests[since:]
        for request in pool:
            if request.index >= since and request.status and predicate(request):
                return request
        future: asyncio.Future[RecordedRequest] = asyncio.get_running_loop().create_future()
        entry = (predicate, future, since)
        bucket = self._token_waiters[token] if token is not None else self._waiters
        bucket.append(entry)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise NoResponse(self._explain(f"timed out after {timeout}s waiting for {what}")) from None
        finally:
            if entry in bucket:
                bucket.remove(entry)

    async def wait_for_request(
        self, method: str, path_regex: str, *, timeout: float = DEFAULT_TIMEOUT, since: int = 0
    ) -> RecordedRequest:
        pattern = re.compile(path_regex)
        return await self.wait_for(
            lambda r: r.method == method and pattern.search(r.path) is not None,
            timeout=timeout,
            since=since,
            what=f"{method} {path_regex}",
        )

    def _notify(self, request: RecordedRequest) -> None:
        buckets = [self._waiters]
        token = request.token
        if token is not None and token in self._token_waiters:
            buckets.append(self._token_waiters[token])
        for bucket in buckets:
            for predicate, future, since in list(bucket):
                if future.done() or request.index < since:
                    continue
                try:
                    if predicate(request):
                        future.set_result(request)
                except Exception as exc:
                    future.set_exception(exc)

    def _explain(self, headline: str) -> str:
        lines = [headline]
        task = self._bot_task
        if task is None:
            lines.append("bot: not running")
        elif not task.done():
            lines.append("bot: running")
        elif task.cancelled():
            lines.append("bot: cancelled")
        else:
            lines.append(f"bot: stopped ({task.exception()!r})")
        recent = self.requests[-8:]
        lines.append("last requests: " + (", ".join(repr(r) for r in recent) or "none"))
        if self.errors:
            lines.append("errors logged:\n  " + "\n  ".join(self.errors[-5:]))
        if self.unhandled:
            lines.append("unhandled routes: " + ", ".join(repr(r) for r in self.unhandled[-5:]))
        return "\n".join(lines)

    # ----------------------------------------------------------------- failure injection

    def fail(
        self,
        method: str,
        path_regex: str,
        status: int = 403,
        code: int = 50013,
        message: str = "Missing Permissions",
        times: int | None = 1,
        *,
        retry_after: float = 0.0,
        delay: float = 0.0,
    ) -> FailureRule:
        """Make the next ``times`` matching requests fail like Discord would (None = forever).

        ``path_regex`` is searched in the path without the ``/api/v10`` prefix, e.g.
        ``rf"/channels/{fake.channel.id}/messages$"``; ``method`` may be ``"*"``. Useful cases:
        403/50013 Missing Permissions, 403/50001 Missing Access, 404/10062 Unknown interaction,
        404/10008 Unknown Message, 400/40060 already acknowledged, 429 with ``retry_after``
        (discord.py sleeps and retries), 5xx (discord.py retries after 1 s, 3 s, ...). ``delay`` answers the
        failure that many seconds late, as a slow Discord would.
        """
        rule = FailureRule(method.upper(), re.compile(path_regex), status, code, message, times, retry_after, delay)
        self.failures.append(rule)
        return rule

    # ----------------------------------------------------------------- gateway

    async def _gateway_handler(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        self._sockets.add(ws)
        session = _GatewaySession(ws)
        try:
            await session.send({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}, "s": None, "t": None})
            async for message in ws:
                if message.type is not aiohttp.WSMsgType.TEXT:
                    continue
                payload = json.loads(message.data)
                self.gateway_received.append(payload)
                await self._on_gateway_message(session, payload)
        finally:
            self._sockets.discard(ws)
            if self._sessions.get(session.shard_id) is session:
                del self._sessions[session.shard_id]
        return ws

    async def _on_gateway_message(self, session: _GatewaySession, payload: Mapping[str, Any]) -> None:
        op, data = payload.get("op"), payload.get("d")
        if op == 1:  # HEARTBEAT
            await session.send({"op": 11, "d": None, "s": None, "t": None})
        elif op == 2 and isinstance(data, Mapping):  # IDENTIFY
            session.shard_id, session.shard_count = data.get("shard") or (0, 1)
            session.intents = int(data.get("intents") or 0)
            session.identified = True
            self._sessions[session.shard_id] = session
            await session.dispatch("READY", self._ready_payload(session))
            if session.intents & Intent.GUILDS and self._shard_of(self.guild.id, session) == session.shard_id:
                await session.dispatch("GUILD_CREATE", self._guild_create_payload(session.intents))
            self._identified.set()
        elif op == 6 and isinstance(data, Mapping):  # RESUME
            session.identified = True
            session.seq = int(data.get("seq") or 0)
            self._sessions[session.shard_id] = session
            await session.dispatch("RESUMED", {})
        elif op == 8 and isinstance(data, Mapping):  # REQUEST_GUILD_MEMBERS
            await session.dispatch(
                "GUILD_MEMBERS_CHUNK",
                {
                    "guild_id": str(self.guild.id),
                    "members": [self.member_payload(m) for m in self.guild.members],
                    "chunk_index": 0,
                    "chunk_count": 1,
                    "not_found": [],
                    "nonce": data.get("nonce"),
                },
            )

    def _ready_payload(self, session: _GatewaySession) -> dict[str, Any]:
        guilds = [{"id": str(self.guild.id), "unavailable": True}] if session.intents & Intent.GUILDS else []
        return {
            "v": 10,
            "user": {
                **self.bot_user.payload(),
                "verified": True,
                "mfa_enabled": False,
                "flags": 0,
                "email": None,
            },
            "guilds": [g for g in guilds if self._shard_of(self.guild.id, session) == session.shard_id],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.gateway_url,
            "shard": [session.shard_id, session.shard_count],
            "application": {"id": str(self.application_id), "flags": APPLICATION_FLAGS},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "user_settings": {},
            "geo_ordered_rtc_regions": ["us-east", "us-central"],
            "_trace": ['["fake-discord",{}]'],
        }

    @staticmethod
    def _shard_of(guild_id: int, session: _GatewaySession) -> int:
        return (guild_id >> 22) % max(session.shard_count, 1)

    def _session_for(self, guild_id: int | None) -> _GatewaySession:
        if not self._sessions:
            raise RuntimeError("the bot is not connected to the fake gateway; call start_bot() first")
        any_session = next(iter(self._sessions.values()))
        shard = 0 if guild_id is None else self._shard_of(guild_id, any_session)
        return self._sessions.get(shard, any_session)

    async def dispatch(self, event: str, data: Mapping[str, Any], *, guild_id: int | None = None) -> EventHandle:
        """Send a raw gateway DISPATCH (no intent filtering); returns a handle to wait on."""
        first_index = len(self.requests)
        sent_at = await self._session_for(guild_id).dispatch(event, data)
        return EventHandle(self, event, dict(data), dispatched_at=sent_at, first_index=first_index)

    async def _deliver(
        self, event: str, payload: dict[str, Any], guild_id: int | None, needs: Intent | None
    ) -> tuple[float, int, str | None]:
        session = self._session_for(guild_id)
        first_index = len(self.requests)
        if needs is not None and not session.intents & needs:
            return time.monotonic(), first_index, f"the bot did not request the {needs.name} intent"
        return await session.dispatch(event, payload), first_index, None

    # ----------------------------------------------------------------- user actions

    async def slash_command(
        self,
        name: str,
        options: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
        *,
        user: FakeUser | None = None,
        guild: bool = True,
        subcommand: str | None = None,
        channel: FakeChannel | None = None,
    ) -> InteractionHandle:
        """A user runs ``/name`` (``subcommand`` like ``"sub"`` or ``"group sub"``).

        ``options`` maps option names to values (typed from the synced command: FakeUser,
        FakeChannel and FakeRole resolve like Discord's ``resolved``), or is a raw option list.
        ``guild=False`` runs it in the user's DM with the bot. Raises ``CommandNotAvailable``
        where Discord would not offer the command to this user.
        """
        user = user or self.user
        command = self._find_command(name, guild=guild)
        self._check_available(command, user, guild=guild)
        opts, resolved = self._build_options(command, options, subcommand, focused=None, guild=guild)
        data = self._command_data(command, opts, resolved)
        where = (channel or self.channel) if guild else self.dm_channel(user)
        return await self._interaction(InteractionType.APPLICATION_COMMAND, data, user, where, command_name=name)

    async def autocomplete(
        self,
        name: str,
        focused_option: str,
        value: str,
        other_options: Mapping[str, Any] | None = None,
        *,
        user: FakeUser | None = None,
        guild: bool = True,
        subcommand: str | None = None,
    ) -> InteractionHandle:
        """A user types ``value`` into ``focused_option`` of ``/name``; ``await h.choices()``."""
        user = user or self.user
        command = self._find_command(name, guild=guild)
        self._check_available(command, user, guild=guild)
        opts, resolved = self._build_options(
            command, other_options or {}, subcommand, focused=(focused_option, value), guild=guild
        )
        data = self._command_data(command, opts, resolved)
        where = self.channel if guild else self.dm_channel(user)
        return await self._interaction(
            InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE, data, user, where, command_name=name
        )

    async def click(
        self,
        message_or_custom_id: InteractionHandle | ChannelEventHandle | Mapping[str, Any] | int | str,
        custom_id: str | None = None,
        *,
        user: FakeUser | None = None,
        values: Sequence[str] | None = None,
    ) -> InteractionHandle:
        """A user presses a button (or picks ``values`` in a select) on a bot message.

        ``click("custom-id")`` uses the newest message with that component;
        ``click(handle, "custom-id")`` one the bot sent for that interaction/message;
        ``click(message_payload_or_id, "custom-id")`` that exact message.
        """
        message, custom_id = self._click_target(message_or_custom_id, custom_id)
        component = self._find_component(message, custom_id)
        if component.get("disabled"):
            raise AssertionError(f"component {custom_id!r} is disabled; a user cannot use it")
        kind = int(component["type"])
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": kind}
        if "id" in component:
            data["id"] = component["id"]
        if kind != 2:
            data["values"] = list(values or [])
        elif values:
            raise ValueError("buttons take no values")
        channel = self.channels[int(message["channel_id"])]
        default_user = self._interaction_user_of(message) or self.user
        return await self._interaction(
            InteractionType.MESSAGE_COMPONENT,
            data,
            user or default_user,
            channel,
            message=message,
            source_message_id=int(message["id"]),
        )

    async def submit_modal(
        self,
        modal: InteractionHandle | str | None = None,
        fields: Mapping[str, str | Sequence[str]] | None = None,
        *,
        user: FakeUser | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> InteractionHandle:
        """A user fills in and submits a modal the bot opened.

        ``modal`` is the handle of the interaction that opened it, or the modal's custom_id, or
        None for the newest modal. ``fields`` is keyed by a text input's custom_id or its label.
        Raises like the Discord client would refuse: missing required fields, length limits.
        """
        opener = await self._modal_opener(modal, timeout)
        shown = opener.shown_modal or {}
        components = self._modal_submission(shown, dict(fields or {}))
        data = {"custom_id": shown.get("custom_id"), "components": components}
        message = None
        if opener.source_message_id is not None:
            message = self.messages.get(opener.source_message_id)
        return await self._interaction(
            InteractionType.MODAL_SUBMIT,
            data,
            user or opener.user,
            opener.channel,
            message=message,
            source_message_id=opener.source_message_id,
        )

    async def message(
        self,
        content: str,
        *,
        mentions_bot: bool = False,
        dm: bool = False,
        user: FakeUser | None = None,
        channel: FakeChannel | None = None,
        reply_to: int | Mapping[str, Any] | None = None,
        reply_ping: bool = False,
    ) -> MessageHandle:
        """A user posts a message (MESSAGE_CREATE). ``mentions_bot`` prefixes ``<@bot>``;
        ``dm=True`` posts in the user's DM channel with the bot. ``reply_ping``: the reply to ``reply_to``
        pings its author (the client's default), so Discord lists that author among the mentions, though the
        content doesn't name them."""
        user = user or self.user
        if mentions_bot and self.bot_user.mention not in content:
            content = f"{self.bot_user.mention} {content}"
        where = self.dm_channel(user) if dm else (channel or self.channel)
        payload = self._new_message(
            channel=where, author=user, body={"content": content}, message_type=0, reference=reply_to
        )
        replied = payload.get("referenced_message")
        if reply_ping and isinstance(replied, Mapping):
            author = replied["author"]
            if all(m["id"] != author["id"] for m in payload["mentions"]):
                payload["mentions"].append(dict(author))
        payload["nonce"] = str(self.snowflake())
        event = dict(payload)
        if not where.is_dm:
            event["guild_id"] = str(self.guild.id)
            event["member"] = self.member_payload(user, include_user=False)
            event["mentions"] = [
                {**m, "member": self.member_payload(self.users[int(m["id"])], include_user=False)}
                for m in payload["mentions"]
            ]
        session = self._session_for(where.guild_id)
        mentioned = any(int(m["id"]) == self.bot_user.id for m in payload["mentions"])
        if not where.is_dm and not mentioned and not session.intents & Intent.MESSAGE_CONTENT:
            event.update(content="", embeds=[], attachments=[], components=[])
        referenced = event.get("referenced_message")
        if isinstance(referenced, Mapping) and not where.is_dm and not session.intents & Intent.MESSAGE_CONTENT:
            event["referenced_message"] = self._as_seen_without_content(referenced)
        needs = Intent.DIRECT_MESSAGES if where.is_dm else Intent.GUILD_MESSAGES
        sent_at, first_index, reason = await self._deliver("MESSAGE_CREATE", event, where.guild_id, needs)
        return MessageHandle(
            self,
            "MESSAGE_CREATE",
            event,
            dispatched_at=sent_at,
            first_index=first_index,
            undelivered_reason=reason,
            channel_id=where.id,
            reference_id=int(payload["id"]),
        )

    async def reaction_add(
        self,
        message: int | Mapping[str, Any] | ChannelEventHandle | InteractionHandle,
        emoji: str,
        user: FakeUser | None = None,
    ) -> ReactionHandle:
        """A user reacts to a message with a unicode emoji or a custom ``name:id`` one."""
        user = user or self.user
        stored = self._resolve_message(message)
        channel = self.channels[int(stored["channel_id"])]
        emoji_payload = self._emoji_payload(emoji)
        payload: dict[str, Any] = {
            "user_id": str(user.id),
            "channel_id": str(channel.id),
            "message_id": str(stored["id"]),
            "emoji": emoji_payload,
            "burst": False,
            "burst_colors": [],
            "type": 0,
            "message_author_id": stored["author"]["id"],
        }
        if not channel.is_dm:
            payload["guild_id"] = str(self.guild.id)
            payload["member"] = self.member_payload(user)
        self._add_reaction(stored, emoji_payload, me=False)
        needs = Intent.DIRECT_MESSAGE_REACTIONS if channel.is_dm else Intent.GUILD_MESSAGE_REACTIONS
        sent_at, first_index, reason = await self._deliver("MESSAGE_REACTION_ADD", payload, channel.guild_id, needs)
        return ReactionHandle(
            self,
            "MESSAGE_REACTION_ADD",
            payload,
            dispatched_at=sent_at,
            first_index=first_index,
            undelivered_reason=reason,
            channel_id=channel.id,
            reference_id=int(stored["id"]),
        )

    # ----------------------------------------------------------------- interaction building

    def _find_command(self, name: str, *, guild: bool) -> dict[str, Any]:
        candidates = [*(self.guild_commands.get(self.guild.id, []) if guild else []), *self.global_commands]
        for command in candidates:
            if command["name"] == name and command.get("type", 1) == 1:
                return command
        if not self.require_synced_commands and self._bot is not None:
            tree = getattr(self._bot, "tree", None)
            found = None
            if isinstance(tree, discord.app_commands.CommandTree):
                found = tree.get_command(name, guild=discord.Object(self.guild.id)) or tree.get_command(name)
            if tree is not None and isinstance(found, (discord.app_commands.Command, discord.app_commands.Group)):
                return {
                    **found.to_dict(tree),
                    "id": str(self.snowflake()),
                    "application_id": str(self.application_id),
                }
        synced = sorted({c["name"] for c in candidates})
        where = "in the guild or globally" if guild else "globally (DMs only see global commands)"
        raise CommandNotAvailable(f"/{name} is not synced {where}; synced: {synced}. Did the bot call tree.sync()?")

    def _check_available(self, command: Mapping[str, Any], user: FakeUser, *, guild: bool) -> None:
        name = command["name"]
        contexts = command.get("contexts")
        if guild:
            if contexts is not None and 0 not in contexts:
                raise CommandNotAvailable(f"/{name} is not allowed in guilds (contexts={contexts})")
            required = command.get("default_member_permissions")
            if required is not None and (name, user.id) not in self.command_overrides:
                have, need = self.permissions_of(user), int(required)
                if not have & _ADMINISTRATOR and (need == 0 or have & need != need):
                    raise CommandNotAvailable(
                        f"{user.username} lacks default_member_permissions={need} needed to see /{name}"
                    )
        else:
            if command.get("guild_id"):
                raise CommandNotAvailable(f"/{name} is a guild command; it does not exist in DMs")
            if (contexts is not None and 1 not in contexts) or command.get("dm_permission") is False:
                raise CommandNotAvailable(f"/{name} is not allowed in DMs with the bot")

    def _build_options(
        self,
        command: Mapping[str, Any],
        options: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
        subcommand: str | None,
        *,
        focused: tuple[str, str] | None,
        guild: bool,
    ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        resolved: dict[str, dict[str, Any]] = {}
        definitions: list[Mapping[str, Any]] = list(command.get("options") or [])
        wrappers: list[Mapping[str, Any]] = []
        for part in (subcommand or "").split():
            found = next((d for d in definitions if d["name"] == part and d["type"] in (1, 2)), None)
            if found is None:
                raise CommandNotAvailable(f"/{command['name']} has no subcommand {part!r}")
            wrappers.append(found)
            definitions = list(found.get("options") or [])
        if any(d["type"] in (1, 2) for d in definitions):
            subs = [d["name"] for d in definitions]
            raise ValueError(f"/{command['name']} needs a subcommand=..., one of {subs}")

        if options is not None and not isinstance(options, Mapping):
            leaf = [dict(o) for o in options]  # raw option payloads, passed through untouched
        else:
            leaf = self._leaf_options(command["name"], definitions, options or {}, focused, resolved, guild)
        for wrapper in reversed(wrappers):
            leaf = [{"type": wrapper["type"], "name": wrapper["name"], "options": leaf}]
        return leaf, resolved

    def _leaf_options(
        self,
        command_name: str,
        definitions: Sequence[Mapping[str, Any]],
        options: Mapping[str, Any],
        focused: tuple[str, str] | None,
        resolved: dict[str, dict[str, Any]],
        guild: bool,
    ) -> list[dict[str, Any]]:
        by_name = {d["name"]: d for d in definitions}
        out: list[dict[str, Any]] = []
        for name, value in options.items():
            definition = by_name.get(name)
            if definition is None:
                raise ValueError(f"/{command_name} has no option {name!r}; it has {sorted(by_name)}")
            encoded = self._encode_option(int(definition["type"]), value, resolved, guild)
            choices = [c["value"] for c in definition.get("choices") or []]
            if choices and encoded not in choices:
                raise ValueError(f"{encoded!r} is not a choice of {name!r}: {choices}")
            out.append({"type": definition["type"], "name": name, "value": encoded})
        if focused is not None:
            name, value = focused
            definition = by_name.get(name)
            if definition is None:
                raise ValueError(f"/{command_name} has no option {name!r}; it has {sorted(by_name)}")
            if not definition.get("autocomplete"):
                raise CommandNotAvailable(f"option {name!r} of /{command_name} has no autocomplete")
            out.append({"type": definition["type"], "name": name, "value": value, "focused": True})
        else:
            missing = [d["name"] for d in definitions if d.get("required") and d["name"] not in options]
            if missing:
                raise ValueError(f"Discord will not send /{command_name} without required options {missing}")
        return out

    def _encode_option(self, kind: int, value: Any, resolved: dict[str, dict[str, Any]], guild: bool) -> Any:
        if kind == 3:
            return str(value)
        if kind == 4:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"integer option needs an int, got {value!r}")
            return value
        if kind == 5:
            return bool(value)
        if kind == 10:
            return float(value)
        if kind in (6, 9) and (isinstance(value, FakeUser) or int(value) in self.users):
            user = value if isinstance(value, FakeUser) else self.users[int(value)]
            resolved.setdefault("users", {})[str(user.id)] = user.payload()
            if guild and user in self.guild.members:
                member = self.member_payload(user, include_user=False, permissions=True)
                resolved.setdefault("members", {})[str(user.id)] = member
            return str(user.id)
        if kind in (8, 9):
            role = value if isinstance(value, FakeRole) else next(r for r in self.guild.roles if r.id == int(value))
            resolved.setdefault("roles", {})[str(role.id)] = role.payload()
            return str(role.id)
        if kind == 7:
            channel = value if isinstance(value, FakeChannel) else self.channels[int(value)]
            entry = {**channel.payload(), "permissions": str(self.permissions_of(self.user))}
            resolved.setdefault("channels", {})[str(channel.id)] = entry
            return str(channel.id)
        if kind == 11 and isinstance(value, FakeUpload):
            url = f"http://127.0.0.1:{self.port}/cdn/{value.id}/{value.filename}"
            resolved.setdefault("attachments", {})[str(value.id)] = {
                "id": str(value.id), "filename": value.filename, "size": len(value.data), "url": url,
                "proxy_url": url, "content_type": value.content_type,
            }
            return str(value.id)
        raise ValueError(f"the fake cannot encode option type {kind} (value {value!r})")

    def _command_data(
        self, command: Mapping[str, Any], options: list[dict[str, Any]], resolved: dict[str, Any]
    ) -> dict[str, Any]:
        data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": command.get("type", 1)}
        if options:
            data["options"] = options
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return data

    async def _interaction(
        self,
        kind: InteractionType,
        data: dict[str, Any],
        user: FakeUser,
        channel: FakeChannel,
        *,
        message: Mapping[str, Any] | None = None,
        source_message_id: int | None = None,
        command_name: str | None = None,
    ) -> InteractionHandle:
        interaction_id = self.snowflake()
        token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": int(kind),
            "data": data,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "app_permissions": str(self.permissions_of(self.bot_user)),
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": 10 * 1024 * 1024,
            "channel_id": str(channel.id),
        }
        if channel.is_dm:
            payload["channel"] = channel.payload()
            payload["user"] = user.payload()
            payload["context"] = 1
            payload["authorizing_integration_owners"] = {"0": "0"}
        else:
            payload["channel"] = {**channel.payload(), "permissions": str(self.permissions_of(user))}
            payload["guild_id"] = str(self.guild.id)
            payload["guild"] = {"id": str(self.guild.id), "locale": "en-US", "features": []}
            payload["guild_locale"] = "en-US"
            payload["member"] = self.member_payload(user, permissions=True)
            payload["context"] = 0
            payload["authorizing_integration_owners"] = {"0": str(self.guild.id)}
        if message is not None:
            payload["message"] = dict(message)
        handle = InteractionHandle(
            self,
            "INTERACTION_CREATE",
            payload,
            dispatched_at=0.0,
            first_index=len(self.requests),
            interaction_id=interaction_id,
            token=token,
            type=int(kind),
            user=user,
            channel=channel,
            source_message_id=source_message_id,
            command_name=command_name,
        )
        self._interactions_by_token[token] = handle
        self.interactions.append(handle)

        def started(at: float) -> None:
            handle.dispatched_at = at

        await self._session_for(channel.guild_id).dispatch("INTERACTION_CREATE", payload, started)
        return handle

    def _click_target(
        self,
        target: InteractionHandle | ChannelEventHandle | Mapping[str, Any] | int | str,
        custom_id: str | None,
    ) -> tuple[dict[str, Any], str]:
        if custom_id is None:
            if not isinstance(target, str):
                raise TypeError("click(custom_id) or click(message_or_handle, custom_id)")
            candidates = list(reversed(self.messages.values()))
            custom_id = target
        elif isinstance(target, InteractionHandle):
            candidates = [self.messages[m] for m in reversed(target.message_ids) if m in self.messages]
        elif isinstance(target, ChannelEventHandle):
            ids = [r.message_id for r in reversed(target.replies) if r.message_id is not None]
            candidates = [self.messages[m] for m in ids if m in self.messages]
        else:
            candidates = [self._resolve_message(target)]
        for message in candidates:
            if any(c.get("custom_id") == custom_id for c in _walk(message.get("components"))):
                return message, custom_id
        known = sorted({str(c.get("custom_id")) for m in candidates for c in _walk(m.get("components"))})
        raise LookupError(f"no bot message with a component custom_id={custom_id!r}; seen: {known}")

    @staticmethod
    def _find_component(message: Mapping[str, Any], custom_id: str) -> Mapping[str, Any]:
        for component in _walk(message.get("components")):
            if component.get("custom_id") == custom_id:
                return component
        raise LookupError(f"message {message.get('id')} has no component {custom_id!r}")

    def _interaction_user_of(self, message: Mapping[str, Any]) -> FakeUser | None:
        token = self._message_tokens.get(int(message["id"]))
        handle = self._interactions_by_token.get(token) if token else None
        return handle.user if handle else None

    async def _modal_opener(self, modal: InteractionHandle | str | None, timeout: float) -> InteractionHandle:
        if isinstance(modal, InteractionHandle):
            await modal.modal(timeout=timeout)
            return modal
        for handle in reversed(self.interactions):
            if handle.shown_modal is not None and modal in (None, handle.shown_modal.get("custom_id")):
                return handle
        raise LookupError(f"the bot never opened a modal {modal!r}")

    @staticmethod
    def _modal_submission(shown: Mapping[str, Any], fields: dict[str, str | Sequence[str]]) -> list[dict[str, Any]]:
        """Mirror the modal's layout (action rows or labels) with the user's values, as Discord does."""
        used: set[str] = set()

        def submitted(component: Mapping[str, Any], label: str | None) -> dict[str, Any] | None:
            custom_id = component.get("custom_id")
            if custom_id is None:
                return None
            key = custom_id if custom_id in fields else (label if label in fields else None)
            out: dict[str, Any] = {"type": component["type"], "custom_id": custom_id}
            if "id" in component:
                out["id"] = component["id"]
            value = fields.get(key) if key is not None else component.get("value")  # prefilled, left as is
            if key is not None:
                used.add(key)
            if component["type"] == 4:
                text = "" if value is None else str(value)
                if component.get("required", True) and not text:
                    raise AssertionError(f"text input {label or custom_id!r} is required")
                low, high = component.get("min_length") or 0, component.get("max_length") or 4000
                if text and not low <= len(text) <= high:
                    raise AssertionError(f"text input {label or custom_id!r} takes {low}..{high} characters")
                out["value"] = text
            else:
                out["values"] = [] if value is None else [value] if isinstance(value, str) else list(value)
            return out

        components: list[dict[str, Any]] = []
        for top in shown.get("components") or []:
            if top.get("type") == 1:
                children = [submitted(c, c.get("label")) for c in top.get("components") or []]
                components.append({"type": 1, "components": [c for c in children if c]})
            elif top.get("type") == 18:
                child = submitted(top["component"], top.get("label"))
                if child:
                    components.append({"type": 18, "component": child})
        unknown = set(fields) - used
        if unknown:
            raise KeyError(f"modal has no fields {sorted(unknown)}")
        return components

    def _resolve_message(
        self, message: int | str | Mapping[str, Any] | ChannelEventHandle | InteractionHandle
    ) -> dict[str, Any]:
        if isinstance(message, InteractionHandle):
            found = message.message
        elif isinstance(message, ChannelEventHandle):
            found = self.messages.get(message.reference_id)
        elif isinstance(message, Mapping):
            found = self.messages.get(int(message["id"]), dict(message))
        else:
            found = self.messages.get(int(message))
        if found is None:
            raise LookupError(f"the fake knows no message {message!r}")
        return found

    @staticmethod
    def _emoji_payload(emoji: str) -> dict[str, Any]:
        match = re.fullmatch(r"<?(a?):?([\w~]+):(\d+)>?", emoji)
        if match:
            return {"id": match.group(3), "name": match.group(2), "animated": bool(match.group(1))}
        return {"id": None, "name": emoji}

    @staticmethod
    def _add_reaction(message: dict[str, Any], emoji: Mapping[str, Any], *, me: bool) -> None:
        reactions = message.setdefault("reactions", [])
        for reaction in reactions:
            if reaction["emoji"].get("id") == emoji.get("id") and reaction["emoji"].get("name") == emoji.get("name"):
                reaction["count"] += 1
                reaction["me"] = reaction["me"] or me
                return
        reactions.append(
            {
                "emoji": dict(emoji),
                "count": 1,
                "count_details": {"burst": 0, "normal": 1},
                "me": me,
                "me_burst": False,
                "burst_colors": [],
            }
        )

    # ----------------------------------------------------------------- messages

    def _new_message(
        self,
        *,
        channel: FakeChannel,
        author: FakeUser,
        body: Mapping[str, Any],
        message_type: int,
        files: Sequence[RecordedFile] = (),
        flags: int = 0,
        interaction: InteractionHandle | None = None,
        reference: int | Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Create, store and return a full message object the way Discord returns it."""
        message_id = self.snowflake()
        content = body.get("content") or ""
        mentioned = [self.users[int(u)] for u in re.findall(r"<@!?(\d+)>", content) if int(u) in self.users]
        message: dict[str, Any] = {
            "id": str(message_id),
            "channel_id": str(channel.id),
            "author": author.payload(),
            "content": content,
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts")),
            "mention_everyone": bool(re.search(r"@(everyone|here)\b", content)),
            "mentions": [u.payload() for u in dict.fromkeys(mentioned)],
            "mention_roles": re.findall(r"<@&(\d+)>", content),
            "attachments": self._attachments(body, files),
            "embeds": [{"type": "rich", **e} for e in body.get("embeds") or []],
            "pinned": False,
            "type": message_type,
            "flags": flags,
            "components": list(body.get("components") or []),
        }
        if body.get("poll"):
            message["poll"] = body["poll"]
        if reference is not None:
            ref_id = int(reference["message_id"] if isinstance(reference, Mapping) else reference)
            referenced = self.messages.get(ref_id)
            message["type"] = 19
            message["message_reference"] = {
                "type": 0,
                "message_id": str(ref_id),
                "channel_id": str(channel.id),
                **({"guild_id": str(channel.guild_id)} if channel.guild_id else {}),
            }
            message["referenced_message"] = referenced
        if interaction is not None:
            message["webhook_id"] = str(self.application_id)
            message["application_id"] = str(self.application_id)
            metadata: dict[str, Any] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": interaction.user.payload(),
                "authorizing_integration_owners": interaction.payload.get("authorizing_integration_owners", {}),
            }
            if interaction.command_name:
                metadata["name"] = interaction.command_name
                metadata["command_type"] = 1
            if interaction.source_message_id is not None:
                metadata["interacted_message_id"] = str(interaction.source_message_id)
            if interaction.original_message_id is not None:
                metadata["original_response_message_id"] = str(interaction.original_message_id)
            message["interaction_metadata"] = metadata
            interaction.message_ids.append(message_id)
            self._message_tokens[message_id] = interaction.token
        self.messages[message_id] = message
        return message

    def _attachments(self, body: Mapping[str, Any], files: Sequence[RecordedFile]) -> list[dict[str, Any]]:
        by_field = {f.field: f for f in files}
        out = []
        for entry in body.get("attachments") or []:
            upload = by_field.get(f"files[{entry.get('id')}]")
            if upload is None:
                continue
            attachment_id = self.snowflake()
            url = f"https://cdn.discordapp.com/attachments/0/{attachment_id}/{upload.filename}"
            out.append(
                {
                    "id": str(attachment_id),
                    "filename": entry.get("filename") or upload.filename,
                    "size": len(upload.data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": upload.content_type,
                    **({"description": entry["description"]} if entry.get("description") else {}),
                }
            )
        return out

    def _edit_message(self, message: dict[str, Any], body: Mapping[str, Any], files: Sequence[RecordedFile]) -> None:
        was_loading = bool(message["flags"] & FLAG_LOADING)
        if "content" in body:
            message["content"] = body["content"] or ""
        if "embeds" in body:
            message["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "components" in body:
            message["components"] = list(body["components"] or [])
        if "attachments" in body:
            keep = {str(a.get("id")) for a in body["attachments"] or []}
            message["attachments"] = [a for a in message["attachments"] if a["id"] in keep]
            message["attachments"] += self._attachments(body, files)
        if body.get("flags") is not None:
            settable = int(body["flags"]) & _SETTABLE_FLAGS
            message["flags"] = (message["flags"] & ~_SETTABLE_FLAGS) | settable
        message["flags"] &= ~FLAG_LOADING
        if not was_loading:
            message["edited_timestamp"] = _now_iso()

    def _as_seen_without_content(self, message: Mapping[str, Any]) -> dict[str, Any]:
        """A message as an app without the Message Content intent sees it (the gateway's ``referenced_message``, and
        a fetch, taking the bot's connection as what its portal settings allow): blank, unless it is the bot's own
        or mentions the bot."""
        own = message["author"]["id"] == str(self.bot_user.id)
        if own or any(m["id"] == str(self.bot_user.id) for m in message.get("mentions") or []):
            return dict(message)
        return {**message, "content": "", "embeds": [], "attachments": [], "components": []}

    def _visible_in_channel(self, channel_id: int, message_id: int) -> dict[str, Any] | None:
        """Channel routes cannot see ephemeral messages, exactly like on Discord."""
        message = self.messages.get(message_id)
        if message is None or int(message["channel_id"]) != channel_id or message["flags"] & FLAG_EPHEMERAL:
            return None
        return message

    # ----------------------------------------------------------------- REST core

    def _build_routes(self) -> list[tuple[frozenset[str], re.Pattern[str], _Handler]]:
        app = r"/applications/(?P<application_id>\d+)(?:/guilds/(?P<guild_id>\d+))?"
        channel = r"/channels/(?P<channel_id>\d+)"
        message = channel + r"/messages/(?P<message_id>\d+)"
        webhook = r"/webhooks/(?P<webhook_id>\d+)/(?P<token>[^/]+)"
        table: list[tuple[str, str, _Handler]] = [
            ("GET", r"/users/@me", self._get_current_user),
            ("GET", r"/users/(?P<user_id>\d+)", self._get_user),
            ("POST", r"/users/@me/channels", self._create_dm),
            ("GET", r"/oauth2/applications/@me|/applications/@me", self._get_application),
            ("GET", r"/gateway(?:/bot)?", self._get_gateway),
            ("GET PUT POST", app + r"/commands", self._commands),
            ("GET PATCH DELETE", app + r"/commands/(?P<command_id>\d+)", self._command),
            ("GET", app + r"/commands/permissions", lambda r, m: (200, [])),
            ("POST", r"/interactions/(?P<interaction_id>\d+)/(?P<token>[^/]+)/callback", self._callback),
            ("POST", webhook, self._execute_webhook),
            ("GET PATCH DELETE", webhook + r"/messages/(?P<message_id>@original|\d+)", self._webhook_message),
            ("GET", channel, self._get_channel),
            ("POST", channel + r"/typing", lambda r, m: (204, None)),
            ("GET POST", channel + r"/messages", self._channel_messages),
            ("GET PATCH DELETE", message, self._channel_message),
            ("PUT DELETE", message + r"/reactions/(?P<emoji>[^/]+)/(?P<who>@me|\d+)", self._reaction),
            ("DELETE", message + r"/reactions(?:/(?P<emoji>[^/]+))?", self._clear_reactions),
            ("GET", r"/guilds/(?P<guild_id>\d+)", self._get_guild),
            ("GET", r"/guilds/(?P<guild_id>\d+)/(?P<what>channels|roles|members)", self._guild_collection),
            ("GET", r"/guilds/(?P<guild_id>\d+)/members/(?P<user_id>\d+)", self._get_member),
        ]
        return [(frozenset(m.split()), re.compile(p), h) for m, p, h in table]

    async def _rest_handler(self, request: web.Request) -> web.StreamResponse:
        received_at = time.monotonic()
        body, files, multipart, parse_problem = await self._read_body(request)
        recorded = RecordedRequest(
            index=len(self.requests),
            method=request.method,
            path=normalize_path(request.path),
            query=dict(request.query),
            body=body,
            received_at=received_at,
            files=files,
            multipart=multipart,
            parse_problem=parse_problem,
        )
        self.requests.append(recorded)
        token = recorded.token
        if token is not None:
            self._by_token[token].append(recorded)
            handle = self._interactions_by_token.get(token)
            if handle is not None:
                handle.requests.append(recorded)

        slow = next((rule for rule in self.failures if rule.matches(recorded.method, recorded.path)), None)
        if slow is not None and slow.delay:
            await asyncio.sleep(slow.delay)
        status, payload, headers = self._respond(recorded)
        raw = json.dumps(payload).encode() if payload is not None else b""
        recorded.status, recorded.raw_response = status, raw
        self._notify(recorded)
        if payload is None:
            return web.Response(status=204 if 200 <= status < 300 else status)
        # Exactly "application/json": discord.py only decodes JSON on that exact header value.
        return web.Response(status=status, body=raw, headers={"Content-Type": "application/json", **headers})

    def _respond(self, recorded: RecordedRequest) -> tuple[int, Any, dict[str, str]]:
        for rule in self.failures:
            if rule.matches(recorded.method, recorded.path):
                rule.hits.append(recorded)
                return rule.status, rule.payload(), rule.headers()
        if self.reject_invalid and recorded.problems:
            errors = {"_errors": [{"code": "FAKE_VALIDATION", "message": p} for p in recorded.problems]}
            return 400, {"message": "Invalid Form Body", "code": 50035, "errors": errors}, {}
        for methods, pattern, handler in self._routes:
            match = pattern.fullmatch(recorded.path)
            if match and recorded.method in methods:
                try:
                    status, payload = handler(recorded, match)
                except Exception as exc:  # a bug in the fake must fail the test, not hang it
                    _log.exception("fake Discord handler failed for %r", recorded)
                    self.server_errors.append(f"{recorded!r}: {exc!r}")
                    # 400, not 500: discord.py retries 5xx with back-off, which would stall tests.
                    return 400, {"message": f"fake Discord bug: {exc!r}", "code": 0}, {}
                return status, payload, {}
        self.unhandled.append(recorded)
        return 404, {"message": "404: Not Found", "code": 0}, {}

    @staticmethod
    async def _read_body(request: web.Request) -> tuple[Any, list[RecordedFile], bool, str | None]:
        if request.content_type == "multipart/form-data":
            form = await request.post()
            body: Any = None
            files: list[RecordedFile] = []
            problem = None
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    files.append(RecordedFile(name, value.filename, value.content_type, value.file.read()))
                elif name == "payload_json":
                    try:
                        body = json.loads(value if isinstance(value, str) else bytes(value))
                    except ValueError:
                        problem = "payload_json is not valid JSON"
            return body, files, True, problem
        raw = await request.read()
        if not raw:
            return None, [], False, None
        try:
            return json.loads(raw), [], False, None
        except ValueError:
            return raw.decode("utf-8", "replace"), [], False, "body is not valid JSON"

    # ----------------------------------------------------------------- REST handlers

    def _get_current_user(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        return 200, {
            **self.bot_user.payload(),
            "verified": True,
            "mfa_enabled": False,
            "flags": 0,
            "email": None,
        }

    def _get_user(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        user = self.users.get(int(match["user_id"]))
        return (200, user.payload()) if user else _error(404, 10013, "Unknown User")

    def _create_dm(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        body = request.body if isinstance(request.body, dict) else {}
        try:
            user = self.users[int(body.get("recipient_id") or 0)]
        except (KeyError, ValueError, TypeError):
            return _error(400, 50007, "Cannot send messages to this user")
        return 200, self.dm_channel(user).payload()

    def _get_application(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        return 200, self._application_payload()

    def _get_gateway(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return 200, {"url": self.gateway_url, "shards": 1, "session_start_limit": limit}

    def _command_store(self, match: re.Match[str]) -> list[dict[str, Any]] | _Reply:
        if int(match["application_id"]) != self.application_id:
            return _error(403, 50001, "Missing Access")
        if match["guild_id"] is None:
            return self.global_commands
        if int(match["guild_id"]) != self.guild.id:
            return _error(403, 50001, "Missing Access")
        return self.guild_commands[self.guild.id]

    def _stored_command(
        self, body: Mapping[str, Any], previous: Mapping[str, Any] | None, guild_id: str | None
    ) -> dict[str, Any]:
        permissions = body.get("default_member_permissions")
        kind = body.get("type") or 1
        command: dict[str, Any] = {
            "id": previous["id"] if previous else str(self.snowflake()),
            "application_id": str(self.application_id),
            "version": str(self.snowflake()),
            "type": kind,
            "name": body.get("name"),
            "name_localizations": body.get("name_localizations"),
            "description": body.get("description") or "",
            "description_localizations": body.get("description_localizations"),
            "default_member_permissions": None if permissions is None else str(permissions),
            "dm_permission": body.get("dm_permission", True) if guild_id is None else None,
            "contexts": body.get("contexts"),
            "integration_types": body.get("integration_types") or [0],
            "nsfw": bool(body.get("nsfw")),
        }
        if body.get("options"):
            command["options"] = body["options"]
        if guild_id is not None:
            command["guild_id"] = guild_id
        return command

    def _commands(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        store = self._command_store(match)
        if isinstance(store, tuple):
            return store
        if request.method == "GET":
            return 200, store
        guild_id = match["guild_id"]
        if request.method == "PUT":
            if not isinstance(request.body, list):
                return _error(400, 50035, "Invalid Form Body")
            previous = {(c["type"], c["name"]): c for c in store}
            new = [
                self._stored_command(b, previous.get((b.get("type") or 1, b.get("name"))), guild_id)
                for b in request.body
                if isinstance(b, dict)
            ]
            store[:] = new
            return 200, new
        body = request.body if isinstance(request.body, dict) else {}
        existing = next((c for c in store if (c["type"], c["name"]) == (body.get("type") or 1, body.get("name"))), None)
        command = self._stored_command(body, existing, guild_id)
        if existing is not None:
            store[store.index(existing)] = command
            return 200, command
        store.append(command)
        return 201, command

    def _command(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        store = self._command_store(match)
        if isinstance(store, tuple):
            return store
        existing = next((c for c in store if c["id"] == match["command_id"]), None)
        if existing is None:
            return _error(404, 10063, "Unknown application command")
        if request.method == "GET":
            return 200, existing
        if request.method == "DELETE":
            store.remove(existing)
            return 204, None
        body = request.body if isinstance(request.body, dict) else {}
        updated = self._stored_command({**existing, **body}, existing, match["guild_id"])
        store[store.index(existing)] = updated
        return 200, updated

    def _callback(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        handle = self._interactions_by_token.get(match["token"])
        if handle is None or str(handle.id) != match["interaction_id"]:
            return _error(404, 10062, "Unknown interaction")
        if handle.acknowledged:
            return _error(400, 40060, "Interaction has already been acknowledged.")
        deadline = self.interaction_timeout
        if deadline is not None and request.received_at - handle.dispatched_at > deadline:
            return _error(404, 10062, "Unknown interaction")
        body = request.body if isinstance(request.body, dict) else {}
        kind = body.get("type")
        raw_data = body.get("data")
        data: dict[str, Any] = raw_data if isinstance(raw_data, dict) else {}
        allowed = {
            InteractionType.APPLICATION_COMMAND: {4, 5, 9, 12},
            InteractionType.MESSAGE_COMPONENT: {4, 5, 6, 7, 9, 12},
            InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: {8},
            InteractionType.MODAL_SUBMIT: {4, 5, 6, 7} if handle.source_message_id else {4, 5},
        }[InteractionType(handle.type)]
        if kind not in allowed:
            return _error(400, 50035, f"Invalid Form Body: callback type {kind} is not valid here")
        if kind == 4 and not _has_message_content(data, request.files):
            return _error(400, 50006, "Cannot send an empty message")

        flags = int(data.get("flags") or 0)
        info: dict[str, Any] = {"id": str(handle.id), "type": handle.type}
        resource: dict[str, Any] | None = None
        if kind in (4, 5):
            message = self._new_message(
                channel=handle.channel,
                author=self.bot_user,
                body=data if kind == 4 else {},
                message_type=20 if handle.type == InteractionType.APPLICATION_COMMAND else 0,
                files=request.files,
                flags=(flags & (_SETTABLE_FLAGS | FLAG_EPHEMERAL)) | (FLAG_LOADING if kind == 5 else 0),
                interaction=handle,
            )
            handle.original_message_id = int(message["id"])
            request.message_id = handle.original_message_id
            info.update(
                response_message_id=message["id"],
                response_message_loading=kind == 5,
                response_message_ephemeral=bool(flags & FLAG_EPHEMERAL),
            )
            if kind == 4:
                resource = {"type": 4, "message": message}
        elif kind in (6, 7):
            source = self.messages.get(int(handle.source_message_id or 0))
            if source is None:
                return _error(404, 10008, "Unknown Message")
            message = source
            if kind == 7:
                self._edit_message(message, data, request.files)
                resource = {"type": 7, "message": message}
            handle.original_message_id = int(message["id"])
            request.message_id = handle.original_message_id
            self._message_tokens.setdefault(int(message["id"]), handle.token)
            handle.message_ids.append(int(message["id"]))
            info.update(
                response_message_id=message["id"],
                response_message_loading=False,
                response_message_ephemeral=bool(message["flags"] & FLAG_EPHEMERAL),
            )
        elif kind == 9:
            handle.shown_modal = data
        handle.acknowledged = True
        if not _truthy(request.query.get("with_response")):
            return 204, None
        return 200, {"interaction": info, **({"resource": resource} if resource else {})}

    def _webhook_handle(self, match: re.Match[str]) -> InteractionHandle | None:
        handle = self._interactions_by_token.get(match["token"])
        if handle is None or int(match["webhook_id"]) != self.application_id or not handle.acknowledged:
            return None
        return handle

    def _execute_webhook(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        handle = self._webhook_handle(match)
        if handle is None:
            return _error(404, 10015, "Unknown Webhook")
        body = request.body if isinstance(request.body, dict) else {}
        if not _has_message_content(body, request.files):
            return _error(400, 50006, "Cannot send an empty message")
        original = handle.message
        if original is not None and original["flags"] & FLAG_LOADING:
            # Discord: the first follow-up after a deferred response replaces the "thinking" message.
            self._edit_message(original, body, request.files)
            message = original
        else:
            flags = int(body.get("flags") or 0) & (_SETTABLE_FLAGS | FLAG_EPHEMERAL)
            message = self._new_message(
                channel=handle.channel,
                author=self.bot_user,
                body=body,
                message_type=0,
                files=request.files,
                flags=flags,
                interaction=handle,
            )
        request.message_id = int(message["id"])
        return (200, message) if _truthy(request.query.get("wait")) else (204, None)

    def _webhook_message(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        handle = self._webhook_handle(match)
        if handle is None:
            return _error(404, 10015, "Unknown Webhook")
        wanted = match["message_id"]
        message_id = handle.original_message_id if wanted == "@original" else int(wanted)
        if message_id is None or message_id not in handle.message_ids or message_id not in self.messages:
            return _error(404, 10008, "Unknown Message")
        message = self.messages[message_id]
        request.message_id = message_id
        if request.method == "GET":
            return 200, message
        if request.method == "DELETE":
            del self.messages[message_id]
            return 204, None
        body = request.body if isinstance(request.body, dict) else {}
        self._edit_message(message, body, request.files)
        return 200, message

    def _get_channel(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        channel = self.channels.get(int(match["channel_id"]))
        return (200, channel.payload()) if channel else _error(404, 10003, "Unknown Channel")

    def _channel_messages(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        channel = self.channels.get(int(match["channel_id"]))
        if channel is None:
            return _error(404, 10003, "Unknown Channel")
        if request.method == "GET":
            limit = int(request.query.get("limit", 50))
            visible = [m for m in self.messages.values() if m["channel_id"] == str(channel.id)]
            visible = [m for m in visible if not m["flags"] & FLAG_EPHEMERAL]
            return 200, list(reversed(visible))[:limit]
        body = request.body if isinstance(request.body, dict) else {}
        if not _has_message_content(body, request.files):
            return _error(400, 50006, "Cannot send an empty message")
        reference = body.get("message_reference")
        if isinstance(reference, dict) and reference.get("message_id") is not None:
            if self._visible_in_channel(channel.id, int(reference["message_id"])) is None and reference.get(
                "fail_if_not_exists", True
            ):
                return _error(400, 50035, "Invalid Form Body: message_reference: Unknown message")
        else:
            reference = None
        flags = int(body.get("flags") or 0) & _SETTABLE_FLAGS
        message = self._new_message(
            channel=channel,
            author=self.bot_user,
            body=body,
            message_type=0,
            files=request.files,
            flags=flags,
            reference=reference,
        )
        request.message_id = int(message["id"])
        return 200, message

    def _channel_message(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        channel_id, message_id = int(match["channel_id"]), int(match["message_id"])
        message = self._visible_in_channel(channel_id, message_id)
        if message is None:
            return _error(404, 10008, "Unknown Message")
        request.message_id = message_id
        if request.method == "GET":
            channel = self.channels.get(channel_id)
            session = self._session_for(channel.guild_id if channel else None) if self._sessions else None
            if channel is not None and not channel.is_dm and session is not None \
                    and not session.intents & Intent.MESSAGE_CONTENT:
                return 200, self._as_seen_without_content(message)
            return 200, message
        if request.method == "DELETE":
            del self.messages[message_id]
            return 204, None
        if message["author"]["id"] != str(self.bot_user.id):
            return _error(403, 50005, "Cannot edit a message authored by another user")
        body = request.body if isinstance(request.body, dict) else {}
        self._edit_message(message, body, request.files)
        return 200, message

    def _reaction(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        message = self._visible_in_channel(int(match["channel_id"]), int(match["message_id"]))
        if message is None:
            return _error(404, 10008, "Unknown Message")
        emoji = self._emoji_payload(match["emoji"])
        if request.method == "PUT":
            if match["who"] != "@me":
                return _error(405, 0, "405: Method Not Allowed")
            self._add_reaction(message, emoji, me=True)
            return 204, None
        for reaction in message.get("reactions", []):
            if reaction["emoji"].get("name") == emoji.get("name"):
                reaction["count"] -= 1
                if match["who"] == "@me":
                    reaction["me"] = False
        message["reactions"] = [r for r in message.get("reactions", []) if r["count"] > 0]
        return 204, None

    def _clear_reactions(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        message = self._visible_in_channel(int(match["channel_id"]), int(match["message_id"]))
        if message is None:
            return _error(404, 10008, "Unknown Message")
        name = match["emoji"]
        message["reactions"] = [r for r in message.get("reactions", []) if name and r["emoji"].get("name") != name]
        return 204, None

    def _get_guild(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        if int(match["guild_id"]) != self.guild.id:
            return _error(404, 10004, "Unknown Guild")
        return 200, {**self._guild_payload(), "approximate_member_count": len(self.guild.members)}

    def _guild_collection(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        if int(match["guild_id"]) != self.guild.id:
            return _error(404, 10004, "Unknown Guild")
        what = match["what"]
        if what == "channels":
            return 200, [c.payload() for c in self.guild.channels]
        if what == "roles":
            return 200, [r.payload() for r in self.guild.roles]
        return 200, [self.member_payload(m) for m in self.guild.members]

    def _get_member(self, request: RecordedRequest, match: re.Match[str]) -> _Reply:
        user = self.users.get(int(match["user_id"]))
        if int(match["guild_id"]) != self.guild.id:
            return _error(404, 10004, "Unknown Guild")
        if user is None or user not in self.guild.members:
            return _error(404, 10007, "Unknown Member")
        return 200, self.member_payload(user)


def _walk(components: Any) -> Iterator[Mapping[str, Any]]:
    """Every component, through action rows, labels and section accessories."""
    for component in components or []:
        if not isinstance(component, Mapping):
            continue
        yield component
        yield from _walk(component.get("components"))
        for key in ("component", "accessory"):
            if isinstance(component.get(key), Mapping):
                yield from _walk([component[key]])


def _has_message_content(body: Mapping[str, Any], files: Sequence[RecordedFile]) -> bool:
    content = body.get("content")
    if isinstance(content, str) and content.strip():
        return True
    return bool(files) or any(body.get(k) for k in ("embeds", "components", "attachments", "poll", "sticker_ids"))
