"""A tree read by several processes gives the same result as one process, byte for byte.

The tree holds every hostile case the other tests build, spread over many subtrees of the
evidence folder so that each worker meets some: links in and out, loops, pipes, a socket,
unreadable folders, names that are not UTF-8 or hold control or direction characters, empty
files, HTML saved as PDF, document folders inside unit folders, unit-first folders that fill the
same requirement as a document-first one elsewhere, look-through folders, Thai digits and Thai
names throughout."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

from itapack.check import check
from itapack.evidence import parallel
from itapack.evidence.result import CheckResult
from itapack.outputs import jsonout
from itapack.pack.loader import load_pack

from ..conftest import COMPLETE, DOCX, HTML, JPG, PDF, write_pack

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")

TODAY = date(2024, 2, 1)

HOSTILE = {
    **COMPLETE,
    "ไฟล์นอกโฟลเดอร์.pdf": PDF,  # a file in the evidence folder itself
    "1.1 1.2 รวม.pdf": PDF,  # names two documents
    "Thumbs.db": b"junk",
    "๑.๒ รายงาน (เลขไทย)": {"รายงาน.pdf": PDF, "ว่าง.pdf": b"", "หน้าเว็บ.pdf": HTML, "~$ร่าง.docx": DOCX},
    "1.2 ไฟล์เสีย": {"ครึ่ง.pdf": PDF[:100], "ครึ่ง.docx": DOCX[:40], "ครึ่ง.jpg": JPG[:8]},  # broken
    "1.1 บันทึกข้อความ (สำเนา)": {"ภาพ.jpg": JPG, "ภาพ.pdf": JPG, "เอกสาร.exe": b"MZ\x90\x00"},
    "2.1 คำรับรอง ชุดสอง": {
        "อำเภอบางบ่อ": {"เทศบาลตำบลบางบ่อ": {"คำรับรอง.pdf": PDF, "ว่าง.pdf": b""}},  # a grouping folder
        "ไม่มีหน่วยนี้": {"คำรับรอง.pdf": PDF},  # leads to no unit
        "กลุ่มที่ไม่มีหน่วย": {"ย่อย": {"คำรับรอง.pdf": PDF}},
        "อบต.บางน้ำผึ้ง.pdf": PDF,  # a loose file named after its unit
        "สำนักงานจังหวัดทดสอบ": {"คำรับรอง.pdf": PDF},  # a unit that does not owe it
    },
    "รายงานแยกหน่วยงาน": {  # unit first: fills the same requirements as "2.1 คำรับรอง/…"
        "01 อบต.บางน้ำผึ้ง": {"2.1 คำรับรอง.pdf": PDF, "2.1 หน้าเว็บ.pdf": HTML, "9.9 ไม่มีข้อนี้.pdf": PDF},
        "เทศบาลตำบลบางบ่อ": {"2.1 คำรับรอง.docx": DOCX, "1.1 ของหน่วย.pdf": PDF},
    },
    "เอกสารอื่น": {"4,1 พิมพ์ผิด.pdf": PDF, "ไม่รู้ข้อ.pdf": PDF, "ซ้อน": {"1.2 ลึก": {"ลึก.pdf": PDF}}},
    "ว่างเปล่า": {},
    # Strays whose paths sort as equals (case, Thai digits): their order is the order they were met
    **{f"ไม่ระบุข้อ {tail}": {"x.pdf": PDF} for tail in ("A", "a", "๑", "1")},
    **{f"{n}.{m} ไม่มีในชุด {n}": {"x.pdf": PDF} for n in range(3, 6) for m in range(1, 4)},
}


def hostile_pack(root: Path, *, cross_links: bool) -> Path:
    pack = write_pack(root, evidence=HOSTILE)
    evidence = pack / "evidence"
    memo = evidence / "1.1 บันทึกข้อความ"
    outside = root.parent / f"{root.name}-outside"
    outside.mkdir()
    (outside / "ลับ.pdf").write_bytes(PDF)
    os.symlink(outside / "ลับ.pdf", memo / "ลิงก์ออกนอก.pdf")
    os.symlink(outside, evidence / "ทางลัดออกนอก")
    os.symlink(memo / "มอบหมายภารกิจ.pdf", evidence / "1.2 รายงานการประชุม" / "ลิงก์ใน.pdf")
    os.symlink(evidence, evidence / "2.1 คำรับรอง" / "วน")
    os.symlink("b", evidence / "a")
    os.symlink("a", evidence / "b")
    os.symlink("ไม่มี.pdf", evidence / "เอกสารอื่น" / "เสีย.pdf")
    (pack / "แนบ").mkdir()
    (pack / "แนบ" / "รายงาน.pdf").write_bytes(PDF)
    os.symlink(pack / "แนบ" / "รายงาน.pdf", evidence / "1.2 รายงานการประชุม" / "ลิงก์ 1.pdf")
    os.symlink(pack / "แนบ" / "รายงาน.pdf", evidence / "1.2 รายงานการประชุม" / "ลิงก์ 2.pdf")
    if cross_links:  # the same file through a link in another subtree: only the first counts
        os.symlink(pack / "แนบ" / "รายงาน.pdf", evidence / "๑.๒ รายงาน (เลขไทย)" / "ลิงก์ 3.pdf")
    os.mkfifo(memo / "ไปป์.pdf")
    os.mkfifo(pack / "pipe")
    os.symlink(pack / "pipe", evidence / "เอกสารอื่น" / "ลิงก์ไปป์.pdf")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(evidence / "เอกสารอื่น" / "s.pdf"))
    except OSError:  # too long for a socket address here
        pass
    finally:
        sock.close()
    raw = os.fsencode(memo)
    with open(os.path.join(raw, "บันทึก.pdf".encode("cp874")), "wb") as stream:
        stream.write(PDF)
    with open(os.path.join(raw, b"bad\xff\xfe.pdf"), "wb") as stream:
        stream.write(PDF)
    os.mkdir(os.path.join(os.fsencode(evidence), "อื่น".encode("cp874")))
    (memo / "ควบคุม\x07.pdf").write_bytes(PDF)
    (memo / "invoice\u202egpj.pdf").write_bytes(PDF)
    (memo / "มอบ\u200bหมาย.pdf").write_bytes(PDF)  # an invisible character: counted, with a notice
    locked = evidence / "2.1 คำรับรอง ชุดสอง" / "องค์การบริหารส่วนตำบลบางน้ำผึ้ง"
    locked.mkdir()
    (locked / "คำรับรอง.pdf").write_bytes(PDF)
    locked.chmod(0o000)  # unreadable, for anyone but root
    (evidence / "2.1 คำรับรอง" / "เทศบาลตำบลบางบ่อ" / "1.2 ซ้อนในหน่วย").mkdir()  # a document inside a unit
    (evidence / "2.1 คำรับรอง" / "เทศบาลตำบลบางบ่อ" / "1.2 ซ้อนในหน่วย" / "ซ้อน.pdf").write_bytes(PDF)
    return pack


def one_and_many(pack: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> tuple[CheckResult, CheckResult, list]:
    """The check in one process, then in jobs workers whatever the tree's size; and whether the
    workers' results were used (None: the parent started again alone)."""
    loaded = load_pack(pack)
    alone = check(loaded, today=TODAY, jobs=1)
    used: list = []
    real = parallel._in_workers

    def spied(*args: object) -> object:
        merged = real(*args)  # type: ignore[arg-type]
        used.append(merged)
        return merged

    monkeypatch.setattr(parallel, "SMALL_TREE", 0)
    monkeypatch.setattr(parallel, "_in_workers", spied)
    shared = check(loaded, today=TODAY, jobs=jobs)
    return alone, shared, used


