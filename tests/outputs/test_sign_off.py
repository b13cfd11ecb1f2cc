"""The signatures close the summary and take its last part with them to a new page: on a full first
page the legend alone was left above them on page 2, in the DOCX and the HTML alike."""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path

from ..conftest import PACK_YAML, PDF, render, typed, write_pack
from .test_followups import LEVELS, units

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_the_last_table_of_the_summary_keeps_with_the_legend_and_the_signatures(tmp_path: Path) -> None:
    from xml.etree import ElementTree

    evidence = {"1.1 รายงานผล": {"องค์การบริหารส่วนตำบลทดสอบ001": {"a.pdf": PDF}}}
    root = write_pack(tmp_path / "pack", pack=PACK_YAML, levels=LEVELS, units=units(3), evidence=evidence)
    reports = {p.suffix: p for p in render(root, tmp_path / "out")}
    with zipfile.ZipFile(reports[".docx"]) as archive:
        body = ElementTree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    children = list(body)
    legend = next(i for i, e in enumerate(children) if typed("".join(e.itertext())).startswith("สัญลักษณ์"))
    kinds = children[legend - 1]
    assert kinds.tag == f"{W}tbl" and "ประเภทหน่วยงาน" in typed("".join(kinds.itertext()))
    paragraphs = list(kinds.iter(f"{W}p"))
    assert paragraphs and all(p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs)

    class Signed(HTMLParser):
        """What the first element of class "signed" holds: its tags and classes, in order."""

        def __init__(self) -> None:
            super().__init__()
            self.depth, self.inside = 0, []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            classes = dict(attrs).get("class") or ""
            if self.depth or "signed" in classes.split():
                self.depth += tag not in ("col", "br", "meta")
                self.inside.append(f"{tag}.{classes}" if classes else tag)

        def handle_endtag(self, tag: str) -> None:
            if self.depth and tag not in ("col", "br", "meta"):
                self.depth -= 1

    parser = Signed()
    parser.feed(reports[".html"].read_text(encoding="utf-8"))
    assert "table.kinds" in parser.inside and "p.legend" in parser.inside and "div.sign-off" in parser.inside
    css = (Path(__file__).parents[2] / "templates" / "report.css").read_text(encoding="utf-8")
    assert ".signed { break-inside: avoid; }" in css
