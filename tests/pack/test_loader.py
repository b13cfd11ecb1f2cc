import os
from datetime import date
from pathlib import Path

import pytest

from itapack.errors import InputError, PackError
from itapack.pack.loader import leaves_folder, load_pack

from ..conftest import LEVELS_YAML, PACK_YAML, UNITS_YAML, write_pack

pytestmark = pytest.mark.usefixtures("english")  # these tests read the messages in English (--lang en)


def problems(root: Path) -> list[str]:
    """The messages, with file names shown relative to the pack as the tests write them."""
    with pytest.raises(PackError) as caught:
        load_pack(root)
    return [str(p).removeprefix(f"{root}{os.sep}") for p in caught.value.problems]


def one_problem(root: Path) -> str:
    found = problems(root)
    assert len(found) == 1, found
    return found[0]


def test_a_valid_pack_loads_with_its_derived_values(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path))
    assert pack.fiscal_year == 2567
    assert pack.window == (date(2023, 10, 1), date(2024, 9, 30))
    assert [d.id for d in pack.documents] == ["1.1", "1.2", "2.1", "2.2"]
    assert pack.title(pack.document_by_id["1.2"]) == "รายงานการประชุม 17 ม.ค. 2567"
    assert {u.id for u in pack.units_for(pack.document_by_id["2.1"])} == {"tt-bang-bo", "sao-bang-nam-phueng"}


def test_pack_argument_may_name_pack_yaml(tmp_path: Path) -> None:
    root = write_pack(tmp_path)
    assert load_pack(root / "pack.yaml").root == root


