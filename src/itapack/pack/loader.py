"""Load a pack folder: read its YAML, validate it, and check what spans files.

Every problem, from a tab in the indentation to a per-unit document naming an unknown unit kind,
becomes a Problem with file, line, column and the path inside the document. All are collected
before raising, so one run shows the clerk everything to fix.
"""

from __future__ import annotations

import difflib
import os
import re
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .. import fence
from ..errors import InputError, ItapackError, Location, PackError, Problem
from ..i18n import N_, _
from . import packcache, texts
from .folder import LEVELS_FILE, PACK_FILE, PACK_FILES, SECTIONS_FILE, STRUCTURE_FILES, UNITS_FILE, Pack, unit_keys
from .model import Document, PackInfo, StructureFile, UnitsFile, Window
from .thai import fiscal_year_window, format_date
from .yamlfile import PathKey, YamlFile, parse_yaml, read_text

M = TypeVar("M", bound=BaseModel)


def find_pack_root(path: Path) -> Path:
    """PACK may name the folder or one of its files."""
    if path.is_file() and path.name in PACK_FILES:
        return path.parent
    if not path.exists():
        raise InputError(_("{path}: ไม่มีโฟลเดอร์นี้").format(path=path) + _nearby_packs(path))
    if not path.is_dir():
        raise InputError(
            _("{path}: ไม่ใช่โฟลเดอร์ชุดเอกสาร (โฟลเดอร์ที่มี {pack} และ {levels})").format(
                path=path, pack=PACK_FILE, levels=LEVELS_FILE
            )
        )
    if not (path / PACK_FILE).exists():
        raise InputError(
            _("{path}: ไม่มี {pack} ที่นี่ ใช่โฟลเดอร์ชุดเอกสารหรือไม่? ('itapack init' เริ่มชุดเอกสารใหม่)").format(
                path=path.absolute(), pack=PACK_FILE
            )
            + _nearby_packs(path)
        )
    return path


def _nearby_packs(path: Path) -> str:
    """Where the pack a clerk meant probably is: around the folder they named, or above it (run
    from inside the evidence folder), or its name with another year or a typo."""
    try:
        here = path.absolute()
        above = next((folder for folder in here.parents if (folder / PACK_FILE).is_file()), None)
        if above is not None:
            return _(' โฟลเดอร์นี้อยู่ในชุดเอกสาร {pack}: ระบุโฟลเดอร์นั้น เช่น itapack check "{pack}"').format(pack=above)
        place = here if here.is_dir() else here.parent
        packs = sorted(child.name for child in place.iterdir() if (child / PACK_FILE).is_file())[:20]
    except OSError:
        return ""
    if not here.is_dir():
        packs = difflib.get_close_matches(here.name, packs, n=3, cutoff=0.5)
    if not packs:
        return ""
    return _(' ชุดเอกสารที่พบ: {packs} (ระบุชื่อโฟลเดอร์ เช่น itapack check "{first}")').format(
        packs=", ".join(packs), first=packs[0]
    )


