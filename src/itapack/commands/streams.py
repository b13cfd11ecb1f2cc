"""Standard output and error as the commands need them: UTF-8, and watched for failed writes."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterable
from typing import Any, TextIO


class _WatchedOutput:
    """sys.stdout, remembering whether writing to it failed (a full disk, a closed descriptor), so
    that the exit code can say the output was not written. Everything else is the stream's own."""

    def __init__(self, stream: TextIO, *, closed: bool = False) -> None:
        self._stream = stream
        self._closed = closed  # the process started with stdout closed (`>&-`)
        self.failed = False

    def write(self, text: str) -> int:
        if self._closed:
            self.failed = True
            raise OSError(errno.EBADF, "standard output is closed")
        try:
            return self._stream.write(text)
        except OSError:
            self.failed = True
            raise

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError:
            self.failed = True
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def watch_streams() -> None:
    """stdout is watched for failed writes. A closed stdout or stderr (`>&-`, `2>&-`) gets
    /dev/null on its descriptor, so no file opened later lands on it by chance; stderr then writes
    nowhere (the exit code still tells), stdout fails when written to."""
    closed = {}
    for fd, name in ((1, "stdout"), (2, "stderr")):
        closed[name] = getattr(sys, name) is None
        if not closed[name]:
            continue
        with contextlib.suppress(OSError):
            os.fstat(fd)
            continue
        null = os.open(os.devnull, os.O_WRONLY)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    if closed["stderr"]:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the whole run)
    stdout = open(os.devnull, "w", encoding="utf-8") if closed["stdout"] else sys.stdout  # noqa: SIM115
    sys.stdout = _WatchedOutput(stdout, closed=closed["stdout"])  # type: ignore[assignment]


def utf8_streams() -> None:
    """Output is UTF-8 on every OS unless a terminal can show Thai in its own encoding.

    Piped, a Thai Windows code page would otherwise fail on ✓. A terminal whose locale cannot
    encode Thai at all (LANG=C, PYTHONIOENCODING=ascii: cron, ssh, containers) gets UTF-8 too,
    which nearly every terminal shows; a Thai console (code page 874) keeps its encoding and shows
    a character it lacks as '?'.
    """
    for stream in (sys.stdout, sys.stderr):
        if not hasattr(stream, "reconfigure"):
            continue
        encoding = (stream.encoding or "").lower().replace("-", "").replace("_", "")
        if encoding == "utf8":
            continue
        if stream.isatty() and _shows_thai(stream.encoding):
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8", errors="replace")


def _shows_thai(encoding: str | None) -> bool:
    try:
        "ก".encode(encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        return False
    return True
