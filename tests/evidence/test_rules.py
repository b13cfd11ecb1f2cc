"""Rules of the deciding core that mutation testing (README, "Mutation testing") found no test stating.

Each test names one rule of evidence/match.py or evidence/decide.py; a change that breaks the rule
fails here, with the rule in the test's name.
"""

from __future__ import annotations

from pathlib import Path

from ..conftest import PDF, run_check, write_pack

UNITS = None  # these ladders owe nothing per unit


def ladder(pass_percent: int | None) -> str:
    """One level: a heavy document and a light one, the light one's share under 0.005 %."""
    percent = f"    pass_percent: {pass_percent}\n" if pass_percent is not None else ""
    return f"""\
levels:
  - number: 1
{percent}    documents:
      - {{id: "1.1", title: บันทึกข้อความ, weight: 100000}}
      - {{id: "1.2", title: รายงานการประชุม, weight: 1}}
"""


def test_a_level_of_100_percent_needs_every_document_not_a_score_that_rounds_to_100(tmp_path: Path) -> None:
    """1.2 missing leaves 99.999 %, which the score rounds to 100.00: the level is still not reached."""
    evidence = {"1.1 บันทึกข้อความ": {"a.pdf": PDF}}
    for pass_percent in (None, 100):  # 100 is the default: written or not, the rule is the same
        root = write_pack(tmp_path / f"p{pass_percent}", levels=ladder(pass_percent), units=UNITS, evidence=evidence)
        result = run_check(root)
        (level,) = result.sections
        assert level.score == 100.0  # rounded to two places
        assert (level.complete, level.reached, result.level_reached) == (False, False, 0)


def test_a_level_below_100_percent_is_reached_by_its_score(tmp_path: Path) -> None:
    evidence = {"1.1 บันทึกข้อความ": {"a.pdf": PDF}}
    result = run_check(write_pack(tmp_path / "p", levels=ladder(99), units=UNITS, evidence=evidence))
    (level,) = result.sections
    assert (level.complete, level.reached, result.level_reached) == (True, True, 1)
