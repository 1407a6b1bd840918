"""Every change to the knowledge base: validated, atomic, serialized, journaled and undoable."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.core.knowledge import loading
from bot.core.knowledge.loading import load_knowledge
from bot.core.storage import files
from bot.core.storage.errors import StoreError
from bot.core.storage.journal import Journal
from bot.core.storage.store import KnowledgeStore, entry_version
from tests.conftest import ROOT, replace_in

NEW_FACT = """
facts:
  - id: bakery-bread
    topic: The prize
    questions:
      - what kind of bread won
      - which bread
      - rye or wheat
    answer: Its rye bread won the prize.
    cite:
      - line: 1
        quote: its rye bread
"""


def fact(entry_id: str, question: str) -> str:
    return textwrap.dedent(f"""
        facts:
          - id: {entry_id}
            questions: ["{question}", "{question} please", "tell me {question}"]
            answer: The bakery employs 12 people.
            cite:
              - line: 5
                quote: employs 12 people
        """)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.yaml"))}


@pytest.fixture
def store(story_copy: Path, tmp_path: Path) -> KnowledgeStore:
    return KnowledgeStore(story_copy, Journal(tmp_path / "data"))


def test_add_writes_the_entry_validates_and_journals_it(store: KnowledgeStore, story_copy: Path) -> None:
    outcome = store.add(NEW_FACT, actor="ann")
    assert outcome.entries == ["bakery-bread"]
    assert outcome.kb.get("bakery-bread") is not None
    assert "id: bakery-bread" in (story_copy / "kb.yaml").read_text(encoding="utf-8")
    assert load_knowledge(story_copy).ok
    (record,) = store.journal.history()
    assert (record.actor, record.action, record.entries) == ("ann", "add", ["bakery-bread"])
    before, after = record.files["kb.yaml"]
    assert before is not None and after is not None and "bakery-bread" in after and "bakery-bread" not in before


def test_an_invalid_change_is_refused_with_the_reason_and_changes_nothing(store: KnowledgeStore,
                                                                          story_copy: Path) -> None:
    before = snapshot(story_copy)
    with pytest.raises(StoreError) as refused:
        store.add(NEW_FACT.replace("quote: its rye bread", "quote: its wheat bread"), actor="ann")
    assert "would not be valid" in str(refused.value)
    assert any('quote "its wheat bread" is not on line 1' in str(p) for p in refused.value.problems)
    assert snapshot(story_copy) == before
    assert store.journal.history() == []


def line_holding(text: str, words: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if words in line)


def test_a_refused_citation_is_named_at_its_line_in_the_input_not_in_the_file_it_would_join(
        store: KnowledgeStore, story_copy: Path) -> None:
    text = "# new facts\n" + NEW_FACT.replace("quote: its rye bread", "quote: its wheat bread")
    with pytest.raises(StoreError) as refused:
        store.add(text, actor="ann", source="new.yaml")
    (problem,) = refused.value.problems
    assert (problem.file, problem.line, problem.entry) == ("new.yaml", line_holding(text, "its wheat bread"),
                                                           "bakery-bread")
    assert 'quote "its wheat bread" is not on line 1' in problem.message
    assert "as they would be" not in refused.value.message


@pytest.mark.parametrize(("old", "new", "says"), [
    ("      - rye or wheat\n", "      - rye or wheat\n      - what did the bakery win\n",
     'question "what did the bakery win" is also in entry \'prize\''),  # known only against the knowledge base
    ("      - which bread\n", "      - which \u202ebread\n",
     'the question "which \\u202ebread" holds the control character U+202E'),
])
def test_a_refused_question_is_named_at_its_own_line_in_the_input(store: KnowledgeStore, old: str, new: str,
                                                                  says: str) -> None:
    text = NEW_FACT.replace(old, new)
    with pytest.raises(StoreError) as refused:
        store.add(text, actor="ann", source="new.yaml")
    (problem,) = refused.value.problems
    assert problem.message.startswith(says)
    assert (problem.file, problem.line) == ("new.yaml", line_holding(text, new.splitlines()[-1]))


def test_a_refused_field_is_named_at_its_own_line_in_the_input(store: KnowledgeStore) -> None:
    text = NEW_FACT.replace("    topic: The prize\n", "    topic: The prize\n    colour: red\n")
    with pytest.raises(StoreError) as refused:
        store.add(text, actor="ann", source="new.yaml")
    (problem,) = refused.value.problems
    assert "unknown field 'colour'" in problem.message
    assert (problem.file, problem.line) == ("new.yaml", line_holding(text, "colour: red"))


@pytest.mark.parametrize("bad_id", ["🚀-rocket", "Lab Americans"])
def test_an_invalid_id_is_named_at_its_line_in_the_input_not_in_the_file_it_would_join(
        store: KnowledgeStore, bad_id: str) -> None:
    text = "# a new fact\n" + fact(bad_id, "how many rockets")
    with pytest.raises(StoreError) as refused:
        store.add(text, actor="ann", source="new.yaml")
    (problem,) = refused.value.problems
    assert f"id {bad_id!r} is not a valid id" in problem.message and "use lowercase letters" in problem.fix
    assert (problem.file, problem.line, problem.entry) == ("new.yaml", line_holding(text, bad_id), bad_id)
    assert "as they would be" not in refused.value.message


def test_an_entry_with_an_invalid_id_has_its_other_problems_named_at_the_inputs_lines_too(
        store: KnowledgeStore, story_copy: Path) -> None:
    before = snapshot(story_copy)
    text = fact("Two Words", "how many rockets").replace("answer: The bakery employs 12 people.", "answer: no")
    with pytest.raises(StoreError) as refused:
        store.add(text, actor="ann", source="new.yaml")
    named = [(p.file, p.line, p.entry) for p in refused.value.problems]
    assert named == [("new.yaml", line_holding(text, "Two Words"), "Two Words"),
                     ("new.yaml", line_holding(text, "answer: no"), "Two Words")]
    assert snapshot(story_copy) == before


def test_an_entry_with_an_invalid_id_still_has_its_quote_checked(store: KnowledgeStore) -> None:
    text = fact("Two Words", "how many rockets").replace("quote: employs 12 people", "quote: employs 13 people")
    with pytest.raises(StoreError) as refused:
        store.add(text, actor="ann", source="new.yaml")
    invalid, quote = refused.value.problems
    assert "is not a valid id" in invalid.message
    assert 'quote "employs 13 people" is not on line 5' in quote.message
    assert (quote.file, quote.line, quote.entry) == ("new.yaml", line_holding(text, "employs 13 people"), "Two Words")


def _broken_by_hand(story_copy: Path) -> int:
    """The staff entry's answer made 'no' in kb.yaml, as a hand edit would: its line."""
    path = story_copy / "kb.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    answer: The bakery employs 12 people.", "    answer: no"), encoding="utf-8")
    return line_holding(path.read_text(encoding="utf-8"), "answer: no")


def test_a_change_to_a_knowledge_base_broken_by_hand_says_it_was_broken_before_not_that_the_change_breaks_it(
        store: KnowledgeStore, story_copy: Path) -> None:
    line = _broken_by_hand(story_copy)
    before = snapshot(story_copy)
    with pytest.raises(StoreError) as refused:
        store.add(NEW_FACT, actor="ann", source="new.yaml")
    assert refused.value.message.startswith("the knowledge base is already broken, before this change: 1 error in "
                                            "its files (below) — fix it first")
    assert "'python -m bot check' lists every problem" in refused.value.message
    assert "would not be valid" not in refused.value.message
    (problem,) = refused.value.problems
    assert (Path(problem.file).name, problem.line, problem.entry) == ("kb.yaml", line, "staff")
    assert snapshot(story_copy) == before


