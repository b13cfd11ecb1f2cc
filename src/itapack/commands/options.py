"""Arguments and options that several commands share, and reading them."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _

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
        help=_("ข้อที่ยังขาด และจะถึงกำหนดส่ง ภายใน N วัน นับเป็น 'ใกล้กำหนด' ค่าเริ่มต้น: due_soon_days ใน pack.yaml หรือ 14"),
    ),
]


def be_date(name: str, text: str | None) -> datetime.date | None:
    from ..errors import InputError
    from ..pack import thai

    if text is None:
        return None
    try:
        return thai.parse_be_date(text)
    except ValueError as error:
        raise InputError(f"{name}: {error}") from None
