"""What a fetched body is (sniffed from its bytes, not trusted from its headers) and the text it shows.

The body itself is dropped once its text is taken: a national run keeps no page in memory.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser

MAX_TEXT = 200_000  # characters of text kept per page: years and content points are near the top
MAX_PDF_PAGES = 30  # a report's year and headings are on its first pages; more only costs time

# Markers of a captcha or a bot wall, searched in the page's source.
CAPTCHA_MARKERS = ("g-recaptcha", "h-captcha", "cf-turnstile", "challenge-platform", "cf-chl-", "captcha")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
# <meta http-equiv="refresh" content="0; url=/th/index.php">: a redirect many small sites use.
_REFRESH = re.compile(r"\s*(\d+(?:\.\d+)?)?\s*[;,]\s*url\s*=\s*(.+)", re.IGNORECASE)
MAX_REFRESH_DELAY = 10  # seconds: longer is a page that shows something first, not a redirect
_HTML_START = re.compile(rb"<(!doctype|html|head|body|title|meta|div|p|script|table)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Page:
    """What a body turned out to be, and what can be judged from it."""

    kind: str  # html | pdf | text | office | image | binary | empty
    text: str | None  # None: not read (say so in notes)
    title: str = ""
    password_field: bool = False
    markers: tuple[str, ...] = ()  # captcha markers found in the source
    notes: tuple[str, ...] = ()  # what could not be checked: pdf-truncated, pdf-no-text, ...
    refresh: str = ""  # <meta http-equiv="refresh"> target: a redirect written in the page
    scripts: bool = False  # the page runs scripts: its text may only appear in a browser


def sniff(body: bytes) -> str:
    """The kind of a body from its first bytes; PDF allows its header anywhere in the first 1 kB."""
    head = body[:1024]
    if not body.strip():
        return "empty"
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return "office"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8")):
        return "image"
    if _HTML_START.search(head):
        return "html"
    if b"\x00" in head:
        return "binary"
    return "text"


def declared_kind(content_type: str) -> str:
    """The kind a Content-Type header claims: html, pdf, text, office, image or binary."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media == "application/pdf":
        return "pdf"
    if media.startswith("text/"):
        return "text"
    if media.startswith("image/"):
        return "image"
    if "officedocument" in media or media in ("application/msword", "application/vnd.ms-excel"):
        return "office"
    return "binary"


def read(body: bytes, content_type: str, *, truncated: bool) -> Page:
    kind = sniff(body)
    if kind == "empty":
        return Page(kind="empty", text="")
    if kind == "html":
        return _html(body, content_type, truncated=truncated)
    if kind == "text":
        text = decode(body, content_type)[:MAX_TEXT]
        return Page(kind="text", text=text, notes=("body-truncated",) if truncated else ())
    if kind == "pdf":
        return _pdf(body, truncated=truncated)
    return Page(kind=kind, text=None, notes=("type-not-read",))


def decode(body: bytes, content_type: str) -> str:
    """The header's charset, else the page's meta charset, else UTF-8, else Thai Windows-874 (TIS-620)."""
    found = _HEADER_CHARSET.search(content_type) or _CHARSET.search(body[:4096])
    names: list[str] = []
    if found is not None:
        name = found.group(1)
        names.append(name.decode("ascii", "replace") if isinstance(name, bytes) else name)
    for name in [*names, "utf-8", "cp874"]:
        name = "cp874" if name.lower().replace("-", "") in ("tis620", "iso885911", "windows874") else name
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")


class _TextParser(HTMLParser):
    SKIP = frozenset({"script", "style", "noscript", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.size = 0
        self.skipping = 0
        self.in_title = False
        self.password_field = False
        self.refresh = ""
        self.scripts = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
            self.scripts = self.scripts or tag == "script"
        elif tag == "title":
            self.in_title = True
        elif tag == "input" and any(k == "type" and (v or "").lower() == "password" for k, v in attrs):
            self.password_field = True
        elif tag == "meta" and not self.refresh:
            values = {k: v or "" for k, v in attrs}
            if values.get("http-equiv", "").lower() == "refresh":
                found = _REFRESH.match(values.get("content", ""))
                if found is not None and float(found.group(1) or 0) <= MAX_REFRESH_DELAY:
                    self.refresh = found.group(2).strip("'\" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping and self.size < MAX_TEXT:
            self.parts.append(data)
            self.size += len(data)


def _html(body: bytes, content_type: str, *, truncated: bool) -> Page:
    source = decode(body, content_type)
    parser = _TextParser()
    try:
        parser.feed(source)
        parser.close()
    except Exception:  # html.parser is lenient; anything it still refuses leaves what it read
        pass
    lowered = source.lower()
    text = " ".join(" ".join(parser.parts).split())[:MAX_TEXT]
    return Page(
        kind="html",
        text=text,
        title=" ".join(" ".join(parser.title).split()),
        password_field=parser.password_field,
        markers=tuple(marker for marker in CAPTCHA_MARKERS if marker in lowered),
        notes=("body-truncated",) if truncated else (),
        refresh=parser.refresh,
        scripts=parser.scripts,
    )


def _pdf(body: bytes, *, truncated: bool) -> Page:
    """A PDF's text through pypdf, first pages only. A PDF cut short has no cross-reference table
    to read, and a scanned one has no text: both are said, not guessed."""
    if truncated:
        return Page(kind="pdf", text=None, notes=("pdf-truncated",))
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a dependency; a broken install still reports
        return Page(kind="pdf", text=None, notes=("pdf-not-read",))
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about sloppy PDFs are not ours to show
    try:
        reader = PdfReader(io.BytesIO(body), strict=False)
        parts = []
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES:
                break
            parts.append(page.extract_text() or "")
    except Exception:  # a damaged PDF is reported as unreadable, whatever pypdf raised
        return Page(kind="pdf", text=None, notes=("pdf-unreadable",))
    text = " ".join(" ".join(parts).split())[:MAX_TEXT]
    if len(text) < 20:
        return Page(kind="pdf", text=None, notes=("pdf-no-text",))
    return Page(kind="pdf", text=text)
