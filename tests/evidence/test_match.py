"""Matching evidence to requirements, on trees built inline (Thai names included)."""

from pathlib import Path

from itapack.evidence.result import Status

from ..conftest import COMPLETE, DOCX, HTML, JPG, LEVELS_YAML, PDF, run_check, status_of, write_pack

SPLIT_SARA_AM = "องค์การบริหารส่วนตำบลบางน้ำผึ้ง".replace("\u0e33", "\u0e4d\u0e32")


def check_tree(tmp_path: Path, evidence: dict, levels: str = LEVELS_YAML):
    return run_check(write_pack(tmp_path / "pack", levels=levels, evidence=evidence))


def test_complete_pack_reaches_the_top_level(pack_dir: Path) -> None:
    result = run_check(pack_dir)
    assert result.level_reached == 2
    assert result.passed()
    assert all(r.status is Status.OK for r in result.requirements)
    two_one = next(d for d in result.documents if d.id == "2.1")
    assert [r.files[0].path for r in two_one.requirements] == [
        "evidence/2.1 คำรับรอง/เทศบาลตำบลบางบ่อ/คำรับรอง.pdf",
        "evidence/2.1 คำรับรอง/อบต.บางน้ำผึ้ง/คำรับรอง.pdf",
    ]
    assert two_one.requirements[0].files[0].size == len(PDF)


def test_missing_document_says_where_its_evidence_goes(tmp_path: Path) -> None:
    evidence = {k: v for k, v in COMPLETE.items() if not k.startswith("1.1")}
    result = check_tree(tmp_path, evidence)
    requirement = next(d for d in result.documents if d.id == "1.1").requirements[0]
    assert requirement.status is Status.MISSING
    assert requirement.expected == "evidence/1.1 บันทึกข้อความ (มอบหมายภารกิจ)/"
    assert result.level_reached == 0 and not result.passed()


def test_level_counts_only_when_every_level_below_is_complete(tmp_path: Path) -> None:
    evidence = {k: v for k, v in COMPLETE.items() if not k.startswith("1.1")}
    result = check_tree(tmp_path, evidence)
    level1, level2 = result.sections
    assert (level1.complete, level1.reached) == (False, False)
    assert (level2.complete, level2.reached) == (True, False)  # complete, but level 1 below it is not
    assert level1.percent == 50.0


def test_folder_names_match_by_id_in_thai_or_arabic_digits_and_with_ข้อ(tmp_path: Path) -> None:
    evidence = {
        "๑.๑ บันทึกข้อความ": {"a.pdf": PDF},
        "ข้อ 1.2 รายงาน": {"b.pdf": PDF},
        "2.1": {"ทต.บางบ่อ": {"c.pdf": PDF}, "sao-bang-nam-phueng": {"d.pdf": PDF}},
    }
    result = check_tree(tmp_path, evidence)
    assert result.level_reached == 2


def test_id_1_1_does_not_claim_a_1_10_folder(tmp_path: Path) -> None:
    evidence = dict(COMPLETE)
    del evidence["1.1 บันทึกข้อความ"]
    evidence["1.10 อื่น"] = {"a.pdf": PDF}
    result = check_tree(tmp_path, evidence)
    assert status_of(result, "1.1") == "missing"
    assert [s.reason for s in result.strays] == ["no-document"]


def test_unit_folders_match_spelling_variants_short_forms_ids_and_numbering(tmp_path: Path) -> None:
    for i, (bang_bo, nam_phueng) in enumerate(
        [
            ("01 เทศบาลตำบลบางบ่อ", SPLIT_SARA_AM),
            ("ทต. บางบ่อ", "อบต.บางน้ำผึ้ง"),
            ("tt-bang-bo", "(2) องค์การบริหารส่วนตำบลบางน้ำผึ้ง"),
        ]
    ):
        evidence = dict(COMPLETE, **{"2.1 คำรับรอง": {bang_bo: {"a.pdf": PDF}, nam_phueng: {"b.pdf": PDF}}})
        result = check_tree(tmp_path / str(i), evidence)
        assert status_of(result, "2.1", "tt-bang-bo") == "ok", bang_bo
        assert status_of(result, "2.1", "sao-bang-nam-phueng") == "ok", nam_phueng


