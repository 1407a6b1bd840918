"""YAML parsing that remembers where every value came from.

``yaml.safe_load`` loses line numbers, and errors without a line are hard to fix. Here the
document is composed into nodes with ``yaml.SafeLoader`` (so only plain data can come out) and
turned into dicts and lists that carry the 1-based line of each key and item. Scalars keep the
type YAML gives them (``no`` is ``False``, ``2022-02-24`` a date), so the schema can refuse the
surprise with a hint instead of silently coercing it.
"""

from __future__ import annotations

import re
from typing import Any, cast

import yaml

from bot.core.knowledge.problems import ProblemList

MAX_NODES = 200_000  # anchors can multiply a small file into a huge tree ("billion laughs")
MAX_DEPTH = 40       # the knowledge format nests four deep; far more is a mistake or an attack
# libyaml's parser when PyYAML was built with it (the wheels are): the same nodes, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YMap(dict[str, Any]):
    """A mapping with the line of the mapping itself and of each key."""

    line: int
    key_lines: dict[str, int]


class YSeq(list[Any]):
    """A sequence with the line of the sequence itself and of each item."""

    line: int
    item_lines: list[int]


def line_of(value: Any, default: int | None = None) -> int | None:
    return getattr(value, "line", default)


def parse(text: str, filename: str, problems: ProblemList) -> Any:
    """Parse one YAML document; on failure record the problem and return ``None``."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        context = exc.context or ""
        fix = None
        last = max(1, len(text.splitlines()))
        if exc.context_mark is not None and line is not None and exc.context_mark.line + 1 not in (line, last + 1):
            started = exc.context_mark.line + 1
            if "quoted scalar" in context and "end of stream" in str(exc.problem):
                # a quote never closed: YAML read to the end of the file; the line to fix is where it was opened
                fix = "close the quote opened on this line"
                line, mark = started, exc.context_mark
            else:
                context += f" (started on line {started})"
                if _BRACKETED.search(context):
                    # "[unclosed" reads on to wherever YAML gives up, far below; a closed one lacks a comma here
                    fix = f"close the bracket or quote opened on line {started}"
                    if line <= last:  # not where YAML ran out of text: a comma or quote may be missing there
                        fix += f", or if it is closed, look for a missing comma or quote on line {line}"
        what = ": ".join(part for part in (context.strip(), str(exc.problem or "")) if part)
        opened = _unclosed_quote_before(text, line) if fix is None and line else None
        if opened is not None:
            # a double-quoted value runs on across lines to the next quote, so YAML gives up far below where the
            # quote was left open: the line to fix is where it was opened
            what += f" (YAML read on to line {line})"
            line, fix = opened, "a double quote opened on this line is never closed on it: close it here"
        if line is not None and line > last:
            # YAML gave up at the end of the text, on a line after the last: name a line the file has
            opened = _unclosed_bracket(text)
            line = opened or last
            if opened is not None and fix is None:
                fix = "close the bracket opened on this line"
        problems.error(filename, line, f"YAML syntax error: {what}", fix or _syntax_fix(text, mark, what))
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses anywhere, such as a control character
        line = text[: exc.position].count("\n") + 1
        problems.error(filename, line, f"YAML error: the file holds the character {_code(exc.character)}, "
                       "which YAML does not allow", "delete it (it is invisible in most editors)")
        return None
    except yaml.YAMLError as exc:
        problems.error(filename, None, f"YAML error: {exc}", "check that the file is valid YAML")
        return None
    finally:
        loader.dispose()
    if node is None:
        return None
    converter = _Converter(loader, filename, problems)
    try:
        return converter.convert(node)
    except _Refused as exc:
        problems.error(filename, exc.line, str(exc), exc.fix)
        return None


def _code(character: object) -> str:
    """PyYAML gives the character as its code point (or, for bytes, as the byte)."""
    if isinstance(character, str) and len(character) == 1:
        character = ord(character)
    return f"U+{character:04X}" if isinstance(character, int) else repr(character)


def _unclosed_bracket(text: str) -> int | None:
    """The line of the first [ or { the text never closes, as YAML's own scanner reads them (a bracket inside a
    quote or a plain sentence is text, not an opening)."""
    opened: list[int] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken):
                opened.append(token.start_mark.line + 1)
            elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken) and opened:
                opened.pop()
    except yaml.YAMLError:
        pass  # the tokens read before the error are what counts
    return opened[0] if opened else None


_BRACKETED = re.compile(r"flow (?:sequence|mapping)|quoted scalar")  # inside a bracket or quote opened above


_OPENS_A_QUOTE = re.compile(r'^\s*(?:-\s+)?(?:[\w-]+:\s+)?"')  # a value, or a list item, that starts with "


def _unclosed_quote_before(text: str, line: int) -> int | None:
    """The first line above ``line`` whose value opens a double quote it never closes, if any."""
    for number, row in enumerate(text.splitlines()[: line - 1], 1):
        if row.lstrip().startswith("#") or not _OPENS_A_QUOTE.match(row):
            continue
        if row.replace('\\\\', "").replace('\\"', "").count('"') % 2:
            return number
    return None


def _syntax_fix(text: str, mark: yaml.Mark | None, what: str) -> str:
    """How to fix a syntax error: the two common surprises get their own fix, the rest the general one."""
    if "tab" in what:
        return "indent with spaces: YAML does not allow tabs there"
    if mark is not None and "cannot start any token" in what:
        lines = text.splitlines()
        row = lines[mark.line] if mark.line < len(lines) else ""
        start = row[mark.column: mark.column + 1]
        if start == "\t" or "\t" in row[: len(row) - len(row.lstrip())]:  # PyYAML names no tab for a tab indent
            return "this line is indented with a tab: indent with spaces, as YAML does not allow tabs there"
        if start in ("@", "`"):
            return f"YAML can't start a value with {start}: put the whole value in quotes"
    return "check the indentation and quoting on this line and the one before it"


def load_plain(text: str, filename: str, problems: ProblemList) -> Any:
    """Like ``parse``, but plain dicts and lists (for data that is edited and written back)."""
    return plain(parse(text, filename, problems))


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


class _Refused(Exception):
    """The document can't be read as knowledge at all (too big, too deep, a tag): one problem, no partial data."""

    def __init__(self, message: str, fix: str, line: int) -> None:
        super().__init__(message)
        self.fix = fix
        self.line = line


class _Converter:
    def __init__(self, loader: Any, filename: str, problems: ProblemList) -> None:
        self._loader = loader
        self._filename = filename
        self._problems = problems
        self._count = 0
        self._active: set[int] = set()

    def convert(self, node: yaml.Node) -> Any:
        self._count += 1
        line = node.start_mark.line + 1
        if self._count > MAX_NODES or id(node) in self._active:
            raise _Refused(f"the document expands to more than {MAX_NODES} values",
                            "remove the YAML anchors and aliases that repeat data", line)
        if len(self._active) > MAX_DEPTH:
            raise _Refused(f"the document nests more than {MAX_DEPTH} levels deep",
                            "the knowledge format needs a few levels: check the brackets and indentation", line)
        if not self._plain_tag(node):
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(f"the tag '{shown}' is not allowed in knowledge files",
                           f"remove '{shown}': entries are plain text, lists and mappings", line)
        if isinstance(node, yaml.ScalarNode):
            try:
                return self._loader.construct_object(node, deep=True)
            except Exception as exc:  # a tag or value YAML can't build: "!!int abc", "2022-02-30"
                problem = getattr(exc, "problem", None) or str(exc)
                self._problems.error(self._filename, line, f"cannot read value {node.value!r}: {problem}",
                                     "write it as quoted text")
                return None
        self._active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self._sequence(node)
            return self._mapping(cast(yaml.MappingNode, node))  # scalars and sequences are handled above
        finally:
            self._active.discard(id(node))

    def _plain_tag(self, node: yaml.Node) -> bool:
        """Whether the node is plain data: a tag such as '!!python/object' would build an object (SafeLoader
        refuses it) and '!!set' or '!!omap' a shape the knowledge format has no use for."""
        if isinstance(node, yaml.SequenceNode):
            return node.tag == "tag:yaml.org,2002:seq"
        if isinstance(node, yaml.MappingNode):
            return node.tag == "tag:yaml.org,2002:map"
        return node.tag in self._loader.yaml_constructors

    def _sequence(self, node: yaml.SequenceNode) -> YSeq:
        seq = YSeq(self.convert(item) for item in node.value)
        seq.line = node.start_mark.line + 1
        seq.item_lines = [item.start_mark.line + 1 for item in node.value]
        return seq

    def _mapping(self, node: yaml.MappingNode) -> YMap:
        mapping = YMap()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused("the merge key '<<' is not supported in knowledge files",
                               "write the fields out in full in each entry", line)
            key = self.convert(key_node)
            if not isinstance(key, str):
                self._problems.error(self._filename, line, f"key {key!r} is not text",
                                     f"write the key as a plain word, or quote it: '{key}'")
                key = str(key)
            if key in mapping:
                self._problems.error(self._filename, line,
                                     f"key '{key}' appears twice in the same mapping "
                                     f"(first on line {mapping.key_lines[key]})",
                                     "remove or rename one of them", _entry_id(node))
                continue
            mapping[key] = self.convert(value_node)
            mapping.key_lines[key] = line
        return mapping


def _entry_id(node: yaml.MappingNode) -> str | None:
    """The entry a mapping is, when it has an ``id: text`` (wherever the id comes in it), for messages."""
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "id" and isinstance(value_node, yaml.ScalarNode):
            return value_node.value or None
    return None
