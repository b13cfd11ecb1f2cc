"""itapack's speed and memory against baselines measured in the same run, as ratios of medians.

    python benchmarks/run.py                 # everything; the national tree takes ~3 GB in /tmp
    python benchmarks/run.py --skip-national # start-up and render only (a minute)

Targets (README, "Speed and memory"):
- national check (8,303 units x 40 documents) no slower than `find -type f` on the same tree,
  peak memory under 300 MB;
- start-up: --help and a check of the example import neither python-docx nor jinja2, and the
  check and --help each cost at most 1.5x a bare `python -c "import typer, pydantic, yaml"`;
- render grows linearly: 800 units at most 12x what 80 cost;
- links: throughput and peak memory for 20,000 addresses on a local server (127.0.0.1 only,
  benchmarks/links_server.py), from the cache, --offline, and the largest pack a file allows.
- national bundle (archive): time and peak memory, beside `zip -qr` of the same evidence.

Shared machines are noisy: every comparison alternates the two commands, after a warm-up, and
compares medians. Results go to benchmarks/results/latest.md (not committed).
"""

from __future__ import annotations

import argparse
import compileall
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
    cpu_seconds: list[float] = field(default_factory=list)  # user + system: what a busy machine does not inflate
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
        timing.cpu_seconds.append(usage.ru_utime + usage.ru_stime)
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
    print("national tracking workbook against the check …", flush=True)
    workbook = Path(tempfile.mkdtemp(prefix="itapack-export-")) / "national.xlsx"
    exported = alternate(
        {"itapack export --xlsx": [*ITAPACK, "export", str(tree), "--xlsx", str(workbook), "--force"]}, rounds
    )
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
    for name, timing in {**timings, **exported, **parts}.items():
        runs = ", ".join(f"{s:.1f}" for s in timing.seconds)
        ratio = timing.median / find.median
        lines.append(f"| {name} | {timing.median:.1f} | {runs} | {ratio:.2f} | {timing.peak_kb // 1024} MB |")
    export = exported["itapack export --xlsx"]
    lines += [
        "",
        f"The tracking workbook ({workbook.stat().st_size / 1e6:.0f} MB) costs {export.median / check.median:.2f}x "
        "the JSON check it is written from.",
    ]
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
    # An installed itapack has its bytecode compiled (pip does it at install); where writing it is
    # off (PYTHONDONTWRITEBYTECODE, a read-only checkout) every run would compile our modules again.
    compileall.compile_dir(ROOT / "src" / "itapack", quiet=1)
    imported: dict[str, list[str]] = {}
    for name, args in {"--help": ["--help"], "check the example": ["check", str(EXAMPLE), "--format", "json"]}.items():
        result = subprocess.run([PYTHON, "-X", "importtime", "-m", "itapack", *args], capture_output=True, text=True)
        modules = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line]
        imported[name] = [m for m in modules if m.split(".")[0] in ("docx", "jinja2", "xlsxwriter")]
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
    help_ = timings["itapack --help"]
    lines += [
        "",
        f"python-docx, jinja2 or xlsxwriter imported by --help: {imported['--help'] or 'none'}; "
        f"by a check: {imported['check the example'] or 'none'} (`python -X importtime`).",
        f"Target check <= 1.5x the bare imports: **{'met' if check.median <= 1.5 * base.median else 'not met'}** "
        f"({check.median / base.median:.2f}); --help: **{'met' if help_.median <= 1.5 * base.median else 'not met'}** "
        f"({help_.median / base.median:.2f}).",
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
                f"from itapack.loader import load_pack; load_pack(__import__('pathlib').Path({str(pack)!r}))",
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
    load = f"from itapack.loader import load_pack; load_pack(__import__('pathlib').Path({str(pack)!r}))"
    run([PYTHON, "-c", load], loaded)
    lines += [
        f"Largest pack one units.yaml allows (5 MB): {units:,} units x 40 = {units * 40:,} addresses, "
        f"`--offline` on an empty cache: {offline.median:.1f} s, peak {offline.peak_kb // 1024} MB, of which "
        f"loading the pack alone is {loaded.median:.1f} s and {loaded.peak_kb // 1024} MB. 350,000 addresses do not "
        "fit one pack; they are a province's pack each (77 of them, ~4,500 addresses on average).",
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
    parser.add_argument("--links-units", type=int, default=500, help="units x 40 pages for the links run")
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
    links(args.work, args.links_units, lines)
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
