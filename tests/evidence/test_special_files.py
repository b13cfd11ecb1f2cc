"""Named pipes, sockets and devices in a pack are never opened: opening a pipe blocks for ever.
They are listed as not counted, with what they are. Real FIFOs and sockets; each command must end."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from ..conftest import COMPLETE, write_pack
from ..conftest import itapack_process as itapack

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = write_pack(tmp_path / "pack", evidence=COMPLETE)
    os.mkfifo(root / "pipe")
    folder = root / "evidence" / "1.1 บันทึกข้อความ"
    (folder / "ลิงก์ไปป์.pdf").symlink_to(root / "pipe")  # a link inside the pack, to a pipe inside it
    os.mkfifo(folder / "ไปป์.pdf")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / "s.pdf"))
    except OSError:  # the path is too long for a socket address on this system
        pass
    finally:
        sock.close()
    return root


def test_check_lists_them_as_not_counted_and_still_passes(pack: Path) -> None:
    code, out, _ = itapack("check", pack, "-f", "json")
    assert code == 0
    strays = {s["path"].rsplit("/", 1)[-1]: s for s in json.loads(out)["files"]["strays"]}
    assert strays["ลิงก์ไปป์.pdf"]["reason"] == "fifo" and strays["ไปป์.pdf"]["reason"] == "fifo"
    assert "ไปป์" in strays["ไปป์.pdf"]["message"]
    if (pack / "evidence" / "1.1 บันทึกข้อความ" / "s.pdf").exists():
        assert strays["s.pdf"]["reason"] == "socket"


@pytest.mark.parametrize("command", ["render", "scaffold", "rollover"])
def test_no_command_blocks_on_them(pack: Path, tmp_path: Path, command: str) -> None:
    extra = {"render": ["--out", tmp_path / "reports"], "rollover": ["--to", "2568", "--out", tmp_path / "next"]}
    code, _, _ = itapack(command, pack, *extra.get(command, []))
    assert code == 0


def test_a_pack_file_that_is_a_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack")
    (root / "units.yaml").unlink()
    os.mkfifo(root / "real-units")
    (root / "units.yaml").symlink_to(root / "real-units")
    code, _, err = itapack("validate", root)
    assert code == 2 and "units.yaml" in err and "ไม่ใช่ไฟล์ธรรมดา" in err
