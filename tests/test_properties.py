"""Property-based tests: whatever text or tree arrives, the loader and the matcher stay correct.

- The YAML reader meets any text or bytes with a PackError at worst, never another exception.
- Any value survives a trip through the YAML scalars rollover writes.
- A check's result does not depend on the order the file system lists files in, nor on which of
  the two SARA AM spellings a clerk's keyboard or PDF produced.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itapack.errors import InputError, PackError
from itapack.evidence import scan as scan_module
from itapack.outputs import jsonout
from itapack.pack import yamledit
from itapack.pack.loader import load_pack
from itapack.pack.yamlfile import decode_text, parse_yaml

from .conftest import JPG, LEVELS_YAML, PDF, UNITS_YAML, make_tree, run_check, write_pack

THAI = "".join(chr(c) for c in range(0x0E01, 0x0E3B)) + "".join(chr(c) for c in range(0x0E40, 0x0E5C))
SCALAR_WORDS = ["no", "yes", "~", "null", "1.10", "2567-10-01", "0x1F", "1e3", ".inf", "คำรับรอง", "น้ำ", "{fy}"]
FILE_SYSTEM = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the YAML reader -------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_read_or_refused_with_a_pack_error(text: str) -> None:
    try:
        parse_yaml(text, "levels.yaml")
    except PackError as error:
        assert error.problems
        assert all(p.location.file == "levels.yaml" for p in error.problems)


@settings(max_examples=300, deadline=None)
@given(st.binary())
def test_any_bytes_are_decoded_or_refused_with_a_pack_error(raw: bytes) -> None:
    with contextlib.suppress(PackError):
        assert isinstance(decode_text(raw, "pack.yaml"), str)


values = st.recursive(
    st.one_of(st.none(), st.sampled_from(SCALAR_WORDS), st.text(alphabet=THAI + "0123456789 .-:#", max_size=12)),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["id", "title", "x", "ชื่อ"]), children, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(values)
def test_no_scalar_is_ever_retyped(data: object) -> None:
    """What YAML 1.1 would turn into False, 1.1 or a date stays the text it was written as."""
    text = yaml.safe_dump({"root": data}, allow_unicode=True)
    loaded = parse_yaml(text, "f.yaml").data["root"]
    assert loaded == _as_written(data)


def _as_written(data: object) -> object:
    if isinstance(data, dict):
        return {key: _as_written(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_as_written(value) for value in data]
    return data


@settings(max_examples=150, deadline=None)
@given(values)
def test_any_levels_file_loads_or_is_refused_in_the_users_terms(data: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_pack(Path(folder))
        (root / "levels.yaml").write_text(yaml.safe_dump({"levels": data}, allow_unicode=True), encoding="utf-8")
        with contextlib.suppress(PackError, InputError):
            load_pack(root)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Co", "Cn", "Zl", "Zp"))))
def test_rollover_scalars_read_back_exactly(value: str) -> None:
    assert parse_yaml(f"a: {yamledit.scalar(value)}\nb: [{yamledit.scalar(value)}]\n", "f").data == {
        "a": value,
        "b": [value],
    }


# --- the matcher -----------------------------------------------------------------------------

SPLIT_SARA_AM = str.maketrans({"\u0e33": "\u0e4d\u0e32"})
DOCUMENT_FOLDERS = {
    "1.1": ["1.1 บันทึกข้อความ", "๑.๑ บันทึกคำสั่ง", "ข้อ 1.1"],
    "1.2": ["1.2 รายงานการประชุม", "๑.๒ รายงานประจำเดือน"],
    "2.1": ["2.1 คำรับรอง", "๒.๑ คำรับรองการปฏิบัติราชการ"],
}
UNIT_FOLDERS = {
    "tt-bang-bo": ["เทศบาลตำบลบางบ่อ", "ทต.บางบ่อ", "tt-bang-bo", "01 เทศบาลตำบลบางบ่อ"],
    "sao-bang-nam-phueng": ["องค์การบริหารส่วนตำบลบางน้ำผึ้ง", "อบต. บางน้ำผึ้ง", "sao-bang-nam-phueng"],
}
file_names = st.text(alphabet=THAI + "0123456789 ", min_size=1, max_size=20).map(str.strip).filter(bool)
contents = st.sampled_from([PDF, JPG, b"", b"<html>not found</html>"])


@st.composite
def evidence_trees(draw: st.DrawFn) -> dict:
    tree: dict = {}
    for doc, folders in DOCUMENT_FOLDERS.items():
        if not draw(st.booleans()):
            continue
        folder = draw(st.sampled_from(folders))
        if doc == "2.1":
            tree[folder] = {
                draw(st.sampled_from(UNIT_FOLDERS[unit])): _files(draw) for unit in UNIT_FOLDERS if draw(st.booleans())
            }
        else:
            tree[folder] = _files(draw)
    if draw(st.booleans()):
        tree["อื่น ๆ"] = _files(draw)
    return tree


def _files(draw: st.DrawFn) -> dict:
    names = draw(st.lists(file_names, min_size=1, max_size=3, unique_by=lambda n: n.translate(SPLIT_SARA_AM)))
    extension = draw(st.sampled_from([".pdf", ".PDF", ".jpg", ".Jpg", ".docx"]))
    return {name + extension: draw(contents) for name in names}


def _spelt_the_other_way(tree: dict) -> dict:
    return {
        name.translate(SPLIT_SARA_AM): _spelt_the_other_way(value) if isinstance(value, dict) else value
        for name, value in tree.items()
    }


def _signature(result) -> list:
    """What a check decides, without the names on disk."""
    return [
        result.level_reached,
        [
            (d.id, r.unit, str(r.status), len(r.files), sorted(x.reason for x in r.rejected))
            for d in result.documents
            for r in d.requirements
        ],
        sorted(s.reason for s in result.strays),
    ]


def _checked(tree: dict) -> object:
    with tempfile.TemporaryDirectory() as folder:
        root = write_pack(Path(folder) / "pack", levels=LEVELS_YAML, units=UNITS_YAML)
        make_tree(root / "evidence", tree)
        return run_check(root)


@FILE_SYSTEM
@given(evidence_trees())
def test_the_two_sara_am_spellings_give_the_same_result(tree: dict) -> None:
    assert _signature(_checked(tree)) == _signature(_checked(_spelt_the_other_way(tree)))


@FILE_SYSTEM
@given(evidence_trees(), st.randoms(use_true_random=False))
def test_the_order_files_are_listed_in_changes_nothing(tree: dict, seed: random.Random) -> None:
    expected = jsonout.dumps(_checked(tree))
    real = scan_module.os.scandir
    shuffle = random.Random(seed.random())  # a plain Random, seeded by hypothesis, for every folder

    class Shuffled:
        def __init__(self, path: str) -> None:
            self.entries = list(real(path))
            shuffle.shuffle(self.entries)

        def __enter__(self):
            return iter(self.entries)

        def __exit__(self, *exc: object) -> None:
            return None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scan_module.os, "scandir", Shuffled)
        assert jsonout.dumps(_checked(tree)) == expected


@FILE_SYSTEM
@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
@given(evidence_trees())
def test_workers_and_one_process_give_the_same_json(tree: dict) -> None:
    from itapack.check import check
    from itapack.evidence import parallel

    with tempfile.TemporaryDirectory() as folder:
        root = write_pack(Path(folder) / "pack", levels=LEVELS_YAML, units=UNITS_YAML)
        make_tree(root / "evidence", tree)
        pack = load_pack(root)
        alone = jsonout.dumps(check(pack, jobs=1))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(parallel, "SMALL_TREE", 0)
            assert jsonout.dumps(check(pack, jobs=2)) == alone


def test_the_strategies_reach_every_status() -> None:
    """Guard against a strategy that never produces the cases the properties are about."""
    tree = {
        "1.1 บันทึกข้อความ": {"ก.pdf": PDF},
        "๑.๒ รายงานประจำเดือน": {"ข.pdf": b""},
        "2.1 คำรับรอง": {"อบต. บางน้ำผึ้ง": {"ค.pdf": PDF}},
    }
    statuses = {str(r.status) for d in _checked(tree).documents for r in d.requirements}
    assert statuses == {"ok", "problem", "missing"}
    assert json.loads(jsonout.dumps(_checked(_spelt_the_other_way(tree))))["summary"]["level_reached"] == 0


# --- any shape of pack: scaffold, one file per folder, complete --------------------------------

document_ids = st.from_regex(r"[A-Za-z]{0,2}[0-9]{1,2}(\.[0-9]{1,2}){0,2}", fullmatch=True)
thai_words = st.text(alphabet=THAI + " ", min_size=1, max_size=16).map(str.strip).filter(bool)
titles = st.text(alphabet=THAI + " 0123456789()/", min_size=1, max_size=40).map(str.strip).filter(bool)


@st.composite
def any_pack(draw: st.DrawFn) -> tuple[str, str, str | None]:
    """pack.yaml, the structure file and units.yaml (None: a body without units) of a valid pack."""
    from itapack.pack import thai

    ids = draw(st.lists(document_ids, min_size=1, max_size=8, unique_by=str.casefold))
    with_units = draw(st.booleans())
    names = draw(st.lists(thai_words, max_size=4, unique_by=thai.name_key)) if with_units else []
    units = [(f"u{i}", name, draw(st.sampled_from(["sao", "agency"]))) for i, name in enumerate(names)]
    ladder = draw(st.booleans())
    sections, position = [], 0
    while position < len(ids):
        take = draw(st.integers(1, len(ids) - position))
        docs = []
        for doc_id in ids[position : position + take]:
            kinds = sorted({kind for _, _, kind in units})  # a kind with no units could never be complete
            per_unit = draw(st.lists(st.sampled_from(kinds), unique=True)) if kinds else []
            line = f"      - id: {json.dumps(doc_id)}\n        title: {json.dumps(draw(titles), ensure_ascii=False)}\n"
            docs.append(line + (f"        per_unit: [{', '.join(per_unit)}]\n" if per_unit else ""))
        number = f"    number: {len(sections) + 1}\n" if ladder else ""
        sections.append(f"  - title: หมวด\n{number}    documents:\n" + "".join(docs))
        position += take
    pack = "itapack: 2\nfiscal_year: 2567\norganisation: {kind: local, name: หน่วยทดสอบ}\n"
    pack += f"scoring: {'levels' if ladder else 'checklist'}\n"
    roster = None
    if units:
        roster = "kinds:\n  - {id: sao, name: องค์การบริหารส่วนตำบล, short: อบต.}\n  - {id: agency, name: ส่วนราชการ}\n"
        roster += "units:\n" + "".join(
            f"  - {{id: {uid}, name: {json.dumps(name, ensure_ascii=False)}, kind: {kind}}}\n"
            for uid, name, kind in units
        )
    return pack, "sections:\n" + "".join(sections), roster


@FILE_SYSTEM
@given(any_pack())
def test_scaffold_then_one_file_in_every_folder_is_complete(shape: tuple[str, str, str | None]) -> None:
    from itapack.check import check
    from itapack.year.scaffold import scaffold

    pack_yaml, sections, units = shape
    with tempfile.TemporaryDirectory() as folder:
        root = write_pack(Path(folder) / "p", pack=pack_yaml, levels=sections, units=units)
        pack = load_pack(root)
        outcome = scaffold(pack, check(pack))
        for made in outcome.created:
            (root / made / "หลักฐาน.pdf").write_bytes(PDF)
        result = check(load_pack(root))
        assert [(r.document, r.unit, str(r.status)) for r in result.requirements if r.status != "ok"] == []
        if units is None or not any(doc.per_unit for doc in pack.documents):
            assert result.strays == ()


# --- any tree: no file counted twice, none for two units, every output parses ------------------

TREE_NAMES = st.sampled_from(
    [
        "1.1 บันทึก",
        "๑.๒ รายงาน",
        "1.2",
        "2.1 คำรับรอง",
        "ข้อ 2.2",
        "2.1 2.2 รวม",
        "1.10 อื่น",
        "เทศบาลตำบลบางบ่อ",
        "ทต.บางบ่อ",
        "อบต. บางน้ำผึ้ง",
        "องค์การบริหารส่วนตำบลบางน้ำผึ้ง".replace("\u0e33", "\u0e4d\u0e32"),
        "อำเภอบางบ่อ",
        "ส่วนราชการ",
        "อื่น ๆ",
    ]
)


@st.composite
def hostile_trees(draw: st.DrawFn, depth: int = 0) -> dict:
    tree: dict = {}
    for name in draw(st.lists(TREE_NAMES, max_size=4, unique=True)):
        if depth < 3 and draw(st.booleans()):
            tree[name] = draw(hostile_trees(depth + 1))
        else:
            tree[name + draw(st.sampled_from([".pdf", ".jpg", ".PDF"]))] = draw(st.sampled_from([PDF, JPG]))
    return tree


@FILE_SYSTEM
@given(hostile_trees(), st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=3))
def test_no_file_serves_a_document_twice_nor_two_units_and_every_output_parses(
    tree: dict, links: list[tuple[int, int]]
) -> None:
    from xml.etree import ElementTree

    from itapack.outputs import junit

    levels = LEVELS_YAML.replace("        same_as: 1.2\n", "        per_unit: [local]\n")  # 2.2 per unit too
    with tempfile.TemporaryDirectory() as folder:
        root = write_pack(Path(folder) / "p", levels=levels, evidence=tree)
        files = sorted(p for p in (root / "evidence").rglob("*") if p.is_file())
        folders = sorted(p for p in (root / "evidence").rglob("*") if p.is_dir()) or [root / "evidence"]
        for source, target in links:  # links inside the evidence to files elsewhere in it
            if files:
                link = folders[target % len(folders)] / f"ลิงก์ {source}.pdf"
                if not link.exists():
                    link.symlink_to(files[source % len(files)])
        result = run_check(root)
        for doc in result.documents:
            real = [os.path.realpath(root / f.path) for r in doc.requirements for f in r.files]
            assert len(real) == len(set(real)), (doc.id, real)
        by_unit: dict[str, set[str | None]] = {}
        for requirement in result.requirements:
            for file in requirement.files:
                by_unit.setdefault(os.path.realpath(root / file.path), set()).add(requirement.unit)
        assert all(len(units - {None}) <= 1 for units in by_unit.values()), by_unit
        json.loads(jsonout.dumps(result))
        ElementTree.fromstring(junit.dumps(result))
