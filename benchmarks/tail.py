"""The parent's share of a big check, phase by phase, in CPU seconds: merging what the workers
sent, deciding, writing the JSON; and the JSON's SHA-256, to hold that a change kept its bytes.

    python benchmarks/tail.py TREE [--today 2567-06-01] [--rounds 3]
    PYTHONPATH=<an earlier src/> python benchmarks/tail.py TREE   # the same for an earlier commit

CPU rather than wall time: the workers' walk is what the machine's load moves most, and the
parent's phases are what nothing else overlaps. The content cache is used as a check uses it
(ITAPACK_CACHE_DIR): run once first to fill it.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import io
import statistics
import sys
import time
from pathlib import Path


class Digest(io.TextIOBase):
    """A stream that keeps only the SHA-256 of what is written to it."""

    def __init__(self) -> None:
        self.sha = hashlib.sha256()

    def write(self, text: str) -> int:
        self.sha.update(text.encode())
        return len(text)


def phases(tree: Path, today: str) -> tuple[dict[str, float], str]:
    from itapack.evidence.decide import decide
    from itapack.evidence.parallel import scan_and_place
    from itapack.outputs import jsonout
    from itapack.pack import thai
    from itapack.pack.loader import load_pack

    day = thai.parse_be_date(today)
    started = time.process_time()
    pack = load_pack(tree)
    loaded = time.process_time()
    gc.disable()  # as check() does
    scan, placer = scan_and_place(pack)
    merged = time.process_time()
    result = decide(pack, scan, placer, day)
    decided = time.process_time()
    gc.freeze()
    out = Digest()
    jsonout.write(result, out)
    written = time.process_time()
    cpu = {
        "load the pack": loaded - started,
        "merge (the parent's part of the walk)": merged - loaded,
        "decide": decided - merged,
        "write the JSON (and its digest)": written - decided,
    }
    return cpu, out.sha.hexdigest()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tree", type=Path)
    parser.add_argument("--today", default="2567-06-01", help="BE date the check judges against")
    parser.add_argument("--rounds", type=int, default=1, help="runs in this process, one after another")
    args = parser.parse_args(argv)
    found: dict[str, list[float]] = {}
    digests = set()
    for _ in range(args.rounds):
        cpu, digest = phases(args.tree, args.today)
        digests.add(digest)
        for name, seconds in cpu.items():
            found.setdefault(name, []).append(seconds)
        gc.unfreeze()
        gc.enable()
        gc.collect()
    for name, seconds in found.items():
        print(f"{name}: {statistics.median(seconds):.2f} s CPU (runs: {', '.join(f'{s:.2f}' for s in seconds)})")
    print(f"JSON SHA-256: {', '.join(sorted(digests))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
