"""The bundle's reports, rendered by a forked process that takes the render's memory with it.

Rendering the national result as DOCX and HTML needs about 100 MB beyond the check's, and Python
gives little of it back. Rendered in the bundle's own process, it stayed there while the archive
was written, and the archive's copier (forked, sharing those pages until reference counts dirty
them) came on top: 558 MB for the two together, measured as PSS. A child renders into the
bundle's temporary folder instead and exits, and the parent is told only the paths it wrote:
508 MB at the most, nationally. Its errors reach the user as they would without it (aside.py).

Only where os.fork exists, and not when ITAPACK_JOBS=1: there the reports are rendered in the
process, before the archive, as they always were.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..aside import Aside, wanted

Render = Callable[[], list[Path]]

__all__ = ["reports", "wanted"]


def reports(render: Render) -> list[Path]:
    """The paths of the reports render writes: rendered by a forked child that takes the memory
    with it when it ends, or here where forking is not wanted. Waited for before the archive is
    begun: rendered while the evidence is copied, the child, the copier and this process together
    came to about 720 MB nationally, and the three shared two processors no faster."""
    if not wanted():
        return render()
    return Aside(render, "the bundle's report renderer").result()
