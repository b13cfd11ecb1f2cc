"""The catalogue at work: scores read by the year's rules, the pack's own catalogue for a year
itapack has none of, --catalogue, and init --organisation's item list."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from itapack.errors import InputError
from itapack.scores.catalogue import Catalogue, parse_catalogue
from itapack.scores.command import ScoresRun, run
from itapack.scores.importing import ResultsFileError
from itapack.scores.text import write_run
from itapack.year.newpack import init_pack, oit_catalogue

from ..conftest import write_pack
from .conftest import MEASURES_SECTIONS
from .test_catalogue import load_template_filled


def pack_of(root: Path, year: int) -> Path:
    organisation = "organisation: {kind: local, name: เทศบาลตำบลบางปลา}"
    pack = f"itapack: 2\nfiscal_year: {year}\n{organisation}\nscoring: checklist\n"
    return write_pack(root, pack=pack, levels=MEASURES_SECTIONS, units=None, structure_file="sections.yaml")


def results_file(folder: Path, text: str) -> Path:
    path = folder / "ผลITA.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def shown(outcome: ScoresRun) -> str:
    stream = io.StringIO()
    write_run(stream, outcome)
    return stream.getvalue()


def test_a_2568_body_at_94_64_with_eit_under_85_is_rated_pass(tmp_path: Path) -> None:
    root = pack_of(tmp_path / "p", 2568)
    given = results_file(tmp_path, "total: 94.64\ngrade: ผ่าน\niit: 96.10\neit: 84.50\noit: 99.00\n")
    outcome = run(root, given)
    assert outcome.now is not None and outcome.now.grade == "ผ่าน"
    text = shown(outcome)
    assert "94.64 คะแนน ระดับ ผ่าน" in text
    assert "ผลระดับประเทศ ปี 2568" in text and "8,317" in text and "หน่วยงานนี้ 94.64 (+0.82 จากค่าเฉลี่ย)" in text
    assert "ที่มาของเกณฑ์และตัวเลข (แคตตาล็อกปี 2568 มีส่วนที่ยังไม่ยืนยันกับคู่มือการประเมิน)" in text


def test_a_rating_the_rules_do_not_give_is_refused_at_its_line(tmp_path: Path) -> None:
    root = pack_of(tmp_path / "p", 2568)
    given = results_file(tmp_path, "total: 94.64\niit: 96.10\neit: 84.50\noit: 99.00\ngrade: ผ่านดี\n")
    with pytest.raises(ResultsFileError) as caught:
        run(root, given)
    [problem] = caught.value.problems
    assert problem.location.line == 5 and "ผ่านดี" in problem.message and "ระดับ ผ่าน" in problem.message
    # Without the tools' scores the total alone leaves ผ่านดี or ผ่าน: not ต้องปรับปรุง.
    given.write_text("total: 94.64\ngrade: ต้องปรับปรุง\n", encoding="utf-8")
    with pytest.raises(ResultsFileError) as caught:
        run(root, given)
    assert "ซึ่งอยู่ในระดับ ผ่านดี หรือ ผ่าน" in str(caught.value.problems[0])
    given.write_text("total: 94.64\ngrade: ผ่าน\n", encoding="utf-8")
    assert run(root, given).now.grade == "ผ่าน"  # type: ignore[union-attr]
    given.write_text("total: 94.64\ngrade: AA\n", encoding="utf-8")  # the old bands are not 2568's
    with pytest.raises(ResultsFileError) as caught:
        run(root, given)
    assert "ใช้ ผ่านดีเยี่ยม, ผ่านดี, ผ่าน, ต้องปรับปรุง, ต้องปรับปรุงโดยด่วน" in str(caught.value.problems[0])


def test_a_derived_rating_is_marked_so(tmp_path: Path) -> None:
    root = pack_of(tmp_path / "p", 2568)
    outcome = run(root, results_file(tmp_path, "total: 96.00\niit: 96.00\neit: 95.50\noit: 97.00\n"))
    assert outcome.now is not None and outcome.now.grade is None  # only what the file says is stored
    assert "ระดับ ผ่านดีเยี่ยม (คำนวณตามเกณฑ์ของแคตตาล็อก ไม่ใช่ค่าที่ประกาศ)" in shown(outcome)


def test_indicators_of_a_year_whose_indicators_are_not_known_say_how_to_add_them(tmp_path: Path) -> None:
    root = pack_of(tmp_path / "p", 2568)
    with pytest.raises(ResultsFileError) as caught:
        run(root, results_file(tmp_path, 'total: 94.64\nindicators: {"1": 90.00}\n'))
    [problem] = caught.value.problems
    assert problem.location.line == 2 and "--catalogue-template 2568" in problem.message


def test_a_year_without_any_catalogue_says_how_to_add_one(tmp_path: Path) -> None:
    root = pack_of(tmp_path / "p", 2570)
    with pytest.raises(InputError, match="--catalogue-template 2570"):
        run(root, results_file(tmp_path, "total: 90.00\n"))


def test_the_packs_own_catalogue_reads_a_year_itapack_has_none_of(tmp_path: Path) -> None:
    root = pack_of(tmp_path / "p", 2570)
    (root / "catalogue-2570.yaml").write_text(load_template_filled(2570), encoding="utf-8")
    outcome = run(root, results_file(tmp_path, 'total: 91.00\nindicators: {"1": 96.00, "2": 84.00, "3": 93.00}\n'))
    assert outcome.catalogue.fiscal_year == 2570 and outcome.now is not None
    text = shown(outcome)
    assert "ตัวชี้วัดที่ 2 คุณภาพการดำเนินงาน" in text
    assert "ระดับ ผ่าน (คำนวณ" in text  # EIT 84 (its one indicator, derived): not ผ่านดี
    assert "https://itas.nacc.go.th/manual-2570.pdf" in text


def test_catalogue_option_of_another_year_is_refused(tmp_path: Path) -> None:
    root = pack_of(tmp_path / "p", 2568)
    other = tmp_path / "catalogue-2570.yaml"
    other.write_text(load_template_filled(2570), encoding="utf-8")
    with pytest.raises(InputError, match="2570"):
        run(root, None, catalogue_file=other)


def with_items(year: int) -> Catalogue:
    return parse_catalogue(with_items_text(year), "c.yaml")


def with_items_text(year: int) -> str:
    items = """
