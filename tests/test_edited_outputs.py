"""A report, letter or workbook a clerk edited and saved is the clerk's: a later run keeps it
(exit 3, a Thai message) unless --force, while an untouched earlier output is replaced as before."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.cli import app

from .conftest import write_pack


def saved_again_by_a_program(path: Path, paragraph: str) -> None:
    """What Word or Excel does on save: every member written anew, the properties kept."""
    with zipfile.ZipFile(path) as old:
        members = [(info.filename, old.read(info)) for info in old.infolist()]
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members:
            if name in ("word/document.xml", "xl/workbook.xml"):
                data = data.replace(b"</w:body>", f"<w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p></w:body>".encode())
            new.writestr(name, data)
    path.write_bytes(stream.getvalue())


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(arg) for arg in args])
    return result.exit_code, result.output


OUTPUTS = {  # command line (with OUT for the output folder) -> the Office file it writes there
    "render": (["render", "PACK", "-o", "OUT", "-f", "docx", "--date", "2567-02-01"], "*.docx"),
    "letters": (["letters", "PACK", "-o", "OUT", "--date", "2567-02-01"], "*.docx"),
    "export": (["export", "PACK", "--xlsx", "OUT/สมุดงาน.xlsx", "--today", "2567-02-01"], "*.xlsx"),
}


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_an_output_edited_since_is_kept_and_an_untouched_one_replaced(command: str, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "ชุดเอกสาร", evidence={})
    out = tmp_path / "ผลลัพธ์"
    args, pattern = OUTPUTS[command]
    line = [str(pack) if a == "PACK" else a.replace("OUT", str(out)) for a in args]
    assert run(*line)[0] == 0
    [written] = out.glob(pattern)
    assert run(*line)[0] == 0  # untouched since: replaced, as every second run does

    saved_again_by_a_program(written, "ข้อความที่เจ้าหน้าที่เพิ่ม")
    edited = written.read_bytes()
    code, said = run(*line)
    assert code == 3, said
    assert "มีคนแก้ไขหลังจากนั้น" in said and "--force" in said
    assert written.read_bytes() == edited  # the clerk's work is still there

    assert run(*line, "--force")[0] == 0  # said in so many words: replaced
    assert written.read_bytes() != edited
