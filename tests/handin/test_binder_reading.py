"""What the binder reads: a PDF bomb and a file too big to hold are listed with their reason,
never a crash or gigabytes of memory. No renderer or font needed: the loader alone is tried."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from itapack.handin import binder

from .. import hostile_inputs as hostile
from ..conftest import JPG, PDF


def load(folder: Path, path: Path) -> binder.Item:
    loader = binder.Loader(folder, folder, binder.Fonts(path, path), downsample=False)
    item = binder.Item(path.name, binder._kind(path.name))
    if item.kind == "pdf":
        loader._pdf(item, path)
    else:
        loader._image(item, path)
    return item


def test_a_pdf_bomb_is_left_out_with_the_reason(tmp_path: Path) -> None:
    item = load(tmp_path, hostile.pdf_bomb(tmp_path))
    assert item.pages == []
    assert "PDF bomb" in item.reason and "รวมในแฟ้มไม่ได้" in item.reason


@pytest.mark.parametrize(("name", "data"), [("สแกน 3GB.pdf", PDF), ("ภาพ.jpg", JPG)])
def test_a_file_past_the_limit_is_refused_by_size_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes
) -> None:
    monkeypatch.setattr(binder, "FILE_LIMIT", 1000)  # a 3 GB scan, to scale
    path = tmp_path / name
    path.write_bytes(data + bytes(5000))
    item = load(tmp_path, path)
    assert item.pages == [] and "เกิน" in item.reason and "อยู่ในไฟล์ zip" in item.reason


def test_a_pdf_within_the_limit_is_still_bound(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    path = tmp_path / "บันทึก.pdf"
    with path.open("wb") as stream:
        writer.write(stream)
    item = load(tmp_path, path)
    assert item.reason == "" and len(item.pages) == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_where_an_output_was_is_not_taken_for_ours_and_not_waited_on(tmp_path: Path) -> None:
    from itapack.handin.archive import is_own_archive
    from itapack.outputs.report import is_own_office_file

    assert not binder.is_own_binder(hostile.fifo(tmp_path, "แฟ้มรวม ITA 2567.pdf"))
    assert not is_own_archive(hostile.fifo(tmp_path, "ไฟล์นำส่ง ITA 2567.zip"))
    assert not is_own_office_file(hostile.fifo(tmp_path, "รายงาน ITA 2567.docx"))
