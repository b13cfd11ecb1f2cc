"""Packs made to break itapack, on purpose or by accident: each one gets a clear message and the
right exit code, and nothing is written where it must not be."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import PACK_YAML, itapack_process, write_pack


def itapack(*args: str | Path) -> tuple[int, str, str]:
    code, stdout, stderr = itapack_process(*args)
    assert "internal error" not in stderr, stderr
    return code, stdout, stderr


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


def test_rollover_rewrites_years_inside_folded_and_literal_block_scalars(tmp_path: Path) -> None:
    from .conftest import LEVELS_YAML

    for indicator in (">-", ">", "|", "|-"):
        lines = "          มอบหมายภารกิจ ประจำปีงบประมาณ พ.ศ. 2567\n          ต่อเนื่องจากปี 2566\n"
        block = f"      - text: {indicator}\n{lines}"
        levels = LEVELS_YAML.replace("      - text: มอบหมายภารกิจ ประจำปีงบประมาณ พ.ศ. {fy}\n", block)
        source = write_pack(tmp_path / f"src-{indicator}", levels=levels)
        target = tmp_path / f"new-{indicator}"
        code, _, err = itapack("rollover", source, "--to", "2568", "--out", target)
        assert code == 0, err
        written = (target / "levels.yaml").read_text("utf-8")
        assert f"text: {indicator}\n          มอบหมายภารกิจ ประจำปีงบประมาณ พ.ศ. {{fy}}\n" in written
        assert "          ต่อเนื่องจากปี {fy_prev}\n" in written
        assert itapack("validate", target)[0] == 0


def test_rollover_leaves_a_year_in_an_anchored_value_as_written_and_says_so(tmp_path: Path) -> None:
    from .conftest import LEVELS_YAML

    levels = LEVELS_YAML.replace("title: บันทึกข้อความ (มอบหมายภารกิจ)", "title: &memo บันทึกข้อความ ปี 2567")
    levels = levels.replace("title: คำรับรองการปฏิบัติราชการ", "title: *memo")
    levels = levels.replace("date: 2567-01-17", "date: &day 2567-01-17", 1).replace("date: 2567-01-17", "date: *day")
    source = write_pack(tmp_path / "src", levels=levels)
    code, out, err = itapack("rollover", source, "--to", "2568", "--out", tmp_path / "new")
    assert code == 0, err
    written = (tmp_path / "new" / "levels.yaml").read_text("utf-8")
    assert "title: &memo บันทึกข้อความ ปี 2567" in written and "title: *memo" in written
    assert "date: &day 2567-01-17" in written
    assert out.count("anchor (&)") == 2  # once per shared value, not once per use
