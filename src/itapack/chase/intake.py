"""Filing what units send in: each inbox file matched to a (document, unit) slot by its name and
folders, then copied into the evidence tree where the check expects it, never over another file.

The slots, their expected folders and the Thai name keys all come from the pack and one check
result; nothing here decides a status. A file is filed only when exactly one slot fits it;
anything else is listed with its best two candidates for a person to settle.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import hashlib
import io
import json
import os
import stat
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from .. import bounded, safety
from ..errors import InputError, OutputError
from ..evidence import layout
from ..evidence.match import lead_ids
from ..evidence.reading import extension
from ..evidence.result import CheckResult, Rejected
from ..evidence.scan import _display_name, is_junk
from ..i18n import N_, _
from ..outputs import csvcells, wording
from ..outputs.terminal import shown_name
from ..pack import thai
from ..pack.folder import Pack
from ..safety import Changed, Seen, open_checked
from .journal import Journal

UTF8_FLAG = 0x800  # zip: the names are UTF-8; without it Thai Windows wrote them in cp874
TITLE_MATCH = 6  # characters of a document title a name must share to suggest it
# What the system writes: a name of at most 255 bytes on Linux and macOS, 255 UTF-16 units on
# Windows, where a whole path also stops at MAX_PATH (260, its closing NUL included) unless long
# paths are turned on, which they are not by default.
NAME_LIMIT = 255
PATH_LIMIT = 259
WINDOWS = os.name == "nt"
PART_PREFIX, PART_SUFFIX = ".itapack-intake-", ".part"  # a file being filed, before it takes its name
# Bytes of one inbox file, read whole to be hashed and copied: a larger one is filed by hand.
FILE_LIMIT = 512 << 20


@dataclass(frozen=True)
class Incoming:
    """One file found in the inbox, or inside a zip there."""

    shown: str  # the path a person recognises: "ส่งมา.zip/อบต.บางปลา/คำรับรอง.pdf"
    parts: tuple[str, ...]  # folder names (the zip's own name among them), nearest last, then the file name
    read: Callable[[], bytes] = field(compare=False, repr=False)
    source: Path | None = None  # the file on disk; None inside a zip (--move leaves the zip alone)

    @property
    def name(self) -> str:
        return self.parts[-1]


@dataclass
class Candidate:
    document: str
    unit: str | None
    score: int  # 3: id and unit, 2: id only where no unit is needed, 1: a title or a guess
    reason: str
    doubt: str = ""  # the unit's name was one letter off: a person decides, whatever the score


@dataclass
class Placement:
    """What happens to one inbox file: its slot and destination, or why it has none."""

    file: str
    action: str  # file | duplicate | ambiguous | unmatched | filed | renamed | skipped | changed
    document: str = ""
    unit: str = ""
    destination: str = ""  # relative to the pack, "/"-separated
    reason: str = ""  # for a person, in the chosen language
    confidence: str = ""  # high | medium | low
    candidates: list[str] = field(default_factory=list)
    sha256: str = ""
    # The places a person may choose from ("5.1/sao-bang-yo", how it reads), closest first
    options: list[tuple[str, str]] = field(default_factory=list)


# Thai as written: the log's action_th column keeps it whatever the language; the table on the
# terminal translates it (action_text).
ACTIONS_TH = {
    "file": N_("จะจัดเก็บ"),
    "filed": N_("จัดเก็บแล้ว"),
    "renamed": N_("จัดเก็บแล้ว (ตั้งชื่อใหม่ เพราะชื่อซ้ำกับไฟล์อื่น)"),
    "duplicate": N_("ข้าม (มีไฟล์เดียวกันอยู่แล้ว)"),
    "skipped": N_("ข้าม (มีไฟล์เดียวกันอยู่แล้ว)"),
    "changed": N_("ข้าม (ไฟล์ถูกแก้ไขหลังการแสดงตัวอย่าง)"),
    "ambiguous": N_("ไม่แน่ชัด: ต้องเลือกเอง"),
    "unmatched": N_("จับคู่ไม่ได้: ต้องเลือกเอง"),
}
CONFIDENCE = {
    "high": N_(", ความมั่นใจสูง"),
    "medium": N_(", ความมั่นใจกลาง"),
    "low": N_(", ความมั่นใจต่ำ"),
    "chosen": N_(", เลือกเอง"),
}


def action_text(action: str) -> str:
    text = ACTIONS_TH[action]
    return _(text)


# --- reading the inbox ---------------------------------------------------------------------


def gather(inbox: Path) -> list[Incoming]:
    """Every file under inbox, zips opened; junk (Thumbs.db, ~$ lock files) and empty files left out.
    Only regular files are read: a FIFO or a device in the inbox would block or never end."""
    if not inbox.is_dir():
        raise InputError(_("{inbox} ไม่ใช่โฟลเดอร์").format(inbox=inbox))
    found: list[Incoming] = []

    def unreadable(error: OSError) -> None:  # os.walk would pass over the folder without a word
        where = Path(error.filename or inbox)
        shown = "/".join(shown_name(part) for part in where.relative_to(inbox).parts) or str(inbox)
        raise InputError(_("เปิดโฟลเดอร์ {path} ไม่ได้ ({reason})").format(path=shown, reason=error.strerror))

    for folder, folders, files in os.walk(inbox, onerror=unreadable):
        folders.sort(key=thai.sort_key)
        for name in sorted(files, key=thai.sort_key):
            path = Path(folder, name)
            relative = path.relative_to(inbox).parts
            try:
                status = path.lstat()
            except OSError:  # gone since the folder was listed
                continue
            if is_junk(name) or not stat.S_ISREG(status.st_mode) or status.st_size == 0:
                continue
            shown = "/".join(shown_name(part) for part in relative)
            if name.lower().endswith(".zip"):
                found += _from_zip(path, relative)
            else:
                read = functools.partial(bounded.read_file, path, FILE_LIMIT, shown)
                found.append(Incoming(shown, relative, read, path))
    return found


def zip_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its maker meant it: zipfile reads names without the UTF-8 flag as cp437,
    which is how it turns a Thai Windows (cp874) name into mojibake; undo that."""
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("cp874")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _from_zip(path: Path, relative: tuple[str, ...]) -> list[Incoming]:
    """The zip's files, read lazily and within bounds. An encrypted member stops the run before
    anything is filed: the person must unpack it with its password, and half an inbox filed
    would be harder to finish than none."""
    shown_zip = "/".join(shown_name(part) for part in relative)
    archive = bounded.open_zip(path, shown_zip, bounded.INBOX_ZIP)
    container = (*relative[:-1], PurePosixPath(relative[-1]).stem)  # the zip's name is a folder name too
    found = []
    for info in archive.infolist():
        name = zip_name(info).replace("\\", "/")
        inner = tuple(part for part in name.split("/") if part and part not in (".", ".."))
        if info.is_dir() or not inner or is_junk(inner[-1]) or info.file_size == 0:
            continue
        shown = "/".join((shown_zip, *(shown_name(part) for part in inner)))
        fault = bounded.member_fault(info)
        if fault is not None:
            raise InputError(f"{shown}: {fault}")
        read = functools.partial(bounded.read_member, archive, info, shown_zip, FILE_LIMIT)
        found.append(Incoming(shown, (*container, *inner), read))
    return found


