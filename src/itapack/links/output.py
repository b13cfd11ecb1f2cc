"""What `itapack links` shows: a line per link that needs attention (Thai unless --lang en), then a summary by problem
and by body; or a JSON document with every link, one per line, written as results arrive."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from .. import __version__, i18n, safety
from ..i18n import N_, Words, _, _n
from ..outputs.terminal import shown_name
from ..outputs.wording import LINK_SYMBOL
from ..pack import thai
from .judge import BROKEN, OK, PROBLEM, UNCHECKED, VERDICTS, LinkResult, verdict_text
from .run import Summary

FORMAT = "itapack-links"
_OWN_JSON = re.compile(rb'\A\s*\{\s*"format"\s*:\s*"itapack-links"')
ALL_OK = N_("ผล: ทุกลิงก์ใช้ได้")
VERSION = 1
MAX_BODIES_LISTED = 30

# Marked here, translated when read (i18n.Words): the table is built before --lang is read.
PROBLEM_TEXT = Words(
    {
        "not-found": N_("ไม่พบหน้า (404)"),
        "http-error": N_("ข้อผิดพลาด HTTP"),
        "server-error": N_("เซิร์ฟเวอร์ขัดข้อง (5xx)"),
        "timeout": N_("ไม่ตอบภายในเวลา"),
        "name-not-found": N_("ไม่พบชื่อเว็บไซต์"),
        "connection": N_("เชื่อมต่อไม่ได้"),
        "tls-expired": N_("ใบรับรอง SSL หมดอายุ"),
        "tls-wrong-name": N_("ใบรับรอง SSL ผิดชื่อ"),
        "tls-self-signed": N_("ใบรับรอง SSL ออกเอง"),
        "tls-incomplete-chain": N_("ใบรับรอง SSL ไม่ครบชุด"),
        "tls-error": N_("HTTPS มีปัญหา"),
        "redirect-loop": N_("ส่งต่อวนไม่สิ้นสุด"),
        "too-many-redirects": N_("ส่งต่อหลายทอดเกินไป"),
        "bad-redirect": N_("ส่งต่อไปที่เปิดไม่ได้"),
        "bad-response": N_("ตอบกลับผิดรูปแบบ"),
        "soft-404": N_("หน้าแจ้งว่าไม่พบ (แต่ตอบ 200)"),
        "login-wall": N_("ต้องเข้าสู่ระบบ"),
        "captcha": N_("ต้องผ่าน CAPTCHA"),
        "share-sign-in": N_("ลิงก์แชร์ต้องขอสิทธิ์"),
        "empty-page": N_("หน้าว่าง"),
        "not-pdf": N_("ไม่ใช่ PDF"),
        "wrong-content-type": N_("ชนิดไฟล์ที่ประกาศไม่ตรง"),
        "previous-year": N_("มีแต่ปีก่อน"),
        "no-fiscal-year": N_("ไม่ระบุปีงบประมาณ"),
        "missing-items": N_("ขาดรายการที่ต้องมี"),
    }
)


def problem_text(code: str) -> str:
    return PROBLEM_TEXT.get(code, code)


def when(seconds: float) -> str:
    """A check's moment: the Buddhist-era date (Thai month names, or YYYY-MM-DD in English) and the local time."""
    moment = datetime.fromtimestamp(seconds).astimezone()
    day = thai.format_be_iso(moment.date()) if i18n.language() == "en" else thai.format_date(moment.date())
    return f"{day} {moment:%H:%M}"


class TextReport:
    """Lines for links that need attention as they come; the summary at the end."""

    def __init__(self, stream: TextIO, *, show_ok: bool = False) -> None:
        self.stream = stream
        self.show_ok = show_ok

    def line(self, result: LinkResult) -> str | None:
        if result.verdict == OK and not self.show_ok:
            return None
        target = result.target
        title = target.title if len(target.title) <= 60 else target.title[:59] + "…"
        where = f"{target.document} {title}" + (f" [{target.body}]" if target.unit else "")
        # the verdict as a clerk reads it (✗ เปิดไม่ได้); its English code is for the JSON
        verdict = f"{LINK_SYMBOL.get(result.verdict, '?')} {verdict_text(result.verdict)}"
        text = f"{verdict} {where}\n          {target.url}\n          {result.message}"
        fetched = result.fetched
        if fetched is not None and fetched.redirects:
            moved = _n("ส่งต่อ {count} ครั้ง ไปที่ {url}", len(fetched.redirects)).format(
                count=len(fetched.redirects), url=fetched.redirects[-1]
            )
            text += "\n          " + moved
        if result.unchecked:
            text += "\n          " + _("ไม่ได้ตรวจ: {what}").format(what="; ".join(result.unchecked))
        if result.from_cache and fetched is not None:
            text += "\n          " + _("(ผลจากที่เก็บ ตรวจเมื่อ {when})").format(when=when(fetched.checked_at))
        # A site writes part of this (its redirects, its page's title): escaped line by line, as
        # the check shows file names, so no control character or direction override reaches the terminal.
        return "\n".join(shown_name(line) for line in text.split("\n"))

    def emit(self, result: LinkResult) -> None:
        text = self.line(result)
        if text is not None:
            self.stream.write(text + "\n")

    def finish(self, summary: Summary, title: str) -> None:
        write = self.stream.write
        for line in summary_lines(summary, title):
            write(line + "\n")


