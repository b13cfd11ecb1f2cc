"""rollover after scores --import: the year's results (questions and answer shares included) roll
into the new pack's previous:, and the new year starts without results of its own."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from itapack.cli import app
from itapack.pack.loader import load_pack
from itapack.pack.model import Results
from itapack.scores import store

from ..conftest import ROOT
from ..scores.conftest import PREVIOUS_RESULTS, RESULTS_CSV

runner = CliRunner()
EXAMPLES = sorted(p.name for p in (ROOT / "examples").iterdir() if (p / "pack.yaml").is_file())


def imported(example: str, tmp_path: Path) -> Path:
    """A copy of the example with the year's results stored as scores --import stores them."""
    pack_root = tmp_path / example
    shutil.copytree(ROOT / "examples" / example, pack_root)
    csv = tmp_path / "ผลITA.csv"
    csv.write_text(RESULTS_CSV, encoding="utf-8")
    done = runner.invoke(app, ["scores", str(pack_root), "--import", str(csv)])
    if done.exit_code == 2 and "--catalogue-template" in done.stderr:
        # No catalogue of the year that knows its indicators (2567 on): store the same results with
        # import's writer.
        pack = load_pack(pack_root, keep_sources=True)
        written = yaml.safe_load(textwrap.dedent(PREVIOUS_RESULTS))["results"]
        store.store(pack, Results.model_validate(written))
    else:
        assert done.exit_code == 0, done.stderr
    assert load_pack(pack_root).info.results is not None
    return pack_root


@pytest.mark.parametrize("example", EXAMPLES)
def test_rollover_after_import_rolls_the_results_into_previous(example: str, tmp_path: Path) -> None:
    pack_root = imported(example, tmp_path)
    results = load_pack(pack_root).info.results
    year = load_pack(pack_root).fiscal_year
    target = tmp_path / "next"
    done = runner.invoke(app, ["rollover", str(pack_root), "--to", str(year + 1), "--out", str(target)])
    assert done.exit_code == 0, done.stderr
    new = load_pack(target)
    assert new.fiscal_year == year + 1
    assert new.info.results is None  # the new year starts clean
    assert new.info.previous is not None and new.info.previous.fiscal_year == year
    assert new.info.previous.results == results
    assert new.info.previous.results.questions["E1"].rows[1].answers == (0.33, 1.34, 23.75, 74.58)
    # the rolled pack rolls again: last year's results go, with a warning, not a crash
    again = runner.invoke(app, ["rollover", str(target), "--to", str(year + 2), "--out", str(tmp_path / "after")])
    assert again.exit_code == 0, again.stderr
    assert load_pack(tmp_path / "after").info.previous.results is None


def test_rolled_results_are_laid_out_as_import_writes_them(tmp_path: Path) -> None:
    pack_root = imported("measures-2566", tmp_path)
    target = tmp_path / "next"
    assert runner.invoke(app, ["rollover", str(pack_root), "--to", "2567", "--out", str(target)]).exit_code == 0
    text = (target / "pack.yaml").read_text(encoding="utf-8")
    assert "\n    questions:\n      I19: {score: 98.66, answers: [96.40, 3.15, 0.45, 0.00]}\n" in text
    assert '\n      "10": 100.00\n' in text


def test_rolled_before_the_results_scores_finds_them_in_last_years_pack(tmp_path: Path) -> None:
    """Rolled over in October, last year's results imported later into last year's pack: scores
    on the new pack reads them through previous.pack."""
    source = tmp_path / "measures-2566"
    shutil.copytree(ROOT / "examples" / "measures-2566", source)
    target = tmp_path / "measures-2567"
    assert runner.invoke(app, ["rollover", str(source), "--to", "2567", "--out", str(target)]).exit_code == 0
    assert load_pack(target).info.previous.results is None  # 2566's were not known yet
    before = runner.invoke(app, ["scores", str(target)])
    assert before.exit_code == 2  # nothing to show yet
    csv = tmp_path / "ผลITA.csv"
    csv.write_text(RESULTS_CSV, encoding="utf-8")
    assert runner.invoke(app, ["scores", str(source), "--import", str(csv)]).exit_code == 0
    after = runner.invoke(app, ["scores", str(target)])
    assert after.exit_code == 0, after.stderr
    assert "ปีงบประมาณ 2566: 95.03 คะแนน ระดับ AA" in after.stdout
