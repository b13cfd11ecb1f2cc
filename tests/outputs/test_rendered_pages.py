"""What a person sees: the reports printed to PDF by LibreOffice and by headless Chromium.

pdftotext must give the Thai text back, pdffonts must show it set in a Thai font, pages must be A4,
numbered top centre from page 2, with no text outside the text area, no Thai word split across
lines, a summary of at most two pages however many units, and no empty last page. These need
Debian's libreoffice-writer, chromium, poppler-utils and a Thai font; .ci/run installs them and
sets ITAPACK_REQUIRE_RENDER_TOOLS=1, so in CI a missing tool fails instead of skipping.
"""

from __future__ import annotations

import html
import itertools
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import EXAMPLE, PACK_YAML, PDF, render, tool, write_pack

pytestmark = pytest.mark.render_tools

THAI_FONTS = re.compile(r"(?i)sarabun|laksaman|garuda|loma|kinnari|norasi|waree|umpush|sawasdee|noto\w*thai")
EXPECTED = (
    "ประจำปีงบประมาณ พ.ศ. 2567",
    "ผลการดำเนินงาน: ผ่านระดับ 3 จาก 5 (เป้าหมายระดับ 5)",
    "แผนการขับเคลื่อนการประเมิน ITA จ.สป.67",
    "องค์การบริหารส่วนตำบลบางน้ำผึ้ง",
    "รายการที่ต้องติดตาม",
    "ครบ",
    "ขาด",
    "มีปัญหา",
)


def run(*args: str | Path, timeout: int = 180) -> str:
    completed = subprocess.run([str(a) for a in args], capture_output=True, timeout=timeout, check=False)
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    return completed.stdout.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {path.suffix: path for path in render(EXAMPLE, tmp_path_factory.mktemp("reports"))}


def squeeze(text: str) -> str:
    """Line and cell breaks fall anywhere in a PDF; compare without whitespace. Every character
    must still be there, in order."""
    return re.sub(r"\s+", "", text)


def assert_pdf_reads_as_thai(pdf: Path) -> None:
    pdftotext, pdffonts, pdfinfo = tool("pdftotext"), tool("pdffonts"), tool("pdfinfo")
    # -raw: the text in the order the PDF holds it. Without it pdftotext re-sorts glyphs by
    # position and moves a tone mark that the font shifts right after the next consonant
    # (ผึ้ง reads ผึง้), an artefact of the extraction, not of the PDF.
    text = squeeze(run(pdftotext, "-raw", pdf, "-"))
    for expected in EXPECTED:
        assert squeeze(expected) in text, expected
    fonts = run(pdffonts, pdf)
    assert THAI_FONTS.search(fonts), fonts
    info = run(pdfinfo, pdf)
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    last = run(pdftotext, "-f", str(pages), "-l", str(pages), pdf, "-")
    assert last.strip(), "the last page is empty"


