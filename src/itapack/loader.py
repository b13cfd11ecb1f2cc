"""Load a pack folder: read its YAML, validate it, and check what spans files.

Every problem, from a tab in the indentation to a per-unit document naming an unknown unit kind,
becomes a Problem with file, line, column and the path inside the document. All are collected
before raising, so one run shows the clerk everything to fix.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import texts
from .errors import InputError, Location, PackError, Problem
from .model import Document, PackInfo, StructureFile, UnitsFile, Window
from .pack import LEVELS_FILE, PACK_FILE, PACK_FILES, SECTIONS_FILE, STRUCTURE_FILES, UNITS_FILE, Pack, unit_keys
from .thai import fiscal_year_window
from .yamlfile import PathKey, YamlFile, read_yaml

M = TypeVar("M", bound=BaseModel)


def find_pack_root(path: Path) -> Path:
    """PACK may name the folder or one of its files."""
    if path.is_file() and path.name in PACK_FILES:
        return path.parent
    if not path.exists():
        raise InputError(f"{path}: no such folder")
    if not path.is_dir():
        raise InputError(f"{path}: not a pack folder (a folder holding {PACK_FILE} and {LEVELS_FILE})")
    if not (path / PACK_FILE).exists():
        raise InputError(f"{path}: no {PACK_FILE} here; is this a pack folder? ('itapack init' starts a new pack)")
    return path


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
            f"both {LEVELS_FILE} and {SECTIONS_FILE} are here; keep one"
            if structure
            else f"no {LEVELS_FILE} here: the file that lists the pack's levels (or {SECTIONS_FILE}, its sections)"
        )
        raise PackError([Problem(where, message)])
    names = [PACK_FILE, structure[0], *([UNITS_FILE] if (root / UNITS_FILE).exists() else [])]
    for name in names:
        try:  # shown as the user named the pack, so messages point at a path they can open
            files[name] = read_yaml(root / name, str(root / name))
        except PackError as error:
            problems.extend(error.problems)
    if problems:
        raise PackError(problems)

    info = _validate(PackInfo, files[PACK_FILE], problems)
    layout = _validate(StructureFile, files[structure[0]], problems)
    roster = _validate(UnitsFile, files[UNITS_FILE], problems) if UNITS_FILE in files else UnitsFile()
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
    return Pack(root, info, layout.entries, roster, files, tuple(checks.warnings))


# --- pydantic errors in the clerk's words ------------------------------------------------------


def _validate(model: type[M], source: YamlFile, problems: list[Problem]) -> M | None:
    if not isinstance(source.data, dict):
        problems.append(Problem(source.location(()), "the file should hold 'key: value' lines at the top level"))
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
            problems.append(Problem(source.location(loc, at_key=at_key), _message(model, loc, detail)))
        return None


def _has_own_errors(loc: PathKey, details: list[Any]) -> bool:
    return any(len(d["loc"]) > len(loc) and tuple(d["loc"][: len(loc)]) == loc for d in details)


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
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "string": "text",
    "str": "text",
    "dict": "a mapping of 'key: value' lines",
    "model": "a mapping of 'key: value' lines",
    "list": "a list of '- ' items",
    "tuple": "a list of '- ' items",
    "date": "a date",
}


def _message(model: type[BaseModel], loc: PathKey, detail: Any) -> str:
    kind: str = detail["type"]
    given = detail.get("input")
    shown = f" (found '{given}')" if isinstance(given, str) else ""
    if kind == "extra_forbidden":
        key = str(loc[-1])
        owner = _model_at(model, loc[:-1])
        allowed = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{close[0]}'?" if close else (f"; allowed keys: {', '.join(allowed)}" if allowed else "")
        )
        return f"unknown key '{key}'{hint}"
    if kind == "missing":
        return f"'{loc[-1]}' is required here but missing"
    if kind == "literal_error":
        return f"must be {detail['ctx']['expected']}{shown}"
    if kind in ("value_error", "assertion_error"):
        return str(detail["msg"]).removeprefix("Value error, ")
    if kind.endswith(("_parsing", "_type")):
        expected = _TYPE_WORDS.get(kind.rsplit("_", 1)[0].removesuffix("_from_datetime"))
        if expected:
            return f"should be {expected}{shown}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"{detail['msg'].lower()}{shown}"
    if kind == "too_short":
        return "needs at least one entry"
    if kind == "string_too_short":
        return "must not be empty"
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
        self.check_relative(PACK_FILE, ("evidence",), info.evidence, "the evidence folder")
        if info.title is not None:
            self.check_placeholders(PACK_FILE, ("title",), info.title, dated=False)
        if info.organisation is None and not info.province:
            self.error(
                PACK_FILE,
                (),
                "say who the pack is for: 'organisation:' with kind and name "
                "(e.g. {kind: local, name: องค์การบริหารส่วนตำบลบางปลา}), or 'province:' for a province's pack",
            )
        entries = len(self.layout.entries)
        if info.scoring == "levels":
            if info.target_score is not None:
                self.error(PACK_FILE, ("target_score",), "target_score is for 'scoring: checklist'; use target_level")
            if info.target_level is not None and info.target_level > entries:
                self.error(
                    PACK_FILE,
                    ("target_level",),
                    f"target level {info.target_level} is above the highest level ({entries})",
                )
        elif info.target_level is not None:
            self.error(
                PACK_FILE, ("target_level",), "target_level is for 'scoring: levels'; use target_score (percent)"
            )
        if info.window is not None:
            self.check_window(PACK_FILE, ("window",), info.window)

    def check_roster(self) -> None:
        roster = self.roster
        kinds = self.unique(UNITS_FILE, "kinds", [k.id for k in roster.kinds], "unit kind")
        self.unique(UNITS_FILE, "groups", [g.id for g in roster.groups], "group")
        for i, group in enumerate(roster.groups):
            if group.id in kinds:
                self.error(
                    UNITS_FILE, ("groups", i, "id"), f"'{group.id}' is already a unit kind; give the group another id"
                )
            for j, kind in enumerate(group.kinds):
                self.known(UNITS_FILE, ("groups", i, "kinds", j), kind, kinds, "unit kind")
        districts = self.unique(UNITS_FILE, "districts", [d.id for d in roster.districts], "district")
        self.unique(UNITS_FILE, "units", [u.id for u in roster.units], "unit")
        for i, unit in enumerate(roster.units):
            self.known(UNITS_FILE, ("units", i, "kind"), unit.kind, kinds, "unit kind")
            if unit.district is not None:
                self.known(UNITS_FILE, ("units", i, "district"), unit.district, districts, "district")
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
                        f"'{unit.name}' and unit {other.id} (line {line}) can be written the same way, so their "
                        "evidence folders cannot be told apart; make the names differ (add the district, e.g. "
                        f"'{unit.name} อำเภอ…') or remove the alias they share",
                    )
                    break

    def check_structure(self) -> None:
        layout, file = self.layout, self.structure
        if layout.levels is not None and layout.sections is not None:
            self.error(file, ("sections",), "write either 'levels:' or 'sections:', not both")
        elif layout.levels is None and layout.sections is None:
            self.error(file, (), "list the pack's levels under 'levels:' (or its sections under 'sections:')")
            return
        key = layout.key
        ladder = self.info.scoring == "levels"
        for i, section in enumerate(layout.entries):
            if ladder and section.number != i + 1:
                numbers = {s.number for s in layout.entries}
                missing = sorted(set(range(1, len(layout.entries) + 1)) - numbers)
                hint = f"level {missing[0]} is missing" if missing else "list the levels in order"
                found = f"found level {section.number}" if section.number is not None else "found no number"
                self.error(file, (key, i, "number"), f"expected level {i + 1} here, {found}: {hint}")
                break
            if not ladder and "pass_percent" in section.model_fields_set:
                self.error(
                    file,
                    (key, i, "pass_percent"),
                    "pass_percent is for 'scoring: levels'; a checklist item stands alone",
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
                    self.error(file, (*path, "id"), f"document id {doc.id} is used twice (first at line {first.line})")
                by_id.setdefault(doc.id, doc)
                first_path.setdefault(folded, (*path, "id"))
        per_unit_names = {k.id for k in self.roster.kinds} | {g.id for g in self.roster.groups}
        for i, section in enumerate(layout.entries):
            for j, doc in enumerate(section.documents):
                self.check_document((key, i, "documents", j), doc, by_id, per_unit_names)
        self.check_unit_urls(by_id)

    def check_document(
        self, path: PathKey, doc: Document, by_id: dict[str, Document], per_unit_names: set[str]
    ) -> None:
        file = self.structure
        for j, name in enumerate(doc.per_unit):
            self.known(file, (*path, "per_unit", j), name, per_unit_names, "unit kind or group")
        if doc.per_unit and not self.has_units(doc.per_unit):
            self.warn(file, (*path, "per_unit"), f"{doc.id} is needed per unit, but {UNITS_FILE} lists none")
        if doc.same_as is not None:
            self.check_same_as(path, doc, by_id)
        if doc.folder is not None:
            self.check_relative(file, (*path, "folder"), doc.folder, "a document folder")
        self.check_placeholders(file, (*path, "title"), doc.title, dated=True)
        start, end = fiscal_year_window(self.info.fiscal_year)
        if doc.date is not None and not start <= doc.date <= end:
            self.warn(file, (*path, "date"), f"the date is outside fiscal year {self.info.fiscal_year}")
        if doc.due is not None and not start <= doc.due <= end:
            self.warn(file, (*path, "due"), f"the due date is outside fiscal year {self.info.fiscal_year}")
        if doc.window is not None:
            self.check_window(file, (*path, "window"), doc.window)
        if doc.owner is not None and _LOOKS_LIKE_ID.fullmatch(doc.owner):
            units = {unit.id for unit in self.roster.units}
            if doc.owner not in units:
                close = difflib.get_close_matches(doc.owner, sorted(units), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'? " if close else ""
                self.error(
                    file,
                    (*path, "owner"),
                    f"no unit '{doc.owner}' in {UNITS_FILE}; {hint}(a role is written in words, e.g. หัวหน้าส่วนราชการ)",
                )

    def check_window(self, file: str, path: PathKey, window: Window) -> None:
        if window.name is not None:
            if window.start is not None or window.end is not None:
                self.error(file, path, "give either a window's name (fiscal_year, first_half, …) or its start and end")
        elif window.start is None or window.end is None:
            self.error(file, path, "an explicit window needs both start and end (Buddhist-era dates)")
        elif window.start > window.end:
            self.error(file, (*path, "start"), "the window starts after it ends")

    def check_unit_urls(self, by_id: dict[str, Document]) -> None:
        groups = {group.id: set(group.kinds) for group in self.roster.groups}
        for i, unit in enumerate(self.roster.units):
            for doc_id in unit.urls:
                doc = by_id.get(doc_id)
                where = ("units", i, "urls", doc_id)
                if doc is None:
                    self.known(UNITS_FILE, where, doc_id, set(by_id), "document")
                    continue
                kinds = set().union(*(groups.get(name, {name}) for name in doc.per_unit))
                if unit.kind not in kinds:
                    self.error(
                        UNITS_FILE,
                        where,
                        f"{doc_id} is not needed from each {unit.kind} unit (per_unit), so a page of this unit's "
                        f"cannot serve it; put the address on the document ('url:') instead",
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
            self.error(file, where, "a document cannot be the same as itself")
        elif target is None:
            self.known(file, where, doc.same_as or "", set(by_id), "document")
        elif target.same_as is not None:
            self.error(
                file, where, f"{target.id} itself uses the evidence of {target.same_as}; point to {target.same_as}"
            )
        elif set(target.per_unit) != set(doc.per_unit):
            self.error(file, where, f"{doc.id} and {target.id} must be needed by the same units to share evidence")
        for key in sorted({"folder", "patterns", "types", "min_files", "window"} & doc.model_fields_set):
            self.error(file, (*path, key), f"'{key}' has no effect with same_as: the evidence of {doc.same_as} is used")

    def unique(self, file: str, section: str, ids: list[str], what: str) -> set[str]:
        seen: dict[str, int] = {}
        for i, value in enumerate(ids):
            if value in seen:
                first = self.files[file].location((section, seen[value], "id"))
                self.error(file, (section, i, "id"), f"{what} id '{value}' is used twice (first at line {first.line})")
            else:
                seen[value] = i
        return set(seen)

    def known(self, file: str, path: PathKey, value: str, known: Iterable[str], what: str) -> None:
        known = sorted(known)
        if value in known:
            return
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known) or 'none'}"
        if what.startswith("unit kind") and UNITS_FILE not in self.files:  # rather than "known: none"
            hint = f"this pack has no {UNITS_FILE}; list the unit kinds and units there"
        self.error(file, path, f"unknown {what} '{value}'; {hint}")

    def check_relative(self, file: str, path: PathKey, value: str, what: str) -> None:
        if leaves_folder(value):
            self.error(
                file,
                path,
                f"{what} must stay inside the pack folder; write a relative path without '..' (found '{value}')",
            )

    def check_placeholders(self, file: str, path: PathKey, template: str, *, dated: bool) -> None:
        allowed = dict(texts.PACK_PLACEHOLDERS)
        if not self.info.province:
            del allowed["province"]
        if dated:
            allowed |= texts.DOCUMENT_PLACEHOLDERS
        for name in texts.placeholders_in(template):
            if name == "province" and name not in allowed:
                self.error(file, path, "{province} needs 'province:' in pack.yaml; or write {organisation}")
            elif name not in allowed:
                close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
                hint = f"did you mean {{{close[0]}}}?" if close else "known: " + ", ".join(f"{{{n}}}" for n in allowed)
                self.error(file, path, f"unknown placeholder {{{name}}}; {hint} (write {{{{ for a literal brace)")


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
