"""The command-line parser's own words (Usage, Options, "No such option") in the clerk's language.

Typer's vendored click writes its messages as English f-strings, not through gettext, so they cannot
be given a catalogue. Instead the errors are caught as the objects they are (NoSuchOption names the
option, MissingParameter the parameter) and told again in our words; the help's fixed words are
typer's rich_utils constants and click's usage prefix. A message this module does not know keeps
click's English detail inside a Thai sentence, never a traceback.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from typer import _click
from typer.core import TyperGroup
from typer.exceptions import Abort

from . import N_, _, choose


class _Formatter(_click.formatting.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("วิธีใช้: ") if prefix is None else prefix)


class _Context(_click.core.Context):
    formatter_class = _Formatter


class Group(TyperGroup):
    """The app's group: its commands' usage lines and parse errors are in the chosen language."""

    context_class = _Context

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _clerks_words(command, ctx)
        return command

    def get_help_option(self, ctx: _click.Context) -> Any:
        return _help_option_words(super().get_help_option(ctx))

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, *rest: Any, **extra: Any
    ) -> Any:
        standalone = extra.pop("standalone_mode", True)
        arguments = list(sys.argv[1:] if args is None else args)
        if any(arg == "--lang" or arg.startswith("--lang=") for arg in arguments):
            choose(arguments)  # before the help's words are set; the option itself says if it is wrong
            args = _lang_first(arguments)
        if not arguments or {"-h", "--help"} & set(arguments):
            _help_words()
        self.options_metavar = _("[ตัวเลือก]")  # the app's own usage line, as its commands' are
        self.subcommand_metavar = _("คำสั่ง [อาร์กิวเมนต์]...")
        for param in self.params:
            _no_type_column(param)
        try:
            # args as given: None keeps typer's own reading of sys.argv (wildcards expanded on Windows)
            returned = super().main(args, prog_name, *rest, standalone_mode=False, **extra)
        except _click.exceptions.ClickException as error:
            if not standalone:
                raise
            show(error)
            sys.exit(error.exit_code)
        except Abort:
            if not standalone:
                raise
            print(_("ยกเลิกแล้ว"), file=sys.stderr)
            sys.exit(1)
        if not standalone:
            return returned
        sys.exit(returned if isinstance(returned, int) else 0)


def _lang_first(arguments: list[str]) -> list[str]:
    """--lang is the app's option, but a clerk adds it at the end (itapack check . --lang en): move it
    to the front, where the parser takes it. Nothing after "--" is moved."""
    moved: list[str] = []
    rest: list[str] = []
    tokens = iter(arguments)
    for token in tokens:
        if token == "--":
            rest += [token, *tokens]
        elif token == "--lang":
            moved += [token, next(tokens, "")]
        elif token.startswith("--lang="):
            moved.append(token)
        else:
            rest.append(token)
    return moved + rest


def command_named(arguments: Sequence[str]) -> str | None:
    """The command the command line names: its first word after the app's own options (--lang
    takes a value; --version and --help stop at the app). None when there is none, or an option
    the app does not know comes first: the parser then says what it makes of it."""
    tokens = iter(arguments)
    for token in tokens:
        if token == "--lang":
            next(tokens, None)
        elif not token.startswith("-"):
            return token
        elif not token.startswith("--lang="):
            return None
    return None


# What to type, as the help shows it beside an option: in the clerk's words, not click's FILE,
# DIR or typer's <path>, <str>. Keyed by the metavar the command gives (or typer's type label).
_METAVARS = {
    "DIR": N_("<โฟลเดอร์>"),
    "FILE": N_("<ไฟล์>"),
    "LIST": N_("<รายการ>"),
    "N": N_("<จำนวน>"),
    "YEAR": N_("<ปี พ.ศ.>"),
    "YYYY-MM-DD": N_("<ปปปป-ดด-วว>"),
    "UNIT": N_("<หน่วยงาน>"),
    "DISTRICT": N_("<อำเภอ>"),
    "KIND": N_("<ประเภท>"),
    "PERCENT": N_("<ร้อยละ>"),
    "AGE": N_("<ระยะเวลา>"),
    "MB": N_("<เมกะไบต์>"),
    "SECONDS": N_("<วินาที>"),
    "ZIP": N_("<ไฟล์ zip>"),
    "FILE=DOC/UNIT": N_("<ไฟล์>=<ข้อ>/<หน่วยงาน>"),
    "<str>": N_("<ข้อความ>"),
    "<integer>": N_("<จำนวน>"),
    "<float>": N_("<ตัวเลข>"),
}


def _clerks_words(command: Any, ctx: _click.Context) -> None:
    """A command's help in the clerk's words: its usage line, help option and metavars; a group's
    commands too (units import, units export)."""
    command.context_class = _Context  # click's documented hook for a command's context
    command.options_metavar = _("[ตัวเลือก]")
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = _("คำสั่ง [อาร์กิวเมนต์]...")
    _help_option_words(command.get_help_option(ctx))
    for param in command.params:
        _no_type_column(param)
        _thai_metavar(param, ctx)
        _thai_range(param)
    for sub in getattr(command, "commands", {}).values():
        _clerks_words(sub, ctx)


def _thai_metavar(param: Any, ctx: _click.Context) -> None:
    """An option's metavar, or an argument's type column (typer's "<path>"), in the clerk's words.
    An argument keeps its name (PACK, INBOX): the help texts and click's errors refer to it."""
    if getattr(param, "is_flag", False):
        return
    if not hasattr(param, "is_flag"):  # an argument: a path is a folder, unless it is a FILE
        if param.display_type(ctx) == "<path>":
            word = _("<ไฟล์>") if param.metavar == "FILE" else _("<โฟลเดอร์>")
            param.display_type_rich = lambda ctx, word=word: word
        return
    original = param.__dict__.setdefault("_given_metavar", param.metavar)
    key = original if original is not None else param.display_type(ctx)
    if key in _METAVARS:
        word = _METAVARS[key]
        param.metavar = _(word)


def _thai_range(param: Any) -> None:
    """typer shows a number's limits as "[x>=1]"; a clerk reads "[อย่างน้อย 1]"."""
    if not hasattr(param, "_get_number_range_help_str"):
        return
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is None and high is None:
        return

    def described() -> str:
        if low is not None and high is not None:
            return _("{low} ถึง {high}").format(low=low, high=high)
        return (_("อย่างน้อย {low}") if low is not None else _("ไม่เกิน {high}")).format(low=low, high=high)

    param._get_number_range_help_str = described


def _no_type_column(option: Any) -> None:
    """typer 0.29 prints a flag's type, "<bool>", beside it in help: noise to a clerk, as a flag
    takes no value. An empty metavar leaves that column blank."""
    if getattr(option, "is_flag", False) and option.metavar is None:
        option.metavar = ""


def _help_option_words(option: Any) -> Any:
    """-h/--help is made by click on first use, with an English help text; it is cached, so say it once."""
    if option is not None:
        option.help = _("แสดงวิธีใช้นี้แล้วจบ")
        _no_type_column(option)
    return option


def show(error: _click.exceptions.ClickException) -> None:
    """Usage line, where to find help, and the error: as click shows them, in our words."""
    if error.__class__.__name__ == "NoArgsIsHelpError":
        print(error.format_message(), file=sys.stderr)
        return
    ctx: _click.Context | None = getattr(error, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                _("ดูวิธีใช้: {command} {option}").format(command=ctx.command_path, option=ctx.help_option_names[0])
            )
        lines.append("")
    try:
        said = message(error)
    except Exception:  # a later typer changed an error's shape: its own words, not a traceback
        said = error.format_message()
    lines.append(_("ผิดพลาด: {message}").format(message=said))
    print("\n".join(lines), file=sys.stderr)


def message(error: _click.exceptions.ClickException) -> str:
    exceptions = _click.exceptions
    if isinstance(error, exceptions.NoSuchOption):
        text = _("ไม่มีตัวเลือก {option}").format(option=error.option_name)
        # click offers every close option; --help is close to anything short, and never what was meant
        # when a real option is close too: the closest first, as difflib ranks them.
        import difflib

        close = difflib.get_close_matches(error.option_name, error.possibilities or [], n=3, cutoff=0.5)
        close = [option for option in close if option not in ("--help", "-h")] or close
        if close:
            text += _(" (หมายถึง {options} หรือเปล่า?)").format(options=", ".join(close))
        return text
    if isinstance(error, exceptions.MissingParameter):
        hint = _hint(error)
        if (error.param_type or getattr(error.param, "param_type_name", "")) == "argument":
            return _("ขาดอาร์กิวเมนต์ {name}").format(name=hint)
        return _("ขาดตัวเลือก {name}").format(name=hint)
    if isinstance(error, exceptions.BadParameter):
        return _("ค่าของ {name} ไม่ถูกต้อง: {detail}").format(name=_hint(error), detail=_detail(error.message))
    return _detail(error.message)


def _hint(error: Any) -> str:
    if error.param_hint is not None:
        hint = error.param_hint
    elif error.param is not None:
        hint = error.param.get_error_hint()
    else:
        return ""
    return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)


