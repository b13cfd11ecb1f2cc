"""The scan and placement of a big evidence tree, split over processes.

One Python process pays its interpreter on every file (a name, a size, a kilobyte read) and the
lock keeps threads from sharing that work; processes do share it. Each worker is forked with the
loaded pack already in memory, scans and places whole subtrees (the folders directly in the
evidence folder, handed out one at a time so a big one does not hold the others up), and sends
back plain tuples, marshalled (a dataclass costs several times more to pickle); a subtree that is
as it was at the last check sends what it sent then (contentcache.py). The parent merges them in the
order one process meets them, so the result is the same, byte for byte; where that order cannot be
rebuilt (two links in different subtrees to one file outside the evidence folder: only the first
counts), or a worker fails, the parent does it all again in one process.

Only where os.fork exists. Windows would spawn each worker as a new interpreter that imports
itapack and loads the pack again before it reads a file; there, and for a small tree, or when
ITAPACK_JOBS=1, one process does it all.
"""

from __future__ import annotations

import contextlib
import copy
import marshal
import mmap
import os
import pickle
import select
import signal
import struct
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..pack.folder import Pack
from .match import Bucket, LookThrough, Placement
from .result import Evidence, Rejected, Stray
from .scan import Progress, Scan, ScanNote

if TYPE_CHECKING:
    from .contentcache import ContentCache

# Entries one level below the evidence folder's subfolders: below this, one process. Measured on
# 2 cores: two workers cost the example pack (83 such entries, 150 files) 16 ms more (23 → 39 ms)
# and save a third on 3,200 entries (3,900 files: 331 → 206 ms); even is near 400 files.
SMALL_TREE = 1000
_CAN_FORK = hasattr(os, "fork")
_TOKEN = 4  # bytes per subtree number handed to the workers
_TOKENS_PER_WRITE = 128  # 512 bytes: a pipe write that small is whole or not at all (POSIX PIPE_BUF)
_COUNTERS = struct.Struct("qq")  # each worker's folders and files so far, for the progress line
Subtree = tuple[str, str, str]  # os path, relative path, shown name: as Scan lists a folder


