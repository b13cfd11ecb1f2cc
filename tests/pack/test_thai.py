from datetime import date

import pytest

from itapack.pack import thai

SARA_AM = "\u0e33"
NIKHAHIT_SARA_AA = "\u0e4d\u0e32"


def test_fold_merges_the_two_sara_am_spellings() -> None:
    composed = "คำรับรอง"
    decomposed = composed.replace(SARA_AM, NIKHAHIT_SARA_AA)
    assert composed != decomposed
    assert thai.fold(decomposed) == thai.fold(composed)


@pytest.mark.parametrize(
    "split",
    [
        "น\u0e49\u0e4d\u0e32",  # tone mark, NIKHAHIT, SARA AA (what NFKD gives for น้ำ)
        "น\u0e4d\u0e49\u0e32",  # NIKHAHIT, tone mark, SARA AA
    ],
)
def test_fold_keeps_the_tone_mark_before_sara_am(split: str) -> None:
    assert thai.fold(split) == thai.fold("น้ำ") == "น\u0e49\u0e33"


def test_fold_turns_thai_digits_arabic_and_normalises_space_and_case() -> None:
    assert thai.fold("  ข้อ  ๔.๒   Report ") == "ข้อ 4.2 report"


def test_name_key_ignores_dots_spaces_and_dashes() -> None:
    assert thai.name_key("อบต. บางด้วน") == thai.name_key("อบต.บางด้วน") == thai.name_key("อบต-บางด้วน")


def test_natural_key_orders_numbers_by_value() -> None:
    names = ["ข้อ 10", "ข้อ 2", "2.10", "2.7", "๒.๘"]
    assert sorted(names, key=thai.natural_key) == ["2.7", "๒.๘", "2.10", "ข้อ 2", "ข้อ 10"]


def test_thai_digits_round_trip() -> None:
    assert thai.to_thai_digits("24 พ.ย. 2566") == "๒๔ พ.ย. ๒๕๖๖"
    assert thai.to_arabic_digits("๒๕๖๗") == "2567"


def test_dates_in_thai_with_buddhist_era_years() -> None:
    day = date(2023, 11, 24)
    assert thai.format_date(day) == "24 พ.ย. 2566"
    assert thai.format_date(day, "long") == "24 พฤศจิกายน 2566"
    assert thai.format_date(day, "year2") == "24 พ.ย. 66"


def test_parse_be_date() -> None:
    assert thai.parse_be_date("2566-11-24") == date(2023, 11, 24)
    assert thai.parse_be_date("๒๕๖๖-๑๑-๒๔") == date(2023, 11, 24)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2023-11-24", "ค.ศ."),
        ("2566-02-30", "ไม่ใช่วันที่ที่มีจริง"),
        ("24/11/2566", "ไม่ใช่วันที่ เขียนเป็น"),
    ],
)
def test_parse_be_date_rejects_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        thai.parse_be_date(text)


def test_fiscal_year_window() -> None:
    assert thai.fiscal_year_window(2567) == (date(2023, 10, 1), date(2024, 9, 30))