def test_district_and_kind_folders_are_looked_through(tmp_path: Path) -> None:
    evidence = dict(
        COMPLETE,
        **{"2.1 คำรับรอง": {"อำเภอบางบ่อ": {"เทศบาลตำบล": {"ทต.บางบ่อ": {"a.pdf": PDF}}, "อบต.บางน้ำผึ้ง": {"b.pdf": PDF}}}},
    )
    result = check_tree(tmp_path, evidence)
    assert status_of(result, "2.1", "tt-bang-bo") == "ok"
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "ok"
    assert result.strays == ()


def test_a_loose_file_named_after_its_unit_counts(tmp_path: Path) -> None:
    evidence = dict(COMPLETE, **{"2.1 คำรับรอง": {"ทต.บางบ่อ.pdf": PDF, "อบต.บางน้ำผึ้ง.pdf": PDF}})
    result = check_tree(tmp_path, evidence)
    assert result.level_reached == 2


def test_unknown_unit_folder_is_reported_with_the_closest_name(tmp_path: Path) -> None:
    evidence = dict(COMPLETE)
    evidence["2.1 คำรับรอง"] = {"เทศบาลตำบลบางบ่อ": {"a.pdf": PDF}, "อบต.บางน้ำผึ่ง": {"b.pdf": PDF, "c.pdf": PDF}}
    result = check_tree(tmp_path, evidence)
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "missing"
    (stray,) = result.strays  # the folder once, not each file in it
    assert stray.path == "evidence/2.1 คำรับรอง/อบต.บางน้ำผึ่ง"
    assert (stray.reason, stray.hint) == ("unknown-unit", "องค์การบริหารส่วนตำบลบางน้ำผึ้ง")


def test_junk_never_counts_and_is_not_reported(tmp_path: Path) -> None:
    junk = {"Thumbs.db": b"x", "desktop.ini": b"x", ".DS_Store": b"x", "~$บันทึก.docx": b"x", "._a.pdf": b"x"}
    evidence = dict(COMPLETE, **{"1.1 บันทึกข้อความ": junk})
    result = check_tree(tmp_path, evidence)
    assert status_of(result, "1.1") == "missing"
    assert result.ignored == 5 and result.strays == ()


def test_zero_byte_file_is_a_problem_not_evidence(tmp_path: Path) -> None:
    evidence = dict(COMPLETE, **{"1.1 บันทึกข้อความ": {"บันทึก.pdf": b""}})
    requirement = next(d for d in check_tree(tmp_path, evidence).documents if d.id == "1.1").requirements[0]
    assert requirement.status is Status.PROBLEM
    assert [(r.reason, r.size) for r in requirement.rejected] == [("empty", 0)]


def test_content_that_does_not_match_the_extension(tmp_path: Path) -> None:
    evidence = dict(COMPLETE, **{"1.1 บันทึกข้อความ": {"บันทึก.pdf": HTML, "ภาพ.jpg": PDF, "setup.pdf": b"MZ\x90\x00"}})
    requirement = next(d for d in check_tree(tmp_path, evidence).documents if d.id == "1.1").requirements[0]
    assert requirement.status is Status.PROBLEM
    assert sorted((r.path.rsplit("/")[-1], r.reason, r.detail) for r in requirement.rejected) == [
        ("setup.pdf", "content", "exe"),
        ("บันทึก.pdf", "content", "html"),
        ("ภาพ.jpg", "content", "pdf"),
    ]


def test_file_type_not_accepted_for_the_document(tmp_path: Path) -> None:
    evidence = dict(COMPLETE)
    evidence["2.1 คำรับรอง"] = {"เทศบาลตำบลบางบ่อ": {"a.docx": DOCX}, "อบต.บางน้ำผึ้ง": {"b.jpg": JPG, "b.pdf": PDF}}
    result = check_tree(tmp_path, evidence)
    bang_bo = next(d for d in result.documents if d.id == "2.1").requirements[0]
    assert bang_bo.status is Status.PROBLEM
    assert [(r.reason, r.detail) for r in bang_bo.rejected] == [("type", "docx")]
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "ok"  # the pdf counts; the jpg is noted


def test_same_as_shares_evidence_without_a_copy_and_accepts_a_copy(tmp_path: Path) -> None:
    result = check_tree(tmp_path / "a", COMPLETE)
    two_two = next(d for d in result.documents if d.id == "2.2")
    assert two_two.same_as == "1.2"
    assert two_two.requirements[0].files[0].path == "evidence/1.2 รายงานการประชุม/รายงาน.pdf"

    evidence = {k: v for k, v in COMPLETE.items() if not k.startswith("1.2")}
    evidence["2.2 รายงานการประชุม"] = {"สำเนา.pdf": PDF}
    result = check_tree(tmp_path / "b", evidence)
    assert status_of(result, "1.2") == status_of(result, "2.2") == "ok"


