"""The rough edges of a clerk's first day: each a test that failed before it was smoothed."""

from __future__ import annotations

import io
import os
import shutil
import stat
import sys
import textwrap
from pathlib import Path

import pytest
from rich.cells import cell_len

from itapack import cli
from itapack.check import check
from itapack.errors import PackError
from itapack.outputs import plain, terminal, wording
from itapack.pack.loader import load_pack
from itapack.pack.yamlfile import parse_yaml
from itapack.year.newpack import init_pack
from itapack.year.rollover import rollover
from itapack.year.scaffold import scaffold

from ..conftest import EXAMPLE, LEVELS_YAML, PACK_YAML, PDF, UNITS_YAML, make_tree, run_check, write_pack


@pytest.mark.parametrize("width", [100, 160])
def test_a_wide_table_prints_each_destination_whole_under_it(width: int) -> None:
    result = run_check(EXAMPLE)
    buffer = io.StringIO()
    terminal.render(result, buffer, width=width)
    lines = [line.strip() for line in buffer.getvalue().splitlines()]
    pending = [r.expected for doc in result.documents for r in doc.requirements if r.status.value != "ok"]
    assert len(pending) == 8 and all(path in lines for path in pending)


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


def problems_of(root) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(PackError) as caught:
        load_pack(root)
    return [str(problem) for problem in caught.value.problems]


def test_a_short_form_where_a_kind_id_is_wanted_names_the_kind_ids(tmp_path) -> None:  # type: ignore[no-untyped-def]
    units = UNITS_YAML.replace("kind: sao, district", "kind: อบต., district")
    [message] = problems_of(write_pack(tmp_path, units=units))
    assert "units[2].kind: 'อบต.' ไม่ใช่รหัสประเภทหน่วยงาน" in message
    assert "regional_agency, subdistrict_municipality, sao" in message
    assert "'อบต.' คือชื่อย่อของ sao: เขียน sao" in message
    assert "sao-bang-pla" not in message  # a unit id is no example of a kind id


def test_an_empty_per_unit_is_an_error_not_a_province_document(tmp_path) -> None:  # type: ignore[no-untyped-def]
    levels = LEVELS_YAML.replace("per_unit: [local]", "per_unit: []")
    [message] = problems_of(write_pack(tmp_path, levels=levels))
    assert "levels[1].documents[0].per_unit: per_unit ว่าง" in message


def test_per_unit_naming_a_kind_no_unit_has_is_an_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    units = UNITS_YAML.replace("subdistrict_municipality, district", "regional_agency, district").replace(
        "kind: sao, district", "kind: regional_agency, district"
    )  # no local body left
    [message] = problems_of(write_pack(tmp_path, units=units))
    assert "ข้อ 2.1 ต้องมีแยกตาม local แต่ units.yaml ไม่มีหน่วยงานประเภทนี้เลย" in message


