"""The command line: one small function per command. Parse options, call the core, pick an output.

Errors from the core are turned into messages and exit codes in one place, handles_errors().
Heavy libraries (python-docx, jinja2) are imported only inside the commands that need them.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import functools
import io
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TextIO, TypeVar

import typer

from . import __version__
from .entry import Stopped, work_begins
from .errors import ExitCode, ItapackError, PackError, exit_code_for
from .i18n import _, _n, choose
from .i18n.commandline import Group, command_named

choose(sys.argv, os.environ)  # help texts are read when the app is built, below: the language comes first

if TYPE_CHECKING:
    from .evidence.result import CheckResult
    from .outputs.outfile import Output

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
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

PackArgument = Annotated[
    Path,
    typer.Argument(metavar="PACK", help=_("โฟลเดอร์ชุดเอกสาร (ที่มี pack.yaml และ levels.yaml) หรือไฟล์ pack.yaml ของมัน")),
]
# The day due dates are judged against, for every command that judges them.
TodayOption = Annotated[
    str | None,
    typer.Option("--today", metavar="YYYY-MM-DD", help=_("ตัดสินกำหนดส่งตามวันนี้ (พ.ศ.) ค่าเริ่มต้น: วันนี้")),
]
DueSoonOption = Annotated[
    int | None,
    typer.Option(
        "--due-soon-days",
        metavar="N",
        min=0,
        help=_("ข้อที่ยังขาดและจะถึงกำหนดส่งภายใน N วัน นับเป็น 'ใกล้กำหนด' ค่าเริ่มต้น: due_soon_days ใน pack.yaml หรือ 14"),
    ),
]
MAX_PROBLEMS_SHOWN = 50


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """The one place where errors become messages on stderr and exit codes."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        work_begins()
        if (safety := sys.modules.get("itapack.safety")) is not None:  # tests run many commands in one process
            safety.forget_packs()  # only the packs this command loads are fenced
        try:
            try:
                return command(*args, **kwargs)
            finally:
                sys.stdout.flush()  # a closed pipe or a full disk shows here, not at interpreter exit
        except typer.Exit:
            raise
        except BrokenPipeError:
            # The reader stopped reading (`| head`): nothing to report, but the output was cut short.
            _discard_stdout()
            raise typer.Exit(ExitCode.CANNOT_WRITE) from None
        except ItapackError as error:
            _report(error)
            raise typer.Exit(exit_code_for(error)) from None
        except Stopped as stop:
            _say(stop.message)
            raise typer.Exit(stop.exit_code) from None
        except KeyboardInterrupt:
            _say(Stopped(signal.SIGINT).message)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except OSError as error:
            if not _stdout_failed():
                _internal_error(error)
            _discard_stdout()
            _say(_stdout_message(error))
            raise typer.Exit(ExitCode.CANNOT_WRITE) from None
        except Exception as error:
            _internal_error(error)

    return wrapper


def _internal_error(error: Exception) -> NoReturn:
    if os.environ.get("ITAPACK_DEBUG"):
        raise error
    _say(
        _(
            "itapack: ข้อผิดพลาดภายใน: {error}\n"
            "นี่คือข้อบกพร่องของ itapack ไม่ใช่ของชุดเอกสาร รันอีกครั้งด้วย ITAPACK_DEBUG=1 แล้วแจ้งสิ่งที่แสดง"
        ).format(error=f"{type(error).__name__}: {error}")
    )
    raise typer.Exit(ExitCode.INTERNAL_ERROR) from None


def _stdout_failed() -> bool:
    """Did writing to standard output fail (main() watches it)?"""
    return bool(getattr(sys.stdout, "failed", False))


def _discard_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so exiting does not fail on it a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _stdout_message(error: OSError) -> str:
    why = _("ถูกปิดไว้") if error.errno == errno.EBADF else (error.strerror or str(error))
    return "itapack: " + _(
        "เขียนผลลัพธ์ออกทางเอาต์พุตมาตรฐานไม่ได้ ({why}) ผลลัพธ์ไม่ครบ "
        "ตรวจว่าดิสก์ปลายทางไม่เต็มและยังเปิดรับอยู่ หรือใช้ --output เพื่อเขียนลงไฟล์"
    ).format(why=why)


def _report(error: ItapackError) -> None:
    if isinstance(error, PackError):
        _say(f"itapack: {error}:")
        for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
            _say(f"  {problem}")
        if len(error.problems) > MAX_PROBLEMS_SHOWN:
            _say(_("  … และอีก {count} รายการ").format(count=len(error.problems) - MAX_PROBLEMS_SHOWN))
        return
    _say(f"itapack: {error}")


