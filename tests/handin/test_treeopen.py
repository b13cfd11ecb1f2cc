"""The checked open asks the kernel for a name's bytes as the check read them from the disk."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from itapack.handin import treeopen

pytestmark = pytest.mark.skipif(treeopen.openat2() is None, reason="openat2: Linux 5.6 and later")


def test_a_thai_name_is_opened_in_the_file_systems_own_encoding(tmp_path: Path, monkeypatch) -> None:
    """Under a Thai locale that is not UTF-8 the check decodes names as TIS-620; the open that
    copies the file must encode them back the same way, not as UTF-8."""
    name = "คำรับรอง.pdf"
    written = os.open(os.fsencode(tmp_path) + b"/" + name.encode("tis-620"), os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(written, b"%PDF-1.4")
    os.close(written)
    monkeypatch.setattr(sys, "getfilesystemencoding", lambda: "tis-620")
    monkeypatch.setattr(sys, "getfilesystemencodeerrors", lambda: "strict")
    with treeopen.TreeFiles(tmp_path) as tree:
        fd = tree.opened(name)
        assert fd >= 0
        try:
            assert os.read(fd, 8) == b"%PDF-1.4"
        finally:
            os.close(fd)
