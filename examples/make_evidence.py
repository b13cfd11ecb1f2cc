"""Build the evidence trees of the example packs.

Small but real files (valid PDF, JPEG, PNG and DOCX), named the way clerks name them, each tree
deliberately incomplete so that every kind of verdict shows. The output is byte-for-byte
deterministic; tests compare the committed trees with a fresh build.

samutprakan-2567, a province's ITA-drive KPI in five levels:
- levels 1-3 complete: every regional agency and local body has its signed agreement (3.1);
- level 4: 4.4 and 4.5 missing, 4.7 only a zero-byte file;
- level 5: four local bodies without their ITAS import (5.1), one whose "PDF" is an HTML error page.
Junk (Thumbs.db, desktop.ini, .DS_Store, an Office lock file), Thai digits in a folder name, and a
name spelt with the two-character SARA AM are there on purpose.

samutprakan-2567/inbox, what units sent back after the follow-up letters: see build_inbox().
oit-2566, a local body's own OIT pages o36-o43 (format 2, checklist): see build_oit().
measures-2566, a province's measures reported by each regional agency (format 2, unit-first
layout, owners and deadlines): see build_measures().

    python examples/make_evidence.py            # rebuilds every example's evidence folder
    python examples/make_evidence.py OUT_DIR    # builds samutprakan-2567's into an empty or new folder
    python examples/make_evidence.py --example oit-2566 [OUT_DIR]
"""

from __future__ import annotations

import io
import shutil
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import yaml

PACK = Path(__file__).parent / "samutprakan-2567"
OIT_PACK = Path(__file__).parent / "oit-2566"
MEASURES_PACK = Path(__file__).parent / "measures-2566"
PLAN_PACK = Path(__file__).parent / "samutprakan-2565"

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


def cp874_zip(members: dict[str, bytes]) -> bytes:
    """A zip as Thai Windows makes it: cp874 names without the UTF-8 flag. zipfile writes every
    non-ASCII name as UTF-8, so write ASCII stand-ins of the same length and swap the bytes."""
    buffer = io.BytesIO()
    swaps = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(members.items()):
            encoded = name.encode("cp874")
            stand_in = f"{index:0{len(encoded)}d}".encode()
            archive.writestr(zipfile.ZipInfo(stand_in.decode(), date_time=(2024, 2, 5, 9, 30, 0)), data)
            swaps.append((stand_in, encoded))
    raw = buffer.getvalue()
    for stand_in, encoded in swaps:
        raw = raw.replace(stand_in, encoded)
    return raw


def build_inbox(root: Path) -> None:
    """What came back after the letters of 1 ก.พ. 2567, as it arrived: by LINE and by e-mail.

    Expected from `itapack intake`, by hand: four files filed without asking (5.1 of
    ทต.แหลมฟ้าผ่า in Thai digits, 5.1 of อบต.บางยอ, 4.4, and 5.1 of อบต.เปร็ง inside a zip whose
    names are cp874 and whose own name says the unit); the same บางยอ memo sent twice, skipped the
    second time; two for a person to choose: a screenshot the unit named only by itself (อบต.หนองปรือ)
    and a memo whose unit name is one letter off (ทรงคะนอง for ทรงคนอง), never filed on a guess.
    """
    bang_yo = pdf("5.1 sao-bang-yo, sent twice")
    write(root / "LINE" / "๕.๑ ทต.แหลมฟ้าผ่า.pdf", pdf("5.1 tt-laem-fa-pha"))
    write(root / "LINE" / "5.1 อบต.บางยอ นำเข้าข้อมูล ITAS (1).pdf", bang_yo)
    write(root / "LINE" / "ภาพหน้าจอ อบต.หนองปรือ.png", png("ITAS screen of sao-nong-prue"))
    write(root / "อีเมล" / "4.4 แผนขับเคลื่อน ITA จ.สป.67.pdf", pdf("4.4"))
    write(root / "อีเมล" / "5.1 อบต.บางยอ นำเข้าข้อมูล ITAS.pdf", bang_yo)
    write(root / "อีเมล" / "5.1 อบต.ทรงคะนอง.pdf", pdf("5.1 sao-song-khanong, name misspelt"))
    memo = cp874_zip({"5.1 บันทึกข้อความนำเข้าข้อมูล ITAS.pdf": pdf("5.1 sao-preng, zipped")})
    write(root / "อีเมล" / "อบต.เปร็ง.zip", memo)


