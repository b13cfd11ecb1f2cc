"""The o42 draft as plain texts: last year's results, the weak points with a sentence to finish, the measures.

Seed 001's structure: principle, results, analysis per instrument (indicators, weak points, their
questions with the answer distribution, an analysis), then the measures table. DOCX and HTML both
render this one model; neither decides anything. Sentences the clerk must finish are drafts: they
carry DRAFT and show marked in both outputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..i18n import _, speaking
from ..pack import thai
from ..pack.folder import Pack
from .analysis import IMPROVE, URGENT, WeakPoint, instrument_score, rating, weak_points
from .catalogue import INSTRUMENTS, Catalogue
from .command import catalogue_for
from .provenance import national_line, provenance_lines

DRAFT = "[ร่าง]"
INSTRUMENT_TITLES = {
    "iit": "การเก็บข้อมูลจากบุคลากรภายในหน่วยงานภาครัฐ (Internal Integrity and Transparency Assessment – IIT)",
    "eit": "การเก็บข้อมูลจากผู้รับบริการหรือผู้มาติดต่อหน่วยงานภาครัฐ (External Integrity and Transparency Assessment – EIT)",
    "oit": "การเปิดเผยข้อมูลทางเว็บไซต์ของหน่วยงาน (Open Data Integrity and Transparency Assessment – OIT)",
}
MEASURE_HEADERS = ("มาตรการ", "แนวทางการดำเนินการ/การปฏิบัติ", "การกำกับติดตาม/การรายงานผล", "ผู้รับผิดชอบ", "กำหนดเวลา")


@dataclass(frozen=True)
class Paragraph:
    text: str
    draft: bool = False
    bold_lead: str = ""  # a bold opening ("ผลการวิเคราะห์")


@dataclass(frozen=True)
class QuestionTable:
    heading: str  # "I19 บุคลากรในหน่วยงาน… 98.66"
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class WeakBlock:
    heading: str  # "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ (91.22 คะแนน)"
    group: str
    tables: tuple[QuestionTable, ...]
    analysis: Paragraph


@dataclass(frozen=True)
class InstrumentBlock:
    title: str
    score: str
    indicators: tuple[str, ...]  # "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 95.43 คะแนน"
    summary: Paragraph
    weak: tuple[WeakBlock, ...]


@dataclass(frozen=True)
class Measure:
    title: str
    actions: tuple[str, ...]
    follow_up: str
    owner: str
    due: str


@dataclass
class O42:
    title: str
    organisation: str
    fiscal_year: str
    previous_year: str
    principle: tuple[Paragraph, ...]
    result_line: str
    results_headers: tuple[str, ...]
    results_rows: list[tuple[str, ...]]  # (instrument or "", indicator, score, kind) kind: total/instrument/indicator
    results_notes: tuple[str, ...] = ()  # under the table: what is derived, the national results
    provenance: tuple[str, ...] = ()  # where the catalogue's figures come from, at the end
    instruments: list[InstrumentBlock] = field(default_factory=list)
    conclusion: Paragraph = Paragraph("")
    measures: list[Measure] = field(default_factory=list)
    draft_notice: str = ""


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
        notes.insert(0, "* คำนวณโดย itapack จากคะแนนตัวชี้วัดหรือเกณฑ์ของแคตตาล็อก ไม่ใช่ค่าที่ประกาศ")

    points = weak_points(catalogue, results, pack.info.weak_points)
    blocks = [_instrument_block(catalogue, results, instrument, points, d, score) for instrument in INSTRUMENTS]
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
    return O42(
        title=d(
            pack.text(pack.title_template) if pack.info.title else f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน{org}"
        ),
        organisation=org,
        fiscal_year=d(f"ประจำปีงบประมาณ พ.ศ. {year}"),
        previous_year=d(str(last)),
        principle=(
            Paragraph(
                d(
                    f"การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {last} "
                    f"{org} ได้รับผลการประเมินตามที่สำนักงาน ป.ป.ช. ประกาศ จึงนำผลมาวิเคราะห์ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อน"
                    f"ที่ต้องแก้ไขโดยเร่งด่วน และประเด็นที่ต้องพัฒนาให้ดีขึ้น เพื่อกำหนดมาตรการ ประจำปีงบประมาณ พ.ศ. {year}"
                )
            ),
            Paragraph(d("…(วันที่ประกาศผล คณะทำงาน และผู้รับผิดชอบการวิเคราะห์ ให้ผู้จัดทำเขียนเพิ่ม)…"), draft=True),
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
        draft_notice=(
            f"ร่างเอกสาร (o42): ข้อความที่ขึ้นต้นด้วย {DRAFT} และทำเครื่องหมายไว้ ให้ผู้จัดทำเขียนให้ครบและลบเครื่องหมายออกก่อนเผยแพร่"
        ),
    )


def _instrument_block(catalogue: Catalogue, results, instrument, points: list[WeakPoint], d, score) -> InstrumentBlock:  # type: ignore[no-untyped-def]
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
                    d(f"{DRAFT} อาจเกิดจาก …(สาเหตุที่{point.label}ได้ {score(point.score)} คะแนน)… จึงควร …"),
                    draft=True,
                    bold_lead="ผลการวิเคราะห์",
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
                analysis=Paragraph(d(f"{DRAFT} อาจเกิดจาก … จึงควร …"), draft=True, bold_lead="ผลการวิเคราะห์"),
            )
        )
    shown_score = score(value) + (" (ค่าเฉลี่ยของตัวชี้วัด คำนวณโดย itapack)" if computed else "")
    return InstrumentBlock(INSTRUMENT_TITLES[instrument], shown_score, indicators, summary, tuple(blocks))


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
    return f"itapack-measures-{pack.fiscal_year}"


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
    from ..render import refuse_evidence_folder, write_all
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