# click's English messages, as patterns, and what each says in ours (each a whole sentence). Kept as
# text: re compiles (and caches) one only when an error is shown, not at every start.
_PATTERNS: list[tuple[str, str]] = [
    (r"No such command '(?P<name>.*?)'\. Did you mean (?P<close>.*)\?", N_("ไม่มีคำสั่ง {name} หมายถึง {close} หรือเปล่า?")),
    (r"No such command '(?P<name>.*)'\.?", N_("ไม่มีคำสั่ง {name}")),
    (r"Missing command\.?", N_("ยังไม่ได้ระบุคำสั่ง")),
    (r"Option '(?P<option>.*)' requires an argument\.?", N_("ตัวเลือก {option} ต้องมีค่าตามหลัง")),
    (r"Option '(?P<option>.*)' does not take a value\.?", N_("ตัวเลือก {option} ไม่รับค่า")),
    (r"Got unexpected extra argument(?:\(s\)|s)? \((?P<values>.*)\)", N_("มีอาร์กิวเมนต์เกินมา: {values}")),
    (
        r"(?P<value>'.*') is not one of (?P<choices>.*?)\.?",
        N_("{value} ไม่อยู่ในตัวเลือกที่รับ: {choices}"),
    ),
    (r"(?P<value>.*) is not a valid int(eger)?\.?", N_("{value} ไม่ใช่จำนวนเต็ม")),
    (r"(?P<value>.*) is not a valid float\.?", N_("{value} ไม่ใช่ตัวเลข")),
    (r"(?P<value>.*) is not in the range (?P<range>.*?)\.?", N_("{value} อยู่นอกช่วงที่รับ ({range})")),
]


