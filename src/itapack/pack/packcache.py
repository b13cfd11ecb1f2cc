"""A loaded pack remembered between runs: a check of a pack whose files did not change skips the
YAML and the validation.

Loading the example pack imports PyYAML (about 10 ms), builds pydantic's validators (4 ms), reads,
validates and cross-checks three files (5 ms): a tenth of a small check's start, 1.6 s of a
national one. What comes out, the Pack with its warnings, depends on nothing but what the key
holds (key()):

- the text of each of the pack's files, and which files there are;
- the path the pack was named by (every message and the Pack itself show it);
- the language of the messages (the warnings are kept in words);
- the code that reads, validates and cross-checks: itapack's version, the size and modification
  time of every module of pack/, of errors.py and of i18n/ (the English catalogue), as Python
  itself tells a stale .pyc from its source (reading them all would cost a millisecond a run),
  pydantic's version and Python's.

The Pack is kept pickled, with its key, in one file per pack folder in the user's cache folder,
and taken back only under the same key. A pack with a problem is never kept: every message about
a pack's files comes from a full load. A remembered file that cannot be read, is spoiled, or is
not the user's own (anyone else who could write it could run code as the user when it is
unpickled) is passed over, and the pack loaded as without it. ITAPACK_NO_CACHE=1 turns it off;
rollover (keep_sources, the YAML's nodes) never uses it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..userdirs import cache_folder

if TYPE_CHECKING:
    from .folder import Pack

FOLDER = "packs"
MAGIC = b"itapack-pack 1\n"
_KEY = 16  # bytes of the digest


def key(root: Path, texts: dict[str, str]) -> bytes | None:
    """The digest of everything a loaded pack depends on; None when nothing may be remembered
    (turned off, or itapack's source cannot be seen: a frozen build)."""
    if os.environ.get("ITAPACK_NO_CACHE", "").strip() not in ("", "0"):  # as the content cache reads it
        return None
    code = _code()
    if code is None:
        return None
    from pydantic.version import VERSION

    from ..i18n import language

    digest = hashlib.blake2b(digest_size=_KEY)
    digest.update(f"{__version__}\0{VERSION}\0{sys.version}\0{code}\0{language()}\0".encode())
    digest.update(os.fsencode(str(root)) + b"\0")
    for name, text in texts.items():
        digest.update(f"{name}\0{len(text)}\0{text}\0".encode("utf-8", "surrogatepass"))
    return digest.digest()


def _code() -> str | None:
    """Size and modification time of each module that reads, validates or words a pack."""
    here = Path(__file__).parent
    package = here.parent
    parts = []
    try:
        for folder in (here, package / "i18n"):
            with os.scandir(folder) as entries:
                files = sorted((e.name, e.stat()) for e in entries if e.name.endswith((".py", ".po")))
            parts += [f"{folder.name}/{name}:{found.st_size}:{found.st_mtime_ns}" for name, found in files]
        found = os.stat(package / "errors.py")
        parts.append(f"errors.py:{found.st_size}:{found.st_mtime_ns}")
    except OSError:
        return None
    return "|".join(parts)


def _file(root: Path) -> Path:
    """One file per pack folder: a changed pack replaces what was kept of it."""
    where = hashlib.blake2b(os.fsencode(os.path.abspath(root)), digest_size=16).hexdigest()
    return cache_folder() / FOLDER / f"{where}.pickle"


def recall(root: Path, digest: bytes) -> Pack | None:
    """The pack kept under this key, or None."""
    try:
        with open(_file(root), "rb") as stream:
            if not _own(stream.fileno()):
                return None
            kept = stream.read()
    except (OSError, ValueError):
        return None
    head = len(MAGIC) + _KEY
    if kept[: len(MAGIC)] != MAGIC or kept[len(MAGIC) : head] != digest:
        return None
    try:
        pack = pickle.loads(memoryview(kept)[head:])
    except Exception:  # spoiled, or of classes since changed: load the pack afresh
        return None
    from .folder import Pack

    return pack if type(pack) is Pack else None


def _own(handle: int) -> bool:
    """Written by this user, and by no one else: owned by them, writable by no group or other."""
    if not hasattr(os, "geteuid"):  # Windows: the cache folder is in the user's own profile
        return True
    status = os.fstat(handle)
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


def keep(root: Path, digest: bytes, pack: Pack) -> None:
    """Remember a freshly loaded pack under its key; any failure leaves nothing behind."""
    target = _file(root)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        data = pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(MAGIC + digest)
            stream.write(data)
        os.replace(partial, target)
    except Exception:  # a read-only or full disk, an unpicklable value: the check goes on without
        with contextlib.suppress(OSError):
            partial.unlink()
