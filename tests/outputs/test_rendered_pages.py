"""What a person sees: the reports printed to PDF by LibreOffice and by headless Chromium.

pdftotext must give the Thai text back, pdffonts must show it set in a Thai font, pages must be A4
and the last page must not be empty. These need Debian's libreoffice-writer, chromium,
poppler-utils and a Thai font; .ci/run installs them and sets ITAPACK_REQUIRE_RENDER_TOOLS=1,
so in CI a missing tool fails instead of skipping.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import EXAMPLE, render

pytestmark = pytest.mark.render_tools

THAI_FONTS = re.compile(r"(?i)sarabun|laksaman|garuda|loma|kinnari|norasi|waree|umpush|sawasdee|noto\w*thai")
EXPECTED = (
    "ประจำปีงบประมาณ พ.ศ. 2567",
    "ผลการดำเนินงาน: ผ่านระดับ 3 จาก 5 (เป้าหมายระดับ 5)",
    "แผนการขับเคลื่อนการประเมิน ITA จ.สป.67",
    "องค์การบริหารส่วนตำบลบางน้ำผึ้ง",
    "รายการที่ต้องติดตาม",
    "ครบ",
    "ขาด",
    "มีปัญหา",
)


def tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("ITAPACK_REQUIRE_RENDER_TOOLS"):
        pytest.fail(f"{' or '.join(names)} is not installed (CI must install it)")
    pytest.skip(f"{names[0]} is not installed")


def run(*args: str | Path, timeout: int = 180) -> str:
    completed = subprocess.run([str(a) for a in args], capture_output=True, timeout=timeout, check=False)
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    return completed.stdout.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {path.suffix: path for path in render(EXAMPLE, tmp_path_factory.mktemp("reports"))}


def squeeze(text: str) -> str:
    """Line and cell breaks fall anywhere in a PDF; compare without whitespace. Every character
    must still be there, in order."""
    return re.sub(r"\s+", "", text)


def assert_pdf_reads_as_thai(pdf: Path) -> None:
    pdftotext, pdffonts, pdfinfo = tool("pdftotext"), tool("pdffonts"), tool("pdfinfo")
    # -raw: the text in the order the PDF holds it. Without it pdftotext re-sorts glyphs by
    # position and moves a tone mark that the font shifts right after the next consonant
    # (ผึ้ง reads ผึง้), an artefact of the extraction, not of the PDF.
    text = squeeze(run(pdftotext, "-raw", pdf, "-"))
    for expected in EXPECTED:
        assert squeeze(expected) in text, expected
    fonts = run(pdffonts, pdf)
    assert THAI_FONTS.search(fonts), fonts
    info = run(pdfinfo, pdf)
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    last = run(pdftotext, "-f", str(pages), "-l", str(pages), pdf, "-")
    assert last.strip(), "the last page is empty"


def test_docx_printed_by_libreoffice(reports: dict[str, Path], tmp_path: Path) -> None:
    soffice = tool("soffice", "libreoffice")
    profile = (tmp_path / "profile").as_uri()
    run(soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp_path,
        reports[".docx"])  # fmt: skip
    assert_pdf_reads_as_thai(tmp_path / f"{reports['.docx'].stem}.pdf")


def test_html_printed_by_chromium(reports: dict[str, Path], tmp_path: Path) -> None:
    chromium = tool("chromium", "chromium-browser", "google-chrome")
    pdf = tmp_path / "report.pdf"
    run(
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        reports[".html"].as_uri(),
    )
    assert_pdf_reads_as_thai(pdf)
