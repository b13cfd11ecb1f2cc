"""itapack render: the Thai DOCX and HTML checklist and summary, from one check result.

Reports go to their own folder (never inside the evidence), are written atomically, and only
replace files itapack wrote before.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import safety
from .errors import ItapackError
from .evidence.result import CheckResult
from .i18n import speaking
from .outputs.written import is_own_report, refuse_evidence_folder, relative_link, write_all
from .pack import thai
from .pack.folder import Pack
from .resources import templates_dir
from .stopping import cycle_collection_paused

if TYPE_CHECKING:
    from .compare.diff import Comparison
    from .outputs.report import Report
    from .pack.model import ReportSettings
    from .timeline.build import Timeline

FORMATS = ("docx", "html")
BASE_DOCX = "report-base.docx"


def parse_formats(text: str) -> tuple[str, ...]:
    """--format docx,html: each once, in the order given."""
    from .outputs.formats import parse

    return tuple(format.name for format in parse("render", text))


def docx_bytes(model: Report, settings: ReportSettings) -> bytes:
    from .outputs import docx_report

    return docx_report.render(model, templates_dir() / BASE_DOCX, settings)


def html_bytes(model: Report, settings: ReportSettings) -> bytes:
    from .outputs import html_report

    return html_report.render(model, templates_dir(), settings)


def report_name(pack: Pack) -> str:
    return f"รายงาน ITA {pack.fiscal_year}"


def render_reports(
    pack: Pack,
    result: CheckResult,
    *,
    out: Path,
    formats: tuple[str, ...] = FORMATS,
    thai_digits: bool | None = None,
    today: date,
    force: bool = False,
    pack_link: str | None = None,
    created: datetime | None = None,
) -> list[Path]:
    """pack_link: the pack folder as the reports' links should reach it, when they will not stay
    where they are written (bundle puts them in an archive beside the evidence); created: the
    DOCX's creation time (UTC) when it must not be now (a bundle is the same bytes for the same --date)."""
    from .outputs import report
    from .outputs.formats import one

    refuse_evidence_folder(pack.evidence_root, out)
    for format in formats:  # refused before the (slow) rendering, not after
        safety.check_target(out / f"{report_name(pack)}.{format}", force=force, ours=is_own_report)
    settings = pack.info.report
    digits = settings.thai_digits if thai_digits is None else thai_digits
    contents: dict[Path, bytes] = {}
    # An official Thai document, whatever language the messages are in. The report's model and
    # its DOCX and HTML make a million small objects and no cycles to speak of: the collector
    # walked them again and again (a national report: 8.0 s -> 7.1 s without it, peak 403 MB
    # either way).
    with speaking("th"), cycle_collection_paused():
        model = report.build(
            result,
            report_dir_to_pack=pack_link if pack_link is not None else relative_link(out, pack.root),
            today=today,
            thai_digits=digits,
            created=created,
            timeline=_timeline(pack, result, today),
            last_year=_last_year(pack, result, today),
        )
        if model.results or model.comparison:  # scores are shown: where their yardstick comes from
            sources = _provenance(pack, result)
            if digits:
                sources = tuple(thai.to_thai_digits(line) for line in sources)
            if sources:
                said = "ที่มาของเกณฑ์และตัวเลข: ดูหมายเหตุท้ายรายงาน"
                model = dataclasses.replace(model, results=(*model.results, said), sources=sources)
        for name in formats:
            format = one("render", name)
            contents[out / f"{report_name(pack)}{format.extension}"] = format.write()(model, settings)
    return write_all(contents, force=force)


def _provenance(pack: Pack, result: CheckResult) -> tuple[str, ...]:
    """The sources of the catalogue of each year whose results the report shows, and the year's
    national figures beside the body's total, as scores and the o42 draft print them. A catalogue
    that does not load leaves the report as it was: the scores themselves are the pack's."""
    from .outputs.wording import results_shown
    from .scores.lookup import has_catalogue, load_catalogue
    from .scores.provenance import national_line, provenance_lines

    shown = results_shown(result.pack)
    lines: list[str] = []
    for year in shown.years if shown is not None else ():
        if not has_catalogue(year, pack_root=pack.root):
            continue
        try:
            catalogue = load_catalogue(year, pack_root=pack.root)
        except ItapackError:
            continue
        results = result.pack.results if year == result.pack.fiscal_year else result.pack.previous_results
        national = national_line(catalogue, results.total if results is not None else None)
        lines += [*provenance_lines(catalogue), *([national] if national else [])]
    return tuple(lines)


def _timeline(pack: Pack, result: CheckResult, today: date) -> Timeline | None:
    """The year by month for the report's timeline annex, when the pack has a drive plan
    (plan.yaml): the committee that follows a plan reads the annex; other reports stay as they were."""
    from .timeline.build import build_timeline
    from .timeline.plan import load_plan

    plan = load_plan(pack)
    return build_timeline(result, plan, today) if plan is not None else None


def _last_year(pack: Pack, result: CheckResult, today: date) -> Comparison | None:
    """This year against the pack previous.pack names (rollover writes it), when that pack is
    still there and valid: a report is not held up by last year's folder having moved."""
    from .check import check
    from .compare.command import previous_pack
    from .compare.diff import compare
    from .pack.loader import load_pack

    previous = pack.info.previous
    if previous is None or not previous.pack:
        return None
    try:
        old = load_pack(previous_pack(pack))
    except ItapackError:
        return None
    return compare(check(old, today=today), result, old.info.results, pack.info.results)
