"""Packs filed unit first, attacked: a unit's own folder at any depth and under any of its names,
inside another unit's folder or a document's, empty, named twice; shared documents, look-alike
ids; then scaffold, intake and the workers on such trees. Each case files a file where the check
points and checks that it counts."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from itapack.chase import intake
from itapack.check import check
from itapack.evidence import contentcache, parallel
from itapack.outputs import jsonout
from itapack.pack.loader import load_pack
from itapack.year.scaffold import scaffold

from .conftest import LEVELS_YAML, PDF, make_tree, run_check, write_pack

TODAY = date(2024, 2, 1)
TT, SAO = "tt-bang-bo", "sao-bang-nam-phueng"
SAO_FIRST = "evidence/2.1 คำรับรองการปฏิบัติราชการ/องค์การบริหารส่วนตำบลบางน้ำผึ้ง/"  # what scaffold makes

# 2.3 shares 2.1's evidence; 1.10 must not be taken for 1.1; O36 is written in capitals
MORE_LEVELS = (
    LEVELS_YAML
    + """\
      - id: 2.3
        title: สำเนาคำรับรอง
        per_unit: [local]
        same_as: 2.1
      - id: 1.10
        title: แผนผังบุคลากร
        per_unit: [local]
      - id: O36
        title: แผนปฏิบัติการป้องกันการทุจริต
        per_unit: [local]
