"""Where a printed Thai line may break: between words, as a Thai reader reads them.

Thai is written without spaces between words, and Word, LibreOffice and Chromium each break it
with a dictionary of their own, now and then inside a word ("หน่วย|งาน"). The printing commands
(render, letters, the o42 draft) mark the boundaries found by pythainlp's segmenter (newmm): a
ZERO WIDTH SPACE (U+200B) in DOCX text, which Word and LibreOffice take as a break opportunity and
LibreOffice leaves out of the PDF's text, so a typed word is still found; `<wbr>` in HTML, an element
and not a character, because Chromium copies a U+200B into the PDF's text layer, where it splits
every word it sits in. Machine outputs (JSON, JUnit, the workbook) are never touched.

Text a person may copy as an identifier keeps no mark: a path or a file name (it holds a slash or
ends in an extension) or a web address is left as it is, so that what is copied can be pasted into
a file manager or a browser. A folder name without a path is text and breaks between its words.

pythainlp is imported on the first call only: `check` and `--help` never load it; it is told to
write nothing and fetch nothing. Its segmenter is given its own word list as two sets (Words)
rather than the trie it builds, which took a third of a second of every printing command; a
report of 800 units repeats the same unit and folder names thousands of times, so each distinct
text is segmented once (an LRU cache).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from typing import Any

ZWSP = "\u200b"
_THAI = re.compile(r"[\u0e01-\u0e4e]")
_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]{2,}")
# Not where a line may start: a vowel or mark that belongs to the letter before it. Not where one may
# end: a leading vowel, which belongs to the letter after it.
_NO_START = re.compile(r"[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")
_LEADING_VOWELS = "เแโใไ"
_IDENTIFIER = re.compile(r"[/\\]|://|^www\.|\.[A-Za-z][A-Za-z0-9]{1,4}$")
CACHE_SIZE = 1 << 16


def is_identifier(text: str) -> bool:
    """A path, a file name or a web address: copied whole, so never given a break mark."""
    return bool(_IDENTIFIER.search(text.strip()))


@functools.lru_cache(maxsize=CACHE_SIZE)
def pieces(text: str) -> tuple[str, ...]:
    """The text cut where a line may break between two Thai words; joined, the pieces are the text."""
    if not _THAI_RUN.search(text) or is_identifier(text):
        return (text,)
    word_tokenize, words = _segmenter()
    cut: list[str] = []
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True, custom_dict=words):
        if cut and _between_words(cut[-1], token):
            cut.append(token)
        elif cut:
            cut[-1] += token
        else:
            cut.append(token)
    return tuple(cut)


@functools.cache
def _segmenter() -> tuple[Any, Words]:
    """pythainlp's word_tokenize, told to write nothing (it would make ~/pythainlp-data) and to fetch
    nothing: newmm's dictionary comes in the wheel; and that dictionary, as Words."""
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    return word_tokenize, Words(thai_words())


class Words:
    """pythainlp's dictionary as its newmm segmenter asks it: the words that begin at a place in a
    text, shortest first (prefixes()). pythainlp answers from a trie of 62,000 words, a Python
    object per letter, which takes 0.34 s to build; two sets answer the same in 0.11 s (every
    word, and every beginning of one, so that a look-up stops where no word goes on) and as fast
    per call. The segments are pythainlp's own, word for word (tests)."""

    __slots__ = ("beginnings", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(word.strip() for word in words)  # as Trie.add() takes them
        self.beginnings = frozenset(word[:end] for word in self.words for end in range(1, len(word)))

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        found = []
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            if piece in self.words:
                found.append(piece)
            if piece not in self.beginnings:
                break
        return found

    def __len__(self) -> int:  # pythainlp asks whether a dictionary was given by its truth
        return len(self.words)


def _between_words(before: str, after: str) -> bool:
    return bool(
        _THAI.match(before[-1:])
        and _THAI.match(after[:1])
        and not _NO_START.match(after[:1])
        and before[-1:] not in _LEADING_VOWELS
    )


@functools.lru_cache(maxsize=CACHE_SIZE)
def with_breaks(text: str) -> str:
    """The text with a ZERO WIDTH SPACE between Thai words: for DOCX."""
    return ZWSP.join(pieces(text))


def without_breaks(text: str) -> str:
    """The text as typed: the break marks taken out (what a reader searching a document compares)."""
    return text.replace(ZWSP, "")


class Unbroken(str):
    """Text that keeps no break mark: an HTML attribute or the page's title (`|plain` in a template)."""

    __slots__ = ()


def html(value: Any) -> Any:
    """Every `{{ }}` of a report's HTML template (Jinja2's finalize): text escaped, with `<wbr>` between
    Thai words. Markup, `|plain` text and what is not text pass as they are."""
    if type(value) is str:  # plain text: nearly every value, the same unit and status names again and again
        return _html_text(value)
    from markupsafe import Markup

    if not isinstance(value, str) or isinstance(value, (Markup, Unbroken)):
        return value
    return _html_text(str(value))  # another kind of text (an enum's value): as plain text


@functools.lru_cache(maxsize=CACHE_SIZE)
def _html_text(text: str) -> Any:
    """Plain text as html() gives it: each distinct text escaped and cut once. A national report
    asks a million times, and importing markupsafe's names on each call was a tenth of its HTML."""
    if not _THAI_RUN.search(text):
        return text  # the template escapes it
    from markupsafe import Markup, escape

    return Markup("<wbr>").join(escape(piece) for piece in pieces(text))


def break_document(document: Any) -> None:
    """Every text run of a python-docx document, its headers and footers too, given its breaks."""
    from docx.oxml.ns import qn

    parts = [document.part, *(rel.target_part for rel in document.part.rels.values() if not rel.is_external)]
    tag = qn("w:t")
    for part in parts:
        element = getattr(part, "element", None)
        if element is None:
            continue
        for node in element.iter(tag):
            if node.text and _THAI_RUN.search(node.text):
                node.text = with_breaks(node.text)
