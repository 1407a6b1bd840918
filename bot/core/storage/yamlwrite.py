"""Writing knowledge-base YAML in one stable, readable form.

Every file the store writes comes out the same way: keys in the order given, Unicode as it
is, no anchors, no line folding, lists indented under their key. Shipped files are kept in
this form too (a test checks). A file that is already there is rewritten over its own text
(``rewrite``): what the change didn't touch keeps its lines, comments among them, so a change
shows in ``git diff`` as just the lines it changed.
"""

from __future__ import annotations

import io
from typing import Any

import yaml

from bot.core.interrupts import ctrl_c_held
from bot.core.knowledge.yamlsource import plain


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "- item" indented under its key, as people write it

    def ignore_aliases(self, data: Any) -> bool:
        return True


# Characters YAML reads as a line break, or folds into one, anywhere but in a double-quoted escape: written any other
# way, what is read back is not what was given (a NEL becomes a space, "\r\n" in a block becomes "\n"), and the
# change would be validated as, and saved as, text nobody wrote.
_READ_AS_BREAKS = frozenset("\r\x85\u2028\u2029")


def _escaped(value: str) -> bool:
    return not _READ_AS_BREAKS.isdisjoint(value)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _escaped(value) else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def header_of(text: str) -> str:
    """The comment lines at the top of a file, kept when the store rewrites it."""
    lines: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#") or (lines and not line.strip()):
            lines.append(line)
        else:
            break
    while lines and not lines[-1].strip():
        lines.pop()
    return "".join(lines)


def dump(document: dict[str, Any], header: str = "") -> str:
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000,
                     default_flow_style=False)
    if header and not header.endswith("\n"):
        header += "\n"
    return header + body


def rewrite(before: str, document: dict[str, Any]) -> str:
    """``document`` written over the file's text ``before``, through ruamel.yaml's round-trip loader: each value
    the change left equal keeps its text and the comments around it; a changed entry keeps what didn't change
    in it. A text that loader can't take (it is stricter in places) is written afresh, keeping the header."""
    # Ctrl-C taken once the text is made: ruamel.yaml's emitter catches whatever a word's write raises, prints that
    # word on stdout ('What', among a command's output) and raises it again, and a few of its bare excepts swallow
    # it (CommentedMap.get gives the default instead), so the change would go on as if it were not pressed
    with ctrl_c_held() as pressed:
        text = _round_tripped(before, document)
    if pressed:
        raise KeyboardInterrupt
    return text


def _round_tripped(before: str, document: dict[str, Any]) -> str:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError

    writer = _round_trip()
    try:
        old = writer.load(before)
    except YAMLError:
        old = None
    if not isinstance(old, CommentedMap):
        return dump(document, header_of(before))
    out = io.StringIO()
    writer.dump(_merged(old, document), out)
    return out.getvalue()


_RESOLVER = yaml.resolver.Resolver()  # how PyYAML's safe loader reads a plain scalar
_TEXT = "tag:yaml.org,2002:str"


def _round_trip() -> Any:
    from ruamel.yaml import YAML

    writer = YAML()  # round-trip: comments, key order and quoting as they were
    writer.indent(mapping=2, sequence=4, offset=2)  # "- item" indented under its key, as ``dump`` writes it
    writer.width = 1_000_000  # no line folding
    writer.preserve_quotes = True
    return writer


def _merged(old: Any, new: Any) -> Any:
    """``new``, made of ``old``'s own nodes wherever they hold the same: a list of entries is matched by id (an
    entry moved or one removed before it leaves the rest as they were), any other list by position."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if plain(old) == new:
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [key for key in old if key not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = _merged(old[key], value) if key in old else _fresh(value)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        by_id = {item["id"]: item for item in old if isinstance(item, dict) and isinstance(item.get("id"), str)}
        if by_id:
            items = [_merged(by_id[item["id"]], item) if isinstance(item, dict) and item.get("id") in by_id
                     else _fresh(item) for item in new]
        else:
            items = [_merged(old[index], item) if index < len(old) else _fresh(item) for index, item in enumerate(new)]
        kept = {id(item) for item in items}
        for index in reversed(range(len(old))):  # from the end, so the indexes still to look at stay put
            if id(old[index]) not in kept:
                del old[index]
        for index, item in enumerate(items):
            if index >= len(old) or old[index] is not item:
                old.insert(index, item)
        return old
    return _fresh(new)


def _fresh(value: Any) -> Any:
    """A new value as ``dump`` would write it: text of several lines as a ``|`` block, and text that PyYAML, which
    reads the files, would take for something else quoted ("no", "2022-02-24", "1:30"), as ruamel.yaml follows
    YAML 1.2, where those are plain text."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString

    if isinstance(value, str) and _escaped(value):
        return DoubleQuotedScalarString(value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, str) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _TEXT:  # type: ignore[no-untyped-call]
        return SingleQuotedScalarString(value)
    if isinstance(value, dict):
        return {key: _fresh(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_fresh(item) for item in value]
    return value
