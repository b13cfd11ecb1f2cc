"""The timeline as an iCalendar file a clerk imports into Outlook or Google Calendar.

One all-day event per item, with a UID made from the pack's organisation, its fiscal year and the
item's own key, never from the run: importing a newer file updates the events instead of adding
them again. A reminder (VALARM) fires a set number of days before each. icalendar is imported
here only, so that every other command starts without it.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .. import safety
from ..i18n import _
from .build import Item, Timeline
from .text import STATE, label, when

PRODID = "-//itapack//ITA timeline//TH"


def uid(timeline: Timeline, item: Item) -> str:
    """Stable across runs: the same body, year and item give the same UID."""
    body = hashlib.sha256(timeline.organisation.encode("utf-8")).hexdigest()[:12]
    # A document is one event whether it is listed by its due date or its meeting date: giving a
    # meeting a due date later must update its event, not add another.
    kind = "step" if item.kind == "step" else "doc"
    return f"{timeline.fiscal_year}-{kind}-{item.key}-{body}@itapack"


def calendar_bytes(timeline: Timeline, alarm_days: int, stamp: datetime | None = None) -> bytes:
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add(
        "x-wr-calname",
        _("ITA ปีงบประมาณ {year} {organisation}").format(year=timeline.fiscal_year, organisation=timeline.organisation),
    )
    # DTSTAMP is required; a fixed one (the day judged) keeps the file the same for the same pack and day.
    stamp = stamp or datetime(timeline.today.year, timeline.today.month, timeline.today.day, tzinfo=UTC)
    for item in sorted(timeline.items, key=lambda i: (i.on, i.kind, i.key)):
        event = Event()
        event.add("uid", uid(timeline, item))
        event.add("dtstamp", stamp)
        event.add("summary", f"ITA {label(item)}")
        # One day, its due date (a step's last day): a step of three months shown as a three-month
        # event would fill the calendar; its period is in the description.
        event.add("dtstart", item.on)  # a date, not a datetime: an all-day event
        event.add("dtend", item.on + timedelta(days=1))  # DTEND is exclusive for all-day events
        event.add("description", _description(item))
        event.add("categories", ["ITA"])
        if alarm_days > 0 and item.state not in ("done", "not_applicable"):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"ITA {label(item)}")
            alarm.add("trigger", -timedelta(days=alarm_days))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def _description(item: Item) -> str:
    lines = [label(item), _("สถานะ: {state} (ณ วันที่ตรวจ)").format(state=STATE[item.state]), when(item)]
    if item.document:
        lines.append(_("เอกสาร: {document}").format(document=item.document))
    if item.owner:
        lines.append(_("ผู้รับผิดชอบ: {owner}").format(owner=item.owner))
    if item.needed:
        lines.append(_("หน่วยงานส่งแล้ว {done} จาก {needed}").format(done=item.done, needed=item.needed))
    if item.where and item.state not in ("done", "not_applicable"):
        lines.append(_("วางหลักฐานที่ {where}").format(where=item.where))
    return "\n".join(lines)


def is_own_ics(path: Path) -> bool:
    """A calendar an earlier --ics wrote (its PRODID is ours), or an empty file."""
    read = safety.ends(path, 1024)
    return read is not None and (not read[0] or f"PRODID:{PRODID}".encode() in read[0])


def check_ics(path: Path, *, force: bool = False) -> None:
    """Called before the scan, so that a refusal costs nothing: a file already there is replaced
    only if an earlier --ics wrote it, or with force."""
    safety.check_target(path, force=force, ours=is_own_ics)


def write_ics(timeline: Timeline, path: Path, alarm_days: int, *, force: bool = False) -> None:
    safety.write_bytes(path, calendar_bytes(timeline, alarm_days), force=force, ours=is_own_ics)
