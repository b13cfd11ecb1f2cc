"""What a clerk's Windows laptop lacks, taken away here: the POSIX-only parts of os and signal, and
the POSIX-only modules. The main commands run in-process without them, so a call Windows does not
have fails on this machine first, not on the clerk's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.cli import app
from itapack.evidence import contentcache, parallel

from .conftest import COMPLETE, EXAMPLE, PDF, UNITS_YAML, write_pack

# In os and signal on Linux and macOS, not on Windows (the Python documentation's "Availability: Unix").
POSIX_ONLY_OS = (  # noqa: SIM905 (a list of names reads better as words)
    "fork forkpty openpty register_at_fork geteuid getuid getgid getegid getgroups getresuid getresgid "
    "setuid seteuid setgid setegid setsid getsid getpgid getpgrp setpgid setpgrp killpg getpriority setpriority "
    "mkfifo mknod major minor makedev pipe2 pread pwrite preadv pwritev readv writev sendfile "
    "sched_getaffinity sched_setaffinity fwalk statvfs fstatvfs sync fdatasync fchown chown lchown chroot lchmod "
    "getloadavg sysconf confstr pathconf fpathconf ttyname ctermid nice uname wait wait3 wait4 waitid "
    "posix_spawn posix_spawnp posix_fadvise posix_fallocate getxattr setxattr listxattr removexattr "
    "O_NOFOLLOW O_NONBLOCK O_CLOEXEC O_DIRECTORY O_NOCTTY O_SYNC O_DSYNC O_NDELAY O_ASYNC O_PATH O_TMPFILE "
    "O_NOATIME WNOHANG WIFEXITED WEXITSTATUS WIFSIGNALED WTERMSIG waitstatus_to_exitcode"
).split()
POSIX_ONLY_SIGNAL = (  # noqa: SIM905
    "SIGHUP SIGKILL SIGPIPE SIGALRM SIGCHLD SIGUSR1 SIGUSR2 SIGQUIT SIGSTOP SIGCONT SIGTSTP SIGWINCH "
    "alarm pause setitimer getitimer siginterrupt pthread_kill pthread_sigmask sigpending sigwait"
).split()
POSIX_ONLY_MODULES = ("fcntl", "pwd", "grp", "termios", "tty", "pty", "resource", "syslog")

# Imported before the parts go: their POSIX branches are theirs (on Windows they take another), the
# question is only what itapack itself reaches for.
OTHERS = "subprocess shutil tempfile typer rich.console pydantic yaml jinja2 docx openpyxl httpx pypdf fpdf PIL"
REMOVE = f"""
import importlib, os, signal, sys
for name in {OTHERS.split()!r}:
    importlib.import_module(name)
for name in {POSIX_ONLY_OS!r}:
    if hasattr(os, name):
        delattr(os, name)
for name in {POSIX_ONLY_SIGNAL!r}:
    if hasattr(signal, name):
        delattr(signal, name)
for name in {POSIX_ONLY_MODULES!r}:
    sys.modules[name] = None
