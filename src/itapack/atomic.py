"""The names code has long written through; the writer itself, and its rules, are in safety.py."""

from __future__ import annotations

import os  # noqa: F401 (tests reach os.fsync through here)

from .safety import build_folder, write_bytes, write_text, writing

__all__ = ["build_folder", "write_bytes", "write_text", "writing"]
