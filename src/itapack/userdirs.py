"""Where itapack keeps what it remembers between runs: the user's cache folder, never the pack."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_folder() -> Path:
    """ITAPACK_CACHE_DIR, else %LOCALAPPDATA%\\itapack on Windows, ~/Library/Caches/itapack on macOS,
    $XDG_CACHE_HOME/itapack (default ~/.cache/itapack) elsewhere."""
    chosen = os.environ.get("ITAPACK_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "itapack" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "itapack"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "itapack"
