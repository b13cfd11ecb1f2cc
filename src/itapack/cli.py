"""The command line: one small function per command. Parse options, call the core, pick an output.

Errors from the core are turned into messages and exit codes in one place, handles_errors().
Heavy libraries (python-docx, jinja2) are imported only inside the commands that need them.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
import sys
import time
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TextIO, TypeVar

import typer

from . import __version__
from .errors import ExitCode, ItapackError, PackError, exit_code_for
from .i18n import _, choose
from .i18n.commandline import Group

choose(sys.argv, os.environ)  # help texts are read when the app is built, below: the language comes first

if TYPE_CHECKING:
    from .result import CheckResult

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
        "3 เขียนผลลัพธ์ไม่ได้, 70 ข้อผิดพลาดของโปรแกรม, 130 ถูกยกเลิก"
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
MAX_PROBLEMS_SHOWN = 50


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """The one place where errors become messages on stderr and exit codes."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            returned = command(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
            return returned
        except typer.Exit:
            raise
        except BrokenPipeError:
            # The reader stopped reading (`| head`): nothing to report, but the output was cut short.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(ExitCode.CANNOT_WRITE) from None
        except ItapackError as error:
            _report(error)
            raise typer.Exit(exit_code_for(error)) from None
        except KeyboardInterrupt:
            _say(_("itapack: ถูกยกเลิก ไม่มีไฟล์ที่เขียนค้างไว้ครึ่งทาง"))
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except Exception as error:
            if os.environ.get("ITAPACK_DEBUG"):
                raise
            _say(
                _(
                    "itapack: ข้อผิดพลาดภายใน: {error}\n"
                    "นี่คือข้อบกพร่องของ itapack ไม่ใช่ของชุดเอกสาร รันอีกครั้งด้วย ITAPACK_DEBUG=1 แล้วแจ้งสิ่งที่แสดง"
                ).format(error=f"{type(error).__name__}: {error}")
            )
            raise typer.Exit(ExitCode.INTERNAL_ERROR) from None

    return wrapper


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
    print(text, file=sys.stderr)


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
        typer.Option("--format", "-f", help=_("text: ตารางบนจอ บรรทัดธรรมดาเมื่อส่งต่อ (pipe); json; junit (สำหรับ CI)")),
    ] = CheckFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=_("เขียนลงไฟล์นี้ (UTF-8) แทนการแสดงบนจอ")),
    ] = None,
    level: Annotated[
        list[int] | None,
        typer.Option(
            "--level",
            "--section",
            "-l",
            metavar="N",
            help=_("แสดงเฉพาะระดับหรือหมวดนี้ (ใส่ซ้ำได้)"),
            min=1,
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
    today: Annotated[
        str | None,
        typer.Option("--today", metavar="YYYY-MM-DD", help=_("ตัดสินกำหนดส่งตามวันนี้ (พ.ศ.) ค่าเริ่มต้น: วันนี้")),
    ] = None,
) -> None:
    """Scan the evidence folders and report, per level or section, document and unit, what is there,
    missing, wrong or overdue.

    Exits 0 when the pack's target (level, or score for a checklist) is reached, 1 when evidence is missing.
    """
    from .check import check as run_check
    from .check import select
    from .errors import InputError
    from .loader import load_pack

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
    with _progress() as progress:
        checked = run_check(loaded, progress, today=day)
    result = select(checked, loaded, level or (), unit or ())
    _emit_check(result, format, output, target_level, target_score)
    passed = result.passed(target_level, target_score)
    raise typer.Exit(ExitCode.OK if passed else ExitCode.EVIDENCE_MISSING)


def _be_date_option(name: str, text: str | None) -> datetime.date | None:
    from . import thai
    from .errors import InputError

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
    result: CheckResult, format: CheckFormat, output: Path | None, target_level: int | None, target_score: float | None
) -> None:
    from .atomic import writing

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
        with writing(output) as stream:
            write(stream)