def test_id_1_10_stays_1_10(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("id: 1.1\n", "id: 1.10\n")
    pack = load_pack(write_pack(tmp_path, levels=levels))
    assert pack.documents[0].id == "1.10"


def test_not_a_pack_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no pack\.yaml"):
        load_pack(tmp_path)


def test_misspelt_key_gets_file_line_and_did_you_mean(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("        title: บันทึกข้อความ", "        titel: บันทึกข้อความ")
    assert one_problem(write_pack(tmp_path, levels=levels)) == (
        "levels.yaml:7:9: levels[0].documents[0].titel: unknown key 'titel'; did you mean 'title'?"
    )


def test_a_required_key_that_is_really_missing_is_said_so(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("        title: บันทึกข้อความ (มอบหมายภารกิจ)\n", "")
    assert "levels[0].documents[0].title: 'title' is required here but missing" in one_problem(
        write_pack(tmp_path, levels=levels)
    )


def test_wrong_type_says_what_was_expected(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("        types: [pdf]\n", "        min_files: หลายไฟล์\n")
    assert "should be a whole number (found 'หลายไฟล์')" in one_problem(write_pack(tmp_path, levels=levels))


def test_mapping_where_text_belongs(tmp_path: Path) -> None:
    pack = PACK_YAML.replace("province: ทดสอบ", "province: {name: ทดสอบ}")
    assert "pack.yaml:3:11: province: should be text" in one_problem(write_pack(tmp_path, pack=pack))


def test_problems_from_all_files_come_together(tmp_path: Path) -> None:
    pack = PACK_YAML + "colour: blue\n"
    units = UNITS_YAML.replace("kind: regional_agency}", "kind: regional_agency, colour: red}")
    found = problems(write_pack(tmp_path, pack=pack, units=units))
    assert [p.split(":")[0] for p in found] == ["pack.yaml", "units.yaml"]


def test_duplicate_document_id(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("id: 2.1\n", "id: 1.1\n")
    assert "document id 1.1 is used twice (first at line 6)" in one_problem(write_pack(tmp_path, levels=levels))


def test_per_unit_document_naming_an_unknown_kind(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("per_unit: [local]", "per_unit: [locals]")
    message = one_problem(write_pack(tmp_path, levels=levels))
    assert message.startswith("levels.yaml:18:20: levels[1].documents[0].per_unit[0]:")
    assert "unknown unit kind or group 'locals'; did you mean 'local'?" in message


def test_unit_of_unknown_kind_and_district(tmp_path: Path) -> None:
    units = UNITS_YAML.replace("kind: sao, district: bang-bo", "kind: oabt, district: bang-boo")
    found = problems(write_pack(tmp_path, units=units))
    assert any("unknown unit kind 'oabt'" in p for p in found)
    assert any("unknown district 'bang-boo'; did you mean 'bang-bo'?" in p for p in found)


def test_duplicate_unit_id(tmp_path: Path) -> None:
    units = UNITS_YAML.replace("id: tt-bang-bo", "id: pv-office")
    assert "unit id 'pv-office' is used twice (first at line 10)" in one_problem(write_pack(tmp_path, units=units))


def test_unit_id_must_be_ascii(tmp_path: Path) -> None:
    units = UNITS_YAML.replace("id: sao-bang-nam-phueng", "id: อบต")
    assert "units.yaml:12:10: units[2].id: 'อบต' is not an id" in one_problem(write_pack(tmp_path, units=units))


@pytest.mark.parametrize(
    ("replacement", "words"),
    [
        ("same_as: 1.3", "unknown document '1.3'"),
        ("same_as: 2.2", "cannot be the same as itself"),
        ("same_as: 2.1", "must be needed by the same units"),
    ],
)
def test_same_as_must_point_to_a_usable_document(tmp_path: Path, replacement: str, words: str) -> None:
    levels = LEVELS_YAML.replace("same_as: 1.2", replacement)
    assert words in one_problem(write_pack(tmp_path, levels=levels))


def test_same_as_with_its_own_folder_is_contradictory(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("same_as: 1.2", "same_as: 1.2\n        folder: อื่น")
    assert "'folder' has no effect with same_as" in one_problem(write_pack(tmp_path, levels=levels))


@pytest.mark.parametrize("evidence", ["../elsewhere", "/srv/evidence", "C:\\\\evidence", "a/../../b"])
def test_evidence_paths_that_leave_the_pack(tmp_path: Path, evidence: str) -> None:
    pack = PACK_YAML + f'evidence: "{evidence}"\n'
    assert "must stay inside the pack folder" in one_problem(write_pack(tmp_path, pack=pack))


def test_document_folder_that_leaves_the_pack(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("title: บันทึกข้อความ (มอบหมายภารกิจ)", "title: x\n        folder: ../../etc")
    assert "must stay inside the pack folder" in one_problem(write_pack(tmp_path, levels=levels))


def test_leaves_folder() -> None:
    assert not leaves_folder("evidence/../evidence2")
    assert not leaves_folder("./evidence")
    assert leaves_folder("..")
    assert leaves_folder("D:evidence")


def test_levels_missing_or_out_of_order(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("number: 2", "number: 3")
    message = one_problem(write_pack(tmp_path, levels=levels))
    assert "expected level 2 here, found level 3: level 2 is missing" in message


def test_target_level_above_the_levels(tmp_path: Path) -> None:
    pack = PACK_YAML + "target_level: 5\n"
    assert "target level 5 is above the highest level (2)" in one_problem(write_pack(tmp_path, pack=pack))


def test_unknown_placeholder(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("พ.ศ. {fy}", "พ.ศ. {fyy}")
    assert "unknown placeholder {fyy}; did you mean {fy}?" in one_problem(write_pack(tmp_path, levels=levels))


def test_ce_date_is_refused_with_the_be_date_to_write(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("date: 2567-01-17\n        same_as", "date: 2024-01-17\n        same_as")
    assert "write the Buddhist-era date 2567-01-17" in one_problem(write_pack(tmp_path, levels=levels))


def test_date_outside_the_fiscal_year_is_a_warning(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("date: 2567-01-17\n        same_as", "date: 2568-01-17\n        same_as")
    pack = load_pack(write_pack(tmp_path, levels=levels))
    assert [str(w).removeprefix(f"{pack.root}{os.sep}") for w in pack.warnings] == [
        "levels.yaml:22:15: levels[1].documents[1].date: "
        "the date is outside fiscal year 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)"
    ]


def test_format_version(tmp_path: Path) -> None:
    pack = PACK_YAML.replace("itapack: 1", "itapack: 3")
    message = one_problem(write_pack(tmp_path, pack=pack))
    assert "this itapack reads formats 1 to 2; a newer itapack is needed" in message


def test_be_fiscal_year_is_required_not_ce(tmp_path: Path) -> None:
    pack = PACK_YAML.replace("fiscal_year: 2567", "fiscal_year: 2024")
    assert (
        "fiscal_year: the fiscal year is a Buddhist-era year: use the Buddhist era: 2567 (found 2024)"
        in one_problem(write_pack(tmp_path, pack=pack))
    )
