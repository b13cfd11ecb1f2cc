"""The same check by two versions of itapack, alternating, beside `find -type f`: wall and CPU seconds.

    git archive <commit> src | tar -x -C /tmp/itapack-before
    python benchmarks/before_after.py /tmp/itapack-before/src TREE [--rounds 3] [--no-cache]

TREE is a pack from make_synthetic.py. Each version keeps its own content cache (filled by a
warm-up run), or none with --no-cache. A shared machine's load moves wall times; CPU seconds, summed
over the check and its workers, move much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], env: dict[str, str] | None) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the src folder of the other version")
    parser.add_argument("tree", type=Path, help="a pack made by make_synthetic.py")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-cache", action="store_true", help="both without the content cache")
    args = parser.parse_args(argv)
    check = [sys.executable, "-m", "itapack", "check", str(args.tree), "--format", "json"]
    caches = Path(tempfile.mkdtemp(prefix="itapack-before-after-"))

    def env(name: str, **more: str) -> dict[str, str]:
        kept = {"ITAPACK_NO_CACHE": "1"} if args.no_cache else {"ITAPACK_CACHE_DIR": str(caches / name)}
        return {**os.environ, **kept, **more}

    commands = {
        "find -type f": (["find", str(args.tree / "evidence"), "-type", "f"], None),
        "before": (check, env("before", PYTHONPATH=str(args.before.resolve()))),
        "after": (check, env("after")),
    }
    for command, environment in commands.values():  # warm-up: file system caches, content caches
        timed(command, environment)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, (command, environment) in commands.items():
            runs[name].append(timed(command, environment))
    find = statistics.median(wall for wall, _ in runs["find -type f"])
    print("| command | median wall s | ratio to find | median CPU s |\n| --- | ---: | ---: | ---: |")
    for name, measured in runs.items():
        wall = statistics.median(w for w, _ in measured)
        cpu = statistics.median(c for _, c in measured)
        print(f"| {name} | {wall:.1f} | {wall / find:.2f} | {cpu:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
