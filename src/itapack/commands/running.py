"""How every command runs: errors become messages and exit codes here, in one place."""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import NoReturn, ParamSpec, TextIO, TypeVar

import typer

from ..errors import ExitCode, ItapackError, PackError, exit_code_for
from ..i18n import _
from ..stopping import Stopped, work_begins

P = ParamSpec("P")
R = TypeVar("R")
MAX_PROBLEMS_SHOWN = 50


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """The one place where errors become messages on stderr and exit codes."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        work_begins()
        if (fence := sys.modules.get("itapack.fence")) is not None:  # tests run many commands in one process
            fence.forget_packs()  # only the packs this command loads are fenced
        try:
            try:
                return command(*args, **kwargs)
            finally:
                sys.stdout.flush()  # a closed pipe or a full disk shows here, not at interpreter exit
        except typer.Exit:
            raise
        except BrokenPipeError:
            # The reader stopped reading (`| head`): nothing to report, but the output was cut short.
            discard_stdout()
            raise typer.Exit(ExitCode.CANNOT_WRITE) from None
        except ItapackError as error:
            _report(error)
            raise typer.Exit(exit_code_for(error)) from None
        except Stopped as stop:
            say(stop.message)
            raise typer.Exit(stop.exit_code) from None
        except KeyboardInterrupt:
            say(Stopped(signal.SIGINT).message)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except OSError as error:
            if not stdout_failed():
                _internal_error(error)
            discard_stdout()
            say(stdout_message(error))
            raise typer.Exit(ExitCode.CANNOT_WRITE) from None
        except Exception as error:
            _internal_error(error)

    return wrapper


def _internal_error(error: Exception) -> NoReturn:
    report_bug(error)
    raise typer.Exit(ExitCode.INTERNAL_ERROR) from None


def report_bug(error: Exception) -> None:
    """A bug said as one, without a traceback (unless ITAPACK_DEBUG asks for it)."""
    if os.environ.get("ITAPACK_DEBUG"):
        raise error
    say(
        _(
            "itapack: ข้อผิดพลาดภายใน: {error}\n"
            "นี่คือข้อบกพร่องของ itapack ไม่ใช่ของชุดเอกสาร รันอีกครั้งด้วย ITAPACK_DEBUG=1 แล้วแจ้งสิ่งที่แสดง"
        ).format(error=f"{type(error).__name__}: {error}")
    )


def stdout_failed() -> bool:
    """Did writing to standard output fail (main() watches it)?"""
    return bool(getattr(sys.stdout, "failed", False))


def discard_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so exiting does not fail on it a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def stdout_message(error: OSError) -> str:
    why = _("ถูกปิดไว้") if error.errno == errno.EBADF else (error.strerror or str(error))
    return "itapack: " + _(
        "เขียนผลลัพธ์ออกทางเอาต์พุตมาตรฐานไม่ได้ ({why}) ผลลัพธ์ไม่ครบ "
        "ตรวจว่าดิสก์ปลายทางไม่เต็มและยังเปิดรับอยู่ หรือใช้ --output เพื่อเขียนลงไฟล์"
    ).format(why=why)


def _report(error: ItapackError) -> None:
    if isinstance(error, PackError):
        say(f"itapack: {error}:")
        for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
            say(f"  {problem}")
        if len(error.problems) > MAX_PROBLEMS_SHOWN:
            say(_("  … และอีก {count} รายการ").format(count=len(error.problems) - MAX_PROBLEMS_SHOWN))
        return
    say(f"itapack: {error}")


def on_terminal() -> bool:
    """A person at the keyboard, who can be asked (intake's choices, init's questions)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def say(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # stderr closed or full: the exit code still tells
        print(text, file=sys.stderr, flush=True)


@contextlib.contextmanager
def working(what: str, *, after: float = 2.0, stream: TextIO | None = None) -> Iterator[None]:
    """ "กำลังทำแฟ้มรวม PDF… 12 วินาที" on stderr while a long step runs (a binder's 20 s), so that
    a clerk sees it has not hung: only on a terminal and only after `after` seconds. Piped or
    redirected, nothing is written."""
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        yield
        return
    started = time.monotonic()
    stop = threading.Event()
    shown = [""]

    def tick() -> None:
        while not stop.wait(0.5 if after else 0.05):
            seconds = time.monotonic() - started
            if seconds >= after:
                shown[0] = _("{what}… {seconds} วินาที").format(what=what, seconds=int(seconds))
                with contextlib.suppress(OSError, ValueError):  # the terminal went away: the work goes on
                    out.write(f"\r{shown[0]} ")
                    out.flush()

    ticking = threading.Thread(target=tick, name="itapack-working", daemon=True)
    ticking.start()
    try:
        yield
    finally:
        stop.set()
        ticking.join()
        if shown[0]:  # blanked with spaces: an old Windows console does not know ANSI erase codes
            with contextlib.suppress(OSError, ValueError):
                out.write("\r" + " " * (len(shown[0]) + 1) + "\r")
                out.flush()


@contextlib.contextmanager
def progress_line() -> Iterator[Callable[[int, int], None] | None]:
    """A line on stderr while a big tree is read, only on a terminal and only after a second."""
    if not sys.stderr.isatty():
        yield None
        return
    started = time.monotonic()
    shown = [0.0]
    line = [""]

    def show(folders: int, files: int) -> None:
        now = time.monotonic()
        if now - started > 1 and now - shown[0] > 0.2:
            shown[0] = now
            line[0] = _("กำลังตรวจ… {files} ไฟล์ ใน {folders} โฟลเดอร์").format(files=f"{files:,}", folders=f"{folders:,}")
            sys.stderr.write(f"\r{line[0]} ")
            sys.stderr.flush()

    try:
        yield show
    finally:
        if line[0]:  # blanked with spaces: an old Windows console does not know ANSI erase codes
            sys.stderr.write("\r" + " " * (len(line[0]) + 1) + "\r")
            sys.stderr.flush()
