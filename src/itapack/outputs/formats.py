"""Every output format itapack writes, in one registry.

A format has a name (as --format takes it), the command that offers it, the extension of the
file it makes, whether it is text for a stream (the screen, a pipe, check -o FILE) or a file of
its own, and its writer, named here and imported only when the format is used, so that
python-docx, openpyxl or fpdf2 load only for their own format. Adding a format is one entry;
the tests that run every format read this table.

The writer's arguments follow from what the command has in hand:
- check, stream: (result, stream, *, target_level, target_score)
- check, file: (result, output, pack_root)
- render: (model, settings) -> bytes, the report model of outputs/report.py
- the other commands' formats choose how their own result is shown (bundle: what make_bundle
  writes; links, rollover, timeline, compare: text for a person or JSON for a program).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..errors import InputError
from ..i18n import _


@dataclass(frozen=True)
class Format:
    command: str
    name: str
    extension: str
    stream: bool  # text written to a stream; else a file of its own
    writer: str  # "module:function" under itapack

    def write(self) -> Callable[..., Any]:
        module, _, function = self.writer.partition(":")
        return getattr(importlib.import_module(f"itapack.{module}"), function)  # type: ignore[no-any-return]


FORMATS: tuple[Format, ...] = (
    Format("check", "text", ".txt", True, "outputs.plain:render"),
    Format("check", "json", ".json", True, "outputs.jsonout:write"),
    Format("check", "junit", ".xml", True, "outputs.junit:write"),
    Format("check", "xlsx", ".xlsx", False, "chase.export:emit_xlsx"),
    Format("render", "docx", ".docx", False, "render:docx_bytes"),
    Format("render", "html", ".html", False, "render:html_bytes"),
    Format("bundle", "zip", ".zip", False, "handin.bundle:make_bundle"),
    Format("bundle", "pdf", ".pdf", False, "handin.bundle:make_bundle"),
    Format("links", "text", ".txt", True, "links.output:TextReport"),
    Format("links", "json", ".json", True, "links.output:JsonReport"),
    Format("rollover", "text", ".txt", True, "outputs.rollover_report:to_text"),
    Format("rollover", "json", ".json", True, "outputs.rollover_report:dumps"),
    Format("timeline", "text", ".txt", True, "timeline.text:write_text"),
    Format("timeline", "json", ".json", True, "timeline.text:write_json"),
    Format("compare", "text", ".txt", True, "compare.text:write_text"),
    Format("compare", "json", ".json", True, "compare.text:write_json"),
)


def offered(command: str) -> dict[str, Format]:
    """The formats a command offers, by name, in the order of the table (the first is its default)."""
    return {format.name: format for format in FORMATS if format.command == command}


def choice(command: str) -> type[StrEnum]:
    """An enumeration of the command's formats, for an option that takes one of them (typer lists
    the choices in help and refuses others)."""
    names = list(offered(command))
    return StrEnum(f"{command.title()}Format", {name: name for name in names})  # type: ignore[return-value]


def parse(command: str, text: str) -> tuple[Format, ...]:
    """--format docx,html (render) or zip,pdf (bundle): each once, in the order given."""
    choices = offered(command)
    names = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [name for name in names if name not in choices]
    if unknown or not names:
        raise InputError(
            _("--format {text}: เลือกได้จาก {choices} (คั่นด้วยจุลภาค)").format(text=text, choices=", ".join(choices))
        )
    return tuple(choices[name] for name in names)


def one(command: str, name: str) -> Format:
    return offered(command)[name]
