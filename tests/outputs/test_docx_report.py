"""The Word report, read as XML: what Word and LibreOffice will actually do with the Thai text."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ..conftest import EXAMPLE, LEVELS_YAML, PDF, render, write_pack

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FONT = "TH Sarabun New"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def render_docx(pack_root: Path, out: Path, **options: object) -> dict[str, etree._Element]:
    (path,) = render(pack_root, out, ("docx",), **options)
    with zipfile.ZipFile(path) as archive:
        return {
            name: etree.fromstring(archive.read(name))
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
    parts = [root for name, root in example_docx.items() if name.split("/")[1].startswith(("document", "footer"))]
    used = {e.get(w("val")) for part in parts for e in part.iter(w("pStyle"))}
    assert {"Title", "Heading1", "TableText", "TableHeading", "ListBullet", "Footer"} <= used
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
    assert len(sections) == 3  # summary and levels; unit matrix; follow-up list
    for section in sections:
        size = section.find("w:pgSz", NS)
        assert {size.get(w("w")), size.get(w("h"))} == {"11906", "16838"}  # A4 in twentieths of a point
        margins = section.find("w:pgMar", NS)
        assert (margins.get(w("left")), margins.get(w("right"))) == ("1701", "1134")  # 3 cm, 2 cm
        assert (margins.get(w("top")), margins.get(w("bottom"))) == ("1417", "1134")  # the pack: 2.5 cm, 2 cm


def test_every_table_repeats_its_header_row(example_docx: dict[str, etree._Element]) -> None:
    tables = example_docx["word/document.xml"].findall(".//w:tbl", NS)
    assert len(tables) == 7  # kinds, five levels, unit matrix
    for table in tables:
        rows = table.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows[1:])


def test_footer_numbers_the_pages(example_docx: dict[str, etree._Element]) -> None:
    footers = [root for name, root in example_docx.items() if name.startswith("word/footer")]
    instructions = [text for footer in footers for text in footer.xpath(".//w:instrText/text()", namespaces=NS)]
    assert [i.strip() for i in instructions] == ["PAGE"]


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


def test_document_ends_with_the_signature_not_an_empty_page(example_docx: dict[str, etree._Element]) -> None:
    body = example_docx["word/document.xml"].find("w:body", NS)
    blocks = [child for child in body if child.tag != w("sectPr")]
    assert blocks[-1].tag == w("p") and "ตำแหน่ง" in text_of(blocks[-1])
    assert not body.xpath(".//w:br[@w:type='page']", namespaces=NS)


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
    assert orientations == [None, "landscape", None]  # summary, matrix, follow-up


def test_characters_xml_cannot_hold_are_dropped_not_fatal(tmp_path: Path) -> None:
    from itapack.outputs.docx_report import xml_safe

    assert xml_safe("ไฟล์\x07\x1b[0mชื่อ\ufffe") == "ไฟล์[0mชื่อ"
