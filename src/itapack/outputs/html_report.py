"""The HTML report: one self-contained file (inline CSS, no scripts, no network) from Jinja2."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..evidence.result import Status
from ..pack.model import ReportSettings
from . import thaiwords, wording
from .report import MARKER, Report

TEMPLATE = "report.html.j2"
PIECES = 4096  # template pieces encoded at a time


def environment(*folders: Path | str) -> Environment:
    """The Jinja2 settings of every printed HTML page (the report, the o42 draft)."""
    made = Environment(
        loader=FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,  # names from YAML and from disk are text, never markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=thaiwords.html,  # <wbr> between Thai words in every {{ }}; |plain where none may go
    )
    made.filters["plain"] = thaiwords.Unbroken
    return made


def render(report: Report, templates: Path, settings: ReportSettings) -> bytes:
    """The page's bytes, encoded a few thousand pieces at a time as the template makes them: the
    national report is millions of pieces, and Template.render() would hold them all in one list
    (about 140 MB more at its peak) before joining them."""
    pieces = (
        environment(templates)
        .get_template(TEMPLATE)
        .generate(
            report=report,
            marker=MARKER,
            margins=settings,
            status_words={status: wording.STATUS[status] for status in Status},
        )
    )
    html = io.BytesIO()
    while batch := list(itertools.islice(pieces, PIECES)):
        html.write("".join(batch).encode("utf-8"))
    return html.getvalue()
