"""Standard streams as a clerk's shell, cron or CI leaves them: closed, full, or not able to encode
Thai. Real processes and real descriptors; never a traceback, and the exit code tells the truth."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import COMPLETE, write_pack

pytestmark = pytest.mark.skipif(os.name != "posix", reason="closes descriptors, uses /dev/full and a pty")


def run(args: list[str], *, close: tuple[int, ...] = (), env: dict[str, str] | None = None, **kwargs):
    def closing() -> None:
        for fd in close:
            os.close(fd)

    return subprocess.run(
        [sys.executable, "-m", "itapack", *args],
        preexec_fn=closing if close else None,
        env={**os.environ, **(env or {})},
        timeout=120,
        **kwargs,
    )


@pytest.fixture
def complete(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", evidence=COMPLETE)


def test_closed_stdout_exits_3_when_the_output_was_meant_for_it(complete: Path) -> None:
    done = run(["check", str(complete)], close=(1,), stderr=subprocess.PIPE)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 3, stderr
    assert "Traceback" not in stderr and "เขียนผลลัพธ์" in stderr


def test_closed_stdout_does_not_matter_when_the_output_goes_to_a_file(complete: Path, tmp_path: Path) -> None:
    done = run(["check", str(complete), "-o", str(tmp_path / "out.txt")], close=(1,), stderr=subprocess.PIPE)
    assert done.returncode == 0, done.stderr
    assert "ผ่านระดับ 2" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_closed_stderr_keeps_the_verdict_exit_code(complete: Path) -> None:
    done = run(["check", str(complete)], close=(2,), stdout=subprocess.PIPE)
    assert done.returncode == 0
    assert "ผ่านระดับ 2" in done.stdout.decode("utf-8")
    assert run(["check", str(complete.parent / "nowhere")], close=(1, 2)).returncode == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check"], ["check", "-f", "json"], ["check", "-f", "junit"], ["--help"]])
def test_a_full_disk_on_stdout_exits_3(complete: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = run([*args, str(complete)] if args != ["--help"] else args, stdout=full, stderr=subprocess.PIPE)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 3, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr


@pytest.mark.parametrize(
    "env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}]
)
def test_a_terminal_that_cannot_encode_thai_still_gets_the_whole_output_in_utf8(complete: Path, env) -> None:
    import pty

    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "itapack", "check", str(complete)],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env={**os.environ, **env, "COLUMNS": "200"},
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    assert process.wait(timeout=120) == 0
    text = output.decode("utf-8")
    assert "Traceback" not in text and "ผ่านระดับ 2 จาก 2" in text


@pytest.mark.parametrize(
    "env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}]
)
def test_piped_output_and_messages_are_utf8_whatever_the_locale(complete: Path, env) -> None:
    done = run(["check", str(complete)], env=env, capture_output=True)
    assert done.returncode == 0 and "ผ่านระดับ 2 จาก 2" in done.stdout.decode("utf-8")
    done = run(["check", str(complete), "--unit", "ไม่มี"], env=env, capture_output=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr.decode("utf-8")