def test_a_christian_era_fiscal_year_is_answered_with_the_buddhist_era(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pack = PACK_YAML.replace("fiscal_year: 2567", "fiscal_year: 2024")
    [message] = problems_of(write_pack(tmp_path, pack=pack))
    assert "pack.yaml:2:14: fiscal_year: " in message and "ใช้ปีพุทธศักราช: 2567 (พบ 2024)" in message


def test_a_date_outside_the_fiscal_year_names_the_window(tmp_path) -> None:  # type: ignore[no-untyped-def]
    levels = LEVELS_YAML.replace("date: 2567-01-17", "date: 2568-01-17", 1)
    [warning] = [str(w) for w in load_pack(write_pack(tmp_path, levels=levels)).warnings]
    assert "วันที่อยู่นอกปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)" in warning


QUOTED = """\
levels:
  - number: 1
    documents:
      - id: 1.1
        title: {first}
      - id: 1.2
        title: "รายงานการประชุม"
{filler}"""


@pytest.mark.parametrize("first", ['"บันทึกข้อความ (มอบหมายภารกิจ)', "'บันทึกข้อความ"])
def test_an_unclosed_quote_is_reported_where_it_opens(first: str) -> None:
    filler = "".join(f"      - id: 1.{n}\n        title: เอกสาร {n}\n" for n in range(3, 25))
    with pytest.raises(PackError) as caught:
        parse_yaml(QUOTED.format(first=first, filler=filler), "levels.yaml")
    [problem] = caught.value.problems
    assert (problem.location.line, problem.location.column) == (5, 16)
    assert "ที่เปิดตรงนี้ไม่ได้ปิด" in problem.message


def test_an_unquoted_colon_in_a_thai_title_asks_for_quotes() -> None:
    text = QUOTED.format(first="รายงานการประชุม : ครั้งที่ 1/2567", filler="")
    with pytest.raises(PackError) as caught:
        parse_yaml(text, "levels.yaml")
    [problem] = caught.value.problems
    assert problem.location.line == 5
    assert 'ใส่ข้อความทั้งหมดในเครื่องหมายคำพูด เช่น title: "…"' in problem.message


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_init_and_rollover_make_folders_others_can_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    old = os.umask(0o022)
    try:
        pack = init_pack(tmp_path / "new-2568", province="สมุทรสาคร", fiscal_year=2568)
        rolled = rollover(pack, 2569, tmp_path / "new-2569")
    finally:
        os.umask(old)
    for folder in (pack.root, rolled.target):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755, folder
        assert stat.S_IMODE((folder / "evidence").stat().st_mode) == 0o755


@pytest.mark.parametrize("drives", ["one drive", "evidence on another drive"])
def test_scaffold_names_orphans_prunes_them_and_follows_titles(tmp_path, monkeypatch, drives) -> None:  # type: ignore[no-untyped-def]
    pack = init_pack(tmp_path / "p", province="ทดสอบ", fiscal_year=2568)
    if drives != "one drive":  # as Windows answers for a path on D: seen from a pack on C:
        real = os.path.relpath

        def across_drives(path, start=None):  # type: ignore[no-untyped-def]
            if start is not None and Path(start).resolve() == pack.root.resolve():
                raise ValueError("path is on mount 'D:', start on mount 'C:'")
            return real(path, start)

        monkeypatch.setattr(os.path, "relpath", across_drives)
    levels = pack.root / "levels.yaml"
    text = levels.read_text(encoding="utf-8")
    text = text.replace("date: ~  # รอกำหนดวัน", "date: 2567-11-24", 1)  # 2.2's meeting is set
    start = text.index("      - id: 5.4")
    end = text.find("      - id:", start + 1)
    levels.write_text(text[:start] + (text[end:] if end != -1 else ""), encoding="utf-8")  # 5.4 removed
    (pack.evidence_root / "4.4 แผนการขับเคลื่อนการประเมิน ITA จังหวัดทดสอบ ปี 68" / "แผน.pdf").write_bytes(PDF)
    old = "evidence/2.2 หนังสือเชิญประชุม (รอกำหนดวัน)"
    orphan = "evidence/5.4 หนังสือมอบหมายประชาสัมพันธ์จังหวัด และภาคเอกชนในจังหวัด"

    loaded = load_pack(pack.root)
    outcome = scaffold(loaded, check(loaded))
    assert outcome.renamed == [(old, "evidence/2.2 หนังสือเชิญประชุม 24 พ.ย. 2567")]
    assert not (pack.root / old).exists()
    readme = pack.root / outcome.renamed[0][1] / "README.txt"
    assert "ข้อ 2.2 หนังสือเชิญประชุม 24 พ.ย. 2567" in readme.read_text(encoding="utf-8-sig")
    assert outcome.orphans == [orphan] and (pack.root / orphan).is_dir()

    outcome = scaffold(loaded, check(loaded), prune=True)
    assert outcome.pruned == [orphan] and not (pack.root / orphan).exists()
    assert (pack.evidence_root / "4.4 แผนการขับเคลื่อนการประเมิน ITA จังหวัดทดสอบ ปี 68" / "แผน.pdf").exists()
    assert scaffold(loaded, check(loaded)).orphans == []


def readme_block(after: str) -> str:
    """The first ``` block after the line holding `after` in the reference (REFERENCE.md)."""
    text = (EXAMPLE.parents[1] / "REFERENCE.md").read_text(encoding="utf-8")
    start = text.index("```", text.index(after)) + 3
    start = text.index("\n", start) + 1
    return textwrap.dedent(text[start : text.index("```", start)])


def run_cli(args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    monkeypatch.setattr(sys, "argv", ["itapack", *args])
    with pytest.raises(SystemExit):
        cli.main()
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_the_readme_shows_what_validate_and_init_print(
    tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLE, tmp_path / "examples" / "samutprakan-2567", ignore=shutil.ignore_patterns("evidence"))
    levels = tmp_path / "examples" / "samutprakan-2567" / "levels.yaml"
    levels.write_text(
        levels.read_text(encoding="utf-8").replace("per_unit: [province", "per_units: [province"), encoding="utf-8"
    )
    _, err = run_cli(["validate", "examples/samutprakan-2567"], monkeypatch, capsys)
    assert err == readme_block("Make a mistake on purpose")
    (tmp_path / "packs").mkdir()
    out, _ = run_cli(
        ["init", "packs/samutsakhon-2568", "--province", "สมุทรสาคร", "--fiscal-year", "2568"], monkeypatch, capsys
    )
    assert out == readme_block("the units. It prints:")
