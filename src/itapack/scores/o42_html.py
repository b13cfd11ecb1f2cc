"""The o42 draft as one self-contained HTML file (inline CSS, no scripts), from the o42 model."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..outputs import thaiwords
from ..outputs.report import MARKER
from ..pack.model import ReportSettings
from ..resources import templates_dir
from .o42_model import MEASURE_HEADERS, O42

TEMPLATE = "o42.html.j2"


def render(model: O42, settings: ReportSettings) -> bytes:
    from importlib import resources

    here = resources.files("itapack.scores") / "templates"
    environment = Environment(
        loader=FileSystemLoader([str(here), str(templates_dir())]),  # report.css comes from the report
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=thaiwords.html,  # <wbr> between Thai words in every {{ }}; |plain where none may go
    )
    environment.filters["plain"] = thaiwords.Unbroken
    html = environment.get_template(TEMPLATE).render(
        o42=model, marker=MARKER, margins=settings, measure_headers=MEASURE_HEADERS
    )
    return html.encode("utf-8")
