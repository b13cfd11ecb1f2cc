"""Knowing an Office file is still as itapack wrote it.

The category MARKER in its properties says itapack wrote a DOCX or XLSX, but Word, Excel and
LibreOffice keep that property when a clerk edits and saves the file, so a later run would
replace the clerk's work. So itapack also seals what it writes: the zip's comment holds a digest
of every member's name, CRC and size. Saving in any office program writes a new zip with no such
comment (and new CRCs), so a file that is still sealed was not changed since, and one that is not
is a person's to keep.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import IO

PREFIX = b"itapack-seal sha256:"
OFFICE_SUFFIXES = (".docx", ".xlsx")


def digest(archive: zipfile.ZipFile) -> bytes:
    members = hashlib.sha256()
    for info in archive.infolist():
        members.update(f"{info.filename}\0{info.CRC:08x}\0{info.file_size}\n".encode())
    return PREFIX + members.hexdigest().encode("ascii")


def seal(stream: IO[bytes]) -> None:
    """Seal a finished zip in a seekable stream opened for reading and writing; only the end of
    the zip (its directory and comment) is rewritten."""
    stream.seek(0)
    with zipfile.ZipFile(stream, "a") as archive:
        archive.comment = digest(archive)


def sealed_bytes(data: bytes) -> bytes:
    stream = io.BytesIO(data)
    seal(stream)
    return stream.getvalue()


def is_sealed(archive: zipfile.ZipFile) -> bool:
    return archive.comment.startswith(PREFIX) and archive.comment == digest(archive)
