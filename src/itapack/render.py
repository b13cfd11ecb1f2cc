"""itapack render: the Thai DOCX and HTML checklist and summary, from one check result.

Reports go to their own folder (never inside the evidence), are written atomically, and only
replace files itapack wrote before.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import safety
from .errors import ItapackError, OutputError
from .evidence.result import CheckResult
from .i18n import _, speaking
from .pack.folder import Pack
from .pack.loader import check_output_folder
from .resources import templates_dir

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
    contents: dict[Path, bytes] = {}
    with speaking("th"):  # an official Thai document, whatever language the messages are in
        model = report.build(
            result,
            report_dir_to_pack=pack_link if pack_link is not None else relative_link(out, pack.root),
            today=today,
            thai_digits=settings.thai_digits if thai_digits is None else thai_digits,
            created=created,
            timeline=_timeline(pack, result, today),
            last_year=_last_year(pack, result, today),
        )
        if model.results or model.comparison:  # scores are shown: where their yardstick comes from
            model = dataclasses.replace(model, results=(*model.results, *_provenance(pack, result)))
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


def write_all(contents: dict[Path, bytes], *, force: bool) -> list[Path]:
    """Write each file through the safe writer, after checking them all: one refusal stops the lot."""
    for path in contents:
        safety.check_target(path, force=force, ours=is_own_report)
    from .outputs.seal import OFFICE_SUFFIXES, sealed_bytes

    for path, data in contents.items():
        sealed = sealed_bytes(data) if path.suffix.lower() in OFFICE_SUFFIXES else data
        safety.write_bytes(path, sealed, force=force, ours=is_own_report)
    return list(contents)


def refuse_evidence_folder(evidence_root: Path, out: Path) -> None:
    """Reports, memos, workbooks and hand-in files never go into the evidence they describe; and
    --out is a folder, or a new name, before any work is done."""
    check_output_folder(out)
    evidence = evidence_root.resolve()
    target = out.resolve()
    if target == evidence or evidence in target.parents:
        raise OutputError(
            _("{out} อยู่ในโฟลเดอร์หลักฐาน {evidence} ซึ่ง itapack ไม่เขียนลงไป เลือกที่อื่น").format(
                out=out, evidence=evidence_root
            )
        )


def relative_link(folder: Path, pack_root: Path) -> str:
    """The pack folder as seen from folder, for links from an output to the evidence."""
    try:
        return Path(os.path.relpath(pack_root.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return pack_root.resolve().as_uri()


def is_own_report(path: Path) -> bool:
    """A report, memo, draft or workbook itapack wrote and nobody has saved since: Office files by
    their properties and seal (outputs/seal.py), HTML by its meta."""
    from .outputs.report import MARKER, is_own_office_file
    from .outputs.seal import file_is_sealed

    read = safety.ends(path)
    if read is None:
        return False
    head = read[0]
    if head.startswith(b"PK\x03\x04"):  # by what it is, not its name: a workbook may be named anything
        return is_own_office_file(path) and file_is_sealed(path)
    return f'<meta name="generator" content="{MARKER}">' in head.decode("utf-8", "replace")
