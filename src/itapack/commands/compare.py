"""`itapack compare`: this year against last."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _
from ..outputs import formats
from .options import TodayOption, be_date
from .running import handles_errors

if TYPE_CHECKING:
    pass

CompareFormat = formats.choice("compare")

HELP = _(
    "เทียบชุดเอกสารสองปี (หรือชุดเดียวกันสองช่วงเวลา): เอกสารและหน่วยงานใดเคยครบแต่ตอนนี้ขาด ทำเพิ่มแล้ว "
    "หรือยังขาดทั้งสองปี เอกสารและหน่วยงานที่เพิ่มหรือหายไป และคะแนนแต่ละตัวชี้วัดเมื่อมีผลทั้งสองปี\n\n"
    "จบด้วย 0 หรือ 2 เมื่อชุดเอกสารชุดใดไม่ถูกต้อง"
)


@handles_errors
def compare(
    old: Annotated[
        Path, typer.Argument(metavar="OLD", help=_("ชุดเอกสารของปีก่อน (ถ้าให้ชุดเดียว: previous.pack ใน pack.yaml ของชุดนั้น)"))
    ],
    new: Annotated[Path | None, typer.Argument(metavar="NEW", help=_("ชุดเอกสารของปีนี้"))] = None,
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help=_("text หรือ json"))] = CompareFormat["text"],
    today: TodayOption = None,
) -> None:
    """Compare two packs (two years, or one pack at two dates): per document and unit what was done and
    is now missing, what is newly done, what is missing both years; documents and units added or gone;
    and each indicator's score where both packs hold results.

    Exits 0, or 2 when either pack is invalid.
    """
    from ..compare.command import run

    day = be_date("--today", today)
    # One pack: compared with the pack its previous.pack names, as rollover writes it.
    comparison = run(old, new, day) if new is not None else run(None, old, day)
    formats.one("compare", format).write()(comparison, sys.stdout)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(compare)
