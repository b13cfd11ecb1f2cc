"""Follow-up memos: one per unit that owes, every field of a บันทึกข้อความ, Thai fonts on every slot."""

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

from ..conftest import PACK_YAML, run_check, write_pack
from .conftest import CHASE_LEVELS, EVIDENCE, TODAY

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
    """The memo's paragraphs as text, in order."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def write(pack: Path, out: Path, **options: object) -> list[Path]:
    loaded = load_pack(pack)
    result = run_check(pack, today=TODAY)
    found = memos(result, loaded, **{k: v for k, v in options.items() if k in ("units", "kinds", "districts")})
    return write_letters(
        loaded, result, found, out=out, today=TODAY, due=date(2024, 2, 15), split=bool(options.get("split"))
    )


def test_every_field_of_the_memo(pack: Path, tmp_path: Path) -> None:
    [path] = write(pack, tmp_path / "letters", units=["sao-bang-nam-phueng"])
    lines = [line for line in texts(path) if line.strip()]
    assert lines[0] == "บันทึกข้อความ"
    assert lines[1] == "ส่วนราชการ  กลุ่มงานยุทธศาสตร์ สำนักงานจังหวัดทดสอบ  โทร. 0 2702 5000"
    assert lines[2] == "ที่  ทส 0017.2/วันที่  1 กุมภาพันธ์ 2567"
    assert lines[3] == "เรื่อง  ขอให้ส่งหลักฐานการประเมิน ITA ปี พ.ศ. 2567 เพิ่มเติม"
    assert lines[4] == "เรียน  ผู้บริหารองค์การบริหารส่วนตำบลบางน้ำผึ้ง"
    body = "\n".join(lines[5:])
    assert "จำนวน 1 รายการ" in body
    assert "1. ข้อ 2.1 คำรับรองการปฏิบัติราชการ: เลยกำหนดส่ง 31 ม.ค. 2567; คำรับรอง.pdf:" in body
    assert "evidence/" not in body  # the tree is the clerk's business, not the unit's
    assert "ทางอีเมล ita@test.go.th ภายในวันที่ 15 กุมภาพันธ์ 2567" in body
    assert "ตั้งชื่อไฟล์ขึ้นต้นด้วยเลขข้อและชื่อหน่วยงาน เช่น “2.1 อบต.บางน้ำผึ้ง.pdf”" in body
    assert lines[-3:] == ["(นางสาวสมใจ ใจดี)", "หัวหน้าสำนักงานจังหวัดทดสอบ", "ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดทดสอบ"]
    assert "1.2" not in body  # the office's own document is not the unit's to send


def test_thai_font_on_every_slot_a4_and_title(pack: Path, tmp_path: Path) -> None:
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
    title = re.search(r"<w:r><w:rPr>(.*?)</w:rPr><w:t>บันทึกข้อความ</w:t>", xml)
    assert (
        title and "<w:b/>" in title.group(1) and "<w:bCs/>" in title.group(1) and 'w:szCs w:val="58"' in title.group(1)
    )
    assert '<w:pgSz w:w="11906" w:h="16838"' in xml or 'w:w="11906"' in xml  # A4
    assert xml.count("<w:pageBreakBefore/>") == 1  # two units, one page break between them
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
    assert "เรียน  ผู้บริหารองค์การบริหารส่วนตำบลบางน้ำผึ้ง" in lines  # default addressee
    assert any(line.startswith("ส่วนราชการ  สำนักงานจังหวัดทดสอบ") for line in lines)  # default office
    late = runner.invoke(
        app, ["letters", str(chase_pack), "-o", str(out), "--date", "2567-02-01", "--due", "2567-01-01"]
    )
    assert late.exit_code == 2


def test_prints_on_a4_in_a_thai_font(pack: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdffonts") is None:
        if os.environ.get("ITAPACK_REQUIRE_RENDER_TOOLS"):
            pytest.fail("soffice and poppler-utils must be installed")
        pytest.skip("LibreOffice or poppler is not installed")
    [path] = write(pack, tmp_path / "letters")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp_path, path],
        capture_output=True,
        timeout=180,
        check=True,
    )
    pdf = tmp_path / (path.stem + ".pdf")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, check=True).stdout.decode()
    assert "A4" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    starts = []
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"], capture_output=True, check=True
        ).stdout.decode()
        starts += [page] if text.lstrip().startswith("บันทึกข้อความ") else []
    assert len(starts) == 2 and starts[0] == 1  # each memo starts a page of its own
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, check=True).stdout.decode()
    assert re.search(r"(?i)sarabun|laksaman", fonts)
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, check=True).stdout.decode()
    assert "ทส 0017.2/" in text and "15 กุมภาพันธ์ 2567" in text


def tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1 x 1, greyscale
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    )


def test_the_emblem_the_pack_provides(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path / "pack", pack=PACK_YAML + "letters:\n  emblem: ครุฑ.png\n", levels=CHASE_LEVELS, evidence=EVIDENCE
    )
    (pack / "ครุฑ.png").write_bytes(tiny_png())
    [path] = write(pack, tmp_path / "letters")
    archive = zipfile.ZipFile(path)
    assert any(name.startswith("word/media/") for name in archive.namelist())
    xml = archive.read("word/document.xml").decode()
    assert xml.index("<w:drawing>") < xml.index("บันทึกข้อความ")  # above the title
    (pack / "ครุฑ.png").unlink()
    with pytest.raises(InputError):
        write(pack, tmp_path / "again")


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
    assert sorted(p.name for p in out.iterdir()) == ["บันทึกติดตาม ITA 2567 bang-bo.docx", "บันทึกติดตาม ITA 2567.docx"]


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
