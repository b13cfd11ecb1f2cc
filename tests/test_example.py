"""The bundled Samut Prakan FY 2567 example: faithful, small, deliberately incomplete."""

import importlib.util
from collections import Counter
from pathlib import Path

from itapack.loader import load_pack

from .conftest import EXAMPLE, ROOT, run_check


def _generator():
    spec = importlib.util.spec_from_file_location("make_evidence", ROOT / "examples" / "make_evidence.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_committed_evidence_is_exactly_what_the_generator_makes(tmp_path: Path) -> None:
    _generator().build(tmp_path / "evidence")
    assert _tree(tmp_path / "evidence") == _tree(EXAMPLE / "evidence")


def test_example_stays_small() -> None:
    assert sum(p.stat().st_size for p in EXAMPLE.rglob("*") if p.is_file()) < 2_000_000


def test_units_31_regional_agencies_49_local_bodies_and_the_province() -> None:
    kinds = Counter(unit.kind for unit in load_pack(EXAMPLE).roster.units)
    assert kinds["regional_agency"] == 31
    assert kinds["province"] == 1
    assert sum(kinds.values()) - 32 == 49


def test_titles_read_as_on_the_provinces_evidence_page() -> None:
    pack = load_pack(EXAMPLE)
    titles = {doc.id: pack.title(doc) for doc in pack.documents}
    assert list(titles) == [
        "1.1", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "3.1",
        "4.0", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7",
        "5.1", "5.2", "5.3", "5.4", "5.5", "5.6",
    ]  # fmt: skip
    assert titles["2.5"] == "เอกสารการนำเสนอข้อมูลการประชุม 24 พ.ย. 66"
    assert titles["2.6"] == "หนังสือเชิญประชุม 17 ต.ค. 2566"
    assert titles["4.4"] == "แผนการขับเคลื่อนการประเมิน ITA จ.สป.67"
    assert titles["4.7"] == "รายงานการประชุมหัวหน้าส่วนราชการประจำเดือนมกราคม พ.ศ. 2567"
    assert titles["5.5"] == titles["4.2"] == "รายงานการประชุม 17 ม.ค. 2567"


def test_example_reaches_level_3_with_known_gaps_at_levels_4_and_5() -> None:
    result = run_check(EXAMPLE)
    assert result.level_reached == 3
    assert [level.complete for level in result.sections] == [True, True, True, False, False]
    statuses = {doc.id: str(doc.status) for doc in result.documents}
    assert {d for d, s in statuses.items() if d.startswith("4.") and s != "ok"} == {"4.4", "4.5", "4.7"}
    assert (statuses["4.4"], statuses["4.5"], statuses["4.7"]) == ("missing", "missing", "problem")
    itas = next(doc for doc in result.documents if doc.id == "5.1")
    gaps = {r.unit: str(r.status) for r in itas.requirements if str(r.status) != "ok"}
    assert gaps == {
        "sao-bang-yo": "missing",
        "sao-nong-prue": "missing",
        "tt-laem-fa-pha": "missing",
        "sao-preng": "missing",
        "sao-song-khanong": "problem",
    }
    agreements = next(doc for doc in result.documents if doc.id == "3.1")
    assert (agreements.satisfied, agreements.required) == (80, 80)
    assert result.ignored == 4  # Thumbs.db, desktop.ini, .DS_Store, ~$ lock file
