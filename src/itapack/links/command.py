"""`itapack links`: load the pack, check every address in it, write the report, say how it went."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from .. import safety
from ..errors import ExitCode, InputError
from ..i18n import N_, _
from ..pack.loader import load_pack
from .cache import Cache
from .fetch import Settings
from .judge import targets
from .output import JsonReport, TextReport, is_own_links_output
from .run import check_links

NO_URLS = N_("ชุดเอกสารนี้ไม่มีที่อยู่เว็บ (url ของเอกสาร หรือ urls ของหน่วยงาน) ให้ตรวจ")
_AGE = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_age(text: str) -> float:
    """--max-age: 0, 90s, 30m, 12h, 7d."""
    match = _AGE.fullmatch(text.strip())
    if not match:
        raise InputError(_("--max-age {text}: เขียนตัวเลขตามด้วย s, m, h หรือ d (เช่น 12h, 7d) หรือ 0").format(text=text))
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]


def run(
    pack_path: Path,
    *,
    json_format: bool,
    output: Path | None,
    settings: Settings,
    max_age: float,
    offline: bool,
    show_ok: bool,
    force: bool = False,
) -> ExitCode:
    pack = load_pack(pack_path)
    if output is not None:  # refused before a single page is opened
        safety.check_target(output, force=force, ours=is_own_links_output, streams=True)
    found = targets(pack)
    title = _("ลิงก์ของ {organisation} ปีงบประมาณ พ.ศ. {year}").format(
        organisation=pack.organisation.name, year=pack.fiscal_year
    )
    if not found:
        print(_(NO_URLS), file=sys.stderr)
        if json_format:  # a reader of JSON still gets a document, an empty one
            head = {"fiscal_year": pack.fiscal_year, "organisation": pack.organisation.name}
            _write(output, lambda stream: _empty_json(stream, head, title), force)
        return ExitCode.OK
    with Cache(readonly=offline) as cache:

        def report(stream: TextIO | None) -> bool:
            head = {"fiscal_year": pack.fiscal_year, "organisation": pack.organisation.name}
            with _progress_bar(len(found)) as progress:
                # On a terminal the bar stands in for sys.stdout while it runs; lines go through it.
                shown = sys.stdout if stream is None else stream
                sink = JsonReport(shown, head) if json_format else TextReport(shown, show_ok=show_ok)
                summary = check_links(
                    found,
                    sink.emit,
                    cache=cache if cache.db is not None else None,
                    settings=settings,
                    max_age=max_age,
                    offline=offline,
                    progress=progress,
                )
            sink.finish(summary, title)
            return summary.all_ok

        all_ok = _write(output, report, force)
    return ExitCode.OK if all_ok else ExitCode.EVIDENCE_MISSING


def _write(output: Path | None, write: Callable[[TextIO | None], bool | None], force: bool) -> bool:
    """write(None) writes to sys.stdout as it is when written to (a progress bar may stand in for it)."""
    if output is None:
        return bool(write(None))
    with safety.writing(output, force=force, ours=is_own_links_output, streams=True) as stream:
        return bool(write(stream))


def _empty_json(stream: TextIO | None, head: dict[str, object], title: str) -> None:
    from .run import Summary

    JsonReport(stream or sys.stdout, head).finish(Summary(), title)


@contextlib.contextmanager
def _progress_bar(total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A rich bar on stderr, only on a terminal; it goes away when the run ends."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn(_("ตรวจลิงก์")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with bar:
        task = bar.add_task("links", total=total)
        yield lambda done, addresses: bar.update(task, completed=done, total=addresses)
