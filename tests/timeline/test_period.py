"""Drive-plan periods as the province writes them: Thai month ranges, both eras, both digit sets."""

from __future__ import annotations

from datetime import date

import pytest

from itapack.timeline.period import PeriodError, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # seed 002's own periods, Thai digits and month names
        ("ตุลาคม - ธันวาคม ๒๕๖๔", date(2021, 10, 1), date(2021, 12, 31)),
        ("มกราคม - มีนาคม ๒๕๖๕", date(2022, 1, 1), date(2022, 3, 31)),
        ("๑ มกราคม - ๒๘ กุมภาพันธ์ ๒๕๖๕", date(2022, 1, 1), date(2022, 2, 28)),
        ("๑ มีนาคม - ๓๑ พฤษภาคม ๒๕๖๕", date(2022, 3, 1), date(2022, 5, 31)),
        ("๑-๓๑ พฤษภาคม ๒๕๖๕", date(2022, 5, 1), date(2022, 5, 31)),
        ("๑-๑๕ มิถุนายน ๒๕๖๕", date(2022, 6, 1), date(2022, 6, 15)),
        # the same in Arabic digits, with พ.ศ., short month names, a two-digit year
        ("ตุลาคม - ธันวาคม 2564", date(2021, 10, 1), date(2021, 12, 31)),
        ("ตุลาคม - ธันวาคม พ.ศ. 2564", date(2021, 10, 1), date(2021, 12, 31)),
        ("ต.ค. – ธ.ค. 64", date(2021, 10, 1), date(2021, 12, 31)),
        ("มี.ค. 2565", date(2022, 3, 1), date(2022, 3, 31)),  # not read as ม.ค.
        ("กุมภาพันธ์ 2567", date(2024, 2, 1), date(2024, 2, 29)),  # a leap year's February
        ("31 มีนาคม ๒๕๖๕", date(2022, 3, 31), date(2022, 3, 31)),
        ("1 มกราคม ถึง 28 กุมภาพันธ์ 2565", date(2022, 1, 1), date(2022, 2, 28)),
        # a range across the new year: the months wrap into the year before, or each end has its year
        ("ตุลาคม - มีนาคม 2565", date(2021, 10, 1), date(2022, 3, 31)),
        ("ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕", date(2021, 10, 1), date(2022, 3, 31)),
        # Christian era: ค.ศ., or a four-digit year no Buddhist-era year could be
        ("ตุลาคม - ธันวาคม ค.ศ. 2021", date(2021, 10, 1), date(2021, 12, 31)),
        ("ตุลาคม - ธันวาคม 2021", date(2021, 10, 1), date(2021, 12, 31)),
        # ISO dates, Buddhist era as the pack files write them, or Christian era
        ("2564-10-01 - 2564-12-31", date(2021, 10, 1), date(2021, 12, 31)),
        ("๒๕๖๔-๑๐-๐๑ ถึง ๒๕๖๔-๑๒-๓๑", date(2021, 10, 1), date(2021, 12, 31)),
        ("2021-10-01/2021-12-31", date(2021, 10, 1), date(2021, 12, 31)),
        ("2565-06-15", date(2022, 6, 15), date(2022, 6, 15)),
    ],
)
def test_periods_read_as_written(text: str, start: date, end: date) -> None:
    assert parse_period(text) == (start, end)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "ช่วงเวลาว่าง"),
        ("ไตรมาสแรก", "ไม่ใช่ช่วงเวลาที่อ่านได้"),
        ("ตุลาคม - ธันวาคม", "ไม่มีปี"),
        ("๓๐ กุมภาพันธ์ ๒๕๖๕", "ไม่มีจริง"),
        ("2565-02-30", "ไม่มีจริง"),
        ("2565-03-31 - 2565-03-01", "วันสิ้นสุดมาก่อนวันเริ่ม"),
        ("มีนาคม พ.ศ. 2022", "ไม่น่าจะถูก"),
    ],
)
def test_unreadable_periods_say_how_to_write_one(text: str, says: str) -> None:
    with pytest.raises(PeriodError, match=says):
        parse_period(text)
