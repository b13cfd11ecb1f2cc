"""The o42 draft as plain texts: last year's results, the weak points with a sentence to finish, the measures.

Seed 001's structure: principle, results, analysis per instrument (indicators, weak points, their
questions with the answer distribution, an analysis), then the measures table. DOCX and HTML both
render this one model; neither decides anything. What the writer must finish is a highlighted blank
(BLANK) in the text; what to put there is a note beside it (a Word comment, a note on screen), so
the printed page reads as the body's own document, with no instructions and no tool's name in it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import InputError
from ..i18n import _, speaking
from ..pack import thai
from ..pack.folder import Pack
from .analysis import IMPROVE, URGENT, WeakPoint, instrument_score, rating, weak_points
from .catalogue import INSTRUMENTS, Catalogue
from .command import catalogue_for
from .o42_model import BLANK, INSTRUMENT_TITLES, O42, InstrumentBlock, Measure, Paragraph, QuestionTable, WeakBlock
from .provenance import national_line, provenance_lines

WRITER_NOTE = (
    "ร่างเอกสารมาตรการ: ข้อความที่ทำเครื่องหมายไว้ให้ผู้จัดทำเขียนแทนตามที่บันทึกไว้ข้างข้อความ แล้วลบเครื่องหมายและบันทึกออกก่อนเผยแพร่"
)


def build(pack: Pack, *, thai_digits: bool = False) -> O42:
    previous = pack.info.previous
    if previous is None or previous.results is None:
        raise InputError(
            _(
                "{root}: ร่าง o42 สร้างจากผลปีก่อน: เขียน previous.results ใน pack.yaml "
                "หรือนำเข้าด้วย itapack scores ในชุดเอกสารของปีก่อนแล้ว rollover"
            ).format(root=pack.root)
        )
    year, last = pack.fiscal_year, previous.fiscal_year
    results = previous.results
    catalogue = catalogue_for(last, pack.fiscal_year, pack_root=pack.root)

    def d(text: str) -> str:
        return thai.to_thai_digits(text) if thai_digits else text

    def score(value: float | None) -> str:
        return "–" if value is None else d(f"{value:.2f}")

    org = pack.organisation.name
    total = results.total
    grade, rating_derived = rating(catalogue, results)
    grade = f"{grade} *" if grade and rating_derived else grade
    result_line = (
        f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {last} "
        f"{org} มีผลคะแนน {score(total)} คะแนน ระดับ {grade or '–'}"
    )
    rows: list[tuple[str, ...]] = []
    for instrument in INSTRUMENTS:
        value, computed = instrument_score(catalogue, results, instrument)
        rows.append(
            (
                instrument.upper(),
                f"คะแนนรวม {instrument.upper()}",
                score(value) + (" *" if computed else ""),
                "instrument",
            )
        )
        for indicator in catalogue.indicators_of(instrument):
            number = str(indicator.number)
            rows.append(
                ("", d(f"ตัวชี้วัดที่ {number} {indicator.name}"), score(results.indicators.get(number)), "indicator")
            )
    rows.append(("รวม", "คะแนนรวม ITA", score(total) + (f" ({grade})" if grade else ""), "total"))
    with speaking("th"):  # an official document: Thai whatever the clerk's messages are in
        notes = [line for line in (national_line(catalogue, total),) if line]
        provenance = tuple(d(line) for line in provenance_lines(catalogue))
    if rating_derived or any(row[2].endswith("*") for row in rows):
        notes.insert(0, "* คำนวณจากคะแนนตัวชี้วัดหรือเกณฑ์ของแคตตาล็อก ไม่ใช่ค่าที่ประกาศ")

    points = weak_points(catalogue, results, pack.info.weak_points)
    blocks = [
        _instrument_block(catalogue, results, instrument, points, d, score, d(f"{number}."))
        for number, instrument in enumerate(INSTRUMENTS, 1)
    ]
    measures = [
        Measure(
            title=pack.title(doc),
            actions=tuple(pack.text(item) for item in doc.items),
            follow_up=d(
                pack.text(doc.note)
                if doc.note
                else (f"รายงานผลภายใน {thai.format_date(doc.due, 'long')}" if doc.due else "")
            ),
            owner=pack.owner_name(doc) or "",
            due=d(thai.format_date(doc.due, "long")) if doc.due else "",
        )
        for doc in pack.documents
        if doc.owner or doc.due
    ]
    if not measures:
        raise InputError(
            _("{root}: ไม่มีมาตรการ: ใส่ owner หรือ due ให้เอกสารที่เป็นมาตรการใน {file}").format(
                root=pack.root, file=pack.structure_file
            )
        )
    title = d(
        pack.text(pack.title_template) if pack.info.title else f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน{org}"
    )
    fiscal_year = d(f"ประจำปีงบประมาณ พ.ศ. {year}")
    return O42(
        title=title,
        subtitle="" if d(str(year)) in title else fiscal_year,  # the year once
        headings=(
            d("1. หลักการและเหตุผล"),
            d(f"2. ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {last}"),
            d(f"3. การวิเคราะห์ผลการประเมิน ประจำปีงบประมาณ พ.ศ. {last}"),
            d("4. มาตรการ"),
        ),
        thai_digits=thai_digits,
        organisation=org,
        fiscal_year=fiscal_year,
        previous_year=d(str(last)),
        principle=(
            Paragraph(
                d(
                    f"การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {last} "
                    f"{org} ได้รับผลการประเมินตามที่สำนักงาน ป.ป.ช. ประกาศ จึงนำผลมาวิเคราะห์ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อน"
                    f"ที่ต้องแก้ไขโดยเร่งด่วน และประเด็นที่ต้องพัฒนาให้ดีขึ้น เพื่อกำหนดมาตรการ ประจำปีงบประมาณ พ.ศ. {year}"
                )
            ),
            Paragraph(BLANK, draft=True, note="วันที่ประกาศผล คณะทำงาน และผู้รับผิดชอบการวิเคราะห์"),
        ),
        result_line=d(result_line),
        results_headers=("เครื่องมือ", "ตัวชี้วัด", d(f"คะแนน ปี {last}")),
        results_rows=rows,
        results_notes=tuple(d(note) for note in notes),
        provenance=provenance,
        instruments=blocks,
        conclusion=Paragraph(
            d(
                f"จากการวิเคราะห์ผลการประเมิน ประจำปีงบประมาณ พ.ศ. {last} จึงกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
                f"ภายในหน่วยงาน{org} ประจำปีงบประมาณ พ.ศ. {year} เพื่อให้หัวหน้าส่วนราชการ/หัวหน้าหน่วยงาน ข้าราชการ "
                "พนักงานและเจ้าหน้าที่ถือเป็นแนวทางปฏิบัติ พร้อมทั้งกำหนดผู้รับผิดชอบ ดังนี้"
            )
        ),
        measures=measures,
        writer_note=WRITER_NOTE,
    )


def _instrument_block(  # type: ignore[no-untyped-def]
    catalogue: Catalogue, results, instrument, points: list[WeakPoint], d, score, number: str
) -> InstrumentBlock:
    members = catalogue.indicators_of(instrument)
    value, computed = instrument_score(catalogue, results, instrument)
    indicators = tuple(
        d(f"ตัวชี้วัดที่ {i.number} {i.name} {score(results.indicators.get(str(i.number)))} คะแนน") for i in members
    )
    weak_indicators = [p for p in points if p.kind == "indicator" and p.instrument == instrument]
    weak_questions = [p for p in points if p.kind == "question" and p.instrument == instrument]
    if weak_indicators:
        groups = []
        for group in (URGENT, IMPROVE):
            named = [p.label for p in weak_indicators if p.group == group]
            if named:
                groups.append(f"{group} ใน{' และ'.join(named)}")
        summary = Paragraph(d("ผลการประเมินปรากฏว่ายังมี" + " และ".join(groups) + " ดังนี้"))
    else:
        summary = Paragraph("ไม่มีตัวชี้วัดที่ต่ำกว่าเกณฑ์ที่กำหนด")
    blocks = []
    for point in weak_indicators:
        tables = []
        for question_code, question in results.questions.items():
            info = catalogue.question.get(question_code)
            if info is None or str(info.indicator) != point.key:
                continue
            tables.append(_question_table(catalogue, question_code, question, d, score))
        blocks.append(
            WeakBlock(
                heading=d(f"{point.label} ({score(point.score)} คะแนน)"),
                group=point.group,
                tables=tuple(tables),
                analysis=Paragraph(
                    f"อาจเกิดจาก {BLANK} จึงควร {BLANK}",
                    draft=True,
                    bold_lead="ผลการวิเคราะห์",
                    note=d(f"สาเหตุที่{point.label}ได้ {score(point.score)} คะแนน และสิ่งที่ควรทำ"),
                ),
            )
        )
    # Weak questions of indicators not themselves weak still deserve a table (seed 001 shows E1, E2).
    shown = {p.key for p in weak_indicators}
    extra = [p for p in weak_questions if p.indicator not in shown and p.question is not None]
    if extra:
        blocks.append(
            WeakBlock(
                heading=d("ข้อคำถามที่ได้คะแนนต่ำกว่าเกณฑ์"),
                group=IMPROVE,
                tables=tuple(_question_table(catalogue, p.key, p.question, d, score) for p in extra),  # type: ignore[arg-type]
                analysis=Paragraph(
                    f"อาจเกิดจาก {BLANK} จึงควร {BLANK}",
                    draft=True,
                    bold_lead="ผลการวิเคราะห์",
                    note="สาเหตุที่ข้อคำถามเหล่านี้ได้คะแนนต่ำกว่าเกณฑ์ และสิ่งที่ควรทำ",
                ),
            )
        )
    shown_score = score(value) + (" (ค่าเฉลี่ยของตัวชี้วัด)" if computed else "")
    return InstrumentBlock(number, INSTRUMENT_TITLES[instrument], shown_score, indicators, summary, tuple(blocks))


def _question_table(catalogue: Catalogue, code: str, question, d, score) -> QuestionTable:  # type: ignore[no-untyped-def]
    info = catalogue.question.get(code)
    answers = catalogue.answers or ("1", "2", "3", "4")
    headers = ("หัวข้อการประเมิน", *answers, "คะแนน")

    def shares(values: tuple[float, ...]) -> tuple[str, ...]:
        return tuple(d(f"{v:.2f}%") for v in values) if values else ("",) * 4

    rows: list[tuple[str, ...]] = []
    if question.rows:
        rows += [(row.text or "", *shares(row.answers), score(row.score)) for row in question.rows]
    elif question.answers:
        rows.append((info.text if info else code, *shares(question.answers), score(question.score)))
    return QuestionTable(
        d(f"{code} {info.text if info else ''} {score(question.score)}".replace("  ", " ")), headers, tuple(rows)
    )


def file_name(pack: Pack) -> str:
    """The draft's file name says what it is, as the body will publish it (OIT item o42)."""
    return f"o42-มาตรการ-{pack.fiscal_year}"


def render_measures(
    pack: Pack,
    *,
    out: Path,
    formats: tuple[str, ...],
    thai_digits: bool | None,
    today: date,
    force: bool,
) -> list[Path]:
    """Write the o42 draft beside the reports, with the same rules: never in the evidence, never over
    a file itapack did not write (without force), atomically."""
    from ..outputs.written import refuse_evidence_folder, write_all
    from ..resources import templates_dir

    refuse_evidence_folder(pack.evidence_root, out)
    settings = pack.info.report
    model = build(pack, thai_digits=settings.thai_digits if thai_digits is None else thai_digits)
    contents: dict[Path, bytes] = {}
    if "docx" in formats:
        from . import o42_docx

        contents[out / f"{file_name(pack)}.docx"] = o42_docx.render(
            model, templates_dir() / "report-base.docx", settings
        )
    if "html" in formats:
        from . import o42_html

        contents[out / f"{file_name(pack)}.html"] = o42_html.render(model, settings)
    return write_all(contents, force=force)
