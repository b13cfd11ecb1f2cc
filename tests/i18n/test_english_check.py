"""--lang en: every word check writes is English; only the pack's own data may be Thai.

The pack here is written in ASCII (titles, units, folder names), so any Thai character in the
English output is a word of ours that was never translated.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from itapack import i18n
from itapack.evidence.result import Status
from itapack.outputs import junit, plain, terminal, wording

from ..conftest import HTML, PDF, itapack_process, make_tree, run_check, typed, write_pack

THAI = re.compile("[\u0e01-\u0e5b]")

PACK = """\
itapack: 2
fiscal_year: 2567
organisation: {kind: province, name: Test Province}
title: Test pack
results: {total: 91.5, grade: A, iit: 90.1}
previous: {fiscal_year: 2566, results: {total: 88.25, grade: A, indicators: {"1": 80.5}}}
"""
LEVELS = """\
levels:
  - number: 1
    documents:
      - id: 1.1
        title: Assignment memo
        owner: pv-office
        due: 2567-01-31
        note: signed by the governor
        items: [who does what]
      - id: 1.2
        title: Meeting report
        window: first_half
  - number: 2
    documents:
      - id: 2.1
        title: Each body's pledge
        per_unit: [local]
        types: [pdf]
      - id: 2.2
        title: Same as 1.2
        same_as: 1.2
"""
UNITS = """\
kinds:
  - {id: regional_agency, name: Regional agency}
  - {id: sao, name: Subdistrict administrative organisation, short: SAO}
groups:
  - {id: local, name: Local bodies, kinds: [sao]}
units:
  - {id: pv-office, name: Provincial office, kind: regional_agency}
  - {id: sao-a, name: SAO A, kind: sao}
  - {id: sao-b, name: SAO B, kind: sao}
  - {id: sao-c, name: SAO C, kind: sao}
"""
EVIDENCE = {
    "1.2 Meeting report": {"report 15 Aug 2024.pdf": PDF, "empty.pdf": b""},
    "2.1 Pledges": {"SAO A": {"pledge.pdf": PDF}, "SAO B": {"pledge.pdf": HTML}, "Nobody": {"x.pdf": PDF}},
    "9,1 misfiled": {"a.pdf": PDF},
    "loose.pdf": PDF,
}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = write_pack(tmp_path, pack=PACK, levels=LEVELS, units=UNITS)
    make_tree(root / "evidence", EVIDENCE)
    return root


def _outputs(root: Path) -> dict[str, str]:
    from datetime import date

    result = run_check(root, today=date(2024, 6, 1))
    texts = {}
    for name, width in (("plain", None), ("narrow", 80), ("wide", 160)):
        buffer = io.StringIO()
        if name == "plain":
            plain.render(result, buffer)
        else:
            terminal.render(result, buffer, width=width)
        texts[name] = buffer.getvalue()
    texts["junit"] = junit.dumps(result)
    return texts


def test_check_in_english_has_no_thai_word(pack: Path) -> None:
    i18n.set_language("en")
    for name, text in _outputs(pack).items():
        thai = [line for line in text.splitlines() if THAI.search(line)]
        assert not thai, f"{name}: Thai left in English output:\n" + "\n".join(thai)
    plain_text = _outputs(pack)["plain"]
    for phrase in ("overdue", "empty file (0 bytes)", "put the files in", "reached level 0 of 2", "due: 31 Jan 2024"):
        assert phrase in plain_text, phrase


def test_check_in_thai_by_default(pack: Path) -> None:
    text = _outputs(pack)["plain"]
    for phrase in ("เกินกำหนด", "ไฟล์ว่าง (0 ไบต์)", "วางไฟล์ที่", "ผ่านระดับ 0 จาก 2", "กำหนดส่ง: 31 ม.ค. 2567"):
        assert phrase in text, phrase


def test_the_command_speaks_english_and_still_recognises_its_own_output(pack: Path) -> None:
    out = pack / "reports" / "check.txt"
    for _ in range(2):  # the second run overwrites the first: its English verdict marks it as ours
        code, _out, stderr = itapack_process("check", pack, "--lang", "en", "--today", "2567-06-01", "-o", out)
        assert code == 1, stderr
    text = out.read_text(encoding="utf-8")
    assert not THAI.search(text) and "reached level 0 of 2" in text


def test_reports_stay_thai_under_lang_en(pack: Path) -> None:
    """A director signs the report unchanged: it is a Thai official document in every language."""
    from datetime import date

    from itapack.check import check
    from itapack.pack.loader import load_pack
    from itapack.render import render_reports

    i18n.set_language("en")
    loaded = load_pack(pack)
    written = render_reports(loaded, check(loaded), out=pack / "reports", formats=("html",), today=date(2024, 6, 1))
    html = typed(written[0].read_text(encoding="utf-8"))
    assert "ขาด" in html and "missing</" not in html
    assert i18n.language() == "en"  # and the messages after it are English again
    assert wording.STATUS[Status.MISSING] == "missing"


def test_english_dates_are_gregorian(pack: Path) -> None:
    from datetime import date

    i18n.set_language("en")
    assert wording.date_text(date(2024, 1, 31)) == "31 Jan 2024"
    i18n.set_language("th")
    assert wording.date_text(date(2024, 1, 31)) == "31 ม.ค. 2567"


def test_the_workbook_and_the_memos_stay_thai_under_lang_en(pack: Path) -> None:
    """The office's tracking sheet and its memos to the units are Thai documents: the status and
    reason words in them do not follow the messages' language."""
    from datetime import date

    from docx import Document
    from openpyxl import load_workbook

    from itapack.chase.letters import memos, render
    from itapack.chase.workbook import write_workbook
    from itapack.check import check
    from itapack.pack.loader import load_pack

    i18n.set_language("en")
    loaded = load_pack(pack)
    result = check(loaded, today=date(2024, 6, 1))
    book = pack / "reports" / "tracking.xlsx"
    book.parent.mkdir()
    write_workbook(result, book, pack_root=pack)
    sheets = [sheet for sheet in load_workbook(book).worksheets if sheet.title != "data"]  # data: check's codes
    cells = [str(c) for sheet in sheets for row in sheet.iter_rows(values_only=True) for c in row]
    assert "ขาด" in cells and "missing" not in cells and not any("empty file" in c for c in cells)
    memo = render(memos(result, loaded, (), (), ()), loaded, result, today=date(2024, 6, 1), due=date(2024, 6, 15))
    text = typed("\n".join(p.text for p in Document(io.BytesIO(memo)).paragraphs))
    assert "เนื้อไฟล์ไม่ตรงกับนามสกุล" in text and "content does not match" not in text
    assert i18n.language() == "en"
