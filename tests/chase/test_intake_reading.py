"""Reading an inbox a person cannot vouch for: damaged, locked or bombed zips, unreadable files,
FIFOs and names the check would refuse. Each is a Thai message and nothing is filed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.chase import intake
from itapack.cli import app
from itapack.evidence.result import Rejected
from itapack.outputs import wording
from itapack.pack.loader import load_pack

from .. import hostile_inputs as hostile
from ..conftest import PDF, run_check, write_pack

EVIDENCE = {"1.1 บันทึกข้อความ": {"มอบหมายภารกิจ.pdf": PDF}}


def run_intake(pack: Path, inbox: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["intake", str(pack), str(inbox), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", evidence=EVIDENCE)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (hostile.zip_with_bad_crc, "ค่า CRC ไม่ตรง"),
        (hostile.zip_with_encrypted_member, "ถูกเข้ารหัส (ต้องใช้รหัสผ่าน)"),
        (hostile.zip_with_aes_member, "ถูกเข้ารหัสแบบ AES"),
        (hostile.zip_bomb, "zip bomb"),
        (hostile.truncated_zip, "ไม่ใช่ไฟล์ zip ที่เปิดได้"),
    ],
)
def test_a_bad_zip_in_the_inbox_stops_the_run_before_anything_is_filed(
    pack: Path, inbox: Path, make, says: str
) -> None:
    (inbox / "2.1 ทต.บางบ่อ.pdf").write_bytes(PDF + b"fine")  # a good file beside it is not filed either
    bad = make(inbox)
    before = tree(pack)
    code, output = run_intake(pack, inbox, "--apply")
    assert code == 2, output
    assert says in output and bad.name in output
    assert "Traceback" not in output
    assert tree(pack) == before  # not one file filed, no log written


def test_an_unreadable_file_is_a_thai_message(pack: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = inbox / "2.1 ทต.บางบ่อ.pdf"
    locked.write_bytes(PDF)
    # Root reads a file whatever its mode: the refusal a clerk's account gets is made by hand here.
    opened = os.open

    def refusing(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not isinstance(path, int) and Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    before = tree(pack)
    code, output = run_intake(pack, inbox, "--apply")
    assert code == 2, output
    assert "อ่านไฟล์" in output and "2.1 ทต.บางบ่อ.pdf" in output and "Permission denied" in output
    assert tree(pack) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_the_inbox_is_passed_over_not_waited_on(pack: Path, inbox: Path) -> None:
    hostile.fifo(inbox, "2.1 ทต.บางบ่อ.pdf")
    hostile.fifo(inbox, "ส่งมา.zip")
    (inbox / "2.1 อบต.บางน้ำผึ้ง.pdf").write_bytes(PDF)
    code, output = run_intake(pack, inbox)
    assert code == 0, output
    assert [item.shown for item in intake.gather(inbox)] == ["2.1 อบต.บางน้ำผึ้ง.pdf"]


NAMES = {
    "tab": "2.1\tทต.บางบ่อ.pdf",
    "line separator": "2.1 ทต.บางบ่อ\u2028.pdf",
    "noncharacter": "2.1 ทต.บางบ่อ\uffff.pdf",
    "bidi override": "2.1 ทต.บางบ่อ\u202efdp.exe",
}


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_a_name_the_check_refuses_is_refused_by_intake_in_the_same_words(tmp_path: Path, name: str) -> None:
    # What the check says of this name where it would be filed:
    checked = write_pack(tmp_path / "checked", evidence={**EVIDENCE, "2.1 คำรับรอง": {"ทต.บางบ่อ": {name: PDF}}})
    rejected = [r for doc in run_check(checked).documents for q in doc.requirements for r in q.rejected]
    assert [r.reason for r in rejected] == ["bad-name"]
    check_says = wording.rejected(rejected[0])
    # What intake says of the same name in the inbox:
    pack = write_pack(tmp_path / "pack", evidence=EVIDENCE)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / name).write_bytes(PDF)
    loaded = load_pack(pack)
    [(_item, placement)] = intake.plan(loaded, run_check(pack), inbox)
    assert placement.action == "unmatched" and placement.reason == check_says
    assert placement.file.isprintable()  # shown escaped, as the check shows it
    code, output = run_intake(pack, inbox, "--apply")
    assert code == 1 and check_says in output
    assert "\u202e" not in output and "\u2028" not in output and "\t" not in output
    assert not (pack / "evidence" / "2.1 คำรับรอง").exists()


def test_a_name_inside_a_zip_is_refused_the_same_way(pack: Path, inbox: Path) -> None:
    import zipfile

    with zipfile.ZipFile(inbox / "ส่งมา.zip", "w") as archive:
        archive.writestr("อบต.บางน้ำผึ้ง/2.1 คำรับรอง\u202efdp.exe", PDF)
    [(item, placement)] = intake.plan(load_pack(pack), run_check(pack), inbox)
    assert placement.action == "unmatched"
    assert placement.reason == wording.rejected(Rejected(item.shown, 0, "bad-name", "bidi"))
    assert item.shown == "ส่งมา.zip/อบต.บางน้ำผึ้ง/2.1 คำรับรอง<U+202E>fdp.exe"


def test_an_unreadable_folder_is_a_thai_message_not_passed_over(
    pack: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = inbox / "อบต.บางน้ำผึ้ง"
    locked.mkdir()
    (locked / "2.1 คำรับรอง.pdf").write_bytes(PDF)
    scandir = os.scandir

    # Root reads any folder: the refusal a clerk's account gets is made by hand here.
    def refusing(path="."):  # type: ignore[no-untyped-def]
        if not isinstance(path, int) and Path(path) == locked:  # the check's scan passes folder handles
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    code, output = run_intake(pack, inbox)
    assert code == 2, output
    assert "เปิดโฟลเดอร์ อบต.บางน้ำผึ้ง ไม่ได้ (Permission denied)" in output
