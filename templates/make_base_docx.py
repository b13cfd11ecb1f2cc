"""Build templates/report-base.docx: the page and styles of itapack's Word report, no content.

An office may restyle that file in Word (fonts, sizes, margins of the base page) without touching
code; itapack only adds content in these styles. This script is how the shipped file was made.

Thai is a complex script to Word and LibreOffice: text takes the `cs` font slot, `szCs` for size,
`bCs` for bold and `lang w:bidi` for its language. Setting only the ASCII slots (what python-docx
does) leaves Thai in the theme font at 11 pt, so every style here sets all of them, and no style
refers to a theme font (theme attributes override explicit ones).

    python templates/make_base_docx.py
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from itapack.outputs.ooxml import thai_run_properties

TARGET = Path(__file__).resolve().parent / "report-base.docx"

# style name: (size in pt, bold, alignment, space before, space after, keep with next)
PARAGRAPH_STYLES = {
    "Normal": (16, False, None, 0, 0, False),
    "Title": (20, True, WD_ALIGN_PARAGRAPH.CENTER, 0, 6, True),
    "Subtitle": (16, True, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, True),
    "Heading 1": (18, True, None, 12, 6, True),
    "Heading 2": (16, True, None, 8, 4, True),
    "Heading 3": (16, True, None, 6, 2, True),
    "List Bullet": (16, False, None, 0, 0, False),
    "Header": (14, False, WD_ALIGN_PARAGRAPH.RIGHT, 0, 0, False),
    "Footer": (14, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, False),
    "Caption": (14, False, None, 0, 4, False),
    "Table Text": (14, False, None, 0, 0, False),
    "Table Heading": (14, True, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, False),
    "Signature": (16, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, False),
}
KEEP = set(PARAGRAPH_STYLES) | {"Default Paragraph Font", "No List", "Normal Table", "Table Grid"}


def build() -> None:
    document = Document()
    styles = document.styles
    for style in list(styles):
        if (style.name not in KEEP and style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.TABLE)) or (
            style.type == WD_STYLE_TYPE.CHARACTER and style.name != "Default Paragraph Font"
        ):
            style.element.getparent().remove(style.element)

    defaults = styles.element.find(qn("w:docDefaults"))
    thai_run_properties(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), 16)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    kept_ids = {style.style_id for style in styles}
    numbering = document.part.numbering_part.element
    for reference in numbering.iter(qn("w:pStyle")):  # list levels tied to styles that are gone
        if reference.get(qn("w:val")) not in kept_ids:
            reference.getparent().remove(reference)
    for rel_id, rel in list(document.part.rels.items()):  # Word 2010's copy of the old styles
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)

    for style in styles:  # the character styles these pointed at are gone
        for link in style.element.findall(qn("w:link")):
            style.element.remove(link)

    for name, (size, bold, alignment, before, after, keep_next) in PARAGRAPH_STYLES.items():
        style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if name not in ("Normal",):
            style.base_style = styles["Normal"]
        rpr = style.element.get_or_add_rPr()
        for italic in rpr.findall(qn("w:i")) + rpr.findall(qn("w:iCs")):
            rpr.remove(italic)
        thai_run_properties(rpr, size, bold)
        paragraph = style.paragraph_format
        paragraph.alignment = alignment
        paragraph.space_before = Pt(before)
        paragraph.space_after = Pt(after)
        paragraph.keep_with_next = keep_next
        paragraph.line_spacing = 1.0
        if name in ("Title", "Subtitle"):  # no rule under the title, no numbering on the subtitle
            for extra in style.element.pPr.findall(qn("w:pBdr")) + style.element.pPr.findall(qn("w:numPr")):
                style.element.pPr.remove(extra)
    thai_run_properties(styles["Table Grid"].element.get_or_add_rPr(), 14)

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.25)

    _clean_leftovers(document)
    properties = document.core_properties
    properties.author = properties.last_modified_by = ""
    properties.title = "itapack report styles"
    properties.comments = "Styles of the itapack Word report. Restyle freely; keep the style names."
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(TARGET)
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")


APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>itapack</Application></Properties>"
)
THAI_FONT_ENTRY = (
    '<w:font w:name="TH Sarabun New"><w:panose1 w:val="020B0500040200020003"/><w:charset w:val="DE"/>'
    '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
)


def _clean_leftovers(document: object) -> None:
    """What python-docx's default template carries from the Mac Word it was made in: a blank
    US Letter thumbnail, Word for Mac as the application, a bibliography part, Japanese as the
    East Asian language and its fonts, Angsana New and Cordia New as the theme's Thai fonts."""
    package = document.part.package  # type: ignore[attr-defined]
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]
    for rel_id, rel in list(document.part.rels.items()):  # type: ignore[attr-defined]
        if rel.reltype.endswith("/customXml"):
            document.part.drop_rel(rel_id)  # type: ignore[attr-defined]
    for part in package.iter_parts():
        name = str(part.partname)
        if name == "/docProps/app.xml":
            part._blob = APP_XML
        elif name == "/word/fontTable.xml":
            xml = part.blob.decode("utf-8")
            xml = re.sub(r'<w:font w:name="ＭＳ [^"]*">.*?</w:font>', "", xml, flags=re.S)
            part._blob = xml.replace("</w:fonts>", THAI_FONT_ENTRY + "</w:fonts>").encode("utf-8")
        elif name.startswith("/word/theme/"):
            xml = part.blob.decode("utf-8")
            xml = re.sub(r'script="Thai" typeface="[^"]*"', 'script="Thai" typeface="TH Sarabun New"', xml)
            part._blob = xml.encode("utf-8")
    language = document.settings.element.find(qn("w:themeFontLang"))  # type: ignore[attr-defined]
    if language is not None:
        for attribute in list(language.attrib):
            del language.attrib[attribute]
        language.set(qn("w:val"), "en-US")
        language.set(qn("w:bidi"), "th-TH")


if __name__ == "__main__":
    build()
