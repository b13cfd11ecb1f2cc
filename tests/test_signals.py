"""Ctrl-C and SIGTERM (a cron timeout, `timeout`, a service manager) at any moment: the clean-up
runs, nothing half-written is left, and the exit code says which signal it was. Real processes and
real signals; a slow step stands in for a big job so that the signal lands inside it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import COMPLETE, write_pack

pytestmark = pytest.mark.skipif(os.name != "posix", reason="sends signals")

# Runs itapack with one function made slow: it says "ready" and waits for the signal.
DRIVER = textwrap.dedent(
    """
    import importlib, os, sys, time
    module, name, call = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if module == "import":  # start-up: the import of the command line waits
        class Slow:
            def find_spec(self, fullname, path=None, target=None):
                if fullname == "itapack.cli":
                    print("ready", flush=True)
                    time.sleep(30)
                return None
        sys.meta_path.insert(0, Slow())
    else:
        target = importlib.import_module(module)
        real = getattr(target, name)
        calls = [0]
        def slow(*args, **kwargs):
            calls[0] += 1
            if calls[0] == call:
                print("ready", flush=True)
                time.sleep(30)
            return real(*args, **kwargs)
        setattr(target, name, slow)
    from itapack.entry import main
    sys.argv = ["itapack", *sys.argv[4:]]
    main()
    """
)


def stop(where: tuple[str, str, int], args: list[str], signum: int, env: dict[str, str] | None = None):
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, *map(str, where), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == b"ready"
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    stderr = err.decode("utf-8")
    assert "Traceback" not in stderr and "Aborted" not in stderr, stderr
    return process.returncode, stderr


def parts(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if ".part" in p.name)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_during_start_up_one_thai_line_and_the_signals_code(signum: int, code: int) -> None:
    returned, stderr = stop(("import", "", 0), ["--version"], signum)
    assert returned == code
    assert stderr.startswith("itapack: ") and "\u0e00" <= stderr[9] <= "\u0e7f"  # Thai first
    assert stderr.count("\n") == 1


def test_sigterm_during_check_output_leaves_no_part_file(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", evidence=COMPLETE)
    out = tmp_path / "out"
    out.mkdir()
    where = ("itapack.outputs.jsonout", "write", 1)
    code, stderr = stop(where, ["check", str(pack), "-f", "json", "-o", str(out / "check.json")], signal.SIGTERM)
    assert code == 143 and "SIGTERM" in stderr
    assert list(out.iterdir()) == []


def test_sigterm_during_render_leaves_the_last_report_and_no_part(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", evidence=COMPLETE)
    out = tmp_path / "reports"
    code, _ = stop(("itapack.safety", "write_bytes", 2), ["render", str(pack), "--out", str(out)], signal.SIGTERM)
    assert code == 143
    assert parts(tmp_path) == []
    assert [p.name for p in out.iterdir()] == ["รายงาน ITA 2567.docx"]  # the first was whole; the second never


@pytest.mark.parametrize("call", [1, 3])  # 1: the preview in the temp folder; 3: the staging folder beside the target
def test_sigterm_during_rollover_leaves_no_staging_and_no_preview(tmp_path: Path, call: int) -> None:
    source = write_pack(tmp_path / "packs" / "pack-2567", evidence=COMPLETE)
    temp = tmp_path / "temp"
    temp.mkdir()
    where = ("itapack.year.scaffold", "plan", call)
    code, _ = stop(where, ["rollover", str(source), "--to", "2568"], signal.SIGTERM, env={"TMPDIR": str(temp)})
    assert code == 143
    assert sorted(p.name for p in (tmp_path / "packs").iterdir()) == ["pack-2567"]
    assert list(temp.iterdir()) == []


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_scores_stores_its_results_leaves_pack_yaml_whole(
    tmp_path: Path, signum: int, code: int
) -> None:
    """The one write into a pack file on purpose: stopped inside it, the old pack.yaml stays."""
    from .scores.conftest import MEASURES_PACK, MEASURES_SECTIONS, RESULTS_CSV

    pack = write_pack(
        tmp_path / "pack", pack=MEASURES_PACK, levels=MEASURES_SECTIONS, units=None, structure_file="sections.yaml"
    )
    results = tmp_path / "ผลคะแนน.csv"
    results.write_text(RESULTS_CSV, encoding="utf-8")
    before = (pack / "pack.yaml").read_bytes()
    returned, _ = stop(("os", "fsync", 1), ["scores", str(pack), "--import", str(results)], signum)
    assert returned == code
    assert (pack / "pack.yaml").read_bytes() == before
    assert parts(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the bundle's reports are rendered by a forked child")
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_the_bundles_reports_render_in_their_child_ends_both(
    tmp_path: Path, signum: int, code: int
) -> None:
    """Sent to the bundle alone (not to the whole group, as Ctrl-C at a terminal is): it does not
    wait for its child, which would sleep on for 30 s, and leaves no temporary folder behind."""
    import time

    pack = write_pack(tmp_path / "pack", evidence=COMPLETE)
    temp = tmp_path / "temp"
    temp.mkdir()
    args = ["bundle", str(pack), "--out", str(tmp_path / "out"), "--format", "zip"]
    started = time.monotonic()
    where = ("itapack.render", "render_reports", 1)
    returned, _ = stop(where, args, signum, env={"ITAPACK_JOBS": "2", "TMPDIR": str(temp)})
    assert returned == code
    assert time.monotonic() - started < 20  # the child was killed: nothing held the pipes open for 30 s
    assert list(temp.iterdir()) == []
    assert parts(tmp_path) == []
    assert not (tmp_path / "out" / "ไฟล์นำส่ง ITA 2567.zip").exists()
