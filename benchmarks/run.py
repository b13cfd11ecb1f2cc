"""itapack's speed and memory against baselines measured in the same run, as ratios of medians.

    python benchmarks/run.py                 # everything; the national tree takes ~3 GB in /tmp
    python benchmarks/run.py --skip-national # start-up and render only (a minute)

Targets (README, "Speed and memory"):
- national check (8,303 units x 40 documents) no slower than `find -type f` on the same tree,
  peak memory under 300 MB;
- start-up: --help and a check of the example import neither python-docx nor jinja2, and the
  check costs at most 1.5x a bare `python -c "import typer, pydantic, yaml"`;
- render grows linearly: 800 units at most 12x what 80 cost;
- national bundle (archive): time and peak memory, beside `zip -qr` of the same evidence.

Shared machines are noisy: every comparison alternates the two commands, after a warm-up, and
compares medians. Results go to benchmarks/results/latest.md (not committed).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
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
    peak_kb: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run(command: list[str], timing: Timing | None = None, *, env: dict[str, str] | None = None) -> float:
    """Wall time of one run, its output thrown away; records the process's peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # check exits 1 when evidence is missing: that is a result
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {process.stderr.read().decode()}")
    if timing is not None:
        timing.seconds.append(elapsed)
        timing.peak_kb = max(timing.peak_kb, usage.ru_maxrss)
    return elapsed


def alternate(commands: dict[str, list[str]], rounds: int) -> dict[str, Timing]:
    timings = {name: Timing() for name in commands}
    for command in commands.values():  # warm-up: file system caches, .pyc files
        run(command)
    for _ in range(rounds):
        for name, command in commands.items():
            run(command, timings[name])
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
from itapack import scan
from itapack.loader import load_pack
pack = load_pack(Path(sys.argv[1]))
if sys.argv[2] == "names":  # list folders only: what find -type f does
    scan.read_file = lambda name, shown, handle, path: scan.ScannedFile(shown, 1)
elif sys.argv[2] == "sizes":  # list and take sizes, read nothing
    scan.read_file = lambda name, shown, handle, path: scan.ScannedFile(shown, os.stat(name, dir_fd=handle).st_size)
for _ in scan.Scan(pack.evidence_root, pack.root).folders():
    pass
