"""The terminal chat as a person uses it: wrapped to their terminal, paragraphs, picks by number."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core.engine import Engine
from bot.terminal.chat import Chat, one_shot_command, render_source, render_topics, run_chat
from tests.conftest import KNOWLEDGE, replace_in
from tests.terminal.test_ask_command import run_bot

ENGINE = Engine.load(KNOWLEDGE)


@pytest.mark.parametrize("command", ["who runs the station and who is on board right now?", "timeline", "quotes",
                                     "source", "topics", "asdf", "blorp zint", "who won the world cup"])
def test_everything_wraps_to_an_80_column_terminal_without_breaking_words(command: str, tmp_path: Path) -> None:
    done = run_bot("chat", stdin=f"{command}\nquit\n", env={"COLUMNS": "80", "DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line]
    assert lines and all(len(line) < 80 for line in lines), max(lines, key=len)
    words = set(ENGINE.kb.article.lines[0].split() + ENGINE.kb.article.lines[2].split())
    for line in lines:
        last = line.split()[-1] if line.split() else ""
        assert not last or not last.isalpha() or any(w.startswith(last) for w in words) or len(last) < 20


def test_a_did_you_mean_is_picked_by_number() -> None:
    chat = Chat(ENGINE, width=100)
    question = next(q for q in ("when did they post the fotos", "what were the cosmonauts even doin in the pics",
                                  "wat date did the invasion kick off", "did roscosmos mean the ground too")
                    if ENGINE.ask(q).suggestions)
    offered = chat.reply(question)
    assert offered is not None and "1. " in offered and "Type a number to pick one." in offered
    first = ENGINE.presented(ENGINE.ask(question))[0].suggestions[0]
    picked = chat.reply("1")
    assert picked is not None and picked.startswith(ENGINE.kb.get(first.entry).answer[:30])  # type: ignore[union-attr]
    assert "paragraph" in picked


def test_the_offered_list_stays_pickable_until_a_new_question() -> None:
    """After a pick, another number picks from the same list (a person reads the answers one by one); only a
    new question closes it. The repro: 'whoo rns teh iss', 1, 2, 3 answered 2 and 3 as questions."""
    chat = Chat(ENGINE, width=100)
    offered = ENGINE.presented(ENGINE.ask("whoo rns teh iss"))[0].suggestions
    assert len(offered) >= 3
    chat.reply("whoo rns teh iss")
    picks = []
    for number, suggestion in enumerate(offered, start=1):
        picked = chat.reply(str(number))
        answer = ENGINE.answer_entry(suggestion.entry)
        assert answer is not None and answer.answer is not None
        assert picked is not None and picked.startswith(ENGINE.kb.article.for_people(answer.answer)[:30]), number
        picks.append(picked)
    assert chat.reply("topics") is not None and chat.reply("source 2") is not None  # commands keep it open
    assert chat.reply("2") == picks[1]
    assert chat.reply("9") == f"Pick a number from 1 to {len(offered)}, or ask another question."
    chat.reply("who runs the station?")  # a new question, answered: the list is closed
    assert chat.reply("2") == NO_LIST


NO_LIST = "There is no \"Did you mean\" list open to pick from — ask a question in words."


@pytest.mark.parametrize("number", ["3", "7", "３", "#1", "2.", "1)", "-1", "# 2"])
def test_a_number_in_any_pick_form_with_no_list_open_says_so_rather_than_answering_it(number: str) -> None:
    """'3' once drew a cited answer ("Three cosmonauts posed…") from someone who meant to pick."""
    assert Chat(ENGINE).reply(number) == NO_LIST


def test_an_out_of_range_pick_says_the_range() -> None:
    chat = Chat(ENGINE)
    question = next(q for q in ("when did they post the fotos", "what were the cosmonauts even doin in the pics",
                                  "wat date did the invasion kick off", "did roscosmos mean the ground too")
                    if ENGINE.ask(q).suggestions)
    chat.reply(question)
    count = len(ENGINE.ask(question).suggestions)
    assert chat.reply("9") == f"Pick a number from 1 to {count}, or ask another question."


def _open_list(chat: Chat) -> int:
    """Ask a question that gets a "Did you mean" list of more than one; how many it offers."""
    question = next(q for q in ("when did they post the fotos", "what were the cosmonauts even doin in the pics",
                                  "wat date did the invasion kick off", "did roscosmos mean the ground too")
                    if len(ENGINE.ask(q).suggestions) > 1)
    chat.reply(question)
    return len(chat.offered)


@pytest.mark.parametrize("typed", ["-1", "0", "#99", "99."])
def test_a_pick_written_with_a_sign_or_a_mark_and_out_of_range_says_the_range(typed: str) -> None:
    chat = Chat(ENGINE)
    count = _open_list(chat)
    assert chat.reply(typed) == f"Pick a number from 1 to {count}, or ask another question."


@pytest.mark.parametrize("typed", ["1.", "#1", "# 1", "1)"])
def test_a_pick_written_with_a_mark_picks_like_the_bare_number(typed: str) -> None:
    chat = Chat(ENGINE)
    _open_list(chat)
    assert chat.reply(typed) == chat.reply("1")


@pytest.mark.parametrize("typed", ["1 2", "1, 2", "1 and 2", "#1 #2", "2 or 1", "1.2", "1 9"])
def test_several_numbers_at_a_did_you_mean_say_to_pick_one_at_a_time_and_keep_the_list_open(typed: str) -> None:
    """'1 2' was read as a question: 'I couldn't read a question in that', and the list was closed."""
    chat = Chat(ENGINE)
    count = _open_list(chat)
    offered = list(chat.offered)
    assert chat.reply(typed) == f"Pick one at a time: type a number from 1 to {count}, then another for the next."
    assert chat.offered == offered and chat.reply("1") == chat.reply("#1")


