"""The console entry point. Ctrl-C at any moment, during start-up imports too, exits 130 quietly."""

from __future__ import annotations

import sys

INTERRUPTED = 130  # errors.ExitCode.INTERRUPTED, without importing anything yet


def main() -> None:
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        from .i18n import _, choose

        choose(sys.argv[1:])
        print(_("itapack: ถูกยกเลิก"), file=sys.stderr)
        raise SystemExit(INTERRUPTED) from None
    run()