def test_a_loose_file_named_with_the_id_counts(tmp_path: Path) -> None:
    evidence = {k: v for k, v in COMPLETE.items() if not k.startswith("1.1")}
    evidence["1.1 บันทึกข้อความมอบหมาย.pdf"] = PDF
    assert status_of(check_tree(tmp_path, evidence), "1.1") == "ok"


def test_documents_sharing_a_folder_split_by_patterns(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace(
        "      - id: 1.2\n        title: รายงานการประชุม {date}\n",
        "      - id: 1.2\n        title: รายงานการประชุม {date}\n"
        "        folder: ประชุม 17 ม.ค. 67\n        patterns: ['*รายงาน*']\n"
        "      - id: 1.3\n        title: ภาพประกอบการประชุม\n"
        "        folder: ประชุม 17 ม.ค. 67\n        patterns: ['*ภาพ*']\n        min_files: 2\n",
    )
    evidence = {k: v for k, v in COMPLETE.items() if not k.startswith("1.2")}
    evidence["ประชุม 17 ม.ค.67"] = {"รายงานการประชุม.pdf": PDF, "ภาพ 1.jpg": JPG, "กำหนดการ.pdf": PDF}
    result = check_tree(tmp_path, evidence, levels=levels)
    assert status_of(result, "1.2") == "ok"
    three = next(d for d in result.documents if d.id == "1.3").requirements[0]
    assert (three.status, len(three.files), three.needed) == (Status.PROBLEM, 1, 2)
    assert [(s.path, s.reason) for s in result.strays] == [("evidence/ประชุม 17 ม.ค.67/กำหนดการ.pdf", "no-pattern")]


def test_no_evidence_folder_means_everything_missing(tmp_path: Path) -> None:
    result = run_check(write_pack(tmp_path / "pack"))
    assert not result.pack.evidence_found
    assert {str(r.status) for r in result.requirements} == {"missing"}


def test_percent_by_unit_kind(tmp_path: Path) -> None:
    evidence = dict(COMPLETE, **{"2.1 คำรับรอง": {"ทต.บางบ่อ": {"a.pdf": PDF}}})
    kinds = {k.id: (k.units, k.satisfied, k.required, k.percent) for k in check_tree(tmp_path, evidence).kinds}
    assert kinds == {
        "regional_agency": (1, 0, 0, 100.0),
        "subdistrict_municipality": (1, 1, 1, 100.0),
        "sao": (1, 0, 1, 0.0),
    }


def test_select_narrows_what_is_shown_and_what_passes(tmp_path: Path) -> None:
    evidence = dict(COMPLETE, **{"2.1 คำรับรอง": {"ทต.บางบ่อ": {"a.pdf": PDF}}})
    result = check_tree(tmp_path, evidence)
    assert not result.passed()
    only_bang_bo = result.select(units=frozenset({"tt-bang-bo"}))
    assert [(d.id, [r.unit for r in d.requirements]) for d in only_bang_bo.documents] == [("2.1", ["tt-bang-bo"])]
    assert only_bang_bo.passed()
    assert result.select(sections=frozenset({1})).passed()
    assert not result.select(sections=frozenset({2})).passed()
    assert result.passed(target_level=1)


def test_invisible_characters_in_a_name_do_not_hide_the_unit_or_the_document(tmp_path: Path) -> None:
    evidence = dict(COMPLETE)
    evidence["\ufeff1.1 บันทึกข้อความ"] = evidence.pop("1.1 บันทึกข้อความ")
    evidence["2.1 คำรับรอง"] = {"เทศบาล\u200bตำบลบางบ่อ": {"a.pdf": PDF}, "อบต.บางน้ำ\u200dผึ้ง": {"b.pdf": PDF}}
    result = check_tree(tmp_path, evidence)
    assert result.level_reached == 2 and result.strays == ()
    # counted as they look, and the clerk is told which names to retype
    assert sorted(n.path for n in result.notices) == sorted(
        [
            "evidence/2.1 คำรับรอง/อบต.บางน้ำ\u200dผึ้ง",
            "evidence/2.1 คำรับรอง/เทศบาล\u200bตำบลบางบ่อ",
            "evidence/\ufeff1.1 บันทึกข้อความ",
        ]
    )
    assert {n.reason for n in result.notices} == {"invisible-character"}
