"""A broken knowledge base is refused with every problem named: file, line, entry and a fix.

Each case breaks one thing in a copy of the small second story and checks the exact message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.core.knowledge.loading import load_knowledge
from tests.conftest import Edit

KB = "kb.yaml"


def errors_of(directory: Path) -> list[str]:
    result = load_knowledge(directory)
    assert result.kb is None, "a broken knowledge base must not load"
    return [str(problem) for problem in result.problems.errors]


def only_error(directory: Path) -> str:
    errors = errors_of(directory)
    assert len(errors) == 1, errors
    return errors[0]


def where(directory: Path, line: int) -> str:
    from bot.core.knowledge.loading import display_path

    return f"{display_path(directory, KB)}:{line}:"


def test_files_are_named_relative_to_here_only_when_below_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.core.knowledge.loading import display_path

    (tmp_path / "here" / "kb").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "here")
    assert display_path(tmp_path / "here" / "kb", "facts.yaml") == str(Path("kb") / "facts.yaml")
    assert display_path(tmp_path / "elsewhere", "facts.yaml") == str(tmp_path / "elsewhere" / "facts.yaml")


def test_an_unclosed_bracket_says_which_line_opened_it(story_copy: Path, edit: Edit) -> None:
    """YAML reads on looking for the closing bracket and gives up lines below: the fix names the line above."""
    line = edit("      - what prize\n", "      - what prize: [unclosed\n")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line + 2))
    assert f"YAML syntax error: while parsing a flow sequence (started on line {line})" in message
    assert (f"close the bracket or quote opened on line {line}, or if it is closed, look for a missing comma or "
            f"quote on line {line + 2}") in message


@pytest.mark.parametrize(("text", "line"), [("facts: [\n", 1), ("facts: [", 1), ("facts: {\n", 1),
                                           ("facts:\n  - id: x\n    questions: [a, b\n", 3),
                                           ("story: {title: x}\nfacts:\n  - id: x\n    questions: [a, b\n", 4)])
def test_a_bracket_left_open_to_the_end_of_the_file_is_named_where_it_opened(text: str, line: int) -> None:
    """YAML runs out of text a line after the last: the error names a line the file has, the bracket's."""
    from bot.core.knowledge.problems import ProblemList
    from bot.core.knowledge.yamlsource import parse

    problems = ProblemList()
    assert parse(text, "new.yaml", problems) is None
    (error,) = problems.errors
    assert error.line == line and error.line <= len(text.splitlines())
    assert "close the bracket" in str(error) and f"line {line + 1}" not in str(error)


def test_another_yaml_syntax_error_names_the_line_where_it_went_wrong(story_copy: Path, edit: Edit) -> None:
    line = edit("      - what prize\n", "      - what prize\n     bad: indent\n")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line + 1)), message
    assert "check the indentation and quoting" in message


def test_answer_no_is_a_type_error_with_a_quoting_hint(story_copy: Path, edit: Edit) -> None:
    line = edit("    answer: The bakery employs 12 people.", "    answer: no")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert "entry 'staff': 'answer' should be text, found true/false" in message
    assert 'answer: "no"' in message


def test_a_bare_number_is_a_type_error(story_copy: Path, edit: Edit) -> None:
    line = edit("    answer: The bakery opened in 1998.", "    answer: 1998")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert "found a number" in message and 'answer: "1998"' in message


def test_a_bare_date_is_a_type_error(story_copy: Path, edit: Edit) -> None:
    line = edit('    date: "2000-05-03"', "    date: 2000-05-03")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert "entry 'report': 'date' should be text, found a date" in message and '"2000-05-03"' in message


def test_an_entry_that_cannot_load_still_has_its_citations_checked(story_copy: Path, edit: Edit) -> None:
    edit('    date: "2000-05-03"', "    date: 2000-05-03")
    quote = "        quote: Springfield, May 3"
    cited = edit(f"      - line: 1\n{quote}", f"      - line: 99\n{quote}")
    errors = errors_of(story_copy)
    assert len(errors) == 2, errors  # both in one run: not the citation only after the date is fixed
    assert "found a date" in errors[0]
    assert errors[1].startswith(where(story_copy, cited)) and "entry 'report': cites line 99" in errors[1]


def test_questions_must_be_a_list(story_copy: Path, edit: Edit) -> None:
    old = "    questions:\n      - who is the baker\n      - what is the baker's name\n      - who owns the bakery\n"
    line = edit(old, "    questions: who is the baker\n")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert "entry 'gap-baker-name': 'questions' should be a list, found text" in message


