"""Follow-up letters: one per unit that owes, หนังสือภายนอก or บันทึกข้อความ by the unit's kind, every
part in its place, Thai fonts on every slot, one page when short, as LibreOffice prints them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.chase.letters import memos, write_letters
from itapack.cli import app
from itapack.errors import InputError, OutputError
from itapack.pack.loader import load_pack

from ..conftest import PACK_YAML, UNITS_YAML, run_check, typed, write_pack
from .conftest import CHASE_LEVELS, DIVISIONS_LEVELS, EVIDENCE, TODAY, memo_pack

runner = CliRunner()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LETTERS = """\
letters:
  office: กลุ่มงานยุทธศาสตร์ สำนักงานจังหวัดทดสอบ
  phone: 0 2702 5000
  number_prefix: ทส 0017.2/
  signer: นางสาวสมใจ ใจดี
  position: |-
    หัวหน้าสำนักงานจังหวัดทดสอบ
    ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดทดสอบ
  send_to: อีเมล ita@test.go.th
"""
# Everyone owes: the municipality's file is gone too.
EVIDENCE_BOTH_OWE = {**EVIDENCE, "2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง": {"คำรับรอง.pdf": b"<html>"}}}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", pack=PACK_YAML + LETTERS, levels=CHASE_LEVELS, evidence=EVIDENCE_BOTH_OWE)


def texts(path: Path) -> list[str]:
    """The letter's paragraphs as text, in order, a tab as a tab."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(typed(zipfile.ZipFile(path).read("word/document.xml")))
    return [
        "".join("\t" if e.tag == f"{W}tab" else (e.text or "") for r in p.iter(f"{W}r") for e in r)
        for p in root.iter(f"{W}p")
    ]


def write(pack: Path, out: Path, **options: object) -> list[Path]:
    loaded = load_pack(pack)
    result = run_check(pack, today=TODAY)
    found = memos(result, loaded, **{k: v for k, v in options.items() if k in ("units", "kinds", "districts")})
    return write_letters(
        loaded, result, found, out=out, today=TODAY, due=date(2024, 2, 15), split=bool(options.get("split"))
    )


def test_every_part_of_a_letter_to_a_body_outside(pack: Path, tmp_path: Path) -> None:
    [path] = write(pack, tmp_path / "letters", units=["sao-bang-nam-phueng"])
    lines = [line for line in texts(path) if line.strip()]
    assert lines[0] == "ที่ ทส 0017.2/\tศาลากลางจังหวัดทดสอบ"  # no address in pack.yaml: the province hall
    assert lines[1] == "1 กุมภาพันธ์ 2567"
    assert lines[2] == "เรื่อง  ขอให้ส่งหลักฐานการประเมิน ITA ปี พ.ศ. 2567 เพิ่มเติม"
    assert lines[3] == "เรียน  นายกองค์การบริหารส่วนตำบลบางน้ำผึ้ง"
    assert "บันทึกข้อความ" not in lines  # a local body is outside the office: หนังสือภายนอก
    body = "\n".join(lines[4:])
    assert "จำนวน 1 รายการ" in body
    assert "1. ข้อ 2.1 คำรับรองการปฏิบัติราชการ: เลยกำหนดส่ง 31 ม.ค. 2567; คำรับรอง.pdf:" in body
    assert "evidence/" not in body  # the tree is the clerk's business, not the unit's
    assert "ทางอีเมล ita@test.go.th ภายในวันที่ 15 กุมภาพันธ์ 2567" in body
    assert "ตั้งชื่อไฟล์ขึ้นต้นด้วยเลขข้อและชื่อหน่วยงาน เช่น “2.1 อบต.บางน้ำผึ้ง.pdf”" in body
    assert lines[-6:] == [
        "ขอแสดงความนับถือ",
        "(นางสาวสมใจ ใจดี)",
        "หัวหน้าสำนักงานจังหวัดทดสอบ",
        "ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดทดสอบ",
        "กลุ่มงานยุทธศาสตร์ สำนักงานจังหวัดทดสอบ",  # the office that owns the matter, at the foot
        "โทร. 0 2702 5000",
    ]
    assert "1.2" not in body  # the office's own document is not the unit's to send


