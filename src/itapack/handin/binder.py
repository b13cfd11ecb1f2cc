"""The binder: one PDF of the counted evidence, with a cover, a Thai table of contents, bookmarks
and a small stamp on every page (document id, "หน้า n/m").

Thai needs shaping (tone marks and vowels placed on their consonant), which plain PDF libraries
do not do: the cover, contents and stamps are set by fpdf2 with HarfBuzz shaping, in a Thai font
embedded in the file. Evidence PDFs are merged with pypdf; photos are placed on A4 pages after
turning them by their EXIF orientation; Office files go through LibreOffice when it is there.
Nothing that cannot be bound is dropped silently: the contents lists it with the reason.
These libraries are imported here only, so `check` and `--help` never load them.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .. import bounded, safety
from ..errors import InputError
from ..evidence.result import CheckResult
from ..i18n import N_, _, in_thai
from ..pack import thai
from ..pack.folder import Pack
from . import plan, textlayer

_FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
MARKER = "itapack binder"  # the PDF's Producer: how bundle knows a binder is its own
IMAGES = frozenset({"jpg", "jpeg", "png"})
OFFICE = frozenset({"docx", "doc", "xlsx", "xls", "pptx", "ppt", "odt", "ods", "odp", "rtf"})
A4 = (595.28, 841.89)  # points
MARGIN = 36.0  # points around a placed photo: room for the stamp
DOWNSAMPLED_PIXELS = 1600  # longest side of a photo under --max-mb: about 190 dpi on A4
DOWNSAMPLED_QUALITY = 70
# Bytes of one evidence file the binder reads: pypdf and Pillow read a file whole, and a 3 GB scan
# would take the laptop's memory with it.
FILE_LIMIT = 400_000_000

# Thai fonts to look for, regular and bold, in the order preferred.
FONTS = (
    ("THSarabunNew.ttf", "THSarabunNew Bold.ttf"),
    ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf"),
    ("Laksaman.ttf", "Laksaman-Bold.ttf"),
    ("Garuda.ttf", "Garuda-Bold.ttf"),
    ("Loma.ttf", "Loma-Bold.ttf"),
    ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
    ("LeelawUI.ttf", "LeelaUIb.ttf"),
    ("tahoma.ttf", "tahomabd.ttf"),
)
FONT_FOLDERS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "~/Library/Fonts",
    "%WINDIR%/Fonts",
    "%LOCALAPPDATA%/Microsoft/Windows/Fonts",
)
NO_FONT = N_(
    "ไม่พบฟอนต์ภาษาไทยสำหรับทำแฟ้ม PDF: ติดตั้ง TH Sarabun New (Windows) หรือ fonts-tlwg-laksaman "
    "(Debian/Ubuntu: apt-get install fonts-tlwg-laksaman) หรือระบุไฟล์ฟอนต์ .ttf ด้วยตัวแปร ITAPACK_THAI_FONT"
)


@dataclass(frozen=True)
class Fonts:
    regular: Path
    bold: Path


def find_fonts() -> Fonts:
    """A Thai TrueType font on this machine; ITAPACK_THAI_FONT names one outright."""
    chosen = os.environ.get("ITAPACK_THAI_FONT")
    if chosen:
        path = Path(chosen)
        if not path.is_file():
            raise InputError(_("ITAPACK_THAI_FONT={font}: ไม่พบไฟล์ฟอนต์นี้").format(font=chosen))
        return Fonts(path, path)
    folders = [Path(os.path.expanduser(os.path.expandvars(f))) for f in FONT_FOLDERS]
    folders = [f for f in folders if "%" not in str(f) and f.is_dir()]
    for regular, bold in FONTS:
        found = _find(folders, regular)
        if found is not None:
            return Fonts(found, _find([found.parent, *folders], bold) or found)
    raise InputError(_(NO_FONT))


def _find(folders: list[Path], name: str) -> Path | None:
    for folder in folders:
        direct = folder / name
        if direct.is_file():
            return direct
        for path in folder.rglob(name):
            return path
    return None


def _libraries() -> tuple[Any, Any]:
    try:
        import fpdf
        import pypdf
    except ImportError as error:
        raise InputError(
            _("ทำแฟ้ม PDF ไม่ได้: ไม่พบไลบรารี {library} ให้ติดตั้ง itapack ใหม่ (pip install itapack)").format(
                library=error.name
            )
        ) from None
    return fpdf, pypdf


# --- what goes in ------------------------------------------------------------------------------


@dataclass
class Item:
    """One evidence file: its pages once loaded, or why it could not be bound."""

    path: str  # relative to the pack
    kind: str  # pdf | image | office | other
    pages: list[Any] = field(default_factory=list)  # pypdf pages
    reason: str = ""  # why it is not in the binder
    first_page: int = 0  # 1-based page in the binder, once placed
    first_document: str = ""  # the document it was bound under, when several use it
    size: int = 0  # bytes it adds, roughly: for splitting under --max-mb


def _kind(path: str) -> str:
    extension = path.rpartition(".")[2].lower()
    if extension == "pdf":
        return "pdf"
    if extension in IMAGES:
        return "image"
    if extension in OFFICE:
        return "office"
    return "other"


class Loader:
    """Loads each evidence file once, whatever number of documents it serves."""

    def __init__(self, pack_root: Path, work: Path, fonts: Fonts, *, downsample: bool) -> None:
        self.pack_root = pack_root
        self.work = work
        self.fonts = fonts
        self.downsample = downsample
        self.items: dict[str, Item] = {}

    def load(self, parts: list[plan.Part]) -> None:
        paths = list(dict.fromkeys(f.path for part in parts for f in part.files))
        for path in paths:
            self.items[path] = Item(path, _kind(path))
        office = [self.items[p] for p in paths if self.items[p].kind == "office"]
        converted = _convert_office(self.pack_root, [i.path for i in office], self.work) if office else {}
        for path in paths:
            item = self.items[path]
            source = self.pack_root / path
            if item.kind == "pdf":
                self._pdf(item, source)
            elif item.kind == "image":
                self._image(item, source)
            elif item.kind == "office":
                result = converted.get(path)
                if isinstance(result, Path):
                    self._pdf(item, result)
                    if item.reason:
                        item.reason = "แปลงเป็น PDF ด้วย LibreOffice แล้วเปิดไม่ได้"
                else:
                    item.reason = result or "ไม่ได้แปลงเป็น PDF"
            else:
                extension = path.rpartition(".")[2]
                item.reason = f"ไฟล์ชนิด .{extension} ใส่ในแฟ้ม PDF ไม่ได้ (อยู่ในไฟล์ zip)"

    def _pdf(self, item: Item, source: Path) -> None:
        from pypdf import PdfReader
        from pypdf.errors import LimitReachedError, PdfReadError

        if _too_big(item, source):
            return
        try:
            reader = PdfReader(source)
            if reader.is_encrypted and not reader.decrypt(""):
                item.reason = "ไฟล์ PDF ถูกเข้ารหัส (ต้องใช้รหัสผ่าน) จึงรวมในแฟ้มไม่ได้"
                return
            pages = list(reader.pages)
            for page in pages:
                _ = page.mediabox.width  # a broken page shows here, not halfway through writing
                page.get_contents()
        except LimitReachedError:  # pypdf stops inflating a stream past its limit (75 MB): a bomb
            item.reason = "ไฟล์ PDF มีเนื้อหาที่คลายการบีบอัดแล้วใหญ่ผิดปกติ (อาจเป็น PDF bomb) จึงรวมในแฟ้มไม่ได้"
            return
        except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, NotImplementedError) as error:
            encrypted = "encrypt" in str(error).lower() or "crypt" in type(error).__name__.lower()
            item.reason = (
                "ไฟล์ PDF ถูกเข้ารหัส (ต้องใช้รหัสผ่าน) จึงรวมในแฟ้มไม่ได้"
                if encrypted
                else "ไฟล์ PDF เสียหาย เปิดอ่านไม่ได้ จึงรวมในแฟ้มไม่ได้"
            )
            return
        if not pages:
            item.reason = "ไฟล์ PDF ไม่มีหน้าใดเลย"
            return
        item.pages = pages
        item.size = source.stat().st_size

    def _image(self, item: Item, source: Path) -> None:
        from fpdf import FPDF
        from PIL import Image, ImageOps, UnidentifiedImageError
        from pypdf import PdfReader

        if _too_big(item, source):
            return
        try:
            with Image.open(source) as opened:
                image = ImageOps.exif_transpose(opened)
                image.load()
        except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
            item.reason = "เปิดรูปภาพไม่ได้ (ไฟล์เสียหาย) จึงรวมในแฟ้มไม่ได้"
            return
        photo = item.path.rpartition(".")[2].lower() in ("jpg", "jpeg")
        if self.downsample and max(image.size) > DOWNSAMPLED_PIXELS:
            image.thumbnail((DOWNSAMPLED_PIXELS, DOWNSAMPLED_PIXELS))
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        width, height = image.size
        page = (A4[1], A4[0]) if width > height else A4
        scale = min((page[0] - 2 * MARGIN) / width, (page[1] - 2 * MARGIN) / height)
        drawn = (width * scale, height * scale)
        pdf = FPDF(unit="pt", format=page)
        pdf.set_auto_page_break(False)
        pdf.set_compression(True)
        if photo:
            pdf.set_image_filter("DCTDecode")
            pdf.oversized_images = None
        buffer = io.BytesIO()
        if photo:
            image.save(buffer, format="JPEG", quality=DOWNSAMPLED_QUALITY if self.downsample else 90)
        else:
            image.save(buffer, format="PNG")
        pdf.add_page()
        pdf.image(buffer, x=(page[0] - drawn[0]) / 2, y=(page[1] - drawn[1]) / 2, w=drawn[0], h=drawn[1])
        data = bytes(pdf.output())
        item.pages = list(PdfReader(io.BytesIO(data)).pages)
        item.size = len(data)


def _too_big(item: Item, source: Path) -> bool:
    """pypdf and Pillow hold a whole file in memory: one past FILE_LIMIT stays out of the binder
    (it is still in the zip), with the reason."""
    try:
        size = source.stat().st_size
    except OSError:
        return False  # the library's own open says why, below
    if size <= FILE_LIMIT:
        return False
    item.reason = f"ไฟล์ใหญ่ {size / 1e6:,.0f} MB เกิน {FILE_LIMIT / 1e6:,.0f} MB ที่รวมในแฟ้มได้ (อยู่ในไฟล์ zip)"
    return True


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert_office(pack_root: Path, paths: list[str], work: Path) -> dict[str, Path | str]:
    """Office files to PDF through LibreOffice, all in one run; a reason for each that failed."""
    soffice = find_soffice()
    if soffice is None:
        return dict.fromkeys(paths, "ไม่ได้แปลงเป็น PDF: ไม่พบ LibreOffice ในเครื่องนี้ (ติดตั้งแล้วเรียกใหม่)")
    inbox, outbox = work / "office-in", work / "office-out"
    inbox.mkdir()
    outbox.mkdir()
    names = {}
    for index, path in enumerate(paths):
        name = f"{index:05d}.{path.rpartition('.')[2].lower()}"  # plain names: no clash, no quoting trouble
        shutil.copyfile(pack_root / path, inbox / name)
        names[path] = name
    profile = (work / "lo-profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    command += ["--convert-to", "pdf", "--outdir", str(outbox), *(str(inbox / n) for n in names.values())]
    try:
        subprocess.run(command, capture_output=True, timeout=120 + 20 * len(paths), check=False)
    except (OSError, subprocess.TimeoutExpired):
        return dict.fromkeys(paths, "ไม่ได้แปลงเป็น PDF: LibreOffice ทำงานไม่สำเร็จ")
    converted: dict[str, Path | str] = {}
    for path, name in names.items():
        pdf = outbox / (name.rpartition(".")[0] + ".pdf")
        converted[path] = pdf if pdf.is_file() and pdf.stat().st_size else "ไม่ได้แปลงเป็น PDF: LibreOffice แปลงไฟล์นี้ไม่ได้"
    return converted


# --- the contents --------------------------------------------------------------------------------


@dataclass
class Line:
    """A line of the contents: a section, a document, a unit or a file, with its page."""

    depth: int  # 0 section, 1 document, 2 unit, 3 file
    text: str
    page: int | None = None
    note: str = ""  # why a file is not in the binder, or where it already is
    bookmark: bool = False


@dataclass
class Layout:
    lines: list[Line]
    body: list[tuple[Item, str]]  # items in binder order, with the document id each page is stamped with
    files: int
    unbound: int


def layout(
    result: CheckResult, parts: list[plan.Part], items: dict[str, Item], first_body_page: int, *, complete: bool
) -> Layout:
    """Place every item after the front matter: sections, then documents, then units, then files."""
    from ..outputs.wording import STATUS, section_label

    by_document: dict[str, list[plan.Part]] = {}
    for part in parts:
        by_document.setdefault(part.document, []).append(part)
    # The whole pack's binder also names the documents that have no evidence yet, so the
    # contents shows the gaps; a binder of some documents lists only its own.
    documents = [d for d in result.documents if d.id in by_document or (complete and not d.satisfied)]
    lines: list[Line] = []
    body: list[tuple[Item, str]] = []
    page = first_body_page
    placed: set[str] = set()
    unbound = 0
    for section in result.sections:
        in_section = [d for d in documents if d.section == section.number]
        if not in_section:
            continue
        section_line = Line(0, section_label(section, result.pack.ladder), bookmark=True)
        lines.append(section_line)
        for document in in_section:
            document_line = Line(1, f"{document.id} {document.title}", bookmark=True)
            document_line.note = "" if document.status.value == "ok" else f"({STATUS[document.status]})"
            lines.append(document_line)
            if document.id not in by_document:
                document_line.bookmark = False
                if document.status.value != "not_applicable":  # excused: nothing is missing from the binder
                    document_line.note = f"({STATUS[document.status]}: ไม่มีหลักฐานในแฟ้มนี้)"
            for part in by_document.get(document.id, ()):
                unit_line = None
                if part.unit is not None:
                    unit_line = Line(2, part.unit_name or part.unit, bookmark=True)
                    lines.append(unit_line)
                # A unit's single file, bound here for the first time, needs no line of its own.
                alone = unit_line is not None and len(part.files) == 1
                for evidence in part.files:
                    item = items[evidence.path]
                    name = evidence.name
                    if item.reason:
                        lines.append(Line(3, name, note=f"ไม่ได้รวมในแฟ้ม: {item.reason}"))
                        unbound += evidence.path not in placed
                        placed.add(evidence.path)
                        continue
                    if evidence.path in placed:
                        note = f"ใช้ไฟล์เดียวกับข้อ {item.first_document}"
                        lines.append(Line(3, name, item.first_page, note=note))
                        target = item.first_page
                    else:
                        placed.add(evidence.path)
                        item.first_page = page
                        item.first_document = document.id
                        body.append((item, document.id))
                        if not alone:
                            lines.append(Line(3, name, page))
                        target = page
                        page += len(item.pages)
                    for line in (section_line, document_line, unit_line):
                        if line is not None and line.page is None:
                            line.page = target
    files = len(placed)
    return Layout(lines, body, files, unbound)


# --- Thai text with fpdf2 --------------------------------------------------------------------------

LEADING_VOWELS = "เแโใไ"
# Words a long Thai title is commonly made of: breaking before one of them reads naturally.
WORD_STARTS = ("การ", "ความ", "และ", "ของ", "ใน", "ที่", "ประจำ", "จังหวัด", "หน่วยงาน", "เพื่อ", "ตาม")


def wrap(pdf: Any, text: str, width: float) -> list[str]:
    """Lines of text no wider than width. Thai has no spaces between words: break at spaces where
    there are some, else before a leading vowel, else between characters, never before a mark
    that sits on the character before it."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if pdf.get_string_width(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while pdf.get_string_width(word) > width:
            cut = _break(pdf, word, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


def _break(pdf: Any, word: str, width: float) -> int:
    fits = 1
    while fits < len(word) and pdf.get_string_width(word[: fits + 1]) <= width:
        fits += 1
    cut = fits
    while cut > 1 and not _can_break(word, cut):
        cut -= 1
    for back in range(cut, max(1, cut - 24), -1):  # before a common word, as a reader would
        if word.startswith(WORD_STARTS, back) and _can_break(word, back):
            return back
    for back in range(cut, max(1, cut - 8), -1):  # a leading vowel starts a syllable: break before it
        if word[back] in LEADING_VOWELS and _can_break(word, back):
            return back
    return max(cut, 1)


def _can_break(word: str, at: int) -> bool:
    """Not before a mark or following vowel, not after a leading vowel or MAI HAN-AKAT."""
    import unicodedata

    return not (
        unicodedata.category(word[at]) == "Mn" or word[at] in "ะาำๅ" or word[at - 1] in LEADING_VOWELS + "\u0e31"
    )


class Front:
    """Cover and contents, set by fpdf2 with HarfBuzz shaping."""

    BODY = 14
    SMALL = 12

    def __init__(self, fonts: Fonts) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(unit="pt", format="A4")
        pdf = self.pdf
        pdf.set_margins(72, 60, 48)
        pdf.set_auto_page_break(True, 60)
        pdf.add_font("thai", "", str(fonts.regular))
        pdf.add_font("thai", "B", str(fonts.bold))
        textlayer.map_every_glyph(pdf)
        pdf.set_text_shaping(True, script="thai", language="tha")
        pdf.set_creator(MARKER)
        pdf.set_producer(MARKER)
        pdf.set_creation_date(_FIXED_TIME)  # no clock in the bytes
        pdf.set_font("thai", size=self.BODY)

    def cover(self, facts: dict[str, str], lines: list[str]) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.set_y(200)
        width = pdf.epw
        # The largest size at which the title breaks only at its spaces: Thai words have none
        # between them, and a break inside a word reads wrong.
        for size in (22, 20, 18, 16):
            pdf.set_font("thai", "B", size)
            if all(pdf.get_string_width(word) <= width for word in facts["title"].split()):
                break
        for line in wrap(pdf, facts["title"], width):
            pdf.cell(width, pdf.font_size * 1.5, line, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(16)
        pdf.set_font("thai", "B", 18)
        pdf.cell(width, 28, facts["heading"], align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(24)
        pdf.set_font("thai", "", 16)
        for text in lines:
            for line in wrap(pdf, text, width):
                pdf.cell(width, 24, line, align="C", new_x="LMARGIN", new_y="NEXT")

    def contents(self, entries: list[Line]) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.set_font("thai", "B", 18)
        pdf.cell(pdf.epw, 30, "สารบัญ", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("thai", "B", self.SMALL)
        pdf.cell(pdf.epw - 50, 20, "รายการ", new_x="RIGHT", new_y="TOP")
        pdf.cell(50, 20, "หน้า", align="R", new_x="LMARGIN", new_y="NEXT")
        number_width = 50
        for entry in entries:
            bold = entry.depth < 2
            size = self.BODY if entry.depth < 3 else self.SMALL
            indent = 16 * entry.depth
            pdf.set_font("thai", "B" if bold else "", size)
            width = pdf.epw - indent - number_width
            text = entry.text + (f" {entry.note}" if entry.note and entry.depth < 3 else "")
            # A wrapped line hangs under the text, past the document's id.
            rows = [
                (line, indent if i == 0 else indent + 16, size, bold) for i, line in enumerate(wrap(pdf, text, width))
            ]
            if entry.note and entry.depth == 3:  # why a file is not bound, or where it already is
                pdf.set_font("thai", "", self.SMALL - 1)
                rows += [(line, indent + 16, self.SMALL - 1, False) for line in wrap(pdf, entry.note, width - 16)]
            height = sum(row_size * 1.45 for _, _, row_size, _ in rows)
            if pdf.will_page_break(height):
                pdf.add_page()
            for index, (line, left, row_size, row_bold) in enumerate(rows):
                pdf.set_font("thai", "B" if row_bold else "", row_size)
                pdf.set_text_color(*((0, 0, 0) if index == 0 or entry.depth < 3 else (90, 90, 90)))
                pdf.set_x(pdf.l_margin + left)
                pdf.cell(pdf.epw - left - number_width, row_size * 1.45, line, new_x="RIGHT", new_y="TOP")
                number = str(entry.page) if entry.page is not None and index == 0 else ""
                pdf.cell(number_width, row_size * 1.45, number, align="R", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)

    def output(self) -> bytes:
        return bytes(self.pdf.output())

    @property
    def pages(self) -> int:
        return self.pdf.page_no()


def _stamps(fonts: Fonts, pages: list[tuple[float, float]], labels: list[str]) -> bytes:
    """One overlay page per binder page, the same size, with its stamp at the bottom right."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_font("thai", "", str(fonts.regular))
    textlayer.map_every_glyph(pdf)
    pdf.set_text_shaping(True, script="thai", language="tha")
    pdf.set_creation_date(_FIXED_TIME)
    pdf.set_font("thai", size=9)
    pdf.set_text_color(60, 60, 60)
    for (width, height), label in zip(pages, labels, strict=True):
        pdf.add_page(format=(width, height))
        pdf.set_xy(width - 260, height - 22)
        pdf.cell(240, 12, label, align="R")
    return bytes(pdf.output())


# --- the binder ----------------------------------------------------------------------------------


@in_thai  # the binder's cover, contents and stamps
def build(
    result: CheckResult,
    parts: list[plan.Part],
    loader: Loader,
    fonts: Fonts,
    *,
    facts: dict[str, str],
    cover_lines: list[str],
    complete: bool = True,
) -> tuple[bytes, int, Layout]:
    """The binder's bytes, its page count and its layout."""
    from pypdf import PdfReader, PdfWriter, Transformation

    # The contents is set twice: once to learn how many pages it takes, then with the page numbers.
    probe = layout(result, parts, loader.items, first_body_page=2, complete=complete)
    front = Front(fonts)
    front.cover(facts, cover_lines)
    front.contents(probe.lines)
    front_pages = front.pages
    placed = layout(result, parts, loader.items, first_body_page=front_pages + 1, complete=complete)
    front = Front(fonts)
    front.cover(facts, [*cover_lines, _totals(placed, sum(len(i.pages) for i, _ in placed.body) + front_pages)])
    front.contents(placed.lines)
    if front.pages != front_pages:  # the totals line cannot add a page, but never number wrongly
        placed = layout(result, parts, loader.items, first_body_page=front.pages + 1, complete=complete)
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(front.output())).pages:
        writer.add_page(page)
    labels = [""] * len(writer.pages)
    for item, document in placed.body:
        for page in item.pages:
            writer.add_page(page)
            labels.append(document)
    total = len(writer.pages)
    sizes = []
    for page in writer.pages:
        if page.get("/Rotate"):
            page.transfer_rotation_to_content()
        box = page.mediabox
        sizes.append((float(box.width), float(box.height)))
    stamp_labels = [f"{label}  หน้า {n}/{total}" if label else f"หน้า {n}/{total}" for n, label in enumerate(labels, 1)]
    overlay = PdfReader(io.BytesIO(_stamps(fonts, sizes, stamp_labels)))
    for page, stamp in zip(writer.pages, overlay.pages, strict=True):
        box = page.mediabox
        page.merge_transformed_page(stamp, Transformation().translate(float(box.left), float(box.bottom)))
    _outline(writer, placed.lines, front_pages)
    writer.add_metadata({"/Title": facts["title"], "/Producer": MARKER, "/Creator": MARKER})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), total, placed


def _totals(placed: Layout, pages: int) -> str:
    text = f"หลักฐาน {placed.files:,} ไฟล์ รวม {pages:,} หน้า"
    if placed.unbound:
        text += f" (รวมในแฟ้มไม่ได้ {placed.unbound:,} ไฟล์ ดูเหตุผลในสารบัญ)"
    return text


def _outline(writer: Any, lines: list[Line], front_pages: int) -> None:
    writer.add_outline_item(title="สารบัญ", page_number=1)
    parents: dict[int, Any] = {}
    for line in lines:
        if not line.bookmark or line.page is None:
            continue
        parent = parents.get(line.depth - 1) if line.depth else None
        parents[line.depth] = writer.add_outline_item(
            title=line.text, page_number=line.page - 1, parent=parent, is_open=line.depth == 0
        )
    del front_pages


def _cover_lines(result: CheckResult, today: date, extra: list[str]) -> list[str]:
    from ..outputs.wording import verdict

    info = result.pack
    lines = [info.organisation.name]
    if info.office and info.office != info.organisation.name:
        lines.append(info.office)
    lines += [f"ประจำปีงบประมาณ พ.ศ. {info.fiscal_year}", f"ผลการดำเนินงาน: {verdict(result)}", *extra]
    lines.append(f"ข้อมูล ณ วันที่ {thai.format_date(today, 'long')}")
    return lines


def binder_name(pack: Pack, suffix: str = "") -> str:
    return f"แฟ้มรวม ITA {pack.fiscal_year}{suffix}.pdf"


def is_own_binder(path: Path) -> bool:
    from pypdf import PdfReader

    try:
        bounded.regular_file(path)  # a FIFO in the binder's place would block pypdf for ever
        metadata = PdfReader(path).metadata
        return metadata is not None and metadata.get("/Producer") == MARKER
    except Exception:  # anything unreadable is not ours to replace
        return False


def write_binders(
    pack: Pack,
    result: CheckResult,
    *,
    out: Path,
    today: date,
    per_document: bool,
    max_mb: float | None,
    force: bool,
) -> list[plan.Written]:
    _libraries()
    fonts = find_fonts()
    all_parts = plan.parts(result)
    with tempfile.TemporaryDirectory(prefix="itapack-binder-") as folder:
        loader = Loader(pack.root, Path(folder), fonts, downsample=max_mb is not None)
        loader.load(all_parts)
        groups = _groups(all_parts, loader, per_document, max_mb, pack)
        written = []
        for suffix, heading_extra, parts in groups:
            facts = {"title": result.pack.title, "heading": "แฟ้มหลักฐานประกอบการประเมิน"}
            data, pages, placed = build(
                result,
                parts,
                loader,
                fonts,
                facts=facts,
                cover_lines=_cover_lines(result, today, heading_extra),
                complete=parts is all_parts,
            )
            target = out / binder_name(pack, suffix)
            safety.write_bytes(target, data, force=force, ours=is_own_binder)
            # What the command prints: the person's language. The binder itself stays Thai.
            what = _("แฟ้ม PDF {pages} หน้า หลักฐาน {files} ไฟล์").format(pages=f"{pages:,}", files=f"{placed.files:,}")
            if placed.unbound:
                what += _(" (รวมไม่ได้ {count} ไฟล์ ดูสารบัญ)").format(count=f"{placed.unbound:,}")
            if max_mb is not None and len(data) > max_mb * 1_000_000:
                what += _(" เกิน {mb} MB: เอกสารข้อเดียวใหญ่กว่าที่กำหนด แยกต่อไม่ได้").format(mb=f"{max_mb:g}")
            written.append(plan.Written(target, what))
    return written


def _groups(
    parts: list[plan.Part], loader: Loader, per_document: bool, max_mb: float | None, pack: Pack
) -> Iterator[tuple[str, list[str], list[plan.Part]]]:
    """The binders to write: one, one per document, or parts split at documents under --max-mb."""
    documents: dict[str, list[plan.Part]] = {}
    for part in parts:
        documents.setdefault(part.document, []).append(part)
    if per_document:
        batches = [
            (f"-{doc}", [f"เอกสารข้อ {doc} {members[0].document_title}"], members) for doc, members in documents.items()
        ]
    else:
        batches = [("", [], parts)]
    for suffix, extra, members in batches:
        if max_mb is None:
            yield suffix, extra, members
            continue
        split = _split(members, loader, max_mb * 1_000_000)
        if len(split) == 1:
            yield suffix, extra, members
            continue
        for number, chunk in enumerate(split, 1):
            yield f"{suffix}-part{number:02d}-of{len(split):02d}", [*extra, f"ส่วนที่ {number} จาก {len(split)}"], chunk
    del pack


FRONT_ALLOWANCE = 150_000  # bytes for cover, contents, font and stamps


def _split(parts: list[plan.Part], loader: Loader, limit: float) -> list[list[plan.Part]]:
    """Consecutive documents packed into binders under limit; a document is never split."""
    chunks: list[list[plan.Part]] = [[]]
    size = FRONT_ALLOWANCE
    seen: set[str] = set()
    current_document = None
    document_parts: list[plan.Part] = []

    def flush() -> None:
        nonlocal size
        adds = 0
        for part in document_parts:
            for evidence in part.files:
                if evidence.path not in seen:
                    adds += loader.items[evidence.path].size
        if chunks[-1] and size + adds > limit:
            chunks.append([])
            size = FRONT_ALLOWANCE
        chunks[-1].extend(document_parts)
        size += adds
        for part in document_parts:
            seen.update(f.path for f in part.files)

    for part in parts:
        if part.document != current_document and document_parts:
            flush()
            document_parts = []
        current_document = part.document
        document_parts.append(part)
    if document_parts:
        flush()
    return [c for c in chunks if c]
