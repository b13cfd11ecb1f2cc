"""Every message is written in Thai and has its English in en.po; the command line speaks both."""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from itapack import cli, i18n

from ..conftest import EXAMPLE, write_pack
from .catalogue import messages

THAI = re.compile("[\u0e01-\u0e5b]")
CATALOGUE = Path(i18n.__file__).with_name("en.po")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_is_thai_and_has_english() -> None:
    found = messages()
    english = i18n.read_po(CATALOGUE)
    assert len(found) > 150
    not_plain = [msgid for msgid in found if msgid.startswith("<not a plain text")]
    assert not not_plain, "_() needs a plain text (no f-string), placeholders filled by .format()"
    not_thai = [f"{where}: {msgid}" for msgid, where in found.items() if not THAI.search(msgid)]
    assert not not_thai, "messages without Thai text:\n" + "\n".join(not_thai)
    untranslated = [f"{where}: {msgid}" for msgid, where in found.items() if msgid not in english]
    assert not untranslated, "messages without an English entry in en.po:\n" + "\n".join(untranslated)
    for msgid, text in english.items():
        assert _fields(msgid) == _fields(text), f"placeholders differ: {msgid!r} / {text!r}"


def test_the_catalogue_reader_reads_gettext_entries(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        '#: a.py\nmsgid "ไฟล์ \\"ว่าง\\"\\n"\n"ต่อ"\nmsgstr "empty \\"file\\"\\n"\n"more"\n\n'
        '#, fuzzy\nmsgid "ยังไม่แน่"\nmsgstr "not sure"\n\nmsgid "ยังไม่แปล"\nmsgstr ""\n',
        encoding="utf-8",
    )
    assert i18n.read_po(po) == {'ไฟล์ "ว่าง"\nต่อ': 'empty "file"\nmore'}


def test_a_message_about_a_count_has_both_english_forms(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(
        'msgid "อย่างน้อย {count} ไฟล์"\nmsgid_plural "อย่างน้อย {count} ไฟล์"\n'
        'msgstr[0] "at least {count} file"\nmsgstr[1] "at least {count} "\n"files"\n',
        encoding="utf-8",
    )
    singulars: dict[str, str] = {}
    assert i18n.read_po(po, singulars) == {"อย่างน้อย {count} ไฟล์": "at least {count} files"}
    assert singulars == {"อย่างน้อย {count} ไฟล์": "at least {count} file"}
    with i18n.speaking("en"):
        one, two = (i18n._n("วางหลักฐานที่ {path} (อย่างน้อย {count} ไฟล์)", n) for n in (1, 2))
    assert (one, two) == (
        "put the evidence in {path} (at least {count} file)",
        "put the evidence in {path} (at least {count} files)",
    )
    assert i18n._n("วางหลักฐานที่ {path} (อย่างน้อย {count} ไฟล์)", 1) == "วางหลักฐานที่ {path} (อย่างน้อย {count} ไฟล์)"


def test_every_singular_form_fills_from_the_messages_placeholders() -> None:
    singulars: dict[str, str] = {}
    i18n.read_po(CATALOGUE, singulars)
    assert len(singulars) >= 6
    for msgid, text in singulars.items():
        assert _fields(text) <= _fields(msgid), f"placeholders: {msgid!r} / {text!r}"


def test_language_comes_from_the_option_then_the_environment_never_lang() -> None:
    assert i18n.language_from(["check", "--lang", "en"], {}) == "en"
    assert i18n.language_from(["--lang=en", "check"], {"ITAPACK_LANG": "th"}) == "en"
    assert i18n.language_from(["check"], {"ITAPACK_LANG": "en"}) == "en"
    assert i18n.language_from(["check"], {"LANG": "en_US.UTF-8"}) == "th"
    assert i18n.language_from(["check", "--", "--lang", "en"], {}) == "th"


def run(args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["itapack", *args])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    return int(exited.value.code or 0), capsys.readouterr().err


ERRORS = [
    (["check", "nowhere"], "nowhere: ไม่มีโฟลเดอร์นี้", "nowhere: no such folder"),
    (["check", "--bogus"], "ไม่มีตัวเลือก --bogus", "No such option: --bogus"),
    (["rollover"], "ขาดอาร์กิวเมนต์ 'PACK'", "Missing argument 'PACK'."),
    (["check", ".", "--target-level", "x"], "ต้องเป็นจำนวนเต็ม", "must be a whole number"),
    (["check", ".", "--format", "pdf"], "ไม่อยู่ในตัวเลือกที่รับ", "is not one of"),
    (["check", ".", "--target-level", "0"], "ต้องไม่น้อยกว่า 1", "must be at least 1"),
    (["rollover", ".", "--to"], "ตัวเลือก --to ต้องมีค่าตามหลัง", "Option '--to' requires an argument."),
    (["nosuch"], "ไม่มีคำสั่ง nosuch", "No such command 'nosuch'."),
    (["chek"], "ไม่มีคำสั่ง chek หมายถึง 'check' หรือเปล่า?", "No such command 'chek'. Did you mean 'check'?"),
    (["check", str(EXAMPLE), "--target-level", "9"], "ชุดเอกสารนี้มีระดับ 1 ถึง 5", "this pack has levels 1 to 5"),
]


@pytest.mark.parametrize(("args", "thai", "english"), ERRORS)
def test_command_line_errors_are_thai_by_default_and_english_on_request(
    args: list[str], thai: str, english: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.delenv("ITAPACK_LANG", raising=False)
    code, err = run(args, monkeypatch, capsys)
    assert code == 2 and thai in err and "Error" not in err and "Usage" not in err, err
    for english_args in (["--lang", "en", *args], [*args, "--lang=en"]):  # before the command, or at the end
        code, err = run(english_args, monkeypatch, capsys)
        assert code == 2 and english in err and not THAI.search(err), (english_args, err)


def test_a_pack_error_is_thai_by_default_and_english_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write_pack(tmp_path, levels="levels:\n  - number: 1\n    titel: x\n")
    code, err = run(["validate", str(pack)], monkeypatch, capsys)
    assert code == 2 and "ชุดเอกสารไม่ถูกต้อง" in err and "ไม่รู้จักคีย์ 'titel'" in err, err
    monkeypatch.setenv("ITAPACK_LANG", "en")
    i18n.choose(sys.argv[1:])
    code, err = run(["validate", str(pack)], monkeypatch, capsys)
    assert code == 2 and "the pack is invalid" in err and "unknown key 'titel'" in err, err


def test_help_is_thai_by_default_and_english_with_lang_en() -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("LANG", "ITAPACK_LANG")}

    def helped(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "itapack", *args], capture_output=True, env=environment, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.decode("utf-8")

    thai = helped("check", "--help")
    assert "วิธีใช้: " in thai and "ตัวเลือก" in thai and "แสดงเฉพาะระดับหรือหมวดนี้" in thai
    assert "แสดงวิธีใช้นี้แล้วจบ" in thai and "Show this message" not in thai
    english = helped("--lang", "en", "check", "--help")
    assert "Usage: " in english and "Options" in english and "Show only this level" in english
    assert not THAI.search(english)


def test_each_message_has_one_entry_in_en_po() -> None:
    """Two entries for one msgid: which English wins depends on their order, silently."""
    ids = re.findall(r'^msgid "(.*)"$', CATALOGUE.read_text(encoding="utf-8"), flags=re.M)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
