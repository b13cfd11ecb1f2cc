"""What rollover did (or, with --dry-run, would do): as text for a person, as JSON for a job."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..i18n import _
from ..year.rollover import RolloverPlan


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
    verb = _("จะเขียน") if dry_run else _("เขียนแล้ว")
    lines = [
        _("ขึ้นปี {from_year} -> {to_year}: {source} -> {target}").format(
            from_year=plan.from_year, to_year=plan.to_year, source=plan.source, target=plan.target
        )
        + (_("  (ทดลอง: ไม่ได้เขียนอะไร)") if dry_run else ""),
        _("{verb}: {files} และโครงโฟลเดอร์หลักฐานเปล่า ({folders} โฟลเดอร์)").format(
            verb=verb,
            files=", ".join(str(plan.target / name) for name in sorted(plan.texts)),
            folders=len(plan.folders),
        ),
        _("ปีที่แล้ว: ปีงบประมาณ {year} ").format(year=plan.from_year)
        + (
            _("ผ่านระดับ {level}").format(level=plan.level_reached)
            if plan.level_reached is not None
            else _("ได้คะแนน {score}").format(score=f"{plan.score:g}")
        ),
        _("การเปลี่ยนแปลง ({count}):").format(count=len(plan.changes)),
    ]
    lines += [f"  {c.file}:{c.line}  {c.path}: {c.old} -> {c.new}" for c in plan.changes]
    if plan.scheduled:
        lines.append(
            _("วันที่ที่ล้างไว้ รอกำหนดใหม่ ({count}): {documents}").format(
                count=len(plan.scheduled), documents=", ".join(plan.scheduled)
            )
        )
    if plan.warnings:
        lines.append(_("ให้คนตรวจดู ({count}):").format(count=len(plan.warnings)))
        lines += [f"  {warning}" for warning in plan.warnings]
    return "\n".join(lines) + "\n"
