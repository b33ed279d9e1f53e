"""Window-service indicators (GB/T 32169.4) computed from case records by SQL on DuckDB."""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal
from zipfile import BadZipFile
from zoneinfo import ZoneInfo

import duckdb
from pydantic import ConfigDict, Field, ValidationError, field_validator, model_validator

from gbstd.catalogue.standard import Text, _Model
from gbstd.errors import GbstdError, InvalidInputError, Problem, UsageError
from gbstd.i18n import Message
from gbstd.io.bundled import data_dir
from gbstd.io.diagnostics import problems_from
from gbstd.io.textfile import decode, read_bytes
from gbstd.io.yamlsource import read_yaml

GroupBy = Literal["centre", "department", "window", "month"]
TIMEZONE = "Asia/Shanghai"  # timestamps with a zone are read as Beijing time

DEFAULTS_NOTE = Message(
    "指标定义、计算公式、计分区间和权重均为 gbstd 的默认值，不是 GB/T 32169.4 的规定"
    "（标准正文未公开）；可用评价配置文件调整。",
    "Indicator definitions, formulas, scoring bands and weights are gbstd's own defaults, not "
    "those of GB/T 32169.4 (whose text is not available); change them with a profile.",
)


class Channel(StrEnum):
    """How a case was accepted."""

    ONLINE = "online"
    ONSITE = "onsite"


class CaseStatus(StrEnum):
    """Where a case stands."""

    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class Grade(StrEnum):
    """The five grades of the national 好差评 rating."""

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"


GRADE_TERMS = {
    "非常满意": Grade.VERY_SATISFIED,
    "满意": Grade.SATISFIED,
    "基本满意": Grade.BASICALLY_SATISFIED,
    "不满意": Grade.DISSATISFIED,
    "非常不满意": Grade.VERY_DISSATISFIED,
}
# Words read as each value besides the value itself (compared trimmed and lower-cased).
CHANNEL_WORDS = {"网上": "online", "线上": "online", "现场": "onsite", "窗口": "onsite"}
STATUS_WORDS = {
    "办结": "completed",
    "在办": "in_progress",
    "不予受理": "refused",
    "撤回": "withdrawn",
}
TRUE_WORDS = ("true", "1", "1.0", "是", "y", "yes", "t")
FALSE_WORDS = ("false", "0", "0.0", "否", "n", "no", "f")
TIME_FORMATS = (
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日",
    "%Y%m%d%H%M%S",
    "%Y%m%d",
)

# The canonical columns in documentation order, with how each is read.
COLUMN_KINDS = {
    "case_id": "text",
    "centre_id": "text",
    "matter": "text",
    "department": "text",
    "window": "text",
    "channel": "channel",
    "accepted_at": "time",
    "completed_at": "time",
    "statutory_days": "days",
    "promised_days": "days",
    "on_the_spot": "bool",
    "joint_required": "bool",
    "joint_handled": "bool",
    "authorised": "bool",
    "decided_at_window": "bool",
    "status": "status",
    "refused_reason_given": "bool",
    "outside_system": "bool",
    "satisfaction": "grade",
    "complaint": "bool",
    "complaint_valid": "bool",
    "complaint_accepted": "bool",
}
REQUIRED_COLUMNS = (
    "case_id",
    "centre_id",
    "department",
    "window",
    "channel",
    "accepted_at",
    "completed_at",
    "status",
)
Column = StrEnum("Column", {name.upper(): name for name in COLUMN_KINDS})  # type: ignore[misc]
_SQL_TYPES = {"text": "VARCHAR", "time": "TIMESTAMP", "days": "DOUBLE", "bool": "BOOLEAN"}
_NUMERIC = {  # DuckDB types read as numbers of days as they are
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "FLOAT",
    "DOUBLE",
}
# by: the group's columns, the GROUPING() id of its grouping set in the indicators query, and
# the SQL of the view's group_extra column (what the window figures are split by besides window).
_GROUPINGS: dict[str, tuple[tuple[str, ...], int, str]] = {
    "centre": (("centre_id",), 0b011, "CAST(NULL AS VARCHAR)"),
    "department": (("centre_id", "department"), 0b010, "department"),
    "window": (("centre_id", "window"), 0b001, "CAST(NULL AS VARCHAR)"),
    "month": (("month",), 0b110, "strftime(accepted_at, '%Y-%m')"),
}
_GROUP_SOURCE = {  # group column -> column of the indicators query
    "centre_id": "centre_id",
    "window": "window_id",
    "department": "group_extra",
    "month": "group_extra",
}
OVERALL, WINDOWS = 0b111, 0b001
ISSUE_SAMPLES = 10  # rows listed as examples of each data problem
# flagged_rows is collected over ranges of rows: the first this long, each next one 4× longer,
# until the lists are full. A Parquet row group is 122,880 (DuckDB) to 1,048,576 (pyarrow)
# rows, so the first range reads one to three row groups.
FIRST_RANGE = 1 << 18


@dataclass(frozen=True)
class IndicatorSpec:
    """What an indicator is: its key, Chinese term, formula and the columns it needs."""

    key: str
    term: str
    label: Message
    formula: Message
    needs: tuple[str, ...] = ()  # columns it needs, all of them
    needs_any: tuple[str, ...] = ()  # columns of which it needs one at least