def _say(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # stderr closed or full: the exit code still tells
        print(text, file=sys.stderr, flush=True)


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


@app.callback()
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


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"
    xlsx = "xlsx"


@app.command(
    help=_(
        "ตรวจโฟลเดอร์หลักฐานแล้วรายงานตามระดับหรือหมวด เอกสาร และหน่วยงาน ว่ามีอะไรแล้ว ขาด ผิด หรือเกินกำหนด\n\n"
        "จบด้วย 0 เมื่อถึงเป้าหมายของชุดเอกสาร (ระดับ หรือคะแนนของรายการตรวจ) และ 1 เมื่อหลักฐานยังขาด"
    )
)
@handles_errors
def check(
    pack: PackArgument = Path("."),
    format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help=_("text: ตารางบนจอ บรรทัดธรรมดาเมื่อส่งต่อ (pipe); json; junit (สำหรับ CI); xlsx (ใช้กับ -o)"),
        ),
    ] = CheckFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=_("เขียนลงไฟล์นี้ (UTF-8) แทนการแสดงบนจอ")),
    ] = None,
    level: Annotated[
        list[str] | None,
        typer.Option(
            "--level",
            "--section",
            "-l",
            metavar="N",
            help=_("แสดงเฉพาะระดับหรือหมวดนี้ ตามลำดับหรือรหัสของหมวด (ใส่ซ้ำได้)"),
        ),
    ] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", "-u", metavar="UNIT", help=_("แสดงเฉพาะหน่วยงานนี้ ตามรหัสหรือชื่อภาษาไทย (ใส่ซ้ำได้)")),
    ] = None,
    target_level: Annotated[
        int | None,
        typer.Option("--target-level", "-t", metavar="N", min=1, help=_("ผ่าน (exit 0) เมื่อถึงระดับนี้")),
    ] = None,
    target_score: Annotated[
        float | None,
        typer.Option(
            "--target-score",
            metavar="PERCENT",
            min=0,
            max=100,
            help=_("ชุดเอกสารแบบรายการตรวจ: ผ่านเมื่อคะแนนถึงค่านี้"),
        ),
    ] = None,
    today: TodayOption = None,
    due_soon_days: DueSoonOption = None,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับไฟล์ --output ที่ itapack ไม่ได้เขียนไว้"))] = False,
    links: Annotated[
        bool,
        typer.Option("--links", help=_("แสดงสถานะลิงก์หน้าเว็บของแต่ละข้อคู่กับหลักฐาน ตามที่ `itapack links` ตรวจไว้ครั้งล่าสุด")),
    ] = False,
) -> None:
    """Scan the evidence folders and report, per level or section, document and unit, what is there,
    missing, wrong or overdue.

    Exits 0 when the pack's target (level, or score for a checklist) is reached, 1 when evidence is missing.
    """
    from .check import check as run_check
    from .check import select
    from .errors import InputError
    from .pack.loader import load_pack

    day = _be_date_option("--today", today)
    loaded = load_pack(pack)
    if target_level is not None and target_level > len(loaded.sections):
        raise InputError(
            _("--target-level {level}: ชุดเอกสารนี้มีระดับ 1 ถึง {highest}").format(
                level=target_level, highest=len(loaded.sections)
            )
        )
    if target_level is not None and not loaded.ladder:
        raise InputError(_("--target-level: ชุดเอกสารนี้เป็นแบบรายการตรวจ (scoring: checklist) ใช้ --target-score"))
    if target_score is not None and loaded.ladder:
        raise InputError(_("--target-score: ชุดเอกสารนี้ให้คะแนนเป็นระดับ ใช้ --target-level"))
    target = None
    if output is not None:  # outfile, atomic and tempfile only for a check that writes a file
        from .outputs.outfile import plan

        target = plan(output, loaded, force=force)
    with _progress() as progress:
        checked = run_check(loaded, progress, today=day, due_soon_days=due_soon_days)
    result = select(checked, loaded, level or (), unit or ())
    if links:  # from the cache only: check never fetches
        from .links.join import with_links

        result = with_links(loaded, result)
    _emit_check(result, format, target, target_level, target_score, pack_root=loaded.root)
    passed = result.passed(target_level, target_score)
    raise typer.Exit(ExitCode.OK if passed else ExitCode.EVIDENCE_MISSING)


def _be_date_option(name: str, text: str | None) -> datetime.date | None:
    from .errors import InputError
    from .pack import thai

    if text is None:
        return None
    try:
        return thai.parse_be_date(text)
    except ValueError as error:
        raise InputError(f"{name}: {error}") from None


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
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


def _emit_check(
    result: CheckResult,
    format: CheckFormat,
    output: Output | None,
    target_level: int | None,
    target_score: float | None,
    pack_root: Path = Path("."),
) -> None:
    if format is CheckFormat.xlsx:
        from .chase.export import emit_xlsx

        emit_xlsx(result, output, pack_root)
        return
    if format is CheckFormat.text and output is None and sys.stdout.isatty():
        from .outputs import terminal

        terminal.render(result, sys.stdout, target_level, target_score)
        return
    if format is CheckFormat.json:
        from .outputs import jsonout

        write: Callable[[TextIO], None] = functools.partial(jsonout.write, result)
    elif format is CheckFormat.junit:
        from .outputs import junit

        write = lambda stream: stream.write(junit.dumps(result))  # noqa: E731
    else:
        from .outputs import plain

        write = functools.partial(plain.render, result, target_level=target_level, target_score=target_score)
    if output is None:
        write(sys.stdout)
    else:
        with output.open() as stream:
            write(stream)


@app.command(help=_("ตรวจเฉพาะ YAML ของชุดเอกสาร: ทุกปัญหาพร้อมไฟล์ บรรทัด และคอลัมน์ จบด้วย 0 หรือ 2"))
@handles_errors
def validate(pack: PackArgument = Path(".")) -> None:
    """Check the pack's YAML only: every problem with file, line and column. Exits 0 or 2."""
    from .pack.loader import load_pack
    from .timeline.plan import load_plan

    loaded = load_pack(pack)
    plan = load_plan(loaded)  # the drive plan (plan.yaml), when the pack has one, is the pack's YAML too
    for warning in (*loaded.warnings, *(plan.warnings if plan else ())):
        _say(_("คำเตือน: {warning}").format(warning=warning))
    per_unit = sum(1 for doc in loaded.documents if doc.per_unit)
    units = len(loaded.roster.units)
    sections = (_("{count} ระดับ") if loaded.ladder else _("{count} หมวด (รายการตรวจ)")).format(
        count=len(loaded.sections)
    )
    print(
        _(
            "{pack}: ถูกต้อง: {organisation} ปีงบประมาณ {year} {sections} เอกสาร {documents} ข้อ "
            "(แยกตามหน่วยงาน {per_unit} ข้อ) หน่วยงาน {units} หน่วย"
        ).format(
            pack=pack,
            organisation=loaded.organisation.name,
            year=loaded.fiscal_year,
            sections=sections,
            documents=len(loaded.documents),
            per_unit=per_unit,
            units=units,
        )
    )