def load_pack(path: Path, *, keep_sources: bool = False) -> Pack:
    """keep_sources: keep every YAML node's position, for rewriting the files (rollover).
    Otherwise they are dropped once validated: a national units.yaml has 300,000 of them."""
    root = find_pack_root(path)
    problems: list[Problem] = []
    files: dict[str, YamlFile] = {}
    structure = [name for name in STRUCTURE_FILES if (root / name).exists()]
    if len(structure) != 1:
        where = Location(str(root / (structure[1] if structure else LEVELS_FILE)))
        message = (
            _("มีทั้ง {levels} และ {sections} ที่นี่ ให้เก็บไว้ไฟล์เดียว")
            if structure
            else _("ไม่มี {levels} ที่นี่: ไฟล์ที่ระบุระดับของชุดเอกสาร (หรือ {sections} ที่ระบุหมวด)")
        ).format(levels=LEVELS_FILE, sections=SECTIONS_FILE)
        raise PackError([Problem(where, message)])
    names = [PACK_FILE, structure[0], *([UNITS_FILE] if (root / UNITS_FILE).exists() else [])]
    texts: dict[str, str | PackError] = {}
    for name in names:
        try:  # shown as the user named the pack, so messages point at a path they can open
            texts[name] = read_text(root / name, str(root / name))
        except PackError as error:
            texts[name] = error
    read = {name: text for name, text in texts.items() if isinstance(text, str)}
    digest = packcache.key(root, read) if not keep_sources and len(read) == len(texts) else None
    remembered = packcache.recall(root, digest) if digest is not None else None
    if remembered is not None:
        fence.protect(remembered)
        return remembered
    for name, text in texts.items():  # each file's problems in turn, whether reading or parsing found them
        if isinstance(text, PackError):
            problems.extend(text.problems)
            continue
        try:
            files[name] = parse_yaml(text, str(root / name))
        except PackError as error:
            problems.extend(error.problems)
    if problems:
        raise PackError(problems)

    kinds = (
        files[UNITS_FILE].data.get("kinds") if UNITS_FILE in files and isinstance(files[UNITS_FILE].data, dict) else []
    )
    info = validate_model(PackInfo, files[PACK_FILE], problems)
    layout = validate_model(StructureFile, files[structure[0]], problems, kinds)
    roster = validate_model(UnitsFile, files[UNITS_FILE], problems, kinds) if UNITS_FILE in files else UnitsFile()
    if info is None or layout is None or roster is None:
        raise PackError(problems)

    checks = _CrossChecks(info, layout, roster, files, structure[0])
    checks.run()
    if checks.problems:
        raise PackError(checks.problems)
    if not keep_sources:
        for source in files.values():
            source.nodes.clear()
            source.key_nodes.clear()
    pack = Pack(root, info, layout.entries, roster, files, tuple(checks.warnings))
    if digest is not None:
        packcache.keep(root, digest, pack)
    fence.protect(pack)  # from here on no output of this run lands on its YAML or in its evidence
    return pack


def check_output_folder(folder: Path) -> None:
    """safety.check_folder, with the packs the folder lies in fenced first: init and rollover
    load no pack there, and must not write into one's evidence all the same."""
    from .. import safety  # the writer: a check that writes no file never imports it

    fence_enclosing_packs(folder)
    safety.check_folder(folder)


def fence_enclosing_packs(folder: Path) -> None:
    """Fence the packs folder lies in, found by their pack.yaml on the way up; one that does not
    load is no pack to protect."""
    try:
        place = Path(os.path.realpath(folder))
    except (OSError, ValueError):
        return
    for ancestor in place.parents:
        try:
            if not (ancestor / "pack.yaml").is_file() or fence.is_fenced(ancestor):
                continue
            load_pack(ancestor)  # loading fences it
        except (ItapackError, OSError):
            continue


# --- pydantic errors in the clerk's words ------------------------------------------------------


def validate_model(model: type[M], source: YamlFile, problems: list[Problem], kinds: Any = ()) -> M | None:
    """kinds: units.yaml's kinds as written, to name them when a kind is wanted and something else is given."""
    if not isinstance(source.data, dict):
        problems.append(Problem(source.location(()), _("ไฟล์นี้ต้องมีบรรทัดแบบ 'key: value' ที่ระดับบนสุด")))
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        details = error.errors(include_url=False)
        for detail in details:
            loc = tuple(detail["loc"])
            if detail["type"] == "missing" and _misspelt(model, loc, details):
                continue  # "unknown key 'titel'; did you mean 'title'?" says it already
            if detail["type"] == "too_short" and _has_own_errors(loc, details):
                continue  # its entries are all invalid, so none is left: their errors say why
            at_key = detail["type"] in ("extra_forbidden", "missing")
            message = _kind_message(kinds, loc, detail) or _message(model, loc, detail)
            problems.append(Problem(source.location(loc, at_key=at_key), message))
        return None


def _has_own_errors(loc: PathKey, details: list[Any]) -> bool:
    return any(len(d["loc"]) > len(loc) and tuple(d["loc"][: len(loc)]) == loc for d in details)


