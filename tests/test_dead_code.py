"""The dead-code check (vulture, run by .ci/run) cannot see a writer that the output format
registry names as text: each one is in its whitelist, or the check would call it unused."""

from __future__ import annotations

import re

from itapack.outputs.formats import FORMATS

from .conftest import ROOT

WHITELIST = ROOT / ".ci" / "vulture_whitelist.py"


def test_every_writer_the_format_registry_names_is_known_to_the_dead_code_check() -> None:
    listed = set(re.findall(r"_\.(\w+)", WHITELIST.read_text(encoding="utf-8")))
    writers = {format.writer.partition(":")[2] for format in FORMATS}
    assert all(callable(format.write()) for format in FORMATS)  # each name is a real writer
    unlisted = sorted(writers - listed)
    assert not [name for name in unlisted if _used_only_by_the_registry(name)], unlisted


def _used_only_by_the_registry(name: str) -> bool:
    """No module of the package calls it by name: the registry's text is its only use."""
    pattern = re.compile(rf"\b{name}\b")
    sources = (ROOT / "src" / "itapack").rglob("*.py")
    return not any(
        pattern.search(line)
        for path in sources
        if path.name != "formats.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith(("def ", "class ", "#"))
    )