def test_a_refusal_on_a_broken_knowledge_base_names_the_changes_own_problems_at_its_lines_too(
        store: KnowledgeStore, story_copy: Path) -> None:
    _broken_by_hand(story_copy)
    text = NEW_FACT.replace("quote: its rye bread", "quote: its wheat bread")
    with pytest.raises(StoreError) as refused:
        store.add(text, actor="ann", source="new.yaml")
    assert refused.value.message.endswith("; the change itself has 1 problem too, named at its own lines")
    hand, own = refused.value.problems
    assert Path(hand.file).name == "kb.yaml" and hand.entry == "staff"
    assert (own.file, own.line, own.entry) == ("new.yaml", line_holding(text, "its wheat bread"), "bakery-bread")


def test_the_entry_broken_by_hand_can_be_mended_with_an_edit(store: KnowledgeStore, story_copy: Path) -> None:
    _broken_by_hand(story_copy)
    mended = fact("staff", "how many people work at the bakery").split("facts:\n", 1)[1]
    store.edit("staff", mended, actor="ann", source="staff.yaml")
    assert load_knowledge(story_copy).ok


def test_an_edit_refused_for_its_citation_names_the_citations_quote_line(store: KnowledgeStore) -> None:
    store.add(NEW_FACT, actor="ann")
    text = NEW_FACT.split("facts:\n", 1)[1].replace("quote: its rye bread", "quote: its wheat bread")
    with pytest.raises(StoreError) as refused:
        store.edit("bakery-bread", text, actor="ann", source="edit.yaml")
    (problem,) = refused.value.problems
    assert (problem.file, problem.line) == ("edit.yaml", line_holding(text, "quote: its wheat bread"))


def test_a_duplicate_id_is_refused(store: KnowledgeStore) -> None:
    with pytest.raises(StoreError, match="'staff' already exists"):
        store.add(fact("staff", "how many staff"), actor="ann")


def test_two_entries_with_one_id_in_the_input_are_refused_as_such(store: KnowledgeStore, story_copy: Path) -> None:
    before = snapshot(story_copy)
    entry = fact("dup-a", "one question").split("facts:\n", 1)[1]
    twice = "facts:\n" + entry + entry.replace("one question", "another question")
    assert twice.splitlines()[1] == twice.splitlines()[7] == "  - id: dup-a"
    with pytest.raises(StoreError, match=r"^new\.yaml:8: the id 'dup-a' is used by two entries \(the first on line 2\) "
                                         r"— give each entry its own id$"):
        store.add(twice, actor="ann", source="new.yaml")
    assert snapshot(story_copy) == before


def test_input_with_only_the_story_section_names_the_file_to_edit_it_in(store: KnowledgeStore) -> None:
    with pytest.raises(StoreError) as refused:
        store.add("story:\n  title: Another title\n", actor="ann", source="new.yaml")
    assert str(refused.value) == ("new.yaml: holds only story, and no entries — story can't be changed here: edit "
                                  "'story' in kb.yaml in the knowledge folder")


def test_an_import_of_only_the_story_names_the_file_that_holds_it_too(store: KnowledgeStore) -> None:
    with pytest.raises(StoreError, match=r"story can't be changed here: edit 'story' in kb\.yaml in the knowledge "
                                         r"folder$"):
        store.import_entries("story:\n  title: Another title\n", actor="ann", source="new.yaml")


def test_an_edit_that_carries_the_story_names_the_file_to_edit_the_story_in(store: KnowledgeStore,
                                                                             story_copy: Path) -> None:
    before = snapshot(story_copy)
    text = "story:\n  title: Another title\n" + NEW_FACT.replace("bakery-bread", "staff")
    with pytest.raises(StoreError) as refused:
        store.edit("staff", text, actor="ann", source="new.yaml")
    assert str(refused.value) == ("new.yaml: story can't be changed here — edit 'story' in kb.yaml in the "
                                  "knowledge folder")
    assert snapshot(story_copy) == before


def test_sections_held_by_different_files_are_each_named_with_their_file(story_copy: Path, tmp_path: Path) -> None:
    (story_copy / "settings.yaml").write_text("matching: {answer_at: 0.7}\n", encoding="utf-8")
    store = KnowledgeStore(story_copy, Journal(tmp_path / "data"))
    with pytest.raises(StoreError, match=r"edit 'story' and 'aliases' in kb\.yaml and 'matching' in settings\.yaml "
                                         r"in the knowledge folder$"):
        store.add("story:\n  title: Another\naliases: []\nmatching: {}\n", actor="ann", source="new.yaml")


def test_broken_yaml_input_is_refused_with_its_line(store: KnowledgeStore) -> None:
    with pytest.raises(StoreError, match=r"new\.yaml:[34]: YAML syntax error"):
        store.add("facts:\n  - id: x\n    questions: [unclosed\n", actor="ann", source="new.yaml")


@pytest.mark.parametrize("action", ["add", "edit", "remove"])
def test_undo_restores_byte_identical_files(store: KnowledgeStore, story_copy: Path, action: str) -> None:
    before = snapshot(story_copy)
    if action == "add":
        store.add(NEW_FACT, actor="ann")
    elif action == "edit":
        store.edit("staff", fact("staff", "how big is the team"), actor="ann")
    else:
        store.remove("staff", actor="ann")
    assert snapshot(story_copy) != before
    undo = store.undo(actor="bob")
    assert snapshot(story_copy) == before
    assert store.journal.change(1).undone_by == undo.change_id  # type: ignore[union-attr]
    with pytest.raises(StoreError, match="nothing to undo"):
        store.undo(actor="bob")


def test_undo_of_an_older_change_keeps_later_ones(store: KnowledgeStore, story_copy: Path) -> None:
    first = store.add(fact("first-new", "first new question"), actor="ann")
    store.add(fact("second-new", "second new question"), actor="ann")
    store.undo(actor="bob", change_id=first.change_id)
    kb = load_knowledge(story_copy).kb
    assert kb is not None
    assert kb.get("first-new") is None and kb.get("second-new") is not None


def test_a_new_entry_goes_to_the_file_that_holds_its_section_else_to_a_new_file_named_for_it(
        store: KnowledgeStore, story_copy: Path) -> None:
    store.add(fact("only-facts", "a question only here"), actor="ann")
    assert "id: only-facts" in (story_copy / "kb.yaml").read_text(encoding="utf-8")
    kb_text = (story_copy / "kb.yaml").read_text(encoding="utf-8")
    start, end = kb_text.index("\nfacts:"), kb_text.index("\nquotes:")
    (story_copy / "kb.yaml").write_text(kb_text[:start] + kb_text[end:], encoding="utf-8")  # no file holds facts
    assert not (story_copy / "facts.yaml").exists()
    store.add(fact("first-fact", "a question of the only fact"), actor="ann")
    assert "id: first-fact" in (story_copy / "facts.yaml").read_text(encoding="utf-8")
    assert "first-fact" not in (story_copy / "kb.yaml").read_text(encoding="utf-8")
    kb = load_knowledge(story_copy).kb
    assert kb is not None and kb.get("first-fact") is not None


def test_an_edit_with_a_new_id_renames_the_entry_in_its_place_as_one_change_undone_as_one(
        store: KnowledgeStore, story_copy: Path) -> None:
    before = snapshot(story_copy)
    outcome = store.edit("staff", fact("workers", "how many people work at the bakery"), actor="ann")
    assert outcome.summary.startswith("renamed staff to workers — ")
    assert outcome.entries == ["staff", "workers"]
    assert outcome.kb.get("staff") is None and outcome.kb.get("workers") is not None
    assert [e.id for e in outcome.kb.entries][:3] == ["prize", "workers", "opened"]  # where staff was
    store.add(NEW_FACT, actor="bob")  # a later change to the same file: undone entry by entry
    store.undo(actor="ann", change_id=outcome.change_id)
    kb = load_knowledge(story_copy).kb
    assert kb is not None and kb.get("staff") is not None and kb.get("workers") is None
    store.undo(actor="ann")  # bob's add goes too: the files are as they were
    assert snapshot(story_copy) == before


