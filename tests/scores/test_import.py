"""itapack scores --import: CSV, XLSX and YAML give the same stored results; bad files are located."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.cli import app
from itapack.pack.loader import load_pack
from itapack.scores.analysis import instrument_score, weak_points
from itapack.scores.lookup import load_catalogue

from .conftest import MEASURES_PACK, PREVIOUS_RESULTS, RESULTS_CSV

runner = CliRunner()


def scores(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["scores", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def write_xlsx(path: Path, text: str, sheet: str = "ผลITA") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(["ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566"])  # a title row above the header, as exported
    for line in text.splitlines():
        ws.append([_cell(v) for v in line.split(",")])
    book.save(path)
    return path


def _cell(value: str) -> object:
    try:
        return float(value)  # Excel holds numbers, not text
    except ValueError:
        return value or None


def test_csv_and_xlsx_and_yaml_store_the_same_results(measures_pack: Path, tmp_path: Path) -> None:
    csv = tmp_path / "results.csv"
    csv.write_text(RESULTS_CSV, encoding="utf-8")
    xlsx = write_xlsx(tmp_path / "results.xlsx", RESULTS_CSV.replace("%", ""))
    yaml_file = tmp_path / "results.yaml"
    yaml_file.write_text(textwrap.dedent(PREVIOUS_RESULTS), encoding="utf-8")
    stored = []
    for source in (csv, xlsx, yaml_file):
        code, out, err = scores(measures_pack, "--import", source)
        assert code == 0, err
        assert "บันทึกผลลงใน" in out
        stored.append(load_pack(measures_pack).info.results)
    assert stored[0] == stored[1] == stored[2]
    # and they are seed 001's figures, as last year's in the same pack
    previous = load_pack(measures_pack).info.previous.results
    assert stored[0] == previous
    assert stored[0].questions["E1"].rows[1].answers == (0.33, 1.34, 23.75, 74.58)


def test_only_the_results_key_is_rewritten(measures_pack: Path, tmp_path: Path) -> None:
    pack_file = measures_pack / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8").replace(
        "report:\n", "results:  # old, to be replaced\n  total: 50.00\n  grade: E\n# kept: a comment after\n\nreport:\n"
    )
    pack_file.write_text(text, encoding="utf-8")
    csv = tmp_path / "results.csv"
    csv.write_text(RESULTS_CSV, encoding="utf-8")
    assert scores(measures_pack, "--import", csv)[0] == 0
    after = pack_file.read_text(encoding="utf-8")
    before_block, _, _ = text.partition("results:")
    assert after.startswith(before_block)  # everything above, comments included, unchanged
    assert "# kept: a comment after\n\nreport:\n  thai_digits: false\n" in after
    assert "total: 50.00" not in after and "  total: 95.03\n" in after
    assert after.count("results:") == 2  # previous.results and the new one


def test_a_total_unlike_the_weights_is_a_warning_that_says_why(measures_pack: Path, tmp_path: Path) -> None:
    csv = tmp_path / "results.csv"
    csv.write_text(RESULTS_CSV, encoding="utf-8")
    code, _, err = scores(measures_pack, "--import", csv)
    assert code == 0
    assert f"{csv}:2: คะแนนรวม 95.03 ไม่ตรงกับผลรวมถ่วงน้ำหนัก" in err
    assert "= 93.03" in err
    # made strict on the command line, the same file is refused and nothing is stored
    before = (measures_pack / "pack.yaml").read_text(encoding="utf-8")
    code, _, err = scores(measures_pack, "--import", csv, "--total-check", "error")
    assert code == 2 and "คะแนนรวม 95.03 ไม่ตรงกับ" in err
    assert (measures_pack / "pack.yaml").read_text(encoding="utf-8") == before


def test_seed_figures_follow_from_the_indicators_where_the_catalogue_allows() -> None:
    """IIT and EIT are the means of their indicators (within 0.01); the grade follows from the total.
    The total does not follow from IIT 30 / EIT 30 / OIT 40: no weighting of 93.15, 91.94 and 93.75
    reaches 95.03, so the catalogue marks the weights open and the check warns (test above)."""
    from itapack.pack.model import Results

    catalogue = load_catalogue(2565)
    data = {"1": 95.43, "2": 91.23, "3": 94.08, "4": 91.22, "5": 93.80, "6": 94.35, "7": 90.65, "8": 90.81,
            "9": 87.50, "10": 100.00}  # fmt: skip
    results = Results(indicators=data, total=95.03)
    assert abs(instrument_score(catalogue, results, "iit")[0] - 93.15) <= 0.01
    assert abs(instrument_score(catalogue, results, "eit")[0] - 91.94) <= 0.01
    assert instrument_score(catalogue, results, "oit") == (93.75, True)
    assert catalogue.rate({"total": 95.03}) == ("AA", ())
    weighted = 0.3 * 93.15 + 0.3 * 91.94 + 0.4 * 93.75
    assert round(weighted, 2) == 93.03 and max(93.15, 91.94, 93.75) < 95.03


BAD = [
    ("11,90.00\n", "results.csv:3: ไม่มีตัวชี้วัดที่ 11"),
    ("3,101\n", "results.csv:3: ตัวชี้วัดที่ 3: 101 อยู่นอกช่วง 0–100"),
    ("3,abc\n", "results.csv:3: ตัวชี้วัดที่ 3: 'abc' ไม่ใช่ตัวเลข"),
    ("1,95.43\n", "results.csv:3: '1' ซ้ำ (มีแล้วที่ results.csv:2)"),
    ("zz,1\n", "results.csv:3: ไม่รู้จักรายการ 'zz'"),
    ("grade,A\n", "results.csv:4: ระดับ A ไม่ตรงกับคะแนนรวม 95.03 ซึ่งอยู่ในระดับ AA"),
]


@pytest.mark.parametrize(("extra", "message"), BAD)
def test_malformed_csv_is_located_in_thai(measures_pack: Path, tmp_path: Path, extra: str, message: str) -> None:
    csv = tmp_path / "results.csv"
    head = "ตัวชี้วัด,คะแนน\n1,95.43\n" if "grade" not in extra else "ตัวชี้วัด,คะแนน\n1,95.43\nคะแนนรวม,95.03\n"
    csv.write_text(head + extra, encoding="utf-8")
    before = (measures_pack / "pack.yaml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["scores", str(measures_pack), "--import", str(csv)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert message in result.stderr.replace(f"{tmp_path}/", ""), result.stderr
    assert (measures_pack / "pack.yaml").read_text(encoding="utf-8") == before


def test_malformed_xlsx_names_sheet_and_cell(measures_pack: Path, tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "results.xlsx", "ตัวชี้วัด,คะแนน\n1,95.43\n2,120\n")
    code, _, err = scores(measures_pack, "--import", xlsx)
    assert code == 2
    assert f"{xlsx}:ผลITA!B4: ตัวชี้วัดที่ 2: 120 อยู่นอกช่วง 0–100" in err


def test_not_an_excel_file_and_no_header(measures_pack: Path, tmp_path: Path) -> None:
    fake = tmp_path / "results.xlsx"
    fake.write_bytes(b"<html>error</html>")
    code, _, err = scores(measures_pack, "--import", fake)
    assert code == 2 and "ไม่ใช่ Excel" in err
    csv = tmp_path / "results.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = scores(measures_pack, "--import", csv)
    assert code == 2 and "ไม่พบแถวหัวตาราง" in err
    cp874 = tmp_path / "thai.csv"
    cp874.write_bytes("ตัวชี้วัด,คะแนน\n1,95\n".encode("cp874"))
    code, _, err = scores(measures_pack, "--import", cp874)
    assert code == 2 and "Windows-874" in err


def test_bad_yaml_value_is_located(measures_pack: Path, tmp_path: Path) -> None:
    source = tmp_path / "results.yaml"
    source.write_text('total: 95.03\nindicators:\n  "4": 191.22\n', encoding="utf-8")
    code, _, err = scores(measures_pack, "--import", source)
    assert code == 2
    assert f"{source}:3:8: indicators.4: ตัวชี้วัดที่ 4: 191.22 อยู่นอกช่วง 0–100" in err


def test_comparison_prints_change_and_weak_points(measures_pack: Path, tmp_path: Path) -> None:
    csv = tmp_path / "results.csv"
    changed = RESULTS_CSV.replace("4,91.22", "4,92.50").replace("7,90.65", "7,89.00")
    changed = changed.replace("IIT,93.15,,,,,\n", "").replace("EIT,91.94,,,,,\n", "")  # no longer their means
    csv.write_text(changed, encoding="utf-8")
    code, out, _ = scores(measures_pack, "--import", csv, "--total-check", "off")
    assert code == 0
    line = next(line for line in out.splitlines() if "ตัวชี้วัดที่ 4 " in line)
    assert line.split()[-2:] == ["▲", "+1.28"], line
    line = next(line for line in out.splitlines() if "ตัวชี้วัดที่ 7 " in line)
    assert line.split()[-2:] == ["▼", "-1.65"], line
    assert "จุดอ่อนของปี 2566 (ต่ำกว่า 95.03" in out


def test_seed_rule_gives_seed_001_weak_points(measures_pack: Path) -> None:
    pack = load_pack(measures_pack)
    points = weak_points(load_catalogue(2565), pack.info.previous.results, pack.info.weak_points)
    indicators = [(p.key, p.urgent) for p in points if p.kind == "indicator"]
    assert indicators == [("4", True), ("2", True), ("9", False), ("7", False), ("8", False)]
    assert [p.key for p in points if p.kind == "question"] == ["E1", "E2"]  # I19 (98.66) is above the total


def test_the_measures_example_names_seed_001s_weak_points() -> None:
    from ..conftest import EXAMPLE

    pack = load_pack(EXAMPLE.parent / "measures-2566")
    points = weak_points(load_catalogue(2565), pack.info.previous.results, pack.info.weak_points)
    assert [(p.key, p.urgent) for p in points if p.kind == "indicator"] == [
        ("4", True),
        ("2", True),
        ("9", False),
        ("7", False),
        ("8", False),
    ]


def test_default_rule_is_below_own_total(tmp_path: Path) -> None:
    from ..conftest import write_pack
    from .conftest import MEASURES_SECTIONS

    pack_text = MEASURES_PACK.replace("weak_points: {below: total, most: 2, urgent: [iit]}\n", "")
    root = write_pack(tmp_path / "p", pack=pack_text, levels=MEASURES_SECTIONS, units=None,
                      structure_file="sections.yaml")  # fmt: skip
    pack = load_pack(root)
    points = weak_points(load_catalogue(2565), pack.info.previous.results, pack.info.weak_points)
    keys = [p.key for p in points if p.kind == "indicator"]
    assert keys == ["9", "7", "8", "4", "2", "5", "3", "6"]  # everything under 95.03, lowest first
    assert not any(p.urgent for p in points)  # none under 85


def test_windows_line_ends_and_flow_results_are_kept_apart(measures_pack: Path, tmp_path: Path) -> None:
    pack_file = measures_pack / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8").replace("report:\n", "results: {total: 50, grade: E}\nreport:\n")
    pack_file.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    source = tmp_path / "results.yaml"
    source.write_text("questions:\n  E2: {score: 91.93}\n", encoding="utf-8")  # questions alone are results too
    assert scores(measures_pack, "--import", source)[0] == 0
    after = pack_file.read_bytes()
    assert after.count(b"\r\n") == after.count(b"\n")  # every line still ends the Windows way
    # The file held E2 alone: the total and grade already stored stay (see test_partial_import_*).
    assert b"results:\r\n  total: 50.00\r\n  grade: E\r\n  questions:\r\n    E2: {score: 91.93}\r\nreport:" in after
    assert load_pack(measures_pack).info.results.total == 50
