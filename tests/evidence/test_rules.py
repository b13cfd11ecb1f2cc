"""Rules of the deciding core that mutation testing (README, "Mutation testing") found no test stating.

Each test names one rule of evidence/match.py or evidence/decide.py; a change that breaks the rule
fails here, with the rule in the test's name.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from itapack.evidence.result import CriterionText, Requirement, Status

from ..conftest import (
    COMPLETE,
    DOCX,
    EXAMPLE,
    HTML,
    LEVELS_YAML,
    PACK_YAML,
    PDF,
    UNITS_YAML,
    run_check,
    status_of,
    write_pack,
)
from .test_verdicts import rejected_of

UNITS = None  # these ladders owe nothing per unit
SAO = "sao-bang-nam-phueng"
COMPLETE_BODY = {name: files for name, files in COMPLETE.items() if not name.startswith("2.1")}  # no per-unit


def ladder(pass_percent: int | None) -> str:
    """One level: a heavy document and a light one, the light one's share under 0.005 %."""
    percent = f"    pass_percent: {pass_percent}\n" if pass_percent is not None else ""
    return f"""\
levels:
  - number: 1
{percent}    documents:
      - {{id: "1.1", title: บันทึกข้อความ, weight: 100000}}
      - {{id: "1.2", title: รายงานการประชุม, weight: 1}}
"""


def test_a_level_of_100_percent_needs_every_document_not_a_score_that_rounds_to_100(tmp_path: Path) -> None:
    """1.2 missing leaves 99.999 %, which the score rounds to 100.00: the level is still not reached."""
    evidence = {"1.1 บันทึกข้อความ": {"a.pdf": PDF}}
    for pass_percent in (None, 100):  # 100 is the default: written or not, the rule is the same
        root = write_pack(tmp_path / f"p{pass_percent}", levels=ladder(pass_percent), units=UNITS, evidence=evidence)
        result = run_check(root)
        (level,) = result.sections
        assert level.score == 100.0  # rounded to two places
        assert (level.complete, level.reached, result.level_reached) == (False, False, 0)


def test_a_level_below_100_percent_is_reached_by_its_score(tmp_path: Path) -> None:
    evidence = {"1.1 บันทึกข้อความ": {"a.pdf": PDF}}
    result = run_check(write_pack(tmp_path / "p", levels=ladder(99), units=UNITS, evidence=evidence))
    (level,) = result.sections
    assert (level.complete, level.reached, result.level_reached) == (True, True, 1)


# --- files named with an id, outside every document's folder (match.place_by_name) ---------------

TITLE_1_1 = "        title: บันทึกข้อความ (มอบหมายภารกิจ)\n"  # the line of LEVELS_YAML after which 1.1's keys go
LEVELS_WITH_A_PATTERN = LEVELS_YAML.replace(TITLE_1_1, f'{TITLE_1_1}        patterns: ["*มอบหมาย*"]\n')


def strays_of(result) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    return [(s.path, s.reason, s.hint, s.document) for s in result.strays]


def test_a_per_unit_file_outside_its_folder_needs_its_units_name(tmp_path: Path) -> None:
    evidence = {**COMPLETE_BODY, "2.1 คำรับรอง.pdf": PDF, "2.1 คำรับรอง อบต.บางน้ำผึ้ง.pdf": PDF}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert strays_of(result) == [("evidence/2.1 คำรับรอง.pdf", "needs-unit", "", "2.1")]
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "ok"
    assert status_of(result, "2.1", "tt-bang-bo") == "missing"


def test_a_file_named_with_an_id_must_still_fit_the_documents_patterns(tmp_path: Path) -> None:
    evidence = {"1.1 สำเนา.pdf": PDF, "1.1 มอบหมาย.pdf": PDF}
    result = run_check(write_pack(tmp_path / "p", levels=LEVELS_WITH_A_PATTERN, evidence=evidence))
    assert ("evidence/1.1 สำเนา.pdf", "no-pattern", "", "1.1") in strays_of(result)
    (requirement,) = next(d for d in result.documents if d.id == "1.1").requirements
    assert [f.path for f in requirement.files] == ["evidence/1.1 มอบหมาย.pdf"]


