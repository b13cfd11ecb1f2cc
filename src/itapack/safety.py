"""The one way itapack writes a file. Every command's outputs, logs and stores go through here.

The promises, in the order they are checked, before a byte is written:
- never anything of a pack loaded in this run (fenced): its YAML files, and its evidence tree
  unless the caller files evidence on purpose (intake); --force never lifts this;
- never a folder, named pipe, socket or device: the target is looked at with lstat/stat first, and
  never opened. Only the two single-stream outputs (check -o, links -o) may name a pipe or a
  character device on purpose, and those are opened non-blocking: a pipe nobody reads is refused
  at once instead of waiting for ever;
- never over a file itapack did not write, unless --force; and with --force only a regular file;
- the bytes go to a temporary file in the same folder, are fsynced, then renamed over the name:
  the file appears whole or not at all. Ctrl-C and SIGTERM (entry.py raises Stopped) unwind
  through here and take the temporary file with them.

Reading is checked here too: open_checked() reads a file only if it is still the file that was
planned (no link swapped in since), open_within() only if its link leads inside a given folder, and
check_input() looks at a file named to be read before it is opened.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from .errors import OutputError
from .fence import fences
from .fence import key as _key
from .i18n import N_, _

T = TypeVar("T")

# Names for the process's own streams: written to as they are, whatever they lead to.
OWN_STREAMS = re.compile(r"\A/(?:dev/(?:stdout|stderr|fd/\d+)|proc/self/fd/\d+)\Z")
O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX; Windows opens no symbolic links by surprise
O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
NOT_OURS = N_(
    "{path} มีอยู่แล้ว และไม่ใช่ไฟล์ที่ itapack เขียนไว้ หรือมีคนแก้ไขหลังจากนั้น จะไม่เขียนทับ "
    "ย้ายไฟล์นั้นออก เลือกชื่ออื่น หรือใช้ --force ถ้าต้องการเขียนทับจริง"
)
NOT_A_FOLDER = N_("เขียนลงใน {folder} ไม่ได้ เพราะเป็นไฟล์ ไม่ใช่โฟลเดอร์ (หรือเป็นท่อส่งข้อมูลหรืออุปกรณ์) ระบุโฟลเดอร์ หรือชื่อโฟลเดอร์ใหม่")


# --- the fence: what no output may touch -------------------------------------------------------


def refuse_fenced(path: Path, *, into_evidence: bool = False, editing_pack: bool = False) -> None:
    """OutputError when path (through links, in any letter case on Windows) is a loaded pack's own
    YAML file (unless editing_pack: scores --import storing its results), or lies in its evidence
    tree (unless into_evidence: intake filing a file)."""
    target = _key(os.path.realpath(path))
    for fence in fences():
        if target in fence.yaml_files and not editing_pack:
            raise OutputError(
                _("{path} เป็นไฟล์ของชุดเอกสาร จะไม่เขียนทับ (แม้ใช้ --force) เลือกชื่อไฟล์อื่นนอกชุดเอกสาร").format(path=shown(path))
            )
        inside = target == fence.evidence or target.startswith(fence.evidence.rstrip(os.sep) + os.sep)
        if inside and not into_evidence:
            raise OutputError(
                _("{path} อยู่ในโฟลเดอร์หลักฐาน {evidence}/ ซึ่ง itapack ไม่เขียนลงไป เลือกที่อื่น เช่น reports/").format(
                    path=shown(path), evidence=fence.evidence_shown
                )
            )


# --- what the target is ------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    path: Path  # where the bytes go: a link's target, or the stream as named
    exists: bool
    stream: bool  # a pipe or character device, written as it is (only when streams are allowed)


def look(path: Path, *, streams: bool = False) -> Target:
    """What path is, without opening it: a new name, a regular file, or (when streams) a pipe or
    character device. Anything else is an OutputError saying what to do."""
    if streams and OWN_STREAMS.match(os.path.abspath(path)):
        return Target(path, exists=True, stream=True)
    try:
        mode: int | None = os.stat(path).st_mode  # follows a link: its target is what is written
    except (FileNotFoundError, NotADirectoryError):
        mode = None  # new, or a dangling link (its target will be made)
    except OSError as error:
        raise OutputError(cannot(path, error)) from None
    except ValueError:
        raise OutputError(_("{path}: ชื่อไฟล์มีอักขระ NUL ใช้ชื่ออื่น").format(path=shown(path))) from None
    if mode is None:
        return Target(Path(os.path.realpath(path)), exists=False, stream=False)
    if stat.S_ISDIR(mode):
        raise OutputError(_("{path} เป็นโฟลเดอร์ ระบุชื่อไฟล์ในโฟลเดอร์นั้นแทน").format(path=shown(path)))
    if streams and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        return Target(path, exists=True, stream=True)
    if not stat.S_ISREG(mode):
        raise OutputError(
            _("{path} ไม่ใช่ไฟล์ธรรมดา ({kind}) itapack ไม่เขียนลงไป เลือกชื่อไฟล์ธรรมดา").format(
                path=shown(path), kind=kind_of(mode)
            )
        )
    return Target(Path(os.path.realpath(path)), exists=True, stream=False)


def kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("ท่อส่งข้อมูล (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("ซ็อกเก็ต")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("อุปกรณ์")
    if stat.S_ISDIR(mode):
        return _("โฟลเดอร์")
    return _("ไม่ใช่ไฟล์ธรรมดา")


def ends(path: Path, size: int = 4096) -> tuple[bytes, bytes] | None:
    """A file's first and last size bytes, for knowing an earlier output by its content (the
    ours= functions); None when it cannot be read. Only called once look() has seen a regular file."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(size)
            end = os.fstat(stream.fileno()).st_size
            if end <= len(head):
                return head, head
            stream.seek(max(0, end - size))
            return head, stream.read(size)
    except OSError:
        return None


