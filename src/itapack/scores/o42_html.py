"""The o42 draft as one self-contained HTML file (inline CSS, no scripts), from the o42 model."""

from __future__ import annotations

from ..outputs.html_report import environment
from ..outputs.report import MARKER
from ..pack.model import ReportSettings
from ..resources import templates_dir
from .o42_model import MEASURE_HEADERS, O42

TEMPLATE = "o42.html.j2"


def render(model: O42, settings: ReportSettings) -> bytes:
    from importlib import resources

    here = resources.files("itapack.scores") / "templates"
    pages = environment(here, templates_dir())  # report.css comes from the report
    html = pages.get_template(TEMPLATE).render(
        o42=model, marker=MARKER, margins=settings, measure_headers=MEASURE_HEADERS
    )
    return html.encode("utf-8")
