"""Read back the 整改计划 sheet of a gap-report workbook, as the centre filled it in.

Columns are found by their headers (Chinese or English, as ``excel.ACTION_COLUMNS`` writes
them), so a centre may reorder or add columns; owners, deadlines and statuses are what it
edits. Every problem names the file, the cell and the column.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from gbstd.assessment.actions import PlanEntry
from gbstd.assessment.results import ACTION_STATUS_LABELS
from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Message
from gbstd.io.xlsxinput import open_workbook, sheet_rows
from gbstd.reports.excel import ACTION_COLUMNS, SHEETS

_FIELDS = ("number", "cause", "action", "closes", "department", "owner", "deadline", "status")
# Header text (either language) → field.
_HEADERS = {
    text: field
    for column, field in zip(ACTION_COLUMNS, _FIELDS, strict=False)
    for text in (column.header.zh, column.header.en)
}
_STATUSES = {
    text: key for key, label in ACTION_STATUS_LABELS.items() for text in (label.zh, label.en, key)
}


def _get(columns: dict[str, int], values: list[Any], field: str) -> Any:
    index = columns.get(field)
    return values[index] if index is not None and index < len(values) else None


def _problem(name: str, cell: str, zh: str, en: str) -> Problem:
    return Problem(name, Message(f"{cell}：{zh}", f"{cell}: {en}"))


def _date(value: Any) -> date | str | None:
    """A cell's date, None when blank, or the text when it is no date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return str(value)


def read_plan(path: Path) -> tuple[PlanEntry, ...]:
    """The rows of the 整改计划 sheet of ``path``.

    Raises:
        InvalidInputError: no such sheet or columns, a deadline that is no date, or a status
            that is none of 未开始/进行中/已完成 (each located by cell).
    """
    from openpyxl.utils import get_column_letter

    name = str(path)
    with open_workbook(path) as workbook:
        titles = (SHEETS["actions"].zh, SHEETS["actions"].en)
        sheet = next((t for t in titles if t in workbook.sheetnames), None)
        if sheet is None:
            raise InvalidInputError(
                [
                    Problem(
                        name,
                        Message(
                            "没有「整改计划」工作表（应为 gbstd assess -o …xlsx 生成的工作簿）",
                            "no sheet 'Action plan' (expected a workbook of gbstd assess -o …xlsx)",
                        ),
                    )
                ]
            )
        columns: dict[str, int] = {}
        entries: list[PlanEntry] = []
        problems: list[Problem] = []
        for number, cells in sheet_rows(name, workbook[sheet]):
            values = [c.value for c in cells]
            if number == 1:
                columns = {
                    _HEADERS[str(v).strip()]: i
                    for i, v in enumerate(values)
                    if v is not None and str(v).strip() in _HEADERS
                }
                missing = [
                    f
                    for f in ("cause", "closes", "owner", "deadline", "status")
                    if f not in columns
                ]
                if missing:
                    raise InvalidInputError(
                        [
                            Problem(
                                name,
                                Message(
                                    f"工作表 {sheet} 第 1 行缺少列：{'、'.join(missing)}",
                                    f"sheet {sheet} row 1 lacks the columns: {', '.join(missing)}",
                                ),
                            )
                        ]
                    )
                continue

            cause = _get(columns, values, "cause")
            if cause is None or str(cause).strip() == "":
                continue  # a blank row, or the note below the table
            cell = f"{sheet}!{{}}{number}"
            deadline = _date(_get(columns, values, "deadline"))
            if isinstance(deadline, str):
                where = cell.format(get_column_letter(columns["deadline"] + 1))
                problems.append(
                    _problem(
                        name,
                        where,
                        f"完成期限「{deadline}」不是日期",
                        f"deadline {deadline!r} is not a date",
                    )
                )
                deadline = None
            status_text = str(_get(columns, values, "status") or "未开始").strip()
            status = _STATUSES.get(status_text)
            if status is None:
                where = cell.format(get_column_letter(columns["status"] + 1))
                problems.append(
                    _problem(
                        name,
                        where,
                        f"状态「{status_text}」应为 未开始、进行中 或 已完成",
                        f"status {status_text!r} should be one of not started, in progress, done",
                    )
                )
                status = "open"
            closes = (
                str(_get(columns, values, "closes") or "").replace("，", "、").replace(",", "、")
            )
            entries.append(
                PlanEntry(
                    row=number,
                    number=str(_get(columns, values, "number") or ""),
                    cause_label=str(cause).strip(),
                    closes=tuple(r.strip() for r in closes.split("、") if r.strip()),
                    owner=str(_get(columns, values, "owner") or "").strip(),
                    deadline=deadline,
                    status=status,
                )
            )
    if problems:
        raise InvalidInputError(problems)
    return tuple(entries)