@app.command(
    help=_(
        "เขียนรายงานภาษาไทยเป็น DOCX และ HTML: สรุป ตารางหน่วยงาน และรายการที่ต้องติดตาม\n\n"
        "จบด้วย 0 เมื่อเขียนรายงานแล้ว ไม่ว่าหลักฐานจะครบหรือไม่ (คำสั่ง check เป็นผู้ตัดสิน)"
    )
)
@handles_errors
def render(
    pack: PackArgument = Path("."),
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help=_("โฟลเดอร์ของรายงาน ค่าเริ่มต้น: PACK/reports")),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="LIST", help=_("docx, html หรือทั้งสอง คั่นด้วยจุลภาค"))
    ] = "docx,html",
    thai_digits: Annotated[
        bool | None,
        typer.Option(
            "--thai-digits/--arabic-digits",
            help=_("ตัวเลขและวันที่เป็น ๐–๙ หรือ 0–9 ค่าเริ่มต้น: ตามที่ชุดเอกสารตั้งไว้"),
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help=_("วันที่ของรายงานและใช้ตัดสินกำหนดส่ง (พ.ศ.) ค่าเริ่มต้น: วันนี้")),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับไฟล์รายงานที่ itapack ไม่ได้เขียนไว้"))] = False,
    measures: Annotated[
        bool,
        typer.Option("--measures", help=_("เขียนร่างเอกสาร o42 แทน: ผลการประเมินปีที่แล้ว จุดอ่อน และมาตรการ")),
    ] = False,
    links: Annotated[
        bool, typer.Option("--links", help=_("บันทึกสถานะลิงก์หน้าเว็บของแต่ละข้อ ตามที่ `itapack links` ตรวจไว้ครั้งล่าสุด"))
    ] = False,
) -> None:
    """Write the Thai DOCX and HTML checklist: summary, unit matrix and follow-up list.

    Exits 0 when the reports are written, whatever the evidence says; check decides that.
    """
    if measures:
        _render_measures(pack, out, format, thai_digits, date, force)
        return
    from .check import check as run_check
    from .pack.loader import load_pack
    from .render import parse_formats, render_reports

    formats = parse_formats(format)
    today = _be_date_option("--date", date) or datetime.date.today()
    loaded = load_pack(pack)
    checked = run_check(loaded, today=today)
    if links:  # from the cache only: render never fetches
        from .i18n import speaking
        from .links.join import with_links

        with speaking("th"):  # the pages' findings are read into a Thai report
            checked = with_links(loaded, checked)
    written = render_reports(
        loaded,
        checked,
        out=out if out is not None else loaded.root / "reports",
        formats=formats,
        thai_digits=thai_digits,
        today=today,
        force=force,
    )
    for path in written:
        print(_("เขียนแล้ว {path}").format(path=path))


@app.command(
    help=_(
        "สร้างโฟลเดอร์หลักฐานที่ชุดเอกสารต้องการ แต่ละโฟลเดอร์มี README.txt บอกว่าต้องวางอะไร\n\n"
        "โฟลเดอร์ที่ใช้อยู่แล้วคงไว้ตามเดิม ไม่ลบและไม่เขียนทับไฟล์ของใคร โฟลเดอร์ที่มีแค่ README.txt "
        "เปลี่ยนชื่อตามชื่อเอกสารปัจจุบัน รันซ้ำได้ทุกเมื่อ"
    )
)
@handles_errors
def scaffold(
    pack: PackArgument = Path("."),
    prune: Annotated[
        bool,
        typer.Option("--prune", help=_("ลบโฟลเดอร์ที่ไม่มีเอกสารข้อใดใช้และมีแค่ README.txt ที่ itapack เขียนไว้")),
    ] = False,
) -> None:
    """Create the evidence folders the pack expects, each with a README.txt saying what goes there.

    Folders already in use are kept as they are; nothing is deleted or overwritten. Run it again
    at any time.
    """
    from .check import check as run_check
    from .pack.loader import load_pack
    from .year.scaffold import scaffold as make_folders

    loaded = load_pack(pack)
    outcome = make_folders(loaded, run_check(loaded), prune=prune)
    for folder in outcome.outside:
        _say(
            "itapack: "
            + _("ไม่ได้สร้าง {folder}/ เพราะทางไปผ่านลิงก์ที่ชี้ออกนอกชุดเอกสาร ตรวจลิงก์นั้น หรือสร้างโฟลเดอร์เอง").format(folder=folder)
        )
    for old, new in outcome.renamed:
        print(_("เปลี่ยนชื่อโฟลเดอร์ตามชื่อเอกสารปัจจุบัน: {old} -> {new}").format(old=old, new=new))
    for folder in outcome.pruned:
        print(_("ลบโฟลเดอร์ที่ไม่มีเอกสารข้อใดใช้: {folder}").format(folder=folder))
    orphans = [folder for folder in outcome.orphans if folder not in outcome.pruned]
    if orphans:
        print(
            _("โฟลเดอร์ที่ไม่มีเอกสารข้อใดใช้ (มีแค่ README.txt) {count} โฟลเดอร์ ลบได้ด้วย itapack scaffold --prune:").format(
                count=len(orphans)
            )
        )
        for folder in orphans:
            print(f"  {folder}")
    print(
        _("{pack}: สร้างโฟลเดอร์ {created} โฟลเดอร์ เขียน README.txt {readmes} ไฟล์; มีอยู่แล้ว {existing} โฟลเดอร์").format(
            pack=loaded.root, created=len(outcome.created), readmes=len(outcome.readmes), existing=outcome.existing
        )
    )


