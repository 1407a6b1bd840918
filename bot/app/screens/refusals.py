"""A refused knowledge-base change, told to a moderator in Discord.

The fix comes first, then what is wrong. Each problem names what the moderator wrote: the box of
the form, or the uploaded file and its line, never the merged file on the server or its path.
Article places are paragraphs, as moderators read them in /source.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePath

from bot.app.screens import limits
from bot.app.screens.embeds import shown, unpinged
from bot.app.screens.limits import clip
from bot.core.knowledge.article import Article
from bot.core.knowledge.problems import Problem
from bot.core.storage.errors import StoreError

ID_BOX = "Short name"
QUESTIONS_BOX = "Questions people ask"
ANSWER_BOX = "Answer"
CITATIONS_BOX = "Where the article says it"
TOPIC_BOX = "Topic"

_QUOTED = re.compile(r"quote \"([^\"]*)\"")
# A path on the server is absolute and starts a word, maybe quoted as an OS error quotes it ("/srv/bot/facts.yaml",
# "'C:\\bot\\facts.yaml'"); what a moderator typed and a refusal quotes mostly isn't ("'../../x'", "yes/no",
# "https://...", "'\\u200b'"): only such a path is cut, to its file's name.
_PATHLIKE = re.compile(r"(?<![^\s('\"])(?:[A-Za-z]:[\\/]|/)(?:[^\s\\/:'\"]+[\\/])+([^\s\\/:'\"]+)")


_FILE_NAME_FIRST = re.compile(r"[^\s:]+\.[A-Za-z0-9]{2,}\b")


def _fix_first(message: str, fix: str) -> str:
    """ "Copy the exact words from paragraph 4 (quote "x" is not on paragraph 4)": the fix leads."""
    message, fix = message.strip().rstrip("."), fix.strip().rstrip(".")
    if not fix:
        return _capitalised(message) + "."
    return f"{_capitalised(fix)} ({message})."


def _capitalised(text: str) -> str:
    """The sentence with a capital, unless it starts with a file's name ("empty.yaml: ..."), which stays as written."""
    return text if _FILE_NAME_FIRST.match(text) else text[:1].upper() + text[1:]


_FILE_LINE = re.compile(r"\s*\([^\s()]+\.ya?ml:\d+\)")  # "(facts.yaml:1382)": a line of a file on the server


def _no_paths(text: str) -> str:
    return _PATHLIKE.sub(lambda m: m[1], text)


def _no_file_lines(text: str) -> str:
    """A form's refusal without "(facts.yaml:1382)": a line of a merged file the moderator filling it can't see."""
    return _FILE_LINE.sub("", _no_paths(text))


def _box(problem: Problem) -> str | None:
    text = f"{problem.message} {problem.fix}".casefold()
    if problem.message.startswith(("quote", "cites line")) or "citation" in text or "'cite'" in text:
        return CITATIONS_BOX
    if problem.message.startswith("id ") or "'id'" in text:
        return ID_BOX
    if "question" in text:
        return QUESTIONS_BOX
    if "'answer'" in text or "'reply'" in text or problem.message.startswith(("the answer ", "the reply ")):
        return ANSWER_BOX
    if "topic" in text:
        return TOPIC_BOX
    return None


def form_problem(problem: Problem, article: Article, cited: list[str]) -> str:
    """One problem of a form, naming its box (and the line of the citations box it is about)."""
    message, fix = article.for_people(problem.message), article.for_people(problem.fix)
    box = _box(problem)
    where = ""
    if box == CITATIONS_BOX:
        quote = _QUOTED.search(problem.message)
        if quote is not None:
            lines = [n for n, text in enumerate(cited, start=1) if quote[1] and quote[1] in text]
            where = f", line {lines[0]}" if lines else ""
    if box == ID_BOX:  # typed into a box, not written in YAML: no YAML reading to quote against
        fix = fix.replace("; quote it if YAML reads it as a number or true/false", "")
    said = _fix_first(_no_file_lines(message), _no_file_lines(fix))
    return f"**{box}**{where}: {said}" if box else said


def file_problem(problem: Problem, name: str, text: str) -> str:
    """One problem of an uploaded file, with the line of that file (not of the merged one) it is about: the
    store's own when it named the problem in the file (a misquote at its quote), else the entry's id line."""
    line = problem.line if problem.file == name else None
    if line is None and problem.entry:
        match = re.search(rf"^\s*-?\s*id:\s*['\"]?{re.escape(problem.entry)}['\"]?\s*$", text, re.MULTILINE)
        if match is not None:
            line = text.count("\n", 0, match.start()) + 1
    where = f"{shown(name)}, line {line}" if line else shown(name)  # a file's name is the uploader's text
    who = f" (entry '{problem.entry}')" if problem.entry else ""
    return f"**{where}**{who}: {_fix_first(_no_paths(problem.message), _no_paths(problem.fix))}"


def problem_line(problem: Problem) -> str:
    """A problem of the knowledge files for Discord: the file's name and line, never its path on the server."""
    return unpinged(_no_paths(str(replace(problem, file=PurePath(problem.file).name))))


def refusal_text(error: StoreError, article: Article | None = None, cited: list[str] | None = None,
                 upload: tuple[str, str] | None = None) -> str:
    """Why nothing was saved: the fixes first, each naming the form's box or the uploaded file's line. What the
    moderator typed is quoted as typed, but a mention in it is no pill."""
    if error.problems:
        items = []
        for problem in error.problems[:10]:
            if upload is not None:
                items.append(file_problem(problem, *upload))
            elif article is not None:
                items.append(form_problem(problem, article, cited or []))
            else:
                items.append(_fix_first(_no_file_lines(problem.message), _no_file_lines(problem.fix)))
        head = "Nothing was saved. Fix this and try again:" if len(items) == 1 else \
            "Nothing was saved. Fix these and try again:"
        return clip(unpinged("\n".join([head, *(f"• {item}" for item in items)])), limits.CONTENT)
    what, _, fix = _no_paths(error.message).partition(" — ")
    return clip(unpinged(f"Nothing was saved. {_fix_first(what, fix)}"), limits.CONTENT)
