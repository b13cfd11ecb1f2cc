"""What a reviewer would say of a fetched page: each fault a named problem, stable code and words
in the chosen language (Thai unless --lang en).

A page is judged for one item of the pack (its fiscal years, its content points); the same
address shared by two items is fetched once and judged twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from ..i18n import N_, Words, _
from ..pack import thai
from ..pack.folder import Pack
from . import content
from .fetch import Fetched

OK, PROBLEM, BROKEN, UNCHECKED = "ok", "problem", "broken", "unchecked"
VERDICTS = (BROKEN, PROBLEM, UNCHECKED, OK)  # worst first
# Marked here, translated where shown (verdict_text): the table is built before --lang is read.
VERDICT_TEXT = {OK: N_("ใช้ได้"), PROBLEM: N_("มีปัญหา"), BROKEN: N_("เปิดไม่ได้"), UNCHECKED: N_("ยังไม่ได้ตรวจ")}

# Stable codes; what a person reads is in message().
BROKEN_CODES = frozenset(
    {
        "not-found",
        "http-error",
        "server-error",
        "timeout",
        "name-not-found",
        "connection",
        "tls-expired",
        "tls-wrong-name",
        "tls-self-signed",
        "tls-incomplete-chain",
        "tls-error",
        "redirect-loop",
        "too-many-redirects",
        "bad-redirect",
        "bad-response",
    }
)
SOFT_CODES = (
    "soft-404",
    "login-wall",
    "captcha",
    "share-sign-in",
    "empty-page",
    "not-pdf",
    "wrong-content-type",
    "previous-year",
    "no-fiscal-year",
    "missing-items",
)

NOT_FOUND_PHRASES = (
    "ไม่พบหน้า",
    "ไม่พบเพจ",
    "ไม่พบหน้าเว็บ",
    "ไม่พบหน้าที่",
    "หน้าที่คุณค้นหาไม่มี",
    "หน้าที่ท่านต้องการไม่มี",
    "ไม่มีหน้านี้",
    "ไม่พบไฟล์",
    "ไม่พบเอกสาร",
    "page not found",
    "404 not found",
    "error 404",
    "not found",
    "page does not exist",
    "page you requested",
    "page you are looking for",
    "file not found",
    "no longer available",
)
LOGIN_WORDS = ("เข้าสู่ระบบ", "ลงชื่อเข้าใช้", "ล็อกอิน", "login", "log in", "sign in", "signin")
LOGIN_PATHS = re.compile(r"/(login|signin|sign-in|sign_in|wp-login\.php|auth|sso|account/login)\b", re.IGNORECASE)
CAPTCHA_TITLES = ("just a moment", "attention required", "verify you are human", "ยืนยันว่าคุณไม่ใช่")
# Where a share that is not public sends a visitor: a sign-in page of the share's owner.
SIGN_IN_HOSTS = ("accounts.google.com", "login.microsoftonline.com", "login.live.com", "www.dropbox.com/login")
SHARE_WALL_PHRASES = (
    "you need access",
    "request access",
    "ask for access",
    "ขอสิทธิ์เข้าถึง",
    "คุณต้องมีสิทธิ์เข้าถึง",
    "ต้องได้รับสิทธิ์",
    "sign in to continue",
)
SHORT_PAGE = 1500  # characters: a wall or an error page is short; a real page that mentions one is not
NEAR_EMPTY = 100  # visible characters, spaces left out
_YEAR = re.compile(r"(?<![0-9๐-๙])([2๒][4-5๔๕][0-9๐-๙]{2})(?![0-9๐-๙])")
_PLAUSIBLE = frozenset(range(2400, 2801))
_NOISE = re.compile(r"[\s\u200b]+")


@dataclass(frozen=True, slots=True)
class Target:
    """One address in the pack, and what its page must show."""

    document: str
    unit: str | None
    url: str
    body: str  # who publishes it: the pack's organisation, or the unit's name
    title: str
    fiscal_year: int
    years: frozenset[int]  # BE years a page may name to count as this year's
    items: tuple[str, ...] = ()

    @property
    def expects_pdf(self) -> bool:
        return urlsplit(self.url).path.lower().endswith(".pdf")


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str  # for a person, in the chosen language


@dataclass(frozen=True, slots=True)
class LinkResult:
    target: Target
    verdict: str  # ok | problem | broken | unchecked
    findings: tuple[Finding, ...]
    fetched: Fetched | None
    unchecked: tuple[str, ...] = ()  # what could not be checked, for a person
    from_cache: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)

    @property
    def message(self) -> str:
        if self.verdict == UNCHECKED:
            return _("ยังไม่เคยตรวจลิงก์นี้ (ไม่มีในที่เก็บผล)")
        if not self.findings:
            return verdict_text(OK)
        return "; ".join(f.message for f in self.findings)


def verdict_text(verdict: str) -> str:
    """ok, problem, broken, unchecked as a person reads them."""
    text = VERDICT_TEXT[verdict]
    return _(text)


def targets(pack: Pack) -> list[Target]:
    """Every address in the pack, in the pack's order: documents first, then each unit's own pages.
    A document's title and years are worked out once and shared by its units' targets: a national
    pack has 350,000 of them."""
    facts: dict[str, tuple[str, frozenset[int]]] = {}
    found: list[Target] = []
    for doc in pack.documents:
        if doc.url:
            found.append(target_for(pack, doc.id, None, doc.url, pack.organisation.name, facts))
    for unit in pack.roster.units:
        for doc_id, url in unit.urls.items():
            found.append(target_for(pack, doc_id, unit.id, url, unit.name, facts))
    return found


def target_for(
    pack: Pack,
    document_id: str,
    unit: str | None,
    url: str,
    body: str,
    facts: dict[str, tuple[str, frozenset[int]]] | None = None,
) -> Target:
    doc = pack.document_by_id[document_id]
    known = facts.get(document_id) if facts is not None else None
    if known is None:
        window = pack.window_of(doc) if doc.window or pack.info.window else None
        known = (pack.title(doc), accepted_years(pack.fiscal_year, window))
        if facts is not None:
            facts[document_id] = known
    title, years = known
    return Target(
        document=document_id,
        unit=unit,
        url=url,
        body=body,
        title=title,
        fiscal_year=pack.fiscal_year,
        years=years,
        items=doc.items,
    )


def accepted_years(fiscal_year: int, window: tuple[date, date] | None) -> frozenset[int]:
    """The fiscal year; with a window, every Buddhist-era year the window touches (a first half
    runs October 2566 to March 2567 and may be dated either way)."""
    if window is None:
        return frozenset({fiscal_year})
    start, end = window
    return frozenset(range(thai.be_year(start), thai.be_year(end) + 1))


def judge(target: Target, fetched: Fetched | None, *, from_cache: bool = False) -> LinkResult:
    if fetched is None:
        return LinkResult(target, UNCHECKED, (), None, from_cache=from_cache)
    findings, unchecked = _findings(target, fetched)
    codes = {f.code for f in findings}
    verdict = BROKEN if codes & BROKEN_CODES else PROBLEM if codes else OK
    return LinkResult(target, verdict, tuple(findings), fetched, tuple(unchecked), from_cache)


def _findings(target: Target, fetched: Fetched) -> tuple[list[Finding], list[str]]:
    if fetched.error:
        return [Finding(fetched.error, _error_message(fetched))], []
    status = fetched.status or 0
    if status in (404, 410):
        return [Finding("not-found", _("ไม่พบหน้านี้ (HTTP {status})").format(status=status))], []
    if status == 401:
        return [Finding("login-wall", _("ต้องเข้าสู่ระบบก่อนจึงจะเปิดได้ (HTTP 401) ผู้ประเมินและประชาชนเปิดไม่ได้"))], []
    if status >= 500:
        text = _("เซิร์ฟเวอร์ของเว็บไซต์ขัดข้อง (HTTP {status}) แม้ลองใหม่ {attempts} ครั้ง")
        return [Finding("server-error", text.format(status=status, attempts=fetched.attempts))], []
    if status == 403:
        return [Finding("http-error", _("เว็บไซต์ไม่อนุญาตให้เปิดหน้านี้ (HTTP 403) อาจปิดกั้นผู้เข้าชมบางกลุ่ม"))], []
    if status == 429:
        return [Finding("http-error", _("เว็บไซต์ปฏิเสธเพราะถูกเรียกถี่เกินไป (HTTP 429) ลองตรวจใหม่ภายหลัง"))], []
    if status >= 400 or status < 200:
        return [Finding("http-error", _("เว็บไซต์ตอบกลับด้วยข้อผิดพลาด HTTP {status}").format(status=status))], []
    if _signed_in_share(fetched):
        return [Finding("share-sign-in", _(_SHARE))], []
    page = fetched.page
    if page is None:  # pragma: no cover - every 2xx has a page
        return [], [_("เนื้อหา")]
    findings: list[Finding] = []
    unchecked = [_note(note) for note in page.notes]
    findings += _type_findings(target, fetched, page)
    text = page.text
    if text is None:
        if page.kind not in ("pdf", "empty"):
            unchecked.append(_("ปีงบประมาณและรายการที่ต้องมี (ไฟล์ชนิดนี้ไม่ได้อ่านข้อความ)"))
        else:
            unchecked.append(_("ปีงบประมาณและรายการที่ต้องมี"))
        return findings, unchecked
    wall = _wall(fetched, page, text)
    if wall is not None:
        return [*findings, wall], unchecked
    visible = len(_NOISE.sub("", text[: 20 * NEAR_EMPTY]))
    if visible < NEAR_EMPTY and page.kind != "pdf":  # a one-line PDF notice is still a notice
        empty = (
            _("หน้านี้แทบไม่มีเนื้อหา (ว่างหรือเกือบว่าง) เนื้อหาอาจแสดงด้วย JavaScript ซึ่งผู้ตรวจและเครื่องมือค้นหาบางรายอ่านไม่ได้")
            if page.scripts
            else _("หน้านี้แทบไม่มีเนื้อหา (ว่างหรือเกือบว่าง)")
        )
        return [*findings, Finding("empty-page", empty)], unchecked
    findings += _year_findings(target, text)
    missing = missing_items(target.items, text)
    if missing:
        shown = ", ".join(missing)
        text = _("ไม่พบรายการที่ต้องมี {missing} จาก {wanted}: {items}")
        findings.append(
            Finding("missing-items", text.format(missing=len(missing), wanted=len(target.items), items=shown))
        )
    return findings, unchecked


NOTES = {
    "body-truncated": N_("อ่านเนื้อหาเพียงส่วนต้น (ไฟล์ใหญ่เกินที่กำหนด)"),
    "pdf-truncated": N_("ไม่ได้อ่านข้อความใน PDF (ไฟล์ใหญ่เกินที่กำหนด)"),
    "pdf-no-text": N_("PDF ไม่มีข้อความให้อ่าน (อาจเป็นภาพสแกน) ต้องเปิดดูเอง"),
    "pdf-unreadable": N_("อ่าน PDF ไม่ได้ (ไฟล์อาจเสีย)"),
    "pdf-not-read": N_("ไม่ได้อ่านข้อความใน PDF"),
    "type-not-read": N_("ไม่ได้อ่านเนื้อหาของไฟล์ชนิดนี้"),
}
_SHARE = N_("ลิงก์แชร์ไฟล์นี้ต้องลงชื่อเข้าใช้หรือขอสิทธิ์ก่อน ให้ตั้งค่าแชร์เป็น 'ทุกคนที่มีลิงก์'")


def _note(code: str) -> str:
    text = NOTES.get(code, code)
    return _(text)


def _error_message(fetched: Fetched) -> str:
    code, detail = fetched.error, fetched.error_detail
    host = urlsplit(fetched.final_url or fetched.url).hostname or ""
    messages = {
        "timeout": _("เว็บไซต์ไม่ตอบภายใน {detail} วินาที"),
        "name-not-found": _("ไม่พบชื่อเว็บไซต์ {host} (สะกดผิด หรือโดเมนหมดอายุ)"),
        "connection": _("เชื่อมต่อเว็บไซต์ {host} ไม่ได้ (เซิร์ฟเวอร์ปิดอยู่หรือปฏิเสธการเชื่อมต่อ)"),
        "tls-expired": _("ใบรับรองความปลอดภัย (SSL) ของเว็บไซต์หมดอายุแล้ว เบราว์เซอร์จะเตือนผู้เข้าชมว่าไม่ปลอดภัย"),
        "tls-wrong-name": _("ใบรับรองความปลอดภัย (SSL) ไม่ได้ออกให้ชื่อ {host} เบราว์เซอร์จะเตือนว่าไม่ปลอดภัย"),
        "tls-self-signed": _("ใบรับรองความปลอดภัย (SSL) ออกเองโดยเว็บไซต์ ไม่ได้ออกโดยผู้ออกใบรับรองที่เชื่อถือได้"),
        "tls-incomplete-chain": _("เว็บไซต์ส่งใบรับรองความปลอดภัย (SSL) ไม่ครบชุด (ขาดใบรับรองกลาง) บางเครื่องจะเปิดไม่ได้"),
        "tls-error": _("เชื่อมต่อแบบปลอดภัย (HTTPS) ไม่สำเร็จ ใบรับรองหรือการตั้งค่า SSL ของเว็บไซต์มีปัญหา"),
        "redirect-loop": _("ลิงก์ส่งต่อวนกลับที่เดิมไม่สิ้นสุด (หลังส่งต่อ {redirects} ครั้ง)"),
        "too-many-redirects": _("ลิงก์ส่งต่อหลายทอดเกินไป ({redirects} ครั้ง)"),
        "bad-redirect": _("ลิงก์ส่งต่อไปยังที่อยู่ที่เปิดไม่ได้"),
        "bad-response": _("เว็บไซต์ตอบกลับในรูปแบบที่อ่านไม่ได้ (ไม่ใช่ HTTP ที่ถูกต้อง)"),
    }
    text = messages.get(code or "", _("เปิดลิงก์ไม่ได้ ({code})"))
    return text.format(detail=detail, host=host, redirects=len(fetched.redirects), code=code)


def _signed_in_share(fetched: Fetched) -> bool:
    """A share that is not public sends a visitor to its owner's sign-in page."""
    for address in (*fetched.redirects, fetched.final_url):
        parts = urlsplit(address)
        where = (parts.hostname or "") + parts.path
        if any(where.startswith(host) for host in SIGN_IN_HOSTS):
            return True
    return False


