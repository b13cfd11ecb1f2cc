"""Load a pack folder: read its YAML, validate it, and check what spans files.

Every problem, from a tab in the indentation to a per-unit document naming an unknown unit kind,
becomes a Problem with file, line, column and the path inside the document. All are collected
before raising, so one run shows the clerk everything to fix.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import texts
from .errors import InputError, PackError, Problem
from .model import Document, LevelsFile, PackInfo, UnitsFile
from .pack import LEVELS_FILE, PACK_FILE, PACK_FILES, UNITS_FILE, Pack
from .thai import fiscal_year_window
from .yamlfile import PathKey, YamlFile, read_yaml

M = TypeVar("M", bound=BaseModel)


def find_pack_root(path: Path) -> Path:
    """PACK may name the folder or its pack.yaml."""
    if path.is_file() and path.name in PACK_FILES:
        return path.parent
    if not path.exists():
        raise InputError(f"{path}: no such folder")
    if not path.is_dir():
        raise InputError(f"{path}: not a pack folder (a folder holding {PACK_FILE}, {LEVELS_FILE} and {UNITS_FILE})")
    if not (path / PACK_FILE).exists():
        raise InputError(f"{path}: no {PACK_FILE} here; is this a pack folder? ('itapack init' starts a new pack)")
    return path


def load_pack(path: Path, *, keep_sources: bool = False) -> Pack:
    """keep_sources: keep every YAML node's position, for rewriting the files (rollover).
    Otherwise they are dropped once validated: a national units.yaml has 300,000 of them."""
    root = find_pack_root(path)
    problems: list[Problem] = []
    files: dict[str, YamlFile] = {}
    for name in PACK_FILES:
        try:  # shown as the user named the pack, so messages point at a path they can open
            files[name] = read_yaml(root / name, str(root / name))
        except PackError as error:
            problems.extend(error.problems)
    if problems:
        raise PackError(problems)

    info = _validate(PackInfo, files[PACK_FILE], problems)
    levels = _validate(LevelsFile, files[LEVELS_FILE], problems)
    roster = _validate(UnitsFile, files[UNITS_FILE], problems)
    if info is None or levels is None or roster is None:
        raise PackError(problems)

    checks = _CrossChecks(info, levels, roster, files)
    checks.run()
    if checks.problems:
        raise PackError(checks.problems)
    if not keep_sources:
        for source in files.values():
            source.nodes.clear()
            source.key_nodes.clear()
    return Pack(root, info, levels.levels, roster, files, tuple(checks.warnings))


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
            at_key = detail["type"] in ("extra_forbidden", "missing")
            problems.append(Problem(source.location(loc, at_key=at_key), _message(model, loc, detail)))
        return None


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


class _CrossChecks:
    def __init__(self, info: PackInfo, levels: LevelsFile, roster: UnitsFile, files: dict[str, YamlFile]) -> None:
        self.info, self.levels, self.roster, self.files = info, levels, roster, files
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, file: str, path: PathKey, message: str) -> None:
        self.problems.append(Problem(self.files[file].location(path), message))

    def warn(self, file: str, path: PathKey, message: str) -> None:
        self.warnings.append(Problem(self.files[file].location(path), message))

    def run(self) -> None:
        self.check_pack()
        self.check_roster()
        self.check_levels()

    def check_pack(self) -> None:
        self.check_relative(PACK_FILE, ("evidence",), self.info.evidence, "the evidence folder")
        self.check_placeholders(PACK_FILE, ("title",), self.info.title, dated=False)
        if self.info.target_level is not None and self.info.target_level > len(self.levels.levels):
            self.error(
                PACK_FILE,
                ("target_level",),
                f"target level {self.info.target_level} is above the highest level ({len(self.levels.levels)})",
            )

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

    def check_levels(self) -> None:
        for i, level in enumerate(self.levels.levels):
            if level.number != i + 1:
                numbers = {lv.number for lv in self.levels.levels}
                missing = sorted(set(range(1, len(self.levels.levels) + 1)) - numbers)
                hint = f"level {missing[0]} is missing" if missing else "list the levels in order"
                self.error(
                    LEVELS_FILE,
                    ("levels", i, "number"),
                    f"expected level {i + 1} here, found level {level.number}: {hint}",
                )
                break
        by_id: dict[str, Document] = {}
        first_path: dict[str, PathKey] = {}
        per_unit_names = {k.id for k in self.roster.kinds} | {g.id for g in self.roster.groups}
        for i, level in enumerate(self.levels.levels):
            for path, text in _criteria_texts(level.criteria, ("levels", i, "criteria")):
                self.check_placeholders(LEVELS_FILE, path, text, dated=False)
            for j, doc in enumerate(level.documents):
                path = ("levels", i, "documents", j)
                if doc.id in by_id:
                    first = self.files[LEVELS_FILE].location(first_path[doc.id])
                    self.error(
                        LEVELS_FILE, (*path, "id"), f"document id {doc.id} is used twice (first at line {first.line})"
                    )
                by_id.setdefault(doc.id, doc)
                first_path.setdefault(doc.id, (*path, "id"))
        for i, level in enumerate(self.levels.levels):
            for j, doc in enumerate(level.documents):
                self.check_document(("levels", i, "documents", j), doc, by_id, per_unit_names)

    def check_document(
        self, path: PathKey, doc: Document, by_id: dict[str, Document], per_unit_names: set[str]
    ) -> None:
        for j, name in enumerate(doc.per_unit):
            self.known(LEVELS_FILE, (*path, "per_unit", j), name, per_unit_names, "unit kind or group")
        if doc.per_unit and not self.has_units(doc.per_unit):
            self.warn(LEVELS_FILE, (*path, "per_unit"), f"{doc.id} is needed per unit, but {UNITS_FILE} lists none")
        if doc.same_as is not None:
            self.check_same_as(path, doc, by_id)
        if doc.folder is not None:
            self.check_relative(LEVELS_FILE, (*path, "folder"), doc.folder, "a document folder")
        self.check_placeholders(LEVELS_FILE, (*path, "title"), doc.title, dated=True)
        start, end = fiscal_year_window(self.info.fiscal_year)
        if doc.date is not None and not start <= doc.date <= end:
            self.warn(LEVELS_FILE, (*path, "date"), f"the date is outside fiscal year {self.info.fiscal_year}")

    def has_units(self, names: tuple[str, ...]) -> bool:
        groups = {group.id: set(group.kinds) for group in self.roster.groups}
        kinds = set().union(*(groups.get(name, {name}) for name in names))
        return any(unit.kind in kinds for unit in self.roster.units)

    def check_same_as(self, path: PathKey, doc: Document, by_id: dict[str, Document]) -> None:
        target = by_id.get(doc.same_as or "")
        where = (*path, "same_as")
        if doc.same_as == doc.id:
            self.error(LEVELS_FILE, where, "a document cannot be the same as itself")
        elif target is None:
            self.known(LEVELS_FILE, where, doc.same_as or "", set(by_id), "document")
        elif target.same_as is not None:
            self.error(
                LEVELS_FILE,
                where,
                f"{target.id} itself uses the evidence of {target.same_as}; point to {target.same_as}",
            )
        elif set(target.per_unit) != set(doc.per_unit):
            self.error(
                LEVELS_FILE, where, f"{doc.id} and {target.id} must be needed by the same units to share evidence"
            )
        for key in sorted({"folder", "patterns", "types", "min_files"} & doc.model_fields_set):
            self.error(
                LEVELS_FILE, (*path, key), f"'{key}' has no effect with same_as: the evidence of {doc.same_as} is used"
            )

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
        if dated:
            allowed |= texts.DOCUMENT_PLACEHOLDERS
        for name in texts.placeholders_in(template):
            if name not in allowed:
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
