"""Question sets for ``eval``: a file that can't be used is one sentence naming it and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.answers import CitedLine, Kind, Result
from bot.core.measuring.evaluation import Case, Outcome, QuestionSetError, Report, answer_floors, load_cases


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "set.yaml"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("content", "says"), [
    (b"- q: caf\xe9\n  expect: null\n", "not UTF-8 text"),
    (b"- q: [unclosed\n  expect: null\n", "YAML syntax error"),
    (b"- q: what is it\n  expect: []\n", "'expect' has no snippet"),
    (b"- q: what is it\n  expect: ['  ']\n", "'expect' has no snippet"),
])
def test_an_unusable_set_is_one_sentence_naming_the_file(tmp_path: Path, content: bytes, says: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(QuestionSetError) as raised:
        load_cases(path)
    message = str(raised.value)
    assert message.startswith(str(path)) and says in message and "\n" not in message


def test_a_kind_may_be_one_tag_or_a_list(tmp_path: Path) -> None:
    path = write(tmp_path, b"- q: who\n  expect: [NASA]\n  kind: plain\n"
                           b"- q: when\n  expect: null\n  kind: [gap, long]\n")
    assert [case.kinds for case in load_cases(path)] == [("plain",), ("gap", "long")]


def test_an_unknown_kind_tag_is_warned_of_with_its_file_line_and_the_known_tags(tmp_path: Path) -> None:
    from bot.core.measuring.evaluation import KINDS, unknown_kinds

    path = write(tmp_path, b"- q: who runs it\n  expect: [runs]\n  kind: [plain, bogus]\n"
                           b"- q: who won\n  expect: null\n  kind:\n    - off-topic\n    - nearmiss\n"
                           b"- q: hi\n  expect: null\n  kind: junk\n")
    first, second = unknown_kinds(load_cases(path))
    assert first == (f"{path}:3: unknown kind tag 'bogus' (question 'who runs it') — the known tags are "
                     f"{', '.join(KINDS)}; it is counted as a kind of its own")
    assert second.startswith(f"{path}:8: unknown kind tag 'nearmiss'")


def test_the_shipped_question_sets_use_only_known_kind_tags() -> None:
    from bot.core.measuring.evaluation import unknown_kinds
    from tests.conftest import ROOT

    sets = [path for path in (ROOT / "tests" / "questions").glob("*.yaml") if not path.name.startswith("blind-")]
    assert sets and unknown_kinds(case for path in sets for case in load_cases(path)) == []


def test_every_bad_item_is_named_at_its_line_with_a_fix(tmp_path: Path) -> None:
    path = write(tmp_path, b"- q: who runs it\n  expect: [runs]\n- expect: null\n  question: hi\n"
                           b"- q: hi\n  expect: 3\n- q: when\n  expect: null\n  kind: {a: b}\n- just text\n")
    with pytest.raises(QuestionSetError) as raised:
        load_cases(path)
    told = [str(raised.value), *raised.value.more]
    assert [line.split(": item ")[0] for line in told] == [f"{path}:3", f"{path}:5", f"{path}:7", f"{path}:10"]
    assert told[0] == (f"{path}:3: item 2 needs 'q' (text) and 'expect' (a list or null) — write it as '- q: the "
                       "question' with 'expect: [words of the answer]', or 'expect: null' for a question to decline")
    assert told[1].startswith(f"{path}:5: item 3 ('hi'): 'expect' must be a list of text or null — write ")
    assert told[2].startswith(f"{path}:7: item 4 ('when'): 'kind' must be a tag or a list of tags — write ")
    assert all(" — " in line and "\n" not in line for line in told)


@pytest.mark.parametrize(("written", "read_as"), [("5", "a number"), ("1.5", "a number"), ("yes", "true/false"),
                                                 ("off", "true/false"), ("2022-07-04", "a date")])
def test_a_question_yaml_reads_as_a_number_true_false_or_a_date_is_named_with_what_it_was_read_as_and_to_quote_it(
        written: str, read_as: str, tmp_path: Path) -> None:
    path = write(tmp_path, f"- q: who runs it\n  expect: [runs]\n- expect: null\n  q: {written}\n".encode())
    with pytest.raises(QuestionSetError) as raised:
        load_cases(path)
    assert str(raised.value) == (f"{path}:4: item 2: YAML reads 'q: {written}' as {read_as}, not text — quote it: "
                                 f"'q: \"{written}\"'")


def test_a_question_yaml_reads_as_no_value_says_so_and_an_empty_one_asks_for_the_question(tmp_path: Path) -> None:
    path = write(tmp_path, b"- q: null\n  expect: null\n- q:\n  expect: null\n")
    with pytest.raises(QuestionSetError) as raised:
        load_cases(path)
    assert str(raised.value) == (f"{path}:1: item 1: YAML reads 'q: null' as no value, not text — write the question "
                                 "after 'q:' (quote it, 'q: \"null\"', if that is the question)")
    assert raised.value.more == [f"{path}:3: item 2: 'q' is empty — write the question after 'q:'"]


def test_a_misspelt_field_is_a_bad_item_not_a_silently_untagged_one(tmp_path: Path) -> None:
    """'knd: [spelling]' was dropped: the question counted as untagged in --by-kind, with no word of why."""
    path = write(tmp_path, b"- q: who runs it\n  expect: [runs]\n- q: hi\n  expect: null\n  knd: [junk]\n")
    with pytest.raises(QuestionSetError) as raised:
        load_cases(path)
    assert str(raised.value) == (f"{path}:3: item 2 ('hi'): unknown field 'knd' — use only q, expect, kind "
                                 "(check the spelling)")


def test_a_yaml_syntax_error_says_how_to_fix_it_as_check_does(tmp_path: Path) -> None:
    """Not "found character '\\t' that cannot start any token — fix the file's YAML": the knowledge files' fix."""
    path = write(tmp_path, b"- q: who runs it\n\texpect: [runs]\n")
    with pytest.raises(QuestionSetError) as raised:
        load_cases(path)
    message = str(raised.value)
    assert message.startswith(f"{path}:2: YAML syntax error") and "\n" not in message
    assert message.endswith("— indent with spaces: YAML does not allow tabs there"), message


