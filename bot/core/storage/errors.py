"""Why the store refused a change: one sentence, and the validation problems behind it."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.knowledge.problems import Problem


class StoreError(Exception):
    """A change that was refused; nothing was written. ``problems`` holds validation errors."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        self.problems = problems or []
        details = "".join(f"\n{p}" for p in self.problems[:20])
        super().__init__(message + details)
        self.message = message


class NothingToChange(StoreError):
    """The change asks for what the knowledge base already holds (an import of an unchanged export, an edit that
    edits nothing): nothing was written, and nothing was wrong."""


class BrokenKnowledge(StoreError):
    """A change refused because the knowledge base was not valid before it (a hand edit broke it): the
    change is not to blame. ``problems`` are those of the files as they are; ``with_change``, those of the
    files as the change would have left them (the input's own problems among them)."""

    def __init__(self, problems: list[Problem], with_change: list[Problem], command: Callable[[str], str],
                 own: list[Problem] | None = None) -> None:
        own = own or []
        count = f"{len(problems)} error" + ("s" if len(problems) != 1 else "")
        them = "it" if len(problems) == 1 else "them"
        also = (f"; the change itself has {len(own)} problem{'s' if len(own) != 1 else ''} too, named at its own "
                "lines" if own else "")
        # an entry's problem can be mended with an edit; a file YAML can't read, or a missing article, only by hand
        how = (f"by hand or with '{command('kb edit')}' of the entry named" if all(p.entry for p in problems)
               else "by hand in the file and line named")
        super().__init__(f"the knowledge base is already broken, before this change: {count} in its files (below) "
                         f"— fix {them} first, {how} ('{command('check')}' lists every problem), then run the change "
                         f"again{also}", problems + own)
        self.existing = problems
        self.with_change = with_change
        self.command = command
