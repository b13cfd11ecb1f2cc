"""From the buckets a scan was placed into, to a CheckResult: every status, score and level.

A requirement is ok with at least min_files valid files, a problem when something is there but
does not count or is not enough, and not applicable when its unit (units.yaml) or the document
itself says why it is excused. When nothing is there it is missing; with a due date, not started
before the last due_soon_days, due soon within them, and overdue after the date. A file whose
name dates it after today is a problem, never evidence. A section's score is the (weighted)
share of its documents done, a per-unit document counting by the share of its units. On a
ladder, level N is reached when levels 1 to N are each complete (every document ok or excused,
or the level's pass_percent reached).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..pack import thai
from ..pack.folder import UNITS_FILE, Pack
from ..pack.model import Criterion, Document, Unit
from ..pack.texts import placeholders_in
from . import layout, namedates
from .match import NO_BUCKET, Bucket, Placement
from .result import (
    CheckResult,
    CriterionText,
    DocumentResult,
    Evidence,
    KindSummary,
    PackSummary,
    Rejected,
    Requirement,
    SectionResult,
    Status,
    UnitResult,
    weighted_score,
)
from .scan import Scan


def decide(pack: Pack, scan: Scan, placer: Placement, today: date, due_soon_days: int | None = None) -> CheckResult:
    """due_soon_days: default the pack's (pack.yaml due_soon_days, else 14)."""
    soon = pack.info.due_soon_days if due_soon_days is None else due_soon_days
    documents = tuple(_document_result(pack, placer, doc, today, soon) for doc in pack.documents)
    sections = _section_results(pack, {doc.id: doc for doc in documents})
    units = _unit_results(pack, documents, placer.homes)
    return CheckResult(
        pack=_summary(pack, scan.found, today, soon),
        sections=sections,
        documents=documents,
        units=units,
        kinds=_kind_summaries(pack, units),
        strays=tuple(sorted(placer.strays, key=lambda s: thai.natural_key(s.path))),
        notices=tuple(sorted(placer.notices, key=lambda s: thai.natural_key(s.path))),
        ignored=scan.ignored,
        files_seen=scan.files,
        level_reached=sum(section.reached for section in sections),  # none is reached off a ladder
        score=weighted_score(documents),
    )


def missing_status(due: date | None, today: date, soon_days: int) -> Status:
    """What nothing there means on today: missing with no due date, else not started, due soon
    (within soon_days of it) or overdue. The timeline judges plan steps by the same rule."""
    if due is None:
        return Status.MISSING
    if today > due:
        return Status.OVERDUE
    return Status.DUE_SOON if (due - today).days <= soon_days else Status.NOT_STARTED


def _document_result(pack: Pack, placer: Placement, doc: Document, today: date, soon_days: int) -> DocumentResult:
    source = pack.document_by_id[doc.same_as] if doc.same_as else doc
    units: tuple[Unit | None, ...] = pack.units_for(source) if placer.per_unit[source.id] else (None,)
    missing = missing_status(doc.due, today, soon_days)
    excuse = doc.not_applicable or source.not_applicable  # the document's own, for every unit
    requirements = _requirements(pack, placer, doc, source, units, missing, today, excuse)
    if not units:  # needed per unit, but no unit is listed: it cannot count as done
        requirements = (Requirement(doc.id, None, Status.MISSING, UNITS_FILE, source.min_files),)
    elif any(r.reason == _OTHER_UNIT for req in requirements for r in req.rejected):
        requirements = _belongs(pack, requirements)
    return DocumentResult(
        id=doc.id,
        section=pack.section_of[doc.id],
        title=pack.title(doc),
        date=doc.date,
        date_pending=doc.date is None and any(n.startswith("date") for n in placeholders_in(doc.title)),
        per_unit=tuple(sorted(placer.per_unit[source.id])),
        same_as=doc.same_as,
        patterns=source.patterns,
        types=tuple(sorted(placer.types[source.id])),
        requirements=requirements,
        url=doc.url,
        items=tuple(pack.text(item) for item in doc.items),
        owner=pack.owner_name(doc),
        due=doc.due,
        window=pack.window_of(source),
        weight=doc.weight,
        note=pack.text(doc.note) if doc.note else None,
    )


