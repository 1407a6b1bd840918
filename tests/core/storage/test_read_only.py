"""A read-only knowledge folder (a volume mounted read-only, files owned by another user).

Reading must work without write access: check, history, export, the bot's reload. Edits fail in
one sentence that says edits are off. The folder is really made read-only: a read-only bind
mount in a private mount namespace (``unshare``), or, without that, a folder without write
permission for a user who isn't root.
"""

from __future__ import annotations

import json
import os
import shutil
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


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount --bind / /mnt 2>/dev/null || mount -t tmpfs x /mnt"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def run_read_only(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", DRIVER, *args]
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
