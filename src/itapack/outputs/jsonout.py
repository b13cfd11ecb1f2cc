"""--format json: a stable, documented shape (README "JSON output"; schema in check.schema.json).

Dates are ISO 8601 (Christian era, as every JSON reader expects) with a Thai form beside them;
fiscal years are Buddhist era, as the pack writes them. Version 1 only ever gains keys.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from .. import __version__
from ..result import CheckResult, CriterionText, DocumentResult, Requirement, Status
from . import wording

FORMAT = "itapack-check"
VERSION = 1


def to_dict(result: CheckResult) -> dict[str, Any]:
    pack = result.pack
    start, end = pack.window
    requirements = list(result.requirements)
    return {
        "format": FORMAT,
        "version": VERSION,
        "itapack": __version__,
        "pack": {
            "title": pack.title,
            "province": pack.province,
            "office": pack.office,
            "fiscal_year": pack.fiscal_year,
            "window": {"start": start.isoformat(), "end": end.isoformat(), "text": wording.window(result)},
            "target_level": pack.target_level,
            "levels": pack.levels,
            "evidence": pack.evidence,
            "evidence_found": pack.evidence_found,
            "previous": pack.previous.model_dump() if pack.previous else None,
        },
        "summary": {
            "level_reached": result.level_reached,
            "target_level": pack.target_level,
            "target_met": result.target_met,
            "complete": result.complete,
            "required": len(requirements),
            "satisfied": sum(r.status is Status.OK for r in requirements),
            "missing": sum(r.status is Status.MISSING for r in requirements),
            "problem": sum(r.status is Status.PROBLEM for r in requirements),
            "verdict": wording.verdict(result),
            "selection": {
                "levels": sorted(result.selection.levels) if result.selection.levels is not None else None,
                "units": sorted(result.selection.units) if result.selection.units is not None else None,
            },
        },
        "levels": [
            {
                "number": level.number,
                "complete": level.complete,
                "reached": level.reached,
                "required": level.required,
                "satisfied": level.satisfied,
                "percent": level.percent,
                "criteria": [_criterion(c) for c in level.criteria],
                "documents": list(level.documents),
            }
            for level in result.levels
        ],
        "documents": [_document(doc) for doc in result.documents],
        "units": [
            {
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
            for unit in result.units
        ],
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
                {"path": s.path, "reason": s.reason, "hint": s.hint, "message": wording.stray(s)} for s in result.strays
            ],
        },
    }


def _criterion(criterion: CriterionText) -> dict[str, Any]:
    return {"number": criterion.number, "text": criterion.text, "items": [_criterion(c) for c in criterion.items]}


def _document(doc: DocumentResult) -> dict[str, Any]:
    return {
        "id": doc.id,
        "level": doc.level,
        "title": doc.title,
        "date": _date(doc.date),
        "date_text": wording.date_th(doc.date) if doc.date else None,
        "date_pending": doc.date_pending,
        "per_unit": list(doc.per_unit),
        "same_as": doc.same_as,
        "types": list(doc.types),
        "patterns": list(doc.patterns),
        "status": str(doc.status),
        "required": doc.required,
        "satisfied": doc.satisfied,
        "requirements": [_requirement(r) for r in doc.requirements],
    }


def _requirement(requirement: Requirement) -> dict[str, Any]:
    return {
        "unit": requirement.unit,
        "status": str(requirement.status),
        "expected": requirement.expected,
        "needed": requirement.needed,
        "files": [{"path": f.path, "size": f.size} for f in requirement.files],
        "rejected": [
            {"path": r.path, "size": r.size, "reason": r.reason, "detail": r.detail, "message": wording.rejected(r)}
            for r in requirement.rejected
        ],
    }


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def dumps(result: CheckResult) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