INDICATORS = (
    IndicatorSpec(
        "entry_implementation_rate",
        "事项进驻落实率",
        Message("事项进驻落实率", "matters-entered rate"),
        Message(
            "应进驻且已进驻的事项数 ÷ 应进驻的事项数（事项清单文件）",
            "matters that should enter and have entered ÷ matters that should enter (matters file)",
        ),
    ),
    IndicatorSpec(
        "authorisation_execution_rate",
        "窗口授权执行率",
        Message("窗口授权执行率", "window authorisation rate"),
        Message(
            "窗口在授权范围内自行决定的办件数 ÷ 窗口获授权决定的办件数",
            "cases the window decided itself under its authorisation ÷ cases it is authorised for",
        ),
        ("authorised", "decided_at_window"),
    ),
    IndicatorSpec(
        "speed_up_rate",
        "办理提速率",
        Message("办理提速率", "speed-up rate"),
        Message(
            "有法定时限的办结件，(法定工作日 − 实际工作日) ÷ 法定工作日 的平均值；分母为件数",
            "mean over completed cases with a statutory limit of (statutory − actual working "
            "days) ÷ statutory; the denominator is their count",
        ),
        ("statutory_days",),
    ),
    IndicatorSpec(
        "on_the_spot_rate",
        "现场办结率",
        Message("现场办结率", "on-the-spot completion rate"),
        Message(
            "当场办结的件数 ÷ 受理件数（不予受理的不计）",
            "cases completed on the spot ÷ cases accepted (refused cases left out)",
        ),
        ("on_the_spot",),
    ),
    IndicatorSpec(
        "joint_handling_rate",
        "联办率",
        Message("联办率", "joint handling rate"),
        Message(
            "多部门联合办理的件数 ÷ 需要多部门办理的件数",
            "cases handled jointly ÷ cases that need several departments",
        ),
        ("joint_required", "joint_handled"),
    ),
    IndicatorSpec(
        "online_acceptance_rate",
        "网上受理率",
        Message("网上受理率", "online acceptance rate"),
        Message(
            "网上受理的件数 ÷ 渠道可识别的受理件数",
            "cases accepted online ÷ cases with a known channel",
        ),
    ),
    IndicatorSpec(
        "satisfaction_rate",
        "窗口服务满意率",
        Message("窗口服务满意率", "window satisfaction rate"),
        Message(
            "评价为配置中“满意”等级的件数 ÷ 有效评价件数",
            "ratings in the profile's satisfied grades ÷ valid ratings",
        ),
        ("satisfaction",),
    ),
    IndicatorSpec(
        "abnormal_cases",
        "异常办理",
        Message("异常办理件数", "abnormal cases"),
        Message(
            "有任一异常情形的件数：超期（超承诺时限或法定时限）、体外循环、不予受理未说明理由、"
            "办结早于受理",
            "cases with any abnormal situation: overdue (past the promised or the statutory "
            "limit), handled outside the system, refused without a reason, completed before "
            "accepted",
        ),
    ),
    IndicatorSpec(
        "complaint_rate",
        "投诉率",
        Message("投诉率", "complaint rate"),
        Message("有效投诉件数 ÷ 受理件数", "valid complaints ÷ cases"),
        ("complaint_valid",),
    ),
    IndicatorSpec(
        "complaint_satisfaction_rate",
        "投诉处理满意率",
        Message("投诉处理满意率", "complaint satisfaction rate"),
        Message(
            "投诉人认可处理结果的有效投诉数 ÷ 已处理（已记录认可与否）的有效投诉数",
            "valid complaints whose handling the complainant accepted ÷ valid complaints handled",
        ),
        ("complaint_valid", "complaint_accepted"),
    ),
    IndicatorSpec(
        "on_time_rate",
        "按时办结率",
        Message("按时办结率（工具补充指标）", "on-time completion rate (toolkit addition)"),
        Message(
            "未超期（未超承诺时限和法定时限，加容差）的办结件数 ÷ 有时限（承诺或法定）的办结件数",
            "completed cases not overdue (within the promised and the statutory working days, "
            "+ tolerance) ÷ completed cases with a limit (promised or statutory)",
        ),
        needs_any=("promised_days", "statutory_days"),
    ),
)
SPECS = {spec.key: spec for spec in INDICATORS}

# Each situation with the columns it is judged by: unchecked (and never counted) when none of
# them is in the data; when some are, it is judged by those (and the note says so).
ABNORMAL_KINDS: dict[str, tuple[Message, tuple[str, ...]]] = {
    "overdue": (
        Message("超期（超承诺或法定时限）", "overdue (past the promised or statutory limit)"),
        ("promised_days", "statutory_days"),
    ),
    "outside_system": (Message("体外循环", "handled outside the system"), ("outside_system",)),
    "refused_without_reason": (
        Message("不予受理未说明理由", "refused without a reason"),
        ("refused_reason_given",),
    ),
    "completed_before_accepted": (Message("办结早于受理", "completed before accepted"), ()),
}
_TIME_EFFECT = Message(
    "不计入与时间有关的指标（办理提速率、按时办结率、超期判断）",
    "left out of time-based indicators",
)
ISSUES = {
    "unparsable_accepted_at": (Message("受理时间无法识别", "unreadable accepted_at"), _TIME_EFFECT),
    "missing_accepted_at": (Message("受理时间为空", "empty accepted_at"), _TIME_EFFECT),
    "unparsable_completed_at": (
        Message("办结时间无法识别", "unreadable completed_at"),
        _TIME_EFFECT,
    ),
    "implausible_date": (
        Message("日期不在合理范围内", "date outside the plausible window"),
        Message(
            "该时间按空值处理，不计入与时间有关的指标，也不影响统计期和基准日",
            "the time is read as empty: left out of time-based indicators, the period and the "
            "as-of date",
        ),
    ),
    "completed_before_accepted": (
        Message("办结早于受理（时长为负）", "completed before accepted (negative duration)"),
        Message(
            "不计入与时间有关的指标，并列为异常办理",
            "left out of time-based indicators and listed as abnormal",
        ),
    ),
    "completed_without_time": (
        Message("状态为办结但办结时间为空", "completed without a completion time"),
        _TIME_EFFECT,
    ),
    "unparsable_number": (
        Message(
            "天数无法识别（含 nan、inf 等非有限数）",
            "unreadable number of days (nan, inf and other non-finite numbers included)",
        ),
        Message("按空值处理，不计入用到它的指标", "read as empty; left out where it is needed"),
    ),
    "negative_days": (
        Message("天数为负", "negative number of days"),
        Message("不计入用到该天数的指标", "left out of the indicators that use it"),
    ),
    "unparsable_boolean": (
        Message("是/否值无法识别", "unreadable yes/no value"),
        Message("按空值（否）处理", "read as empty (no)"),
    ),
    "unknown_channel": (
        Message("办理渠道为空或无法识别", "empty or unknown channel"),
        Message("不计入网上受理率", "left out of the online acceptance rate"),
    ),
    "unknown_status": (
        Message("办件状态为空或无法识别", "empty or unknown status"),
        Message("不计为办结、在办或不予受理", "not counted as completed, open or refused"),
    ),
    "unknown_satisfaction": (
        Message("满意度评价无法识别", "unknown satisfaction grade"),
        Message("不计入窗口服务满意率", "left out of the satisfaction rate"),
    ),
    "missing_case_id": (
        Message("办件编号为空", "empty case_id"),
        Message("计入指标，但无法查重", "counted, but cannot be checked for duplicates"),
    ),
    "duplicate_case_id": (
        Message("办件编号重复", "duplicate case_id"),
        Message(
            "保留首次出现的一行，其余行不计入任何指标",
            "the first row is kept; the others are left out of every indicator",
        ),
    ),
}


# ---------------------------------------------------------------------------------------------
# Input files: mapping, profile, matters, calendar
# ---------------------------------------------------------------------------------------------


def _grade_names(value: Any) -> Any:
    """Accept the Chinese grade names wherever a grade is expected."""
    if isinstance(value, str):
        return GRADE_TERMS.get(value.strip(), value)
    if isinstance(value, list | tuple):
        return [_grade_names(v) for v in value]
    if isinstance(value, dict):
        return {k: _grade_names(v) for k, v in value.items()}
    return value


class ValueMaps(_Model):
    """Export values to read as canonical ones (added to the built-in words)."""

    channel: dict[str, Channel] = Field(default_factory=dict)
    status: dict[str, CaseStatus] = Field(default_factory=dict)
    satisfaction: dict[str, Grade] = Field(default_factory=dict)

    _grades = field_validator("satisfaction", mode="before")(_grade_names)


