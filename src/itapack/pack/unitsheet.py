"""The province's list of units, as it keeps it in Excel, to units.yaml and back.

A sheet (CSV or XLSX) has a header row with Thai or English column names: ชื่อหน่วยงาน (name),
ประเภท (kind), อำเภอ (district), ชื่อย่อ (alias), เว็บไซต์ (website), and optionally รหัส (id).
Every row is read or reported with its row number (the number Excel shows beside it); nothing
is written while one row cannot be read. Ids are romanised from the Thai name (romanise.py), so
the same list gives the same ids; an id in the sheet, or in the units.yaml being replaced, wins.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import safety
from ..errors import InputError, Location, OutputError, PackError, Problem
from ..i18n import _, _n
from . import thai
from .loader import validate_model
from .model import UnitsFile
from .romanise import romanise
from .yamledit import scalar
from .yamlfile import parse_yaml

MAX_SHEET_BYTES = 20_000_000
MAX_ROWS = 100_000  # a national list is about 8,300 bodies

# The kinds a province's list holds, as init's units.yaml has them: (id, name, short, id prefix, other names)
KINDS = (
    ("province", "จังหวัด (หน่วยรับการประเมินระดับจังหวัด)", None, "", ("จังหวัด",)),
    ("regional_agency", "ส่วนราชการบริหารส่วนภูมิภาค", None, "pv-", ("ส่วนราชการ", "ส่วนภูมิภาค", "regional")),
    ("pao", "องค์การบริหารส่วนจังหวัด", "อบจ.", "pao-", ()),
    ("city_municipality", "เทศบาลนคร", "ทน.", "tn-", ()),
    ("town_municipality", "เทศบาลเมือง", "ทม.", "tm-", ()),
    ("subdistrict_municipality", "เทศบาลตำบล", "ทต.", "tt-", ()),
    ("sao", "องค์การบริหารส่วนตำบล", "อบต.", "sao-", ()),
)
LOCAL = ("pao", "city_municipality", "town_municipality", "subdistrict_municipality", "sao")

# Column -> the names a header may give it (compared as name keys: spaces, dots and case do not matter)
COLUMNS = {
    "id": ("รหัส", "id"),
    "name": ("ชื่อหน่วยงาน", "ชื่อ", "หน่วยงาน", "name", "unit"),
    "kind": ("ประเภท", "ประเภทหน่วยงาน", "kind", "type"),
    "district": ("อำเภอ", "district", "amphoe"),
    "alias": ("ชื่อย่อ", "ชื่ออื่น", "short", "alias", "aliases"),
    "website": ("เว็บไซต์", "เว็บ", "website", "url", "web"),
}
HEADERS = {
    "id": "รหัส",
    "name": "ชื่อหน่วยงาน",
    "kind": "ประเภท",
    "district": "อำเภอ",
    "alias": "ชื่อย่อ",
    "website": "เว็บไซต์",
}


class SheetError(PackError):
    """Rows of the sheet that cannot be read, each with its row number."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.args = (_n("อ่านรายชื่อหน่วยงานไม่ได้ {count} รายการ", len(problems)).format(count=len(problems)),)


@dataclass
class Imported:
    text: str  # units.yaml
    units: int
    districts: int
    removed: list[str] = field(default_factory=list)  # in the units.yaml replaced, not in the sheet


# --- reading the sheet ----------------------------------------------------------------------------


