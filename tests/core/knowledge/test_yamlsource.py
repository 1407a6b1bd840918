"""A YAML error names the file's line and says in one sentence how to fix it, the common surprises by name."""

from __future__ import annotations

from bot.core.knowledge.problems import ProblemList
from bot.core.knowledge.yamlsource import parse


def error_of(text: str) -> str:
    problems = ProblemList()
    assert parse(text, "kb.yaml", problems) is None
    assert len(problems.errors) == 1, problems
    return str(problems.errors[0])


def test_a_control_character_is_named_by_its_code_and_line_in_one_line() -> None:
    message = error_of("facts:\n  - id: x\n    answer: bell\x07 here\n")
    assert message == ("kb.yaml:3: YAML error: the file holds the character U+0007, which YAML does not allow "
                       "— delete it (it is invisible in most editors)")


def test_a_tab_in_the_indentation_says_to_indent_with_spaces() -> None:
    message = error_of("facts:\n  - id: x\n\tanswer: y\n")
    assert message.startswith("kb.yaml:3: YAML syntax error:") and message.endswith(
        "— indent with spaces: YAML does not allow tabs there")


def test_a_list_item_indented_with_a_tab_says_the_line_is_indented_with_a_tab() -> None:
    # PyYAML's own words ("found character that cannot start any token") name no tab here
    message = error_of("facts:\n\t- id: x\n")
    assert message.startswith("kb.yaml:2: YAML syntax error:") and message.endswith(
        "— this line is indented with a tab: indent with spaces, as YAML does not allow tabs there")


def test_a_value_starting_with_at_or_backtick_says_to_quote_it() -> None:
    for start in ("@", "`"):
        message = error_of(f"facts:\n  - id: x\n    answer: {start}everyone hi\n")
        assert message.startswith("kb.yaml:3: YAML syntax error:")
        assert message.endswith(f"— YAML can't start a value with {start}: put the whole value in quotes")


def test_other_syntax_errors_keep_the_general_fix() -> None:
    general = "— check the indentation and quoting on this line and the one before it"
    assert error_of("facts:\n  - id: x\n bad: indent\n").endswith(general)


def test_an_unclosed_quote_is_named_where_it_opened() -> None:
    message = error_of('facts:\n  - id: x\n    answer: "open\n    topic: t\n  - id: y\n    answer: z\n')
    assert message.startswith("kb.yaml:3: YAML syntax error: while scanning a quoted scalar"), message
    assert message.endswith("— close the quote opened on this line")


def test_a_closed_bracket_missing_a_comma_is_named_at_the_line_that_lacks_it() -> None:
    message = error_of('facts:\n  - id: x\n    questions: [\n      "one",\n      "two"\n      "three",\n    ]\n')
    assert message.startswith("kb.yaml:6: YAML syntax error: while parsing a flow sequence (started on line 3)")
    assert message.endswith("look for a missing comma or quote on line 6")  # named, also where a face moves it


def test_a_double_quote_left_open_is_named_where_it_was_opened_not_where_yaml_gave_up() -> None:
    # the quoted value runs on over the next entries to the next quote, and YAML stops far below
    text = ('facts:\n  - id: a\n    answer: "It opened in 1998.\n    cite:\n      - line: 5\n'
            '        quote: opened in 1998\n  - id: b\n    answer: x\n    cite:\n      - line: 5\n'
            '        quote: "employs 12 people"\n  - id: c\n    answer: y\n')
    message = error_of(text)
    assert message.startswith("kb.yaml:3: YAML syntax error:"), message
    assert message.endswith("— a double quote opened on this line is never closed on it: close it here")
    assert "(YAML read on to line " in message


def test_a_closed_quote_above_a_syntax_error_is_not_blamed() -> None:
    message = error_of('facts:\n  - id: a\n    answer: "closed"\n   bad: indent\n')
    assert "double quote" not in message