def _type_findings(target: Target, fetched: Fetched, page: content.Page) -> list[Finding]:
    declared = content.declared_kind(fetched.content_type) if fetched.content_type else ""
    kind = page.kind
    if target.expects_pdf and kind != "pdf":
        what = {"html": _("ลิงก์นี้ควรเป็นไฟล์ PDF แต่ได้หน้าเว็บ"), "empty": _("ลิงก์นี้ควรเป็นไฟล์ PDF แต่ได้ไฟล์ว่าง")}.get(
            kind, _("ลิงก์นี้ควรเป็นไฟล์ PDF แต่ได้ไฟล์ชนิดอื่น ({type})")
        )
        return [Finding("not-pdf", what.format(type=fetched.content_type or kind))]
    if declared == "pdf" and kind != "pdf":
        text = _("เว็บไซต์บอกว่าเป็น PDF แต่เนื้อไฟล์ไม่ใช่ PDF ({kind})")
        return [Finding("not-pdf", text.format(kind=_kind_text(kind)))]
    if kind in ("pdf", "html") and declared and declared != kind and not (kind == "pdf" and declared == "binary"):
        return [
            Finding(
                "wrong-content-type",
                _("เว็บไซต์ประกาศชนิดไฟล์เป็น {type} แต่เนื้อไฟล์เป็น {kind} เบราว์เซอร์อาจแสดงผลผิดหรือดาวน์โหลดแทนการเปิด").format(
                    type=fetched.content_type, kind=_kind_text(kind)
                ),
            )
        ]
    return []