def refused_name(item: Incoming) -> str | None:
    """Why the check would not count a file of this name, in the check's own words; None if it would.
    Filed anyway, it would sit where the check does not see it."""
    flaw = _display_name(item.name)[1]
    if flaw is None:
        return None
    return wording.rejected(Rejected(item.shown, 0, "bad-name", flaw))


# --- matching -------------------------------------------------------------------------------


class Matcher:
    """Names to slots, with the check's own keys: lead ids, Thai-folded unit names."""

    def __init__(self, pack: Pack, result: CheckResult) -> None:
        self.pack = pack
        self.by_lead = {doc.id.casefold(): doc.same_as or doc.id for doc in pack.documents}
        self.expected = {(doc.id, r.unit): r.expected for doc in result.documents for r in doc.requirements}
        self.needs = {doc.id: {r.unit for r in doc.requirements} for doc in result.documents}
        # what each unit still owes: a file that names only its unit is likely one of these
        self.owed = {
            doc.id: {r.unit for r in doc.requirements if not r.status.settled}
            for doc in result.documents
            if not doc.same_as
        }
        self.titles = {doc.id: thai.name_key(pack.title(doc)) for doc in pack.documents if doc.same_as is None}
        self.names = {unit.id: unit.name for unit in pack.roster.units}

    def units_in(self, text: str) -> list[str]:
        """Units whose name, short form, alias or id the text holds: the check's own reader."""
        return list(self.pack.unit_names.units_in(text))

    def near_in(self, text: str) -> list[str]:
        """Units the text names one letter off: a typo is a person's choice, never a match."""
        return list(self.pack.unit_names.near(text))

    def documents_in(self, text: str) -> list[str]:
        return lead_ids(text, self.by_lead)

    def titles_in(self, text: str) -> list[tuple[int, str]]:
        """Documents whose title shares a long run of characters with the name."""
        key = thai.name_key(text)
        scored = []
        for doc, title in self.titles.items():
            match = difflib.SequenceMatcher(None, key, title, autojunk=False).find_longest_match()
            if match.size >= TITLE_MATCH:
                scored.append((match.size, doc))
        return sorted(scored, reverse=True)

    def best_titles(self, text: str) -> list[str]:
        """The documents sharing the longest run with the name: "เชิญประชุม 24 พ.ย." is not
        also the invitation of 17 ต.ค."""
        scored = self.titles_in(text)
        return [doc for size, doc in scored if size == scored[0][0]]

    def candidates(self, item: Incoming) -> list[Candidate]:
        # The file name without its extension first, then its folders, nearest first.
        parts = [_stem(item.name), *reversed(item.parts[:-1])]
        documents: list[str] = []
        units: list[str] = []
        near: list[str] = []
        for part in parts:
            documents += [d for d in self.documents_in(part) if d not in documents]
            if not units and not near:
                units, near = self.units_in(part), self.near_in(part)
        found: list[Candidate] = []
        doubts = {unit: "" for unit in units} | {unit: self.doubt(unit) for unit in near}
        units = list(doubts)
        unit_text = " / ".join(self.names[u] for u in units)
        for doc in documents:
            needs = self.needs.get(doc, set())
            if None in needs:
                found.append(Candidate(doc, None, 2, _("ชื่อขึ้นต้นด้วยเลขข้อ {doc}").format(doc=doc)))
            for unit in units:
                name = self.names[unit]
                if unit in needs:
                    reason = _("เลขข้อ {doc} และชื่อหน่วยงาน {unit}").format(doc=doc, unit=name)
                    found.append(Candidate(doc, unit, 3, reason, doubts[unit]))
                else:
                    reason = _("{unit} ไม่ต้องส่งข้อ {doc}").format(unit=name, doc=doc)
                    found.append(Candidate(doc, unit, 0, reason, doubts[unit]))
            if not units and None not in needs:
                reason = _("ข้อ {doc} ต้องส่งแยกตามหน่วยงาน แต่ชื่อไม่บอกหน่วยงาน").format(doc=doc)
                found.append(Candidate(doc, None, 0, reason))
        if not documents:
            # No id: a title in the name, or the one document a unit still owes.
            titled = [doc for part in parts for doc in self.best_titles(part)]
            for doc in dict.fromkeys(titled):
                for unit in units or [None]:
                    if unit in self.needs.get(doc, set()):
                        reason = (
                            _("ชื่อตรงกับชื่อเอกสารข้อ {doc} และชื่อหน่วยงาน {unit}").format(doc=doc, unit=self.names[unit])
                            if unit
                            else _("ชื่อตรงกับชื่อเอกสารข้อ {doc}").format(doc=doc)
                        )
                        found.append(Candidate(doc, unit, 1, reason, doubts.get(unit or "", "")))
            if not found and units:
                for unit in units:
                    owed = [doc for doc, owing in self.owed.items() if unit in owing]
                    owes = _(
                        "ชื่อไฟล์บอกหน่วยงาน ({unit}) แต่ไม่บอกเลขข้อ; หน่วยงานนี้ยังต้องส่งข้อ {doc}: "
                        "ถ้าใช่ เลือกข้อนั้น หรือเปลี่ยนชื่อไฟล์ให้ขึ้นต้นด้วย {doc}"
                    )
                    found += [
                        Candidate(doc, unit, 0, owes.format(unit=unit_text, doc=doc), doubts[unit]) for doc in owed
                    ]
        found.sort(key=lambda c: -c.score)
        return found

    def doubt(self, unit: str) -> str:
        return _("ชื่อหน่วยงานในชื่อไฟล์ต่างจาก {unit} หนึ่งตัวอักษร อาจพิมพ์ผิด").format(unit=self.names[unit])

    def place(self, item: Incoming) -> Placement:
        found = self.candidates(item)
        best = [c for c in found if c.score == found[0].score] if found else []
        listed = [self.describe(c) for c in found[:2]]
        options = self.options(found)
        if any(c.doubt for c in found):  # a name one letter off: never filed on a guess
            reason = next(c.doubt for c in found if c.doubt)
            return Placement(item.shown, "ambiguous", reason=reason, candidates=listed, options=options)
        if not found or found[0].score == 0:
            reason = found[0].reason if found else _("ชื่อไฟล์และโฟลเดอร์ไม่บอกทั้งเลขข้อและหน่วยงาน")
            return Placement(item.shown, "unmatched", reason=reason, candidates=listed, options=options)
        slots = {(c.document, c.unit) for c in best}
        if len(slots) > 1:
            reason = _("ตรงได้หลายรายการ: {reasons}").format(reasons="; ".join(c.reason for c in best[:3]))
            return Placement(item.shown, "ambiguous", reason=reason, candidates=listed, options=options)
        placed = self.filed(item, best[0], listed)
        placed.options = options
        return placed

    def options(self, found: list[Candidate]) -> list[tuple[str, str]]:
        """The two closest places that exist, as a person may choose them: "5.1/sao-bang-yo"."""
        slots = list(dict.fromkeys((c.document, c.unit) for c in found if (c.document, c.unit) in self.expected))
        return [(f"{doc}/{unit}" if unit else doc, self.place_name(doc, unit)) for doc, unit in slots[:2]]

    def place_name(self, document: str, unit: str | None) -> str:
        return self.describe(Candidate(document, unit, 0, ""))

    def take(self, item: Incoming, text: str) -> Placement:
        """The file placed where a person chose ("5.1/อบต.บางยอ", "4.4"); a place that cannot take
        it comes back unmatched with the reason. InputError when the text names no place."""
        doc, unit = self.slot(text)
        placed = self.filed(item, Candidate(doc, unit, 3, self.place_name(doc, unit)), [])
        if placed.action == "file":
            placed.confidence = "chosen"
        return placed

    def slot(self, text: str) -> tuple[str, str | None]:
        """ "DOC/UNIT" or "DOC" as a person writes it: the document by its id (Thai digits too),
        the unit by id, Thai name or short form."""
        document_text, _slash, unit_text = text.strip().partition("/")
        documents = self.documents_in(document_text.strip())
        if not documents:
            raise InputError(_("{text}: ไม่รู้จักเลขข้อ {doc}").format(text=text, doc=document_text.strip()))
        doc = documents[0]
        unit = None
        if unit_text.strip():
            found = self.pack.unit_by_key.get(thai.name_key(unit_text))
            if found is None:
                raise InputError(_("{text}: ไม่รู้จักหน่วยงาน {unit}").format(text=text, unit=unit_text.strip()))
            unit = found.id
        if (doc, unit) not in self.expected:
            if unit is None:
                problem = _("{text}: ข้อ {doc} ต้องส่งแยกตามหน่วยงาน ให้เขียน {doc}/หน่วยงาน")
            else:
                problem = _("{text}: {unit} ไม่ต้องส่งข้อ {doc}")
            raise InputError(problem.format(text=text, doc=doc, unit=self.names.get(unit or "", "")))
        return doc, unit

    def filed(self, item: Incoming, chosen: Candidate, listed: list[str]) -> Placement:
        """The file in chosen's place, if the check would count it there; else unmatched, saying why."""
        document = self.pack.document_by_id[chosen.document]
        accepted = document.types or self.pack.info.accepted_types
        if extension(item.name) not in accepted:  # the check would not count it: a person should look
            reason = _("{reason} แต่ชนิดไฟล์ .{extension} ไม่อยู่ในชนิดที่รับ ({accepted})").format(
                reason=chosen.reason, extension=extension(item.name), accepted=", ".join(accepted)
            )
            return Placement(item.shown, "unmatched", reason=reason, candidates=listed)
        confidence = {3: "high", 2: "high", 1: "medium"}[chosen.score]
        destination = self.destination(self.expected[(chosen.document, chosen.unit)], item.name)
        if destination is None:
            reason = _("{reason} แต่ชื่อไฟล์ขึ้นต้นด้วยเลขข้ออื่น ต้องเปลี่ยนชื่อก่อน").format(reason=chosen.reason)
            return Placement(item.shown, "unmatched", reason=reason, candidates=listed)
        if too_long(self.pack.root / destination):  # the id in front can make a name that came in fine too long
            reason = _("{reason} แต่ชื่อที่จะจัดเก็บยาวเกินที่ระบบรับได้ ต้องย่อชื่อก่อน").format(reason=chosen.reason)
            return Placement(item.shown, "unmatched", reason=reason, candidates=listed)
        return Placement(
            item.shown,
            "file",
            chosen.document,
            chosen.unit or "",
            destination,
            chosen.reason,
            confidence,
            listed,
        )

    def destination(self, expected: str, name: str) -> str | None:
        """The file's path in its expected folder. In a unit's own folder (a pack filed unit first)
        the name is what says which document it serves: it gets the id in front ("3.1 คำรับรอง.pdf"),
        unless it leads with that id already. None when it leads with other ids: filed as it is, it
        would serve those."""
        in_folder = layout.named_in_folder(expected)
        if in_folder is None:
            return expected + name
        folder, lead = in_folder
        led = self.documents_in(_stem(name))
        if not led:  # "และ 1.1 แนบ.pdf" leads with no id, but "3.1 และ 1.1 แนบ.pdf" would serve 1.1 too
            named = f"{lead} {name}"
            return folder + named if self.documents_in(_stem(named)) == [lead] else None
        return folder + name if lead in led else None

    def serving(self, document: str) -> Callable[[str], bool]:
        """Which names in a folder serve document: those leading with its id; any, for "" (a folder
        of one document's)."""
        if not document:
            return lambda name: True
        return lambda name: document in self.documents_in(_stem(name))

    def describe(self, candidate: Candidate) -> str:
        if candidate.unit:
            return _("ข้อ {doc} {unit}").format(doc=candidate.document, unit=self.names[candidate.unit])
        return _("ข้อ {doc}").format(doc=candidate.document)


