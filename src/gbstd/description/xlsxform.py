"""Read a filled-in questionnaire workbook (自评表) back into self-description data.

The workbook is streamed within the caps of ``io.xlsxinput`` (no zip bomb, no far-cell blow-up;
formulas are kept as formulas, never computed, and refused where an answer should be). Rows are
found by their grey field column and table columns by their field-name row, so a moved row
still reads; a changed header, an unknown field, a deleted sheet or a cell of the wrong type is
a problem naming its sheet and cell, and every problem is reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from gbstd.description.base import FORMAT_VERSION
from gbstd.description.factinfo import field_title
from gbstd.description.questionnaire import (
    EMPTY,
    FORMAT,
    FORMAT_1,
    LIST_SEPARATOR,
    META_SHEET,
    QUESTION_HEADER,
    ROWS_OF_FORMAT_1,
    Answer,
    Question,
    QuestionSheet,
    TableSheet,
    layout,
    set_path,
)
from gbstd.errors import Problem
from gbstd.i18n import Message
from gbstd.io.xlsxinput import open_workbook, sheet_rows

ANSWER, KEY = 2, 6  # 0-based: column C holds the answer, G the field path
MAX_PROBLEMS = 100

DataPath = tuple[str | int, ...]


@dataclass
class ReadQuestionnaire:
    """What a workbook says: the data, where each value came from, and what was wrong."""

    data: dict[str, Any] = field(default_factory=lambda: {"format_version": FORMAT_VERSION})
    cells: dict[DataPath, str] = field(default_factory=dict)  # data path → 场所!C7
    problems: list[Problem] = field(default_factory=list)


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


class _Reader:
    def __init__(self, path: Path) -> None:
        self.name = str(path)
        self.out = ReadQuestionnaire()
        self.members: dict[str, dict[str, bool]] = {}
        self.member_cells: dict[str, str] = {}
        self.format_1 = False  # written for format version 1 (see ROWS_OF_FORMAT_1)
        self.legacy: dict[str, list[str]] = {}
        self.omitted: dict[str, set[str]] = {}  # by table sheet: columns not asked when written

    def problem(self, where: str, zh: str, en: str, path: str | None = None) -> None:
        label = None
        if path:
            title = field_title(path)
            label = Message(title, field_title(path, "en") or title) if title else None
        self.out.problems.append(
            Problem(self.name, Message(f"{where}：{zh}", f"{where}: {en}"), field=path, label=label)
        )

    def value(self, where: str, cell: Any, answer: Answer, path: str) -> tuple[Any, bool]:
        """The cell's fact, or (None, False) after noting a problem."""
        if getattr(cell, "data_type", None) == "f":
            self.problem(
                where,
                f"答案单元格中是公式（{_shown(cell.value)}），gbstd 不计算公式；请填写数值本身",
                f"the answer cell holds a formula ({_shown(cell.value)}); gbstd does not "
                "compute formulas, enter the value itself",
                path,
            )
            return None, False
        value, error = answer.from_cell(cell.value)
        if error:
            self.problem(
                where,
                f"{error}，实际为“{_shown(cell.value)}”",
                f"expected {answer.unit()}, found {_shown(cell.value)!r}",
                path,
            )
            return None, False
        return value, True

    def questions(self, sheet: QuestionSheet, rows: Any) -> None:
        by_key = {q.key: q for q in sheet.questions}
        _, header = next(rows, (1, ()))
        for index, expected in enumerate(QUESTION_HEADER):
            found = header[index].value if index < len(header) else None
            if found != expected:
                where = f"{sheet.title}!{get_column_letter(index + 1)}1"
                self.problem(
                    where,
                    f"表头应为“{expected}”，实际为“{found or ''}”（请勿插入、删除或改动列）",
                    f"the header should be {expected!r}, found {found!r} "
                    "(do not insert, delete or rename columns)",
                )
                return
        seen: dict[str, str] = {}
        for number, cells in rows:
            key = cells[KEY].value if len(cells) > KEY else None
            if key is None or (isinstance(key, str) and not key.strip()):
                continue
            where = f"{sheet.title}!C{number}"
            question = by_key.get(str(key).strip())
            if question is None and self.format_1 and str(key).strip() in ROWS_OF_FORMAT_1:
                path, member = ROWS_OF_FORMAT_1[str(key).strip()]
                value, ok = self.value(where, cells[ANSWER], Answer("bool"), path)
                if ok and value is not None:
                    self.members.setdefault(path, {})[member] = value
                    self.member_cells.setdefault(path, where)
                    self.legacy.setdefault(path, []).append(member)
                continue
            if question is None:
                self.problem(
                    f"{sheet.title}!G{number}",
                    f"未知的字段“{_shown(key)}”（字段列请勿修改）",
                    f"unknown field {_shown(key)!r} (do not edit the field column)",
                )
                continue
            if question.key in seen:
                self.problem(
                    where,
                    f"与 {seen[question.key]} 重复（同一问题只能出现一次）",
                    f"repeats {seen[question.key]} (each question once)",
                    question.path,
                )
                continue
            seen[question.key] = where
            self.answer(question, cells[ANSWER], where)

    def answer(self, question: Question, cell: Any, where: str) -> None:
        if question.member is None:  # a blank answer still has a cell: "missing" is named there
            self.out.cells[tuple(question.path.split("."))] = where
        value, ok = self.value(where, cell, question.answer, question.path)
        if not ok or value is None:
            return
        if question.member is not None:
            self.members.setdefault(question.path, {})[question.member.value] = value
            self.member_cells.setdefault(question.path, where)
            return
        set_path(self.out.data, question.path, value)

    def table_columns(self, sheet: TableSheet, number: int, keys: Any) -> dict[int, Any]:
        """The table's columns by position, from its row of field names."""
        columns: dict[int, Any] = {}
        wanted = {c.name: c for c in sheet.columns}
        for index, cell in enumerate(keys):
            name = cell.value
            if name is None or (isinstance(name, str) and not name.strip()):
                continue
            column = wanted.pop(str(name).strip(), None)
            if column is None:
                self.problem(
                    f"{sheet.title}!{get_column_letter(index + 1)}{number}",
                    f"未知的列“{_shown(name)}”（第 2 行的字段名请勿修改）",
                    f"unknown column {_shown(name)!r} (do not edit the field names in row 2)",
                )
                continue
            columns[index] = column
        for name in wanted:
            if name in self.omitted.get(sheet.title, ()):
                continue  # left out when written: the column does not apply to this centre
            self.problem(
                f"{sheet.title}!{number}",
                f"缺少列“{name}”（请勿删除列）",
                f"column {name!r} is missing (do not delete columns)",
            )
        return columns

    def table(self, sheet: TableSheet, rows: Any) -> None:
        next(rows, None)  # the Chinese headers: for people
        number, keys = next(rows, (2, ()))
        columns = self.table_columns(sheet, number, keys)
        items: list[dict[str, Any]] = []
        empty_declared = False
        for number, cells in rows:
            filled = [(i, c) for i, c in enumerate(cells) if c.value not in (None, "")]
            if not filled:
                continue
            if len(filled) == 1 and filled[0][0] == 0 and str(filled[0][1].value).strip() == EMPTY:
                empty_declared = True
                continue
            item: dict[str, Any] = {}
            at = (*sheet.path.split("."), len(items))
            for index, column in columns.items():
                self.out.cells[(*at, column.name)] = (
                    f"{sheet.title}!{get_column_letter(index + 1)}{number}"
                )
            for index, cell in filled:
                column = columns.get(index)
                where = f"{sheet.title}!{get_column_letter(index + 1)}{number}"
                if column is None:
                    self.problem(
                        where,
                        "该列没有字段名，内容不会被读取；请删除",
                        "this column has no field name and would not be read; delete it",
                    )
                    continue
                value, ok = self.value(
                    where, cell, column.answer, f"{sheet.path}[{len(items)}].{column.name}"
                )
                if ok and value is not None:
                    item[column.name] = value
            self.out.cells[at] = f"{sheet.title}!A{number}"
            items.append(item)
        if items or empty_declared:
            set_path(self.out.data, sheet.path, items)

    def finish(self, sheets: list[Any]) -> None:
        for sheet in sheets:
            if not isinstance(sheet, QuestionSheet):
                continue
            for path in {q.path for q in sheet.questions if q.member is not None}:
                answered = self.members.get(path)
                if not answered:
                    continue
                choices = [q.member.value for q in sheet.questions if q.path == path and q.member]
                choices += self.legacy.get(path, [])
                set_path(self.out.data, path, [m for m in choices if answered.get(m)])
                self.out.cells[tuple(path.split("."))] = self.member_cells[path]


