"""One filing run per pack: intake --apply holds PACK/.itapack.lock while it runs.

The lock file is made with O_EXCL (only one run can make it; this works on Windows too) and holds
the pid, the host and the time of the run. It is stale, and taken over, when it is older than six
hours, or when it was made on this computer by a process that no longer runs (on Windows only the
age decides). A second run meanwhile is refused in Thai, exit 3.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..i18n import _
from ..safety import O_NOFOLLOW, Changed, cannot, open_checked, shown

LOCK_NAME = ".itapack.lock"
STALE_LOCK_SECONDS = 6 * 3600  # no intake runs this long: an older lock was left by a crash


class PackLock:
    """Held for a with block; the module's docstring gives the rules."""

    def __init__(self, root: Path) -> None:
        self.path = root / LOCK_NAME
        self.held = False

    def __enter__(self) -> PackLock:
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_NOFOLLOW, 0o644)
            except FileExistsError:
                if self._stale():
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
                    continue
                raise OutputError(self._busy()) from None
            except OSError as error:
                raise OutputError(cannot(self.path, error)) from None
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                json.dump({"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}, stream)
            self.held = True
            return self
        raise OutputError(self._busy())

    def __exit__(self, *exc: object) -> None:
        if self.held:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self.held = False

    def _holder(self) -> dict[str, Any]:
        try:
            with open_checked(self.path) as stream:
                found = json.loads(stream.read(4096).decode("utf-8"))
            return found if isinstance(found, dict) else {}
        except (OSError, Changed, ValueError):
            return {}

    def _stale(self) -> bool:
        holder = self._holder()
        since = holder.get("since")
        if not isinstance(since, (int, float)):
            with contextlib.suppress(OSError):
                since = os.lstat(self.path).st_mtime
        if not isinstance(since, (int, float)) or time.time() - since > STALE_LOCK_SECONDS:
            return True
        pid = holder.get("pid")
        return holder.get("host") == socket.gethostname() and isinstance(pid, int) and not _running(pid)

    def _busy(self) -> str:
        holder = self._holder()
        return _(
            "ชุดเอกสารนี้กำลังถูกจัดเก็บโดยอีกงานหนึ่ง (pid {pid} บนเครื่อง {host}) รอให้งานนั้นจบแล้วสั่งใหม่ "
            "ถ้าแน่ใจว่าไม่มีงานใดค้างอยู่ ลบไฟล์ {path}"
        ).format(pid=holder.get("pid", "?"), host=holder.get("host", "?"), path=shown(self.path))


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # no cheap check on Windows: the six-hour rule decides there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it runs, as another user
    return True
