"""What a careful member sees, end to end through the loopback Discord: every reply as the client
renders it. (Issue 10: cooldowns, misses, the answer card, paragraphs, the timeline, autocomplete,
mentions, buttons after use, echoed text, quotes.)"""

from __future__ import annotations

import math
import re

import discord
import pytest

from tests.e2e.conftest import Running
from tests.support.fake_discord import CallbackType

EPHEMERAL = discord.MessageFlags.ephemeral.flag


def buttons(data: dict[str, object]) -> list[dict[str, object]]:
    return [c for row in data.get("components") or [] for c in row["components"]]  # type: ignore[attr-defined, index]


async def test_cooldown_says_the_real_wait(running: Running) -> None:
    fake = running.fake
    for _ in range(5):
        await (await fake.slash_command("ask", {"question": "who runs the iss"})).response()
    sixth = (await (await fake.slash_command("ask", {"question": "who runs the iss"})).response())["data"]
    shown = int(re.search(r"ask again in (\d+) seconds?", sixth["content"])[1])  # type: ignore[index]
    left = running.bot.cooldowns.retry_after(fake.user.id)
    assert shown > 0
    # the bucket is read just after the reply: what was shown is its wait, rounded up (a second may tick over)
    assert 0 < left <= 10 and shown in (math.ceil(left), math.ceil(left) + 1)
    assert sixth["flags"] & EPHEMERAL


@pytest.mark.parametrize(("command", "options"), [("quote", {"speaker": "Kathy Lueders"}), ("quote", {}),
                                                  ("source", {}), ("source", {"line": 5}), ("timeline", {})])
async def test_public_quote_source_and_timeline_posts_share_the_ask_cooldown(
        running: Running, command: str, options: dict[str, object]) -> None:
    fake = running.fake
    for _ in range(5):
        posted = (await (await fake.slash_command(command, options)).response())["data"]
        assert posted["embeds"] and not posted.get("flags", 0) & EPHEMERAL
    limited = await fake.slash_command(command, options)
    sixth = (await limited.response())["data"]
    assert sixth["flags"] & EPHEMERAL and not sixth.get("embeds")
    assert re.search(r"^Slow down a little: you can ask again in \d+ seconds?\.$", sixth["content"])
    assert limited.callback is not None and limited.callback.pings == []
    # the one bucket: an /ask now is over the limit too
    ask = (await (await fake.slash_command("ask", {"question": "who runs the iss"})).response())["data"]
    assert ask["flags"] & EPHEMERAL and ask["content"].startswith("Slow down")
    assert fake.invalid == []


async def test_private_refusals_of_quote_and_source_do_not_count_against_the_cooldown(running: Running) -> None:
    fake = running.fake
    for _ in range(6):
        unknown = (await (await fake.slash_command("quote", {"speaker": "Nobody Here"})).response())["data"]
        assert unknown["content"].startswith("No quotes from")
        beyond = (await (await fake.slash_command("source", {"line": 99})).response())["data"]
        assert beyond["content"].startswith("The article has")
    assert (await (await fake.slash_command("timeline")).response())["data"]["embeds"]
    assert fake.invalid == []


async def test_a_mention_over_the_limit_is_told_once_then_gets_an_hourglass(running: Running) -> None:
    fake = running.fake
    for _ in range(5):
        await (await fake.message("who runs the iss?", mentions_bot=True)).reply()
    over = await fake.message("who runs the iss?", mentions_bot=True)
    told = await over.reply()
    shown = int(re.search(r"ask again in (\d+) seconds?", told["content"])[1])  # type: ignore[index]
    assert 0 < shown <= 10
    again = await fake.message("who runs the iss?", mentions_bot=True)
    assert await again.reaction() == "⏳"
    assert again.replies == []
    assert fake.invalid == []


