"""A loaded pack remembered between runs (pack/packcache.py): taken back only for the same files,
path, language and code, and never in place of a message about the pack."""

import os
import sys
from pathlib import Path

import pytest

from itapack import i18n
from itapack.errors import PackError
from itapack.pack import packcache, yamlfile
from itapack.pack.loader import load_pack

from ..conftest import EXAMPLE, LEVELS_YAML, itapack_process, write_pack

WARNED = LEVELS_YAML.replace("date: 2567-01-17\n        same_as", "date: 2568-01-17\n        same_as")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITAPACK_CACHE_DIR", str(tmp_path / "แคช"))
    monkeypatch.delenv("ITAPACK_NO_CACHE", raising=False)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed as YAML: none when the pack is remembered."""
    names: list[str] = []
    real = yamlfile.parse_yaml

    def counting(text: str, name: str) -> yamlfile.YamlFile:
        names.append(Path(name).name)
        return real(text, name)

    monkeypatch.setattr("itapack.pack.loader.parse_yaml", counting)
    return names


def kept(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "แคช" / packcache.FOLDER).glob("*.pickle"))


def same(first: object, second: object) -> None:
    for name in ("root", "info", "sections", "roster", "warnings"):
        assert getattr(first, name) == getattr(second, name), name
    assert {n: (f.name, f.text, f.data) for n, f in first.files.items()} == {  # type: ignore[attr-defined]
        n: (f.name, f.text, f.data)
        for n, f in second.files.items()  # type: ignore[attr-defined]
    }


def test_an_unchanged_pack_is_taken_back_without_reading_its_yaml(tmp_path: Path, parsed: list[str]) -> None:
    root = write_pack(tmp_path / "ชุด", levels=WARNED)
    first = load_pack(root)
    assert parsed == ["pack.yaml", "levels.yaml", "units.yaml"]
    assert len(kept(tmp_path)) == 1
    again = load_pack(root)
    assert parsed == ["pack.yaml", "levels.yaml", "units.yaml"]  # not parsed again
    assert again is not first
    same(first, again)
    assert [str(w) for w in again.warnings] == [str(w) for w in first.warnings] != []
    assert again.unit_by_key == first.unit_by_key  # the derived look-ups work on what was kept


def test_a_changed_file_is_read_again_and_replaces_what_was_kept(tmp_path: Path, parsed: list[str]) -> None:
    root = write_pack(tmp_path / "ชุด")
    load_pack(root)
    text = (root / "levels.yaml").read_text(encoding="utf-8")
    (root / "levels.yaml").write_text(text.replace("2567-01-17", "2567-01-18"), encoding="utf-8")
    changed = load_pack(root)
    assert parsed.count("levels.yaml") == 2
    assert str(changed.document_by_id["1.2"].date) == "2024-01-18"
    assert len(kept(tmp_path)) == 1  # one file per pack folder


def test_a_pack_with_a_problem_is_never_kept(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "ชุด", levels=LEVELS_YAML.replace("title: บันทึกข้อความ", "titel: บันทึกข้อความ"))
    for _ in range(2):
        with pytest.raises(PackError):
            load_pack(root)
    assert kept(tmp_path) == []


def test_the_warnings_follow_the_language(tmp_path: Path, parsed: list[str]) -> None:
    root = write_pack(tmp_path / "ชุด", levels=WARNED)
    thai = [str(w) for w in load_pack(root).warnings]
    i18n.set_language("en")
    english = [str(w) for w in load_pack(root).warnings]
    assert thai != english
    assert "outside fiscal year" in english[0]
    assert parsed.count("levels.yaml") == 2


def test_the_path_the_pack_is_named_by_is_what_its_messages_show(
    tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_pack(tmp_path / "ชุด", levels=WARNED)
    load_pack(root)
    monkeypatch.chdir(tmp_path)
    relative = load_pack(Path("ชุด"))
    assert relative.root == Path("ชุด")
    assert str(relative.warnings[0]).startswith(os.path.join("ชุด", "levels.yaml"))
    assert parsed.count("pack.yaml") == 2


def test_a_spoiled_file_is_passed_over(tmp_path: Path, parsed: list[str]) -> None:
    root = write_pack(tmp_path / "ชุด")
    first = load_pack(root)
    [file] = kept(tmp_path)
    data = file.read_bytes()
    file.write_bytes(data[: len(data) // 2])
    same(first, load_pack(root))
    assert parsed.count("pack.yaml") == 2
    file.write_bytes(data[: len(packcache.MAGIC) + 16] + b"not a pickle")  # its key, and nothing to unpickle
    same(first, load_pack(root))
    assert parsed.count("pack.yaml") == 3


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners and modes")
def test_a_file_others_could_have_written_is_not_unpickled(tmp_path: Path, parsed: list[str]) -> None:
    root = write_pack(tmp_path / "ชุด")
    load_pack(root)
    [file] = kept(tmp_path)
    file.chmod(0o622)
    load_pack(root)
    assert parsed.count("pack.yaml") == 2


@pytest.mark.parametrize("value", ["1", "yes"])
def test_itapack_no_cache_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[str], value: str
) -> None:
    monkeypatch.setenv("ITAPACK_NO_CACHE", value)
    root = write_pack(tmp_path / "ชุด")
    load_pack(root)
    load_pack(root)
    assert kept(tmp_path) == []
    assert parsed.count("pack.yaml") == 2


def test_rollover_reads_the_yaml_itself(tmp_path: Path, parsed: list[str]) -> None:
    root = write_pack(tmp_path / "ชุด")
    load_pack(root)
    pack = load_pack(root, keep_sources=True)
    assert parsed.count("pack.yaml") == 2
    assert pack.files["levels.yaml"].nodes  # rollover rewrites the files by their nodes


def test_a_cache_folder_that_cannot_be_written_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "ไฟล์"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ITAPACK_CACHE_DIR", str(blocked))
    root = write_pack(tmp_path / "ชุด")
    assert load_pack(root).fiscal_year == load_pack(root).fiscal_year == 2567


def test_a_check_from_what_was_kept_writes_the_same_json(tmp_path: Path) -> None:
    runs = [itapack_process("check", EXAMPLE, "--format", "json", "--today", "2567-06-01") for _ in range(2)]
    assert len(kept(tmp_path)) == 1
    assert runs[0] == runs[1]
    assert runs[0][0] == 1
