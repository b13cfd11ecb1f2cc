"""bundle reads each evidence file through the checked open: a link swapped in after the check
cannot put a file from outside the pack into the zip."""

from __future__ import annotations

import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from itapack.check import check
from itapack.errors import InputError
from itapack.handin import copier, treeopen
from itapack.handin.bundle import make_bundle
from itapack.pack.loader import load_pack

from ..conftest import COMPLETE, write_pack

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symbolic links")
SECRET = b"%PDF-1.4 salaries: never handed in"


@pytest.fixture(autouse=True, params=["openat2", "walk", "copier"])
def road(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test takes every road: openat2 where the kernel has it, the walk of held folders
    (kernels before 5.6, sandboxes that forbid it), and the forked copier, whose refusal the
    parent must raise as its own."""
    if request.param == "walk":
        monkeypatch.setattr(treeopen, "_OPENAT2", [None])
    if request.param == "copier":
        monkeypatch.setattr(copier, "MIN_FILES", 1)
        monkeypatch.setenv("ITAPACK_JOBS", "2")
    else:
        monkeypatch.setenv("ITAPACK_JOBS", "1")
    return request.param


def test_a_link_swapped_in_after_the_check_puts_nothing_from_outside_in_the_zip(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", evidence=COMPLETE)
    outside = tmp_path / "เงินเดือน.pdf"
    outside.write_bytes(SECRET)
    pack = load_pack(root)
    result = check(pack, today=date(2024, 2, 1))
    victim = next(p for p in (root / "evidence").rglob("*.pdf"))
    victim.unlink()
    victim.symlink_to(outside)  # between the check and the copy into the zip
    with pytest.raises(InputError, match="เปลี่ยนไปหลังการตรวจ"):
        make_bundle(pack, result, out=tmp_path / "handin", formats=("zip",), today=date(2024, 2, 1), reports=False)
    assert not (tmp_path / "handin" / "ไฟล์นำส่ง ITA 2567.zip").exists()
    assert not [p for p in (tmp_path / "handin").rglob("*") if ".part" in p.name]


def test_a_link_inside_the_pack_is_still_followed(tmp_path: Path) -> None:
    """A file elsewhere in the pack, counted through a link in the evidence, still goes in."""
    root = write_pack(tmp_path / "pack", evidence=COMPLETE)
    victim = next(p for p in (root / "evidence").rglob("*.pdf"))
    kept = root / "originals" / victim.name
    kept.parent.mkdir()
    victim.rename(kept)
    victim.symlink_to(kept)
    pack = load_pack(root)
    result = check(pack, today=date(2024, 2, 1))
    day = date(2024, 2, 1)
    [written] = make_bundle(pack, result, out=tmp_path / "handin", formats=("zip",), today=day, reports=False)
    with zipfile.ZipFile(written.path) as archive:
        assert kept.read_bytes() in [archive.read(name) for name in archive.namelist()]


@pytest.mark.parametrize("swap", ["rewritten", "fifo", "folder"])
def test_a_file_changed_after_the_check_is_refused_not_copied_as_it_now_is(tmp_path: Path, swap: str) -> None:
    """The archive holds what the check counted, as it measured it: a file rewritten since, or a
    FIFO or a folder put in its place, is refused with the same message, and nothing waits."""
    root = write_pack(tmp_path / "pack", evidence=COMPLETE)
    pack = load_pack(root)
    result = check(pack, today=date(2024, 2, 1))
    victim = next(p for p in (root / "evidence").rglob("*.pdf"))
    victim.unlink()
    if swap == "rewritten":
        victim.write_bytes(b"%PDF-1.4 another memo, longer than the one checked")
    elif swap == "fifo":
        os.mkfifo(victim)
    else:
        victim.mkdir()
    with pytest.raises(InputError, match=r"ไม่ได้ใส่ในไฟล์ zip|ไฟล์ถูกย้ายหรือแก้ไขหลังการตรวจ"):
        make_bundle(pack, result, out=tmp_path / "handin", formats=("zip",), today=date(2024, 2, 1), reports=False)
    assert not (tmp_path / "handin" / "ไฟล์นำส่ง ITA 2567.zip").exists()