def test_a_section_item_that_is_plain_text_is_named_at_its_line_as_text(story_copy: Path, edit: Edit) -> None:
    line = edit("gaps:\n", "gaps:\n  - who is the baker\n") + 1
    message = only_error(story_copy)
    assert message == (f"{where(story_copy, line)} a 'gaps' entry should be a mapping, found text — start the entry "
                       "with '- id: ...' and indent its fields")


def test_an_empty_question_list_is_refused(story_copy: Path, edit: Edit) -> None:
    old = "    questions:\n      - who is the baker\n      - what is the baker's name\n      - who owns the bakery\n"
    line = edit(old, "    questions: []\n")
    assert f"{where(story_copy, line)} entry 'gap-baker-name': 'questions' is an empty list" in only_error(story_copy)


def test_a_missing_field_is_named(story_copy: Path, edit: Edit) -> None:
    edit("    answer: The bakery employs 12 people.\n", "")
    message = only_error(story_copy)
    assert "entry 'staff': missing field 'answer' — add 'answer:' to this entry" in message


def test_an_unknown_field_is_named_with_the_allowed_ones(story_copy: Path, edit: Edit) -> None:
    line = edit("    answer: The bakery employs 12 people.", "    anwser: The bakery employs 12 people.")
    errors = errors_of(story_copy)
    assert any(e.startswith(where(story_copy, line)) and "unknown field 'anwser'" in e and "answer" in e
               for e in errors)
    assert any("missing field 'answer'" in e for e in errors)


def test_duplicate_ids_point_at_both_entries(story_copy: Path, edit: Edit) -> None:
    line = edit("  - id: opened\n", "  - id: staff\n")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert "entry 'staff': duplicate id (also at" in message


def test_the_same_question_in_two_entries_is_an_error(story_copy: Path, edit: Edit) -> None:
    line = edit("      - bakery opening year", "      - Bakery staff?")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert "entry 'opened': question \"Bakery staff?\" is also in entry 'staff'" in message


def test_a_cited_line_out_of_range(story_copy: Path, edit: Edit) -> None:
    line = edit("      - line: 5\n        quote: employs 12 people",
                "      - line: 99\n        quote: employs 12 people")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert "cites line 99, but the article has 5 lines — cite one of the lines that hold text: 1, 3, 5" in message


def test_a_cited_blank_line_says_where_the_quoted_words_are(story_copy: Path, edit: Edit) -> None:
    edit("      - line: 5\n        quote: employs 12 people", "      - line: 2\n        quote: employs 12 people")
    assert "cites line 2, which is blank — the words are on line 5: cite line 5 instead" in only_error(story_copy)


def test_a_cited_blank_line_numbered_like_a_paragraph_says_that_paragraphs_line(story_copy: Path, edit: Edit) -> None:
    # "paragraph 2" is what the chat and Discord show for the mayor's line: line 3 of the file
    edit("      - line: 5\n        quote: employs 12 people", "      - line: 2\n        quote: employs twelve people")
    message = only_error(story_copy)
    assert "cites line 2, which is blank — line: counts the article's file lines, blank ones too, not paragraphs: " \
           "paragraph 2 is line 3" in message


def test_a_quote_one_word_off_suggests_the_real_words_at_the_quotes_own_line(story_copy: Path, edit: Edit) -> None:
    line = edit("        quote: employs 12 people", "        quote: employs 12 persons")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert "entry 'staff': quote \"employs 12 persons\" is not on line 5" in message
    assert 'the closest there is "employs 12 people' in message


def test_a_quote_reworded_by_hand_suggests_the_run_of_real_words_it_was_made_from(story_copy: Path, edit: Edit) -> None:
    line = edit("        quote: employs 12 people", "        quote: 12 people work at the bakery")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert message.endswith('copy the exact words from line 5; the closest there is "bakery opened in 1998 and '
                            'employs 12 people"')


def test_a_quote_with_little_of_the_lines_words_suggests_nothing(story_copy: Path, edit: Edit) -> None:
    edit("        quote: employs 12 people", "        quote: the staff bake rye every morning")
    assert only_error(story_copy).endswith("copy the exact words from line 5")


def test_a_quote_sharing_only_stopwords_with_the_line_suggests_nothing(story_copy: Path, edit: Edit) -> None:
    edit("        quote: employs 12 people", "        quote: and in the end")
    assert only_error(story_copy).endswith("copy the exact words from line 5")