def _kind_message(kinds: Any, loc: PathKey, detail: Any) -> str | None:
    """kind: อบต. (a short form where an id is wanted): name the kind ids, and whose short form it is."""
    wants_kind = loc[-1] == "kind" or (len(loc) > 1 and loc[-2] in ("per_unit", "kinds") and loc[0] != "kinds")
    given = detail.get("input")
    if not wants_kind or detail["type"] != "value_error" or not isinstance(given, str):
        return None
    written = [kind for kind in kinds or () if isinstance(kind, dict) and isinstance(kind.get("id"), str)]
    if not written:
        return None
    ids = ", ".join(kind["id"] for kind in written)
    text = _("'{value}' ไม่ใช่รหัสประเภทหน่วยงาน; รหัสที่มีใน units.yaml: {ids}").format(value=given, ids=ids)
    meant = next((kind["id"] for kind in written if given.strip() in (kind.get("short"), kind.get("name"))), None)
    if meant is not None:
        return text + _(" ('{value}' คือชื่อย่อของ {id}: เขียน {id})").format(value=given, id=meant)
    return text + _(" (เช่น {id})").format(id=written[0]["id"])


def _misspelt(model: type[BaseModel], loc: PathKey, details: list[Any]) -> bool:
    """Is the missing key at loc there after all, under a misspelt name?"""
    owner = _model_at(model, loc[:-1])
    allowed = list(owner.model_fields) if owner else []
    extras = [tuple(d["loc"]) for d in details if d["type"] == "extra_forbidden"]
    return any(
        extra[:-1] == loc[:-1] and difflib.get_close_matches(str(extra[-1]), allowed, n=1, cutoff=0.6) == [loc[-1]]
        for extra in extras
    )


_TYPE_WORDS = {
    "int": N_("จำนวนเต็ม"),
    "float": N_("ตัวเลข"),
    "bool": N_("ค่า true หรือ false"),
    "string": N_("ข้อความ"),
    "str": N_("ข้อความ"),
    "dict": N_("ชุดบรรทัดแบบ 'key: value'"),
    "model": N_("ชุดบรรทัดแบบ 'key: value'"),
    "list": N_("รายการที่ขึ้นต้นด้วย '- '"),
    "tuple": N_("รายการที่ขึ้นต้นด้วย '- '"),
    "date": N_("วันที่"),
}


