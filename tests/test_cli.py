"""The command line as a user meets it: a real process, real exit codes, no tracebacks."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack import __version__
from itapack.cli import app

from .conftest import EXAMPLE, write_pack


def itapack(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None):
    completed = subprocess.run(
        [sys.executable, "-m", "itapack", *map(str, args)],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
    stdout = completed.stdout.decode("utf-8")
    stderr = completed.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr
    return completed.returncode, stdout, stderr


def test_version_and_help() -> None:
    assert itapack("--version")[1] == f"itapack {__version__}\n"
    code, out, _ = itapack("--help")
    assert code == 0
    for command in ("check", "validate"):
        assert command in out
    code, out, _ = itapack("check", "--help")
    assert code == 0
    for option in ("--format", "--output", "--level", "--unit", "--target-level"):
        assert option in out


def test_check_example_reports_level_3_and_exits_1() -> None:
    code, out, err = itapack("check", EXAMPLE)
    assert code == 1, err
    assert "ผ่านระดับ 3 จาก 5" in out
    assert "✗ ขาด 4.4" in out and "✗ ขาด 4.5" in out
    assert "✗ ขาด องค์การบริหารส่วนตำบลบางยอ" in out


def test_complete_pack_exits_0(pack_dir: Path) -> None:
    code, out, _ = itapack("check", pack_dir)
    assert code == 0
    assert "หลักฐานครบทุกรายการ" in out


@pytest.mark.parametrize(("target", "code"), [("3", 0), ("4", 1)])
def test_target_level_decides_the_exit_code(target: str, code: int) -> None:
    assert itapack("check", EXAMPLE, "--target-level", target)[0] == code


def test_filters_decide_on_what_they_show() -> None:
    assert itapack("check", EXAMPLE, "--level", "3")[0] == 0
    assert itapack("check", EXAMPLE, "--level", "4")[0] == 1
    code, out, _ = itapack("check", EXAMPLE, "--unit", "อบต.บางยอ", "-f", "json")
    data = json.loads(out)
    assert code == 1
    assert {u["id"] for u in data["units"]} == {"sao-bang-yo"}
    assert data["summary"]["selection"]["units"] == ["sao-bang-yo"]


def test_json_to_a_file_is_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out" / "result.json"
    code, out, _ = itapack("check", EXAMPLE, "--format", "json", "--output", target)
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["level_reached"] == 3
    assert not [p for p in target.parent.iterdir() if p.name != "result.json"]  # no temporary file left


def test_junit_output_parses(tmp_path: Path) -> None:
    code, out, _ = itapack("check", EXAMPLE, "-f", "junit")
    assert code == 1 and out.startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_piped_output_on_a_thai_windows_code_page_does_not_fail() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "itapack", "check", str(EXAMPLE)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp874"},
        timeout=120,
    )
    assert completed.returncode == 1
    assert "ผ่านระดับ 3".encode() in completed.stdout  # UTF-8, whatever the console code page


def test_invalid_pack_exits_2_naming_file_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLE, broken, ignore=shutil.ignore_patterns("evidence"))
    levels = broken / "levels.yaml"
    levels.write_text(levels.read_text(encoding="utf-8").replace("per_unit: [province, local]", "per_units: [local]"))
    for command in ("validate", "check"):
        code, out, err = itapack(command, broken)
        assert code == 2
        assert out == ""
        assert f"{broken / 'levels.yaml'}:124:9: levels[4].documents[0].per_units: ไม่รู้จักคีย์ 'per_units'" in err
        assert "หมายถึง 'per_unit' หรือเปล่า?" in err


def test_validate_a_valid_pack() -> None:
    code, out, err = itapack("validate", EXAMPLE)
    assert code == 0 and err == ""
    assert "ถูกต้อง: จังหวัดสมุทรปราการ ปีงบประมาณ 2567 5 ระดับ เอกสาร 23 ข้อ (แยกตามหน่วยงาน 2 ข้อ) หน่วยงาน 81 หน่วย" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "--bogus"], "ไม่มีตัวเลือก --bogus"),
        (["check", "nowhere"], "nowhere: ไม่มีโฟลเดอร์นี้"),
        (["check", str(EXAMPLE), "--level", "9"], "ชุดเอกสารนี้มีระดับ 1 ถึง 5"),
        (["check", str(EXAMPLE), "--unit", "อบต.บางยอม"], "หมายถึง sao-bang-yo"),
        (["check", str(EXAMPLE), "--format", "pdf"], "ค่าของ '--format' / '-f' ไม่ถูกต้อง"),
    ],
)
def test_usage_errors_exit_2(args: list[str], words: str) -> None:
    code, _, err = itapack(*args)
    assert code == 2
    assert words in err


def test_output_that_cannot_be_written_exits_3(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = itapack("check", EXAMPLE, "-f", "json", "-o", blocker / "out.json")
    assert code == 3
    assert "เขียน" in err and "ไม่ได้" in err


def test_a_reader_that_stops_early_is_not_a_bug() -> None:
    reader = subprocess.Popen(
        [sys.executable, "-m", "itapack", "check", str(EXAMPLE), "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.read(100).startswith(b'{"format":"itapack-check"')  # then, like `| head`, stop
    reader.stdout.close()
    assert reader.wait(timeout=120) == 3  # the output was cut short: exit 3, as for any unwritable output
    assert reader.stderr.read() == b""


def test_progress_shows_on_a_terminal_after_a_second_and_then_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    from itapack.commands import running

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    clock = iter([100.0, 100.5, 101.5, 101.6, 101.8])  # start, too soon, shown, too soon again, shown
    monkeypatch.setattr(running.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(sys, "stderr", Terminal())
    with running.progress_line() as show:
        assert show is not None
        show(10, 1000)
        assert sys.stderr.getvalue() == ""
        for count in (2000, 3000, 12345):
            show(20, count)
        shown = ["กำลังตรวจ… 2,000 ไฟล์ ใน 20 โฟลเดอร์ ", "กำลังตรวจ… 12,345 ไฟล์ ใน 20 โฟลเดอร์ "]
        assert sys.stderr.getvalue().split("\r")[1:] == shown
    *_, blank, end = sys.stderr.getvalue().split("\r")
    assert blank.strip() == "" and len(blank) >= len(shown[-1]) and end == ""  # blanked, not left behind


def test_no_progress_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from itapack.commands import running

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with running.progress_line() as show:
        assert show is None


def test_a_bug_is_reported_as_one_and_exits_70(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(pack: object, progress: object = None, today: object = None, **options: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("itapack.check.check", broken)
    result = CliRunner().invoke(app, ["check", str(write_pack(tmp_path))])
    assert result.exit_code == 70
    assert "ข้อผิดพลาดภายใน: RuntimeError: boom" in result.output
    assert "Traceback" not in result.output


def test_runs_from_any_directory(tmp_path: Path) -> None:
    code, out, _ = itapack("check", EXAMPLE.resolve(), cwd=tmp_path)
    assert code == 1 and "ผ่านระดับ 3" in out