def test_several_numbers_with_no_list_open_say_there_is_none() -> None:
    assert Chat(ENGINE).reply("1 2") == NO_LIST


ONE_SUGGESTION = ("ukraine war death toll", "how many people has the iss hosted in total",
                  "does nasa admit things on the ground are tense")


def test_a_single_suggestion_is_offered_as_1_not_as_a_range_from_1_to_1() -> None:
    """'Pick a number from 1 to 1' reads like a machine; with one question offered, say 1."""
    question = next(q for q in ONE_SUGGESTION if len(ENGINE.presented(ENGINE.ask(q))[0].suggestions) == 1)
    chat = Chat(ENGINE, width=100)
    offered = chat.reply(question)
    assert offered is not None and offered.endswith("Type 1 to pick it.")
    assert chat.reply("2") == "There is only one question to pick: type 1, or ask another question."
    assert "1 to 1" not in offered


def test_a_long_paste_is_read_from_its_end_and_says_so() -> None:
    paste = ("I was reading this and honestly I have no idea what is going on here. " * 80) + "Who runs the ISS?"
    assert len(paste) > 4000
    reply = Chat(ENGINE).reply(paste)
    assert reply is not None and reply.startswith("(That was long, so I read its end.)")
    assert "jointly operate" in reply
    asked_first = "Who runs the ISS? " + "I was reading this and honestly I have no idea what is going on. " * 80
    first = Chat(ENGINE).reply(asked_first)
    assert first is not None and first.startswith("(That was long, so I read its start.)")
    assert "jointly operate" in first


def test_ask_reads_the_end_of_a_long_question_and_says_so_on_stderr(tmp_path: Path) -> None:
    paste = "I read it all. " * 300 + "Who runs the ISS?"
    done = run_bot("ask", paste, env={"DATA_DIR": str(tmp_path)})
    assert "jointly operate" in done.stdout
    assert "was read from its end" in done.stderr


