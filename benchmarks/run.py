"""itapack's speed and memory against baselines measured in the same run, as ratios of medians.

    python benchmarks/run.py                 # everything; the national tree takes ~3 GB in /tmp
    python benchmarks/run.py --skip-national # start-up and render only (a minute)

    python benchmarks/run.py --only-national --no-export  # the national check's targets alone
    python benchmarks/run.py --only-year     # timeline and compare against check
    python benchmarks/run.py --only-export   # the national workbook against the check, alternating
    python benchmarks/run.py --only-memory   # peak memory of every command on the national tree
    python benchmarks/run.py --only-bundle   # the bundle rows alone: archive against zip -0, binder
    python benchmarks/run.py --only-suite    # the test suite's time

Every run ends with issue 31's table of targets, each row beside its baseline ("not measured in
this run" for the rows of sections it skipped).

Targets (REFERENCE.md, "Speed and memory"):
- national check (8,303 units x 40 documents), warm, no slower than `find -type f` on the same
  tree; the first check after the caches were emptied (root only) at most 1.5x find on the same
  cold cache; peak memory under 300 MB, workers included; workers and one process give
  byte-identical JSON;
- start-up: --help and a check of the example import neither python-docx nor jinja2, and the
  check and --help each cost at most 1.5x a bare `python -c "import typer, pydantic, yaml"`;
- render grows linearly: 800 units at most 12x what 80 cost;
- links: throughput and peak memory for 20,000 addresses on a local server (127.0.0.1 only,
  benchmarks/links_server.py), from the cache, --offline, and the largest pack a file allows.
- national bundle (archive): at most 1.5x `zip -0` of the same counted files, peak memory under
  600 MB; the binder's seconds per 1,000 pages.
- timeline at most 1.2x the CPU time of a check of the same 800-unit pack (one scan), compare at
  most 2.3x (two).
- hostile inputs (--only-hostile): peak memory of intake and bundle --verify on 2 GB zip bombs,
  beside --help's; refused from the listing, under 600 MB.

Shared machines are noisy: every comparison alternates the two commands, after a warm-up, and
compares medians. Results go to benchmarks/results/latest.md (not committed).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import hashlib
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "samutprakan-2567"
PYTHON = sys.executable
ITAPACK = [PYTHON, "-m", "itapack"]


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)  # user + system: what a busy machine does not inflate
    peak_kb: int = 0  # the kernel's: the largest single process
    tree_pss_kb: int = 0  # sampled: the process and all its workers together (TreeMemory)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


# Issue 31's table, in its order: every run prints it last, each row with its baseline beside it;
# a row whose section did not run says so.
FIGURES = {
    "check": ("`check --format json` / `find -type f` (national, warm)", "<= 1.2"),
    "export": ("`export --xlsx` / `check --format json` (national)", "<= 2.5"),
    "bundle": ("`bundle -f zip` / `zip -0 -qr` of the same counted files (national)", "<= 1.5"),
    "binder": ("`bundle -f pdf` per 1,000 pages", "measured and reported"),
    "start-up": (
        "start-up: example `check` / a bare typer app with one command doing nothing",
        "<= 1.15, and `--help` never imports pydantic models it does not show",
    ),
    "memory": ("peak memory, any command, national", "< 600 MB every command"),
    "suite": ("test suite on 2 cores", "<= 5 min"),
}


@dataclass
class Measured:
    baseline: str  # what it was measured against, with its own figure
    measured: str
    met: bool | None  # None: measured and reported, no bound


TARGETS: dict[str, Measured] = {}


def measured(figure: str, baseline: str, value: str, met: bool | None) -> None:
    """One row of the final table (FIGURES names it); a later measurement of the same figure replaces it."""
    TARGETS[figure] = Measured(baseline, value, met)


def target_table() -> list[str]:
    lines = [
        "### Targets (issue 31), this run",
        "",
        "| figure | baseline | measured | target | |",
        "| --- | --- | --- | --- | --- |",
    ]
    for figure, (text, bound) in FIGURES.items():
        found = TARGETS.get(figure)
        if found is None:
            lines.append(f"| {text} | - | not measured in this run | {bound} | - |")
            continue
        verdict = "-" if found.met is None else "met" if found.met else "not met"
        lines.append(f"| {text} | {found.baseline} | {found.measured} | {bound} | {verdict} |")
    return [*lines, ""]


def run(
    command: list[str],
    timing: Timing | None = None,
    *,
    env: dict[str, str] | None = None,
    memory: bool = False,
    expect: tuple[int, ...] = (0, 1),
) -> float:
    """Wall time of one run, its output thrown away; records the process's peak memory, and with
    memory=True that of the process and its workers together. expect: the exit codes that are a
    result (check exits 1 when evidence is missing; a refused hostile input exits 2)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    sampler = TreeMemory(process.pid) if memory else None
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if sampler is not None:
        sampler.stop()
        if timing is not None:
            timing.tree_pss_kb = max(timing.tree_pss_kb, sampler.pss_kb)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in expect:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {process.stderr.read().decode()}")
    if timing is not None:
        timing.seconds.append(elapsed)
        timing.cpu_seconds.append(usage.ru_utime + usage.ru_stime)
        timing.peak_kb = max(timing.peak_kb, usage.ru_maxrss)
    return elapsed


def alternate(
    commands: dict[str, list[str]],
    rounds: int,
    *,
    memory: bool = False,
    expect: tuple[int, ...] = (0, 1),
    envs: dict[str, dict[str, str]] | None = None,
) -> dict[str, Timing]:
    """envs: for some commands (by name), variables added to the environment they run in."""
    timings = {name: Timing() for name in commands}
    environment = {name: {**os.environ, **extra} for name, extra in (envs or {}).items()}
    for name, command in commands.items():  # warm-up: file system caches, .pyc files
        run(command, expect=expect, env=environment.get(name))
    for _ in range(rounds):
        for name, command in commands.items():
            run(command, timings[name], memory=memory, expect=expect, env=environment.get(name))
    return timings


def synthetic(work: Path, units: int, documents: int = 40) -> Path:
    target = work / f"units-{units}-documents-{documents}"
    if not target.exists():
        print(f"  making {target} …", flush=True)
        maker = [PYTHON, str(HERE / "make_synthetic.py"), str(target)]
        subprocess.run([*maker, "--units", str(units), "--documents", str(documents)], check=True)
    return target