class ColumnMapping(_Model):
    """How another export's columns and values map onto the canonical ones."""

    columns: dict[Column, Annotated[str, Field(min_length=1)]] = Field(  # type: ignore[valid-type]
        default_factory=dict
    )
    values: ValueMaps = ValueMaps()


class _Finite(_Model):
    # .inf or .nan in a profile would make scores NaN and the JSON output invalid.
    model_config = ConfigDict(allow_inf_nan=False)


class Breakpoint(_Finite):
    """A point of a scoring scale: an indicator value and the points it earns."""

    value: float
    points: Annotated[float, Field(ge=0, le=100)]


class Scoring(_Finite):
    """How one indicator scores in the window ranking."""

    weight: Annotated[float, Field(ge=0)]
    scale: Annotated[tuple[Breakpoint, ...], Field(min_length=1)]
    step: bool = False

    @model_validator(mode="after")
    def _ascending(self) -> Scoring:
        values = [b.value for b in self.scale]
        if any(b <= a for a, b in pairwise(values)):
            raise ValueError("scale 的 value 须从小到大排列 / scale values must increase")
        return self

    def points(self, value: float) -> float:
        """Points (0–100) for a value: linear between breakpoints, or steps when ``step``."""
        scale = self.scale
        if value <= scale[0].value:
            return scale[0].points
        for low, high in pairwise(scale):
            if value < high.value:
                if self.step:
                    return low.points
                share = (value - low.value) / (high.value - low.value)
                return low.points + share * (high.points - low.points)
        return scale[-1].points


class RankingSettings(_Model):
    """Which windows are ranked."""

    min_cases: Annotated[int, Field(ge=1)] = 30


class IndicatorScoring(_Model):
    """Scoring of each indicator that a window can be ranked on (omit one to leave it out)."""

    authorisation_execution_rate: Scoring | None = None
    speed_up_rate: Scoring | None = None
    on_the_spot_rate: Scoring | None = None
    joint_handling_rate: Scoring | None = None
    online_acceptance_rate: Scoring | None = None
    satisfaction_rate: Scoring | None = None
    abnormal_cases: Scoring | None = None
    complaint_rate: Scoring | None = None
    complaint_satisfaction_rate: Scoring | None = None
    on_time_rate: Scoring | None = None


class PlausibleDates(_Model):
    """The window of plausible dates (the toolkit's defaults).

    Times outside it are data problems, read as empty, so that a year 0001 or 2099 moves
    neither the period nor the as-of date nor the time-based rates.
    """

    earliest: dt.date = dt.date(2000, 1, 1)
    # The latest plausible date is the as-of date (when none is given, the run date) plus this.
    days_after_as_of: Annotated[int, Field(ge=0, le=3660)] = 1

    def window(self, as_of: dt.date | None) -> tuple[dt.date, dt.date]:
        """The first and last plausible dates."""
        return self.earliest, (as_of or _today()) + dt.timedelta(days=self.days_after_as_of)


def _today() -> dt.date:
    return dt.datetime.now(ZoneInfo(TIMEZONE)).date()


class KpiProfile(_Finite):
    """An evaluation profile (``profiles/kpi.yaml`` holds the documented defaults)."""

    format_version: Literal[1]
    name: Text
    note: Text
    satisfied_grades: Annotated[tuple[Grade, ...], Field(min_length=1)]
    overdue_tolerance_days: Annotated[float, Field(ge=0)] = 0.0
    plausible_dates: PlausibleDates = PlausibleDates()
    ranking: RankingSettings = RankingSettings()
    scoring: IndicatorScoring

    _grades = field_validator("satisfied_grades", mode="before")(_grade_names)

    def weighted(self) -> Iterable[tuple[str, Scoring]]:
        """Yield (indicator key, scoring) for every indicator with a positive weight."""
        for key in IndicatorScoring.model_fields:
            scoring = getattr(self.scoring, key)
            if scoring is not None and scoring.weight > 0:
                yield key, scoring


class CalendarDay(_Model):
    """One date of a calendar file."""

    date: dt.date
    workday: bool


class CalendarFile(_Model):
    """A calendar file in YAML: ``days: [{date: 2026-10-09, workday: false}, ...]``."""

    days: tuple[CalendarDay, ...]


def _validated(model: type[Any], path: Path) -> Any:
    document = read_yaml(path)
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None


def load_kpi_profile(path: Path | None = None) -> KpiProfile:
    """Load an evaluation profile (the bundled default when ``path`` is None).

    Raises:
        InvalidInputError: the file is missing or invalid.
    """
    return _validated(KpiProfile, path or data_dir("profiles") / "kpi.yaml")


def load_mapping(path: Path) -> ColumnMapping:
    """Load a column mapping file.

    Raises:
        InvalidInputError: the file is missing or invalid.
    """
    return _validated(ColumnMapping, path)


def parse_bool(text: str | None) -> bool | None:
    """Read a yes/no word (true/false/1/0/是/否/Y/N…); None for empty or unknown text."""
    word = (text or "").strip().lower()
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


