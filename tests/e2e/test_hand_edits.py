"""/kb show, edit and remove read an entry as written on disk, which a hand edit may have broken (the engine
keeps answering from the last good files): they show what is there, or say what is wrong, never "Something went
wrong on my side" when the moderator needs to see the entry most."""

from __future__ import annotations

from tests.e2e.conftest import Running

GENERIC = "Something went wrong on my side"
AS_A_LINE_AND_QUOTE = "    cite:\n      - line: 1\n        quote: NASA in a rare statement\n  - id: celebrated"
AS_TEXT = "    cite:\n      - '1: NASA in a rare statement'\n  - id: celebrated"


def break_by_hand(running: Running, old: str, new: str) -> None:
    path = running.bot.settings.knowledge_dir / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def test_show_puts_a_citation_written_as_text_as_it_is_written(editable: Running) -> None:
    fake = editable.fake
    break_by_hand(editable, AS_A_LINE_AND_QUOTE, AS_TEXT)
    shown = await fake.slash_command("kb", {"entry": "rare-statement"}, subcommand="show", user=fake.moderator)
    (embed,) = (await shown.reply())["embeds"]
    (field,) = [f for f in embed["fields"] if f["name"] == "Citation (not a line and a quote)"]
    assert "1: NASA in a rare statement" in field["value"]
    assert fake.invalid == []


async def test_edit_opens_the_form_with_a_citation_written_as_text_ready_to_be_saved_right(editable: Running) -> None:
    fake = editable.fake
    break_by_hand(editable, AS_A_LINE_AND_QUOTE, AS_TEXT)
    opened = await fake.slash_command("kb", {"entry": "rare-statement"}, subcommand="edit", user=fake.moderator)
    modal = await opened.modal()
    texts = [c for row in modal["components"] for c in row.get("components", [row.get("component", {})])]
    assert any((c.get("value") or "") == "1: NASA in a rare statement" for c in texts)
    reply = await (await fake.submit_modal(opened, {}, user=fake.moderator)).reply()
    assert "edited rare-statement" in reply["content"], reply["content"]  # the form's way to write it is the file's
    assert fake.invalid == []


async def test_remove_of_an_entry_in_a_file_yaml_cannot_read_says_so_as_edit_does(editable: Running) -> None:
    fake = editable.fake
    break_by_hand(editable, "    answer: The article calls it a rare statement from NASA.",
                  "    answer: [The article calls it a rare statement from NASA.")
    edit = await fake.slash_command("kb", {"entry": "rare-statement"}, subcommand="edit", user=fake.moderator)
    explained = (await edit.response())["data"]["content"]
    remove = await fake.slash_command("kb", {"entry": "rare-statement"}, subcommand="remove", user=fake.moderator)
    said = (await remove.response())["data"]["content"]
    assert said == explained and said.startswith("Nothing was saved.") and GENERIC not in said
    assert fake.invalid == []
