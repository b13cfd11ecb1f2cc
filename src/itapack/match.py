"""Which file serves which requirement: from one scan of the evidence tree to a CheckResult.

A document's evidence is found in a folder whose name starts with its id ("4.2 รายงานการประชุม",
"๔.๒", "ข้อ 4.2"), anywhere in the tree, or in the folder its YAML names. A per-unit document's
folder holds one subfolder per unit, named by the unit's id, Thai name, alias or short form.
Names are compared after Thai folding, so spelling variants on disk still match.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections import defaultdict
from dataclasses import dataclass, field

from . import layout, thai
from .model import Criterion, Document, Unit
from .pack import UNITS_FILE, Pack
from .result import (
    CheckResult,
    CriterionText,
    DocumentResult,
    Evidence,
    KindSummary,
    LevelResult,
    PackSummary,
    Rejected,
    Requirement,
    Status,
    Stray,
    UnitResult,
)
from .scan import Scan, ScannedFile, ScannedFolder
from .texts import placeholders_in

_LEAD_ID = re.compile(r"(?:ข้อ\s*)?(\d+(?:\.\d+)*)(?!\d|\.\d)", re.ASCII)
_LEAD_NUMBERING = re.compile(r"\(?\d+[).\s_-]+", re.ASCII)  # "01 ", "1. ", "(1) " before a unit name

# (document id, unit id): plain strings, because pydantic models hash and compare field by field.
Slot = tuple[str, str | None]


def lead_id(name: str) -> str | None:
    match = _LEAD_ID.match(thai.fold(name))
    return match.group(1) if match else None


@dataclass(slots=True)
class _Bucket:
    """What one requirement collects. A national check holds 330,000 of these at once: small."""

    files: list[Evidence] = field(default_factory=list)
    rejected: list[Rejected] | None = None  # made when the first file is rejected
    folder: str | None = None  # the shallowest folder holding its evidence: "evidence/…/", a shared string
    unreadable: bool = False

    def add_folder(self, folder: str) -> None:
        if self.folder is None or _depth_order(folder) < _depth_order(self.folder):
            self.folder = folder

    def reject(self, item: Rejected) -> None:
        if self.rejected is None:
            self.rejected = []
        self.rejected.append(item)


def _depth_order(folder: str) -> tuple[int, int, str]:
    """Shallowest first, the same choice however the scan was ordered."""
    return folder.count("/"), len(folder), folder


_NO_BUCKET = _Bucket()


class _Placer:
    """Takes the scanned folders as they come (parents first) and puts each file where it belongs."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.prefix = pack.info.evidence.strip("/\\").replace("\\", "/") + "/"
        documents = pack.document_by_id
        # same_as documents lead to the document whose evidence they share, so a copy counts too
        self.by_lead = {doc.id: documents[doc.same_as or doc.id].id for doc in pack.documents if doc.folder is None}
        self.by_path: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for doc in pack.documents:
            if doc.folder is not None and doc.same_as is None:
                self.by_path[_key_path(doc.folder)].append(doc.id)
        self.per_unit = {doc.id: pack.kinds_for(doc) for doc in pack.documents}
        self.types = {doc.id: frozenset(doc.types or pack.info.accepted_types) for doc in pack.documents}
        self.patterns = {
            doc.id: [re.compile(fnmatch.translate(thai.fold(p))) for p in doc.patterns] for doc in pack.documents
        }
        self.unit_kinds = {unit.id: unit.kind for unit in pack.roster.units}
        self.shared = {doc.same_as for doc in pack.documents if doc.same_as}
        self.unit_by_key = {key: unit.id for key, unit in pack.unit_by_key.items()}
        self.buckets: defaultdict[Slot, _Bucket] = defaultdict(_Bucket)
        self.strays: list[Stray] = []
        self.slots: dict[str, tuple[Slot, ...]] = {}
        self.key_paths: dict[str, tuple[str, ...]] = {"": ()}
        self.silent: set[str] = set()  # folders already reported whole; their contents are not repeated

    def run(self, scan: Scan) -> None:
        for folder in scan.folders():  # parents always come before their children
            self.folder = self.prefix
            slots = self.assign(folder)
            if folder.files and not self.is_silent(folder.path):
                self.place(folder, slots)
        for note in scan.notes:
            self.strays.append(Stray(self.prefix + note.path, note.what))

    folder = ""  # the current folder as "evidence/…/", set by assign()

    def is_silent(self, path: str) -> bool:
        return path in self.silent or path.rpartition("/")[0] in self.silent

    def assign(self, folder: ScannedFolder) -> tuple[Slot, ...]:
        if not folder.path:
            self.slots[""] = ()
            return ()
        parent_path = folder.path.rpartition("/")[0]
        parent = self.slots.get(parent_path, ())
        key_path = (*self.key_paths.get(parent_path, ()), thai.name_key(folder.name)) if self.by_path else ()
        slots = self.descend(parent, folder) if parent else self.claim(folder, key_path)
        self.folder = f"{self.prefix}{folder.path}/"  # built once: every file and requirement here shares it
        for slot in slots:
            if slot not in parent or folder.unreadable:
                bucket = self.buckets[slot]
                if slot not in parent:
                    bucket.add_folder(self.folder)
                bucket.unreadable |= folder.unreadable
        if folder.has_subfolders:  # what children need of their parent; leaves keep nothing
            self.slots[folder.path] = slots
            if self.by_path:
                self.key_paths[folder.path] = key_path
            if parent_path in self.silent:
                self.silent.add(folder.path)
        return slots

    def claim(self, folder: ScannedFolder, key_path: tuple[str, ...]) -> tuple[Slot, ...]:
        if folder.path.rpartition("/")[0] in self.silent:
            return ()
        documents = list(self.by_path.get(key_path, ())) if self.by_path else []
        led = self.by_lead.get(lead_id(folder.name) or "")
        if led is not None and led not in documents:
            documents.append(led)
        return tuple((doc, None) for doc in documents)

    def descend(self, parent: tuple[Slot, ...], folder: ScannedFolder) -> tuple[Slot, ...]:
        slots: list[Slot] = []
        for doc, unit in parent:
            if unit is None and self.per_unit[doc]:
                found = self.unit_named(folder.name, doc)
                if found is None:
                    if thai.name_key(folder.name) in self.pack.grouping_keys:
                        slots.append((doc, None))  # a district or kind folder: look through it
                    else:
                        self.stray_unit(folder.path, folder.name, doc)
                    continue
                unit = found
            slots.append((doc, unit))
        return tuple(slots)

    def place(self, folder: ScannedFolder, slots: tuple[Slot, ...]) -> None:
        """Every file of one folder. What depends only on the folder is worked out once."""
        prefix = f"{folder.path}/" if folder.path else ""
        fixed = [(doc, self.buckets[doc, unit]) for doc, unit in slots if unit is not None or not self.per_unit[doc]]
        loose = [doc for doc, unit in slots if unit is None and self.per_unit[doc]]  # per-unit roots
        for file in folder.files:
            rel = prefix + file.name
            if not slots:
                self.place_unclaimed(file, rel)
                continue
            taken = False
            for doc, bucket in fixed:
                if not self.patterns[doc] or self.fits(doc, file):
                    self.put(doc, bucket, file, rel)
                    taken = True
            stem = file.name.rsplit(".", 1)[0]
            for doc in loose:
                unit = self.unit_named(stem, doc)  # a loose file named after its unit
                if unit is not None and self.fits(doc, file):
                    self.put(doc, self.buckets[doc, unit], file, rel)
                    taken = True
            if not taken:
                if loose:
                    self.stray_unit(rel, stem, loose[0], silence=False)
                else:
                    self.strays.append(Stray(self.prefix + rel, "no-pattern"))

    def place_unclaimed(self, file: ScannedFile, rel: str) -> None:
        """A file outside every document's folder counts if its own name starts with an id."""
        led = self.by_lead.get(lead_id(file.name.rsplit(".", 1)[0]) or "")
        if led is not None and not self.per_unit[led]:
            self.put(led, self.buckets[led, None], file, rel)
        else:
            self.strays.append(Stray(self.prefix + rel, "no-document"))

    def fits(self, doc: str, file: ScannedFile) -> bool:
        patterns = self.patterns[doc]
        return not patterns or any(p.match(thai.fold(file.name)) for p in patterns)

    def put(self, doc: str, bucket: _Bucket, file: ScannedFile, rel: str) -> None:
        extension = file.name.rpartition(".")[2].lower() if "." in file.name else ""
        reason = file.flaw
        if reason in (None, "content") and extension not in self.types[doc]:
            reason = "type"
        if reason is None:
            bucket.files.append(Evidence(self.folder, file.name, file.size))  # the folder string is shared
        else:
            detail = file.detail if reason != "type" else extension
            bucket.reject(Rejected(self.prefix + rel, file.size, reason, detail))

    def unit_named(self, name: str, doc: str) -> str | None:
        index = self.unit_by_key
        unit = index.get(thai.name_key(name))
        if unit is None:
            unit = index.get(thai.name_key(_LEAD_NUMBERING.sub("", thai.fold(name), count=1)))
        return unit if unit is not None and self.unit_kinds[unit] in self.per_unit[doc] else None

    def stray_unit(self, rel: str, name: str, doc: str, *, silence: bool = True) -> None:
        kinds = self.per_unit[doc]
        candidates = {key: unit.name for key, unit in self.pack.unit_by_key.items() if unit.kind in kinds}
        close = difflib.get_close_matches(thai.name_key(name), list(candidates), n=1, cutoff=0.6)
        self.strays.append(Stray(self.prefix + rel, "unknown-unit", candidates[close[0]] if close else ""))
        if silence:  # the folder is reported once; what is inside it is not repeated
            self.silent.add(rel)


