"""`check --format xlsx`: the same tracking workbook as `itapack export`, from check's result."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, OutputError
from ..evidence.result import CheckResult
from ..i18n import _

if TYPE_CHECKING:
    from ..outputs.outfile import Output


def emit_xlsx(result: CheckResult, output: Output | None, pack_root: Path) -> None:
    """output was planned by check's --output rules (never the pack's files or evidence, never
    another's file without --force); a workbook cannot be streamed, so it needs a file."""
    from .workbook import write_workbook

    if output is None:
        raise InputError(_("--format xlsx เขียนเป็นไฟล์ Excel: ระบุชื่อไฟล์ด้วย -o FILE.xlsx"))
    if output.stream:
        raise OutputError(_("{path}: สมุดงาน Excel ต้องเขียนลงไฟล์ ส่งผ่าน pipe หรืออุปกรณ์ไม่ได้").format(path=output.path))
    write_workbook(result, output.path, pack_root=pack_root, force=True)
