"""``kb`` in the terminal: an export, edited, goes back in with ``kb import``; ``kb add`` says so when given one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.core.storage.journal import Journal


def _kb(story: Path, data: Path, *argv: str) -> int:
    return main(["kb", *argv, "--knowledge", str(story), "--data", str(data)])


def _kb_add(story: Path, tmp_path: Path, name: str, entries: str) -> int:
    """``kb add`` of a file ``name`` holding ``entries``, the journal in ``tmp_path``."""
    given = tmp_path / name
    given.write_text(entries, encoding="utf-8")
    return _kb(story, tmp_path / "data", "add", str(given))


def test_an_edited_export_goes_back_in_with_kb_import_and_can_be_undone(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, exported = tmp_path / "data", tmp_path / "export.yaml"
    assert _kb(story_copy, data, "export", "--out", str(exported)) == 0
    exported.write_text(exported.read_text(encoding="utf-8").replace("employs 12 people.", "employs twelve people."),
                        encoding="utf-8")
    capsys.readouterr()
    assert _kb(story_copy, data, "import", str(exported)) == 0
    assert capsys.readouterr().out == "change 1: imported: 0 added, 1 changed (staff)\n"
    assert "employs twelve people." in (story_copy / "kb.yaml").read_text(encoding="utf-8")
    assert _kb(story_copy, data, "undo") == 0
    assert "employs twelve people." not in (story_copy / "kb.yaml").read_text(encoding="utf-8")


def test_kb_add_of_an_export_says_in_one_sentence_to_use_kb_import(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, exported = tmp_path / "data", tmp_path / "export.yaml"
    assert _kb(story_copy, data, "export", "--out", str(exported)) == 0
    before = (story_copy / "kb.yaml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert _kb(story_copy, data, "add", str(exported)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"storybot kb add: {exported}: 7 of its entries ('prize', 'staff', ...) are already in the "
                          "knowledge base — kb add only adds new entries; to re-import an edited export, run ")
    # both hints name the same knowledge folder, so following either acts on the folder that refused it
    assert err.endswith(f" kb import {exported} --knowledge {story_copy} --data {data}'; to change one entry, run "
                        f"'python -m bot kb edit prize FILE --knowledge {story_copy} --data {data}' with that entry "
                        "alone\n")
    assert err.count("\n") == 1
    assert (story_copy / "kb.yaml").read_text(encoding="utf-8") == before


def test_kb_add_of_one_entry_already_there_names_it(story_copy: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert _kb_add(story_copy, tmp_path, "again.yaml",
                   "facts:\n  - id: staff\n    topic: The bakery\n    questions: [bakery staff]\n"
                   "    answer: The bakery employs 12 people.\n    cite:\n      - line: 5\n"
                   "        quote: employs 12 people\n") == 1
    assert "again.yaml: the entry 'staff' is already in the knowledge base — " in capsys.readouterr().err


def test_kb_undo_of_a_change_that_does_not_exist_points_to_the_history(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _kb(story_copy, tmp_path / "data", "undo", "99") == 1
    assert capsys.readouterr().err == ("storybot kb undo: there is no change 99 — 'python -m bot kb history "
                                       f"--knowledge {story_copy} --data {tmp_path / 'data'}' lists every change\n")


def test_kb_history_shows_which_change_undid_a_change(story_copy: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    data, exported = tmp_path / "data", tmp_path / "export.yaml"
    assert _kb(story_copy, data, "export", "--out", str(exported)) == 0
    exported.write_text(exported.read_text(encoding="utf-8").replace("employs 12 people.", "employs twelve people."),
                        encoding="utf-8")
    assert _kb(story_copy, data, "import", str(exported)) == 0
    assert _kb(story_copy, data, "undo") == 0
    capsys.readouterr()
    assert _kb(story_copy, data, "history") == 0
    first = [line for line in capsys.readouterr().out.splitlines() if line.lstrip().startswith("1 ")]
    assert len(first) == 1 and first[0].endswith("imported: 0 added, 1 changed (staff) (undone by change 2)")


def test_kb_history_json_is_one_object_per_line_and_no_lines_at_all_without_changes(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON Lines, read line by line: no history is no lines (with no journal, or one holding only another knowledge
    folder's changes), never a line that is not one change, such as a bare ``[]``."""
    import json
    import shutil

    data, other = tmp_path / "data", tmp_path / "other"
    shutil.copytree(story_copy, other)

    def history() -> list[dict[str, object]]:
        capsys.readouterr()
        assert _kb(story_copy, data, "history", "--json") == 0
        return [json.loads(line) for line in capsys.readouterr().out.splitlines()]

    assert history() == []
    assert _kb(other, data, "remove", "prize") == 0  # the journal shared with another folder: not this one's change
    assert history() == []
    assert _kb(story_copy, data, "remove", "staff") == 0
    assert _kb(story_copy, data, "undo") == 0
    assert [(change["id"], change["action"], change["undoes"]) for change in history()] == [(3, "undo", 2),
                                                                                           (2, "remove", None)]


