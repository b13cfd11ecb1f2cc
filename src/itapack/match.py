"""Which file serves which requirement: the scanned folders, as they arrive, into buckets.

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
from dataclasses import dataclass

from . import thai
from .pack import Pack
from .result import Evidence, Rejected, Stray
from .scan import Scan, ScannedFile, ScannedFolder
from .scan import extension as scan_extension

_LEAD_ID = re.compile(r"(?:ข้อ\s*)?(\d+(?:\.\d+)*)(?!\d|\.\d)", re.ASCII)
_LEAD_NUMBERING = re.compile(r"\(?\d+[).\s_-]+", re.ASCII)  # "01 ", "1. ", "(1) " before a unit name

# (document id, unit id): plain strings, because pydantic models hash and compare field by field.
Slot = tuple[str, str | None]


def lead_id(name: str) -> str | None:
    match = _LEAD_ID.match(thai.fold(name))
    return match.group(1) if match else None


@dataclass(slots=True)
class Bucket:
    """What one requirement collects. A national check holds 330,000 of these at once: small."""

    # Most requirements collect one file: held as itself, not in a list (29 MB less nationally).
    evidence: Evidence | list[Evidence] | None = None
    rejected: list[Rejected] | None = None  # made when the first file is rejected
    folder: str | None = None  # the shallowest folder holding its evidence: "evidence/…/", a shared string
    unreadable: bool = False

    @property
    def files(self) -> list[Evidence]:
        if self.evidence is None:
            return []
        return self.evidence if isinstance(self.evidence, list) else [self.evidence]

    def add(self, item: Evidence) -> None:
        if self.evidence is None:
            self.evidence = item
        elif isinstance(self.evidence, list):
            self.evidence.append(item)
        else:
            self.evidence = [self.evidence, item]

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


NO_BUCKET = Bucket()  # what a requirement with no evidence at all collected


class Placement:
    """Takes the scanned folders as they come (parents first) and puts each file where it belongs.

    Afterwards, buckets holds what each (document, unit) collected, and strays what served none."""

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
        self.buckets: defaultdict[Slot, Bucket] = defaultdict(Bucket)
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
                if self.fits(doc, file):
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

    def put(self, doc: str, bucket: Bucket, file: ScannedFile, rel: str) -> None:
        extension = scan_extension(file.name)
        reason = file.flaw
        if reason in (None, "content") and extension not in self.types[doc]:
            reason = "type"
        if reason is None:
            bucket.add(Evidence(self.folder, file.name, file.size))  # the folder string is shared
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


def place(pack: Pack, scan: Scan) -> Placement:
    placement = Placement(pack)
    placement.run(scan)
    return placement
