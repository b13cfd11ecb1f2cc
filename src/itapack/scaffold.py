"""itapack scaffold: the evidence folders a pack expects, each with a README.txt in Thai.

It creates exactly the folders check points clerks to (Requirement.expected): a folder that
already holds a document's evidence, under whatever name, is used as it is. Never deletes, never
overwrites: a README.txt that exists is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import OutputError
from .i18n import _
from .pack import Pack
from .result import CheckResult, DocumentResult, Requirement

README = "README.txt"


@dataclass
class Scaffolded:
    created: list[str] = field(default_factory=list)  # folders made, relative to the pack
    readmes: list[str] = field(default_factory=list)  # README.txt files written
    existing: int = 0  # folders that were already there


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
                continue  # not a folder: a per-unit document with no units listed yet
            folder = requirement.expected.rstrip("/")
            places.setdefault(folder, _readme(pack, doc, requirement, units, shared.get(doc.id, [])))
        if doc.per_unit and doc.requirements[0].unit is not None:
            root = _common_parent([r.expected.rstrip("/") for r in doc.requirements])
            if root:
                places.setdefault(root, _unit_root_readme(pack, doc))
    return sorted(places.items())


def scaffold(pack: Pack, result: CheckResult) -> Scaffolded:
    outcome = Scaffolded()
    for folder, text in plan(pack, result):
        path = pack.root / folder
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
