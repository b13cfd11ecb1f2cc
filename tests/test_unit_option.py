"""--unit takes a unit as a clerk names it: id, Thai name, short form, or the place name alone
when one unit has it, as --district takes "บางบ่อ"."""

from __future__ import annotations

from pathlib import Path

import pytest

from itapack.check import unit_id
from itapack.errors import InputError
from itapack.pack.loader import load_pack

from .conftest import EXAMPLE


@pytest.mark.parametrize(
    "text", ["sao-bang-yo", "องค์การบริหารส่วนตำบลบางยอ", "อบต.บางยอ", "อบต. บางยอ", "บางยอ", "ทต.แหลมฟ้าผ่า"]
)
def test_a_unit_by_any_name_a_clerk_types(text: str) -> None:
    expected = "tt-laem-fa-pha" if "แหลม" in text else "sao-bang-yo"
    assert unit_id(load_pack(EXAMPLE), text) == expected


def test_a_place_name_two_units_share_asks_which() -> None:
    with pytest.raises(InputError, match="มีหลายหน่วยงานชื่อนี้") as raised:
        unit_id(load_pack(EXAMPLE), "บางบ่อ")
    assert "tt-bang-bo" in str(raised.value) and "sao-bang-bo" in str(raised.value)


def test_an_unknown_kind_is_answered_with_the_kinds_by_name_not_id() -> None:
    from itapack.chase.letters import selection_name

    with pytest.raises(InputError, match="องค์การบริหารส่วนตำบล") as raised:
        selection_name(load_pack(EXAMPLE), kinds=["อบล."])
    assert "sao" not in str(raised.value) and "regional_agency" not in str(raised.value)


def test_a_units_page_for_a_document_its_kind_does_not_owe_names_the_kind_in_thai(tmp_path: Path) -> None:
    from itapack.errors import PackError

    from .conftest import UNITS_YAML, write_pack

    units = UNITS_YAML.replace("kind: regional_agency}", "kind: regional_agency, urls: {2.1: 'https://x.example/'}}")
    with pytest.raises(PackError) as raised:
        load_pack(write_pack(tmp_path / "pack", units=units))
    assert "ส่วนราชการบริหารส่วนภูมิภาค" in str(raised.value.problems[0])
    assert "regional_agency" not in str(raised.value.problems[0])
