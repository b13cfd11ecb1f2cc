"""The HTML report, parsed: Thai content, every status in words, nothing fetched from the network."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ..conftest import EXAMPLE, PDF, UNITS_YAML, render, typed, write_pack


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def render_html(pack_root: Path, out: Path, **options: object) -> tuple[Path, str, Page]:
    (path,) = render(pack_root, out, ("html",), **options)
    html = typed(path.read_text(encoding="utf-8"))
    page = Page()
    page.feed(html)
    return path, html, page


@pytest.fixture(scope="module")
def example_html(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Page]:
    return render_html(EXAMPLE, tmp_path_factory.mktemp("html"))


def test_thai_text_and_every_status_in_words_and_symbols(example_html: tuple[Path, str, Page]) -> None:
    _, _, page = example_html
    text = page.all_text
    for expected in (
        "รายงานผลการตรวจสอบหลักฐานการขับเคลื่อนการประเมินคุณธรรมและความโปร่งใส (ITA)",
        "ประจำปีงบประมาณ พ.ศ. 2567",
        "ผลการดำเนินงาน: ผ่านระดับ 3 จาก 5 (เป้าหมายระดับ 5)",
        "แผนการขับเคลื่อนการประเมิน ITA จ.สป.67",
        "องค์การบริหารส่วนตำบลบางยอ",
        "✓ ครบ",
        "✗ ขาด",
        "! มีปัญหา",
        "— ไม่ต้องส่ง",
    ):
        assert expected in text, expected
    assert ("html", {"lang": "th"}) in page.tags


def test_nothing_is_fetched_from_anywhere(example_html: tuple[Path, str, Page]) -> None:
    _, html, page = example_html
    for tag, attributes in page.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed"), tag
        assert "src" not in attributes and "srcset" not in attributes, tag
        href = attributes.get("href")
        if href is not None:
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc, href
    css = "\n".join(page.styles)
    assert "@import" not in css and "url(" not in css
    assert not re.search(r"(?i)https?://", html)


def test_evidence_links_are_relative_and_lead_to_the_files(example_html: tuple[Path, str, Page]) -> None:
    path, _, page = example_html
    hrefs = [a["href"] for tag, a in page.tags if tag == "a"]
    assert len(hrefs) > 20
    for href in hrefs:
        assert (path.parent / unquote(href)).resolve().is_file(), href


def test_readable_on_a_phone_and_printable_on_a4(example_html: tuple[Path, str, Page]) -> None:
    _, html, page = example_html
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in page.tags
    assert "@page { size: A4;" in html
    assert '"TH Sarabun New", "TH SarabunPSK", Sarabun, Laksaman' in html


def test_names_from_yaml_and_disk_are_text_never_markup(tmp_path: Path) -> None:
    units = UNITS_YAML.replace("name: เทศบาลตำบลบางบ่อ", 'name: "เทศบาล<script>alert(1)</script>"')
    evidence = {"1.1 <b>บันทึก": {"<img src=x onerror=alert(1)>.pdf": PDF}}
    pack = write_pack(tmp_path / "pack", units=units, evidence=evidence)
    _, html, page = render_html(pack, tmp_path / "out")
    assert not [tag for tag, _ in page.tags if tag in ("script", "img", "b")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in html


def test_thai_digits(tmp_path: Path) -> None:
    _, _, page = render_html(EXAMPLE, tmp_path, thai_digits=True)
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗" in page.all_text
    assert "ผ่านระดับ ๓ จาก ๕" in page.all_text


def test_print_rules_of_an_official_document(tmp_path: Path) -> None:
    """Thai words break where words end, never mid-syllable; page numbers top centre from page 2."""
    _, _, page = render_html(EXAMPLE, tmp_path / "arabic")
    css = " ".join(page.styles)
    assert "break-all" not in css
    assert (
        '@top-center { content: "- " counter(page) " -"' in css
        and "@page :first { @top-center { content: none; } }" in css
    )
    _, _, page = render_html(EXAMPLE, tmp_path / "thai", thai_digits=True)
    assert "counter(page, thai)" in " ".join(page.styles)
    assert "(๖๑๐ ไบต์)" in page.all_text


def test_the_summary_names_no_unit_and_no_path(example_html: tuple[Path, str, Page]) -> None:
    _, html, _ = example_html
    summary = html[html.index('<section id="summary">') : html.index('<section id="details"')]
    assert "evidence/" not in summary and "ไบต์" not in summary and "องค์การบริหารส่วนตำบลบางยอ" not in summary
    assert "สิ่งที่ยังขาดเพื่อผ่านระดับ 4" in summary and "ผู้อนุมัติ" in summary


def test_headings_and_signatures_never_stand_alone_on_a_printed_page(example_html: tuple[Path, str, Page]) -> None:
    css = re.sub(r"\s+", " ", " ".join(example_html[2].styles))
    for rule in ("h1 {", "h2 {", "h3 {", "p.legend {", ".criteria {"):
        body = css[css.index(rule) :].split("}", 1)[0]
        assert "break-after: avoid" in body, rule
    for rule in (".sign-off {", ".signature {"):
        assert "break-inside: avoid" in css[css.index(rule) :].split("}", 1)[0], rule
    assert "break-before: avoid" in css[css.index(".sign-off {") :].split("}", 1)[0]