def _csv_records(path: Path, expected: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """Read a small CSV file with the ``expected`` header names; return (line, row) pairs."""
    text = decode(read_bytes(path, str(path)), str(path))
    reader = csv.DictReader(text.splitlines())
    missing = [name for name in expected if name not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInputError(
            [
                Problem(
                    str(path),
                    Message(
                        f"缺少列 {', '.join(missing)}（应有 {', '.join(expected)}）",
                        f"missing columns {', '.join(missing)} (expected {', '.join(expected)})",
                    ),
                    1,
                )
            ]
        )
    return [(reader.line_num, row) for row in reader]


def _bool_problem(path: Path, line: int, name: str, value: str | None) -> Problem:
    return Problem(
        str(path),
        Message(f"无法识别的是/否值 {value!r}", f"not a yes/no value: {value!r}"),
        line,
        field=name,
    )


def load_matters(path: Path) -> list[tuple[str, bool, bool]]:
    """Read a matters file (CSV: matter, should_enter, entered).

    Raises:
        InvalidInputError: missing columns, unreadable yes/no values or repeated matters.
    """
    problems: list[Problem] = []
    matters: dict[str, tuple[str, bool, bool]] = {}
    for line, row in _csv_records(path, ("matter", "should_enter", "entered")):
        name = (row["matter"] or "").strip()
        flags = [parse_bool(row[f]) for f in ("should_enter", "entered")]
        for field_name, flag in zip(("should_enter", "entered"), flags, strict=True):
            if flag is None:
                problems.append(_bool_problem(path, line, field_name, row[field_name]))
        if name in matters:
            problems.append(
                Problem(str(path), Message(f"事项 {name} 重复", f"matter {name} repeated"), line)
            )
        if None not in flags and name:
            matters[name] = (name, bool(flags[0]), bool(flags[1]))
    if problems:
        raise InvalidInputError(problems)
    return list(matters.values())


def load_calendar(path: Path) -> dict[dt.date, bool]:
    """Read a calendar file: YAML (``days:`` list) or CSV (date, workday).

    Raises:
        InvalidInputError: the file is invalid or lists a date twice.
    """
    if path.suffix.lower() in {".yaml", ".yml"}:
        days = [(None, d.date, d.workday) for d in _validated(CalendarFile, path).days]
    else:
        days, problems = [], []
        for line, row in _csv_records(path, ("date", "workday")):
            try:
                day = dt.date.fromisoformat((row["date"] or "").strip())
            except ValueError:
                problems.append(
                    Problem(
                        str(path),
                        Message("日期应为 YYYY-MM-DD", "date should be YYYY-MM-DD"),
                        line,
                        field="date",
                    )
                )
                continue
            workday = parse_bool(row["workday"])
            if workday is None:
                problems.append(_bool_problem(path, line, "workday", row["workday"]))
            else:
                days.append((line, day, workday))
        if problems:
            raise InvalidInputError(problems)
    result: dict[dt.date, bool] = {}
    for line, day, workday in days:
        if day in result:
            raise InvalidInputError(
                [Problem(str(path), Message(f"日期 {day} 重复", f"date {day} repeated"), line)]
            )
        result[day] = workday
    return result


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


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
    """Everything ``compute`` found; renderers in ``reporters/kpi.py`` show it."""

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


# ---------------------------------------------------------------------------------------------
# Reading the case records
# ---------------------------------------------------------------------------------------------


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read_error(name: str, exc: Exception) -> GbstdError:
    detail = []
    for line in str(exc).splitlines():
        if line.startswith("Possible fix"):
            break
        if line.strip():
            detail.append(line.strip())
    text = " ".join(detail[:4])
    return GbstdError(f"{name}：无法读取：{text}", f"{name}: cannot read: {text}")


def _csv_header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError:
        raise GbstdError(
            f"{path.name}：文件不是 UTF-8 编码；请另存为 UTF-8（如 iconv -f GB18030 -t UTF-8）",
            f"{path.name}: the file is not UTF-8; save it as UTF-8 (iconv -f GB18030 -t UTF-8)",
        ) from None
    if not header:
        raise GbstdError(f"{path.name}：文件为空", f"{path.name}: the file is empty")
    names = [h.strip() for h in header]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise GbstdError(
            f"{path.name}：列名重复：{', '.join(repeated)}",
            f"{path.name}: repeated column names: {', '.join(repeated)}",
        )
    return names


def _xlsx_to_csv(path: Path, target: Path) -> None:
    """Stream the first sheet of a workbook into a UTF-8 CSV file of text values."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError) as exc:
        raise _read_error(path.name, exc) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = list(next(rows, ()) or ())
        while header and header[-1] is None:
            header.pop()
        if not header:
            raise GbstdError(
                f"{path.name}：第一个工作表为空", f"{path.name}: the first sheet is empty"
            )
        width = len(header)
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([_cell_text(h) or f"column_{i}" for i, h in enumerate(header, start=1)])
            for row in rows:
                cells = [_cell_text(v) for v in row[:width]]
                if any(cells):
                    writer.writerow(cells + [""] * (width - len(cells)))
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _open_source(con: duckdb.DuckDBPyConnection, path: Path, scratch: Path) -> str:
    """Create the view ``source`` over the case file and return its format."""
    if not path.is_file():
        raise GbstdError(f"{path}：文件不存在", f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        # Parquet is read where it lies, once per query: DuckDB reads only the columns a query
        # needs, which beats copying the whole file into memory.
        _show_rows(con, path, text_source=False)
        return "parquet"
    if suffix in {".xlsx", ".xlsm"}:
        csv_path = scratch / "sheet.csv"
        _xlsx_to_csv(path, csv_path)
        fmt = "xlsx"
    elif suffix in {".csv", ".txt"}:
        csv_path, fmt = path, "csv"
    else:
        raise UsageError(
            f"{path.name}：无法识别的格式；办件数据应为 .csv、.xlsx 或 .parquet",
            f"{path.name}: unknown format; case records must be .csv, .xlsx or .parquet",
        )
    columns = ", ".join(f"{_literal(n)}: 'VARCHAR'" for n in _csv_header(csv_path))
    # Explicit all-text columns and a strict parser: a malformed line stops the run with its
    # line number instead of being skipped, and bad values are counted after the read.
    con.execute(
        "CREATE VIEW source AS SELECT * FROM read_csv("
        f"{_literal(str(csv_path))}, header = true, auto_detect = false, "
        f"columns = {{{columns}}}, delim = ',', quote = '\"', escape = '\"', strict_mode = true)"
    )
    return fmt


def _resolve(name: str, found: Sequence[str], mapping: ColumnMapping) -> dict[str, str]:
    """Return {canonical column: column in the file}; raise when required columns are missing."""
    by_name = {f.strip().lower(): f for f in found}
    wanted = {c: mapping.columns.get(Column(c), c) for c in COLUMN_KINDS}
    resolved = {
        c: by_name[w.strip().lower()] for c, w in wanted.items() if w.strip().lower() in by_name
    }
    missing = [c for c in REQUIRED_COLUMNS if c not in resolved]
    if not missing:
        return resolved

    def shown(column: str) -> str:
        return column if wanted[column] == column else f"{column}（{wanted[column]}）"

    unused = [f for f in found if f not in resolved.values()]
    got = [c if resolved[c] == c else f"{c} ← {resolved[c]}" for c in resolved]
    zh = (
        f"{name}：缺少必需的列：{', '.join(shown(c) for c in missing)}\n"
        f"  必需的列：{', '.join(REQUIRED_COLUMNS)}\n"
        f"  找到（映射后）：{', '.join(got) or '（无）'}\n"
        f"  未使用的列：{', '.join(unused) or '（无）'}\n"
        "  列名不同时，用映射文件（columns: {规范列名: 导出列名}）对应。"
    )
    en = (
        f"{name}: missing required columns: {', '.join(shown(c) for c in missing)}\n"
        f"  required: {', '.join(REQUIRED_COLUMNS)}\n"
        f"  found (after mapping): {', '.join(got) or '(none)'}\n"
        f"  not used: {', '.join(unused) or '(none)'}\n"
        "  Map other names with a mapping file (columns: {canonical: name in export})."
    )
    raise GbstdError(zh, en)


def _words_lookup(column: str, words: dict[str, str]) -> str:
    """SQL reading a column's words as canonical values (NULL for an unknown word).

    A map look-up, not a CASE: on 10 million rows it takes a third of the time (this staging is
    DuckDB's own; docs/kpi.md says how to build ``cases`` on another engine).
    """
    pairs = ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in words.items())
    return f"map_extract_value(MAP {{{pairs}}}, lower({column}))"


def _enum_words(
    values: Iterable[str], extra: dict[str, str], user: dict[str, Any]
) -> dict[str, str]:
    words = {v: v for v in values} | extra
    words |= {k.strip().lower(): str(v) for k, v in user.items()}
    return words


def _stage(
    con: duckdb.DuckDBPyConnection,
    resolved: dict[str, str],
    mapping: ColumnMapping,
    by: str,
    plausible: tuple[dt.date, dt.date],
    *,
    text_source: bool,
) -> None:
    """Create the view ``cases``: typed values, bad-value flags, row numbers and group keys.

    Parquet stays where it is and is read anew by each query (DuckDB reads only the columns a
    query needs). Text (CSV, or XLSX turned into CSV) is parsed and typed once into a table, in
    file order, so its rowid numbers the rows; its cells are also trimmed of spaces.

    Values are read in three steps: the raw text (or native value), the value as read
    (``<name>__read`` for times and numbers of days), and the value checked: a number of days
    must be finite and a time must lie within the ``plausible`` dates, else it is NULL and its
    row carries the problem (bad_number, implausible_*).
    """
    types = {row[0]: row[1] for row in con.execute("DESCRIBE source").fetchall()}
    grades = {g.value: g.value for g in Grade} | {k: v.value for k, v in GRADE_TERMS.items()}
    words = {
        "channel": _enum_words(Channel, CHANNEL_WORDS, mapping.values.channel),
        "status": _enum_words(CaseStatus, STATUS_WORDS, mapping.values.status),
        "grade": _enum_words((), grades, mapping.values.satisfaction),
    }
    start = _literal(plausible[0].isoformat())
    end = _literal((plausible[1] + dt.timedelta(days=1)).isoformat())
    raw, typed, checked, flags, read = [], [], [], {}, {}
    for column, kind in COLUMN_KINDS.items():
        name = "window_id" if column == "window" else column
        source = resolved.get(column)
        sql_type = _SQL_TYPES.get(kind, "VARCHAR")
        if source is None:
            raw.append(f"CAST(NULL AS {sql_type}) AS {name}")
            typed.append(name)
            checked.append(name)
            continue
        src_type = types[source]
        native = (
            (kind == "time" and (src_type.startswith("TIMESTAMP") or src_type == "DATE"))
            or (kind == "bool" and src_type == "BOOLEAN")
            or (kind == "days" and (src_type in _NUMERIC or src_type.startswith("DECIMAL")))
        )
        if native:
            raw.append(f"{_ident(source)} AS {name}")
            typed.append(f"CAST({name} AS {sql_type}) AS {name}")
        else:
            text = f"CAST({_ident(source)} AS VARCHAR)" if src_type != "VARCHAR" else _ident(source)
            raw.append(f"NULLIF({f'trim({text})' if text_source else text}, '') AS {name}")
            if kind == "text":
                typed.append(name)
                checked.append(name)
                continue
            typed.append(f"{name} AS {name}__raw")
            checked.append(f"{name}__raw")
            if kind == "time":
                formats = ", ".join(_literal(f) for f in TIME_FORMATS)
                value = (
                    f"COALESCE(TRY_CAST({name} AS TIMESTAMP), try_strptime({name}, [{formats}]))"
                )
            elif kind == "days":
                value = f"TRY_CAST({name} AS DOUBLE)"
            elif kind == "bool":
                value = _words_lookup(
                    name, {w: "true" for w in TRUE_WORDS} | {w: "false" for w in FALSE_WORDS}
                )
                value = f"CAST({value} AS BOOLEAN)"
            else:
                value = _words_lookup(name, words[kind])
            typed.append(f"{value} AS {name}")
            flags[name] = kind
        # Checks on the value as read. Integers and decimals are always finite (the benchmark's
        # Parquet columns), so only floating-point numbers and text are checked.
        if kind == "time":
            check = f"CASE WHEN {name} >= TIMESTAMP {start} AND {name} < TIMESTAMP {end} THEN {name} END"
        elif kind == "days" and (not native or src_type in {"FLOAT", "DOUBLE"}):
            check = f"CASE WHEN isfinite({name}) THEN {name} END"
        else:
            checked.append(name)
            continue
        checked += [f"{check} AS {name}", f"{name} AS {name}__read"]
        read[name] = kind
    names = [("window_id" if c == "window" else c) for c in COLUMN_KINDS]
    bad = {
        "bad_accepted_at": _bad_value(flags, "accepted_at"),
        "bad_completed_at": _bad_value(flags, "completed_at"),
        "bad_number": _bad_list(flags, read, "days"),
        "bad_boolean": _bad_list(flags, read, "bool"),
        "bad_channel": _bad_value(flags, "channel", empty_too=True),
        "bad_status": _bad_value(flags, "status", empty_too=True),
        "bad_satisfaction": _bad_value(flags, "satisfaction"),
        "implausible_accepted_at": _implausible(read, "accepted_at"),
        "implausible_completed_at": _implausible(read, "completed_at"),
    }
    outer = [*names, *(f"{expr} AS {col}" for col, expr in bad.items())]
    outer.append(f"{_GROUPINGS[by][2]} AS group_extra")
    if not text_source:
        outer, typed, checked = ["row_no", *outer], ["row_no", *typed], ["row_no", *checked]
        raw.insert(0, "file_row_number + 1 AS row_no")
        # The times as read, for their first and last dates from the Parquet statistics.
        outer += [
            f"{name}__read" if name in read else f"CAST(NULL AS TIMESTAMP) AS {name}__read"
            for name in ("accepted_at", "completed_at")
        ]
    select = (
        f"SELECT {', '.join(outer)} FROM (SELECT {', '.join(checked)} "
        f"FROM (SELECT {', '.join(typed)} "
        f"FROM (SELECT {', '.join(raw)} FROM source) AS raw_text) AS typed) AS checked"
    )
    if text_source:
        con.execute(f"CREATE TABLE cases_typed AS {select}")
        _show_rows(con, None, text_source=True)
    else:
        con.execute(f"CREATE VIEW cases AS {select}")


def _show_rows(
    con: duckdb.DuckDBPyConnection,
    path: Path | None,
    *,
    text_source: bool,
    first: int = 1,
    last: int | None = None,
) -> None:
    """Make ``cases`` hold rows ``first``..``last`` (from 1, in file order; all by default).

    For Parquet this redefines the view ``source`` over the file; for text, the view ``cases``
    over the typed table. The range filters DuckDB's own row position (file_row_number,
    rowid), which lets it skip the row groups outside the range; a filter on row_no, computed
    from it, would not.
    """
    position = "rowid" if text_source else "file_row_number"
    bounds = [f"{position} >= {first - 1}"] if first > 1 else []
    bounds += [f"{position} < {last}"] if last is not None else []
    where = f" WHERE {' AND '.join(bounds)}" if bounds else ""
    if text_source:
        con.execute(
            f"CREATE OR REPLACE VIEW cases AS SELECT rowid + 1 AS row_no, * FROM cases_typed{where}"
        )
    else:
        con.execute(
            "CREATE OR REPLACE VIEW source AS SELECT * FROM "
            f"read_parquet({_literal(str(path))}, file_row_number = true){where}"
        )


def _bad_value(flags: dict[str, str], name: str, *, empty_too: bool = False) -> str:
    """SQL for the raw text of a value that could not be read (or NULL)."""
    if name not in flags:
        return "CAST(NULL AS VARCHAR)"
    raw = f"COALESCE({name}__raw, '')" if empty_too else f"{name}__raw"
    # A time outside the plausible window was read (its __read value is not NULL): not this.
    value = f"{name}__read" if flags[name] == "time" else name
    return f"CASE WHEN {value} IS NULL THEN {raw} END"


def _bad_list(flags: dict[str, str], read: dict[str, str], kind: str) -> str:
    """SQL listing ``column=text`` for every unreadable value of one kind in a row.

    For numbers of days, also every non-finite one (its check made it NULL).
    """
    parts = []
    for name in dict.fromkeys([*flags, *read]):
        if name in flags and flags[name] == kind:
            text = f"{name}__raw"
        elif name in read and read[name] == kind:  # a native number that is not finite
            text = f"CAST({name}__read AS VARCHAR)"
        else:
            continue
        parts.append(
            f"CASE WHEN {name} IS NULL AND {text} IS NOT NULL THEN {_literal(name + '=')} || {text} END"
        )
    if not parts:
        return "CAST(NULL AS VARCHAR)"
    return f"NULLIF(concat_ws(', ', {', '.join(parts)}), '')"


def _implausible(read: dict[str, str], name: str) -> str:
    """SQL for the text of a time outside the plausible window (or NULL)."""
    if name not in read:
        return "CAST(NULL AS VARCHAR)"
    return f"CASE WHEN {name} IS NULL AND {name}__read IS NOT NULL THEN CAST({name}__read AS VARCHAR) END"


# ---------------------------------------------------------------------------------------------
# Working-day calendar
# ---------------------------------------------------------------------------------------------


def _build_calendar(
    con: duckdb.DuckDBPyConnection,
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
    if start is None or end is None:
        days: dict[dt.date, bool] = {}
        con.execute("CREATE TABLE calendar_days (cal_date DATE)")
    else:
        days = {d: w for d, w in library.items() if start <= d <= end}
        con.execute(
            "CREATE TABLE calendar_days AS SELECT CAST(d AS DATE) AS cal_date "
            "FROM generate_series(CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), INTERVAL 1 DAY) "
            "AS series(d)",
            [start, end],
        )
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
    con.execute(
        "CREATE TABLE calendar_overrides AS "
        "SELECT unnest(?::DATE[]) AS cal_date, unnest(?::BOOLEAN[]) AS is_workday",
        [list(days), list(days.values())],
    )
    con.execute(_sql()["calendar"])
    (workdays,) = con.execute("SELECT COUNT(*) FROM calendar WHERE is_workday").fetchone() or (0,)
    return CalendarInfo(start, end, workdays, library_days, file_name, len(overrides), tuple(notes))


# ---------------------------------------------------------------------------------------------
# Computing
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _sql() -> dict[str, str]:
    """The named statements of ``kpi/kpi.sql``."""
    text = files("gbstd.kpi").joinpath("kpi.sql").read_text(encoding="utf-8")
    parts = re.split(r"^-- name: (\w+)[ \t]*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1].strip().rstrip(";") for i in range(1, len(parts), 2)}


def _fetch(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def compute(
    cases: Path,
    *,
    mapping: Path | None = None,
    profile: Path | None = None,
    matters: Path | None = None,
    by: GroupBy = "centre",
    calendar: Path | None = None,
    as_of: dt.date | None = None,
    list_limit: int = 1000,
) -> KpiResult:
    """Compute the window-service indicators of a file of case records.

    Args:
        cases: case records, one row per case (.csv, .xlsx or .parquet).
        mapping: a YAML mapping of another export's column names and values.
        profile: an evaluation profile (default: the bundled ``profiles/kpi.yaml``).
        matters: a CSV list of matters (matter, should_enter, entered) for 事项进驻落实率.
        by: the grouping: centre, department (within centre), window (within centre) or month.
        calendar: a YAML or CSV calendar file overriding single dates (date, workday).
        as_of: the date open cases are judged overdue at (default: the last plausible
            acceptance date). Dates after it (without it, after the run date) by more than the
            profile's ``plausible_dates.days_after_as_of`` are data problems.
        list_limit: how many abnormal cases to list (all are counted).

    Raises:
        GbstdError: an input file is missing, unreadable or lacks required columns.
        UsageError: an unknown grouping or file format.
    """
    from gbstd import __version__

    if by not in _GROUPINGS:
        raise UsageError(
            f"无法按 {by} 分组；可用 {', '.join(_GROUPINGS)}",
            f"cannot group by {by}; use {', '.join(_GROUPINGS)}",
        )
    column_mapping = load_mapping(mapping) if mapping else ColumnMapping()
    kpi_profile = load_kpi_profile(profile)
    matter_list = load_matters(matters) if matters else None
    overrides = load_calendar(calendar) if calendar else {}
    with tempfile.TemporaryDirectory(prefix="gbstd-kpi-") as scratch, duckdb.connect() as con:
        con.execute(f"SET TimeZone = {_literal(TIMEZONE)}")
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET temp_directory = {_literal(scratch)}")
        plausible = kpi_profile.plausible_dates.window(as_of)
        try:
            fmt = _open_source(con, cases, Path(scratch))
            found = [row[0] for row in con.execute("DESCRIBE source").fetchall()]
            resolved = _resolve(cases.name, found, column_mapping)
            text_source = fmt != "parquet"
            _stage(con, resolved, column_mapping, by, plausible, text_source=text_source)
        except (duckdb.InvalidInputException, duckdb.IOException) as exc:
            raise _read_error(cases.name, exc) from None
        first, last, last_done, rows = _time_bounds(con, plausible, text_source=text_source)
        as_of = as_of or last
        dates = [d for d in (first, last, last_done, as_of) if d is not None]
        calendar_info = _build_calendar(
            con,
            min(dates, default=None),
            max(dates, default=None),
            overrides,
            calendar.name if calendar else None,
        )
        con.execute(
            "CREATE TABLE satisfied_grades AS SELECT unnest(?::VARCHAR[]) AS grade",
            [[g.value for g in kpi_profile.satisfied_grades]],
        )
        con.execute(
            "CREATE TABLE run_settings AS SELECT CAST(? AS DATE) AS as_of, "
            "CAST(? AS DOUBLE) AS overdue_tolerance_days, "
            "CAST(? AS BOOLEAN) AS refused_reason_checked",
            [as_of, kpi_profile.overdue_tolerance_days, "refused_reason_given" in resolved],
        )
        for name in (
            "settings",
            "duplicates",
            "duplicate_rows",
            "fact_rows",
            "facts",
            "window_figures",
            "flag_candidates",
        ):
            con.execute(_sql()[name])
        (counted,) = _fetch(con, _sql()["issue_counts"])
        issue_counts = {issue: int(n) for issue, n in counted.items() if n}

        def show_rows(first: int, last: int | None) -> None:
            _show_rows(con, cases, text_source=text_source, first=first, last=last)

        _collect_flagged(con, show_rows, rows, list_limit, issue_counts)
        return KpiResult(
            source=cases.name,
            source_format=fmt,
            rows=rows,
            as_of=as_of,
            plausible=plausible,
            by=by,
            group_columns=_GROUPINGS[by][0],
            absent_columns=tuple(c for c in COLUMN_KINDS if c not in resolved),
            calendar=calendar_info,
            profile=kpi_profile,
            tool_version=__version__,
            **_indicator_fields(con, set(resolved), by, kpi_profile, matter_list, list_limit),
            issues=_issues(con, issue_counts, _plausible_note(plausible, kpi_profile)),
        )


def _time_bounds(
    con: duckdb.DuckDBPyConnection, plausible: tuple[dt.date, dt.date], *, text_source: bool
) -> tuple[dt.date | None, dt.date | None, dt.date | None, int]:
    """Return (first and last acceptance date, last completion date, rows), plausible dates."""
    query = (
        # Cast after MIN/MAX (the same dates, as the cast keeps order): a bare MIN/MAX of a
        # Parquet column is read from its statistics, not from its 10 million values.
        "SELECT CAST(MIN({accepted}) AS DATE), CAST(MAX({accepted}) AS DATE), "
        "CAST(MAX({completed}) AS DATE), COUNT(*) FROM cases"
    )
    if not text_source:
        # The times as read: from the statistics. Only when one lies outside the plausible
        # window are the plausible ones sought row by row.
        bounds = con.execute(
            query.format(accepted="accepted_at__read", completed="completed_at__read")
        ).fetchone()
        if bounds and all(d is None or plausible[0] <= d <= plausible[1] for d in bounds[:3]):
            return bounds
    bounds = con.execute(query.format(accepted="accepted_at", completed="completed_at"))
    return bounds.fetchone() or (None, None, None, 0)


def _plausible_note(plausible: tuple[dt.date, dt.date], profile: KpiProfile) -> Message:
    first, last = plausible
    if profile.plausible_dates == PlausibleDates():
        return Message(
            f"合理日期范围 {first} 至 {last}（本工具默认：2000-01-01 至统计基准日后 1 天，未指定"
            "基准日时为运行日期后 1 天；可在评价配置 plausible_dates 中修改）",
            f"plausible dates {first} to {last} (the toolkit's default: 2000-01-01 to a day "
            "after the as-of date, or after the run date when none is given; change it with "
            "plausible_dates in the profile)",
        )
    return Message(
        f"合理日期范围 {first} 至 {last}（评价配置 plausible_dates）",
        f"plausible dates {first} to {last} (plausible_dates in the profile)",
    )


def _collect_flagged(
    con: duckdb.DuckDBPyConnection,
    show_rows: Callable[[int, int | None], None],
    rows: int,
    list_limit: int,
    issue_counts: dict[str, int],
) -> None:
    """Create the table flagged_rows (and the view issue_rows over it), range by range.

    It starts with the file's first rows and adds growing ranges of rows until it holds the
    first ``list_limit`` abnormal cases and the first ISSUE_SAMPLES rows of each data problem,
    or the whole file.
    """
    first, size, into = 1, FIRST_RANGE, "CREATE TABLE flagged_rows AS "
    while True:
        last = first + size - 1
        to_end = last >= rows
        show_rows(first, None if to_end else last)
        con.execute(into + _sql()["flagged_rows"])
        if first == 1:
            con.execute(_sql()["issue_rows"])
        if to_end or _lists_full(con, list_limit, issue_counts):
            break
        first, size, into = last + 1, size * 4, "INSERT INTO flagged_rows "
    show_rows(1, None)


def _lists_full(
    con: duckdb.DuckDBPyConnection, list_limit: int, issue_counts: dict[str, int]
) -> bool:
    total, collected = con.execute(_sql()["abnormal_counts"]).fetchone() or (0, 0)
    if collected < min(list_limit, total or 0):
        return False
    found = dict(con.execute(_sql()["issues_collected"]).fetchall())
    return all(found.get(key, 0) >= min(ISSUE_SAMPLES, n) for key, n in issue_counts.items())


def _indicator_fields(
    con: duckdb.DuckDBPyConnection,
    present: set[str],
    by: str,
    profile: KpiProfile,
    matter_list: list[tuple[str, bool, bool]] | None,
    list_limit: int,
) -> dict[str, Any]:
    """Run the indicator, abnormal-case and data-problem queries; return KpiResult fields."""
    overall_row: dict[str, Any] = {}
    windows, groups = [], []
    names, grouping_id, _ = _GROUPINGS[by]
    group_note = Message(
        "事项清单不分组，只计算总体", "the matters list is not grouped: overall only"
    )
    entry = _entry_indicator(con, matter_list)
    entry_in_group = Indicator(entry.key, None, None, None, reason=entry.reason or group_note)
    for row in _fetch(con, _sql()["indicators"]):
        indicators = _case_indicators(row, present)
        if row["grouping_id"] == OVERALL:
            overall_row = row
        if row["grouping_id"] == WINDOWS:
            key = (("centre_id", row["centre_id"]), ("window", row["window_id"]))
            windows.append(GroupResult(key, row["cases"], (entry_in_group, *indicators)))
        if row["grouping_id"] == grouping_id:
            key = tuple((name, row[_GROUP_SOURCE[name]]) for name in names)
            groups.append(GroupResult(key, row["cases"], (entry_in_group, *indicators)))
    unchecked = tuple(
        kind
        for kind, (_, columns) in ABNORMAL_KINDS.items()
        if columns and not present.intersection(columns)
    )
    listed = [
        AbnormalCase(
            *row[:10],
            kinds=tuple(kind for kind, flag in zip(ABNORMAL_KINDS, row[10:], strict=True) if flag),
        )
        for row in con.execute(_sql()["abnormal_cases"], [list_limit]).fetchall()
    ]
    return {
        "cases": int(overall_row.get("cases") or 0),
        "period_start": overall_row.get("period_start"),
        "period_end": overall_row.get("period_end"),
        "time_excluded": int(overall_row.get("time_excluded") or 0),
        "overall": (entry, *_case_indicators(overall_row, present)),
        "groups": tuple(sorted(groups, key=_group_order)),
        "ranking": rank_windows(sorted(windows, key=_group_order), profile),
        "abnormal": AbnormalSummary(
            total=int(overall_row.get("abnormal_cases_num") or 0),
            by_kind=tuple(
                (kind, int(overall_row.get(f"abnormal_{kind}") or 0)) for kind in ABNORMAL_KINDS
            ),
            cases=tuple(listed),
            unchecked=unchecked,
        ),
    }


def _group_order(group: GroupResult) -> tuple[tuple[bool, str], ...]:
    return tuple((value is None, value or "") for _, value in group.key)


def _entry_indicator(
    con: duckdb.DuckDBPyConnection, matter_list: list[tuple[str, bool, bool]] | None
) -> Indicator:
    key = "entry_implementation_rate"
    if matter_list is None:
        return Indicator(
            key,
            None,
            None,
            None,
            reason=Message(
                "未提供事项清单文件（matter, should_enter, entered），无法计算；不作估算",
                "not computable: no matters file (matter, should_enter, entered) was given",
            ),
        )
    con.execute(
        "CREATE TABLE matters AS SELECT unnest(?::VARCHAR[]) AS matter, "
        "unnest(?::BOOLEAN[]) AS should_enter, unnest(?::BOOLEAN[]) AS entered",
        [list(column) for column in zip(*matter_list, strict=True)] or [[], [], []],
    )
    num, den = con.execute(_sql()["entry_implementation"]).fetchone() or (None, None)
    return _ratio(key, int(num or 0), int(den or 0), 0)


def _ratio(key: str, num: float, den: int, excluded: int) -> Indicator:
    if not den:
        return Indicator(
            key,
            num,
            den,
            None,
            excluded,
            reason=Message("分母为 0（没有符合条件的办件）", "the denominator is 0"),
        )
    return Indicator(key, num, den, num / den, excluded)


def _partly(columns: Sequence[str], present: set[str]) -> tuple[list[str], list[str]]:
    """(columns present, columns absent) when some but not all of ``columns`` are present."""
    used = [c for c in columns if c in present]
    absent = [c for c in columns if c not in present]
    return (used, absent) if used and absent else ([], [])


def _case_indicators(row: dict[str, Any], present: set[str]) -> tuple[Indicator, ...]:
    """Turn one row of the indicators query into Indicator values."""
    result = []
    for spec in INDICATORS[1:]:
        missing = [c for c in spec.needs if c not in present]
        if spec.needs_any and not present.intersection(spec.needs_any):
            missing.append("/".join(spec.needs_any))
        if missing:
            reason = Message(
                f"数据中没有 {'、'.join(missing)} 列，无法计算",
                f"not computable: no {', '.join(missing)} column in the data",
            )
            result.append(Indicator(spec.key, None, None, None, reason=reason))
            continue
        raw_num = row.get(f"{spec.key}_num") or 0
        num = float(raw_num) if spec.key == "speed_up_rate" else int(raw_num)
        den = int(row.get(f"{spec.key}_den") or 0)
        excluded = int(row.get(f"{spec.key}_excluded") or 0)
        if spec.key != "abnormal_cases":
            indicator = _ratio(spec.key, num, den, excluded)
            used, absent = _partly(spec.needs_any, present)
            if used:
                note = Message(
                    f"只按 {'、'.join(used)} 判断（数据中没有 {'、'.join(absent)} 列）",
                    f"judged by {', '.join(used)} only (no {', '.join(absent)} column)",
                )
                indicator = replace(indicator, note=note)
            result.append(indicator)
            continue
        notes = []
        for label, columns in ABNORMAL_KINDS.values():
            used, absent = _partly(columns, present)
            if columns and not present.intersection(columns):
                absent = list(columns)
                notes.append(
                    Message(
                        f"未检查{label.zh}（数据中没有 {'、'.join(absent)} 列）",
                        f"{label.en} not checked (no {', '.join(absent)} column)",
                    )
                )
            elif used:
                notes.append(
                    Message(
                        f"{label.zh}只按 {'、'.join(used)} 判断（数据中没有 {'、'.join(absent)} 列）",
                        f"{label.en} judged by {', '.join(used)} only "
                        f"(no {', '.join(absent)} column)",
                    )
                )
        note = None
        if notes:
            note = Message("；".join(n.zh for n in notes), "; ".join(n.en for n in notes))
        result.append(Indicator(spec.key, num, den, num, excluded, note=note))
    return tuple(result)


def _issues(
    con: duckdb.DuckDBPyConnection, counts: dict[str, int], plausible: Message
) -> tuple[DataIssue, ...]:
    samples: dict[str, list[IssueSample]] = {}
    rows = con.execute(_sql()["issue_samples"], [ISSUE_SAMPLES]).fetchall()
    for issue, row_no, case_id, value in rows:
        samples.setdefault(issue, []).append(IssueSample(row_no, case_id, value))
    details = {"implausible_date": plausible}
    return tuple(
        DataIssue(key, counts[key], tuple(samples.get(key, ())), details.get(key))
        for key in ISSUES
        if key in counts
    )


def rank_windows(windows: Sequence[GroupResult], profile: KpiProfile) -> tuple[RankedWindow, ...]:
    """Score and rank windows by the profile's weighted indicator points.

    A window's score is Σ(weight × points) ÷ Σweight over the indicators it has a value for, so
    an indicator a window has no cases for does not count against it. Windows with fewer cases
    than ``ranking.min_cases`` are listed unranked. Equal scores share a rank.
    """
    scored = []
    for window in windows:
        points = [
            (key, scoring.points(rate), scoring.weight)
            for key, scoring in profile.weighted()
            if (rate := window.indicator(key).rate) is not None
        ]
        total = sum(weight for *_, weight in points)
        score = sum(p * weight for _, p, weight in points) / total if total else None
        scored.append((window, score, tuple((key, p) for key, p, _ in points)))
    eligible = [s for s in scored if s[1] is not None and s[0].cases >= profile.ranking.min_cases]
    eligible.sort(key=lambda s: (-round(s[1] or 0, 9), -s[0].cases, _group_order(s[0])))
    ranked: list[RankedWindow] = []
    rank, previous = 0, None
    for position, (window, score, points) in enumerate(eligible, start=1):
        if previous is None or round(score or 0, 9) != previous:
            rank, previous = position, round(score or 0, 9)
        ranked.append(_ranked(rank, window, score, points))
    for window, score, points in scored:
        if all(window is not s[0] for s in eligible):
            ranked.append(_ranked(None, window, score, points))
    return tuple(ranked)


def _ranked(
    rank: int | None,
    window: GroupResult,
    score: float | None,
    points: tuple[tuple[str, float], ...],
) -> RankedWindow:
    centre, name = (value for _, value in window.key)
    return RankedWindow(rank, centre, name, window.cases, score, points)


__all__ = [
    "INDICATORS",
    "ColumnMapping",
    "DataIssue",
    "GroupResult",
    "Indicator",
    "KpiProfile",
    "KpiResult",
    "RankedWindow",
    "compute",
    "load_kpi_profile",
    "load_mapping",
    "rank_windows",
]
