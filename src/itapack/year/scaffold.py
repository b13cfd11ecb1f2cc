"""itapack scaffold: the evidence folders a pack expects, each with a README.txt in Thai.

It creates exactly the folders check points clerks to (Requirement.expected): a folder that
already holds a document's evidence, under whatever name, is used as it is. It never deletes or
overwrites a person's file. Only a folder that still holds nothing but its own README.txt is
touched: renamed when its document's title changed, removed with --prune when no document
claims it any more. A unit's own folder in a pack filed unit first is left as it is: it serves
several documents, and its files' names say which.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, OutputError
from ..evidence import layout
from ..evidence.result import CheckResult, DocumentResult, Requirement
from ..i18n import _
from ..pack.folder import PACK_FILE, Pack

README = "README.txt"
MARK = "ไฟล์นี้สร้างโดย itapack scaffold"  # the last line of every README.txt scaffold writes


@dataclass
class Scaffolded:
    created: list[str] = field(default_factory=list)  # folders made, relative to the pack
    readmes: list[str] = field(default_factory=list)  # README.txt files written
    existing: int = 0  # folders that were already there
    outside: list[str] = field(default_factory=list)  # places behind a link out of the pack: left alone
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old, new): followed the title
    orphans: list[str] = field(default_factory=list)  # folders no document claims, holding only README.txt
    pruned: list[str] = field(default_factory=list)  # orphans removed (--prune)


def plan(pack: Pack, result: CheckResult) -> list[tuple[str, str]]:
    """(folder relative to the pack, README text) for every place evidence goes."""
    shared = {doc.same_as: [] for doc in result.documents if doc.same_as}
    for doc in result.documents:
        if doc.same_as:
            shared[doc.same_as].append(doc.id)
    units = {unit.id: unit.name for unit in result.units}
    places: dict[str, str] = {}
    for doc in result.documents:
        if doc.same_as:
            continue
        for requirement in doc.requirements:
            if not requirement.expected.endswith("/"):
                continue  # not a folder: units.yaml lists no unit yet, or a unit's own folder (filed unit first)
            folder = requirement.expected.rstrip("/")
            places.setdefault(folder, _readme(pack, doc, requirement, units, shared.get(doc.id, [])))
        if doc.per_unit and doc.requirements[0].unit is not None:
            root = _common_parent([r.expected.rstrip("/") for r in doc.requirements if r.expected.endswith("/")])
            if root:
                places.setdefault(root, _unit_root_readme(pack, doc))
    return sorted(places.items())


def scaffold(pack: Pack, result: CheckResult, *, prune: bool = False) -> Scaffolded:
    """Writes only inside the pack (or inside its evidence folder, where that is a link to a share):
    a folder reached through a link that leads elsewhere is reported, never written through."""
    refuse_evidence_file(pack)
    outcome = Scaffolded()
    boundaries = tuple({os.path.realpath(pack.root), os.path.realpath(pack.evidence_root)})
    outcome.renamed = _follow_titles(pack, result)
    if outcome.renamed:
        from ..check import check

        result = check(pack)  # the renamed folders are where the evidence goes now
    places = plan(pack, result)
    outcome.orphans = _orphans(pack, {folder for folder, _ in places})
    for folder in outcome.orphans if prune else ():
        try:
            (pack.root / folder / README).unlink()
            (pack.root / folder).rmdir()
        except OSError as error:
            raise OutputError(_("ลบ {path} ไม่ได้: {reason}").format(path=folder, reason=error.strerror)) from None
        outcome.pruned.append(folder)
    for folder, text in places:
        path = pack.root / folder
        real = os.path.realpath(path)
        if not any(real == b or real.startswith(b + os.sep) for b in boundaries):
            outcome.outside.append(folder)
            continue
        try:
            if path.is_dir():
                outcome.existing += 1
            else:
                path.mkdir(parents=True, exist_ok=True)
                outcome.created.append(folder)
            with (path / README).open("x", encoding="utf-8-sig", newline="\r\n") as stream:  # "x": never overwrite
                stream.write(text)
            outcome.readmes.append(f"{folder}/{README}")
        except FileExistsError:
            continue
        except OSError as error:
            raise OutputError(_("สร้าง {path} ไม่ได้: {reason}").format(path=path, reason=error.strerror)) from None
    return outcome


def refuse_evidence_file(pack: Pack) -> None:
    """`evidence:` naming a file (pack.yaml, say): no folder can be made there."""
    root = pack.evidence_root
    if root.exists() and not root.is_dir():
        raise InputError(
            _("{file}: evidence: '{evidence}' เป็นไฟล์ ไม่ใช่โฟลเดอร์ ตั้ง evidence เป็นชื่อโฟลเดอร์หลักฐาน เช่น evidence").format(
                file=pack.root / PACK_FILE, evidence=pack.info.evidence
            )
        )


def only_readme(folder: Path) -> bool:
    """Does folder hold nothing but a README.txt that scaffold wrote?"""
    try:
        if [child.name for child in folder.iterdir()] != [README]:
            return False
        return MARK in (folder / README).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False


def _follow_titles(pack: Pack, result: CheckResult) -> list[tuple[str, str]]:
    """A document's untouched skeleton folder takes the name its title gives now: init made
    "1.2 รายงานการประชุม (รอกำหนดวัน)", and once the date is set the name says the date."""
    renamed = []
    evidence = pack.evidence_root.resolve()
    documents = {doc.id: doc for doc in pack.documents}
    for doc in result.documents:
        source = documents[doc.id]
        if source.folder is not None or doc.same_as or doc.per_unit:
            continue
        old = doc.requirements[0].expected.rstrip("/")
        path = pack.root / old
        fresh = path.parent / layout.document_folder(pack, source)
        if path == fresh or path.parent.resolve() != evidence or fresh.exists() or not only_readme(path):
            continue
        try:
            (path / README).unlink()  # rewritten below with the title as it is now
            path.rename(fresh)
        except OSError as error:
            raise OutputError(_("เปลี่ยนชื่อ {path} ไม่ได้: {reason}").format(path=old, reason=error.strerror)) from None
        renamed.append((old, layout.evidence_prefix(pack) + fresh.name))
    return renamed


def _orphans(pack: Pack, wanted: set[str]) -> list[str]:
    """Folders under the evidence folder that no document claims and that hold only scaffold's README."""
    keep = set(wanted)
    for folder in wanted:
        parts = folder.split("/")
        keep.update("/".join(parts[:i]) for i in range(1, len(parts)))
    found = []
    for readme in sorted(pack.evidence_root.rglob(README)):
        # from the evidence folder, which may be on another drive than the pack (Windows)
        inside = Path(os.path.relpath(readme.parent, pack.evidence_root)).as_posix()
        folder = layout.evidence_prefix(pack) + inside if inside != "." else layout.evidence_prefix(pack).rstrip("/")
        if folder not in keep and only_readme(readme.parent):
            found.append(folder)
    return found


