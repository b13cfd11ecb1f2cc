"""Content sniffing that means it: a few right bytes at the start are not a document."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import JPG, PDF, PNG, run_check, write_pack

BIG_PDF = b"%PDF-1.7\n" + b"1 0 obj << >> stream\n" + b"x" * 5000 + b"\nendstream endobj\ntrailer\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "content", "counts"),
    [
        ("a.pdf", PDF, True),
        ("big.pdf", BIG_PDF, True),
        ("trailing.pdf", BIG_PDF + b"\x00" * 300, True),  # bytes after %%EOF, as some scanners write
        ("stub.pdf", b"%PDF-", False),
        ("cut.pdf", BIG_PDF[:3000], False),  # a download cut short: no %%EOF at the end
        ("a.jpg", JPG, True),
        ("stub.jpg", b"\xff\xd8\xff", False),
        ("bad-marker.jpg", b"\xff\xd8\xff\x00\x00\x10" + b"\x00" * 20, False),
        ("a.png", PNG, True),
        ("stub.png", b"\x89PNG\r\n\x1a\n", False),
        ("bad-crc.png", PNG[:-1] + bytes([PNG[-1] ^ 1]), False),
    ],
)
def test_evidence_needs_a_decodable_header(tmp_path: Path, name: str, content: bytes, counts: bool) -> None:
    pack = write_pack(tmp_path / "pack", evidence={"1.1 บันทึกข้อความ": {name: content}})
    requirement = next(d for d in run_check(pack).documents if d.id == "1.1").requirements[0]
    assert (requirement.status == "ok") is counts
    if not counts:
        assert [r.reason for r in requirement.rejected] == ["content"]
