"""`itapack intake`: files the units sent, matched to documents and units and filed."""

from __future__ import annotations

import contextlib
import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode
from ..i18n import _
from . import running
from .options import PackArgument, TodayOption, be_date
from .running import handles_errors

if TYPE_CHECKING:
    from collections.abc import Callable

HELP = _(
    "จับคู่ไฟล์แต่ละไฟล์ใน INBOX กับเอกสารและหน่วยงานตามชื่อและโฟลเดอร์ แล้วจัดเก็บในที่ที่การตรวจมองหา "
    "ไม่เขียนทับไฟล์ใด ไฟล์ที่เก็บแล้วจะข้าม "
    "ไฟล์ที่ไม่ตรงช่องใดหรือตรงหลายช่องจะแสดงพร้อมสองตัวเลือกที่ใกล้ที่สุด ให้คนตัดสิน: "
    "กับ --apply บนหน้าจอจะถามทีละไฟล์ ในสคริปต์ใช้ --choose\n\nจบด้วย 0 "
    "เมื่อทุกไฟล์ได้ที่ของมัน 1 เมื่อยังมีไฟล์รอคนตัดสิน"
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
    choose: Annotated[
        list[str] | None,
        typer.Option(
            "--choose",
            metavar="FILE=DOC/UNIT",
            help=_('ที่ของไฟล์ที่ต้องเลือกเอง เช่น "ภาพ.png=5.1/อบต.บางยอ" (หน่วยงานเป็นรหัสหรือชื่อ) ใส่ได้หลายครั้ง'),
        ),
    ] = None,
) -> None:
    """Match each file in INBOX to a document and unit by its name and folders, and file it where
    the check looks. Nothing is overwritten; a file already filed is skipped. Files that fit no slot,
    or several, are listed with the two closest, for a person to settle.

    A person settles those: with --apply on a terminal intake asks, file by file, showing the two
    closest places and "skip"; in a script --choose "FILE=DOC/UNIT" (repeatable) says up front.

    Exits 0 when every file found its place, 1 when some are left for a person, 2 for a bad pack or
    inbox.
    """
    from ..chase import intake as run
    from ..chase.choosing import Chosen, Prompt
    from ..check import check as run_check
    from ..errors import InputError
    from ..outputs import wording
    from ..pack.loader import load_pack

    if move and not apply:
        raise InputError(_("--move ใช้ได้กับ --apply เท่านั้น"))
    day = be_date("--today", today)
    loaded = load_pack(pack)
    with contextlib.ExitStack() as held:
        if apply:  # one filing run per pack: a second one would file every file twice
            from ..chase.journal import Journal
            from ..chase.lock import PackLock

            held.enter_context(PackLock(loaded.root))
        chosen = Chosen(choose or [])
        asking = Prompt(input, print) if apply and running.on_terminal() else None

        def choice(placement: run.Placement, attempt: Callable[[str], run.Placement]) -> run.Placement | None:
            return chosen(placement, attempt) or (asking(placement, attempt) if asking else None)

        planned = run.plan(loaded, run_check(loaded, today=day), inbox, choice)
        chosen.check_all_used()
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
    if left and not (apply and running.on_terminal()):
        print(_('ไฟล์ที่ต้องเลือกเอง: สั่ง --apply บนหน้าจอนี้เพื่อเลือกทีละไฟล์ หรือใส่ --choose "ไฟล์=ข้อ/หน่วยงาน"'))
    raise typer.Exit(ExitCode.EVIDENCE_MISSING if left else ExitCode.OK)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(intake)
