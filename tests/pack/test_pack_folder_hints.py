"""Named the wrong folder: the message gives the full path and where the pack probably is."""

from __future__ import annotations

from pathlib import Path

import pytest

from itapack.errors import InputError
from itapack.pack.loader import load_pack

from ..conftest import write_pack


def said(path: Path) -> str:
    with pytest.raises(InputError) as refused:
        load_pack(path)
    return str(refused.value)


def test_from_the_folder_that_holds_packs_it_names_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pack(tmp_path / "สมุทรสาคร-2568")
    monkeypatch.chdir(tmp_path)
    message = said(Path("."))
    assert str(tmp_path) in message  # not "."
    assert 'itapack check "สมุทรสาคร-2568"' in message


def test_from_inside_the_evidence_folder_it_names_the_pack_around_it(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "ชุดเอกสาร", evidence={"1.1 บันทึก": {}})
    assert f"อยู่ในชุดเอกสาร {pack}" in said(pack / "evidence" / "1.1 บันทึก")


def test_a_pack_named_with_another_year_suggests_the_one_there(tmp_path: Path) -> None:
    write_pack(tmp_path / "สมุทรสาคร-2568")
    assert "สมุทรสาคร-2568" in said(tmp_path / "สมุทรสาคร-2567")
    assert "ชุดเอกสารที่พบ" not in said(tmp_path / "อื่นๆ")  # nothing like it: no guess