def REPLACE(path: Path) -> bool:
    """ours= for a caller that replaces what is there on purpose: a file of its own staging
    folder, the pack file it edits, a log of its own run."""
    return True


def check_target(
    path: Path,
    *,
    force: bool = False,
    ours: Callable[[Path], bool] | None = None,
    streams: bool = False,
    into_evidence: bool = False,
    editing_pack: bool = False,
) -> Target:
    """Every refusal, decided before any work: call it early so a refusal costs nothing.

    ours: how to know a file itapack wrote; an existing file it does not know is kept unless
    force. None knows no file: whatever is there is kept unless force. A caller that replaces on
    purpose (its own staging folder, the pack file it edits) says so with ours=REPLACE."""
    target = look(path, streams=streams)
    if target.stream:
        return target
    for name in (path, target.path):
        refuse_fenced(name, into_evidence=into_evidence, editing_pack=editing_pack)
    if target.exists and not force and (ours is None or not ours(target.path)):
        raise OutputError(_(NOT_OURS).format(path=shown(path)))
    return target


# --- writing -----------------------------------------------------------------------------------


@contextlib.contextmanager
def writing(
    path: Path,
    *,
    text: bool = True,
    force: bool = False,
    ours: Callable[[Path], bool] | None = None,
    streams: bool = False,
    into_evidence: bool = False,
    editing_pack: bool = False,
    finish: Callable[[IO[bytes]], None] | None = None,
) -> Iterator[IO[Any]]:
    """A stream to write path through: the file appears whole when the block ends, or not at all.
    finish: called with the written file (binary, readable) before it takes path's place, to add
    what can only be known once the rest is written (an Office file's seal)."""
    target = check_target(
        path, force=force, ours=ours, streams=streams, into_evidence=into_evidence, editing_pack=editing_pack
    )
    if target.stream:
        with _open_stream(target.path, text=text) as stream:
            yield stream
        return
    path = target.path
    make_folder(path.parent)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:100]}.", suffix=".part")
    except OSError as error:
        raise OutputError(cannot(path, error)) from None
    try:
        os.chmod(temporary, _mode_for(path))  # mkstemp makes 0600; a report is an ordinary file
        mode = {"mode": "w", "encoding": "utf-8", "newline": ""} if text else {"mode": "w+b" if finish else "wb"}
        with os.fdopen(handle, **mode) as stream:
            yield stream
            if finish is not None and not text:
                finish(stream)
            stream.flush()
            os.fsync(stream.fileno())
        look(path)  # the name may have become a pipe or a folder while the work ran
        os.replace(temporary, path)
        _sync_folder(path.parent)
    except BaseException as error:  # Ctrl-C and SIGTERM included: the old file stays, the part goes
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(cannot(path, error)) from None
        raise


@contextlib.contextmanager
def _open_stream(path: Path, *, text: bool) -> Iterator[IO[Any]]:
    """A pipe or device, opened so that it cannot hang: a pipe with no reader fails at once."""
    try:
        # O_TRUNC as open(path, "w") has it: /dev/stdout redirected to a file starts that file afresh.
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC | O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OutputError(
                _("{path} เป็นท่อส่งข้อมูลที่ยังไม่มีโปรแกรมใดอ่าน จึงไม่เขียน เปิดโปรแกรมที่อ่านก่อน หรือเลือกไฟล์ธรรมดา").format(
                    path=shown(path)
                )
            ) from None
        raise OutputError(cannot(path, error)) from None
    mode = os.fstat(fd).st_mode
    own = OWN_STREAMS.match(os.path.abspath(path))  # stdout redirected to a file is written as it is
    if not (own or stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):  # swapped since it was looked at
        os.close(fd)
        raise OutputError(_("{path} เปลี่ยนไประหว่างการทำงาน สั่งใหม่อีกครั้ง").format(path=shown(path)))
    if O_NONBLOCK and not stat.S_ISREG(mode):
        import fcntl  # POSIX only, as O_NONBLOCK is

        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~O_NONBLOCK)  # now write as usual
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") if text else os.fdopen(fd, "wb") as stream:
            yield stream
    except OSError as error:
        raise OutputError(
            _("เขียน {path} ไม่ได้ ({why}) ตรวจว่าปลายทางยังเปิดรับอยู่").format(path=shown(path), why=error.strerror)
        ) from None


