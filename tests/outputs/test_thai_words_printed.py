"""Thai words in print: the letters and the o42 draft of the examples, printed by LibreOffice (DOCX)
and headless Chromium (HTML), break lines only between words, and a word a person types is found by
pdftotext: the break marks (U+200B in DOCX, <wbr> in HTML) stay out of the PDF's text. The report
itself is printed once in test_rendered_pages.py, which holds the same checks for it.

The HTML is held to the segmenter's words ("ดัง|กล่าว" is a split); the DOCX to the looser rule of
test_rendered_pages.py (a break between two words of the dictionary passes): LibreOffice and Word
also break where their own dictionaries cut a compound, and only a WORD JOINER inside every such word
could stop them, an invisible character that would then go with every name a clerk copies out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.cli import app

from ..conftest import EXAMPLE, ROOT, tool
from .test_rendered_pages import print_docx, print_html, run, split_words

pytestmark = pytest.mark.render_tools

TYPED = ("หน่วยงาน", "สำนักงาน")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example's letters, and the measures example's o42 draft in DOCX and HTML, each printed once."""
    tool("pdftotext")
    folder = tmp_path_factory.mktemp("printed-words")
    letters = folder / "letters"
    result = CliRunner().invoke(app, ["letters", str(EXAMPLE), "--out", str(letters), "--date", "2567-09-30"])
    assert result.exit_code == 0, result.output
    measures = folder / "measures"
    shutil.copytree(ROOT / "examples" / "measures-2566", measures)
    result = CliRunner().invoke(app, ["render", str(measures), "--measures", "--date", "2566-01-15"])
    assert result.exit_code == 0, result.output
    [memo] = letters.glob("*.docx")
    [draft] = (measures / "reports").glob("*.docx")
    [page] = (measures / "reports").glob("*.html")
    return {
        "letters": print_docx(memo, folder),
        "o42-docx": print_docx(draft, folder),
        "o42-html": print_html(page, folder),
    }


@pytest.mark.parametrize("kind", ["letters", "o42-docx", "o42-html"])
def test_a_typed_word_is_found_and_no_break_mark_is_in_the_text(printed: dict[str, Path], kind: str) -> None:
    for mode in (["-raw"], []):
        text = run(tool("pdftotext"), *mode, printed[kind], "-")
        assert [word for word in TYPED if word not in text] == [], kind
        assert "\u200b" not in text and "\u2060" not in text


@pytest.mark.parametrize("kind", ["letters", "o42-docx"])
def test_docx_lines_end_between_words(printed: dict[str, Path], kind: str) -> None:
    assert split_words(printed[kind]) == []


def test_html_lines_end_between_the_segmenters_words(printed: dict[str, Path]) -> None:
    assert split_words(printed["o42-html"], strict=True) == []