def build_oit(root: Path) -> None:
    """A local body's captures of its OIT pages o36-o43 for ITA 2566, as its clerk files them.

    Expected, by hand: o36 ok; o37 problem (its only file is dated 30 ก.ย. 2566, outside the
    first half); o38 ok (names FY 2565, inside the previous fiscal year); o39 and o41 ok through
    one loose file whose name starts with both ids; o40 missing (its folder holds only
    Thumbs.db); o42 ok through a folder with an upper-case id and no window, so both years may
    show; o43 missing (no folder at all). 5 of 8 done; 1 file ignored as junk.
    """

    def put(folder: str, name: str, data: bytes) -> None:
        write(root / folder / name if folder else root / name, data)

    o36 = "o36 แผนปฏิบัติการป้องกันการทุจริต"
    put(o36, "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ 2566.pdf", pdf("oit-2566 o36 plan"))
    put(o36, "ภาพหน้าเว็บไซต์ หัวข้อแผนปฏิบัติการป้องกันการทุจริต.pdf", pdf("oit-2566 o36 web page"))
    # The 12-month report filed as the 6-month one: its date is outside the first half.
    put(
        "o37 รายงานการกำกับติดตาม รอบ 6 เดือน",
        "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ 6 เดือน ณ 30 ก.ย. 2566.pdf",
        pdf("oit-2566 o37 report dated 30 Sep 2566"),
    )
    put(
        "o38 รายงานผลการดำเนินการป้องกันการทุจริตประจำปี",
        "รายงานผลการดำเนินการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2565.pdf",
        pdf("oit-2566 o38 annual report 2565"),
    )
    put("", "o39 o41 ประมวลจริยธรรมและการประเมินจริยธรรม.pdf", pdf("oit-2566 o39 o41 ethics"))
    put("o40 การขับเคลื่อนจริยธรรม", "Thumbs.db", JUNK["Thumbs.db"])  # nothing else yet
    o42 = "O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    put(o42, "การวิเคราะห์ผลการประเมิน ITA ปี 2565.pdf", pdf("oit-2566 o42 analysis"))
    put(o42, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปี 2566.pdf", pdf("oit-2566 o42 measures"))
    # o43: nothing


# measures-2566: which regional agency sent which report, and how its folder is named.
REPORTS = "รายงานผลแยกหน่วยงาน"
ECONOMY = "กลุ่มงานด้านเศรษฐกิจ"  # a grouping folder units.yaml does not name
ECONOMY_UNITS = (
    "pv-agriculture", "pv-fisheries", "pv-livestock", "pv-cooperative",
    "pv-agri-coop", "pv-commerce", "pv-industry", "pv-energy",
)  # fmt: skip
NOTHING_SENT = ("pv-probation", "pv-tourism-sports")
WITHOUT = {  # measures an agency has not reported on
    "pv-land": {"m3"},
    "pv-culture": {"m3"},
    "pv-statistics": {"m3"},
    "pv-commerce": {"m4"},
    "pv-employment": {"m4"},
    "pv-justice": {"m3", "m4"},
    "pv-transport": {"m3", "m4"},
}
LAST_YEARS_M3 = "pv-fisheries"  # its m3 report is dated 30 ก.ย. 2565, before the fiscal year
FOLDER_BY_ID = "pv-dla"  # its folder carries the unit id instead of the Thai name
MEASURE_NAMES = {
    "m1": "แผนการใช้จ่ายงบประมาณประจำปี 2566",
    "m2": "ประกาศหลักเกณฑ์การยืมทรัพย์สินของราชการ",
    "m3": "รายงานผลการเปิดเผยข้อมูลข่าวสาร",
    "m4": "รายงานผลการพัฒนาปรับปรุงคุณภาพการทำงาน",
}


def agency_reports(uid: str, sent: list[str], style: int) -> list[tuple[str, str]]:
    """(path inside the agency's folder, label) of each report file, in one of four styles."""

    def dated(m: str) -> str:
        return " ณ 30 ก.ย. 2565" if (uid == LAST_YEARS_M3 and m == "m3") else ""

    if style == 0 and sent == ["m1", "m2", "m3", "m4"]:
        return [("m1 m2 m3 m4 รายงานผลการดำเนินงานตามมาตรการ ITA ณ 15 มี.ค. 2566.pdf", "m1-m4")]
    if style in (0, 1):
        pair = " ".join(m for m in sent if m in ("m1", "m2"))
        files = [(f"{pair} รายงานผลการดำเนินงาน.pdf", pair)]
        return files + [(f"{m} {MEASURE_NAMES[m]}{dated(m)}.pdf", m) for m in sent if m in ("m3", "m4")]
    if style == 2:
        return [(f"{m} {MEASURE_NAMES[m]}{dated(m)}.pdf", m) for m in sent]
    return [(f"{m} {MEASURE_NAMES[m]}/{MEASURE_NAMES[m]}{dated(m)}.pdf", m) for m in sent]


def build_measures(root: Path) -> None:
    """Each regional agency's reports on measures m1-m4, unit-first, and the province's own m5.

    Four ways of filing rotate over the agencies: one report for all four measures
    ("m1 m2 m3 m4 …"), one for m1+m2 and one file each for m3 and m4, a file per measure, and a
    folder per measure. Expected, by hand, with every report due 31 มี.ค. 2566: a1 and m5 ok;
    21 agencies complete; m1 and m2 each 29 ok, 2 missing (pv-probation, pv-tourism-sports
    sent nothing); m3 23 ok, 7 missing, 1 problem (pv-fisheries, last year's date); m4 25 ok,
    6 missing. 108 of 126 done; after the due date every missing report is overdue. Agency
    folders are named in full, with a running number in front, by unit id, or with the
    two-character SARA AM; pv-justice's only m3 file is an Office lock file (junk). 3 junk files.
    """
    units = yaml.safe_load((MEASURES_PACK / "units.yaml").read_text(encoding="utf-8"))
    agencies = [u for u in units["units"] if u["kind"] == "regional_agency"]

    write(root / "a1 มาตรการส่งเสริมความโปร่งใสภายในหน่วยงานจังหวัดสมุทรปราการ ปี 2566.pdf", pdf("measures-2566 a1"))
    write(
        root / "m5 คำสั่งแต่งตั้งคณะกรรมการ" / "คำสั่งจังหวัดสมุทรปราการ เรื่อง แต่งตั้งคณะกรรมการขับเคลื่อนการประเมิน ITA.pdf",
        pdf("measures-2566 m5 order"),
    )
    write(root / REPORTS / "desktop.ini", JUNK["desktop.ini"])

    for i, unit in enumerate(agencies):
        uid = unit["id"]
        if uid in NOTHING_SENT:
            continue
        if uid == FOLDER_BY_ID:
            name = uid
        elif uid == "pv-public-relations":
            name = decomposed(unit["name"])  # สํานักงาน… as copied out of a PDF
        elif i % 7 == 3:
            name = f"{i + 1:02d} {unit['name']}"  # a running number in front
        else:
            name = unit["name"]
        folder = root / REPORTS / (f"{ECONOMY}/{name}" if uid in ECONOMY_UNITS else name)
        sent = [m for m in ("m1", "m2", "m3", "m4") if m not in WITHOUT.get(uid, set())]
        for path, label in agency_reports(uid, sent, style=i % 4):
            write(folder / path, pdf(f"measures-2566 {uid} {label}"))
        if uid == "pv-justice":  # a lock file of an m3 report never saved: junk, not m3
            write(folder / "~$m3 รายงานผลการเปิดเผยข้อมูลข่าวสาร.docx", b"\x0bsaraban\x00" * 18)
        if uid == "pv-cooperative":
            write(folder / "Thumbs.db", JUNK["Thumbs.db"])


def build_plan(root: Path) -> None:
    """The FY 2565 drive plan's evidence: step 1's proposal filed (p1), the seminar (p2) and the
    ITAS registration (p3) not yet. On 20 มี.ค. 2565: step 1 done, step 3 overdue, step 2 due soon."""
    write(root / "p1 ข้อเสนอ มาตรการยกระดับค่าคะแนน ITA ปี 2565" / "บันทึกเสนอผู้ว่าราชการจังหวัด.pdf", pdf("plan-2565 p1"))


# Inboxes beside an example's evidence, for the intake walkthrough
INBOXES = {"samutprakan-2567": build_inbox}

EXAMPLES = {
    "samutprakan-2567": (PACK, build),
    "oit-2566": (OIT_PACK, build_oit),
    "measures-2566": (MEASURES_PACK, build_measures),
    "samutprakan-2565": (PLAN_PACK, build_plan),
}


def rebuild(pack: Path, builder: Callable[[Path], None], target: Path | None = None) -> int:
    """Build into target (new or empty), or replace the pack's own evidence folder."""
    if target is None:
        target = pack / "evidence"
        if target.exists():
            shutil.rmtree(target)  # the example's own evidence: rebuilt from this script
    elif target.exists() and any(target.iterdir()):
        print(f"{target} is not empty; give a new or empty folder", file=sys.stderr)
        return 2
    builder(target)
    files = [p for p in target.rglob("*") if p.is_file()]
    print(f"{len(files)} files, {sum(p.stat().st_size for p in files):,} bytes in {target}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--example"]:
        if len(argv) not in (2, 3) or argv[1] not in EXAMPLES:
            print(f"usage: make_evidence.py --example {{{','.join(EXAMPLES)}}} [OUT_DIR]", file=sys.stderr)
            return 2
        pack, builder = EXAMPLES[argv[1]]
        return rebuild(pack, builder, Path(argv[2]) if len(argv) == 3 else None)
    if argv:
        return rebuild(PACK, build, Path(argv[0]))
    code = max(rebuild(pack, builder) for pack, builder in EXAMPLES.values())
    for name, builder in INBOXES.items():
        inbox = EXAMPLES[name][0] / "inbox"
        if inbox.exists():
            shutil.rmtree(inbox)  # rebuilt from this script, like the evidence
        builder(inbox)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
