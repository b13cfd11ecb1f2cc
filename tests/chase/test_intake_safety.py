"""intake --apply cannot lose or duplicate a file: each source is read again, checked against the
preview, right before it is filed; one run at a time per pack; a journal written as it goes; and a
run stopped half-way is finished, not repeated, by the next one."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.chase import intake
from itapack.chase.lock import LOCK_NAME
from itapack.cli import app
from itapack.pack.loader import load_pack

from ..conftest import PDF, make_tree, run_check, write_pack
from ..test_signals import DRIVER

runner = CliRunner()
INBOX = {
    "๑.๒ รายงานการประชุม 17 ม.ค. ๖๗.pdf": PDF + b"minutes",
    "๒.๑ ทต.บางบ่อ.pdf": PDF + b"agreement",
    "คำรับรอง อบต.บางน้ำผึ้ง 2567.pdf": PDF + b"signed",
}


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    pack = write_pack(tmp_path / "pack", evidence={"1.1 บันทึกข้อความ": {"มอบหมายภารกิจ.pdf": PDF}})
    inbox = tmp_path / "ส่งมา"
    make_tree(inbox, INBOX)
    return pack, inbox


def filed(pack: Path) -> list[bytes]:
    """The contents of every file intake added to the evidence, sorted: a copy filed twice shows."""
    files = (pack / "evidence").rglob("*")
    return sorted(p.read_bytes() for p in files if p.is_file() and p.name != "มอบหมายภารกิจ.pdf")


def preview(pack: Path, inbox: Path):
    loaded = load_pack(pack)
    planned = intake.plan(loaded, run_check(pack), inbox)
    return loaded, planned, intake.observe(planned)


def test_a_file_changed_after_the_preview_is_skipped_and_never_deleted(setup: tuple[Path, Path]) -> None:
    pack, inbox = setup
    loaded, planned, seen = preview(pack, inbox)
    changed = inbox / "๒.๑ ทต.บางบ่อ.pdf"
    changed.write_bytes(PDF + b"a newer version, saved after the preview")
    intake.apply(loaded, planned, move=True, seen=seen)
    actions = {p.file: p.action for _, p in planned}
    assert actions["๒.๑ ทต.บางบ่อ.pdf"] == "changed"
    assert changed.read_bytes() == PDF + b"a newer version, saved after the preview"  # --move kept it
    assert PDF + b"agreement" not in filed(pack) and len(filed(pack)) == 2


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_link_swapped_in_after_the_preview_brings_nothing_from_outside(setup: tuple[Path, Path], tmp_path) -> None:
    pack, inbox = setup
    secret = tmp_path / "เงินเดือน.pdf"
    secret.write_bytes(PDF + b"salaries: not for the evidence")
    loaded, planned, seen = preview(pack, inbox)
    swapped = inbox / "๒.๑ ทต.บางบ่อ.pdf"
    swapped.unlink()
    swapped.symlink_to(secret)
    intake.apply(loaded, planned, seen=seen)
    assert PDF + b"salaries: not for the evidence" not in filed(pack)
    assert {p.file: p.action for _, p in planned}["๒.๑ ทต.บางบ่อ.pdf"] == "changed"


def test_the_journal_records_each_step_with_thai_headers(setup: tuple[Path, Path]) -> None:
    pack, inbox = setup
    result = runner.invoke(app, ["intake", str(pack), str(inbox), "--apply"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in (pack / "intake" / "journal.jsonl").read_text("utf-8").splitlines()]
    assert [line["step"] for line in lines] == ["begin", "done"] * 3
    assert {line["destination"].rpartition("/")[2] for line in lines} == set(INBOX)
    table = (pack / "intake" / "journal.csv").read_text("utf-8-sig").splitlines()
    assert table[0].startswith("เวลา,รอบการจัดเก็บ,ขั้นตอน") and len(table) == 7
    assert not (pack / LOCK_NAME).exists()  # the lock goes with the run


def test_a_second_run_at_the_same_time_is_refused_in_thai(setup: tuple[Path, Path]) -> None:
    pack, inbox = setup
    holder = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}  # this process runs
    (pack / LOCK_NAME).write_text(json.dumps(holder), encoding="utf-8")
    result = runner.invoke(app, ["intake", str(pack), str(inbox), "--apply"])
    assert result.exit_code == 3 and "กำลังถูกจัดเก็บโดยอีกงานหนึ่ง" in result.output
    assert filed(pack) == [] and (pack / LOCK_NAME).exists()  # nothing filed, the other run's lock kept


@pytest.mark.parametrize(
    "holder",
    [
        {"pid": 2**22 + 7, "host": socket.gethostname(), "since": time.time()},  # its process has ended
        {"pid": os.getpid(), "host": "another-pc", "since": time.time() - 7 * 3600},  # older than six hours
        "not json at all",
    ],
)
def test_a_stale_lock_is_taken_over(setup: tuple[Path, Path], holder: object) -> None:
    pack, inbox = setup
    text = holder if isinstance(holder, str) else json.dumps(holder)
    (pack / LOCK_NAME).write_text(text, encoding="utf-8")
    if isinstance(holder, str):  # unreadable: its age decides
        old = time.time() - 7 * 3600
        os.utime(pack / LOCK_NAME, (old, old))
    result = runner.invoke(app, ["intake", str(pack), str(inbox), "--apply"])
    assert result.exit_code == 0, result.output
    assert len(filed(pack)) == 3 and not (pack / LOCK_NAME).exists()


@pytest.mark.skipif(os.name != "posix", reason="sends signals")
@pytest.mark.parametrize("move", [False, True])
def test_a_run_killed_half_way_is_finished_by_the_next_with_nothing_lost_or_twice(
    setup: tuple[Path, Path], move: bool
) -> None:
    pack, inbox = setup
    options = ["--move"] if move else []
    command = ["intake", str(pack), str(inbox), "--apply", *options]
    # A real process, stopped by SIGTERM as it files the second file.
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, "itapack.chase.intake", "_write_new", "2", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == b"ready"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143 and b"Traceback" not in err
    journal = [json.loads(line) for line in (pack / "intake" / "journal.jsonl").read_text("utf-8").splitlines()]
    assert [line["step"] for line in journal] == ["begin", "done", "begin"]  # the record of where it stopped
    assert not (pack / LOCK_NAME).exists()
    assert not [p for p in pack.rglob("*") if p.name.endswith(".part")]

    again = runner.invoke(app, ["intake", str(pack), str(inbox), "--apply", *options])
    assert again.exit_code == 0, again.output
    assert filed(pack) == sorted(INBOX.values())  # each file once
    left = sorted(p.name for p in inbox.iterdir())
    assert left == ([] if move else sorted(INBOX))  # moved: gone from the inbox only once filed


def test_a_full_disk_half_way_leaves_a_record_and_the_next_run_finishes(
    setup: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    pack, inbox = setup
    real = os.link
    calls = []

    def full_on_the_second(source: str, target: str) -> None:  # the file's name is linked in last
        calls.append(target)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(source, target)

    monkeypatch.setattr(os, "link", full_on_the_second)
    first = runner.invoke(app, ["intake", str(pack), str(inbox), "--apply", "--move"])
    assert first.exit_code == 3 and "เขียน" in first.output
    steps = [json.loads(line)["step"] for line in (pack / "intake" / "journal.jsonl").read_text("utf-8").splitlines()]
    assert steps == ["begin", "done", "begin"]
    assert len(filed(pack)) == 1 and len(list(inbox.iterdir())) == 2  # the one not filed is still in the inbox
    assert not (pack / LOCK_NAME).exists()
    assert not [p for p in pack.rglob("*") if p.name.endswith(".part")]

    monkeypatch.setattr(os, "link", real)
    again = runner.invoke(app, ["intake", str(pack), str(inbox), "--apply", "--move"])
    assert again.exit_code == 0, again.output
    assert filed(pack) == sorted(INBOX.values()) and list(inbox.iterdir()) == []


def test_the_part_file_of_a_run_killed_outright_is_cleared_by_the_next(setup: tuple[Path, Path]) -> None:
    pack, inbox = setup
    loaded, planned, seen = preview(pack, inbox)
    folder = next((pack / p.destination).parent for _, p in planned if p.action == "file")
    folder.mkdir(parents=True, exist_ok=True)
    dead = folder / f"{intake.PART_PREFIX}k1ll3d{intake.PART_SUFFIX}"
    dead.write_bytes(PDF[:10])  # SIGKILL: no clean-up ran
    intake.apply(loaded, planned, seen=seen)
    assert not dead.exists()
    assert len(filed(pack)) == 3
