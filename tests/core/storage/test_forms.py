"""The moderator's form as an entry: the boxes as people fill them in, and one sentence naming the box when not."""

from __future__ import annotations

import pytest

from bot.core.knowledge.article import Article
from bot.core.knowledge.loading import load_knowledge
from bot.core.storage.errors import StoreError
from bot.core.storage.forms import EntryForm
from tests.conftest import SECOND_STORY


@pytest.fixture(scope="module")
def article() -> Article:
    kb = load_knowledge(SECOND_STORY).kb
    assert kb is not None
    return kb.article


@pytest.mark.parametrize("box", ["3: employs 12 people", "paragraph 3: employs 12 people", "para 3 - employs 12 people",
                                 "p3: employs 12 people", "#3: employs 12 people", "¶ 3: “employs 12 people”"])
def test_a_citation_names_its_paragraph_as_source_and_the_chat_do(article: Article, box: str) -> None:
    section, entry = EntryForm("staff-count", "how many work there", "Twelve.", box).to_entry(article)
    assert section == "facts"
    assert entry["cite"] == [{"line": 5, "quote": "employs 12 people"}]  # paragraph 3 is the file's line 5


def test_the_same_citation_pasted_twice_is_kept_once(article: Article) -> None:
    _, entry = EntryForm("staff-count", "how many", "Twelve.", "3: employs 12 people\n3: employs 12 people"
                         ).to_entry(article)
    assert entry["cite"] == [{"line": 5, "quote": "employs 12 people"}]


@pytest.mark.parametrize(("form", "says"), [
    (EntryForm(" ", "how many work there", "Twelve.", ""), "Short name: the box is empty"),
    (EntryForm("staff", "how many", "  ", "3: employs 12 people"), "Answer: the box is empty"),
    (EntryForm("staff", "how many", "\n", ""), "Answer: the box is empty"),
    (EntryForm("staff", "how many", "Twelve.", "3:"), "has no words after the paragraph number"),
    (EntryForm("staff", "how many", "Twelve.", "line 5: employs 12 people"), "not a line — write '5: ...'"),
    (EntryForm("staff", "how many", "Twelve.", "3 employs 12 people"), "is not a paragraph number, a colon and"),
    (EntryForm("staff", "how many", "Twelve.", "9: employs 12 people"), "there is no paragraph 9"),
])
def test_a_box_filled_in_wrongly_is_named_with_the_fix(article: Article, form: EntryForm, says: str) -> None:
    with pytest.raises(StoreError) as refused:
        form.to_entry(article)
    assert says in str(refused.value)


def test_without_an_article_the_numbers_are_file_lines() -> None:
    _, entry = EntryForm("staff", "how many", "Twelve.", "line 5: employs 12 people").to_entry()
    assert entry["cite"] == [{"line": 5, "quote": "employs 12 people"}]


def test_an_entry_added_through_the_form_is_titled_by_its_first_question(article: Article) -> None:
    _, entry = EntryForm("staff-count", "how many people work there\nstaff?", "Twelve.", "3: employs 12 people"
                         ).to_entry(article)
    assert entry["title"] == "How many people work there?"  # what the card, /topics and autocomplete show
    _, kept = EntryForm("staff-count", "how many", "Twelve.", "", title="Staff").to_entry(article)
    assert kept["title"] == "Staff"  # an edited entry keeps its own


def test_a_citation_of_the_articles_own_quotation_marks_comes_back_from_the_form_as_written(article: Article) -> None:
    entry = {"id": "proud", "questions": ["what did the mayor say"], "answer": "That it makes the town proud.",
             "cite": [{"line": 3, "quote": '"makes the whole town proud"'}]}
    _, again = EntryForm.from_entry(entry, article).to_entry(article)
    assert again["cite"] == entry["cite"], "an edit of the answer alone must not rewrite the citation"
    typed_form = EntryForm("proud", "what did the mayor say", "Proud.", "2: “makes the whole town proud”")
    _, typed = typed_form.to_entry(article)
    assert typed["cite"] == [{"line": 3, "quote": "makes the whole town proud"}], "typed marks not in the article go"