def test_a_unit_of_the_office_gets_a_memo_with_the_garuda_beside_its_title(tmp_path: Path) -> None:
    pack = memo_pack(tmp_path / "pack", tiny_png())
    [path] = write(pack, tmp_path / "letters")
    lines = [line for line in texts(path) if line.strip()]
    memo = lines[: lines.index("(นายสมชาย ใจดี)") + 1]
    assert memo[0] == "\tบันทึกข้อความ"  # centred by a tab, the Garuda on its left in the same line
    assert memo[1] == "ส่วนราชการ  สำนักงานจังหวัดทดสอบ"
    assert memo[2] == "ที่  สป 0017.2/\tวันที่  1 กุมภาพันธ์ 2567"
    assert memo[4] == "เรียน  ผู้อำนวยการกลุ่มงานยุทธศาสตร์"
    assert "ขอแสดงความนับถือ" not in memo  # a memo has no complimentary close
    letter = lines[len(memo) :]
    assert letter[0] == "ที่ สป 0017.2/\tศาลากลางจังหวัดทดสอบ"
    assert "เรียน  องค์การบริหารส่วนตำบลบางน้ำผึ้ง (นายก)" in letter  # units.yaml head, with {unit}
    assert letter[-2:] == ["(นายสมชาย ใจดี)", "สำนักงานจังหวัดทดสอบ"]

    from xml.etree import ElementTree

    root = ElementTree.fromstring(typed(zipfile.ZipFile(path).read("word/document.xml")))
    paragraphs = list(root.iter(f"{W}p"))
    with_pictures = [p for p in paragraphs if p.find(f".//{W}drawing") is not None]
    heights = [
        int(e.get("cy"))
        for e in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    ]
    assert heights == [540000, 1080000]  # 1.5 cm beside the memo's title; 3 cm above the letter
    assert "บันทึกข้อความ" in "".join(t.text or "" for t in with_pictures[0].iter(f"{W}t"))
    assert not list(with_pictures[1].iter(f"{W}t"))  # the letter's Garuda stands alone, centred
    assert with_pictures[1].find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"  # type: ignore[union-attr]


def test_the_head_of_each_body_by_its_kind(tmp_path: Path) -> None:
    from itapack.chase.letters import addressee

    units = """\
kinds:
  - {id: regional_agency, name: ส่วนราชการบริหารส่วนภูมิภาค}
  - {id: pao, name: องค์การบริหารส่วนจังหวัด, short: อบจ.}
  - {id: city, name: เทศบาลนคร, short: ทน.}
  - {id: town, name: เทศบาลเมือง, short: ทม.}
  - {id: tt, name: เทศบาลตำบล, short: ทต.}
  - {id: sao, name: องค์การบริหารส่วนตำบล, short: อบต.}
  - {id: police, name: สถานีตำรวจ, head: "ผู้กำกับการ{unit}"}
units:
  - {id: a, name: สำนักงานคลังจังหวัดทดสอบ, kind: regional_agency}
  - {id: b, name: ที่ทำการปกครองจังหวัดทดสอบ, kind: regional_agency}
  - {id: c, name: องค์การบริหารส่วนจังหวัดทดสอบ, kind: pao}
  - {id: d, name: เทศบาลนครทดสอบ, kind: city}
  - {id: e, name: เทศบาลเมืองทดสอบ, kind: town}
  - {id: f, name: เทศบาลตำบลบางบ่อ, kind: tt}
  - {id: g, name: องค์การบริหารส่วนตำบลบางน้ำผึ้ง, kind: sao}
  - {id: h, name: สถานีตำรวจภูธรเมืองทดสอบ, kind: police}
"""
    root = write_pack(tmp_path / "pack", units=units, levels=DIVISIONS_LEVELS.replace("division, sao", "sao"))
    pack = load_pack(root)
    heads = [addressee(pack, unit) for unit in run_check(root).units]
    assert heads == [
        "หัวหน้าสำนักงานคลังจังหวัดทดสอบ",
        "ผู้อำนวยการที่ทำการปกครองจังหวัดทดสอบ",
        "นายกองค์การบริหารส่วนจังหวัดทดสอบ",
        "นายกเทศมนตรีนครทดสอบ",
        "นายกเทศมนตรีเมืองทดสอบ",
        "นายกเทศมนตรีตำบลบางบ่อ",
        "นายกองค์การบริหารส่วนตำบลบางน้ำผึ้ง",
        "ผู้กำกับการสถานีตำรวจภูธรเมืองทดสอบ",
    ]
    old = write_pack(tmp_path / "old", pack=PACK_YAML + "letters:\n  addressee: ผู้บริหาร{unit}\n")
    assert addressee(load_pack(old), run_check(old).units[1]) == "ผู้บริหารเทศบาลตำบลบางบ่อ"


