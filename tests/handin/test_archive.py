"""The submission archive: Thai names kept, Windows-safe paths, the same bytes every time, and
--verify catching one changed byte."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from itapack.cli import app
from itapack.handin import copier, treeopen
from itapack.handin.archive import CSV_COLUMNS, CSV_HEADERS_TH, KNOWN_PARTS, PATH_LIMIT, _unsafe_parts, windows_safe

from ..conftest import DOCX, JPG, PDF, tool, write_pack

LONG_UNIT = "องค์การบริหารส่วนตำบลบางน้ำผึ้ง"
GROUPING = "องค์กรปกครองส่วนท้องถิ่นในเขตอำเภอบางบ่อ จังหวัดสมุทรปราการ"  # a folder a clerk made
EVIDENCE = {
    "1.1 บันทึกข้อความมอบหมายภารกิจ": {"บันทึก ที่ สป 0017.2-123.pdf": PDF + b"1.1"},
    "1.2 รายงานการประชุม": {"รายงาน ครั้งที่ 1.pdf": PDF + b"1.2", "ภาพ.jpg": JPG, "ว่าง.pdf": b""},
    "2.1 คำรับรอง": {
        "เทศบาลตำบลบางบ่อ": {"คำรับรอง.pdf": PDF + b"tt"},
        GROUPING: {LONG_UNIT: {("ก" * 20) + " คำรับรองการปฏิบัติราชการ " + ("ข" * 20) + ".pdf": PDF + b"sao"}},
    },
    "อื่น ๆ": {"ไม่เกี่ยว.docx": DOCX},
}


def bundle(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["bundle", *args])
    return result.exit_code, result.output


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    pack = write_pack(tmp_path / "pack", evidence=EVIDENCE)
    code, output = bundle(str(pack), "--out", str(tmp_path / "out"), "--format", "zip", "--date", "2567-09-30")
    assert code == 0, output
    return tmp_path / "out" / "ไฟล์นำส่ง ITA 2567.zip"


def manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as opened:
        return json.loads(opened.read("manifest.json").decode("utf-8"))


def test_thai_names_survive_with_the_utf8_flag(archive: Path) -> None:
    with zipfile.ZipFile(archive) as opened:
        infos = {info.filename: info for info in opened.infolist()}
    assert "evidence/1.1 บันทึกข้อความมอบหมายภารกิจ/บันทึก ที่ สป 0017.2-123.pdf" in infos
    assert "evidence/2.1 คำรับรอง/เทศบาลตำบลบางบ่อ/คำรับรอง.pdf" in infos
    # The UTF-8 flag on every Thai name; an ASCII name reads the same either way.
    assert all(info.flag_bits & 0x800 for name, info in infos.items() if not name.isascii())
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in infos.values())
    reports = {"reports/รายงาน ITA 2567.docx", "reports/รายงาน ITA 2567.html"}
    assert {"manifest.json", "manifest.csv", *reports} <= set(infos)


def test_only_counted_evidence_goes_in_each_file_once(archive: Path) -> None:
    names = zipfile.ZipFile(archive).namelist()
    assert not any(name.endswith("ว่าง.pdf") for name in names)  # a zero-byte file is a problem, not evidence
    assert not any("ไม่เกี่ยว" in name for name in names)  # a stray is not handed in
    # 1.2 also serves 2.2 (same_as): one copy, two uses in the manifest.
    row = next(f for f in manifest(archive)["files"] if f["path"].endswith("รายงาน ครั้งที่ 1.pdf"))
    assert {use["document"] for use in row["uses"]} == {"1.2", "2.2"}
    assert len([n for n in names if n.endswith("รายงาน ครั้งที่ 1.pdf")]) == 1


def test_long_paths_are_shortened_and_the_original_kept(archive: Path) -> None:
    files = manifest(archive)["files"]
    folder = f"evidence/2.1 คำรับรอง/{GROUPING}/{LONG_UNIT}/"
    long = next(f for f in files if f.get("original_path", "").startswith(folder))
    assert len(long["path"]) <= PATH_LIMIT
    assert long["path"].endswith(".pdf")
    assert long["path"] in zipfile.ZipFile(archive).namelist()
    assert sum("original_path" in f for f in files) == 1


def csv_rows(text: str) -> list[dict[str, str]]:
    """manifest.csv's rows by the codes of its columns: its headers are Thai, one code a column."""
    reader = csv.reader(io.StringIO(text))
    assert tuple(next(reader)) == CSV_HEADERS_TH
    return [dict(zip(CSV_COLUMNS, row, strict=True)) for row in reader]