def print_docx(docx: Path, folder: Path) -> Path:
    soffice = tool("soffice", "libreoffice")
    profile = (folder / "profile").as_uri()
    run(soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", folder, docx)
    return folder / f"{docx.stem}.pdf"


def print_html(page: Path, folder: Path) -> Path:
    chromium = tool("chromium", "chromium-browser", "google-chrome")
    pdf = folder / f"{page.stem}-html.pdf"
    run(
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={folder / 'profile'}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    )
    return pdf


@pytest.fixture(scope="module")
def printed(reports: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("printed")
    return {"docx": print_docx(reports[".docx"], folder), "html": print_html(reports[".html"], folder)}


def test_docx_printed_by_libreoffice(printed: dict[str, Path]) -> None:
    assert_pdf_reads_as_thai(printed["docx"])


def test_html_printed_by_chromium(printed: dict[str, Path]) -> None:
    assert_pdf_reads_as_thai(printed["html"])


# --- the official layout, read back from the printed pages -----------------------------------------

CM = 72 / 2.54
PAGE_NUMBER = re.compile(r"-\s*[0-9๐-๙]+\s*-")


def words(pdf: Path) -> Iterator[tuple[int, float, float, str]]:
    """(page, top, bottom, word) for every word pdftotext finds, in points from the page's top."""
    xml = run(tool("pdftotext"), "-bbox", pdf, "-")
    for number, page in enumerate(re.findall(r"<page .*?</page>", xml, re.S), 1):
        for top, bottom, word in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', page
        ):
            yield number, float(top), float(bottom), html.unescape(word)


def page_text(pdf: Path, page: int) -> str:
    return run(tool("pdftotext"), "-raw", "-f", str(page), "-l", str(page), pdf, "-")


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_page_numbers_top_centre_from_page_two(printed: dict[str, Path], kind: str) -> None:
    first, second = page_text(printed[kind], 1), page_text(printed[kind], 2)
    assert not PAGE_NUMBER.search(first.splitlines()[0])
    assert second.splitlines()[0].replace(" ", "") == "-2-"


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_nothing_outside_the_text_area_but_the_page_number(printed: dict[str, Path], kind: str) -> None:
    """Top 2.5 cm, bottom 2 cm (the example's margins). A mark of one line's Thai vowels painted at
    the foot of the page before was the HTML's old fault."""
    height = 841.89
    outside = [
        (page, word)
        for page, top, bottom, word in words(printed[kind])
        if (bottom > height - 2.0 * CM + 2 or top < 2.5 * CM - 2) and not re.fullmatch(r"-|[0-9๐-๙]+", word)
    ]
    assert outside == []


# A break between two lines of one block is a word split when neither the tokenizer of the whole
# nor the dictionary says it falls between words ("ประเ|มิน" is a split, "การ|ประเมิน" is not).
THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")


def split_words(pdf: Path, *, strict: bool = False) -> list[tuple[int, str]]:
    """Line breaks inside a Thai word. strict: only where the segmenter cuts the two lines' words
    counts as between words ("หน่วย|งาน" is a split though both halves are words of the dictionary)."""
    thainlp = pytest.importorskip("pythainlp.tokenize")
    dictionary = pytest.importorskip("pythainlp.corpus").thai_words()
    xml = run(tool("pdftotext"), "-bbox-layout", pdf, "-")
    found = []
    for number, page in enumerate(re.findall(r"<page .*?</page>", xml, re.S), 1):
        for block in re.findall(r"<block .*?</block>", page, re.S):
            lines = [
                (float(top), [html.unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", line)])
                for top, line in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)".*?>(.*?)</line>', block, re.S)
            ]
            for (top, above), (below_top, below) in itertools.pairwise(lines):
                if abs(below_top - top) < 2:  # one printed line that poppler cut in two (a mark placed back)
                    continue
                left, right = (above or [""])[-1], (below or [""])[0]
                if not (THAI_LETTER.match(left[-1:]) and THAI_LETTER.match(right[:1])):
                    continue
                tokens = thainlp.word_tokenize(left + right, engine="newmm", keep_whitespace=False)
                ends = {sum(len(t) for t in tokens[: i + 1]) for i in range(len(tokens))}
                last = thainlp.word_tokenize(left, engine="newmm")[-1]
                first = thainlp.word_tokenize(right, engine="newmm")[0]
                if len(left) not in ends and (strict or not (last in dictionary and first in dictionary)):
                    found.append((number, f"{left}|{right}"))
    return found


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_no_thai_word_is_split_across_lines(printed: dict[str, Path], kind: str) -> None:
    # The HTML's <wbr> and Chromium keep to the segmenter's words; LibreOffice also breaks between the
    # words of a compound where its own dictionary cuts it (see test_thai_words_printed.py).
    assert split_words(printed[kind], strict=kind == "html") == []


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_a_typed_word_is_found_without_break_marks(printed: dict[str, Path], kind: str) -> None:
    """The break marks (U+200B in the DOCX, <wbr> in the HTML) stay out of the PDF's text."""
    for mode in (["-raw"], []):
        text = run(tool("pdftotext"), *mode, printed[kind], "-")
        assert "หน่วยงาน" in text and "สำนักงานจังหวัดสมุทรปราการ" in text
        assert "\u200b" not in text


@pytest.fixture(scope="module")
def printed_in_thai_digits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's HTML report with Thai digits, printed by Chromium once for the tests that read it."""
    folder = tmp_path_factory.mktemp("thai-digits")
    (page,) = render(EXAMPLE, folder, ("html",), thai_digits=True)
    return print_html(page, folder)


def test_html_page_numbers_in_thai_digits(printed_in_thai_digits: Path) -> None:
    pdf = printed_in_thai_digits
    assert page_text(pdf, 2).splitlines()[0].replace(" ", "") == "-๒-"
    assert not PAGE_NUMBER.search(page_text(pdf, 1).splitlines()[0])


def big_pack(root: Path, units: int) -> Path:
    """A province with 800 local bodies in 16 districts, most of them behind."""
    levels = """\
levels:
  - number: 1
    criteria: [{text: มอบหมายภารกิจ}]
    documents:
      - {id: "1.1", title: บันทึกข้อความมอบหมายภารกิจ}
  - number: 2
    criteria: [{text: คำรับรองและการนำเข้าข้อมูล}]
    documents:
      - {id: "2.1", title: คำรับรองการปฏิบัติราชการ, per_unit: [sao]}
      - {id: "2.2", title: การนำเข้าข้อมูลในระบบ ITAS, per_unit: [sao]}
"""
    districts = "".join(f"  - {{id: d{d}, name: อำเภอทดสอบ{d}}}\n" for d in range(16))
    unit_lines = "".join(
        f"  - {{id: u{n}, name: องค์การบริหารส่วนตำบลทดสอบ{n:03d}, kind: sao, district: d{n % 16}}}\n"
        for n in range(units)
    )
    roster = (
        f"kinds:\n  - {{id: sao, name: องค์การบริหารส่วนตำบล, short: อบต.}}\ndistricts:\n{districts}units:\n{unit_lines}"
    )
    evidence = {
        "1.1 บันทึก": {"a.pdf": PDF},
        "2.1 คำรับรอง": {f"องค์การบริหารส่วนตำบลทดสอบ{n:03d}": {"a.pdf": PDF} for n in range(0, units, 3)},
    }
    return write_pack(root, pack=PACK_YAML, levels=levels, units=roster, evidence=evidence)


@pytest.mark.slow
def test_the_summary_of_800_units_fits_two_pages(tmp_path: Path) -> None:
    reports = {p.suffix: p for p in render(big_pack(tmp_path / "big", 800), tmp_path / "out")}
    for pdf in (print_docx(reports[".docx"], tmp_path), print_html(reports[".html"], tmp_path)):
        annex_page = next(page for page in range(1, 6) if "ภาคผนวกก" in re.sub(r"\s+", "", page_text(pdf, page)))
        assert annex_page == 3, pdf  # the summary and its signatures on pages 1 and 2
        pages = int(re.search(r"Pages:\s+(\d+)", run(tool("pdfinfo"), pdf)).group(1))
        endings = [
            [line for line in page_text(pdf, page).splitlines() if line.strip()][-1] for page in range(3, pages + 1)
        ]
        assert not [line for line in endings if line.startswith("อำเภอ")], pdf  # no district heading ends a page
        assert_nothing_stands_alone(pdf)


SIGNATURE_LINE = re.compile(r"^(ลงชื่อ|\(|ตำแหน่ง|ผู้รายงาน|ผู้ตรวจสอบ|ผู้อนุมัติ|วันที่)")
LEGEND_LINE = re.compile(r"^สัญลักษณ์|⊘")  # the legend of the symbols, and its second line
HEADING_LINE = re.compile(r"^(สรุปผล|ภาคผนวก|ระดับ\s*[0-9๐-๙]|ความครบถ้วน|ผลการประเมิน ITA|รายการที่ต้องติดตาม)")


def assert_nothing_stands_alone(pdf: Path) -> None:
    """No page holds only signature blocks (or them and the legend), and no page ends with a heading
    whose text is overleaf."""
    pages = int(re.search(r"Pages:\s+(\d+)", run(tool("pdfinfo"), pdf)).group(1))  # type: ignore[union-attr]
    for page in range(1, pages + 1):
        lines = [line.strip() for line in page_text(pdf, page).splitlines() if line.strip()]
        lines = [line for line in lines if not PAGE_NUMBER.fullmatch(line)]
        assert lines, f"{pdf.name} page {page} is empty"
        alone = all(SIGNATURE_LINE.match(line) or LEGEND_LINE.search(line) for line in lines)
        assert not alone, f"{pdf.name} page {page}: signatures alone, or with only the legend"
        assert not HEADING_LINE.match(lines[-1]), f"{pdf.name} page {page} ends with a heading: {lines[-1]}"


def assert_printed_full_size(pdf: Path) -> None:
    """Chromium shrinks a page whose widest line will not fit it (a path of no break opportunity):
    the measures report printed at 68% before Thai text got its word breaks. The heading "สรุปผล",
    set at 1.15 x 16 pt, prints about 1.65 times that tall in a Thai font's box, and 1.1 times shrunk."""
    box = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">สรุปผล<', run(tool("pdftotext"), "-bbox", pdf, "-"))
    assert box, pdf
    assert float(box.group(2)) - float(box.group(1)) >= 1.3 * 1.15 * 16, (pdf.name, box.groups())


def test_no_signature_block_or_heading_stands_alone(printed: dict[str, Path], printed_in_thai_digits: Path) -> None:
    for pdf in (*printed.values(), printed_in_thai_digits):
        assert_nothing_stands_alone(pdf)
    assert_printed_full_size(printed["html"])


@pytest.mark.slow
@pytest.mark.parametrize("name", ["measures-2566", "oit-2566"])
def test_no_signature_block_or_heading_stands_alone_in_the_other_examples(name: str, tmp_path: Path) -> None:
    reports = {p.suffix: p for p in render(EXAMPLE.parent / name, tmp_path)}
    assert_nothing_stands_alone(print_docx(reports[".docx"], tmp_path))
    html = print_html(reports[".html"], tmp_path)
    assert_nothing_stands_alone(html)
    assert_printed_full_size(html)


def ten_documents_pack(root: Path, units: int) -> Path:
    """800 local bodies in 16 districts, ten documents each, one in five of each document missing."""
    documents = "".join(
        f'      - {{id: "2.{d}", title: หลักฐานการดำเนินงานรายการที่ {d}, per_unit: [sao]}}\n' for d in range(1, 11)
    )
    levels = (
        'levels:\n  - number: 1\n    documents:\n      - {id: "1.1", title: บันทึกข้อความมอบหมายภารกิจ}\n'
        f"  - number: 2\n    documents:\n{documents}"
    )
    districts = "".join(f"  - {{id: d{d}, name: อำเภอทดสอบ{d}}}\n" for d in range(16))
    roster = "kinds:\n  - {id: sao, name: องค์การบริหารส่วนตำบล, short: อบต.}\n" + f"districts:\n{districts}units:\n"
    roster += "".join(
        f"  - {{id: u{n}, name: องค์การบริหารส่วนตำบลทดสอบ{n:03d}, kind: sao, district: d{n % 16}}}\n"
        for n in range(units)
    )
    evidence: dict = {"1.1 บันทึก": {"a.pdf": PDF}}
    for d in range(1, 11):
        evidence[f"2.{d} หลักฐาน"] = {
            f"องค์การบริหารส่วนตำบลทดสอบ{n:03d}": {"a.pdf": PDF} for n in range(units) if (n + d) % 5
        }
    return write_pack(root, pack=PACK_YAML, levels=levels, units=roster, evidence=evidence)


@pytest.mark.slow
def test_800_units_of_ten_documents_print_in_24_pages_and_the_matrix_stays_on_screen(tmp_path: Path) -> None:
    reports = {p.suffix: p for p in render(ten_documents_pack(tmp_path / "big", 800), tmp_path / "out")}
    pdf = print_docx(reports[".docx"], tmp_path)
    pages = int(re.search(r"Pages:\s+(\d+)", run(tool("pdfinfo"), pdf)).group(1))  # type: ignore[union-attr]
    assert pages <= 24, pages
    assert "ภาคผนวกก" in squeeze(page_text(pdf, 3)) and "ภาคผนวกก" not in squeeze(page_text(pdf, 2))
    assert "6,400/8,000" in page_text(pdf, 1)  # thousands separated, and the column holds it on one line
    printed = squeeze(run(tool("pdftotext"), pdf, "-"))
    assert "อบต.ทดสอบ004✗2.12.6" in printed  # annex C: each unit that owes, one line, what it owes
    assert "ฉบับเต็มอยู่ในรายงานHTML" in printed  # the matrix is not on paper, and the paper says where
    assert_nothing_stands_alone(pdf)
    page = reports[".html"].read_text(encoding="utf-8")
    assert page.count("<tr") >= 800  # the full matrix, on screen
    assert "องค์การบริหารส่วนตำบลทดสอบ799" in page
    css = re.sub(r"\s+", " ", page)
    assert "position: sticky" in css and "max-height: 85vh" in css
    html_pdf = print_html(reports[".html"], tmp_path)
    on_paper = squeeze(run(tool("pdftotext"), html_pdf, "-"))
    assert "ไม่พิมพ์ในรายงานฉบับนี้" in on_paper  # printed from the browser, the matrix stays on screen too
    assert "อบต.ทดสอบ004✗2.12.6" in on_paper  # and annex C one line a unit, as the DOCX prints it
    html_pages = int(re.search(r"Pages:\s+(\d+)", run(tool("pdfinfo"), html_pdf)).group(1))  # type: ignore[union-attr]
    assert html_pages <= 24, html_pages


# SARA AM, the vowels above and below and the tone marks belong to the letter before them: a printed
# line that starts with one has broken a syllable in two.
STARTS_WITH_A_MARK = re.compile(r"^[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]", re.MULTILINE)


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_no_printed_line_starts_with_sara_am_or_a_tone_mark(printed: dict[str, Path], kind: str) -> None:
    text = run(tool("pdftotext"), "-raw", printed[kind], "-")  # -raw: the PDF's own order of the marks
    assert not STARTS_WITH_A_MARK.findall(text), [line for line in text.splitlines() if STARTS_WITH_A_MARK.match(line)]