@contextlib.contextmanager
def appending(path: Path, **rules: Any) -> Iterator[IO[str]]:
    """A log that grows line by line (intake's journal): the same refusals as writing(), then the
    file is opened for appending, never through a link, and must be a regular file once open."""
    target = check_target(path, **rules)
    make_folder(target.path.parent)
    try:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_BINARY
        fd = os.open(target.path, flags, 0o666)
    except OSError as error:
        raise OutputError(cannot(path, error)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OutputError(_("{path} เปลี่ยนไประหว่างการทำงาน สั่งใหม่อีกครั้ง").format(path=shown(path)))
    try:
        with os.fdopen(fd, "a", encoding="utf-8", newline="") as stream:
            yield stream
    except OSError as error:
        raise OutputError(cannot(path, error)) from None


def check_folder(folder: Path) -> None:
    """An output folder (--out DIR) before any work: new, or a folder; a file, pipe or device of
    that name, a name the system cannot take, or a place inside a pack's evidence (a pack this run
    has loaded: pack.loader.check_output_folder fences the packs around it first), is refused."""
    refuse_fenced(folder)
    try:
        mode = os.stat(folder).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # made when written; a file on the way there is refused then
    except OSError as error:
        raise OutputError(cannot(folder, error)) from None
    if not stat.S_ISDIR(mode):
        raise OutputError(_(NOT_A_FOLDER).format(folder=shown(folder)))


def make_folder(folder: Path) -> None:
    """The folder an output goes into, made if new; a file, pipe or device of that name is refused."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(_(NOT_A_FOLDER).format(folder=shown(_first_not_folder(folder)))) from None
    except OSError as error:
        raise OutputError(cannot(folder, error)) from None


def _first_not_folder(folder: Path) -> Path:
    for parent in (*reversed(folder.parents), folder):
        if parent.exists() and not parent.is_dir():
            return parent
    return folder


def write_new(target: Path, data: bytes, *, part_prefix: str, into_evidence: bool = False) -> Path:
    """Write data under target's name, or the first free "name (n).ext"; never over a file.
    The whole file is written and fsynced beside it first, then linked in: a name appears
    complete or not at all, and a stopped run leaves no part file (its name starts part_prefix, for
    the caller to clear what a killed run left)."""
    refuse_fenced(target, into_evidence=into_evidence)  # never a pack file; any other name taken is skipped below
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=part_prefix, suffix=".part")
    except OSError as error:
        raise OutputError(cannot(target.parent, error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        for number in range(1, 1000):
            candidate = target if number == 1 else target.with_name(f"{target.stem} ({number}){target.suffix}")
            try:
                os.link(temporary, candidate)
                return candidate
            except FileExistsError:
                continue
        raise OutputError(_("{path}: มีไฟล์ชื่อนี้แล้วนับพันไฟล์ ไม่ได้จัดเก็บ").format(path=target))
    except OSError as error:
        raise OutputError(_("เขียน {path} ไม่ได้: {reason}").format(path=target, reason=reason(error))) from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes, **rules: Any) -> None:
    with writing(path, text=False, **rules) as stream:
        stream.write(data)


def write_text(path: Path, text: str, **rules: Any) -> None:
    with writing(path, **rules) as stream:
        stream.write(text)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777  # keep what the file had
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)  # the only way to read it is to set it; set straight back
    os.umask(umask)
    return umask


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk (POSIX; Windows cannot open a folder to sync it)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def build_folder(target: Path, build: Callable[[Path], T]) -> T:
    """Make a new folder whole or not at all: build it beside target, then rename it into place.

    target must not exist, or be an empty folder; never inside a loaded pack's evidence.
    """
    refuse_fenced(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    except OSError as error:
        raise OutputError(cannot(target, error)) from None
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
            raise OutputError(cannot(target, error)) from None
        raise


# --- an input named on the command line ---------------------------------------------------------


def check_input(path: Path, option: str) -> None:
    """A file the user names to be read (bundle --verify ZIP, scores --import FILE) is a regular
    file, looked at before it is opened: a pipe would wait for ever, a device never ends."""
    from .errors import InputError

    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        missing = _("{option} {path}: ไม่มีไฟล์นี้ ตรวจชื่อและโฟลเดอร์")
        raise InputError(missing.format(option=option, path=shown(path))) from None
    except OSError as error:
        raise InputError(
            _("{option} {path}: อ่านไม่ได้ ({why})").format(option=option, path=shown(path), why=error.strerror)
        ) from None
    if not stat.S_ISREG(mode):
        raise InputError(
            _("{option} {path}: ไม่ใช่ไฟล์ธรรมดา ({kind}) ระบุไฟล์ที่จะอ่าน").format(
                option=option, path=shown(path), kind=kind_of(mode)
            )
        )


# --- reading a planned file --------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """A file as it was planned: what lstat said of it then."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Seen:
        info = os.lstat(path)
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)

    def matches(self, info: os.stat_result) -> bool:
        same_file = (info.st_dev, info.st_ino) == (self.device, self.inode) or not self.inode  # Windows may say 0
        unchanged = (info.st_size, info.st_mtime_ns) == (self.size, self.mtime_ns)
        return same_file and unchanged and stat.S_ISREG(info.st_mode)


