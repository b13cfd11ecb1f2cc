import io

from itapack.outputs import terminal

from ..conftest import EXAMPLE, run_check


def test_terminal_table_shows_thai_titles_statuses_and_the_verdict() -> None:
    buffer = io.StringIO()
    terminal.render(run_check(EXAMPLE), buffer, width=200)
    text = buffer.getvalue()
    assert "ระดับ 4  ✗ ยังไม่ครบ  5/8 (62.5%)" in text
    assert "แผนการขับเคลื่อนการประเมิน ITA จ.สป.67" in text
    assert "✗ ขาด" in text and "! มีปัญหา" in text and "✓ ครบ" in text
    assert "ใช้หลักฐานเดียวกับข้อ 4.2" in text
    assert "เทศบาลตำบล" in text and "96.4" in text  # per-kind completeness
    assert text.rstrip().endswith("✗ ผ่านระดับ 3 จาก 5 (เป้าหมายระดับ 5) — ขาด 6 รายการ มีปัญหา 2 รายการ")