async def test_misses_say_why(running: Running) -> None:
    fake = running.fake
    mash = (await (await fake.slash_command("ask", {"question": "asdfghjkl"})).response())["data"]
    assert mash["content"].startswith("I couldn't read a question in that")
    bangs = (await (await fake.slash_command("ask", {"question": "!!!"})).response())["data"]
    assert bangs["content"].startswith("I couldn't read a question in that")
    # misspelt past reading (with "ukrn" as well, the speller now reads it and the bot offers the entry)
    misspelt = (await (await fake.slash_command("ask", {"question": "wen dd rusya invaide"})).response())["data"]
    assert misspelt["content"].startswith("I couldn't place that question in the story")
    assert "doesn't say" not in misspelt["content"]
    offered = [b for b in buttons(misspelt) if str(b["custom_id"]).startswith("sb:pick:")]
    assert offered and all(str(b["label"]).endswith("?") for b in offered)  # titles, to pick from
    off_topic = (await (await fake.slash_command("ask", {"question": "who won the world cup?"})).response())["data"]
    assert off_topic["content"].startswith("The article doesn't say that")
    for data in (mash, bangs, misspelt, off_topic):
        assert data["flags"] & EPHEMERAL
    assert fake.invalid == []


async def test_the_answer_card_says_each_thing_once_and_names_its_source(running: Running) -> None:
    fake = running.fake
    data = (await (await fake.slash_command("ask", {"question": "nasa quote"})).response())["data"]
    (embed,) = data["embeds"]
    text = str(embed)
    assert "entry" not in embed["footer"]["text"] and "quote-nasa-rebuke" not in text
    assert embed["footer"]["text"].endswith("A wire report of July 8, 2022, citing the Washington Post")
    for field in embed.get("fields", []):
        words = field["value"].strip("> “”…")
        assert words[:60] not in embed["description"], "the quote is shown twice"
    assert any(f["name"] == "Quoted from" and "paragraph 2" in f["value"] for f in embed["fields"])

    mention = await fake.message("who runs teh statoin??", mentions_bot=True)
    card = (await mention.reply())["embeds"][0]
    assert card["title"] == "Who runs the ISS?"  # the reply quotes the asker; the title is the clean question
    assert "statoin" not in str(card) and "teh" not in str(card)
    assert fake.invalid == []


async def test_people_read_paragraph_numbers_everywhere(running: Running) -> None:
    fake = running.fake
    answer = (await (await fake.slash_command("ask", {"question": "two or three cosmonauts?"})).response())["data"]
    embed = answer["embeds"][0]
    assert "(paragraph 3)" in embed["description"] and "(paragraph 4)" in embed["description"]
    assert "line" not in embed["description"]
    assert {f["name"] for f in embed["fields"]} <= {"Paragraph 3", "Paragraph 4", "Quoted from"}

    article = (await (await fake.slash_command("source")).response())["data"]["embeds"][0]
    assert re.findall(r"\*\*(\d+)\*\*", article["description"]) == ["1", "2", "3", "4", "5", "6", "7"]
    quote = (await (await fake.slash_command("quote", {"speaker": "Kathy Lueders"})).response())["data"]
    assert quote["embeds"][0]["footer"]["text"].startswith("Paragraph 6 ·")
    timeline = (await (await fake.slash_command("timeline")).response())["data"]["embeds"][0]
    assert "*Paragraph 5*" in timeline["fields"][0]["value"]
    assert any("Paragraphs 1 and 2" in f["value"] for f in timeline["fields"])  # plural, with "and"
    assert fake.invalid == []


async def test_the_timeline_marks_worked_out_dates_once_and_explains_them_on_demand(running: Running) -> None:
    fake = running.fake
    timeline = await fake.slash_command("timeline")
    data = (await timeline.response())["data"]
    embed = data["embeds"][0]
    names = [f["name"] for f in embed["fields"]]
    assert not any("inferred" in name.casefold() for name in names)
    assert not any("inferred" in f["value"].casefold() or "worked out" in f["value"] for f in embed["fields"])
    assert "† the date is worked out from the article" in embed["description"]
    assert "July 8, 2022" in names, "the dateline's own date is stated, not worked out"
    assert any(name.startswith("† ") for name in names)
    explain = await fake.click(timeline, "sb:dates")
    shown = await explain.reply()
    assert shown["flags"] & EPHEMERAL
    notes = shown["embeds"][0]["fields"]
    assert notes and all(f["name"].startswith("† ") for f in notes)
    assert any("February 24 this year" in f["value"] for f in notes)
    assert fake.invalid == []


