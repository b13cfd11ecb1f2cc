"""The Word report, read as XML: what Word and LibreOffice will actually do with the Thai text."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ..conftest import EXAMPLE, LEVELS_YAML, PDF, render, typed, write_pack

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FONT = "TH Sarabun New"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def render_docx(pack_root: Path, out: Path, **options: object) -> dict[str, etree._Element]:
    (path,) = render(pack_root, out, ("docx",), **options)
    with zipfile.ZipFile(path) as archive:
        return {
            name: etree.fromstring(typed(archive.read(name)))
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, etree._Element]:
    return render_docx(EXAMPLE, tmp_path_factory.mktemp("docx"))


def text_of(root: etree._Element) -> str:
    return "".join(root.itertext())


def assert_thai_run_properties(rpr: etree._Element, where: str, size_half_points: int | None = None) -> None:
    fonts = rpr.find("w:rFonts", NS)
    assert fonts is not None, f"{where}: no rFonts"
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(w(slot)) == FONT, f"{where}: {slot} slot"
    assert not [a for a in fonts.attrib if "Theme" in a or "theme" in a], f"{where}: theme font overrides"
    sz, sz_cs = rpr.find("w:sz", NS), rpr.find("w:szCs", NS)
    assert sz is not None and sz_cs is not None and sz.get(w("val")) == sz_cs.get(w("val")), f"{where}: szCs"
    if size_half_points is not None:
        assert sz_cs.get(w("val")) == str(size_half_points), where
    if rpr.find("w:b", NS) is not None:
        assert rpr.find("w:bCs", NS) is not None, f"{where}: bold without bCs"
    assert rpr.find("w:lang", NS).get(w("bidi")) == "th-TH", f"{where}: lang bidi"


def test_document_defaults_set_thai_on_every_script_slot(example_docx: dict[str, etree._Element]) -> None:
    rpr = example_docx["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert_thai_run_properties(rpr, "docDefaults", size_half_points=32)  # 16 pt body text


def test_every_style_the_document_uses_sets_thai_fonts_sizes_and_bold(example_docx: dict[str, etree._Element]) -> None:
    styles = {s.get(w("styleId")): s for s in example_docx["word/styles.xml"].findall("w:style", NS)}
    parts = [root for name, root in example_docx.items() if name.split("/")[1].startswith(("document", "header"))]
    used = {e.get(w("val")) for part in parts for e in part.iter(w("pStyle"))}
    assert {"Title", "Heading1", "Heading2", "TableText", "TableHeading", "ListBullet", "Header", "Signature"} <= used
    for style_id in used:
        assert_thai_run_properties(styles[style_id].find("w:rPr", NS), style_id)
    for heading in ("Title", "Heading1", "Heading3", "TableHeading"):
        rpr = styles[heading].find("w:rPr", NS)
        assert rpr.find("w:b", NS) is not None and rpr.find("w:bCs", NS) is not None, heading


def test_runs_never_set_latin_only_fonts_and_bold_is_complex_script_bold(
    example_docx: dict[str, etree._Element],
) -> None:
    body = example_docx["word/document.xml"]
    for fonts in body.iter(w("rFonts")):
        assert fonts.get(w("cs")) == FONT
    bold_runs = [r for r in body.iter(w("rPr")) if r.find("w:b", NS) is not None]
    assert bold_runs
    assert all(r.find("w:bCs", NS) is not None for r in bold_runs)


def test_pages_are_a4_with_official_margins(example_docx: dict[str, etree._Element]) -> None:
    sections = list(example_docx["word/document.xml"].iter(w("sectPr")))
    assert len(sections) == 2  # summary and annex A (levels) and C (follow-up list); annex B, the unit matrix
    for section in sections:
        size = section.find("w:pgSz", NS)
        assert {size.get(w("w")), size.get(w("h"))} == {"11906", "16838"}  # A4 in twentieths of a point
        margins = section.find("w:pgMar", NS)
        assert (margins.get(w("left")), margins.get(w("right"))) == ("1701", "1134")  # 3 cm, 2 cm
        assert (margins.get(w("top")), margins.get(w("bottom"))) == ("1417", "1134")  # the pack: 2.5 cm, 2 cm


def test_every_table_repeats_its_header_row(example_docx: dict[str, etree._Element]) -> None:
    tables = example_docx["word/document.xml"].findall(".//w:tbl", NS)
    assert len(tables) == 8  # levels, kinds; five levels; the matrix (signatures are paragraphs)
    for table in tables:
        rows = table.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows[1:])


def test_pages_are_numbered_top_centre_from_page_two(example_docx: dict[str, etree._Element]) -> None:
    """ระเบียบงานสารบรรณ: "- ๒ -" at the top, centred, none on the first page."""
    headers = {name: root for name, root in example_docx.items() if name.startswith("word/header")}
    numbered = [root for root in headers.values() if root.xpath(".//w:instrText", namespaces=NS)]
    assert len(numbered) == 1
    (paragraph,) = numbered[0].findall("w:p", NS)
    assert paragraph.find("w:pPr/w:jc", NS).get(w("val")) == "center"
    assert [i.strip() for i in paragraph.xpath(".//w:instrText/text()", namespaces=NS)] == ["PAGE"]
    shown = "".join(paragraph.xpath(".//w:t/text()", namespaces=NS)).replace(" ", "")
    assert shown == "-1-"  # "1" is the field's placeholder; Word fills in the page
    first, *later = example_docx["word/document.xml"].iter(w("sectPr"))
    assert first.find("w:titlePg", NS) is not None  # the first page has its own, empty, header
    assert all(s.find("w:titlePg", NS) is None for s in later)
    assert not any(name.startswith("word/footer") for name in example_docx)


def test_content_is_thai_and_complete(example_docx: dict[str, etree._Element]) -> None:
    text = text_of(example_docx["word/document.xml"])
    for expected in (
        "ประจำปีงบประมาณ พ.ศ. 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)",
        "ข้อมูล ณ วันที่ 1 กุมภาพันธ์ 2567",
        "ผลการดำเนินงาน: ผ่านระดับ 3 จาก 5 (เป้าหมายระดับ 5)",
        "แผนการขับเคลื่อนการประเมิน ITA จ.สป.67",
        "ตารางความครบถ้วนรายหน่วยงาน",
        "รายการที่ต้องติดตาม",
        "ข้อ 5.1 บันทึกข้อความการนำเข้าข้อมูลในระบบ ITAS ของจังหวัด: ขาด",
        "✓ ครบ",
        "✗ ขาด",
        "! มีปัญหา",
    ):
        assert expected in text, expected


def signature_paragraphs(blocks: list[etree._Element]) -> list[int]:
    return [
        i
        for i, b in enumerate(blocks)
        if b.tag == w("p")
        and (style := b.find("w:pPr/w:pStyle", NS)) is not None
        and style.get(w("val")) == "Signature"
    ]


def test_signatures_close_the_summary_and_the_annexes_follow(example_docx: dict[str, etree._Element]) -> None:
    body = example_docx["word/document.xml"].find("w:body", NS)
    blocks = [child for child in body if child.tag != w("sectPr")]
    signatures = signature_paragraphs(blocks)
    page_break = next(i for i, b in enumerate(blocks) if b.xpath(".//w:br[@w:type='page']", namespaces=NS))
    annex = next(i for i, b in enumerate(blocks) if text_of(b).startswith("ภาคผนวก ก"))
    assert signatures[-1] < page_break < annex
    text = "".join(text_of(blocks[i]) for i in signatures)
    for role in ("ผู้รายงาน", "ผู้ตรวจสอบ", "ผู้อนุมัติ", "ตำแหน่ง ผู้ว่าราชการจังหวัดสมุทรปราการ", "วันที่"):
        assert role in text, role
    summary = "".join(text_of(b) for b in blocks[: signatures[0]])
    assert "evidence/" not in summary and "ไบต์" not in summary  # paths and sizes are the clerk's, in the annexes
    assert "องค์การบริหารส่วนตำบลบางยอ" not in summary  # counts, not names
    last = blocks[-1]
    assert last.tag == w("p") and text_of(last).startswith("ข้อ 5.1")  # no empty page at the end


def test_thai_digits_switch_numbers_and_dates(tmp_path: Path) -> None:
    text = text_of(render_docx(EXAMPLE, tmp_path, thai_digits=True)["word/document.xml"])
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ (๑ ต.ค. ๒๕๖๖ – ๓๐ ก.ย. ๒๕๖๗)" in text
    assert "ผ่านระดับ ๓ จาก ๕" in text
    assert "พ.ศ. 2567" not in text


def test_a_wide_unit_matrix_gets_a_landscape_page(tmp_path: Path) -> None:
    extra = "".join(
        f"      - id: 2.{n}\n        title: เอกสารรายหน่วย {n}\n        per_unit: [local]\n" for n in range(3, 8)
    )
    pack = write_pack(tmp_path / "pack", levels=LEVELS_YAML + extra, evidence={"1.1": {"a.pdf": PDF}})
    sections = list(render_docx(pack, tmp_path / "out")["word/document.xml"].iter(w("sectPr")))
    orientations = [s.find("w:pgSz", NS).get(w("orient")) for s in sections]
    assert orientations == [None, "landscape", None]  # summary and annex A, the matrix, annex C


def test_characters_xml_cannot_hold_are_dropped_not_fatal(tmp_path: Path) -> None:
    from itapack.outputs.docx_report import xml_safe

    assert xml_safe("ไฟล์\x07\x1b[0mชื่อ\ufffe") == "ไฟล์[0mชื่อ"


# --- fit to sign: what the file says about itself, and the official layout ----------------------


def test_metadata_is_true_and_no_template_is_left_over(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    (path,) = render(EXAMPLE, tmp_path, ("docx",))
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        core = etree.fromstring(archive.read("docProps/core.xml"))
        app = archive.read("docProps/app.xml").decode("utf-8")
        fonts = archive.read("word/fontTable.xml").decode("utf-8")
        theme = archive.read("word/theme/theme1.xml").decode("utf-8")
        settings = archive.read("word/settings.xml").decode("utf-8")
    assert not any(name.startswith(("docProps/thumbnail", "customXml")) for name in names)
    assert "<Application>itapack</Application>" in app and "Macintosh" not in app
    created = core.find("{http://purl.org/dc/terms/}created").text
    assert abs(datetime.now(UTC) - datetime.fromisoformat(created.replace("Z", "+00:00"))) < timedelta(minutes=5)
    assert core.find("{http://purl.org/dc/elements/1.1/}creator").text == "สำนักงานจังหวัดสมุทรปราการ"
    assert 'w:name="TH Sarabun New"' in fonts and "ＭＳ" not in fonts
    assert 'script="Thai" typeface="TH Sarabun New"' in theme
    assert 'w:bidi="th-TH"' in settings and "ja-JP" not in settings


def test_thai_digits_reach_page_numbers_and_sizes(tmp_path: Path) -> None:
    parts = render_docx(EXAMPLE, tmp_path, thai_digits=True)
    sections = list(parts["word/document.xml"].iter(w("sectPr")))
    assert [s.find("w:pgNumType", NS).get(w("fmt")) for s in sections] == ["thaiNumbers"] * len(sections)
    text = text_of(parts["word/document.xml"])
    assert "(๖๑๐ ไบต์)" in text and "610" not in text.replace("4521-2566", "")


def test_tables_sit_on_the_margin_and_numbers_align_right(example_docx: dict[str, etree._Element]) -> None:
    body = example_docx["word/document.xml"]
    tables = body.findall(".//w:tbl", NS)
    for table in tables:
        assert table.find("w:tblPr/w:tblInd", NS).get(w("w")) == "0"
        widths = sum(int(c.get(w("w"))) for c in table.findall("w:tblGrid/w:gridCol", NS))
        assert widths in range(9060, 9080) or widths > 13000  # 16 cm, or a landscape page's width
    kinds = next(t for t in tables if "ประเภทหน่วยงาน" in text_of(t))
    first_row = kinds.findall("w:tr", NS)[1]
    aligns = [cell.find("w:p/w:pPr/w:jc", NS) for cell in first_row.findall("w:tc", NS)]
    assert aligns[0] is None and all(a is not None and a.get(w("val")) == "right" for a in aligns[1:])


def test_signatures_come_from_the_pack(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack")
    with (pack / "pack.yaml").open("a", encoding="utf-8") as stream:
        stream.write(
            "report:\n  signatures:\n"
            "    - {role: ผู้รายงาน, name: นางสาวสมศรี ใจดี, position: เจ้าพนักงานธุรการ}\n"
            "    - {role: ผู้อนุมัติ, position: ปลัดจังหวัดทดสอบ}\n"
        )
    text = text_of(render_docx(pack, tmp_path / "out")["word/document.xml"])
    assert "(นางสาวสมศรี ใจดี)" in text and "ตำแหน่ง เจ้าพนักงานธุรการ" in text and "ตำแหน่ง ปลัดจังหวัดทดสอบ" in text
    assert "ผู้ตรวจสอบ" not in text


def test_signature_blocks_and_headings_keep_with_their_text(example_docx: dict[str, etree._Element]) -> None:
    """Word and LibreOffice move a paragraph marked keepNext to the next page with the one after it:
    the legend, every signature line but the last and every heading carry it, so none ends a page
    alone and the signatures never stand alone on one."""

    def keeps(ppr: etree._Element | None) -> bool:
        keep = ppr.find("w:keepNext", NS) if ppr is not None else None
        return keep is not None and keep.get(w("val"), "1") not in ("0", "false")

    styles = example_docx["word/styles.xml"]
    for style in ("Heading1", "Heading2", "Heading3", "Title"):
        assert keeps(styles.find(f"w:style[@w:styleId='{style}']/w:pPr", NS)), style
    body = example_docx["word/document.xml"].find("w:body", NS)
    blocks = [child for child in body if child.tag != w("sectPr")]
    first, *_, last = signature_paragraphs(blocks)
    legend = blocks[first - 1]
    assert text_of(legend).startswith("สัญลักษณ์") and keeps(legend.find("w:pPr", NS))
    assert last - first == 9  # three blocks of five lines, two to a line: ten paragraphs
    assert all(keeps(blocks[i].find("w:pPr", NS)) for i in range(first, last))
    assert not keeps(blocks[last].find("w:pPr", NS))
    assert text_of(blocks[first]).count("ลงชื่อ") == 2 and text_of(blocks[first + 5]).count("ลงชื่อ") == 1
    criteria = [
        b
        for b in blocks[last:]
        if b.tag == w("p") and b.find("w:pPr/w:ind", NS) is not None and "ระดับ" not in text_of(b)
    ]
    assert criteria and all(keeps(p.find("w:pPr", NS)) for p in criteria)


def test_settings_zoom_has_the_percent_the_schema_requires(example_docx: dict[str, etree._Element]) -> None:
    zoom = example_docx["word/settings.xml"].find("w:zoom", NS)
    assert zoom is not None and zoom.get(w("percent")) == "100"  # ECMA-376 CT_Zoom: percent is required


def test_a_matrix_too_wide_for_paper_stays_on_screen(tmp_path: Path) -> None:
    """40 documents a unit: on a landscape page the names would break a character to a line, so the
    paper says where the matrix is instead; the example's nine keep theirs."""
    documents = "".join(f"      - {{id: '2.{n}', title: หลักฐานที่ {n}, per_unit: [local]}}\n" for n in range(1, 41))
    levels = f"levels:\n  - number: 1\n    documents:\n{documents}"
    parts = render_docx(write_pack(tmp_path / "pack", levels=levels, evidence={}), tmp_path / "out")
    text = text_of(parts["word/document.xml"])
    assert "ภาคผนวก ข ตารางความครบถ้วนรายหน่วยงาน" in text and "ฉบับเต็มอยู่ในรายงาน HTML" in text
    tables = parts["word/document.xml"].findall(".//w:tbl", NS)
    assert tables and all(len(t.findall("w:tblGrid/w:gridCol", NS)) <= 5 for t in tables)  # no 43-column matrix