"""
)


def expected_of(root: Path) -> dict[tuple[str, str | None], tuple[str, str]]:
    return {(r.document, r.unit): (str(r.status), r.expected) for r in run_check(root, TODAY).requirements}


def file_where_expected(root: Path, expected: str, name: str) -> Path:
    """A clerk doing what the check says: "…/อบต.บางปลา/2.1 *" is a name there leading with 2.1."""
    if expected.endswith(" *"):
        folder, _, lead = expected[:-2].rpartition("/")
        path = root / folder / f"{lead} {name}"
    else:
        path = root / expected / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PDF + name.encode())
    return path


# --- the check -------------------------------------------------------------------------------


def test_a_units_folder_at_the_top_under_its_short_form_id_or_a_number(tmp_path: Path) -> None:
    root = write_pack(
        tmp_path / "p",
        evidence={"อบต.บางน้ำผึ้ง": {}, "หน่วยงาน": {"01 tt-bang-bo": {"1.1 ของหน่วย.pdf": PDF}}},
    )
    expected = expected_of(root)
    assert expected["2.1", SAO] == ("missing", "evidence/อบต.บางน้ำผึ้ง/2.1 *")  # empty, still its own
    assert expected["2.1", TT] == ("missing", "evidence/หน่วยงาน/01 tt-bang-bo/2.1 *")
    file_where_expected(root, expected["2.1", SAO][1], "คำรับรอง.pdf")
    file_where_expected(root, expected["2.1", TT][1], "คำรับรอง.pdf")
    after = expected_of(root)
    assert after["2.1", SAO] == ("ok", "evidence/อบต.บางน้ำผึ้ง/2.1 *")
    assert after["2.1", TT] == ("ok", "evidence/หน่วยงาน/01 tt-bang-bo/2.1 *")
    assert not run_check(root, TODAY).strays


def test_a_unit_folder_inside_another_units_folder_is_that_units_own(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p", evidence={"เทศบาลตำบลบางบ่อ": {"อบต.บางน้ำผึ้ง": {}}})
    expected = expected_of(root)
    assert expected["2.1", TT][1] == "evidence/เทศบาลตำบลบางบ่อ/2.1 *"
    assert expected["2.1", SAO][1] == "evidence/เทศบาลตำบลบางบ่อ/อบต.บางน้ำผึ้ง/2.1 *"
    file_where_expected(root, expected["2.1", SAO][1], "คำรับรอง.pdf")
    after = expected_of(root)
    assert (after["2.1", SAO][0], after["2.1", TT][0]) == ("ok", "missing")  # the inner unit's, not the outer's


def test_a_unit_named_twice_goes_to_its_shallowest_folder_and_both_count(tmp_path: Path) -> None:
    evidence = {
        "ปี 2567": {"ส่วนท้องถิ่น": {"เทศบาลตำบลบางบ่อ": {"2.1 คำรับรอง.docx": b"PK\x03\x04" + b"\x00" * 26}}},
        "ส่งล่าสุด": {"ทต.บางบ่อ": {}},
    }
    root = write_pack(tmp_path / "p", evidence=evidence)
    status, where = expected_of(root)["2.1", TT]
    assert (status, where) == ("problem", "evidence/ส่งล่าสุด/ทต.บางบ่อ/2.1 *")  # a docx: 2.1 takes PDF only
    file_where_expected(root, where, "คำรับรอง.pdf")
    assert expected_of(root)["2.1", TT] == ("ok", where)


def test_a_unit_folder_inside_a_documents_folder_is_no_home(tmp_path: Path) -> None:
    evidence = {"1.1 บันทึกข้อความ": {"เทศบาลตำบลบางบ่อ": {"บันทึก.pdf": PDF}}}  # 1.1 is the pack's own
    root = write_pack(tmp_path / "p", evidence=evidence)
    expected = expected_of(root)
    assert expected["1.1", None][0] == "ok"
    assert expected["2.1", TT] == ("missing", "evidence/2.1 คำรับรองการปฏิบัติราชการ/เทศบาลตำบลบางบ่อ/")
    file_where_expected(root, expected["2.1", TT][1], "คำรับรอง.pdf")
    assert expected_of(root)["2.1", TT][0] == "ok"


def test_a_unit_that_owes_nothing_keeps_its_folder_and_asks_nothing(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p", evidence={"สำนักงานจังหวัดทดสอบ": {"2.1 คำรับรอง.pdf": PDF}})
    result = run_check(root, TODAY)
    assert {r.unit for r in result.requirements if r.document == "2.1"} == {TT, SAO}
    assert all(" *" not in r.expected for r in result.requirements)
    assert [(s.path, s.reason) for s in result.strays] == [
        ("evidence/สำนักงานจังหวัดทดสอบ/2.1 คำรับรอง.pdf", "unit-not-needed")
    ]


def test_a_documents_folder_in_use_for_a_unit_beats_its_own_folder(tmp_path: Path) -> None:
    evidence = {
        "2.1 คำรับรอง": {"เทศบาลตำบลบางบ่อ": {"คำรับรอง.docx": b"PK\x03\x04" + b"\x00" * 26}},
        "แยกหน่วยงาน": {"เทศบาลตำบลบางบ่อ": {"1.1 ของหน่วย.pdf": PDF}},
    }
    root = write_pack(tmp_path / "p", evidence=evidence)
    expected = expected_of(root)
    assert expected["2.1", TT] == ("problem", "evidence/2.1 คำรับรอง/เทศบาลตำบลบางบ่อ/")
    assert expected["2.1", SAO][1] == "evidence/2.1 คำรับรอง/องค์การบริหารส่วนตำบลบางน้ำผึ้ง/"  # its root in use


def test_shared_look_alike_and_capital_ids_in_a_units_folder(tmp_path: Path) -> None:
    evidence = {"แยก": {"เทศบาลตำบลบางบ่อ": {"1.1 บันทึก.pdf": PDF}}}
    root = write_pack(tmp_path / "p", levels=MORE_LEVELS, evidence=evidence)
    expected = expected_of(root)
    home = "evidence/แยก/เทศบาลตำบลบางบ่อ/"
    assert expected["1.1", None][0] == "ok"  # the pack's own 1.1, filed in a unit's folder
    assert expected["1.10", TT] == ("missing", home + "1.10 *")  # "1.1 บันทึก.pdf" is not 1.10's
    assert expected["2.3", TT] == ("missing", home + "2.1 *")  # the evidence it shares is 2.1's
    assert expected["O36", TT] == ("missing", home + "O36 *")
    # written as clerks write them: Thai digits, lower case, the shared document's own id
    for name in ("๑.๑๐ แผนผัง.pdf", "o36 แผน.pdf", "2.3 สำเนาคำรับรอง.pdf"):
        (root / home / name).write_bytes(PDF + name.encode())
    after = expected_of(root)
    assert {key: after[key][0] for key in (("1.10", TT), ("O36", TT), ("2.1", TT), ("2.3", TT))} == dict.fromkeys(
        (("1.10", TT), ("O36", TT), ("2.1", TT), ("2.3", TT)), "ok"
    )
    assert after["1.10", SAO][0] == after["O36", SAO][0] == "missing"
    assert not run_check(root, TODAY).strays


def test_a_document_with_its_own_folder_or_patterns_keeps_its_folder(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace("        types: [pdf]\n", "        types: [pdf]\n        patterns: ['*คำรับรอง*']\n")
    assert levels != LEVELS_YAML
    root = write_pack(tmp_path / "p", levels=levels, evidence={"เทศบาลตำบลบางบ่อ": {}})
    assert expected_of(root)["2.1", TT] == ("missing", "evidence/2.1 คำรับรองการปฏิบัติราชการ/เทศบาลตำบลบางบ่อ/")


# --- scaffold ----------------------------------------------------------------------------------


def test_scaffold_twice_on_a_pack_filed_unit_first_writes_nothing_in_a_units_folder(tmp_path: Path) -> None:
    evidence = {
        "แยกหน่วยงาน": {"อำเภอบางบ่อ": {"01 เทศบาลตำบลบางบ่อ": {"1.1 หนังสือ.pdf": PDF}}},
        "เทศบาลตำบลบางบ่อ สำเนา": {},  # names no unit: not a home
    }
    root = write_pack(tmp_path / "p", levels=MORE_LEVELS, evidence=evidence)
    before = expected_of(root)
    first = scaffold(load_pack(root), run_check(root, TODAY))
    home = root / "evidence" / "แยกหน่วยงาน" / "อำเภอบางบ่อ" / "01 เทศบาลตำบลบางบ่อ"
    assert [p.name for p in home.iterdir()] == ["1.1 หนังสือ.pdf"]
    assert not any("แยกหน่วยงาน" in folder for folder in first.created)
    assert f"{SAO_FIRST.rstrip('/')}" in first.created
    assert expected_of(root) == before
    second = scaffold(load_pack(root), run_check(root, TODAY))
    assert (second.created, second.readmes) == ([], [])
    assert expected_of(root) == before
    for doc in ("2.1", "1.10", "O36"):  # a round trip: where it points, it counts
        file_where_expected(root, before[doc, TT][1], "ส่งมา.pdf")
        file_where_expected(root, before[doc, SAO][1], "ส่งมา.pdf")
    after = expected_of(root)
    assert {key: status for key, (status, _) in after.items() if key[1]} == dict.fromkeys(
        [key for key in before if key[1]], "ok"
    )


# --- workers and the content cache -----------------------------------------------------------


def test_units_folders_survive_workers_and_the_content_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("workers are forked")
    evidence = {
        # the same unit in three subtrees: the shallowest wins whichever worker reads it first
        "ก แยกหน่วยงาน": {"อำเภอบางบ่อ": {"เทศบาลตำบลบางบ่อ": {"1.10 แผนผัง.pdf": PDF}}},
        "ข ส่งใหม่": {"ทต.บางบ่อ": {"o36 แผน.pdf": PDF}},
        "ค ส่งช้า": {"ทต.บางบ่อ": {}},
        "ง": {"ส่วนท้องถิ่น": {"อบต.บางน้ำผึ้ง": {}}},
        "จ": {"sao-bang-nam-phueng": {"2.1 คำรับรอง.pdf": PDF}},
        "องค์การบริหารส่วนตำบลบางน้ำผึ้ง": {"o36 แผน.pdf": PDF},  # a subtree that is a unit's folder itself
        **{f"ฉ{n}": {"ไม่รู้ข้อ.pdf": PDF} for n in range(6)},
    }
    root = write_pack(tmp_path / "p", levels=MORE_LEVELS, evidence=evidence)
    monkeypatch.setenv("ITAPACK_NO_CACHE", "1")
    alone = check(load_pack(root), today=TODAY, jobs=1)
    expected = {(r.document, r.unit): r.expected for r in alone.requirements if r.unit}
    assert expected["1.10", TT] == "evidence/ค ส่งช้า/ทต.บางบ่อ/1.10 *"  # as deep as ข's: the shorter path
    assert expected["2.1", SAO] == "evidence/องค์การบริหารส่วนตำบลบางน้ำผึ้ง/2.1 *"  # the shallowest
    assert [str(r.status) for r in alone.requirements if r.unit == SAO] == ["ok", "ok", "missing", "ok"]
    monkeypatch.setattr(parallel, "SMALL_TREE", 0)
    used: list[bool] = []
    real = parallel._in_workers
    monkeypatch.setattr(parallel, "_in_workers", lambda *args: used.append(real(*args)) or used[-1])
    for jobs in (2, 3, 64):
        assert jsonout.dumps(check(load_pack(root), today=TODAY, jobs=jobs)) == jsonout.dumps(alone)
    assert used == [True, True, True]  # the workers' results, not the parent's fallback
    monkeypatch.delenv("ITAPACK_NO_CACHE")
    monkeypatch.setenv("ITAPACK_CACHE_DIR", str(tmp_path / "แคช"))
    monkeypatch.setattr(contentcache, "SETTLE_NS", -(10**12))
    hits: list[bool] = []
    remembered = contentcache.ContentCache.placement

    def spied(self: contentcache.ContentCache, name: str, walked: str) -> bytes | None:
        placed = remembered(self, name, walked)
        hits.append(placed is not None)
        return placed

    monkeypatch.setattr(contentcache.ContentCache, "placement", spied)
    for jobs in (1, 1, 3, 3):  # the first fills the cache, the rest read it
        assert jsonout.dumps(check(load_pack(root), today=TODAY, jobs=jobs)) == jsonout.dumps(alone)
    assert used == [True] * 5
    subtrees = len(evidence)  # what one process did (the workers' own lookups stay in them)
    assert hits == [False] * subtrees + [True] * subtrees  # the second check placed nothing again
    assert list((tmp_path / "แคช" / "content").iterdir())


# --- intake ------------------------------------------------------------------------------------


def planned(root: Path, inbox: Path) -> dict[str, intake.Placement]:
    return {p.file: p for _, p in intake.plan(load_pack(root), run_check(root, TODAY), inbox)}


def file_inbox(root: Path, inbox: Path) -> dict[str, intake.Placement]:
    pack = load_pack(root)
    plan = intake.plan(pack, run_check(root, TODAY), inbox)
    intake.apply(pack, plan)
    return {p.file: p for _, p in plan}


HOME = "evidence/แยกหน่วยงาน/เทศบาลตำบลบางบ่อ/"


def test_intake_into_a_units_folder_thai_digits_item_words_and_a_zip(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p", levels=MORE_LEVELS, evidence={"แยกหน่วยงาน": {"เทศบาลตำบลบางบ่อ": {}}})
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("ทต.บางบ่อ/o36/แผนปฏิบัติการ.pdf", PDF + b"zip")
    inbox = tmp_path / "inbox"
    make_tree(
        inbox,
        {
            "ทต.บางบ่อ": {
                "๒.๑ คำรับรอง.pdf": PDF + b"thai digits",  # leads with 2.1 in Thai digits: kept
                "ข้อ 1.10 แผนผัง.pdf": PDF + b"item word",  # "ข้อ 1.10" leads with 1.10: kept
                ".pdf": PDF + b"no name",  # only an extension: nothing says what it is
                "1.10": {"1.1 บันทึก.pdf": PDF + b"other"},  # leads with 1.1: a person renames it
            },
            "ส่งมา.zip": zipped.getvalue(),
        },
    )
    plan = file_inbox(root, inbox)
    got = {name: (p.action, p.document, p.destination) for name, p in plan.items()}
    assert got["ทต.บางบ่อ/๒.๑ คำรับรอง.pdf"] == ("filed", "2.1", HOME + "๒.๑ คำรับรอง.pdf")
    assert got["ทต.บางบ่อ/ข้อ 1.10 แผนผัง.pdf"] == ("filed", "1.10", HOME + "ข้อ 1.10 แผนผัง.pdf")
    assert got["ส่งมา.zip/ทต.บางบ่อ/o36/แผนปฏิบัติการ.pdf"] == ("filed", "O36", HOME + "O36 แผนปฏิบัติการ.pdf")
    assert got["ทต.บางบ่อ/.pdf"][0] == "unmatched"
    assert got["ทต.บางบ่อ/1.10/1.1 บันทึก.pdf"][0] == "unmatched"
    assert "ต้องเปลี่ยนชื่อก่อน" in plan["ทต.บางบ่อ/1.10/1.1 บันทึก.pdf"].reason
    after = expected_of(root)
    assert [after[doc, TT][0] for doc in ("2.1", "2.3", "1.10", "O36")] == ["ok"] * 4
    assert after["1.1", None][0] == "missing"  # the refused file was not filed as 1.1
    assert not run_check(root, TODAY).strays


def test_intake_never_makes_a_name_that_serves_another_document_too(tmp_path: Path) -> None:
    # "และ 1.1 …" leads with no id; with "2.1 " in front it leads with two, and a unit's
    # attachment would fill the office's own 1.1
    root = write_pack(tmp_path / "p", evidence={"แยกหน่วยงาน": {"เทศบาลตำบลบางบ่อ": {}}})
    inbox = tmp_path / "inbox"
    make_tree(inbox, {"ทต.บางบ่อ": {"2.1": {"และ 1.1 บันทึกแนบ.pdf": PDF, "แนบท้าย 1.1.pdf": PDF + b"tail"}}})
    plan = file_inbox(root, inbox)
    joined = plan["ทต.บางบ่อ/2.1/และ 1.1 บันทึกแนบ.pdf"]
    assert (joined.action, joined.destination) == ("unmatched", "")
    assert "ต้องเปลี่ยนชื่อก่อน" in joined.reason
    tail = plan["ทต.บางบ่อ/2.1/แนบท้าย 1.1.pdf"]  # an id later in the name is only words
    assert (tail.action, tail.destination) == ("filed", HOME + "2.1 แนบท้าย 1.1.pdf")
    after = expected_of(root)
    assert (after["2.1", TT][0], after["1.1", None][0]) == ("ok", "missing")


def test_intake_a_file_like_another_documents_file_in_a_units_folder_is_filed(tmp_path: Path) -> None:
    # One PDF sent for two items: in a document's folder it would be filed; in the unit's own
    # folder, beside the copy that serves 1.10, it must be filed too, or 2.1 is never done.
    same = PDF + b"one report for two items"
    root = write_pack(
        tmp_path / "p", levels=MORE_LEVELS, evidence={"แยกหน่วยงาน": {"เทศบาลตำบลบางบ่อ": {"1.10 รายงาน.pdf": same}}}
    )
    inbox = tmp_path / "inbox"
    make_tree(inbox, {"ทต.บางบ่อ": {"2.1": {"รายงาน.pdf": same}, "1.10": {"รายงาน.pdf": same}}})
    plan = file_inbox(root, inbox)
    assert (plan["ทต.บางบ่อ/2.1/รายงาน.pdf"].action, plan["ทต.บางบ่อ/2.1/รายงาน.pdf"].destination) == (
        "filed",
        HOME + "2.1 รายงาน.pdf",
    )
    assert plan["ทต.บางบ่อ/1.10/รายงาน.pdf"].action == "skipped"  # 1.10 has that very file already
    assert expected_of(root)["2.1", TT][0] == "ok"


def test_intake_the_same_file_twice_and_a_name_already_taken(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p", evidence={"แยกหน่วยงาน": {"เทศบาลตำบลบางบ่อ": {"2.1 คำรับรอง.pdf": PDF + b"old"}}})
    inbox = tmp_path / "inbox"
    make_tree(
        inbox,
        {
            "อีเมล": {"เทศบาลตำบลบางบ่อ": {"2.1": {"คำรับรอง.pdf": PDF + b"new"}}},
            "LINE": {"ทต.บางบ่อ คำรับรอง": {"2.1 คำรับรอง.pdf": PDF + b"new"}},  # the same file again
            "ส่งซ้ำ": {"ทต.บางบ่อ": {"2.1 คำรับรอง.pdf": PDF + b"old"}},  # the one already filed
        },
    )
    plan = file_inbox(root, inbox)
    actions = sorted((p.action, p.destination) for p in plan.values())
    assert actions == [
        ("renamed", HOME + "2.1 คำรับรอง (2).pdf"),  # never over the old one
        ("skipped", HOME + "2.1 คำรับรอง.pdf"),
        ("skipped", HOME + "2.1 คำรับรอง.pdf"),
    ]
    assert (root / HOME / "2.1 คำรับรอง.pdf").read_bytes() == PDF + b"old"
    [requirement] = [r for r in run_check(root, TODAY).requirements if (r.document, r.unit) == ("2.1", TT)]
    assert (str(requirement.status), len(requirement.files)) == ("ok", 2)


def test_intake_a_name_too_long_once_the_id_is_in_front_is_left_for_a_person(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p", evidence={"แยกหน่วยงาน": {"เทศบาลตำบลบางบ่อ": {}}})
    long_name = "ก" * 83 + ".pdf"  # 253 bytes: a name Linux takes; with "2.1 " in front, 257 it does not
    inbox = tmp_path / "inbox"
    make_tree(inbox, {"ทต.บางบ่อ": {"2.1": {long_name: PDF + b"long"}}, "1.1 บันทึก.pdf": PDF})
    plan = file_inbox(root, inbox)  # no error: the other file is filed and the log can be written
    long = plan[f"ทต.บางบ่อ/2.1/{long_name}"]
    assert (long.action, long.destination) == ("unmatched", "")
    assert "ยาวเกิน" in long.reason
    assert plan["1.1 บันทึก.pdf"].action == "filed"
    assert [p.name for p in (root / HOME).iterdir()] == []


def test_intake_a_path_past_windows_limit_is_left_for_a_person(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(intake, "WINDOWS", True)
    deep = tmp_path.joinpath(*[f"ชุดเอกสาร ITA ปีงบประมาณ 256{n}" for n in range(4)])  # deep in Documents
    root = write_pack(deep / "p", evidence={"แยกหน่วยงาน": {"เทศบาลตำบลบางบ่อ": {}}})
    room = 259 - len(os.path.abspath(root / HOME)) - 1  # what a name there may hold under MAX_PATH
    fits = "ก" * (room - 6) + ".pdf"  # two to spare: filed as it is, it would fit
    assert 10 < len(fits) < 80
    inbox = tmp_path / "inbox"
    make_tree(inbox, {"ทต.บางบ่อ": {"2.1": {fits: PDF}}, "ทต. บางบ่อ": {"2.1 คำรับรอง.pdf": PDF + b"short"}})
    plan = file_inbox(root, inbox)
    placed = plan[f"ทต.บางบ่อ/2.1/{fits}"]  # "2.1 " in front: two past the limit
    assert (placed.action, placed.destination) == ("unmatched", "")
    assert "ยาวเกิน" in placed.reason
    short = plan["ทต. บางบ่อ/2.1 คำรับรอง.pdf"]
    assert (short.action, short.destination) == ("filed", HOME + "2.1 คำรับรอง.pdf")
