"""itapack rollover: next fiscal year's pack from this year's, unattended, every year.

The source is only read. The new pack gets the pack files with the year moved on, an empty
evidence skeleton, and a note of what the source reached. In texts, literal years that can be
mapped safely become placeholders ({fy}, {fy_prev}, ...), so the following rollover needs no
rewording at all; dated one-off documents keep their place but lose their date, to be scheduled.
Everything else that looks like a year or a date is left as written and reported for review.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import atomic, safety
from ..errors import InputError, Location, OutputError, PackError, Problem
from ..evidence import layout
from ..evidence.result import CheckResult
from ..i18n import _
from ..pack import thai, yamledit
from ..pack.folder import PACK_FILE, UNITS_FILE, Pack
from ..pack.loader import check_output_folder, load_pack
from ..pack.yamlfile import PathKey, YamlFile, format_path, parse_yaml
from ..scores.store import results_block
from ..timeline.nextyear import next_years_plan
from ..timeline.plan import PLAN_FILE
from .scaffold import refuse_evidence_file

_DIGIT = "[0-9๐-๙]"
_YEAR4 = re.compile(rf"(?<![0-9๐-๙])([2๒][5๕]{_DIGIT}{{2}})(?![0-9๐-๙])")
_MONTH = "|".join(re.escape(m) for m in (*thai.MONTHS, *thai.MONTHS_SHORT))
_DATE = re.compile(
    rf"(?<![0-9๐-๙])({_DIGIT}{{1,2}})\s*({_MONTH})\s*(?:พ\.ศ\.\s*)?({_DIGIT}{{4}}|{_DIGIT}{{2}})(?![0-9๐-๙])"
)
_YEAR2_AFTER_WORD = re.compile(rf"(พ\.ศ\.|ปี)(\s*)({_DIGIT}{{2}})(?![0-9๐-๙])")
# Two digits on their own (จ.สป.67), not part of a number or a decimal (4.67).
_YEAR2_ANY = re.compile(rf"(?<![0-9๐-๙])(?<![0-9๐-๙]\.)({_DIGIT}{{2}})(?![0-9๐-๙])")
# A text that quotes a score ("94.12 คะแนน") speaks of one year's results: moving its year on
# would make last year's score this year's. Such a text is left as written, and reported.
_SCORE = re.compile(rf"{_DIGIT}{{1,3}}\.{_DIGIT}{{2}}\s*คะแนน|คะแนน(?:รวม)?\s*{_DIGIT}{{1,3}}\.{_DIGIT}{{2}}")
# Values that are names, numbers or dates, not prose: never rewritten as text (paths and
# addresses are only checked; due dates and windows move on a year below).
_NOT_PROSE = {
    *("id", "number", "same_as", "per_unit", "types", "accepted_types", "evidence", "date", "min_files"),
    *("itapack", "fiscal_year", "target_level", "target_score", "previous", "report", "scoring", "weight"),
    *("results", "due", "window", "pass_percent", "urls", "letters"),
}
_PATHS = {"folder", "patterns", "url"}
SCHEDULED = "รอกำหนดวัน; ปีงบประมาณ"  # the comment left beside a cleared meeting date, in the clerk's YAML


@dataclass(frozen=True)
class Change:
    file: str
    line: int
    path: str
    old: str
    new: str


@dataclass
class RolloverPlan:
    source: Path
    target: Path
    from_year: int
    to_year: int
    level_reached: int | None  # a ladder's
    score: float | None  # a checklist's
    texts: dict[str, str] = field(default_factory=dict)  # file name -> new content
    changes: list[Change] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    scheduled: list[str] = field(default_factory=list)  # documents whose date was cleared
    folders: list[str] = field(default_factory=list)  # evidence skeleton, relative to the new pack
    # Units' own folders (a pack filed unit first), relative to the evidence folder: made again,
    # empty, so that next year's check sends each unit's files there as this year's did
    unit_folders: list[str] = field(default_factory=list)


def default_target(source: Path, from_year: int, to_year: int) -> Path:
    """Beside the source, the year in its name moved on: samutprakan-2567 -> samutprakan-2568."""
    named = source if source.name else source.resolve()
    name = named.name
    renamed = name.replace(str(from_year), str(to_year)) if str(from_year) in name else f"{name}-{to_year}"
    return named.parent / renamed


def _refuse_year(pack: Pack, to_year: int) -> None:
    if to_year == pack.fiscal_year:
        raise InputError(_("--to {year}: นั่นคือปีของชุดเอกสารนี้เอง ให้ขึ้นปีเป็น {next}").format(year=to_year, next=to_year + 1))
    if to_year < pack.fiscal_year:
        raise InputError(
            _("--to {year}: ชุดเอกสารนี้เป็นของปีงบประมาณ {pack_year} ให้ขึ้นปีเป็นปีที่หลังกว่า").format(
                year=to_year, pack_year=pack.fiscal_year
            )
        )


def plan_rollover(pack: Pack, to_year: int, target: Path, result: CheckResult) -> RolloverPlan:
    _refuse_year(pack, to_year)
    plan = RolloverPlan(
        pack.root,
        target,
        pack.fiscal_year,
        to_year,
        result.level_reached if pack.ladder else None,
        None if pack.ladder else result.score,
    )
    if to_year != pack.fiscal_year + 1:
        plan.warnings.append(
            Problem(
                Location(str(pack.root / PACK_FILE)),
                _("ขึ้นปีจาก {from_year} เป็น {to_year} ข้ามไปหนึ่งปี {{fy_prev}} จะเป็น {previous}").format(
                    from_year=pack.fiscal_year, to_year=to_year, previous=to_year - 1
                ),
            )
        )
    for name, source in pack.files.items():
        rewriter = _Rewriter(pack, source, plan)
        if name == PACK_FILE:
            rewriter.pack_file(target)
            rewriter.window(("window",), source.data.get("window"))
        if name != UNITS_FILE:
            rewriter.texts(source.data, ())
        if name == pack.structure_file:
            rewriter.dates()
        plan.texts[name] = rewriter.result()
        _comment_years(source, pack.fiscal_year, plan)
    plan.unit_folders = _unit_folders(pack, result)
    drive_plan = next_years_plan(pack, to_year)  # plan.yaml: periods a year on, nothing done
    if drive_plan is not None:
        plan.texts[PLAN_FILE] = drive_plan.text
        plan.changes += [Change(str(pack.root / PLAN_FILE), *change) for change in drive_plan.changes]
        plan.warnings += drive_plan.warnings
    return plan


def _unit_folders(pack: Pack, result: CheckResult) -> list[str]:
    """This year's units' own folders (filed unit first), relative to the evidence folder."""
    prefix = layout.evidence_prefix(pack)
    folders = {unit.folder[len(prefix) :].rstrip("/") for unit in result.units if unit.folder}
    return sorted(folders, key=thai.natural_key)


class _Rewriter:
    """Collects the edits for one file and checks that the result holds exactly what was meant."""

    def __init__(self, pack: Pack, source: YamlFile, plan: RolloverPlan) -> None:
        self.pack, self.source, self.plan = pack, source, plan
        self.edits: list[yamledit.Edit] = []
        self.expected: dict[PathKey, Any] = {}
        self.removed: list[PathKey] = []
        self.added: dict[PathKey, Any] = {}
        # A value written once and used again through an alias (&name … *name, or a << merge):
        # one node at several paths. Editing it once per path would make overlapping edits.
        uses = Counter(id(node) for node in source.nodes.values())
        self.shared = {id(node) for node in source.nodes.values() if uses[id(node)] > 1}
        self.warned_shared: set[int] = set()

    def is_shared(self, path: PathKey, value: str) -> bool:
        """Shared values are left as written, with one warning if they hold a year or date."""
        node = self.source.nodes.get(path)
        if node is None or id(node) not in self.shared:
            return False
        if id(node) not in self.warned_shared and (_YEAR4.search(value) or _DATE.search(value)):
            self.warned_shared.add(id(node))
            self.warn(
                path,
                _(
                    "'{value}' ใช้ร่วมกันหลายที่ด้วย anchor (&) และ alias (*) จึงคงไว้ตามเดิม "
                    "แก้ปีหรือวันที่ในค่านี้เองสำหรับปี {year} (หรือเขียนแยกแต่ละที่)"
                ).format(value=value, year=self.plan.to_year),
            )
        return True

    def change(self, path: PathKey, old: str, new: str | None, edit: yamledit.Edit) -> None:
        self.edits.append(edit)
        self.expected[path] = new
        line = self.source.location(path).line or 0
        self.plan.changes.append(Change(self.source.name, line, format_path(path), old, "~" if new is None else new))

    def warn(self, path: PathKey, message: str) -> None:
        self.plan.warnings.append(Problem(self.source.location(path), message))

    def pack_file(self, target: Path) -> None:
        year = str(self.plan.to_year)
        self.change(
            ("fiscal_year",),
            str(self.pack.fiscal_year),
            year,
            yamledit.replace_value(self.source, ("fiscal_year",), year),
        )
        for key in ("previous", "results"):  # this year's results become next year's previous ones
            if key in self.source.data:
                removal = yamledit.remove_entry(self.source, (key,))
                if removal is None:
                    raise InputError(
                        _("{file}: เขียน '{key}' เป็นบรรทัดย่อหน้า ไม่ใช่ในวงเล็บปีกกา เพื่อให้ขึ้นปีได้").format(
                            file=self.source.name, key=key
                        )
                    )
                self.edits.append(removal)
                self.removed.append((key,))
        try:
            link = Path(os.path.relpath(self.pack.root.resolve(), target.resolve())).as_posix()
        except ValueError:  # Windows: from another drive there is no relative way back
            link = self.pack.root.resolve().as_posix()
        previous: dict[str, Any] = {"fiscal_year": str(self.plan.from_year)}
        if self.plan.level_reached is not None:
            previous["level_reached"] = str(self.plan.level_reached)
        if self.plan.score is not None:
            previous["score"] = f"{self.plan.score:g}"
        previous["pack"] = link
        if isinstance(self.source.data.get("results"), dict):
            previous["results"] = self.source.data["results"]  # as written: never a year moved on
        else:
            before = self.source.data.get("previous")
            if isinstance(before, dict) and before.get("results") is not None:
                self.warn(
                    ("previous", "results"),
                    _(
                        "ผลการประเมินปี {old} ไม่ยกไป: ชุดเอกสารใหม่เทียบกับปี {year}"
                        " ซึ่งยังไม่มีผล ใส่ results: ในชุดเอกสารปี {year} เมื่อประกาศ แล้วขึ้นปีใหม่ หรือเพิ่มเองใต้ previous:"
                    ).format(old=before.get("fiscal_year", "?"), year=self.plan.from_year),
                )
        results = previous.pop("results", None)
        block = "previous:  # what the pack this one was rolled over from reached\n" + _block(previous, "  ")
        if results is not None:  # as scores --import writes them: answers and question rows on one line each
            block += results_block(results, indent="  ")
            previous["results"] = results
        self.edits.append(yamledit.append(self.source, block))
        self.added[("previous",)] = previous

    def window(self, path: PathKey, window: Any) -> None:
        """An explicit window moves on a year, like the fiscal year; a named one follows by itself."""
        if isinstance(window, dict):
            for key in ("start", "end"):
                if isinstance(window.get(key), str):
                    self.shift((*path, key), window[key])

    def shift(self, path: PathKey, old: str) -> None:
        try:
            day = thai.parse_be_date(old)
        except ValueError:
            return  # the loader has refused it already
        moved = (
            day.replace(year=day.year + 1, day=28)
            if (day.month, day.day) == (2, 29)
            else day.replace(year=day.year + 1)
        )
        new = thai.format_be_iso(moved)
        self.change(path, old, new, yamledit.replace_value(self.source, path, new))

    def texts(self, value: Any, path: PathKey) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                if key not in _NOT_PROSE:
                    self.texts(child, (*path, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                self.texts(child, (*path, index))
        elif isinstance(value, str):
            if path[-1] in _PATHS or (len(path) > 1 and path[-2] in _PATHS):
                if _YEAR4.search(value) or _DATE.search(value):
                    self.warn(
                        path,
                        _("'{value}' ระบุปีหรือวันที่ ตรวจโฟลเดอร์หรือรูปแบบชื่อไฟล์สำหรับปี {year}").format(
                            value=value, year=self.plan.to_year
                        ),
                    )
            else:
                self.prose(path, value)

    def prose(self, path: PathKey, value: str) -> None:
        if self.is_shared(path, value):
            return
        if _SCORE.search(value) and (_YEAR4.search(value) or _YEAR2_AFTER_WORD.search(value)):
            self.warn(
                path,
                _(
                    "'{value}' อ้างคะแนนของปีหนึ่ง: คงไว้ตามเดิม ให้ใส่ผลคะแนนใต้ 'results:' ใน {pack} "
                    "(การขึ้นปีจะย้ายไปไว้ใต้ 'previous:') และอย่าใส่คะแนนในข้อความ"
                ).format(value=value, pack=PACK_FILE),
            )
            return
        new = value
        is_title = len(path) >= 2 and path[-1] == "title" and "documents" in path
        if is_title and _DATE.search(new):
            new = self.title_date(path, new)
        pieces, last = [], 0
        for match in _DATE.finditer(new):  # a date that stays, stays whole: its year is not mapped
            pieces += [self.years(path, value, new[last : match.start()]), match.group(0)]
            last = match.end()
            hint = _(" (ในชื่อเอกสาร: เขียน {{date}} และใส่คีย์ date: ให้เอกสาร)").format() if is_title else ""
            self.warn(
                path,
                _("วันที่ '{date}' คงไว้ตามเดิม ตรวจดูสำหรับปี {year}{hint}").format(
                    date=match.group(0), year=self.plan.to_year, hint=hint
                ),
            )
        new = "".join([*pieces, self.years(path, value, new[last:])])
        if new != value:
            self.change(path, value, new, yamledit.substitute(self.source, path, new))

    def years(self, path: PathKey, value: str, text: str) -> str:
        text = _YEAR2_AFTER_WORD.sub(lambda m: self.two_digit(path, m), text)
        text = _YEAR4.sub(lambda m: self.four_digit(path, m), text)
        recent = (self.pack.fiscal_year % 100, (self.pack.fiscal_year - 1) % 100)
        for match in _YEAR2_ANY.finditer(text):
            if int(thai.to_arabic_digits(match.group(1))) in recent:
                self.warn(
                    path,
                    _("'{digits}' ใน '{value}' อาจเป็นปี ถ้าใช่ให้เขียน {{fy_short}} หรือ {{fy_prev_short}}").format(
                        digits=match.group(1), value=value
                    ),
                )
        return text

    def four_digit(self, path: PathKey, match: re.Match[str]) -> str:
        year = int(thai.to_arabic_digits(match.group(1)))
        placeholder = {0: "{fy}", -1: "{fy_prev}", 1: "{fy_next}"}.get(year - self.pack.fiscal_year)
        if placeholder is None:
            self.warn(
                path,
                _("ปี {value} คงไว้ตามเดิม ตรวจดูสำหรับปี {year}").format(value=match.group(1), year=self.plan.to_year),
            )
            return match.group(0)
        return placeholder

    def two_digit(self, path: PathKey, match: re.Match[str]) -> str:
        word, space, digits = match.groups()
        year = int(thai.to_arabic_digits(digits))
        placeholder = {self.pack.fiscal_year % 100: "{fy_short}", (self.pack.fiscal_year - 1) % 100: "{fy_prev_short}"}
        if year not in placeholder:
            self.warn(path, _("ปี {value} คงไว้ตามเดิม ตรวจดูสำหรับปี {year}").format(value=digits, year=self.plan.to_year))
            return match.group(0)
        return word + space + placeholder[year]

    def title_date(self, path: PathKey, title: str) -> str:
        """A literal date in a title becomes {date} with the date cleared, to be scheduled."""
        document = path[:-1]
        has_date_key = (*document, "date") in self.source.nodes
        if not has_date_key and yamledit.insert_after(self.source, path, "date", None) is None:
            return title  # in braces: no line can be added; reported as a date left as written
        match = _DATE.search(title)
        assert match is not None
        year = match.group(3)
        style = "{date_short}" if len(year) == 2 else ("{date_long}" if match.group(2) in thai.MONTHS else "{date}")
        if not has_date_key:
            self.edits.append(yamledit.insert_after(self.source, path, "date", None))  # type: ignore[arg-type]
            self.added[(*document, "date")] = None
            self.plan.scheduled.append(f"{_get(self.source.data, document).get('id')}: {match.group(0)}")
        return title[: match.start()] + style + title[match.end() :]

    def dates(self) -> None:
        """Meeting dates are cleared (to be scheduled); due dates and windows move on a year."""
        key = "levels" if "levels" in self.source.data else "sections"
        for i, section in enumerate(self.source.data.get(key) or []):
            for j, document in enumerate((section or {}).get("documents") or [] if isinstance(section, dict) else []):
                if not isinstance(document, dict):
                    continue
                base: PathKey = (key, i, "documents", j)
                if isinstance(document.get("due"), str):
                    self.shift((*base, "due"), document["due"])
                self.window((*base, "window"), document.get("window"))
                if document.get("date") is None:
                    continue
                path: PathKey = (*base, "date")
                old = document["date"]
                if self.is_shared(path, old):
                    continue
                self.change(path, old, None, yamledit.replace_value(self.source, path, None))
                comment = yamledit.comment_after(self.source, path, f"{SCHEDULED} {self.plan.from_year}: {old}")
                if comment is not None:
                    self.edits.append(comment)
                self.plan.scheduled.append(f"{document.get('id')}: {old}")

    def result(self) -> str:
        text = yamledit.apply(self.source.text, self.edits)
        try:
            written = parse_yaml(text, self.source.name).data
        except PackError:  # the source was valid: it is the rewrite that is wrong, never the clerk's file
            raise RuntimeError(f"rollover's rewrite of {self.source.name} is not valid YAML") from None
        intended = _without(self.source.data, self.removed)
        for path, value in {**self.expected, **self.added}.items():
            _set(intended, path, value)
        if written != intended:  # a text edit that does not say what was meant must never be written
            raise RuntimeError(f"rollover would change {self.source.name} in an unintended way")
        return text


def _block(mapping: dict[str, Any], indent: str) -> str:
    """Indented YAML lines for a small mapping of texts (and mappings), every value quoted as needed."""
    lines = ""
    for key, value in mapping.items():
        if isinstance(value, dict):
            lines += f"{indent}{yamledit.scalar(str(key))}:\n" + _block(value, indent + "  ")
        else:
            lines += f"{indent}{yamledit.scalar(str(key))}: {yamledit.scalar(value)}\n"
    return lines


def _comment_years(source: YamlFile, year: int, plan: RolloverPlan) -> None:
    for line, comment in yamledit.comments(source.text):
        if comment.startswith((SCHEDULED, "to be scheduled; FY")):  # ours, and as earlier versions wrote it
            continue
        for match in _YEAR4.finditer(comment):
            value = int(thai.to_arabic_digits(match.group(1)))
            if abs(value - year) <= 1:  # moved on as far as the pack: 2565 in a 2566 pack becomes 2566
                message = _("หมายเหตุ (comment) อ้างถึง {value} ถ้าควรเป็น {year} ให้แก้เอง").format(
                    value=match.group(1), year=value + plan.to_year - year
                )
                plan.warnings.append(Problem(Location(source.name, line), message))
                break


def _without(data: Any, paths: list[PathKey]) -> Any:
    import copy

    data = copy.deepcopy(data)
    for path in paths:
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]
    return data


def _get(data: Any, path: PathKey) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: PathKey, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def rollover(
    pack: Pack, to_year: int, target: Path | None = None, *, dry_run: bool = False, force: bool = False
) -> RolloverPlan:
    """Plan, check and (unless dry_run) write next year's pack. The source is only read."""
    from ..check import check

    if not all(source.nodes for source in pack.files.values()):
        pack = load_pack(pack.root, keep_sources=True)  # rewriting the files needs every node's position
    _refuse_year(pack, to_year)  # before the target: the same year names the source itself
    target = target if target is not None else default_target(pack.root, pack.fiscal_year, to_year)
    refuse_evidence_file(pack)
    _refuse_target(pack, target, force=force)
    plan = plan_rollover(pack, to_year, target, check(pack))
    with tempfile.TemporaryDirectory(prefix="itapack-rollover-") as preview:
        plan.folders = _write_into(plan, Path(preview))  # the new pack validates before anything is written
    if not dry_run:
        _write(plan)
    return plan


