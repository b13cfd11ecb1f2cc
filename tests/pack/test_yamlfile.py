import re
from pathlib import Path

import pytest

from itapack.errors import PackError
from itapack.i18n import _
from itapack.pack.yamlfile import TAB_MESSAGE, read_yaml

pytestmark = pytest.mark.usefixtures("english")  # these tests read the messages in English (--lang en)


def load(tmp_path: Path, content: str | bytes):
    path = tmp_path / "levels.yaml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_yaml(path, "levels.yaml")


def only_problem(tmp_path: Path, content: str | bytes):
    with pytest.raises(PackError) as caught:
        load(tmp_path, content)
    assert len(caught.value.problems) == 1
    return caught.value.problems[0]


def test_no_implicit_typing_ids_and_be_dates_stay_text(tmp_path: Path) -> None:
    data = load(tmp_path, "id: 1.10\nother: 2.7\ndate: 2567-10-01\nflag: no\nyear: 2567\n").data
    assert data == {"id": "1.10", "other": "2.7", "date": "2567-10-01", "flag": "no", "year": "2567"}


def test_null_forms_become_none_but_quoted_ones_stay(tmp_path: Path) -> None:
    data = load(tmp_path, "a: ~\nb:\nc: null\nd: '~'\n").data
    assert data == {"a": None, "b": None, "c": None, "d": "~"}


def test_every_value_has_its_line_and_column(tmp_path: Path) -> None:
    source = load(tmp_path, "levels:\n  - number: 1\n    documents:\n      - id: 1.1\n        title: x\n")
    location = source.location(("levels", 0, "documents", 0, "title"))
    assert (location.line, location.column) == (5, 16)
    assert location.path == "levels[0].documents[0].title"


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    data = load(tmp_path, b"\xef\xbb\xbfid: 1.1\r\ntitle: \xe0\xb8\x81\r\n").data
    assert data == {"id": "1.1", "title": "ก"}


def test_empty_file(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "  \n# only a comment\n")
    assert "empty" in problem.message


def test_tab_indentation_says_to_use_spaces(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "levels:\n\t- number: 1\n")
    assert problem.location.line == 2
    assert "tab" in problem.message and "spaces" in problem.message


def test_invalid_yaml_is_located(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "a: [1, 2\nb: 3\n")
    assert problem.location.line is not None
    assert "not valid YAML" in problem.message


def test_thai_windows_encoding_is_named_with_how_to_convert(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "title: คำรับรอง\n".encode("cp874"))
    assert "Windows-874" in problem.message
    assert "UTF-8" in problem.message and "iconv" in problem.message


def test_utf16_is_named(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "title: x\n".encode("utf-16"))
    assert "UTF-16" in problem.message


def test_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "id: 1.1\ntitle: a\nid: 1.2\n")
    assert problem.location.line == 3
    assert "'id' appears twice" in problem.message and "line 1" in problem.message


def test_alias_bomb_is_bounded(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    problem = only_problem(tmp_path, "\n".join(lines) + "\n")
    assert "more than" in problem.message


def test_merge_keys_work(tmp_path: Path) -> None:
    data = load(tmp_path, "base: &b {types: [pdf], min_files: 2}\ndoc:\n  <<: *b\n  min_files: 3\n").data
    assert data["doc"] == {"types": ["pdf"], "min_files": "3"}


def test_python_and_custom_tags_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PackError) as caught:
        load(tmp_path, "a: !!python/object:os.system echo\nb: !custom x\nc: !!str 1.10\n")
    assert [p.location.line for p in caught.value.problems] == [1, 2]
    assert all("tags such as" in p.message for p in caught.value.problems)


def test_control_characters_are_located(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "a: 1\nb: ก\x07ข\n")
    assert problem.location.line == 2
    assert "control character (code 0x07)" in problem.message


def test_tab_inside_a_mapping(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "a:\n  b: 1\n\tc: 2\n")
    assert (problem.location.line, problem.message) == (3, _(TAB_MESSAGE).format(spaces=2))


@pytest.mark.parametrize(
    ("text", "spaces"),
    [
        ("levels:\n\t- number: 1\n", 2),
        ("a:\n  b: 1\n\tc: 2\n", 2),
        ("levels:\n  - number: 1\n    documents:\n\t\t- id: 1.1\n", 6),
        ("levels:\n  - number: 1\n    documents:\n      - id: 1.1\n\t\ttitle: x\n", 8),
    ],
)
def test_the_tab_advice_followed_to_the_letter_makes_a_file_that_loads(tmp_path: Path, text: str, spaces: int) -> None:
    problem = only_problem(tmp_path, text)
    assert f"{spaces} spaces" in problem.message
    lines = text.split("\n")
    number = problem.location.line - 1
    lines[number] = " " * spaces + lines[number].lstrip("\t")
    assert load(tmp_path, "\n".join(lines)).data  # no new error


@pytest.mark.parametrize(
    ("text", "line", "advice"),
    [
        # a key indented under a value: not "put it in quotes"
        ("organisation:\n  kind: province\n    name: x\n", 3, "indent it 2 spaces, in line with kind on line 2"),
        ("report:\n  a: 1\n   b: 2\n", 3, "indent it 2 spaces, in line with a on line 2"),
        ("report:\n  a: 1\n b: 2\n", 3, "indent it 2 spaces, in line with a on line 2"),
        ("docs:\n  - id: 1.1\n     title: x\n", 3, "indent it 4 spaces, in line with id on line 2"),
        ("a:\n  text: >-\n      free text\n        deeper text\n   b: 1\n", 5, "in line with text on line 2"),
    ],
)
def test_an_indentation_mistake_says_which_line_is_out_of_line_and_where_it_goes(
    tmp_path: Path, text: str, line: int, advice: str
) -> None:
    problem = only_problem(tmp_path, text)
    assert problem.location.line == line
    assert advice in problem.message and "quote" not in problem.message


def test_a_colon_inside_a_text_still_says_to_quote_it(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "docs:\n  - id: 1.1\n    title: ข้อ 1: บันทึก\n")
    assert problem.location.line == 3 and "quotes" in problem.message


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "a: " + "x" * 5_100_000 + "\n")
    assert "at most" in problem.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: [1, 2\nb: 3\n", "รายการในวงเล็บ [ ] ขาด ',' หรือ ']'"),
        ("a: {x: 1\nb: 3\n", "ชุดค่าในวงเล็บปีกกาขาด ',' หรือวงเล็บปิด"),
        ("a: *nothing\n", "อ้างถึง *ชื่อ ที่ไม่มี &ชื่อ อยู่ก่อน"),
        ("a: @home\n", "ต้องอยู่ในเครื่องหมายคำพูด"),
    ],
)
def test_pyyamls_english_reaches_a_clerk_in_thai(tmp_path: Path, text: str, words: str) -> None:
    from itapack import i18n

    i18n.set_language("th")  # this file's tests read English; a clerk reads Thai
    problem = only_problem(tmp_path, text)
    assert words in problem.message
    assert not re.search(r"[a-z]{4,} [a-z]{4,}", problem.message.replace("YAML", "")), problem.message
