"""Thai text: name folding for matching, digits, Buddhist-era dates, natural order.

Names on disk are never changed; these functions only build comparison keys and display text.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from ..i18n import _

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

# SARA AM has two spellings that look the same: U+0E33, and NIKHAHIT U+0E4D + SARA AA U+0E32
# (text copied out of PDFs). A tone mark may sit between them. No Unicode normal form merges
# them, so fold the two-character form into U+0E33, keeping the tone mark in front.
_SARA_AM_SPLIT = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_SPACES = re.compile(r"\s+")
# Characters that show nothing but make two identical-looking names differ: zero-width space and
# joiners, word joiner, soft hyphen, a byte-order mark pasted from Notepad.
INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# What a clerk may or may not type between words of a name: "อบต. บางด้วน" ~ "อบต.บางด้วน".
_NAME_NOISE = re.compile(r"[\s._\-–—()\[\]]+")

BE_OFFSET = 543

MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)


def to_arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def fold(text: str) -> str:
    """The comparison form of a name: NFC, one SARA AM, Arabic digits, case-folded, single spaces."""
    text = unicodedata.normalize("NFC", INVISIBLE.sub("", text))
    text = _SARA_AM_SPLIT.sub("\\1\u0e33", text)
    text = to_arabic_digits(text).casefold()
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1 << 16)  # the same unit folder names recur under every per-unit document
def name_key(text: str) -> str:
    """A looser key for unit names: fold, then drop spaces, dots, dashes and brackets."""
    return _NAME_NOISE.sub("", fold(text))


_NUMBER_RUN = re.compile(r"(\d+)", re.ASCII)


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts "ข้อ 2" before "ข้อ 10" and "2.7" before "2.10"."""
    parts = _NUMBER_RUN.split(fold(text))
    return tuple((0, int(p)) if i % 2 else (1, p) for i, p in enumerate(parts) if p)


@lru_cache(maxsize=1 << 16)
def sort_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """natural_key without the Thai folding: cheap enough for sorting a national result's paths."""
    parts = _NUMBER_RUN.split(text.translate(_TO_ARABIC).casefold())
    return tuple((0, int(p)) if i % 2 else (1, p) for i, p in enumerate(parts) if p)


def be_year(d: date) -> int:
    return d.year + BE_OFFSET


def format_date(d: date, style: str = "short") -> str:
    """A Thai date: short "24 พ.ย. 2566", long "24 พฤศจิกายน 2566", year2 "24 พ.ย. 66"."""
    year = be_year(d)
    if style == "long":
        return f"{d.day} {MONTHS[d.month - 1]} {year}"
    if style == "year2":
        return f"{d.day} {MONTHS_SHORT[d.month - 1]} {year % 100:02d}"
    return f"{d.day} {MONTHS_SHORT[d.month - 1]} {year}"


_BE_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)


def parse_be_date(text: str) -> date:
    """Parse a Buddhist-era date written YYYY-MM-DD (2566-11-24). Raises ValueError in plain words."""
    match = _BE_DATE.fullmatch(to_arabic_digits(text.strip()))
    if not match:
        raise ValueError(_("'{text}' ไม่ใช่วันที่ เขียนเป็น ปี พ.ศ.-เดือน-วัน เช่น 2566-11-24").format(text=text))
    year, month, day = (int(g) for g in match.groups())
    if year < 2400:
        be = f"{year + BE_OFFSET}-{month:02d}-{day:02d}"
        raise ValueError(_("'{text}' ดูเหมือนปี ค.ศ. ให้เขียนวันที่แบบ พ.ศ.: {be}").format(text=text, be=be))
    try:
        return date(year - BE_OFFSET, month, day)
    except ValueError:
        raise ValueError(_("'{text}' ไม่ใช่วันที่ที่มีจริง").format(text=text)) from None


def format_be_iso(d: date) -> str:
    """The Buddhist-era form used in the pack files: 2566-11-24."""
    return f"{be_year(d)}-{d.month:02d}-{d.day:02d}"


def fiscal_year_window(fiscal_year_be: int) -> tuple[date, date]:
    """Thai fiscal year N runs 1 October of BE year N-1 to 30 September of BE year N."""
    ce = fiscal_year_be - BE_OFFSET
    return date(ce - 1, 10, 1), date(ce, 9, 30)
