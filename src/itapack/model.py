"""The pack as its YAML files describe it: pack.yaml, levels.yaml, units.yaml.

Each file has a pydantic model that forbids unknown keys. Checks that need more than one file
(a per-unit document naming a unit kind, duplicate ids across levels) live in loader.py, which
also turns validation errors into located messages.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from . import thai

DEFAULT_TYPES = ("pdf", "jpg", "jpeg", "png", "docx", "doc", "xlsx", "xls", "pptx", "ppt")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _document_id(value: str) -> str:
    value = thai.to_arabic_digits(value)
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]*", value):
        raise ValueError(f"'{value}' is not a document id; use numbers and dots like 2.7 or 4.0")
    return value


def _slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise ValueError(
            f"'{value}' is not an id; use lower-case ASCII letters, digits, '-' and '_' (e.g. sao-bang-pla)"
        )
    return value


def _be_date(value: object) -> object:
    return thai.parse_be_date(value) if isinstance(value, str) else value


FORMAT_VERSION = 1


def _format_version(value: int) -> int:
    if value != FORMAT_VERSION:
        raise ValueError(f"this pack is written in format {value}; this itapack reads format {FORMAT_VERSION}")
    return value


def _file_type(value: str) -> str:
    return value.lower().lstrip(".")


DocumentId = Annotated[str, AfterValidator(_document_id)]
Slug = Annotated[str, AfterValidator(_slug)]
BEDate = Annotated[date, BeforeValidator(_be_date)]
Text = Annotated[str, Field(min_length=1)]
FileType = Annotated[str, AfterValidator(_file_type)]


# --- pack.yaml -------------------------------------------------------------------------------


class Previous(Strict):
    """What the previous fiscal year's pack reached, recorded by rollover for the reports."""

    fiscal_year: int
    level_reached: int | None = Field(default=None, ge=0)
    pack: str | None = None


class ReportSettings(Strict):
    thai_digits: bool = False
    margin_top_cm: float = Field(default=2.5, ge=0.5, le=6)
    margin_bottom_cm: float = Field(default=2.0, ge=0.5, le=6)
    margin_left_cm: float = Field(default=3.0, ge=0.5, le=6)
    margin_right_cm: float = Field(default=2.0, ge=0.5, le=6)


class PackInfo(Strict):
    itapack: Annotated[int, AfterValidator(_format_version)] = Field(description="format version of these files")
    fiscal_year: int = Field(ge=2400, le=2800, description="Buddhist-era fiscal year, e.g. 2567")
    province: Text
    office: Text
    title: Text = "การขับเคลื่อนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) จังหวัด{province}"
    target_level: int | None = Field(default=None, ge=1, description="default: the highest level")
    evidence: Text = "evidence"
    accepted_types: tuple[FileType, ...] = DEFAULT_TYPES
    previous: Previous | None = None
    report: ReportSettings = ReportSettings()


# --- levels.yaml -----------------------------------------------------------------------------


class Criterion(Strict):
    number: str | None = None
    text: Text
    items: tuple[Criterion, ...] = ()


class Document(Strict):
    id: DocumentId
    title: Text
    date: BEDate | None = None
    folder: str | None = Field(default=None, description="where the evidence lives, relative to the evidence folder")
    patterns: tuple[Text, ...] = ()
    min_files: int = Field(default=1, ge=1)
    types: tuple[FileType, ...] | None = None
    per_unit: tuple[Slug, ...] = Field(default=(), description="unit kinds or groups that each need this document")
    same_as: DocumentId | None = Field(default=None, description="another document whose evidence also serves this one")
    note: str | None = None


class Level(Strict):
    number: int = Field(ge=1)
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    documents: tuple[Document, ...] = ()


class LevelsFile(Strict):
    levels: tuple[Level, ...] = Field(min_length=1)


# --- units.yaml ------------------------------------------------------------------------------


class UnitKind(Strict):
    id: Slug
    name: Text
    short: str | None = Field(default=None, description="abbreviation clerks write, e.g. อบต.")


class UnitGroup(Strict):
    id: Slug
    name: Text
    kinds: tuple[Slug, ...] = Field(min_length=1)


class District(Strict):
    id: Slug
    name: Text


class Unit(Strict):
    id: Slug
    name: Text
    kind: Slug
    district: Slug | None = None
    aliases: tuple[Text, ...] = ()
    note: str | None = None


class UnitsFile(Strict):
    kinds: tuple[UnitKind, ...] = Field(min_length=1)
    groups: tuple[UnitGroup, ...] = ()
    districts: tuple[District, ...] = ()
    units: tuple[Unit, ...] = ()
