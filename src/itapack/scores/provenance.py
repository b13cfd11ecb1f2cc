"""What a report says about the catalogue it read: where its figures come from, confirmed or not,
and the year's national results beside the body's own score. One wording for the terminal and
the o42 draft (built in Thai, under i18n.speaking("th"))."""

from __future__ import annotations

from ..i18n import _
from ..pack import thai
from .catalogue import Catalogue, Source


def source_line(source: Source) -> str:
    """ "คู่มือการประเมิน ITA 2568 (1 ธันวาคม 2567) https://… ยืนยันแล้ว: ตัวชี้วัด" """
    parts = [source.source]
    if source.date is not None:
        parts.append(f"({thai.format_date(source.date, 'long')})")
    if source.url:
        parts.append(source.url)
    parts.append(_("ยืนยันแล้ว") if source.confirmed else _("ยังไม่ยืนยัน (แหล่งทุติยภูมิ)"))
    line = " ".join(parts)
    return f"{line}: {source.covers}" if source.covers else line


def provenance_lines(catalogue: Catalogue) -> list[str]:
    """The heading and one line per source, as every report that reads a catalogue prints them."""
    heading = (
        _("ที่มาของเกณฑ์และตัวเลข (แคตตาล็อกปี {year}):")
        if catalogue.confirmed
        else _("ที่มาของเกณฑ์และตัวเลข (แคตตาล็อกปี {year} มีส่วนที่ยังไม่ยืนยันกับคู่มือการประเมิน):")
    )
    return [heading.format(year=catalogue.fiscal_year)] + [f"- {source_line(s)}" for s in catalogue.provenance]


def national_line(catalogue: Catalogue, total: float | None) -> str | None:
    """The year's national results beside the body's total, said to be from where they are from."""
    national = catalogue.national
    if national is None:
        return None
    parts = []
    if national.bodies is not None:
        parts.append(_("หน่วยงานที่รับการประเมิน {bodies} แห่ง").format(bodies=f"{national.bodies:,}"))
    if national.average is not None:
        parts.append(_("คะแนนเฉลี่ย {average}").format(average=f"{national.average:.2f}"))
    if national.passing is not None:
        mark = catalogue.rating.pass_mark
        passing = _("ผ่านเกณฑ์ {mark} คะแนน ร้อยละ {share}") if mark is not None else _("ผ่านเกณฑ์ ร้อยละ {share}")
        parts.append(passing.format(mark=f"{mark:g}" if mark is not None else "", share=f"{national.passing:.2f}"))
    confirmed = _("ยืนยันแล้ว") if national.source.confirmed else _("ยังไม่ยืนยัน")
    where = f"{national.source.source} {confirmed}"
    line = _("ผลระดับประเทศ ปี {year} ({where}): {figures}").format(
        year=catalogue.fiscal_year, where=where, figures=" ".join(parts)
    )
    if total is not None:
        line += _("; หน่วยงานนี้ {total}").format(total=f"{total:.2f}")
        if national.average is not None:
            line += _(" ({difference} จากค่าเฉลี่ย)").format(difference=f"{total - national.average:+.2f}")
    return line
