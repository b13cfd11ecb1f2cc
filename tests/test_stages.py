"""The package's folders are the pipeline's stages, and imports run one way: pack → evidence →
outputs. A module that reached back up a stage would make the flow hard to follow and to test."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "itapack"
LATER = {  # what each stage must not import, at the top of a module or inside a function
    "pack": ("evidence", "outputs", "year", "chase", "handin", "links", "scores", "check", "render", "cli"),
    "evidence": ("outputs", "year", "chase", "handin", "links", "scores", "check", "render", "cli"),
}


def _imports(path: Path) -> set[str]:
    """Every itapack module the file imports, as a dotted name under itapack."""
    package = path.relative_to(SOURCE).parent.parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - (node.level - 1)])
                found.add(".".join([*base, *([node.module] if node.module else [])]))
            elif node.module and node.module.startswith("itapack."):
                found.add(node.module.removeprefix("itapack."))
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("itapack.") for a in node.names if a.name.startswith("itapack."))
    return found


@pytest.mark.parametrize("stage", sorted(LATER))
def test_a_stage_imports_no_later_stage(stage: str) -> None:
    backwards = [
        f"{path.relative_to(SOURCE)} imports {name}"
        for path in sorted((SOURCE / stage).rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in LATER[stage]
    ]
    assert not backwards, "\n".join(backwards)


def test_the_stages_are_where_the_readme_says() -> None:
    for stage, modules in {
        "pack": ("yamlfile", "model", "loader", "folder", "texts", "thai", "yamledit"),
        "evidence": ("scan", "sniff", "match", "namedates", "decide", "result", "layout"),
        "year": ("newpack", "scaffold", "rollover"),
    }.items():
        assert all((SOURCE / stage / f"{name}.py").is_file() for name in modules), stage