def test_kb_export_of_files_that_are_not_yaml_says_they_cant_be_exported_not_that_nothing_can_be_changed(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (story_copy / "kb.yaml").open("a", encoding="utf-8") as kb:
        kb.write("  - id: [unclosed\n")
    assert _kb(story_copy, tmp_path / "data", "export") == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first == ("storybot kb export: the knowledge files have errors, so the knowledge base can't be exported "
                     f"until they are fixed (python -m bot check --knowledge {story_copy})")


def test_kb_export_of_a_knowledge_base_that_fails_check_exports_it_as_written(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb = story_copy / "kb.yaml"
    kb.write_text(kb.read_text(encoding="utf-8").replace("answer: The bakery employs 12 people.", "answer: no"),
                  encoding="utf-8")
    assert _kb(story_copy, tmp_path / "data", "export") == 0  # export only reads: the broken entry, to be mended
    assert "- id: staff" in capsys.readouterr().out


def test_an_unchanged_export_imported_again_changes_nothing_and_succeeds(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A script that exports, maybe edits, then imports must not fail on the run with no edit."""
    data, exported = tmp_path / "data", tmp_path / "export.yaml"
    assert _kb(story_copy, data, "export", "--out", str(exported)) == 0
    before = (story_copy / "kb.yaml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert _kb(story_copy, data, "import", str(exported)) == 0
    assert capsys.readouterr().out == (f"storybot kb import: {exported}: nothing to change — every entry is already "
                                       "as given\n")
    assert (story_copy / "kb.yaml").read_text(encoding="utf-8") == before


def test_an_older_export_imported_unedited_changes_nothing_and_names_the_entries_that_changed_since(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not "every entry is already as given": the entries that changed since keep their newer text, and it says so."""
    data, exported = tmp_path / "data", tmp_path / "export.yaml"
    assert _kb(story_copy, data, "export", "--out", str(exported)) == 0
    kb = story_copy / "kb.yaml"
    kb.write_text(kb.read_text(encoding="utf-8").replace("employs 12 people.", "employs a dozen people."),
                  encoding="utf-8")  # by hand
    assert _kb(story_copy, data, "remove", "prize") == 0
    before = kb.read_text(encoding="utf-8")
    capsys.readouterr()
    assert _kb(story_copy, data, "import", str(exported)) == 0
    assert capsys.readouterr().out == (f"storybot kb import: {exported}: nothing to change — the file edits no "
                                       "entry, and those that changed since it was exported stay as they are now "
                                       "(prize removed, staff changed)\n")
    assert kb.read_text(encoding="utf-8") == before


def test_an_edit_that_changes_nothing_succeeds_and_says_so(story_copy: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The same edit twice: the second finds the knowledge base already saying it, which is done, not an error."""
    import yaml

    data, exported, one = tmp_path / "data", tmp_path / "export.yaml", tmp_path / "one.yaml"
    assert _kb(story_copy, data, "export", "--out", str(exported)) == 0
    facts = yaml.safe_load(exported.read_text(encoding="utf-8"))["facts"]
    one.write_text(yaml.safe_dump({"facts": facts[:1]}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert _kb(story_copy, data, "edit", facts[0]["id"], str(one)) == 0
    capsys.readouterr()
    assert _kb(story_copy, data, "edit", facts[0]["id"], str(one)) == 0
    assert capsys.readouterr().out == ("storybot kb edit: nothing to change: the knowledge base already says exactly "
                                       "that\n")


def test_kb_export_never_writes_through_a_hard_link_to_a_knowledge_file(story_copy: Path, tmp_path: Path) -> None:
    linked = tmp_path / "export.yaml"
    linked.hardlink_to(story_copy / "kb.yaml")
    before = (story_copy / "kb.yaml").read_bytes()
    (story_copy / "kb.yaml").write_bytes(before + b"\n")  # the export differs from the file as written
    before = (story_copy / "kb.yaml").read_bytes()
    assert _kb(story_copy, tmp_path / "data", "export", "--out", str(linked)) == 0
    assert (story_copy / "kb.yaml").read_bytes() == before
    assert linked.stat().st_ino != (story_copy / "kb.yaml").stat().st_ino  # the export is a file of its own


def test_a_hint_to_run_a_kb_command_keeps_the_data_folder_it_was_given(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / "export.yaml"
    assert _kb(story_copy, tmp_path / "data", "export", "--out", str(exported)) == 0
    capsys.readouterr()
    assert _kb(story_copy, tmp_path / "data", "add", str(exported)) != 0
    said = capsys.readouterr().err
    assert "kb import" in said and f"--data {tmp_path / 'data'}" in said  # followed, it journals in the same place


def test_kb_export_with_no_journal_yet_makes_no_data_folder(story_copy: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "mistyped" / "data"
    assert _kb(story_copy, data, "export") == 0
    assert "id: staff" in capsys.readouterr().out
    assert not (tmp_path / "mistyped").exists()


def test_kb_add_saves_an_entry_check_would_warn_about_and_shows_the_warning(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _kb_add(story_copy, tmp_path, "new.yaml",
                   "facts:\n  - id: workers\n    questions: [\"how many people work at bakery\"]\n"
                   "    answer: The bakery employs 12 people.\n    cite:\n      - line: 5\n"
                   "        quote: employs 12 people\n") == 0
    out, err = capsys.readouterr()
    assert out == "change 1: added workers\n"
    warnings = err.splitlines()
    assert any("entry 'workers'" in w and "reads the same to the matcher as" in w and "entry 'staff'" in w
               for w in warnings), err
    assert any("entry 'workers'" in w and "only 1 question pattern(s)" in w for w in warnings), err
    assert all(w.startswith("warning: ") for w in warnings)


# a valid new fact, with no warning to give
FOUNDED = ("facts:\n  - id: founded\n    questions: [who founded the bakery, founder of the bakery, "
           "whose bakery is it]\n    answer: It opened in 1998.\n    cite:\n      - line: 5\n"
           "        quote: opened in 1998\n")


def test_kb_add_of_a_clean_entry_warns_of_nothing(story_copy: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert _kb_add(story_copy, tmp_path, "new.yaml", FOUNDED) == 0
    assert capsys.readouterr().err == ""


def test_ctrl_c_after_a_change_was_saved_says_it_was_saved_and_how_to_undo_it(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    finish = Journal.finish_change

    def finish_then_ctrl_c(self: Journal, change_id: int) -> bool:
        finish(self, change_id)  # committed: the change stands
        raise KeyboardInterrupt

    monkeypatch.setattr(Journal, "finish_change", finish_then_ctrl_c)
    assert _kb_add(story_copy, tmp_path, "new.yaml", FOUNDED) == 130
    err = capsys.readouterr().err
    assert "interrupted after change 1 (added founded) was saved" in err
    assert f"kb undo --knowledge {story_copy} --data {tmp_path / 'data'}' takes it back" in err
    assert "id: founded" in (story_copy / "kb.yaml").read_text(encoding="utf-8")


def test_ctrl_c_before_a_change_was_recorded_takes_back_what_was_written(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def ctrl_c(self: Journal, change_id: int) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(Journal, "finish_change", ctrl_c)
    before = (story_copy / "kb.yaml").read_text(encoding="utf-8")
    assert _kb_add(story_copy, tmp_path, "new.yaml", FOUNDED) == 130
    assert "saved" not in capsys.readouterr().err
    assert (story_copy / "kb.yaml").read_text(encoding="utf-8") == before
    assert _kb(story_copy, tmp_path / "data", "history") == 0
    assert capsys.readouterr().out == "No changes yet.\n"  # no change left half done for the next command to finish


def test_ctrl_c_during_the_warnings_after_a_saved_change_says_it_once(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def ctrl_c(self: object, entries: list[str]) -> list[object]:
        raise KeyboardInterrupt

    monkeypatch.setattr("bot.core.storage.store.KnowledgeStore.warnings_about", ctrl_c)
    assert _kb_add(story_copy, tmp_path, "new.yaml", FOUNDED) == 130
    out, err = capsys.readouterr()
    assert out == "change 1: added founded\n"
    assert "interrupted" not in err


def test_a_refused_kb_add_of_many_entries_reads_the_files_a_few_times_not_once_per_entry(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.core.storage.store import KnowledgeStore

    reads: list[int] = []
    original = KnowledgeStore._read_texts

    def counted(self: KnowledgeStore, limit: bool = True) -> dict[str, str]:
        reads.append(1)
        return original(self, limit)

    monkeypatch.setattr(KnowledgeStore, "_read_texts", counted)
    reply = ["It is not said."] * 40
    reply[0] = "It is not said, with an unknown field."
    entries = "".join(f"  - id: new-{n}\n    questions: [what about number {n}, number {n} how, tell {n}]\n"
                      f"    reply: {reply[n]}\n" for n in range(40))
    entries = entries.replace("    reply: It is not said, with", "    colour: red\n    reply: It is not said, with")
    assert _kb_add(story_copy, tmp_path, "many.yaml", f"gaps:\n{entries}") == 1
    assert "unknown field 'colour'" in capsys.readouterr().err
    assert len(reads) < 10  # each a read of every knowledge file: a big add took minutes to be refused


def test_kb_export_shows_a_typed_path_that_would_steer_the_terminal_as_its_codes(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "export\x1b[2J\u202e.yaml"
    assert _kb(story_copy, tmp_path / "data", "export", "--out", str(out)) == 0
    assert out.is_file()
    assert capsys.readouterr().out == f"wrote {tmp_path}/export\\x1b[2J\\u202e.yaml\n"
