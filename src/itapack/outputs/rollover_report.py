"""What rollover did (or, with --dry-run, would do): as text for a person, as JSON for a job."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..rollover import RolloverPlan


def to_dict(plan: RolloverPlan, *, dry_run: bool) -> dict[str, Any]:
    return {
        "format": "itapack-rollover",
        "version": 1,
        "itapack": __version__,
        "dry_run": dry_run,
        "written": not dry_run,
        "source": str(plan.source),
        "target": str(plan.target),
        "from_year": plan.from_year,
        "to_year": plan.to_year,
        "previous": {"fiscal_year": plan.from_year, "level_reached": plan.level_reached, "score": plan.score},
        "files": sorted(plan.texts),
        "evidence_folders": len(plan.folders),
        "changes": [{"file": c.file, "line": c.line, "path": c.path, "old": c.old, "new": c.new} for c in plan.changes],
        "scheduled": plan.scheduled,
        "warnings": [
            {"file": w.location.file, "line": w.location.line, "path": w.location.path, "message": w.message}
            for w in plan.warnings
        ],
    }


def dumps(plan: RolloverPlan, *, dry_run: bool) -> str:
    return json.dumps(to_dict(plan, dry_run=dry_run), ensure_ascii=False, indent=2) + "\n"


def to_text(plan: RolloverPlan, *, dry_run: bool) -> str:
    verb = "would write" if dry_run else "wrote"
    lines = [
        f"rollover {plan.from_year} -> {plan.to_year}: {plan.source} -> {plan.target}"
        + ("  (dry run: nothing written)" if dry_run else ""),
        f"{verb}: {', '.join(sorted(plan.texts))} and an empty evidence skeleton ({len(plan.folders)} folders)",
        f"previous year: fiscal year {plan.from_year} "
        + (f"reached level {plan.level_reached}" if plan.level_reached is not None else f"scored {plan.score:g}"),
        f"changes ({len(plan.changes)}):",
    ]
    lines += [f"  {c.file}:{c.line}  {c.path}: {c.old} -> {c.new}" for c in plan.changes]
    if plan.scheduled:
        lines.append(f"dates cleared, to be scheduled ({len(plan.scheduled)}): {', '.join(plan.scheduled)}")
    if plan.warnings:
        lines.append(f"review by hand ({len(plan.warnings)}):")
        lines += [f"  {warning}" for warning in plan.warnings]
    return "\n".join(lines) + "\n"
