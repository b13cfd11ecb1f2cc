"""The rough edges of a clerk's first day: each a test that failed before it was smoothed."""

from __future__ import annotations

import io

from rich.cells import cell_len

from itapack.outputs import plain, terminal, wording

from ..conftest import EXAMPLE, PDF, make_tree, run_check, write_pack


def test_80_columns_cut_no_thai_word_and_no_path() -> None:
    result = run_check(EXAMPLE)
    narrow = io.StringIO()
    terminal.render(result, narrow, width=80)
    wide = io.StringIO()
    plain.render(result, wide)
    lines = narrow.getvalue().splitlines()
    paths = {r.expected for doc in result.documents for r in doc.requirements} | {
        item.path for doc in result.documents for r in doc.requirements for item in r.rejected
    }
    assert all(cell_len(line) <= 80 or line.strip() in paths for line in lines)
    pending = [r.expected for doc in result.documents for r in doc.requirements if r.status.value != "ok"]
    stripped = [line.strip() for line in lines]
    assert all(path in stripped for path in pending)  # each whole, on its own line
    # Lines were broken at spaces only: the same words, none cut in two.
    assert narrow.getvalue().split() == wide.getvalue().split()
    assert any(cell_len(line) > 80 for line in wide.getvalue().splitlines())  # so wrapping did happen


def test_a_folder_named_4_comma_1_asks_did_you_mean_4_1(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = write_pack(tmp_path)
    make_tree(root / "evidence", {"1,1 บันทึกข้อความ": {"a.pdf": PDF}, "1-2 รายงาน": {"b.pdf": PDF}})
    strays = {stray.path: wording.stray(stray) for stray in run_check(root).strays}
    assert "หมายถึงข้อ 1.1 หรือเปล่า" in strays["evidence/1,1 บันทึกข้อความ/a.pdf"]
    assert "หมายถึงข้อ 1.2 หรือเปล่า" in strays["evidence/1-2 รายงาน/b.pdf"]
