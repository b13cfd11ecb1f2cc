"""From the buckets a scan was placed into, to a CheckResult: every status, percentage and level.

A requirement is ok with at least min_files valid files, a problem when something is there but
does not count or is not enough, missing when nothing is there. Level N is reached when every
document of levels 1 to N is ok.
"""

from __future__ import annotations

from collections import defaultdict

from . import layout, thai
from .match import NO_BUCKET, Bucket, Placement
from .model import Criterion, Document, Unit
from .pack import UNITS_FILE, Pack
from .result import (
    CheckResult,
    CriterionText,
    DocumentResult,
    Evidence,
    KindSummary,
    LevelResult,
    PackSummary,
    Rejected,
    Requirement,
    Status,
    UnitResult,
)
from .scan import Scan
from .texts import placeholders_in


def decide(pack: Pack, scan: Scan, placer: Placement) -> CheckResult:
    documents = tuple(_document_result(pack, placer, doc) for doc in pack.documents)
    by_id = {doc.id: doc for doc in documents}
    levels = _level_results(pack, by_id)
    units = _unit_results(pack, documents)
    return CheckResult(
        pack=_summary(pack, scan.found),
        levels=levels,
        documents=documents,
        units=units,
        kinds=_kind_summaries(pack, units),
        strays=tuple(sorted(placer.strays, key=lambda s: thai.natural_key(s.path))),
        ignored=scan.ignored,
        files_seen=scan.files,
        level_reached=sum(level.reached for level in levels),
    )


def _document_result(pack: Pack, placer: Placement, doc: Document) -> DocumentResult:
    source = pack.document_by_id[doc.same_as] if doc.same_as else doc
    units: tuple[Unit | None, ...] = pack.units_for(source) if placer.per_unit[source.id] else (None,)
    requirements = tuple(_requirement(pack, placer, doc, source, unit) for unit in units)
    if not units:  # needed per unit, but no unit is listed: it cannot count as done
        requirements = (Requirement(doc.id, None, Status.MISSING, UNITS_FILE, source.min_files),)
    return DocumentResult(
        id=doc.id,
        level=pack.level_of[doc.id],
        title=pack.title(doc),
        date=doc.date,
        date_pending=doc.date is None and any(n.startswith("date") for n in placeholders_in(doc.title)),
        per_unit=tuple(sorted(placer.per_unit[source.id])),
        same_as=doc.same_as,
        patterns=source.patterns,
        types=tuple(sorted(placer.types[source.id])),
        requirements=requirements,
    )


def _requirement(pack: Pack, placer: Placement, doc: Document, source: Document, unit: Unit | None) -> Requirement:
    key = (source.id, unit.id if unit else None)
    # A shared document's bucket serves twice; any other is freed here (a national result is big).
    bucket = (
        placer.buckets.get(key, NO_BUCKET)
        if doc.id != source.id or source.id in placer.shared
        else placer.buckets.pop(key, NO_BUCKET)
    )
    files = _in_order(bucket.files)
    rejected = _in_order(bucket.rejected or [])
    if bucket.unreadable:
        rejected += (Rejected((bucket.folder or placer.prefix).rstrip("/"), 0, "unreadable-folder"),)
    if len(files) >= source.min_files:
        status = Status.OK
    elif files or rejected:
        status = Status.PROBLEM
    else:
        status = Status.MISSING
    return Requirement(
        document=doc.id,
        unit=unit.id if unit else None,
        status=status,
        expected=_expected(pack, placer, source, unit, bucket),
        needed=source.min_files,
        files=files,
        rejected=rejected,
    )


def _in_order(items: list[Evidence] | list[Rejected]) -> tuple:  # type: ignore[type-arg]
    """Natural order of paths, whatever order the file system listed them in."""
    if len(items) < 2:
        return tuple(items)
    return tuple(sorted(items, key=_path_order))


def _path_order(item: Evidence | Rejected) -> tuple[str, tuple[tuple[int, int | str], ...]]:
    folder, _, name = item.path.rpartition("/")
    return folder, thai.sort_key(name)  # names recur across units: sort_key caches them


def _expected(pack: Pack, placer: Placement, doc: Document, unit: Unit | None, bucket: Bucket) -> str:
    """Where the clerk should put the evidence: the folder in use, else the one scaffold makes."""
    if bucket.folder is not None:
        return bucket.folder
    root = placer.buckets.get((doc.id, None), NO_BUCKET).folder
    folder = root if root is not None else f"{placer.prefix}{layout.document_folder(pack, doc)}/"
    if unit is not None:
        folder += layout.unit_folder(unit) + "/"
    return folder


def _criteria(pack: Pack, criteria: tuple[Criterion, ...]) -> tuple[CriterionText, ...]:
    return tuple(CriterionText(c.number, pack.text(c.text), _criteria(pack, c.items)) for c in criteria)


def _level_results(pack: Pack, documents: dict[str, DocumentResult]) -> tuple[LevelResult, ...]:
    results: list[LevelResult] = []
    below_complete = True
    for level in pack.levels:
        docs = [documents[d.id] for d in level.documents]
        complete = all(doc.status is Status.OK for doc in docs)
        below_complete = below_complete and complete
        results.append(
            LevelResult(
                number=level.number,
                criteria=_criteria(pack, level.criteria),
                documents=tuple(doc.id for doc in docs),
                satisfied=sum(doc.satisfied for doc in docs),
                required=sum(doc.required for doc in docs),
                complete=complete,
                reached=below_complete,
            )
        )
    return tuple(results)


def _unit_results(pack: Pack, documents: tuple[DocumentResult, ...]) -> tuple[UnitResult, ...]:
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


def _summary(pack: Pack, evidence_found: bool) -> PackSummary:
    info = pack.info
    return PackSummary(
        title=pack.text(info.title),
        province=info.province,
        office=info.office,
        fiscal_year=info.fiscal_year,
        window=pack.window,
        target_level=pack.target_level,
        levels=len(pack.levels),
        evidence=info.evidence,
        evidence_found=evidence_found,
        previous=info.previous,
        report=info.report,
    )