def read_table(path: Path) -> list[list[str]]:
    """The sheet's rows as text cells: CSV (UTF-8 with or without BOM, or Thai Windows cp874) or XLSX."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(
            _("{path}: อ่านได้เฉพาะไฟล์ .csv หรือ .xlsx (ไฟล์ .xls แบบเก่า: บันทึกเป็น .xlsx ก่อน)").format(path=path)
        )
    try:
        if path.stat().st_size > MAX_SHEET_BYTES:
            raise InputError(_("{path}: ไฟล์ใหญ่เกิน {limit} ไบต์").format(path=path, limit=f"{MAX_SHEET_BYTES:,}"))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(_("{path}: ไม่พบไฟล์").format(path=path)) from None
    except OSError as error:
        raise InputError(_("{path}: อ่านไฟล์ไม่ได้: {reason}").format(path=path, reason=error.strerror)) from None
    rows = _xlsx_rows(raw, path) if suffix == ".xlsx" else _csv_rows(raw)
    if len(rows) > MAX_ROWS:
        raise InputError(_("{path}: มีเกิน {limit} แถว").format(path=path, limit=f"{MAX_ROWS:,}"))
    return rows


def _csv_rows(raw: bytes) -> list[list[str]]:
    if raw.startswith(codecs.BOM_UTF8):
        text = raw[len(codecs.BOM_UTF8) :].decode("utf-8", "replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:  # Excel on Thai Windows saves "CSV" in the ANSI code page
            text = raw.decode("cp874", "replace")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","  # Excel in some locales writes ;
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    for row in reader:
        rows.append(row)
        if len(rows) > MAX_ROWS:
            break
    return rows


def _xlsx_rows(raw: bytes, path: Path) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook  # only this command needs it

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError(
            _("{path}: ไฟล์นี้ไม่ใช่ Excel (.xlsx) ที่เปิดได้ บันทึกใหม่จาก Excel เป็น .xlsx").format(path=path)
        ) from None
    try:
        rows = []
        for row in book.worksheets[0].iter_rows(values_only=True):
            rows.append(["" if value is None else _cell_text(value) for value in row])
            if len(rows) > MAX_ROWS:
                break
        return rows
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- rows to units --------------------------------------------------------------------------------


def import_units(rows: list[list[str]], shown: str, existing: str | None = None) -> Imported:
    """units.yaml's text for the sheet's rows. existing: the units.yaml being replaced, whose ids
    (and aliases, pages, exemptions and notes) of units with the same name are kept."""
    header_at, columns = _header(rows, shown)
    kept, kept_districts = _existing(existing)
    problems: list[Problem] = []
    units: list[dict[str, Any]] = []
    districts: dict[str, str] = {}  # name -> id
    district_ids: set[str] = set()
    ids: set[str] = set()
    seen: dict[str, int] = {}  # name key -> row
    for number, row in enumerate(rows[header_at:], header_at + 1):
        cells = {name: (row[index].strip() if index < len(row) else "") for name, index in columns.items()}
        if not any(cells.values()):
            continue  # an empty row holds nothing to lose

        def problem(message: str, number: int = number) -> None:
            problems.append(Problem(Location(shown), _("แถว {row}: {message}").format(row=number, message=message)))

        unit = _unit(cells, problem)
        if unit is None:
            continue
        key = thai.name_key(unit["name"])
        if key in seen:
            problem(_("ชื่อ '{name}' ซ้ำกับแถว {row}").format(name=unit["name"], row=seen[key]))
            continue
        seen[key] = number
        if unit.pop("district_name", None):
            name = cells["district"]
            district = _district_name(name)
            if district not in districts:
                wanted = kept_districts.get(thai.name_key(district)) or romanise(_district_core(district)) or "district"
                districts[district] = _unique(wanted, district_ids)
            unit["district"] = districts[district]
        old = kept.get(key, {})
        given = unit.get("id") or old.get("id")
        if given and given in ids:
            problem(_("รหัส '{id}' ซ้ำกับหน่วยงานก่อนหน้า").format(id=given))
            continue
        unit["id"] = given or _unique(_new_id(unit), ids)
        ids.add(unit["id"])
        for extra in ("aliases", "urls", "not_applicable", "note", "website"):
            if extra in old and extra not in unit:
                unit[extra] = old[extra]
        units.append(unit)
    if problems:
        raise SheetError(problems)
    if not units:
        raise SheetError([Problem(Location(shown), _("ไม่มีหน่วยงานสักแถวใต้หัวตาราง"))])
    # The province is no unit on its own list, but init's units.yaml has it (ITAS assesses its
    # agencies as one body): it stays. Any other unit the sheet no longer lists goes, and is named.
    province = [
        {k: v for k, v in old.items() if k != "district"}
        for key, old in kept.items()
        if key not in seen and old.get("kind") == "province" and old.get("id") not in ids
    ]
    text = _units_yaml(province + units, districts)
    problems = []
    validate_model(UnitsFile, parse_yaml(text, "units.yaml"), problems)  # what itapack writes, it reads
    if problems:  # only from what the units.yaml being replaced held
        raise PackError(problems)
    removed = [old["name"] for key, old in kept.items() if key not in seen and old.get("kind") != "province"]
    return Imported(text, len(units) + len(province), len(districts), removed)


def _header(rows: list[list[str]], shown: str) -> tuple[int, dict[str, int]]:
    """The first row with a name column is the header; the columns it names, by position."""
    names = {thai.name_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases}
    for number, row in enumerate(rows[:20], 1):
        found: dict[str, int] = {}
        for index, cell in enumerate(row):
            column = names.get(thai.name_key(cell.lstrip("\ufeff")))
            if column and column not in found:
                found[column] = index
        if "name" in found:
            return number, found
    raise SheetError([Problem(Location(shown), _("ไม่พบแถวหัวตาราง: ต้องมีคอลัมน์ 'ชื่อหน่วยงาน' (หรือ name) ในแถวแรก ๆ"))])


def _unit(cells: dict[str, str], problem: Any) -> dict[str, Any] | None:
    name = " ".join(cells.get("name", "").split())
    if not name:
        problem(_("ไม่มีชื่อหน่วยงาน"))
        return None
    kind = _kind_of(cells.get("kind", ""), name)
    if kind is None:
        given = cells.get("kind", "")
        if given:
            problem(_("ไม่รู้จักประเภท '{kind}' ใช้ อบต., ทต., ทม., ทน., อบจ. หรือ ส่วนราชการ").format(kind=given))
        else:
            problem(_("ไม่ระบุประเภทของ '{name}' ใส่ในคอลัมน์ ประเภท เช่น อบต. หรือ ส่วนราชการ").format(name=name))
        return None
    kind_id, kind_name, short = kind
    if short and thai.name_key(name).startswith(thai.name_key(short)):  # อบต.บางปลา -> องค์การบริหารส่วนตำบลบางปลา
        name = kind_name + name[len(short) :].lstrip(" .")
    unit: dict[str, Any] = {"name": name, "kind": kind_id}
    given_id = cells.get("id", "")
    if given_id:
        if (
            not all(c.isascii() and (c.islower() or c.isdigit() or c in "-_") for c in given_id)
            or not given_id[0].isalnum()
        ):
            problem(_("รหัส '{id}' ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข '-' และ '_'").format(id=given_id))
            return None
        unit["id"] = given_id
    if cells.get("district"):
        unit["district_name"] = True
    aliases = [a.strip() for a in cells.get("alias", "").split(",") if a.strip()]
    own = {thai.name_key(name), thai.name_key(short + name[len(kind_name) :]) if short else ""}
    aliases = [a for a in aliases if thai.name_key(a) not in own]
    if aliases:
        unit["aliases"] = aliases
    website = cells.get("website", "")
    if website:
        if "://" not in website and "." in website and " " not in website:
            website = "https://" + website  # what Excel shows when it shortens a link
        if not website.startswith(("http://", "https://")) or " " in website:
            problem(_("เว็บไซต์ '{url}' ไม่ใช่ที่อยู่เว็บ เขียนให้เต็ม เช่น https://www.example.go.th").format(url=website))
            return None
        unit["website"] = website
    return unit


def _kind_of(text: str, name: str) -> tuple[str, str, str | None] | None:
    """A kind from the ประเภท cell (Thai name, short form, id), else from how the name starts."""
    if text:
        key = thai.name_key(text)
        for kind_id, kind_name, short, _prefix, others in KINDS:
            if key in {thai.name_key(n) for n in (kind_id, kind_name, short or "", *others) if n}:
                return kind_id, kind_name, short
        return None
    key = thai.name_key(name)
    by_length = sorted(KINDS, key=lambda kind: -len(kind[1]))
    for kind_id, kind_name, short, _prefix, _others in by_length:
        if any(key.startswith(thai.name_key(n)) for n in (kind_name, short) if n) and kind_id != "province":
            return kind_id, kind_name, short
    return None


def _district_name(text: str) -> str:
    text = " ".join(text.split())
    for prefix in ("อำเภอ", "อ.", "เขต"):
        if text.startswith(prefix):
            core = text[len(prefix) :].strip()
            return ("เขต" if prefix == "เขต" else "อำเภอ") + core
    return "อำเภอ" + text


def _district_core(name: str) -> str:
    return name.removeprefix("อำเภอ").removeprefix("เขต")


def _new_id(unit: dict[str, Any]) -> str:
    """The kind's prefix and the romanised name without the kind and the province: sao-bangpla,
    pv-satharanasuk (สำนักงานสาธารณสุขจังหวัด…)."""
    kind = next(k for k in KINDS if k[0] == unit["kind"])
    name = unit["name"].removeprefix(kind[1])
    if kind[0] == "regional_agency":  # สำนักงานจังหวัด… itself: pv-office
        name = name.removeprefix("สำนักงาน").split("จังหวัด")[0] or "office"
    return (kind[3] + (romanise(name) or "unit"))[:40].strip("-")


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _existing(text: str | None) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """The units of the units.yaml being replaced, and its district ids, by name key; nothing when
    it cannot be read."""
    try:
        data = yaml.load(text or "", Loader=yaml.BaseLoader)  # every value a string: ids stay as written
    except yaml.YAMLError:
        return {}, {}
    if not isinstance(data, dict):
        return {}, {}

    def named(key: str) -> dict[str, dict[str, Any]]:
        entries = data.get(key)
        entries = entries if isinstance(entries, list) else []
        return {thai.name_key(e["name"]): e for e in entries if isinstance(e, dict) and isinstance(e.get("name"), str)}

    districts = {key: d["id"] for key, d in named("districts").items() if isinstance(d.get("id"), str)}
    return named("units"), districts


# --- writing --------------------------------------------------------------------------------------


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(str(value))


def _units_yaml(units: list[dict[str, Any]], districts: dict[str, str]) -> str:
    order = ("id", "name", "kind", "district", "aliases", "website", "urls", "not_applicable", "note")
    lines = [
        "# Units read from the province's list by `itapack units import`. Ids are stable ASCII: keep them",
        "# when a name is corrected; `itapack units export` writes the list back for Excel.",
        "",
        "kinds:",
        *("  - " + _flow({"id": k[0], "name": k[1], **({"short": k[2]} if k[2] else {})}) for k in KINDS),
        "",
        "groups:",
        "  - " + _flow({"id": "local", "name": "องค์กรปกครองส่วนท้องถิ่น", "kinds": list(LOCAL)}),
        "",
        "districts:" + ("" if districts else " []"),
        *("  - " + _flow({"id": d_id, "name": name}) for name, d_id in districts.items()),
        "",
        "units:",
        *("  - " + _flow({k: unit[k] for k in order if k in unit}) for unit in units),
    ]
    return "\n".join(lines) + "\n"


def write_units(path: Path, imported: Imported, *, force: bool) -> None:
    """existing_text() has refused a units.yaml already there, unless force."""
    safety.write_text(path, imported.text, force=force)


def existing_text(path: Path, force: bool) -> str | None:
    """The units.yaml import would replace: refused without force, so a hand-kept list is not lost unasked."""
    if not path.exists():
        return None
    if not force:
        raise OutputError(
            _("{path} มีอยู่แล้ว ใช้ --force เพื่อแทนที่ (รหัส ชื่ออื่น และข้อยกเว้นของหน่วยงานชื่อเดิมคงไว้)").format(path=path)
        )
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


# --- export ---------------------------------------------------------------------------------------


def export_rows(roster: UnitsFile) -> list[list[str]]:
    kinds = {kind.id: kind for kind in roster.kinds}
    districts = {district.id: district.name for district in roster.districts}
    rows = [list(HEADERS.values())]
    for unit in roster.units:
        kind = kinds.get(unit.kind)
        shown_kind = (kind.short or kind.name) if kind else unit.kind
        if unit.kind == "regional_agency":
            shown_kind = "ส่วนราชการ"
        district = districts.get(unit.district, "") if unit.district else ""
        rows.append([unit.id, unit.name, shown_kind, district, ", ".join(unit.aliases), unit.website or ""])
    return rows