oit_items:
  basis: src
  sections:
    - title: การเปิดเผยข้อมูล
      items:
        - {id: o1, title: โครงสร้าง, show: [แผนผังโครงสร้างการแบ่งส่วนราชการ], window: fiscal_year}
        - {id: o2, title: ข้อมูลผู้บริหาร, note: "เป็นข้อมูลในปี พ.ศ. {fy}"}
"""
    return load_template_filled(year).replace("notes: []", items + "\nnotes: []")


def test_init_organisation_takes_the_items_of_the_catalogue_given(tmp_path: Path) -> None:
    catalogue = with_items(2570)
    pack = init_pack(tmp_path / "oit", organisation="เทศบาลตำบลบางปลา", fiscal_year=2570, items=catalogue)
    assert [d.id for d in pack.documents] == ["o1", "o2"]
    assert pack.text(pack.documents[1].note) == "เป็นข้อมูลในปี พ.ศ. 2570"
    assert "จากรายการข้อ OIT ในแคตตาล็อกของ ITA ปี 2570" in (pack.root / "sections.yaml").read_text(encoding="utf-8")


def test_init_organisation_uses_the_latest_year_whose_items_are_known() -> None:
    assert oit_catalogue(2570).fiscal_year == 2566  # 2567 and 2568 list no items
    assert oit_catalogue(2566).fiscal_year == 2566
    assert oit_catalogue(2560).fiscal_year == 2566  # before any: the first known
    with pytest.raises(InputError, match="oit_items"):
        oit_catalogue(2570, parse_catalogue(load_template_filled(2570), "c.yaml"))


def test_command_line_template_fill_import(tmp_path: Path) -> None:
    from ..test_cli import itapack

    root = pack_of(tmp_path / "p", 2570)
    code, out, err = itapack("scores", root, "--catalogue-template", "2570")
    written = root / "catalogue-2570.yaml"
    assert code == 0, err
    assert f"เขียน {written} แล้ว: กรอกบรรทัดที่มี FILL IN" in out and written.is_file()
    assert itapack("scores", root, "--catalogue-template", "2570")[0] == 0  # untouched: its own, replaced
    code, _, err = itapack("scores", root, "--import", results_file(tmp_path, "total: 90.00\n"))
    line = next(n for n, text in enumerate(written.read_text(encoding="utf-8").splitlines(), 1) if 'source: ""' in text)
    assert code == 2 and f"catalogue-2570.yaml:{line}:13: provenance[0].source" in err  # still to fill
    written.write_text(load_template_filled(2570), encoding="utf-8")
    assert itapack("scores", root, "--catalogue-template", "2570")[0] == 3  # filled in: kept, not replaced
    code, out, err = itapack("scores", root, "--import", results_file(tmp_path, "total: 90.00\n"))
    assert code == 0, err
    assert "ที่มาของเกณฑ์และตัวเลข (แคตตาล็อกปี 2570" in out and "คู่มือการประเมิน ITA" in out


def test_command_line_catalogue_option(tmp_path: Path) -> None:
    from ..test_cli import itapack

    root = pack_of(tmp_path / "p", 2570)
    elsewhere = tmp_path / "กรอบ 2570.yaml"
    code, out, err = itapack("scores", root, "--catalogue-template", "2570", "-o", elsewhere)
    assert code == 0 and f"--catalogue {elsewhere}" in out, err
    elsewhere.write_text(load_template_filled(2570), encoding="utf-8")
    given = results_file(tmp_path, "total: 90.00\n")
    code, out, err = itapack("scores", root, "--import", given, "--catalogue", elsewhere)
    assert code == 0 and "https://itas.nacc.go.th/manual-2570.pdf" in out, err  # the given catalogue read
    assert itapack("scores", root, "--import", given, "--catalogue", tmp_path / "ไม่มี.yaml")[0] == 2


def test_command_line_init_says_which_years_items_it_used(tmp_path: Path) -> None:
    from ..test_cli import itapack

    code, out, err = itapack("init", tmp_path / "a", "--organisation", "อบต.บางปลา", "--fiscal-year", "2570")
    assert code == 0, err
    assert "รายการข้อ OIT จากแคตตาล็อกปี 2566 (ยังไม่มีรายการข้อของปี 2570" in out
    elsewhere = tmp_path / "กรอบ 2570.yaml"
    elsewhere.write_text(with_items_text(2570), encoding="utf-8")
    code, out, err = itapack(
        "init", tmp_path / "b", "--organisation", "อบต.บางปลา", "--fiscal-year", "2570", "--catalogue", elsewhere
    )
    assert code == 0, err
    assert "รายการข้อ OIT จากแคตตาล็อกปี 2570\n" in out
    code, _, err = itapack("init", tmp_path / "c", "--province", "สมุทรสาคร", "--catalogue", elsewhere)
    assert code == 2 and "--catalogue ใช้กับ --organisation" in err and not (tmp_path / "c").exists()


def test_a_rating_written_by_hand_that_the_year_does_not_name_is_warned_of(tmp_path: Path) -> None:
    root = pack_of(tmp_path / "p", 2568)
    text = (root / "pack.yaml").read_text(encoding="utf-8") + "results: {total: 94.64, grade: ผ่านดีมาก}\n"
    (root / "pack.yaml").write_text(text, encoding="utf-8")
    [warning] = run(root, None).warnings
    assert "ระดับผล 'ผ่านดีมาก' ไม่มีในแคตตาล็อกปี 2568" in str(warning) and str(warning).startswith(str(root))
