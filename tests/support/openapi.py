"""Check what the bot sends to Discord against Discord's own API description.

Why: a fake Discord that accepts anything proves nothing about the real one. Every body the
bot sends in an end-to-end test is checked twice:

* against Discord's official OpenAPI 3.1 description, vendored in ``tests/support/discord/``
  (trimmed to what requests use; see ``SOURCE.md`` there), so shapes, types and the limits the
  schema carries are right;
* against the limits the schema does *not* carry (``check_limits``): bot message content is
  2000 characters, not the schema's 4000; choice values are 100, not 6000; command names must
  match discord.py's ``VALID_SLASH_COMMAND_NAME`` and be lowercase; the 6000-character embed
  total; modal and component sizes.  Discord rejects these with a 400 at runtime, which is
  exactly the kind of bug that only shows up in production.

The spec is parsed once, lazily, and one validator per schema is cached.
Unions in the spec are ``anyOf``/``oneOf`` of several request shapes; where the route tells us
which shape the bot meant (for example the callback ``type``), we validate that branch only, so
the error says what is wrong instead of "not valid under any of the given schemas".
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal

from discord.app_commands.commands import VALID_SLASH_COMMAND_NAME
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import ValidationError, best_match  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = [
    "SPEC_PATH",
    "LimitKind",
    "check_limits",
    "limit_problems",
    "request_problems",
    "schema_problems",
    "validate",
    "validate_request",
]

#: Where the spec lives: the trimmed copy in the repository, or ``DISCORD_OPENAPI_PATH`` (for example
#: Discord's full, newer description, to see whether the bot still fits it).
SPEC_PATH: Final = Path(os.environ.get("DISCORD_OPENAPI_PATH") or Path(__file__).parent / "discord" / "openapi.json")
#: The URI the whole document is registered under; refs inside it are document-relative.
SPEC_URI: Final = "urn:discord:openapi"

LimitKind = Literal[
    "message",  # a message body: content, embeds, components (creates and edits)
    "message_create",  # like "message", and it must not be empty
    "embed",  # one embed
    "command",  # one application command (create/update request)
    "commands",  # a bulk-overwrite list of commands
    "autocomplete",  # the ``data`` of an autocomplete callback: {"choices": [...]}
    "modal",  # the ``data`` of a modal callback
    "interaction_callback",  # a whole callback body {"type": n, "data": ...}
]

# Limits Discord enforces at runtime that the schema does not carry (or carries more loosely).
CONTENT_MAX: Final = 2000
EMBEDS_MAX: Final = 10
EMBED_TITLE_MAX: Final = 256
EMBED_DESCRIPTION_MAX: Final = 4096
EMBED_FIELDS_MAX: Final = 25
EMBED_FIELD_NAME_MAX: Final = 256
EMBED_FIELD_VALUE_MAX: Final = 1024
EMBED_FOOTER_MAX: Final = 2048
EMBED_AUTHOR_NAME_MAX: Final = 256
EMBED_TOTAL_MAX: Final = 6000
CHOICES_MAX: Final = 25
CHOICE_NAME_MAX: Final = 100
CHOICE_VALUE_MAX: Final = 100
OPTIONS_MAX: Final = 25
COMMAND_DESCRIPTION_MAX: Final = 100
COMMAND_TOTAL_MAX: Final = 4000
CHAT_INPUT_COMMANDS_MAX: Final = 100
ACTION_ROWS_MAX: Final = 5
BUTTONS_PER_ROW_MAX: Final = 5
BUTTON_LABEL_MAX: Final = 80
CUSTOM_ID_MAX: Final = 100
SELECT_OPTIONS_MAX: Final = 25
SELECT_OPTION_TEXT_MAX: Final = 100
SELECT_PLACEHOLDER_MAX: Final = 150
COMPONENTS_V2_MAX: Final = 40
MODAL_TITLE_MAX: Final = 45
MODAL_COMPONENTS_MAX: Final = 5
TEXT_INPUT_LABEL_MAX: Final = 45
TEXT_INPUT_VALUE_MAX: Final = 4000
TEXT_INPUT_PLACEHOLDER_MAX: Final = 100

FLAG_EPHEMERAL: Final = 1 << 6
FLAG_IS_COMPONENTS_V2: Final = 1 << 15

_MESSAGE_FIELDS: Final = ("content", "embeds", "components", "attachments", "poll", "sticker_ids")


# --------------------------------------------------------------------------- schema validation


@functools.cache
def _spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as fh:
        spec: dict[str, Any] = json.load(fh)
    # The spec types snowflakes as digit strings only, but Discord accepts JSON integers too and
    # discord.py sends them (message_reference ids, recipient_id, ...). Without this every
    # reply would be reported as invalid; a non-numeric string or negative number still fails.
    spec["components"]["schemas"]["SnowflakeType"] = {
        "anyOf": [
            {"type": "string", "pattern": "^(0|[1-9][0-9]*)$"},
            {"type": "integer", "minimum": 0},
        ],
        "format": "snowflake",
    }
    return spec


@functools.cache
def _registry() -> Registry:
    resource: Resource[Any] = Resource.from_contents(_spec(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


@functools.cache
def _validator(schema_name: str) -> Draft202012Validator:
    if schema_name not in _spec()["components"]["schemas"]:
        raise KeyError(f"{schema_name!r} is not a schema in {SPEC_PATH}")
    return _validator_for({"$ref": f"{SPEC_URI}#/components/schemas/{schema_name}"})


def _validator_for(schema: Mapping[str, Any]) -> Draft202012Validator:
    # No format_checker: the spec uses custom formats ("snowflake", "int32") we must not guess at.
    return Draft202012Validator(dict(schema), registry=_registry())


def _json_path(parts: Iterable[str | int]) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 15]}...({len(text)} chars)"


def _describe(error: ValidationError) -> list[str]:
    """Readable lines for one error, descending into the anyOf/oneOf branch that was meant."""
    if error.context:
        return [line for sub in _meant_branch(error) for line in _describe(sub)]
    where = _json_path(error.absolute_path)
    value = error.instance
    if error.validator in ("maxLength", "minLength") and isinstance(value, str):
        return [f"{where}: length {len(value)} violates {error.validator} {error.validator_value}"]
    if error.validator in ("maxItems", "minItems") and isinstance(value, list):
        return [f"{where}: {len(value)} items violates {error.validator} {error.validator_value}"]
    message = error.message
    if len(message) > 240:
        message = f"{error.validator} {_short(error.validator_value)} failed for {_short(value)}"
    return [f"{where}: {message}"]


def _meant_branch(error: ValidationError) -> list[ValidationError]:
    """The errors of the union branch the sender evidently meant.

    jsonschema's ``best_match`` prefers shallow errors, so for ``oneOf: [null, RichEmbed]`` it
    reports "not of type null" instead of the embed's real problem. A branch whose own type or
    ``type`` discriminator does not match is not the one meant; among the rest, the branch whose
    errors got deepest into the instance wins.
    """
    base = len(error.absolute_path)
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context or []:
        key = sub.relative_schema_path[0] if sub.relative_schema_path else None
        branches.setdefault(key, []).append(sub)

    def mismatched(sub: ValidationError) -> bool:
        rest = list(sub.absolute_path)[base:]
        return (sub.validator == "type" and not rest) or (sub.validator in ("enum", "const") and rest == ["type"])

    fitting = [errs for errs in branches.values() if not any(mismatched(e) for e in errs)]
    candidates = fitting or list(branches.values())
    if not candidates:
        return [best_match([error])]
    return max(candidates, key=lambda errs: (max(len(e.absolute_path) for e in errs), -len(errs)))


def schema_problems(schema_name: str, body: Any) -> list[str]:
    """Readable problems of ``body`` against ``#/components/schemas/<schema_name>`` (empty if valid)."""
    validator = _validator(schema_name)
    errors = sorted(validator.iter_errors(body), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{schema_name}: {line}" for e in errors for line in _describe(e)]


def validate(schema_name: str, body: Any) -> None:
    """Assert ``body`` is valid against the named component schema of Discord's OpenAPI spec.

    Raises ``AssertionError`` listing every error (JSON path + reason), so a failing test reads
    like Discord's 400 response would, minus the guessing.
    """
    problems = schema_problems(schema_name, body)
    if problems:
        raise AssertionError(_format(f"body is not a valid {schema_name}", problems))


def _format(title: str, problems: Sequence[str]) -> str:
    return title + ":\n" + "\n".join(f"  - {p}" for p in problems)


# --------------------------------------------------------------------------- limits


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str) else 0