_KIND_TEXT = Words(
    {
        "pdf": "PDF",
        "html": N_("หน้าเว็บ (HTML)"),
        "text": N_("ข้อความ"),
        "empty": N_("ไฟล์ว่าง"),
        "image": N_("รูปภาพ"),
    }
)


def _kind_text(kind: str) -> str:
    return _KIND_TEXT.get(kind, kind)


def _wall(fetched: Fetched, page: content.Page, text: str) -> Finding | None:
    """A page that stands in the way of the content: not found, a sign-in, a captcha, a private share."""
    title = page.title.casefold()
    short = len(text) < SHORT_PAGE
    head = (title + " " + text[:SHORT_PAGE]).casefold() if short else title
    if any(phrase in head for phrase in NOT_FOUND_PHRASES):
        return Finding("soft-404", _("หน้านี้แจ้งว่าไม่พบหน้าหรือไม่พบข้อมูล แม้เว็บไซต์ตอบว่าเปิดได้ (HTTP 200)"))
    if any(phrase in head for phrase in SHARE_WALL_PHRASES):
        return Finding("share-sign-in", _(_SHARE))
    if any(phrase in title for phrase in CAPTCHA_TITLES) or (short and page.markers):
        return Finding("captcha", _("หน้านี้ให้ยืนยันตัวตน (CAPTCHA) ก่อนจึงจะเห็นเนื้อหา ผู้ประเมินอาจเปิดไม่ได้"))
    login_path = bool(LOGIN_PATHS.search(urlsplit(fetched.final_url).path))
    login_words = any(word in head for word in LOGIN_WORDS)
    if page.password_field and (short or login_path or any(word in title for word in LOGIN_WORDS)):
        return Finding("login-wall", _("หน้านี้ให้เข้าสู่ระบบก่อน ประชาชนและผู้ประเมินเห็นเนื้อหาไม่ได้"))
    if login_path and login_words:
        return Finding("login-wall", _("ลิงก์นี้พาไปหน้าเข้าสู่ระบบ ประชาชนและผู้ประเมินเห็นเนื้อหาไม่ได้"))
    return None


