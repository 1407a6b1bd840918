"""Reading a knowledge-base folder: every YAML file, the article, and all the checks.

``load_knowledge`` never raises for a mistake in the files: it returns the problems, each
with file, line, entry and a fix, and a knowledge base only when there are no errors.
``texts`` lets the store validate a change before anything is written to disk.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.knowledge import AliasGroup, Citation, KnowledgeBase, MatchSettings, Story, checks
from bot.core.knowledge.article import Article
from bot.core.knowledge.problems import ProblemList
from bot.core.knowledge.schema import ENTRY_READERS, Located, read_aliases, read_entries, read_matching, read_story

# Re-exported: these lived here first.
from bot.core.knowledge.sources import ARTICLE_FILE as ARTICLE_FILE
from bot.core.knowledge.sources import YAML_SUFFIXES as YAML_SUFFIXES
from bot.core.knowledge.sources import fingerprint as fingerprint
from bot.core.knowledge.sources import links_outside as links_outside
from bot.core.knowledge.sources import source_digest as source_digest
from bot.core.knowledge.sources import yaml_files as yaml_files
from bot.core.knowledge.yamlsource import YMap, parse
from bot.core.matching.words.analysis import Analyzer

SECTIONS = ("story", *ENTRY_READERS, "aliases", "matching")
MAX_FILE_BYTES = 2_000_000


@dataclass
class LoadResult:
    """What loading found: the knowledge base (only when there are no errors) and every problem."""

    problems: ProblemList
    kb: KnowledgeBase | None = None
    located: list[Located] = field(default_factory=list)
    lines_covered: list[int] = field(default_factory=list)  # file lines, as the YAML's ``line:`` numbers them
    article: Article | None = None  # the article read, even when the knowledge base has errors

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def display_path(directory: Path, name: str) -> str:
    """How a file is named in messages: relative to where the command runs when it is below it, else
    as given ("knowledge/facts.yaml", "/srv/kb/facts.yaml", never "../../srv/kb/facts.yaml")."""
    path = directory / name
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith(os.pardir) else relative


def too_big(shown: str, size: int, problems: ProblemList) -> bool:
    """The one size limit, for files read from disk and for the texts the store is about to write."""
    if size <= MAX_FILE_BYTES:
        return False
    problems.error(shown, None, f"the file is {size} bytes", f"keep it under {MAX_FILE_BYTES} bytes (split it "
                   "into several files)")
    return True


def _link_problem(directory: Path, name: str, problems: ProblemList) -> bool:
    if not links_outside(directory, name):
        return False
    problems.error(display_path(directory, name), None, "the file is a link to outside the knowledge folder",
                   "copy the file into the folder instead of linking to it")
    return True


def read_texts(directory: Path, problems: ProblemList, limit: bool = True) -> dict[str, str]:
    """The text of every YAML file in the folder, by file name (``limit=False``: even oversized ones)."""
    texts: dict[str, str] = {}
    for name in _unreadable_entries(directory):
        path = directory / name
        what = ("not a file" if not path.is_symlink() else "a link to a folder" if path.is_dir()
                else "a link to nothing")
        problems.error(display_path(directory, name), None, f"is {what}, so it can't be read",
                       "remove it, or make it the YAML file it was meant to be")
    for name in yaml_files(directory):
        shown = display_path(directory, name)
        if _link_problem(directory, name, problems) or _read_twice(directory, name, problems):
            continue
        try:
            raw = (directory / name).read_bytes()
        except OSError as exc:
            problems.error(shown, None, f"cannot read the file: {exc.strerror}", "check its permissions")
            continue
        if limit and too_big(shown, len(raw), problems):
            continue
        try:
            texts[name] = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            problems.error(shown, line, "the file is not UTF-8 text", "save it as UTF-8")
    return texts


def _read_twice(directory: Path, name: str, problems: ProblemList) -> bool:
    """A link to another knowledge file of the same folder: its entries would be read twice."""
    path = directory / name
    if not path.is_symlink():
        return False
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    if target.parent == directory.resolve() and target.name != name and target.name in yaml_files(directory):
        problems.error(display_path(directory, name), None, f"is a link to {target.name}, which is read already",
                       "remove the link (each file is read once)")
        return True
    return False


def _unreadable_entries(directory: Path) -> list[str]:
    """YAML-named entries of the folder that aren't files: a dangling link, a folder. Skipping them would
    silently leave out a file the operator meant to include."""
    return sorted(p.name for p in directory.iterdir() if p.suffix in YAML_SUFFIXES and not p.is_file())


def read_article(directory: Path, problems: ProblemList) -> Article | None:
    path = directory / ARTICLE_FILE
    shown = display_path(directory, ARTICLE_FILE)
    if _link_problem(directory, ARTICLE_FILE, problems):
        return None
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.error(shown, None, "the article is missing",
                       f"put the article's text, as published, in {shown}")
        return None
    except OSError as exc:
        problems.error(shown, None, f"cannot read the article: {exc.strerror or exc}", "check its permissions")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.error(shown, raw[: exc.start].count(b"\n") + 1, "the article is not UTF-8 text", "save it as UTF-8")
        return None
    article = Article.from_text(text)
    if not article.text_lines:
        problems.error(shown, None, "the article is empty", f"put the article's text in {shown}")
        return None
    return article


def load_knowledge(directory: str | Path, texts: Mapping[str, str] | None = None,
                   warnings: bool = True) -> LoadResult:
    """Load and check a knowledge base. ``texts`` replaces the files' contents (by file name).

    ``warnings=False`` skips the checks that only warn (the slowest ones), for start-up.
    """
    directory = Path(directory)
    problems = ProblemList()
    if not directory.is_dir():
        what = "is a file, not a folder" if directory.exists() else "does not exist"
        problems.error(str(directory), None, f"the knowledge folder {what}",
                       "pass --knowledge DIR or set KNOWLEDGE_DIR to the folder with article.txt")
        return LoadResult(problems)
    article = read_article(directory, problems)
    if texts is None:
        texts = read_texts(directory, problems)
    else:  # what the store would write must pass the same limit as what is read back
        texts = {name: text for name, text in texts.items()
                 if not too_big(display_path(directory, name), len(text.encode("utf-8")), problems)}
    if not texts:
        problems.error(display_path(directory, "*.yaml"), None, "no knowledge-base files found",
                       "add YAML files with facts, quotes, timeline, aliases and gaps")
    return _build(directory, article, texts, problems, warnings)


class _Collected:
    def __init__(self) -> None:
        self.located: list[Located] = []
        self.unloaded: list[Located] = []  # entries that can't load, kept for their citations' check
        self.aliases: list[AliasGroup] = []
        self.story: Story | None = None
        self.story_where: tuple[str, tuple[int, int]] | None = None  # the file, the dateline's line and quote
        self.story_file: str | None = None  # where the story section is, even one whose fields don't read
        self.matching: MatchSettings | None = None


def _build(directory: Path, article: Article | None, texts: Mapping[str, str],
           problems: ProblemList, warnings: bool) -> LoadResult:
    found = _Collected()
    for name in sorted(texts):
        shown = display_path(directory, name)
        document = parse(texts[name], shown, problems)
        _read_document(shown, document, found, problems)
    located = found.located
    # an id is taken by an entry that can't load too; the one written first keeps it
    checks.check_ids(sorted([*located, *found.unloaded], key=lambda item: (item.file, item.line)), problems)
    checks.check_shown_text(located, problems)
    checks.check_patterns(located, problems, Analyzer(found.aliases) if warnings else None)
    if warnings:
        checks.check_pattern_counts(located, problems)
    checks.check_timeline(located, problems)
    checks.check_aliases(found.aliases, problems)
    unreadable = any(p.message.startswith("YAML") for p in problems.errors)
    if found.story_file is None and texts and not unreadable:  # a section that doesn't read has said why
        problems.error(display_path(directory, "*.yaml"), None, "no 'story' section",
                       "add a 'story:' section with title, headline and dateline to one file")
    covered: list[int] = []
    if article is not None:
        checks.check_citations([*located, *found.unloaded], article, problems, display_path(directory, ARTICLE_FILE))
        extra: list[Citation] = []
        if found.story is not None and found.story_where is not None:
            file, (line, quote_line) = found.story_where
            checks.check_citation(found.story.dateline, article, problems, file, line, None, quote_line)
            extra.append(found.story.dateline)
        # A file that could not be read cites nothing: its lines would all be reported uncited, wrongly.
        covered = checks.check_coverage([*located, *found.unloaded], article, extra,
                                        display_path(directory, ARTICLE_FILE),
                                        problems if warnings and not unreadable else ProblemList())
    result = LoadResult(problems, located=located, lines_covered=covered, article=article)
    if not problems.errors and article is not None and found.story is not None:
        result.kb = KnowledgeBase(directory=directory, article=article, story=found.story,
                                  entries=tuple(item.entry for item in located),
                                  aliases=tuple(found.aliases),
                                  matching=found.matching or MatchSettings())
    return result


def _read_document(shown: str, document: Any, found: _Collected, problems: ProblemList) -> None:
    if document is None:
        if not problems.errors or all(p.file != shown for p in problems.errors):
            problems.error(shown, 1, "the file is empty", "add a section such as 'facts:', or delete the file")
        return
    if not isinstance(document, YMap):
        problems.error(shown, 1, "the file should be a mapping of sections",
                       f"start the file with one of: {', '.join(s + ':' for s in SECTIONS)}")
        return
    for section, value in document.items():
        line = document.key_lines[section]
        if section not in SECTIONS:
            problems.error(shown, line, f"unknown section '{section}'",
                           f"use one of: {', '.join(SECTIONS)}")
            continue
        if section in ENTRY_READERS:
            found.located.extend(read_entries(section, shown, value, line, problems, found.unloaded))
        elif section == "aliases":
            found.aliases.extend(read_aliases(shown, value, line, problems))
        elif section == "story":
            _read_single_story(shown, value, line, found, problems)
        else:
            found.matching = read_matching(shown, value, line, problems)


def _read_single_story(shown: str, value: Any, line: int, found: _Collected, problems: ProblemList) -> None:
    if found.story_file is not None:
        problems.error(shown, line, f"a second 'story' section (the first is in {found.story_file})",
                       "keep one story section")
        return
    found.story_file = shown
    story = read_story(shown, value, line, problems)
    if story is not None:
        found.story, dateline_lines = story
        found.story_where = (shown, dateline_lines)
        checks.check_story_text(found.story, shown, problems)