"""


def national(work: Path, rounds: int, lines: list[str]) -> None:
    tree = synthetic(work, 8303)
    # os.walk, not Path.rglob: rglob remembers every path it yielded, and a child process's peak
    # memory as the kernel reports it starts from this process's size at the fork.
    files = sum(len(names) for _, _, names in os.walk(tree / "evidence"))
    print("national check against find -type f …", flush=True)
    timings = alternate(
        {
            "find -type f": ["find", str(tree / "evidence"), "-type", "f"],
            "itapack check --format json": [*ITAPACK, "check", str(tree), "--format", "json"],
        },
        rounds,
    )
    find, check = timings["find -type f"], timings["itapack check --format json"]
    print("what the scan's parts cost …", flush=True)
    parts = alternate(
        {
            "scan: list folders only": [PYTHON, "-c", SCAN_ONLY, str(tree), "names"],
            "scan: list and take sizes": [PYTHON, "-c", SCAN_ONLY, str(tree), "sizes"],
            "scan: list, sizes, read 1 kB of each file": [PYTHON, "-c", SCAN_ONLY, str(tree), "full"],
        },
        rounds,
    )
    lines += [
        f"### National check: 8,303 units x 40 documents, {files:,} files",
        "",
        "| command | median s | runs (s) | ratio to find | peak memory |",
        "| --- | ---: | --- | ---: | ---: |",
    ]
    for name, timing in {**timings, **parts}.items():
        runs = ", ".join(f"{s:.1f}" for s in timing.seconds)
        ratio = timing.median / find.median
        lines.append(f"| {name} | {timing.median:.1f} | {runs} | {ratio:.2f} | {timing.peak_kb // 1024} MB |")
    verdict = "met" if check.median <= find.median else "not met"
    memory = "met" if check.peak_kb < 300 * 1024 else "not met"
    lines += [
        "",
        f"Target ratio <= 1.0: **{verdict}** ({check.median / find.median:.2f}). "
        f"Target peak < 300 MB: **{memory}** ({check.peak_kb // 1024} MB).",
        "",
    ]


def startup(rounds: int, lines: list[str]) -> None:
    print("start-up …", flush=True)
    imported: dict[str, list[str]] = {}
    for name, args in {"--help": ["--help"], "check the example": ["check", str(EXAMPLE), "--format", "json"]}.items():
        result = subprocess.run([PYTHON, "-X", "importtime", "-m", "itapack", *args], capture_output=True, text=True)
        modules = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line]
        imported[name] = [m for m in modules if m.split(".")[0] in ("docx", "jinja2")]
    timings = alternate(
        {
            'python -c "import typer, pydantic, yaml"': [PYTHON, "-c", "import typer, pydantic, yaml"],
            # `import pydantic` is lazy; the first model loads the machinery every model needs
            "… and from pydantic import BaseModel": [
                PYTHON,
                "-c",
                "import typer, pydantic, yaml; from pydantic import BaseModel",
            ],
            "itapack check <example> --format json": [*ITAPACK, "check", str(EXAMPLE), "--format", "json"],
            "itapack --help": [*ITAPACK, "--help"],
        },
        rounds,
    )
    base = timings['python -c "import typer, pydantic, yaml"']
    lines += ["### Start-up", "", "| command | median s | ratio to the bare imports |", "| --- | ---: | ---: |"]
    for name, timing in timings.items():
        lines.append(f"| {name} | {timing.median:.3f} | {timing.median / base.median:.2f} |")
    check = timings["itapack check <example> --format json"]
    lines += [
        "",
        f"python-docx or jinja2 imported by --help: {imported['--help'] or 'none'}; "
        f"by a check: {imported['check the example'] or 'none'} (`python -X importtime`).",
        f"Target check <= 1.5x the bare imports: **{'met' if check.median <= 1.5 * base.median else 'not met'}** "
        f"({check.median / base.median:.2f}).",
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


def bundle(work: Path, rounds: int, lines: list[str]) -> None:
    """The national archive: time and peak memory of bundle --format zip, against zip -r of the same
    evidence, and of --verify. Streaming keeps the peak near the check's: files are never held."""
    import shutil

    tree = synthetic(work, 8303)
    out = work / "bundle-out"
    print("national bundle (archive) against zip -r …", flush=True)
    command = [*ITAPACK, "bundle", str(tree), "--format", "zip", "--out", str(out), "--force"]
    commands = {"itapack bundle --format zip": command}
    if shutil.which("zip"):
        target = work / "baseline.zip"
        commands["zip -qr (baseline)"] = ["sh", "-c", f'rm -f "{target}" && cd "{tree}" && zip -qr "{target}" evidence']
    commands["itapack bundle --format zip --no-reports"] = [*command, "--no-reports"]
    timings = alternate(commands, max(1, rounds // 3))
    archive = out / "itapack-bundle-2567.zip"
    binder = Timing()
    for _ in range(rounds):  # the example's binder: cover, contents, 148 files, one DOCX through LibreOffice
        run([*ITAPACK, "bundle", str(EXAMPLE), "--format", "pdf", "--out", str(work / "binder-out"), "--force"], binder)
    verify = Timing()
    run([*ITAPACK, "bundle", "--verify", str(archive)], verify)
    size = archive.stat().st_size
    lines += [
        f"### National bundle: 8,303 units x 40 documents, archive {size / 1e6:,.0f} MB",
        "",
        "| command | median s | runs (s) | peak memory |",
        "| --- | ---: | --- | ---: |",
    ]
    shown = {**timings, "itapack bundle --verify": verify, "itapack bundle --format pdf (the example)": binder}
    for name, timing in shown.items():
        runs = ", ".join(f"{s:.1f}" for s in timing.seconds)
        lines.append(f"| {name} | {timing.median:.1f} | {runs} | {timing.peak_kb // 1024} MB |")
    lines.append("")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="itapack benchmarks")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each command (default 3)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "itapack-bench")
    parser.add_argument("--skip-national", action="store_true", help="skip the 400,000-file national tree")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    lines = [
        f"## itapack benchmarks, {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"`python benchmarks/run.py{' --skip-national' if args.skip_national else ''} --rounds {args.rounds}` on "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; medians of "
        f"{args.rounds} alternating runs after a warm-up.",
        "",
    ]
    startup(max(args.rounds, 10), lines)
    render(args.work, args.rounds, lines)
    if not args.skip_national:
        national(args.work, args.rounds, lines)
        bundle(args.work, args.rounds, lines)
    report = "\n".join(lines)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
