"""A small pack with something of every kind to chase: missing, wrong, overdue, a stray file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ..conftest import HTML, LEVELS_YAML, PACK_YAML, PDF, write_pack

TODAY = date(2024, 2, 1)  # 1 ก.พ. 2567: the day after 2.1 fell due
CHASE_LEVELS = LEVELS_YAML.replace(
    "        per_unit: [local]\n", "        per_unit: [local]\n        owner: pv-office\n        due: 2567-01-31\n"
)
EVIDENCE = {
    "1.1 บันทึกข้อความ": {"มอบหมายภารกิจ.pdf": PDF},
    "2.1 คำรับรอง": {
        "เทศบาลตำบลบางบ่อ": {"คำรับรอง.pdf": PDF},
        "อบต.บางน้ำผึ้ง": {"คำรับรอง.pdf": HTML},
    },
    "บันทึกอื่น.pdf": PDF,
}


@pytest.fixture
def chase_pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", levels=CHASE_LEVELS, evidence=EVIDENCE)


# A unit of the office itself (a memo, บันทึกข้อความ) beside a local body, letters with the Garuda
DIVISIONS_UNITS = """\
kinds:
  - {id: division, name: กลุ่มงาน, inside: true}
  - {id: sao, name: องค์การบริหารส่วนตำบล, short: อบต., head: "{unit} (นายก)"}
units:
  - {id: strategy, name: กลุ่มงานยุทธศาสตร์, kind: division}
  - {id: sao-a, name: องค์การบริหารส่วนตำบลบางน้ำผึ้ง, kind: sao}
"""
DIVISIONS_LEVELS = """\
levels:
  - number: 1
    documents:
      - {id: 1.1, title: แผนปฏิบัติการ, per_unit: [division, sao]}
"""
GARUDA_LETTERS = "letters:\n  emblem: ครุฑ.png\n  signer: นายสมชาย ใจดี\n  number_prefix: สป 0017.2/\n"


def memo_pack(root: Path, garuda: bytes) -> Path:
    """A pack of DIVISIONS_UNITS whose letters carry the Garuda (garuda: the picture's bytes)."""
    letters = PACK_YAML + GARUDA_LETTERS
    pack = write_pack(root, pack=letters, levels=DIVISIONS_LEVELS, units=DIVISIONS_UNITS, evidence={})
    (pack / "ครุฑ.png").write_bytes(garuda)
    return pack
