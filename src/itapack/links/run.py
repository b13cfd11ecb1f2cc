"""One run of `itapack links`: each address fetched once (or taken from the cache), every item judged,
results handed on in the pack's order as they come, so a national run holds a window, not the whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..stopping import Stopped
from .cache import Cache
from .fetch import Fetched, Fetcher, Settings
from .judge import OK, LinkResult, Target, judge

WINDOW = 2_000  # addresses fetched ahead of the oldest one not yet handed on


@dataclass
class Summary:
    """Counts for the end of a report: by verdict, by problem code and by body."""

    total: int = 0
    addresses: int = 0
    fetched: int = 0
    from_cache: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    problems: Counter[str] = field(default_factory=Counter)
    bodies: dict[str, Counter[str]] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, result: LinkResult) -> None:
        self.total += 1
        self.verdicts[result.verdict] += 1
        self.problems.update(result.codes)
        self.bodies.setdefault(result.target.body, Counter())[result.verdict] += 1

    @property
    def all_ok(self) -> bool:
        return self.verdicts[OK] == self.total


def group(targets: Iterable[Target]) -> dict[str, list[Target]]:
    """Targets by address, in first-seen order: an address shared by items is fetched once."""
    by_url: dict[str, list[Target]] = {}
    for target in targets:
        by_url.setdefault(target.url, []).append(target)
    return by_url


def check_links(
    targets: Iterable[Target],
    emit: Callable[[LinkResult], None],
    *,
    cache: Cache | None,
    settings: Settings | None = None,
    max_age: float = 0.0,
    offline: bool = False,
    progress: Callable[[int, int], None] | None = None,
    now: float | None = None,
) -> Summary:
    """Judge every target, calling emit(result) in the targets' order. max_age: seconds a cached
    result stays good without asking the site again; offline: never ask, report the cache."""
    started = time.monotonic()
    by_url = group(targets)
    summary = Summary(addresses=len(by_url))
    moment = time.time() if now is None else now

    def hand_on(url: str, fetched: Fetched | None, cached: bool) -> None:
        if cached:
            summary.from_cache += 1
        else:
            summary.fetched += 1
        for target in by_url[url]:
            result = judge(target, fetched, from_cache=cached)
            summary.add(result)
            emit(result)
        if progress is not None:
            progress(summary.fetched + summary.from_cache, summary.addresses)

    if offline:
        for url in by_url:
            hand_on(url, cache.get(url) if cache is not None else None, True)
    else:
        run_stoppable(_fetch_all(by_url, hand_on, cache, settings or Settings(), max_age, moment))
    if cache is not None:
        cache.commit()
    summary.seconds = time.monotonic() - started
    return summary


def run_stoppable(work: Coroutine[Any, Any, None]) -> None:
    """asyncio.run, with Ctrl-C and SIGTERM turned into a cancellation of the run, then Stopped.

    The program's own handler raises Stopped wherever the signal lands: inside the event loop that
    is in the middle of httpx's or anyio's bookkeeping, which then fails with an error of its own
    (exit 70) instead of ending. Cancelling lets every request close as asyncio means it to."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread gets signals
        asyncio.run(work)
        return
    stopped: list[int] = []
    names = [name for name in ("SIGINT", "SIGTERM") if hasattr(signal, name)]
    before = {name: signal.getsignal(getattr(signal, name)) for name in names}

    async def main() -> None:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None

        def stop(signum: int) -> None:
            if not stopped:  # a second signal must not cut the clean-up short
                stopped.append(signum)
                task.cancel()

        for name in names:
            signum = getattr(signal, name)
            if before[name] is signal.SIG_IGN:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # Windows: no such hook
                loop.add_signal_handler(signum, stop, signum)
        try:
            await work
        except asyncio.CancelledError:
            if not stopped:
                raise

    try:
        asyncio.run(main())
    finally:
        for name in names:  # the loop leaves the default behind; the program's own handler comes back
            handler = signal.SIG_IGN if stopped else before[name]
            if handler is not None:  # None: set outside Python, nothing of ours to put back
                signal.signal(getattr(signal, name), handler)
    if stopped:
        raise Stopped(stopped[0])


def _young(cache: Cache, url: str, now: float, max_age: float) -> bool:
    checked = cache.checked_at(url)
    return checked is not None and now - checked < max_age


async def _fetch_all(
    by_url: dict[str, list[Target]],
    hand_on: Callable[[str, Fetched | None, bool], None],
    cache: Cache | None,
    settings: Settings,
    max_age: float,
    now: float,
) -> None:
    async with Fetcher(settings) as fetcher:
        now_fetching = [url for url in by_url if not _young(cache, url, now, max_age)] if cache else list(by_url)
        fetcher.plan(now_fetching)

        async def one(url: str) -> tuple[Fetched, bool]:
            cached = cache.get(url) if cache is not None else None
            if cached is not None and now - cached.checked_at < max_age:
                return cached, True
            return await fetcher.fetch_planned(url, cached), False

        queue: asyncio.Queue[tuple[str, asyncio.Task[tuple[Fetched, bool]]] | None] = asyncio.Queue(WINDOW)

        async def produce() -> None:
            for url in by_url:
                await queue.put((url, asyncio.create_task(one(url))))
            await queue.put(None)

        producer = asyncio.create_task(produce())
        try:
            while (item := await queue.get()) is not None:
                url, task = item
                fetched, cached = await task
                if cache is not None and not cached:
                    cache.put(fetched)
                hand_on(url, fetched, cached)
            await producer
        finally:  # Ctrl-C or an error: no task is left running behind
            producer.cancel()
            while not queue.empty():
                left = queue.get_nowait()
                if left is not None:
                    left[1].cancel()
