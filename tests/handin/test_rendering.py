"""The bundle's reports rendered by a forked child: the same bytes in the archive as when rendered
in the bundle's own process, and an error on the child's side reaching the user as it would have
in one process (its message, its exit code, no traceback)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack import render
from itapack.cli import app
from itapack.errors import ExitCode, ItapackError, Location, OutputError, PackError, Problem
from itapack.handin import rendering

from ..conftest import COMPLETE, write_pack

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the reports are rendered by a forked child")
ARCHIVE = "ไฟล์นำส่ง ITA 2567.zip"
REPORTS = ["reports/รายงาน ITA 2567.docx", "reports/รายงาน ITA 2567.html"]


def bundle(pack: Path, out: Path) -> tuple[int, str]:
    args = ["bundle", str(pack), "--out", str(out), "--format", "zip", "--date", "2567-09-30"]
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child even on one processor (a test may turn it off again)."""
    monkeypatch.setenv("ITAPACK_JOBS", "2")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", evidence=COMPLETE)


@pytest.fixture
def renderers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """render_reports as the bundle calls it, noting the process that ran it (one line each)."""
    noted = tmp_path / "renderers.txt"
    real = render.render_reports

    def noting(*args: object, **kwargs: object) -> list[Path]:
        with noted.open("a") as note:
            note.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render_reports", noting)
    return noted


def test_reports_rendered_by_the_child_are_the_bytes_rendered_in_one_process(
    pack: Path, tmp_path: Path, renderers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("ITAPACK_JOBS", jobs)
        assert rendering.wanted() == (jobs == "2")
        code, output = bundle(pack, tmp_path / f"jobs-{jobs}")
        assert code == 0, output
        made[jobs] = (tmp_path / f"jobs-{jobs}" / ARCHIVE).read_bytes()
    here, child = renderers.read_text().split()
    assert here == str(os.getpid()) and child != here  # ITAPACK_JOBS=1 renders here, 2 in a child
    with zipfile.ZipFile(tmp_path / "jobs-1" / ARCHIVE) as one, zipfile.ZipFile(tmp_path / "jobs-2" / ARCHIVE) as two:
        assert set(REPORTS) <= set(two.namelist())
        assert all(len(two.read(name)) > 1000 for name in REPORTS)
        assert [one.read(name) for name in REPORTS] == [two.read(name) for name in REPORTS]
    assert made["1"] == made["2"]


def test_an_error_in_the_child_reaches_the_user_as_its_message_and_exit_code(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = "เขียนรายงานไม่ได้: ดิสก์เต็ม"

    def refused(*args: object, **kwargs: object) -> list[Path]:
        raise OutputError(f"{said} (process {os.getpid()})")

    monkeypatch.setattr(render, "render_reports", refused)
    code, output = bundle(pack, tmp_path / "out")
    assert code == ExitCode.CANNOT_WRITE
    assert output.startswith(f"itapack: {said} (process ")
    assert f"(process {os.getpid()})" not in output  # raised in the child, said by the parent
    assert "Traceback" not in output
    assert not (tmp_path / "out" / ARCHIVE).exists()


def test_a_pack_error_crosses_with_its_problems(tmp_path: Path) -> None:
    problems = [Problem(Location("pack.yaml", 3, 5, "report.title"), "ต้องเป็นข้อความ")]

    def refused() -> list[Path]:
        raise PackError(problems)

    with pytest.raises(PackError) as raised:
        rendering.reports(refused)
    assert raised.value.problems == problems
    assert str(raised.value) == str(PackError(problems))
    assert raised.value.exit_code == ExitCode.INVALID_INPUT


def test_an_error_with_a_field_that_cannot_cross_keeps_its_message_and_exit_code() -> None:
    def refused() -> list[Path]:
        error = OutputError("รายงานเขียนไม่ได้")
        error.handle = lambda: None  # type: ignore[attr-defined]  # a lambda does not pickle
        raise error

    with pytest.raises(ItapackError) as raised:
        rendering.reports(refused)
    assert str(raised.value) == "รายงานเขียนไม่ได้"
    assert raised.value.exit_code == ExitCode.CANNOT_WRITE


def test_a_bug_in_the_child_is_an_internal_error_without_a_traceback(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ITAPACK_DEBUG", raising=False)

    def broken(*args: object, **kwargs: object) -> list[Path]:
        raise ValueError("a fault of the renderer's own")

    monkeypatch.setattr(render, "render_reports", broken)
    code, output = bundle(pack, tmp_path / "out")
    assert code == ExitCode.INTERNAL_ERROR
    assert "RuntimeError: the bundle's report renderer failed: ValueError: a fault of the renderer's own" in output
    assert "Traceback" not in output


def test_a_child_that_dies_is_an_error_not_a_hang() -> None:
    def dies() -> list[Path]:
        os._exit(9)

    with pytest.raises(RuntimeError, match="report renderer failed"):
        rendering.reports(dies)


def test_the_childs_traceback_is_kept_for_itapack_debug() -> None:
    def broken() -> list[Path]:
        raise ValueError("a fault of the renderer's own")

    with pytest.raises(RuntimeError) as raised:
        rendering.reports(broken)
    [note] = raised.value.__notes__
    assert note.startswith("Traceback") and "in broken" in note
