"""bundle --verify on archives nobody should trust, and manifest.csv cells that must not run in Excel."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.cli import app
from itapack.outputs import csvcells

from .. import hostile_inputs as hostile
from ..conftest import PDF, UNITS_YAML, write_pack
from .test_archive import EVIDENCE, csv_rows

SCAN = "evidence/1.1 บันทึกข้อความมอบหมายภารกิจ/บันทึก ที่ สป 0017.2-123.pdf"


def bundle(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["bundle", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("verify")
    pack = write_pack(root / "pack", evidence=EVIDENCE)
    code, output = bundle(str(pack), "--out", str(root / "out"), "--format", "zip", "--no-reports")
    assert code == 0, output
    return root / "out" / "ไฟล์นำส่ง ITA 2567.zip"


def with_twin(archive: Path, target: Path, *, first: bool) -> Path:
    """The archive again, with a second member of the same name as SCAN, before all others or after."""
    import warnings

    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as out, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name: that is the point
        if first:
            out.writestr(SCAN, PDF + b"forged")
        for info in source.infolist():
            out.writestr(info, source.read(info))
        if not first:
            out.writestr(SCAN, PDF + b"forged")
    return target


@pytest.mark.parametrize("first", [True, False], ids=["twin first", "twin last"])
def test_a_duplicate_member_is_found_wherever_it_stands(archive: Path, tmp_path: Path, first: bool) -> None:
    assert bundle("--verify", str(archive))[0] == 0
    code, output = bundle("--verify", str(with_twin(archive, tmp_path / "twin.zip", first=first)))
    assert code == 1, output
    assert f"{SCAN}: มีในไฟล์ zip 2 ครั้ง (ชื่อซ้ำ)" in output


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (hostile.encrypted_bundle, "ถูกเข้ารหัส (ต้องใช้รหัสผ่าน)"),
        (hostile.bundle_with_deep_manifest, "ซ้อนกันลึกเกิน 64 ชั้น"),
        (hostile.bundle_with_odd_manifest, "มีรูปแบบผิดจากที่ itapack bundle เขียน"),
        (hostile.truncated_zip, "ไม่ใช่ไฟล์ zip"),
    ],
)
def test_verify_of_a_hostile_archive_is_a_thai_message(tmp_path: Path, make, says: str) -> None:
    code, output = bundle("--verify", str(make(tmp_path)))
    assert code == 2, output
    assert says in output and "Traceback" not in output


def test_a_manifest_past_its_ceiling_is_refused_before_it_is_unpacked(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("itapack.handin.archive.MANIFEST_LIMIT", 100)  # 512 MB, to scale
    code, output = bundle("--verify", str(archive))
    assert code == 2 and "manifest.json" in output and "เกินที่อ่านได้ (100 ไบต์)" in output


def test_a_member_packed_1000_to_1_is_hashed_in_pieces_not_refused(tmp_path: Path) -> None:
    """A scan stored raw packs as tightly as a bomb: verify streams it, so it is only checked."""
    import hashlib

    white = PDF + b"\xff" * (8 << 20)
    row = {"path": "evidence/สแกน.pdf", "size": len(white), "sha256": hashlib.sha256(white).hexdigest()}
    manifest = {"format": "itapack-bundle", "version": 1, "files": [row], "reports": [], "manifest_csv": row}
    made = hostile.bundle_with_manifest(tmp_path, json.dumps(manifest).encode(), {"evidence/สแกน.pdf": white})
    code, output = bundle("--verify", str(made))
    assert code == 0, output


def test_an_encrypted_member_listed_in_the_manifest_is_a_difference(archive: Path, tmp_path: Path) -> None:
    """The manifest reads, one evidence file is locked: said of that file, and the run goes on."""
    locked = tmp_path / "locked.zip"
    locked.write_bytes(archive.read_bytes())
    hostile.flag_encrypted(locked, SCAN)
    code, output = bundle("--verify", str(locked))
    assert code == 1, output
    assert f"{SCAN}: ข้อมูลในไฟล์ zip เสียหายหรือถูกแก้ไข (ถูกเข้ารหัส" in output


def test_a_name_with_a_direction_override_is_shown_escaped(archive: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(extra, "w") as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("evidence/invoice\u202egpj.pdf", PDF)
    code, output = bundle("--verify", str(extra))
    assert code == 1
    assert "evidence/invoice<U+202E>gpj.pdf: มีในไฟล์ zip แต่ไม่มีในบัญชีรายการ" in output
    assert "\u202e" not in output


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_would_run_as_a_formula_is_neutralised(cell: str) -> None:
    assert csvcells.neutralised(cell) == "'" + cell
    buffer = io.StringIO()
    csvcells.writer(buffer).writerow([cell, 12, "อบต.บางน้ำผึ้ง"])
    assert next(csv.reader(io.StringIO(buffer.getvalue())))[0] == "'" + cell


def test_plain_cells_are_left_as_they_are() -> None:
    for cell in ("อบต.บางน้ำผึ้ง", "2.1", "a=b", "", "'quoted"):
        assert csvcells.neutralised(cell) == cell
    assert csvcells.neutralised(-5) == -5  # a number is a number, not a formula
    buffer = io.StringIO()
    writer = csvcells.dict_writer(buffer, ["ไฟล์", "หน่วยงาน"], lineterminator="\n")
    writer.writeheader()
    writer.writerow({"ไฟล์": "=cmd|' /C calc'!A0", "หน่วยงาน": "ทต.บางบ่อ"})
    assert buffer.getvalue() == "ไฟล์,หน่วยงาน\n'=cmd|' /C calc'!A0,ทต.บางบ่อ\n"


def test_manifest_csv_neutralises_a_unit_name_that_looks_like_a_formula(tmp_path: Path) -> None:
    units = UNITS_YAML.replace("name: เทศบาลตำบลบางบ่อ,", 'name: "=เทศบาลตำบลบางบ่อ",')
    pack = write_pack(
        tmp_path / "pack",
        units=units,
        evidence={**EVIDENCE, "2.1 คำรับรอง": {"tt-bang-bo": {"คำรับรอง.pdf": PDF + b"tt"}}},
    )
    code, output = bundle(str(pack), "--out", str(tmp_path / "out"), "--format", "zip", "--no-reports")
    assert code == 0, output
    with zipfile.ZipFile(tmp_path / "out" / "ไฟล์นำส่ง ITA 2567.zip") as opened:
        rows = csv_rows(opened.read("manifest.csv").decode("utf-8-sig"))
    names = {row["unit_name"] for row in rows if row["document"] == "2.1"}
    assert "'=เทศบาลตำบลบางบ่อ" in names
    assert not any(value.startswith(csvcells.FORMULA_STARTS) for row in rows for value in row.values())


def test_own_archive_is_told_from_the_manifest_s_first_piece(archive: Path, tmp_path: Path) -> None:
    from itapack.handin.archive import is_own_archive

    assert is_own_archive(archive)
    assert not is_own_archive(hostile.bundle_with_manifest(tmp_path, b'{"format": "other", "files": []}'))
    assert not is_own_archive(hostile.zip_bomb(tmp_path))


def with_manifest(archive: Path, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """The archive again, its manifest.json bytes passed through change."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info, change(data) if info.filename == "manifest.json" else data)
    return target