def test_a_rename_to_an_id_another_entry_has_is_refused_and_remove_names_a_missing_id(store: KnowledgeStore) -> None:
    with pytest.raises(StoreError, match="the new text's id is 'opened', which another entry already has — pick an "
                                         "id no entry has to rename 'staff', or keep 'staff'"):
        store.edit("staff", fact("opened", "how many staff work"), actor="ann")
    with pytest.raises(StoreError, match="no entry 'nope'"):
        store.remove("nope", actor="ann")


def test_a_remove_of_the_entry_as_it_was_refuses_once_it_changed(store: KnowledgeStore, story_copy: Path) -> None:
    seen = entry_version(store.get("staff"))[:8]
    store.edit("staff", fact("staff", "how many people work there"), actor="bob")
    before = snapshot(story_copy)
    with pytest.raises(StoreError, match="changed after you asked to remove it"):
        store.remove("staff", actor="ann", expected=seen)
    assert snapshot(story_copy) == before
    store.remove("staff", actor="ann", expected=entry_version(store.get("staff"))[:8])
    assert store.get("staff") is None


def test_a_write_that_fails_before_replace_leaves_the_old_file(store: KnowledgeStore, story_copy: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(story_copy)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(StoreError, match="No space left on device; nothing was changed"):
        store.add(NEW_FACT, actor="ann")
    assert snapshot(story_copy) == before
    assert not [p for p in story_copy.iterdir() if p.name.endswith(".tmp")], "temporary files are cleaned up"
    assert store.journal.history() == []


def test_a_file_size_limit_midway_leaves_the_old_file(story_copy: Path, tmp_path: Path) -> None:
    before = snapshot(story_copy)
    script = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        from bot.core.storage.journal import Journal
        from bot.core.storage.errors import StoreError
        from bot.core.storage.store import KnowledgeStore
        journal = Journal({str(tmp_path / "data")!r})
        begin = journal.begin_change
        def begin_then_limit(*args, **kwargs):  # the disk fills up after the change is journaled as pending
            change_id = begin(*args, **kwargs)
            resource.setrlimit(resource.RLIMIT_FSIZE, (600, 600))
            return change_id
        journal.begin_change = begin_then_limit
        try:
            KnowledgeStore({str(story_copy)!r}, journal).add({NEW_FACT!r}, actor="ann")
        except StoreError as exc:
            print(exc)
            sys.exit(3)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 3, done.stdout + done.stderr
    assert "File too large; nothing was changed" in done.stdout
    assert snapshot(story_copy) == before
    journal = Journal(tmp_path / "data")
    KnowledgeStore(story_copy, journal).recover()  # a pending row the full disk kept from being dropped goes now
    assert journal.history() == [] and journal.pending_changes() == []


def test_a_hand_edit_during_a_change_is_kept(store: KnowledgeStore, story_copy: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    original = KnowledgeStore._validate
    calls = {"n": 0}

    def validate_then_someone_edits(self: KnowledgeStore, docs: object, after: object) -> object:
        result = original(self, docs, after)  # type: ignore[arg-type]
        calls["n"] += 1
        if calls["n"] == 1:
            path = story_copy / "kb.yaml"
            path.write_text(path.read_text(encoding="utf-8").replace("what prize", "which prize"), encoding="utf-8")
        return result

    monkeypatch.setattr(KnowledgeStore, "_validate", validate_then_someone_edits)
    store.add(NEW_FACT, actor="ann")
    text = (story_copy / "kb.yaml").read_text(encoding="utf-8")
    assert "which prize" in text and "bakery-bread" in text
    assert calls["n"] == 2, "the change was prepared again on top of the hand edit"


async def test_fifty_concurrent_edits_from_tasks_lose_nothing(store: KnowledgeStore, story_copy: Path) -> None:
    async def add(n: int) -> None:
        await asyncio.to_thread(store.add, fact(f"task-{n}", f"task question number {n}"), f"user{n}")

    await asyncio.gather(*(add(n) for n in range(50)))
    kb = load_knowledge(story_copy).kb
    assert kb is not None
    assert all(kb.get(f"task-{n}") is not None for n in range(50))
    assert store.journal.count_changes() == 50


def test_ten_processes_editing_at_once_lose_nothing(story_copy: Path, tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import sys, textwrap
        from bot.core.storage.journal import Journal
        from bot.core.storage.store import KnowledgeStore
        n = int(sys.argv[1])
        text = textwrap.dedent(f'''
            facts:
              - id: proc-{n}
                questions: ["process question {n}", "process question {n} please", "tell me process {n}"]
                answer: The bakery employs 12 people.
                cite:
                  - line: 5
                    quote: employs 12 people
            ''')
        KnowledgeStore(sys.argv[2], Journal(sys.argv[3])).add(text, actor=f"proc{n}")
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(n), str(story_copy), str(tmp_path / "data")],
                              cwd=ROOT, env={**os.environ}, stderr=subprocess.PIPE, text=True) for n in range(10)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 10, errors
    kb = load_knowledge(story_copy).kb
    assert kb is not None
    assert all(kb.get(f"proc-{n}") is not None for n in range(10))
    assert Journal(tmp_path / "data").count_changes() == 10


def test_import_previews_then_applies_adds_and_changes(store: KnowledgeStore, story_copy: Path) -> None:
    text = NEW_FACT + fact("staff", "how many bakers are there").split("facts:", 1)[1]
    plan = store.preview_import(text)
    assert plan == {"added": ["bakery-bread"], "changed": ["staff"], "unchanged": [], "kept": []}
    outcome = store.import_entries(text, actor="ann")
    assert set(outcome.entries) == {"bakery-bread", "staff"}
    assert outcome.summary == "imported: 1 added, 1 changed (bakery-bread, staff)"


def test_export_is_one_document_that_loads(store: KnowledgeStore, tmp_path: Path, story_copy: Path) -> None:
    exported = store.export()
    target = tmp_path / "exported"
    target.mkdir()
    (target / "article.txt").write_bytes((story_copy / "article.txt").read_bytes())
    (target / "all.yaml").write_text(exported, encoding="utf-8")
    assert load_knowledge(target).ok


def test_add_question_teaches_an_entry_a_new_phrasing(store: KnowledgeStore) -> None:
    outcome = store.add_question("staff", "how big is the team", actor="ann")
    entry = outcome.kb.get("staff")
    assert entry is not None and "how big is the team" in entry.questions


def test_a_change_rewrites_only_its_file_and_only_its_lines(kb_copy: Path, tmp_path: Path) -> None:
    import difflib

    before = snapshot(kb_copy)
    store = KnowledgeStore(kb_copy, Journal(tmp_path / "data"))
    store.add(fact("crew-count", "how many people are on the station in all").replace(
        "The bakery employs 12 people.", "Seven.").replace("line: 5", "line: 7").replace(
        "employs 12 people", "four Americans"), actor="ann")
    after = snapshot(kb_copy)
    assert [name for name in before if before[name] != after[name]] == ["facts.yaml"]
    diff = list(difflib.unified_diff(before["facts.yaml"].decode().splitlines(),
                                     after["facts.yaml"].decode().splitlines(), lineterm="", n=0))
    assert [line for line in diff[2:] if line.startswith("-")] == [], "nothing existing was rewritten"
    assert sum(line.startswith("+") for line in diff[2:]) == 9  # id, questions (3), answer, cite


def test_an_export_imports_back_and_an_edited_quote_is_applied(store: KnowledgeStore) -> None:
    exported = store.export()
    with pytest.raises(StoreError, match="nothing to change"):
        store.import_entries(exported, actor="ann")
    edited = exported.replace("context: The mayor on the prize.", "context: The mayor, on the prize.")
    assert store.preview_import(edited) == {"added": [], "changed": ["mayor-quote"], "unchanged": [
        "prize", "staff", "opened", "opening", "report", "gap-baker-name"], "kept": []}
    store.import_entries(edited, actor="ann")


def test_an_import_may_not_change_the_story_or_aliases(store: KnowledgeStore) -> None:
    changed = store.export().replace("term: bread", "term: loaf-of-bread")
    with pytest.raises(StoreError, match="'aliases' section differs"):
        store.preview_import(changed)


def test_a_new_timeline_event_goes_where_its_date_belongs(store: KnowledgeStore, story_copy: Path) -> None:
    event = ("timeline:\n  - id: mid-event\n    date: \"1999-06-01\"\n    when: June 1999\n"
             "    event: Something in between.\n    cite:\n      - line: 5\n        quote: opened in 1998\n")
    store.add(event, actor="ann")
    kb = load_knowledge(story_copy).kb
    assert kb is not None
    assert [e.id for e in kb.timeline] == ["opening", "mid-event", "report"]


def test_undoing_an_older_change_that_a_later_one_built_on_is_refused(store: KnowledgeStore) -> None:
    first = store.edit("staff", fact("staff", "how big is the team"), actor="ann")
    store.edit("staff", fact("staff", "how large is the team"), actor="bob")
    with pytest.raises(StoreError, match="came later and touches the same entries"):
        store.undo(actor="cy", change_id=first.change_id)


def test_undo_of_a_change_that_later_changes_built_on_names_every_one_of_them_newest_first(
        store: KnowledgeStore) -> None:
    """An edit, then a rename, then the renamed entry's removal: the removal touches only the new id, but it builds on
    the rename, so undoing the edit first needs both undone, and the refusal says so at once, not one step a time."""
    first = store.edit("staff", fact("staff", "how big is the team"), actor="ann")
    renamed = store.edit("staff", fact("workers", "how big is the team"), actor="bob")
    removed = store.remove("workers", actor="cy")
    with pytest.raises(StoreError, match=f"changes {removed.change_id} and {renamed.change_id} came later and touch "
                                         f"the same entries — undo them in that order first, then change "
                                         f"{first.change_id}"):
        store.undo(actor="di", change_id=first.change_id)


def test_undo_refuses_to_lose_a_hand_edit_of_the_entry_it_would_revert(store: KnowledgeStore,
                                                                       story_copy: Path) -> None:
    store.edit("staff", fact("staff", "how big is the team"), actor="ann")
    second = store.edit("staff", fact("staff", "how large is the team"), actor="bob")
    kb_file = story_copy / "kb.yaml"
    kb_file.write_text(kb_file.read_text(encoding="utf-8").replace("The bakery employs 12 people.",
                                                                   "Twelve people work there."), encoding="utf-8")
    before = snapshot(story_copy)
    with pytest.raises(StoreError, match="entry 'staff' was edited by hand after change"):
        store.undo(actor="cy", change_id=second.change_id)
    assert snapshot(story_copy) == before


def test_undo_of_a_change_a_hand_edit_already_took_back_is_recorded_and_undo_walks_on(store: KnowledgeStore,
                                                                                         story_copy: Path) -> None:
    first = store.add(fact("crew", "how many work in the kitchen"), actor="ann")
    added = store.add(fact("helpers", "how many helpers are there"), actor="bob")
    kb_file = story_copy / "kb.yaml"
    text = kb_file.read_text(encoding="utf-8")
    helpers = re.search(r"^  - id: helpers\n(?:    .*\n|\s*\n)*", text, re.MULTILINE)
    assert helpers is not None
    kb_file.write_text(text[:helpers.start()] + text[helpers.end():], encoding="utf-8")  # deleted by hand
    before = snapshot(story_copy)
    undone = store.undo(actor="cy")  # nothing of it is left to take back, and no hand edit is lost
    assert undone.summary == f"undid change {added.change_id} (added helpers)"
    assert snapshot(story_copy) == before
    assert store.undo(actor="cy").summary == f"undid change {first.change_id} (added crew)"  # and on past it
    assert store.get("crew") is None


def test_editing_a_missing_entry_is_explained(store: KnowledgeStore) -> None:
    with pytest.raises(StoreError, match="there is no entry 'nope'"):
        store.edit("nope", fact("nope", "a question about nothing"), actor="ann")


def test_an_edit_of_a_file_of_several_entries_names_them_and_says_what_to_do(
        store: KnowledgeStore, story_copy: Path) -> None:
    """Not just "found 2": which entries the file holds, to keep the one edited, or import them all."""
    before = snapshot(story_copy)
    two = fact("staff", "how many bakers") + fact("bakers", "bakers")[len("\nfacts:\n"):]
    with pytest.raises(StoreError) as refused:
        store.edit("staff", two, actor="ann", source="my file.yaml")
    assert str(refused.value) == (
        "my file.yaml: edit takes exactly one entry, found 2 ('staff', 'bakers') — leave only the entry for 'staff' "
        "in the file, or change several at once with 'python -m bot kb import 'my file.yaml''")
    assert snapshot(story_copy) == before


def test_a_fact_edited_into_a_gap_moves_and_undo_brings_it_back(store: KnowledgeStore, story_copy: Path) -> None:
    before = snapshot(story_copy)
    gap = "gaps:\n  - id: staff\n    questions: [how many people work there, staff count, bakery staff]\n" \
          "    reply: The article doesn't say.\n"
    outcome = store.edit("staff", gap, actor="ann")
    entry = outcome.kb.get("staff")
    assert entry is not None and not entry.from_article
    store.undo(actor="ann")
    assert snapshot(story_copy) == before


def test_broken_files_refuse_changes_with_the_file_and_line(store: KnowledgeStore, story_copy: Path) -> None:
    (story_copy / "kb.yaml").write_text((story_copy / "kb.yaml").read_text(encoding="utf-8") + "facts: [\n",
                                        encoding="utf-8")
    with pytest.raises(StoreError, match="the knowledge files have errors") as refused:
        store.add(NEW_FACT, actor="ann")
    assert "kb.yaml:" in str(refused.value)


def test_yaml_anchors_cannot_blow_up_an_import(store: KnowledgeStore) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name in "bcdefghij":
        previous = chr(ord(name) - 1)
        bomb += f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
    bomb += "facts:\n  - id: x\n    questions: *j\n"
    with pytest.raises(StoreError, match="expands to more than"):
        store.add(bomb, actor="ann")


def many_facts(prefix: str, count: int) -> str:
    lines = ["facts:"]
    for n in range(count):
        lines += [f"  - id: {prefix}-{n}",
                  f"    questions: [{prefix} question {n}, {prefix} asks {n}, {prefix} wants {n}]",
                  "    answer: The bakery employs 12 people.", "    cite:", "      - line: 5",
                  "        quote: employs 12 people"]
    return "\n".join(lines) + "\n"


def test_a_change_that_would_make_a_file_too_big_to_read_back_is_refused(
        store: KnowledgeStore, story_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 6_000)  # the 2 MB limit, scaled down to keep the test quick
    store.import_entries(many_facts("first", 12), actor="ann")  # each import alone is well within the limit
    before = snapshot(story_copy)
    with pytest.raises(StoreError, match="would not be valid") as refused:
        store.import_entries(many_facts("second", 12), actor="ann")
    assert any("kb.yaml" in str(p) and "bytes" in str(p) for p in refused.value.problems)
    assert snapshot(story_copy) == before
    assert load_knowledge(story_copy).ok, "what the store wrote still loads"


def test_undo_works_from_the_journal_even_when_the_files_no_longer_load(
        store: KnowledgeStore, story_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(story_copy)
    store.import_entries(many_facts("big", 12), actor="ann")
    grown = (story_copy / "kb.yaml").stat().st_size
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", grown - 1)  # a file the limit refuses (an older version wrote it)
    assert not load_knowledge(story_copy).ok
    store.undo(actor="bob")
    assert snapshot(story_copy) == before
    assert load_knowledge(story_copy).ok


def test_an_input_over_the_limit_is_refused_before_it_is_parsed(store: KnowledgeStore) -> None:
    with pytest.raises(StoreError, match="over 1,000,000 bytes"):
        store.add("# padding\n" * 200_000 + NEW_FACT, actor="ann")


def test_kb_add_reads_a_huge_file_only_up_to_the_limit(story_copy: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import tracemalloc

    from bot.cli import main

    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(50_000_000)  # 50 MB (sparse): reading it whole would cost a minute and hundreds of MB
    tracemalloc.start()
    try:
        code = main(["kb", "add", str(huge), "--knowledge", str(story_copy), "--data", str(tmp_path / "data")])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 1
    assert "over 1,000,000 bytes" in capsys.readouterr().err
    assert peak < 10_000_000, f"{peak} bytes allocated: the file was read whole"


def test_recovery_removes_only_the_stores_own_temporary_files(store: KnowledgeStore, story_copy: Path) -> None:
    ours = story_copy / ".kb.yaml.k3j_x9q2.tmp"  # what a killed writer leaves (mkstemp's name)
    theirs = story_copy / ".notes.tmp"  # someone else's
    ours.write_text("half a file", encoding="utf-8")
    theirs.write_text("keep me", encoding="utf-8")
    store.add(NEW_FACT, actor="ann")
    assert not ours.exists() and theirs.read_text(encoding="utf-8") == "keep me"


class _Killed(BaseException):
    """The process dying between a change's file write and its journal's "done" (as kill -9 would)."""


@pytest.mark.parametrize("written", [True, False])
def test_a_change_a_crash_left_pending_and_a_hand_edit_then_touched_is_settled_by_what_it_wrote(
        store: KnowledgeStore, story_copy: Path, monkeypatch: pytest.MonkeyPatch, written: bool) -> None:
    def killed(*_: object) -> None:
        raise _Killed

    # killed once the file is written, or (the journal's pending row in, the file not yet) as it is written
    monkeypatch.setattr(Journal, "finish_change", killed)
    if not written:
        monkeypatch.setattr("bot.core.storage.store.atomic_write", killed)
    # a dead process takes nothing back and drops nothing (a Ctrl-C would: it is caught, a kill -9 is not)
    monkeypatch.setattr(KnowledgeStore, "_write_back", lambda self, docs, after: None)
    monkeypatch.setattr(KnowledgeStore, "_abandon", lambda self, change_id: None)
    with pytest.raises(_Killed):
        store.add(NEW_FACT, actor="ann")
    monkeypatch.undo()
    kb_file = story_copy / "kb.yaml"
    kb_file.write_text("# a note added by hand after the crash\n" + kb_file.read_text(encoding="utf-8"),
                       encoding="utf-8")
    said = store.recover()
    assert ("bakery-bread" in kb_file.read_text(encoding="utf-8")) is written
    if written:  # on disk, so in the history and undoable: not "dropped ... before it was written"
        assert said == ["finished change 1 (added bakery-bread), interrupted before it was recorded"]
        store.undo(actor="bob")
        assert "bakery-bread" not in kb_file.read_text(encoding="utf-8")
    else:
        assert said == ["dropped change 1 (added bakery-bread), interrupted before it was written"]
    assert kb_file.read_text(encoding="utf-8").startswith("# a note added by hand after the crash\n")


def _landing_first(monkeypatch: pytest.MonkeyPatch, other: Callable[[], object]) -> None:
    """Make ``other`` land just before the next change takes the lock: the moment two moderators collide."""
    original = KnowledgeStore._locked
    pending = [other]

    @contextlib.contextmanager
    def locked(self: KnowledgeStore) -> Iterator[None]:
        if pending:
            pending.pop()()
        with original(self):
            yield

    monkeypatch.setattr(KnowledgeStore, "_locked", locked)


def test_an_edit_landing_while_an_undo_waits_for_the_lock_makes_the_undo_refused(
        store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    added = store.add(fact("race", "how many bakers are there"), actor="ann")
    _landing_first(monkeypatch, lambda: store.edit("race", fact("race", "how many bakers work"), actor="bob"))
    with pytest.raises(StoreError, match="came later and touches the same entries"):
        store.undo(actor="cy", change_id=added.change_id)
    kb = load_knowledge(store.directory).kb
    assert kb is not None and kb.get("race") is not None, "bob's edit is kept"


def test_two_undos_at_once_undo_the_two_latest_changes(store: KnowledgeStore,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store.add(fact("one", "how many ovens are there"), actor="ann")
    store.add(fact("two", "how many loaves a day"), actor="ann")
    _landing_first(monkeypatch, lambda: store.undo(actor="bob"))
    outcome = store.undo(actor="cy")
    assert "added one" in outcome.summary
    kb = load_knowledge(store.directory).kb
    assert kb is not None and kb.get("one") is None and kb.get("two") is None


def test_a_list_of_items_without_ids_is_told_to_be_a_mapping_with_the_sections_the_loader_accepts(
        store: KnowledgeStore) -> None:
    with pytest.raises(StoreError) as refused:
        store.add("- question: how many staff\n  answer: twelve\n", actor="ann", source="new.yaml")
    assert str(refused.value) == (
        "new.yaml:1: the file is a list, and this item is not an entry with an 'id' — write it as a mapping with "
        "sections such as 'facts:' (facts, quotes, timeline, gaps), each a list of entries that start with "
        "'- id: some-id'")


def test_a_list_item_that_is_only_text_is_named_at_its_line(store: KnowledgeStore) -> None:
    with pytest.raises(StoreError, match=r"^new\.yaml:3: the file is a list, .* sections such as 'facts:'"):
        store.add("- id: bakery-rye\n  answer: Rye.\n- just text\n", actor="ann", source="new.yaml")


def test_a_plain_text_list_is_named_at_its_first_line(store: KnowledgeStore) -> None:
    with pytest.raises(StoreError, match=r"^new\.yaml:2: the file is a list, and this item is not an entry"):
        store.add("# questions to add\n- how many staff\n- who owns the bakery\n", actor="ann", source="new.yaml")


def test_a_section_item_that_is_only_text_is_named_at_its_line_as_not_an_entry(store: KnowledgeStore) -> None:
    with pytest.raises(StoreError) as refused:
        store.add("facts:\n  - how many staff\n", actor="ann", source="new.yaml")
    assert str(refused.value) == ("new.yaml:2: this 'facts' item is not an entry — start each entry with "
                                  "'- id: some-id' and indent its fields under it")


def test_an_entry_without_an_id_is_named_at_its_line(store: KnowledgeStore) -> None:
    text = NEW_FACT + "  - questions: [how many staff]\n    answer: Twelve.\n"
    line = line_holding(text, "how many staff")
    with pytest.raises(StoreError, match=rf"^new\.yaml:{line}: every entry needs an 'id' \(text\) — add 'id: some-id' "
                                         "to this entry$"):
        store.add(text, actor="ann", source="new.yaml")


def test_an_import_that_changes_the_story_names_the_file_that_holds_it(store: KnowledgeStore) -> None:
    exported = store.export().replace("title: ", "title: Another ", 1)
    with pytest.raises(StoreError, match=r"the 'story' section differs .* edit 'story' in kb\.yaml in the knowledge "
                                         "folder$"):
        store.import_entries(exported, actor="ann", source="export.yaml")


def test_an_import_preview_refused_for_a_misquote_names_it_at_the_inputs_quote_line(store: KnowledgeStore) -> None:
    text = NEW_FACT.replace("quote: its rye bread", "quote: its wheat bread")
    with pytest.raises(StoreError) as refused:
        store.preview_import(text, source="new.yaml")
    (problem,) = refused.value.problems
    assert (problem.file, problem.line, problem.entry) == ("new.yaml", line_holding(text, "its wheat bread"),
                                                           "bakery-bread")


def test_an_edit_rewrites_only_the_lines_it_changes_and_keeps_every_comment(
        store: KnowledgeStore, story_copy: Path) -> None:
    import difflib

    kb = story_copy / "kb.yaml"
    commented = kb.read_text(encoding="utf-8").replace(
        "  - id: staff\n", "  # staff: check the figure against the article before each release\n  - id: staff\n"
    ).replace("      - bakery staff\n", "      - bakery staff  # people say it this way\n")
    kb.write_text(commented, encoding="utf-8")
    store.edit("staff", textwrap.dedent("""
        id: staff
        topic: The bakery
        questions: [how many people work at the bakery, bakery staff, how many employees, "no"]
        answer: Twelve people work at the bakery.
        cite:
          - line: 5
            quote: employs 12 people
        """), actor="ann")
    after = kb.read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(commented.splitlines(), after.splitlines(), lineterm="", n=0)
               if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert changed == ["-    answer: The bakery employs 12 people.", "+      - 'no'",
                       "+    answer: Twelve people work at the bakery."]  # "no" quoted: PyYAML would read false
    loaded = load_knowledge(story_copy).kb
    assert loaded is not None and loaded.get("staff").questions[-1] == "no"


def test_removing_an_entry_keeps_the_comments_of_those_around_it(store: KnowledgeStore, story_copy: Path) -> None:
    kb = story_copy / "kb.yaml"
    kb.write_text("# why this file is as it is\n" + kb.read_text(encoding="utf-8").replace(
        "  - id: opened\n", "  # opened: from the town's records\n  - id: opened\n"), encoding="utf-8")
    store.remove("prize", actor="ann")
    after = kb.read_text(encoding="utf-8")
    assert after.startswith("# why this file is as it is\n")
    assert "  # opened: from the town's records\n  - id: opened\n" in after and "id: prize" not in after


@contextlib.contextmanager
def another_writer_holding_the_lock(folder: Path, for_seconds: float = 10.0) -> Iterator[None]:
    """Another writer (a thread: the lock is shared by threads and processes alike) holds the store's lock, for
    ``for_seconds`` at most, or until the block ends."""
    import threading

    taken, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with files.file_lock(folder / ".storybot.lock"):
            taken.set()
            release.wait(for_seconds)

    holder = threading.Thread(target=other_writer)
    holder.start()
    taken.wait(5)
    try:
        yield
    finally:
        release.set()
        holder.join()


def test_a_writer_that_finds_the_lock_held_says_it_is_waiting_then_makes_its_change(story_copy: Path,
                                                                                   tmp_path: Path) -> None:
    told: list[str] = []
    store = KnowledgeStore(story_copy, Journal(tmp_path / "data"), on_wait=lambda: told.append("waiting"))
    with another_writer_holding_the_lock(story_copy, for_seconds=1.0):
        outcome = store.add(NEW_FACT, actor="ann")
    assert told == ["waiting"]
    assert outcome.entries == ["bakery-bread"]


def test_a_writer_that_takes_the_lock_at_once_says_nothing(store: KnowledgeStore) -> None:
    told: list[str] = []
    store.on_wait = lambda: told.append("waiting")
    store.add(NEW_FACT, actor="ann")
    assert told == []


def test_undoing_a_fact_edited_into_a_gap_after_a_later_change_to_its_file_puts_the_fact_back_in_place(
        store: KnowledgeStore, story_copy: Path) -> None:
    original = load_knowledge(story_copy).kb
    assert original is not None
    gap = "gaps:\n  - id: staff\n    questions: [how many people work there, staff count, bakery staff]\n" \
          "    reply: The article doesn't say.\n"
    moved = store.edit("staff", gap, actor="ann")
    store.add(NEW_FACT, actor="bob")  # the same file changes again, so undo must revert the entry, not the file
    outcome = store.undo(actor="ann", change_id=moved.change_id)
    staff = outcome.kb.get("staff")
    assert staff is not None and staff.from_article and staff.answer == "The bakery employs 12 people."
    assert outcome.kb.get("bakery-bread") is not None
    assert [e.id for e in outcome.kb.entries if e.kind == staff.kind][:3] == \
        [e.id for e in original.entries if e.kind == staff.kind][:3]  # back where it was among the facts


def test_an_export_whose_edit_meets_a_change_made_since_is_refused_naming_the_change(
        store: KnowledgeStore, story_copy: Path) -> None:
    exported = store.export()
    assert exported.startswith("# Storybot knowledge base export, no changes made yet (")
    store.edit("staff", fact("staff", "how many bakers are there"), actor="ann")
    before = snapshot(story_copy)
    mine = exported.replace("answer: The bakery employs 12 people.", "answer: Twelve people work there.", 1)
    with pytest.raises(StoreError) as refused:
        store.import_entries(mine, actor="cat", source="old.yaml")
    said = str(refused.value)
    assert said.startswith("old.yaml was exported before any change, and since then change 1 (edited staff")
    assert said.endswith("by ann) changed entries it holds, so importing it would undo that — export again and make "
                         "your edits there, or take 'staff' out of the file")
    with pytest.raises(StoreError, match="was exported before any change"):
        store.preview_import(mine, source="old.yaml")
    assert snapshot(story_copy) == before


def test_an_export_keeps_what_changed_since_in_the_entries_it_left_as_they_were(store: KnowledgeStore) -> None:
    exported = store.export()
    store.edit("staff", fact("staff", "how many bakers are there"), actor="ann")
    store.remove("opened", actor="bob")
    mine = exported.replace("won a prize for its rye bread.", "won first prize for its rye bread.", 1)
    plan = store.preview_import(mine)
    assert plan["changed"] == ["prize"]
    assert plan["kept"] == ["staff changed", "opened removed"]  # kept as they are now, and said so: not "unchanged"
    assert "staff" not in plan["unchanged"] and "opened" not in plan["unchanged"]
    outcome = store.import_entries(mine, actor="cat")
    assert outcome.entries == ["prize"]
    assert outcome.kb.get("opened") is None  # bob's removal stands
    staff = outcome.kb.get("staff")
    assert staff is not None and "how many bakers are there" in staff.questions  # ann's edit stands


def test_an_export_read_after_an_editor_wrapped_its_first_lines_still_guards_the_import(store: KnowledgeStore,
                                                                                        story_copy: Path) -> None:
    import textwrap

    first, second, rest = store.export().split("\n", 2)
    wrapped = [f"# {part}" for line in (first, second) for part in textwrap.wrap(line[2:], 60)]
    exported = "\n".join([*wrapped, rest])
    replace_in(story_copy / "kb.yaml", "answer: The bakery opened in 1998.", "answer: It opened in 1998.")
    with pytest.raises(StoreError, match="an edit by hand"):
        store.import_entries(exported.replace("answer: The bakery opened in 1998.", "answer: Opened 1998.", 1),
                             actor="cat")
    assert store.import_entries(exported.replace("won a prize for", "won first prize for", 1),
                                actor="cat").entries == ["prize"]  # the hand edit of "opened" is kept


def test_an_export_made_after_the_latest_change_imports(store: KnowledgeStore) -> None:
    store.remove("opened", actor="bob")
    fresh = store.export()
    assert fresh.startswith("# Storybot knowledge base export, after change 1 ")
    outcome = store.import_entries(fresh.replace("won a prize for", "won first prize for", 1), actor="cat")
    assert outcome.entries == ["prize"]


@pytest.mark.parametrize("header", ["no changes made yet", "after change 0"])  # the second as older exports say it
def test_an_export_made_before_any_change_says_so_and_still_guards_the_import(store: KnowledgeStore,
                                                                               header: str) -> None:
    exported = store.export()
    assert exported.splitlines()[0].startswith("# Storybot knowledge base export, no changes made yet (")
    exported = exported.replace("no changes made yet", header, 1)
    store.edit("staff", fact("staff", "how many bakers are there"), actor="ann")
    mine = exported.replace("answer: The bakery employs 12 people.", "answer: Twelve people work there.", 1)
    with pytest.raises(StoreError, match="was exported before any change, and since then change 1"):
        store.import_entries(mine, actor="cat", source="old.yaml")


def test_an_export_from_another_journal_is_still_guarded_by_its_entry_versions(store: KnowledgeStore,
                                                                             story_copy: Path, tmp_path: Path) -> None:
    store.add(NEW_FACT, actor="ann")
    exported = store.export()  # "after change 1" of this journal
    kb_file = story_copy / "kb.yaml"
    replace_in(kb_file, "answer: The bakery employs 12 people.", "answer: Twelve people work there.")  # by hand
    mine = exported.replace("answer: The bakery employs 12 people.", "answer: A dozen work there.", 1)
    elsewhere = KnowledgeStore(story_copy, Journal(tmp_path / "other-data"))  # a DATA_DIR with no change in it
    with pytest.raises(StoreError, match=r"an edit by hand .* take 'staff' out of the file"):
        elsewhere.import_entries(mine, actor="cat", source="old.yaml")
    assert "Twelve people work there." in kb_file.read_text(encoding="utf-8")


def test_an_export_without_its_first_line_is_imported_unchecked(store: KnowledgeStore) -> None:
    older = store.export().split("\n", 1)[1]  # the guard's line deleted, as it says to do to import it anyway
    store.remove("opened", actor="bob")
    assert store.import_entries(older, actor="cat").entries == ["opened"]  # put back, as asked


def test_a_knowledge_file_made_read_only_is_left_as_it_is_and_the_change_says_so(store: KnowledgeStore,
                                                                                 story_copy: Path) -> None:
    kb_file = story_copy / "kb.yaml"
    before = snapshot(story_copy)
    kb_file.chmod(0o444)
    try:
        with pytest.raises(StoreError, match=r"kb\.yaml is read-only, so nothing was changed — make it writable "
                                             r"\(chmod u\+w \S*/kb\.yaml\) to edit it here"):  # a path that works
            store.add(NEW_FACT, actor="ann")
        assert snapshot(story_copy) == before
        assert store.journal.count_changes() == 0
    finally:
        kb_file.chmod(0o644)


def test_a_knowledge_base_broken_where_no_entry_is_to_blame_is_to_be_fixed_by_hand_not_with_an_edit(
        store: KnowledgeStore, story_copy: Path) -> None:
    (story_copy / "article.txt").unlink()
    with pytest.raises(StoreError) as refused:
        store.add(NEW_FACT, actor="ann")
    assert "fix it first, by hand in the file and line named" in refused.value.message, refused.value.message
    assert "kb edit" not in refused.value.message


def test_a_change_keeps_the_windows_line_endings_of_the_file_it_rewrites(store: KnowledgeStore,
                                                                         story_copy: Path) -> None:
    kb_file = story_copy / "kb.yaml"
    kb_file.write_bytes(kb_file.read_bytes().replace(b"\n", b"\r\n"))
    store.add(NEW_FACT, actor="ann")
    written = kb_file.read_bytes()
    assert b"bakery-bread" in written
    assert written.count(b"\n") == written.count(b"\r\n")


def test_a_change_keeps_the_byte_order_mark_of_the_file_it_rewrites(store: KnowledgeStore, story_copy: Path) -> None:
    kb_file = story_copy / "kb.yaml"
    before = "\ufeff" + kb_file.read_text(encoding="utf-8")  # saved by an editor that writes one
    kb_file.write_text(before, encoding="utf-8")
    store.add(NEW_FACT, actor="ann")
    written = kb_file.read_text(encoding="utf-8")
    assert "bakery-bread" in written
    assert written.startswith(before.splitlines(keepends=True)[0])  # the first line is not part of the diff


def test_an_export_whose_edit_meets_a_hand_edit_made_since_is_refused_naming_that_entry(
        store: KnowledgeStore, story_copy: Path) -> None:
    exported = store.export()
    replace_in(story_copy / "kb.yaml", "answer: The bakery opened in 1998.", "answer: It opened in 1998.")
    with pytest.raises(StoreError, match=r"since then an edit by hand \(or a change the journal can't read\) changed "
                                         r"entries it holds, so importing it would undo that — export again and make "
                                         r"your edits there, or take 'opened' out of the file"):
        store.import_entries(exported.replace("answer: The bakery opened in 1998.", "answer: Opened 1998.", 1),
                             actor="cat")


def test_an_export_imported_again_after_its_import_was_undone_imports(store: KnowledgeStore) -> None:
    edited = store.export().replace("won a prize for", "won first prize for", 1)
    store.import_entries(edited, actor="cat")
    store.undo(actor="cat")  # every entry is again as the export found it
    assert store.import_entries(edited, actor="cat").entries == ["prize"]


def test_an_add_of_an_id_already_there_is_refused_at_once_even_while_another_writer_holds_the_lock(
        story_copy: Path, tmp_path: Path) -> None:
    told: list[str] = []
    store = KnowledgeStore(story_copy, Journal(tmp_path / "data"), on_wait=lambda: told.append("waiting"))
    with another_writer_holding_the_lock(story_copy), pytest.raises(StoreError, match="entry 'staff' already exists"):
        store.add(fact("staff", "how many bakers are there"), actor="ann")
    assert told == []  # it never waited for the lock


def test_an_export_is_still_guarded_by_its_versions_when_the_journal_holds_a_row_it_cant_read(
        store: KnowledgeStore, tmp_path: Path) -> None:
    import sqlite3

    exported = store.export()
    store.edit("staff", fact("staff", "how many bakers are there"), actor="ann")
    with sqlite3.connect(tmp_path / "data" / "journal.sqlite3") as db:
        db.execute("UPDATE changes SET files = x'00112233' WHERE id = 1")
    mine = exported.replace("won a prize for", "won first prize for", 1)
    assert store.import_entries(mine, actor="cat").entries == ["prize"]
    theirs = exported.replace("answer: The bakery employs 12 people.", "answer: Twelve people work there.", 1)
    with pytest.raises(StoreError, match=r"an edit by hand \(or a change the journal can't read\).*take 'staff' out"):
        store.import_entries(theirs, actor="cat")


def split_facts(story_copy: Path) -> Path:
    """The second story with its last two facts moved into a file of their own, as a folder may hold them."""
    kb_file = story_copy / "kb.yaml"
    text = kb_file.read_text(encoding="utf-8")
    start, end = text.index("  - id: staff\n"), text.index("\nquotes:")
    kb_file.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    more = story_copy / "more-facts.yaml"
    more.write_text("facts:\n" + text[start:end + 1], encoding="utf-8")
    assert load_knowledge(story_copy).ok
    return more


def ids_in(path: Path, section: str) -> list[str]:
    import yaml

    return [item["id"] for item in yaml.safe_load(path.read_text(encoding="utf-8")).get(section) or []]


def test_an_undone_remove_puts_the_entry_back_in_its_own_file_at_its_old_place(
        store: KnowledgeStore, story_copy: Path) -> None:
    more = split_facts(story_copy)
    first = store.remove("staff", actor="ann")
    store.remove("opened", actor="ann")  # the file changes again, so the undo goes entry by entry
    store.undo(actor="bob", change_id=first.change_id)
    assert ids_in(more, "facts") == ["staff"]
    assert ids_in(story_copy / "kb.yaml", "facts") == ["prize"]


def test_a_rename_and_a_fact_turned_gap_stay_in_the_entry_s_own_file(store: KnowledgeStore, story_copy: Path) -> None:
    more = split_facts(story_copy)
    store.edit("staff", fact("workers", "how many people work at the bakery"), actor="ann")
    assert ids_in(more, "facts") == ["workers", "opened"]
    gap = "gaps:\n  - id: workers\n    questions: [how many people work there, staff count, bakery staff]\n" \
          "    reply: The article doesn't say.\n"
    store.edit("workers", gap, actor="ann")  # the file has no gaps section yet: it takes one
    assert (ids_in(more, "facts"), ids_in(more, "gaps")) == (["opened"], ["workers"])
    assert ids_in(story_copy / "kb.yaml", "gaps") == ["gap-baker-name"]
    store.add(NEW_FACT, actor="bob")
    store.undo(actor="ann", change_id=2)  # the gap is a fact again, where it was
    assert (ids_in(more, "facts"), ids_in(more, "gaps")) == (["workers", "opened"], [])
    assert ids_in(story_copy / "kb.yaml", "facts") == ["prize", "bakery-bread"]


def test_an_undone_edit_after_a_later_change_to_its_file_puts_the_old_text_back(
        store: KnowledgeStore, story_copy: Path) -> None:
    original = store.get("staff")
    edited = store.edit("staff", fact("staff", "how many bakers are there"), actor="ann")
    store.add(NEW_FACT, actor="bob")  # the same file changes again, so undo must revert the entry, not the file
    store.undo(actor="ann", change_id=edited.change_id)
    assert store.get("staff") == original


def staff_count(answer: str) -> dict[str, object]:
    """A new fact as a form gives it to the store: fields, not YAML."""
    return {"id": "staff-count", "questions": ["how many staff are there", "staff size", "team size"],
            "answer": answer, "cite": [{"line": 5, "quote": "employs 12 people"}]}


@pytest.mark.parametrize("code", ["0085", "0080", "009F"])
def test_a_c1_control_character_from_a_moderator_is_refused_as_check_refuses_it(
        store: KnowledgeStore, story_copy: Path, code: str) -> None:
    """YAML reads a NEL (U+0085) written as it is as a line break, so it is saved escaped, read back as itself and
    refused, not folded into a space the moderator never wrote."""
    before = snapshot(story_copy)
    text = NEW_FACT.replace("answer: Its rye bread won the prize.", f'answer: "Its rye bread\\u{code}won the prize."')
    with pytest.raises(StoreError) as refused:
        store.add(text, actor="ann", source="new.yaml")
    (problem,) = refused.value.problems
    assert (problem.file, problem.line, problem.entry) == ("new.yaml", line_holding(text, "answer:"), "bakery-bread")
    assert problem.message == f"the answer holds the control character U+{code}"
    with pytest.raises(StoreError, match=f"entry 'staff-count': the answer holds the control character U\\+{code}"):
        store.add_entries([("facts", staff_count(f"The bakery employs{chr(int(code, 16))}12 people."))], actor="ann")
    assert snapshot(story_copy) == before


@pytest.mark.parametrize("answer", ["The bakery employs\r\n12 people.", "The bakery employs\r12 people.",
                                    "The bakery\r\nemploys\n12 people."])
def test_a_carriage_return_in_a_value_is_kept_exactly(store: KnowledgeStore, story_copy: Path, answer: str) -> None:
    store.add_entries([("facts", staff_count(answer))], actor="ann")
    assert store.get("staff-count")["answer"] == answer  # type: ignore[index]
    kb = load_knowledge(story_copy).kb
    assert kb is not None and kb.get("staff-count").answer == answer
    assert "\r" not in (story_copy / "kb.yaml").read_text(encoding="utf-8")  # escaped: the file's own endings stay


def test_a_new_gap_goes_where_most_gaps_are_not_to_a_section_an_edit_opened_for_one(
        store: KnowledgeStore, story_copy: Path) -> None:
    more = split_facts(story_copy).rename(story_copy / "a-facts.yaml")  # before kb.yaml, the gaps' file, by name
    store.add("gaps:\n  - id: gap-oven\n    questions: [how hot is the oven, oven heat, baking heat]\n"
              "    reply: The article doesn't say.\n", actor="bob")
    gap = "gaps:\n  - id: workers\n    questions: [how many people work there, staff count, bakery staff]\n" \
          "    reply: The article doesn't say.\n"
    store.edit("staff", gap, actor="ann")  # a-facts.yaml takes a gaps section for it
    store.add("gaps:\n  - id: gap-flour\n    questions: [where is the flour from, flour origin, flour source]\n"
              "    reply: The article doesn't say.\n", actor="bob")
    assert ids_in(more, "gaps") == ["workers"]
    assert ids_in(story_copy / "kb.yaml", "gaps") == ["gap-baker-name", "gap-oven", "gap-flour"]


def test_an_import_that_turns_a_fact_into_a_gap_moves_it_to_the_gaps(store: KnowledgeStore, story_copy: Path) -> None:
    # an export edited so that a fact, its citations gone, is a gap under 'gaps:': a fact's section holds no 'reply'
    text = textwrap.dedent("""
        gaps:
          - id: staff
            questions: ["how many bakers are there", "how many people work there", "how big is the staff"]
            reply: The article doesn't say how many bake.
        """)
    before = snapshot(story_copy)
    assert store.preview_import(text) == {"added": [], "changed": ["staff"], "unchanged": [], "kept": []}
    outcome = store.import_entries(text, actor="ann")
    staff = outcome.kb.get("staff")
    assert staff is not None and staff.kind == "gap"
    store.undo(actor="ann")
    assert snapshot(story_copy) == before


def test_an_add_of_many_entries_names_a_few_in_its_summary(store: KnowledgeStore) -> None:
    text = "facts:\n" + "".join(fact(f"count-{n}", f"how many loaves on shelf {n}").split("facts:\n", 1)[1]
                                for n in range(8))
    outcome = store.add(text, actor="ann")
    assert outcome.summary == "added 8 entries (count-0, count-1, count-2, count-3, count-4, and 3 more)"
    assert len(outcome.entries) == 8  # the history keeps every one


def test_an_add_never_replaces_a_section_a_hand_edit_left_as_one_entry_without_its_dash(
        store: KnowledgeStore, story_copy: Path) -> None:
    hand = story_copy / "more.yaml"
    hand.write_text("gaps:\n  id: gap-oven\n  questions: [how hot is the oven, oven heat, oven temperature]\n"
                    "  reply: The article doesn't say.\n", encoding="utf-8")  # a mapping, not a list: check says so
    (story_copy / "kb.yaml").write_text(  # and the only file left with gaps, so a new gap would go there
        re.sub(r"\ngaps:\n(?:  .*\n)+", "\n", (story_copy / "kb.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    before = snapshot(story_copy)
    gap = "gaps:\n  - id: gap-flour\n    questions: [which flour, what flour, flour used]\n    reply: Not said.\n"
    with pytest.raises(StoreError, match=r"more\.yaml: 'gaps' is not a list of entries, so nothing was changed"):
        store.add(gap, actor="ann")
    assert snapshot(story_copy) == before


def test_an_undo_never_overwrites_a_file_a_hand_edit_left_as_a_list_of_entries(store: KnowledgeStore,
                                                                               story_copy: Path) -> None:
    more = story_copy / "more.yaml"
    more.write_text("gaps:\n  - id: gap-oven\n    questions: [how hot is the oven, oven heat, oven temperature]\n"
                    "    reply: The article doesn't say.\n", encoding="utf-8")
    removed = store.remove("gap-oven", actor="ann")
    # by hand since: the file rewritten as a bare list of entries (check: "should be a mapping of sections")
    more.write_text("- id: gap-flour\n  questions: [which flour, what flour, flour used]\n  reply: Not said.\n",
                    encoding="utf-8")
    before = snapshot(story_copy)
    with pytest.raises(StoreError, match=r"more\.yaml is not a mapping of sections, so nothing was changed"):
        store.undo(actor="bob", change_id=removed.change_id)
    assert snapshot(story_copy) == before  # the hand-written entry is still there
