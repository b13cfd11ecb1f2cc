"""Stopping and starting work: Ctrl-C and SIGTERM become Stopped wherever the program is, and
the cycle collector is paused while start-up builds what lives as long as the process, and
while a big result, plan, listing or report is made (cycle_collection_paused).

The entry point sets both up; the commands (commands/running.py) and long jobs (links) see them
here, so that nothing below the entry point imports it.
"""

from __future__ import annotations

import gc
import signal
from collections.abc import Iterator
from contextlib import contextmanager

INTERRUPTED = 130  # errors.ExitCode.INTERRUPTED, without importing anything yet
TERMINATED = 143  # errors.ExitCode.TERMINATED


class Stopped(BaseException):
    """Ctrl-C (SIGINT) or SIGTERM arrived; the program unwinds, cleaning up as it goes."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return TERMINATED if self.signum == getattr(signal, "SIGTERM", None) else INTERRUPTED

    @property
    def message(self) -> str:
        from .i18n import _

        why = _("ได้รับคำสั่งให้หยุด (SIGTERM)") if self.exit_code == TERMINATED else _("หยุดตามที่กด Ctrl-C")
        return "itapack: " + _("{why} ไม่มีไฟล์ใดถูกเขียนค้างไว้ครึ่งเดียว สั่งงานใหม่ได้ทุกเมื่อ").format(why=why)


def _stop(signum: int, frame: object) -> None:
    for name in ("SIGINT", "SIGTERM"):  # a second signal must not cut the clean-up short
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise Stopped(signum)


def catch_stop_signals() -> None:
    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) is not signal.SIG_IGN:
            signal.signal(getattr(signal, name), _stop)


_collection_paused = False


def pause_cycle_collection() -> None:
    """Start-up makes modules, classes and the parser, which live as long as the process: the cycle
    collector walks them over and over while they are made and frees nothing (about 30 ms of a
    check's start, 15 of --help's). It is paused until the command's work begins."""
    global _collection_paused
    if gc.isenabled():
        gc.disable()
        _collection_paused = True


def work_begins() -> None:
    """Called as a command starts: what start-up made is set aside for good (gc.freeze, so later
    collections do not walk it again) and cycle collection resumes, as any program's would. Does
    nothing when start-up did not pause it (the command run in-process, as the tests do)."""
    global _collection_paused
    if _collection_paused:
        _collection_paused = False
        gc.freeze()
        gc.enable()


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Work that makes hundreds of thousands of small objects and no reference cycles (a national
    check's result, the bundle's plan, listing and rows, a report): the cycle collector would walk them
    again and again while they are made, and free nothing (half the check's matching time; the
    bundle's plan took 0.31 s with it, 0.12 s without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
