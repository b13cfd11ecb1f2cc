"""Which file serves which requirement: the scanned folders, as they arrive, into buckets.

A document's evidence is found in a folder or file whose name starts with its id ("4.2 รายงาน",
"o36 แผน", "๔.๒", "ข้อ 4.2"), anywhere in the tree, or in the folder its YAML names. A name that
starts with several ids ("2.3 2.4 รายงานรวม.pdf") serves each. Ids are letters, digits and dots,
compared without case; "o3" never claims "o36", nor "4.1" "4.10".

A per-unit document needs one piece of evidence per unit. Either the document's folder holds one
subfolder per unit (document first: "3.1 คำรับรอง/อบต.บางปลา/"), or a unit's folder holds the
document (unit first: "รายงานแยกหน่วยงาน/อบต.บางปลา/3.1 คำรับรอง.pdf"). Folders in between that
name no unit (a district, a kind, "ส่วนราชการ") are looked through; one that leads to no unit at
all is reported once. Names are compared after Thai folding, so spelling variants still match.
"""

from __future__ import annotations

import difflib
import fnmatch
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from ..pack import thai
from ..pack.folder import Pack
from . import layout, namedates
from .reading import ScannedFile
from .reading import extension as scan_extension
from .result import Evidence, Rejected, Stray
from .scan import Scan, ScannedFolder

# After thai.fold (lower case, Arabic digits). The same grammar as model.DOCUMENT_ID, ending where
# the id ends: "4.1" is not the start of "4.10", nor "o3" of "o36".
_ID = r"([0-9a-z]+(?:\.[0-9a-z]+)*)(?![0-9a-z]|\.[0-9a-z])"
_FIRST_ID = re.compile(rf"(?:ข้อ\s*)?{_ID}")
_NEXT_ID = re.compile(rf"(?:\s*[,+&]\s*|\s+(?:และ\s*)?)(?:ข้อ\s*)?{_ID}")
_MAY_START_ID = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZข๐๑๒๓๔๕๖๗๘๙")
_NEAR_ID = re.compile(r"(\d+)\s*[,\-_]\s*(\d+)(?!\d)")  # 4,1 or 4-1: a dot mistyped
_LEAD_NUMBERING = re.compile(r"^\(?\d+[).\s_-]+", re.ASCII)  # "01 ", "1. ", "(1) " before a unit name

NOTICES = frozenset({"invisible-character"})

# (document id, unit id): plain strings, because pydantic models hash and compare field by field.
Slot = tuple[str, str | None]


def lead_ids(name: str, known: dict[str, str]) -> list[str]:
    """The documents a name starts with, as known maps them (folded id -> document id)."""
    if not name:
        return []
    if name[0] not in _MAY_START_ID and not thai.INVISIBLE.match(name):
        return []  # most names start with a Thai word: no id
    text = thai.fold(name)
    match = _FIRST_ID.match(text)
    if match is None or match.group(1) not in known:
        return []
    found = [known[match.group(1)]]
    while (match := _NEXT_ID.match(text, match.end())) is not None and match.group(1) in known:
        found.append(known[match.group(1)])
    return list(dict.fromkeys(found))


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
        self.folder = folder if self.folder is None else min(self.folder, folder, key=_depth_order)

    def reject(self, item: Rejected) -> None:
        if self.rejected is None:
            self.rejected = []
        self.rejected.append(item)


def _depth_order(folder: str) -> tuple[int, int, str]:
    """Shallowest first, the same choice however the scan was ordered (no two folders tie)."""
    return folder.count("/"), len(folder), folder


NO_BUCKET = Bucket()  # what a requirement with no evidence at all collected


@dataclass(slots=True)
class LookThrough:
    """A folder inside a per-unit document that names no unit: a grouping folder if units are
    found below it, else one stray. Its loose files wait for that answer."""

    name: str
    document: str
    files: list[Stray] = field(default_factory=list)