def _refuse_target(pack: Pack, target: Path, *, force: bool) -> None:
    source, resolved = pack.root.resolve(), target.resolve()
    if resolved == source or source in resolved.parents:
        raise OutputError(_("{target} คือชุดเอกสารต้นทางหรืออยู่ข้างใน ชุดต้นทางจะไม่ถูกแก้ไข เลือก --out อื่น").format(target=target))
    check_output_folder(target)  # a file, pipe or device of that name, or a name too long: refused
    if target.exists() and any(target.iterdir()) and not force:
        raise OutputError(
            _("{target} มีอยู่แล้วและไม่ว่าง เลือก --out อื่น หรือใช้ --force เพื่อเพิ่มไฟล์ชุดเอกสารใหม่").format(target=target)
        )


def _write(plan: RolloverPlan) -> None:
    if plan.target.exists() and any(plan.target.iterdir()):
        _write_into(plan, plan.target)  # --force: the pack files are replaced, nothing else is touched
    else:
        atomic.build_folder(plan.target, lambda folder: _write_into(plan, folder))


def _write_into(plan: RolloverPlan, folder: Path) -> list[str]:
    """The pack files and the evidence skeleton; returns the skeleton's folders."""
    from ..check import check
    from .scaffold import plan as skeleton
    from .scaffold import scaffold

    for name, text in plan.texts.items():  # a fresh staging folder, or the target with --force
        safety.write_text(folder / name, text, ours=safety.REPLACE)
    pack = load_pack(folder)
    pack.evidence_root.mkdir(parents=True, exist_ok=True)
    for unit_folder in plan.unit_folders:
        (pack.evidence_root / unit_folder).mkdir(parents=True, exist_ok=True)
    result = check(pack)
    scaffold(pack, result)
    made = [layout.evidence_prefix(pack) + name for name in plan.unit_folders]
    return sorted([*made, *(place for place, _ in skeleton(pack, result))])
