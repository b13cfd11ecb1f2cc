"""This itapack against an earlier commit of itself, beside `find -type f`, on the same synthetic
tree, runs alternating: the ratio of medians is what the change since that commit cost.

    python benchmarks/versus.py 7c54f17                 # the national tree (8,303 units), warm
    python benchmarks/versus.py 7c54f17 --units 800     # a province-sized tree, quicker
    python benchmarks/versus.py 7c54f17 --no-cache      # both without the content cache

Each side runs `itapack check --format json` from its own source (PYTHONPATH; the base is a git
archive of its src/), with its own content cache, filled by a warm-up run: warm, as a clerk's
second check of the day is. CPU seconds (the check and its workers) are shown beside wall time:
a shared machine's load moves wall time much more. Linux only, like run.py; nothing is written
outside --work.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import NO_CACHE, PYTHON, ROOT, alternate, synthetic  # noqa: E402  (benchmarks/ is not a package)


def source_of(revision: str, work: Path) -> Path:
    """The src/ folder of revision, exported once with git archive (no worktree to clean up)."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", revision], check=True, capture_output=True, text=True
    ).stdout.strip()
    target = work / f"source-{commit}"
    if not (target / "src" / "itapack").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "src"


def command(source: Path, cache: Path, tree: Path, *, no_cache: bool) -> list[str]:
    kept = [f"{k}={v}" for k, v in NO_CACHE.items()] if no_cache else [f"ITAPACK_CACHE_DIR={cache}"]
    return ["env", f"PYTHONPATH={source}", *kept, PYTHON, "-m", "itapack", "check", str(tree), "--format", "json"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the commit to compare against, e.g. 7c54f17")
    parser.add_argument("--units", type=int, default=8303, help="units x 40 documents (default: national, 8,303)")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs of each side (default 5)")
    parser.add_argument("--no-cache", action="store_true", help="both sides without the content cache")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "itapack-bench")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    tree = synthetic(args.work, args.units)
    sides = {
        "find -type f": ["find", str(tree / "evidence"), "-type", "f"],
        f"base {args.base}": command(
            source_of(args.base, args.work), args.work / "cache-base", tree, no_cache=args.no_cache
        ),
        "this tree": command(ROOT / "src", args.work / "cache-this", tree, no_cache=args.no_cache),
    }
    print(f"{args.units} units x 40 documents, {args.rounds} alternating runs each …", flush=True)
    timings = alternate(sides, args.rounds)  # its warm-up run fills each side's content cache
    find, base, this = timings.values()
    print("| command | median wall s | ratio to find | median CPU s |\n| --- | ---: | ---: | ---: |")
    for name, timing in timings.items():
        cpu = statistics.median(timing.cpu_seconds)
        print(f"| {name} | {timing.median:.2f} | {timing.median / find.median:.2f} | {cpu:.2f} |")
    wall = this.median / base.median
    cpu = statistics.median(this.cpu_seconds) / statistics.median(base.cpu_seconds)
    print(f"\nthis / base: {wall:.3f}x wall, {cpu:.3f}x CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
