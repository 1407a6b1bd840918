"""A read-only knowledge folder or data folder (a volume mounted read-only, files owned by another user, a
backup's copy).

Reading must work without write access: check, history, export, the bot's reload. Edits fail in
one sentence that says edits are off. The folder is really made read-only: a read-only bind
mount in a private mount namespace (``unshare``), or, without that, a folder without write
permission for a user who isn't root.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import ROOT
from tests.core.storage.test_store import NEW_FACT

DRIVER = textwrap.dedent(r"""
    import asyncio, contextlib, io, json, sys
    from pathlib import Path
    from bot.app import create_bot
    from bot.cli import main
    from bot.config import Settings

    knowledge, data, entry = sys.argv[1:4]

    def run(*argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
        return {"code": code, "out": out.getvalue(), "err": err.getvalue()}

    report = {
        "add": run("kb", "add", entry, "--knowledge", knowledge, "--data", data),
        "undo": run("kb", "undo", "--knowledge", knowledge, "--data", data),
        "check": run("check", "--knowledge", knowledge),
        "history": run("kb", "history", "--knowledge", knowledge, "--data", data),
        "export": run("kb", "export", "--knowledge", knowledge, "--data", data),
    }
    bot = create_bot(Settings(knowledge_dir=Path(knowledge), data_dir=Path(data)))

    async def reload():
        return [str(p) for p in await bot.live.reload()]

    report["reload"] = asyncio.run(reload())
    report["read_only"] = bot.store.read_only()
    print(json.dumps(report))
""")


#: Runs each command line given as JSON and prints what each said and returned.
COMMANDS = textwrap.dedent(r"""
    import contextlib, io, json, sys
    from bot.cli import main

    report = []
    for argv in json.loads(sys.argv[1]):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        report.append({"code": code, "out": out.getvalue(), "err": err.getvalue()})
    print(json.dumps(report))
""")


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount --bind / /mnt 2>/dev/null || mount -t tmpfs x /mnt"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def run_read_only(folder: Path, *args: str, driver: str = DRIVER) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", driver, *args]
    if _namespaces_work():
        mount = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
        command = ["unshare", "-rm", "sh", "-c", mount, "sh", str(folder), *command]
    elif os.geteuid() != 0:
        for path in [folder, *folder.iterdir()]:
            path.chmod(0o555 if path.is_dir() else 0o444)
    else:
        pytest.skip("root without mount namespaces can't be refused writes")
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def test_a_read_only_folder_reads_reloads_and_refuses_edits_in_one_sentence(story_copy: Path,
                                                                            tmp_path: Path) -> None:
    entry = tmp_path / "new.yaml"
    entry.write_text(NEW_FACT, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in story_copy.iterdir()}
    done = run_read_only(story_copy, str(story_copy), str(tmp_path / "data"), str(entry))
    for path in [story_copy, *story_copy.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    for edit in ("add", "undo"):
        assert report[edit]["code"] == 1
        err = report[edit]["err"].strip()
        assert "is read-only for this user, so edits are off" in err and "Traceback" not in err
        assert len(err.splitlines()) == 1, err
    assert report["check"]["code"] == 0
    assert report["history"]["code"] == 0 and report["history"]["err"] == ""
    assert report["export"]["code"] == 0 and "bakery" in report["export"]["out"]
    assert report["reload"] == [], "the bot reloads a read-only folder"
    assert "edits are off" in report["read_only"]
    assert {p.name: p.read_bytes() for p in story_copy.iterdir()} == before, "not even a lock file was made"


def test_export_refuses_to_overwrite_a_knowledge_file(story_copy: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    before = (story_copy / "kb.yaml").read_bytes()
    code = main(["kb", "export", "--out", str(story_copy / "kb.yaml"), "--knowledge", str(story_copy),
                 "--data", str(tmp_path / "data")])
    assert code == 1
    assert "is in the knowledge folder" in capsys.readouterr().err
    assert (story_copy / "kb.yaml").read_bytes() == before
    link = tmp_path / "export.yaml"
    link.symlink_to(story_copy / "kb.yaml")  # nor through a link that leads there
    assert main(["kb", "export", "--out", str(link), "--knowledge", str(story_copy),
                 "--data", str(tmp_path / "data")]) == 1
    assert (story_copy / "kb.yaml").read_bytes() == before
    assert main(["kb", "export", "--out", str(tmp_path / "elsewhere.yaml"), "--knowledge", str(story_copy),
                 "--data", str(tmp_path / "data")]) == 0


def _read_only_data(story: Path, data: Path, *commands: list[str]) -> list[dict[str, object]]:
    """What each command said with ``data`` read-only (and the knowledge folder writable)."""
    argv = [[*command, "--knowledge", str(story), "--data", str(data)] for command in commands]
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    done = run_read_only(data, json.dumps(argv), driver=COMMANDS)
    for path in [data, *data.iterdir()]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before, "nothing in the data folder was touched"
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_a_read_only_data_folder_with_a_journal_still_lists_exports_and_shows_its_history(
        story_copy: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["kb", "remove", "prize", "--knowledge", str(story_copy), "--data", str(data)]) == 0
    history, listing, export, unanswered, feedback, remove, ask = _read_only_data(
        story_copy, data, ["kb", "history"], ["kb", "list"], ["kb", "export"], ["kb", "unanswered"],
        ["kb", "feedback"], ["kb", "remove", "staff"], ["ask", "how many people work at the bakery"])
    assert history["code"] == 0 and "removed prize" in str(history["out"]) and history["err"] == ""
    assert listing["code"] == 0 and "staff" in str(listing["out"]) and "prize " not in str(listing["out"])
    assert export["code"] == 0 and "id: staff" in str(export["out"])
    assert unanswered["code"] == feedback["code"] == 0 and "No unanswered questions" in str(unanswered["out"])
    assert remove["code"] == 1 and "cannot open the journal" in str(remove["err"]), "an edit still needs write access"
    assert "Traceback" not in str(remove["err"]) and len(str(remove["err"]).strip().splitlines()) == 1
    assert ask["code"] == 0 and ask["err"] == "", "ask looks for a half-done change without a word of doubt"


def test_a_change_left_half_done_in_a_read_only_data_folder_is_said_not_hidden(story_copy: Path,
                                                                              tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["kb", "remove", "prize", "--knowledge", str(story_copy), "--data", str(data)]) == 0
    with contextlib.closing(sqlite3.connect(data / "journal.sqlite3")) as db, db:
        db.execute("UPDATE changes SET state = 'pending'")  # as if the process died before marking it done
    (history,) = _read_only_data(story_copy, data, ["kb", "history"])
    assert history["code"] == 0
    assert "left half done" in str(history["err"]) and "run any kb command as the user who may write" in str(
        history["err"])


def test_a_read_only_data_folder_that_is_not_private_is_named_in_one_sentence_with_its_fix(
        story_copy: Path, tmp_path: Path) -> None:
    if not _namespaces_work():
        pytest.skip("only a read-only mount refuses the owner's chmod")
    data = tmp_path / "data"
    assert main(["kb", "remove", "prize", "--knowledge", str(story_copy), "--data", str(data)]) == 0
    data.chmod(0o755)  # as a backup's copy or an older version left it
    (journal,) = _read_only_data(story_copy, data, ["kb", "add", str(tmp_path / "entry.yaml")])
    warning, *_ = str(journal["err"]).strip().splitlines()
    assert warning.startswith("storybot kb add: "), "named as the command's other notes are, not 'storybot kb:'"
    assert str(data) in warning and "salt" in warning and f"chmod go= {data}" in warning
    assert "Errno" not in warning and "[" not in warning
    data.chmod(0o700)
