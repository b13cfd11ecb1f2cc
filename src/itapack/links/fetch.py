"""Fetching pages politely and concurrently with httpx: limits per site, timeouts, retries, redirects.

Redirects are followed here, hop by hop, so that every hop is reported and a loop is stopped. A
body is read up to a cap and turned into text at once (content.read); only the text is kept.
"""

from __future__ import annotations

import asyncio
import functools
import re
import ssl
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..pack.model import openable
from . import content

if TYPE_CHECKING:
    import httpx

# Fixed and documented (REFERENCE.md, "itapack links"): a webmaster who sees it in a log knows who asked and why.
USER_AGENT = f"itapack/{__version__} (ITA OIT link check; +https://pypi.org/project/itapack/)"
MAX_REDIRECTS = 10
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})  # 429: asked too often; its Retry-After is honoured
# Bodies past BIG_BODY wait for one of BIG_BODIES slots before reading on, and keep it until their
# text is taken: 64 requests at once stay within a few hundred MB even when all are 10 MB PDFs.
BIG_BODY = 1_000_000
BIG_BODIES = 8
MAX_RETRY_AFTER = 30.0  # seconds: a Retry-After longer than this is not waited for
_SECONDS = re.compile(r"[0-9]{1,9}", re.ASCII)


@dataclass(frozen=True, slots=True)
class Settings:
    timeout: float = 20.0  # seconds for connecting and between bytes
    total_timeout: float = 60.0  # seconds for one request, body included: a page that drips is slow
    retries: int = 2  # after the first try, on 5xx and on connection errors
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    per_host: int = 4  # requests at once to one site (host and port)
    concurrency: int = 64  # requests at once in all
    max_bytes: int = 10_000_000  # of one body; beyond it the body is cut and said to be


@dataclass(frozen=True, slots=True)
class Fetched:
    """What one address gave, as the cache stores it: headers, hops, error, and the page's text."""

    url: str
    checked_at: float  # seconds since the epoch
    final_url: str = ""
    status: int | None = None
    content_type: str = ""
    size: int | None = None  # Content-Length, else the bytes read
    truncated: bool = False
    redirects: tuple[str, ...] = ()  # every address after the first, in order
    error: str = ""  # timeout | name-not-found | connection | tls-* | redirect-loop | too-many-redirects | bad-redirect
    error_detail: str = ""
    etag: str = ""
    last_modified: str = ""
    attempts: int = 1
    page: content.Page | None = None
    revalidated: bool = False  # a 304 said the cached copy is still current


class _Hop:
    def __init__(
        self, status: int, headers: httpx.Headers, body: bytes, truncated: bool, big: asyncio.Semaphore | None = None
    ) -> None:
        self.status, self.headers, self.body, self.truncated = status, headers, body, truncated
        self.big = big  # held while a large body is in memory; released once its text is taken

    def release(self) -> None:
        if self.big is not None:
            self.big.release()
            self.big = None