def test_manifest_csv_has_hashes_that_match(archive: Path) -> None:
    import hashlib

    with zipfile.ZipFile(archive) as opened:
        text = opened.read("manifest.csv").decode("utf-8-sig")
        rows = csv_rows(text)
        row = next(r for r in rows if r["document"] == "1.1")
        data = opened.read(row["path"])
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    assert int(row["size"]) == len(data)
    assert (row["status"], row["status_text"]) == ("ok", "ครบ")
    units = {r["unit_name"] for r in rows if r["document"] == "2.1"}
    assert units == {"เทศบาลตำบลบางบ่อ", LONG_UNIT}


def test_the_same_pack_gives_the_same_bytes(tmp_path: Path, archive: Path) -> None:
    pack = tmp_path / "pack"
    code, output = bundle(str(pack), "--out", str(tmp_path / "again"), "--format", "zip", "--date", "2567-09-30")
    assert code == 0, output
    assert (tmp_path / "again" / archive.name).read_bytes() == archive.read_bytes()


def test_opened_by_openat2_or_by_walking_the_folders_the_bytes_are_the_same(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(treeopen, "_OPENAT2", [None])  # a kernel without openat2, as before Linux 5.6
    pack = tmp_path / "pack"
    code, output = bundle(str(pack), "--out", str(tmp_path / "walked"), "--format", "zip", "--date", "2567-09-30")
    assert code == 0, output
    walked = tmp_path / "walked" / archive.name
    assert walked.read_bytes() == archive.read_bytes()
    code, output = bundle("--verify", str(walked))
    assert code == 0, output


def test_manifests_kept_aside_in_a_temporary_file_give_the_same_bytes(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The manifests are deflated as their rows come and kept aside until the evidence is in: in
    memory, or past SPOOL_MEMORY (a national manifest of unusual names) in a temporary file."""
    from itapack.handin import zipstream

    monkeypatch.setattr(zipstream, "SPOOL_MEMORY", 64)
    pack = tmp_path / "pack"
    code, output = bundle(str(pack), "--out", str(tmp_path / "spooled"), "--format", "zip", "--date", "2567-09-30")
    assert code == 0, output
    spooled = tmp_path / "spooled" / archive.name
    assert spooled.read_bytes() == archive.read_bytes()
    with zipfile.ZipFile(spooled) as opened:
        assert opened.getinfo("manifest.json").compress_size > 64  # it did go past the memory it may keep


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the copier is forked")
def test_copied_by_a_forked_copier_or_in_one_process_the_bytes_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = write_pack(tmp_path / "pack", evidence=EVIDENCE)
    made = {}
    for jobs in ("1", "2"):
        monkeypatch.setattr(copier, "MIN_FILES", 1)
        monkeypatch.setenv("ITAPACK_JOBS", jobs)
        assert copier.wanted(5) == (jobs == "2")
        out = tmp_path / f"jobs-{jobs}"
        code, output = bundle(str(pack), "--out", str(out), "--format", "zip", "--date", "2567-09-30")
        assert code == 0, output
        made[jobs] = (out / "ไฟล์นำส่ง ITA 2567.zip").read_bytes()
        code, output = bundle("--verify", str(out / "ไฟล์นำส่ง ITA 2567.zip"))
        assert code == 0, output
    assert made["1"] == made["2"]


def test_the_archive_lists_the_same_files_whether_or_not_the_plan_sorts_them(tmp_path: Path) -> None:
    """The archive sorts every file by name itself, so the plan's natural sort is skipped for it."""
    from datetime import date

    from itapack.check import check
    from itapack.handin import plan
    from itapack.handin.archive import listing
    from itapack.pack.loader import load_pack

    evidence = {**EVIDENCE, "1.2 รายงานการประชุม": {f"ภาพ {n}.jpg": JPG for n in (10, 2, 1)}}
    pack = load_pack(write_pack(tmp_path / "pack", evidence=evidence))
    result = check(pack, today=date(2024, 9, 30))
    in_order, as_found = plan.parts(result), plan.parts(result, files_in_order=False)
    one, other = listing(in_order), listing(as_found)
    assert [one.name(i) for i in one.order] == [other.name(i) for i in other.order]
    assert [one.uses(i) for i in one.order] == [other.uses(i) for i in other.order]


def test_the_plan_lists_a_documents_units_in_the_order_of_units_yaml(tmp_path: Path) -> None:
    """units.yaml lists the municipality before the SAO: by id or by name the SAO would come first."""
    from datetime import date

    from itapack.check import check
    from itapack.handin import plan
    from itapack.pack.loader import load_pack

    result = check(load_pack(write_pack(tmp_path / "pack", evidence=EVIDENCE)), today=date(2024, 9, 30))
    units = [part.unit for part in plan.parts(result) if part.document == "2.1"]
    assert units == ["tt-bang-bo", "sao-bang-nam-phueng"]


def test_verify_passes_then_catches_one_changed_byte(archive: Path) -> None:
    code, output = bundle("--verify", str(archive))
    assert code == 0, output
    assert "ตรงกับบัญชีรายการทุกไฟล์" in output
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as opened:
        info = opened.getinfo("evidence/1.1 บันทึกข้อความมอบหมายภารกิจ/บันทึก ที่ สป 0017.2-123.pdf")
    # The data starts after the local header: 30 bytes, the name and the extra field.
    start = info.header_offset + 30 + len(info.filename.encode("utf-8")) + len(info.extra)
    data[start + 5] ^= 0x01
    archive.write_bytes(bytes(data))
    code, output = bundle("--verify", str(archive))
    assert code == 1
    assert "บันทึก ที่ สป 0017.2-123.pdf" in output


def tampered(archive: Path, folder: Path) -> Path:
    """A copy of the archive with one unit's file left out and a file added that the manifest lacks."""
    changed = folder / "changed.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(changed, "w") as target:
        for info in source.infolist():
            if "เทศบาลตำบลบางบ่อ" not in info.filename:
                target.writestr(info, source.read(info))
        target.writestr("evidence/เพิ่มเอง.pdf", PDF)
    return changed


def test_verify_says_what_is_missing_and_what_is_extra(archive: Path, tmp_path: Path) -> None:
    changed = tampered(archive, tmp_path)
    code, output = bundle("--verify", str(changed))
    assert code == 1
    assert "เทศบาลตำบลบางบ่อ/คำรับรอง.pdf: ไม่มีในไฟล์ zip" in output
    assert "evidence/เพิ่มเอง.pdf: มีในไฟล์ zip แต่ไม่มีในบัญชีรายการ" in output


def test_verify_refuses_what_is_not_a_bundle(tmp_path: Path) -> None:
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as target:
        target.writestr("a.txt", "a")
    code, output = bundle("--verify", str(other))
    assert code == 2
    assert "ไม่มี manifest.json" in output
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    assert bundle("--verify", str(tmp_path / "junk.zip"))[0] == 2


def test_a_file_itapack_did_not_write_is_kept(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", evidence=EVIDENCE)
    out = tmp_path / "out"
    out.mkdir()
    (out / "ไฟล์นำส่ง ITA 2567.zip").write_bytes(b"a clerk's own file")
    code, _ = bundle(str(pack), "--out", str(out), "--format", "zip")
    assert code == 3
    assert (out / "ไฟล์นำส่ง ITA 2567.zip").read_bytes() == b"a clerk's own file"
    assert bundle(str(pack), "--out", str(pack / "evidence" / "x"), "--format", "zip")[0] == 3


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("evidence/a:b/c?.pdf", "evidence/a_b/c_.pdf"),
        ("evidence/CON/aux.pdf", "evidence/_CON/_aux.pdf"),
        ("evidence/folder. /x.pdf", "evidence/folder_/x.pdf"),
        ("evidence/ปกติ/ไฟล์.pdf", "evidence/ปกติ/ไฟล์.pdf"),
    ],
)
def test_windows_safe_names(path: str, expected: str) -> None:
    assert windows_safe(path) == expected


@given(st.text(alphabet="/. :?*ab-COMNPRTXULcomnprtxul19ก\x01", max_size=30))
def test_every_path_windows_safe_would_change_is_found_a_part_at_a_time(path: str) -> None:
    known: dict[str, bool] = {}
    found = _unsafe_parts(path, known)
    if windows_safe(path) != path:
        assert found
    assert _unsafe_parts(path, known) == found == _unsafe_parts(path, {})  # what it kept says the same


def test_a_path_windows_keeps_is_not_taken_for_unsafe_and_the_kept_parts_stay_bounded() -> None:
    known: dict[str, bool] = {}
    for path in ("evidence/ปกติ/ไฟล์.pdf", "evidence/console/a b.pdf", "evidence/1.1 บันทึก/COM10.pdf"):
        assert not _unsafe_parts(path, known)
    assert _unsafe_parts("evidence/ปกติ/lpt1.pdf", known)
    for number in range(KNOWN_PARTS + 10):
        _unsafe_parts(f"evidence/IMG_{number}.jpg", known)
    assert len(known) <= KNOWN_PARTS


def test_shortening_is_deterministic_distinct_and_keeps_thai_marks_whole() -> None:
    import unicodedata

    one = "evidence/" + "/".join(["ที่ทำการปกครองจังหวัดสมุทรปราการ" * 2] * 4) + "/รายงานผลการดำเนินงานประจำปี.pdf"
    two = one.replace("รายงานผล", "รายงานสรุปผล")
    assert windows_safe(one) == windows_safe(one)
    assert windows_safe(one) != windows_safe(two)
    for path in (one, two):
        short = windows_safe(path)
        assert len(short) <= PATH_LIMIT
        for part in short.split("/"):
            assert unicodedata.category(part[0]) != "Mn"
            before_hash = part.split("~")[0]
            assert before_hash == before_hash.rstrip()


def test_unzip_reads_the_thai_names_without_a_code_page(archive: Path) -> None:
    import subprocess

    listed = subprocess.run([tool("unzip"), "-Z1", str(archive)], capture_output=True, check=True).stdout
    assert "evidence/2.1 คำรับรอง/เทศบาลตำบลบางบ่อ/คำรับรอง.pdf" in listed.decode("utf-8").splitlines()


def test_no_reports_leaves_them_out(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", evidence=EVIDENCE)
    code, output = bundle(str(pack), "--out", str(tmp_path / "out"), "--format", "zip", "--no-reports")
    assert code == 0, output
    archive = tmp_path / "out" / "ไฟล์นำส่ง ITA 2567.zip"
    assert not any(name.startswith("reports/") for name in zipfile.ZipFile(archive).namelist())
    assert manifest(archive)["reports"] == []
    assert bundle("--verify", str(archive))[0] == 0


def test_verify_of_a_file_that_is_not_a_zip_says_so_in_thai(tmp_path: Path) -> None:
    not_zip = tmp_path / "pack.yaml"
    not_zip.write_text("itapack: 2\n", encoding="utf-8")
    code, output = bundle("--verify", str(not_zip))
    assert code == 2
    assert "ไม่ใช่ไฟล์ zip เลือกไฟล์ .zip ที่ itapack bundle สร้าง" in output and "File is not" not in output


def test_manifest_rows_are_the_text_json_dumps_and_csv_would_write() -> None:
    """_FileRows writes each row's JSON and CSV from pieces encoded once: the same text as json.dumps
    of the row's dict and csv.writer of its neutralised cells, for quotes, commas, line breaks,
    backslashes, control characters, formulas, a missing unit and a renamed file."""
    from itapack.evidence.result import Evidence, Status
    from itapack.handin.archive import _csv_use, _FileRows, _use, listing
    from itapack.handin.plan import Part
    from itapack.outputs.csvcells import neutralised
    from itapack.outputs.wording import STATUS

    tricky = 'ชื่อ "อ้าง" \\ ทับ\t\x01 =SUM(1) \u2028, จุลภาค\r\nบรรทัด'
    own = Evidence("evidence/1.1 บันทึก/", 'a"b\\c.pdf', 3)
    parts = [
        Part(1, "ระดับ 1", "1.1", tricky, None, None, Status.OK, (own, Evidence("evidence/1.1 บันทึก/", "a:b.pdf", 4))),
        Part(10, "ระดับ 10", "1.2", "t", "u-1", tricky, Status.PROBLEM, (Evidence("evidence/1.2/", "x.pdf", 5), own)),
        Part(10, "ระดับ 10", "1.2", "t", "-2", "=อบต.", Status.PROBLEM, (Evidence("evidence/1.2/", "y.pdf", 6),)),
        Part(10, "ระดับ 10", "1.3", "t,\n", "u,3", "ก\rข", Status.OK, (Evidence("evidence/1.3/", '+ก,"ข".pdf', 7),)),
    ]
    listed = listing(parts)
    assert listed.renamed  # "a:b.pdf" has a name of its own in the archive
    csv_rows, json_rows = io.StringIO(), io.StringIO()
    rows = _FileRows(parts, STATUS, csv_rows, json_rows)
    for index in listed.order:
        source = listed.files[index].path
        rows.add(listed, index, listed.name(index), source, index + 100, f"{index:064x}")
    texts = [json_rows.getvalue(), csv_rows.getvalue()]
    expected_json, expected_csv = [], io.StringIO()
    writer = csv.writer(expected_csv, lineterminator="\r\n")
    for index in listed.order:
        name, source = listed.name(index), listed.files[index].path
        row: dict[str, object] = {"path": name, "original_path": source} if name != source else {"path": name}
        row.update(size=index + 100, sha256=f"{index:064x}", uses=[_use(parts[u], STATUS) for u in listed.uses(index)])
        expected_json.append(json.dumps(row, ensure_ascii=False))
        for use in row["uses"]:  # type: ignore[attr-defined]
            shown = [name, source if name != source else "", index + 100, f"{index:064x}", *_csv_use(use)]
            writer.writerow([neutralised(cell) for cell in shown])
    assert texts == [",\n".join(expected_json), expected_csv.getvalue()]
    assert any(len(listed.uses(index)) == 2 for index in listed.order)  # one file, two uses, one row


def test_names_equal_but_for_case_or_equal_to_a_manifests_are_renamed_the_first_kept() -> None:
    """Windows keeps one of two names that differ only in case, and the manifests stand beside
    the evidence: each such file gets a name of its own; the first in path order keeps its name."""
    from itapack.evidence.result import Evidence, Status
    from itapack.handin.archive import listing
    from itapack.handin.plan import Part

    files = (
        Evidence("evidence/ก/", "ภาพ.pdf", 1),
        Evidence("evidence/ก/", "ภาพ.PDF", 2),
        Evidence("", "Manifest.JSON", 3),  # a pack whose evidence folder is the pack's own
        Evidence("", "manifest.csv", 4),
        Evidence("evidence/ข/", "ภาพ.pdf", 5),
    )
    listed = listing([Part(1, "ระดับ 1", "1.1", "ภาพ", None, None, Status.OK, files)])
    names = [listed.name(index) for index in listed.order]
    folded = [name.casefold() for name in names]
    assert len(set(folded) | {"manifest.json", "manifest.csv"}) == len(names) + 2  # no two alike
    assert {"evidence/ก/ภาพ.PDF", "evidence/ข/ภาพ.pdf"} <= set(names)  # "P" comes before "p"
    assert {listed.files[index].path for index in listed.renamed} == {
        "evidence/ก/ภาพ.pdf",
        "Manifest.JSON",
        "manifest.csv",
    }