class Placement:
    """Takes the scanned folders as they come (parents first) and puts each file where it belongs.

    Afterwards, buckets holds what each (document, unit) collected, and strays what served none."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.prefix = layout.evidence_prefix(pack)
        documents = pack.document_by_id
        # same_as documents lead to the document whose evidence they share, so a copy counts too
        self.by_lead = {
            doc.id.casefold(): documents[doc.same_as or doc.id].id for doc in pack.documents if doc.folder is None
        }
        self.by_path: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for doc in pack.documents:
            if doc.folder is not None and doc.same_as is None:
                self.by_path[_key_path(doc.folder)].append(doc.id)
        self.per_unit = {doc.id: pack.kinds_for(doc) for doc in pack.documents}
        self.types = {doc.id: frozenset(doc.types or pack.info.accepted_types) for doc in pack.documents}
        self.patterns = {
            doc.id: [re.compile(fnmatch.translate(thai.fold(p))) for p in doc.patterns] for doc in pack.documents
        }
        self.windows: dict[str, tuple[date, date] | None] = {doc.id: pack.window_of(doc) for doc in pack.documents}
        self.unit_kinds = {unit.id: unit.kind for unit in pack.roster.units}
        self.shared = {doc.same_as for doc in pack.documents if doc.same_as}
        self.unit_by_key = {key: unit.id for key, unit in pack.unit_by_key.items()}
        self.names = pack.unit_names
        self.example_ids = ", ".join(doc.id for doc in pack.documents[:3])
        self.buckets: defaultdict[Slot, Bucket] = defaultdict(Bucket)
        self.strays: list[Stray] = []
        self.notices: list[Stray] = []  # names that count but should be looked at
        # What children need of their parent folder; leaves keep nothing.
        self.slots: dict[str, tuple[Slot, ...]] = {}
        self.unit_of: dict[str, str] = {}  # folder -> the unit an ancestor folder named
        self.key_paths: dict[str, tuple[str, ...]] = {}
        self.looking: dict[str, LookThrough] = {}  # look-through folders that have led to no unit yet
        # unit -> its own folder outside every document's folder, the shallowest: where a pack filed
        # unit first ("…/อบต.บางปลา/3.1 ….pdf") wants the unit's next file (decide's expected)
        self.homes: dict[str, str] = {}
        # Lead ids of a folder name: the same unit folder names recur under every document. File
        # names are not cached (a national tree has 400,000 of them; lead_ids is cheap).
        self.lead: Callable[[str], list[str]] = functools.cache(functools.partial(lead_ids, known=self.by_lead))

    def run(self, scan: Scan) -> None:
        self.take(scan.folders())
        self.finish(scan)

    def take(self, folders: Iterable[ScannedFolder]) -> None:
        for folder in folders:  # parents always come before their children
            self.folder = self.prefix
            slots, unit = self.assign(folder)
            if folder.files:
                self.place(folder, slots, unit)

    def finish(self, scan: Scan) -> None:
        """What is known only once every folder was placed: the scan's notes, look-through folders."""
        for note in scan.notes:
            if note.what in NOTICES:  # counted all the same: a word for the clerk, not a loss
                self.notices.append(Stray(self.prefix + note.path, note.what))
            else:
                self.strays.append(Stray(self.prefix + note.path, note.what))
        self.finish_looking()

    folder = ""  # the current folder as "evidence/…/", set by assign()

    # --- folders ---------------------------------------------------------------------------------

    def assign(self, folder: ScannedFolder) -> tuple[tuple[Slot, ...], str | None]:
        """The requirements a folder's files serve, and the unit it belongs to, if any."""
        if not folder.path:  # the evidence folder itself: it serves nothing (a child's parent slots: none)
            return (), None
        parent_path = folder.path.rpartition("/")[0]
        parent = self.slots.get(parent_path, ())
        unit = self.unit_of.get(parent_path)
        key_path = (*self.key_paths.get(parent_path, ()), thai.name_key(folder.name)) if self.by_path else ()
        led = [doc for doc in self.lead(folder.name) if doc not in {d for d, _ in parent}]
        slots: tuple[Slot, ...]
        self.folder = f"{self.prefix}{folder.path}/"  # built once: every file and requirement here shares it
        if led and not (parent and self.any_unit(folder.name)):
            slots = self.claim(led, unit, folder.path)  # a document's folder, at any depth
        elif parent:
            slots, unit = self.descend(parent, folder, unit)
        else:
            slots = tuple((doc, None) for doc in self.by_path.get(key_path, ()))
            named = self.any_unit(folder.name)  # unit first: "…/อบต.บางปลา/3.1 ….pdf"
            if named is not None and not slots:
                self.add_home(named, self.folder)
            unit = named or unit
        for slot in slots:
            if slot not in parent or folder.unreadable:
                bucket = self.buckets[slot]
                if slot not in parent:
                    bucket.add_folder(self.folder)
                bucket.unreadable |= folder.unreadable
        if folder.has_subfolders:
            self.slots[folder.path] = slots
            if unit is not None:
                self.unit_of[folder.path] = unit
            if self.by_path:
                self.key_paths[folder.path] = key_path
        return slots, unit

    def add_home(self, unit: str, folder: str) -> None:
        self.homes[unit] = min(self.homes.get(unit, folder), folder, key=_depth_order)

    def claim(self, documents: list[str], unit: str | None, rel: str) -> tuple[Slot, ...]:
        """Slots for documents a name leads with, inside the unit an ancestor named (if any)."""
        slots: list[Slot] = []
        for doc in documents:
            if not self.per_unit[doc] or unit is None:
                slots.append((doc, None))  # the pack's own document, or one whose units' folders come below
            elif self.unit_kinds[unit] in self.per_unit[doc]:
                slots.append((doc, unit))
            else:
                self.strays.append(Stray(self.prefix + rel, "unit-not-needed", self.pack.unit_by_id[unit].name, doc))
        return tuple(slots)

    def descend(
        self, parent: tuple[Slot, ...], folder: ScannedFolder, unit: str | None
    ) -> tuple[tuple[Slot, ...], str | None]:
        slots: list[Slot] = []
        for doc, owner in parent:
            if owner is None and self.per_unit[doc]:
                found = self.unit_named(folder.name, doc)
                if found is not None:
                    slots.append((doc, found))
                    unit = found
                    self.found_unit(folder.path)
                    continue
                slots.append((doc, None))  # a grouping folder, or a stray if no unit is found below
                if thai.name_key(folder.name) not in self.pack.grouping_keys:
                    self.looking.setdefault(folder.path, LookThrough(folder.name, doc))
                continue
            slots.append((doc, owner))
        return tuple(slots), unit

    def found_unit(self, path: str) -> None:
        """A unit was found here: every look-through folder above it was a grouping folder."""
        if not self.looking:
            return
        while path:
            path = path.rpartition("/")[0]
            waiting = self.looking.pop(path, None)
            if waiting is not None:
                self.strays += waiting.files

    def finish_looking(self) -> None:
        """Look-through folders that led to no unit: one stray each, the outermost only."""
        for path, waiting in sorted(self.looking.items()):
            parent = path.rpartition("/")[0]
            if any(parent == p or parent.startswith(p + "/") for p in self.looking if p != path):
                continue
            self.strays.append(self.unknown_unit(path, waiting.name, waiting.document))
        self.looking.clear()

    # --- files -----------------------------------------------------------------------------------

    def place(self, folder: ScannedFolder, slots: tuple[Slot, ...], unit: str | None) -> None:
        """Every file of one folder. What depends only on the folder is worked out once."""
        prefix = f"{folder.path}/" if folder.path else ""
        fixed = [
            (doc, owner, self.buckets[doc, owner])
            for doc, owner in slots
            if owner is not None or not self.per_unit[doc]
        ]
        loose = [doc for doc, owner in slots if owner is None and self.per_unit[doc]]  # per-unit roots
        own = {doc for doc, _ in slots}
        for file in folder.files:
            rel = prefix + file.name
            stem = file.name.rsplit(".", 1)[0]
            led = lead_ids(stem, self.by_lead)
            if not slots or (led and own & set(led) and set(led) - own):
                # Outside every document's folder, or naming this folder's document and others too
                # ("2.3 2.4 รายงานรวม.pdf" in "2.3/"): the file's own name says what it serves.
                self.place_by_name(file, rel, stem, led, slots, unit)
                continue
            taken = False
            for doc, owner, bucket in fixed:
                if self.fits(doc, file):
                    self.put(doc, bucket, file, rel, stem, owner)
                    taken = True
            for doc in loose:
                named = self.unit_in_name(stem, doc)  # a loose file named after its unit
                if named is not None and self.fits(doc, file):
                    # its unit is read from its own name: it names no other unit (None: none to look for)
                    self.put(doc, self.buckets[doc, named], file, rel, stem, None)
                    self.found_unit(rel)
                    taken = True
            if not taken:
                if loose:
                    stray = self.unknown_unit(rel, stem, loose[0])
                    waiting = self.looking.get(folder.path)
                    if waiting is not None:
                        waiting.files.append(stray)  # reported only if the folder turns out a group
                    else:
                        self.strays.append(stray)
                else:
                    self.strays.append(Stray(self.prefix + rel, "no-pattern"))

    def near_id(self, rel: str) -> tuple[str, str] | None:
        """("4,1", "4.1") when a folder or file of rel starts with 4,1 or 4-1 and 4.1 is a document's id."""
        for part in rel.split("/"):
            found = _NEAR_ID.match(thai.to_arabic_digits(part))
            if found and (likely := f"{found.group(1)}.{found.group(2)}") in self.per_unit:
                return found.group(0), likely
        return None

    def place_by_name(
        self, file: ScannedFile, rel: str, stem: str, led: list[str], slots: tuple[Slot, ...], unit: str | None
    ) -> None:
        """A file whose own name (stem: without its extension) starts with ids: it serves those
        documents (in its unit, if any)."""
        if not led:
            typed = None if unit else self.near_id(rel)
            if typed is not None:  # "4,1 …" or "4-1 …": the id 4.1 mistyped; the stray says which it likely means
                hint, near = typed
            else:
                hint, near = (self.pack.unit_by_id[unit].name if unit else self.example_ids), ""
            reason = "no-document-in-unit" if unit else "no-document"
            self.strays.append(Stray(self.prefix + rel, reason, hint, near))
            return
        for doc, owner in self.claim(led, unit, rel):
            existing = next((slot for slot in slots if slot[0] == doc), None)
            if existing is not None:
                owner = existing[1]
            if owner is None and self.per_unit[doc]:
                owner = self.unit_in_name(stem, doc)
                if owner is None:
                    self.strays.append(Stray(self.prefix + rel, "needs-unit", "", doc))
                    continue
            if self.fits(doc, file):
                self.put(doc, self.buckets[doc, owner], file, rel, stem, owner)
            else:
                self.strays.append(Stray(self.prefix + rel, "no-pattern", "", doc))

    def fits(self, doc: str, file: ScannedFile) -> bool:
        patterns = self.patterns[doc]
        return not patterns or any(p.match(thai.fold(file.name)) for p in patterns)

    def put(self, doc: str, bucket: Bucket, file: ScannedFile, rel: str, stem: str, unit: str | None) -> None:
        """File evidence or a rejection; stem: the file's name without its extension, where a unit
        or a date is looked for."""
        extension = scan_extension(file.name)
        reason = file.flaw
        detail = file.detail
        if reason in (None, "content", "broken") and extension not in self.types[doc]:  # the type says more
            reason, detail = "type", extension
        if reason is None and unit is not None:
            other = self.other_unit(stem, doc, unit)
            if other is not None:  # decide() words it: that unit's name, and where its evidence goes
                reason, detail = "other-unit", other
        window = self.windows[doc]
        if reason is None and window is not None:
            named = namedates.outside(stem, window)
            if named is not None:
                reason, detail = "window", named.text
        if reason is None:
            bucket.add(Evidence(self.folder, file.name, file.size))  # the folder string is shared
        else:
            bucket.reject(Rejected(self.prefix + rel, file.size, reason, detail))

    # --- units -----------------------------------------------------------------------------------

    def any_unit(self, name: str) -> str | None:
        """The unit a folder name means, whatever it owes."""
        index = self.unit_by_key
        if not index:
            return None
        unit = index.get(thai.name_key(name))
        if unit is None:
            unit = index.get(thai.name_key(_LEAD_NUMBERING.sub("", thai.fold(name))))
        return unit

    def unit_named(self, name: str, doc: str) -> str | None:
        unit = self.any_unit(name)
        return unit if unit is not None and self.unit_kinds[unit] in self.per_unit[doc] else None

    def unit_in_name(self, stem: str, doc: str) -> str | None:
        """The one unit owing doc that a file's name mentions: "อบต.บางยอ", "5.1 อบต.บางยอ",
        "อบต.บางยอ 5.1"; None when it names none, or several."""
        unit = self.unit_named(stem, doc)
        if unit is not None:
            return unit
        kinds = self.per_unit[doc]
        owing = [unit for unit in self.names.units_in(stem) if self.unit_kinds[unit] in kinds]
        return owing[0] if len(owing) == 1 else None

    def other_unit(self, stem: str, doc: str, unit: str) -> str | None:
        """Another unit owing doc that a file in unit's place names, while it does not name unit:
        a file sent to the wrong folder. Not a unit whose name stands inside unit's own."""
        named = self.names.units_in(stem)
        if not named or unit in named:
            return None
        kinds = self.per_unit[doc]
        for other in named:
            if self.unit_kinds[other] in kinds and not self.names.within(other, unit):
                return other
        return None

    def unknown_unit(self, rel: str, name: str, doc: str) -> Stray:
        """A name where a unit of doc's kinds was looked for; says the closest one, if any."""
        unit = self.any_unit(name)
        if unit is not None:  # a real unit, but one that does not owe this document
            return Stray(self.prefix + rel, "unit-not-needed", self.pack.unit_by_id[unit].name, doc)
        kinds = self.per_unit[doc]
        candidates = {key: unit.name for key, unit in self.pack.unit_by_key.items() if unit.kind in kinds}
        close = difflib.get_close_matches(thai.name_key(name), list(candidates))  # at least 0.6 alike, best first
        return Stray(self.prefix + rel, "unknown-unit", candidates[close[0]] if close else "", doc)


def _key_path(folder: str) -> tuple[str, ...]:
    return tuple(thai.name_key(part) for part in folder.replace("\\", "/").split("/") if part not in ("", "."))
