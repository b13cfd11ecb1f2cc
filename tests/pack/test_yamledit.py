from pathlib import Path

import pytest

from itapack.pack import yamledit
from itapack.pack.yamlfile import parse_yaml

SOURCE = """\
# header comment stays
levels:
  - number: 1   # a comment
    criteria:
      - text: >-
          ประจำปีงบประมาณ พ.ศ. 2567
          ให้แก่รองผู้ว่าราชการจังหวัด
    documents:
      - id: 2.2
        title: ประชุม 2567
        date: 2566-11-24
      - {id: 2.3, title: รายงาน 2567}
"""


def edited(*edits: yamledit.Edit | None) -> tuple[str, object]:
    text = yamledit.apply(SOURCE, [e for e in edits if e is not None])
    return text, parse_yaml(text, "levels.yaml").data


@pytest.fixture
def source():
    return parse_yaml(SOURCE, "levels.yaml")


@pytest.mark.parametrize("value", ["2568", "{fy}", "ประชุม {date}", "a: b", "# not a comment", "~", "", "yes", " x"])
def test_scalar_reads_back_as_the_same_text(value: str) -> None:
    assert parse_yaml(f"k: {yamledit.scalar(value)}\n", "f").data == {"k": value}
    assert parse_yaml(f"k: [{yamledit.scalar(value)}]\n", "f").data == {"k": [value]}


def test_replacing_values_keeps_comments_and_layout(source) -> None:
    text, data = edited(
        yamledit.replace_value(source, ("levels", 0, "documents", 0, "date"), None),
        yamledit.substitute(source, ("levels", 0, "documents", 1, "title"), "รายงาน {fy}"),
    )
    assert text.startswith("# header comment stays\n")
    assert "  - number: 1   # a comment\n" in text
    assert "        date: ~\n" in text
    assert data["levels"][0]["documents"][1] == {"id": "2.3", "title": "รายงาน {fy}"}


def test_a_block_scalar_keeps_its_form(source) -> None:
    path = ("levels", 0, "criteria", 0, "text")
    new = source.data["levels"][0]["criteria"][0]["text"].replace("2567", "{fy}")
    text, data = edited(yamledit.substitute(source, path, new))
    assert "      - text: >-\n          ประจำปีงบประมาณ พ.ศ. {fy}\n" in text
    assert data["levels"][0]["criteria"][0]["text"] == new


def test_insert_after_and_comment_after_only_in_block_context(source) -> None:
    title = ("levels", 0, "documents", 0, "title")
    text, data = edited(
        yamledit.insert_after(source, title, "note", "ใหม่"),
        yamledit.comment_after(source, ("levels", 0, "documents", 0, "date"), "to be scheduled"),
    )
    assert data["levels"][0]["documents"][0]["note"] == "ใหม่"
    assert "        date: 2566-11-24  # to be scheduled\n" in text
    flow_title = ("levels", 0, "documents", 1, "title")
    assert yamledit.insert_after(source, flow_title, "date", None) is None
    assert yamledit.comment_after(source, flow_title, "x") is None


def test_remove_entry_takes_whole_lines(tmp_path: Path) -> None:
    source = parse_yaml("a: 1\nprevious:\n  fiscal_year: 2566\n  level_reached: 5\nb: 2\n", "pack.yaml")
    text = yamledit.apply(source.text, [yamledit.remove_entry(source, ("previous",))])
    assert text == "a: 1\nb: 2\n"


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        yamledit.apply("abcdef", [yamledit.Edit(0, 3, "x"), yamledit.Edit(2, 4, "y")])


def test_comments_are_found_outside_quotes() -> None:
    text = "a: 'x # not' # real 2567\nb: \"# no\"\n# whole line\nc: don't # tail\n"
    assert yamledit.comments(text) == [(1, "real 2567"), (3, "whole line"), (4, "tail")]
