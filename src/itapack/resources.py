"""Files that ship with itapack: report templates and the JSON Schema."""

from __future__ import annotations

from pathlib import Path


def templates_dir() -> Path:
    """templates/ as installed in the wheel (itapack/templates), or in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parents[1] / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("itapack's templates are missing; reinstall itapack")
