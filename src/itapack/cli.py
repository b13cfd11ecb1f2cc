"""The command line: one small function per command. Parse options, call the core, pick an output.

Errors from the core are turned into messages and exit codes in one place, handles_errors().
Heavy libraries (python-docx, jinja2) are imported only inside the commands that need them.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
import sys
import time
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TextIO, TypeVar

import typer

from . import __version__
from .errors import ExitCode, ItapackError, PackError, exit_code_for

if TYPE_CHECKING:
    from .result import CheckResult

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="itapack",
    help="ITA evidence packs of a province, a local body, an agency or a ministry: check what is missing, "
    "render the Thai checklist, start next year's pack.",
    epilog="Exit codes: 0 done (check: target reached), 1 evidence missing, 2 invalid pack or command line, "
    "3 output not written, 70 bug, 130 interrupted.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

PackArgument = Annotated[
    Path,
    typer.Argument(metavar="PACK", help="The pack folder (holding pack.yaml and levels.yaml), or its pack.yaml."),
]
MAX_PROBLEMS_SHOWN = 50


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """The one place where errors become messages on stderr and exit codes."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            returned = command(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
            return returned
        except typer.Exit:
            raise
        except BrokenPipeError:
            # The reader stopped reading (`| head`): nothing to report, but the output was cut short.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(ExitCode.CANNOT_WRITE) from None
        except ItapackError as error:
            _report(error)
            raise typer.Exit(exit_code_for(error)) from None
        except KeyboardInterrupt:
            _say("itapack: interrupted; nothing half-written was left behind")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except Exception as error:
            if os.environ.get("ITAPACK_DEBUG"):
                raise
            _say(
                f"itapack: internal error: {type(error).__name__}: {error}\n"
                "This is a bug in itapack, not in your pack. Run again with ITAPACK_DEBUG=1 and report what it prints."
            )
            raise typer.Exit(ExitCode.INTERNAL_ERROR) from None

    return wrapper