def _detail(text: str) -> str:
    text = text.strip().removeprefix("Value error, ")
    for pattern, words in _PATTERNS:
        found = re.fullmatch(pattern, text)
        if found:
            return _(words).format(**found.groupdict())
    found = re.search(r"Input should be (?:a valid integer|greater than or equal to (?P<low>\S+))", text)
    if found and found.group("low"):
        return _("ต้องไม่น้อยกว่า {low}").format(low=found.group("low"))
    if found:
        return _("ต้องเป็นจำนวนเต็ม")
    return text


def _help_words() -> None:
    """The fixed words of typer's help screen: module constants read when the help is drawn."""
    rich_utils = _rich_utils()
    words: dict[str, Callable[[], str]] = {
        "ARGUMENTS_PANEL_TITLE": lambda: _("อาร์กิวเมนต์"),
        "OPTIONS_PANEL_TITLE": lambda: _("ตัวเลือก"),
        "COMMANDS_PANEL_TITLE": lambda: _("คำสั่ง"),
        "ERRORS_PANEL_TITLE": lambda: _("ผิดพลาด"),
        "DEFAULT_STRING": lambda: _("[ค่าเริ่มต้น: {}]"),
        "REQUIRED_LONG_STRING": lambda: _("[ต้องระบุ]"),
        "ABORTED_TEXT": lambda: _("ยกเลิกแล้ว"),
    }
    for name, word in words.items():
        if hasattr(rich_utils, name):  # a later typer may rename one: its English then stays
            setattr(rich_utils, name, word())


# rich modules typer's help module imports at its top but itapack's help never uses: Markdown is for
# rich_markup_mode="markdown" (ours is "rich"), Traceback for pretty exceptions (turned off). With
# markdown-it and pygments behind them they are about 70 ms of a 300 ms --help.
_UNUSED_BY_HELP = {"rich.markdown": ("Markdown",), "rich.traceback": ("Traceback",)}


def _rich_utils() -> ModuleType:
    """typer's help module, imported with the rich modules it does not need for our help left for
    later: each of their classes stands in until first used, then is the real one. Afterwards the
    modules themselves import as usual."""
    if "typer.rich_utils" in sys.modules:
        return sys.modules["typer.rich_utils"]
    standing_in = {
        name: _stand_in(name, classes) for name, classes in _UNUSED_BY_HELP.items() if name not in sys.modules
    }
    sys.modules.update(standing_in)
    try:
        from typer import rich_utils
    finally:
        for name, module in standing_in.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return rich_utils


class _Later(type):
    """A class of a module not imported yet: using the class (calling it, reading an attribute)
    imports the module and hands over to its real class."""

    def real(cls) -> Any:
        return getattr(importlib.import_module(cls.__module__), cls.__name__)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls.real()(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        return getattr(cls.real(), name)


def _stand_in(name: str, classes: tuple[str, ...]) -> ModuleType:
    module = ModuleType(name)
    for class_name in classes:
        setattr(module, class_name, _Later(class_name, (), {"__module__": name}))

    def anything_else(attribute: str) -> Any:  # a later typer imports more from it: the real module, now
        if attribute.startswith("__"):  # the import system asking what kind of module this is
            raise AttributeError(attribute)
        if sys.modules.get(name) is module:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    module.__getattr__ = anything_else  # type: ignore[method-assign]
    return module