def jobs_wanted() -> int:
    """ITAPACK_JOBS if set, else the processors this process may run on."""
    wanted = os.environ.get("ITAPACK_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def scan_and_place(pack: Pack, progress: Progress | None = None, jobs: int | None = None) -> tuple[Scan, Placement]:
    scan = Scan(pack.evidence_root, pack.root, progress=progress)
    placement = Placement(pack)
    if not scan.found:
        placement.finish(scan)
        return scan, placement
    root, subtrees = scan.read_root()
    placement.take((root,))  # the evidence folder's own files: placed here, before any fork
    workers = min(jobs or jobs_wanted(), len(subtrees))
    cache = _content_cache(scan, pack) if subtrees else None
    try:
        if workers > 1 and _CAN_FORK and _at_least(subtrees, SMALL_TREE):
            if not _in_workers(scan, placement, subtrees, workers, cache):
                # A worker failed, or the order cannot be rebuilt: start again, in one process (and
                # leave the cache as it was: close() below drops what was written of the new one)
                scan = Scan(pack.evidence_root, pack.root, progress=progress)
                placement = Placement(pack)
                placement.run(scan)
                return scan, placement
        elif cache is not None:
            _in_one_process(scan, placement, subtrees, cache)
        else:
            placement.take(scan.folders(subtrees))
        if cache is not None:
            cache.save()
    finally:
        if cache is not None:
            cache.close()
    placement.finish(scan)
    return scan, placement


def _content_cache(scan: Scan, pack: Pack) -> ContentCache | None:
    """A small tree uses it too: the example's check, from its cache, starts 4% quicker (PDFs not
    opened again), and the cache costs a tree of two files nothing measurable (benchmarks/)."""
    from .contentcache import ContentCache  # imported here: --help and a tree-less check need none of it

    return ContentCache.open(scan.evidence, pack)


def _at_least(subtrees: list[Subtree], entries: int) -> bool:
    """Are there that many entries one level down? Names only, and it stops as soon as there are."""
    seen = 0
    for os_path, _, _ in subtrees:
        if seen >= entries:
            break
        with contextlib.suppress(OSError), os.scandir(os_path) as listed:
            for _ in listed:
                seen += 1
                if seen >= entries:
                    break
    return seen >= entries


# --- the parent ------------------------------------------------------------------------------------


def _in_workers(
    scan: Scan, placement: Placement, subtrees: list[Subtree], workers: int, cache: ContentCache | None = None
) -> bool:
    """Every subtree scanned and placed by the workers, merged in order as it arrives (what waits
    is only what came early). False when a worker failed or two deltas would disagree: the scan
    and placement are then half merged, and only good for starting again."""
    counters = mmap.mmap(-1, _COUNTERS.size * workers)
    tokens_read, tokens_write = os.pipe()
    pids: list[int] = []
    readers: dict[int, bytearray] = {}
    deltas: dict[int, Any] = {}  # arrived, waiting for the ones before them
    merged = 0
    counted: set[str] = set()  # files outside the evidence folder counted through links so far
    before = scan.folders_read, scan.files  # the evidence folder's own
    try:
        for slot in range(workers):
            read, write = os.pipe()

            def work(read: int = read, write: int = write, slot: int = slot) -> None:
                os.close(read)
                os.close(tokens_write)
                for other in readers:
                    os.close(other)
                _work(scan, placement, subtrees, tokens_read, write, counters, slot, cache)

            pid = forked(work)
            pids.append(pid)
            os.close(write)
            readers[read] = bytearray()
        os.close(tokens_read)
        pending = b"".join(index.to_bytes(_TOKEN, "little") for index in range(len(subtrees)))
        os.set_blocking(tokens_write, False)
        writing = True
        while readers or writing:
            if writing and not pending:
                os.close(tokens_write)
                writing = False
                continue
            readable, writable, _ = select.select(list(readers), [tokens_write] if writing else [], [], 0.2)
            if writable:
                try:
                    pending = pending[os.write(tokens_write, pending[: _TOKEN * _TOKENS_PER_WRITE]) :]
                except BlockingIOError:
                    pass
                except BrokenPipeError:  # every worker is gone; their exit codes say why
                    pending = b""
            for fd in readable:
                data = os.read(fd, 1 << 20)
                if not data:
                    os.close(fd)
                    if readers.pop(fd):
                        return False  # a worker stopped mid-message
                    continue
                readers[fd] += data
                _unframe(readers[fd], deltas)
            while merged in deltas:
                placed, verdicts, digest = deltas.pop(merged)
                delta = marshal.loads(placed)
                if not counted.isdisjoint(delta[-1]):
                    return False  # two links to one file, in subtrees two workers read: only the first counts
                counted |= delta[-1]
                _merge(scan, placement, delta)
                if cache is not None:
                    cache.keep(subtrees[merged][1], verdicts, None if digest is None else (digest, placed))
                merged += 1
            _report(scan.progress, before, counters, workers)
    finally:
        if writing:
            os.close(tokens_write)
        for fd in readers:
            os.close(fd)
        failed = reap(pids, kill=bool(readers) or writing)
        counters.close()
    return not failed and merged == len(subtrees)


def _unframe(buffer: bytearray, deltas: dict[int, Any]) -> None:
    """Whole messages off the front of what a worker sent: 8 bytes of length, then a pickle."""
    while len(buffer) >= 8:
        size = int.from_bytes(buffer[:8], "little")
        if len(buffer) < 8 + size:
            return
        index, *message = pickle.loads(memoryview(buffer)[8 : 8 + size])
        deltas[index] = tuple(message)
        del buffer[: 8 + size]


def _report(progress: Progress | None, before: tuple[int, int], counters: mmap.mmap, workers: int) -> None:
    if progress is None:
        return
    folders, files = before
    for slot in range(workers):
        more_folders, more_files = _COUNTERS.unpack_from(counters, slot * _COUNTERS.size)
        folders += more_folders
        files += more_files
    progress(folders, files)


def forked(work: Callable[[], None]) -> int:
    """A child process that runs work and exits (70 when work raised): it never returns, never runs
    the parent's clean-up, and stops at Ctrl-C, which reaches the whole process group, without a
    word (the parent says it once). The check's workers and the bundle's copier are made by it."""
    pid = os.fork()
    if pid == 0:
        code = 70
        try:
            for name in ("SIGINT", "SIGTERM"):
                signum = getattr(signal, name, None)
                if signum is not None and signal.getsignal(signum) is not signal.SIG_IGN:  # ignored stays ignored
                    signal.signal(signum, signal.SIG_DFL)
            work()
            code = 0
        finally:
            os._exit(code)
    return pid


def reap(pids: list[int], *, kill: bool) -> bool:
    """Wait for every worker (killed first when the parent is leaving early); True if one failed.
    The bundle's copier is reaped by it too."""
    failed = False
    for pid in pids:
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        while True:
            try:
                _, status = os.waitpid(pid, 0)
            except ChildProcessError:
                failed = True
                break
            except InterruptedError:
                continue
            failed |= os.waitstatus_to_exitcode(status) != 0
            break
    return failed


def _merge(scan: Scan, placement: Placement, delta: Any) -> None:
    buckets, strays, notes, looking, homes, ignored, files, folders, linked = delta
    target = placement.buckets
    documents, units = list(placement.per_unit), list(placement.unit_kinds)
    for document, unit, evidence, rejected, folder, unreadable in buckets:
        # The pack's own id strings, not 330,000 unpickled copies of them
        slot = (documents[document], None if unit < 0 else units[unit])
        bucket: Bucket = target[slot]
        if len(evidence) == 3 and bucket.evidence is None:  # most: one file, in a bucket new to it
            bucket.evidence = tuple.__new__(Evidence, evidence)
        else:
            parts = iter(evidence)
            for item in zip(parts, parts, parts, strict=True):  # zip reuses its tuple: no garbage per file
                bucket.add(tuple.__new__(Evidence, item))
        for item in rejected:
            bucket.reject(tuple.__new__(Rejected, item))
        if folder is not None:
            if bucket.folder is None:
                bucket.folder = folder
            else:
                bucket.add_folder(folder)
        bucket.unreadable |= unreadable
    placement.strays += [Stray(*stray) for stray in strays]
    for path, name, document, waiting in looking:
        placement.looking[path] = LookThrough(name, document, [Stray(*stray) for stray in waiting])
    for unit, folder in homes:
        placement.add_home(unit, folder)  # the shallowest wins, whatever order the subtrees come in
    scan.notes += [ScanNote(*note) for note in notes]
    scan.ignored += ignored
    scan.files += files
    scan.folders_read += folders
    scan.linked |= linked


# --- a worker --------------------------------------------------------------------------------------


def _work(
    scan: Scan,
    placement: Placement,
    subtrees: list[Subtree],
    tokens: int,
    out: int,
    counters: mmap.mmap,
    slot: int,
    cache: ContentCache | None,
) -> None:
    scan.folders_read = scan.files = 0

    def progress(folders: int, files: int) -> None:
        _COUNTERS.pack_into(counters, slot * _COUNTERS.size, folders, files)

    scan.progress = progress
    alone = _Alone(scan, placement, cache)
    with os.fdopen(out, "wb", buffering=1 << 20) as stream:
        while token := os.read(tokens, _TOKEN):
            index = int.from_bytes(token, "little")
            data = pickle.dumps((index, *alone.subtree(subtrees[index])), protocol=pickle.HIGHEST_PROTOCOL)
            stream.write(len(data).to_bytes(8, "little"))
            stream.write(data)


# --- one subtree alone, in a worker or, with the content cache, in the one process -------------------


def _in_one_process(scan: Scan, placement: Placement, subtrees: list[Subtree], cache: ContentCache) -> None:
    """What the workers do, one subtree after another, merged as the parent merges theirs: so the
    cached placements serve one process too. The subtrees are placed by a copy of the scan (its
    notes and counts start afresh for each; the names and links seen are shared) and a placement
    of their own."""
    helper = copy.copy(scan)
    alone = _Alone(helper, Placement(placement.pack), cache, root_slots=placement.slots.get("", ()))
    for subtree in subtrees:  # the same order as all at once: depth first, one after another
        placed, verdicts, digest = alone.subtree(subtree)
        _merge(scan, placement, marshal.loads(placed))
        helper.files, helper.folders_read = scan.files, scan.folders_read
        cache.keep(subtree[1], verdicts, None if digest is None else (digest, placed))


class _Alone:
    """Places one subtree at a time on its own, and says what it adds as plain data; or, when the
    subtree is as it was at the last check, says what it said then."""

    def __init__(
        self, scan: Scan, placement: Placement, cache: ContentCache | None, root_slots: tuple[Any, ...] | None = None
    ) -> None:
        self.scan = scan
        self.placement = placement
        self.cache = cache
        self.root_slots = placement.slots.get("", ()) if root_slots is None else root_slots
        # Slots travel as positions in the pack's lists, the same in parent and worker (forked)
        self.documents = {document: number for number, document in enumerate(placement.per_unit)}
        self.units = {unit: number for number, unit in enumerate(placement.unit_kinds)}

    def subtree(self, subtree: Subtree) -> tuple[bytes, bytes, str | None]:
        """(its placement, marshalled; its content verdicts; the digest to keep them under, if any)"""
        scan, cache = self.scan, self.cache
        os_path, name, _ = subtree
        keep_as = None  # the digest to keep this placement under: only that of a settled subtree
        if cache is not None and (walked := cache.walk(os_path)) is not None:
            placed = cache.placement(name, walked.digest)
            if placed is not None:  # as it was at the last check, and so is its placement
                scan.folders_read += walked.folders
                scan.files += walked.files
                if scan.progress is not None:
                    scan.progress(scan.folders_read, scan.files)
                return placed, cache.verdicts(name), walked.digest
            keep_as = walked.digest if walked.newest <= cache.settled else None
        scan.remembered = None if cache is None else cache.subtree(name)
        placed = marshal.dumps(_place(scan, self.placement, subtree, self.root_slots, self.documents, self.units))
        verdicts = b"" if scan.remembered is None else scan.remembered.block()
        scan.remembered = None
        return placed, verdicts, keep_as


def _place(
    scan: Scan,
    placement: Placement,
    subtree: Subtree,
    root_slots: tuple[Any, ...],
    documents: dict[str, int],
    units: dict[str, int],
) -> tuple[Any, ...]:
    """What one subtree adds, alone, as plain data: the accumulators start empty again."""
    placement.buckets = defaultdict(Bucket)
    placement.strays = []
    placement.looking = {}
    placement.homes = {}
    placement.slots = {"": root_slots}
    placement.unit_of = {}
    placement.key_paths = {}
    scan.notes = []
    scan.ignored = 0
    files, folders, linked = scan.files, scan.folders_read, set(scan.linked)
    placement.take(scan.folders([subtree]))
    return (
        [
            (
                documents[document],
                -1 if unit is None else units[unit],
                [part for item in b.files for part in item],  # folder, name, size, folder, ...
                [tuple(r) for r in b.rejected or ()],
                b.folder,
                b.unreadable,
            )
            for (document, unit), b in placement.buckets.items()
        ],
        [_stray(s) for s in placement.strays],
        [(note.path, note.what) for note in scan.notes],
        [(path, w.name, w.document, [_stray(s) for s in w.files]) for path, w in placement.looking.items()],
        list(placement.homes.items()),
        scan.ignored,
        scan.files - files,
        scan.folders_read - folders,
        scan.linked - linked,
    )


def _stray(stray: Stray) -> tuple[str, str, str, str]:
    return stray.path, stray.reason, stray.hint, stray.document
