"""Every command that writes, against the places a careless or unlucky user points it at: the
pack's own YAML (with and without --force), the evidence folder, a named pipe nobody reads, a
socket, /dev/null, a folder, someone else's file, a read-only folder, a path too long, and a signal
mid-write. Each case: a documented exit code (2 or 3, never 70), one Thai message, no traceback,
and the victim exactly as it was.

The commands come from ONE table, COMMANDS: a new command that writes joins it with one row and
is held to every case. `file` commands name one output file; `folder` commands an output folder
(the row says which file they write in it)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from itapack.cli import app

from .chase.conftest import CHASE_LEVELS, EVIDENCE
from .conftest import PDF, make_tree, write_pack
from .scores.conftest import MEASURES_PACK, MEASURES_SECTIONS
from .test_signals import DRIVER

pytestmark = pytest.mark.skipif(os.name != "posix", reason="named pipes, sockets and signals")
runner = CliRunner()


@dataclass(frozen=True)
class Command:
    name: str
    argv: Callable[[Path, Path, Path], list[str]]  # (pack, output, inbox) -> the command line
    writes: str  # "file": the option names a file; "folder": a folder the command writes `output` into
    output: str = ""  # the file a folder command writes there; for a file command, its name in the signal case
    streams: bool = False  # check -o and links -o write to a pipe that is read, or a character device (README)
    force: bool = True  # the command has --force
    pack: str = "chase"  # which of PACKS it runs on


COMMANDS = [
    Command("check", lambda pack, out, _: ["check", pack, "-f", "json", "-o", out], "file", streams=True),
    Command("links", lambda pack, out, _: ["links", pack, "--offline", "-f", "json", "-o", out], "file", streams=True),
    Command("export", lambda pack, out, _: ["export", pack, "--xlsx", out], "file"),
    Command(
        "render",
        lambda pack, out, _: ["render", pack, "-f", "html", "--out", out],
        "folder",
        "รายงาน ITA 2567.html",
    ),
    Command(
        "letters",
        lambda pack, out, _: ["letters", pack, "--date", "2567-02-01", "--out", out],
        "folder",
        "บันทึกติดตาม ITA 2567.docx",
    ),
    Command(
        "bundle",
        lambda pack, out, _: ["bundle", pack, "-f", "zip", "--no-reports", "--out", out],
        "folder",
        "ไฟล์นำส่ง ITA 2567.zip",
    ),
    Command(
        "intake",
        lambda pack, out, inbox: ["intake", pack, inbox, "--apply", "--log", out],
        "folder",
        "journal.jsonl",
        force=False,
    ),
    Command("rollover", lambda pack, out, _: ["rollover", pack, "--to", "2568", "--out", out], "folder", "pack.yaml"),
    Command("timeline --ics", lambda pack, out, _: ["timeline", pack, "--ics", out], "file"),
    Command(
        "units export", lambda pack, out, _: ["units", "export", pack, "-o", out], "file", "units.xlsx", force=False
    ),
    Command(
        "init",
        lambda pack, out, _: ["init", out, "--province", "ทดสอบ", "--fiscal-year", "2568"],
        "folder",
        "pack.yaml",
        force=False,
    ),
    Command(
        "scores --catalogue-template",
        lambda pack, out, _: ["scores", pack, "--catalogue-template", "2570", "-o", out],
        "file",
        "catalogue-2570.yaml",
        force=False,
    ),
    Command(
        "render --measures",
        lambda pack, out, _: ["render", pack, "--measures", "-f", "html", "--out", out],
        "folder",
        "o42-มาตรการ-2566.html",
        pack="measures",
    ),
]


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The packs the commands run on, and an inbox, shared by every case: a refused command
    changes nothing, and each case checks that."""
    root = tmp_path_factory.mktemp("hostile")
    make_tree(root / "ส่งมา", {"๑.๒ รายงานการประชุม.pdf": PDF + b"minutes"})
    return {
        "chase": write_pack(root / "ชุดเอกสาร", levels=CHASE_LEVELS, evidence=EVIDENCE),
        "measures": write_pack(
            root / "มาตรการ", pack=MEASURES_PACK, levels=MEASURES_SECTIONS, units=None, structure_file="sections.yaml"
        ),
        "inbox": root / "ส่งมา",
    }


_IMMUTABLE: list[Path] = []  # folders made immutable (chattr +i) by a case, made ordinary again after it


@pytest.fixture(autouse=True)
def _never_hangs() -> Iterator[None]:
    """A command that waits on a pipe fails the case instead of stopping the suite."""
    signal.alarm(60)
    yield
    signal.alarm(0)
    while _IMMUTABLE:
        subprocess.run(["chattr", "-i", str(_IMMUTABLE.pop())], capture_output=True, check=False)


