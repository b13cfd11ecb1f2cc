"""What `itapack scores` does, without printing: import and store a results file, pick the catalogues."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Location, Problem
from ..i18n import _
from ..pack.folder import Pack
from ..pack.loader import load_pack
from ..pack.model import Results
from .catalogue import Catalogue
from .checking import import_results
from .importing import TotalCheckMode, merged
from .lookup import has_catalogue, load_catalogue, read_catalogue
from .store import store


@dataclass
class ScoresRun:
    pack: Pack
    catalogue: Catalogue  # for this year's results (or last year's, when there is no catalogue of this year)
    now: Results | None
    before: Results | None
    previous_year: int | None
    stored: Path | None = None
    warnings: list[Problem] = field(default_factory=list)
    changed: list[str] | None = None  # what an import changed when results were stored before; the rest stayed


def catalogue_for(
    year: int, fallback: int | None = None, *, pack_root: Path | None = None, given: Catalogue | None = None
) -> Catalogue:
    """The catalogue of year; of fallback when year has none and fallback has."""
    known = has_catalogue(year, pack_root=pack_root, given=given)
    if not known and fallback is not None and has_catalogue(fallback, pack_root=pack_root, given=given):
        year = fallback
    return load_catalogue(year, pack_root=pack_root, given=given)


def _previous_packs_results(pack: Pack) -> Results | None:
    """Last year's results from the pack previous.pack names: a pack rolled over before last year's
    results were announced finds them there once they are imported into last year's pack."""
    from ..errors import ItapackError

    previous = pack.info.previous
    if previous is None or not previous.pack:
        return None
    try:
        return load_pack(pack.root / previous.pack).info.results
    except ItapackError:  # moved or invalid: as if it had none
        return None


def run(
    pack_path: Path,
    import_file: Path | None,
    total_check: TotalCheckMode | None = None,
    catalogue_file: Path | None = None,
) -> ScoresRun:
    """catalogue_file: --catalogue, a catalogue of this year or the last, used before the pack's and the built-in."""
    pack = load_pack(pack_path, keep_sources=import_file is not None)
    previous = pack.info.previous
    previous_year = previous.fiscal_year if previous else pack.fiscal_year - 1
    before = previous.results if previous else None
    if before is None:
        before = _previous_packs_results(pack)
    warnings: list[Problem] = []
    changed: list[str] | None = None
    stored = None
    now = pack.info.results
    given = read_catalogue(catalogue_file) if catalogue_file is not None else None
    if given is not None and given.fiscal_year not in (pack.fiscal_year, previous_year):
        raise InputError(
            _("{path}: แคตตาล็อกนี้เป็นของปี {found} แต่ชุดเอกสารเป็นปี {year} (ปีก่อน {previous})").format(
                path=catalogue_file, found=given.fiscal_year, year=pack.fiscal_year, previous=previous_year
            )
        )
    if import_file is not None:
        catalogue = load_catalogue(pack.fiscal_year, pack_root=pack.root, given=given)
        imported = import_results(import_file, str(import_file), catalogue, total_check)
        warnings = imported.warnings
        now, changed = merged(now, imported.results)
        stored = store(pack, now)
        pack = load_pack(pack.root)  # what a later command will read: the stored file, validated
        if pack.info.results != now:
            raise InputError(_("{path}: ผลที่บันทึกอ่านกลับได้ไม่ตรงกับที่นำเข้า").format(path=stored))
    elif now is None and before is None:
        raise InputError(
            _(
                "{root}: ยังไม่มีผลการประเมิน: นำเข้าด้วย itapack scores {pack} --import ไฟล์ผล.csv "
                "หรือเขียน previous.results (ผลปีก่อน) ใน pack.yaml"
            ).format(root=pack.root, pack=pack_path)
        )
    fallback = previous_year if now is None else None
    catalogue = catalogue_for(pack.fiscal_year, fallback, pack_root=pack.root, given=given)
    warnings += _unknown_ratings(pack, catalogue, {pack.fiscal_year: now, previous_year: before})
    return ScoresRun(pack, catalogue, now, before, previous_year, stored, warnings, changed)


def _unknown_ratings(pack: Pack, catalogue: Catalogue, by_year: dict[int, Results | None]) -> list[Problem]:
    """A rating written by hand in pack.yaml (previous.results) that the year's catalogue does not name."""
    results = by_year.get(catalogue.fiscal_year)
    if results is None or results.grade is None or results.grade in catalogue.ratings:
        return []
    message = _("ระดับผล '{grade}' ไม่มีในแคตตาล็อกปี {year}: ใช้ {ratings}").format(
        grade=results.grade, year=catalogue.fiscal_year, ratings=", ".join(catalogue.ratings)
    )
    return [Problem(Location(str(pack.root / "pack.yaml")), message)]
