"""itapack render: files land where asked, atomically, never in the evidence, never over others' files."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from itapack.errors import InputError, OutputError
from itapack.outputs.written import is_own_report
from itapack.render import parse_formats

from .conftest import EXAMPLE, ROOT, render, typed, write_pack

pytestmark = pytest.mark.usefixtures("english")  # these tests read the messages in English (--lang en)


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_writes_docx_and_html_named_by_fiscal_year(tmp_path: Path) -> None:
    written = render(EXAMPLE, tmp_path / "out")
    assert [p.name for p in written] == ["รายงาน ITA 2567.docx", "รายงาน ITA 2567.html"]
    assert all(is_own_report(p) for p in written)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in written]  # no temporary files


def test_formats(tmp_path: Path) -> None:
    assert [p.suffix for p in render(EXAMPLE, tmp_path, parse_formats("html"))] == [".html"]
    assert parse_formats(" DOCX, html,docx") == ("docx", "html")
    with pytest.raises(InputError, match="choose from docx, html"):
        parse_formats("pdf")


def test_rerun_replaces_its_own_reports_but_not_a_persons_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = render(EXAMPLE, out)
    render(EXAMPLE, out)  # its own: replaced without asking
    foreign = first[1]
    foreign.write_text("<html>ร่างของเจ้าหน้าที่</html>", encoding="utf-8")
    with pytest.raises(OutputError, match="was not written by itapack"):
        render(EXAMPLE, out)
    assert foreign.read_text(encoding="utf-8") == "<html>ร่างของเจ้าหน้าที่</html>"
    assert zipfile.is_zipfile(first[0])  # nothing was written: the check comes before any write
    render(EXAMPLE, out, force=True)
    assert is_own_report(foreign)


def test_never_writes_inside_the_evidence_and_leaves_it_untouched(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    before = tree_digest(pack / "evidence")
    with pytest.raises(OutputError, match="inside the evidence folder"):
        render(pack, pack / "evidence" / "reports")
    render(pack, pack / "reports")
    assert tree_digest(pack / "evidence") == before


def test_default_output_folder_is_reports_in_the_pack(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from itapack.cli import app

    pack = write_pack(tmp_path / "pack")
    result = CliRunner().invoke(app, ["render", str(pack), "--date", "2567-02-01"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (pack / "reports").iterdir()) == [
        "รายงาน ITA 2567.docx",
        "รายงาน ITA 2567.html",
    ]


def test_bad_report_date_is_a_usage_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from itapack.cli import app

    result = CliRunner().invoke(app, ["render", str(write_pack(tmp_path)), "--date", "2024-02-01"])
    assert result.exit_code == 2
    assert "Christian-era" in result.output


def test_a_report_showing_scores_says_where_their_yardstick_comes_from(tmp_path: Path) -> None:
    from itapack.check import check
    from itapack.pack.loader import load_pack
    from itapack.render import render_reports

    pack = load_pack(ROOT / "examples" / "measures-2566")
    [html] = render_reports(pack, check(pack), out=tmp_path, formats=("html",), today=date(2023, 3, 20))
    text = typed(html.read_text(encoding="utf-8"))
    summary, note = text.split('<section id="sources">')
    assert "ดูหมายเหตุท้ายรายงาน" in summary and "แคตตาล็อกปี 2565" not in summary  # the signed page stays short
    text = note
    assert "ที่มาของเกณฑ์และตัวเลข (แคตตาล็อกปี 2565" in text
    assert "ยังไม่ยืนยัน (แหล่งทุติยภูมิ)" in text  # the press figures are said to be from the press
    assert "ผลระดับประเทศ ปี 2565" in text and "หน่วยงานนี้ 95.03" in text
