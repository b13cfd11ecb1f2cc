"""intake's journal: what each --apply did, written as it goes, so that a run stopped half-way
(Ctrl-C, SIGTERM, a full disk, a crash) leaves a record of what went where.

Two files in the intake log folder (PACK/intake/ unless --log): journal.jsonl for programs, one JSON
object a line, and journal.csv with Thai headers for people (Excel reads it: UTF-8 with a BOM).
Each entry is flushed before the next step (with --move, which deletes sources, the JSONL is
fsynced too, so it survives a power cut): "begin" before a file is written, "done"
once it is in place (and its source removed, with --move), "skipped" or "changed" when it was not.
A "begin" with no "done" marks the file that was being handled when the run stopped; running the
same intake again finishes the work: what was filed is found by its SHA-256 and not filed twice.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import datetime
from pathlib import Path
from typing import IO

from .. import safety
from ..outputs import csvcells

JSONL_NAME = "journal.jsonl"
CSV_NAME = "journal.csv"
# Thai headers for the clerk who opens the CSV; the JSONL keeps English keys for programs.
FIELDS = ("when", "run", "step", "file", "destination", "sha256", "move", "note")
HEADERS_TH = ("เวลา", "รอบการจัดเก็บ", "ขั้นตอน", "ไฟล์ที่ส่งมา", "ปลายทาง", "SHA-256", "ย้ายไฟล์", "หมายเหตุ")
STEPS_TH = {"chosen": "เลือกเอง", "begin": "เริ่มจัดเก็บ", "done": "จัดเก็บแล้ว", "skipped": "ข้าม", "changed": "ข้าม: ไฟล์ถูกแก้ไข"}


class Journal:
    def __init__(self, folder: Path, *, move: bool) -> None:
        self.folder = folder
        self.move = move
        self.run = datetime.now().isoformat(timespec="seconds")
        self._files = contextlib.ExitStack()

    def __enter__(self) -> Journal:
        with contextlib.ExitStack() as opening:
            self._json = opening.enter_context(safety.appending(self.folder / JSONL_NAME, ours=is_own_journal))
            self._csv = opening.enter_context(safety.appending(self.folder / CSV_NAME, ours=is_own_journal))
            self._files = opening.pop_all()
        if self._csv.tell() == 0:
            self._csv.write("\ufeff")
            csvcells.writer(self._csv, lineterminator="\r\n").writerow(HEADERS_TH)
            _sync(self._csv)
        return self

    def __exit__(self, *exc: object) -> None:
        self._files.close()

    def note(self, step: str, file: str, destination: str = "", sha256: str = "", note: str = "") -> None:
        """One entry, on disk before this returns."""
        when = datetime.now().isoformat(timespec="seconds")
        row = {
            "when": when,
            "run": self.run,
            "step": step,
            "file": file,
            "destination": destination,
            "sha256": sha256,
            "move": self.move,
            "note": note,
        }
        self._json.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._json.flush()  # in the file even if the process is killed the next moment
        if self.move:  # a source is deleted on the strength of it: on the disk too, power cut or not
            os.fsync(self._json.fileno())
        shown = {**row, "step": STEPS_TH.get(step, step), "move": "ใช่" if self.move else "ไม่"}
        csvcells.writer(self._csv, lineterminator="\r\n").writerow([shown[field] for field in FIELDS])
        self._csv.flush()  # the people's copy: in the file if the process dies; the JSONL survives a power cut too


def _sync(stream: IO[str]) -> None:
    stream.flush()
    os.fsync(stream.fileno())


def is_own_journal(path: Path) -> bool:
    """A journal an earlier run began (or an empty file): a file of another name's making is not
    appended to. JSONL by its first entry's keys, the CSV by its Thai header."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(4096).decode("utf-8", "replace").lstrip("\ufeff")
    except OSError:
        return False
    if not head or head.startswith(",".join(HEADERS_TH)):
        return True
    try:
        first = json.loads(head.partition("\n")[0])
    except ValueError:
        return False
    return isinstance(first, dict) and {"run", "step", "file"} <= first.keys()