def test_ctrl_d_ends_the_chat_on_a_new_line(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def no_more(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", no_more)
    out = io.StringIO()
    assert run_chat(ENGINE, Settings(knowledge_dir=KNOWLEDGE), stdin=Terminal(), stdout=out) == 0
    assert out.getvalue().endswith("'quit' to leave.\n\n")


def test_ctrl_c_at_the_prompt_ends_the_chat_like_ctrl_d(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal user presses Ctrl-C to leave: the chat ends on a new line with code 0, not 130 in silence."""
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def interrupted(prompt: str = "") -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", interrupted)
    out = io.StringIO()
    assert run_chat(ENGINE, Settings(knowledge_dir=KNOWLEDGE), stdin=Terminal(), stdout=out) == 0
    assert out.getvalue().endswith("'quit' to leave.\n\n")


def _paragraph(number: int) -> str:
    return f"{number}: {ENGINE.source()[number - 1][1]}"


@pytest.mark.parametrize("asked", ["source 3", "source paragraph 3", "Source Paragraph 3", "source #3", "source p3",
                                   "source p 3", "source ３", "source para 3", "source  3 "])
def test_source_shows_paragraph_n_however_it_is_written(asked: str) -> None:
    assert Chat(ENGINE, width=10_000).reply(asked) == _paragraph(3)


@pytest.mark.parametrize("asked", ["source 3 4", "source 3, 4", "source 3 and 4", "source paragraphs 3 and 4",
                                   "source 3-4", "source #3 #4", "source 3 4 3"])
def test_source_shows_several_paragraphs_in_one_reply(asked: str) -> None:
    assert Chat(ENGINE, width=10_000).reply(asked) == f"{_paragraph(3)}\n\n{_paragraph(4)}"


@pytest.mark.parametrize("asked", ["source foo", "source of the photos", "source paragraph", "source 3 of the story",
                                   "source p", "source 3.5", "source -2", "source ²", "source ③"])
def test_anything_else_after_source_is_a_one_line_usage_hint_not_a_question(asked: str) -> None:
    reply = Chat(ENGINE, width=80).reply(asked)
    assert reply is not None and reply.startswith("'source' takes a paragraph number") and "\n" not in reply


@pytest.mark.parametrize("asked", ["source 9", "source 0", "source 2-99", "source 3 12"])
def test_a_paragraph_out_of_range_says_the_range(asked: str) -> None:
    count = len(ENGINE.source())
    assert Chat(ENGINE).reply(asked) == f"The article has {count} paragraphs: pick a number from 1 to {count}."


@pytest.mark.parametrize("asked", ["what does paragraph 9 say?", "what is in the 9th paragraph?",
                                   "paragraph 8", "read me paragraph 12"])  # the last two come close to entries
def test_a_question_for_a_paragraph_past_the_last_says_how_many_there_are_not_that_the_article_doesnt_say(
        asked: str) -> None:
    count = len(ENGINE.source())
    assert Chat(ENGINE, width=100).reply(asked) == f"The article has {count} paragraphs; try 1–{count}."


@pytest.mark.parametrize(("asked", "told"), [
    ("source 2", "The article has 1 paragraph: pick 1."),
    ("source foo", "'source' takes a paragraph number, and the article has one: source 1."),
])
def test_a_one_paragraph_article_is_never_offered_a_range_from_1_to_1(asked: str, told: str,
                                                                      one_paragraph_story: Path) -> None:
    assert Chat(Engine.load(one_paragraph_story)).reply(asked) == told


def test_the_banner_wraps_to_the_terminal_without_breaking_words(tmp_path: Path) -> None:
    done = run_bot("run", stdin="quit\n", env={"COLUMNS": "41", "DATA_DIR": str(tmp_path)})  # no token: the chat
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) > 3 and all(len(line) <= 40 for line in lines), max(lines, key=len)
    assert " ".join(lines).startswith("Terminal mode: no DISCORD_TOKEN in the environment")
    assert " ".join(lines).endswith("Type 'help' for commands, 'quit' to leave.")


def test_a_banner_line_is_never_broken_inside_a_word() -> None:
    from bot.terminal.chat import banner

    reason = "Terminal mode: a reason long enough to need wrapping at twenty-five columns."
    shown = banner(ENGINE, reason, width=25)
    assert all(len(line) <= 25 for line in shown.splitlines())
    assert shown.replace("\n", " ").startswith(reason)


@pytest.mark.parametrize("asked", ["help?", "Help.", "help me", "help pls", "Help please!", "can I get some help?",
                                   "help, thanks", "commands please"])
def test_a_request_for_help_in_words_gets_the_help(asked: str) -> None:
    from bot.terminal.chat import HELP

    assert Chat(ENGINE, width=100).reply(asked) == HELP


@pytest.mark.parametrize("asked", ["topics?", "topics please", "topics pls", "what are the topics?",
                                   "show me the topics", "list topics", "Topics, please."])
def test_a_request_for_topics_in_words_gets_the_topics(asked: str) -> None:
    from bot.terminal.chat import render_topics

    assert Chat(ENGINE, width=100).reply(asked) == render_topics(ENGINE, 100)


@pytest.mark.parametrize("asked", ["timeline?", "Timeline.", "timeline pls", "timeline\u200b", "show me the timeline"])
def test_a_request_for_the_timeline_in_words_gets_the_timeline(asked: str) -> None:
    from bot.terminal.chat import render_timeline

    assert Chat(ENGINE, width=100).reply(asked) == render_timeline(ENGINE, 100)


@pytest.mark.parametrize("said", ["quit.", "exit!", "bye", "bye!", "goodbye", "ok bye", "thanks, goodbye",
                                  "quit\u200b"])
def test_a_goodbye_in_words_ends_the_chat(said: str) -> None:
    assert Chat(ENGINE, width=100).reply(said) is None


@pytest.mark.parametrize("said", ["bye for now", "see ya", "see you later", "take care", "good night", "cya",
                                  "ttyl", "later", "bye bye bot", "great, thanks, bye", "talk later!"])
def test_every_goodbye_small_talk_knows_ends_the_chat_as_bye_does(said: str) -> None:
    assert Chat(ENGINE, width=100).reply(said) is None


@pytest.mark.parametrize("asked", ["Quit?", "bye?", "exit?", "you quit?", "see ya?", "bye for now?"])
def test_a_goodbye_asked_as_a_question_says_how_to_leave(asked: str) -> None:
    assert Chat(ENGINE, width=100).reply(asked) == "Type 'quit' to leave (or Ctrl-D)."


@pytest.mark.parametrize("asked", ["what are the dates", "who said bye", "what is the timeline of events",
                                   "is there an exit?", "can we quit?", "may i exit", "what? bye",
                                   "did anyone quit?"])
def test_a_question_with_a_commands_word_in_it_is_still_a_question(asked: str) -> None:
    results: list[object] = []
    assert Chat(ENGINE, width=100, on_result=results.append).reply(asked) is not None
    assert len(results) == 1  # the engine was asked it: not a command, not a way to leave


@pytest.mark.parametrize("asked", ["did nasa help", "who helped the cosmonauts", "help the crew please",
                                   "what topics did the cosmonauts discuss", "help or topics",
                                   "please please please please please help me"])
def test_a_message_with_any_other_word_is_a_question_not_a_command(asked: str) -> None:
    from bot.terminal.chat import HELP, render_topics, requested_command

    assert requested_command(asked) is None
    assert Chat(ENGINE, width=100).reply(asked) not in (HELP, render_topics(ENGINE, 100))


def _touch(path: Path) -> None:
    """Move the file's time on a second, as an editor saving it does (however coarse the file system's clock)."""
    import os

    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_a_knowledge_file_edited_during_the_chat_is_answered_from_at_the_next_question(story_copy: Path) -> None:
    from bot.terminal.chat import Reloading

    knowledge = Reloading(story_copy, Engine.load(story_copy))
    assert knowledge.check() is None  # nothing changed: not even a reload
    replace_in(story_copy / "kb.yaml", "answer: The bakery employs 12 people.", "answer: Twelve people work there.")
    _touch(story_copy / "kb.yaml")
    assert knowledge.check() == "(kb.yaml changed: reloaded.)"  # named, so the person knows which edit landed
    assert knowledge.engine.ask("bakery staff").answer == "Twelve people work there."
    assert knowledge.check() is None


def test_a_knowledge_file_moved_away_during_the_chat_is_said_with_the_entries_it_took(kb_copy: Path) -> None:
    from bot.terminal.chat import Reloading

    knowledge = Reloading(kb_copy, Engine.load(kb_copy))
    (kb_copy / "quotes.yaml").rename(kb_copy.parent / "quotes.yaml.bak")
    said = knowledge.check()
    assert said is not None and said.startswith("(A knowledge file changed: reloaded. quotes.yaml is gone, and ")
    assert said.endswith(" entries with it.)") and not knowledge.engine.kb.quotes


def test_a_file_moved_away_while_another_is_broken_is_said_once_the_reload_lands(kb_copy: Path) -> None:
    # the failed reloads between moved the bookkeeping on: the file went unnamed and its entries quietly
    from bot.terminal.chat import Reloading

    knowledge = Reloading(kb_copy, Engine.load(kb_copy))
    facts = kb_copy / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text + "\n  - id: [broken\n", encoding="utf-8")
    said = knowledge.check()
    assert said is not None and said.startswith("A knowledge file changed but has an error")
    (kb_copy / "quotes.yaml").rename(kb_copy.parent / "quotes.yaml.bak")
    assert (knowledge.check() or "").startswith("A knowledge file changed but has an error")
    facts.write_text(text, encoding="utf-8")
    _touch(facts)
    said = knowledge.check()
    assert said is not None and said.startswith("(A knowledge file changed: reloaded. quotes.yaml is gone, and ")
    assert not knowledge.engine.kb.quotes


def test_every_chat_reply_keeps_within_a_narrow_terminal() -> None:
    chat = Chat(ENGINE, width=40)
    for said in ("hi", "1", "ok", "help", "who runs the iss?", "who runs the iss? when did russia invade ukraine?"):
        reply = chat.reply(said)
        assert reply is not None and all(len(line) <= 40 for line in reply.splitlines()), (said, reply)


def test_a_broken_edit_keeps_the_old_knowledge_and_names_the_file_and_line_once(story_copy: Path) -> None:
    from bot.terminal.chat import Reloading

    engine = Engine.load(story_copy)
    knowledge = Reloading(story_copy, engine)
    line = replace_in(story_copy / "kb.yaml", "- line: 5\n        quote: employs 12 people", "- line: 99\n"
                      "        quote: employs 12 people")
    _touch(story_copy / "kb.yaml")
    note = knowledge.check()
    assert note is not None and note.startswith("A knowledge file changed but has an error, so the chat keeps "
                                                f"answering as before: {story_copy / 'kb.yaml'}:{line}: ")
    assert "\n" not in note and knowledge.engine is engine
    assert knowledge.check() is None  # said once per change, not before every question


def test_the_chat_picks_up_an_edit_made_while_it_runs(story_copy: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def edit_then_ask() -> None:
        replace_in(story_copy / "kb.yaml", "answer: The bakery employs 12 people.", "answer: Twelve work there.")
        _touch(story_copy / "kb.yaml")

    typed = iter([("bakery staff", None), ("bakery staff", edit_then_ask), ("quit", None)])

    def person(prompt: str = "") -> str:
        line, before = next(typed)
        if before is not None:
            before()
        return line

    monkeypatch.setattr("builtins.input", person)
    out = io.StringIO()
    settings = Settings(knowledge_dir=story_copy, data_dir=tmp_path / "data")
    assert run_chat(Engine.load(story_copy), settings, stdin=Terminal(), stdout=out) == 0
    shown = out.getvalue()
    assert shown.index("The bakery employs 12 people.") < shown.index("(kb.yaml changed: reloaded.)")
    assert shown.index("(kb.yaml changed: reloaded.)") < shown.index("Twelve work there.")


def test_hi_and_thanks_are_met_as_such_not_declined() -> None:
    chat = Chat(ENGINE, width=100)
    hello = chat.reply("hi there!")
    assert hello is not None
    hello = " ".join(hello.split())  # wrapped to the width
    assert hello.startswith("Hi! Ask me a question about the story, for example:")
    assert "?." not in hello and hello.endswith(" Type 'help' for commands.")
    assert chat.reply("thanks") == "You're welcome!"
    helped = chat.reply("what can you do?")
    assert helped is not None and "quit" in helped  # the command list
    assert chat.reply("who are you?") == helped
    assert chat.reply("ok cool") == "Okay. Ask another question, or type 'quit' to leave."


def test_a_message_of_two_questions_gets_both_answers_and_closes_an_open_list() -> None:
    chat = Chat(ENGINE, width=100)
    chat.offered = ["iss-operators"]
    reply = chat.reply("who runs the iss? when did russia invade ukraine?")
    assert reply is not None and "1. who runs the iss?" in reply and "2. when did russia invade ukraine?" in reply
    assert "jointly operate" in reply and "February 24" in reply
    assert chat.offered == [] and chat.reply("1") == NO_LIST


@pytest.mark.parametrize("asked", ["topics", "Topics please", "what are the topics?"])
def test_ask_shows_the_topics_as_the_chat_does(asked: str) -> None:
    assert one_shot_command(ENGINE, asked, 100) == render_topics(ENGINE, 100) == Chat(ENGINE, width=100).reply("topics")


@pytest.mark.parametrize("asked", ["source 3", "source paragraph 3", "source 3 4", "source 2-4", "source 9"])
def test_ask_shows_the_paragraphs_source_names_as_the_chat_does(asked: str) -> None:
    argument = asked.partition(" ")[2]
    assert one_shot_command(ENGINE, asked, 100) == render_source(ENGINE, argument, 100) == \
        Chat(ENGINE, width=100).reply(asked)


@pytest.mark.parametrize("asked", ["source", "source?", "source of the photos", "who runs the station?", "timeline",
                                   "help"])
def test_anything_else_given_to_ask_is_a_question_or_small_talk_not_a_command(asked: str) -> None:
    assert one_shot_command(ENGINE, asked) is None