@app.command(
    help=_(
        "เริ่มชุดเอกสารใหม่ของปี: ของจังหวัด (--province) จากโครงสร้างปีงบประมาณ 2567 ที่มีมากับโปรแกรม "
        "หรือ OIT ของหน่วยงาน (--organisation) จากข้อ o36–o43 ของ ITA 2566\n\n"
        "ตรวจความถูกต้องและตรวจหลักฐานทันที (ขาดทุกรายการ) จากนั้นใส่รายชื่อหน่วยงานใน units.yaml "
        "หรือที่อยู่หน้าเว็บใน sections.yaml และปรับตามคู่มือของปี"
    )
)
@handles_errors
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help=_("โฟลเดอร์ใหม่ (หรือว่าง) สำหรับชุดเอกสาร"))],
    province: Annotated[str | None, typer.Option("--province", "-p", help=_("ชื่อจังหวัดภาษาไทย เช่น สมุทรสาคร"))] = None,
    organisation: Annotated[
        str | None,
        typer.Option("--organisation", help=_("ชุดเอกสาร OIT ของหน่วยงานนี้ เช่น องค์การบริหารส่วนตำบลบางปลา")),
    ] = None,
    kind: Annotated[
        str,
        typer.Option("--kind", help=_("ประเภทของหน่วยงาน (--organisation): local, regional, central, ministry, other")),
    ] = "local",
    parent: Annotated[
        str | None, typer.Option("--parent", help=_("หน่วยงานที่กำกับ (--organisation) เช่น อำเภอบางบ่อ"))
    ] = None,
    fiscal_year: Annotated[
        int | None,
        typer.Option("--fiscal-year", "-y", metavar="YEAR", help=_("ปี พ.ศ. ค่าเริ่มต้น: ปีงบประมาณปัจจุบัน")),
    ] = None,
    office: Annotated[
        str | None, typer.Option("--office", help=_("หน่วยงานที่รับผิดชอบ ค่าเริ่มต้น: สำนักงานจังหวัด<จังหวัด>"))
    ] = None,
) -> None:
    """Start a new pack for a year: a province's (--province) from the built-in FY 2567 levels, or
    a body's own OIT disclosures (--organisation) from ITA 2566 items o36-o43.

    It validates and checks straight away (everything missing). Then list the units in
    units.yaml, or the pages' addresses in sections.yaml, and adapt it to the year's manual.
    """
    import datetime

    from .year.newpack import current_fiscal_year, init_pack

    year = fiscal_year if fiscal_year is not None else current_fiscal_year(datetime.date.today())
    pack = init_pack(
        folder, fiscal_year=year, province=province, office=office, organisation=organisation, kind=kind, parent=parent
    )
    if organisation is None:
        print(
            _("{folder}: ชุดเอกสารใหม่ของจังหวัด{province} ปีงบประมาณ {year}").format(
                folder=folder, province=pack.info.province, year=pack.fiscal_year
            )
        )
        next_step = _("ขั้นต่อไป: ใส่รายชื่อหน่วยงานใน {units} แล้วรัน: itapack check {folder}")
        print(next_step.format(units=folder / "units.yaml", folder=folder))
        return
    print(
        _("{folder}: ชุดเอกสาร OIT ใหม่ของ{organisation} ปีงบประมาณ {year}").format(
            folder=folder, organisation=pack.organisation.name, year=pack.fiscal_year
        )
    )
    next_step = _("ขั้นต่อไป: ใส่ที่อยู่หน้าเว็บของแต่ละข้อ (url) ใน {sections} แล้วรัน: itapack check {folder}")
    print(next_step.format(sections=folder / "sections.yaml", folder=folder))


class RolloverFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(
    help=_(
        "เริ่มชุดเอกสารของปีงบประมาณถัดไปจากชุดนี้: เลื่อนปี ล้างวันที่ ไม่มีหลักฐาน\n\n"
        "ชุดเดิมถูกอ่านอย่างเดียว จบด้วย 0 เมื่อเขียนแล้ว (คำเตือนให้คนตรวจดู) 2 เมื่อชุดเดิมไม่ถูกต้อง "
        "3 เมื่อโฟลเดอร์ปลายทางมีอยู่และไม่ว่าง (เว้นแต่ใช้ --force)"
    )
)
@handles_errors
def rollover(
    pack: PackArgument,
    to: Annotated[int, typer.Option("--to", metavar="YEAR", help=_("ปีงบประมาณใหม่ (พ.ศ. เช่น 2568)"))],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help=_("โฟลเดอร์ของชุดเอกสารใหม่ ค่าเริ่มต้น: ข้าง PACK เปลี่ยนปีในชื่อ")),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_("บอกว่าจะเขียนและเปลี่ยนอะไร โดยไม่เขียนจริง"))] = False,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนลงโฟลเดอร์ที่ไม่ว่าง (ไฟล์อื่นในนั้นคงไว้)"))] = False,
    format: Annotated[RolloverFormat, typer.Option("--format", "-f", help=_("text หรือ json"))] = RolloverFormat.text,
) -> None:
    """Start next fiscal year's pack from this one: years moved on, dates cleared, no evidence.

    The source pack is only read. Exits 0 when written (warnings are for a person to review),
    2 when the source is invalid, 3 when the target exists and is not empty (without --force).
    """
    from .outputs import rollover_report
    from .pack.loader import load_pack
    from .year.rollover import rollover as roll

    plan = roll(load_pack(pack), to, out, dry_run=dry_run, force=force)
    if format is RolloverFormat.json:
        sys.stdout.write(rollover_report.dumps(plan, dry_run=dry_run))
    else:
        sys.stdout.write(rollover_report.to_text(plan, dry_run=dry_run))


class TotalCheck(StrEnum):
    error = "error"
    warning = "warning"
    off = "off"


class LinksFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(
    help=_(
        "เขียนสมุดงานติดตาม: สรุป หน่วยงาน × เอกสาร รายการที่ต้องติดตาม และไฟล์หลักฐานทุกไฟล์\n\nจบด้วย 0 "
        "เมื่อเขียนเสร็จ ไม่ว่าหลักฐานจะครบหรือไม่ (check เป็นผู้ตัดสิน)"
    )
)
@handles_errors
def export(
    pack: PackArgument = Path("."),
    xlsx: Annotated[
        Path, typer.Option("--xlsx", metavar="FILE", help=_("ไฟล์สมุดงานติดตามที่จะเขียน (Excel, .xlsx)"))
    ] = Path("itapack-tracking.xlsx"),
    today: TodayOption = None,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับสมุดงานที่ itapack ไม่ได้เขียนไว้"))] = False,
) -> None:
    """Write the tracking workbook: summary, units x documents, what to chase, every evidence file.

    Exits 0 when it is written, whatever the evidence says; check decides that.
    """
    from .chase.workbook import write_workbook
    from .check import check as run_check
    from .pack.loader import load_pack

    day = _be_date_option("--today", today)
    loaded = load_pack(pack)
    with _progress() as progress:
        result = run_check(loaded, progress, today=day)
    write_workbook(result, xlsx, pack_root=loaded.root, force=force)
    print(_("เขียนแล้ว {path}").format(path=xlsx))


