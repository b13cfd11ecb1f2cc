"""A loaded, validated pack: the three files' models plus the lookups every command needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from . import texts, thai
from .errors import Problem
from .model import Document, Level, PackInfo, Unit, UnitKind, UnitsFile
from .yamlfile import YamlFile

PACK_FILE = "pack.yaml"
LEVELS_FILE = "levels.yaml"
UNITS_FILE = "units.yaml"
PACK_FILES = (PACK_FILE, LEVELS_FILE, UNITS_FILE)


@dataclass(frozen=True)
class Pack:
    root: Path
    info: PackInfo
    levels: tuple[Level, ...]
    roster: UnitsFile
    files: dict[str, YamlFile]
    warnings: tuple[Problem, ...] = ()

    @property
    def fiscal_year(self) -> int:
        return self.info.fiscal_year

    @property
    def target_level(self) -> int:
        return self.info.target_level or len(self.levels)

    @property
    def evidence_root(self) -> Path:
        return self.root / self.info.evidence

    @property
    def window(self) -> tuple[date, date]:
        return thai.fiscal_year_window(self.info.fiscal_year)

    @cached_property
    def documents(self) -> tuple[Document, ...]:
        return tuple(doc for level in self.levels for doc in level.documents)

    @cached_property
    def document_by_id(self) -> dict[str, Document]:
        return {doc.id: doc for doc in self.documents}

    @cached_property
    def level_of(self) -> dict[str, int]:
        return {doc.id: level.number for level in self.levels for doc in level.documents}

    @cached_property
    def kind_names(self) -> dict[str, str]:
        return {kind.id: kind.name for kind in self.roster.kinds}

    @cached_property
    def district_names(self) -> dict[str, str]:
        return {district.id: district.name for district in self.roster.districts}

    def kinds_for(self, document: Document) -> frozenset[str]:
        """The unit kinds that each need their own evidence for this document (empty: once)."""
        groups = {group.id: group.kinds for group in self.roster.groups}
        kinds: set[str] = set()
        for name in document.per_unit:
            kinds.update(groups.get(name, (name,)))
        return frozenset(kinds)

    def units_for(self, document: Document) -> tuple[Unit, ...]:
        kinds = self.kinds_for(document)
        return tuple(unit for unit in self.roster.units if unit.kind in kinds)

    @cached_property
    def unit_by_key(self) -> dict[str, Unit]:
        """Every name a unit's folder may carry (id, Thai name, aliases, short form) -> the unit."""
        kinds = {kind.id: kind for kind in self.roster.kinds}
        return {key: unit for unit in self.roster.units for key in unit_keys(unit, kinds.get(unit.kind))}

    @cached_property
    def grouping_keys(self) -> frozenset[str]:
        """Folder names that group units without being one: a district ("อำเภอบางบ่อ", "อ.บางบ่อ"),
        a unit kind or a group. Inside a per-unit document's folder they are looked through."""
        names: list[str] = []
        for district in self.roster.districts:
            names += [district.id, district.name]
            if district.name.startswith("อำเภอ"):
                names += [district.name.removeprefix("อำเภอ"), "อ." + district.name.removeprefix("อำเภอ")]
        for kind in self.roster.kinds:
            names += [kind.id, kind.name, *([kind.short] if kind.short else [])]
        for group in self.roster.groups:
            names += [group.id, group.name]
        return frozenset(thai.name_key(name) for name in names)

    @cached_property
    def values(self) -> dict[str, str]:
        return texts.pack_values(self.info.fiscal_year, self.info.province, self.info.office)

    def text(self, template: str, document: Document | None = None) -> str:
        if document is None:
            return texts.render(template, self.values)
        return texts.render(template, texts.document_values(self.values, document.date))

    def title(self, document: Document) -> str:
        return self.text(document.title, document)


def unit_keys(unit: Unit, kind: UnitKind | None) -> set[str]:
    """Folder names that mean this unit, as name keys: "อบต.บางปลา" also means
    "องค์การบริหารส่วนตำบลบางปลา" when the kind's short form is อบต."""
    names = [unit.id, unit.name, *unit.aliases]
    if kind is not None and kind.short and unit.name.startswith(kind.name):
        names.append(kind.short + unit.name[len(kind.name) :])
    return {thai.name_key(name) for name in names}
