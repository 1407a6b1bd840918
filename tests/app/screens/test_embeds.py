"""Every reply stays within Discord's limits and loses nothing it must show."""

from __future__ import annotations

import re

from bot.app.screens import embeds, limits
from bot.core.answers import CitedLine, Kind, Result
from bot.core.knowledge import Citation, Event, Origin


def test_clip_cuts_at_a_word_with_an_ellipsis() -> None:
    assert limits.clip("short", 10) == "short"
    clipped = limits.clip("the quick brown fox jumps over the lazy dog", 20)
    assert len(clipped) <= 20 and clipped.endswith("…") and clipped == "the quick brown fox…"


def test_a_huge_answer_keeps_every_citation() -> None:
    citations = tuple(CitedLine(n, "q" * 900, "t" * 2000) for n in (1, 3, 5, 7))
    result = Result("x" * 10_000, Kind.ANSWER, answer="a " * 5000, citations=citations, entry="big")
    embed = embeds.answer_embed(result)
    assert len(embed) <= limits.EMBED_TOTAL
    assert len(embed.title or "") <= limits.EMBED_TITLE and len(embed.description or "") <= limits.EMBED_DESCRIPTION
    assert [f.name for f in embed.fields] == ["Paragraph 1", "Paragraph 3", "Paragraph 5", "Paragraph 7"]
    assert all(len(f.value or "") <= limits.FIELD_VALUE for f in embed.fields)


def test_a_long_timeline_is_paged_without_dropping_events() -> None:
    events = [Event(id=f"e{n}", kind="event", questions=(), answer="", cite=(Citation(1, "x"),), topic="T",
                    origin=Origin("f", n), date=f"2022-01-{n + 1:02d}", when=f"January {n + 1}", event="e" * 750,
                    inferred="i" * 480) for n in range(10)]
    pages = embeds.timeline_pages(events)
    assert sum(len(page.fields) for page in pages) == 10
    assert all(len(page) <= limits.EMBED_TOTAL for page in pages)
    assert pages[0].footer.text == f"Page 1 of {len(pages)}"


def test_echoed_text_is_harmless() -> None:
    assert embeds.shown("<https://x.example>") == "(link)"
    assert embeds.shown("x\u200bhttps://evil.example") == "x(link)"  # a hidden joiner can't glue a link on
    assert embeds.shown("see www.evil.example now") == "see (link) now"
    assert embeds.shown("[free nitro](https://evil.example) ok") == "free nitro ok"
    assert embeds.shown("-# tiny") == "\\-# tiny" and embeds.shown("## big").startswith("\\#")
    assert embeds.shown("\u202eevil\u2066 \u200dname\ufeff") == "evil name"
    assert embeds.shown("@everyone") == "@\u200beveryone"
    assert embeds.shown("\u3164\u3164 hidden\U000e0041\U000e0042 \uffa0") == "hidden"  # blank fillers, unseen tags


def test_echoed_text_makes_no_channel_command_or_timestamp_pill_and_loses_control_characters() -> None:
    # escape_mentions covers people and roles only: these rendered as a clickable channel, a command to run, a page
    # of the server and a timestamp that looks like the bot's own text
    for markup in ("<#123456789012345678>", "</kb add:123456789012345678>", "<id:customize>", "<t:1:R>"):
        assert embeds.shown(markup) == "<\u200b" + markup[1:], markup
    assert embeds.shown("a < b <:smile:123>") == "a < b <:smile:123>"  # a plain "<" and a custom emoji stay
    assert embeds.shown("ring\x07 \x1b[31mred\x00") == "ring [31mred"
    assert embeds.shown("two\x1fwords") == "two words"  # a separator that folds into a space still does
    assert embeds.in_code("bell\x07") == "bell"


def test_text_inside_backticks_is_shown_as_typed_and_cannot_end_the_code_span() -> None:
    assert embeds.in_code("my_kb_v2.yaml") == "my_kb_v2.yaml"  # no "my\\_kb": Discord shows code as typed
    assert embeds.in_code("a`b​  c") == "a'b c"
    assert embeds.in_code("​") == "?"


