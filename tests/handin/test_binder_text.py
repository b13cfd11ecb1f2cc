"""The binder's text layer: a Thai word a person types is found on the pages itapack sets (cover,
contents, stamps), by poppler's pdftotext and by pypdf. SARA AM is drawn by the shaper as two glyphs
(NIKHAHIT, SARA AA); each glyph must map to its share of the text, or "สำนักงาน" reads "สำ นักงาน"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.cli import app

from ..conftest import write_pack
from ..outputs.test_rendered_pages import run, tool
from .test_binder import need_thai_font, real_pdf

pytestmark = pytest.mark.render_tools

PACK = """\
itapack: 1
fiscal_year: 2567
province: ทดสอบ
office: สำนักงานจังหวัดทดสอบ
title: ผลการดำเนินงานของหน่วยงานประจำจังหวัด
"""

LEVELS = """\
levels:
  - number: 1
    criteria:
      - text: ดำเนินการตามคำสั่งผู้ว่าราชการจังหวัด
    documents:
      - id: 1.1
        title: คำสั่งผู้ว่าราชการจังหวัดเรื่องการดำเนินการของหน่วยงาน
      - id: 1.2
        title: บันทึกน้ำท่วมและการกำกับติดตามผู้ปฏิบัติงาน
"""

TYPED = ("สำนักงาน", "ดำเนินการ", "ผู้ว่าราชการ", "หน่วยงาน", "ประจำจังหวัด", "น้ำท่วม", "กำกับ", "ปฏิบัติงาน")


@pytest.fixture(scope="module")
def binder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tool("pdftotext")
    need_thai_font()
    root = tmp_path_factory.mktemp("thai-binder")
    pack = write_pack(
        root / "pack",
        pack=PACK,
        levels=LEVELS,
        units=None,
        evidence={"1.1 คำสั่ง": {"คำสั่งที่ทำการ.pdf": real_pdf(1)}, "1.2 บันทึก": {"บันทึกน้ำท่วม.pdf": real_pdf(1)}},
    )
    out = root / "out"
    out.mkdir()
    result = CliRunner().invoke(app, ["bundle", str(pack), "--out", str(out), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    return out / "แฟ้มรวม ITA 2567.pdf"


def front_pypdf(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages[:2])


@pytest.mark.parametrize("mode", [["-raw"], []])
def test_pdftotext_finds_the_words_a_person_types(binder: Path, mode: list[str]) -> None:
    text = run(tool("pdftotext"), *mode, "-l", "2", binder, "-")
    missing = [word for word in TYPED if word not in text]
    assert missing == [], text


def test_pypdf_finds_the_words_a_person_types(binder: Path) -> None:
    text = front_pypdf(binder)
    assert [word for word in TYPED if word not in text] == [], text


def test_every_glyph_has_text_no_stray_codes(binder: Path) -> None:
    """A glyph missing from the ToUnicode map comes out of pypdf as its raw code, a control character."""
    text = front_pypdf(binder)
    assert re.findall(r"[\x00-\x08\x0b-\x1f]", text) == []
    assert "ํ" not in text and "ำ " not in text  # no NIKHAHIT of its own, no gap after SARA AM


def test_tone_marks_read_in_typed_order(binder: Path) -> None:
    text = run(tool("pdftotext"), "-raw", "-l", "2", binder, "-") + front_pypdf(binder)
    # A tone mark before the vowel below it ("ผู้") or after SARA AM ("นำ้") is the shaper's order, not the typist's.
    assert "ผู้ว่า" in text and "น้ำ" in text
    assert not re.search(r"[\u0e48-\u0e4b][\u0e38\u0e39]|\u0e33[\u0e48-\u0e4b]", text)
