"""Every message of the code, read with ast: the first argument of each _(), _n() and N_() call."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "itapack"


def messages() -> dict[str, str]:
    """msgid -> where it is first used (file:line)."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "_n", "N_")
                and node.args
            ):
                argument = node.args[0]
                where = f"{path.relative_to(SOURCE)}:{node.lineno}"
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.setdefault(argument.value, where)
                elif not isinstance(argument, ast.Name):  # a name: a table's entry, marked with N_() where written
                    found.setdefault(f"<not a plain text at {where}>", where)
    return found
