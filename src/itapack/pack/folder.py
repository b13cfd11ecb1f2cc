"""A loaded, validated pack: its files' models plus the lookups every command needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from ..errors import Problem
from . import texts, thai
from .model import Document, Organisation, PackInfo, Section, Unit, UnitKind, UnitsFile, Window
from .unitnames import UnitNames
from .yamlfile import YamlFile

PACK_FILE = "pack.yaml"
LEVELS_FILE = "levels.yaml"
SECTIONS_FILE = "sections.yaml"
STRUCTURE_FILES = (LEVELS_FILE, SECTIONS_FILE)  # one of them: "levels" reads wrong for a checklist
UNITS_FILE = "units.yaml"  # optional: a body with no sub-units has none
PACK_FILES = (PACK_FILE, *STRUCTURE_FILES, UNITS_FILE)

PROVINCE_TITLE = "การขับเคลื่อนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) จังหวัด{province}"
BODY_TITLE = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) {organisation}"


@dataclass(frozen=True)
class Pack:
    """A loaded, validated pack: its folder, the models of its files, and the warnings they gave."""

    root: Path
    info: PackInfo
    sections: tuple[Section, ...]
    roster: UnitsFile
    files: dict[str, YamlFile]  # by file name; units.yaml only when the pack has one
    warnings: tuple[Problem, ...] = ()

    @property
    def fiscal_year(self) -> int:
        return self.info.fiscal_year

    @property
    def structure_file(self) -> str:
        return next(name for name in STRUCTURE_FILES if name in self.files)

    @property
    def ladder(self) -> bool:
        """Scored by cumulative levels (level N needs 1..N), not as a checklist of items."""
        return self.info.scoring == "levels"

    @property
    def target_level(self) -> int:
        return self.info.target_level or len(self.sections)

    @property
    def target_score(self) -> float:
        return 100.0 if self.info.target_score is None else self.info.target_score

    @property
    def evidence_root(self) -> Path:
        return self.root / self.info.evidence

    @property
    def window(self) -> tuple[date, date]:
        return thai.fiscal_year_window(self.info.fiscal_year)

    @cached_property
    def organisation(self) -> Organisation:
        """Who the pack is for; a format 1 pack names only its province."""
        if self.info.organisation is not None:
            return self.info.organisation
        return Organisation(kind="province", name=f"จังหวัด{self.info.province}")

    @property
    def office(self) -> str:
        return self.info.office or self.organisation.name

    @property
    def title_template(self) -> str:
        if self.info.title is not None:
            return self.info.title
        return PROVINCE_TITLE if self.organisation.kind == "province" and self.info.province else BODY_TITLE

    @cached_property
    def documents(self) -> tuple[Document, ...]:
        return tuple(doc for section in self.sections for doc in section.documents)

    @cached_property
    def document_by_id(self) -> dict[str, Document]:
        return {doc.id: doc for doc in self.documents}

    @cached_property
    def section_of(self) -> dict[str, int]:
        """Document id -> the 1-based position of its section (its level, on a ladder)."""
        return {doc.id: number for number, section in enumerate(self.sections, 1) for doc in section.documents}

    @cached_property
    def unit_by_id(self) -> dict[str, Unit]:
        return {unit.id: unit for unit in self.roster.units}

    def window_of(self, document: Document) -> tuple[date, date] | None:
        """The dates a document's evidence must fall in, if it or the pack says. A document's
        `window: any`, or `window: ~` (what people write for "none"), wins over the pack's."""
        if "window" in document.model_fields_set and document.window is None:
            return None
        window = document.window or self.info.window
        return None if window is None else resolve_window(window, self.fiscal_year)

    def owner_name(self, document: Document) -> str | None:
        """The owner as a person reads it: a unit's Thai name, or the role as written."""
        owner = document.owner
        unit = self.unit_by_id.get(owner or "")
        return unit.name if unit is not None else owner

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
    def unit_names(self) -> UnitNames:
        """Which units a file name mentions, anywhere in it: the reader check and intake share."""
        return UnitNames(self.unit_by_key)

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
        return texts.pack_values(
            self.info.fiscal_year, province=self.info.province, office=self.office, organisation=self.organisation.name
        )

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


def resolve_window(window: Window, fiscal_year: int) -> tuple[date, date] | None:
    """Named windows follow the pack's fiscal year: 1 ต.ค. to 31 มี.ค. is its first half. `any`: none."""
    if window.name == "any":
        return None
    start, end = thai.fiscal_year_window(fiscal_year)
    half = date(end.year, 3, 31)
    if window.name == "first_half":
        return start, half
    if window.name == "second_half":
        return date(end.year, 4, 1), end
    if window.name == "previous_fiscal_year":
        return thai.fiscal_year_window(fiscal_year - 1)
    if window.name == "fiscal_year":
        return start, end
    return window.start or start, window.end or end
