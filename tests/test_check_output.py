"""check --output FILE follows render's rules: never a pack file or the evidence, never over a file
a person made (unless --force), streams to devices and pipes, and keeps links."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from .conftest import COMPLETE, write_pack
from .conftest import itapack_process as itapack


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", evidence=COMPLETE)


@pytest.mark.parametrize("inside", ["levels.yaml", "pack.yaml", "evidence/1.1 บันทึกข้อความ/มอบหมายภารกิจ.pdf"])
def test_never_over_the_packs_own_files(pack: Path, inside: str) -> None:
    before = (pack / inside).read_bytes()
    code, _, err = itapack("check", pack, "-o", pack / inside, "--force")
    assert code == 3 and "itapack" in err
    assert (pack / inside).read_bytes() == before


def test_never_a_new_file_inside_the_evidence(pack: Path) -> None:
    code, _, _ = itapack("check", pack, "-f", "json", "-o", pack / "evidence" / "check.json")
    assert code == 3 and not (pack / "evidence" / "check.json").exists()


def test_never_over_a_file_a_person_made_unless_force(pack: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("บันทึกของเจ้าหน้าที่\n", encoding="utf-8")
    code, _, err = itapack("check", pack, "-o", notes)
    assert code == 3 and "--force" in err
    assert notes.read_text(encoding="utf-8") == "บันทึกของเจ้าหน้าที่\n"
    assert itapack("check", pack, "-o", notes, "--force")[0] == 0
    assert "ผ่านระดับ 2" in notes.read_text(encoding="utf-8")


@pytest.mark.parametrize("formats", [("text", "json"), ("json", "junit"), ("junit", "text"), ("text", "text")])
def test_its_own_earlier_output_is_replaced_in_any_format(pack: Path, tmp_path: Path, formats) -> None:
    out = tmp_path / "check.out"
    for format in formats:
        assert itapack("check", pack, "-f", format, "-o", out)[0] == 0
    assert out.stat().st_size > 0


def test_a_link_is_followed_and_kept(pack: Path, tmp_path: Path) -> None:
    real = tmp_path / "reports" / "check.json"
    real.parent.mkdir()
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    assert itapack("check", pack, "-f", "json", "-o", link)[0] == 0
    assert link.is_symlink() and json.loads(real.read_text("utf-8"))["format"] == "itapack-check"
    assert itapack("check", pack, "-f", "json", "-o", link)[0] == 0  # its own output, through the link
    assert link.is_symlink()


@pytest.mark.skipif(os.name != "posix", reason="devices and named pipes")
def test_devices_and_pipes_are_written_as_streams(pack: Path, tmp_path: Path) -> None:
    # Reached through links of our own: had a device itself been replaced by a file, only a link is lost.
    null, stdout = tmp_path / "null", tmp_path / "stdout"
    null.symlink_to("/dev/null")
    stdout.symlink_to("/dev/stdout")
    assert itapack("check", pack, "-o", null)[0] == 0
    assert null.is_symlink() and null.is_char_device()
    code, out, _ = itapack("check", pack, "-f", "json", "-o", stdout)  # a pipe, as captured here
    assert code == 0 and json.loads(out)["format"] == "itapack-check"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert itapack("check", pack, "-f", "junit", "-o", fifo)[0] == 0
    reader.join(timeout=60)
    assert b'<testsuites name="itapack check"' in received[0]
    assert fifo.is_fifo()


def test_a_folder_is_refused(pack: Path, tmp_path: Path) -> None:
    code, _, err = itapack("check", pack, "-o", tmp_path)
    assert code == 3 and "โฟลเดอร์" in err


def test_a_checklists_own_text_output_is_known_too(tmp_path: Path) -> None:
    from .conftest import write_oit

    oit = write_oit(tmp_path / "oit")
    out = tmp_path / "oit.txt"
    for _ in range(2):  # the second run finds the first one's verdict, a checklist's, last
        code, _, err = itapack("check", oit, "-o", out)
        assert code == 1, err
    assert out.read_text(encoding="utf-8").rstrip().splitlines()[-1].startswith("✗ ครบ 0 จาก 5 รายการ คะแนน 0 จาก 100")
