"""--format json: a stable, documented shape (REFERENCE.md "JSON output"; schema in check-2.schema.json).

Dates are ISO 8601 (Christian era, as every JSON reader expects) with a Thai form beside them;
fiscal years are Buddhist era, as the pack writes them. Codes stay English (status "missing")
with the Thai words beside them. Version 2 only ever gains keys; version 1 had "levels" where
version 2 has "sections", which every shape of pack has.

The text is compact JSON with one line per document and per unit: it streams (a national result
is 150 MB and never sits in memory whole), it is encoded by the C encoder, and it still greps.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any, TextIO

from .. import __version__
from ..evidence.result import CheckResult, CriterionText, DocumentResult, LinkStatus, Rejected, Requirement, Status
from ..pack.model import Results
from . import wording

Links = dict[tuple[str, str | None], LinkStatus]
FORMAT = "itapack-check"
VERSION = 2


def to_dict(result: CheckResult) -> dict[str, Any]:
    """The whole result as one dict: what write() streams, key by key."""
    return {
        **_head(result),
        "documents": [_document(doc, links=result.links) for doc in result.documents],
        "units": list(_units(result)),
        **_tail(result),
    }


WRITE_SIZE = 1 << 16  # characters per write(): an unbuffered stdout (PYTHONUNBUFFERED=1 in CI) pays per call


def write(
    result: CheckResult, stream: TextIO, *, target_level: int | None = None, target_score: float | None = None
) -> None:
    """The target is not written: the JSON holds every level's state, and its reader judges."""
    pending: list[str] = []
    size = 0
    for chunk in _chunks(result):
        pending.append(chunk)
        size += len(chunk)
        if size >= WRITE_SIZE:
            stream.write("".join(pending))
            pending.clear()
            size = 0
    stream.write("".join(pending))


def dumps(result: CheckResult) -> str:
    return "".join(_chunks(result))


def _chunks(result: CheckResult) -> Iterator[str]:
    head, tail = _head(result), _tail(result)
    yield _compact(head)[:-1] + ',\n"documents":[\n'
    for number, doc in enumerate(result.documents):
        yield from _document_line(doc, result.links, first=number == 0)
    yield "\n" if result.documents else ""
    yield '],\n"units":[\n'
    yield from _lines(_units(result))
    yield "],\n" + _compact(tail)[1:] + "\n"


REQUIREMENTS_PER_CHUNK = 1000  # a national per-unit document has 8,300: its line goes out in pieces


def _document_line(doc: DocumentResult, links: Links, *, first: bool) -> Iterator[str]:
    """One line, written a thousand requirements at a time (about 500 kB): one join per piece
    rather than a chunk per requirement, which cost the national JSON a fifth of its time."""
    whole = _document(doc, requirements=False)
    yield ("" if first else ",\n") + _compact(whole)[:-1] + ',"requirements":['
    requirements = doc.requirements
    for start in range(0, len(requirements), REQUIREMENTS_PER_CHUNK):
        piece = requirements[start : start + REQUIREMENTS_PER_CHUNK]
        yield ("," if start else "") + ",".join([_requirement_text(r, doc, links) for r in piece])
    yield "]}"


_STRING = json.encoder.encode_basestring  # what the encoder writes for a str when ensure_ascii is off
_STATUS_TEXTS = {status: f'"status":"{status}","status_text":{_STRING(wording.STATUS[status])}' for status in Status}


def _requirement_text(requirement: Requirement, doc: DocumentResult, links: Links) -> str:
    """_requirement() as compact JSON, the same text, from a template: a national check writes
    330,000 of them, and a dict and an encoder call each were an eighth of its time. Rejected files
    and links, which are few, still go through the dict."""
    if requirement.rejected or requirement.reason or (links and (doc.id, requirement.unit) in links):
        return _compact(_requirement(requirement, doc, links))
    unit, url, found = requirement.unit, requirement.url, requirement.files
    if len(found) == 1:  # most requirements: no generator, no join
        file = found[0]
        files = f'{{"path":{_STRING(file.folder + file.name)},"size":{file.size!r}}}'
    else:
        files = ",".join([f'{{"path":{_STRING(f.folder + f.name)},"size":{f.size!r}}}' for f in found])
    return (
        f'{{"unit":{"null" if unit is None else _STRING(unit)},{_STATUS_TEXTS[requirement.status]},'
        f'"expected":{_STRING(requirement.expected)},"needed":{requirement.needed!r},'
        f'"url":{"null" if url is None else _STRING(url)},"files":[{files}],"rejected":[]}}'
    )


def _lines(items: Iterator[dict[str, Any]]) -> Iterator[str]:
    first = True
    for item in items:
        yield ("" if first else ",\n") + _compact(item)
        first = False
    if not first:
        yield "\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # what json.dumps would make per call


def _compact(value: Any) -> str:
    return _ENCODER.encode(value)


