"""``init``: writes whichever of knowledge/ and .env is missing, never overwrites either, and says what it did."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.config import read_env_file
from bot.terminal.setup import run_init


def test_init_writes_both_into_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_init(tmp_path / "it") == 0
    assert (tmp_path / "it" / "knowledge" / "article.txt").is_file() and (tmp_path / "it" / ".env").is_file()
    out = capsys.readouterr().out
    assert f"wrote {tmp_path / 'it' / 'knowledge'}" in out and f"wrote {tmp_path / 'it' / '.env'}" in out


def test_init_writes_a_missing_env_beside_an_existing_knowledge_folder(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "it"
    run_init(target)
    (target / ".env").unlink()
    edited = target / "knowledge" / "article.txt"
    edited.write_text("my own edit\n", encoding="utf-8")
    capsys.readouterr()
    assert run_init(target) == 0
    out = capsys.readouterr().out
    assert edited.read_text(encoding="utf-8") == "my own edit\n", "an existing knowledge/ is never overwritten"
    assert f"KNOWLEDGE_DIR={target / 'knowledge'}\n" in (target / ".env").read_text(encoding="utf-8")
    assert f"kept {target / 'knowledge'} as it was" in out and f"wrote {target / '.env'}" in out


def test_init_writes_a_missing_knowledge_folder_beside_an_existing_env(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "it"
    target.mkdir()
    (target / ".env").write_text("DISCORD_TOKEN=mine\n", encoding="utf-8")
    assert run_init(target) == 0
    out = capsys.readouterr().out
    assert (target / ".env").read_text(encoding="utf-8") == "DISCORD_TOKEN=mine\n"
    assert (target / "knowledge" / "article.txt").is_file()
    assert f"wrote {target / 'knowledge'}" in out and f"kept {target / '.env'} as it was" in out
    assert f"set KNOWLEDGE_DIR={target / 'knowledge'}" in out, "the kept .env doesn't point at the copy yet"


def test_init_with_everything_there_writes_nothing_and_says_so(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "it"
    run_init(target)
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert run_init(target) == 0
    out = capsys.readouterr().out
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before
    assert "wrote" not in out and f"kept {target / 'knowledge'} as it was" in out
    assert f"kept {target / '.env'} as it was" in out and "set KNOWLEDGE_DIR" not in out, "it already points there"


@pytest.mark.parametrize("name", ["knowledge", ".env"])
def test_init_where_a_file_stands_for_a_folder_or_the_reverse_says_so(name: str, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "it"
    target.mkdir()
    if name == "knowledge":
        (target / name).write_text("not a folder", encoding="utf-8")
    else:
        (target / name).mkdir()
    assert run_init(target) == 1
    err = capsys.readouterr().err
    assert f"{target / name} is a {'file' if name == 'knowledge' else 'folder'}" in err and "Errno" not in err
    assert not (target / ("knowledge" if name == ".env" else ".env")).exists(), "nothing half done"


@pytest.mark.parametrize("name", ["knowledge", ".env"])
def test_init_where_a_link_points_nowhere_says_so_and_writes_nothing(name: str, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Not "cannot write in DIR: File exists — pick a folder you can write to" about a folder it can write to."""
    target, gone = tmp_path / "it", tmp_path / "gone"
    target.mkdir()
    (target / name).symlink_to(gone)
    assert run_init(target) == 1
    assert capsys.readouterr().err == (f"storybot init: {target / name} is a link to {gone}, which does not exist — "
                                       f"remove the link, or make the {'folder' if name == 'knowledge' else 'file'} "
                                       "it points to\n")
    assert not gone.exists() and sorted(p.name for p in target.iterdir()) == [name], "nothing written"


def test_init_of_a_file_says_it_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "afile"
    a_file.write_text("x", encoding="utf-8")
    assert run_init(a_file) == 1
    assert capsys.readouterr().err == (f"storybot init: {a_file.resolve()} is a file, not a folder — pick a folder "
                                       "(a new one is made)\n")
    assert a_file.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("name", ["my bot #1", "bot's #2"])
def test_the_env_init_writes_points_at_the_copy_whatever_the_folder_is_called(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / name
    assert run_init(target) == 0
    settings = read_env_file(target / ".env")  # bare, " #1" would be read as a comment and cut off
    assert settings["KNOWLEDGE_DIR"] == str(target / "knowledge")
    assert settings["DATA_DIR"] == str(target / "data")


def test_init_refuses_a_folder_whose_path_dotenv_would_expand_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cost ${HOME}"
    assert run_init(target) == 1  # its .env would point at ".../cost /home/someone/knowledge"
    assert "pick a folder without '${' in its path" in capsys.readouterr().err
    assert not target.exists()


def test_init_shows_a_typed_path_that_would_steer_the_terminal_as_its_codes_and_the_cd_it_offers_still_works(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "it\x1b[31m\u202e's"
    assert run_init(target) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert f"wrote {tmp_path}/it\\x1b[31m\\u202e's/knowledge" in out
    cd = out.splitlines()[-1].removeprefix("next: cd ").split(" && ")[0]
    shell = subprocess.run(["bash", "-c", f"cd {cd} && pwd"], capture_output=True, text=True, check=True)
    assert shell.stdout == f"{target}\n", "pasted as it is, the cd goes into the folder init wrote"
