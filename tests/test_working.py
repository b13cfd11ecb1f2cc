"""A long step shows it is moving on a terminal (bundle's binder takes 20 s), and says nothing
when piped: the output a script reads stays plain."""

from __future__ import annotations

import io
import threading

from itapack.commands.running import working


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_step_is_shown_with_its_seconds_then_blanked() -> None:
    screen = Terminal()
    seen = threading.Event()
    with working("กำลังทำไฟล์นำส่ง", after=0, stream=screen):
        for _attempt in range(600):  # the line comes from another thread: wait for it, not for a time
            if "กำลังทำไฟล์นำส่ง… 0 วินาที" in screen.getvalue():
                seen.set()
                break
            threading.Event().wait(0.05)
    assert seen.is_set(), screen.getvalue()
    assert screen.getvalue().endswith("\r")  # the line is blanked: what follows starts clean


def test_piped_nothing_is_written() -> None:
    piped = io.StringIO()
    with working("กำลังทำไฟล์นำส่ง", after=0, stream=piped):
        threading.Event().wait(0.2)
    assert piped.getvalue() == ""
