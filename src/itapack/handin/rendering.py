"""The bundle's reports, rendered by a forked process that takes the render's memory with it.

Rendering the national result as DOCX and HTML needs about 100 MB beyond the check's, and Python
gives little of it back. Rendered in the bundle's own process, it stayed there while the archive
was written, and the archive's copier (forked, sharing those pages until reference counts dirty
them) came on top: 558 MB for the two together, measured as PSS. A child renders into the
bundle's temporary folder instead and exits, and the parent is told only the paths it wrote:
508 MB at the most, nationally.

An ItapackError in the child (a report that cannot be written, a pack file that does not load)
is raised in the parent whole: its class, its message and its fields, so the user sees the same
message and exit code as before. Anything else is a bug, raised as a RuntimeError that carries
the child's traceback as a note.

Only where os.fork exists, and not when ITAPACK_JOBS=1: there the reports are rendered in the
process, before the archive, as they always were.
"""

from __future__ import annotations

import gc
import os
import pickle
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ItapackError
from ..evidence.parallel import forked, jobs_wanted, reap

Render = Callable[[], list[Path]]

DONE, REFUSED, FAILED = "done", "refused", "failed"


def wanted() -> bool:
    return hasattr(os, "fork") and jobs_wanted() > 1


def reports(render: Render) -> list[Path]:
    """The paths of the reports render writes: rendered by a forked child that takes the memory
    with it when it ends, or here where forking is not wanted. Waited for before the archive is
    begun: rendered while the evidence is copied, the child, the copier and this process together
    came to about 720 MB nationally, and the three shared two processors no faster."""
    if not wanted():
        return render()
    read, write = os.pipe()

    def work() -> None:
        os.close(read)
        _child(render, write)

    pid = forked(work)
    os.close(write)
    finished = False
    try:
        with os.fdopen(read, "rb") as said:
            data = said.read()  # all the child says, when it ends
        failed = reap([pid], kill=False)
        finished = True
    finally:
        if not finished:  # Ctrl-C, SIGTERM: the child is not left behind
            reap([pid], kill=True)
    return _outcome(data, failed)


def _outcome(data: bytes, failed: bool) -> list[Path]:
    """The reports' paths, or the child's error raised here."""
    if failed or not data:
        raise RuntimeError("the bundle's report renderer failed")
    kind, payload = pickle.loads(data)
    if kind == REFUSED:
        raise _rebuilt(payload)
    if kind == FAILED:
        error = RuntimeError(f"the bundle's report renderer failed: {payload.splitlines()[-1]}")
        error.add_note(payload)  # the child's traceback, shown with ITAPACK_DEBUG
        raise error
    return [Path(path) for path in payload]


def _child(render: Render, out: int) -> None:
    # The parent's objects are frozen: a collection in here would touch, and so copy, every page
    # of them (nationally 523 MB summed rather than 507). What rendering makes is collected as usual.
    gc.freeze()
    try:
        message: tuple[str, Any] = (DONE, [os.fspath(path) for path in render()])
    except ItapackError as error:
        message = (REFUSED, _ferried(error))
    except Exception:
        message = (FAILED, traceback.format_exc())
    data = memoryview(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
    while data:
        data = data[os.write(out, data) :]
    os.close(out)


def _ferried(error: ItapackError) -> tuple[type[ItapackError], tuple[Any, ...], dict[str, Any]]:
    """The error as it can cross to the parent: its class, arguments and fields. Not pickled as it
    is: unpickling calls the class with its arguments, and PackError takes its problems, not its
    message. A field that cannot cross leaves the message and the exit code, which can."""
    ferried = (type(error), error.args, dict(vars(error)))
    try:
        pickle.dumps(ferried)
    except Exception:
        return ItapackError, (str(error),), {"exit_code": error.exit_code}
    return ferried


def _rebuilt(ferried: tuple[type[ItapackError], tuple[Any, ...], dict[str, Any]]) -> ItapackError:
    kind, args, fields = ferried
    error = kind.__new__(kind)  # not kind(*args): see _ferried
    error.args = args
    error.__dict__.update(fields)
    return error
