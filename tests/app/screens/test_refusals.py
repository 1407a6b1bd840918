"""A refused change as a moderator reads it in Discord: the box to fix, never a file of the server."""

from __future__ import annotations

from bot.app.screens.refusals import file_problem, problem_line, refusal_text
from bot.core.knowledge.problems import Problem, Severity
from bot.core.storage.errors import StoreError


def test_a_question_in_another_entry_names_the_entry_not_a_line_of_the_servers_file() -> None:
    problem = Problem(Severity.ERROR, "/srv/storybot/knowledge/facts.yaml", 1382,
                      "question \"crew size\" is also in entry 'iss-crew' (/srv/storybot/knowledge/facts.yaml:88)",
                      "keep it in the one entry that answers it", "new-entry")
    text = refusal_text(StoreError("the change was refused", [problem]))
    assert "is also in entry 'iss-crew'" in text
    assert "facts.yaml" not in text and "/srv" not in text


def test_the_files_own_problems_keep_their_file_name_and_line() -> None:
    problem = Problem(Severity.ERROR, "/srv/storybot/knowledge/facts.yaml", 12,
                      "question \"crew size\" is also in entry 'iss-crew' (/srv/storybot/knowledge/facts.yaml:88)")
    line = problem_line(problem)  # for someone mending the files by hand (reload, the mod-log): every line kept
    assert line.startswith("facts.yaml:12:") and "(facts.yaml:88)" in line and "/srv" not in line


def test_what_the_moderator_typed_is_quoted_as_typed_and_only_server_paths_are_cut() -> None:
    for typed in ["'../../x'", "yes/no/on/off/true/false", "(https://example.com/a/b)", "!!python/object/apply:os",
                  "'\\u200b\\u200b\\u200b'"]:
        text = refusal_text(StoreError(f"id {typed} is not valid"))
        assert typed in text, text
    denied = refusal_text(StoreError("[Errno 13] Permission denied: '/srv/storybot/knowledge/facts.yaml'"))
    assert "'facts.yaml'" in denied and "/srv" not in denied



def test_a_refusal_that_starts_with_the_uploaded_files_name_keeps_it_as_written() -> None:
    assert "• empty.yaml: expected" in refusal_text(StoreError("x", [Problem(Severity.ERROR, "empty.yaml", None,
                                                                              "empty.yaml: expected entries")]))


def test_a_mention_the_moderator_typed_is_quoted_but_is_no_pill() -> None:
    typed = "<@123456789012345678> <#123456789012345678> @everyone"
    text = refusal_text(StoreError(f"id '{typed}' is not a valid id"))
    assert "<@1" not in text and "<#1" not in text and "@everyone" not in text
    assert text.replace("\u200b", "").count("123456789012345678") == 2  # still there to read, as typed
    problem = Problem(Severity.ERROR, "facts.yaml", 3, f"quote \"{typed}\" is not on line 4")
    assert "<@1" not in refusal_text(StoreError("refused", [problem])) and "<@1" not in problem_line(problem)


def test_an_uploaded_files_name_is_escaped_inside_the_bold_of_an_import_refusal() -> None:
    problem = Problem(Severity.ERROR, "a_b*c`.yaml", 3, "the entry has no answer", entry=None)
    said = file_problem(problem, "a_b*c`.yaml", "x\ny\nz\n")
    assert said.startswith("**a\\_b\\*c\\`.yaml, line 3**")