"""


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """os, signal and the importable modules as Windows has them; every tree counts as big, so the
    content cache and the split scan are on the way too."""
    for name in POSIX_ONLY_OS:
        monkeypatch.delattr(os, name, raising=False)
    for name in POSIX_ONLY_SIGNAL:
        monkeypatch.delattr(signal, name, raising=False)
    for name in POSIX_ONLY_MODULES:
        monkeypatch.setitem(sys.modules, name, None)  # `import fcntl` now fails, as on Windows
    monkeypatch.setattr(parallel, "_CAN_FORK", hasattr(os, "fork"))  # what importing it on Windows sets
    monkeypatch.setattr(parallel, "SMALL_TREE", 0)
    monkeypatch.setattr(contentcache, "SETTLE_NS", -(10**12))
    monkeypatch.setenv("ITAPACK_CACHE_DIR", str(tmp_path / "แคช"))
    monkeypatch.delenv("ITAPACK_NO_CACHE", raising=False)


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "ข้อผิดพลาดภายใน" not in result.output, result.output
    return result.exit_code, result.output


def test_every_module_imports_without_the_posix_only_parts() -> None:
    program = REMOVE + "import pkgutil, itapack\n"
    program += "for module in pkgutil.walk_packages(itapack.__path__, 'itapack.'):\n"
    program += "    if module.name != 'itapack.__main__':  # that one runs the program\n"
    program += "        importlib.import_module(module.name)\n"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_help_runs_as_a_program_without_them() -> None:
    program = REMOVE + "sys.argv = ['itapack', '--help']\nfrom itapack.entry import main\nmain()\n"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "check" in done.stdout.decode("utf-8")


@pytest.mark.usefixtures("windows")
def test_a_clerks_year_runs_without_them(tmp_path: Path) -> None:
    pack = tmp_path / "ชุดเอกสาร 2567"
    assert run("init", pack, "--province", "ทดสอบ", "--fiscal-year", "2567")[0] in (0, 1)
    assert run("validate", pack)[0] == 0
    assert run("scaffold", pack)[0] == 0
    write_pack(pack, units=UNITS_YAML, evidence=COMPLETE)
    code, out = run("check", pack)
    assert code == 0, out
    assert run("check", pack)[0] == 0  # the second time with a content cache to read
    assert run("check", pack, "--format", "json")[0] == 0
    assert run("render", pack, "--out", tmp_path / "รายงาน", "--date", "2567-06-01")[0] == 0
    assert (tmp_path / "รายงาน").is_dir() and any((tmp_path / "รายงาน").iterdir())
    assert run("export", pack, "--xlsx", tmp_path / "ติดตาม.xlsx")[0] == 0
    assert (tmp_path / "ติดตาม.xlsx").stat().st_size > 0
    assert run("letters", pack, "--out", tmp_path / "บันทึก", "--date", "2567-06-01")[0] == 0
    inbox = tmp_path / "กล่องรับ"
    inbox.mkdir()
    (inbox / "1.1 มอบหมายภารกิจ ฉบับแก้.pdf").write_bytes(PDF)
    assert run("intake", pack, inbox, "--apply", "--log", tmp_path / "บันทึกรับ")[0] in (0, 1)
    assert run("bundle", pack, "--format", "zip", "--out", tmp_path / "นำส่ง", "--date", "2567-06-01")[0] == 0
    assert any((tmp_path / "นำส่ง").glob("*.zip"))
    code, out = run("rollover", pack, "--to", "2568", "--out", tmp_path / "ชุดเอกสาร 2568")
    assert code == 0, out
    assert run("validate", tmp_path / "ชุดเอกสาร 2568")[0] == 0


@pytest.mark.usefixtures("windows")
def test_the_example_checks_the_same_without_them() -> None:
    code, out = run("check", EXAMPLE, "--format", "json", "--today", "2567-06-01")
    assert code == 1
    assert json.loads(out)["summary"]["level_reached"] == 3


# A Mac writes names decomposed (NFD). Thai has no decomposed form, so only a name with an accented
# Latin letter changes on the way; it must still be the same unit, by folder and by file name.
MAC_UNITS = UNITS_YAML.replace("เทศบาลตำบลบางบ่อ", "เทศบาลตำบลบางบ่อ Café").replace("บางน้ำผึ้ง", "บางน้ำผึ้ง Noël")


def test_a_unit_folder_and_a_file_named_on_a_mac_are_found(tmp_path: Path) -> None:
    def mac(name: str) -> str:
        decomposed = unicodedata.normalize("NFD", name)
        assert decomposed != name
        return decomposed

    evidence = {
        **COMPLETE,
        "2.1 คำรับรอง": {
            mac("เทศบาลตำบลบางบ่อ Café"): {"คำรับรอง.pdf": PDF},
            mac("คำรับรอง อบต.บางน้ำผึ้ง Noël.pdf"): PDF,
        },
    }
    pack = write_pack(tmp_path / "pack", units=MAC_UNITS, evidence=evidence)
    code, out = run("check", pack, "--format", "json")
    assert code == 0, out
    placed = {r["unit"]: r["status"] for doc in json.loads(out)["documents"] for r in doc["requirements"] if r["unit"]}
    assert placed == {"tt-bang-bo": "ok", "sao-bang-nam-phueng": "ok"}, placed
