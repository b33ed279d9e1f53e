"""Exit codes and the errors a user can fix (printed without a traceback)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import ClassVar

from gbstd.i18n import Lang, Message


class ExitCode(IntEnum):
    """Process exit codes, documented in ``gbstd --help``.

    1 is left to Python: an uncaught exception is a bug and must not look like a finding.
    """

    OK = 0
    USAGE = 2  # command-line usage error (Typer's own code)
    INVALID_INPUT = 3  # missing or malformed file, schema violation, unknown standard
    GAPS_FOUND = 4  # the work finished and found gaps
    INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + 2, as shells report it
    TERMINATED = 143  # SIGTERM: 128 + 15


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    file: str
    message: Message
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None
    label: Message | None = None  # what a person calls the field; shown before its path

    def render(self, lang: Lang = "zh") -> str:
        """Format as ``file:line:column: field: message`` (``label (field)`` when labelled)."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        text = self.message(lang)
        field = f"{self.label(lang)} ({self.field})" if self.label and self.field else self.field
        return f"{where}: {field}: {text}" if field else f"{where}: {text}"

    def __str__(self) -> str:  # noqa: D105
        return self.render()


class GbstdError(Exception):
    """An error the user can fix; the CLI prints it without a traceback."""

    exit_code: ClassVar[ExitCode] = ExitCode.INVALID_INPUT

    def __init__(self, zh: str, en: str | None = None) -> None:
        """Keep the message in both languages; ``str()`` gives the Chinese one."""
        self.message = Message(zh, en or zh)
        super().__init__(zh)

    def render(self, lang: Lang = "zh") -> str:
        """Return the message in ``lang``."""
        return self.message(lang)


class InvalidInputError(GbstdError):
    """One or more problems in input files, all reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep every problem, in file and line order."""
        self.problems = sorted(
            problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.field or "")
        )
        super().__init__(
            "\n".join(p.render("zh") for p in self.problems),
            "\n".join(p.render("en") for p in self.problems),
        )

    def render(self, lang: Lang = "zh") -> str:
        """Return one line per problem in ``lang``."""
        return "\n".join(p.render(lang) for p in self.problems)


class UnknownStandardError(GbstdError):
    """A standard id that matches nothing (or more than one thing) in the catalogue."""


class UsageError(GbstdError):
    """A combination of options that cannot work; exits like Typer's own usage errors."""

    exit_code: ClassVar[ExitCode] = ExitCode.USAGE
