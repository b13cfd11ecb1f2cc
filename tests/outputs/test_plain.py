import io

from itapack.outputs import plain

from ..conftest import EXAMPLE, run_check


def render(result, target=None) -> str:
    buffer = io.StringIO()
    plain.render(result, buffer, target)
    return buffer.getvalue()


def test_one_greppable_line_per_problem_and_the_verdict_last() -> None:
    lines = render(run_check(EXAMPLE)).splitlines()
    missing = [line.split()[2] for line in lines if line.strip().startswith("✗ ขาด 4")]
    assert missing == ["4.4", "4.5"]
    assert sum(line.strip().startswith("✗ ขาด องค์การบริหารส่วนตำบล") for line in lines) == 3
    assert any(line.strip().startswith("! มีปัญหา 4.7") for line in lines)
    assert lines[-1] == "✗ ผ่านระดับ 3 จาก 5 (เป้าหมายระดับ 5) — ขาด 6 รายการ มีปัญหา 2 รายการ"


def test_piped_text_is_the_terminals_thai_with_every_destination_whole_on_its_own_line() -> None:
    result = run_check(EXAMPLE)
    text = render(result)
    lines = [line.strip() for line in text.splitlines()]
    for word in ("missing", "problem", "incomplete", "complete", "no-document", "empty", "units", "file"):
        assert not any(word in line.split() for line in lines), word
    pending = [r for doc in result.documents for r in doc.requirements if r.status.value != "ok"]
    assert len(pending) == 8
    for requirement in pending:  # per-unit rows included
        at = lines.index(requirement.expected)
        assert lines[at - 1] == "→ วางไฟล์ที่"
    assert "ไฟล์ว่าง (0 ไบต์)" in text


def test_complete_per_unit_documents_take_one_line() -> None:
    lines = render(run_check(EXAMPLE)).splitlines()
    assert [line for line in lines if " 3.1 " in line] == [
        "  ✓ ครบ 3.1  คำรับรองการปฏิบัติราชการและการประเมินผลการปฏิบัติราชการ ITA  (ครบ 80/80 หน่วย)"
    ]


def test_a_unit_folder_destination_is_a_folder_to_copy_and_the_name_it_asks_for() -> None:
    text = render(run_check(EXAMPLE.parent / "measures-2566"))
    lines = [line.strip() for line in text.splitlines()]
    at = lines.index("evidence/รายงานผลแยกหน่วยงาน/สำนักงานที่ดินจังหวัดสมุทรปราการ/")
    assert lines[at - 1] == "→ วางไฟล์ที่"
    assert lines[at + 1] == "(ในโฟลเดอร์ของหน่วยงาน ชื่อไฟล์ขึ้นต้นด้วย m3 เว้นวรรค แล้วตามด้วยชื่อใดก็ได้)"
    assert not any(line.endswith(" *") for line in lines)  # "*" cannot be part of a name: never shown to copy