class Fetcher:
    """The limits every request shares, and one small httpx client per site. Use as an async context manager.

    One client per site, not one for all: httpcore looks through every connection of a pool for each
    request it starts or ends, so one pool for thousands of sites costs more than the requests. A
    site's client is closed once its last planned address is done (plan()), so a national run keeps
    only the sites in hand open. All clients share one TLS context: loading the CA bundle is slow.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.sites: dict[str, _Site] = {}
        self.remaining: Counter[str] = Counter()  # planned addresses not yet done, by site
        self.running: asyncio.Semaphore | None = None
        self.big_bodies = asyncio.Semaphore(BIG_BODIES)
        self.tls: ssl.SSLContext | None = None

    def plan(self, urls: Iterable[str]) -> None:
        self.remaining.update(site_of(url) for url in urls)

    async def __aenter__(self) -> Fetcher:
        import httpx

        self.running = asyncio.Semaphore(self.settings.concurrency)
        self.tls = httpx.create_ssl_context()
        return self

    async def __aexit__(self, *exc: object) -> None:
        for site in list(self.sites.values()):
            await site.client.aclose()
        self.sites.clear()

    def _site(self, name: str) -> _Site:
        import httpx

        site = self.sites.get(name)
        if site is None:
            s = self.settings
            client = httpx.AsyncClient(
                # No pool timeout: waiting for a free connection is this class's queue, not the site's slowness.
                timeout=httpx.Timeout(s.timeout, pool=None),
                limits=httpx.Limits(max_connections=s.per_host, max_keepalive_connections=s.per_host),
                follow_redirects=False,
                verify=self.tls if self.tls is not None else True,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/pdf;q=0.9,*/*;q=0.8",
                    "Accept-Encoding": "gzip, deflate",  # what _Inflater undoes within the cap
                },
            )
            site = self.sites[name] = _Site(client, asyncio.Semaphore(s.per_host))
        return site

    async def _done_with(self, name: str) -> None:
        site = self.sites.get(name)
        if site is not None and site.busy == 0 and self.remaining[name] <= 0:
            del self.sites[name]
            await site.client.aclose()

    async def fetch_planned(self, url: str, cached: Fetched | None = None) -> Fetched:
        """fetch(), then count the address done for its site (see plan())."""
        try:
            return await self.fetch(url, cached)
        finally:
            name = site_of(url)
            self.remaining[name] -= 1
            await self._done_with(name)

    async def fetch(self, url: str, cached: Fetched | None = None) -> Fetched:
        """Follow url to its end. With a cached result, ask only whether it changed (ETag, Last-Modified)."""
        started = time.time()
        hops: list[str] = []
        seen = {url}
        current = url
        attempts = 0
        while True:
            validators = _validators(cached) if current == url and cached and not cached.redirects else {}
            try:
                hop, tries = await self._with_retries(current, validators)
            except _Failure as failure:
                return self._failed(
                    url, started, current, hops, failure.code, failure.detail, attempts + failure.attempts
                )
            attempts += tries
            try:
                if hop.status == 304 and cached is not None:
                    return replace(cached, checked_at=started, revalidated=True, attempts=attempts)
                refresh = _refresh(hop) if 200 <= hop.status < 300 else ""
                if not refresh and not (300 <= hop.status < 400 and hop.status != 304):
                    return _fetched(url, started, current, hops, hop, attempts, await _page(hop))
            finally:
                hop.release()
            location = refresh or hop.headers.get("location")
            target = urljoin(current, location) if location else ""
            if urlsplit(target).scheme not in ("http", "https") or not openable(target):
                return self._failed(url, started, current, hops, "bad-redirect", location or "", attempts)
            hops.append(target)
            if target in seen:
                return self._failed(url, started, target, hops, "redirect-loop", target, attempts)
            if len(hops) > MAX_REDIRECTS:
                return self._failed(url, started, target, hops, "too-many-redirects", target, attempts)
            seen.add(target)
            current = target

    @staticmethod
    def _failed(url: str, started: float, at: str, hops: list[str], code: str, detail: str, attempts: int) -> Fetched:
        return Fetched(
            url, started, final_url=at, redirects=tuple(hops), error=code, error_detail=detail, attempts=attempts
        )

    async def _with_retries(self, url: str, headers: dict[str, str]) -> tuple[_Hop, int]:
        """One hop, tried again after a 5xx or a failed connection, waiting longer each time.
        A read timeout is not retried: a page that did not answer in time will keep the run waiting again."""
        import httpx

        s = self.settings
        for attempt in range(s.retries + 1):
            last = attempt == s.retries
            try:
                hop = await self._get(url, headers)
            except httpx.TimeoutException as error:
                if isinstance(error, httpx.ConnectTimeout) and not last:
                    await asyncio.sleep(s.backoff * 2**attempt)
                    continue
                raise _Failure("timeout", f"{s.timeout:g}", attempt + 1) from None
            except TimeoutError:
                raise _Failure("timeout", f"{s.total_timeout:g}", attempt + 1) from None
            except (httpx.DecodingError, httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
                # A reply that is not valid HTTP, or compressed wrongly: asking again gets the same.
                raise _Failure("bad-response", str(error), attempt + 1) from None
            except (httpx.TransportError, ssl.SSLError, OSError) as error:
                code, detail = classify(error)
                if code.startswith("tls") or code == "name-not-found" or last:
                    raise _Failure(code, detail, attempt + 1) from None
                await asyncio.sleep(s.backoff * 2**attempt)
                continue
            if hop.status in RETRY_STATUSES and not last:
                await asyncio.sleep(_retry_after(hop.headers.get("retry-after")) or s.backoff * 2**attempt)
                continue
            return hop, attempt + 1
        raise AssertionError("unreachable")  # pragma: no cover

    async def _get(self, url: str, headers: dict[str, str]) -> _Hop:
        assert self.running is not None, "use Fetcher as an async context manager"
        s = self.settings
        name = site_of(url)
        site = self._site(name)
        site.busy += 1
        try:
            async with (
                site.limit,
                self.running,
                asyncio.timeout(s.total_timeout) as deadline,
                site.client.stream("GET", url, headers=headers) as response,
            ):
                if response.status_code >= 300:  # a redirect's or an error's body is not needed
                    return _Hop(response.status_code, response.headers, b"", False)
                chunks: list[bytes] = []
                size = 0
                truncated = False
                big: asyncio.Semaphore | None = None
                encoding = response.headers.get("content-encoding", "").strip().lower()
                inflater = _Inflater(encoding) if encoding in _INFLATED else None
                try:
                    async for piece in response.aiter_raw() if inflater else response.aiter_bytes():
                        chunk = inflater.take(piece, s.max_bytes - size) if inflater else piece
                        chunks.append(chunk)
                        size += len(chunk)
                        if big is None and size > BIG_BODY:
                            big = self.big_bodies
                            loop = asyncio.get_running_loop()
                            waiting = loop.time()
                            await big.acquire()
                            when = deadline.when()  # waiting for a slot is not the site's slowness
                            if when is not None:
                                deadline.reschedule(when + loop.time() - waiting)
                        if size >= s.max_bytes:
                            truncated = True
                            break
                except BaseException:
                    if big is not None:
                        big.release()
                    raise
                body = b"".join(chunks)[: s.max_bytes]
                return _Hop(response.status_code, response.headers, body, truncated, big)
        finally:
            site.busy -= 1
            await self._done_with(name)


_INFLATED = frozenset({"gzip", "x-gzip", "deflate"})  # what Accept-Encoding asks for; others go to httpx


class _Inflater:
    """gzip or deflate undone piece by piece, never past what is still wanted. httpx's decoder
    inflates each 64 KB read whole: a body built to inflate 1000 to 1 would make 64 MB of every
    read before the cap was looked at."""

    def __init__(self, encoding: str) -> None:
        self.raw_tried = encoding != "deflate"  # "deflate" is zlib-wrapped, or raw from some servers
        self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 32 if encoding != "deflate" else zlib.MAX_WBITS)

    def take(self, data: bytes, most: int) -> bytes:
        import httpx

        try:
            return self.inflater.decompress(data, most)  # most > 0: the caller stops at the cap
        except zlib.error as error:
            if not self.raw_tried:
                self.raw_tried = True
                self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.take(data, most)
            raise httpx.DecodingError(str(error)) from None


class _Site:
    def __init__(self, client: httpx.AsyncClient, limit: asyncio.Semaphore) -> None:
        self.client, self.limit, self.busy = client, limit, 0


def site_of(url: str) -> str:
    """What the per-site limit counts by: scheme, host and port."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