LINE = "The fair opened on Monday, and three hundred people came to the bakery tent."


def _answered(quote: str) -> Result:
    return Result("q", Kind.ANSWER, "an answer", (CitedLine(3, quote, LINE),), "entry")


def test_an_answer_is_right_when_its_cited_line_holds_a_snippet() -> None:
    case = Case("how many came?", ("three hundred people",), "set.yaml")
    assert Outcome(case, _answered("The fair opened on Monday")).right


def test_strictly_an_answer_is_right_only_when_a_snippet_overlaps_the_words_it_quotes() -> None:
    case = Case("how many came?", ("three hundred people",), "set.yaml")
    assert not Outcome(case, _answered("The fair opened on Monday"), strict=True).right
    assert Outcome(case, _answered("hundred people came to the bakery"), strict=True).right
    assert Outcome(case, _answered("three"), strict=True).right


def test_a_question_to_decline_is_judged_alike_either_way() -> None:
    case = Case("who won?", None, "set.yaml")
    assert not Outcome(case, _answered("three"), strict=True).right
    assert Outcome(case, Result("who won?", Kind.DECLINE), strict=True).right


def _scored(quote: str, score: float) -> Result:
    return Result("q", Kind.ANSWER, "an answer", (CitedLine(3, quote, quote),), "entry", score=score)


def test_the_curve_counts_an_answer_below_a_floor_as_not_given() -> None:
    came = Case("how many came?", ("three hundred people",), "set.yaml")
    won = Case("who won?", None, "set.yaml")
    report = Report([Outcome(came, _scored("three hundred people", 0.9)),   # right, sure
                     Outcome(came, _scored("The fair opened on Monday", 0.75)),  # wrong line, less sure
                     Outcome(won, _scored("The fair opened on Monday", 0.72)),  # a near-miss answered
                     Outcome(won, Result("who won?", Kind.DECLINE, score=0.95))])  # a decline never counts
    low, high = report.at_answer_floors([0.7, 0.8])
    assert low == {"answer_at": 0.7, "answers": 3, "wrong_answers": 2, "accuracy": 0.5, "decline_rate": 0.5,
                   "precision": 0.3333}
    assert high == {"answer_at": 0.8, "answers": 1, "wrong_answers": 0, "accuracy": 0.5, "decline_rate": 1.0,
                    "precision": 1.0}


def test_the_curve_starts_at_the_knowledge_bases_band_and_steps_up_to_095() -> None:
    assert answer_floors(0.7) == [0.7, 0.75, 0.8, 0.85, 0.9, 0.95]
    assert answer_floors(0.72) == [0.72, 0.75, 0.8, 0.85, 0.9, 0.95]
    assert answer_floors(0.97) == [0.97]


def test_the_curve_at_the_knowledge_bases_own_band_is_todays_figures() -> None:
    came = Case("how many came?", ("three hundred people",), "set.yaml")
    handed_over = Outcome(came, _scored("three hundred people", 0.65))  # answered below the band by a handover
    today, stricter = Report([handed_over]).at_answer_floors([0.7, 0.75], answer_at=0.7)
    assert today["answers"] == 1 and today["accuracy"] == 1.0
    assert stricter["answers"] == 0