def test_a_manifest_laid_out_otherwise_is_read_whole_and_still_checked(archive: Path, tmp_path: Path) -> None:
    def pretty(data: bytes) -> bytes:
        return json.dumps(json.loads(data), ensure_ascii=False, indent=2).encode()

    assert bundle("--verify", str(with_manifest(archive, tmp_path / "pretty.zip", pretty)))[0] == 0

    def pretty_and_wrong(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest["files"][0]["sha256"] = "0" * 64
        return json.dumps(manifest, ensure_ascii=False, indent=2).encode()

    code, output = bundle("--verify", str(with_manifest(archive, tmp_path / "wrong.zip", pretty_and_wrong)))
    assert code == 1 and "ค่า SHA-256 ไม่ตรงกับบัญชีรายการ" in output


def test_a_manifest_as_written_is_read_line_by_line_and_every_row_counts(archive: Path, tmp_path: Path) -> None:
    def one_size_changed(data: bytes) -> bytes:
        lines = data.split(b"\n")
        row = json.loads(lines[2].removesuffix(b","))
        lines[2] = lines[2].replace(b'"size": %d' % row["size"], b'"size": %d' % (row["size"] + 1))
        return b"\n".join(lines)

    code, output = bundle("--verify", str(with_manifest(archive, tmp_path / "size.zip", one_size_changed)))
    assert code == 1 and "ไม่ตรงกับบัญชีรายการ" in output

    def a_row_without_path(data: bytes) -> bytes:
        lines = data.split(b"\n")
        lines[2] = b'{"size": 1},'
        return b"\n".join(lines)

    code, output = bundle("--verify", str(with_manifest(archive, tmp_path / "nopath.zip", a_row_without_path)))
    assert code == 2 and "มีรูปแบบผิดจากที่ itapack bundle เขียน" in output

    def an_extra_member_listed(data: bytes) -> bytes:
        extra = b'{"path": "evidence/\xe0\xb8\x81.pdf", "size": 1, "sha256": "0"},'
        return data.replace(b'"files": [\n', b'"files": [\n' + extra + b"\n", 1)

    code, output = bundle("--verify", str(with_manifest(archive, tmp_path / "extra.zip", an_extra_member_listed)))
    assert code == 1 and "evidence/ก.pdf: ไม่มีในไฟล์ zip แต่มีในบัญชีรายการ" in output
