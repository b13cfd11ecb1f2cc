"""links against what breaks a naive client: ports past 65535, an unreadable Retry-After, a cache
that is a FIFO, SIGTERM mid-run, and two runs sharing one cache."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from itapack.links import fetch
from itapack.links.cache import Cache

from .. import hostile_inputs as hostile
from .conftest import LocalServer, gzip_bomb
from .test_command import env, itapack
from .test_verdicts import FAST, oit_pack, verdicts


def test_a_pack_url_on_port_99999_is_a_located_pack_problem(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"o1": "/good"})
    sections = root / "sections.yaml"
    sections.write_text(sections.read_text(encoding="utf-8").replace(str(server.server_port), "99999"), "utf-8")
    code, _, err = itapack("links", root, env=env())
    assert code == 2, err
    assert "sections.yaml:4" in err and "พอร์ต (1–65535)" in err


def test_a_redirect_to_port_99999_is_a_broken_link_not_a_crash(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"o1": "/to-bad-port", "o2": "/good"})
    found = verdicts(root)
    assert found["o1"] == ("broken", ("bad-redirect",))
    assert found["o2"][0] == "ok"


def test_a_retry_after_that_is_not_ascii_digits_falls_back_to_backoff(tmp_path: Path, server: LocalServer) -> None:
    for odd in ("\u00b2", "\u0e53", "1\u00bd", "-1", "9" * 20, "Wed, 21 Oct 2015 07:28:00 GMT"):
        assert fetch._retry_after(odd) is None
    assert fetch._retry_after(" 7 ") == 7.0 and fetch._retry_after("3600") == fetch.MAX_RETRY_AFTER
    root = oit_pack(tmp_path / "pack", server, {"o1": "/busy-odd"})
    assert verdicts(root, FAST)["o1"][0] == "ok"
    assert server.hits["/busy-odd"] == 2  # asked again once, after the backoff


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_cache_that_is_a_fifo_is_refused_at_once(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"o1": "/good"})
    cache = tmp_path / "cache"
    cache.mkdir()
    hostile.fifo(cache)
    run = subprocess.run(
        [sys.executable, "-m", "itapack", "links", str(root)],
        env={**os.environ, **env(), "ITAPACK_CACHE_DIR": str(cache)},
        capture_output=True,
        timeout=60,  # it used to wait for a writer forever
    )
    err = run.stderr.decode("utf-8")
    assert run.returncode == 3, err
    assert "ไม่ใช่ไฟล์ธรรมดา" in err and "ITAPACK_CACHE_DIR" in err and "Traceback" not in err
    for readonly in (False, True):
        with pytest.raises(Exception, match="ไม่ใช่ไฟล์ธรรมดา"):
            Cache(cache / "links.sqlite3", readonly=readonly)


@pytest.mark.skipif(os.name == "nt", reason="Windows has no SIGTERM to send: TerminateProcess ends at once")
def test_sigterm_ends_links_while_a_page_is_still_coming(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"o1": "/slow"})
    child = subprocess.Popen(
        [sys.executable, "-m", "itapack", "links", str(root)],
        env={**os.environ, **env()},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while server.hits["/slow"] == 0 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.hits["/slow"] == 1, "links never asked for the page"
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 143, err.decode("utf-8")
    assert "SIGTERM" in err.decode("utf-8") and b"Traceback" not in err


def stored(url: str) -> fetch.Fetched:
    return fetch.Fetched(url, time.time(), final_url=url, status=200, content_type="text/html")


def test_two_runs_share_the_cache_instead_of_locking_each_other_out(tmp_path: Path) -> None:
    path = tmp_path / "links.sqlite3"
    with Cache(path) as first, Cache(path) as second:
        first.put(stored("https://a.example/แผน"))  # waits in memory: no write lock held meanwhile
        assert first.get("https://a.example/แผน") is not None  # a run sees what it has not written yet
        for number in range(250):  # past a batch: the second run writes while the first holds rows
            second.put(stored(f"https://b.example/{number}"))
        second.commit()
        first.put(stored("https://a.example/รายงาน"))
        first.commit()
    with Cache(path, readonly=True) as later:
        assert later.get("https://a.example/แผน") is not None and later.get("https://a.example/รายงาน") is not None
        assert all(later.checked_at(f"https://b.example/{n}") is not None for n in range(250))


def test_what_a_site_sends_reaches_the_terminal_escaped() -> None:
    import io

    from itapack.links.judge import LinkResult, Target
    from itapack.links.output import TextReport

    target = Target("o1", None, "https://a.example/แผน", "อบต.ทดสอบ", "แผน", 2567, frozenset({2567}))
    hops = ("https://a.example/\u202efdp.exe", "https://a.example/\x85\x9b31m")
    fetched = fetch.Fetched(target.url, time.time(), final_url=hops[-1], status=404, redirects=hops)
    stream = io.StringIO()
    TextReport(stream).emit(LinkResult(target, "broken", (), fetched))
    shown = stream.getvalue()
    assert "https://a.example/??31m" in shown
    assert not any(ch in shown for ch in "\u202e\x85\x9b")
    assert shown.count("\n") == 4  # the report's own lines are kept


def test_a_gzip_bomb_is_inflated_no_further_than_max_size(server: LocalServer) -> None:
    import asyncio
    import tracemalloc

    async def get() -> fetch.Fetched:
        async with fetch.Fetcher(FAST) as fetcher:
            return await fetcher.fetch(server.url("/gzip-bomb"))

    gzip_bomb()  # made before counting: the server runs in this process
    tracemalloc.start()
    try:
        got = asyncio.run(get())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert got.status == 200 and got.truncated
    assert peak < 20 * FAST.max_bytes  # httpx's own decoder made 64 MB of each 64 KB read


def test_gzip_and_both_kinds_of_deflate_still_read_whole() -> None:
    import zlib

    page = "<p>แผนปฏิบัติการ 2567</p>".encode() * 1000
    raw = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    for encoding, body in (
        ("gzip", __import__("gzip").compress(page)),
        ("deflate", zlib.compress(page)),
        ("deflate", raw.compress(page) + raw.flush()),
    ):
        inflater = fetch._Inflater(encoding)
        assert b"".join(inflater.take(body[i : i + 100], 1 << 30) for i in range(0, len(body), 100)) == page