def read_questionnaire(path: Path) -> ReadQuestionnaire:
    """Read a questionnaire workbook; problems are collected, not raised.

    Raises:
        InvalidInputError: the file is no readable .xlsx or is over a cap (from ``xlsxinput``).
    """
    reader = _Reader(path)
    sheets = {s.title: s for s in layout()}
    with open_workbook(path) as workbook:
        listed = _listed(reader, workbook)
        for title in listed:
            sheet = sheets.get(title)
            if sheet is None:
                reader.problem(META_SHEET, f"未知的工作表“{title}”", f"unknown sheet {title!r}")
                continue
            if title not in workbook.sheetnames:
                reader.problem(
                    title,
                    "缺少该工作表（请勿删除或重命名工作表）",
                    "this sheet is missing (do not delete or rename sheets)",
                )
                continue
            rows = sheet_rows(reader.name, workbook[title])
            if isinstance(sheet, QuestionSheet):
                reader.questions(sheet, rows)
            else:
                reader.table(sheet, rows)
    reader.finish(list(sheets.values()))
    if len(reader.out.problems) > MAX_PROBLEMS:
        rest = len(reader.out.problems) - MAX_PROBLEMS
        reader.out.problems[MAX_PROBLEMS:] = [
            Problem(reader.name, Message(f"另有 {rest} 个问题未列出", f"{rest} more problems"))
        ]
    return reader.out