def too_long(path: Path) -> bool:
    """Would the system refuse to write a file at path?"""
    if WINDOWS:
        units = len(path.name.encode("utf-16-le")) // 2
        return units > NAME_LIMIT or len(os.path.abspath(path).encode("utf-16-le")) // 2 > PATH_LIMIT
    return len(os.fsencode(path.name)) > NAME_LIMIT


def _stem(name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and stem and suffix.isascii() and suffix.isalnum() and len(suffix) <= 5 else name


# --- filing ---------------------------------------------------------------------------------


# Settles a file intake could not place: given its placement and a way to try a place
# ("5.1/อบต.บางยอ" -> the placement there), the placement chosen, or None to leave it.
Chooser = Callable[[Placement, Callable[[str], Placement]], "Placement | None"]


def plan(
    pack: Pack, result: CheckResult, inbox: Path, choose: Chooser | None = None
) -> list[tuple[Incoming, Placement]]:
    """Where each inbox file goes. Files already in the evidence tree (same SHA-256 in the
    destination folder) and repeats within the inbox are marked as duplicates. choose settles
    those that fit no place or several (a name the check would refuse is not offered)."""
    evidence, folder = pack.evidence_root.resolve(), inbox.resolve()
    if folder == evidence or evidence in folder.parents or folder in evidence.parents:
        raise InputError(_("{inbox}: โฟลเดอร์รับไฟล์กับโฟลเดอร์หลักฐานต้องไม่อยู่ซ้อนกัน").format(inbox=inbox))
    matcher = Matcher(pack, result)
    seen: dict[tuple[str, str], set[str]] = {}  # (destination folder, document or "") -> hashes there, or planned
    planned: list[tuple[Incoming, Placement]] = []
    for item in gather(inbox):
        refusal = refused_name(item)
        placement = Placement(item.shown, "unmatched", reason=refusal) if refusal else matcher.place(item)
        if choose is not None and not refusal and placement.action in ("ambiguous", "unmatched"):
            placement = choose(placement, functools.partial(matcher.take, item)) or placement
        if placement.action == "file":
            data = item.read()
            placement.sha256 = hashlib.sha256(data).hexdigest()
            folder = placement.destination.rpartition("/")[0]
            # In a unit's own folder the names say which document a file serves: a copy there that
            # serves another one is not this one filed already.
            shared = layout.named_in_folder(matcher.expected[placement.document, placement.unit or None])
            serves = placement.document if shared else ""
            hashes = seen.get((folder, serves))
            if hashes is None:
                hashes = seen[folder, serves] = _hashes(pack.root / folder, matcher.serving(serves))
            if placement.sha256 in hashes:
                placement.action = "duplicate"
            hashes.add(placement.sha256)
        planned.append((item, placement))
    return planned


def _hashes(folder: Path, keep: Callable[[str], bool]) -> set[str]:
    try:
        entries = [e for e in folder.iterdir() if keep(e.name) and e.is_file() and not e.is_symlink()]
    except OSError:
        return set()
    return {hashlib.sha256(entry.read_bytes()).hexdigest() for entry in entries}


def observe(planned: list[tuple[Incoming, Placement]]) -> dict[int, Seen]:
    """Each inbox file on disk as the preview saw it (lstat), for apply to compare against."""
    seen = {}
    for index, (item, _placement) in enumerate(planned):
        if item.source is not None:
            with contextlib.suppress(OSError):
                seen[index] = Seen.of(item.source)
    return seen


def apply(
    pack: Pack,
    planned: list[tuple[Incoming, Placement]],
    *,
    move: bool = False,
    seen: dict[int, Seen] | None = None,
    journal: Journal | None = None,
) -> None:
    """Copy (or move) each planned file to its destination; a different file of the same name
    stays, and this one takes the next free numbered name ("คำรับรอง (2).pdf").

    Each source is read again right before it is filed, through a checked open (no link followed,
    the same file lstat saw in seen, the same SHA-256 as in the preview): one changed since is
    skipped and reported ("changed"), never filed and never deleted. journal records each step."""
    evidence = pack.evidence_root.resolve()
    _clear_stale_parts(pack, planned)
    for index, (item, placement) in enumerate(planned):
        if placement.action not in ("file", "duplicate"):
            continue
        try:
            data = _read_as_planned(item, placement, (seen or {}).get(index))
        except Changed:
            placement.action = "changed"
            placement.reason = _("ไฟล์ถูกแก้ไขหรือแทนที่หลังการแสดงตัวอย่าง ไม่ได้จัดเก็บ สั่งใหม่อีกครั้ง")
            if journal:
                journal.note("changed", placement.file, sha256=placement.sha256, note=placement.reason)
            continue
        if journal and placement.confidence == "chosen":  # what the person chose, before it is done
            journal.note("chosen", placement.file, placement.destination, placement.sha256, note=placement.reason)
        if placement.action == "duplicate":
            placement.action = "skipped"
            if move and item.source is not None:
                _remove_source(item, (seen or {}).get(index))
            if journal:
                journal.note("skipped", placement.file, placement.destination, placement.sha256)
            continue
        target = pack.root / placement.destination
        if evidence not in target.resolve().parents:
            raise OutputError(_("{path}: อยู่นอกโฟลเดอร์หลักฐาน ไม่ได้จัดเก็บ").format(path=placement.destination))
        if journal:
            journal.note("begin", placement.file, placement.destination, placement.sha256)
        written = _write_new(target, data)
        placement.action = "renamed" if written != target else "filed"
        placement.destination = written.relative_to(pack.root).as_posix()
        if move and item.source is not None:
            _remove_source(item, (seen or {}).get(index))
        if journal:
            journal.note("done", placement.file, placement.destination, placement.sha256)


def _clear_stale_parts(pack: Pack, planned: list[tuple[Incoming, Placement]]) -> None:
    """A run killed outright (SIGKILL, a power cut) cannot remove the part file it was writing; the
    check would count it as a stray file. Only intake makes these names, and this run holds the
    pack's lock, so any found in a folder it files into is a dead run's, and goes."""
    folders = {(pack.root / p.destination).parent for _, p in planned if p.action == "file"}
    for folder in folders:
        with contextlib.suppress(OSError):
            for stale in folder.glob(f"{PART_PREFIX}*{PART_SUFFIX}"):
                stale.unlink()


def _read_as_planned(item: Incoming, placement: Placement, seen: Seen | None) -> bytes:
    """The file's bytes, if it is still the one planned; else Changed."""
    if item.source is None:  # inside a zip: the zip is read again, its member checked by hash
        data = item.read()
    else:
        try:
            with open_checked(item.source, seen) as stream:
                data = stream.read()
        except OSError:
            raise Changed(item.source) from None
    if hashlib.sha256(data).hexdigest() != placement.sha256:
        raise Changed(item.source or placement.file)
    return data


def _remove_source(item: Incoming, seen: Seen | None) -> None:
    """--move: the inbox file goes only once its copy is in place, and only if it is still the
    file that was read (a file put there since stays)."""
    assert item.source is not None
    try:
        if seen is not None and not seen.matches(os.lstat(item.source)):
            return
        item.source.unlink()
    except FileNotFoundError:
        pass  # a run stopped just after removing it, and this is the run finishing the work


def _write_new(target: Path, data: bytes) -> Path:
    """A filed copy: never over a file, under target's name or the first free "name (n).ext"."""
    return safety.write_new(target, data, part_prefix=PART_PREFIX, into_evidence=True)


# --- the log and the table --------------------------------------------------------------------

LOG_FIELDS = ("file", "action", "action_th", "document", "unit", "destination", "confidence", "reason", "sha256")
# The CSV is for the clerk in Excel: Thai headers, the action's stable code kept in a column of
# its own (รหัสผล) for a filter or a formula; the JSON keeps the English keys for programs.
LOG_HEADERS_TH = ("ไฟล์ที่ส่งมา", "รหัสผล", "ผล", "ข้อ", "รหัสหน่วยงาน", "ปลายทาง", "ความมั่นใจ", "เหตุผล", "SHA-256")
CONFIDENCE_TH = {"high": "สูง", "medium": "กลาง", "low": "ต่ำ", "chosen": "เลือกเอง"}


def write_log(placements: list[Placement], folder: Path, when: datetime) -> tuple[Path, Path]:
    # The Buddhist-era year, as in every other date a clerk reads: files sort by name in time order.
    named = f"intake-{when.year + 543}{when:%m%d-%H%M%S}"
    stem = folder / named
    number = 1
    while stem.with_suffix(".json").exists() or stem.with_suffix(".csv").exists():  # two runs in one second
        number += 1
        stem = folder / f"{named}-{number}"
    rows = [
        {**{k: v for k, v in asdict(p).items() if k in LOG_FIELDS}, "action_th": ACTIONS_TH[p.action]}
        for p in placements
    ]
    buffer = io.StringIO()
    writer = csvcells.writer(buffer, lineterminator="\r\n")
    writer.writerow(LOG_HEADERS_TH)
    for row in rows:
        shown = {**row, "confidence": CONFIDENCE_TH.get(str(row["confidence"]), row["confidence"])}
        writer.writerow([shown[name] for name in LOG_FIELDS])
    csv_path, json_path = stem.with_suffix(".csv"), stem.with_suffix(".json")
    data = "\ufeff".encode() + buffer.getvalue().encode("utf-8")  # BOM: Excel reads UTF-8
    safety.write_bytes(csv_path, data, ours=safety.REPLACE)  # this run's log, named by its time
    document = {"itapack_intake": 1, "when": when.isoformat(timespec="seconds"), "files": rows}
    safety.write_text(json_path, json.dumps(document, ensure_ascii=False, indent=2) + "\n", ours=safety.REPLACE)
    return csv_path, json_path


def table(placements: list[Placement]) -> str:
    """Plain lines: file -> destination (reason, confidence); the rest with two candidates."""
    lines = []
    for p in placements:
        head = f"{p.file}"
        action = action_text(p.action)
        if p.destination:
            confidence = CONFIDENCE.get(p.confidence, "")
            confidence = _(confidence) if confidence else ""
            lines.append(f"{head}\n  -> {p.destination}  [{action}] ({p.reason}{confidence})")
        else:
            lines.append(f"{head}\n  !! {action}: {p.reason}")
            if p.candidates:
                lines.append("     " + _("ใกล้เคียงที่สุด: {candidates}").format(candidates=" | ".join(p.candidates)))
    return "\n".join(lines)


def counts(placements: list[Placement]) -> dict[str, int]:
    found: dict[str, int] = {}
    for p in placements:
        found[p.action] = found.get(p.action, 0) + 1
    return found
