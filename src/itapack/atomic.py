"""Writes that never leave half a file: write beside the target, then rename over it."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

from .errors import OutputError
from .i18n import _

T = TypeVar("T")


@contextmanager
def writing(path: Path, *, text: bool = True) -> Iterator[IO[Any]]:
    """A stream to write path through: the file appears whole when the block ends, or not at all."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise OutputError(_("เขียน {path} ไม่ได้: {reason}").format(path=path, reason=error.strerror)) from None
    try:
        os.chmod(temporary, _mode_for(path))  # mkstemp makes 0600; a report is an ordinary file
        mode = {"mode": "w", "encoding": "utf-8", "newline": ""} if text else {"mode": "wb"}
        with os.fdopen(handle, **mode) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:  # Ctrl-C included: the old file stays, the part goes
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(_("เขียน {path} ไม่ได้: {reason}").format(path=path, reason=error.strerror)) from None
        raise


def write_bytes(path: Path, data: bytes) -> None:
    with writing(path, text=False) as stream:
        stream.write(data)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777  # keep what the file had
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)  # the only way to read it is to set it; set straight back
    os.umask(umask)
    return umask


def write_text(path: Path, text: str) -> None:
    with writing(path) as stream:
        stream.write(text)


def build_folder(target: Path, build: Callable[[Path], T]) -> T:
    """Make a new folder whole or not at all: build it beside target, then rename it into place.

    target must not exist, or be an empty folder.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    except OSError as error:
        raise OutputError(_("เขียน {path} ไม่ได้: {reason}").format(path=target, reason=error.strerror)) from None
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes 0700: a pack is shared, like any new folder
        built = build(staging)
        if target.exists():
            target.rmdir()  # only ever an empty folder: rmdir refuses anything else
        staging.rename(target)
        return built
    except BaseException as error:  # Ctrl-C included: no half-made folder is left
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError) and not isinstance(error, FileNotFoundError):
            raise OutputError(_("เขียน {path} ไม่ได้: {reason}").format(path=target, reason=error.strerror)) from None
        raise