def test_a_file_in_a_units_folder_naming_its_document_and_another_serves_both(tmp_path: Path) -> None:
    """ "2.1 1.1 รวม.pdf" in 2.1's folder for อบต.บางน้ำผึ้ง: 2.1 for that unit, and the body's own 1.1."""
    evidence = {"2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง": {"2.1 1.1 รวม.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "ok"
    assert status_of(result, "2.1", "tt-bang-bo") == "missing"
    assert status_of(result, "1.1") == "ok"
    assert result.strays == ()


@pytest.mark.parametrize(
    ("name", "hint", "near"),
    [
        ("1,1 บันทึก.pdf", "1,1", "1.1"),  # 1.1 with a comma for the dot
        ("2,1 คำรับรอง.pdf", "2,1", "2.1"),
        ("แฟ้ม/๑-๑ บันทึก.pdf", "1-1", "1.1"),  # Thai digits, a hyphen, in a folder
        ("9,9 บันทึก.pdf", "1.1, 1.2, 2.1", ""),  # no such document: the first ids as examples
    ],
)
def test_a_name_that_leads_with_no_id_says_which_id_it_likely_means(
    tmp_path: Path, name: str, hint: str, near: str
) -> None:
    folder, _, file = name.rpartition("/")
    evidence: dict = {folder: {file: PDF}} if folder else {file: PDF}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert strays_of(result) == [(f"evidence/{name}", "no-document", hint, near)]


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("1,2 รายงาน.pdf", "1,2"),  # no document 2.2 here: both numbers typed make the id
        ("1 - 2 รายงาน.pdf", "1 - 2"),  # spaces around the dash: the hint is all that was typed
    ],
)
def test_the_id_a_mistyped_name_likely_means_is_made_of_both_numbers_typed(
    tmp_path: Path, name: str, hint: str
) -> None:
    """A document's evidence named "1,2" or "1 - 2" for the id 1.2: the stray says 1.2, and the
    hint says the name's lead as the clerk typed it."""
    result = run_check(write_pack(tmp_path / "p", levels=ladder(None), units=UNITS, evidence={name: PDF}))
    assert strays_of(result) == [(f"evidence/{name}", "no-document", hint, "1.2")]


def test_a_file_in_a_units_own_folder_that_names_no_document_says_the_unit(tmp_path: Path) -> None:
    evidence = {"อบต.บางน้ำผึ้ง": {"1,1 บันทึก.pdf": PDF}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert strays_of(result) == [
        ("evidence/อบต.บางน้ำผึ้ง/1,1 บันทึก.pdf", "no-document-in-unit", "องค์การบริหารส่วนตำบลบางน้ำผึ้ง", "")
    ]


# --- folders below a document's folder (match.descend, found_unit, unknown_unit) -----------------

TWO_PER_UNIT = (
    LEVELS_YAML
    + """\
      - id: 2.3
        title: แผนปฏิบัติการ
        per_unit: [local]
"""
)


def test_a_folder_of_two_per_unit_documents_serves_both_in_every_unit_below(tmp_path: Path) -> None:
    evidence = {
        "2.1 2.3 รวม": {
            "อบต.บางน้ำผึ้ง": {"a.pdf": PDF},  # a unit straight below
            "ชุดที่ 2": {"ทต.บางบ่อ": {"b.pdf": PDF}},  # a unit below a folder that names none
        }
    }
    result = run_check(write_pack(tmp_path / "p", levels=TWO_PER_UNIT, evidence=evidence))
    for document in ("2.1", "2.3"):
        assert status_of(result, document, "sao-bang-nam-phueng") == "ok"
        assert status_of(result, document, "tt-bang-bo") == "ok"
    assert result.strays == ()


def test_a_document_folder_inside_a_units_folder_counts_for_that_unit(tmp_path: Path) -> None:
    evidence = {"2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง": {"a.pdf": PDF, "2.3 แผน": {"b.pdf": PDF}}}}
    result = run_check(write_pack(tmp_path / "p", levels=TWO_PER_UNIT, evidence=evidence))
    assert status_of(result, "2.3", "sao-bang-nam-phueng") == "ok"
    assert status_of(result, "2.3", "tt-bang-bo") == "missing"
    assert result.strays == ()


