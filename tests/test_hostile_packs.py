"""Packs made to break itapack, on purpose or by accident: each one gets a clear message and the
right exit code, and nothing is written where it must not be."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import PACK_YAML, write_pack


def itapack(*args: str | Path) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "itapack", *map(str, args)], capture_output=True, timeout=120)
    stderr = done.stderr.decode("utf-8")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return done.returncode, done.stdout.decode("utf-8"), stderr


def test_scaffold_never_writes_through_a_link_out_of_the_pack(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", evidence={})
    code, out, _ = itapack("check", pack, "-f", "json")
    expected = next(d for d in json.loads(out)["documents"] if d["id"] == "1.1")["requirements"][0]["expected"]
    outside = tmp_path / "someone-elses"
    outside.mkdir()
    (pack / expected.rstrip("/")).symlink_to(outside, target_is_directory=True)
    code, _, err = itapack("scaffold", pack)
    assert code == 0 and "ลิงก์" in err
    assert list(outside.iterdir()) == []


def test_evidence_naming_a_pack_file_is_an_input_error(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", pack=PACK_YAML + "evidence: pack.yaml\n")
    for args in (["rollover", pack, "--to", "2568", "--out", tmp_path / "next"], ["scaffold", pack]):
        code, _, err = itapack(*args)
        assert code == 2 and "evidence" in err and "โฟลเดอร์" in err
    assert not (tmp_path / "next").exists()
