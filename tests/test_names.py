"""Every name the scan accepts makes valid output in every format; names that show other than they
are (direction marks) are problems and are shown escaped."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from .conftest import COMPLETE, HTML, PDF, itapack_process, write_pack

# Every character a name can hold that is not plain text: C0 and C1 controls, DEL, separators,
# direction marks, non-characters, a byte-order mark, XML's own specials.
TRICKY = [chr(c) for c in range(1, 0x20)] + [chr(c) for c in range(0x7F, 0xA1)]
TRICKY += ["\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\u200b", "\u061c", "\u200e", "\u200f"]
TRICKY += [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
TRICKY += ["<", ">", "&", '"', "'", "]]>"]
BIDI = "\u202e"


def itapack(*args: str | Path) -> tuple[int, str]:
    code, stdout, _ = itapack_process(*args)
    return code, stdout


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # 1.1 holds only the tricky names, as HTML pages: every one is rejected, so every output,
    # JUnit's failure text included, has to carry them.
    evidence = {**COMPLETE, "1.1 บันทึกข้อความ": {}}
    root = write_pack(tmp_path_factory.mktemp("names") / "pack", evidence=evidence)
    claimed = root / "evidence" / "1.1 บันทึกข้อความ"
    made = 0
    for number, ch in enumerate(TRICKY):
        for folder in (claimed, root / "evidence"):
            try:
                (folder / f"{number:03d}a{ch}b.pdf").write_bytes(HTML)
                made += 1
            except (OSError, ValueError):  # a name this file system refuses
                pass
    if os.name == "posix":
        for raw in (b"\xed\xa0\x80.pdf", b"\xff\xfe.pdf", b"\xc3(.pdf"):  # a lone surrogate, not UTF-8
            with open(os.fsencode(claimed) + b"/" + raw, "wb") as stream:
                stream.write(HTML)
    (claimed / f"invoice{BIDI}gpj.pdf").write_bytes(HTML)
    assert made > len(TRICKY)
    return root


def test_junit_is_well_formed_xml(pack: Path) -> None:
    code, out = itapack("check", pack, "-f", "junit")
    root = ET.fromstring(out.encode("utf-8"))  # expat refuses what XML 1.0 cannot hold
    assert root.get("name") == "itapack check"
    assert code == 1 and "invoice<U+202E>gpj.pdf" in "".join(root.itertext())


def test_json_parses_and_carries_no_direction_marks(pack: Path) -> None:
    _, out = itapack("check", pack, "-f", "json")
    result = json.loads(out)
    rejected = [r for d in result["documents"] for q in d["requirements"] for r in q["rejected"]]
    bidi = [r for r in rejected if r["detail"] == "bidi"]
    assert any(r["path"].endswith("invoice<U+202E>gpj.pdf") for r in bidi)
    assert BIDI not in out and "\u2028" not in out


def test_plain_text_shows_escapes_and_one_line_per_entry(pack: Path) -> None:
    _, out = itapack("check", pack)
    assert "invoice<U+202E>gpj.pdf" in out
    for ch in ("\u202e", "\u2066", "\u200f", "\u2028", "\u2029", "\x1b", "\x85"):
        assert ch not in out


def test_a_direction_mark_makes_the_requirement_a_problem(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", evidence={"1.1 บันทึกข้อความ": {f"invoice{BIDI}gpj.pdf": PDF}})
    _, out = itapack("check", root, "--level", "1", "-f", "json")
    document = next(d for d in json.loads(out)["documents"] if d["id"] == "1.1")
    assert document["status"] == "problem"
    assert "กลับทิศทาง" in document["requirements"][0]["rejected"][0]["message"]