SCAN_ONLY = """
import os, sys, time
from pathlib import Path
from itapack.evidence import scan
from itapack.pack.loader import load_pack
pack = load_pack(Path(sys.argv[1]))
if sys.argv[2] == "names":  # list folders only: what find -type f does
    scan.read_file = lambda name, shown, handle, path: scan.ScannedFile(shown, 1)
elif sys.argv[2] == "sizes":  # list and take sizes, read nothing
    scan.read_file = lambda name, shown, handle, path: scan.ScannedFile(shown, os.stat(name, dir_fd=handle).st_size)
for _ in scan.Scan(pack.evidence_root, pack.root).folders():
    pass
"""


# The least any check must do: list every folder and take every file's size (an empty file is not
# evidence; find -type f reads names and types only), in as many forked processes as the check
# uses, each taking every n-th folder of the evidence folder. Nothing is read, matched or kept.
LEAST = """
import os, sys
root = sys.argv[1]
jobs = len(os.sched_getaffinity(0))
tops = sorted(e.path for e in os.scandir(root) if e.is_dir(follow_symlinks=False))
pids = []
for slot in range(jobs):
    pid = os.fork()
    if pid == 0:
        stack = tops[slot::jobs]
        while stack:
            folder = stack.pop()
            handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            with os.scandir(handle) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(folder + "/" + entry.name)
                    else:
                        entry.stat(follow_symlinks=False)
            os.close(handle)
        os._exit(0)
    pids.append(pid)
for pid in pids:
    os.waitpid(pid, 0)
"""


class TreeMemory:
    """Peak memory of a process and every process below it (Linux), sampled every 0.1 s: the
    kernel's ru_maxrss is one process's peak, and a check's workers are processes of their own.
    PSS counts a page shared by the forked workers once, split between them; RSS counts it in
    each, an upper bound."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.pss_kb = self.rss_kb = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join()

    def _sample(self) -> None:
        while not self.stopped.wait(0.1):
            pss = rss = 0
            for pid in self._tree(self.pid):
                try:
                    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                except OSError:
                    continue
                for line in rollup.splitlines():
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
            self.pss_kb = max(self.pss_kb, pss)
            self.rss_kb = max(self.rss_kb, rss)

    @staticmethod
    def _tree(pid: int) -> list[int]:
        found, todo = [], [pid]
        while todo:
            current = todo.pop()
            found.append(current)
            with contextlib.suppress(OSError):  # gone already
                todo += [int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
        return found


TREE_MEMORY = Path("/proc/self/smaps_rollup").exists()


def drop_caches() -> str | None:
    """Empty the kernel's page, dentry and inode caches (root only): None when done, else why not."""
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except (OSError, subprocess.CalledProcessError) as error:
        return f"{type(error).__name__}: {error}"
    return None