async def test_autocomplete_and_topics_offer_one_clean_title_per_entry(running: Running) -> None:
    fake = running.fake
    choices = await (await fake.autocomplete("ask", "question", "roscosmos")).choices()
    names = [c["name"] for c in choices]
    assert names[0] == "What is Roscosmos?"
    assert len(names) == len(set(names)) and all(n[0].isupper() and n.endswith("?") for n in names)
    empty = await (await fake.autocomplete("ask", "question", "")).choices()
    assert [c["name"] for c in empty][:2] == ["What is the story about?", "Why did NASA criticise the cosmonauts?"]
    # a picked title answers its own entry
    picked = (await (await fake.slash_command("ask", {"question": names[0]})).response())["data"]
    assert picked["embeds"][0]["title"] == "What is Roscosmos?"
    topics = (await (await fake.slash_command("topics")).response())["data"]["embeds"][0]
    shown = "\n".join(f["value"] for f in topics["fields"])
    assert "three or two cosmonauts" not in shown and "Were there two or three cosmonauts?" in shown
    assert fake.invalid == []


async def test_an_ambiguous_mention_gets_buttons_and_a_click_turns_it_into_the_answer(running: Running) -> None:
    fake = running.fake
    question = next(q for q in ("when did they post the fotos", "what were the cosmonauts even doin in the pics",
                                  "wat date did the invasion kick off", "did roscosmos mean the ground too")
                    if running.bot.engine.ask(q).suggestions)
    mention = await fake.message(question, mentions_bot=True)
    reply = await mention.reply()
    picks = [str(b["custom_id"]) for b in buttons(reply) if str(b["custom_id"]).startswith("sb:pick:")]
    assert picks and "•" not in reply["content"]
    click = await fake.click(mention, picks[0])
    body = await click.response()
    assert body["type"] == CallbackType.UPDATE_MESSAGE
    assert body["data"]["embeds"] and not any(str(b["custom_id"]).startswith("sb:pick:")
                                              for b in buttons(body["data"]))
    off_topic = await fake.message("who won the world cup?", mentions_bot=True)
    said = (await off_topic.reply())["content"]
    assert said == "The article doesn't say that, so I can't answer it."
    assert fake.invalid == []


async def test_echoed_text_loses_bidi_overrides_joiners_links_and_headings(running: Running) -> None:
    fake = running.fake
    sneaky = "# Big\u202eNASA\u200d [click](https://evil.example) https://x.example"
    data = (await (await fake.slash_command("quote", {"speaker": sneaky})).response())["data"]
    content = data["content"]
    assert "\u202e" not in content and "\u200d" not in content
    assert "https://" not in content and "](" not in content and "BigNASA click (link) in the article" in content
    assert not content.startswith("#") and "\\# Big" in content
    assert fake.invalid == []


async def test_an_echoed_channel_or_command_mention_is_no_pill_and_control_characters_are_gone(
        running: Running) -> None:
    fake = running.fake
    sneaky = f"<#{fake.channel.id}> </kb add:{fake.application_id}> <t:1:R>\x07\x1b[2J"
    content = (await (await fake.slash_command("quote", {"speaker": sneaky})).response())["data"]["content"]
    assert f"<#{fake.channel.id}>" not in content and "</kb" not in content and "<t:1" not in content
    assert "\x07" not in content and "\x1b" not in content
    assert fake.invalid == []


async def test_quotes_mark_left_out_words_and_never_double_brackets(running: Running) -> None:
    fake = running.fake
    data = (await (await fake.slash_command("ask", {"question": "who recognises the republics"})).response())["data"]
    value = data["embeds"][0]["fields"][0]["value"]
    assert value.startswith("> “…") and value.count("“") == value.count("”")
    quote = (await (await fake.slash_command("quote", {"speaker": "Roscosmos (the Russian space agency)"}))
             .response())["data"]["embeds"][0]
    assert ") (" not in str(quote)
    assert fake.invalid == []