def _head(result: CheckResult) -> dict[str, Any]:
    pack = result.pack
    start, end = pack.window
    previous = pack.previous
    return {
        "format": FORMAT,
        "version": VERSION,
        "itapack": __version__,
        "pack": {
            "title": pack.title,
            "organisation": pack.organisation.model_dump(),
            "province": pack.province,
            "office": pack.office,
            "fiscal_year": pack.fiscal_year,
            "window": {"start": start.isoformat(), "end": end.isoformat(), "text": wording.window(result)},
            "scoring": pack.scoring,
            "target_level": pack.target_level,
            "target_score": pack.target_score,
            "sections": pack.sections,
            "evidence": pack.evidence,
            "evidence_found": pack.evidence_found,
            "results": _results(pack.results),
            "previous": None
            if previous is None
            else {**previous.model_dump(exclude={"results"}), "results": _results(previous.results)},
            "today": pack.today.isoformat(),
            "due_soon_days": pack.due_soon_days,
        },
        "summary": {
            "level_reached": result.level_reached,
            "score": result.score,
            "target_level": pack.target_level,
            "target_score": pack.target_score,
            "target_met": result.target_met,
            "complete": result.complete,
            "required": result.required,
            "satisfied": result.satisfied,
            "missing": result.count(Status.MISSING),
            "problem": result.count(Status.PROBLEM),
            "overdue": result.count(Status.OVERDUE),
            "due_soon": result.count(Status.DUE_SOON),
            "not_started": result.count(Status.NOT_STARTED),
            "not_applicable": result.count(Status.NOT_APPLICABLE),
            "verdict": wording.verdict(result),
            "selection": {
                "sections": sorted(result.selection.sections) if result.selection.sections is not None else None,
                "units": sorted(result.selection.units) if result.selection.units is not None else None,
            },
        },
        "sections": [
            {
                "number": section.number,
                "id": section.id,
                "title": section.title,
                "label": wording.section_label(section, pack.ladder),
                "complete": section.complete,
                "reached": section.reached,
                "required": section.required,
                "satisfied": section.satisfied,
                "percent": section.percent,
                "score": section.score,
                "pass_percent": section.pass_percent,
                "criteria": [_criterion(c) for c in section.criteria],
                "documents": list(section.documents),
            }
            for section in result.sections
        ],
    }


def _results(results: Results | None) -> dict[str, Any] | None:
    if results is None:
        return None
    return {**results.model_dump(), "text": wording.results_line(results)}


def _units(result: CheckResult) -> Iterator[dict[str, Any]]:
    for unit in result.units:
        yield {
            "id": unit.id,
            "name": unit.name,
            "kind": unit.kind,
            "kind_name": unit.kind_name,
            "district": unit.district,
            "district_name": unit.district_name,
            "required": unit.required,
            "satisfied": unit.satisfied,
            "percent": unit.percent,
            "documents": {doc: str(status) for doc, status in unit.statuses.items()},
        }


def _tail(result: CheckResult) -> dict[str, Any]:
    return {
        "kinds": [
            {
                "id": kind.id,
                "name": kind.name,
                "units": kind.units,
                "required": kind.required,
                "satisfied": kind.satisfied,
                "percent": kind.percent,
            }
            for kind in result.kinds
        ],
        "files": {
            "seen": result.files_seen,
            "ignored": result.ignored,
            "strays": [
                {
                    "path": s.path,
                    "reason": s.reason,
                    "hint": s.hint,
                    "document": s.document,
                    "message": wording.stray(s),
                }
                for s in result.strays
            ],
            "notices": [{"path": s.path, "reason": s.reason, "message": wording.stray(s)} for s in result.notices],
        },
    }


def _criterion(criterion: CriterionText) -> dict[str, Any]:
    return {"number": criterion.number, "text": criterion.text, "items": [_criterion(c) for c in criterion.items]}


def _document(doc: DocumentResult, *, requirements: bool = True, links: Links | None = None) -> dict[str, Any]:
    shape = {
        "id": doc.id,
        "section": doc.section,
        "title": doc.title,
        "date": _date(doc.date),
        "date_text": wording.date_text(doc.date) if doc.date else None,
        "date_pending": doc.date_pending,
        "per_unit": list(doc.per_unit),
        "same_as": doc.same_as,
        "types": list(doc.types),
        "patterns": list(doc.patterns),
        "url": doc.url,
        "items": list(doc.items),
        "owner": doc.owner,
        "due": _date(doc.due),
        "due_text": wording.date_text(doc.due) if doc.due else None,
        "window": None
        if doc.window is None
        else {"start": doc.window[0].isoformat(), "end": doc.window[1].isoformat(), "text": wording.period(doc.window)},
        "weight": doc.weight,
        "note": doc.note,
        "status": str(doc.status),
        "status_text": wording.STATUS[doc.status],
        "required": doc.required,
        "satisfied": doc.satisfied,
    }
    if requirements:
        shape["requirements"] = [_requirement(r, doc, links or {}) for r in doc.requirements]
    return shape


def _rejected(item: Rejected, doc: DocumentResult) -> dict[str, Any]:
    shape: dict[str, Any] = {
        "path": item.path,
        "size": item.size,
        "reason": item.reason,
        "detail": item.detail,
        "message": wording.rejected(item, doc.window),
    }
    if item.destination:
        shape["destination"] = item.destination
    return shape


def _requirement(requirement: Requirement, doc: DocumentResult, links: Links) -> dict[str, Any]:
    shape = {
        "unit": requirement.unit,
        "status": str(requirement.status),
        "status_text": wording.STATUS[requirement.status],
        "expected": requirement.expected,
        "needed": requirement.needed,
        "url": requirement.url,
        "files": [{"path": f.path, "size": f.size} for f in requirement.files],
        "rejected": [_rejected(r, doc) for r in requirement.rejected],
    }
    if requirement.reason is not None:  # not applicable: why
        shape["reason"] = requirement.reason
    link = links.get((doc.id, requirement.unit))
    if link is not None:  # check --links only: the page as `itapack links` last found it
        shape["link"] = {
            "url": link.url,
            "verdict": link.verdict,
            "codes": list(link.codes),
            "message": link.message,
            "checked_at": None if link.checked_at is None else _timestamp(link.checked_at),
            "text": wording.link(link),
        }
    return shape


def _timestamp(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None
