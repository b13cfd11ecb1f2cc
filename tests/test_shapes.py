"""Every shape of pack: a local body's OIT checklist, measures with owners and deadlines, the
province's ladder. Each test here is one way format 1 failed a real pack (issue: one pack format
for every shape)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from itapack.check import check
from itapack.errors import PackError
from itapack.evidence.result import Status
from itapack.pack.loader import load_pack

from .conftest import (
    AGENCIES,
    LEVELS_YAML,
    MEASURES,
    MEASURES_PACK,
    PACK_YAML,
    PDF,
    UNITS_YAML,
    run_check,
    status_of,
    write_oit,
    write_pack,
)

pytestmark = pytest.mark.usefixtures("english")  # these tests read the messages in English (--lang en)

OIT_COMPLETE = {
    "o36 แผนปฏิบัติการป้องกันการทุจริต": {"แผนปฏิบัติการ 2566.pdf": PDF},
    "o37 รายงานกำกับติดตาม": {"รายงาน รอบ 6 เดือน (ต.ค. 65 - มี.ค. 66).pdf": PDF},
    "o38 รายงานผลประจำปี": {"รายงานผล ปีงบประมาณ 2565.pdf": PDF},
    "o3 อื่น": {"a.pdf": PDF},
    "MOIT1 ประมวลจริยธรรม": {"ประมวล.pdf": PDF},
}
DURING_THE_YEAR = date(2566 - 543, 3, 1)


def test_ids_with_letters_are_found_and_o3_never_claims_o36(tmp_path: Path) -> None:
    result = run_check(write_oit(tmp_path / "oit", OIT_COMPLETE), DURING_THE_YEAR)
    assert all(r.status is Status.OK for r in result.requirements), [
        (r.document, r.status) for r in result.requirements
    ]
    o3 = next(d for d in result.documents if d.id == "o3")
    assert [f.path for f in o3.requirements[0].files] == ["evidence/o3 อื่น/a.pdf"]


def test_ids_are_matched_without_case_and_in_thai_digits(tmp_path: Path) -> None:
    evidence = dict(OIT_COMPLETE)
    evidence["moit1 ประมวลจริยธรรม"] = evidence.pop("MOIT1 ประมวลจริยธรรม")
    evidence["O๓๖ แผน"] = evidence.pop("o36 แผนปฏิบัติการป้องกันการทุจริต")
    result = run_check(write_oit(tmp_path / "oit", evidence), DURING_THE_YEAR)
    assert status_of(result, "MOIT1") == "ok" and status_of(result, "o36") == "ok"


def test_a_checklist_scores_items_alone_not_as_a_ladder(tmp_path: Path) -> None:
    evidence = {k: v for k, v in OIT_COMPLETE.items() if not k.startswith("o36")}
    result = run_check(write_oit(tmp_path / "oit", evidence), DURING_THE_YEAR)
    assert result.level_reached == 0 and not result.pack.ladder
    assert (result.satisfied, result.required, result.score) == (4, 5, 80.0)
    first, second = result.sections
    assert (first.score, first.complete, second.complete) == (pytest.approx(66.67), False, True)
    from itapack.outputs import wording

    assert wording.verdict(result).startswith("4 of 5 items complete, score 80 of 100 (target 100) — 1 missing")


def test_weights_make_a_score(tmp_path: Path) -> None:
    root = write_oit(tmp_path / "oit", OIT_COMPLETE, replace={"        window: fiscal_year\n": "        weight: 3\n"})
    (root / "evidence" / "o36 แผนปฏิบัติการป้องกันการทุจริต" / "แผนปฏิบัติการ 2566.pdf").unlink()
    result = run_check(root, DURING_THE_YEAR)
    assert result.score == pytest.approx(100 * 4 / 7, abs=0.01)


def test_a_target_score_decides_the_exit(tmp_path: Path) -> None:
    evidence = {k: v for k, v in OIT_COMPLETE.items() if not k.startswith("o36")}
    root = write_oit(tmp_path / "oit", evidence)
    result = run_check(root, DURING_THE_YEAR)
    assert not result.passed() and result.passed(target_score=80) and not result.passed(target_score=81)
    (root / "pack.yaml").write_text((root / "pack.yaml").read_text() + "target_score: 75\n", encoding="utf-8")
    assert run_check(root, DURING_THE_YEAR).passed()


def test_a_mixed_ladder_levels_pass_at_their_own_percent(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("  - number: 1\n", "  - number: 1\n    pass_percent: 50\n")
    evidence = {
        "1.2 รายงาน": {"r.pdf": PDF},
        "2.1 คำรับรอง": {"ทต.บางบ่อ": {"a.pdf": PDF}, "อบต.บางน้ำผึ้ง": {"b.pdf": PDF}},
    }
    result = run_check(write_pack(tmp_path / "p", levels=levels, evidence=evidence))
    assert [(s.score, s.complete, s.reached) for s in result.sections] == [(50.0, True, True), (100.0, True, True)]
    assert result.level_reached == 2


def test_past_its_due_date_a_missing_item_is_overdue(tmp_path: Path) -> None:
    root = write_oit(tmp_path / "oit", {})
    assert status_of(run_check(root, date(2023, 4, 30)), "o37") == "due_soon"  # due 2566-04-30: that day
    assert status_of(run_check(root, date(2023, 4, 16)), "o37") == "due_soon"  # 14 days before: soon
    assert status_of(run_check(root, date(2023, 4, 15)), "o37") == "not_started"  # 15 days before
    late = run_check(root, date(2023, 5, 1))
    assert status_of(late, "o37") == "overdue" and status_of(late, "o36") == "missing"
    o37 = next(d for d in late.documents if d.id == "o37")
    assert (o37.due, o37.owner, o37.status) == (date(2023, 4, 30), "สำนักปลัด", Status.OVERDUE)


def test_a_file_whose_name_dates_it_outside_the_window_is_a_problem_that_says_why(tmp_path: Path) -> None:
    evidence = dict(OIT_COMPLETE)
    evidence["o37 รายงานกำกับติดตาม"] = {"รายงาน (ต.ค. 65 - ก.ย. 66).pdf": PDF}
    evidence["o38 รายงานผลประจำปี"] = {"รายงานผล ปีงบประมาณ 2566.pdf": PDF}
    result = run_check(write_oit(tmp_path / "oit", evidence), DURING_THE_YEAR)
    o37 = next(d for d in result.documents if d.id == "o37")
    (rejected,) = o37.requirements[0].rejected
    assert (o37.status, rejected.reason, rejected.detail) == (Status.PROBLEM, "window", "ก.ย. 66")
    from itapack.outputs import wording

    assert wording.rejected(rejected, o37.window) == (
        "the name says ก.ย. 66, which is outside this document's period (1 Oct 2022 – 31 Mar 2023)"
    )
    assert status_of(result, "o38") == "problem"  # the plan year, not last year's report
    assert status_of(result, "o36") == "ok"


def test_url_items_owner_and_note_reach_the_result(tmp_path: Path) -> None:
    result = run_check(write_oit(tmp_path / "oit", OIT_COMPLETE), DURING_THE_YEAR)
    o36 = next(d for d in result.documents if d.id == "o36")
    assert (o36.url, o36.items) == ("https://sao.example/ita/o36", ("(1) โครงการ/กิจกรรม", "(2) งบประมาณ"))
    moit = next(d for d in result.documents if d.id == "MOIT1")
    assert moit.note == "จัดทำโดยองค์กรกลางบริหารงานบุคคล"
    assert result.pack.organisation.name == "องค์การบริหารส่วนตำบลทดสอบ" and result.pack.province is None
    assert result.pack.title == "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) องค์การบริหารส่วนตำบลทดสอบ"


def test_a_body_needs_no_units_file_and_no_province(tmp_path: Path) -> None:
    pack = load_pack(write_oit(tmp_path / "oit"))
    assert pack.roster.units == () and pack.organisation.kind == "local" and pack.structure_file == "sections.yaml"


# --- units: per-unit pages, unit-first trees, folders units.yaml does not name -------------------


def measures(tmp_path: Path, evidence: dict) -> Path:
    return write_pack(tmp_path / "m", pack=MEASURES_PACK, levels=MEASURES, units=AGENCIES, evidence=evidence)


def test_unit_first_trees_and_names_leading_with_several_ids(tmp_path: Path) -> None:
    evidence = {
        "รายงานผล แยกหน่วยงาน": {
            "สสจ.ทดสอบ": {"m1 m2 รายงานรวม.pdf": PDF},  # one file serves both
            "สำนักงานแรงงานจังหวัดทดสอบ": {"m1 แผนการใช้จ่าย.pdf": PDF, "บันทึกนำส่ง.pdf": PDF},
            "01 สำนักงานจังหวัดทดสอบ": {"m2": {"หลักเกณฑ์.pdf": PDF}},
        },
        "m5 คำสั่งแต่งตั้ง": {"คำสั่ง.pdf": PDF},
    }
    result = run_check(measures(tmp_path, evidence), date(2023, 3, 1))  # m1 is due 31 Mar: not started
    assert {(r.document, r.unit): str(r.status) for r in result.requirements} == {
        ("m1", "pv-office"): "not_started",
        ("m1", "ssj"): "ok",
        ("m1", "labour"): "ok",
        ("m2", "pv-office"): "ok",
        ("m2", "ssj"): "ok",
        ("m2", "labour"): "missing",  # m2 has no due date
        ("m5", None): "ok",
    }
    assert [(s.reason, s.hint) for s in result.strays] == [("no-document-in-unit", "สำนักงานแรงงานจังหวัดทดสอบ")]
    m1 = next(d for d in result.documents if d.id == "m1")
    assert next(r.url for r in m1.requirements if r.unit == "pv-office") == "https://pv.example/m1"
    m5 = next(d for d in result.documents if d.id == "m5")
    assert m5.owner == "สำนักงานจังหวัดทดสอบ"


def test_filed_unit_first_a_units_missing_document_goes_into_its_own_folder(tmp_path: Path) -> None:
    evidence = {
        "รายงานผล แยกหน่วยงาน": {
            "สำนักงานแรงงานจังหวัดทดสอบ": {"m1 แผนการใช้จ่าย.pdf": PDF},
            "กลุ่มงานสังคม": {"01 สำนักงานจังหวัดทดสอบ": {"m2": {"หลักเกณฑ์.pdf": PDF}}},
        },
        "m5 คำสั่งแต่งตั้ง": {"คำสั่ง.pdf": PDF},
    }
    root = measures(tmp_path, evidence)
    expected = {(r.document, r.unit): r.expected for r in run_check(root, date(2023, 3, 1)).requirements}
    home = "evidence/รายงานผล แยกหน่วยงาน/สำนักงานแรงงานจังหวัดทดสอบ/"
    assert expected["m2", "labour"] == home + "m2 *"  # a name in its own folder, not a new m2 folder
    assert expected["m1", "labour"] == home + "m1 *"  # where its m1 is, and more of it would go
    group = "evidence/รายงานผล แยกหน่วยงาน/กลุ่มงานสังคม/01 สำนักงานจังหวัดทดสอบ/"
    assert expected["m1", "pv-office"] == group + "m1 *"
    assert expected["m2", "pv-office"] == group + "m2/"
    # a unit with no folder of its own yet gets the folder scaffold makes
    assert expected["m1", "ssj"] == "evidence/m1 การจัดทำแผนการใช้จ่ายงบประมาณ/สำนักงานสาธารณสุขจังหวัดทดสอบ/"
    # a file named as asked counts
    (root / home / "m2 หลักเกณฑ์.pdf").write_bytes(PDF)
    assert status_of(run_check(root, date(2023, 3, 1)), "m2", "labour") == "ok"


def test_a_units_own_folder_comes_before_a_documents_folder_it_has_nothing_in(tmp_path: Path) -> None:
    # m2's folder may be one scaffold made for the units with no folder of their own: were it to
    # win, the next scaffold would make m2 folders for units filed first, and split them
    evidence = {
        "สำนักงานแรงงานจังหวัดทดสอบ": {"m1 แผน.pdf": PDF},
        "m2 หลักเกณฑ์": {"สสจ.ทดสอบ": {"a.pdf": PDF}, "สำนักงานจังหวัดทดสอบ": {}},
    }
    expected = {(r.document, r.unit): r.expected for r in run_check(measures(tmp_path, evidence)).requirements}
    assert expected["m2", "labour"] == "evidence/สำนักงานแรงงานจังหวัดทดสอบ/m2 *"
    assert expected["m2", "pv-office"] == "evidence/m2 หลักเกณฑ์/สำนักงานจังหวัดทดสอบ/"  # its folder there: in use


def test_group_folders_units_yaml_does_not_name_are_looked_through(tmp_path: Path) -> None:
    evidence = {
        "m1 แผนการใช้จ่าย": {
            "ส่วนราชการ": {"กลุ่มงานสังคม": {"สสจ.ทดสอบ": {"a.pdf": PDF}}, "สำนักงานแรงงานจังหวัดทดสอบ": {"b.pdf": PDF}},
            "ไม่ทราบหน่วย": {"c.pdf": PDF, "ย่อย": {"d.pdf": PDF}},
        }
    }
    result = run_check(measures(tmp_path, evidence), date(2023, 3, 1))
    assert status_of(result, "m1", "ssj") == "ok" and status_of(result, "m1", "labour") == "ok"
    # the folder that led to no unit is reported once, saying what was looked for
    assert [(s.path, s.reason, s.document) for s in result.strays] == [
        ("evidence/m1 แผนการใช้จ่าย/ไม่ทราบหน่วย", "unknown-unit", "m1")
    ]
    from itapack.outputs import wording

    assert wording.stray(result.strays[0]).startswith("the name matches no unit that owes m1")


def test_after_its_due_date_each_unit_that_has_not_sent_is_overdue(tmp_path: Path) -> None:
    evidence = {"รายงาน": {"สสจ.ทดสอบ": {"m1 แผน.pdf": PDF}}}
    result = run_check(measures(tmp_path, evidence), date(2023, 4, 1))
    assert [str(r.status) for r in next(d for d in result.documents if d.id == "m1").requirements] == [
        "overdue",
        "ok",
        "overdue",
    ]
    assert status_of(result, "m2", "ssj") == "missing"  # no due date: never overdue


def test_a_document_folder_nested_in_another_documents_folder_is_its_own(tmp_path: Path) -> None:
    evidence = {"1.1 บันทึกข้อความ": {"1.2 รายงานการประชุม": {"รายงาน.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert status_of(result, "1.2") == "ok" and status_of(result, "1.1") == "missing"


def test_a_file_naming_its_folders_document_and_another_serves_both(tmp_path: Path) -> None:
    evidence = {"1.1 บันทึกข้อความ": {"1.1 1.2 บันทึกและรายงาน.pdf": PDF, "1.jpg": b"\xff\xd8\xff\xe0"}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence))
    assert status_of(result, "1.1") == "ok" and status_of(result, "1.2") == "ok"


def test_a_loose_file_with_no_id_says_what_was_looked_for(tmp_path: Path) -> None:
    result = run_check(write_oit(tmp_path / "oit", {"เอกสารอื่น.pdf": PDF}), DURING_THE_YEAR)
    from itapack.outputs import wording

    (stray,) = result.strays
    assert wording.stray(stray) == (
        "not in any document's folder: start the folder or file name with the document's number"
        " (such as o36, o37, o38) or a unit's name"
    )


# --- what is refused -----------------------------------------------------------------------------


def problems(root: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(root)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("bad", ["4-1", "2567-01-01", "4.4_a", "o36.", "ข้อ1"])
def test_ids_the_scan_cannot_find_are_refused(tmp_path: Path, bad: str) -> None:
    (message,) = problems(write_oit(tmp_path / "oit", replace={"id: o38": f"id: '{bad}'"}))
    assert "is not a document id; use letters, digits and dots" in message


def test_a_level_or_section_without_documents_is_refused(tmp_path: Path) -> None:
    levels = LEVELS_YAML + "  - number: 3\n    criteria:\n      - text: ยังไม่มีเอกสาร\n"
    (message,) = problems(write_pack(tmp_path / "p", levels=levels))
    assert message.endswith("levels.yaml:24:5: levels[2].documents: 'documents' is required here but missing")
    (message,) = problems(write_pack(tmp_path / "q", levels=levels + "    documents: []\n"))
    assert message.endswith("levels[2].documents: needs at least one entry")


def test_an_owner_that_looks_like_a_unit_id_must_be_one(tmp_path: Path) -> None:
    root = write_pack(
        tmp_path / "m", pack=MEASURES_PACK, levels=MEASURES.replace("pv-office", "pv-ofice"), units=AGENCIES
    )
    (message,) = problems(root)
    assert "no unit 'pv-ofice' in units.yaml; did you mean 'pv-office'?" in message


def test_a_pack_must_say_who_it_is_for(tmp_path: Path) -> None:
    pack = PACK_YAML.replace("province: ทดสอบ\n", "")
    (message,) = problems(write_pack(tmp_path / "p", pack=pack, levels=LEVELS_YAML.replace("{fy}", "")))
    assert "say who the pack is for: 'organisation:'" in message


def test_province_placeholder_needs_a_province(tmp_path: Path) -> None:
    (message,) = problems(write_oit(tmp_path / "oit", replace={"title: ประมวลจริยธรรม": "title: ประมวล {province}"}))
    assert "{province} needs 'province:' in pack.yaml; or write {organisation}" in message


def test_target_and_scoring_must_agree(tmp_path: Path) -> None:
    root = write_oit(tmp_path / "oit")
    (root / "pack.yaml").write_text(
        (root / "pack.yaml").read_text(encoding="utf-8") + "target_level: 2\n", encoding="utf-8"
    )
    (message,) = problems(root)
    assert "target_level is for 'scoring: levels'; use target_score" in message


def test_two_units_named_alike_are_refused(tmp_path: Path) -> None:
    units = UNITS_YAML + "  - {id: tt-bang-bo-2, name: เทศบาลตำบล บางบ่อ, kind: subdistrict_municipality}\n"
    (message,) = problems(write_pack(tmp_path / "p", units=units))
    assert "can be written the same way, so their evidence folders cannot be told apart" in message


def test_a_unit_page_must_be_for_a_document_it_owes(tmp_path: Path) -> None:
    units = AGENCIES.replace('urls: {m1: "https://pv.example/m1"}', 'urls: {m5: "https://pv.example/m5"}')
    (message,) = problems(write_pack(tmp_path / "m", pack=MEASURES_PACK, levels=MEASURES, units=units))
    assert "m5 is not needed from each ส่วนราชการบริหารส่วนภูมิภาค unit" in message  # the kind by its name


def test_format_1_packs_still_load_and_check_the_same(pack_dir: Path) -> None:
    result = check(load_pack(pack_dir))
    assert result.level_reached == 2 and result.pack.organisation.name == "จังหวัดทดสอบ"
    assert result.pack.title.endswith("(ITA) จังหวัดทดสอบ")


def test_a_per_unit_document_in_a_pack_without_units_yaml_says_where_units_go(tmp_path: Path) -> None:
    (message,) = problems(
        write_oit(tmp_path / "oit", replace={"        window: first_half\n": "        per_unit: [sao]\n"})
    )
    assert (
        "unknown unit kind or group 'sao'; this pack has no units.yaml; list the unit kinds and units there" in message
    )


def test_a_wrong_value_in_every_entry_is_reported_as_itself_not_as_an_empty_list(tmp_path: Path) -> None:
    """Pydantic counts a list whose every entry failed as empty; that is a consequence, not a problem."""
    root = write_oit(tmp_path / "oit", replace={"window: fiscal_year\n": "window: fiscal_year\n        weight: high\n"})
    sections = (
        (root / "sections.yaml")
        .read_text(encoding="utf-8")
        .replace("id: MOIT1\n", "id: MOIT1\n        due: 2023-01-01\n")
    )
    (root / "sections.yaml").write_text(sections, encoding="utf-8")
    found = problems(root)
    assert len(found) == 2 and not any("needs at least one entry" in p for p in found)


def test_a_section_is_chosen_by_its_id_or_its_position_and_unit_narrowing_recounts_it(tmp_path: Path) -> None:
    from itapack.check import select
    from itapack.errors import InputError
    from itapack.outputs import wording

    pack = load_pack(write_oit(tmp_path / "oit", OIT_COMPLETE))
    result = check(pack, today=DURING_THE_YEAR)
    assert [d.id for d in select(result, pack, ["2"]).documents] == ["o3", "MOIT1"]
    with pytest.raises(InputError, match="this pack has sections 1 to 2"):
        select(result, pack, ["9"])
    root = measures(tmp_path, {"รายงาน": {"สสจ.ทดสอบ": {"m1 m2 รายงาน.pdf": PDF}}})
    pack = load_pack(root)
    narrowed = select(check(pack, today=date(2023, 3, 1)), pack, units=["ssj"])
    (section,) = narrowed.sections
    assert (section.satisfied, section.required, section.complete) == (2, 2, True)
    assert (
        wording.verdict(narrowed)
        == "2 of 2 items complete, score 100 of 100 (target 100) — all evidence is in (only สำนักงานสาธารณสุขจังหวัดทดสอบ)"
    )


def test_sections_that_share_an_id_are_chosen_together(tmp_path: Path) -> None:
    from itapack.check import select

    sections = {
        "  - title: แผนป้องกันการทุจริต\n": '  - id: "10.1"\n    title: แผนป้องกันการทุจริต\n',
        "  - title: มาตรการเสริมสร้างมาตรฐานทางจริยธรรม\n": (
            '  - id: "๑๐.๒"\n    title: มาตรการเสริมสร้างมาตรฐานทางจริยธรรม\n'
        ),
        "        note: จัดทำโดยองค์กรกลางบริหารงานบุคคล\n": (
            "        note: จัดทำโดยองค์กรกลางบริหารงานบุคคล\n"
            '  - id: "10.2"\n    title: มาตรการภายใน\n    documents:\n      - {id: o42, title: มาตรการ}\n'
        ),
    }
    pack = load_pack(write_oit(tmp_path / "oit", OIT_COMPLETE, replace=sections))
    two = select(check(pack, today=DURING_THE_YEAR), pack, ["10.2"])
    assert [s.number for s in two.sections] == [2, 3]
    assert [d.id for d in two.documents] == ["o3", "MOIT1", "o42"]


@pytest.mark.parametrize("where", ["pack", "document"])
def test_an_empty_list_of_file_types_is_refused_not_read_as_anything_goes(tmp_path: Path, where: str) -> None:
    if where == "pack":
        root = write_pack(tmp_path / "p", pack=PACK_YAML + "accepted_types: []\n")
    else:
        root = write_pack(tmp_path / "p", levels=LEVELS_YAML.replace("types: [pdf]", "types: []"))
    (message,) = problems(root)
    assert message.endswith("types: needs at least one entry")


def test_render_out_naming_a_file_says_so(tmp_path: Path) -> None:
    from itapack.errors import OutputError
    from itapack.render import render_reports

    pack = load_pack(write_oit(tmp_path / "oit"))
    (tmp_path / "report.docx").write_text("ของคน", encoding="utf-8")
    with pytest.raises(OutputError, match="that is a file, not a folder"):
        render_reports(pack, check(pack), out=tmp_path / "report.docx", today=DURING_THE_YEAR)
