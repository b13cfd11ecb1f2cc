"""Writes are whole or absent: an interrupted write, render or rollover leaves nothing half-done."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from itapack import atomic, fence, safety
from itapack.errors import OutputError

from .conftest import EXAMPLE

pytestmark = pytest.mark.usefixtures("english")  # these tests read the messages in English (--lang en)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part") or ".part" in p.name)


def test_interrupted_write_keeps_the_old_file_and_leaves_no_part(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "report.html"
    target.write_text("ฉบับเดิม", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(target, "ฉบับใหม่", ours=safety.REPLACE)  # a replacement, cut short
    assert target.read_text(encoding="utf-8") == "ฉบับเดิม"
    assert leftovers(tmp_path) == []


def test_unwritable_place_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="that is a file, not a folder"):
        atomic.write_text(tmp_path / "file" / "report.html", "x")


def test_interrupted_folder_build_leaves_nothing(tmp_path: Path) -> None:
    def build(folder: Path) -> None:
        (folder / "pack.yaml").write_text("itapack: 1\n")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic.build_folder(tmp_path / "new", build)
    assert list(tmp_path.iterdir()) == []


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    atomic.write_text(tmp_path / "a.json", "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
def test_ctrl_c_during_render_exits_130_and_keeps_the_last_report(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    subprocess.run(
        [sys.executable, "-m", "itapack", "render", str(EXAMPLE), "--out", str(out)], check=True, capture_output=True
    )
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # A real process and a real signal; the slow step is a stand-in so the signal lands mid-render.
    driver = textwrap.dedent(
        """
        import sys, time
        import itapack.outputs.html_report as html_report
        def slow(*args, **kwargs):
            print("rendering", flush=True)
            time.sleep(30)
        html_report.render = slow
        from itapack.entry import main
        sys.argv = ["itapack", "render", sys.argv[1], "--out", sys.argv[2]]
        main()
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", driver, str(EXAMPLE), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout.readline().strip() == "rendering"
    time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Ctrl-C" in stderr and "Traceback" not in stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the last good reports, nothing else


def fenced_pack(tmp_path: Path):
    from itapack.pack.loader import load_pack

    from .conftest import COMPLETE, write_pack

    fence.forget_packs()
    return load_pack(write_pack(tmp_path / "pack", evidence=COMPLETE))  # loading a pack fences it


def test_force_never_lifts_the_fence_but_storing_results_may_edit_pack_yaml(tmp_path: Path) -> None:
    from itapack import safety

    pack = fenced_pack(tmp_path)
    before = (pack.root / "pack.yaml").read_bytes()
    for name in ("pack.yaml", "levels.yaml", "units.yaml", "evidence/new.json"):
        with pytest.raises(OutputError):
            safety.write_text(pack.root / name, "x", force=True)
    assert (pack.root / "pack.yaml").read_bytes() == before and not (pack.root / "evidence" / "new.json").exists()
    safety.write_bytes(pack.root / "pack.yaml", before + b"# results\n", editing_pack=True, ours=safety.REPLACE)
    assert (pack.root / "pack.yaml").read_bytes().endswith(b"# results\n")
    fence.forget_packs()


def test_a_file_of_another_making_is_kept_without_force(tmp_path: Path) -> None:
    from itapack import safety

    notes = tmp_path / "notes.txt"
    notes.write_text("ของเจ้าหน้าที่", encoding="utf-8")
    with pytest.raises(OutputError, match="was not written by itapack"):
        safety.write_text(notes, "ใหม่", ours=lambda path: False)
    assert notes.read_text(encoding="utf-8") == "ของเจ้าหน้าที่"
    safety.write_text(notes, "ใหม่", ours=lambda path: False, force=True)
    assert notes.read_text(encoding="utf-8") == "ใหม่"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_open_checked_reads_only_the_file_that_was_planned(tmp_path: Path) -> None:
    from itapack.safety import Changed, Seen, open_checked, open_within

    planned = tmp_path / "inbox" / "คำรับรอง.pdf"
    planned.parent.mkdir()
    planned.write_bytes(b"planned")
    seen = Seen.of(planned)
    with open_checked(planned, seen) as stream:
        assert stream.read() == b"planned"
    planned.write_bytes(b"changed after the plan, and longer")
    with pytest.raises(Changed), open_checked(planned, seen):
        pass
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(b"outside")
    planned.unlink()
    planned.symlink_to(outside)
    with pytest.raises(Changed), open_checked(planned):
        pass  # a link is never opened in place of the file
    with pytest.raises(Changed), open_within(planned, tmp_path / "inbox"):
        pass  # resolved, it leads outside
    with open_within(planned, tmp_path) as stream:
        assert stream.read() == b"outside"  # inside the given root: read as the real file