def test_kb_add_and_check_suggest_the_same_words_for_the_same_quote(story_copy: Path, tmp_path: Path) -> None:
    from bot.core.storage.errors import StoreError
    from bot.core.storage.journal import Journal
    from bot.core.storage.store import KnowledgeStore

    new = ("facts:\n  - id: bakery-size\n    questions: [how big is the bakery, bakery size, bakery headcount]\n"
           "    answer: Twelve people.\n    cite:\n      - line: 5\n        quote: 12 people work at the bakery\n")
    with pytest.raises(StoreError) as refused:
        KnowledgeStore(story_copy, Journal(tmp_path / "data")).add(new, actor="ann", source="new.yaml")
    (added,) = refused.value.problems
    edit_line = "        quote: employs 12 people"
    kb = story_copy / KB
    kb.write_text(kb.read_text(encoding="utf-8").replace(edit_line, "        quote: 12 people work at the bakery"),
                  encoding="utf-8")
    assert added.fix == load_knowledge(story_copy).problems.errors[0].fix


def test_a_quote_on_another_line_names_that_line_at_the_line_to_change(story_copy: Path, edit: Edit) -> None:
    line = edit("      - line: 5\n        quote: employs 12 people",
                "      - line: 3\n        quote: employs 12 people")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert "the words are on line 5: cite line 5 instead" in message


def test_a_quote_written_before_its_line_is_still_named_at_the_quote(story_copy: Path, edit: Edit) -> None:
    line = edit("      - line: 5\n        quote: employs 12 people",
                "      - quote: employs 12 persons\n        line: 5")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert 'quote "employs 12 persons" is not on line 5' in message


def test_a_quote_cut_inside_a_word_is_named_at_the_quote(story_copy: Path, edit: Edit) -> None:
    line = edit("        quote: employs 12 people", "        quote: mploys 12 people")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert 'quote "mploys 12 people" starts or ends inside a word on line 5' in message


def test_a_timeline_events_quote_off_by_a_word_is_named_at_the_quote(story_copy: Path, edit: Edit) -> None:
    line = edit("        quote: Springfield, May 3", "        quote: Springfield, May 4")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line)) and "entry 'report'" in message


def test_the_datelines_quote_off_by_a_word_is_named_at_the_quote(story_copy: Path, edit: Edit) -> None:
    line = edit("    quote: Springfield, May 3", "    quote: Springfield, May 9")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert 'quote "Springfield, May 9" is not on line 1' in message


def test_a_quote_entrys_words_off_are_named_at_its_quote_and_a_wrong_line_at_its_line(story_copy: Path,
                                                                                     edit: Edit) -> None:
    quote_line = edit("    quote: makes the whole town proud", "    quote: makes the whole city proud")
    assert only_error(story_copy).startswith(where(story_copy, quote_line))
    edit("    quote: makes the whole city proud", "    quote: makes the whole town proud")
    number_line = edit("    line: 3\n", "    line: 99\n")
    assert only_error(story_copy).startswith(where(story_copy, number_line))


def test_a_line_number_in_quotes_is_a_type_error(story_copy: Path, edit: Edit) -> None:
    line = edit("    line: 3\n", '    line: "3"\n')
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert "entry 'mayor-quote': 'line' should be a whole number, found text" in message
    assert "write the number without quotes: line: 3" in message


def test_a_numeric_id_is_refused(story_copy: Path, edit: Edit) -> None:
    line = edit("  - id: staff\n", "  - id: 15\n")
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert "id 15 is not a valid id" in message


def test_an_id_with_spaces_is_refused(story_copy: Path, edit: Edit) -> None:
    edit("  - id: staff\n", "  - id: Bakery Staff\n")
    assert "id 'Bakery Staff' is not a valid id — use lowercase letters" in only_error(story_copy)


def test_an_id_ending_in_a_newline_is_refused_and_named_in_one_line(story_copy: Path, edit: Edit) -> None:
    # a button's custom id carries the entry id whole, and no button template matches one ending in a newline
    line = edit("  - id: staff\n", '  - id: "staff\\n"\n')
    message = only_error(story_copy)
    assert message.startswith(f"{where(story_copy, line)} entry 'staff\\n': id 'staff\\n' is not a valid id")
    assert "\n" not in message


def test_an_entry_with_an_invalid_id_is_named_by_it_and_still_checked(story_copy: Path, edit: Edit) -> None:
    edit("  - id: staff\n", "  - id: Bakery Staff\n")
    line = edit("    answer: The bakery employs 12 people.", "    answer: no")
    errors = errors_of(story_copy)
    assert len(errors) == 2, errors
    assert "entry 'Bakery Staff': id 'Bakery Staff' is not a valid id" in errors[0]
    assert errors[1].startswith(f"{where(story_copy, line)} entry 'Bakery Staff': 'answer' should be text")