@pytest.mark.parametrize(
    ("settings", "lines"),
    [
        ("", ["ผู้ว่าราชการจังหวัดทดสอบ"]),  # no name: the position alone, never an empty "(      )"
        ("  signer: นายสมชาย ใจดี\n  position: ปลัดจังหวัดทดสอบ\n", ["(นายสมชาย ใจดี)", "ปลัดจังหวัดทดสอบ"]),
        (
            "  signer:\n    name: นายสมชาย ใจดี\n    position: รองผู้ว่าราชการจังหวัดทดสอบ\n"
            "    acting_for: ผู้ว่าราชการจังหวัดทดสอบ\n",
            ["(นายสมชาย ใจดี)", "รองผู้ว่าราชการจังหวัดทดสอบ", "ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดทดสอบ"],
        ),
    ],
)
def test_the_signer_old_and_new_keys(tmp_path: Path, settings: str, lines: list[str]) -> None:
    from itapack.chase.letters import signature_lines

    pack = load_pack(write_pack(tmp_path / "pack", pack=PACK_YAML + "letters:\n" + settings + "  phone: '1'\n"))
    assert signature_lines(pack) == lines


def test_thai_font_on_every_slot_a4_and_a_section_per_letter(pack: Path, tmp_path: Path) -> None:
    [path] = write(pack, tmp_path / "letters")
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    runs = re.findall(r"<w:r>(.*?)</w:r>", xml)
    assert runs
    for run in runs:
        if "<w:t" not in run:
            continue
        assert 'w:cs="TH Sarabun New"' in run and 'w:ascii="TH Sarabun New"' in run, run
        assert "<w:szCs " in run and 'w:bidi="th-TH"' in run
    body_sizes = set(re.findall(r'<w:szCs w:val="(\d+)"/>', xml))
    assert "32" in body_sizes  # 16 pt
    assert '<w:pgSz w:w="11906" w:h="16838"' in xml or 'w:w="11906"' in xml  # A4
    # Two units, two letters: each a section that numbers its own pages from 1, the first unnumbered.
    assert xml.count("<w:sectPr") == 2
    assert xml.count('w:start="1"') == 2 and xml.count("<w:titlePg/>") == 2
    assert 'w:left="1701"' in xml and 'w:right="1134"' in xml  # 3 cm and 2 cm


