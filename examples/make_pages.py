"""Make the README's pictures of the example's reports: page 1 of the DOCX printed by
LibreOffice and of the HTML printed by Chromium, a follow-up letter, and page 1 of the report of
a generated 800-unit pack, as PNG in examples/pages/. (benchmarks/render_pages.py prints every
page of every output, for review.)

    python examples/make_pages.py

Needs itapack installed (pip install .), LibreOffice (soffice), Chromium and poppler-utils
(pdftoppm). The report is dated 1 ก.พ. 2567 so the pictures only change when the report does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACK = HERE / "samutprakan-2567"
PAGES = HERE / "pages"
RESOLUTION = "70"  # dpi: readable in a README, about 100 kB a page


def main() -> None:
    missing = [tool for tool in ("soffice", "chromium", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        sys.exit(
            f"make_pages: needs {', '.join(missing)} (apt-get install libreoffice-writer-nogui chromium poppler-utils)"
        )
    PAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        beside = Path(sys.executable).with_name("itapack")  # the itapack of the Python running this
        itapack = str(beside) if beside.is_file() else shutil.which("itapack") or "itapack"
        run(itapack, "render", PACK, "--out", folder, "--date", "2567-02-01")
        docx = next(folder.glob("*.docx"))
        run("soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
            "--convert-to", "pdf", "--outdir", folder, docx)  # fmt: skip
        html_pdf = folder / "html.pdf"
        run("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            f"--user-data-dir={folder / 'chromium'}", f"--print-to-pdf={html_pdf}",
            next(folder.glob("*.html")).as_uri())  # fmt: skip
        for pdf, name in ((folder / f"{docx.stem}.pdf", "report-docx"), (html_pdf, "report-html")):
            for page in ("1", "2"):
                run(
                    "pdftoppm",
                    "-png",
                    "-r",
                    RESOLUTION,
                    "-f",
                    page,
                    "-l",
                    page,
                    "-singlefile",
                    pdf,
                    PAGES / f"{name}-{page}",
                )
                print(f"wrote {PAGES / f'{name}-{page}.png'}")
        run(itapack, "letters", PACK, "--out", folder, "--date", "2567-02-01", "--kind", "อบต.")
        big = folder / "pack-800"
        run(
            sys.executable, HERE.parent / "benchmarks" / "make_synthetic.py", big, "--units", "800", "--documents", "10"
        )
        run(itapack, "render", big, "--out", folder / "big", "--date", "2567-02-01", "--format", "docx")
        for docx, name in (
            (next(folder.glob("บันทึก*.docx")), "letter"),
            (next((folder / "big").glob("*.docx")), "report-800"),
        ):
            run("soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                "--convert-to", "pdf", "--outdir", docx.parent, docx)  # fmt: skip
            run("pdftoppm", "-png", "-r", RESOLUTION, "-f", "1", "-l", "1", "-singlefile",
                docx.with_suffix(".pdf"), PAGES / f"{name}-1")  # fmt: skip
            print(f"wrote {PAGES / f'{name}-1.png'}")


def run(*args: object) -> None:
    subprocess.run([str(a) for a in args], check=True, capture_output=True)


if __name__ == "__main__":
    main()
