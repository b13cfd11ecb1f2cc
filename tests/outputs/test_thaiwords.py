"""Break marks between Thai words: where they go, where they never go, and what a reader gets back."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from itapack.outputs import thaiwords

from ..conftest import ROOT, typed


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ไฟล์ขึ้นต้นด้วยชื่อหน่วยงาน", ["ไฟล์", "ขึ้นต้น", "ด้วย", "ชื่อ", "หน่วยงาน"]),
        ("สำนักงานจังหวัดสมุทรปราการ", ["สำนักงาน", "จังหวัด", "สมุทรปราการ"]),
        ("ผู้ว่าราชการจังหวัดดำเนินการ", ["ผู้ว่าราชการจังหวัด", "ดำเนินการ"]),  # one title, then a verb
    ],
)
def test_marks_go_between_the_segmenters_words(text: str, words: list[str]) -> None:
    assert thaiwords.with_breaks(text).split(thaiwords.ZWSP) == words
    assert str(thaiwords.html(text)) == "<wbr>".join(words)


@pytest.mark.parametrize(
    "text",
    [
        "evidence/1.1 คำสั่งแต่งตั้ง/คำสั่งที่ทำการ.pdf",  # a path
        "คำสั่งแต่งตั้งคณะทำงาน.pdf",  # a file name
        "https://www.example.go.th/ประกาศหน่วยงาน",  # a web address
        "ITA 2567 (1 ต.ค.)",  # no Thai word of two letters or more to break
    ],
)
def test_what_a_person_copies_as_an_identifier_keeps_no_mark(text: str) -> None:
    assert thaiwords.with_breaks(text) == text
    assert str(thaiwords.html(text)) == str(thaiwords.html(text)).replace("<wbr>", "")


@pytest.mark.parametrize("text", ["น้ำท่วมที่ทำการ", "เกินกำหนด 3 วัน", "ไม่ต้องส่ง", "แผนการขับเคลื่อนการประเมิน ITA จ.สป.67"])
def test_never_before_a_mark_or_after_a_leading_vowel_and_the_text_comes_back(text: str) -> None:
    broken = thaiwords.with_breaks(text)
    assert thaiwords.without_breaks(broken) == text == typed(str(thaiwords.html(text)))
    for index, char in enumerate(broken):
        if char == thaiwords.ZWSP:
            assert broken[index - 1] not in "เแโใไ" and broken[index + 1] not in "ะัาำิีึืฺุู็่้๊๋์ํ"


def test_html_text_stays_text() -> None:
    assert str(thaiwords.html("หน่วยงาน <b>ทดสอบ</b> & ผู้ว่าราชการ")).count("<b>") == 0
    assert thaiwords.html(thaiwords.Unbroken("หน่วยงานราชการ")) == "หน่วยงานราชการ"
    assert thaiwords.html(42) == 42


def test_text_and_markup_that_look_alike_are_never_taken_for_each_other() -> None:
    """Plain text's answers are remembered; markup equal to a remembered text stays markup, and
    the text stays escaped, whichever comes first."""
    from enum import StrEnum

    from markupsafe import Markup

    class Word(StrEnum):
        SCHOOL = "<โรงเรียน>"

    written = "<b>หน่วยงานของรัฐ"
    assert "&lt;b&gt;" in thaiwords.html(written) and "<wbr>" in thaiwords.html(written)
    assert thaiwords.html(Markup(written)) == Markup(written) == written
    assert str(thaiwords.html(written)).startswith("&lt;b&gt;")
    assert thaiwords.html(Word.SCHOOL) == thaiwords.html("<โรงเรียน>") != "<โรงเรียน>"
    assert thaiwords.html(12) == 12


def test_a_document_gets_its_marks_in_body_tables_and_header() -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("สำนักงานจังหวัดสมุทรปราการ")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "องค์การบริหารส่วนตำบลบางน้ำผึ้ง"
    document.sections[0].header.paragraphs[0].text = "รายงานผลการดำเนินงาน"
    document.add_paragraph("evidence/1.1 คำสั่ง/คำสั่งที่ทำการ.pdf")
    thaiwords.break_document(document)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        body = archive.read("word/document.xml").decode()
        header = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/header"))
    assert "สำนักงาน\u200bจังหวัด\u200bสมุทรปราการ" in body
    assert "องค์การบริหารส่วนตำบล\u200bบาง\u200bน้ำผึ้ง" in body
    assert "รายงาน\u200b" in header
    assert "evidence/1.1 คำสั่ง/คำสั่งที่ทำการ.pdf" in body  # a path is copied whole


def test_a_repeated_name_is_segmented_once() -> None:
    thaiwords.pieces.cache_clear()
    thaiwords.with_breaks.cache_clear()
    for _ in range(1000):
        thaiwords.with_breaks("องค์การบริหารส่วนตำบลบางน้ำผึ้ง")
        thaiwords.html("องค์การบริหารส่วนตำบลบางน้ำผึ้ง")
    assert thaiwords.pieces.cache_info().misses == 1


def _thai_texts() -> list[str]:
    """Every run of Thai the project prints from: its examples' packs, its templates, its messages."""
    places = [*ROOT.glob("examples/*/*.yaml"), *ROOT.glob("templates/**/*"), *ROOT.glob("src/itapack/**/*.py")]
    texts: set[str] = set()
    for place in places:
        if place.is_file() and place.suffix in (".yaml", ".j2", ".py", ".txt", ".md"):
            texts.update(re.findall(r"[\u0e01-\u0e5b][\u0e01-\u0e5b ().0-9]*", place.read_text(encoding="utf-8")))
    return sorted(texts)


def test_the_dictionary_segments_as_pythainlps_own_trie() -> None:
    from pythainlp.tokenize import word_dict_trie

    word_tokenize, words = thaiwords._segmenter()
    trie = word_dict_trie()
    texts = _thai_texts()
    assert len(texts) > 1000  # the examples, the templates and the messages: a real sample
    for text in texts:
        for start in range(len(text)):
            assert words.prefixes(text, start) == trie.prefixes(text, start), (text, start)
        ours = word_tokenize(text, engine="newmm", keep_whitespace=True, custom_dict=words)
        assert ours == word_tokenize(text, engine="newmm", keep_whitespace=True), text
    assert len(words) == len(trie)