def test_timeline_out_of_order(story_copy: Path, edit: Edit) -> None:
    line = edit('    date: "2000-05-03"', '    date: "1990-05-03"')
    message = only_error(story_copy)
    # said the right way round: this event is listed after one with a later date, and the fix is to move it up
    assert message.endswith("entry 'report': timeline out of order: this event (1990-05-03) is listed after 'opening', "
                            "which has a later date (1998-01-01/1998-12-31) — move it above 'opening': list timeline "
                            "events from earliest to latest")
    assert message.startswith(where(story_copy, line - 1))


def test_a_bad_date_format(story_copy: Path, edit: Edit) -> None:
    edit('    date: "2000-05-03"', '    date: "May 3rd"')
    assert "date 'May 3rd' is not a real YYYY-MM-DD date" in only_error(story_copy)


def test_a_duplicate_key_is_refused(story_copy: Path, edit: Edit) -> None:
    line = edit("    answer: The bakery employs 12 people.\n",
                "    answer: The bakery employs 12 people.\n    answer: Twelve.\n")
    # the message names the entry the key is in, as every other entry error does
    assert f"{where(story_copy, line + 1)} entry 'staff': key 'answer' appears twice" in only_error(story_copy)


def test_a_phrase_in_two_alias_groups(story_copy: Path, edit: Edit) -> None:
    line = edit("    same_as: [loaf, loaves]", "    same_as: [loaf, loaves]\n  - term: cake\n    same_as: [loaf]")
    message = only_error(story_copy)
    assert message.startswith(f"{where(story_copy, line + 1)} 'loaf' is in alias group 'cake' and already in group "
                              f"'bread' at {where(story_copy, line - 1)[:-1]} — ")  # both places named


def test_an_unknown_section(story_copy: Path, edit: Edit) -> None:
    line = edit("gaps:\n", "gapz:\n")
    assert f"{where(story_copy, line)} unknown section 'gapz'" in only_error(story_copy)


def test_a_file_that_is_a_list_not_sections(story_copy: Path) -> None:
    (story_copy / "extra.yaml").write_text("- id: x\n", encoding="utf-8")
    assert "extra.yaml:1: the file should be a mapping of sections" in only_error(story_copy)