class Changed(Exception):
    """The file is no longer the one planned: another file, a link, or new contents."""


@contextlib.contextmanager
def open_checked(path: Path, seen: Seen | None = None) -> Iterator[IO[bytes]]:
    """Open path for reading without following a link in its last part, and check the opened file
    against the plan: a regular file, the same one lstat saw (device, inode, size, mtime). A link
    swapped in between planning and reading raises Changed, never reads the file it points to."""
    try:
        fd = os.open(path, os.O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_BINARY)
    except OSError as error:
        if error.errno == errno.ELOOP:  # O_NOFOLLOW met a link
            raise Changed(path) from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or (seen is not None and not seen.matches(info)):
        os.close(fd)
        raise Changed(path)
    if not O_NOFOLLOW and os.path.islink(path):  # no O_NOFOLLOW: the name is looked at once more
        os.close(fd)
        raise Changed(path)
    with os.fdopen(fd, "rb") as stream:
        yield stream


@contextlib.contextmanager
def open_within(path: Path, root: Path) -> Iterator[IO[bytes]]:
    """Open path, which may be a link, once resolved: its real file must lie inside root, and the
    file opened must be that real file (no link swapped in after the resolving)."""
    real = Path(os.path.realpath(path))
    inside = _key(os.path.realpath(root))
    if not _key(str(real)).startswith(inside.rstrip(os.sep) + os.sep):
        raise Changed(path)
    with open_checked(real) as stream:
        yield stream


# --- messages ----------------------------------------------------------------------------------


def cannot(path: Path, error: OSError) -> str:
    if error.errno == errno.ENAMETOOLONG:
        return _("{path}: ชื่อเส้นทางยาวเกินกว่าที่ระบบรับได้ ใช้ชื่อโฟลเดอร์หรือไฟล์ที่สั้นลง").format(path=shown(path))
    if error.errno in (errno.EACCES, errno.EPERM) and os.path.lexists(path):
        # On Windows a file open in Word or Excel cannot be replaced: the usual cause, by far.
        return _(
            "เขียน {path} ไม่ได้ ({why}) ไฟล์นี้อาจเปิดอยู่ใน Word หรือ Excel: ปิดไฟล์แล้วสั่งใหม่ "
            "ถ้าไม่ได้เปิดอยู่ ตรวจสิทธิ์การเข้าถึง หรือเลือกที่อื่น"
        ).format(path=shown(path), why=reason(error))
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("เขียน {path} ไม่ได้ ({why}) ตรวจสิทธิ์การเข้าถึงโฟลเดอร์นั้น หรือเลือกที่อื่น").format(
            path=shown(path), why=reason(error)
        )
    return _("เขียน {path} ไม่ได้: {reason}").format(path=shown(path), reason=reason(error))


def reason(error: OSError) -> str:
    """Why the system refused, in the clerk's language for the usual cases; the system's own words
    otherwise."""
    said = {
        errno.EACCES: N_("ไม่มีสิทธิ์"),
        errno.EPERM: N_("ไม่ได้รับอนุญาต"),
        errno.EROFS: N_("ดิสก์นี้อ่านได้อย่างเดียว"),
        errno.ENOSPC: N_("ดิสก์เต็ม"),
        errno.EISDIR: N_("เป็นโฟลเดอร์"),
        errno.ENOENT: N_("ไม่พบโฟลเดอร์ปลายทาง"),
    }.get(error.errno or 0)
    return _(said) if said else (error.strerror or str(error))


def shown(path: Path | str) -> str:
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")
