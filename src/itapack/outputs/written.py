"""Where the reports, letters, drafts and workbooks go, and knowing them again: never into the
evidence they describe, each written through the safe writer, sealed, and replaced on a later run
only while nobody has saved it since (seal.py)."""

from __future__ import annotations

import os
from pathlib import Path

from .. import safety
from ..errors import OutputError
from ..i18n import _
from ..pack.loader import check_output_folder


def write_all(contents: dict[Path, bytes], *, force: bool) -> list[Path]:
    """Write each file through the safe writer, after checking them all: one refusal stops the lot."""
    for path in contents:
        safety.check_target(path, force=force, ours=is_own_report)
    from .seal import OFFICE_SUFFIXES, sealed_bytes

    for path, data in contents.items():
        sealed = sealed_bytes(data) if path.suffix.lower() in OFFICE_SUFFIXES else data
        safety.write_bytes(path, sealed, force=force, ours=is_own_report)
    return list(contents)


def refuse_evidence_folder(evidence_root: Path, out: Path) -> None:
    """Reports, memos, workbooks and hand-in files never go into the evidence they describe; and
    --out is a folder, or a new name, before any work is done."""
    check_output_folder(out)
    evidence = evidence_root.resolve()
    target = out.resolve()
    if target == evidence or evidence in target.parents:
        raise OutputError(
            _("{out} อยู่ในโฟลเดอร์หลักฐาน {evidence} ซึ่ง itapack ไม่เขียนลงไป เลือกที่อื่น").format(
                out=out, evidence=evidence_root
            )
        )


def relative_link(folder: Path, pack_root: Path) -> str:
    """The pack folder as seen from folder, for links from an output to the evidence."""
    try:
        return Path(os.path.relpath(pack_root.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return pack_root.resolve().as_uri()


def is_own_report(path: Path) -> bool:
    """A report, memo, draft or workbook itapack wrote and nobody has saved since: Office files by
    their properties and seal (outputs/seal.py), HTML by its meta."""
    from .report import MARKER, is_own_office_file

    read = safety.ends(path)
    if read is None:
        return False
    head = read[0]
    if head.startswith(b"PK\x03\x04"):  # by what it is, not its name: a workbook may be named anything
        return is_own_office_file(path)
    return f'<meta name="generator" content="{MARKER}">' in head.decode("utf-8", "replace")
