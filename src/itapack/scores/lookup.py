"""Which catalogue a year's scores are read with: the user's own (--catalogue, or catalogue-<year>.yaml
in the pack) before the one shipped with itapack; a year with neither says how to add one."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from ..errors import InputError
from ..i18n import _
from ..pack.yamlfile import read_yaml
from .catalogue import Catalogue, parse_catalogue


def catalogue_file(year: int) -> str:
    """The built-in file of a year."""
    return f"ita-{year}.yaml"


def pack_catalogue_file(year: int) -> str:
    """The name a user's own catalogue of a year has in the pack (beside pack.yaml)."""
    return f"catalogue-{year}.yaml"


def available_years() -> tuple[int, ...]:
    folder = resources.files("itapack.scores") / "catalogues"
    years = []
    for entry in folder.iterdir():
        match = re.fullmatch(r"ita-(\d{4})\.yaml", entry.name, re.ASCII)
        if match:
            years.append(int(match.group(1)))
    return tuple(sorted(years))


def builtin(year: int) -> Catalogue | None:
    entry = resources.files("itapack.scores") / "catalogues" / catalogue_file(year)
    if not entry.is_file():
        return None
    return parse_catalogue(entry.read_text(encoding="utf-8"), f"catalogues/{catalogue_file(year)}")


def read_catalogue(path: Path, shown: str | None = None) -> Catalogue:
    """A user's catalogue file: read with the pack files' limits, its problems located like theirs."""
    shown = shown or str(path)
    source = read_yaml(path, shown)
    return parse_catalogue(source.text, shown)


def load_catalogue(year: int, *, pack_root: Path | None = None, given: Catalogue | None = None) -> Catalogue:
    """The catalogue of a fiscal year (Buddhist era): the given one (--catalogue) when it is of that
    year, then the pack's catalogue-<year>.yaml, then the built-in one."""
    if given is not None and given.fiscal_year == year:
        return given
    if pack_root is not None and (pack_root / pack_catalogue_file(year)).is_file():
        return read_catalogue(pack_root / pack_catalogue_file(year), pack_catalogue_file(year))
    found = builtin(year)
    if found is None:
        raise InputError(unknown_year(year))
    return found


def has_catalogue(year: int, *, pack_root: Path | None = None, given: Catalogue | None = None) -> bool:
    if given is not None and given.fiscal_year == year:
        return True
    if pack_root is not None and (pack_root / pack_catalogue_file(year)).is_file():
        return True
    return year in available_years()


def unknown_year(year: int) -> str:
    years = ", ".join(str(y) for y in available_years())
    return _(
        "ยังไม่มีกรอบการประเมิน (แคตตาล็อก) ของปีงบประมาณ {year}: itapack มีของปี {years} "
        "เพิ่มของปีนี้เองได้: itapack scores PACK --catalogue-template {year} เขียนไฟล์ {file} ในชุดเอกสาร "
        "กรอกตัวชี้วัด น้ำหนัก เกณฑ์ระดับผล และที่มา (คู่มือการประเมินของปี) แล้วรันคำสั่งเดิมอีกครั้ง "
        "หรือระบุไฟล์ด้วย --catalogue FILE"
    ).format(year=year, years=years, file=pack_catalogue_file(year))