@app.command(
    help=_(
        "แสดงผลการประเมิน ITA ปีนี้เทียบปีที่แล้ว และจุดอ่อน; --import บันทึกไฟล์ผลคะแนนลงใน results ของ pack.yaml "
        "(แก้เฉพาะคีย์นั้น)\n\nจบด้วย 0 หรือ 2 เมื่อไฟล์หรือชุดเอกสารมีปัญหา (ระบุ file:line หรือ sheet!cell)"
    )
)
@handles_errors
def scores(
    pack: PackArgument = Path("."),
    import_file: Annotated[
        Path | None,
        typer.Option(
            "--import", "-i", metavar="FILE", help=_("ไฟล์ผลคะแนนที่จะบันทึก: .csv หรือ .xlsx ตามที่ส่งออกจากระบบ หรือ .yaml")
        ),
    ] = None,
    total_check: Annotated[
        TotalCheck | None,
        typer.Option(
            "--total-check",
            help=_(
                "คะแนนรวมที่ไม่ตรงกับผลรวมถ่วงน้ำหนัก: error เป็นข้อผิดพลาด warning เป็นคำเตือน off ไม่ตรวจ ค่าเริ่มต้น: ตามแคตตาล็อก"
            ),
        ),
    ] = None,
) -> None:
    """Show this year's ITA results against last year's, and the weak points; --import stores a results file
    in pack.yaml's results (only that key is rewritten).

    Exits 0, or 2 when the file or the pack has problems (each with file:line or sheet!cell).
    """
    from .scores import text
    from .scores.command import run

    if import_file is not None:
        from .safety import check_input

        check_input(import_file, "--import")
    outcome = run(pack, import_file, total_check.value if total_check else None)
    for warning in outcome.warnings:
        _say(_("คำเตือน: {warning}").format(warning=warning))
    if outcome.stored is not None:
        print(_("บันทึกผลลงใน {path} (results:)").format(path=outcome.stored))
    if outcome.changed is not None:
        changed = ", ".join(outcome.changed) or _("ไม่มี (ตรงกับที่บันทึกไว้แล้ว)")
        print(_("รายการที่เปลี่ยน: {items}; รายการอื่นคงเดิม").format(items=changed))
    text.write(
        sys.stdout,
        outcome.catalogue,
        organisation=outcome.pack.organisation.name,
        year=outcome.pack.fiscal_year,
        now=outcome.now,
        previous_year=outcome.previous_year,
        before=outcome.before,
        rule=outcome.pack.info.weak_points,
    )


def _render_measures(
    pack: Path, out: Path | None, format: str, thai_digits: bool | None, date: str | None, force: bool
) -> None:
    from .pack.loader import load_pack
    from .render import parse_formats
    from .scores.o42 import render_measures

    loaded = load_pack(pack)
    written = render_measures(
        loaded,
        out=out if out is not None else loaded.root / "reports",
        formats=parse_formats(format),
        thai_digits=thai_digits,
        today=_be_date_option("--date", date) or datetime.date.today(),
        force=force,
    )
    for path in written:
        print(_("เขียนแล้ว {path}").format(path=path))


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


def _watch_streams() -> None:
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


@app.command(
    help=_(
        "เขียนหนังสือติดตามถึงทุกหน่วยงานที่ยังค้างส่งหลักฐาน (หนังสือภายนอก หรือบันทึกข้อความถึงหน่วยงานภายใน): "
        "ขาดหรือผิดอะไร ส่งอย่างไร และวันที่ขอให้ตอบ itapack ไม่ส่งอะไรออกไปเอง"
    )
)
@handles_errors
def letters(
    pack: PackArgument = Path("."),
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="DIR", help=_("โฟลเดอร์สำหรับหนังสือติดตาม ค่าเริ่มต้น: PACK/letters"))
    ] = None,
    due: Annotated[
        str | None,
        typer.Option("--due", metavar="YYYY-MM-DD", help=_("ขอให้ตอบภายในวันนี้ (ปีพุทธศักราช) ค่าเริ่มต้น: อีก 15 วัน")),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help=_("วันที่ของบันทึกข้อความ (ปีพุทธศักราช) ค่าเริ่มต้น: วันนี้"))
    ] = None,
    unit: Annotated[
        list[str] | None, typer.Option("--unit", "-u", metavar="UNIT", help=_("เฉพาะหน่วยงานนี้ (ใส่ซ้ำได้)"))
    ] = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", metavar="KIND", help=_("เฉพาะหน่วยงานประเภทนี้ (ใส่ซ้ำได้)"))
    ] = None,
    district: Annotated[
        list[str] | None, typer.Option("--district", metavar="DISTRICT", help=_("เฉพาะอำเภอนี้ (ใส่ซ้ำได้)"))
    ] = None,
    split: Annotated[bool, typer.Option("--split", help=_("แยกไฟล์ DOCX ต่อหน่วยงาน แทนไฟล์เดียวรวมทุกหน่วย"))] = False,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับไฟล์ DOCX ที่ itapack ไม่ได้เขียนไว้"))] = False,
) -> None:
    """Write a follow-up letter to every unit that still owes evidence (หนังสือภายนอก, or บันทึกข้อความ
    to a unit of the office itself): what is missing or wrong, where it goes, and the reply-by date.
    Nothing is sent.
    """
    from .chase.letters import memos, selection_name, write_letters
    from .check import check as run_check
    from .pack.loader import load_pack

    day = _be_date_option("--date", date) or datetime.date.today()
    reply_by = _be_date_option("--due", due) or day + datetime.timedelta(days=15)
    loaded = load_pack(pack)
    result = run_check(loaded, today=day)
    found = memos(result, loaded, unit or (), kind or (), district or ())
    written = write_letters(
        loaded,
        result,
        found,
        out=out or loaded.root / "letters",
        today=day,
        due=reply_by,
        split=split,
        force=force,
        narrowed=selection_name(loaded, unit or (), kind or (), district or ()),
    )
    for path in written:
        print(_("เขียนแล้ว {path}").format(path=path))
    if found:
        print(_n("บันทึกติดตาม {count} หน่วยงาน", len(found)).format(count=len(found)))
    else:
        print(_("ไม่มีหน่วยงานที่ค้างส่งหลักฐาน: ไม่ได้เขียนบันทึก"))