def _too_long(where: str, value: Any, limit: int) -> Iterator[str]:
    if isinstance(value, str) and len(value) > limit:
        yield f"{where}: length {len(value)} > {limit}"


def _embed_problems(embed: Any, where: str = "$") -> Iterator[str]:
    if not isinstance(embed, Mapping):
        return
    yield from _too_long(f"{where}.title", embed.get("title"), EMBED_TITLE_MAX)
    yield from _too_long(f"{where}.description", embed.get("description"), EMBED_DESCRIPTION_MAX)
    fields = embed.get("fields") or []
    if len(fields) > EMBED_FIELDS_MAX:
        yield f"{where}.fields: {len(fields)} fields > {EMBED_FIELDS_MAX}"
    for i, field in enumerate(fields):
        if not isinstance(field, Mapping):
            continue
        for key, limit in (("name", EMBED_FIELD_NAME_MAX), ("value", EMBED_FIELD_VALUE_MAX)):
            text = field.get(key)
            yield from _too_long(f"{where}.fields[{i}].{key}", text, limit)
            if not (isinstance(text, str) and text.strip()):
                yield f"{where}.fields[{i}].{key}: must be a non-blank string"
    footer = embed.get("footer") or {}
    yield from _too_long(f"{where}.footer.text", footer.get("text"), EMBED_FOOTER_MAX)
    author = embed.get("author") or {}
    yield from _too_long(f"{where}.author.name", author.get("name"), EMBED_AUTHOR_NAME_MAX)
    total = _embed_text_length(embed)
    if total > EMBED_TOTAL_MAX:
        yield f"{where}: embed text totals {total} characters > {EMBED_TOTAL_MAX}"