def test_narrowing_and_split_file_names(pack: Path, tmp_path: Path) -> None:
    split = write(pack, tmp_path / "split", split=True)
    assert sorted(p.name for p in split) == [
        "บันทึกติดตาม ITA 2567 องค์การบริหารส่วนตำบลบางน้ำผึ้ง.docx",
        "บันทึกติดตาม ITA 2567 เทศบาลตำบลบางบ่อ.docx",
    ]
    loaded, result = load_pack(pack), run_check(pack, today=TODAY)
    assert [m.unit.id for m in memos(result, loaded, kinds=["อบต."])] == ["sao-bang-nam-phueng"]
    assert [m.unit.id for m in memos(result, loaded, kinds=["sao"])] == ["sao-bang-nam-phueng"]
    assert [m.unit.id for m in memos(result, loaded, kinds=["เทศบาลตำบล"])] == ["tt-bang-bo"]
    assert len(memos(result, loaded, districts=["บางบ่อ"])) == 2
    assert [m.unit.id for m in memos(result, loaded, units=["อบต.บางน้ำผึ้ง"])] == ["sao-bang-nam-phueng"]
    with pytest.raises(InputError):
        memos(result, loaded, districts=["บางพลี"])


def test_past_a_files_worth_of_letters_one_file_per_district_in_numbered_sets(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province's 8,303 letters are not one DOCX: each district's file, cut into sets, each
    written as soon as it is made. Both units here are in อำเภอบางบ่อ; a file holds one."""
    from itapack.chase import letters

    monkeypatch.setattr(letters, "LETTERS_PER_FILE", 1)
    written = write(pack, tmp_path / "out")
    assert [p.name for p in written] == [
        "บันทึกติดตาม ITA 2567 อำเภอบางบ่อ ชุดที่ 1.docx",
        "บันทึกติดตาม ITA 2567 อำเภอบางบ่อ ชุดที่ 2.docx",
    ]
    addressed = [[line for line in texts(path) if line.startswith("เรียน")] for path in written]
    assert sorted(addressed) == [["เรียน  นายกองค์การบริหารส่วนตำบลบางน้ำผึ้ง"], ["เรียน  นายกเทศมนตรีตำบลบางบ่อ"]]
    monkeypatch.setattr(letters, "LETTERS_PER_FILE", 2)  # both fit: the one file of before
    assert [p.name for p in write(pack, tmp_path / "one")] == ["บันทึกติดตาม ITA 2567.docx"]


def test_never_overwrites_or_writes_into_evidence(pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "letters"
    out.mkdir()
    (out / "บันทึกติดตาม ITA 2567.docx").write_bytes(b"a clerk's own memo")
    with pytest.raises(OutputError):
        write(pack, out)
    with pytest.raises(OutputError):
        write(pack, pack / "evidence" / "letters")


def test_command_line_and_defaults(chase_pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = runner.invoke(
        app, ["letters", str(chase_pack), "-o", str(out), "--date", "2567-02-01", "--due", "2567-02-15", "--split"]
    )
    assert done.exit_code == 0, done.output
    assert "บันทึกติดตาม 1 หน่วยงาน" in done.output
    [path] = out.iterdir()
    lines = texts(path)
    assert "เรียน  นายกองค์การบริหารส่วนตำบลบางน้ำผึ้ง" in lines  # the head of the body, by its kind
    assert lines[-1] == "สำนักงานจังหวัดทดสอบ"  # default office, at the foot
    assert not any("(" in line and not line.strip("( )") for line in lines)  # never an empty "(      )"
    late = runner.invoke(
        app, ["letters", str(chase_pack), "-o", str(out), "--date", "2567-02-01", "--due", "2567-01-01"]
    )
    assert late.exit_code == 2


def test_a_district_run_never_replaces_the_full_run(pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    common = ["letters", str(pack), "-o", str(out), "--date", "2567-02-01", "--due", "2567-02-15"]
    assert runner.invoke(app, common).exit_code == 0
    full = (out / "บันทึกติดตาม ITA 2567.docx").read_bytes()
    district = runner.invoke(app, [*common, "--district", "บางบ่อ"])
    assert district.exit_code == 0, district.output
    assert (out / "บันทึกติดตาม ITA 2567 อำเภอบางบ่อ.docx").is_file()
    assert (out / "บันทึกติดตาม ITA 2567.docx").read_bytes() == full
    assert runner.invoke(app, [*common, "--kind", "อบต."]).exit_code == 0
    assert (out / "บันทึกติดตาม ITA 2567 องค์การบริหารส่วนตำบล.docx").is_file()


def test_an_excused_requirement_is_never_chased(tmp_path: Path) -> None:
    excused = UNITS_YAML.replace(
        "kind: sao, district: bang-bo}", "kind: sao, district: bang-bo, not_applicable: {2.1: ยุบรวมกับเทศบาล}}"
    )
    pack = write_pack(tmp_path / "pack", levels=CHASE_LEVELS, units=excused, evidence=EVIDENCE_BOTH_OWE)
    found = memos(run_check(pack, today=TODAY), load_pack(pack))
    assert [m.unit.id for m in found] == ["tt-bang-bo"]


def pdf_pages(docx: Path, tmp_path: Path) -> list[str]:
    """Each page's text, as LibreOffice prints the document."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        if os.environ.get("ITAPACK_REQUIRE_RENDER_TOOLS"):
            pytest.fail("soffice and poppler-utils must be installed")
        pytest.skip("LibreOffice or poppler is not installed")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp_path, docx],
        capture_output=True,
        timeout=180,
        check=True,
    )
    pdf = tmp_path / (docx.stem + ".pdf")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, check=True).stdout.decode()
    assert "A4" in info
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, check=True).stdout.decode()
    assert re.search(r"(?i)sarabun|laksaman", fonts)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-"], capture_output=True, check=True
        ).stdout.decode()
        for n in range(1, pages + 1)
    ]


