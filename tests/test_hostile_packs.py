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


def with_document_line(line: str) -> str:
    from .conftest import LEVELS_YAML

    return LEVELS_YAML.replace(
        "        title: บันทึกข้อความ (มอบหมายภารกิจ)\n", f"        title: บันทึกข้อความ (มอบหมายภารกิจ)\n        {line}\n"
    )


def test_deep_nesting_in_a_value_is_a_located_problem(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", levels=with_document_line("note: " + "[" * 500 + "]" * 500))
    for command in ("validate", "check"):
        code, _, err = itapack(command, pack)
        assert code == 2 and "levels.yaml:8:" in err and "ซ้อน" in err


def test_escaped_control_characters_in_values_are_located_problems(tmp_path: Path) -> None:
    cases = {
        "evidence": (PACK_YAML + 'evidence: "ev\\0idence"\n', None),
        "folder": (PACK_YAML, 'folder: "1.1\\0x"'),
        "bell": (PACK_YAML, 'note: "\\a"'),
        "delete": (PACK_YAML, 'note: "a\\x7fb"'),
    }
    for name, (pack_yaml, line) in cases.items():
        levels = with_document_line(line) if line else None
        pack = write_pack(tmp_path / name, pack=pack_yaml, **({"levels": levels} if levels else {}))
        for command in ("validate", "check", "scaffold"):
            code, _, err = itapack(command, pack)
            assert code == 2 and "อักขระควบคุม" in err, (name, command, err)
    pack = write_pack(tmp_path / "rollover", levels=with_document_line('folder: "1.1\\0x"'))
    assert itapack("rollover", pack, "--to", "2568", "--out", tmp_path / "next")[0] == 2
