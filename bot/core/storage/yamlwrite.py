"""Writing knowledge-base YAML in one stable, readable form.

Every file the store writes comes out the same way: keys in the order given, Unicode as it
is, no anchors, no line folding, lists indented under their key. Shipped files are kept in
this form too (a test checks), so a change through the store shows in ``git diff`` as just
the lines it changed. Comments at the top of a file are kept; others can't survive a rewrite.
"""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "- item" indented under its key, as people write it

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
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