@app.command(help=_("ตรวจเฉพาะ YAML ของชุดเอกสาร: ทุกปัญหาพร้อมไฟล์ บรรทัด และคอลัมน์ จบด้วย 0 หรือ 2"))
@handles_errors
def validate(pack: PackArgument = Path(".")) -> None:
    """Check the pack's YAML only: every problem with file, line and column. Exits 0 or 2."""
    from .loader import load_pack

    loaded = load_pack(pack)
    for warning in loaded.warnings:
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
) -> None:
    """Write the Thai DOCX and HTML checklist: summary, unit matrix and follow-up list.

    Exits 0 when the reports are written, whatever the evidence says; check decides that.
    """
    from .check import check as run_check
    from .loader import load_pack
    from .render import parse_formats, render_reports

    formats = parse_formats(format)
    today = _be_date_option("--date", date) or datetime.date.today()
    loaded = load_pack(pack)
    written = render_reports(
        loaded,
        run_check(loaded, today=today),
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
    from .loader import load_pack
    from .scaffold import scaffold as make_folders

    loaded = load_pack(pack)
    outcome = make_folders(loaded, run_check(loaded), prune=prune)
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
        "เริ่มชุดเอกสารใหม่ของจังหวัดและปี จากโครงสร้างปีงบประมาณ 2567 ที่มีมากับโปรแกรม\n\n"
        "ตรวจความถูกต้องและตรวจหลักฐานทันที (ขาดทุกรายการ) จากนั้นใส่รายชื่อหน่วยงานใน units.yaml และปรับ levels.yaml ตามตัวชี้วัดของปี"
    )
)
@handles_errors
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help=_("โฟลเดอร์ใหม่ (หรือว่าง) สำหรับชุดเอกสาร"))],
    province: Annotated[str, typer.Option("--province", "-p", help=_("ชื่อจังหวัดภาษาไทย เช่น สมุทรสาคร"))],
    fiscal_year: Annotated[
        int | None,
        typer.Option("--fiscal-year", "-y", metavar="YEAR", help=_("ปี พ.ศ. ค่าเริ่มต้น: ปีงบประมาณปัจจุบัน")),
    ] = None,
    office: Annotated[
        str | None, typer.Option("--office", help=_("หน่วยงานที่รับผิดชอบ ค่าเริ่มต้น: สำนักงานจังหวัด<จังหวัด>"))
    ] = None,
) -> None:
    """Start a new pack for a province and year from the built-in FY 2567 structure.

    It validates and checks straight away (everything missing). List the units in units.yaml and
    adapt levels.yaml to the year's KPI.
    """
    import datetime

    from .newpack import current_fiscal_year, init_pack

    year = fiscal_year if fiscal_year is not None else current_fiscal_year(datetime.date.today())
    pack = init_pack(folder, province=province, fiscal_year=year, office=office)
    print(
        _("{folder}: ชุดเอกสารใหม่ของจังหวัด{province} ปีงบประมาณ {year}").format(
            folder=folder, province=pack.info.province, year=pack.fiscal_year
        )
    )
    print(
        _("ขั้นต่อไป: ใส่รายชื่อหน่วยงานใน {units} แล้วรัน: itapack check {folder}").format(
            units=folder / "units.yaml", folder=folder
        )
    )


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
    from .loader import load_pack
    from .outputs import rollover_report
    from .rollover import rollover as roll

    plan = roll(load_pack(pack), to, out, dry_run=dry_run, force=force)
    if format is RolloverFormat.json:
        sys.stdout.write(rollover_report.dumps(plan, dry_run=dry_run))
    else:
        sys.stdout.write(rollover_report.to_text(plan, dry_run=dry_run))


def _utf8_streams() -> None:
    """Piped output is UTF-8 on every OS; a Thai Windows pipe would otherwise be CP874 and fail on ✓."""
    for stream in (sys.stdout, sys.stderr):
        if not stream.isatty() and hasattr(stream, "reconfigure"):
            encoding = (stream.encoding or "").lower().replace("-", "")
            if encoding != "utf8":
                stream.reconfigure(encoding="utf-8", errors="replace")


def main() -> None:
    _utf8_streams()
    app()
