"""The case records' canonical columns, and the small input files: mapping, matters, calendar."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator

from gbstd.catalogue.standard import _Model
from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Message
from gbstd.io.diagnostics import problems_from
from gbstd.io.textfile import decode, read_bytes
from gbstd.io.yamlsource import read_yaml
from gbstd.kpi.indicators import GRADE_TERMS, CaseStatus, Channel, Grade

TIMEZONE = "Asia/Shanghai"  # timestamps with a zone are read as Beijing time


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


def grade_names(value: Any) -> Any:
    """Accept the Chinese grade names wherever a grade is expected."""
    if isinstance(value, str):
        return GRADE_TERMS.get(value.strip(), value)
    if isinstance(value, list | tuple):
        return [grade_names(v) for v in value]
    if isinstance(value, dict):
        return {k: grade_names(v) for k, v in value.items()}
    return value


class ValueMaps(_Model):
    """Export values to read as canonical ones (added to the built-in words)."""

    channel: dict[str, Channel] = Field(default_factory=dict)
    status: dict[str, CaseStatus] = Field(default_factory=dict)
    satisfaction: dict[str, Grade] = Field(default_factory=dict)

    _grades = field_validator("satisfaction", mode="before")(grade_names)


class ColumnMapping(_Model):
    """How another export's columns and values map onto the canonical ones."""

    columns: dict[Column, Annotated[str, Field(min_length=1)]] = Field(  # type: ignore[valid-type]
        default_factory=dict
    )
    values: ValueMaps = ValueMaps()


class CalendarDay(_Model):
    """One date of a calendar file."""

    date: dt.date
    workday: bool


class CalendarFile(_Model):
    """A calendar file in YAML: ``days: [{date: 2026-10-09, workday: false}, ...]``."""

    days: tuple[CalendarDay, ...]


def validated(model: type[Any], path: Path) -> Any:
    """Read a YAML file into ``model``; invalid fields are problems with their lines."""
    document = read_yaml(path)
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None


def load_mapping(path: Path) -> ColumnMapping:
    """Load a column mapping file.

    Raises:
        InvalidInputError: the file is missing or invalid.
    """
    return validated(ColumnMapping, path)


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
        days = [(None, d.date, d.workday) for d in validated(CalendarFile, path).days]
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
