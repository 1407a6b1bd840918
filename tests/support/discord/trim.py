"""Make ``openapi.json`` here from Discord's full OpenAPI description.

The full description (discord/discord-api-spec, ``specs/openapi.json``) is 1.2 MB, mostly response
shapes and prose the tests never read. The tests validate what the bot *sends*, so this keeps:

* every path and method (so an unknown route is still reported as one), with only its
  ``requestBody``: responses, parameters, security and prose go;
* the component schemas those request bodies reach, plus the ones ``tests/support/openapi.py``
  names directly (its route table) and ``EXTRA_SCHEMAS`` below, each with every keyword that
  constrains a value (``description`` and ``title`` strings, pure annotations, go).

Run it again when Discord's description changes, then update ``SOURCE.md``::

    python tests/support/discord/trim.py path/to/discord-api-spec/specs/openapi.json

The output is deterministic (sorted keys, one-space indent), so a diff shows what changed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "openapi.json"
#: Schemas the tests name that no request body reaches, or that openapi.py replaces (SnowflakeType).
EXTRA_SCHEMAS: tuple[str, ...] = ("RichEmbed", "SnowflakeType")
_ANNOTATIONS = ("description", "title")
_REF = "#/components/schemas/"


def _strip(node: Any) -> Any:
    """``node`` without prose; a property *named* ``description`` (a dict, not a string) stays."""
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if not (k in _ANNOTATIONS and isinstance(v, str))}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def _refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF):
            found.add(ref[len(_REF):])
        for value in node.values():
            found |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value)
    return found


def _named_in_support() -> set[str]:
    """Schema names quoted in tests/support/openapi.py (its route table and callback map)."""
    text = (HERE.parent / "openapi.py").read_text(encoding="utf-8")
    return set(re.findall(r'"([A-Z][A-Za-z0-9]+(?:Request|Partial|Data))"', text))


def trim(spec: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = spec["components"]["schemas"]
    paths: dict[str, Any] = {}
    for template, item in spec["paths"].items():
        kept: dict[str, Any] = {}
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete", "head", "options"):
                body = operation.get("requestBody")
                kept[method] = {"requestBody": _strip(body)} if body is not None else {}
        paths[template] = kept
    wanted = _refs(paths) | _named_in_support() | set(EXTRA_SCHEMAS)
    missing = sorted(name for name in wanted if name not in schemas)
    if missing:
        raise SystemExit(f"the description has no schemas {missing}: update EXTRA_SCHEMAS or openapi.py")
    keep: set[str] = set()
    todo = sorted(wanted)
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        todo.extend(sorted(_refs(schemas[name]) - keep))
    return {
        "openapi": spec["openapi"],
        "info": spec["info"],
        "paths": paths,
        "components": {"schemas": {name: _strip(schemas[name]) for name in sorted(keep)}},
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tests/support/discord/trim.py FULL_OPENAPI_JSON", file=sys.stderr)
        return 2
    spec = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    OUT.write_text(json.dumps(trim(spec), indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