def _report(error: ItapackError) -> None:
    if isinstance(error, PackError):
        _say(f"itapack: {error}:")
        for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
            _say(f"  {problem}")
        if len(error.problems) > MAX_PROBLEMS_SHOWN:
            _say(f"  … and {len(error.problems) - MAX_PROBLEMS_SHOWN} more")
        return
    _say(f"itapack: {error}")


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _version(value: bool) -> None:
    if value:
        print(f"itapack {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """ITA evidence packs: check, render, roll over."""


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"


@app.command()
@handles_errors
def check(
    pack: PackArgument = Path("."),
    format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="text: a table on a terminal, plain lines when piped; json; junit (CI)."),
    ] = CheckFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file (UTF-8) instead of the screen."),
    ] = None,
    level: Annotated[
        list[int] | None,
        typer.Option(
            "--level", "--section", "-l", metavar="N", help="Show only this level or section (repeatable).", min=1
        ),
    ] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", "-u", metavar="UNIT", help="Show only this unit, by id or Thai name (repeatable)."),
    ] = None,
    target_level: Annotated[
        int | None,
        typer.Option("--target-level", "-t", metavar="N", min=1, help="Pass (exit 0) once this level is reached."),
    ] = None,
    target_score: Annotated[
        float | None,
        typer.Option(
            "--target-score", metavar="PERCENT", min=0, max=100, help="Checklist packs: pass once the score reaches it."
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today", metavar="YYYY-MM-DD", help="Judge due dates on this day, Buddhist era. Default: today."
        ),
    ] = None,
) -> None:
    """Scan the evidence folders and report, per level or section, document and unit, what is there,
    missing, wrong or overdue.

    Exits 0 when the pack's target (level, or score for a checklist) is reached, 1 when evidence is missing.
    """
    from .check import check as run_check
    from .check import select
    from .errors import InputError
    from .loader import load_pack

    day = _be_date_option("--today", today)
    loaded = load_pack(pack)
    if target_level is not None and target_level > len(loaded.sections):
        raise InputError(f"--target-level {target_level}: this pack has levels 1 to {len(loaded.sections)}")
    if target_level is not None and not loaded.ladder:
        raise InputError("--target-level: this pack is a checklist (scoring: checklist); use --target-score")
    if target_score is not None and loaded.ladder:
        raise InputError("--target-score: this pack is scored by levels; use --target-level")
    with _progress() as progress:
        checked = run_check(loaded, progress, today=day)
    result = select(checked, loaded, level or (), unit or ())
    _emit_check(result, format, output, target_level, target_score)
    passed = result.passed(target_level, target_score)
    raise typer.Exit(ExitCode.OK if passed else ExitCode.EVIDENCE_MISSING)


def _be_date_option(name: str, text: str | None) -> datetime.date | None:
    from . import thai
    from .errors import InputError

    if text is None:
        return None
    try:
        return thai.parse_be_date(text)
    except ValueError as error:
        raise InputError(f"{name}: {error}") from None


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A line on stderr while a big tree is read, only on a terminal and only after a second."""
    if not sys.stderr.isatty():
        yield None
        return
    started = time.monotonic()
    shown = [0.0]
    line = [""]

    def show(folders: int, files: int) -> None:
        now = time.monotonic()
        if now - started > 1 and now - shown[0] > 0.2:
            shown[0] = now
            line[0] = f"กำลังตรวจ… {files:,} ไฟล์ ใน {folders:,} โฟลเดอร์"
            sys.stderr.write(f"\r{line[0]} ")
            sys.stderr.flush()

    try:
        yield show
    finally:
        if line[0]:  # blanked with spaces: an old Windows console does not know ANSI erase codes
            sys.stderr.write("\r" + " " * (len(line[0]) + 1) + "\r")
            sys.stderr.flush()


def _emit_check(
    result: CheckResult, format: CheckFormat, output: Path | None, target_level: int | None, target_score: float | None
) -> None:
    from .atomic import writing

    if format is CheckFormat.text and output is None and sys.stdout.isatty():
        from .outputs import terminal

        terminal.render(result, sys.stdout, target_level, target_score)
        return
    if format is CheckFormat.json:
        from .outputs import jsonout

        write: Callable[[TextIO], None] = functools.partial(jsonout.write, result)
    elif format is CheckFormat.junit:
        from .outputs import junit

        write = lambda stream: stream.write(junit.dumps(result))  # noqa: E731
    else:
        from .outputs import plain

        write = functools.partial(plain.render, result, target_level=target_level, target_score=target_score)
    if output is None:
        write(sys.stdout)
    else:
        with writing(output) as stream:
            write(stream)


@app.command()
@handles_errors
def validate(pack: PackArgument = Path(".")) -> None:
    """Check the pack's YAML only: every problem with file, line and column. Exits 0 or 2."""
    from .loader import load_pack

    loaded = load_pack(pack)
    for warning in loaded.warnings:
        _say(f"warning: {warning}")
    per_unit = sum(1 for doc in loaded.documents if doc.per_unit)
    units = len(loaded.roster.units)
    sections = f"{len(loaded.sections)} {'levels' if loaded.ladder else 'sections (checklist)'}"
    print(
        f"{pack}: valid: {loaded.organisation.name}, fiscal year {loaded.fiscal_year}, {sections}, "
        f"{len(loaded.documents)} documents ({per_unit} per unit), {units} unit{'s' if units != 1 else ''}"
    )


@app.command()
@handles_errors
def render(
    pack: PackArgument = Path("."),
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help="Folder for the reports. Default: PACK/reports."),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="LIST", help="docx, html or both, comma-separated.")
    ] = "docx,html",
    thai_digits: Annotated[
        bool | None,
        typer.Option(
            "--thai-digits/--arabic-digits", help="Numbers and dates in ๐–๙ or 0–9. Default: the pack's setting."
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Date of the report and of due dates, Buddhist era. Default: today."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite report files itapack did not write.")] = False,
) -> None:
    """Write the Thai DOCX and HTML checklist: summary, unit matrix and follow-up list.

    Exits 0 when the reports are written, whatever the evidence says; check decides that.
    """
    from .check import check as run_check
    from .loader import load_pack
    from .render import parse_formats, render_reports

    formats = parse_formats(format)
    today = _be_date_option("--date", date) or datetime.date.today()
    loaded = load_pack(pack)
    written = render_reports(
        loaded,
        run_check(loaded, today=today),
        out=out if out is not None else loaded.root / "reports",
        formats=formats,
        thai_digits=thai_digits,
        today=today,
        force=force,
    )
    for path in written:
        print(f"wrote {path}")


@app.command()
@handles_errors
def scaffold(pack: PackArgument = Path(".")) -> None:
    """Create the evidence folders the pack expects, each with a README.txt saying what goes there.

    Folders already in use are kept as they are; nothing is deleted or overwritten. Run it again
    at any time.
    """
    from .check import check as run_check
    from .loader import load_pack
    from .scaffold import scaffold as make_folders

    loaded = load_pack(pack)
    outcome = make_folders(loaded, run_check(loaded))
    print(
        f"{loaded.root}: created {len(outcome.created)} folders, wrote {len(outcome.readmes)} README.txt; "
        f"{outcome.existing} folders were already there"
    )


