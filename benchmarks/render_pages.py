"""Print every paper itapack writes to PDF and PNG, to look at page by page.

    python benchmarks/render_pages.py OUT [--units 800] [--documents 10] [--dpi 60]

For each example pack (and a generated pack of --units local bodies with --documents per-unit
documents each): the report (DOCX through LibreOffice, HTML through Chromium), the o42 draft of
the measures example, the follow-up letters and the tracking workbook. Every page becomes
OUT/<pack>/<output>-<page>.png; the table printed at the end gives each output's page count, the
figure a reviewer checks first (the 800-unit report: at most 24 pages). Needs LibreOffice,
Chromium and poppler-utils.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
DATE = "2567-02-01"  # every output of the same day, so the pages compare run to run


def itapack(*args: str | Path) -> None:
    subprocess.run([sys.executable, "-m", "itapack", *map(str, args)], check=True, capture_output=True)


def to_pdf(document: Path, folder: Path) -> Path:
    """DOCX and XLSX through LibreOffice, HTML through headless Chromium."""
    if document.suffix == ".html":
        pdf = folder / f"{document.stem}-html.pdf"
        subprocess.run(
            [
                shutil.which("chromium") or shutil.which("chromium-browser") or "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={folder / '.chromium'}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                document.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return pdf
    profile = (folder / ".libreoffice").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            document,
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    pdf = folder / f"{document.stem}-{document.suffix.lstrip('.')}.pdf"
    (folder / f"{document.stem}.pdf").replace(pdf)
    return pdf


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


def outputs(pack: Path, folder: Path) -> list[Path]:
    """Everything itapack prints for the pack, written into folder."""
    written = folder / "written"
    itapack("render", pack, "-o", written, "--date", DATE, "--force")
    if (pack / "sections.yaml").is_file() and "measures" in pack.name:
        itapack("render", pack, "-o", written / "measures", "--date", DATE, "--measures", "--force")
    if (pack / "units.yaml").is_file():
        itapack("letters", pack, "-o", written, "--date", DATE, "--force")
        itapack("export", pack, "--xlsx", written / "workbook.xlsx", "--today", DATE, "--force")
    return sorted(p for p in written.rglob("*") if p.suffix in (".docx", ".html", ".xlsx"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="a folder for the PDFs and PNGs")
    parser.add_argument("--units", type=int, default=800, help="local bodies in the generated pack (default 800)")
    parser.add_argument("--documents", type=int, default=10, help="per-unit documents each (default 10)")
    parser.add_argument("--dpi", type=int, default=60, help="PNG resolution (default 60)")
    options = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import make_synthetic  # type: ignore[import-not-found]

    packs = [p for p in sorted(EXAMPLES.iterdir()) if (p / "pack.yaml").is_file()]
    generated = options.out / f"pack-{options.units}"
    if not generated.exists():
        make_synthetic.main([str(generated), "--units", str(options.units), "--documents", str(options.documents)])
    packs.append(generated)
    counts: list[tuple[str, str, int]] = []
    for pack in packs:
        folder = options.out / pack.name
        folder.mkdir(parents=True, exist_ok=True)
        for document in outputs(pack, folder):
            pdf = to_pdf(document, folder)
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(options.dpi), pdf, folder / pdf.stem], check=True, capture_output=True
            )
            counts.append((pack.name, pdf.name, pages(pdf)))
    width = max(len(f"{pack}/{name}") for pack, name, _ in counts)
    for pack, name, count in counts:
        print(f"{pack}/{name}".ljust(width), f"{count:>4} pages")


if __name__ == "__main__":
    main()