def test_an_empty_file(story_copy: Path) -> None:
    (story_copy / "extra.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert "extra.yaml:1: the file is empty" in only_error(story_copy)


def test_a_file_that_is_not_utf8(story_copy: Path) -> None:
    (story_copy / "extra.yaml").write_bytes(b"facts:\n  - id: caf\xe9\n")
    assert "extra.yaml:2: the file is not UTF-8 text — save it as UTF-8" in only_error(story_copy)


def test_a_quote_too_short_to_prove_anything(story_copy: Path, edit: Edit) -> None:
    edit("        quote: employs 12 people", "        quote: 12")
    errors = errors_of(story_copy)
    assert any("'quote' should be text, found a number" in e for e in errors)


def test_a_matching_threshold_out_of_range(story_copy: Path) -> None:
    (story_copy / "matching.yaml").write_text("matching:\n  answer_at: 7\n", encoding="utf-8")
    assert "matching.yaml:2: 'answer_at' should be a number from 0.0 to 1.0, found 7" in only_error(story_copy)


@pytest.mark.parametrize("settings", [
    {"answer_at": 7, "suggest_at": 0.6}, {"answer_at": 7, "suggest_at": 0.85}, {"answer_at": 7},
    {"answer_at": 0.5, "suggest_at": 6}, {"answer_at": 0.3, "suggest_at": "high"}, {"suggest_at": -1},
])
def test_the_fix_a_wrong_threshold_suggests_passes_with_the_file_s_other_threshold(
        story_copy: Path, settings: dict[str, object]) -> None:
    def write(values: dict[str, object]) -> None:
        lines = "".join(f"  {name}: {value}\n" for name, value in values.items())
        (story_copy / "matching.yaml").write_text(f"matching:\n{lines}", encoding="utf-8")

    write(settings)
    message = only_error(story_copy)  # the wrong one alone: not also "suggest_at is above answer_at"
    wrong, suggested = re.search(r"write a number such as (\w+): ([\d.]+)", message).groups()  # type: ignore[union-attr]
    write({**settings, wrong: suggested})
    assert load_knowledge(story_copy).ok, f"{wrong}: {suggested} with {settings}"


def test_the_missing_article(story_copy: Path) -> None:
    (story_copy / "article.txt").unlink()
    assert "article.txt: the article is missing — put the article's text" in only_error(story_copy)


def test_a_missing_folder(tmp_path: Path) -> None:
    assert "the knowledge folder does not exist" in only_error(tmp_path / "nowhere")


def test_a_truncated_file_reports_its_problems_without_crashing(story_copy: Path) -> None:
    path = story_copy / KB
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    errors = errors_of(story_copy)
    assert errors and all(e.startswith(str(Path(where(story_copy, 1)).parent)) or "kb.yaml" in e for e in errors)


def test_every_error_is_reported_in_one_run(story_copy: Path, edit: Edit) -> None:
    edit("    answer: The bakery employs 12 people.", "    answer: no")
    edit("    questions:\n      - what did the mayor say", "    questions: []\n    x:\n      - what did the mayor say")
    edit("  - id: prize\n", "  - id: Prize!\n")
    errors = "\n".join(errors_of(story_copy))
    for expected in ("id 'Prize!' is not a valid id", "'answer' should be text", "unknown field 'x'",
                     "'questions' is an empty list"):
        assert expected in errors
    assert errors.count("\n") == 3


@pytest.mark.parametrize("story", ["story_copy"])
def test_the_unbroken_copy_loads(story: str, request: pytest.FixtureRequest) -> None:
    assert load_knowledge(request.getfixturevalue(story)).ok


def test_a_date_that_does_not_exist(story_copy: Path, edit: Edit) -> None:
    edit('    date: "2000-05-03"', '    date: "2000-02-30"')
    assert "date '2000-02-30' is not a real YYYY-MM-DD date" in only_error(story_copy)


def test_a_quote_that_cuts_a_word_in_half(story_copy: Path, edit: Edit) -> None:
    edit("        quote: employs 12 people", "        quote: mploys 12 peop")
    message = only_error(story_copy)
    assert 'quote "mploys 12 peop" starts or ends inside a word on line 5' in message
    assert 'quote whole words: "employs 12 people"' in message  # not "the words are on line 5: cite line 5 instead"


def test_a_list_item_hint_is_valid_yaml(story_copy: Path, edit: Edit) -> None:
    edit("      - what prize\n", "      - no\n")
    assert 'put the text in quotes: - "no"' in only_error(story_copy)


@pytest.mark.parametrize(("old", "new"), [
    ("      - line: 5\n        quote: employs 12 people\n", "      - employs 12 people\n"),
    ("    cite:\n      - line: 5\n        quote: employs 12 people\n", "    cite: employs 12 people\n"),
    ("aliases:\n  - term: bread\n    same_as: [loaf, loaves]\n", "aliases: bread\n"),
    ("  - term: bread\n    same_as: [loaf, loaves]\n", "  - bread\n"),
])
def test_a_shape_hint_is_one_line_of_valid_yaml(story_copy: Path, edit: Edit, old: str, new: str) -> None:
    """A problem is one line in a terminal list and in Discord; the example it gives can be pasted."""
    edit(old, new)
    message = only_error(story_copy)
    assert "\n" not in message
    example = message.split(" — write", 1)[1].split(": ", 1)[1]
    assert isinstance(yaml.safe_load(example), (list, dict))


def test_unbuildable_values_and_deep_nesting_are_problems_not_crashes(story_copy: Path) -> None:
    (story_copy / "extra.yaml").write_text("matching:\n  margin: !!int abc\n", encoding="utf-8")
    assert any("cannot read value 'abc'" in e for e in errors_of(story_copy))
    (story_copy / "extra.yaml").write_text("facts: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    assert any("nests more than" in e for e in errors_of(story_copy))


@pytest.mark.parametrize(("yaml_text", "shown"), [
    ("facts:\n  - !!python/object:os.system\n    id: x\n", "!!python/object:os.system"),
    ("facts:\n  - id: x\n    answer: !!python/object/apply:os.system [echo]\n", "!!python/object/apply:os.system"),
    ("facts:\n  - id: x\n    answer: !!python/name:os.system ''\n", "!!python/name:os.system"),
    ("facts: !!set {a: null}\n", "!!set"),
    ("facts:\n  - id: x\n    answer: !mine text\n", "!mine"),
])
def test_a_yaml_tag_is_named_and_refused_not_built_or_ignored(story_copy: Path, yaml_text: str, shown: str) -> None:
    (story_copy / "extra.yaml").write_text(yaml_text, encoding="utf-8")
    line = next(n for n, text in enumerate(yaml_text.splitlines(), start=1) if shown in text)
    assert f"extra.yaml:{line}: the tag '{shown}' is not allowed in knowledge files — remove '{shown}'" in \
        only_error(story_copy)


def test_a_merge_key_says_so_in_one_error(story_copy: Path) -> None:
    (story_copy / "extra.yaml").write_text("story: &s\n  title: T\nmatching:\n  <<: *s\n", encoding="utf-8")
    assert "extra.yaml:4: the merge key '<<' is not supported in knowledge files" in only_error(story_copy)


def test_a_dangling_link_or_a_folder_named_like_a_knowledge_file_is_an_error(story_copy: Path) -> None:
    """Skipping them would silently leave out a file the operator meant to include."""
    (story_copy / "extra.yaml").symlink_to(story_copy / "missing.yaml")
    assert "extra.yaml: is a link to nothing, so it can't be read" in only_error(story_copy)
    (story_copy / "extra.yaml").unlink()
    (story_copy / "more.yaml").mkdir()
    assert "more.yaml: is not a file, so it can't be read" in only_error(story_copy)
    (story_copy / "more.yaml").rmdir()
    (story_copy / "more.yaml").symlink_to(story_copy.parent)
    assert "more.yaml: is a link to a folder, so it can't be read" in only_error(story_copy)


def test_an_article_that_is_not_utf8_names_its_line(story_copy: Path) -> None:
    (story_copy / "article.txt").write_bytes(b"The bakery opened.\n\nIt employs 12 people, caf\xe9 included.\n")
    errors = errors_of(story_copy)
    assert any("article.txt:3: the article is not UTF-8 text — save it as UTF-8" in e for e in errors), errors
    assert not any("codec" in e for e in errors)


def test_a_link_to_another_knowledge_file_of_the_folder_is_one_error(story_copy: Path) -> None:
    (story_copy / "again.yaml").symlink_to(story_copy / "kb.yaml")
    assert "again.yaml: is a link to kb.yaml, which is read already — remove the link" in only_error(story_copy)


def test_many_citations_failing_at_once_point_at_the_article_itself(tmp_path: Path) -> None:
    """One blank line removed from article.txt shifts every line after it: besides each citation's own error,
    one line says the article probably changed and how to check it."""
    import shutil

    from tests.conftest import KNOWLEDGE

    copy = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE, copy)
    text = (copy / "article.txt").read_text(encoding="utf-8")
    blank = text.index("\n\n")
    (copy / "article.txt").write_text(text[:blank] + text[blank + 1:], encoding="utf-8")
    errors = [str(p) for p in load_knowledge(copy).problems.errors]
    (hint,) = [e for e in errors if "fail at once" in e]
    assert "the article itself has probably changed" in hint and "git diff" in hint
    assert hint == errors[-1] and len(errors) > 5



def test_a_file_that_cannot_be_read_does_not_make_its_lines_look_uncited(kb_copy: Path) -> None:
    facts = kb_copy / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("facts:\n", "facts: [\n", 1), encoding="utf-8")
    problems = load_knowledge(kb_copy).problems
    assert problems.errors and all(p.file.endswith("facts.yaml") for p in problems.errors)
    assert not any("is not cited by any entry" in p.message for p in problems.warnings)