def test_a_short_letter_prints_on_one_page_of_a4(pack: Path, tmp_path: Path) -> None:
    [path] = write(pack, tmp_path / "letters")
    pages = pdf_pages(path, tmp_path)
    assert len(pages) == 2  # two units, one page each, signature and all
    for page, head in zip(pages, ("นายกเทศมนตรีตำบลบางบ่อ", "นายกองค์การบริหารส่วนตำบล"), strict=True):
        assert head in page and "(นางสาวสมใจ ใจดี)" in page and "โทร. 0 2702 5000" in page
        assert "ทส 0017.2/" in page and "15 กุมภาพันธ์ 2567" in page


def test_every_letter_of_the_measures_example_stays_on_one_page(tmp_path: Path) -> None:
    """Half a page was left empty once: the estimate's spare line pushed the close and the signature
    of a four-item letter (สำนักงานการท่องเที่ยวและกีฬา) to a page 2. What fits on the page stays on it."""
    example = Path(__file__).parents[2] / "examples" / "measures-2566"
    loaded = load_pack(example)
    result = run_check(example, today=date(2024, 2, 1))
    found = memos(result, loaded)
    [path] = write_letters(
        loaded, result, found, out=tmp_path / "letters", today=date(2024, 2, 1), due=date(2024, 2, 16)
    )
    pages = pdf_pages(path, tmp_path)
    assert len(pages) == len(found) and max(len(memo.items) for memo in found) >= 4
    assert continuations(pages) == [""] * len(found)
    assert all("ขอแสดงความนับถือ" in page and "จึงเรียนมา" in page for page in pages)


MANY = "levels:\n  - number: 1\n    documents:\n" + "".join(
    f"      - {{id: 1.{n}, title: หลักฐานการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ข้อที่ {n}, per_unit: [local]}}\n"
    for n in range(1, 25)
)


def continuations(pages: list[str]) -> list[str]:
    """Each page's foot line, "/13. ข้อ 1.13..." without its slash and dots; "" where there is none."""
    feet = [page.rstrip().splitlines()[-1].strip() if page.strip() else "" for page in pages]
    return [foot[1:-3] if foot.startswith("/") and foot.endswith("...") else "" for foot in feet]