def _embed_text_length(embed: Mapping[str, Any]) -> int:
    """The same sum as discord.py's ``len(Embed)`` and Discord's 6000-character rule."""
    total = _length(embed.get("title")) + _length(embed.get("description"))
    for field in embed.get("fields") or []:
        if isinstance(field, Mapping):
            total += _length(field.get("name")) + _length(field.get("value"))
    total += _length((embed.get("footer") or {}).get("text"))
    total += _length((embed.get("author") or {}).get("name"))
    return total


def _walk_components(components: Any, where: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every component with its JSON path, through rows, labels (18) and section accessories (9)."""
    if not isinstance(components, list):
        return
    for i, component in enumerate(components):
        if not isinstance(component, Mapping):
            continue
        here = f"{where}[{i}]"
        yield here, component
        yield from _walk_components(component.get("components"), f"{here}.components")
        for key in ("component", "accessory"):
            if isinstance(component.get(key), Mapping):
                yield f"{here}.{key}", component[key]
                yield from _walk_components(component[key].get("components"), f"{here}.{key}.components")


def _component_problems(components: Any, flags: int, where: str = "$.components") -> Iterator[str]:
    if not isinstance(components, list):
        return
    if flags & FLAG_IS_COMPONENTS_V2:
        count = sum(1 for _ in _walk_components(components, where))
        if count > COMPONENTS_V2_MAX:
            yield f"{where}: {count} components > {COMPONENTS_V2_MAX}"
    elif len(components) > ACTION_ROWS_MAX:
        yield f"{where}: {len(components)} action rows > {ACTION_ROWS_MAX}"
    for i, row in enumerate(components):
        if not isinstance(row, Mapping) or row.get("type") != 1:
            continue
        children = [c for c in row.get("components") or [] if isinstance(c, Mapping)]
        buttons = [c for c in children if c.get("type") == 2]
        if len(buttons) > BUTTONS_PER_ROW_MAX:
            yield f"{where}[{i}]: {len(buttons)} buttons in one row > {BUTTONS_PER_ROW_MAX}"
        if len(children) > 1 and any(c.get("type") in (3, 5, 6, 7, 8) for c in children):
            yield f"{where}[{i}]: a select menu must be alone in its action row"
    for path, component in _walk_components(components, where):
        yield from _single_component_problems(component, path)


def _single_component_problems(component: Mapping[str, Any], where: str) -> Iterator[str]:
    kind = component.get("type")
    label = where
    yield from _too_long(f"{label}.custom_id", component.get("custom_id"), CUSTOM_ID_MAX)
    if kind == 2:
        yield from _too_long(f"{label}.label", component.get("label"), BUTTON_LABEL_MAX)
        if component.get("style") == 5:
            if not component.get("url"):
                yield f"{label}: a link button needs a url"
            if component.get("custom_id"):
                yield f"{label}: a link button cannot have a custom_id"
        elif component.get("style") != 6 and not component.get("custom_id"):
            yield f"{label}: a non-link button needs a custom_id"
    if kind in (3, 5, 6, 7, 8):
        yield from _too_long(f"{label}.placeholder", component.get("placeholder"), SELECT_PLACEHOLDER_MAX)
        options = component.get("options") or []
        if len(options) > SELECT_OPTIONS_MAX:
            yield f"{label}.options: {len(options)} options > {SELECT_OPTIONS_MAX}"
        for j, option in enumerate(options):
            if isinstance(option, Mapping):
                for key in ("label", "value", "description"):
                    yield from _too_long(f"{label}.options[{j}].{key}", option.get(key), SELECT_OPTION_TEXT_MAX)
    if kind == 4:
        yield from _too_long(f"{label}.label", component.get("label"), TEXT_INPUT_LABEL_MAX)
        yield from _too_long(f"{label}.value", component.get("value"), TEXT_INPUT_VALUE_MAX)
        yield from _too_long(f"{label}.placeholder", component.get("placeholder"), TEXT_INPUT_PLACEHOLDER_MAX)
    if kind == 18:
        yield from _too_long(f"{label}.label", component.get("label"), TEXT_INPUT_LABEL_MAX)


def _message_problems(body: Any, *, create: bool) -> Iterator[str]:
    if not isinstance(body, Mapping):
        if create or body is not None:
            yield f"$: a message body must be an object, got {_short(body)}"
        return
    yield from _too_long("$.content", body.get("content"), CONTENT_MAX)
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_MAX:
        yield f"$.embeds: {len(embeds)} embeds > {EMBEDS_MAX}"
    for i, embed in enumerate(embeds):
        yield from _embed_problems(embed, f"$.embeds[{i}]")
    total = sum(_embed_text_length(e) for e in embeds if isinstance(e, Mapping))
    if len(embeds) > 1 and total > EMBED_TOTAL_MAX:
        yield f"$.embeds: all embeds together total {total} characters > {EMBED_TOTAL_MAX}"
    flags = body.get("flags") or 0
    yield from _component_problems(body.get("components"), flags if isinstance(flags, int) else 0)
    if create and not _has_message_content(body):
        yield "$: Cannot send an empty message (no content, embeds, components, attachments or poll)"


def _has_message_content(body: Mapping[str, Any]) -> bool:
    content = body.get("content")
    if isinstance(content, str) and content.strip():
        return True
    return any(body.get(key) for key in _MESSAGE_FIELDS if key != "content")


def _command_problems(command: Any, where: str = "$") -> Iterator[str]:
    if not isinstance(command, Mapping):
        return
    kind = command.get("type") or 1
    name = command.get("name")
    description = command.get("description") or ""
    if kind == 1:
        yield from _name_problems(f"{where}.name", name)
        if not 1 <= len(description) <= COMMAND_DESCRIPTION_MAX:
            yield f"{where}.description: length {len(description)} not within 1..{COMMAND_DESCRIPTION_MAX}"
    elif description:
        yield f"{where}.description: user/message commands must have an empty description"
    options = command.get("options") or []
    yield from _options_problems(options, f"{where}.options")
    total = _command_text_length(command)
    if total > COMMAND_TOTAL_MAX:
        yield f"{where}: names, descriptions and choices total {total} characters > {COMMAND_TOTAL_MAX}"


def _name_problems(where: str, name: Any) -> Iterator[str]:
    if not isinstance(name, str) or not VALID_SLASH_COMMAND_NAME.match(name):
        yield f"{where}: {_short(name)} does not match discord.py's VALID_SLASH_COMMAND_NAME"
    elif name != name.lower():
        yield f"{where}: {name!r} must be lowercase"


def _options_problems(options: Any, where: str) -> Iterator[str]:
    if not isinstance(options, list):
        return
    if len(options) > OPTIONS_MAX:
        yield f"{where}: {len(options)} options > {OPTIONS_MAX}"
    names = [o.get("name") for o in options if isinstance(o, Mapping)]
    duplicates = sorted({n for n in names if isinstance(n, str) and names.count(n) > 1})
    if duplicates:
        yield f"{where}: duplicate option names {duplicates}"
    seen_optional = False
    for i, option in enumerate(options):
        if not isinstance(option, Mapping):
            continue
        here = f"{where}[{i}]"
        yield from _name_problems(f"{here}.name", option.get("name"))
        description = option.get("description") or ""
        if not 1 <= len(description) <= COMMAND_DESCRIPTION_MAX:
            yield f"{here}.description: length {len(description)} not within 1..{COMMAND_DESCRIPTION_MAX}"
        if option.get("type") in (1, 2):
            yield from _options_problems(option.get("options") or [], f"{here}.options")
            continue
        if option.get("required"):
            if seen_optional:
                yield f"{here}: required options must come before optional ones"
        else:
            seen_optional = True
        choices = option.get("choices") or []
        if choices and option.get("autocomplete"):
            yield f"{here}: autocomplete and choices are mutually exclusive"
        yield from _choices_problems(choices, f"{here}.choices")


def _choices_problems(choices: Any, where: str) -> Iterator[str]:
    if not isinstance(choices, list):
        return
    if len(choices) > CHOICES_MAX:
        yield f"{where}: {len(choices)} choices > {CHOICES_MAX}"
    for i, choice in enumerate(choices):
        if not isinstance(choice, Mapping):
            continue
        name = choice.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= CHOICE_NAME_MAX:
            yield f"{where}[{i}].name: {_short(name)} is not a string of 1..{CHOICE_NAME_MAX} characters"
        yield from _too_long(f"{where}[{i}].value", choice.get("value"), CHOICE_VALUE_MAX)


def _command_text_length(command: Mapping[str, Any]) -> int:
    total = _length(command.get("name")) + _length(command.get("description"))
    for option in command.get("options") or []:
        if isinstance(option, Mapping):
            total += _command_text_length(option)
            for choice in option.get("choices") or []:
                if isinstance(choice, Mapping):
                    total += _length(choice.get("name")) + len(str(choice.get("value", "")))
    return total


def _commands_problems(commands: Any) -> Iterator[str]:
    if not isinstance(commands, list):
        yield f"$: a bulk overwrite must be a list, got {_short(commands)}"
        return
    keys = [(c.get("type") or 1, c.get("name")) for c in commands if isinstance(c, Mapping)]
    duplicates = sorted({k for k in keys if keys.count(k) > 1}, key=str)
    if duplicates:
        yield f"$: duplicate (type, name) commands {duplicates}"
    chat_input = sum(1 for kind, _ in keys if kind == 1)
    if chat_input > CHAT_INPUT_COMMANDS_MAX:
        yield f"$: {chat_input} slash commands > {CHAT_INPUT_COMMANDS_MAX}"
    for i, command in enumerate(commands):
        yield from _command_problems(command, f"$[{i}]")


def _autocomplete_problems(data: Any) -> Iterator[str]:
    if not isinstance(data, Mapping):
        yield f"$: autocomplete data must be an object, got {_short(data)}"
        return
    yield from _choices_problems(data.get("choices") or [], "$.choices")


def _modal_problems(data: Any) -> Iterator[str]:
    if not isinstance(data, Mapping):
        yield f"$: modal data must be an object, got {_short(data)}"
        return
    yield from _too_long("$.title", data.get("title"), MODAL_TITLE_MAX)
    yield from _too_long("$.custom_id", data.get("custom_id"), CUSTOM_ID_MAX)
    components = data.get("components") or []
    if len(components) > MODAL_COMPONENTS_MAX:
        yield f"$.components: {len(components)} components > {MODAL_COMPONENTS_MAX}"
    for path, component in _walk_components(components, "$.components"):
        yield from _single_component_problems(component, path)


def _callback_problems(body: Any) -> Iterator[str]:
    if not isinstance(body, Mapping):
        yield f"$: a callback body must be an object, got {_short(body)}"
        return
    kind = body.get("type")
    data = body.get("data")
    if kind == 4:
        yield from _prefixed("$.data", _message_problems(data, create=True))
    elif kind == 7:
        yield from _prefixed("$.data", _message_problems(data, create=False))
    elif kind == 8:
        yield from _prefixed("$.data", _autocomplete_problems(data))
    elif kind == 9:
        yield from _prefixed("$.data", _modal_problems(data))


def _prefixed(prefix: str, problems: Iterable[str]) -> Iterator[str]:
    for problem in problems:
        yield prefix + problem[1:] if problem.startswith("$") else problem


_LIMITS: Final[dict[str, Callable[[Any], Iterator[str]]]] = {
    "message": lambda body: _message_problems(body, create=False),
    "message_create": lambda body: _message_problems(body, create=True),
    "embed": _embed_problems,
    "command": _command_problems,
    "commands": _commands_problems,
    "autocomplete": _autocomplete_problems,
    "modal": _modal_problems,
    "interaction_callback": _callback_problems,
}


def limit_problems(kind: LimitKind, body: Any) -> list[str]:
    """The runtime limits ``body`` breaks, as readable lines (empty if none)."""
    try:
        check = _LIMITS[kind]
    except KeyError:
        raise ValueError(f"unknown limit kind {kind!r}; expected one of {sorted(_LIMITS)}") from None
    return [f"limit: {p}" for p in check(body)]


def check_limits(kind: LimitKind, body: Any) -> None:
    """Assert ``body`` respects the limits Discord enforces but the OpenAPI schema does not carry."""
    problems = limit_problems(kind, body)
    if problems:
        raise AssertionError(_format(f"body breaks Discord's {kind} limits", problems))


# --------------------------------------------------------------------------- routes

_CALLBACK_SCHEMAS: Final = {
    1: "PongInteractionCallbackRequest",
    4: "CreateMessageInteractionCallbackRequest",
    5: "CreateMessageInteractionCallbackRequest",
    6: "UpdateMessageInteractionCallbackRequest",
    7: "UpdateMessageInteractionCallbackRequest",
    8: "ApplicationCommandAutocompleteCallbackRequest",
    9: "ModalInteractionCallbackRequest",
    12: "LaunchActivityInteractionCallbackRequest",
}


def _callback_checks(body: Any) -> list[str]:
    kind = body.get("type") if isinstance(body, Mapping) else None
    schema = _CALLBACK_SCHEMAS.get(kind) if isinstance(kind, int) else None
    if schema is None:
        return [f"$.type: {_short(kind)} is not an interaction callback type ({sorted(_CALLBACK_SCHEMAS)})"]
    problems = schema_problems(schema, body)
    if kind == 8 and isinstance(body, Mapping):
        # The spec's data is anyOf(integer, number, string choices); check the branch actually used.
        problems += schema_problems(_autocomplete_branch(body.get("data")), body.get("data"))
    return problems + limit_problems("interaction_callback", body)


def _autocomplete_branch(data: Any) -> str:
    values = [c.get("value") for c in (data or {}).get("choices") or [] if isinstance(c, Mapping)]
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "InteractionApplicationCommandAutocompleteCallbackIntegerData"
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "InteractionApplicationCommandAutocompleteCallbackNumberData"
    return "InteractionApplicationCommandAutocompleteCallbackStringData"


_RouteCheck = Callable[[Any], list[str]]


def _checks(schema: str | None, limits: LimitKind | None = None, *, array: bool = False) -> _RouteCheck:
    def run(body: Any) -> list[str]:
        problems: list[str] = []
        if schema is not None:
            if array:
                if not isinstance(body, list):
                    return [f"$: expected a JSON array of {schema}, got {_short(body)}"]
                for i, item in enumerate(body):
                    problems += [p.replace(": $", f": $[{i}]", 1) for p in schema_problems(schema, item)]
            else:
                problems += schema_problems(schema, body)
        if limits is not None:
            problems += limit_problems(limits, body)
        return problems

    return run


def _no_body(body: Any) -> list[str]:
    return [] if body in (None, "", b"", {}) else [f"$: this route takes no body, got {_short(body)}"]


_ID: Final = r"\d+"
_TOKEN: Final = r"[^/]+"
_ROUTES: Final[list[tuple[str, re.Pattern[str], _RouteCheck]]] = [
    (m, re.compile(p), c)
    for m, p, c in [
        (
            "PUT",
            rf"/applications/{_ID}/commands",
            _checks("ApplicationCommandUpdateRequest", "commands", array=True),
        ),
        (
            "PUT",
            rf"/applications/{_ID}/guilds/{_ID}/commands",
            _checks("ApplicationCommandUpdateRequest", "commands", array=True),
        ),
        (
            "POST",
            rf"/applications/{_ID}(/guilds/{_ID})?/commands",
            _checks("ApplicationCommandCreateRequest", "command"),
        ),
        (
            "PATCH",
            rf"/applications/{_ID}(/guilds/{_ID})?/commands/{_ID}",
            _checks("ApplicationCommandPatchRequestPartial", "command"),
        ),
        ("POST", rf"/interactions/{_ID}/{_TOKEN}/callback", _callback_checks),
        ("POST", rf"/webhooks/{_ID}/{_TOKEN}", _checks("IncomingWebhookRequestPartial", "message_create")),
        (
            "PATCH",
            rf"/webhooks/{_ID}/{_TOKEN}/messages/(@original|{_ID})",
            _checks("IncomingWebhookUpdateRequestPartial", "message"),
        ),
        ("POST", rf"/channels/{_ID}/messages", _checks("MessageCreateRequest", "message_create")),
        ("PATCH", rf"/channels/{_ID}/messages/{_ID}", _checks("MessageEditRequestPartial", "message")),
        ("PUT", rf"/channels/{_ID}/messages/{_ID}/reactions/{_TOKEN}/@me", _no_body),
        ("DELETE", rf"/channels/{_ID}/messages/{_ID}/reactions/{_TOKEN}(/@me|/{_ID})?", _no_body),
        ("POST", r"/users/@me/channels", _checks("CreatePrivateChannelRequest")),
    ]
]


def normalize_path(path: str) -> str:
    """``/api/v10/users/@me?x=1`` -> ``/users/@me``: routes are matched without prefix or query."""
    path = path.split("?", 1)[0]
    path = re.sub(r"^/api(/v\d+)?(?=/)", "", path)
    return path.rstrip("/") or "/"


@functools.cache
def _spec_routes() -> list[tuple[str, re.Pattern[str], int, str]]:
    """Every (method, path regex, literal-segment count, template) in the spec's paths section."""
    routes = []
    for template, item in _spec()["paths"].items():
        regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        literals = sum(1 for segment in template.split("/") if segment and not segment.startswith("{"))
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                routes.append((method.upper(), re.compile(regex), literals, template))
    return routes


def _generic_check(method: str, path: str, body: Any) -> list[str]:
    """Fallback for routes without a hand-written rule: use the spec's own requestBody schema."""
    candidates = [r for r in _spec_routes() if r[0] == method and r[1].fullmatch(path)]
    if not candidates:
        return [f"{method} {path}: not a route in Discord's OpenAPI description"]
    template = max(candidates, key=lambda r: r[2])[3]
    operation = _spec()["paths"][template][method.lower()]
    request_body = operation.get("requestBody")
    if request_body is None:
        return _no_body(body)
    schema = request_body.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return []
    validator = _inline_validator(template, method)
    errors = sorted(validator.iter_errors(body), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{method} {template}: {line}" for e in errors for line in _describe(e)]


@functools.cache
def _inline_validator(template: str, method: str) -> Draft202012Validator:
    pointer = "/".join(
        part.replace("~", "~0").replace("/", "~1")
        for part in (
            "paths",
            template,
            method.lower(),
            "requestBody",
            "content",
            "application/json",
            "schema",
        )
    )
    return _validator_for({"$ref": f"{SPEC_URI}#/{pointer}"})


def request_problems(method: str, path: str, body: Any) -> list[str]:
    """Everything wrong with a request body for this route: schema errors and runtime limits.

    ``path`` may carry the ``/api/v10`` prefix and a query string. ``body`` is the decoded JSON
    (for multipart requests: the decoded ``payload_json`` part), or ``None`` when there is none.
    """
    method = method.upper()
    path = normalize_path(path)
    for route_method, pattern, check in _ROUTES:
        if route_method == method and pattern.fullmatch(path):
            return check(body)
    if method in ("GET", "HEAD", "OPTIONS"):
        return _no_body(body)
    return _generic_check(method, path, body)


def validate_request(method: str, path: str, body: Any) -> None:
    """Assert a request the bot sent is what Discord accepts, picking the schema from the route.

    Hand-written rules cover the routes a bot uses most (command sync, interaction callbacks by
    ``type``, webhook follow-ups and edits, channel messages, reactions, DM creation); any other
    route is checked against its requestBody in the spec. Limits are checked too.
    """
    problems = request_problems(method, path, body)
    if problems:
        raise AssertionError(_format(f"{method.upper()} {normalize_path(path)} sent an invalid body", problems))