def _readme(
    pack: Pack, doc: DocumentResult, requirement: Requirement, units: dict[str, str], shared_with: list[str]
) -> str:
    lines = [f"ข้อ {doc.id} {doc.title}", f"{_section(pack, doc)} · ปีงบประมาณ พ.ศ. {pack.fiscal_year}"]
    if requirement.unit:
        lines.append(f"หน่วยงาน: {units.get(requirement.unit, requirement.unit)}")
    lines += ["", "วางไฟล์หลักฐานของข้อนี้ในโฟลเดอร์นี้ (โฟลเดอร์ย่อยก็ได้)"]
    lines.append(f"- ชนิดไฟล์ที่รับ: {', '.join(doc.types)}")
    lines.append(f"- จำนวนอย่างน้อย: {requirement.needed} ไฟล์")
    if doc.patterns:
        lines.append(f"- ชื่อไฟล์ต้องตรงกับ: {' หรือ '.join(doc.patterns)}")
    if shared_with:
        lines.append(f"- ใช้เป็นหลักฐานข้อ {', '.join(shared_with)} ด้วย ไม่ต้องทำสำเนา")
    lines += ["", "ไฟล์นี้สร้างโดย itapack scaffold และไม่นับเป็นหลักฐาน"]
    return "\n".join(lines) + "\n"


def _unit_root_readme(pack: Pack, doc: DocumentResult) -> str:
    kinds = ", ".join(pack.kind_names.get(kind, kind) for kind in doc.per_unit)
    lines = [
        f"ข้อ {doc.id} {doc.title}",
        f"{_section(pack, doc)} · ปีงบประมาณ พ.ศ. {pack.fiscal_year}",
        "",
        f"ต้องมีหลักฐานของแต่ละหน่วยงาน ({kinds})",
        "วางไฟล์ของแต่ละหน่วยงานในโฟลเดอร์ย่อยตามชื่อหน่วยงาน (มีให้แล้ว)",
        "ชื่อย่อ เช่น อบต.บางปลา หรือจัดกลุ่มตามอำเภอก็ได้",
        "",
        "ไฟล์นี้สร้างโดย itapack scaffold และไม่นับเป็นหลักฐาน",
    ]
    return "\n".join(lines) + "\n"


def _section(pack: Pack, doc: DocumentResult) -> str:
    """ "ระดับ 2" on a ladder; the section's title in a checklist."""
    section = pack.sections[doc.section - 1]
    if pack.ladder:
        return f"ระดับ {doc.section}"
    return section.title or section.id or f"หมวด {doc.section}"


def _common_parent(folders: list[str]) -> str:
    parents = {folder.rsplit("/", 1)[0] for folder in folders if "/" in folder}
    return parents.pop() if len(parents) == 1 else ""