def first_words(page: str) -> str:
    """A later page's text after its number on top."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return lines[1] if lines and re.fullmatch(r"-\s*\S+\s*-", lines[0]) else lines[0]


def test_a_long_letter_numbers_its_next_pages_and_keeps_its_close_with_the_signature(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", pack=PACK_YAML + LETTERS, levels=MANY, evidence={})
    [path] = write(pack, tmp_path / "letters", units=["tt-bang-bo"])
    pages = pdf_pages(path, tmp_path)
    assert len(pages) >= 2
    assert not pages[0].lstrip().startswith("- 1 -")  # the first page is not numbered
    for number, page in enumerate(pages[1:], 2):
        assert re.match(rf"\s*-\s*{number}\s*-\s*\n", page), page[:40]
    last = pages[-1]
    # The last paragraph goes over with the signature: never a signature alone on a page.
    assert "จึงเรียนมาเพื่อโปรดพิจารณา" in last and "ขอแสดงความนับถือ" in last and "(นางสาวสมใจ ใจดี)" in last
    assert "โทร. 0 2702 5000" in last
    # ระเบียบงานสารบรรณ: the foot of every page but the last says the words the next page starts with.
    feet = continuations(pages)
    assert feet[-1] == "" and all(feet[:-1]), feet
    for foot, following in zip(feet, pages[1:], strict=False):
        assert first_words(following).startswith(foot), (foot, following[:80])
    assert feet[0].startswith("13. ข้อ 1.13") or feet[0].startswith("12. ข้อ 1.12")  # page 1 full, not half empty


def test_every_letter_after_a_long_one_starts_clean_and_short_letters_have_no_foot_line(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", pack=PACK_YAML + LETTERS, levels=MANY, evidence={})
    [path] = write(pack, tmp_path / "letters")  # two units, both owe all 24 items, in one file
    pages = pdf_pages(path, tmp_path)
    starts = [n for n, page in enumerate(pages) if "ที่ ทส 0017.2/" in page]
    assert len(starts) == 2
    for begin, end in ((starts[0], starts[1]), (starts[1], len(pages))):
        letter = pages[begin:end]
        feet = continuations(letter)
        assert all(feet[:-1]) and feet[-1] == "", feet  # no foot line from the letter before
        assert not re.match(r"\s*-\s*\d+\s*-", letter[0])  # each letter's first page unnumbered
        assert re.match(r"\s*-\s*2\s*-", letter[1])  # and counts its pages from 1 again
    short = write_pack(tmp_path / "short", pack=PACK_YAML + LETTERS, levels=CHASE_LEVELS, evidence=EVIDENCE_BOTH_OWE)
    [path] = write(short, tmp_path / "short-letters")
    assert continuations(pdf_pages(path, tmp_path / "short-letters")) == ["", ""]


def tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1 x 1, greyscale
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    )


def test_a_missing_emblem_is_named(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path / "pack", pack=PACK_YAML + "letters:\n  emblem: ครุฑ.png\n", levels=CHASE_LEVELS, evidence=EVIDENCE
    )
    with pytest.raises(InputError, match=r"ครุฑ\.png"):
        write(pack, tmp_path / "letters")


def test_letters_settings_are_checked_and_survive_rollover(tmp_path: Path) -> None:
    from itapack.errors import PackError
    from itapack.year.rollover import rollover

    bad = write_pack(tmp_path / "bad", pack=PACK_YAML + "letters:\n  signor: สมใจ\n", levels=CHASE_LEVELS)
    with pytest.raises(PackError):
        load_pack(bad)
    settings = "letters:\n  phone: 0 2567 8000 ต่อ 67\n  number_prefix: สป 0017.2/\n"
    pack = write_pack(tmp_path / "pack-2567", pack=PACK_YAML + settings, levels=CHASE_LEVELS)
    rollover(load_pack(pack), 2568, tmp_path / "pack-2568")
    moved = load_pack(tmp_path / "pack-2568")
    assert moved.fiscal_year == 2568
    assert moved.info.letters.phone == "0 2567 8000 ต่อ 67"  # a telephone number, not a year to move on
    assert moved.info.letters.number_prefix == "สป 0017.2/"


def test_a_run_for_one_district_never_replaces_the_full_runs_memo(chase_pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    base = ["letters", str(chase_pack), "-o", str(out), "--date", "2567-02-01"]
    assert runner.invoke(app, base).exit_code == 0
    full = out / "บันทึกติดตาม ITA 2567.docx"
    before = full.read_bytes()
    narrowed = runner.invoke(app, [*base, "--district", "bang-bo"])
    assert narrowed.exit_code == 0, narrowed.output
    assert full.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["บันทึกติดตาม ITA 2567 อำเภอบางบ่อ.docx", "บันทึกติดตาม ITA 2567.docx"]


def test_two_units_whose_file_names_clash_get_a_memo_each_when_split(tmp_path: Path) -> None:
    """Characters Windows refuses in a name become spaces: two names apart only there are one file."""
    from ..conftest import UNITS_YAML

    twins = UNITS_YAML.replace("name: เทศบาลตำบลบางบ่อ", "name: 'เทศบาลตำบลบางบ่อ: หมู่ 1'").replace(
        "name: องค์การบริหารส่วนตำบลบางน้ำผึ้ง", "name: 'เทศบาลตำบลบางบ่อ? หมู่ 1'"
    )
    root = write_pack(tmp_path / "pack", levels=CHASE_LEVELS, units=twins, evidence={})
    out = tmp_path / "out"
    done = runner.invoke(app, ["letters", str(root), "-o", str(out), "--date", "2567-02-01", "--split"])
    assert done.exit_code == 0, done.output
    clashing = sorted(p.name for p in out.iterdir() if "บางบ่อ" in p.name)
    stem = "บันทึกติดตาม ITA 2567 เทศบาลตำบลบางบ่อ  หมู่ 1"
    assert clashing == [f"{stem} (2).docx", f"{stem}.docx"]


def test_settings_zoom_has_its_percent(pack: Path, tmp_path: Path) -> None:
    [path] = write(pack, tmp_path / "letters")
    settings = zipfile.ZipFile(path).read("word/settings.xml").decode()
    assert re.search(r'<w:zoom [^>]*w:percent="100"', settings), settings[:300]


def test_each_item_reads_by_its_status(pack: Path) -> None:
    """Overdue says since when; not yet due (due soon or not started) says by when and how soon."""
    loaded = load_pack(pack)
    [late] = [m for m in memos(run_check(pack, today=TODAY), loaded) if m.unit.id == "tt-bang-bo"]
    assert late.items[0].problem.startswith("เลยกำหนดส่ง 31 ม.ค. 2567")
    early = memos(run_check(pack, today=date(2023, 11, 1)), loaded)
    problems = {m.unit.id: m.items[0] for m in early}
    assert problems["tt-bang-bo"].status == "not_started"
    assert problems["tt-bang-bo"].problem.startswith("กำหนดส่ง 31 ม.ค. 2567 (อีก 91 วัน)")
    soon = {m.unit.id: m.items[0] for m in memos(run_check(pack, today=date(2024, 1, 24)), loaded)}
    assert soon["tt-bang-bo"].status == "due_soon" and "(อีก 7 วัน)" in soon["tt-bang-bo"].problem


def test_the_province_writes_no_letter_to_itself_and_says_it_still_owes(tmp_path: Path) -> None:
    pack = tmp_path / "สมุทรสาคร-2568"
    assert CliRunner().invoke(app, ["init", str(pack), "--province", "สมุทรสาคร", "-y", "2568"]).exit_code == 0
    result = CliRunner().invoke(app, ["letters", str(pack), "-o", str(tmp_path / "หนังสือ"), "--date", "2568-01-10"])
    assert result.exit_code == 0, result.output
    assert "ไม่มีหน่วยงานที่ค้างส่งหลักฐาน" in result.output  # its only unit is the province itself
    assert "จังหวัดสมุทรสาคร เองยังค้างหลักฐาน: ไม่เขียนหนังสือถึงตนเอง" in result.output
    assert not list((tmp_path / "หนังสือ").glob("*.docx"))
