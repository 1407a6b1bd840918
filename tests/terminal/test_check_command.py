"""``python -m bot check``: exit codes, the JSON shape, and no traceback for a broken file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import KNOWLEDGE, ROOT, replace_in


def run_bot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)


def test_check_passes_on_the_shipped_knowledge_base() -> None:
    done = run_bot("check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("OK")


def test_check_json_has_the_documented_shape() -> None:
    done = run_bot("check", "--json", "--knowledge", str(KNOWLEDGE))
    report = json.loads(done.stdout)
    assert set(report) >= {"counts", "lines_covered", "errors", "warnings"}
    assert set(report["counts"]) >= {"entries", "patterns", "quotes", "timeline", "gaps", "citations"}
    assert report["lines_covered"] == [1, 3, 5, 7, 9, 11, 13]
    assert report["errors"] == []


def test_a_changed_article_fails_with_file_and_line(kb_copy: Path) -> None:
    replace_in(kb_copy / "article.txt", "February 24", "February 25")
    done = run_bot("check", "--knowledge", str(kb_copy))
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert '.yaml:' in done.stdout and 'is not on line 9' in done.stdout


def test_a_truncated_yaml_file_fails_with_file_and_line(kb_copy: Path) -> None:
    facts = kb_copy / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text[: len(text) // 3], encoding="utf-8")
    done = run_bot("check", "--knowledge", str(kb_copy))
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "facts.yaml:" in done.stdout


def test_check_json_lists_errors_and_exits_1(kb_copy: Path) -> None:
    replace_in(kb_copy / "article.txt", "February 24", "February 25")
    done = run_bot("check", "--json", "--knowledge", str(kb_copy))
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["errors"] and all({"file", "line", "message", "fix", "text"} <= set(e) for e in report["errors"])


def test_check_at_a_terminal_wraps_to_its_width_and_into_a_pipe_keeps_one_problem_a_line(
        story_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    replace_in(story_copy / "kb.yaml", "      - bakery staff\n      - how many employees\n", "")  # one question left
    monkeypatch.setenv("COLUMNS", "50")
    assert main(["check", "--knowledge", str(story_copy)]) == 0
    piped = capsys.readouterr().out.splitlines()
    assert any(line.startswith("warning: ") and "only 1 question pattern(s)" in line for line in piped)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["check", "--knowledge", str(story_copy)]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert len(shown) > len(piped)
    assert all(len(line) <= 49 or " " not in line.strip() for line in shown), shown  # a long path is not cut