def cold(commands: dict[str, list[str]], rounds: int) -> dict[str, Timing] | str:
    """Each run after the caches were emptied, alternating; or why that cannot be done here."""
    timings = {name: Timing() for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            why = drop_caches()
            if why is not None:
                return why
            run(command, timings[name])
    return timings


def same_output(commands: dict[str, tuple[list[str], dict[str, str]]], work: Path) -> dict[str, tuple[int, str]]:
    """Each command's exit code and the SHA-256 of its output (read in pieces: a child's peak memory
    as the kernel reports it starts from this process's size when it forks)."""
    found = {}
    for name, (command, env) in commands.items():
        target = work / "check-output.json"
        with target.open("wb") as out:
            code = subprocess.run(command, stdout=out, env=env, check=False).returncode
        digest = hashlib.sha256()
        with target.open("rb") as stream:
            while piece := stream.read(1 << 20):
                digest.update(piece)
        found[name] = (code, digest.hexdigest())
        target.unlink()
    return found


NO_CACHE = {"ITAPACK_NO_CACHE": "1"}


def national(work: Path, rounds: int, lines: list[str], *, scan_parts: bool = False) -> None:
    tree = synthetic(work, 8303)
    # os.walk, not Path.rglob: rglob remembers every path it yielded, and a child process's peak
    # memory as the kernel reports it starts from this process's size at the fork.
    files = sum(len(names) for _, _, names in os.walk(tree / "evidence"))
    # The content cache (what each file's content was), empty at first
    shutil.rmtree(Path(os.environ["ITAPACK_CACHE_DIR"]) / "content", ignore_errors=True)
    check_command = [*ITAPACK, "check", str(tree), "--format", "json"]
    no_cache = ["env", *(f"{k}={v}" for k, v in NO_CACHE.items()), *check_command]
    least_name = f"the least a check must do: list and stat, {jobs_here()} forked processes, nothing else"
    least_command = [PYTHON, "-c", LEAST, str(tree / "evidence")]
    print("national check: workers against one process, with and without the content cache …", flush=True)
    outputs = same_output(
        {
            "workers, filling the content cache": (check_command, dict(os.environ)),
            "workers, from the content cache": (check_command, dict(os.environ)),
            "one process, no content cache": (check_command, {**os.environ, "ITAPACK_JOBS": "1", **NO_CACHE}),
        },
        work,
    )
    print("national check against find -type f, warm …", flush=True)
    find_command = ["find", str(tree / "evidence"), "-type", "f"]
    timings = alternate(
        {
            "find -type f": find_command,
            "itapack check --format json": check_command,
            "itapack check --format json, one process (ITAPACK_JOBS=1)": [
                "env",
                "ITAPACK_JOBS=1",
                *check_command,
            ],
            "itapack check --format json, no content cache (ITAPACK_NO_CACHE=1)": no_cache,
            least_name: least_command,
        },
        rounds,
        memory=TREE_MEMORY,
    )
    find, check = timings["find -type f"], timings["itapack check --format json"]
    single = timings["itapack check --format json, one process (ITAPACK_JOBS=1)"]
    unremembered = timings["itapack check --format json, no content cache (ITAPACK_NO_CACHE=1)"]
    least = timings[least_name]
    print("national check against find -type f, cold …", flush=True)
    colds = cold(
        {
            "find -type f (cold cache)": find_command,
            "itapack check --format json (cold cache)": check_command,
            "itapack check --format json, no content cache (cold cache)": no_cache,
            f"{least_name} (cold cache)": least_command,
        },
        rounds,
    )
    print("what a spawned worker (Windows) would pay before its first file …", flush=True)
    spawn = Timing()
    load = (
        "import itapack.evidence.parallel, itapack.pack.loader, pathlib; "
        f"itapack.pack.loader.load_pack(pathlib.Path({str(tree)!r}))"
    )
    for _ in range(rounds):
        run([PYTHON, "-c", load], spawn)
    shown = dict(timings)
    if isinstance(colds, dict):
        shown.update(colds)
    if scan_parts:
        print("what the scan's parts cost (one process) …", flush=True)
        shown.update(
            alternate(
                {
                    "scan: list folders only": [PYTHON, "-c", SCAN_ONLY, str(tree), "names"],
                    "scan: list and take sizes": [PYTHON, "-c", SCAN_ONLY, str(tree), "sizes"],
                    "scan: list, sizes, read 1 kB of each file": [PYTHON, "-c", SCAN_ONLY, str(tree), "full"],
                },
                rounds,
            )
        )
    lines += [
        f"### National check: 8,303 units x 40 documents, {files:,} files, {jobs_here()} processors",
        "",
        "| command | median s | runs (s) | ratio to find | CPU s | peak, one process | peak, all processes (PSS) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, timing in shown.items():
        runs = ", ".join(f"{s:.1f}" for s in timing.seconds)
        base = colds["find -type f (cold cache)"] if "cold" in name and isinstance(colds, dict) else find
        ratio = timing.median / base.median
        tree_peak = f"{timing.tree_pss_kb // 1024} MB" if timing.tree_pss_kb else "-"
        lines.append(
            f"| {name} | {timing.median:.1f} | {runs} | {ratio:.2f} | {statistics.median(timing.cpu_seconds):.1f} "
            f"| {timing.peak_kb // 1024} MB | {tree_peak} |"
        )
    identical = len(set(outputs.values())) == 1
    warm = check.median / find.median
    check_cpu, find_cpu = statistics.median(check.cpu_seconds), statistics.median(find.cpu_seconds)
    measured(
        "check",
        f"find -type f {find.median:.1f} s (CPU {find_cpu:.1f} s)",
        f"{check.median:.1f} s = {warm:.2f}x (CPU {check_cpu:.1f} s, {check_cpu / find_cpu:.2f}x; workers and one "
        f"process {'byte-identical' if identical else 'DIFFERENT'}; peak {check.tree_pss_kb // 1024} MB PSS)",
        warm <= 1.2 and identical,
    )
    peak_kb = check.tree_pss_kb if TREE_MEMORY else check.peak_kb
    peak_how = "PSS summed over the check and its workers" if TREE_MEMORY else "the largest single process"

    def met(ok: bool) -> str:
        return "met" if ok else "not met"

    bound = f"{least.median:.1f} s / {find.median:.1f} s = {least.median / find.median:.2f}x warm"
    if isinstance(colds, dict):
        least_cold, find_cold = colds[f"{least_name} (cold cache)"], colds["find -type f (cold cache)"]
        cold_ratio = least_cold.median / find_cold.median
        bound += f"; {least_cold.median:.1f} s / {find_cold.median:.1f} s = {cold_ratio:.2f}x cold"
    # The reference's "Speed and memory" table, these rows as they are: target | measured | met
    rows = [
        (
            "national check: workers and one process, with the content cache (filling it, then reading it) "
            "and without, give the same verdict and byte-identical JSON",
            f"exit {', '.join(str(code) for code, _ in outputs.values())}, "
            f"SHA-256 {'equal' if identical else 'different'}",
            met(identical),
        ),
        (
            "warm national check at most 1.2x `find -type f` on the same tree",
            f"{check.median:.1f} s / {find.median:.1f} s = {warm:.2f}x, CPU {check_cpu:.1f} s / {find_cpu:.1f} s "
            f"(one process: {single.median:.1f} s, {single.median / find.median:.2f}x; no content cache: "
            f"{unremembered.median:.1f} s, {unremembered.median / find.median:.2f}x)",
            met(warm <= 1.2),
        ),
        ("(the bound: list every folder and stat every file, in as many processes, nothing else)", bound, "-"),
    ]
    if isinstance(colds, dict):
        cold_check = colds["itapack check --format json (cold cache)"]
        cold_first = colds["itapack check --format json, no content cache (cold cache)"]
        cold_find = colds["find -type f (cold cache)"]
        ratio = cold_check.median / cold_find.median
        rows.append(
            (
                "first national check, caches emptied (`echo 3 > /proc/sys/vm/drop_caches`), "
                "at most 1.5x find on the same cold cache",
                f"{cold_check.median:.1f} s / {cold_find.median:.1f} s = {ratio:.2f}x with the content cache of an "
                f"earlier check kept; the very first check, no content cache: {cold_first.median:.1f} s, "
                f"{cold_first.median / cold_find.median:.2f}x",
                met(ratio <= 1.5),
            )
        )
    else:
        rows.append(("first national check at most 1.5x find, cold cache", f"not measured here: {colds}", "-"))
    rows.append(
        (
            "national check: peak memory under 300 MB, workers included",
            f"{peak_kb // 1024} MB ({peak_how}); largest single process {check.peak_kb // 1024} MB",
            met(peak_kb < 300 * 1024),
        )
    )
    lines += [
        "",
        "Targets (rows for the reference's table, REFERENCE.md):",
        "",
        "| target | measured | |",
        "| --- | --- | --- |",
        *(f"| {target} | {measured} | {verdict} |" for target, measured, verdict in rows),
        "",
        f"Windows spawns workers rather than forking them: each would first start Python and load the pack, "
        f"{spawn.median:.1f} s here (median of {len(spawn.seconds)}), so there the check runs in one process.",
        "",
    ]


def export(work: Path, rounds: int, lines: list[str]) -> None:
    """The national tracking workbook against the JSON check it is made from, alternating."""
    tree = synthetic(work, 8303)
    print("national tracking workbook against the check …", flush=True)
    workbook = Path(tempfile.mkdtemp(prefix="itapack-export-")) / "national.xlsx"
    timings = alternate(
        {
            "itapack check --format json": [*ITAPACK, "check", str(tree), "--format", "json"],
            "itapack export --xlsx": [*ITAPACK, "export", str(tree), "--xlsx", str(workbook), "--force"],
        },
        rounds,
    )
    check, exported = timings["itapack check --format json"], timings["itapack export --xlsx"]
    size = workbook.stat().st_size
    shutil.rmtree(workbook.parent, ignore_errors=True)
    lines += [
        "### National tracking workbook: 8,303 units x 40 documents",
        "",
        "| command | median s | runs (s) | CPU s | peak, one process |",
        "| --- | ---: | --- | ---: | ---: |",
    ]
    for name, timing in timings.items():
        runs = ", ".join(f"{s:.1f}" for s in timing.seconds)
        cpu = statistics.median(timing.cpu_seconds)
        lines.append(f"| {name} | {timing.median:.1f} | {runs} | {cpu:.1f} | {timing.peak_kb // 1024} MB |")
    ratio = exported.median / check.median
    cpu_ratio = statistics.median(exported.cpu_seconds) / statistics.median(check.cpu_seconds)
    lines += [
        "",
        f"The workbook ({size / 1e6:.1f} MB) costs {ratio:.2f}x the JSON check it is made from "
        f"({cpu_ratio:.2f}x in CPU time); target at most 2.5: **{'met' if ratio <= 2.5 else 'not met'}**.",
        "",
    ]
    measured(
        "export",
        f"check --format json {check.median:.1f} s",
        f"{exported.median:.1f} s = {ratio:.2f}x (CPU {cpu_ratio:.2f}x; peak {exported.peak_kb // 1024} MB; "
        f"{size / 1e6:.1f} MB)",
        ratio <= 2.5,
    )


def memory(work: Path, lines: list[str]) -> None:
    """Peak memory of every command that reads the whole national tree, one run each: the largest
    single process (the kernel's) and, on Linux, the process and its workers together (PSS)."""
    tree = synthetic(work, 8303)
    out = Path(tempfile.mkdtemp(prefix="itapack-memory-"))
    commands = {
        "check --format json": ["check", str(tree), "--format", "json"],
        "export --xlsx": ["export", str(tree), "--xlsx", str(out / "national.xlsx"), "--force"],
        "render": ["render", str(tree), "--out", str(out / "reports"), "--force"],
        "timeline --format json": ["timeline", str(tree), "--format", "json"],
        "compare --format json (the tree with itself)": ["compare", str(tree), str(tree), "--format", "json"],
        "letters": ["letters", str(tree), "--out", str(out / "letters"), "--force"],
        "bundle --format zip": ["bundle", str(tree), "--format", "zip", "--out", str(out / "handin"), "--force"],
    }
    print("peak memory of every command, national …", flush=True)
    timings = {}
    for name, arguments in commands.items():
        timing = Timing()
        run([*ITAPACK, *arguments], timing, memory=TREE_MEMORY)
        timings[name] = timing
    shutil.rmtree(out, ignore_errors=True)
    lines += [
        "### Peak memory of every command, national (one run each)",
        "",
        "| command | s | peak, one process | peak, all processes (PSS) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, timing in timings.items():
        tree_peak = f"{timing.tree_pss_kb // 1024} MB" if timing.tree_pss_kb else "-"
        lines.append(f"| {name} | {timing.median:.1f} | {timing.peak_kb // 1024} MB | {tree_peak} |")
    lines.append("")

    def peak(timing: Timing) -> int:
        return max(timing.peak_kb, timing.tree_pss_kb) // 1024

    worst = max(timings, key=lambda name: peak(timings[name]))
    over = [name for name, timing in timings.items() if peak(timing) >= 600]
    help_peak = Timing()
    run([*ITAPACK, "--help"], help_peak)
    measured(
        "memory",
        f"--help {help_peak.peak_kb // 1024} MB",
        f"largest {worst}, {peak(timings[worst])} MB" + (f"; over 600 MB: {', '.join(over)}" if over else ""),
        not over,
    )


def suite(lines: list[str]) -> None:
    """The whole test suite's wall time, as a developer runs it: on every processor when
    pytest-xdist is installed."""
    print("the test suite …", flush=True)
    command = [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    with contextlib.suppress(ImportError):
        import xdist  # noqa: F401

        command += ["-n", str(jobs_here())]
    started = time.perf_counter()
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    summary = (finished.stdout.strip().splitlines() or ["(no output)"])[-1]
    lines += ["### Test suite", "", f"`{' '.join(command[1:])}`: {elapsed / 60:.1f} min; {summary}", ""]
    measured(
        "suite",
        f"{jobs_here()} processors{' (pytest-xdist)' if '-n' in command else ', one process (no pytest-xdist)'}",
        f"{elapsed / 60:.1f} min, exit {finished.returncode}",
        elapsed <= 300 and finished.returncode == 0,
    )


def jobs_here() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# The bound typer and pydantic set on their own: one command shaped like `itapack check` (a group
# with a callback, a Path argument, options of the same types), parsing the same arguments and
# doing nothing. typer builds a pydantic TypeAdapter for every option it parses, so this costs
# well over the bare imports before itapack does anything.
TYPER_APP = """
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


class Format(StrEnum):
    text = "text"
    json = "json"


@app.callback()
def main(lang: Annotated[str | None, typer.Option("--lang", is_eager=True)] = None) -> None:
    \"\"\"A group, as itapack's.\"\"\"


@app.command()
def check(
    pack: Annotated[Path, typer.Argument(metavar="PACK")] = Path("."),
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    level: Annotated[list[str] | None, typer.Option("--level", "-l")] = None,
    unit: Annotated[list[str] | None, typer.Option("--unit", "-u")] = None,
    target_level: Annotated[int | None, typer.Option("--target-level", "-t", min=1)] = None,
    target_score: Annotated[float | None, typer.Option("--target-score", min=0, max=100)] = None,
    today: Annotated[str | None, typer.Option("--today")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    links: Annotated[bool, typer.Option("--links")] = False,
) -> None:
    \"\"\"Parse what itapack check parses, then stop.\"\"\"


app()
"""


# The start-up baseline: typer itself, one command, nothing done.
BARE_TYPER = """
import typer

app = typer.Typer(add_completion=False)


@app.command()
def main() -> None:
    \"\"\"Nothing.\"\"\"


app()
"""


def model_modules() -> set[str]:
    """itapack's modules that define pydantic models (a class deriving from BaseModel)."""
    found = set()
    for path in (ROOT / "src" / "itapack").rglob("*.py"):
        if "(BaseModel)" in path.read_text(encoding="utf-8"):
            found.add(".".join(path.relative_to(ROOT / "src").with_suffix("").parts))
    return found


def startup(rounds: int, lines: list[str], before: Path | None = None) -> None:
    """before: another source tree's src/ folder (an earlier commit's, from `git archive`), whose
    check of the example is timed in the same alternation."""
    print("start-up …", flush=True)
    typer_app = Path(tempfile.mkdtemp(prefix="itapack-startup-")) / "typer_app.py"
    typer_app.write_text(TYPER_APP, encoding="utf-8")
    bare_app = typer_app.with_name("bare_typer.py")
    bare_app.write_text(BARE_TYPER, encoding="utf-8")
    models = model_modules()
    # An installed itapack has its bytecode compiled (pip does it at install); where writing it is
    # off (PYTHONDONTWRITEBYTECODE, a read-only checkout) every run would compile our modules again.
    compileall.compile_dir(ROOT / "src" / "itapack", quiet=1)
    imported: dict[str, list[str]] = {}
    for name, args in {"--help": ["--help"], "check the example": ["check", str(EXAMPLE), "--format", "json"]}.items():
        result = subprocess.run([PYTHON, "-X", "importtime", "-m", "itapack", *args], capture_output=True, text=True)
        modules = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line]
        imported[name] = [m for m in modules if m.split(".")[0] in ("docx", "jinja2", "xlsxwriter")]
        imported[f"{name}: models"] = sorted(set(modules) & models)
    timings = alternate(
        {
            'python -c "import typer, pydantic, yaml"': [PYTHON, "-c", "import typer, pydantic, yaml"],
            # `import pydantic` is lazy; the first model loads the machinery every model needs
            "… and from pydantic import BaseModel": [
                PYTHON,
                "-c",
                "import typer, pydantic, yaml; from pydantic import BaseModel",
            ],
            "a bare typer app, one command doing nothing": [PYTHON, str(bare_app)],
            "a typer app shaped like check, same arguments": [
                PYTHON,
                str(typer_app),
                "check",
                str(EXAMPLE),
                "--format",
                "json",
            ],
            "itapack check <example> --format json": [*ITAPACK, "check", str(EXAMPLE), "--format", "json"],
            # the first check of a pack, or any with ITAPACK_NO_CACHE=1: the pack read and validated afresh
            "… the pack not remembered (ITAPACK_NO_CACHE=1)": [*ITAPACK, "check", str(EXAMPLE), "--format", "json"],
            **(
                {f"… from {before}": [*ITAPACK, "check", str(EXAMPLE), "--format", "json"]}
                if before is not None
                else {}
            ),
            "itapack --help": [*ITAPACK, "--help"],
        },
        rounds,
        envs={
            "… the pack not remembered (ITAPACK_NO_CACHE=1)": {"ITAPACK_NO_CACHE": "1"},
            # Its own cache folder: the remembered pack is one file per pack, and two sources would
            # each find the other's there and write their own, every run (a miss for both)
            **(
                {f"… from {before}": {"PYTHONPATH": str(before), "ITAPACK_CACHE_DIR": str(typer_app.parent / "cache")}}
                if before is not None
                else {}
            ),
        },
    )
    base = timings['python -c "import typer, pydantic, yaml"']
    lines += [
        "### Start-up",
        "",
        f"Medians of {rounds} alternating runs.",
        "",
        "| command | median s | ratio to the bare imports |",
        "| --- | ---: | ---: |",
    ]
    for name, timing in timings.items():
        lines.append(f"| {name} | {timing.median:.3f} | {timing.median / base.median:.2f} |")
    check = timings["itapack check <example> --format json"]
    help_ = timings["itapack --help"]
    shaped = timings["a typer app shaped like check, same arguments"]
    bare = timings["a bare typer app, one command doing nothing"]
    help_models = imported["--help: models"]
    ratio = check.median / bare.median
    measured(
        "start-up",
        f"bare typer app {bare.median:.3f} s",
        f"{check.median:.3f} s = {ratio:.2f}x (medians of {rounds}); --help imports "
        f"{', '.join(help_models) if help_models else 'no module of pydantic models'}",
        ratio <= 1.15 and not help_models,
    )
    lines += [
        "",
        f"python-docx, jinja2 or xlsxwriter imported by --help: {imported['--help'] or 'none'}; "
        f"by a check: {imported['check the example'] or 'none'} (`python -X importtime`).",
        f"Target check <= 1.5x the bare imports: **{'met' if check.median <= 1.5 * base.median else 'not met'}** "
        f"({check.median / base.median:.2f}); --help: **{'met' if help_.median <= 1.5 * base.median else 'not met'}** "
        f"({help_.median / base.median:.2f}).",
        f"A typer app shaped like check that does nothing costs {shaped.median / base.median:.2f}x the bare imports, "
        f"the check {check.median / base.median:.2f}x: itapack's own share is "
        f"{check.median / shaped.median:.2f}x that app ({(check.median - shaped.median) * 1000:.0f} ms).",
        f"To the bare typer app: the check {ratio:.2f}x, with the pack read afresh "
        f"{timings['… the pack not remembered (ITAPACK_NO_CACHE=1)'].median / bare.median:.2f}x"
        + (f", from {before} {timings[f'… from {before}'].median / bare.median:.2f}x." if before is not None else "."),
        "",
    ]


def render(work: Path, rounds: int, lines: list[str]) -> None:
    print("render …", flush=True)
    packs = {units: synthetic(work, units) for units in (80, 800)}
    out = Path(tempfile.mkdtemp(prefix="itapack-render-"))
    commands = {
        f"render {units} units": [*ITAPACK, "render", str(pack), "--out", str(out / str(units)), "--date", "2567-02-01"]
        for units, pack in packs.items()
    }
    commands["render the example"] = [*ITAPACK, "render", str(EXAMPLE), "--out", str(out / "example")]
    commands["check the example"] = [*ITAPACK, "check", str(EXAMPLE), "--format", "json"]
    timings = alternate(commands, rounds)
    small, large = timings["render 80 units"], timings["render 800 units"]
    lines += ["### Render", "", "| command | median s | peak memory |", "| --- | ---: | ---: |"]
    for name, timing in timings.items():
        lines.append(f"| {name} | {timing.median:.2f} | {timing.peak_kb // 1024} MB |")
    growth = large.median / small.median
    lines += [
        "",
        f"800 units cost {growth:.1f}x what 80 cost; target <= 12x: **{'met' if growth <= 12 else 'not met'}**.",
        "",
    ]


def year(work: Path, rounds: int, lines: list[str], units: int = 800) -> None:
    """timeline is one check plus dating; compare is two checks plus a walk of both results."""
    print("timeline and compare …", flush=True)
    pack = synthetic(work, units)
    commands = {
        "check": [*ITAPACK, "check", str(pack), "--format", "json"],
        "timeline": [*ITAPACK, "timeline", str(pack), "--format", "json", "--today", "2567-02-01"],
        "compare (the pack with itself)": [*ITAPACK, "compare", str(pack), str(pack), "--format", "json"],
    }
    timings = alternate(commands, rounds)
    base = timings["check"]

    def cpu(timing: Timing) -> float:  # user + system, workers included: what a busy machine does not inflate
        return statistics.median(timing.cpu_seconds)

    lines += [f"### Timeline and compare, {units} units x 40 documents", ""]
    lines += ["| command | median s | ratio to check | CPU s | CPU ratio | peak memory |"]
    lines += ["| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, timing in timings.items():
        lines.append(
            f"| {name} | {timing.median:.2f} | {timing.median / base.median:.2f} | {cpu(timing):.2f} "
            f"| {cpu(timing) / cpu(base):.2f} | {timing.peak_kb // 1024} MB |"
        )
    timeline_ratio = cpu(timings["timeline"]) / cpu(base)
    compare_ratio = cpu(timings["compare (the pack with itself)"]) / cpu(base)
    lines += [
        "",
        f"In CPU time, timeline costs {timeline_ratio:.2f}x a check (target <= 1.2: one scan): "
        f"**{'met' if timeline_ratio <= 1.2 else 'not met'}**; compare {compare_ratio:.2f}x "
        f"(target <= 2.3: two scans): **{'met' if compare_ratio <= 2.3 else 'not met'}**.",
        "",
    ]


def links_pack(work: Path, units: int, ports: list[int], documents: int = 40) -> Path:
    """A checklist pack whose units each publish every document on one of the local sites."""
    target = work / f"links-{units}-units"
    target.mkdir(parents=True, exist_ok=True)
    (target / "pack.yaml").write_text(
        "itapack: 2\nfiscal_year: 2567\norganisation: {kind: province, name: จังหวัดทดสอบ}\nscoring: checklist\n",
        encoding="utf-8",
    )
    docs = "".join(f"      - {{id: o{d}, title: ข้อมูล {d}, per_unit: [sao]}}\n" for d in range(1, documents + 1))
    (target / "sections.yaml").write_text(f"sections:\n  - title: OIT\n    documents:\n{docs}", encoding="utf-8")
    with (target / "units.yaml").open("w", encoding="utf-8") as out:
        out.write("kinds: [{id: sao, name: องค์การบริหารส่วนตำบล}]\nunits:\n")
        for u in range(units):
            site = f"http://127.0.0.1:{ports[u % len(ports)]}"
            urls = ", ".join(f"o{d}: '{site}/u{u}/o{d}'" for d in range(1, documents + 1))
            out.write(f"  - {{id: u{u}, name: อบต.ทดสอบ{u}, kind: sao, urls: {{{urls}}}}}\n")
    return target


def links(work: Path, units: int, lines: list[str]) -> None:
    """itapack links against a local server (127.0.0.1 only): fetching, then the cache, then --offline."""
    print(f"links: {units * 40:,} addresses on a local server …", flush=True)
    port_file = work / "links-ports"
    port_file.unlink(missing_ok=True)
    server = subprocess.Popen([PYTHON, str(HERE / "links_server.py"), str(port_file), "--lifetime", "900"])
    try:
        while not port_file.exists() or not port_file.read_text(encoding="utf-8").strip():
            time.sleep(0.05)
        ports = [int(p) for p in port_file.read_text(encoding="utf-8").split()]
        pack = links_pack(work, units, ports)
        cache = Path(tempfile.mkdtemp(prefix="itapack-links-cache-"))
        env = {**os.environ, "ITAPACK_CACHE_DIR": str(cache), "NO_PROXY": "127.0.0.1"}
        command = [*ITAPACK, "links", str(pack), "--format", "json"]
        runs = {
            "fetch every address": Timing(),
            "all from the cache (--max-age 1d)": Timing(),
            "--offline": Timing(),
        }
        run([*command, "--max-age", "0"], runs["fetch every address"], env=env)
        run([*command, "--max-age", "1d"], runs["all from the cache (--max-age 1d)"], env=env)
        run([*command, "--offline"], runs["--offline"], env=env)
        loaded = Timing()
        run(
            [
                PYTHON,
                "-c",
                f"from itapack.pack.loader import load_pack; load_pack(__import__('pathlib').Path({str(pack)!r}))",
            ],
            loaded,
        )
    finally:
        server.terminate()
        server.wait()
    urls = units * 40
    fetch = runs["fetch every address"]
    per_second = urls / fetch.median
    per_cpu_second = urls / statistics.median(fetch.cpu_seconds)
    lines += [
        f"### Links: {units:,} units x 40 pages = {urls:,} addresses on {len(ports)} local sites (127.0.0.1)",
        "",
        "| run | wall s | CPU s | addresses/s (wall) | addresses per CPU second | peak memory |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, timing in {**runs, "loading the pack alone": loaded}.items():
        cpu = statistics.median(timing.cpu_seconds)
        lines.append(
            f"| {name} | {timing.median:.1f} | {cpu:.1f} | {urls / timing.median:,.0f} | {urls / cpu:,.0f} "
            f"| {timing.peak_kb // 1024} MB |"
        )
    national = 350_000
    lines += [
        "",
        f"Extrapolated to 350,000 addresses: about {national / per_second / 60:,.0f} minutes at this wall rate, "
        f"{national / per_cpu_second / 60:,.0f} minutes of itapack's CPU (the local server shares the machine's "
        "two cores; real sites answer in 0.2-2 s, so there the per-site limit and the sites' speed set the time: "
        "64 requests at once at 0.5 s each is ~130 addresses/s, ~45 minutes). Memory holds a window of 2,000 "
        f"addresses and the loaded pack, not the results: peak {fetch.peak_kb // 1024} MB here.",
        "",
    ]
    largest(work, lines)


def largest(work: Path, lines: list[str]) -> None:
    """The largest pack a units.yaml allows (5 MB: about 100,000 addresses), judged --offline with an
    empty cache: what the pack, the targets and the streamed JSON cost at that size, without a server."""
    units = 2_500
    print(f"links: {units * 40:,} addresses, --offline …", flush=True)
    pack = links_pack(work, units, list(range(40_000, 40_032)))  # no server: nothing is fetched
    env = {**os.environ, "ITAPACK_CACHE_DIR": tempfile.mkdtemp(prefix="itapack-links-cache-")}
    offline, loaded = Timing(), Timing()
    run([*ITAPACK, "links", str(pack), "--format", "json", "--offline"], offline, env=env)
    load = f"from itapack.pack.loader import load_pack; load_pack(__import__('pathlib').Path({str(pack)!r}))"
    run([PYTHON, "-c", load], loaded)
    lines += [
        f"Largest pack one units.yaml allows (5 MB): {units:,} units x 40 = {units * 40:,} addresses, "
        f"`--offline` on an empty cache: {offline.median:.1f} s, peak {offline.peak_kb // 1024} MB, of which "
        f"loading the pack alone is {loaded.median:.1f} s and {loaded.peak_kb // 1024} MB. 350,000 addresses do not "
        "fit one pack; they are a province's pack each (77 of them, ~4,500 addresses on average).",
        "",
    ]


COUNTED_LIST = """
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive, open(sys.argv[2], "w", encoding="utf-8") as out:
    out.writelines(name + "\\n" for name in archive.namelist() if name.startswith("evidence/"))
"""


CHECK_THEN_ZIP = "itapack check --format text, then zip -0 of the counted files"


def bundle(work: Path, rounds: int, lines: list[str], units: int = 8303) -> None:
    """The national archive against `zip -0` of the same counted files (target: at most 1.5x),
    with its peak memory (under 600 MB) and --verify's; and the binder's time per 1,000 pages.
    units: a smaller tree for a quicker run (its rows say how many units)."""
    import re
    import shutil

    tree = synthetic(work, units)
    out = work / "bundle-out"
    print(f"bundle (archive) of {units:,} units against zip -0 of the same files …", flush=True)
    command = [*ITAPACK, "bundle", str(tree), "--format", "zip", "--out", str(out), "--force"]
    archive = out / "ไฟล์นำส่ง ITA 2567.zip"
    run([*command, "--no-reports"])  # the files it counts: what the baseline zips
    counted = work / "bundle-counted.txt"
    run([PYTHON, "-c", COUNTED_LIST, str(archive), str(counted)])
    files = sum(1 for _ in counted.open(encoding="utf-8"))
    baseline = "zip -0 -q of the same counted files (baseline)"
    commands = {"itapack bundle --format zip": command}
    commands["itapack bundle --format zip --no-reports"] = [*command, "--no-reports"]
    if shutil.which("zip"):
        target = work / "baseline.zip"
        zip_counted = f'rm -f "{target}" && cd "{tree}" && zip -0 -q "{target}" -@ < "{counted}"'
        commands[baseline] = ["sh", "-c", zip_counted]
        # What a bundle cannot do without: check the tree, then copy what counts. A bundle that
        # copies only after its check is at least this; the difference is the archive's own cost.
        check_only = " ".join(shlex.quote(part) for part in [*ITAPACK, "check", str(tree), "--format", "text"])
        commands[CHECK_THEN_ZIP] = ["sh", "-c", f"{check_only} > /dev/null; {zip_counted}"]
    timings = alternate(commands, max(1, rounds // 3))
    verify = Timing()
    run([*ITAPACK, "bundle", "--verify", str(archive)], verify)
    size = archive.stat().st_size
    print("binder (bundle --format pdf) per 1,000 pages …", flush=True)
    small = synthetic(work, 50)  # 2,376 one-page files: what a binder of a province's district holds
    binder_command = [*ITAPACK, "bundle", str(small), "--format", "pdf", "--out", str(work / "binder-out"), "--force"]
    said = subprocess.run(binder_command, capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"([\d,]+) หน้า", said).group(1).replace(",", ""))  # type: ignore[union-attr]
    binder = Timing()
    for _ in range(max(1, rounds // 3)):
        run(binder_command, binder)
    lines += [
        f"### Bundle: {units:,} units x 40 documents, {files:,} counted files, archive {size / 1e6:,.0f} MB",
        "",
        "| command | median s | runs (s) | median CPU s | peak memory |",
        "| --- | ---: | --- | ---: | ---: |",
    ]
    shown = {**timings, "itapack bundle --verify": verify, f"itapack bundle --format pdf ({pages:,} pages)": binder}
    for name, timing in shown.items():
        runs = ", ".join(f"{s:.1f}" for s in timing.seconds)
        cpu = statistics.median(timing.cpu_seconds)
        lines.append(f"| {name} | {timing.median:.1f} | {runs} | {cpu:.1f} | {timing.peak_kb // 1024} MB |")
    lines.append("")
    if baseline in timings:
        bare = timings["itapack bundle --format zip --no-reports"]
        ratio = bare.median / timings[baseline].median
        with_reports = timings["itapack bundle --format zip"].median / timings[baseline].median
        verdict = "met" if ratio <= 1.5 else "not met"
        base_s = timings[baseline].median
        cpu_ratio = statistics.median(timings["itapack bundle --format zip --no-reports"].cpu_seconds) / max(
            statistics.median(timings[baseline].cpu_seconds), 1e-3
        )
        shown_ratio = f"{ratio:.2f} without reports, {with_reports:.2f} with them; CPU {cpu_ratio:.2f}"
        floor = ""
        if CHECK_THEN_ZIP in timings:
            then = timings[CHECK_THEN_ZIP].median
            floor = f"; check then zip -0: {then:.1f} s = {then / base_s:.2f}x"
            floor += f", the bundle {bare.median / then:.2f}x of it"
            shown_ratio += floor
        if units != 8303:
            shown_ratio += f" ({units:,} units, not national)"
        measured("bundle", f"zip -0 of {files:,} files: {base_s:.1f} s", shown_ratio, ratio <= 1.5)
        lines.append(
            f"bundle --format zip / zip -0 of the same files: {ratio:.2f} without reports ({with_reports:.2f} with"
            f" them){floor}; target at most 1.5: **{verdict}**."
        )
    peak = max(t.peak_kb for name, t in timings.items() if name not in (baseline, CHECK_THEN_ZIP)) // 1024
    per_thousand = binder.median / pages * 1000
    measured("binder", f"{pages:,} pages in {binder.median:.1f} s", f"{per_thousand:.1f} s per 1,000 pages", None)
    lines += [
        f"Largest bundle peak {peak} MB; target under 600 MB: **{'met' if peak < 600 else 'not met'}**.",
        f"Binder: {per_thousand:.1f} s per 1,000 pages ({pages:,} pages, {binder.median:.1f} s).",
        "",
    ]


def _bomb(path: Path, member: str, size: int) -> Path:
    """A zip whose one member unpacks to size bytes of zeros, written in pieces (about size/1000 on disk)."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        out = archive.open(member, "w", force_zip64=True)
        block = bytes(1 << 24)
        for _ in range(size // len(block)):
            out.write(block)
        out.close()
    return path


def hostile(work: Path, rounds: int, lines: list[str]) -> None:
    """Peak memory of reading what should be refused, against `itapack --help` in the same run: a
    2 GB zip bomb in an intake inbox, and a bundle whose manifest.json is one. Refused from the
    zip's listing, each should cost what start-up costs, not the 2 GB it unpacks to."""
    print("hostile inputs …", flush=True)
    folder = work / "hostile"
    inbox = folder / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    size = 2 << 30
    bomb = inbox / "ส่งมา.zip"
    if not bomb.exists():
        _bomb(bomb, "1.1 บันทึกข้อความ.pdf", size)
    fake_bundle = folder / "bundle.zip"
    if not fake_bundle.exists():
        _bomb(fake_bundle, "manifest.json", size)
    commands = {
        "itapack --help (baseline)": [*ITAPACK, "--help"],
        "intake: a 2 GB zip bomb in the inbox": [*ITAPACK, "intake", str(EXAMPLE), str(inbox)],
        "bundle --verify: manifest.json a 2 GB bomb": [*ITAPACK, "bundle", "--verify", str(fake_bundle)],
    }
    timings = alternate(commands, rounds, expect=(0, 2))  # 2: refused, as it should be
    base = timings["itapack --help (baseline)"].peak_kb
    lines += [
        f"### Hostile inputs: zips that unpack to {size >> 30} GiB",
        "",
        "| command | median s | peak memory | x baseline |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, timing in timings.items():
        ratio = timing.peak_kb / base
        lines.append(f"| {name} | {timing.median:.2f} | {timing.peak_kb // 1024} MB | {ratio:.1f} |")
    worst = max(t.peak_kb for t in timings.values()) // 1024
    lines += ["", f"Largest peak {worst} MB; target under 600 MB: **{'met' if worst < 600 else 'not met'}**.", ""]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="itapack benchmarks")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each command (default 3)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "itapack-bench")
    parser.add_argument("--skip-national", action="store_true", help="skip the 400,000-file national tree")
    parser.add_argument("--links-units", type=int, default=500, help="units x 40 pages for the links run")
    parser.add_argument("--only-national", action="store_true", help="the national check alone (no bundle)")
    parser.add_argument("--scan-parts", action="store_true", help="also time the scan's parts, one process")
    parser.add_argument("--no-export", action="store_true", help="skip the national tracking workbook")
    parser.add_argument("--only-year", action="store_true", help="timeline and compare alone")
    parser.add_argument("--only-hostile", action="store_true", help="the hostile inputs alone (zip bombs)")
    parser.add_argument("--only-export", action="store_true", help="the national workbook against the check, alone")
    parser.add_argument("--only-memory", action="store_true", help="peak memory of every command, national, alone")
    parser.add_argument("--only-suite", action="store_true", help="the test suite's time alone")
    parser.add_argument("--only-startup", action="store_true", help="the start-up rows alone (21 runs or --rounds)")
    parser.add_argument("--before", type=Path, help="start-up: also time the check from this src/ folder")
    parser.add_argument("--only-bundle", action="store_true", help="the bundle rows alone (archive, binder)")
    parser.add_argument("--bundle-units", type=int, default=8303, help="units of the bundle's tree (default national)")
    parser.add_argument("--no-suite", action="store_true", help="skip the test suite's time")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    # What checks remember (the content cache of big trees) stays in the benchmark's own folder
    os.environ["ITAPACK_CACHE_DIR"] = str(args.work / "user-cache")
    lines = [
        f"## itapack benchmarks, {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"`python benchmarks/run.py {' '.join(argv)}` on "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; medians of "
        f"{args.rounds} alternating runs after a warm-up.",
        "",
    ]
    if args.only_year:
        year(args.work, args.rounds, lines)
    elif args.only_hostile:
        hostile(args.work, args.rounds, lines)
    elif args.only_memory:
        memory(args.work, lines)
    elif args.only_export:
        export(args.work, args.rounds, lines)
    elif args.only_suite:
        suite(lines)
    elif args.only_startup:
        startup(max(args.rounds, 21), lines, args.before)
    elif args.only_bundle:
        bundle(args.work, args.rounds, lines, args.bundle_units)
    elif not args.only_national:
        hostile(args.work, args.rounds, lines)
        startup(max(args.rounds, 21), lines, args.before)  # 0.2-0.4 s each, and the ratio moves with the load
        render(args.work, args.rounds, lines)
        year(args.work, args.rounds, lines)
        links(args.work, args.links_units, lines)
    only = any(
        (
            args.only_year,
            args.only_hostile,
            args.only_memory,
            args.only_suite,
            args.only_bundle,
            args.only_export,
            args.only_startup,
        )
    )
    if not args.skip_national and not only:
        national(args.work, args.rounds, lines, scan_parts=args.scan_parts)
        if not args.no_export:
            export(args.work, args.rounds, lines)
        if not args.only_national:
            bundle(args.work, args.rounds, lines, args.bundle_units)
            memory(args.work, lines)
    if not only and not args.only_national and not args.no_suite:
        suite(lines)
    lines += target_table()
    report = "\n".join(lines)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
