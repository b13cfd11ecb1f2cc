"""Catalogues: the shipped ones load and say where their figures come from, a user's own is checked
like a pack file, the rating follows ordered rules, and a year without one says how to add it."""

from __future__ import annotations

from pathlib import Path

import pytest

from itapack.errors import InputError, PackError
from itapack.scores.catalogue import parse_catalogue
from itapack.scores.lookup import available_years, load_catalogue, pack_catalogue_file, read_catalogue
from itapack.scores.provenance import national_line, provenance_lines
from itapack.scores.template import catalogue_template, write_template


def test_each_shipped_year_loads_and_names_its_sources() -> None:
    assert set(available_years()) >= {2565, 2566, 2567, 2568}
    for year in available_years():
        catalogue = load_catalogue(year)
        assert catalogue.fiscal_year == year
        assert catalogue.provenance and all(source.source for source in catalogue.provenance)
        assert catalogue.rating.rules[-1].conditions == {}  # every score has a rating
    for year in (2565, 2566):
        catalogue = load_catalogue(year)
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
    assert catalogue.rating.basis == "likely"
    assert catalogue.total_check.basis == "open"
    assert not catalogue.confirmed


def test_2567_on_is_rated_by_rule_and_marked_unconfirmed() -> None:
    for year in (2567, 2568):
        catalogue = load_catalogue(year)
        assert catalogue.ratings == ("ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน")
        assert not catalogue.confirmed and not catalogue.indicators and not catalogue.weights
        assert catalogue.rating.pass_mark == 85


@pytest.mark.parametrize(
    ("scores", "rating"),
    [
        ({"total": 94.64, "iit": 96.0, "eit": 84.5, "oit": 99.0}, "ผ่าน"),  # the press's case: EIT below 85
        ({"total": 94.64, "iit": 96.0, "eit": 85.0, "oit": 99.0}, "ผ่านดี"),
        ({"total": 96.0, "iit": 96.0, "eit": 95.0, "oit": 97.0}, "ผ่านดีเยี่ยม"),
        ({"total": 96.0, "iit": 96.0, "eit": 94.99, "oit": 97.0}, "ผ่านดี"),
        ({"total": 84.99, "iit": 99.0, "eit": 99.0, "oit": 99.0}, "ต้องปรับปรุง"),
        ({"total": 70.0}, "ต้องปรับปรุง"),
        ({"total": 69.99}, "ต้องปรับปรุงโดยด่วน"),
        ({"total": 0.0}, "ต้องปรับปรุงโดยด่วน"),
    ],
)
def test_rating_rules_of_2568(scores: dict[str, float], rating: str) -> None:
    assert load_catalogue(2568).rate(scores) == (rating, ())


def test_a_rule_needing_a_tool_not_known_leaves_the_rating_open() -> None:
    catalogue = load_catalogue(2568)
    assert catalogue.rate({"total": 96.0, "iit": 96.0}) == (None, ("eit", "oit"))
    # A rule that fails on what is known is passed over whatever is missing.
    assert catalogue.rate({"total": 80.0}) == ("ต้องปรับปรุง", ())


@pytest.mark.parametrize(
    ("total", "grade"),
    [(100, "AA"), (95.03, "AA"), (95, "AA"), (94.99, "A"), (85, "A"), (84.99, "B"), (75, "B"), (65, "C"),
     (55, "D"), (50, "E"), (49.99, "F"), (0, "F")],
)  # fmt: skip
def test_grade_bands_up_to_2566_are_rules_on_the_total(total: float, grade: str) -> None:
    # 2566 rates on the total alone: a weak EIT does not lower an AA.
    assert load_catalogue(2566).rate({"total": total, "eit": 10.0}) == (grade, ())


def test_a_year_without_catalogue_says_how_to_add_one() -> None:
    with pytest.raises(InputError) as caught:
        load_catalogue(2599)
    message = str(caught.value)
    assert "2565, 2566, 2567, 2568" in message
    assert "--catalogue-template 2599" in message and "catalogue-2599.yaml" in message


BROKEN = """\
catalogue: 2
fiscal_year: 2570
title: t
provenance:
  - {source: คู่มือ, confirmed: false}
instrument_score_basis: open
instruments:
  - {id: iit, name: IIT, weight: 0, basis: likely}
indicators:
  - {number: 1, name: ก, instrument: eit, basis: seed}
total_check: {basis: open}
rating:
  basis: likely
  rules:
    - {rating: ผ่าน, total: {min: 90, below: 80}}
    - {rating: ผ่าน, oit: {min: 85}}
"""


