"""The shipped catalogues load, say what they know, and a broken one is refused with its place."""

from __future__ import annotations

import pytest

from itapack.errors import InputError, PackError
from itapack.scores.catalogue import available_years, load_catalogue, parse_catalogue


def test_each_shipped_year_loads_with_ten_indicators() -> None:
    assert set(available_years()) >= {2565, 2566}
    for year in available_years():
        catalogue = load_catalogue(year)
        assert catalogue.fiscal_year == year
        assert [i.number for i in catalogue.indicators] == list(range(1, 11))
        assert [i.number for i in catalogue.indicators_of("iit")] == [1, 2, 3, 4, 5]
        assert [i.number for i in catalogue.indicators_of("oit")] == [9, 10]


def test_2565_names_and_questions_come_from_seed_001() -> None:
    catalogue = load_catalogue(2565)
    assert catalogue.indicator["4"].name == "การใช้ทรัพย์สินของราชการ"
    assert catalogue.indicator["4"].basis == "seed"
    assert catalogue.question["I19"].indicator == 4
    assert catalogue.question["E1"].rows == ("เป็นไปตามขั้นตอนที่กำหนด", "เป็นไปตามระยะเวลาที่กำหนด")
    # Weights and bands are not confirmed: the file must not claim more than it knows.
    assert {i.basis for i in catalogue.instruments} == {"likely"}
    assert catalogue.grades.basis == "likely"
    assert catalogue.total_check.basis == "open"


@pytest.mark.parametrize(
    ("total", "grade"),
    [(100, "AA"), (95.03, "AA"), (95, "AA"), (94.99, "A"), (85, "A"), (84.99, "B"), (75, "B"), (65, "C"),
     (55, "D"), (50, "E"), (49.99, "F"), (0, "F")],
)  # fmt: skip
def test_grade_bands(total: float, grade: str) -> None:
    assert load_catalogue(2566).grade_for(total) == grade


def test_a_year_without_catalogue_says_which_exist() -> None:
    with pytest.raises(InputError, match="2565, 2566"):
        load_catalogue(2599)


def test_broken_catalogue_is_located() -> None:
    text = load_catalogue.__module__ and (
        "catalogue: 1\nfiscal_year: 2565\ntitle: t\ninstrument_score_basis: seed\n"
        "instruments:\n  - {id: iit, name: IIT, weight: 30, basis: likely}\n"
        "indicators:\n  - {number: 1, name: ก, instrument: eit, basis: seed}\n"
        "total_check: {basis: open}\n"
        "grades:\n  basis: likely\n  bands:\n    - {grade: A, min: 50}\n    - {grade: AA, min: 95}\n"
    )
    with pytest.raises(PackError) as caught:
        parse_catalogue(text, "ita-2565.yaml")
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith("ita-2565.yaml:8:") and "eit" in s for s in shown), shown
    assert any(s.startswith("ita-2565.yaml:13:") and "เรียง" in s for s in shown), shown
