"""Where `check --output FILE` may write, and how: render's rules for a single file.

- Never a pack file (pack.yaml, levels.yaml, units.yaml) and never inside the evidence folder.
- Never over a file itapack did not write, unless --force. Its own earlier outputs are known by
  their content: JSON that starts `{"format":"itapack-check"`, JUnit whose root is
  `<testsuites name="itapack check"`, and text whose last line is the verdict
  (`ผ่านระดับ N จาก M (เป้าหมายระดับ T) — …`, or a checklist's `ครบ N จาก M รายการ คะแนน …`).
  An empty file holds nothing to lose.
- A character device or a named pipe (/dev/null, /dev/stdout, a FIFO a job reads from) is written
  to as a stream; a regular file is written atomically. A link is followed: its target is
  replaced and the link stays. Sockets, block devices and folders are refused.

All is decided before the (possibly long) check runs, so a refusal costs nothing.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import stat
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import atomic, i18n
from ..errors import OutputError
from ..i18n import _
from ..pack.folder import PACK_FILES, Pack

_PEEK = 4096
_JSON = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"format"\s*:\s*"itapack-check"')
_JUNIT = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?<testsuites name="itapack check"')
# Names for the process's own streams: written to as they are, whatever they lead to.
_OWN_STREAMS = re.compile(r"\A/(?:dev/(?:stdout|stderr|fd/\d+)|proc/self/fd/\d+)\Z")


@dataclass(frozen=True)
class Output:
    path: Path  # where the bytes go: a link's target, or the stream as named
    stream: bool  # a device or a pipe: written as it is, not replaced

    @contextlib.contextmanager
    def open(self) -> Iterator[TextIO]:
        if not self.stream:
            with atomic.writing(self.path) as stream:
                yield stream
            return
        try:
            with open(self.path, "w", encoding="utf-8", newline="") as stream:
                yield stream
        except OSError as error:
            raise OutputError(
                _("เขียน {path} ไม่ได้ ({why}) ตรวจว่าปลายทางยังเปิดรับอยู่").format(path=self.path, why=error.strerror)
            ) from None


def plan(path: Path, pack: Pack, *, force: bool) -> Output:
    """Where --output FILE goes, or an OutputError saying why not and what to do."""
    if _OWN_STREAMS.match(os.path.abspath(path)):
        return Output(path, stream=True)
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None  # new, or a dangling link (its target will be made); atomic says what else is wrong
    except OSError as error:
        raise OutputError(_cannot(path, error)) from None
    except ValueError:
        raise OutputError(_("{path}: ชื่อไฟล์มีอักขระ NUL ใช้ชื่ออื่น").format(path=_shown(path))) from None
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        return Output(path, stream=True)
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(
            _("{path} เป็นโฟลเดอร์ ระบุชื่อไฟล์ เช่น {example}").format(path=_shown(path), example=_shown(path / "check.json"))
        )
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(_("{path} ไม่ใช่ไฟล์ธรรมดา (ซ็อกเก็ตหรืออุปกรณ์ดิสก์) เลือกไฟล์อื่น").format(path=_shown(path)))
    target = Path(os.path.realpath(path))
    _refuse_pack(target, path, pack)
    if mode is not None and not force and not is_own_output(target):
        raise OutputError(
            _(
                "{path} มีอยู่แล้วและไม่ใช่ผลที่ itapack เขียนไว้ จะไม่เขียนทับ ย้ายไฟล์นั้นออก เลือกชื่ออื่น หรือใช้ --force ถ้าต้องการเขียนทับจริง"
            ).format(path=_shown(path))
        )
    return Output(target, stream=False)


def refuse_pack_file(path: Path, pack_root: Path) -> None:
    """Never over one of the pack's own YAML files (through links, in any letter case on Windows),
    --force or not: an output written over pack.yaml loses the pack."""
    target = os.path.normcase(os.path.realpath(path))
    root = os.path.realpath(pack_root)
    if any(target == os.path.normcase(os.path.join(root, name)) for name in PACK_FILES):
        raise OutputError(_("{path} เป็นไฟล์ของชุดเอกสาร จะไม่เขียนทับ เลือกชื่อไฟล์อื่นสำหรับผลการตรวจ").format(path=_shown(path)))


def _refuse_pack(target: Path, given: Path, pack: Pack) -> None:
    refuse_pack_file(given, pack.root)
    evidence = Path(os.path.realpath(pack.evidence_root))
    if evidence in target.parents or target == evidence:
        raise OutputError(
            _("{path} อยู่ในโฟลเดอร์หลักฐาน {evidence}/ ซึ่ง itapack ไม่เขียนลงไป เลือกที่อื่น เช่น reports/check.json").format(
                path=_shown(given), evidence=pack.info.evidence
            )
        )


def is_own_output(path: Path) -> bool:
    """Did an earlier `itapack check --output` write this file (or is it empty)?"""
    try:
        with open(path, "rb") as stream:
            head = stream.read(_PEEK)
            if not head:
                return True
            if _JSON.match(head) or _JUNIT.match(head):
                return True
            if head.startswith(b"PK\x03\x04"):  # --format xlsx: the tracking workbook
                from .report import is_own_office_file

                return is_own_office_file(path)
            size = os.fstat(stream.fileno()).st_size
            stream.seek(max(0, size - _PEEK))
            tail = stream.read(_PEEK)
    except OSError:
        return False
    lines = [line for line in tail.decode("utf-8", "replace").splitlines() if line.strip()]
    return bool(lines) and bool(_verdict().match(lines[-1]))


@functools.cache
def _verdict() -> re.Pattern[str]:
    """The last line of check's text output, in any language it speaks: the verdict's templates
    with each {number} as digits, so a reworded verdict is still recognised."""
    from .wording import CHECKLIST_VERDICT, LADDER_VERDICT

    def pattern(template: str) -> str:
        parts = string.Formatter().parse(template)
        return "".join(re.escape(text) + (r"[\d.]+" if field is not None else "") for text, field, _, _ in parts)

    texts = [text for message in (LADDER_VERDICT, CHECKLIST_VERDICT) for text in i18n.in_every_language(message)]
    return re.compile(r"^(?:[✓✗] )?(?:" + "|".join(map(pattern, texts)) + ") — ")


def _cannot(path: Path, error: OSError) -> str:
    if error.errno == errno.ENAMETOOLONG:
        return _("{path}: ชื่อเส้นทางยาวเกินกว่าที่ระบบรับได้ ใช้ชื่อโฟลเดอร์หรือไฟล์ที่สั้นลง").format(path=_shown(path))
    return _("เขียน {path} ไม่ได้ ({why}) ตรวจสิทธิ์การเข้าถึงโฟลเดอร์นั้น").format(path=_shown(path), why=error.strerror)


def _shown(path: Path) -> str:
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")