def test_a_subfolder_of_the_bodys_own_document_is_its_evidence_not_a_unit(tmp_path: Path) -> None:
    evidence = {"1.1 บันทึกข้อความ": {"ฉบับลงนาม": {"a.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert status_of(result, "1.1") == "ok"
    assert result.strays == ()


def test_loose_files_of_a_folder_that_turns_out_to_group_units_are_reported_beside_the_others(
    tmp_path: Path,
) -> None:
    evidence = {
        "9,9 บันทึก.pdf": PDF,
        "2.1 คำรับรอง": {"ชุดที่ 1": {"สรุป.pdf": PDF, "อบต.บางน้ำผึ้ง": {"a.pdf": PDF}}},
    }
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert [(s.path, s.reason) for s in result.strays] == [
        ("evidence/2.1 คำรับรอง/ชุดที่ 1/สรุป.pdf", "unknown-unit"),
        ("evidence/9,9 บันทึก.pdf", "no-document"),
    ]
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "ok"


def test_a_units_folder_may_lead_with_a_number_but_a_number_after_its_name_is_part_of_it(tmp_path: Path) -> None:
    """ "(1) อบต.บางน้ำผึ้ง" is the อบต.: a leading number ("01 ", "1. ", "(1) ") is set aside.
    "ทต.บางบ่อ (2)" names no unit: only the number in front is, not one after the name."""
    evidence = {"2.1 คำรับรอง": {"(1) อบต.บางน้ำผึ้ง": {"a.pdf": PDF}, "ทต.บางบ่อ (2)": {"b.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert (status_of(result, "2.1", SAO), status_of(result, "2.1", "tt-bang-bo")) == ("ok", "missing")
    assert strays_of(result) == [("evidence/2.1 คำรับรอง/ทต.บางบ่อ (2)", "unknown-unit", "เทศบาลตำบลบางบ่อ", "2.1")]


def test_a_folder_named_by_a_units_id_is_that_unit_even_when_the_id_leads_with_a_number(tmp_path: Path) -> None:
    """An id such as "5110101-bnp" (a local body's code first) is the whole name, not a number
    before "bnp"."""
    units = UNITS_YAML.replace("{id: sao-bang-nam-phueng,", "{id: 5110101-bnp,")
    evidence = {"2.1 คำรับรอง": {"5110101-bnp": {"a.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "p", units=units, evidence=evidence))
    assert status_of(result, "2.1", "5110101-bnp") == "ok"
    assert result.strays == ()


def test_a_folder_naming_no_unit_is_reported_once_with_the_closest_name(tmp_path: Path) -> None:
    evidence = {
        "2.1 คำรับรอง": {
            "อบต.บางน้ำผึ้ง": {"a.pdf": PDF},
            "อบต.บางน้ำผึง": {"b.pdf": PDF, "c.pdf": PDF},  # a letter short: said, its files not repeated
            "กองคลัง": {"d.pdf": PDF},  # like no unit at all: no name to suggest
            "สำนักงานจังหวัดทดสอบ": {"e.pdf": PDF},  # a real unit, but not one that owes 2.1
        }
    }
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert strays_of(result) == [
        ("evidence/2.1 คำรับรอง/กองคลัง", "unknown-unit", "", "2.1"),
        ("evidence/2.1 คำรับรอง/สำนักงานจังหวัดทดสอบ", "unit-not-needed", "สำนักงานจังหวัดทดสอบ", "2.1"),
        ("evidence/2.1 คำรับรอง/อบต.บางน้ำผึง", "unknown-unit", "องค์การบริหารส่วนตำบลบางน้ำผึ้ง", "2.1"),
    ]


@pytest.mark.parametrize("folder", ["'หลักฐาน\\บันทึก'", "./หลักฐาน/บันทึก/", "หลักฐาน//บันทึก"])
def test_a_documents_own_folder_is_found_however_its_path_is_written(tmp_path: Path, folder: str) -> None:
    levels = LEVELS_YAML.replace(TITLE_1_1, f"{TITLE_1_1}        folder: {folder}\n")
    result = run_check(write_pack(tmp_path / "p", levels=levels, evidence={"หลักฐาน": {"บันทึก": {"a.pdf": PDF}}}))
    assert status_of(result, "1.1") == "ok"


# --- decide: excuses and files dated after today -------------------------------------------------

SHARING_2_1 = (
    LEVELS_YAML
    + """\
      - id: 2.3
        title: คำรับรอง (ฉบับส่งจังหวัด)
        same_as: 2.1
        per_unit: [local]
"""
)


def excusing(document: str) -> str:
    return UNITS_YAML.replace(
        "district: bang-bo}\n  - {id: sao-bang-nam-phueng",
        f'district: bang-bo,\n     not_applicable: {{"{document}": "ยุบรวม"}}}}\n  - {{id: sao-bang-nam-phueng',
    )


def test_a_unit_excused_from_a_document_is_excused_from_the_documents_that_share_its_evidence(
    tmp_path: Path,
) -> None:
    result = run_check(write_pack(tmp_path / "p", levels=SHARING_2_1, units=excusing("2.1")))
    assert status_of(result, "2.1", "tt-bang-bo") == status_of(result, "2.3", "tt-bang-bo") == "not_applicable"
    assert status_of(result, "2.3", "sao-bang-nam-phueng") == "missing"


ONE_FILE_EACH = {"2.1 คำรับรอง": {"ทต.บางบ่อ": {"a.pdf": PDF}, "อบต.บางน้ำผึ้ง": {"a.pdf": PDF}}}


def test_an_excused_unit_is_not_applicable_even_with_one_sound_file_there(tmp_path: Path) -> None:
    """What is there is not asked for: the excuse decides, not the file (nor its being alone)."""
    result = run_check(write_pack(tmp_path / "p", units=excusing("2.1"), evidence=ONE_FILE_EACH))
    assert status_of(result, "2.1", "tt-bang-bo") == "not_applicable"
    assert status_of(result, "2.1", SAO) == "ok"


def test_a_document_excused_for_everyone_is_not_applicable_even_with_one_sound_file_each(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("        types: [pdf]\n", "        types: [pdf]\n        not_applicable: ยกเลิกปีนี้\n")
    result = run_check(write_pack(tmp_path / "p", levels=levels, evidence=ONE_FILE_EACH))
    assert status_of(result, "2.1", "tt-bang-bo") == status_of(result, "2.1", SAO) == "not_applicable"


def test_an_excuse_from_the_sharing_document_leaves_the_shared_one_owed(tmp_path: Path) -> None:
    result = run_check(write_pack(tmp_path / "p", levels=SHARING_2_1, units=excusing("2.3")))
    assert status_of(result, "2.3", "tt-bang-bo") == "not_applicable"
    assert status_of(result, "2.1", "tt-bang-bo") == "missing"


def test_a_file_dated_after_today_is_rejected_with_its_path_size_and_the_date_it_names(tmp_path: Path) -> None:
    evidence = {"1.2 รายงานการประชุม": {"ประชุม 24 พ.ย. 67.pdf": PDF, "ประชุม 1 ม.ค. 67.pdf": PDF}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence), date(2024, 6, 1))
    (requirement,) = next(d for d in result.documents if d.id == "1.2").requirements
    assert [f.name for f in requirement.files] == ["ประชุม 1 ม.ค. 67.pdf"]
    (item,) = requirement.rejected
    assert item == ("evidence/1.2 รายงานการประชุม/ประชุม 24 พ.ย. 67.pdf", len(PDF), "future", "24 พ.ย. 67", "")


def test_a_document_folder_in_the_folder_of_a_unit_that_does_not_owe_it_is_reported(tmp_path: Path) -> None:
    evidence = {"สำนักงานจังหวัดทดสอบ": {"2.1 คำรับรอง": {"a.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert ("evidence/สำนักงานจังหวัดทดสอบ/2.1 คำรับรอง", "unit-not-needed", "สำนักงานจังหวัดทดสอบ", "2.1") in (
        strays_of(result)
    )


def test_what_is_wrong_with_a_file_is_said_before_that_it_names_another_unit(tmp_path: Path) -> None:
    evidence = {"2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง": {"คำรับรอง ทต.บางบ่อ.pdf": b""}}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    requirement = next(d for d in result.documents if d.id == "2.1").requirements
    (item,) = next(r for r in requirement if r.unit == "sao-bang-nam-phueng").rejected
    assert item.reason == "empty"


# --- what nothing there means on a day (decide.missing_status) ----------------------------------


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2024, 3, 16), "not_started"),  # 15 days before
        (date(2024, 3, 17), "due_soon"),  # 14 days before: the last due_soon_days count
        (date(2024, 3, 31), "due_soon"),  # the due date itself is still in time
        (date(2024, 4, 1), "overdue"),  # the day after
    ],
)
def test_nothing_there_is_not_started_due_soon_within_14_days_and_overdue_after_the_date(
    tmp_path: Path, today: date, status: str
) -> None:
    levels = LEVELS_YAML.replace(TITLE_1_1, f"{TITLE_1_1}        due: 2567-03-31\n")
    result = run_check(write_pack(tmp_path / "p", levels=levels), today)
    assert status_of(result, "1.1") == status
    assert status_of(result, "1.2") == "missing"  # no due date: missing, whatever the day


# --- files inside a document's folder (match.place) -----------------------------------------------


def test_a_file_in_a_documents_folder_naming_only_another_document_serves_the_folders(tmp_path: Path) -> None:
    """The folder says what its files serve; only a name that leads with this document and others
    too ("2.1 1.1 รวม.pdf") serves the others as well."""
    evidence = {"1.1 บันทึกข้อความ": {"1.2 รายงาน.pdf": PDF}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert (status_of(result, "1.1"), status_of(result, "1.2")) == ("ok", "missing")


def test_a_loose_file_in_a_per_unit_folder_naming_no_unit_is_reported(tmp_path: Path) -> None:
    evidence = {"2.1 คำรับรอง": {"สรุป.pdf": PDF, "อบต.บางน้ำผึ้ง.docx": DOCX}}
    levels = LEVELS_YAML.replace("        types: [pdf]\n", '        types: [pdf]\n        patterns: ["*.*"]\n')
    result = run_check(write_pack(tmp_path / "p", levels=levels, evidence=evidence))
    assert [(s.path, s.reason, s.document) for s in result.strays] == [
        ("evidence/2.1 คำรับรอง/สรุป.pdf", "unknown-unit", "2.1")
    ]
    requirement = next(r for r in next(d for d in result.documents if d.id == "2.1").requirements if r.rejected)
    assert requirement.unit == "sao-bang-nam-phueng"  # named after its unit: it counts there, as a wrong type
    assert [(r.path, r.reason) for r in requirement.rejected] == [("evidence/2.1 คำรับรอง/อบต.บางน้ำผึ้ง.docx", "type")]


def test_a_loose_file_named_after_its_unit_must_fit_the_documents_patterns(tmp_path: Path) -> None:
    evidence = {"2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง.pdf": PDF}}
    levels = LEVELS_YAML.replace("        types: [pdf]\n", '        types: [pdf]\n        patterns: ["*คำรับรอง*"]\n')
    result = run_check(write_pack(tmp_path / "p", levels=levels, evidence=evidence))
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "missing"
    assert [s.path for s in result.strays] == ["evidence/2.1 คำรับรอง/อบต.บางน้ำผึ้ง.pdf"]


def test_a_file_named_after_a_unit_makes_the_folder_around_it_a_grouping_folder(tmp_path: Path) -> None:
    evidence = {"2.1 คำรับรอง": {"ชุดที่ 1": {"สรุป.pdf": PDF, "อบต.บางน้ำผึ้ง.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "ok"
    assert [s.path for s in result.strays] == ["evidence/2.1 คำรับรอง/ชุดที่ 1/สรุป.pdf"]  # not the folder


def test_a_document_with_evidence_in_several_folders_expects_more_in_the_shallowest(tmp_path: Path) -> None:
    """Two folders lead with 1.1: the one nearer the evidence folder is where the next file goes,
    whichever name sorts first ("0 แฟ้มเก่า/1.1 สำเนา" sorts before "1.1 บันทึกข้อความ")."""
    evidence = {"1.1 บันทึกข้อความ": {"a.pdf": PDF}, "0 แฟ้มเก่า": {"1.1 สำเนา": {"b.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    (requirement,) = next(d for d in result.documents if d.id == "1.1").requirements
    assert requirement.expected == "evidence/1.1 บันทึกข้อความ/"
    assert [f.path for f in requirement.files] == ["evidence/0 แฟ้มเก่า/1.1 สำเนา/b.pdf", "evidence/1.1 บันทึกข้อความ/a.pdf"]


def test_a_loose_file_named_by_a_units_short_id_alone_counts_for_that_unit(tmp_path: Path) -> None:
    """An id of two letters ("u1") is too short to look for inside other names, but a file in a
    per-unit document's folder named by nothing else is that unit's evidence."""
    units = UNITS_YAML.replace("{id: sao-bang-nam-phueng,", "{id: u1,")
    result = run_check(write_pack(tmp_path / "p", units=units, evidence={"2.1 คำรับรอง": {"u1.pdf": PDF}}))
    assert status_of(result, "2.1", "u1") == "ok"
    assert result.strays == ()


# 3.1 is owed by municipalities only, 2.1 by every local body
TWO_KINDS = (
    LEVELS_YAML
    + """  - number: 3
    documents:
      - id: 3.1
        title: แผนปฏิบัติการ
        per_unit: [subdistrict_municipality]
"""
)


def test_a_file_naming_its_folders_document_and_another_counts_in_the_unit_the_folder_serves(
    tmp_path: Path,
) -> None:
    """In "2.1 3.1 รวม/อบต.บางน้ำผึ้ง/ทต.บางบ่อ/" the files serve 2.1 for the อบต. (the first unit
    below 2.1's folder) and 3.1 for the ทต. (the first that owes 3.1). A file there that names 2.1
    and 1.1 too counts for 2.1 where the folder's other files count: the อบต., not the ทต."""
    evidence = {"2.1 3.1 รวม": {"อบต.บางน้ำผึ้ง": {"ทต.บางบ่อ": {"2.1 1.1 รวม.pdf": PDF, "แผน.pdf": PDF}}}}
    result = run_check(write_pack(tmp_path / "p", levels=TWO_KINDS, evidence=evidence))
    assert status_of(result, "2.1", SAO) == "ok"
    assert status_of(result, "2.1", "tt-bang-bo") == "missing"
    (requirement,) = (r for d in result.documents if d.id == "2.1" for r in d.requirements if r.unit == SAO)
    assert [f.name for f in requirement.files] == ["2.1 1.1 รวม.pdf", "แผน.pdf"]
    assert (status_of(result, "3.1", "tt-bang-bo"), status_of(result, "1.1")) == ("ok", "ok")


def test_only_the_outermost_folder_that_leads_to_no_unit_is_reported(tmp_path: Path) -> None:
    """ "ชุดที่ 1" leads to no unit, through a district's folder (a grouping folder) and "ค": one stray."""
    evidence = {"2.1 คำรับรอง": {"ชุดที่ 1": {"อำเภอบางบ่อ": {"ค": {"a.pdf": PDF}}}}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert strays_of(result) == [("evidence/2.1 คำรับรอง/ชุดที่ 1", "unknown-unit", "", "2.1")]


def test_a_document_folder_deep_in_a_units_own_folder_counts_for_that_unit(tmp_path: Path) -> None:
    evidence = {"อบต.บางน้ำผึ้ง": {"2.1 คำรับรอง": {"ชุดที่ 1": {"a.pdf": PDF, "2.3 แผน": {"b.pdf": PDF}}}}}
    result = run_check(write_pack(tmp_path / "p", levels=TWO_PER_UNIT, evidence=evidence))
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == status_of(result, "2.3", "sao-bang-nam-phueng") == "ok"
    assert result.strays == ()


def test_the_result_says_whether_the_evidence_folder_was_there(tmp_path: Path) -> None:
    assert run_check(write_pack(tmp_path / "with", evidence={})).pack.evidence_found is True
    assert run_check(write_pack(tmp_path / "without")).pack.evidence_found is False


def test_a_document_excused_for_everyone_excuses_the_documents_that_share_its_evidence(tmp_path: Path) -> None:
    levels = SHARING_2_1.replace("        types: [pdf]\n", "        types: [pdf]\n        not_applicable: ยกเลิกปีนี้\n")
    result = run_check(write_pack(tmp_path / "p", levels=levels))
    for unit in ("tt-bang-bo", "sao-bang-nam-phueng"):
        assert status_of(result, "2.1", unit) == status_of(result, "2.3", unit) == "not_applicable"


def test_a_per_unit_document_with_no_unit_of_its_kinds_listed_is_missing_and_points_to_units_yaml(
    tmp_path: Path,
) -> None:
    only_the_office = UNITS_YAML.split("  - {id: tt-bang-bo")[0]
    result = run_check(write_pack(tmp_path / "p", units=only_the_office, evidence=COMPLETE))
    (requirement,) = next(d for d in result.documents if d.id == "2.1").requirements
    assert requirement == Requirement("2.1", None, Status.MISSING, "units.yaml", 1)


def test_a_title_waiting_for_its_date_says_so_until_the_date_is_set(tmp_path: Path) -> None:
    undated = LEVELS_YAML.replace("        date: 2567-01-17\n", "")  # 1.2 and 2.2: "รายงานการประชุม {date}"
    for levels, pending in ((undated, {"1.2", "2.2"}), (LEVELS_YAML, set())):
        result = run_check(write_pack(tmp_path / str(len(pending)), levels=levels))
        assert {d.id for d in result.documents if d.date_pending} == pending


@pytest.mark.skipif(os.name != "posix", reason="permission bits")
def test_an_unreadable_unit_folder_is_said_beside_what_else_its_unit_has_rejected(tmp_path: Path) -> None:
    from .test_scan import check_unreadable

    evidence = {"2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง": {"a.pdf": PDF}, "อบต.บางน้ำผึ้ง.docx": DOCX}}
    result = check_unreadable(evidence, "2.1 คำรับรอง/อบต.บางน้ำผึ้ง")
    units = {r["unit"]: r for r in next(d for d in result["documents"] if d["id"] == "2.1")["requirements"]}
    rejected = [(r["path"], r["size"], r["reason"]) for r in units["sao-bang-nam-phueng"]["rejected"]]
    assert rejected == [
        ("evidence/2.1 คำรับรอง/อบต.บางน้ำผึ้ง.docx", len(DOCX), "type"),
        ("evidence/2.1 คำรับรอง/อบต.บางน้ำผึ้ง", 0, "unreadable-folder"),  # the folder last, what was read first
    ]


@pytest.mark.skipif(os.name != "posix", reason="permission bits")
def test_a_documents_unreadable_folder_is_said_though_another_of_its_folders_was_read_after_it(
    tmp_path: Path,
) -> None:
    """1.1's evidence is in two folders; the first could not be read. The one read after it
    does not make that forgotten: 1.1 counts its file and says the folder it could not read."""
    from .test_scan import check_unreadable

    evidence = {"1.1 ก": {"a.pdf": PDF}, "1.1 ข": {"b.pdf": PDF}}
    result = check_unreadable(evidence, "1.1 ก")
    (requirement,) = next(d for d in result["documents"] if d["id"] == "1.1")["requirements"]
    assert [f["path"] for f in requirement["files"]] == ["evidence/1.1 ข/b.pdf"]
    assert [(r["path"], r["reason"]) for r in requirement["rejected"]] == [("evidence/1.1 ก", "unreadable-folder")]


@pytest.mark.parametrize("names", [["ฉบับ 1.pdf", "ฉบับ 9.pdf", "ฉบับ 10.pdf"], ["ฉบับ 9.pdf", "ฉบับ 10.pdf"]])
def test_a_requirements_files_are_in_natural_order(tmp_path: Path, names: list[str]) -> None:
    """However many there are: two as well as three."""
    evidence = {"1.1 บันทึกข้อความ": {name: PDF for name in reversed(names)}}
    (requirement,) = next(d for d in run_check(write_pack(tmp_path / "p", evidence=evidence)).documents).requirements
    assert [f.name for f in requirement.files] == names


def test_a_requirement_lists_its_folders_own_files_before_those_of_folders_inside_it(tmp_path: Path) -> None:
    """ "ข.pdf" in 1.1's folder comes before "ก/ค.pdf", though "ก" sorts before "ข": folder by
    folder, then each folder's files in natural order."""
    evidence = {"1.1 บันทึกข้อความ": {"ข.pdf": PDF, "ก": {"ค.pdf": PDF}}}
    (requirement,) = next(d for d in run_check(write_pack(tmp_path / "p", evidence=evidence)).documents).requirements
    assert [f.path for f in requirement.files] == ["evidence/1.1 บันทึกข้อความ/ข.pdf", "evidence/1.1 บันทึกข้อความ/ก/ค.pdf"]


@pytest.mark.parametrize("evidence", [None, ONE_FILE_EACH], ids=["nothing there", "one sound file"])
@pytest.mark.parametrize(
    ("urls", "shared", "sharing"),
    [
        ('{"2.1": "https://a.example/2.1"}', "https://a.example/2.1", "https://a.example/2.1"),
        ('{"2.3": "https://a.example/2.3"}', None, "https://a.example/2.3"),
    ],
)
def test_a_units_link_for_a_document_serves_the_documents_that_share_its_evidence(
    tmp_path: Path, urls: str, shared: str | None, sharing: str, evidence: dict | None
) -> None:
    """Whatever the unit has sent: nothing, or the one sound file most units send."""
    units = UNITS_YAML.replace("kind: sao, district: bang-bo}", f"kind: sao, district: bang-bo, urls: {urls}}}")
    result = run_check(write_pack(tmp_path / "p", levels=SHARING_2_1, units=units, evidence=evidence))
    url = {d.id: r.url for d in result.documents for r in d.requirements if r.unit == "sao-bang-nam-phueng"}
    assert (url["2.1"], url["2.3"]) == (shared, sharing)


# --- what the result carries through from the pack (decide._unit_results, _summary, _criteria) ----


def test_each_unit_carries_its_district_and_its_own_folder(tmp_path: Path) -> None:
    evidence = {**COMPLETE_BODY, "อบต.บางน้ำผึ้ง": {"2.1 คำรับรอง.pdf": PDF}}
    units = {u.id: u for u in run_check(write_pack(tmp_path / "p", evidence=evidence)).units}
    sao, office = units["sao-bang-nam-phueng"], units["pv-office"]
    assert (sao.district, sao.district_name, sao.folder) == ("bang-bo", "อำเภอบางบ่อ", "evidence/อบต.บางน้ำผึ้ง/")
    assert (office.district, office.district_name, office.folder) == (None, None, None)


def test_a_folder_the_pack_names_for_a_document_is_not_a_units_own_folder_though_named_like_one(
    tmp_path: Path,
) -> None:
    """1.1's YAML puts its evidence in "อบต.บางน้ำผึ้ง": that folder is the document's, so the
    อบต.'s own evidence is still expected under each document's folder, not there."""
    levels = LEVELS_YAML.replace(TITLE_1_1, f"{TITLE_1_1}        folder: อบต.บางน้ำผึ้ง\n")
    result = run_check(write_pack(tmp_path / "p", levels=levels, evidence={"อบต.บางน้ำผึ้ง": {"a.pdf": PDF}}))
    assert status_of(result, "1.1") == "ok"
    assert next(u for u in result.units if u.id == SAO).folder is None
    (requirement,) = (r for d in result.documents if d.id == "2.1" for r in d.requirements if r.unit == SAO)
    assert requirement.expected == "evidence/2.1 คำรับรองการปฏิบัติราชการ/องค์การบริหารส่วนตำบลบางน้ำผึ้ง/"


def test_each_level_carries_its_criteria_worded_for_the_year(tmp_path: Path) -> None:
    one, two = run_check(write_pack(tmp_path / "p")).sections
    assert one.criteria == (CriterionText(None, "มอบหมายภารกิจ ประจำปีงบประมาณ พ.ศ. 2567"),)
    assert two.criteria == (CriterionText("2.1", "คำรับรองของทุกหน่วย"),)


def test_a_criterions_sub_items_are_carried_worded_for_the_year_too(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace(
        "        text: คำรับรองของทุกหน่วย\n",
        '        text: คำรับรองของทุกหน่วย\n        items:\n          - {number: (1), text: "ระดับจังหวัด ปี {fy}"}\n',
    )
    _, two = run_check(write_pack(tmp_path / "p", levels=levels)).sections
    (criterion,) = two.criteria
    assert criterion.items == (CriterionText("(1)", "ระดับจังหวัด ปี 2567"),)


def test_each_level_carries_the_id_its_yaml_gives_it(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("  - number: 2\n", "  - number: 2\n    id: commitments\n")
    one, two = run_check(write_pack(tmp_path / "p", levels=levels)).sections
    assert (one.id, two.id) == (None, "commitments")


def test_the_summary_carries_the_packs_own_settings() -> None:
    from itapack.pack.loader import load_pack

    root = EXAMPLE.parent / "measures-2566"  # the example with last year's results
    info, summary = load_pack(root).info, run_check(root).pack
    assert (summary.province, summary.evidence) == (info.province, info.evidence)
    assert summary.province and summary.evidence
    assert (summary.results, summary.previous) == (info.results, info.previous)
    assert info.results is not None or info.previous is not None


def test_a_file_naming_two_per_unit_documents_and_no_unit_is_reported_for_each(tmp_path: Path) -> None:
    result = run_check(write_pack(tmp_path / "p", levels=TWO_PER_UNIT, evidence={"2.1 2.3 รวม.pdf": PDF}))
    assert strays_of(result) == [
        ("evidence/2.1 2.3 รวม.pdf", "needs-unit", "", "2.1"),
        ("evidence/2.1 2.3 รวม.pdf", "needs-unit", "", "2.3"),
    ]


def test_a_file_in_a_units_own_folder_naming_another_unit_is_not_credited(tmp_path: Path) -> None:
    evidence = {"อบต.บางน้ำผึ้ง": {"2.1 คำรับรอง ทต.บางบ่อ.pdf": PDF}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "problem"
    (item,) = rejected_of(result, "2.1", "sao-bang-nam-phueng")
    assert (item.reason, item.detail) == ("other-unit", "เทศบาลตำบลบางบ่อ")


def test_one_sound_file_per_unit_carries_its_link_and_counts_only_where_one_is_enough(tmp_path: Path) -> None:
    """The common case (one file, nothing rejected) is decided by the same rules as the rest."""
    units = UNITS_YAML.replace(
        "kind: sao, district: bang-bo}", 'kind: sao, district: bang-bo, urls: {"2.3": "https://a.example"}}'
    )
    evidence = {"2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง": {"a.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "one", levels=SHARING_2_1, units=units, evidence=evidence))
    requirement = next(r for d in result.documents if d.id == "2.3" for r in d.requirements if r.unit == SAO)
    assert (requirement.unit, requirement.status, requirement.url) == (
        "sao-bang-nam-phueng",
        Status.OK,
        "https://a.example",
    )
    assert requirement.expected == "evidence/2.1 คำรับรอง/อบต.บางน้ำผึ้ง/"
    levels = SHARING_2_1.replace("        types: [pdf]\n", "        types: [pdf]\n        min_files: 2\n")
    result = run_check(write_pack(tmp_path / "two", levels=levels, units=units, evidence=evidence))
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "problem"  # one of the two it needs


@pytest.mark.parametrize(
    ("content", "reason", "detail"),
    [
        (HTML, "type", "jpg"),  # not a JPEG inside, but 2.1 takes no JPEG at all: that says more
        (b"", "empty", ""),  # an empty file is empty, whatever its type
    ],
)
def test_a_file_of_a_type_not_accepted_is_the_wrong_type_unless_it_is_empty(
    tmp_path: Path, content: bytes, reason: str, detail: str
) -> None:
    """2.1 takes PDF only. A ".jpg" holding a web page is rejected as the wrong type, as a broken
    one is; an empty one as empty."""
    evidence = {"2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง": {"รูป.jpg": content}}}
    (item,) = rejected_of(run_check(write_pack(tmp_path / "p", evidence=evidence)), "2.1", SAO)
    assert (item.reason, item.detail) == (reason, detail)


def test_decide_frees_each_bucket_it_has_read_but_those_a_sharing_document_reads_again(tmp_path: Path) -> None:
    """A national check holds 330,000 buckets: each goes once its requirement is made, except where
    a document shares another's evidence (2.2 reads 1.2's, 2.3 reads 2.1's) and must find it still there."""
    from itapack.evidence.decide import decide
    from itapack.evidence.parallel import scan_and_place
    from itapack.pack.loader import load_pack

    pack = load_pack(write_pack(tmp_path / "p", levels=SHARING_2_1, evidence=COMPLETE))
    scan, placer = scan_and_place(pack, None, 1)
    assert {doc for doc, _ in placer.buckets} == {"1.1", "1.2", "2.1"}
    result = decide(pack, scan, placer, date(2024, 6, 1))
    assert {doc for doc, _ in placer.buckets} == {"1.2", "2.1"}
    assert status_of(result, "2.2") == status_of(result, "1.2") == "ok"


def test_the_summary_carries_this_years_results_and_the_due_soon_window_it_was_decided_with(tmp_path: Path) -> None:
    """This year's announced results (pack.yaml results) reach every output through the summary, and
    the window a check decided "due soon" with is the one it says it used, not the default 14 days."""
    from itapack.check import check
    from itapack.pack.loader import load_pack

    pack = PACK_YAML + "results:\n  total: 91.5\n  grade: A\n"
    root = write_pack(tmp_path / "p", pack=pack, levels=LEVELS_YAML, units=UNITS_YAML, evidence={})
    summary = check(load_pack(root), today=date(2024, 1, 15), due_soon_days=5).pack
    assert summary.results is not None and (summary.results.total, summary.results.grade) == (91.5, "A")
    assert summary.due_soon_days == 5


def test_a_loose_file_named_after_its_unit_is_still_held_to_the_documents_period(tmp_path: Path) -> None:
    """A file in a per-unit document's own folder, its unit read from its name, is judged as a file
    in the unit's folder is: a year in its name outside the document's window rejects it."""
    levels = LEVELS_YAML.replace("        types: [pdf]\n", "        types: [pdf]\n        window: fiscal_year\n")
    evidence = {"2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง คำรับรอง พ.ศ. 2557.pdf": PDF}}
    result = run_check(write_pack(tmp_path / "p", levels=levels, evidence=evidence))
    requirement = next(r for r in next(d for d in result.documents if d.id == "2.1").requirements if r.rejected)
    assert requirement.unit == "sao-bang-nam-phueng"
    assert [(r.reason, r.detail) for r in requirement.rejected] == [("window", "พ.ศ. 2557")]
