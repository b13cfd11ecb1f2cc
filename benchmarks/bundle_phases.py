"""A bundle's archive, phase by phase, in wall seconds: the check (the walk, deciding), the plan,
the listing, the copy, the manifests and the safe writer's end; and, during the copy, the CPU of
the main process and of the forked copier, to say which of the two bounds it. The archive's
SHA-256 holds that a change kept its bytes.

    python benchmarks/bundle_phases.py TREE [--rounds 3] [--date 2567-06-01]
    PYTHONPATH=<an earlier src/> python benchmarks/bundle_phases.py TREE   # an earlier commit

This machine reclaims page cache between runs, so the first round after a pause is slow in
every phase: read the later rounds. The content cache is used as a bundle uses it
(ITAPACK_CACHE_DIR): run once first to fill it. The archive is written to a temporary folder
beside the tree and removed.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


def one_round(tree: Path, today: str) -> tuple[dict[str, float], str]:
    from itapack import check
    from itapack.evidence import parallel
    from itapack.handin import archive, bundle, copier
    from itapack.pack import thai
    from itapack.pack.loader import load_pack

    day = thai.parse_be_date(today)
    marks: list[tuple[str, float]] = [("", time.perf_counter())]

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter()))

    def after(function: Callable[..., Any], name: str) -> Callable[..., Any]:
        def timed(*args: Any, **options: Any) -> Any:
            made = function(*args, **options)
            mark(name)
            return made

        return timed

    def listing(parts: Any) -> Any:
        mark("plan")
        return after(original_listing, "listing")(parts)

    cpu: dict[str, float] = {}

    def copies(*args: Any, **options: Any) -> Iterator[Any]:
        main, children = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
        yield from original_copies(*args, **options)
        mark("copy and rows")
        ended = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu["main process in the copy"] = time.process_time() - main
        cpu["copier"] = ended.ru_utime + ended.ru_stime - children.ru_utime - children.ru_stime

    original_scan, original_listing, original_copies = parallel.scan_and_place, archive.listing, copier.copies
    check.scan_and_place = after(original_scan, "the check's walk")
    archive.listing, copier.copies = listing, copies
    try:
        pack = load_pack(tree)
        mark("pack loaded")
        result = check.check(pack, today=day)
        mark("deciding")
        out = Path(tempfile.mkdtemp(prefix="bundle-phases-", dir=tree.parent))
        try:
            [written] = bundle.make_bundle(pack, result, out=out, formats=("zip",), today=day, reports=False)
            mark("manifests and the writer's end")
            digest = hashlib.sha256(written.path.read_bytes()).hexdigest()
        finally:
            shutil.rmtree(out)
    finally:
        check.scan_and_place, archive.listing, copier.copies = original_scan, original_listing, original_copies
    seconds = {name: at - marks[number][1] for number, (name, at) in enumerate(marks[1:])}
    return {**seconds, **{f"CPU: {name}": value for name, value in cpu.items()}}, digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--date", default="2567-06-01", help="the bundle's --date (Buddhist era)")
    options = parser.parse_args()
    digests = set()
    for number in range(1, options.rounds + 1):
        seconds, digest = one_round(options.tree.resolve(), options.date)
        digests.add(digest)
        shown = ", ".join(f"{name} {value:.2f}" for name, value in seconds.items())
        print(f"round {number}: {shown}", flush=True)
    print(f"archive SHA-256: {', '.join(sorted(digests))}")


if __name__ == "__main__":
    main()