def _key_path(folder: str) -> tuple[str, ...]:
    return tuple(thai.name_key(part) for part in folder.replace("\\", "/").split("/") if part not in ("", "."))


def check_scan(pack: Pack, scan: Scan) -> CheckResult:
    """Match one scan, as it runs, against the pack; then decide every status and the level."""
    placer = _Placer(pack)
    placer.run(scan)
    documents = tuple(_document_result(pack, placer, doc) for doc in pack.documents)
    by_id = {doc.id: doc for doc in documents}
    levels = _level_results(pack, by_id)
    units = _unit_results(pack, documents)
    return CheckResult(
        pack=_summary(pack, scan.found),
        levels=levels,
        documents=documents,
        units=units,
        kinds=_kind_summaries(pack, units),
        strays=tuple(sorted(placer.strays, key=lambda s: thai.natural_key(s.path))),
        ignored=scan.ignored,
        files_seen=scan.files,
        level_reached=sum(level.reached for level in levels),
    )


def _document_result(pack: Pack, placer: _Placer, doc: Document) -> DocumentResult:
    source = pack.document_by_id[doc.same_as] if doc.same_as else doc
    units: tuple[Unit | None, ...] = pack.units_for(source) if placer.per_unit[source.id] else (None,)
    requirements = tuple(_requirement(pack, placer, doc, source, unit) for unit in units)
    if not units:  # needed per unit, but no unit is listed: it cannot count as done
        requirements = (Requirement(doc.id, None, Status.MISSING, UNITS_FILE, source.min_files),)
    return DocumentResult(
        id=doc.id,
        level=pack.level_of[doc.id],
        title=pack.title(doc),
        date=doc.date,
        date_pending=doc.date is None and any(n.startswith("date") for n in placeholders_in(doc.title)),
        per_unit=tuple(sorted(placer.per_unit[source.id])),
        same_as=doc.same_as,
        patterns=source.patterns,
        types=tuple(sorted(placer.types[source.id])),
        requirements=requirements,
    )


