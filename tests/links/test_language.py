"""`itapack links` speaks Thai by default and English with --lang en; its JSON codes never change."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from itapack import i18n
from itapack.cli import app
from itapack.links.output import PROBLEM_TEXT

from ..conftest import EXAMPLE
from ..i18n.speaking import THAI, itapack, thai_lines, without
from .conftest import LocalServer
from .test_verdicts import ITEMS, oit_pack

ORGANISATION = "องค์การบริหารส่วนตำบลทดสอบ"
PAGES = {"o1": "/missing", "o2": "/soft404", "o3": "/last-year", "o4": "/good", "o5": "/hop1"}
ASKED = {"o4": "[(1) โครงการ/กิจกรรม, (9) ไม่มีในหน้า]", "o5": ITEMS}
DATA = [ORGANISATION, *(f"หน้า {doc}" for doc in PAGES), "(9) ไม่มีในหน้า"]  # the pack's own words


def test_links_is_thai_by_default_and_english_with_lang_en(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, PAGES, ASKED)

    code, out, err = itapack("links", root, "--all")
    assert code == 1, err
    assert "ไม่พบหน้านี้ (HTTP 404)" in out and "หน้านี้แจ้งว่าไม่พบหน้า" in out and "หน้านี้มีแต่ปี พ.ศ. 2566" in out
    assert "ส่งต่อ 2 ครั้ง ไปที่" in out and "ไม่พบรายการที่ต้องมี 1 จาก 2: (9) ไม่มีในหน้า" in out
    assert "ปัญหาที่พบ:" in out and "ผล: ลิงก์ต้องแก้ 4 จาก 5" in out and "ตรวจ 5 ลิงก์" in out
    assert f"ลิงก์ของ {ORGANISATION} ปีงบประมาณ พ.ศ. 2567" in out
    verdicts = [line.split(" ", 2)[:2] for line in out.splitlines() if line[:1] in "✓!✗?" and line[1:2] == " "]
    assert ["✗", "เปิดไม่ได้"] in verdicts and ["!", "มีปัญหา"] in verdicts  # no "broken", "problem"
    assert not any(word in out for word in ("broken ", "problem ", "unchecked "))

    code, out, err = itapack("links", root, "--offline", "--all", lang="en")  # the results the Thai run stored
    assert code == 1, err
    assert "page not found (HTTP 404)" in out and "the page says 'not found'" in out
    assert "the page names only the B.E. year(s) 2566, not 2567" in out
    assert "redirected 2 times, to" in out and "1 of 2 required points not found: (9) ไม่มีในหน้า" in out
    assert "(from the store, checked 25" in out  # a Buddhist-era date without Thai month names
    assert "Problems found:" in out and "Result: 4 of 5 links to fix" in out and "Checked 5 links" in out
    assert f"Links of {ORGANISATION}, fiscal year 2567 (B.E.)" in out
    assert "not found (404)" in out and "only earlier years" in out  # the summary by problem
    assert not thai_lines(without(out, *DATA)), out


def test_links_json_keeps_its_codes_and_words_the_rest_in_the_chosen_language(
    tmp_path: Path, server: LocalServer
) -> None:
    root = oit_pack(tmp_path / "pack", server, {"o1": "/missing", "o2": "/good"}, {"o2": ITEMS})
    reports = {}
    for lang in (None, "en"):
        code, out, _ = itapack("links", root, "--format", "json", "--all", lang=lang)
        assert code == 1
        reports[lang] = json.loads(out)
    thai, english = reports[None], reports["en"]
    codes = [(link["verdict"], [p["code"] for p in link["problems"]]) for link in thai["links"]]
    assert codes == [("broken", ["not-found"]), ("ok", [])]
    assert [(link["verdict"], [p["code"] for p in link["problems"]]) for link in english["links"]] == codes
    assert thai["summary"]["problems"] == english["summary"]["problems"] == {"not-found": 1}
    assert [link["verdict_text"] for link in thai["links"]] == ["เปิดไม่ได้", "ใช้ได้"]
    assert [link["verdict_text"] for link in english["links"]] == ["cannot be opened", "works"]
    assert english["links"][0]["message"] == "page not found (HTTP 404)"
    assert not THAI.search(english["links"][0]["checked_at_text"])


def test_a_pack_without_addresses_says_so_in_either_language() -> None:
    code, _, err = itapack("links", EXAMPLE)
    assert code == 0 and "ชุดเอกสารนี้ไม่มีที่อยู่เว็บ" in err
    code, _, err = itapack("links", EXAMPLE, lang="en")
    assert code == 0 and err.strip() == "this pack has no web addresses to check (a document's url or a unit's urls)"
    i18n.choose([], {"ITAPACK_LANG": "en"})  # what start-up does with ITAPACK_LANG=en and no option
    result = CliRunner().invoke(app, ["links", str(EXAMPLE)])
    assert result.exit_code == 0 and "no web addresses" in result.stderr


def test_every_problem_code_has_words_in_both_languages() -> None:
    from itapack.links.judge import BROKEN_CODES, SOFT_CODES

    assert set(PROBLEM_TEXT) == BROKEN_CODES | set(SOFT_CODES)
    i18n.set_language("en")
    from itapack.links.output import problem_text

    assert all(not THAI.search(problem_text(code)) for code in PROBLEM_TEXT)


def test_check_with_links_says_each_links_state_in_thai_when_piped() -> None:
    result = CliRunner().invoke(app, ["check", str(EXAMPLE.parent / "oit-2566"), "--today", "2566-06-01", "--links"])
    assert "ลิงก์ ? ยังไม่ได้ตรวจ (รัน itapack links ก่อน)" in result.output
    assert "unchecked" not in result.output
