"""Is a file's content of the kind its extension says? Read from the first bytes only.

A ".pdf" that is really the HTML error page of a failed download, or a renamed ".exe", must not
count as evidence. Whether a file of the right kind is whole is opens.py's business.
"""

from __future__ import annotations

HEAD_BYTES = 1024  # PDF allows junk before "%PDF-" within the first kilobyte

_PDF = (b"%PDF-",)
_JPEG = (b"\xff\xd8\xff",)
_PNG = (b"\x89PNG\r\n\x1a\n",)
_ZIP = (b"PK\x03\x04",)  # docx, xlsx, pptx, odt
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # doc, xls, ppt
_GIF = (b"GIF87a", b"GIF89a")
_TIFF = (b"II*\x00", b"MM\x00*")
_WEBP = (b"RIFF",)  # and "WEBP" at byte 8

SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": _PDF,
    "jpg": _JPEG,
    "jpeg": _JPEG,
    "png": _PNG,
    "gif": _GIF,
    "tif": _TIFF,
    "tiff": _TIFF,
    "webp": _WEBP,
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


def claims(extension: str, head: bytes) -> bool:
    """True when the first bytes are of the kind a file with this extension holds (or we cannot
    tell): then opens.py decides whether the file is whole. A head that stops inside the right
    signature is of that kind too, only cut short: a 3-byte "JPEG" is broken, not another kind."""
    signatures = SIGNATURES.get(extension)
    if signatures is None:
        return True
    if signatures is _PDF:
        return b"%PDF-" in head[:HEAD_BYTES] or _PDF[0].startswith(head)
    if signatures is _WEBP and len(head) >= 12:
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    return any(head.startswith(signature) or signature.startswith(head) for signature in signatures)


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
