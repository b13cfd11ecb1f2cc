"""`itapack check`: scan the evidence once, decide, and show the result in the format asked for."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode
from ..i18n import _
from ..outputs import formats
from .options import DueSoonOption, PackArgument, TodayOption, be_date
from .running import handles_errors, progress_line

if TYPE_CHECKING:
    from ..evidence.result import CheckResult
    from ..outputs.outfile import Output


CheckFormat = formats.choice("check")


HELP = _(
    "ตรวจโฟลเดอร์หลักฐานแล้วรายงานตามระดับหรือหมวด เอกสาร และหน่วยงาน ว่ามีอะไรแล้ว ขาด ผิด หรือเกินกำหนด\n\n"
    "จบด้วย 0 เมื่อถึงเป้าหมายของชุดเอกสาร (ระดับ หรือคะแนนของรายการตรวจ) และ 1 เมื่อหลักฐานยังขาด"
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
    ] = CheckFormat["text"],
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
        typer.Option("--links", help=_("แสดงสถานะลิงก์หน้าเว็บ ของแต่ละข้อ คู่กับหลักฐาน ตามที่ `itapack links` ตรวจไว้ครั้งล่าสุด")),
    ] = False,
) -> None:
    """Scan the evidence folders and report, per level or section, document and unit, what is there,
    missing, wrong or overdue.

    Exits 0 when the pack's target (level, or score for a checklist) is reached, 1 when evidence is missing.
    """
    from ..check import check as run_check
    from ..check import select
    from ..errors import InputError
    from ..pack.loader import load_pack

    day = be_date("--today", today)
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
        from ..outputs.outfile import plan

        target = plan(output, loaded, force=force)
    with progress_line() as progress:
        checked = run_check(loaded, progress, today=day, due_soon_days=due_soon_days)
    result = select(checked, loaded, level or (), unit or ())
    if links:  # from the cache only: check never fetches
        from ..links.join import with_links

        result = with_links(loaded, result)
    _emit_check(result, format, target, target_level, target_score, pack_root=loaded.root)
    passed = result.passed(target_level, target_score)
    raise typer.Exit(ExitCode.OK if passed else ExitCode.EVIDENCE_MISSING)


def _emit_check(
    result: CheckResult,
    format: str,
    output: Output | None,
    target_level: int | None,
    target_score: float | None,
    pack_root: Path = Path("."),
) -> None:
    chosen = formats.one("check", format)
    if not chosen.stream:  # a workbook: a file of its own, never a stream
        chosen.write()(result, output, pack_root)
        return
    if chosen.name == "text" and output is None and sys.stdout.isatty():
        from ..outputs import terminal

        terminal.render(result, sys.stdout, target_level, target_score)
        return
    write = functools.partial(chosen.write(), result, target_level=target_level, target_score=target_score)
    if output is None:
        write(sys.stdout)
    else:
        with output.open() as stream:
            write(stream)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(check)
