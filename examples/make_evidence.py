"""Build the evidence trees of the example packs.

Small but real files (valid PDF, JPEG, PNG and DOCX), named the way clerks name them, in a
deliberately incomplete state. The output is byte-for-byte deterministic; tests compare the
committed trees with a fresh build.

samutprakan-2567, a province's five-level ladder:
- levels 1-3 complete: every regional agency and local body has its signed agreement (3.1);
- level 4: 4.4 and 4.5 missing, 4.7 only a zero-byte file;
- level 5: four local bodies without their ITAS import (5.1), one whose "PDF" is an HTML error page.
Junk (Thumbs.db, desktop.ini, .DS_Store, an Office lock file), Thai digits in a folder name, and a
name spelt with the two-character SARA AM are there on purpose.

oit-2566, a local body's OIT items o36-o43 (captures of its web pages):
- o40 and o43 missing; o37's report is named for a whole year where the first half is asked;
- o39 and o41 share one file named with both ids; O42's folder is written in capitals.

measures-2566, the province's measures, reported by each regional agency (unit first):
- 20 agencies report all four measures in one file named "m1 m2 m3 m4 …", 3 more inside a
  group folder units.yaml does not name; 5 lack m4, 2 send only m1, one sends nothing;
- m5 (the committee) is the province office's own, filed by measure.

    python examples/make_evidence.py                 # rebuilds every example's evidence/
    python examples/make_evidence.py NAME OUT_DIR    # builds one example into an empty folder
"""

from __future__ import annotations

import io
import shutil
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import yaml

EXAMPLES = Path(__file__).parent
PACK = EXAMPLES / "samutprakan-2567"

# 16x12 JPEG; a COM segment after SOI carries a label so that every photo differs.
_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a"
    "333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffdb0043011112121815182f1a1a2f"
    "634238426363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363"
    "636363ffc0001108000c001003012200021101031101ffc4001500010100000000000000000000000000000004ffc4001e10000004"
    "0700000000000000000000000000051182133543516391c1ffc4001501010100000000000000000000000000000304ffc4001511"
    "010100000000000000000000000000000001ffda000c03010002110311003f00ba6d8a139575609b6284e55d580ea8bb807545dc"
    "14c03fffd9"
)

# Units left without ITAS import evidence (5.1), and the one whose PDF is an HTML error page.
NO_ITAS_IMPORT = ("sao-bang-yo", "sao-nong-prue", "tt-laem-fa-pha", "sao-preng")
HTML_INSTEAD_OF_PDF = "sao-song-khanong"
# Spelt with NIKHAHIT + SARA AA instead of SARA AM, as text copied out of a PDF often is.
DECOMPOSED_SARA_AM = "sao-bang-nam-phueng"

SHORT = {"sao": "อบต.", "subdistrict_municipality": "ทต.", "town_municipality": "ทม.", "city_municipality": "ทน."}
LONG = {
    "sao": "องค์การบริหารส่วนตำบล",
    "subdistrict_municipality": "เทศบาลตำบล",
    "town_municipality": "เทศบาลเมือง",
    "city_municipality": "เทศบาลนคร",
}


