"""The working-day calendar: weekdays, statutory holidays and 调休 make-up days."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gbstd.i18n import Message
from gbstd.kpi import queries
from gbstd.kpi.results import CalendarInfo


def build_calendar(
    con: Any,
    start: dt.date | None,
    end: dt.date | None,
    overrides: dict[dt.date, bool],
    file_name: str | None,
) -> CalendarInfo:
    """Create ``calendar_days`` and ``calendar_overrides`` and run the calendar SQL."""
    from chinese_calendar import constants

    library = {d: False for d in constants.holidays} | {d: True for d in constants.workdays}
    covered = range(min(constants.holidays).year, max(constants.holidays).year + 1)
    notes: list[Message] = []
    dates: list[dt.date] = []
    if start is None or end is None:
        days: dict[dt.date, bool] = {}
    else:
        days = {d: w for d, w in library.items() if start <= d <= end}
        dates = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
        file_years = {d.year for d in overrides}
        for year in range(start.year, end.year + 1):
            if year not in covered and year not in file_years:
                notes.append(
                    Message(
                        f"{year} 年不在 chinese_calendar 的数据范围（{covered.start}–"
                        f"{covered.stop - 1}）内，按周一至周五计工作日，未计法定节假日和调休；"
                        "可用日历文件补充",
                        f"{year} is outside chinese_calendar's range ({covered.start}–"
                        f"{covered.stop - 1}): Monday to Friday count as working days, without "
                        "holidays or make-up days; add them with a calendar file",
                    )
                )
    library_days = len(days)
    days |= overrides
    # Both tables are built here, from chinese_calendar and the calendar file, for every engine.
    queries.load_table(con, "calendar_days", [("cal_date", "DATE")], [(d,) for d in dates])
    queries.load_table(
        con,
        "calendar_overrides",
        [("cal_date", "DATE"), ("is_workday", "BOOLEAN")],
        list(days.items()),
    )
    con.execute(queries.statements()["calendar"])
    (workdays,) = con.execute("SELECT COUNT(*) FROM calendar WHERE is_workday").fetchone() or (0,)
    return CalendarInfo(start, end, workdays, library_days, file_name, len(overrides), tuple(notes))
