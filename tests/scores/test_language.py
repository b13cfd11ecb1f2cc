"""scores and render --measures: the comparison, the weak points and the refusals are Thai by
default and English with --lang en; the catalogue's names and the o42 draft stay Thai."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from itapack.pack.loader import load_pack
from itapack.scores.lookup import load_catalogue

from ..conftest import typed, write_pack
from ..i18n.speaking import THAI, itapack, thai_lines, without
from .conftest import MEASURES_SECTIONS, RESULTS_CSV

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ORGANISATION = "จังหวัดสมุทรปราการ"


def catalogue_words(year: int) -> list[str]:
    """What the catalogue names: data, printed as written in any language."""
    catalogue = load_catalogue(year)
    words = [indicator.name for indicator in catalogue.indicators] + list(catalogue.answers)
    for question in catalogue.questions:
        words += [question.text, *question.rows]
    sources = [*catalogue.provenance, *([catalogue.national.source] if catalogue.national else [])]
    return words + [text for source in sources for text in (source.source, source.covers) if text]


def test_scores_import_and_comparison_speak_the_chosen_language(measures_pack: Path, tmp_path: Path) -> None:
    results = tmp_path / "ผลITA.csv"
    results.write_text(RESULTS_CSV, encoding="utf-8")
    english_pack = shutil.copytree(measures_pack, tmp_path / "english")

    code, out, err = itapack("scores", measures_pack, "--import", results)
    assert code == 0, err
    assert f"ผลการประเมิน ITA {ORGANISATION}" in out and "ปีงบประมาณ 2566: 95.03 คะแนน ระดับ AA" in out
    assert "คะแนนรวม " in out and "  ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ" in out and "เปลี่ยนแปลง" in out
    assert "จุดอ่อนของปี 2566 (ต่ำกว่า 95.03 คะแนนรวมของหน่วยงาน) เรียงจากคะแนนต่ำสุด" in out
    assert "[ประเด็นที่จะต้องแก้ไขโดยเร่งด่วน] ตัวชี้วัดที่ 4" in out
    assert "คะแนนรวม 95.03 ไม่ตรงกับผลรวมถ่วงน้ำหนัก" in err  # a warning: the catalogue's weights are a guess

    code, out, err = itapack("scores", english_pack, "--import", results, lang="en")
    assert code == 0, err
    assert f"ITA results of {ORGANISATION}" in out and "Fiscal year 2566: 95.03 points, grade AA" in out
    assert "Total score " in out and "  Indicator 4 การใช้ทรัพย์สินของราชการ" in out and "change" in out
    assert "Weak points of 2566 (below 95.03, the body's total score), lowest first" in out
    assert "[to fix urgently] Indicator 4" in out and "[to improve] E1 " in out
    assert "* mean of the indicators, worked out by itapack (not an announced score)" in out
    assert "total score 95.03 does not match the weighted sum" in err and "not known for sure" in err
    # Every line scores writes, less the organisation and the catalogue's names, is English. The
    # line saying where the results were stored is the command line's own (cli.py), left out here.
    shown = "\n".join(line for line in out.splitlines() if "(results:)" not in line)
    assert not thai_lines(without(shown, ORGANISATION, *catalogue_words(2566))), shown
    # The stored results are data: the same whatever the language.
    assert load_pack(english_pack).info.results == load_pack(measures_pack).info.results


def test_a_bad_results_file_is_explained_in_the_chosen_language(measures_pack: Path, tmp_path: Path) -> None:
    results = tmp_path / "ผล.csv"
    results.write_text("ตัวชี้วัด,คะแนน\nxyz,95\n4,ร้อย\n", encoding="utf-8")
    code, _, err = itapack("scores", measures_pack, "--import", results)
    assert code == 2
    assert "ไฟล์ผลการประเมินมีปัญหา 3 รายการ" in err and "ไม่รู้จักรายการ 'xyz'" in err
    assert "ตัวชี้วัดที่ 4: 'ร้อย' ไม่ใช่ตัวเลข" in err
    code, _, err = itapack("scores", measures_pack, "--import", results, lang="en")
    assert code == 2
    assert "the results file has 3 problems" in err and "unknown item 'xyz': use an indicator number" in err
    assert "Indicator 4: 'ร้อย' is not a number" in err and "no score found in the file" in err
    assert not thai_lines(without(err, results, "ร้อย", "'ตัวชี้วัด'", "'คะแนน'", "คะแนนรวม/total", "ระดับ/grade"))


def test_render_measures_refuses_in_the_chosen_language_and_drafts_in_thai(measures_pack: Path, tmp_path: Path) -> None:
    bare = write_pack(tmp_path / "p", pack="itapack: 2\nfiscal_year: 2566\nprovince: ทดสอบ\nscoring: checklist\n",
                      levels=MEASURES_SECTIONS, units=None, structure_file="sections.yaml")  # fmt: skip
    code, _, err = itapack("render", bare, "--measures")
    assert code == 2 and "ร่าง o42 สร้างจากผลปีก่อน" in err, err
    code, _, err = itapack("render", bare, "--measures", lang="en")
    assert code == 2 and "the o42 draft is built from last year's results" in err
    assert not thai_lines(without(err, bare)), err

    code, _, err = itapack("render", measures_pack, "--measures", "--format", "docx", "--date", "2566-01-15", lang="en")
    assert code == 0, err
    draft = measures_pack / "reports" / "o42-มาตรการ-2566.docx"
    with zipfile.ZipFile(draft) as opened:
        root = ElementTree.fromstring(typed(opened.read("word/document.xml")))
    text = "".join(t.text or "" for t in root.iter(f"{W}t"))
    assert "หลักการและเหตุผล" in text and "ประเด็นที่จะต้องแก้ไขโดยเร่งด่วน" in text  # a Thai official draft
    assert "to fix urgently" not in text and "Indicator" not in text and THAI.search(text)