def test_a_broken_catalogue_is_located_by_line() -> None:
    with pytest.raises(PackError) as caught:
        parse_catalogue(BROKEN, "catalogue-2570.yaml")
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith("catalogue-2570.yaml:8:") and "weight" in s for s in shown), shown  # weight > 0
    fixed = BROKEN.replace("weight: 0", "weight: 30")
    with pytest.raises(PackError) as caught:
        parse_catalogue(fixed, "catalogue-2570.yaml")
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith("catalogue-2570.yaml:10:") and "eit" in s for s in shown), shown
    assert any(s.startswith("catalogue-2570.yaml:15:") and "below" in s for s in shown), shown
    assert any(s.startswith("catalogue-2570.yaml:16:") and "ซ้ำ" in s for s in shown), shown
    assert any(s.startswith("catalogue-2570.yaml:16:") and "oit" in s for s in shown), shown
    assert any(s.startswith("catalogue-2570.yaml:16:") and "สุดท้าย" in s for s in shown), shown


def test_a_catalogue_without_provenance_is_refused() -> None:
    text = load_template_filled(2570).replace("provenance:", "former_provenance:", 1)
    with pytest.raises(PackError) as caught:
        parse_catalogue(text, "catalogue-2570.yaml")
    assert any("provenance" in str(p) for p in caught.value.problems)


def load_template_filled(year: int) -> str:
    """The template as a clerk fills it in from the manual."""
    return (
        catalogue_template(year)
        .replace('source: ""', "source: คู่มือการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2570", 1)
        .replace("date:                        #", "date: 2569-12-01    #", 1)
        .replace("url:                         #", "url: https://itas.nacc.go.th/manual-2570.pdf  #", 1)
        .replace('{number: 1, name: ""', "{number: 1, name: การปฏิบัติหน้าที่")
        .replace('{number: 2, name: ""', "{number: 2, name: คุณภาพการดำเนินงาน")
        .replace('{number: 3, name: ""', "{number: 3, name: การเปิดเผยข้อมูล")
    )


def test_the_template_round_trip_write_fill_load(tmp_path: Path) -> None:
    written = write_template(tmp_path, 2570)
    assert written == tmp_path / pack_catalogue_file(2570)
    # Unfilled, it names each line still to fill.
    with pytest.raises(PackError) as caught:
        read_catalogue(written, written.name)
    lines = {p.location.line for p in caught.value.problems}
    text = written.read_text(encoding="utf-8")
    numbered = text.splitlines()
    assert lines and all(line and "FILL IN" in numbered[line - 1] for line in lines), caught.value.problems
    written.write_text(load_template_filled(2570), encoding="utf-8")
    catalogue = load_catalogue(2570, pack_root=tmp_path)  # the pack's own, as scores finds it
    assert catalogue.fiscal_year == 2570 and [i.name for i in catalogue.indicators_of("eit")] == ["คุณภาพการดำเนินงาน"]
    assert catalogue.provenance[0].url == "https://itas.nacc.go.th/manual-2570.pdf"
    assert catalogue.rate({"total": 94.64, "iit": 96, "eit": 84, "oit": 99}) == ("ผ่าน", ())
    # Written again, the filled file is kept.
    from itapack.errors import OutputError

    with pytest.raises(OutputError):
        write_template(tmp_path, 2570)
    assert "คู่มือการประเมิน ITA" in written.read_text(encoding="utf-8")


def test_reports_print_the_provenance_and_the_national_results() -> None:
    catalogue = load_catalogue(2568)
    lines = provenance_lines(catalogue)
    assert "ยังไม่ยืนยันกับคู่มือ" in lines[0]
    assert any("สื่อมวลชน" in line and "ยังไม่ยืนยัน" in line for line in lines[1:])
    national = national_line(catalogue, 94.64)
    assert national is not None
    assert "8,317" in national and "93.82" in national and "94.17" in national and "สื่อมวลชน" in national
    assert "หน่วยงานนี้ 94.64" in national and "+0.82" in national
    assert national_line(load_catalogue(2567), 90.0) is None  # no national figures known for 2567
