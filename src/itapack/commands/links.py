"""`itapack links`: every web address in the pack opened as an OIT reviewer would."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _
from ..outputs import formats
from .options import PackArgument
from .running import handles_errors

if TYPE_CHECKING:
    pass

LinksFormat = formats.choice("links")

HELP = _(
    "เปิดทุกที่อยู่เว็บในชุดเอกสาร (url ของเอกสาร และ urls ของหน่วยงาน) อย่างผู้ตรวจ OIT: ลิงก์เสีย "
    'หน้าที่ต้องเข้าสู่ระบบ หน้า "ไม่พบ" หน้าของปีที่แล้ว และเนื้อหาที่ขาด\n\nผลเก็บไว้ในโฟลเดอร์แคชของผู้ใช้ '
    "(ย้ายได้ด้วย ITAPACK_CACHE_DIR) สำหรับ --offline และ check --links จบด้วย 0 เมื่อลิงก์ปกติทั้งหมด 1 "
    "เมื่อมีลิงก์ต้องแก้ 2 เมื่อชุดเอกสารไม่ถูกต้อง 3 เมื่อเขียนผลไม่ได้"
)


@handles_errors
def links(
    pack: PackArgument = Path("."),
    format: Annotated[LinksFormat, typer.Option("--format", "-f", help=_("text หรือ json"))] = LinksFormat["text"],
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
    from ..links.command import parse_age
    from ..links.command import run as run_links
    from ..links.fetch import Settings

    settings = Settings(timeout=timeout, total_timeout=3 * timeout, per_host=per_host, max_bytes=int(max_size * 1e6))
    code = run_links(
        pack,
        json_format=format == "json",
        output=output,
        settings=settings,
        max_age=parse_age(max_age),
        offline=offline,
        show_ok=all_links,
        force=force,
    )
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(links)
