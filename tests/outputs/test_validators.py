"""Every output passes the validator its readers run: the JUnit report against Jenkins' xunit schema
(junit-10.xsd), every XML part of every DOCX against the ECMA-376 schemas (wml.xsd and the rest).
The schemas are vendored in tests/schemas/; the validation itself is tests/outputs/validating.py.

Each document is rendered once per session: the tests read the same files.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from itapack.cli import app

from ..chase.conftest import memo_pack as garuda_pack
from ..conftest import PNG, ROOT
from .validating import NOT_VALIDATED, validate_docx, validate_junit, validate_part, xml_parts

EXAMPLES = sorted(path.parent.name for path in (ROOT / "examples").glob("*/pack.yaml"))
PROVINCE = ROOT / "examples" / "samutprakan-2567"
MEASURES = ROOT / "examples" / "measures-2566"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def memo_pack(root: Path) -> Path:
    """Letters holding what the examples' do not: a memo to a unit of the office itself
    (บันทึกข้อความ) and a letter to a local body, both with the Garuda, a picture in the DOCX."""
    return garuda_pack(root, PNG)


# Every kind of DOCX itapack writes: the command line that writes it, given a folder to work in.
O42 = ["render", MEASURES, "--measures", "--format", "docx", "--date", "2566-01-15"]
DOCUMENTS: dict[str, Callable[[Path], list[str | Path]]] = {
    **{
        f"report {example}": lambda _, example=example: [
            "render", ROOT / "examples" / example, "--format", "docx", "--date", "2567-06-01"
        ]
        for example in EXAMPLES
    },
    "report --thai-digits": lambda _: ["render", PROVINCE, "--format", "docx", "--thai-digits", "--date", "2567-06-01"],
    "letters": lambda _: ["letters", PROVINCE, "--date", "2567-06-01"],
    "letters --split": lambda _: ["letters", PROVINCE, "--split", "--date", "2567-06-01"],
    "letters: a memo and a letter with the Garuda": lambda work: ["letters", memo_pack(work), "--date", "2567-02-01"],
    "o42 draft": lambda _: O42,
    "o42 draft --thai-digits": lambda _: [*O42, "--thai-digits"],
}  # fmt: skip


def test_every_example_is_here() -> None:
    assert EXAMPLES == ["measures-2566", "oit-2566", "samutprakan-2565", "samutprakan-2567"]


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_junit_of_every_example_validates_against_jenkins_schema(example: str, lang: str) -> None:
    args = ["--lang", lang, "check", str(ROOT / "examples" / example), "--format", "junit", "--today", "2567-06-01"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    assert "<testsuite " in result.stdout
    invalid = validate_junit(result.stdout)
    assert invalid is None, str(invalid)


def test_a_testsuite_without_errors_is_refused() -> None:
    result = CliRunner().invoke(app, ["check", str(PROVINCE), "--format", "junit", "--today", "2567-06-01"])
    report = etree.fromstring(result.stdout.encode("utf-8"))
    suite = report.find("testsuite")
    assert suite is not None and suite.get("errors") == "0"
    del suite.attrib["errors"]
    invalid = validate_junit(etree.tostring(report, encoding="unicode"))
    assert invalid is not None and "'errors' is required" in str(invalid)


@pytest.fixture(scope="session", params=sorted(DOCUMENTS))
def written(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """One kind of DOCX, written once per session by its command."""
    out = tmp_path_factory.mktemp("validated")
    args = [str(arg) for arg in DOCUMENTS[request.param](tmp_path_factory.mktemp("pack") / "pack")]
    result = CliRunner().invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    paths = sorted(out.rglob("*.docx"))
    assert paths, result.output
    return paths


def test_every_xml_part_of_every_docx_validates(written: list[Path]) -> None:
    for path in written:
        assert validate_docx(path) == [], path.name


def test_every_docx_has_its_parts_validated(written: list[Path]) -> None:
    """What the test above reads: the main document and the parts itapack adds or changes."""
    with zipfile.ZipFile(written[0]) as archive:
        parts = set(xml_parts(archive)) - NOT_VALIDATED
    expected = {"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "word/_rels/document.xml.rels"}
    expected |= {f"word/{name}.xml" for name in ("document", "styles", "settings", "numbering", "header1")}
    assert expected <= parts, sorted(expected - parts)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    args = ["render", str(PROVINCE), "--format", "docx", "--date", "2567-06-01", "--out", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    (path,) = out.glob("*.docx")
    return path


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def test_the_old_zoom_without_its_percent_is_refused(report: Path) -> None:
    settings = part(report, "word/settings.xml")
    assert b'<w:zoom w:val="bestFit" w:percent="100"/>' in settings
    old = settings.replace(b' w:percent="100"', b"")  # python-docx's template as it comes
    invalid = validate_part(old, "word/settings.xml")
    assert invalid is not None and "percent' is required" in str(invalid)


def test_a_wrong_element_in_the_document_is_refused(report: Path) -> None:
    document = etree.fromstring(part(report, "word/document.xml"))
    run_properties = document.find(f".//{{{W}}}rPr")
    assert run_properties is not None
    run_properties.insert(0, etree.Element(f"{{{W}}}colour"))  # Word's word is color
    invalid = validate_part(etree.tostring(document), "word/document.xml")
    assert invalid is not None and "colour': This element is not expected" in str(invalid)


def test_elements_out_of_schema_order_are_refused(report: Path) -> None:
    document = etree.fromstring(part(report, "word/document.xml"))
    cell = next(p for p in document.iter(f"{{{W}}}tcPr") if len({child.tag for child in p}) > 1)
    cell[:] = list(reversed(cell))  # CT_TcPr is a sequence (unlike CT_RPr since the 5th edition)
    invalid = validate_part(etree.tostring(document), "word/document.xml")
    assert invalid is not None and "This element is not expected" in str(invalid)


def test_only_what_mc_ignorable_names_is_set_aside(report: Path) -> None:
    """Word 2010's w14 settings pass because the part names w14 ignorable (ECMA-376 Part 3), as
    Word and LibreOffice read them; without that, the same elements are refused."""
    settings = part(report, "word/settings.xml")
    assert b'mc:Ignorable="w14"' in settings and b"<w14:docId " in settings
    assert validate_part(settings, "word/settings.xml") is None
    invalid = validate_part(settings.replace(b' mc:Ignorable="w14"', b""), "word/settings.xml")
    assert invalid is not None and "docId': This element is not expected" in str(invalid)


def test_xml_attributes_are_checked_against_the_w3c_schema(report: Path) -> None:
    """wml.xsd imports the xml: namespace without a location; the vendored xml.xsd answers it."""
    document = part(report, "word/document.xml")
    assert b'xml:space="preserve"' in document
    invalid = validate_part(document.replace(b'xml:space="preserve"', b'xml:space="keep"', 1), "word/document.xml")
    assert invalid is not None and "'keep' is not an element of the set" in str(invalid)