@app.command(
    help=_(
        "เปิดทุกที่อยู่เว็บในชุดเอกสาร (url ของเอกสาร และ urls ของหน่วยงาน) อย่างผู้ตรวจ OIT: ลิงก์เสีย "
        'หน้าที่ต้องเข้าสู่ระบบ หน้า "ไม่พบ" หน้าของปีที่แล้ว และเนื้อหาที่ขาด\n\nผลเก็บไว้ในโฟลเดอร์แคชของผู้ใช้ '
        "(ย้ายได้ด้วย ITAPACK_CACHE_DIR) สำหรับ --offline และ check --links จบด้วย 0 เมื่อลิงก์ปกติทั้งหมด 1 "
        "เมื่อมีลิงก์ต้องแก้ 2 เมื่อชุดเอกสารไม่ถูกต้อง 3 เมื่อเขียนผลไม่ได้"
    )
)
@handles_errors
def links(
    pack: PackArgument = Path("."),
    format: Annotated[LinksFormat, typer.Option("--format", "-f", help=_("text หรือ json"))] = LinksFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=_("เขียนลงไฟล์นี้ (UTF-8) แทนการแสดงบนจอ")),
    ] = None,
    max_age: Annotated[
        str,
        typer.Option("--max-age", metavar="AGE", help=_("ใช้ผลที่ตรวจไว้ไม่เกินช่วงนี้ซ้ำ (30m, 12h, 7d; 0: ตรวจใหม่ทั้งหมด)")),
    ] = "12h",
    offline: Annotated[bool, typer.Option("--offline", help=_("ไม่เปิดหน้าเว็บใหม่: รายงานจากผลที่เก็บไว้ครั้งก่อน"))] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", metavar="SECONDS", min=1, help=_("เลิกรอเว็บไซต์ที่ไม่ตอบหลังจากเวลานี้ (วินาที)"))
    ] = 20.0,
    per_host: Annotated[int, typer.Option("--per-host", metavar="N", min=1, help=_("จำนวนคำขอพร้อมกันต่อเว็บไซต์"))] = 4,
    max_size: Annotated[
        float, typer.Option("--max-size", metavar="MB", min=0.1, help=_("อ่านหน้าเว็บหรือไฟล์หนึ่งไม่เกินขนาดนี้ (MB)"))
    ] = 10.0,
    all_links: Annotated[bool, typer.Option("--all", help=_("แสดงลิงก์ที่ปกติดีด้วย"))] = False,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับไฟล์ --output ที่ itapack ไม่ได้เขียนไว้"))] = False,
) -> None:
    """Open every web address in the pack (documents' url, units' urls) as an OIT reviewer would: broken
    links, login walls, "not found" pages, last year's pages, missing content points.

    Results are kept in the user's cache folder (ITAPACK_CACHE_DIR moves it) for --offline and check --links.
    Exits 0 when every link is fine, 1 when some need fixing, 2 on a bad pack, 3 when output cannot be written.
    """
    from .links.command import parse_age
    from .links.command import run as run_links
    from .links.fetch import Settings

    settings = Settings(timeout=timeout, total_timeout=3 * timeout, per_host=per_host, max_bytes=int(max_size * 1e6))
    code = run_links(
        pack,
        json_format=format is LinksFormat.json,
        output=output,
        settings=settings,
        max_age=parse_age(max_age),
        offline=offline,
        show_ok=all_links,
        force=force,
    )
    raise typer.Exit(code)


