"""A call made by a forked process, while this one goes on or waits: its result, or its error,
brought back whole.

The bundle renders its reports in one (their memory leaves with it, handin/rendering.py); the
workbook writes its longest sheet in one while this process writes the others
(chase/fastsheet.py). An ItapackError in the child (a report that cannot be written, a pack file
that does not load) is raised here whole: its class, its message and its fields, so the user
sees the same message and exit code as without a child. Anything else is a bug, raised as a
RuntimeError that carries the child's traceback as a note.

Only where os.fork exists, and not when ITAPACK_JOBS=1 (wanted()): callers then make the call
themselves.
"""

from __future__ import annotations

import gc
import os
import pickle
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from .errors import ItapackError
from .evidence.parallel import forked, jobs_wanted, reap

T = TypeVar("T")

DONE, REFUSED, FAILED = "done", "refused", "failed"


def wanted() -> bool:
    return hasattr(os, "fork") and jobs_wanted() > 1


class Aside(Generic[T]):
    """work() running in a forked process from the moment this is made. result() waits for it;
    stop() ends it unwaited (the caller will not use it). One of the two must be called."""

    def __init__(self, work: Callable[[], T], what: str) -> None:
        self.what = what  # "the bundle's report renderer": what a RuntimeError names
        self.read, write = os.pipe()

        def child() -> None:
            os.close(self.read)
            _child(work, write)

        self.pid = forked(child)
        os.close(write)

    def result(self) -> T:
        finished = False
        try:
            with os.fdopen(self.read, "rb") as said:
                data = said.read()  # all the child says, when it ends
            failed = reap([self.pid], kill=False)
            finished = True
        finally:
            if not finished:  # Ctrl-C, SIGTERM: the child is not left behind
                reap([self.pid], kill=True)
        return self._outcome(data, failed)

    def stop(self) -> None:
        os.close(self.read)
        reap([self.pid], kill=True)

    def _outcome(self, data: bytes, failed: bool) -> T:
        """What work() returned, or the child's error raised here."""
        if failed or not data:
            raise RuntimeError(f"{self.what} failed")
        kind, payload = pickle.loads(data)
        if kind == REFUSED:
            raise _rebuilt(payload)
        if kind == FAILED:
            error = RuntimeError(f"{self.what} failed: {payload.splitlines()[-1]}")
            error.add_note(payload)  # the child's traceback, shown with ITAPACK_DEBUG
            raise error
        return payload  # type: ignore[no-any-return]


def _child(work: Callable[[], Any], out: int) -> None:
    # The parent's objects are frozen: a collection in here would touch, and so copy, every page
    # of them (the bundle's reports, nationally: 523 MB summed rather than 507). What work makes
    # is collected as usual.
    gc.freeze()
    try:
        message: tuple[str, Any] = (DONE, work())
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
