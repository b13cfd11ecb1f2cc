"""Shared helpers: small packs written inline, evidence trees built from dicts."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import AnyStr

import pytest
from PIL import Image

from itapack.check import check
from itapack.evidence.result import CheckResult
from itapack.pack.loader import load_pack

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "samutprakan-2567"


def pdf_file(*objects: bytes, root: int = 1) -> bytes:
    """A PDF of these objects (numbered from 1) with a true cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, table)
    return bytes(out)


def image_file(kind: str, size: tuple[int, int] = (2, 1)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


def office_file(main: str = "word/document.xml", xml: bytes = b"<document/>") -> bytes:
    """A zip holding an Office main part (what the check opens), as small as one can be."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        archive.writestr(main, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml)
    return out.getvalue()


def word_file(text: str) -> bytes:
    """A Word document as python-docx writes it, with one paragraph."""
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# The smallest real files of each kind: they open, as evidence must (evidence/opens.py).
PDF = pdf_file(
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
)
JPG = image_file("JPEG")
PNG = image_file("PNG")
DOCX = office_file()
HTML = b"<!DOCTYPE html><html><body>404 Not Found</body></html>"

PACK_YAML = """\
itapack: 1
fiscal_year: 2567
province: ทดสอบ
office: สำนักงานจังหวัดทดสอบ
"""

LEVELS_YAML = """\
levels:
  - number: 1
    criteria:
      - text: มอบหมายภารกิจ ประจำปีงบประมาณ พ.ศ. {fy}
    documents:
      - id: 1.1
        title: บันทึกข้อความ (มอบหมายภารกิจ)
      - id: 1.2
        title: รายงานการประชุม {date}
        date: 2567-01-17
  - number: 2
    criteria:
      - number: 2.1
        text: คำรับรองของทุกหน่วย
    documents:
      - id: 2.1
        title: คำรับรองการปฏิบัติราชการ
        per_unit: [local]
        types: [pdf]
      - id: 2.2
        title: รายงานการประชุม {date}
        date: 2567-01-17
        same_as: 1.2
"""

UNITS_YAML = """\
kinds:
  - {id: regional_agency, name: ส่วนราชการบริหารส่วนภูมิภาค}
  - {id: subdistrict_municipality, name: เทศบาลตำบล, short: ทต.}
  - {id: sao, name: องค์การบริหารส่วนตำบล, short: อบต.}
groups:
  - {id: local, name: องค์กรปกครองส่วนท้องถิ่น, kinds: [subdistrict_municipality, sao]}
districts:
  - {id: bang-bo, name: อำเภอบางบ่อ}
units:
  - {id: pv-office, name: สำนักงานจังหวัดทดสอบ, kind: regional_agency}
  - {id: tt-bang-bo, name: เทศบาลตำบลบางบ่อ, kind: subdistrict_municipality, district: bang-bo}
  - {id: sao-bang-nam-phueng, name: องค์การบริหารส่วนตำบลบางน้ำผึ้ง, kind: sao, district: bang-bo}
"""


# A local body's own OIT items: a checklist, no units, letter ids, one page each.
OIT_PACK_YAML = """\
itapack: 2
fiscal_year: 2566
organisation: {kind: local, name: องค์การบริหารส่วนตำบลทดสอบ, parent: อำเภอทดสอบ}
scoring: checklist
"""

OIT_SECTIONS_YAML = """\
sections:
  - title: แผนป้องกันการทุจริต
    documents:
      - id: o36
        title: แผนปฏิบัติการป้องกันการทุจริต
        url: https://sao.example/ita/o36
        items: [(1) โครงการ/กิจกรรม, (2) งบประมาณ]
        window: fiscal_year
      - id: o37
        title: รายงานการกำกับติดตาม รอบ 6 เดือน
        window: first_half
        due: 2566-04-30
        owner: สำนักปลัด
      - id: o38
        title: รายงานผลการดำเนินการป้องกันการทุจริตประจำปี {fy_prev}
        window: previous_fiscal_year
  - title: มาตรการเสริมสร้างมาตรฐานทางจริยธรรม
    documents:
      - id: o3
        title: ข้อที่ต้องไม่ถูกแย่งไฟล์ของ o36
      - id: MOIT1
        title: ประมวลจริยธรรม
        note: จัดทำโดยองค์กรกลางบริหารงานบุคคล
"""


# Measures with owners and deadlines, reported on by regional agencies (seed 001's shape)
MEASURES = """\
sections:
  - title: มาตรการ
    documents:
      - id: m1
        title: การจัดทำแผนการใช้จ่ายงบประมาณ
        per_unit: [regional_agency]
        due: 2566-03-31
      - id: m2
        title: หลักเกณฑ์การใช้ทรัพย์สินของราชการ
        per_unit: [regional_agency]
      - id: m5
        title: แต่งตั้งคณะกรรมการขับเคลื่อน ITA
        owner: pv-office
"""
MEASURES_PACK = """\
itapack: 2
fiscal_year: 2566
organisation: {kind: province, name: จังหวัดทดสอบ}
province: ทดสอบ
scoring: checklist
"""
AGENCIES = """\
kinds:
  - {id: regional_agency, name: ส่วนราชการบริหารส่วนภูมิภาค}
units:
  - {id: pv-office, name: สำนักงานจังหวัดทดสอบ, kind: regional_agency, urls: {m1: "https://pv.example/m1"}}
  - {id: ssj, name: สำนักงานสาธารณสุขจังหวัดทดสอบ, kind: regional_agency, aliases: [สสจ.ทดสอบ]}
  - {id: labour, name: สำนักงานแรงงานจังหวัดทดสอบ, kind: regional_agency}
"""


def write_pack(
    root: Path,
    *,
    pack: str = PACK_YAML,
    levels: str = LEVELS_YAML,
    units: str | None = UNITS_YAML,
    evidence: dict | None = None,
    structure_file: str = "levels.yaml",
) -> Path:
    """Write a pack folder; YAML given inline (dedented), evidence as a dict tree. units=None: no units.yaml."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (("pack.yaml", pack), (structure_file, levels), ("units.yaml", units)):
        if text is not None:
            (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    if evidence is not None:
        make_tree(root / "evidence", evidence)
    return root


def make_tree(root: Path, spec: dict) -> None:
    """{"folder": {"file.pdf": b"..."}, "empty folder": {}}: bytes or str make files, dicts folders."""
    root.mkdir(parents=True, exist_ok=True)
    for name, value in spec.items():
        if isinstance(value, dict):
            make_tree(root / name, value)
        else:
            (root / name).write_bytes(value.encode("utf-8") if isinstance(value, str) else value)


def typed(text: AnyStr) -> AnyStr:
    """A printed output's text as a person types it: without the marks where a Thai line may break
    between words (U+200B in DOCX, <wbr> in HTML; see itapack.outputs.thaiwords). Read a report, a
    letter or a draft through this before looking for Thai words in it; bytes stay bytes."""
    if isinstance(text, bytes):
        return text.replace("\u200b".encode(), b"").replace(b"<wbr>", b"")
    return text.replace("\u200b", "").replace("<wbr>", "")


def run_check(root: Path, today: date | None = None) -> CheckResult:
    return check(load_pack(root), today=today)


def tool(*names: str) -> str:
    """The first of these commands that is installed. Locally a test without it is skipped; .ci/run
    installs every tool a test runs and sets ITAPACK_REQUIRE_RENDER_TOOLS=1, so there it fails."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("ITAPACK_REQUIRE_RENDER_TOOLS"):
        pytest.fail(f"{' or '.join(names)} is not installed (CI must install it)")
    pytest.skip(f"{names[0]} is not installed")


def itapack_process(*args: str | Path) -> tuple[int, str, str]:
    """itapack in a child process, as a clerk runs it: (exit code, stdout, stderr), never a traceback."""
    done = subprocess.run([sys.executable, "-m", "itapack", *map(str, args)], capture_output=True, timeout=120)
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    return done.returncode, done.stdout.decode("utf-8"), stderr


def write_oit(root: Path, evidence: dict | None = None, replace: dict[str, str] | None = None) -> Path:
    """The OIT checklist pack, with no units.yaml; replace changes text in its sections file."""
    sections = OIT_SECTIONS_YAML
    for old, new in (replace or {}).items():
        assert old in sections, old
        sections = sections.replace(old, new)
    return write_pack(
        root, pack=OIT_PACK_YAML, levels=sections, units=None, evidence=evidence, structure_file="sections.yaml"
    )


REPORT_DAY = date(2024, 2, 1)


def render(pack_root: Path, out: Path, formats: tuple[str, ...] = ("docx", "html"), **options: object) -> list[Path]:
    """Render the pack's reports into out, dated 1 Feb 2024 so that tests are reproducible."""
    from itapack.render import render_reports

    pack = load_pack(pack_root)
    return render_reports(pack, check(pack), out=out, formats=formats, today=REPORT_DAY, **options)  # type: ignore[arg-type]


def status_of(result: CheckResult, document: str, unit: str | None = None) -> str:
    doc = next(d for d in result.documents if d.id == document)
    return next(str(r.status) for r in doc.requirements if r.unit == unit)


COMPLETE = {
    "1.1 บันทึกข้อความ": {"มอบหมายภารกิจ.pdf": PDF},
    "1.2 รายงานการประชุม": {"รายงาน.pdf": PDF},
    "2.1 คำรับรอง": {
        "เทศบาลตำบลบางบ่อ": {"คำรับรอง.pdf": PDF},
        "อบต.บางน้ำผึ้ง": {"คำรับรอง.pdf": PDF},
    },
}


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", evidence=COMPLETE)


@pytest.fixture(autouse=True, scope="session")
def _ctrl_c_heard() -> None:
    """A suite started in the background (`pytest &`) inherits an ignored SIGINT, and so would every
    itapack it starts, which rightly leaves an ignored signal alone; the tests that press Ctrl-C
    need it heard. Python's own handler here becomes the default one in each child."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """What checks remember (the content cache, link results) goes to the session's temp folder,
    never the user's own cache folder; a test that needs its own sets ITAPACK_CACHE_DIR itself."""
    folder = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ITAPACK_CACHE_DIR", str(folder))
        yield


@pytest.fixture(autouse=True)
def _thai_messages() -> Iterator[None]:
    """Every test starts in Thai, the default, whatever an earlier test's --lang en set."""
    from itapack import i18n

    yield
    i18n.set_language("th")


@pytest.fixture
def english() -> None:
    """For tests that assert the English wording (--lang en) of a message."""
    from itapack import i18n

    i18n.set_language("en")
