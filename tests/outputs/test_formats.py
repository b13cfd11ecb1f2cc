"""Every format in the registry, run through the command that offers it: the output exists and
reads as its kind. A format added to the registry without a way to run it here fails the test."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from itapack.cli import app
from itapack.errors import InputError
from itapack.outputs.formats import FORMATS, Format, offered, parse

from ..conftest import ROOT

PROVINCE = ROOT / "examples" / "samutprakan-2567"
LAST_YEAR = ROOT / "examples" / "samutprakan-2565"
OIT = ROOT / "examples" / "oit-2566"
TODAY = ["--today", "2567-06-30"]


def how_to_run(format: Format, out: Path) -> list[str]:
    """The command line that writes `format` into out (a folder, or a file for a stream)."""
    into = out / f"output{format.extension}"
    return {
        "check": ["check", PROVINCE, "-f", format.name, "-o", into, *TODAY],
        "render": ["render", PROVINCE, "-f", format.name, "-o", out, "--date", "2567-06-30"],
        "bundle": ["bundle", PROVINCE, "-f", format.name, "-o", out, "--no-reports", "--date", "2567-06-30"],
        "links": ["links", OIT, "--offline", "-f", format.name, "-o", into],
        "rollover": ["rollover", PROVINCE, "--to", "2568", "--dry-run", "-f", format.name],
        "timeline": ["timeline", LAST_YEAR, "-f", format.name, "--today", "2565-01-15"],
        "compare": ["compare", LAST_YEAR, PROVINCE, "-f", format.name, *TODAY],
    }[format.command]


def _html(data: bytes) -> None:
    parser = HTMLParser()
    parser.feed(data.decode("utf-8"))
    assert b"<html" in data[:500].lower()


def _office(data: bytes, tmp: Path) -> None:
    path = tmp / "office.zip"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        assert "[Content_Types].xml" in archive.namelist() and archive.testzip() is None


def _zip(data: bytes, tmp: Path) -> None:
    path = tmp / "archive.zip"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() and archive.testzip() is None


READS: dict[str, Callable[[bytes, Path], object]] = {
    ".txt": lambda data, _: data.decode("utf-8").strip() or pytest.fail("empty"),
    ".json": lambda data, _: json.loads(data),
    ".xml": lambda data, _: ET.fromstring(data),
    ".html": lambda data, _: _html(data),
    ".docx": _office,
    ".xlsx": _office,
    ".zip": _zip,
    ".pdf": lambda data, _: data.startswith(b"%PDF-") or pytest.fail("not a PDF"),
}


@pytest.mark.parametrize("format", FORMATS, ids=lambda f: f"{f.command}-{f.name}")
def test_every_format_writes_what_its_readers_read(format: Format, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(app, [str(part) for part in how_to_run(format, out)])
    assert result.exit_code in (0, 1), result.output  # 1: evidence missing, still written
    written = sorted(out.rglob(f"*{format.extension}"))
    data = written[0].read_bytes() if written else result.stdout.encode("utf-8")
    assert data, f"{format.command} -f {format.name} wrote nothing"
    READS[format.extension](data, tmp_path)


def test_each_command_names_its_formats_once_and_defaults_to_the_first() -> None:
    for command in {format.command for format in FORMATS}:
        names = [format.name for format in FORMATS if format.command == command]
        assert len(names) == len(set(names)) == len(offered(command))


def test_a_list_of_formats_is_read_in_order_once_each_and_an_unknown_one_is_refused() -> None:
    assert [format.name for format in parse("render", "html, DOCX,html")] == ["html", "docx"]
    with pytest.raises(InputError, match="docx, html"):
        parse("render", "pdf")
    with pytest.raises(InputError):
        parse("bundle", " , ")
