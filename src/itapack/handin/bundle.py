"""itapack bundle: the archive and the binder of a pack, written from one check result.

Outputs go to their own folder (never inside the evidence), each written atomically, and only
replace files itapack wrote before unless --force.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time
from pathlib import Path

from .. import render, safety
from ..evidence.result import CheckResult
from ..i18n import _, in_thai
from ..outputs.written import refuse_evidence_folder
from ..pack import thai
from ..pack.folder import Pack
from ..stopping import cycle_collection_paused
from . import plan, rendering
from .plan import Written

FORMATS = ("zip", "pdf")


def parse_formats(text: str) -> tuple[str, ...]:
    from ..outputs.formats import parse

    return tuple(format.name for format in parse("bundle", text))


def archive_name(pack: Pack) -> str:
    return f"ไฟล์นำส่ง ITA {pack.fiscal_year}.zip"


@in_thai  # the manifest's and the cover's words, handed in with the evidence
def pack_facts(result: CheckResult, today: date) -> dict[str, object]:
    from ..outputs.wording import verdict

    info = result.pack
    return {
        "title": info.title,
        "organisation": info.organisation.name,
        "office": info.office,
        "fiscal_year": info.fiscal_year,
        "level_reached": result.level_reached if info.ladder else None,
        "score": None if info.ladder else result.score,
        "verdict": verdict(result),
        "date": today.isoformat(),
        "date_text": thai.format_date(today, "long"),
    }


def write_archive(
    pack: Pack, result: CheckResult, *, out: Path, today: date, force: bool, reports: bool = True
) -> Written:
    from . import archive

    target = out / archive_name(pack)
    safety.check_target(target, force=force, ours=archive.is_own_archive)  # before the reports are made
    with tempfile.TemporaryDirectory(prefix="itapack-bundle-") as folder:

        def render_reports() -> list[Path]:
            # In the archive the reports sit in reports/ beside the evidence: their links go up one.
            # Their DOCX says it was made on --date, not this second, so the archive's bytes repeat.
            return render.render_reports(
                pack,
                result,
                out=Path(folder),
                today=today,
                force=True,
                pack_link="..",
                created=datetime.combine(today, time()),
            )

        # Rendered by a child process, which gives the render's memory back when it ends (rendering.py)
        rendered = rendering.reports(render_reports) if reports else []
        with (
            safety.writing(target, text=False, force=force, ours=archive.is_own_archive) as stream,
            cycle_collection_paused(),  # the plan, the listing and the rows hold no cycles
        ):
            summary = archive.write(
                stream,
                pack_root=pack.root,
                parts=plan.parts(result, files_in_order=False),  # the archive sorts by name
                reports=rendered,
                pack_facts=pack_facts(result, today),
            )
    what = (
        _("หลักฐาน {files} ไฟล์ {size} ไบต์ พร้อมรายงานและบัญชีรายการ")
        if reports
        else _("หลักฐาน {files} ไฟล์ {size} ไบต์ พร้อมบัญชีรายการ")
    ).format(files=f"{summary.files:,}", size=f"{summary.bytes:,}")
    if summary.renamed:
        what += _(" ย่อหรือปรับชื่อให้ใช้บน Windows ได้ {count} ไฟล์ (ชื่อเดิมอยู่ใน manifest)").format(count=summary.renamed)
    return Written(target, what)


def make_bundle(
    pack: Pack,
    result: CheckResult,
    *,
    out: Path,
    formats: tuple[str, ...] = FORMATS,
    today: date,
    per_document: bool = False,
    max_mb: float | None = None,
    reports: bool = True,
    force: bool = False,
) -> list[Written]:
    refuse_evidence_folder(pack.evidence_root, out)
    written = []
    if "pdf" in formats:
        from . import binder

        written += binder.write_binders(
            pack, result, out=out, today=today, per_document=per_document, max_mb=max_mb, force=force
        )
    if "zip" in formats:
        written.append(write_archive(pack, result, out=out, today=today, force=force, reports=reports))
    return written
