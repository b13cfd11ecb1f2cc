"""The one error hierarchy of itapack and the one place that maps outcomes to exit codes.

The core raises these; only the command layer turns them into messages and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from .i18n import _


class ExitCode(IntEnum):
    OK = 0  # complete, target met, or the command did what was asked
    EVIDENCE_MISSING = 1  # check: evidence missing or wrong
    INVALID_INPUT = 2  # the pack is invalid, or the command line is
    CANNOT_WRITE = 3  # an output could not be written, or would overwrite something
    INTERNAL_ERROR = 70  # a bug in itapack
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM: a cron timeout, `timeout`, a service manager


@dataclass(frozen=True)
class Location:
    """Where in a pack file something is: file (relative to the pack), 1-based line and column,
    and the path inside the document (levels[2].documents[0].id)."""

    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        text = self.file
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a pack file: where it is, and a message written for the user."""

    location: Location
    message: str

    def __str__(self) -> str:
        where = f" {self.location.path}:" if self.location.path else ""
        return f"{self.location}:{where} {self.message}"


class ItapackError(Exception):
    """Something the user can fix. The message is written for them."""

    exit_code: ExitCode = ExitCode.INVALID_INPUT


class PackError(ItapackError):
    """The pack's YAML is unreadable or invalid. Carries every problem found, each located."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(_("ชุดเอกสารไม่ถูกต้อง (ปัญหา {count} รายการ)").format(count=count))


class InputError(ItapackError):
    """A bad argument or option value that the command line parser could not catch."""


class OutputError(ItapackError):
    """An output cannot be written, or writing it would overwrite something that is not ours."""

    exit_code = ExitCode.CANNOT_WRITE


def exit_code_for(error: BaseException) -> ExitCode:
    if isinstance(error, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    if isinstance(error, ItapackError):
        return error.exit_code
    return ExitCode.INTERNAL_ERROR
