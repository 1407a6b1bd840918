"""A ``kb add`` killed (SIGKILL: power loss, the OOM killer) at any moment leaves a consistent store.

After each kill, either the new entry is absent, or it is present *and* listed by ``kb history``
*and* ``kb undo`` takes it back to the exact files of before. The kills run in one helper
process that has imported everything once and forks a ``kb add`` per try, so 60 kills spread
over the whole command (argument parsing, reading, validating, journaling, writing) take
seconds, not minutes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT, SECOND_STORY

KILLS = 60

NEW_ENTRY = """
facts:
  - id: crash-test
    questions: [who bakes the bread, who are the bakers, bakers of the bread]
    answer: The bakery employs 12 people.
    cite:
      - line: 5
        quote: employs 12 people
"""

DRIVER = textwrap.dedent(r"""
    import contextlib, io, json, os, shutil, signal, sys, time
    from pathlib import Path
    from bot.cli import main
    from bot.core.knowledge.loading import load_knowledge

    story, work, entry_file, kills = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])

    def snapshot(folder):
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}

    def quiet(*argv):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(list(argv))
        return code, out.getvalue()

    def fresh(n):
        knowledge, data = work / f"k{n}", work / f"d{n}"
        shutil.copytree(story, knowledge)
        return knowledge, data

    def start(knowledge, data):
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os._exit(main(["kb", "add", entry_file, "--knowledge", str(knowledge), "--data", str(data)]))
        return pid

    durations = []
    for n in range(3):  # how long a whole kb add takes here, unkilled
        knowledge, data = fresh(f"t{n}")
        began = time.perf_counter()
        _, status = os.waitpid(start(knowledge, data), 0)
        durations.append(time.perf_counter() - began)
        assert os.waitstatus_to_exitcode(status) == 0
    whole = sorted(durations)[1]

    original = snapshot(story)
    absent, present, failures = 0, 0, []
    for n in range(kills):
        knowledge, data = fresh(n)
        delay = whole * (n + 0.5) / kills
        pid = start(knowledge, data)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        code, listed = quiet("kb", "history", "--json", "--knowledge", str(knowledge), "--data", str(data))
        in_history = code == 0 and any("crash-test" in json.loads(line)["entries"] for line in listed.splitlines())
        result = load_knowledge(knowledge, warnings=False)
        leftovers = [p.name for p in knowledge.iterdir() if p.name.endswith(".tmp")]
        where = f"kill {n} after {delay * 1000:.1f} ms"
        if leftovers:
            failures.append(f"{where}: temporary files left after recovery: {leftovers}")
        if not result.ok:
            failures.append(f"{where}: the knowledge base no longer loads")
        elif result.kb.get("crash-test") is None:
            absent += 1
            if in_history:
                failures.append(f"{where}: the entry is absent but history lists it")
        else:
            present += 1
            if not in_history:
                failures.append(f"{where}: the entry is on disk but not in kb history")
                continue
            code, _ = quiet("kb", "undo", "--knowledge", str(knowledge), "--data", str(data))
            if code != 0 or {k: v for k, v in snapshot(knowledge).items() if k != ".storybot.lock"} != original:
                failures.append(f"{where}: kb undo did not restore the files")
    print(json.dumps({"absent": absent, "present": present, "failures": failures, "whole_ms": whole * 1000}))
""")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the kills fork a kb add per try")
def test_a_kb_add_killed_at_any_moment_is_absent_or_in_history_and_undoable(tmp_path: Path) -> None:
    entry = tmp_path / "entry.yaml"
    entry.write_text(NEW_ENTRY, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run([sys.executable, "-c", DRIVER, str(SECOND_STORY), str(work), str(entry), str(KILLS)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["failures"] == [], report
    assert report["absent"] + report["present"] == KILLS
    assert report["absent"] > 0 and report["present"] > 0, f"the kills did not spread over the run: {report}"