@app.command(
    help=_(
        "จับคู่ไฟล์แต่ละไฟล์ใน INBOX กับเอกสารและหน่วยงานตามชื่อและโฟลเดอร์ แล้วจัดเก็บในที่ที่การตรวจมองหา "
        "ไม่เขียนทับไฟล์ใด ไฟล์ที่เก็บแล้วจะข้าม "
        "ไฟล์ที่ไม่ตรงช่องใดหรือตรงหลายช่องจะแสดงพร้อมสองตัวเลือกที่ใกล้ที่สุด ให้คนตัดสิน\n\nจบด้วย 0 "
        "เมื่อทุกไฟล์ได้ที่ของมัน 1 เมื่อยังมีไฟล์รอคนตัดสิน"
    )
)
@handles_errors
def intake(
    pack: PackArgument,
    inbox: Annotated[Path, typer.Argument(metavar="INBOX", help=_("โฟลเดอร์ไฟล์ที่หน่วยงานส่งมา (เปิดไฟล์ zip ให้ด้วย)"))],
    apply: Annotated[bool, typer.Option("--apply", help=_("จัดเก็บจริง ถ้าไม่ระบุจะแสดงเพียงว่าแต่ละไฟล์จะไปอยู่ที่ใด"))] = False,
    move: Annotated[bool, typer.Option("--move", help=_("ใช้กับ --apply: ย้ายไฟล์แทนการคัดลอก"))] = False,
    log: Annotated[
        Path | None,
        typer.Option("--log", metavar="DIR", help=_("โฟลเดอร์สำหรับบันทึกการจัดเก็บ CSV และ JSON ค่าเริ่มต้น: PACK/intake")),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Match each file in INBOX to a document and unit by its name and folders, and file it where
    the check looks. Nothing is overwritten; a file already filed is skipped. Files that fit no slot,
    or several, are listed with the two closest, for a person to settle.

    Exits 0 when every file found its place, 1 when some are left for a person, 2 for a bad pack or
    inbox.
    """
    from .chase import intake as run
    from .check import check as run_check
    from .errors import InputError
    from .outputs import wording
    from .pack.loader import load_pack

    if move and not apply:
        raise InputError(_("--move ใช้ได้กับ --apply เท่านั้น"))
    day = _be_date_option("--today", today)
    loaded = load_pack(pack)
    with contextlib.ExitStack() as held:
        if apply:  # one filing run per pack: a second one would file every file twice
            from .chase.journal import Journal
            from .chase.lock import PackLock

            held.enter_context(PackLock(loaded.root))
        planned = run.plan(loaded, run_check(loaded, today=day), inbox)
        placements = [placement for _, placement in planned]
        if apply:
            seen = run.observe(planned)
            journal = held.enter_context(Journal(log or loaded.root / "intake", move=move))
            run.apply(loaded, planned, move=move, seen=seen, journal=journal)
            logs = run.write_log(placements, log or loaded.root / "intake", datetime.datetime.now())
    print(run.table(placements))
    print(_("สรุป: ") + ", ".join(f"{run.action_text(a)} {n}" for a, n in run.counts(placements).items()))
    if apply:
        print(_("บันทึกการจัดเก็บ: ") + ", ".join(str(path) for path in logs))
        print(_("ผลการตรวจใหม่: ") + wording.verdict(run_check(loaded, today=day)))
    else:
        print(_("ยังไม่ได้จัดเก็บ: สั่ง --apply เพื่อคัดลอกไฟล์ตามที่แสดง"))
    left = any(p.action in ("ambiguous", "unmatched", "changed") for p in placements)
    raise typer.Exit(ExitCode.EVIDENCE_MISSING if left else ExitCode.OK)


@app.command(
    help=_(
        "นำส่งหลักฐาน: ไฟล์ zip ของหลักฐานที่นับ พร้อมรายการไฟล์และรายงาน และแฟ้มรวม PDF มีปก สารบัญภาษาไทย "
        "และบุ๊กมาร์ก\n\nชุดเอกสารเดิมและ --date เดิมให้ไฟล์ zip เหมือนเดิมทุกไบต์ จบด้วย 0 เมื่อเขียนเสร็จ; กับ "
        "--verify จบด้วย 0 เมื่อไฟล์ตรงกับรายการ และ 1 เมื่อไม่ตรง"
    )
)
@handles_errors
def bundle(
    pack: PackArgument = Path("."),
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help=_("โฟลเดอร์สำหรับไฟล์ zip และแฟ้มรวม PDF ค่าเริ่มต้น: PACK/handin")),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="LIST", help=_("zip (ไฟล์รวมหลักฐาน), pdf (แฟ้มรวม) หรือทั้งสอง"))
    ] = "zip,pdf",
    per_document: Annotated[
        bool, typer.Option("--per-document", help=_("แยกแฟ้มรวมต่อเลขข้อ ตามที่ระบบนำส่งบางระบบกำหนด"))
    ] = False,
    max_mb: Annotated[
        float | None,
        typer.Option("--max-mb", metavar="N", min=0.1, help=_("ขนาดไฟล์แฟ้มรวมสูงสุด (MB): ลดขนาดภาพก่อน แล้วจึงแบ่งไฟล์")),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help=_("วันที่ของแฟ้มรวมและรายงาน (ปีพุทธศักราช) ค่าเริ่มต้น: วันนี้")),
    ] = None,
    reports: Annotated[
        bool, typer.Option("--reports/--no-reports", help=_("ใส่รายงาน DOCX และ HTML ไว้ในไฟล์ zip ด้วย"))
    ] = True,
    verify: Annotated[
        Path | None,
        typer.Option("--verify", metavar="ZIP", help=_("ตรวจไฟล์ zip เทียบกับรายการไฟล์ (manifest) จบด้วย 1 ถ้าไม่ตรงกัน")),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับไฟล์ที่ itapack ไม่ได้เขียนไว้"))] = False,
) -> None:
    """Hand the evidence in: a zip of the counted evidence with a manifest and the reports, and a
    binder PDF with a cover, a Thai table of contents and bookmarks.

    The same pack and --date give a byte-identical zip. Exits 0 when written; with --verify, 0 when
    the archive matches its manifest and 1 when it does not.
    """
    if verify is not None:
        from .handin.archive import verify as verify_archive
        from .safety import check_input

        check_input(verify, "--verify")  # a pipe or a device would be waited on for ever

        checked = verify_archive(verify)
        for line in checked.differences:
            print(line)
        if checked.differences:
            _say(
                "itapack: "
                + _("{zip} ไม่ตรงกับบัญชีรายการ {count} จุด จาก {files} ไฟล์").format(
                    zip=verify, count=len(checked.differences), files=f"{checked.checked:,}"
                )
            )
            raise typer.Exit(ExitCode.EVIDENCE_MISSING)
        matches = _n("{zip}: ตรงกับบัญชีรายการทุกไฟล์ ({files} ไฟล์)", checked.checked)
        print(matches.format(zip=verify, files=f"{checked.checked:,}"))
        return
    from .check import check as run_check
    from .handin.bundle import make_bundle, parse_formats
    from .pack.loader import load_pack

    formats = parse_formats(format)
    today = _be_date_option("--date", date) or datetime.date.today()
    loaded = load_pack(pack)
    written = make_bundle(
        loaded,
        run_check(loaded, today=today),
        out=out if out is not None else loaded.root / "handin",
        formats=formats,
        today=today,
        per_document=per_document,
        max_mb=max_mb,
        reports=reports,
        force=force,
    )
    for item in written:
        print(_("เขียน {path}: {what}").format(path=item.path, what=item.what))


class TimelineFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(
    help=_(
        "ปฏิทินงานของปี: กำหนดส่งของเอกสาร การประชุม และขั้นตอนในแผนขับเคลื่อน (plan.yaml) แยกตามเดือน "
        "พร้อมสถานะ เสร็จ ใกล้กำหนด เกินกำหนด และผู้รับผิดชอบ; --ics เขียนไฟล์ปฏิทินสำหรับ Outlook หรือ Google Calendar"
        "\n\nจบด้วย 0 และ 1 เมื่อมีรายการเกินกำหนด"
    )
)
@handles_errors
def timeline(
    pack: PackArgument = Path("."),
    format: Annotated[TimelineFormat, typer.Option("--format", "-f", help=_("text หรือ json"))] = TimelineFormat.text,
    today: TodayOption = None,
    due_soon_days: DueSoonOption = None,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", metavar="FILE", help=_("เขียนไฟล์ปฏิทิน (.ics) หนึ่งนัดต่อหนึ่งรายการ นำเข้าซ้ำได้โดยไม่ซ้ำนัด")),
    ] = None,
    alarm_days: Annotated[
        int,
        typer.Option("--alarm-days", metavar="N", min=0, help=_("ในไฟล์ปฏิทิน: เตือนก่อนกำหนด N วัน (0: ไม่เตือน)")),
    ] = 7,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับไฟล์ --ics ที่ itapack ไม่ได้เขียนไว้"))] = False,
) -> None:
    """The year ahead, by month: documents' due dates, meetings and the drive plan's steps, each
    done, due soon, overdue or not yet due, with who is responsible; --ics writes a calendar file.

    Exits 0, or 1 when something is overdue.
    """
    from .timeline import text as timeline_text
    from .timeline.command import run

    day = _be_date_option("--today", today)
    if ics is not None:
        from .timeline.ics import check_ics

        check_ics(ics, force=force)  # before the scan: a refusal costs nothing
    year = run(pack, day, due_soon_days)
    for warning in year.warnings:
        _say(_("คำเตือน: {warning}").format(warning=warning))
    if ics is not None:
        from .timeline.ics import write_ics

        write_ics(year, ics, alarm_days, force=force)
        _say(_("เขียนแล้ว {path}").format(path=ics))
    if format is TimelineFormat.json:
        timeline_text.write_json(year, sys.stdout)
    else:
        timeline_text.write_text(year, sys.stdout)
    raise typer.Exit(ExitCode.EVIDENCE_MISSING if year.overdue else ExitCode.OK)


@app.command(
    help=_(
        "เทียบชุดเอกสารสองปี (หรือชุดเดียวกันสองช่วงเวลา): เอกสารและหน่วยงานใดเคยครบแต่ตอนนี้ขาด ทำเพิ่มแล้ว "
        "หรือยังขาดทั้งสองปี เอกสารและหน่วยงานที่เพิ่มหรือหายไป และคะแนนแต่ละตัวชี้วัดเมื่อมีผลทั้งสองปี\n\n"
        "จบด้วย 0 หรือ 2 เมื่อชุดเอกสารชุดใดไม่ถูกต้อง"
    )
)
@handles_errors
def compare(
    old: Annotated[
        Path, typer.Argument(metavar="OLD", help=_("ชุดเอกสารของปีก่อน (ถ้าให้ชุดเดียว: previous.pack ใน pack.yaml ของชุดนั้น)"))
    ],
    new: Annotated[Path | None, typer.Argument(metavar="NEW", help=_("ชุดเอกสารของปีนี้"))] = None,
    format: Annotated[TimelineFormat, typer.Option("--format", "-f", help=_("text หรือ json"))] = TimelineFormat.text,
    today: TodayOption = None,
) -> None:
    """Compare two packs (two years, or one pack at two dates): per document and unit what was done and
    is now missing, what is newly done, what is missing both years; documents and units added or gone;
    and each indicator's score where both packs hold results.

    Exits 0, or 2 when either pack is invalid.
    """
    from .compare import text as compare_text
    from .compare.command import run

    day = _be_date_option("--today", today)
    # One pack: compared with the pack its previous.pack names, as rollover writes it.
    comparison = run(old, new, day) if new is not None else run(None, old, day)
    if format is TimelineFormat.json:
        compare_text.write_json(comparison, sys.stdout)
    else:
        compare_text.write_text(comparison, sys.stdout)


units_app = typer.Typer(
    name="units",
    cls=Group,
    help=_(
        "รายชื่อหน่วยงานจากตาราง Excel ของจังหวัด: import อ่าน .csv หรือ .xlsx เป็น units.yaml "
        "export เขียน units.yaml ของชุดเอกสารกลับเป็นตาราง"
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(units_app)


@units_app.command(
    "import",
    help=_(
        "อ่านรายชื่อหน่วยงาน (.csv หรือ .xlsx) เป็น units.yaml: คอลัมน์ ชื่อหน่วยงาน ประเภท อำเภอ ชื่อย่อ เว็บไซต์ "
        "(และ รหัส ถ้ามี)\n\nทุกแถวที่อ่านไม่ได้แจ้งพร้อมเลขแถว และไม่เขียนอะไรจนกว่าจะแก้ครบ จบด้วย 0 เมื่อเขียนแล้ว "
        "2 เมื่อมีแถวที่อ่านไม่ได้"
    ),
)
@handles_errors
def units_import(
    sheet: Annotated[Path, typer.Argument(metavar="FILE", help=_("ตารางรายชื่อหน่วยงาน .csv หรือ .xlsx"))],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help=_("ไฟล์ units.yaml ที่จะเขียน เช่น ชุดเอกสาร/units.yaml"))
    ],
    force: Annotated[
        bool, typer.Option("--force", help=_("แทนที่ units.yaml ที่มีอยู่ (รหัสและข้อยกเว้นของหน่วยงานชื่อเดิมคงไว้)"))
    ] = False,
) -> None:
    """Read the province's list of units (CSV or XLSX) into units.yaml."""
    from .pack import unitsheet

    existing = unitsheet.existing_text(output, force)
    imported = unitsheet.import_units(unitsheet.read_table(sheet), str(sheet), existing)
    unitsheet.write_units(output, imported, force=force)
    print(
        _("เขียนแล้ว {path}: หน่วยงาน {units} แห่ง อำเภอ {districts} อำเภอ").format(
            path=output, units=imported.units, districts=imported.districts
        )
    )
    for name in imported.removed:
        print(_("ไม่อยู่ในตาราง จึงไม่อยู่ใน units.yaml ใหม่: {name}").format(name=name))


@units_app.command(
    "export",
    help=_("เขียนรายชื่อหน่วยงานใน units.yaml ของชุดเอกสารเป็นตาราง .xlsx หรือ .csv ที่ import อ่านกลับได้"),
)
@handles_errors
def units_export(
    pack: PackArgument = Path("."),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=_("ไฟล์ .xlsx หรือ .csv ค่าเริ่มต้น: PACK/รายชื่อหน่วยงาน.xlsx")),
    ] = None,
) -> None:
    """Write the pack's units as a sheet that import reads back."""
    from .outputs.unitlist import write_sheet
    from .pack import unitsheet
    from .pack.loader import load_pack

    loaded = load_pack(pack)
    target = output if output is not None else loaded.root / "รายชื่อหน่วยงาน.xlsx"
    rows = unitsheet.export_rows(loaded.roster)
    write_sheet(target, rows)
    print(_("เขียนแล้ว {path}: หน่วยงาน {units} แห่ง").format(path=target, units=len(rows) - 1))