def summary_lines(summary: Summary, title: str) -> list[str]:
    lines = [
        "",
        f"{title}",
        _("ตรวจ {total} ลิงก์ ({addresses} ที่อยู่; เปิดใหม่ {fetched}, จากที่เก็บ {cached}) ใน {seconds} วินาที").format(
            total=f"{summary.total:,}",
            addresses=f"{summary.addresses:,}",
            fetched=f"{summary.fetched:,}",
            cached=f"{summary.from_cache:,}",
            seconds=f"{summary.seconds:,.1f}",
        ),
        "  " + "  ".join(f"{verdict_text(v)} {summary.verdicts[v]:,}" for v in VERDICTS if summary.verdicts[v]),
    ]
    if summary.problems:
        lines.append(_("ปัญหาที่พบ:"))
        for code, count in summary.problems.most_common():
            lines.append(f"  {count:>6,}  {code:<20} {problem_text(code)}")
    bad = sorted(
        ((body, counts) for body, counts in summary.bodies.items() if counts[OK] != sum(counts.values())),
        key=lambda item: (-(item[1][BROKEN] + item[1][PROBLEM]), thai.sort_key(item[0])),
    )
    if bad and len(summary.bodies) > 1:
        lines.append(
            _("หน่วยงานที่มีลิงก์ต้องแก้ ({bad} จาก {bodies}):").format(bad=f"{len(bad):,}", bodies=f"{len(summary.bodies):,}")
        )
        for body, counts in bad[:MAX_BODIES_LISTED]:
            parts = ", ".join(f"{verdict_text(v)} {counts[v]}" for v in VERDICTS if counts[v] and v != OK)
            lines.append(
                "  " + _("{body}: {parts} จาก {total}").format(body=body, parts=parts, total=sum(counts.values()))
            )
        if len(bad) > MAX_BODIES_LISTED:
            more = _("… และอีก {count} หน่วยงาน (ดูทั้งหมด: --format json)").format(
                count=f"{len(bad) - MAX_BODIES_LISTED:,}"
            )
            lines.append("  " + more)
    if summary.all_ok:
        lines.append(_(ALL_OK))
    elif summary.verdicts[UNCHECKED] and summary.verdicts[UNCHECKED] + summary.verdicts[OK] == summary.total:
        lines.append(
            _("ผล: ยังไม่ได้ตรวจ {count} ลิงก์ (ไม่มีในที่เก็บผล; ตรวจโดยไม่ใช้ --offline)").format(
                count=f"{summary.verdicts[UNCHECKED]:,}"
            )
        )
    else:
        lines.append(
            _("ผล: ลิงก์ต้องแก้ {bad} จาก {total}").format(
                bad=f"{summary.total - summary.verdicts[OK]:,}", total=f"{summary.total:,}"
            )
        )
    return lines


def result_dict(result: LinkResult) -> dict[str, Any]:
    target, fetched = result.target, result.fetched
    page = fetched.page if fetched is not None else None
    return {
        "document": target.document,
        "unit": target.unit,
        "body": target.body,
        "url": target.url,
        "verdict": result.verdict,
        "verdict_text": verdict_text(result.verdict),
        "message": result.message,
        "problems": [{"code": f.code, "message": f.message} for f in result.findings],
        "unchecked": list(result.unchecked),
        "http_status": fetched.status if fetched else None,
        "content_type": fetched.content_type if fetched else None,
        "kind": page.kind if page else None,
        "size": fetched.size if fetched else None,
        "truncated": fetched.truncated if fetched else None,
        "final_url": fetched.final_url if fetched else None,
        "redirects": list(fetched.redirects) if fetched else [],
        "attempts": fetched.attempts if fetched else 0,
        "checked_at": _iso(fetched.checked_at) if fetched else None,
        "checked_at_text": when(fetched.checked_at) if fetched else None,
        "from_cache": result.from_cache,
    }


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class JsonReport:
    """{"format": "itapack-links", ..., "links": [one line each], "summary": {...}}, streamed."""

    def __init__(self, stream: TextIO, head: dict[str, Any]) -> None:
        self.stream = stream
        self.first = True
        stream.write(_compact({"format": FORMAT, "version": VERSION, "itapack": __version__, **head})[:-1])
        stream.write(',\n"links":[\n')

    def emit(self, result: LinkResult) -> None:
        self.stream.write(("" if self.first else ",\n") + _compact(result_dict(result)))
        self.first = False

    def finish(self, summary: Summary, title: str) -> None:
        bodies = {body: dict(counts) for body, counts in summary.bodies.items()}
        tail = {
            "summary": {
                "total": summary.total,
                "addresses": summary.addresses,
                "fetched": summary.fetched,
                "from_cache": summary.from_cache,
                "verdicts": {v: summary.verdicts[v] for v in VERDICTS},
                "problems": dict(Counter(summary.problems).most_common()),
                "bodies": bodies,
                "all_ok": summary.all_ok,
                "text": title,
            }
        }
        self.stream.write(("\n" if not self.first else "") + "],\n" + _compact(tail)[1:] + "\n")


def is_own_links_output(path: Path) -> bool:
    """Did an earlier `itapack links --output` write this file (or is it empty)? JSON by its
    format, text by its last line: the result line, "ผล: …", in any language itapack speaks."""
    read = safety.ends(path)
    if read is None:
        return False
    head, tail = read
    if not head or _OWN_JSON.match(head):
        return True
    lines = [line for line in tail.decode("utf-8", "replace").splitlines() if line.strip()]
    heads = tuple(text.partition(":")[0] + ":" for text in i18n.in_every_language(ALL_OK))
    return bool(lines) and lines[-1].startswith(heads)
