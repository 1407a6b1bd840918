"""A clone passes on its own: nothing in the tests or the code reaches outside the repository."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from tests.conftest import ROOT
from tests.support import openapi
from tests.support.discord import trim

VENDORED = ROOT / "tests" / "support" / "discord"


def test_no_test_or_module_names_a_path_outside_the_repository() -> None:
    outside = re.compile(r"""\.\./shared|/work/|ROOT\.parent|parent\.parent\.parent""")
    for folder in ("bot", "tests", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "tests" / "test_self_contained.py":
                continue
            found = outside.search(path.read_text(encoding="utf-8"))
            assert found is None, f"{path.relative_to(ROOT)} reaches outside the repository: {found[0]!r}"


def test_the_discord_description_is_vendored_with_its_licence_and_source() -> None:
    assert "MIT License" in (VENDORED / "LICENSE").read_text(encoding="utf-8")
    source = (VENDORED / "SOURCE.md").read_text(encoding="utf-8")
    assert re.search(r"commit `[0-9a-f]{40}`", source), "SOURCE.md names the commit the copy came from"
    spec = json.loads((VENDORED / "openapi.json").read_text(encoding="utf-8"))
    assert spec["info"]["license"]["identifier"] == "MIT"


def test_by_default_the_vendored_copy_is_used_and_the_variable_overrides_it(tmp_path) -> None:
    code = "from tests.support import openapi; print(openapi.SPEC_PATH)"
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_OPENAPI_PATH"}
    default = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                             check=True).stdout.strip()
    assert default == str(VENDORED / "openapi.json")
    other = tmp_path / "full.json"
    env["DISCORD_OPENAPI_PATH"] = str(other)
    chosen = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=True).stdout.strip()
    assert chosen == str(other)


def test_the_trimmed_copy_holds_every_schema_the_checks_name() -> None:
    for name in sorted(trim._named_in_support() | set(trim.EXTRA_SCHEMAS)):
        assert openapi.schema_problems(name, {}) is not None  # raises KeyError when the schema is missing


def test_trimming_keeps_request_bodies_and_the_schemas_they_reach_and_drops_prose() -> None:
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "10"},
        "paths": {
            "/things/{id}": {
                "parameters": [{"name": "id"}],
                "patch": {
                    "description": "prose",
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}},
                    "responses": {"200": {"$ref": "#/components/schemas/Unused"}},
                },
                "get": {"responses": {"200": {}}},
            }
        },
        "components": {
            "schemas": {
                "A": {"type": "object", "description": "prose", "properties": {
                    "description": {"type": "string", "maxLength": 5}, "b": {"$ref": "#/components/schemas/B"}}},
                "B": {"type": "integer", "title": "B"},
                "Unused": {"type": "string"},
                **{name: {} for name in trim._named_in_support() | set(trim.EXTRA_SCHEMAS)},
            }
        },
    }
    out = trim.trim(spec)
    assert out["paths"] == {"/things/{id}": {"patch": {"requestBody": spec["paths"]["/things/{id}"]["patch"][
        "requestBody"]}, "get": {}}}
    schemas = out["components"]["schemas"]
    assert schemas["A"] == {"type": "object", "properties": {"description": {"type": "string", "maxLength": 5},
                                                              "b": {"$ref": "#/components/schemas/B"}}}
    assert schemas["B"] == {"type": "integer"}
    assert "Unused" not in schemas