def _requirement(pack: Pack, placer: _Placer, doc: Document, source: Document, unit: Unit | None) -> Requirement:
    key = (source.id, unit.id if unit else None)
    # A shared document's bucket serves twice; any other is freed here (a national result is big).
    bucket = (
        placer.buckets.get(key, _NO_BUCKET)
        if doc.id != source.id or source.id in placer.shared
        else placer.buckets.pop(key, _NO_BUCKET)
    )
    files = _in_order(bucket.files)
    rejected = _in_order(bucket.rejected or [])
    if bucket.unreadable:
        rejected += (Rejected((bucket.folder or placer.prefix).rstrip("/"), 0, "unreadable-folder"),)
    if len(files) >= source.min_files:
        status = Status.OK
    elif files or rejected:
        status = Status.PROBLEM
    else:
        status = Status.MISSING
    return Requirement(
        document=doc.id,
        unit=unit.id if unit else None,
        status=status,
        expected=_expected(pack, placer, source, unit, bucket),
        needed=source.min_files,
        files=files,
        rejected=rejected,
    )


def _in_order(items: list[Evidence] | list[Rejected]) -> tuple:  # type: ignore[type-arg]
    """Natural order of paths, whatever order the threads found them in."""
    if len(items) < 2:
        return tuple(items)
    return tuple(sorted(items, key=_path_order))


