"""Problems found in a knowledge base: what is wrong, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding, rendered as ``FILE:LINE: entry ID: what is wrong — how to fix``."""

    severity: Severity
    file: str
    line: int | None
    message: str
    fix: str = ""
    entry: str | None = None

    def __str__(self) -> str:
        where = f"{_printable(self.file)}:{self.line}" if self.line else _printable(self.file)
        who = f" entry '{_printable(self.entry)}':" if self.entry else ""
        fix = f" — {self.fix}" if self.fix else ""
        return f"{where}:{who} {self.message}{fix}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "entry": self.entry,
            "message": self.message,
            "fix": self.fix,
            "text": str(self),
        }


def _printable(name: str) -> str:
    """A name (an entry's, a file's) as it can be read in one line: a newline or a control character in it, escaped."""
    return name if name.isprintable() else name.encode("unicode_escape").decode("ascii")


class ProblemList(list[Problem]):
    """Collects problems so that one run reports all of them, not just the first."""

    def error(self, file: str, line: int | None, message: str, fix: str = "", entry: str | None = None) -> None:
        self.append(Problem(Severity.ERROR, file, line, message, fix, entry))

    def warn(self, file: str, line: int | None, message: str, fix: str = "", entry: str | None = None) -> None:
        self.append(Problem(Severity.WARNING, file, line, message, fix, entry))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.WARNING]