def _utf8_streams() -> None:
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


def main() -> None:
    _utf8_streams()
    _watch_streams()
    try:
        with _only_the_command_run(sys.argv[1:]):
            app()
    except OSError as error:  # writing --help or a usage message to a closed or full stdout
        if not _stdout_failed():
            raise
        _discard_stdout()
        _say(_stdout_message(error))
        raise SystemExit(ExitCode.CANNOT_WRITE) from None


@contextlib.contextmanager
def _only_the_command_run(arguments: list[str]) -> Iterator[None]:
    """typer builds every command's parser (signature, type hints, options) before it parses the
    command line, though one command runs. When the command is named, the others are left out;
    when it is not (--help, no command, a misspelt one), all are built, for the help and the
    suggestions."""
    named = command_named(arguments)
    everything, groups = app.registered_commands, app.registered_groups
    chosen = [info for info in everything if _command_name(info) == named]
    chosen_groups = [info for info in groups if info.name == named]  # `units`: its own commands only
    if len(chosen) + len(chosen_groups) == 1:
        app.registered_commands, app.registered_groups = chosen, chosen_groups
    try:
        yield
    finally:
        app.registered_commands, app.registered_groups = everything, groups


def _command_name(info: typer.models.CommandInfo) -> str | None:
    from typer.main import get_command_name

    return info.name or (get_command_name(info.callback.__name__) if info.callback else None)  # as typer names it