def years_in(text: str) -> set[int]:
    """Buddhist-era years a text names, in Arabic or Thai digits."""
    return {int(thai.to_arabic_digits(y)) for y in _YEAR.findall(text)} & _PLAUSIBLE


def _year_findings(target: Target, text: str) -> list[Finding]:
    found = years_in(text)
    if found & target.years:
        return []
    wanted = _(" หรือ ").join(str(y) for y in sorted(target.years))
    older = sorted(y for y in found if y < min(target.years))
    if older:
        text = _("หน้านี้มีแต่ปี พ.ศ. {older} ไม่มีปี {wanted}")
        return [Finding("previous-year", text.format(older=", ".join(map(str, older[-3:])), wanted=wanted))]
    return [Finding("no-fiscal-year", _("หน้านี้ไม่ได้ระบุปี พ.ศ. {wanted}").format(wanted=wanted))]


def _loose(text: str) -> str:
    return _NOISE.sub("", thai.fold(text))


def missing_items(items: tuple[str, ...], text: str) -> list[str]:
    """Content points not found in the text, compared without spaces, case or digit style.
    A point is looked for as written, less a leading "(1)" or "1." that numbers it in the pack."""
    if not items:
        return []
    loose = _loose(text)
    missing = []
    for item in items:
        wanted = _loose(re.sub(r"^\s*(\(?[0-9๐-๙]+[).]|[-•])\s*", "", item))
        if wanted and wanted not in loose:
            missing.append(item)
    return missing