def _requirements(
    pack: Pack,
    placer: Placement,
    doc: Document,
    source: Document,
    units: tuple[Unit | None, ...],
    missing: Status,
    today: date,
    excuse: str | None,
) -> tuple[Requirement, ...]:
    """Each unit's requirement of doc, in the units' order. Most of a national check's 332,000 hold
    one sound file and nothing else: those are made here, without the general case's sorting and
    look-ups (the same Requirement, in a third of the time)."""
    # A shared document's bucket serves twice; any other is freed here (a national result is big).
    take = placer.buckets.get if doc.id != source.id or source.id in placer.shared else placer.buckets.pop
    source_id, needed, future = source.id, source.min_files, namedates.future
    one = Status.OK if needed <= 1 else Status.PROBLEM
    made = []
    for unit in units:
        unit_id = unit.id if unit is not None else None
        bucket = take((source_id, unit_id), NO_BUCKET)
        evidence = bucket.evidence
        if (
            evidence is None
            or type(evidence) is list
            or bucket.rejected
            or bucket.unreadable
            or excuse
            or (unit is not None and unit.not_applicable)
            or future(evidence.name, today) is not None
        ):
            made.append(_requirement(pack, placer, doc, source, unit, missing, today, excuse, bucket))
            continue
        url = (unit.urls.get(doc.id) or unit.urls.get(source_id)) if unit is not None else None
        expected = _expected(pack, placer, source, unit, bucket)  # the folder in use, mostly: its first test
        made.append(tuple.__new__(Requirement, (doc.id, unit_id, one, expected, needed, (evidence,), (), url, None)))
    return tuple(made)


def _requirement(
    pack: Pack,
    placer: Placement,
    doc: Document,
    source: Document,
    unit: Unit | None,
    missing: Status,
    today: date,
    excuse: str | None,
    bucket: Bucket,
) -> Requirement:
    """missing: the status if nothing is there; excuse: the document's own not-applicable reason."""
    files, rejected = _not_future(_in_order(bucket.files), _in_order(bucket.rejected or []), today)
    if bucket.unreadable:  # the folder without its one closing "/"
        rejected += (Rejected((bucket.folder or placer.prefix).removesuffix("/"), 0, "unreadable-folder"),)
    excused = excuse or (_excuse(doc, source, unit) if unit is not None and unit.not_applicable else None)
    if excused is not None:
        status = Status.NOT_APPLICABLE  # whatever is there: it is not asked for
    elif len(files) >= source.min_files:
        status = Status.OK
    elif files or rejected:
        status = Status.PROBLEM  # past its due date too: what is wrong with it says more
    else:
        status = missing
    return Requirement(
        document=doc.id,
        unit=unit.id if unit else None,
        status=status,
        expected=_expected(pack, placer, source, unit, bucket),
        needed=source.min_files,
        files=files,
        rejected=rejected,
        url=(unit.urls.get(doc.id) or unit.urls.get(source.id)) if unit else None,
        reason=excused,
    )


def _excuse(doc: Document, source: Document, unit: Unit) -> str | None:
    """Why the unit is excused from this document, if units.yaml says."""
    return unit.not_applicable.get(doc.id) or unit.not_applicable.get(source.id)


def _not_future(
    files: tuple[Evidence, ...], rejected: tuple[Rejected, ...], today: date
) -> tuple[tuple[Evidence, ...], tuple[Rejected, ...]]:
    """Files whose names date them after today move to the rejected: the day of judgement is a
    check's input (--today), so this is decided here, not while placing (placements are cached)."""
    later = [(file, named) for file in files if (named := namedates.future(file.name, today)) is not None]
    if not later:
        return files, rejected
    moved = {file for file, _ in later}
    future = tuple(Rejected(file.path, file.size, "future", named.text) for file, named in later)
    return tuple(f for f in files if f not in moved), _in_order([*rejected, *future])


_OTHER_UNIT = "other-unit"


def _belongs(pack: Pack, requirements: tuple[Requirement, ...]) -> tuple[Requirement, ...]:
    """A file in one unit's place that names another unit: say that unit's name and where its
    evidence goes (placing knew only the unit's id). That unit owes the document too (placing
    names no other), so it has a requirement here."""
    expected = {r.unit: r.expected for r in requirements}

    def named(item: Rejected) -> Rejected:
        if item.reason != _OTHER_UNIT:
            return item
        unit = pack.unit_by_id[item.detail]
        return item._replace(detail=unit.name, destination=expected[unit.id])

    return tuple(r._replace(rejected=tuple(named(item) for item in r.rejected)) for r in requirements)