def test_a_text_at_its_limit_loads_and_one_character_more_names_the_limit_it_may_reach(
        story_copy: Path, edit: Edit) -> None:
    at_limit = "a" * 1499 + "."
    edit("    answer: The bakery employs 12 people.", f"    answer: {at_limit}")
    assert load_knowledge(story_copy).kb is not None
    line = edit(f"    answer: {at_limit}", f"    answer: a{at_limit}")
    assert only_error(story_copy) == (f"{where(story_copy, line)[:-1]}: entry 'staff': 'answer' is 1501 "
                                      "characters long — keep it to at most 1500 characters")


@pytest.mark.parametrize(("written", "code"), [(r"\e[31m", "001B"), (r"\u202e", "202E"), (r"\u2066", "2066"),
                                               (r"\x07", "0007")])
def test_a_control_character_in_an_answer_is_refused(written: str, code: str, story_copy: Path, edit: Edit) -> None:
    """A terminal or Discord would act on it (colour the screen, reverse the line) instead of showing it."""
    edit("    answer: The bakery employs 12 people.", f'    answer: "The bakery employs {written}12 people."')
    message = only_error(story_copy)
    assert f"entry 'staff': the answer holds the control character U+{code}" in message
    assert f"delete the control character U+{code} from the answer" in message


