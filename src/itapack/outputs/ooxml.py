"""The few pieces of WordprocessingML that python-docx has no API for.

Thai is a complex script: Word and LibreOffice take its font from the `cs` slot, its size from
`szCs`, its bold from `bCs` and its language from `lang w:bidi`. python-docx sets none of these.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

THAI_FONT = "TH Sarabun New"

# CT_RPr children must appear in this order (ECMA-376 17.3.2.28), or Word calls the file corrupt.
_RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def set_run_property(rpr: BaseOxmlElement, element: BaseOxmlElement) -> None:
    """Put element into rPr in schema order, replacing one of the same tag."""
    local = element.tag.rsplit("}", 1)[-1]
    for old in rpr.findall(element.tag):
        rpr.remove(old)
    rank = _RPR_ORDER.index(local)
    for index, child in enumerate(rpr):
        name = child.tag.rsplit("}", 1)[-1]
        if name in _RPR_ORDER and _RPR_ORDER.index(name) > rank:
            rpr.insert(index, element)
            return
    rpr.append(element)


def thai_run_properties(
    rpr: BaseOxmlElement, size_pt: float | None = None, bold: bool | None = None, font: str = THAI_FONT
) -> None:
    """Font on every script slot, size and bold for complex script too, Thai as the bidi language,
    and no character spacing or kerning (they make Thai text extract with gaps)."""
    for tag in ("w:spacing", "w:kern"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    fonts = _element("w:rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font)
    set_run_property(rpr, fonts)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            set_run_property(rpr, _element(tag) if bold else _element(tag, val="0"))
    set_run_property(rpr, _element("w:color", val="000000"))
    if size_pt is not None:
        half_points = str(round(size_pt * 2))
        for tag in ("w:sz", "w:szCs"):
            set_run_property(rpr, _element(tag, val=half_points))
    # Latin text stays English (Thai line breaking would split English words); Thai is the
    # complex-script language.
    set_run_property(rpr, _element("w:lang", val="en-US", bidi="th-TH"))


def bold_run(run: object) -> None:
    """Bold for Latin and Thai alike (b and bCs), leaving fonts to the style."""
    rpr = run._r.get_or_add_rPr()  # type: ignore[attr-defined]
    for tag in ("w:b", "w:bCs"):
        set_run_property(rpr, _element(tag))


def repeat_as_header(row: object) -> None:
    """Mark a table row to repeat at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(_element("w:tblHeader"))


def keep_row_together(row: object) -> None:
    row._tr.get_or_add_trPr().append(_element("w:cantSplit"))  # type: ignore[attr-defined]


def keep_table_with_next(table: object) -> None:
    """Every paragraph of the table keeps with the next: Word and LibreOffice alike then move the
    table with the paragraph after it (LibreOffice honours no table-level setting from DOCX)."""
    for paragraph in table._tbl.iter(qn("w:p")):  # type: ignore[attr-defined]
        paragraph.get_or_add_pPr().keepNext_val = True  # python-docx puts it in schema order


def add_page_number(paragraph: object, first: str = "1") -> None:
    """A PAGE field: Word and LibreOffice fill in the number on every page. first: the number shown
    until they do ("๑" in a Thai-digit document, whose sections number in thaiNumbers)."""
    p = paragraph._p  # type: ignore[attr-defined]
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", first), ("end", None)):
        run = OxmlElement("w:r")
        if kind == "instr":
            instr = _element("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run.append(instr)
        elif kind == "text":
            t = OxmlElement("w:t")
            t.text = text
            run.append(t)
        else:
            run.append(_element("w:fldChar", fldCharType=kind))
        p.append(run)


def shade_cell(cell: object, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    tc_pr.append(_element("w:shd", val="clear", color="auto", fill=fill))


def page_number_format(section: object, fmt: str, start: int | None = None) -> None:
    """The section's page numbers as decimal or thaiNumbers (๑ ๒ ๓), counted from start if given.
    Word honours thaiNumbers; LibreOffice 7 reads it as decimal. pgNumType goes before cols in
    sectPr's schema order."""
    sect_pr = section._sectPr  # type: ignore[attr-defined]
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    element = _element("w:pgNumType", fmt=fmt, **({"start": str(start)} if start is not None else {}))
    anchor = next((sect_pr.find(qn(tag)) for tag in ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                                                   "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")
                   if sect_pr.find(qn(tag)) is not None), None)  # fmt: skip
    if anchor is None:
        sect_pr.append(element)
    else:
        anchor.addprevious(element)


def table_indent(table: object, twips: int) -> None:
    """No indent: the table's edge sits on the margin, like the text around it."""
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    for old in tbl_pr.findall(qn("w:tblInd")):
        tbl_pr.remove(old)
    indent = _element("w:tblInd", w=str(twips), type="dxa")
    following = next((tbl_pr.find(qn(t)) for t in ("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
                      if tbl_pr.find(qn(t)) is not None), None)  # fmt: skip
    if following is None:
        tbl_pr.append(indent)
    else:
        following.addprevious(indent)


def columns(section: object, count: int, *, space_cm: float) -> None:
    """Text in count columns from here to the section's end (sectPr's cols, replacing the default)."""
    sect_pr = section._sectPr  # type: ignore[attr-defined]
    cols = sect_pr.find(qn("w:cols"))
    if cols is None:
        cols = _element("w:cols")
        sect_pr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), str(round(space_cm * 567)))  # twips