@pytest.mark.parametrize("jobs", [2, 3, 64])
def test_workers_give_the_result_one_process_gives(tmp_path: Path, monkeypatch, jobs: int) -> None:
    base = Path(tempfile.mkdtemp(prefix="itapack-parallel-", dir=tmp_path))
    pack = hostile_pack(base / "pack", cross_links=False)
    try:
        alone, shared, used = one_and_many(pack, monkeypatch, jobs)
    finally:
        (pack / "evidence" / "2.1 คำรับรอง ชุดสอง" / "องค์การบริหารส่วนตำบลบางน้ำผึ้ง").chmod(0o755)
    assert used == [True]  # the workers' results, not a fallback
    assert shared == alone
    assert jsonout.dumps(shared) == jsonout.dumps(alone)
    # the tree really is hostile: these all showed up
    reasons = {s.reason for s in alone.strays}
    assert {"link-outside", "link-folder", "link-inside", "link-duplicate", "link-broken", "fifo"} <= reasons
    assert {"bad-name"} <= reasons
    assert {"unknown-unit", "unit-not-needed", "no-document"} <= reasons
    assert {s.reason for s in alone.notices} == {"invisible-character"}
    rejected = {r.reason for d in alone.documents for q in d.requirements for r in q.rejected}
    assert {"empty", "content", "type", "bad-name"} <= rejected
    assert alone.ignored >= 2 and alone.files_seen > 40


