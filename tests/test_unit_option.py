"""--unit takes a unit as a clerk names it: id, Thai name, short form, or the place name alone
when one unit has it, as --district takes "บางบ่อ"."""

from __future__ import annotations

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