def pdf(label: str) -> bytes:
    """A one-page A4 PDF with a line of ASCII text; offsets in the xref table are exact."""
    text = label.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = f"BT /F1 12 Tf 72 770 Td (itapack example evidence: {text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def jpeg(label: str) -> bytes:
    comment = label.encode("utf-8")
    return _JPEG[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + _JPEG[2:]


def png(label: str) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    width, height = 24, 16
    rows = b"".join(b"\x00" + bytes((200, 210, 230)) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", b"Comment\x00" + label.encode("ascii"))
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def docx(label: str) -> bytes:
    """A minimal Word document; fixed timestamps keep the bytes stable."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
        'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
        "/></Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.'
        f'org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{label}</w:t></w:r></w:p></w:body></w:document>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 17, 9, 0, 0)), text)
    return buffer.getvalue()


HTML_ERROR_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
    b"<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n"
)
JUNK = {
    "Thumbs.db": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56,
    "desktop.ini": b"[.ShellClassInfo]\r\nIconResource=C:\\Windows\\system32\\imageres.dll,-3\r\n",
    ".DS_Store": b"\x00\x00\x00\x01Bud1" + b"\x00" * 24,
}


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def decomposed(text: str) -> str:
    """Spell SARA AM as NIKHAHIT + SARA AA (tone marks stay in front), as PDFs often do."""
    return text.replace("\u0e33", "\u0e4d\u0e32")


def local_folder_name(unit: dict, index: int) -> str:
    """Clerks write some names in full and some short: อบต.บางปลา, ทต.บางพลี."""
    name = unit["name"]
    if unit["id"] == DECOMPOSED_SARA_AM:
        return decomposed(name)
    kind = unit["kind"]
    if kind in SHORT and index % 3 == 1 and name.startswith(LONG[kind]):
        return SHORT[kind] + name[len(LONG[kind]) :]
    return name


def build(root: Path) -> None:
    units = yaml.safe_load((PACK / "units.yaml").read_text(encoding="utf-8"))
    agencies = [u for u in units["units"] if u["kind"] == "regional_agency"]
    local = [u for u in units["units"] if u["kind"] not in ("regional_agency", "province")]
    province = next(u for u in units["units"] if u["kind"] == "province")
    districts = {d["id"]: d["name"] for d in units["districts"]}

    def put(folder: str, name: str, data: bytes) -> None:
        write(root / folder / name, data)

    # Level 1
    put("1.1 บันทึกข้อความมอบหมายภารกิจ", "บันทึกข้อความ มอบหมายภารกิจ ITA ปี 2567.pdf", pdf("1.1"))
    put("1.1 บันทึกข้อความมอบหมายภารกิจ", "Thumbs.db", JUNK["Thumbs.db"])

    # Level 2
    put("2.1 คำสั่งแต่งตั้งคณะทำงาน ITA", "คำสั่งจังหวัดสมุทรปราการ ที่ 4521-2566.pdf", pdf("2.1"))
    put("2.2 หนังสือเชิญประชุม 24 พ.ย. 66", "หนังสือเชิญประชุมคณะทำงาน ITA.pdf", pdf("2.2"))
    put("2.3 รายงานการประชุม 24 พ.ย. 66", "รายงานการประชุม ครั้งที่ 1-2567.pdf", pdf("2.3"))
    put("2.3 รายงานการประชุม 24 พ.ย. 66", "~$รายงานการประชุม ครั้งที่ 1-2567.docx", b"\x0bsaraban\x00" * 18)
    for n in (1, 2, 3):
        put("2.4 ภาพประกอบการประชุม 24 พ.ย. 66", f"ภาพ {n}.jpg", jpeg(f"2.4 photo {n}"))
    put("๒.๕ เอกสารนำเสนอการประชุม", "เอกสารนำเสนอ ผลการประเมิน ITA 2566.pdf", pdf("2.5"))
    put("2.6 หนังสือเชิญประชุม 17 ต.ค. 66", "หนังสือเชิญประชุม.pdf", pdf("2.6"))
    put("2.7 รายงานการประชุม 17 ต.ค. 66", "รายงานการประชุม.pdf", pdf("2.7"))
    put("2.7 รายงานการประชุม 17 ต.ค. 66", "desktop.ini", JUNK["desktop.ini"])

    # Level 3: one signed agreement per regional agency head and per local executive
    agreements = "3.1 คำรับรองการปฏิบัติราชการ"
    agreement = "คำรับรองการปฏิบัติราชการ ITA 2567.pdf"
    for i, unit in enumerate(agencies, start=1):
        number = f"{i:02d}" if i % 5 else "".join("๐๑๒๓๔๕๖๗๘๙"[int(c)] for c in f"{i:02d}")
        put(f"{agreements}/ส่วนราชการบริหารส่วนภูมิภาค/{number} {unit['name']}", agreement, pdf(f"3.1 {unit['id']}"))
    for i, unit in enumerate(local):
        district = districts.get(unit.get("district") or "")
        folder = f"{agreements}/{district}" if district else agreements
        put(f"{folder}/{local_folder_name(unit, i)}", agreement, pdf(f"3.1 {unit['id']}"))

    # Level 4: 4.4 and 4.5 not handed in yet; 4.7 only an empty file
    put("4.0 แบบ 4 แนวทางและมาตรการ", "แบบ 4 แนวทางและมาตรการยกระดับ ITA.pdf", pdf("4.0"))
    put("4.0 แบบ 4 แนวทางและมาตรการ", "แบบ 4 แนวทางและมาตรการยกระดับ ITA.docx", docx("4.0"))
    put("4.1 หนังสือเชิญประชุม 17 ม.ค. 67", "หนังสือเชิญประชุม.pdf", pdf("4.1"))
    put("4.2 รายงานการประชุม 17 ม.ค. 67", "รายงานการประชุมคณะทำงาน ITA 17 ม.ค. 2567.pdf", pdf("4.2 = 5.5"))
    for n in (412, 413, 415, 420):
        put("4.3 ภาพประกอบการประชุมคณะทำงาน 17 ม.ค. 67", f"IMG_0{n}.JPG", jpeg(f"4.3 = 5.6 photo {n}"))
    put("4.3 ภาพประกอบการประชุมคณะทำงาน 17 ม.ค. 67", ".DS_Store", JUNK[".DS_Store"])
    put("4.6 สรุปผลการดำเนินโครงการ 26 ม.ค. 67", "สรุปผลการดำเนินโครงการ.pdf", pdf("4.6"))
    put("4.7 รายงานการประชุมหัวหน้าส่วนราชการ ม.ค. 67", "รายงานการประชุม มกราคม 2567.pdf", b"")

    # Level 5: ITAS import per assessed body; a few local bodies still missing
    imports = "5.1 การนำเข้าข้อมูลในระบบ ITAS"
    memo = "บันทึกข้อความ นำเข้าข้อมูล ITAS.pdf"
    put(f"{imports}/{province['name']}", memo, pdf(f"5.1 {province['id']}"))
    for i, unit in enumerate(local):
        if unit["id"] in NO_ITAS_IMPORT:
            continue
        data = HTML_ERROR_PAGE if unit["id"] == HTML_INSTEAD_OF_PDF else pdf(f"5.1 {unit['id']}")
        put(f"{imports}/{local_folder_name(unit, i + 1)}", memo, data)
    put("5.2 ภาพรวมการนำเข้าข้อมูลในระบบ ITAS", "ภาพรวมการนำเข้าข้อมูล ITAS.pdf", pdf("5.2"))
    put("5.2 ภาพรวมการนำเข้าข้อมูลในระบบ ITAS", "หน้าจอ ITAS.png", png("5.2 ITAS screen"))
    put("5.3 บันทึกข้อความ", "บันทึกข้อความ รายงานผล ITA.pdf", pdf("5.3"))
    put("5.4 หนังสือมอบหมายประชาสัมพันธ์", "หนังสือมอบหมายประชาสัมพันธ์จังหวัด.pdf", pdf("5.4"))
    # 5.5 and 5.6 are the 4.2 report and 4.3 photos: no copies

    # Something that belongs to no document
    put("อื่น ๆ", "รายชื่อผู้ประสานงาน ITA.docx", docx("contacts"))


def build_oit(root: Path) -> None:
    def put(folder: str, name: str, data: bytes) -> None:
        write(root / folder / name if folder else root / name, data)

    put("o36 แผนปฏิบัติการป้องกันการทุจริต", "แผนปฏิบัติการป้องกันการทุจริต ปี 2566.pdf", pdf("o36"))
    put("o36 แผนปฏิบัติการป้องกันการทุจริต", "Thumbs.db", JUNK["Thumbs.db"])
    # Named for the whole year (to ก.ย. 66) where the first six months are asked: a problem.
    put("o37 รายงานการกำกับติดตาม รอบ 6 เดือน", "รายงานกำกับติดตาม (ต.ค. 65 - ก.ย. 66).pdf", pdf("o37"))
    put("o38 รายงานผลการดำเนินการป้องกันการทุจริต", "รายงานผลการดำเนินการ ปีงบประมาณ 2565.pdf", pdf("o38"))
    put("", "o39 o41 ประมวลจริยธรรมและการประเมินจริยธรรม.pdf", pdf("o39 o41"))
    put("O42 มาตรการส่งเสริมคุณธรรม", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส 2566.pdf", pdf("o42"))
    put("O42 มาตรการส่งเสริมคุณธรรม", "หน้าเว็บ o42.png", png("o42 page capture"))
    put("เอกสารอื่น", "ภาพกิจกรรมวันต่อต้านคอร์รัปชัน.jpg", jpeg("other"))
    # o40 and o43: not yet published


def build_measures(root: Path) -> None:
    units = yaml.safe_load((EXAMPLES / "measures-2566" / "units.yaml").read_text(encoding="utf-8"))["units"]
    by_agency = "รายงานผลแยกหน่วยงาน"

    def folder_of(unit: dict) -> str:
        return unit["aliases"][0] if unit.get("aliases") else unit["name"]

    for index, unit in enumerate(units, start=1):
        name = folder_of(unit)
        report = pdf(f"measures {unit['id']}")
        if index <= 20:
            write(root / by_agency / name / "m1 m2 m3 m4 รายงานผลการดำเนินงานตามมาตรการ.pdf", report)
        elif index <= 25:  # m4 still to come
            write(root / by_agency / name / "m1 m2 รายงานผลการดำเนินงาน.pdf", report)
            write(root / by_agency / name / "m3 การเปิดเผยข้อมูลข่าวสาร.pdf", pdf(f"m3 {unit['id']}"))
        elif index <= 28:  # a group folder that units.yaml does not name
            write(root / by_agency / "กลุ่มงานด้านเศรษฐกิจ" / name / "m1 m2 m3 m4 รายงานผล มี.ค. 66.pdf", report)
        elif index <= 30:
            write(root / by_agency / name / "m1 แผนการใช้จ่ายงบประมาณ.pdf", report)
            write(root / by_agency / name / "บันทึกนำส่ง.pdf", pdf(f"cover {unit['id']}"))
        # the last agency has sent nothing
    committee = "m5 คำสั่งแต่งตั้งคณะกรรมการขับเคลื่อนการประเมิน ITA"
    write(root / committee / "คำสั่งแต่งตั้งคณะกรรมการขับเคลื่อนการประเมิน ITA.pdf", pdf("m5"))


BUILDERS = {"samutprakan-2567": build, "oit-2566": build_oit, "measures-2566": build_measures}


def main(argv: list[str]) -> int:
    if argv:
        if len(argv) != 2 or argv[0] not in BUILDERS:
            print(f"usage: make_evidence.py [{'|'.join(BUILDERS)} OUT_DIR]", file=sys.stderr)
            return 2
        targets = {argv[0]: Path(argv[1])}
        if targets[argv[0]].exists() and any(targets[argv[0]].iterdir()):
            print(f"{argv[1]} is not empty; give a new or empty folder", file=sys.stderr)
            return 2
    else:
        targets = {name: EXAMPLES / name / "evidence" for name in BUILDERS}
    for name, target in targets.items():
        if not argv and target.exists():
            shutil.rmtree(target)  # the example's own evidence: rebuilt from this script
        BUILDERS[name](target)
        files = [p for p in target.rglob("*") if p.is_file()]
        print(f"{name}: {len(files)} files, {sum(p.stat().st_size for p in files):,} bytes in {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
