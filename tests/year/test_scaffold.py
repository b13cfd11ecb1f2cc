"""itapack scaffold: the folders check points to, each with a Thai README.txt; nothing lost."""

from pathlib import Path

from itapack.pack.loader import load_pack
from itapack.year.scaffold import scaffold

from ..conftest import PDF, run_check, write_pack
from ..test_cli import itapack


def run_scaffold(root: Path):
    pack = load_pack(root)
    return scaffold(pack, run_check(root))


def test_creates_one_folder_per_document_and_per_unit_with_a_readme(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack")
    outcome = run_scaffold(root)
    evidence = root / "evidence"
    assert sorted(p.name for p in evidence.iterdir()) == [
        "1.1 บันทึกข้อความ (มอบหมายภารกิจ)",
        "1.2 รายงานการประชุม 17 ม.ค. 2567",
        "2.1 คำรับรองการปฏิบัติราชการ",
    ]  # 2.2 shares 1.2's evidence: no folder of its own
    units = evidence / "2.1 คำรับรองการปฏิบัติราชการ"
    assert sorted(p.name for p in units.iterdir()) == [
        "README.txt",
        "องค์การบริหารส่วนตำบลบางน้ำผึ้ง",
        "เทศบาลตำบลบางบ่อ",
    ]
    readme = (units / "เทศบาลตำบลบางบ่อ" / "README.txt").read_text(encoding="utf-8-sig")
    assert "ข้อ 2.1 คำรับรองการปฏิบัติราชการ" in readme
    assert "หน่วยงาน: เทศบาลตำบลบางบ่อ" in readme
    assert "- ชนิดไฟล์ที่รับ: pdf" in readme and "- จำนวนอย่างน้อย: 1 ไฟล์" in readme
    shared = (evidence / "1.2 รายงานการประชุม 17 ม.ค. 2567" / "README.txt").read_text(encoding="utf-8-sig")
    assert "ใช้เป็นหลักฐานข้อ 2.2 ด้วย" in shared
    assert len(outcome.created) == 5 and len(outcome.readmes) == 5


def test_readmes_open_in_old_notepad_and_never_count_as_evidence(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack")
    run_scaffold(root)
    raw = next((root / "evidence").rglob("README.txt")).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # UTF-8 with BOM, Windows line ends
    result = run_check(root)
    assert result.files_seen == 0 and result.strays == ()
    assert {str(r.status) for r in result.requirements} == {"missing"}


def test_idempotent_uses_existing_folders_and_never_overwrites(tmp_path: Path) -> None:
    evidence = {"๑.๑ บันทึก": {"บันทึก.pdf": PDF, "README.txt": "ของเจ้าหน้าที่"}}
    root = write_pack(tmp_path / "pack", evidence=evidence)
    run_scaffold(root)
    second = run_scaffold(root)
    assert second.created == [] and second.readmes == []
    folders = sorted(p.name for p in (root / "evidence").iterdir())
    assert "๑.๑ บันทึก" in folders and not any(name.startswith("1.1") for name in folders)
    assert (root / "evidence" / "๑.๑ บันทึก" / "README.txt").read_text(encoding="utf-8") == "ของเจ้าหน้าที่"
    assert (root / "evidence" / "๑.๑ บันทึก" / "บันทึก.pdf").read_bytes() == PDF


def test_command(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack")
    code, out, _ = itapack("scaffold", root)
    assert code == 0 and "สร้างโฟลเดอร์ 5 โฟลเดอร์ เขียน README.txt 5 ไฟล์" in out
    code, out, _ = itapack("scaffold", root)
    assert code == 0 and "สร้างโฟลเดอร์ 0 โฟลเดอร์ เขียน README.txt 0 ไฟล์; มีอยู่แล้ว 5 โฟลเดอร์" in out


def test_a_long_thai_title_is_shortened_not_dropped() -> None:
    """Thai has no spaces between words: cutting at the last space left only the id ("m1")."""
    import unicodedata

    from itapack.evidence.layout import MAX_NAME, safe_name

    title = "m1 การจัดทำแผนการใช้จ่ายงบประมาณประจำปีและการสร้างการรับรู้การใช้งบประมาณของหน่วยงาน"
    name = safe_name(title)
    assert len(name) <= MAX_NAME and name.startswith("m1 การจัดทำแผนการใช้จ่ายงบประมาณ")
    dropped = title[len(name)]
    assert unicodedata.category(dropped) not in ("Mn", "Mc")  # no vowel or tone mark torn from its consonant
    assert safe_name("4.5 " + "ก" * 60 + " " + "ข" * 40) == "4.5 " + "ก" * 60  # a space that keeps most: used


def test_a_unit_filed_first_keeps_its_own_folder_and_gets_no_readme_there(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", evidence={"แยกหน่วยงาน": {"เทศบาลตำบลบางบ่อ": {"หนังสือนำส่ง.docx": PDF}}})
    outcome = run_scaffold(root)
    home = root / "evidence" / "แยกหน่วยงาน" / "เทศบาลตำบลบางบ่อ"
    assert sorted(p.name for p in home.iterdir()) == ["หนังสือนำส่ง.docx"]  # its files' names say what they serve
    units = root / "evidence" / "2.1 คำรับรองการปฏิบัติราชการ"
    assert sorted(p.name for p in units.iterdir()) == ["README.txt", "องค์การบริหารส่วนตำบลบางน้ำผึ้ง"]
    assert not any("แยกหน่วยงาน" in folder for folder in outcome.created)
    assert {(r.unit, r.expected) for r in run_check(root).requirements if r.document == "2.1"} == {
        ("tt-bang-bo", "evidence/แยกหน่วยงาน/เทศบาลตำบลบางบ่อ/2.1 *"),
        ("sao-bang-nam-phueng", "evidence/2.1 คำรับรองการปฏิบัติราชการ/องค์การบริหารส่วนตำบลบางน้ำผึ้ง/"),
    }