def _in_order(items: list[Evidence] | list[Rejected]) -> tuple:  # type: ignore[type-arg]
    """Natural order of paths, whatever order the file system listed them in."""
    if len(items) < 2:
        return tuple(items)
    return tuple(sorted(items, key=_path_order))


def _path_order(item: Evidence | Rejected) -> tuple[str, tuple[tuple[int, int | str], ...]]:
    folder, _, name = item.path.rpartition("/")
    return folder, thai.sort_key(name)  # names recur across units: sort_key caches them


def _expected(pack: Pack, placer: Placement, doc: Document, unit: Unit | None, bucket: Bucket) -> str:
    """Where the clerk should put the evidence: the folder in use; in a pack filed unit first, the
    unit's own folder, under a name that leads with the id ("…/อบต.บางปลา/3.1 *"); else the folder
    scaffold makes."""
    if bucket.folder is not None:
        return bucket.folder
    home = placer.homes.get(unit.id) if unit is not None and doc.folder is None and not doc.patterns else None
    if home is not None:  # before the document's folder, which scaffold may have made for other units
        return f"{home}{doc.id} {layout.ANY_NAME}"  # the name, not a folder, says what a file there serves
    root = placer.buckets.get((doc.id, None), NO_BUCKET).folder
    folder = root if root is not None else f"{placer.prefix}{layout.document_folder(pack, doc)}/"
    if unit is not None:
        folder += layout.unit_folder(unit) + "/"
    return folder


def _criteria(pack: Pack, criteria: tuple[Criterion, ...]) -> tuple[CriterionText, ...]:
    return tuple(CriterionText(c.number, pack.text(c.text), _criteria(pack, c.items)) for c in criteria)


def _section_results(pack: Pack, documents: dict[str, DocumentResult]) -> tuple[SectionResult, ...]:
    results: list[SectionResult] = []
    below_complete = True
    for number, section in enumerate(pack.sections, 1):
        docs = [documents[d.id] for d in section.documents]
        score = weighted_score(docs)
        every = all(doc.status.settled for doc in docs)
        complete = every if section.pass_percent >= 100 else score >= section.pass_percent
        below_complete = below_complete and complete
        results.append(
            SectionResult(
                number=number,
                id=section.id,
                title=pack.text(section.title) if section.title else None,
                criteria=_criteria(pack, section.criteria),
                documents=tuple(doc.id for doc in docs),
                satisfied=sum(doc.satisfied for doc in docs),
                required=sum(doc.required for doc in docs),
                score=score,
                pass_percent=section.pass_percent,
                complete=complete,
                reached=below_complete and pack.ladder,
            )
        )
    return tuple(results)


def _unit_results(pack: Pack, documents: tuple[DocumentResult, ...], homes: dict[str, str]) -> tuple[UnitResult, ...]:
    statuses: dict[str, dict[str, Status]] = defaultdict(dict)
    for doc in documents:
        for requirement in doc.requirements:
            if requirement.unit is not None:
                statuses[requirement.unit][doc.id] = requirement.status
    return tuple(
        UnitResult(
            id=unit.id,
            name=unit.name,
            kind=unit.kind,
            kind_name=pack.kind_names[unit.kind],
            district=unit.district,
            district_name=pack.district_names.get(unit.district or ""),
            statuses=statuses.get(unit.id, {}),
            folder=homes.get(unit.id),
        )
        for unit in pack.roster.units
    )


def _kind_summaries(pack: Pack, units: tuple[UnitResult, ...]) -> tuple[KindSummary, ...]:
    summaries = []
    for kind in pack.roster.kinds:
        members = [u for u in units if u.kind == kind.id]
        summaries.append(
            KindSummary(
                id=kind.id,
                name=kind.name,
                units=len(members),
                satisfied=sum(u.satisfied for u in members),
                required=sum(u.required for u in members),
            )
        )
    return tuple(summaries)


def _summary(pack: Pack, evidence_found: bool, today: date, due_soon_days: int) -> PackSummary:
    info = pack.info
    return PackSummary(
        title=pack.text(pack.title_template),
        organisation=pack.organisation,
        province=info.province,
        office=pack.office,
        fiscal_year=info.fiscal_year,
        window=pack.window,
        scoring=info.scoring,
        target_level=pack.target_level,
        target_score=pack.target_score,
        sections=len(pack.sections),
        evidence=info.evidence,
        evidence_found=evidence_found,
        results=info.results,
        previous=info.previous,
        report=info.report,
        today=today,
        due_soon_days=due_soon_days,
    )
