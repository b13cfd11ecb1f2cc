"""Where `check --output FILE` may write, and how: render's rules for a single file.

- Never a pack file (pack.yaml, levels.yaml, units.yaml) and never inside the evidence folder.
- Never over a file itapack did not write, unless --force. Its own earlier outputs are known by
  their content: JSON that starts `{"format":"itapack-check"`, JUnit whose root is
  `<testsuites name="itapack check"`, and text whose last line is the verdict
  (`ผ่านระดับ N จาก M (เป้าหมายระดับ T) — …`, or a checklist's `ครบ N จาก M รายการ คะแนน …`).
  An empty file holds nothing to lose.
- A character device or a named pipe (/dev/null, /dev/stdout, a FIFO a job reads from) is written
  to as a stream; a pipe that nobody reads is refused at once, not waited on. A regular file is
  written atomically. A link is followed: its target is replaced and the link stays. Sockets,
  block devices and folders are refused. The rules themselves are safety.py's, as for every output.

All is decided before the (possibly long) check runs, so a refusal costs nothing.
"""

from __future__ import annotations

import contextlib
import functools
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import fence, i18n, safety
from ..pack.folder import Pack

_PEEK = 4096
_JSON = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"format"\s*:\s*"itapack-check"')
_JUNIT = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?<testsuites name="itapack check"')


@dataclass(frozen=True)
class Output:
    path: Path  # where the bytes go: a link's target, or the stream as named
    stream: bool  # a device or a pipe: written as it is, not replaced
    force: bool = False

    @contextlib.contextmanager
    def open(self) -> Iterator[TextIO]:
        # the same rules again at the write: the file may have changed while the check ran
        with safety.writing(self.path, streams=self.stream, force=self.force, ours=is_own_output) as stream:
            yield stream


def plan(path: Path, pack: Pack, *, force: bool) -> Output:
    """Where --output FILE goes, or an OutputError saying why not and what to do."""
    fence.protect(pack)
    target = safety.check_target(path, force=force, ours=is_own_output, streams=True)
    return Output(target.path, stream=target.stream, force=force)


def is_own_output(path: Path) -> bool:
    """Did an earlier `itapack check --output` write this file (or is it empty)?"""
    read = safety.ends(path, _PEEK)
    if read is None:
        return False
    head, tail = read
    if not head or _JSON.match(head) or _JUNIT.match(head):
        return True
    if head.startswith(b"PK\x03\x04"):  # --format xlsx: the tracking workbook
        from .report import is_own_office_file

        return is_own_office_file(path)
    lines = [line for line in tail.decode("utf-8", "replace").splitlines() if line.strip()]
    return bool(lines) and bool(_verdict().match(lines[-1]))


@functools.cache
def _verdict() -> re.Pattern[str]:
    """The last line of check's text output, in any language it speaks: the verdict's templates
    with each {number} as digits, so a reworded verdict is still recognised."""
    from .wording import CHECKLIST_VERDICT, LADDER_VERDICT

    def pattern(template: str) -> str:
        parts = string.Formatter().parse(template)
        return "".join(re.escape(text) + (r"[\d.,]+" if field is not None else "") for text, field, _, _ in parts)

    texts = [text for message in (LADDER_VERDICT, CHECKLIST_VERDICT) for text in i18n.in_every_language(message)]
    return re.compile(r"^(?:[✓✗] )?(?:" + "|".join(map(pattern, texts)) + ") — ")