@app.command()
@handles_errors
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A new (or empty) folder for the pack.")],
    province: Annotated[str, typer.Option("--province", "-p", help="The province's Thai name: สมุทรสาคร.")],
    fiscal_year: Annotated[
        int | None,
        typer.Option("--fiscal-year", "-y", metavar="YEAR", help="Buddhist era. Default: the current fiscal year."),
    ] = None,
    office: Annotated[
        str | None, typer.Option("--office", help="Responsible office. Default: สำนักงานจังหวัด<province>.")
    ] = None,
) -> None:
    """Start a new pack for a province and year from the built-in FY 2567 structure.

    It validates and checks straight away (everything missing). List the units in units.yaml and
    adapt levels.yaml to the year's KPI.
    """
    import datetime

    from .newpack import current_fiscal_year, init_pack

    year = fiscal_year if fiscal_year is not None else current_fiscal_year(datetime.date.today())
    pack = init_pack(folder, province=province, fiscal_year=year, office=office)
    print(f"{folder}: new pack for จังหวัด{pack.info.province}, fiscal year {pack.fiscal_year}")
    print(f"next: list the units in {folder / 'units.yaml'}, then run: itapack check {folder}")


class RolloverFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
@handles_errors
def rollover(
    pack: PackArgument,
    to: Annotated[int, typer.Option("--to", metavar="YEAR", help="The new fiscal year, Buddhist era (2568).")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help="The new pack's folder. Default: beside PACK, year renamed."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be written and changed; write nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Write into a folder that is not empty (its other files are kept).")
    ] = False,
    format: Annotated[RolloverFormat, typer.Option("--format", "-f", help="text or json.")] = RolloverFormat.text,
) -> None:
    """Start next fiscal year's pack from this one: years moved on, dates cleared, no evidence.

    The source pack is only read. Exits 0 when written (warnings are for a person to review),
    2 when the source is invalid, 3 when the target exists and is not empty (without --force).
    """
    from .loader import load_pack
    from .outputs import rollover_report
    from .rollover import rollover as roll

    plan = roll(load_pack(pack), to, out, dry_run=dry_run, force=force)
    if format is RolloverFormat.json:
        sys.stdout.write(rollover_report.dumps(plan, dry_run=dry_run))
    else:
        sys.stdout.write(rollover_report.to_text(plan, dry_run=dry_run))


@app.command()
@handles_errors
def bundle(
    pack: PackArgument = Path("."),
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help="Folder for the archive and binder. Default: PACK/handin."),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="LIST", help="zip (archive), pdf (binder) or both.")
    ] = "zip,pdf",
    per_document: Annotated[
        bool, typer.Option("--per-document", help="One binder per document id, as upload systems ask.")
    ] = False,
    max_mb: Annotated[
        float | None,
        typer.Option("--max-mb", metavar="N", min=0.1, help="Largest binder file: images downsampled, then split."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="Date of binder and reports, BE. Default: today."),
    ] = None,
    reports: Annotated[
        bool, typer.Option("--reports/--no-reports", help="Put the DOCX and HTML reports in the zip.")
    ] = True,
    verify: Annotated[
        Path | None,
        typer.Option("--verify", metavar="ZIP", help="Re-hash an archive against its manifest; exit 1 if it differs."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files itapack did not write.")] = False,
) -> None:
    """Hand the evidence in: a zip of the counted evidence with a manifest and the reports, and a
    binder PDF with a cover, a Thai table of contents and bookmarks.

    The same pack and --date give a byte-identical zip. Exits 0 when written; with --verify, 0 when
    the archive matches its manifest and 1 when it does not.
    """
    if verify is not None:
        from .handin.archive import verify as verify_archive

        checked = verify_archive(verify)
        for line in checked.differences:
            print(line)
        if checked.differences:
            _say(f"itapack: {verify} ไม่ตรงกับบัญชีรายการ {len(checked.differences)} จุด จาก {checked.checked:,} ไฟล์")
            raise typer.Exit(ExitCode.EVIDENCE_MISSING)
        print(f"{verify}: ตรงกับบัญชีรายการทุกไฟล์ ({checked.checked:,} ไฟล์)")
        return
    from .check import check as run_check
    from .handin.bundle import make_bundle, parse_formats
    from .loader import load_pack

    formats = parse_formats(format)
    today = _be_date_option("--date", date) or datetime.date.today()
    loaded = load_pack(pack)
    written = make_bundle(
        loaded,
        run_check(loaded, today=today),
        out=out if out is not None else loaded.root / "handin",
        formats=formats,
        today=today,
        per_document=per_document,
        max_mb=max_mb,
        reports=reports,
        force=force,
    )
    for item in written:
        print(f"เขียน {item.path}: {item.what}")


def _utf8_streams() -> None:
    """Piped output is UTF-8 on every OS; a Thai Windows pipe would otherwise be CP874 and fail on ✓."""
    for stream in (sys.stdout, sys.stderr):
        if not stream.isatty() and hasattr(stream, "reconfigure"):
            encoding = (stream.encoding or "").lower().replace("-", "")
            if encoding != "utf8":
                stream.reconfigure(encoding="utf-8", errors="replace")


def main() -> None:
    _utf8_streams()
    app()
