"""itapack init: a new pack that validates and checks straight away."""

import json
from datetime import date
from pathlib import Path

import pytest

from itapack.errors import OutputError
from itapack.pack.loader import load_pack
from itapack.year.newpack import current_fiscal_year, init_pack

from ..conftest import run_check
from ..test_cli import itapack

pytestmark = pytest.mark.usefixtures("english")  # these tests read the messages in English (--lang en)


def test_new_pack_validates_and_everything_is_missing(tmp_path: Path) -> None:
    pack = init_pack(tmp_path / "samutsakhon-2568", province="จังหวัดสมุทรสาคร", fiscal_year=2568)
    assert (pack.info.province, pack.info.office) == ("สมุทรสาคร", "สำนักงานจังหวัดสมุทรสาคร")
    assert pack.text(pack.info.title).endswith("จังหวัดสมุทรสาคร")
    assert [d.id for d in pack.documents][:3] == ["1.1", "2.1", "2.2"] and len(pack.documents) == 23
    result = run_check(pack.root)
    assert result.level_reached == 0
    assert {str(r.status) for r in result.requirements} == {"missing"}
    agreements = next(d for d in result.documents if d.id == "3.1")
    assert [(r.unit, r.expected) for r in agreements.requirements] == [(None, "units.yaml")]  # list the units
    assert any("3.1 is needed per unit, but units.yaml lists none" in str(w) for w in pack.warnings)
    assert (pack.root / "evidence" / "1.1 บันทึกข้อความ (มอบหมายภารกิจ)" / "README.txt").is_file()


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("keep")
    with pytest.raises(OutputError, match="not an empty folder"):
        init_pack(tmp_path, province="สมุทรสาคร", fiscal_year=2568)
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_current_fiscal_year_turns_in_october() -> None:
    assert current_fiscal_year(date(2024, 9, 30)) == 2567
    assert current_fiscal_year(date(2024, 10, 1)) == 2568


def test_command(tmp_path: Path) -> None:
    code, out, err = itapack("init", tmp_path / "new", "--province", "สมุทรสาคร", "--fiscal-year", "2568")
    assert code == 0, err
    assert "ชุดเอกสารใหม่ของจังหวัดสมุทรสาคร ปีงบประมาณ 2568" in out
    assert itapack("check", tmp_path / "new")[0] == 1
    assert load_pack(tmp_path / "new").fiscal_year == 2568
    assert itapack("init", tmp_path / "new", "--province", "สมุทรสาคร")[0] == 3
    assert itapack("init", tmp_path / "other", "--province", "สมุทรสาคร", "--fiscal-year", "2024")[0] == 2


def test_a_bodys_oit_pack_starts_from_the_ita_2566_items(tmp_path: Path) -> None:
    target = tmp_path / "bang-pla-oit-2568"
    code, out, err = itapack(
        "init", target, "--organisation", "องค์การบริหารส่วนตำบลบางปลา", "--parent", "อำเภอบางพลี", "--fiscal-year", "2568"
    )
    assert code == 0, err
    assert "ชุดเอกสาร OIT ใหม่ขององค์การบริหารส่วนตำบลบางปลา ปีงบประมาณ 2568" in out
    assert sorted(p.name for p in target.iterdir()) == ["evidence", "pack.yaml", "sections.yaml"]
    pack = load_pack(target)
    assert (pack.organisation.kind, pack.organisation.parent) == ("local", "อำเภอบางพลี")
    assert not pack.ladder
    assert [doc.id for doc in pack.documents] == ["o36", "o37", "o38", "o39", "o40", "o41", "o42", "o43"]
    assert all(doc.url is None for doc in pack.documents)  # the body adds its own pages
    result = run_check(target)
    o37 = next(doc for doc in result.documents if doc.id == "o37")
    assert "6 เดือนแรกของปี พ.ศ. 2568" in (o37.note or "")  # {fy} is the new year, not 2566
    assert o37.window == (date(2024, 10, 1), date(2025, 3, 31))
    assert (target / "evidence" / "o36 แผนปฏิบัติการป้องกันการทุจริต").is_dir()
    code, out, _ = itapack("check", target, "--format", "json")
    summary = json.loads(out)["summary"]
    assert code == 1 and (summary["score"], summary["missing"]) == (0, 8)


def test_init_needs_a_province_or_an_organisation_not_both(tmp_path: Path) -> None:
    for args in ([], ["--province", "สมุทรสาคร", "--organisation", "อบต.บางปลา"]):
        code, _, err = itapack("init", tmp_path / "x", "--fiscal-year", "2568", *args)
        assert code == 2 and "--province" in err and "--organisation" in err, err
        assert not (tmp_path / "x").exists()
    code, _, err = itapack("init", tmp_path / "x", "--organisation", "อบต.บางปลา", "--kind", "sao")
    assert code == 2 and "local, regional" in err, err
