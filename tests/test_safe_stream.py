"""What the terminal is told quotes what was typed, and nothing typed can steer the terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.safe_stream import safe


def test_an_escape_sequence_or_an_override_in_an_id_is_shown_as_its_code(story_copy: Path, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["kb", "remove", "x\x1b[31m\u202e", "--knowledge", str(story_copy), "--data", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1 and "there is no entry 'x\\x1b[31m\\u202e'" in err
    assert "\x1b" not in err and "\u202e" not in err


def test_a_mistaken_command_is_told_back_in_full_unless_it_is_a_paste(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["\x1b[2Jhello"])
    assert "'\\x1b[2Jhello' is not a command" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["a" * 10_000])
    err = capsys.readouterr().err
    assert len(err) < 1_000 and 'ask "QUESTION"' in err


def test_line_breaks_tabs_and_any_language_pass_as_they_are() -> None:
    out = io.StringIO()
    stream = safe(out)
    stream.write("ligne 1\n\tétape — 東京 ✓\n")
    assert out.getvalue() == "ligne 1\n\tétape — 東京 ✓\n"
    assert safe(stream) is stream, "wrapped once"


def test_checks_report_names_a_mistyped_folder_with_its_codes_shown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--knowledge", "/no\x1b[2Jwhere"]) == 1
    err = capsys.readouterr().err
    assert "/no\\x1b[2Jwhere: the knowledge folder does not exist" in err and "\x1b" not in err
