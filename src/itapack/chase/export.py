"""`check --format xlsx`: the same tracking workbook as `itapack export`, from check's result."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..result import CheckResult


def emit_xlsx(result: CheckResult, output: Path | None, pack_root: Path) -> None:
    from .workbook import write_workbook

    if output is None:
        raise InputError("--format xlsx writes a workbook: name it with -o FILE.xlsx")
    write_workbook(result, output, pack_root=pack_root)
