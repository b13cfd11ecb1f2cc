"""Content sniffing that means it: a few right bytes at the start are not a document."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import HTML, JPG, PDF, PNG, pdf_file, run_check, write_pack

# A real PDF with 5,000 bytes of page content: its end is not in its first kilobyte
BIG_PDF = pdf_file(
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    b"<< /Length 5000 >>\nstream\n" + b"x" * 5000 + b"\nendstream",
)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("a.pdf", PDF, None),
        ("big.pdf", BIG_PDF, None),
        ("trailing.pdf", BIG_PDF + b"\x00" * 300, None),  # bytes after %%EOF, as some scanners write
        ("stub.pdf", b"%PDF-", "broken"),
        ("nine.pdf", b"%PDF-1.4\n", "broken"),  # of the right kind, cut short: not "content"
        ("cut.pdf", BIG_PDF[:3000], "broken"),  # a download cut short: no %%EOF at the end
        ("page.pdf", HTML, "content"),  # another kind altogether: says what it really is
        ("a.jpg", JPG, None),
        ("stub.jpg", b"\xff\xd8\xff", "broken"),
        ("bad-marker.jpg", b"\xff\xd8\xff\x00\x00\x10" + b"\x00" * 20, "broken"),
        ("a.png", PNG, None),
        ("stub.png", b"\x89PNG\r\n\x1a\n", "broken"),
        ("bad-crc.png", PNG[:29] + bytes([PNG[29] ^ 1]) + PNG[30:], "broken"),  # the header's checksum
        ("photo.png", JPG, "content"),
    ],
)
def test_evidence_needs_a_decodable_header(tmp_path: Path, name: str, content: bytes, reason: str | None) -> None:
    pack = write_pack(tmp_path / "pack", evidence={"1.1 บันทึกข้อความ": {name: content}})
    requirement = next(d for d in run_check(pack).documents if d.id == "1.1").requirements[0]
    assert (requirement.status == "ok") is (reason is None)
    assert [r.reason for r in requirement.rejected] == ([] if reason is None else [reason])
