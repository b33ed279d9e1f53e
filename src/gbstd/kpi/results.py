"""What ``compute`` finds: plain values that renderers in ``reports/kpi.py`` show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gbstd.i18n import Message
from gbstd.kpi.indicators import DEFAULTS_NOTE, ISSUES, SPECS
from gbstd.kpi.profile import KpiProfile, PlausibleDates


@dataclass(frozen=True)
class Indicator:
    """One indicator's figures; ``value`` is None when it cannot be computed (see ``reason``)."""

    key: str
    numerator: float | None
    denominator: int | None
    value: float | None
    excluded: int = 0  # rows left out for bad data
    reason: Message | None = None  # why there is no value
    note: Message | None = None  # a caveat on the value

    @property
    def term(self) -> str:
        """The Chinese term."""
        return SPECS[self.key].term

    @property
    def rate(self) -> float | None:
        """Return numerator ÷ denominator (for 异常办理, the share of abnormal cases)."""
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator / self.denominator


@dataclass(frozen=True)
class GroupResult:
    """The indicators of one group (a centre, department, window or month)."""

    key: tuple[tuple[str, str | None], ...]  # ((column, value), ...)
    cases: int
    indicators: tuple[Indicator, ...]

    @property
    def label(self) -> str:
        """The group's values joined by " / " (empty values shown as （空）)."""
        return " / ".join(value if value is not None else "（空）" for _, value in self.key)

    def indicator(self, key: str) -> Indicator:
        """Return the indicator ``key``."""
        return next(i for i in self.indicators if i.key == key)


@dataclass(frozen=True)
class RankedWindow:
    """A window's weighted score; ``rank`` is None below the profile's minimum case count."""

    rank: int | None
    centre_id: str | None
    window: str | None
    cases: int
    score: float | None
    points: tuple[tuple[str, float], ...]  # (indicator key, points 0–100) that counted


@dataclass(frozen=True)
class AbnormalCase:
    """One abnormal case and the situations found."""

    row: int
    case_id: str | None
    centre_id: str | None
    department: str | None
    window: str | None
    matter: str | None
    accepted_at: dt.datetime | None
    completed_at: dt.datetime | None
    promised_days: float | None
    elapsed_days: int | None
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class AbnormalSummary:
    """异常办理: totals by kind and the first abnormal cases in file order."""

    total: int
    by_kind: tuple[tuple[str, int], ...]
    cases: tuple[AbnormalCase, ...]
    unchecked: tuple[str, ...]  # kinds whose column is not in the data


@dataclass(frozen=True)
class IssueSample:
    """A row with a data problem: its data row number (header excluded), id and value."""

    row: int
    case_id: str | None
    value: str | None


@dataclass(frozen=True)
class DataIssue:
    """One kind of data problem: how many rows, and up to ten examples."""

    key: str
    rows: int
    samples: tuple[IssueSample, ...]
    detail: Message | None = None  # what the problem was judged by (the plausible window)

    @property
    def label(self) -> Message:
        """What the problem is."""
        return ISSUES[self.key][0]

    @property
    def effect(self) -> Message:
        """What gbstd does with such rows (and what they were judged by)."""
        effect = ISSUES[self.key][1]
        if self.detail is None:
            return effect
        return Message(f"{effect.zh}；{self.detail.zh}", f"{effect.en}; {self.detail.en}")


@dataclass(frozen=True)
class CalendarInfo:
    """The working-day calendar used."""

    start: dt.date | None
    end: dt.date | None
    workdays: int
    library_days: int  # holidays and make-up days taken from chinese_calendar
    file: str | None
    file_days: int
    notes: tuple[Message, ...]


@dataclass(frozen=True)
class KpiResult:
    """Everything ``compute`` found; renderers in ``reports/kpi.py`` show it."""

    source: str
    source_format: str
    rows: int  # data rows read
    cases: int  # rows counted (duplicate case ids beyond the first left out)
    period_start: dt.date | None
    period_end: dt.date | None
    as_of: dt.date | None
    plausible: tuple[dt.date, dt.date]  # the first and last plausible dates
    by: str
    group_columns: tuple[str, ...]
    overall: tuple[Indicator, ...]
    groups: tuple[GroupResult, ...]
    ranking: tuple[RankedWindow, ...]
    abnormal: AbnormalSummary
    issues: tuple[DataIssue, ...]
    time_excluded: int  # rows left out of the time-based indicators
    absent_columns: tuple[str, ...]  # optional columns not in the data
    calendar: CalendarInfo
    profile: KpiProfile
    tool_version: str = ""
    engine: str = "duckdb"  # the SQL engine that computed it: duckdb or spark
    note: Message = DEFAULTS_NOTE

    def indicator(self, key: str) -> Indicator:
        """Return the overall indicator ``key``."""
        return next(i for i in self.overall if i.key == key)

    @property
    def plausible_is_default(self) -> bool:
        """Whether the plausible window follows the toolkit's default rule."""
        return self.profile.plausible_dates == PlausibleDates()

    def to_indicators_dict(self) -> dict[str, Any]:
        """Return the computed figures as fields of ``description.Indicators``.

        Indicators without a value are left out. The speed-up rate is bounded to the field's
        range (−10 to 1).
        """
        data: dict[str, Any] = {
            "period_start": self.period_start,
            "period_end": self.period_end,
            "source": "computed",
        }
        for indicator in self.overall:
            if indicator.value is None:
                continue
            value: Any = indicator.value
            if indicator.key == "abnormal_cases":
                value = int(value)
            elif indicator.key == "speed_up_rate":
                value = min(max(value, -10.0), 1.0)
            data[indicator.key] = value
        data["counts_retained"] = True
        return {k: v for k, v in data.items() if v is not None}
