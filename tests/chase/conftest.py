"""A small pack with something of every kind to chase: missing, wrong, overdue, a stray file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ..conftest import HTML, LEVELS_YAML, PDF, write_pack

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
