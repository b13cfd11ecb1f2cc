"""The binder's text layer: every glyph fpdf2 draws maps to the Thai a reader would type.

HarfBuzz's Thai shaper draws SARA AM (ำ) as two glyphs, NIKHAHIT and SARA AA, with the NIKHAHIT
moved before any tone mark. fpdf2 gives a cluster's text to its first glyph and leaves the others
with no entry in the font's ToUnicode map, so poppler reads the second glyph as a space, pypdf as a
control character and pdfminer as "(cid:n)": no word with ำ could be found in the binder.

Here each cluster is drawn so that every glyph has a share of its text: the NIKHAHIT and SARA AA
pair becomes the font's own ำ glyph at the SARA AA's place, and the cluster's characters are given
to its glyphs in reading order, the last glyph taking any left over. Concatenated in drawing order,
the glyphs read back as the text that was set: "น้ำ" is "น", "้", "ำ", not "น", "้ำ", nothing,
nothing. In the TLWG fonts tried the font's ำ has the same outlines and the SARA AA's advance: not a
pixel differs in Laksaman; where the shaper moved the NIKHAHIT from its place under a tone mark
(Garuda's "น้ำ"), the NIKHAHIT and its tone mark sit a little right of where the shaper put them.
"""

from __future__ import annotations

from typing import Any

NIKHAHIT = 0x0E4D
SARA_AA = 0x0E32
SARA_AM = 0x0E33


def map_every_glyph(pdf: Any) -> None:
    """Make the TrueType fonts added to pdf so far draw with a complete text layer."""
    from fpdf.fonts import TTFFont

    class MappedFont(TTFFont):
        __slots__ = ()
        shape_text = _shape_text  # what fpdf2's text fragments call to shape and map a run of text

    for font in pdf.fonts.values():
        if type(font) is TTFFont:
            font.__class__ = MappedFont


def _shape_text(
    font: Any, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """fpdf2's TTFFont.shape_text, but with every glyph given its share of the cluster's text."""
    if not text:
        return []
    infos, positions = font.perform_harfbuzz_shaping(text, font_size_pt, text_shaping_params)
    pairs = zip(infos, positions, strict=True)
    glyphs = [(int(info.codepoint), int(info.cluster), position) for info, position in pairs]
    starts = sorted({cluster for _, cluster, _ in glyphs})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    text_info: list[dict[str, Any]] = []
    index = 0
    while index < len(glyphs):
        cluster = glyphs[index][1]
        group = []
        while index < len(glyphs) and glyphs[index][1] == cluster:
            group.append(glyphs[index])
            index += 1
        first = cluster if cluster != starts[0] else 0  # anything before the first cluster joins it
        chars = [ord(c) for c in text[first : ends[cluster]]]
        group = _sara_am_whole(font, group, chars)
        last = len(group) - 1
        for number, (glyph_id, _, position) in enumerate(group):
            share = tuple(chars[number:]) if number == last else tuple(chars[number : number + 1])
            _add(font, text_info, glyph_id, share, position)
    return text_info


def _sara_am_whole(font: Any, group: list[tuple[int, int, Any]], chars: list[int]) -> list[tuple[int, int, Any]]:
    """The cluster's glyphs with NIKHAHIT + SARA AA, split from a typed ำ, drawn as the font's ำ."""
    nikhahit, sara_aa, sara_am = (font.glyph_ids.get(c) for c in (NIKHAHIT, SARA_AA, SARA_AM))
    if SARA_AM not in chars or NIKHAHIT in chars or sara_am is None:
        return group
    ids = [glyph_id for glyph_id, _, _ in group]
    if nikhahit not in ids or sara_aa not in ids or ids.index(nikhahit) > ids.index(sara_aa):
        return group
    at, mark = ids.index(sara_aa), ids.index(nikhahit)
    moved = group[mark][2]
    whole = list(group)
    whole[at] = (sara_am, *group[at][1:])
    # The font's ำ puts its NIKHAHIT where the font drew it, not where the shaper moved it: a tone mark
    # the shaper set on the NIKHAHIT ("น้ำ") moves with it, so that it stays on top of it.
    for index in range(mark + 1, at):
        glyph_id, cluster, position = whole[index]
        whole[index] = (glyph_id, cluster, _Position(position, moved.x_offset, moved.y_offset))
    del whole[mark]
    return whole


class _Position:
    """A glyph's place from the shaper, less the offset of the mark it sits on."""

    def __init__(self, position: Any, x: int, y: int) -> None:
        self.x_advance, self.y_advance = position.x_advance, position.y_advance
        self.x_offset, self.y_offset = position.x_offset - x, position.y_offset - y


def _add(font: Any, text_info: list[dict[str, Any]], glyph_id: int, share: tuple[int, ...], position: Any) -> None:
    name = font.ttfont.getGlyphName(glyph_id)
    width = round(font.scale * font.ttfont["hmtx"].metrics[name][0])
    glyph = font.subset.get_glyph(glyph=glyph_id, unicode=share, glyph_name=name, glyph_width=width)
    if glyph is None:
        return
    moved = position.x_offset != 0 or position.y_offset != 0 or position.y_advance != 0
    text_info.append(
        {
            "mapped_char": font.subset.pick_glyph(glyph),
            "x_advance": position.x_advance,
            "y_advance": position.y_advance,
            "x_offset": position.x_offset,
            "y_offset": position.y_offset,
            "force_positioning": moved or width != position.x_advance,
        }
    )
