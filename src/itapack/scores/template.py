"""`itapack scores --catalogue-template YEAR`: a catalogue of a year to fill in from its manual,
written into the pack as catalogue-<year>.yaml (never over a file there)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from .. import safety
from ..errors import InputError
from ..i18n import _
from .lookup import pack_catalogue_file

TEMPLATE = "catalogue.yaml.j2"


def catalogue_template(year: int) -> str:
    if not 2400 <= year <= 2800:
        raise InputError(_("--catalogue-template {year}: ระบุปีงบประมาณ พ.ศ. เช่น 2570").format(year=year))
    source = (resources.files("itapack.scores") / "templates" / TEMPLATE).read_text(encoding="utf-8")
    environment = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    return environment.from_string(source).render(year=year, file=pack_catalogue_file(year))


def write_template(pack_root: Path, year: int, out: Path | None = None) -> Path:
    """The template of year in the pack's folder (or out); an existing file there is kept (OutputError)."""
    target = out if out is not None else pack_root / pack_catalogue_file(year)
    data = catalogue_template(year).encode("utf-8")

    def untouched(path: Path) -> bool:
        """A template as written is itapack's own, to replace; once filled in, it is the user's."""
        return path.stat().st_size == len(data) and path.read_bytes() == data

    safety.write_bytes(target, data, ours=untouched)
    return target