@pytest.mark.parametrize(("written", "code"), [(r"\u200b", "200B"), (r"\ufeff", "FEFF"), (r"\u2060", "2060"),
                                               (r"\u200f", "200F"), (r"\u061c", "061C"), (r"\u00ad", "00AD"),
                                               (r"\U000e0041", "E0041"), (r"\u2028", "2028"), (r"\u3164", "3164"),
                                               (r"\u2800", "2800"), (r"\ufff9", "FFF9")])
def test_an_invisible_character_in_an_answer_is_refused(written: str, code: str, story_copy: Path,
                                                        edit: Edit) -> None:
    line = edit("    answer: The bakery employs 12 people.", f'    answer: "The bakery employs {written}12 people."')
    message = only_error(story_copy)
    assert message.startswith(f"{where(story_copy, line)} entry 'staff': the answer holds the invisible character "
                              f"U+{code}"), message  # at the answer's own line, not the entry's


def test_a_letter_under_a_pile_of_combining_marks_is_refused_and_a_language_s_own_marks_are_text(
        story_copy: Path, edit: Edit) -> None:
    edit("    answer: The bakery employs 12 people.", '    answer: "The bakery employs 12 pe\u0301\u0302ople."')
    assert load_knowledge(story_copy).ok  # two marks on one letter: as Vietnamese writes
    edit('    answer: "The bakery employs 12 pe\u0301\u0302ople."',
         '    answer: "The bakery employs 12 p' + "\\u0301" * 6 + 'eople."')
    assert "entry 'staff': the answer holds the stacked combining character U+0301" in only_error(story_copy)


def test_a_joiner_that_shapes_an_emoji_is_text(story_copy: Path, edit: Edit) -> None:
    edit("    answer: The bakery employs 12 people.", r'    answer: "The bakery employs 12 people 👨‍🍳."')
    kb = load_knowledge(story_copy).kb
    assert kb is not None and kb.get("staff").answer == "The bakery employs 12 people 👨‍🍳."


def test_a_line_break_and_a_tab_in_an_answer_are_text(story_copy: Path, edit: Edit) -> None:
    edit("    answer: The bakery employs 12 people.", r'    answer: "The bakery employs\t12 people.\nAll local."')
    kb = load_knowledge(story_copy).kb
    assert kb is not None and kb.get("staff").answer == "The bakery employs\t12 people.\nAll local."


def test_a_control_character_in_a_question_is_refused_at_its_line(story_copy: Path, edit: Edit) -> None:
    """A question is the entry's heading when it has no title, and a did-you-mean shows it."""
    line = edit("      - what prize\n", '      - "what \\e[7mprize"\n')
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line))
    assert 'the question "what \\u001b[7mprize" holds the control character U+001B' in message


def test_a_control_character_in_the_story_title_is_refused(story_copy: Path, edit: Edit) -> None:
    edit("  title: Springfield bakery wins a prize\n", '  title: "\\e[41mSpringfield\\e[0m bakery wins a prize"\n')
    assert "the title holds the control character U+001B" in only_error(story_copy)


def test_an_answer_that_opens_a_code_block_it_never_closes_is_refused(story_copy: Path, edit: Edit) -> None:
    edit("    answer: The bakery employs 12 people.", '    answer: "The bakery employs ```12 people."')
    message = only_error(story_copy)
    assert "entry 'staff': the answer opens a code block (```) it never closes" in message
    edit('    answer: "The bakery employs ```12 people."', '    answer: "The bakery employs ```12``` people."')
    assert load_knowledge(story_copy).kb is not None  # a closed one is the answer's own markdown


def test_an_empty_citation_list_is_called_empty_not_the_wrong_kind(story_copy: Path, edit: Edit) -> None:
    edit("    cite:\n      - line: 1\n        quote: Springfield, May 3", "    cite: []")
    assert "'cite' should be a list of line + quote, found an empty list" in only_error(story_copy)


def test_one_run_names_every_error_of_entries_that_cannot_load(story_copy: Path) -> None:
    (story_copy / "more.yaml").write_text(
        "facts:\n"
        "  - id: broken\n"
        "    questions: [when was the prize given, who gave the prize, why the prize]\n"
        "    answer: no\n"
        "    cite:\n"
        "      - line: 99\n"
        "        quote: a\n"
        "  - id: broken\n"
        "    questions: [who baked it, who bakes there, who is in the kitchen]\n"
        "    answer: A second one.\n"
        "    cite:\n"
        "      - line: 3\n"
        "        quote: The mayor, Ann Lee\n", encoding="utf-8")
    errors = errors_of(story_copy)
    more = str(story_copy / "more.yaml")
    assert any(e.startswith(f"{more}:4: entry 'broken': 'answer' should be text") for e in errors), errors
    assert any(e.startswith(f"{more}:7: entry 'broken': quote 'a' is too short") for e in errors), errors
    assert any(e.startswith(f"{more}:6: entry 'broken': cites line 99") for e in errors), errors
    assert any(e.startswith(f"{more}:8: entry 'broken': duplicate id (also at {more}:2)") for e in errors), errors
    assert len(errors) == 4, errors