def test_links_to_one_file_from_two_subtrees_count_once_whoever_reads_them(tmp_path: Path, monkeypatch) -> None:
    """One worker reading both subtrees gets it right itself; two make the parent start again alone."""
    pack = hostile_pack(tmp_path / "pack", cross_links=True)
    try:
        alone, shared, used = one_and_many(pack, monkeypatch, 2)
    finally:
        (pack / "evidence" / "2.1 คำรับรอง ชุดสอง" / "องค์การบริหารส่วนตำบลบางน้ำผึ้ง").chmod(0o755)
    assert len(used) == 1
    assert jsonout.dumps(shared) == jsonout.dumps(alone)
    assert sum(s.reason == "link-duplicate" for s in alone.strays) == 2


def test_a_worker_that_dies_leaves_the_check_to_the_parent(tmp_path: Path, monkeypatch) -> None:
    pack = write_pack(tmp_path / "pack", evidence=HOSTILE)
    loaded = load_pack(pack)
    alone = check(loaded, today=TODAY, jobs=1)
    monkeypatch.setattr(parallel, "SMALL_TREE", 0)
    monkeypatch.setattr(parallel, "_work", lambda *args: os._exit(3))
    assert jsonout.dumps(check(loaded, today=TODAY, jobs=2)) == jsonout.dumps(alone)


def test_a_small_tree_is_read_in_one_process(tmp_path: Path, monkeypatch) -> None:
    pack = write_pack(tmp_path / "pack", evidence=HOSTILE)
    monkeypatch.setattr(parallel, "_in_workers", lambda *args: pytest.fail("forked for a small tree"))
    check(load_pack(pack), today=TODAY, jobs=2)


# The parent waits in its merge while the workers run: a signal lands mid-scan.
DRIVER = """
import sys, time
from itapack.evidence import parallel
parallel.SMALL_TREE = 0
real = parallel._merge
def slow(*args):
    print("ready", flush=True)
    time.sleep(30)
    return real(*args)
parallel._merge = slow
from itapack.entry import main
sys.argv = ["itapack", "check", sys.argv[1], "-f", "json"]
main()
"""


@pytest.mark.parametrize(
    ("signum", "group", "code"), [(signal.SIGINT, True, 130), (signal.SIGTERM, False, 143), (signal.SIGTERM, True, 143)]
)
def test_a_signal_mid_scan_stops_parent_and_workers(tmp_path: Path, signum: int, group: bool, code: int) -> None:
    """Ctrl-C reaches the whole process group, SIGTERM (a timeout) often the parent alone: either
    way one Thai line, the signal's exit code, and no worker left running."""
    pack = write_pack(tmp_path / "pack", evidence=HOSTILE)
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(pack)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "ITAPACK_JOBS": "2"},
        start_new_session=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == b"ready"
    workers = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert workers
    if group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    stderr = err.decode("utf-8")
    assert process.returncode == code
    assert stderr.startswith("itapack: ") and stderr.count("\n") == 1 and "Traceback" not in stderr
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid), 0)


def test_progress_is_reported_while_the_workers_read(tmp_path: Path, monkeypatch) -> None:
    pack = write_pack(tmp_path / "pack", evidence=HOSTILE)
    monkeypatch.setattr(parallel, "SMALL_TREE", 0)
    seen: list[tuple[int, int]] = []
    result = check(load_pack(pack), lambda folders, files: seen.append((folders, files)), today=TODAY, jobs=2)
    assert seen and seen == sorted(seen)
    assert seen[-1][1] <= result.files_seen
