"""``ask``, ``eval`` and the terminal chat, as scripts and people use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SECOND_STORY


def run_bot(*args: str, stdin: str | None = None, env: dict[str, str] | None = None,
            cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    import os

    environment = {**os.environ, "DISCORD_TOKEN": "", **(env or {})}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=120, check=False, env=environment)


def test_ask_json_prints_one_object_per_question_in_the_contract_shape(tmp_path: Path) -> None:
    done = run_bot("ask", "--json", "--knowledge", str(SECOND_STORY), "how many people work there",
                   "who won the world cup", env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    answered, declined = (json.loads(line) for line in done.stdout.splitlines())
    keys = ["question", "answered", "answer", "citations", "entry", "score", "suggestions"]
    assert list(answered) == keys and list(declined) == keys
    assert answered["answered"] is True and answered["entry"] == "staff"
    assert answered["citations"] == [{"line": 5, "quote": "employs 12 people",  # line: the file's line (contract)
                                      "text": "The bakery opened in 1998 and employs 12 people.",
                                      "paragraph": 3}]  # what people count: blank lines don't
    assert declined["answered"] is False and declined["citations"] == [] and declined["answer"] is None


def test_ask_reads_questions_from_stdin(tmp_path: Path) -> None:
    done = run_bot("ask", "--json", "--knowledge", str(SECOND_STORY), stdin="bakery staff\n\nwho is the baker\n",
                   env={"DATA_DIR": str(tmp_path)})
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["question"] for line in lines] == ["bakery staff", "", "who is the baker"]
    assert [line["answered"] for line in lines] == [True, False, False]
    assert lines[2]["answer"] == "The article doesn't name the baker."


def test_ask_with_a_broken_knowledge_base_says_where_and_exits_1(story_copy: Path, tmp_path: Path) -> None:
    (story_copy / "kb.yaml").write_text("facts: [", encoding="utf-8")
    done = run_bot("ask", "--knowledge", str(story_copy), "anything", env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 1
    assert "kb.yaml:" in done.stderr and "Traceback" not in done.stderr


def test_eval_prints_misses_and_a_summary_and_fails_under_thresholds(tmp_path: Path) -> None:
    questions = tmp_path / "set.yaml"
    questions.write_text('- q: "how many people work at the bakery"\n  expect: ["employs 12 people"]\n'
                         '- q: "what is the baker called"\n  expect: null\n'
                         '- q: "what did the mayor say"\n  expect: ["employs 12 people"]\n', encoding="utf-8")
    done = run_bot("eval", "--knowledge", str(SECOND_STORY), str(questions), "--min-accuracy", "90",
                   env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 1
    assert "MISS 'what did the mayor say'" in done.stdout
    assert "in-scope accuracy:         50.0%" in done.stdout
    assert "FAIL in-scope accuracy 50.0% is below 90.0%" in done.stdout
    passing = run_bot("eval", "--knowledge", str(SECOND_STORY), str(questions), "--min-precision", "0.5",
                      "--json", env={"DATA_DIR": str(tmp_path)})
    assert passing.returncode == 0
    assert json.loads(passing.stdout)["decline_rate"] == 1.0


def test_eval_names_a_broken_question_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("- q: [", encoding="utf-8")
    done = run_bot("eval", "--knowledge", str(SECOND_STORY), str(broken), env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 2
    assert "broken.yaml:1" in done.stderr and "Traceback" not in done.stderr


def test_eval_names_every_bad_item_of_every_set_up_to_twenty_then_how_many_more(tmp_path: Path) -> None:
    small, large = tmp_path / "small.yaml", tmp_path / "large.yaml"
    small.write_text("- q: who\n  expect: [NASA]\n- q: hi\n  expect: 3\n", encoding="utf-8")
    large.write_text("- nothing\n" * 25, encoding="utf-8")
    done = run_bot("eval", "--knowledge", str(SECOND_STORY), str(small), str(large), env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"storybot eval: {small}:3: item 2 ('hi'): 'expect' must be a list of text or null")
    assert lines[1].startswith(f"storybot eval: {large}:1: item 1 needs 'q' (text) and 'expect' (a list or null)")
    assert lines[19].startswith(f"storybot eval: {large}:19: item 19 ")
    assert lines[20:] == ["storybot eval: and 6 more bad items — fix these and run it again"]


def test_without_a_token_the_bot_chats_in_the_terminal(tmp_path: Path) -> None:
    done = run_bot(stdin="who runs the iss\nsource 5\nquit\n", env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert "Terminal mode: no DISCORD_TOKEN" in done.stderr
    assert "jointly operate" in done.stdout and "paragraph 4:" in done.stdout
    assert "5: Since the beginning of Russia's invasion" in done.stdout


def test_without_a_token_the_banner_names_the_env_file_it_looked_at(tmp_path: Path) -> None:
    """.env is read from the folder the program starts in; the banner says which file that was."""
    missing = run_bot(stdin="quit\n", cwd=tmp_path, env={"DATA_DIR": str(tmp_path / "data")})
    assert missing.returncode == 0, missing.stderr
    assert (f"Terminal mode: no DISCORD_TOKEN in the environment, and no {tmp_path / '.env'} (.env is read from "
            "the folder you start in;") in " ".join(missing.stderr.split())  # wrapped to the width, words whole
    (tmp_path / ".env").write_text("DISCORD_TOKEN=\n", encoding="utf-8")
    empty = run_bot(stdin="quit\n", cwd=tmp_path, env={"DATA_DIR": str(tmp_path / "data")})
    assert f"Terminal mode: no DISCORD_TOKEN in the environment or in {tmp_path / '.env'} (" in " ".join(
        empty.stderr.split())


def test_chat_mode_reports_a_broken_setting_clearly(tmp_path: Path) -> None:
    done = run_bot("ask", "x", env={"DEV_GUILD_ID": "not-a-number", "DATA_DIR": str(tmp_path)})
    assert done.returncode == 2
    assert "DEV_GUILD_ID" in done.stderr and "Traceback" not in done.stderr


def test_chat_ignores_empty_lines_and_explains_odd_source_arguments(tmp_path: Path) -> None:
    done = run_bot("chat", stdin="\n   \nsource abc\nsource 99\nsource ²\nasdf qwerty zxcv\nwho won the cup\nquit\n",
                   env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    answers = [block for block in done.stdout.split("\n\n") if block.strip()]
    assert answers[0].startswith("'source' takes a paragraph number")
    assert answers[1] == "The article has 7 paragraphs: pick a number from 1 to 7."
    assert answers[2].startswith("'source' takes a paragraph number")
    assert answers[3].startswith("I couldn't read a question in that") and "topics" in answers[3]
    assert "doesn't say" in answers[4] and "topics" in answers[4]
    assert len(answers) == 5, "empty lines get no reply"


def test_eval_thresholds_take_percentages_and_refuse_nonsense(tmp_path: Path) -> None:
    questions = tmp_path / "set.yaml"
    questions.write_text('- q: "bakery staff"\n  expect: ["employs 12 people"]\n', encoding="utf-8")
    ok = run_bot("eval", "--knowledge", str(SECOND_STORY), str(questions), "--min-precision", "98%", "--quiet")
    assert ok.returncode == 0, ok.stderr
    bad = run_bot("eval", "--knowledge", str(SECOND_STORY), str(questions), "--min-accuracy", "150")
    assert bad.returncode == 2 and "between 0 and 100%" in bad.stderr


def test_kb_commands_explain_bad_paths_and_empty_journals(story_copy: Path, tmp_path: Path) -> None:
    base = ["--knowledge", str(story_copy), "--data", str(tmp_path / "data")]
    export = run_bot("kb", "export", *base, "--out", str(tmp_path / "missing" / "x.yaml"))
    assert export.returncode == 1 and "cannot write" in export.stderr and "Traceback" not in export.stderr
    assert run_bot("kb", "history", *base).stdout.startswith("No changes yet.")
    missing = run_bot("kb", "add", "--knowledge", str(tmp_path / "nowhere"), str(story_copy / "kb.yaml"))
    assert missing.returncode == 1 and "is not a knowledge folder" in missing.stderr
    assert not (tmp_path / "nowhere").exists(), "a mistyped folder is not created"


def test_options_without_a_command_mean_run(tmp_path: Path) -> None:
    done = run_bot("--knowledge", str(SECOND_STORY), stdin="bakery staff\nquit\n", env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert "employs 12 people" in done.stdout


def test_eval_by_kind_breaks_the_figures_down_by_the_questions_tags(tmp_path: Path) -> None:
    questions = tmp_path / "set.yaml"
    questions.write_text('- q: "how many people work at the bakery"\n  expect: ["employs 12 people"]\n  kind: [plain]\n'
                         '- q: "what is the baker called"\n  expect: null\n  kind: near-miss\n'
                         '- q: "what did the mayor say"\n  expect: ["employs 12 people"]\n  kind: [plain, words]\n',
                         encoding="utf-8")
    done = run_bot("eval", "--knowledge", str(SECOND_STORY), str(questions), "--by-kind", "--json",
                   env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    by_kind = json.loads(done.stdout)["by_kind"]
    assert by_kind["plain"] == {"questions": 2, "right": 1, "share": 0.5, "wrong_answers": 1}
    assert by_kind["near-miss"]["right"] == 1
    assert by_kind["wrong-line"]["questions"] == 1  # the mayor's question answered from another line
    table = run_bot("eval", "--knowledge", str(SECOND_STORY), str(questions), "--by-kind", "--quiet",
                    env={"DATA_DIR": str(tmp_path)}).stdout
    assert "near-miss" in table and "wrong answers" in table


def test_eval_curve_shows_what_each_stricter_band_would_give(tmp_path: Path) -> None:
    questions = tmp_path / "set.yaml"
    questions.write_text('- q: "how many people work at the bakery"\n  expect: ["employs 12 people"]\n'
                         '- q: "what is the baker called"\n  expect: null\n', encoding="utf-8")
    done = run_bot("eval", "--knowledge", str(SECOND_STORY), str(questions), "--curve", "--json",
                   env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    curve = summary["curve"]
    assert [row["answer_at"] for row in curve] == [0.7, 0.75, 0.8, 0.85, 0.9, 0.95]
    assert curve[0]["accuracy"] == summary["accuracy"] and curve[0]["precision"] == summary["precision"]
    assert [row["answers"] for row in curve] == sorted((row["answers"] for row in curve), reverse=True)
    table = run_bot("eval", "--knowledge", str(SECOND_STORY), str(questions), "--curve", "--quiet",
                    env={"DATA_DIR": str(tmp_path)}).stdout
    assert "answer_at" in table and "0.95" in table


def test_eval_by_kind_warns_of_a_tag_it_does_not_know_on_stderr(tmp_path: Path) -> None:
    questions = tmp_path / "set.yaml"
    questions.write_text('- q: "what is the baker called"\n  expect: null\n  kind: [bogus]\n', encoding="utf-8")
    done = run_bot("eval", "--knowledge", str(SECOND_STORY), str(questions), "--by-kind", "--quiet",
                   env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"storybot eval: warning: {questions}:3: unknown kind tag 'bogus'")
    assert "bogus" in done.stdout  # still its own row: the warning says so, the figures stay as they were


def test_ask_hints_name_commands_that_exist_outside_the_chat(tmp_path: Path) -> None:
    """Picking by number is the chat's: a one-shot 'ask' points to the chat for it, and for its 'topics'."""
    done = run_bot("ask", "how do i bake a cake", "asdfgh qwerty", env={"DATA_DIR": str(tmp_path), "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    declined, unreadable = done.stdout.strip().split("\n\n")
    for reply in (declined, unreadable):
        assert "Type 'topics'" not in reply
        assert reply.endswith("To see what I can answer, run `python -m bot chat` and type 'topics'."), reply


def test_ask_lists_suggestions_without_inviting_a_pick_it_cannot_take(tmp_path: Path) -> None:
    done = run_bot("ask", "whoo rns teh iss", "did roscosmos mean the ground too",
                   env={"DATA_DIR": str(tmp_path), "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    unplaced, unsure = done.stdout.strip().split("\n\n")
    for reply in (unplaced, unsure):
        assert "Is it one of these?" not in reply and "Did you mean" not in reply and "1. " not in reply, reply
        assert "\n  - Who" in reply or "\n  - Are" in reply, reply
        assert reply.endswith("Ask one of them in your own words, or run `python -m bot chat` to pick by number.")
    assert unplaced.startswith("I couldn't place that question in the story (a word or two may be misspelt). "
                               "The closest questions I can answer:\n  - Who is on the ISS now?\n")
    assert unsure.startswith("I'm not sure which you mean. The closest questions I can answer:\n"
                             "  - Are NASA and the Russians still working together?\n")


def test_the_chat_still_invites_picks_and_topics(tmp_path: Path) -> None:
    done = run_bot("chat", stdin="whoo rns teh iss\nwho won the cup\n",
                   env={"DATA_DIR": str(tmp_path), "COLUMNS": "200"})
    offered, declined = done.stdout.strip().split("\n\n")
    assert "Is it one of these?" in offered and "\n  1. " in offered and offered.endswith("Type a number to pick one.")
    assert declined.endswith("Type 'topics' to see what I can answer.")


def test_ask_hints_carry_the_knowledge_folder_it_was_given(tmp_path: Path) -> None:
    """Following the hint must open the same story, not the shipped one."""
    done = run_bot("--knowledge", str(SECOND_STORY), "ask", "asdfgh qwerty",
                   env={"DATA_DIR": str(tmp_path), "COLUMNS": "400"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f"run `python -m bot chat --knowledge {SECOND_STORY}` and type 'topics'.")


@pytest.mark.parametrize(("closed", "code", "said"), [
    ("stdin", 0, ""), ("stdout", 2, "storybot: standard output is closed — start it with a terminal, a file or a "
                                    "pipe as its output\n")])
def test_a_closed_input_or_output_is_one_sentence_not_a_traceback(closed: str, code: int, said: str,
                                                                 tmp_path: Path) -> None:
    import os

    script = ("import os, sys; os.close(0 if sys.argv[1] == 'stdin' else 1); "
              "os.execv(sys.executable, [sys.executable, '-m', 'bot', 'ask', 'who runs the iss'])")
    done = subprocess.run([sys.executable, "-c", script, closed], cwd=ROOT, capture_output=closed == "stdin",
                          stderr=subprocess.PIPE if closed == "stdout" else None, text=True, timeout=120,
                          check=False, env={**os.environ, "DISCORD_TOKEN": "", "DATA_DIR": str(tmp_path)})
    assert done.returncode == code
    assert done.stderr == said


def test_chat_keeps_answering_with_a_data_folder_it_never_uses(tmp_path: Path) -> None:
    """The chat keeps no journal: a DATA_DIR that is a file is the Discord bot's and kb's problem, not the chat's."""
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    done = run_bot("--data", str(a_file), "chat", stdin="who runs the iss\n")
    assert done.returncode == 0, done.stderr
    assert "jointly operate" in done.stdout


def test_a_data_folder_that_cant_be_checked_is_one_sentence_for_kb(tmp_path: Path) -> None:
    too_long = tmp_path / ("a" * 300)
    done = run_bot("--data", str(too_long), "kb", "history")
    assert done.returncode == 2
    assert done.stderr == (f"storybot kb history: DATA_DIR {too_long} can't be checked (File name too long) — point "
                           "--data at a folder you may use\n")


def test_ask_with_an_unquoted_question_answers_each_word_and_says_how_to_quote_it(tmp_path: Path) -> None:
    done = run_bot("ask", "who", "runs", "the", "iss", env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 0
    assert done.stderr == ("storybot ask: 4 questions of one word each; to ask them as one question, quote it: "
                           'python -m bot ask "who runs the iss"\n')
    again = run_bot("--knowledge", str(SECOND_STORY), "ask", "--json", "who", "bakes", "bread",
                    env={"DATA_DIR": str(tmp_path)})
    assert again.stderr.endswith(f'quote it: python -m bot ask --json "who bakes bread" --knowledge {SECOND_STORY}\n')
    assert done.stdout.count("\n\n") >= 3  # still four replies: each argument is a question


def test_ask_answers_each_question_of_a_message_that_asks_two_and_json_keeps_one_result(tmp_path: Path) -> None:
    message = "what did the bakery win? how many people work at the bakery?"
    shown = run_bot("ask", "--knowledge", str(SECOND_STORY), message, env={"DATA_DIR": str(tmp_path)})
    assert shown.returncode == 0, shown.stderr
    first, second = shown.stdout.split("\n\n")
    assert first.startswith("1. what did the bakery win?\n") and "won a prize" in first
    assert second.startswith("2. how many people work at the bakery?\n") and "employs 12 people" in second
    as_json = run_bot("ask", "--json", "--knowledge", str(SECOND_STORY), message, env={"DATA_DIR": str(tmp_path)})
    (line,) = as_json.stdout.splitlines()  # the contract: one object per question asked, the message read whole
    assert json.loads(line)["question"] == message


def test_ask_meets_small_talk_as_such_and_json_keeps_declining_it(tmp_path: Path) -> None:
    done = run_bot("ask", "--knowledge", str(SECOND_STORY), "thanks!", "bye", "hi there",
                   env={"DATA_DIR": str(tmp_path), "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    thanks, bye, hello = done.stdout.strip().split("\n\n")
    assert (thanks, bye) == ("You're welcome!", "Bye!")
    assert hello.startswith("Hi! Ask about the story, for example `python -m bot ask \"")
    assert hello.endswith(f"\" --knowledge {SECOND_STORY}`")  # the example, followed, asks the same story
    shown = json.loads(run_bot("ask", "--json", "bye", env={"DATA_DIR": str(tmp_path)}).stdout)
    assert shown["answered"] is False and shown["answer"] is None


def test_ask_hi_is_one_line_with_an_example_to_run_and_help_still_points_to_the_chat(tmp_path: Path) -> None:
    hello = run_bot("ask", "hi", env={"DATA_DIR": str(tmp_path)})  # into a pipe: 88 columns
    assert hello.returncode == 0, hello.stderr
    (line,) = hello.stdout.splitlines()
    assert line.startswith("Hi! Ask about the story, for example `python -m bot ask \"") and line.endswith("\"`")
    helped = run_bot("ask", "what can you do?", env={"DATA_DIR": str(tmp_path)})
    assert "To talk it through, run `python -m bot chat`." in " ".join(helped.stdout.split())
    shown = json.loads(run_bot("ask", "--json", "hi", env={"DATA_DIR": str(tmp_path)}).stdout)
    assert shown == {"question": "hi", "answered": False, "answer": None, "citations": [], "entry": None,
                     "score": 0.0, "suggestions": []}


def first_and_last_lines(tmp_path: Path, message: str) -> tuple[str, str]:
    """What ``ask`` prints for a message, wide enough that no line wraps: its first line and its last."""
    done = run_bot("ask", "--knowledge", str(SECOND_STORY), message,
                   env={"DATA_DIR": str(tmp_path), "COLUMNS": "300"})
    assert done.returncode == 0, done.stderr
    first, *_, last = done.stdout.strip().splitlines()
    return first, last


def test_ask_names_the_question_its_answer_leaves_unanswered(tmp_path: Path) -> None:
    first, last = first_and_last_lines(tmp_path, "what prize did the bakery win? and what is the capital of peru?")
    assert first == "The town bakery won a prize for its rye bread."
    assert last == "(This answers one part of your message; ask “what is the capital of peru?” on its own.)"


def test_ask_names_every_question_of_four_its_answer_leaves_unanswered(tmp_path: Path) -> None:
    first, last = first_and_last_lines(
        tmp_path, "what is the capital of peru? who won the world cup? what prize did the bakery win? what flags?")
    assert first == "The town bakery won a prize for its rye bread."
    assert last == ("(This answers one part of your message; ask “what is the capital of peru?”, “who won the world "
                    "cup?” and “what flags?” each on its own.)")

def test_ask_for_a_paragraph_past_the_last_says_how_many_there_are(tmp_path: Path) -> None:
    done = run_bot("ask", "--knowledge", str(SECOND_STORY), "what does paragraph 9 say?",
                   env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "The article has 3 paragraphs; try 1–3."


def test_ask_shows_a_paragraph_for_source_n_and_the_topics_for_topics(tmp_path: Path) -> None:
    env = {"DATA_DIR": str(tmp_path), "COLUMNS": "200"}
    paragraph = run_bot("ask", "--knowledge", str(SECOND_STORY), "source 3", env=env)
    assert paragraph.returncode == 0, paragraph.stderr
    assert paragraph.stdout.strip() == "3: The bakery opened in 1998 and employs 12 people."
    topics = run_bot("ask", "--knowledge", str(SECOND_STORY), "topics", env=env)
    assert topics.returncode == 0, topics.stderr
    assert "doesn't say" not in topics.stdout and topics.stdout.strip().splitlines()[1].startswith("  - ")


def test_ask_json_declines_a_command_rather_than_answering_its_words_from_another_line(tmp_path: Path) -> None:
    # "source 3" shows paragraph 3 in plain ask and the chat; as a question its words matched the entry on who
    # reported the story, whose line is another paragraph. JSON declines commands, in its usual shape, as small talk.
    done = run_bot("ask", "--json", "source 3", "source 2-4", "topics please", env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    shown = [json.loads(line) for line in done.stdout.splitlines()]
    assert [result["question"] for result in shown] == ["source 3", "source 2-4", "topics please"]
    for result in shown:
        assert result["answered"] is False and result["answer"] is None and result["citations"] == []
        assert result["entry"] is None and result["suggestions"] == []
