"""Does a file's content match its extension? Read from the first bytes only.

A ".pdf" that is really the HTML error page of a failed download, or a renamed ".exe", must not
count as evidence.
"""

from __future__ import annotations

import zlib

HEAD_BYTES = 1024  # PDF allows junk before "%PDF-" within the first kilobyte

_PDF = (b"%PDF-",)
_JPEG = (b"\xff\xd8\xff",)
_PNG = (b"\x89PNG\r\n\x1a\n",)
_ZIP = (b"PK\x03\x04",)  # docx, xlsx, pptx, odt
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # doc, xls, ppt
_GIF = (b"GIF87a", b"GIF89a")
_TIFF = (b"II*\x00", b"MM\x00*")

SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": _PDF,
    "jpg": _JPEG,
    "jpeg": _JPEG,
    "png": _PNG,
    "gif": _GIF,
    "tif": _TIFF,
    "tiff": _TIFF,
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "zip": _ZIP,
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
}

# What looks_like() names, for "this .pdf is really a jpg".
_CONTENT_KINDS = (("jpg", _JPEG), ("png", _PNG), ("gif", _GIF), ("tiff", _TIFF), ("zip", _ZIP), ("ole", _OLE))


TAIL_BYTES = 1024  # a PDF ends with %%EOF; readers allow some bytes after it, within the last kilobyte
# Markers that may follow a JPEG's start of image: SOFn/DHT/DAC, DQT, DRI, APPn, COM.
_JPEG_MARKERS = frozenset([*range(0xC0, 0xD0), 0xDB, 0xDD, *range(0xE0, 0xF0), 0xFE])


def needs_tail(extension: str) -> bool:
    return extension == "pdf"


def matches(extension: str, head: bytes, tail: bytes | None = None) -> bool:
    """True when the content is what a file with this extension holds (or we cannot tell).

    Not just the first bytes: a 3-byte "JPEG" or a 5-byte "%PDF-" is not evidence. A PDF needs its
    header and an %%EOF in its last kilobyte (tail; head when the file is that short); a JPEG its
    start of image and a well-formed first marker segment; a PNG its signature and a whole IHDR
    chunk, checksum included."""
    signatures = SIGNATURES.get(extension)
    if signatures is None:
        return True
    if extension == "pdf":
        return b"%PDF-" in head[:HEAD_BYTES] and b"%%EOF" in (head if tail is None else tail)[-TAIL_BYTES:]
    if signatures is _JPEG:
        return _jpeg(head)
    if signatures is _PNG:
        return _png(head)
    return head.startswith(signatures)


def _jpeg(head: bytes) -> bool:
    if len(head) < 6 or not head.startswith(b"\xff\xd8\xff"):
        return False
    return head[3] in _JPEG_MARKERS and int.from_bytes(head[4:6], "big") >= 2


def _png(head: bytes) -> bool:
    if len(head) < 33 or not head.startswith(_PNG[0]) or head[8:16] != b"\x00\x00\x00\x0dIHDR":
        return False
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    return width > 0 and height > 0 and zlib.crc32(head[12:29]) == int.from_bytes(head[29:33], "big")


def looks_like(head: bytes) -> str:
    """A short name for what the content actually is, for the message."""
    start = head.lstrip()[:64].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) or b"<html" in head[:HEAD_BYTES].lower():
        return "html"
    if head.startswith(b"MZ"):
        return "exe"
    if head.startswith(b"#!") or head.startswith(b"\x7fELF"):
        return "program"
    for label, signatures in _CONTENT_KINDS:
        if head.startswith(signatures):
            return label
    if b"%PDF-" in head:
        return "pdf"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "unknown"
    return "text"