def _path_order(item: Evidence | Rejected) -> tuple[str, tuple[tuple[int, int | str], ...]]:
    folder, _, name = item.path.rpartition("/")
    return folder, thai.sort_key(name)  # names recur across units: sort_key caches them


def _expected(pack: Pack, placer: _Placer, doc: Document, unit: Unit | None, bucket: _Bucket) -> str:
    """Where the clerk should put the evidence: the folder in use, else the one scaffold makes."""
    if bucket.folder is not None:
        return bucket.folder
    root = placer.buckets.get((doc.id, None), _NO_BUCKET).folder
    folder = root if root is not None else f"{placer.prefix}{layout.document_folder(pack, doc)}/"
    if unit is not None:
        folder += layout.unit_folder(unit) + "/"
    return folder


def _criteria(pack: Pack, criteria: tuple[Criterion, ...]) -> tuple[CriterionText, ...]:
    return tuple(CriterionText(c.number, pack.text(c.text), _criteria(pack, c.items)) for c in criteria)


def _level_results(pack: Pack, documents: dict[str, DocumentResult]) -> tuple[LevelResult, ...]:
    results: list[LevelResult] = []
    below_complete = True
    for level in pack.levels:
        docs = [documents[d.id] for d in level.documents]
        complete = all(doc.status is Status.OK for doc in docs)
        below_complete = below_complete and complete
        results.append(
            LevelResult(
                number=level.number,
                criteria=_criteria(pack, level.criteria),
                documents=tuple(doc.id for doc in docs),
                satisfied=sum(doc.satisfied for doc in docs),
                required=sum(doc.required for doc in docs),
                complete=complete,
                reached=below_complete,
            )
        )
    return tuple(results)


def _unit_results(pack: Pack, documents: tuple[DocumentResult, ...]) -> tuple[UnitResult, ...]:
    statuses: dict[str, dict[str, Status]] = defaultdict(dict)
    for doc in documents:
        for requirement in doc.requirements:
            if requirement.unit is not None:
                statuses[requirement.unit][doc.id] = requirement.status
    return tuple(
        UnitResult(
            id=unit.id,
            name=unit.name,
            kind=unit.kind,
            kind_name=pack.kind_names[unit.kind],
            district=unit.district,
            district_name=pack.district_names.get(unit.district or ""),
            statuses=statuses.get(unit.id, {}),
        )
        for unit in pack.roster.units
    )


def _kind_summaries(pack: Pack, units: tuple[UnitResult, ...]) -> tuple[KindSummary, ...]:
    summaries = []
    for kind in pack.roster.kinds:
        members = [u for u in units if u.kind == kind.id]
        summaries.append(
            KindSummary(
                id=kind.id,
                name=kind.name,
                units=len(members),
                satisfied=sum(u.satisfied for u in members),
                required=sum(u.required for u in members),
            )
        )
    return tuple(summaries)


def _summary(pack: Pack, evidence_found: bool) -> PackSummary:
    info = pack.info
    return PackSummary(
        title=pack.text(info.title),
        province=info.province,
        office=info.office,
        fiscal_year=info.fiscal_year,
        window=pack.window,
        target_level=pack.target_level,
        levels=len(pack.levels),
        evidence=info.evidence,
        evidence_found=evidence_found,
        previous=info.previous,
        report=info.report,
    )