@pytest.mark.parametrize(("old", "says"), [
    ("  title: Springfield bakery wins a prize\n", "'title' should be text, found nothing"),
    ("  headline: Town bakery's rye bread wins a prize\n", "missing field 'headline'"),
])
def test_a_story_section_with_a_field_wrong_is_that_one_error_not_a_missing_story_too(
        story_copy: Path, edit: Edit, old: str, says: str) -> None:
    line = edit(old, "  title:\n" if "title" in old else "")
    message = only_error(story_copy)
    assert says in message and "no 'story' section" not in message
    if "title" in old:
        assert message.startswith(where(story_copy, line))


def test_a_second_story_section_is_named_though_the_first_does_not_read(story_copy: Path) -> None:
    (story_copy / "kb.yaml").write_text((story_copy / "kb.yaml").read_text(encoding="utf-8")
                                        .replace("  title: Springfield bakery wins a prize\n", "  title:\n"),
                                        encoding="utf-8")
    (story_copy / "more.yaml").write_text("story:\n  title: Another\n  headline: Another\n  dateline:\n"
                                          "    line: 1\n    quote: Springfield, May 3\n", encoding="utf-8")
    said = errors_of(story_copy)
    assert any("a second 'story' section (the first is in" in message for message in said), said
    assert not any("no 'story' section" in message for message in said), said


@pytest.mark.parametrize(("written", "suggested"), [("7.5", "line: 7"), ("7.0", "line: 7"), ("4.5", "line: 4")])
def test_a_line_number_with_a_fraction_suggests_the_whole_number_it_holds(story_copy: Path, edit: Edit,
                                                                          written: str, suggested: str) -> None:
    edit("    line: 3\n", f"    line: {written}\n")
    message = only_error(story_copy)
    assert "'line' should be a whole number" in message
    assert re.search(rf"write a whole number: {suggested}(?!\d)", message), message


@pytest.mark.parametrize("written", ["yes please", ".inf", ".nan", "-2.5", "[1, 2]"])
def test_a_line_that_is_no_usable_number_keeps_a_neutral_example(story_copy: Path, edit: Edit,
                                                                  written: str) -> None:
    edit("    line: 3\n", f"    line: {written}\n")
    assert "write a whole number: line: 3" in only_error(story_copy)


@pytest.mark.parametrize(("item", "said", "fix"), [
    ("      -\n", "an item of 'questions' should be text, found nothing",
     "write the text after the '- ', or delete the line"),
    ('      - ""\n', "an item of 'questions' is empty", "write the text after the '- ', or delete the line"),
    ("      - what prize: the rye\n", "an item of 'questions' should be text, found a mapping",
     "write it as one line of text after the '- ', in quotes if it holds ': ' or starts with [ or {"),
    ("      - no\n", "an item of 'questions' should be text, found true/false",
     'YAML reads yes/no/on/off/true/false as a true/false value; put the text in quotes: - "no"'),
])
def test_a_list_item_that_is_not_text_is_named_as_an_item_and_fixed_after_its_dash(
        story_copy: Path, edit: Edit, item: str, said: str, fix: str) -> None:
    """Not "'questions item' ... write the text after 'questions item:'": no such key exists to write after."""
    line = edit("      - what prize\n", item)
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line)), message
    assert f"entry 'prize': {said} — {fix}" in message, message
    assert "questions item" not in message


@pytest.mark.parametrize(("old", "new"), [
    ("    answer: The bakery employs 12 people.", '    answer: "The bakery employs ```12 people."'),
    ("    reply: The article doesn't name the baker.", '    reply: "The article doesn\'t name the ```baker."'),
])
def test_an_unclosed_code_block_is_named_at_the_answers_line_not_the_entrys(
        story_copy: Path, edit: Edit, old: str, new: str) -> None:
    """The entry's '- id:' line is lines above the answer that needs the fix (and a file's first entry is far up)."""
    line = edit(old, new)
    message = only_error(story_copy)
    assert message.startswith(where(story_copy, line)), message
    assert "opens a code block (```) it never closes" in message
