"""The console entry point. Ctrl-C or SIGTERM at any moment, start-up imports included, ends quietly.

Both signals raise Stopped wherever the program is, so every clean-up on the way runs (the .part
file of a report, the staging folder of a new pack, the preview folder in the temp folder). Ctrl-C
exits 130; SIGTERM (a cron timeout, `timeout`, a service manager stopping the job) exits 143, as a
process killed by it would. Stopped is not a KeyboardInterrupt on purpose: the command-line
library turns those into "Aborted!" and exit 1.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import signal
import sys
import types

from .stopping import INTERRUPTED, Stopped, catch_stop_signals, pause_cycle_collection


def tell(text: str) -> None:
    """One line on stderr, as UTF-8 bytes: safe before the streams are set up, and when stderr is
    closed or full."""
    with contextlib.suppress(OSError):
        os.write(2, (text + "\n").encode("utf-8", "replace"))


def _utf8_mode() -> None:
    """A C or POSIX locale with Python's UTF-8 mode turned off (LC_ALL=C PYTHONUTF8=0: cron, ssh,
    containers) makes file names ASCII to Python: every Thai folder would be unreadable and the
    verdict wrong. Start again in UTF-8 mode, which Python itself uses for such a locale by default."""
    if os.name != "posix" or sys.flags.utf8_mode:
        return
    if codecs.lookup(sys.getfilesystemencoding()).name != "ascii":
        return  # a real locale (th_TH.TIS-620 too): its names are read in its own encoding
    with contextlib.suppress(OSError):
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]])


PYDANTIC_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_pydantic_plugins() -> None:
    """itapack uses no pydantic plugins, but pydantic looks for them when it builds its first
    validator: its loader imports importlib.metadata (email, zipfile, csv, tempfile …) and reads
    every installed package's entry points, about 30 ms of a check's start. PYDANTIC_DISABLE_PLUGINS
    skips the reading, not the import. So the loader is given here, before pydantic is imported,
    answering as pydantic's own does with plugins disabled: none. Only this process sees it; the
    environment children inherit is left alone."""
    if PYDANTIC_PLUGIN_LOADER not in sys.modules:  # else pydantic already loaded it (imported as a library)
        sys.modules[PYDANTIC_PLUGIN_LOADER] = plugin_loader_stand_in()


def plugin_loader_stand_in() -> types.ModuleType:
    loader = types.ModuleType(PYDANTIC_PLUGIN_LOADER, "pydantic's plugin loader: itapack loads none")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    return loader


def main() -> None:
    _utf8_mode()
    catch_stop_signals()
    pause_cycle_collection()
    _no_pydantic_plugins()
    try:
        from .cli import main as run

        run()
    except (Stopped, KeyboardInterrupt) as stop:  # outside a command: start-up, option parsing
        code = stop.exit_code if isinstance(stop, Stopped) else INTERRUPTED
        tell(stop.message if isinstance(stop, Stopped) else Stopped(signal.SIGINT).message)
        raise SystemExit(code) from None