def state(path: Path) -> object:
    """What a victim is: its bytes, its files, or its kind; compared before and after."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISREG(info.st_mode):
        return path.read_bytes()
    if stat.S_ISDIR(info.st_mode):
        return sorted((str(p.relative_to(path)), p.is_file() and p.read_bytes()) for p in path.rglob("*"))
    return stat.S_IFMT(info.st_mode)


# Each case: (pack, scratch folder, command) -> (the path given as output, the victim, extra options)
Case = Callable[[Path, Path, Command], tuple[Path, Path, list[str]]]


def pack_yaml(pack: Path, scratch: Path, command: Command) -> tuple[Path, Path, list[str]]:
    return pack / "pack.yaml", pack / "pack.yaml", []


def structure_forced(pack: Path, scratch: Path, command: Command) -> tuple[Path, Path, list[str]]:
    structure = next(pack / name for name in ("levels.yaml", "sections.yaml") if (pack / name).exists())
    return structure, structure, ["--force"] if command.force else []


def in_evidence(pack: Path, scratch: Path, command: Command) -> tuple[Path, Path, list[str]]:
    where = pack / "evidence" / ("ผลการตรวจ.json" if command.writes == "file" else "รายงาน")
    return where, pack / "evidence", ["--force"] if command.force else []


def make_fifo(scratch: Path) -> Path:
    os.mkfifo(scratch / "pipe")
    return scratch / "pipe"


def make_socket(scratch: Path) -> Path:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(scratch / "sock"))
    server.close()  # the name stays: a socket file nobody listens on
    return scratch / "sock"


def fifo(pack: Path, scratch: Path, command: Command) -> tuple[Path, Path, list[str]]:
    return make_fifo(scratch), scratch / "pipe", []


def fifo_at_the_name(pack: Path, scratch: Path, command: Command) -> tuple[Path, Path, list[str]]:
    if command.writes == "file":
        pytest.skip("a file command names the pipe itself: the fifo case")
    os.mkfifo(scratch / command.output)
    return scratch, scratch / command.output, ["--force"] if command.force else []


def a_socket(pack: Path, scratch: Path, command: Command) -> tuple[Path, Path, list[str]]:
    return make_socket(scratch), scratch / "sock", []


def dev_null(pack: Path, scratch: Path, command: Command) -> tuple[Path, Path, list[str]]:
    return Path("/dev/null"), Path("/dev/null"), []


def a_folder(pack: Path, scratch: Path, command: Command) -> tuple[Path, Path, list[str]]:
    if command.writes == "folder":
        pytest.skip("a folder is what a folder command asks for")
    make_tree(scratch / "reports", {"อื่น.txt": "ของคนอื่น"})
    return scratch / "reports", scratch / "reports", []


def foreign_file(pack: Path, scratch: Path, command: Command) -> tuple[Path, Path, list[str]]:
    victim = scratch / ("บันทึกของเจ้าหน้าที่.txt" if command.writes == "file" else command.output)
    victim.write_text("บันทึกของเจ้าหน้าที่ ห้ามหาย\n", encoding="utf-8")
    return (victim if command.writes == "file" else scratch), victim, []


def read_only_folder(pack: Path, scratch: Path, command: Command) -> tuple[Path, Path, list[str]]:
    folder = scratch / "อ่านอย่างเดียว"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root writes into a read-only folder: make it immutable instead
        made = (
            shutil.which("chattr")
            and subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        )
        if not made:
            pytest.skip("root, and no chattr +i here: a read-only folder cannot be made")
        _IMMUTABLE.append(folder)
    return folder / ("out.json" if command.writes == "file" else "out"), folder, []


def too_long(pack: Path, scratch: Path, command: Command) -> tuple[Path, Path, list[str]]:
    return scratch / ("ยาว" * 120), scratch, []


CASES: dict[str, Case] = {
    "pack.yaml": pack_yaml,
    "levels.yaml or sections.yaml, --force": structure_forced,
    "inside the evidence --force": in_evidence,
    "a pipe nobody reads": fifo,
    "a pipe at the output's name": fifo_at_the_name,
    "a socket": a_socket,
    "/dev/null": dev_null,
    "a folder": a_folder,
    "a file a person made": foreign_file,
    "a read-only folder": read_only_folder,
    "a path too long": too_long,
}


def thai(text: str) -> bool:
    return any("\u0e00" <= character <= "\u0e7f" for character in text)


def refused_in_thai(result: Result, codes: tuple[int, ...]) -> None:
    """A documented exit code, one "itapack: " line in Thai, and no traceback or internal error."""
    assert result.exit_code in codes, result.output
    assert "itapack: " in result.output and thai(result.output.split("itapack: ", 1)[1]), result.output
    assert "Traceback" not in result.output and "ข้อผิดพลาดภายใน" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_a_hostile_output_is_refused_and_the_victim_kept(
    packs: dict[str, Path], tmp_path: Path, command: Command, case: str
) -> None:
    pack, inbox = packs[command.pack], packs["inbox"]
    where, victim, options = CASES[case](pack, tmp_path, command)
    whole, before = state(pack), state(victim)
    result = runner.invoke(app, [*map(str, command.argv(pack, where, inbox)), *options])
    streamed = command.streams and case == "/dev/null"  # README: check -o and links -o stream to a device
    if streamed:
        assert result.exit_code in (0, 1), result.output
    else:
        refused_in_thai(result, (2, 3))
    assert state(victim) == before
    assert state(pack) == whole  # its YAML, its evidence, and nothing new beside them
    assert not [p for p in tmp_path.rglob("*") if ".part" in p.name]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_a_signal_mid_write_leaves_no_part_file(
    packs: dict[str, Path], tmp_path: Path, command: Command, signum: int
) -> None:
    """A real process, held inside its first fsync (a temporary file written, not yet renamed)."""
    if command.name == "links" and signum == signal.SIGINT:
        pytest.skip("one signal is enough for a command that writes one file the way check does")
    pack, inbox = packs[command.pack], packs["inbox"]
    out = tmp_path / ((command.output or "out.json") if command.writes == "file" else "out")
    argv = [*map(str, command.argv(pack, out, inbox))]
    whole = state(pack)  # before: an intake run holds its lock file while it runs
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, "os", "fsync", "1", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stdout.readline().strip() == b"ready"
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == (143 if signum == signal.SIGTERM else 130)
    assert b"Traceback" not in err and thai(err.decode("utf-8"))
    assert not [p for p in (*tmp_path.rglob("*"), *pack.rglob("*")) if ".part" in p.name]
    assert state(pack) == whole


# --- what a command reads: the same table idea, for the file or folder it is given -----------


@dataclass(frozen=True)
class Reader:
    name: str
    argv: Callable[[Path, Path], list[str]]  # (pack, the input) -> the command line


READERS = [
    Reader("bundle --verify", lambda pack, given: ["bundle", pack, "--verify", given]),
    Reader("scores --import", lambda pack, given: ["scores", pack, "--import", given]),
    Reader("scores --catalogue", lambda pack, given: ["scores", pack, "--catalogue", given]),
    Reader(
        "init --catalogue",
        lambda pack, given: ["init", pack.parent / "ใหม่", "--organisation", "อบต.บางปลา", "--catalogue", given],
    ),
    Reader("intake", lambda pack, given: ["intake", pack, given]),
    Reader("check", lambda pack, given: ["check", given]),
    Reader("units import", lambda pack, given: ["units", "import", given, "-o", pack.parent / "units-from-sheet.yaml"]),
    Reader("compare", lambda pack, given: ["compare", given, pack]),
    Reader("timeline", lambda pack, given: ["timeline", given]),
]


INPUTS: dict[str, Callable[[Path], Path]] = {
    "a pipe nobody writes": make_fifo,
    "a socket": make_socket,
    "/dev/null": lambda scratch: Path("/dev/null"),
    "a missing file": lambda scratch: scratch / "ไม่มี.zip",
}


@pytest.mark.parametrize("given", INPUTS)
@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_a_hostile_input_is_refused_without_waiting(
    packs: dict[str, Path], tmp_path: Path, reader: Reader, given: str
) -> None:
    pack = packs["chase"]
    path = INPUTS[given](tmp_path)
    before, evidence = state(path), state(pack / "evidence")
    result = runner.invoke(app, [*map(str, reader.argv(pack, path))])
    refused_in_thai(result, (2,))
    assert state(path) == before and state(pack / "evidence") == evidence


@pytest.mark.parametrize("command", [c for c in COMMANDS if c.writes == "file"], ids=lambda c: c.name)
def test_a_second_run_replaces_its_own_output(packs: dict[str, Path], tmp_path: Path, command: Command) -> None:
    """The other side of "a file it did not write is kept": what it wrote itself, it replaces."""
    out = tmp_path / (command.output or "out.json")
    pack, inbox = packs[command.pack], packs["inbox"]
    first = runner.invoke(app, [*map(str, command.argv(pack, out, inbox))])
    assert first.exit_code in (0, 1), first.output
    written = out.read_bytes()
    second = runner.invoke(app, [*map(str, command.argv(pack, out, inbox))])
    assert second.exit_code == first.exit_code, second.output
    assert out.read_bytes() and written