def _listed(reader: _Reader, workbook: Any) -> list[str]:
    """The sheets the workbook was written with (its hidden ``_gbstd`` sheet lists them)."""
    if META_SHEET not in workbook.sheetnames:
        reader.problem(
            "工作簿",
            f"不是 gbstd 自评表（缺少隐藏的 {META_SHEET} 工作表）；请用 gbstd init -o 自评表.xlsx 生成",
            f"not a gbstd questionnaire (the hidden {META_SHEET} sheet is missing); "
            "make one with gbstd init -o questionnaire.xlsx",
        )
        return []
    rows = [cells for _, cells in sheet_rows(reader.name, workbook[META_SHEET])]
    if rows and rows[0][0].value == FORMAT_1:
        reader.format_1 = True
        reader.out.data["format_version"] = 1
    elif not rows or rows[0][0].value != FORMAT:
        reader.problem(
            f"{META_SHEET}!A1",
            f"不是本版本的 gbstd 自评表（应为 {FORMAT}）",
            f"not a questionnaire of this gbstd version (expected {FORMAT})",
        )
        return []
    listed = []
    for cells in rows[1:]:
        if not cells or not cells[0].value:
            continue
        listed.append(str(cells[0].value))
        omitted = cells[2].value if len(cells) > 2 else None
        if isinstance(omitted, str) and omitted:
            reader.omitted[str(cells[0].value)] = set(omitted.split(LIST_SEPARATOR))
    return listed
