import io

from itapack.outputs import plain

from ..conftest import EXAMPLE, run_check


def render(result, target=None) -> str:
    buffer = io.StringIO()
    plain.render(result, buffer, target)
    return buffer.getvalue()


def test_one_greppable_line_per_problem_and_the_verdict_last() -> None:
    lines = render(run_check(EXAMPLE)).splitlines()
    missing = [line for line in lines if line.strip().startswith("missing")]
    assert [line.split()[1] for line in missing] == ["4.4", "4.5", "5.1", "5.1", "5.1", "5.1"]
    assert any("[องค์การบริหารส่วนตำบลบางยอ]  -> evidence/5.1 " in line for line in missing)
    assert any(line.strip().startswith("problem  4.7") for line in lines)
    assert lines[-1] == "ผ่านระดับ 3 จาก 5 (เป้าหมายระดับ 5) — ขาด 6 รายการ มีปัญหา 2 รายการ"


def test_complete_per_unit_documents_take_one_line() -> None:
    lines = render(run_check(EXAMPLE)).splitlines()
    assert [line for line in lines if " 3.1 " in line] == [
        "  ok       3.1   คำรับรองการปฏิบัติราชการและการประเมินผลการปฏิบัติราชการ ITA  (80/80 units)"
    ]
