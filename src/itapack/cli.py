"""The app: the commands of `commands/` assembled under one name, and the console set up for them.

Only the command named on the command line is imported and built: typer builds every registered
command's parser (signature, type hints, options) before it parses, though one command runs. With
no command, a misspelt one or --help, all are, for the help and the suggestions. `app` (all
commands) is built on first use, for tests and for embedding.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__
from .commands import COMMANDS
from .errors import ExitCode
from .i18n import _, choose
from .i18n.commandline import Group, command_named

choose(sys.argv, os.environ)  # help texts are read as the commands are built: the language comes first

if TYPE_CHECKING:
    app: typer.Typer


def build(named: str | None = None) -> typer.Typer:
    """The app with the command `named`, or with every command when it names none of them."""
    built = typer.Typer(
        name="itapack",
        cls=Group,
        help=_(
            "ชุดเอกสารหลักฐาน ITA ของจังหวัด องค์กรปกครองส่วนท้องถิ่น ส่วนราชการ หรือกระทรวง: ตรวจว่าขาดอะไร "
            "ทำรายงานภาษาไทย และเริ่มชุดเอกสารของปีถัดไป"
        ),
        epilog=_(
            "รหัสการจบ (exit code): 0 เสร็จ (check: ถึงเป้าหมาย), 1 หลักฐานยังขาด, 2 ชุดเอกสารหรือคำสั่งไม่ถูกต้อง, "
            "3 เขียนผลลัพธ์ไม่ได้, 70 ข้อผิดพลาดของโปรแกรม, 130 ถูกยกเลิก (Ctrl-C), 143 ถูกสั่งให้หยุด (SIGTERM)"
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(_main)
    for name in [named] if named in COMMANDS else COMMANDS:
        importlib.import_module(f"{__package__}.commands.{COMMANDS[name]}").register(built)
    return built


def __getattr__(name: str) -> typer.Typer:
    if name == "app":
        try:
            built = build()
        except AttributeError as error:  # would read as "cli has no app", hiding the real fault
            raise RuntimeError(f"building the app: {error}") from error
        globals()["app"] = built
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _version(value: bool) -> None:
    if value:
        print(f"itapack {__version__}")
        raise typer.Exit()


def _language(value: str | None) -> str | None:
    from .i18n import set_language

    if value is None:  # not given: ITAPACK_LANG or Thai, chosen at start-up
        return value
    try:
        set_language(value)
    except ValueError:
        raise typer.BadParameter(_("ใช้ th หรือ en")) from None
    return value


def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_("แสดงรุ่นของโปรแกรมแล้วจบ"))
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="th|en",
            callback=_language,
            is_eager=True,
            help=_("ภาษาของข้อความ: th (ค่าเริ่มต้น) หรือ en; หรือตั้ง ITAPACK_LANG=en"),
        ),
    ] = None,
) -> None:
    """ITA evidence packs: check, render, roll over."""


def main() -> None:
    from .commands import running, streams

    streams.utf8_streams()
    streams.watch_streams()
    try:
        build(command_named(sys.argv[1:]))()
    except OSError as error:  # writing --help or a usage message to a closed or full stdout
        if not running.stdout_failed():
            running.report_bug(error)
            raise SystemExit(ExitCode.INTERNAL_ERROR) from None
        running.discard_stdout()
        running.say(running.stdout_message(error))
        raise SystemExit(ExitCode.CANNOT_WRITE) from None
    except Exception as error:  # a bug before or after a command runs: while parsing, in help
        running.report_bug(error)
        raise SystemExit(ExitCode.INTERNAL_ERROR) from None