def _message(model: type[BaseModel], loc: PathKey, detail: Any) -> str:
    kind: str = detail["type"]
    given = detail.get("input")
    shown = _(" (พบ '{value}')").format(value=given) if isinstance(given, str) else ""
    if kind == "extra_forbidden":
        key = str(loc[-1])
        owner = _model_at(model, loc[:-1])
        allowed = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = (
            _("; หมายถึง '{key}' หรือเปล่า?").format(key=close[0])
            if close
            else (_("; คีย์ที่ใช้ได้: {keys}").format(keys=", ".join(allowed)) if allowed else "")
        )
        return _("ไม่รู้จักคีย์ '{key}'{hint}").format(key=key, hint=hint)
    if kind == "missing":
        return _("ต้องมี '{key}' ที่นี่ แต่ไม่พบ").format(key=loc[-1])
    if kind == "literal_error":
        expected = str(detail["ctx"]["expected"]).replace(" or ", _(" หรือ "))
        return _("ต้องเป็น {expected}{found}").format(expected=expected, found=shown)
    if kind in ("value_error", "assertion_error"):
        return str(detail["msg"]).removeprefix("Value error, ")
    if kind.endswith(("_parsing", "_type")):
        expected = _TYPE_WORDS.get(kind.rsplit("_", 1)[0].removesuffix("_from_datetime"))
        if expected:
            return _("ควรเป็น{expected}{found}").format(expected=_(expected), found=shown)
    if kind == "greater_than_equal" and loc[-1] == "fiscal_year" and str(given).isdigit() and int(given) > 1900:
        return _("ปีงบประมาณเขียนเป็นปีพุทธศักราช: ใช้ปีพุทธศักราช: {year} (พบ {given})").format(
            year=int(given) + 543, given=given
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {
            "greater_than_equal": N_("ต้องไม่น้อยกว่า {limit}"),
            "greater_than": N_("ต้องมากกว่า {limit}"),
            "less_than_equal": N_("ต้องไม่เกิน {limit}"),
            "less_than": N_("ต้องน้อยกว่า {limit}"),
        }[kind]
        limit = next(iter(detail.get("ctx", {}).values()), "")
        return _(words).format(limit=limit) + shown
    if kind == "too_short":
        return _("ต้องมีอย่างน้อยหนึ่งรายการ")
    if kind == "string_too_short":
        return _("ห้ามว่าง")
    return f"{detail['msg']}{shown}"


def _model_at(model: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = _inner_model(field.annotation) if field else None
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if arg is not Ellipsis and not isinstance(arg, types.NoneType):
            found = _inner_model(arg)
            if found:
                return found
    return None


# --- what only the whole pack can tell ---------------------------------------------------------

_LOOKS_LIKE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*", re.ASCII)


class _CrossChecks:
    def __init__(
        self, info: PackInfo, layout: StructureFile, roster: UnitsFile, files: dict[str, YamlFile], structure: str
    ) -> None:
        self.info, self.layout, self.roster, self.files = info, layout, roster, files
        self.structure = structure  # levels.yaml or sections.yaml
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, file: str, path: PathKey, message: str) -> None:
        self.problems.append(Problem(self.files[file].location(path), message))

    def warn(self, file: str, path: PathKey, message: str) -> None:
        self.warnings.append(Problem(self.files[file].location(path), message))

    def run(self) -> None:
        self.check_pack()
        self.check_roster()
        self.check_structure()

    def check_pack(self) -> None:
        info = self.info
        self.check_relative(PACK_FILE, ("evidence",), info.evidence, _("โฟลเดอร์หลักฐาน"))
        if info.title is not None:
            self.check_placeholders(PACK_FILE, ("title",), info.title, dated=False)
        if info.organisation is None and not info.province:
            self.error(
                PACK_FILE,
                (),
                _(
                    "ระบุว่าชุดเอกสารนี้เป็นของใคร: 'organisation:' พร้อม kind และ name "
                    "(เช่น {{kind: local, name: องค์การบริหารส่วนตำบลบางปลา}}) หรือ 'province:' สำหรับชุดของจังหวัด"
                ).format(),
            )
        entries = len(self.layout.entries)
        if info.scoring == "levels":
            if info.target_score is not None:
                self.error(PACK_FILE, ("target_score",), _("target_score ใช้กับ 'scoring: checklist' ให้ใช้ target_level"))
            if info.target_level is not None and info.target_level > entries:
                self.error(
                    PACK_FILE,
                    ("target_level",),
                    _("ระดับเป้าหมาย {level} สูงกว่าระดับสูงสุด ({highest})").format(level=info.target_level, highest=entries),
                )
        elif info.target_level is not None:
            self.error(
                PACK_FILE,
                ("target_level",),
                _("target_level ใช้กับ 'scoring: levels' ให้ใช้ target_score (ร้อยละ)"),
            )
        if info.window is not None:
            self.check_window(PACK_FILE, ("window",), info.window)

    def check_roster(self) -> None:
        roster = self.roster
        kinds = self.unique(UNITS_FILE, "kinds", [k.id for k in roster.kinds], _("ประเภทหน่วยงาน"))
        self.unique(UNITS_FILE, "groups", [g.id for g in roster.groups], _("กลุ่ม"))
        for i, group in enumerate(roster.groups):
            if group.id in kinds:
                self.error(
                    UNITS_FILE,
                    ("groups", i, "id"),
                    _("'{id}' เป็นรหัสประเภทหน่วยงานอยู่แล้ว ตั้งรหัสกลุ่มเป็นอย่างอื่น").format(id=group.id),
                )
            for j, kind in enumerate(group.kinds):
                self.known(UNITS_FILE, ("groups", i, "kinds", j), kind, kinds, _("ประเภทหน่วยงาน"))
        districts = self.unique(UNITS_FILE, "districts", [d.id for d in roster.districts], _("อำเภอ"))
        self.unique(UNITS_FILE, "units", [u.id for u in roster.units], _("หน่วยงาน"))
        for i, unit in enumerate(roster.units):
            self.known(UNITS_FILE, ("units", i, "kind"), unit.kind, kinds, _("ประเภทหน่วยงาน"))
            if unit.district is not None:
                self.known(UNITS_FILE, ("units", i, "district"), unit.district, districts, _("อำเภอ"))
        self.check_unit_names()

    def check_unit_names(self) -> None:
        """Two units a folder name could both mean: the scan could credit one with the other's files."""
        kinds = {kind.id: kind for kind in self.roster.kinds}
        owner: dict[str, int] = {}
        for i, unit in enumerate(self.roster.units):
            for key in sorted(unit_keys(unit, kinds.get(unit.kind))):
                first = owner.setdefault(key, i)
                other = self.roster.units[first]
                if first != i and other.id != unit.id:  # a repeated id is reported as such
                    line = self.files[UNITS_FILE].location(("units", first)).line
                    self.error(
                        UNITS_FILE,
                        ("units", i, "name"),
                        _(
                            "'{name}' กับหน่วยงาน {other} (บรรทัด {line}) เขียนได้เหมือนกัน จึงแยกโฟลเดอร์หลักฐาน"
                            "ของสองหน่วยไม่ได้ ทำให้ชื่อต่างกัน (เติมอำเภอ เช่น '{name} อำเภอ…') หรือลบชื่อย่อที่ซ้ำกัน"
                        ).format(name=unit.name, other=other.id, line=line),
                    )
                    break

    def check_structure(self) -> None:
        layout, file = self.layout, self.structure
        if layout.levels is not None and layout.sections is not None:
            self.error(file, ("sections",), _("เขียน 'levels:' หรือ 'sections:' อย่างใดอย่างหนึ่ง ไม่ใช่ทั้งสอง"))
        elif layout.levels is None and layout.sections is None:
            self.error(file, (), _("ระบุระดับของชุดเอกสารใต้ 'levels:' (หรือหมวดใต้ 'sections:')"))
            return
        key = layout.key
        ladder = self.info.scoring == "levels"
        for i, section in enumerate(layout.entries):
            if ladder and section.number != i + 1:
                numbers = {s.number for s in layout.entries}
                missing = sorted(set(range(1, len(layout.entries) + 1)) - numbers)
                hint = _("ไม่มีระดับ {level}").format(level=missing[0]) if missing else _("เรียงระดับตามลำดับ")
                found = (
                    _("พบระดับ {level}").format(level=section.number) if section.number is not None else _("ไม่พบหมายเลข")
                )
                self.error(
                    file,
                    (key, i, "number"),
                    _("ที่นี่ควรเป็นระดับ {level} แต่{found}: {hint}").format(level=i + 1, found=found, hint=hint),
                )
                break
            if not ladder and "pass_percent" in section.model_fields_set:
                self.error(
                    file,
                    (key, i, "pass_percent"),
                    _("pass_percent ใช้กับ 'scoring: levels' รายการตรวจแต่ละข้อนับแยกกัน"),
                )
        by_id: dict[str, Document] = {}
        first_path: dict[str, PathKey] = {}
        for i, section in enumerate(layout.entries):
            for path, text in _criteria_texts(section.criteria, (key, i, "criteria")):
                self.check_placeholders(file, path, text, dated=False)
            if section.title:
                self.check_placeholders(file, (key, i, "title"), section.title, dated=False)
            for j, doc in enumerate(section.documents):
                path = (key, i, "documents", j)
                folded = doc.id.casefold()  # O36 and o36 name the same folders
                if folded in first_path:
                    first = self.files[file].location(first_path[folded])
                    self.error(
                        file,
                        (*path, "id"),
                        _("รหัสเอกสาร {id} ใช้ซ้ำ (ครั้งแรกที่บรรทัด {line})").format(id=doc.id, line=first.line),
                    )
                by_id.setdefault(doc.id, doc)
                first_path.setdefault(folded, (*path, "id"))
        per_unit_names = {k.id for k in self.roster.kinds} | {g.id for g in self.roster.groups}
        for i, section in enumerate(layout.entries):
            for j, doc in enumerate(section.documents):
                self.check_document((key, i, "documents", j), doc, by_id, per_unit_names)
        self.check_unit_urls(by_id)
        self.check_not_applicable(by_id)

    def check_document(
        self, path: PathKey, doc: Document, by_id: dict[str, Document], per_unit_names: set[str]
    ) -> None:
        file = self.structure
        for j, name in enumerate(doc.per_unit):
            self.known(file, (*path, "per_unit", j), name, per_unit_names, _("ประเภทหน่วยงานหรือกลุ่ม"))
        if not doc.per_unit and "per_unit" in doc.model_fields_set:
            self.error(
                file,
                (*path, "per_unit"),
                _("per_unit ว่าง: ระบุประเภทหน่วยงานที่ต้องส่ง (เช่น per_unit: [sao]) หรือลบบรรทัดนี้ถ้าเป็นเอกสารของจังหวัด"),
            )
        elif not set(doc.per_unit) <= per_unit_names:
            pass  # an unknown kind is reported as such, above
        elif doc.per_unit and len(self.roster.units) > 1 and not self.has_units(doc.per_unit):
            # Units are listed, none of these kinds: a mistyped kind, not a pack still being filled in
            # (init's lists the province alone, and its per-unit documents wait for the units).
            self.error(
                file,
                (*path, "per_unit"),
                _("ข้อ {id} ต้องมีแยกตาม {kinds} แต่ {units} ไม่มีหน่วยงานประเภทนี้เลย").format(
                    id=doc.id, kinds=", ".join(doc.per_unit), units=UNITS_FILE
                ),
            )
        elif doc.per_unit and not self.has_units(doc.per_unit):
            self.warn(
                file,
                (*path, "per_unit"),
                _("ข้อ {id} ต้องมีแยกตามหน่วยงาน แต่ {units} ยังไม่มีหน่วยงาน").format(id=doc.id, units=UNITS_FILE),
            )
        if "not_applicable" in doc.model_fields_set and doc.not_applicable is None:
            self.error(file, (*path, "not_applicable"), _("ต้องเขียนเหตุผลว่าทำไมข้อ {id} ไม่เกี่ยวข้อง").format(id=doc.id))
        if doc.same_as is not None:
            self.check_same_as(path, doc, by_id)
        if doc.folder is not None:
            self.check_relative(file, (*path, "folder"), doc.folder, _("โฟลเดอร์ของเอกสาร"))
        self.check_placeholders(file, (*path, "title"), doc.title, dated=True)
        start, end = fiscal_year_window(self.info.fiscal_year)
        window = f"{format_date(start)} – {format_date(end)}"  # the clerk sees which dates the year holds
        if doc.date is not None and not start <= doc.date <= end:
            self.warn(
                file,
                (*path, "date"),
                _("วันที่อยู่นอกปีงบประมาณ {year} ({window})").format(year=self.info.fiscal_year, window=window),
            )
        if doc.due is not None and not start <= doc.due <= end:
            self.warn(
                file,
                (*path, "due"),
                _("กำหนดส่งอยู่นอกปีงบประมาณ {year} ({window})").format(year=self.info.fiscal_year, window=window),
            )
        if doc.window is not None:
            self.check_window(file, (*path, "window"), doc.window)
        if doc.owner is not None and _LOOKS_LIKE_ID.fullmatch(doc.owner):
            units = {unit.id for unit in self.roster.units}
            if doc.owner not in units:
                close = difflib.get_close_matches(doc.owner, sorted(units), n=1, cutoff=0.6)
                hint = _("หมายถึง '{unit}' หรือเปล่า? ").format(unit=close[0]) if close else ""
                self.error(
                    file,
                    (*path, "owner"),
                    _("ไม่มีหน่วยงาน '{owner}' ใน {units}; {hint}(ตำแหน่งให้เขียนเป็นคำ เช่น หัวหน้าส่วนราชการ)").format(
                        owner=doc.owner, units=UNITS_FILE, hint=hint
                    ),
                )

    def check_window(self, file: str, path: PathKey, window: Window) -> None:
        if window.name is not None:
            if window.start is not None or window.end is not None:
                self.error(file, path, _("ระบุชื่อช่วงเวลา (fiscal_year, first_half, …) หรือ start และ end อย่างใดอย่างหนึ่ง"))
        elif window.start is None or window.end is None:
            self.error(file, path, _("ช่วงเวลาที่ระบุเองต้องมีทั้ง start และ end (วันที่ พ.ศ.)"))
        elif window.start > window.end:
            self.error(file, (*path, "start"), _("ช่วงเวลาเริ่มหลังวันสิ้นสุด"))

    def check_unit_urls(self, by_id: dict[str, Document]) -> None:
        groups = {group.id: set(group.kinds) for group in self.roster.groups}
        kind_names = {kind.id: kind.name for kind in self.roster.kinds}  # the kind as a clerk names it
        for i, unit in enumerate(self.roster.units):
            for doc_id in unit.urls:
                doc = by_id.get(doc_id)
                where = ("units", i, "urls", doc_id)
                if doc is None:
                    self.known(UNITS_FILE, where, doc_id, set(by_id), _("เอกสาร"))
                    continue
                kinds = set().union(*(groups.get(name, {name}) for name in doc.per_unit))
                if unit.kind not in kinds:
                    self.error(
                        UNITS_FILE,
                        where,
                        _(
                            "ข้อ {id} ไม่ได้ต้องมีจากหน่วยงานประเภท {kind} ทุกหน่วย (per_unit) หน้าเว็บของหน่วยนี้"
                            "จึงใช้แทนไม่ได้ ให้ใส่ที่อยู่ไว้ที่เอกสาร ('url:') แทน"
                        ).format(id=doc_id, kind=kind_names.get(unit.kind, unit.kind)),
                    )

    def check_not_applicable(self, by_id: dict[str, Document]) -> None:
        """A unit's excuses: each names a document the unit owes, with a reason a reader can check."""
        groups = {group.id: set(group.kinds) for group in self.roster.groups}
        for i, unit in enumerate(self.roster.units):
            for doc_id, reason in unit.not_applicable.items():
                doc = by_id.get(doc_id)
                where = ("units", i, "not_applicable", doc_id)
                if doc is None:
                    self.known(UNITS_FILE, where, doc_id, set(by_id), _("เอกสาร"))
                elif not reason.strip():
                    self.error(
                        UNITS_FILE,
                        where,
                        _('ต้องเขียนเหตุผลว่าทำไมข้อ {id} ไม่เกี่ยวข้องกับ{unit} เช่น "ยุบรวมเป็นเทศบาลระหว่างปี"').format(
                            id=doc_id, unit=unit.name
                        ),
                    )
                elif unit.kind not in set().union(*(groups.get(name, {name}) for name in doc.per_unit)):
                    self.error(
                        UNITS_FILE,
                        where,
                        _("{unit} ไม่ต้องส่งข้อ {id} อยู่แล้ว (ข้อนี้ไม่ได้แยกตามหน่วยงานประเภทนี้) ลบบรรทัดนี้ออก").format(
                            unit=unit.name, id=doc_id
                        ),
                    )

    def has_units(self, names: tuple[str, ...]) -> bool:
        groups = {group.id: set(group.kinds) for group in self.roster.groups}
        kinds = set().union(*(groups.get(name, {name}) for name in names))
        return any(unit.kind in kinds for unit in self.roster.units)

    def check_same_as(self, path: PathKey, doc: Document, by_id: dict[str, Document]) -> None:
        file = self.structure
        target = by_id.get(doc.same_as or "")
        where = (*path, "same_as")
        if doc.same_as == doc.id:
            self.error(file, where, _("เอกสารจะใช้หลักฐานเดียวกับตัวเองไม่ได้"))
        elif target is None:
            self.known(file, where, doc.same_as or "", set(by_id), _("เอกสาร"))
        elif target.same_as is not None:
            self.error(
                file,
                where,
                _("ข้อ {id} เองใช้หลักฐานของข้อ {other} ให้ชี้ไปที่ {other}").format(id=target.id, other=target.same_as),
            )
        elif set(target.per_unit) != set(doc.per_unit):
            self.error(
                file,
                where,
                _("ข้อ {id} กับข้อ {other} ต้องเป็นของหน่วยงานชุดเดียวกันจึงใช้หลักฐานร่วมกันได้").format(id=doc.id, other=target.id),
            )
        for key in sorted({"folder", "patterns", "types", "min_files", "window"} & doc.model_fields_set):
            self.error(
                file,
                (*path, key),
                _("'{key}' ไม่มีผลเมื่อใช้ same_as: ใช้หลักฐานของข้อ {other}").format(key=key, other=doc.same_as),
            )

    def unique(self, file: str, section: str, ids: list[str], what: str) -> set[str]:
        seen: dict[str, int] = {}
        for i, value in enumerate(ids):
            if value in seen:
                first = self.files[file].location((section, seen[value], "id"))
                self.error(
                    file,
                    (section, i, "id"),
                    _("รหัส{what} '{value}' ใช้ซ้ำ (ครั้งแรกที่บรรทัด {line})").format(what=what, value=value, line=first.line),
                )
            else:
                seen[value] = i
        return set(seen)

    def known(self, file: str, path: PathKey, value: str, known: Iterable[str], what: str) -> None:
        known = sorted(known)
        if value in known:
            return
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = (
            _("หมายถึง '{value}' หรือเปล่า?").format(value=close[0])
            if close
            else _("ที่มี: {known}").format(known=", ".join(known) or _("ไม่มี"))
        )
        if what.startswith(_("ประเภทหน่วยงาน")) and UNITS_FILE not in self.files:
            hint = _("ชุดเอกสารนี้ไม่มี {units} ให้ระบุประเภทหน่วยงานและหน่วยงานในไฟล์นั้น").format(units=UNITS_FILE)
        self.error(file, path, _("ไม่รู้จัก{what} '{value}'; {hint}").format(what=what, value=value, hint=hint))

    def check_relative(self, file: str, path: PathKey, value: str, what: str) -> None:
        if leaves_folder(value):
            self.error(
                file,
                path,
                _("{what}ต้องอยู่ในโฟลเดอร์ชุดเอกสาร เขียนเป็นเส้นทางสัมพัทธ์ที่ไม่มี '..' (พบ '{value}')").format(
                    what=what, value=value
                ),
            )

    def check_placeholders(self, file: str, path: PathKey, template: str, *, dated: bool) -> None:
        allowed = dict(texts.PACK_PLACEHOLDERS)
        if not self.info.province:
            del allowed["province"]
        if dated:
            allowed |= texts.DOCUMENT_PLACEHOLDERS
        for name in texts.placeholders_in(template):
            if name == "province" and name not in allowed:
                self.error(
                    file, path, _("{{province}} ต้องมี 'province:' ใน pack.yaml หรือเขียน {{organisation}} แทน").format()
                )
            elif name not in allowed:
                close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
                hint = (
                    _("หมายถึง {placeholder} หรือเปล่า?").format(placeholder=f"{{{close[0]}}}")
                    if close
                    else _("ที่มี: {known}").format(known=", ".join(f"{{{n}}}" for n in allowed))
                )
                self.error(
                    file,
                    path,
                    _("ไม่รู้จักตัวแทน {placeholder}; {hint} (เขียน {{{{ เมื่อต้องการวงเล็บปีกกาตามตัวอักษร)").format(
                        placeholder=f"{{{name}}}", hint=hint
                    ),
                )


def _criteria_texts(criteria: Iterable[Any], path: PathKey) -> Iterator[tuple[PathKey, str]]:
    for i, criterion in enumerate(criteria):
        yield (*path, i, "text"), criterion.text
        yield from _criteria_texts(criterion.items, (*path, i, "items"))


def leaves_folder(relative: str) -> bool:
    """True for absolute paths (either OS's) and for paths whose '..' climbs above where they start."""
    if (
        PurePosixPath(relative).is_absolute()
        or PureWindowsPath(relative).is_absolute()
        or PureWindowsPath(relative).drive
    ):
        return True
    depth = 0
    for part in relative.replace("\\", "/").split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False