class _Failure(Exception):
    def __init__(self, code: str, detail: str, attempts: int) -> None:
        super().__init__(code)
        self.code, self.detail, self.attempts = code, detail, attempts


def _validators(cached: Fetched) -> dict[str, str]:
    if cached.error or cached.status != 200:
        return {}
    headers = {}
    if cached.etag:
        headers["If-None-Match"] = cached.etag
    if cached.last_modified:
        headers["If-Modified-Since"] = cached.last_modified
    return headers


async def _page(hop: _Hop) -> content.Page | None:
    if not 200 <= hop.status < 300:
        return None
    read = functools.partial(content.read, hop.body, hop.headers.get("content-type", ""), truncated=hop.truncated)
    # A PDF's text takes pypdf a while: in a thread, so other pages' bytes keep arriving meanwhile.
    return await asyncio.to_thread(read) if content.sniff(hop.body) == "pdf" else read()


def _refresh(hop: _Hop) -> str:
    """The target of a page that only redirects with <meta http-equiv="refresh">."""
    if b"refresh" not in hop.body[:65536].lower():
        return ""
    page = content.read(hop.body, hop.headers.get("content-type", ""), truncated=hop.truncated)
    return page.refresh if page.kind == "html" else ""


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait, from Retry-After's delay-seconds form. ASCII digits only: str.isdigit()
    also takes "²" and "๓", which float() then refuses or reads."""
    if value is None or not _SECONDS.fullmatch(value.strip()):
        return None
    return min(float(value), MAX_RETRY_AFTER)


def _fetched(
    url: str, started: float, final: str, hops: list[str], hop: _Hop, attempts: int, page: content.Page | None
) -> Fetched:
    content_type = hop.headers.get("content-type", "")
    length = hop.headers.get("content-length", "")
    size = int(length) if length.isdigit() else (len(hop.body) if hop.status < 300 else None)
    return Fetched(
        url,
        started,
        final_url=final,
        status=hop.status,
        content_type=content_type,
        size=size,
        truncated=hop.truncated,
        redirects=tuple(hops),
        etag=hop.headers.get("etag", ""),
        last_modified=hop.headers.get("last-modified", ""),
        attempts=attempts,
        page=page,
    )


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def classify(error: BaseException) -> tuple[str, str]:
    """A connection failure as a stable code: which TLS fault, a name that does not resolve, or a refusal."""
    text = " ".join(str(e) for e in _causes(error))
    lowered = text.lower()
    if any(isinstance(e, ssl.SSLError) for e in _causes(error)) or "certificate" in lowered or "ssl" in lowered:
        if "expired" in lowered:
            return "tls-expired", text
        if "hostname mismatch" in lowered or "doesn't match" in lowered or "not valid for" in lowered:
            return "tls-wrong-name", text
        if "self-signed" in lowered or "self signed" in lowered:
            return "tls-self-signed", text
        if "unable to get local issuer" in lowered or "unable to get issuer" in lowered:
            return "tls-incomplete-chain", text
        return "tls-error", text
    if any(
        marker in lowered
        for marker in ("name or service not known", "getaddrinfo failed", "nodename nor servname", "no address")
    ):
        return "name-not-found", text
    return "connection", text