def test_a_paragraph_is_titled_n_of_count_and_a_lone_one_is_not_1_of_1() -> None:
    assert embeds.source_paragraph_embed(2, "Text.", 7).title == "Paragraph 2 of 7"
    assert embeds.source_paragraph_embed(1, "Text.", 1).title == "The article's one paragraph"


def test_topics_show_a_few_questions_each_and_say_how_many_more() -> None:
    embed = embeds.topics_embed({"The bakery": [f"Question {n}?" for n in range(1, 10)], "The mayor": ["Who?"]}, 6)
    bakery, mayor = embed.fields
    assert bakery.value is not None and bakery.value.count("•") == 6 and bakery.value.endswith("…and 3 more")
    assert mayor.value == "• Who?"
    seven = embeds.topics_embed({"The bakery": [f"Question {n}?" for n in range(1, 8)]}, 6).fields[0].value
    assert seven is not None and seven.count("•") == 7 and "more" not in seven  # no "…and 1 more" hiding one


def test_show_source_shows_a_paragraph_longer_than_a_field_whole_with_its_quote_in_bold() -> None:
    """A field holds 1,024 characters: a longer paragraph goes on in the next field, the quote past the cut still
    bold, and nothing of the paragraph is left out."""
    words = [f"word{n}" for n in range(400)]  # about 3,000 characters: three fields' worth
    quote = " ".join(words[300:306])
    text = " ".join(words) + "."
    result = Result("q", Kind.ANSWER, answer="a", citations=(CitedLine(3, quote, text),), entry="long")
    embed = embeds.source_lines_embed(result)
    values = [field.value or "" for field in embed.fields]
    assert all(len(value) <= limits.FIELD_VALUE for value in values) and len(embed) <= limits.EMBED_TOTAL
    assert f"**{quote}**" in "\n".join(values), "the quoted words, in bold"
    assert " ".join(values).split() == text.replace(quote, f"**{quote}**").split(), "the whole paragraph, in order"
    assert embed.fields[0].name == "Paragraph 3" and all(f.name == "Paragraph 3, continued" for f in embed.fields[1:])


def test_show_source_of_a_paragraph_too_long_for_an_embed_shows_the_part_around_its_quote() -> None:
    words = [f"w_{n}" for n in range(3000)]  # escaped, about 18,000 characters
    quote = " ".join(words[1500:1510])
    result = Result("q", Kind.ANSWER, answer="a", citations=(CitedLine(3, quote, " ".join(words)),), entry="huge")
    embed = embeds.source_lines_embed(result)
    shown = "\n".join(field.value or "" for field in embed.fields)
    assert len(embed) <= limits.EMBED_TOTAL and all(len(f.value or "") <= limits.FIELD_VALUE for f in embed.fields)
    assert "**" + quote.replace("_", "\\_") + "**" in shown
    assert shown.startswith("… ") and shown.endswith("…")


def test_show_source_bolds_a_quote_cut_in_two_in_both_fields() -> None:
    words = [f"word{n}" for n in range(300)]
    text = " ".join(words)
    start = next(n for n in range(300) if len(" ".join(words[:n])) > 1000)
    quote = " ".join(words[start - 6:start + 6])  # about characters 960 to 1040: across the first cut
    embed = embeds.source_lines_embed(Result("q", Kind.ANSWER, answer="a", citations=(CitedLine(1, quote, text),),
                                             entry="cut"))
    values = [field.value or "" for field in embed.fields]
    assert len(values) >= 2
    assert values[0].endswith("**") and values[1].startswith("**")
    runs = [re.findall(r"\*\*(.*?)\*\*", value) for value in values[:2]]
    assert all(len(found) == 1 and found[0] == found[0].strip() for found in runs), runs  # bold shows as bold
    assert " ".join(values).replace("** **", " ").split() == text.replace(quote, f"**{quote}**").split()
