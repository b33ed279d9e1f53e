"""Write the questionnaire workbook (自评表) a centre fills in instead of the YAML.

The layout comes from ``description.questionnaire`` (generated from the model). Each area is a
sheet of questions — 序号, 问题, 答案, 单位, 说明, 依据, 字段 — where only the answer is
editable; lists of blocks are table sheets, one row per item. Answers are typed with Excel's
own data validation (drop-downs of Chinese words, whole numbers, decimals, dates); sheets are
protected without a password (against slips, not people), headers frozen, A4 landscape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gbstd.description.base import FORMAT_VERSION
from gbstd.description.factinfo import fact_label, fact_note
from gbstd.description.questionnaire import (
    EMPTY,
    FORMAT,
    LIST_SEPARATOR,
    META_SHEET,
    QUESTION_HEADER,
    Answer,
    Question,
    QuestionSheet,
    Sheet,
    TableSheet,
    get_path,
    omitted_columns,
)
from gbstd.i18n import Message
from gbstd.reports.excel import (
    BORDER,
    FORMULA_TRIGGERS,
    HEADER_FILL,
    HEADER_FONT,
    Column,
    fitted_height,
    print_setup,
    safe_text,
)

GUIDE_SHEET = "填表说明"
GUIDE_COLUMNS = (Column(Message("", ""), 114),)  # A and B (14 + 100), merged for each line
ANSWER_COLUMN = 3  # C: the only editable column of a question sheet
QUESTION_COLUMNS = tuple(
    Column(Message(h, h), w)
    for h, w in zip(QUESTION_HEADER, (5, 36, 14, 11, 38, 19, 24), strict=True)
)
# Printed, a wrapped line of Chinese takes more room than Excel's estimate: CJK fonts set 11 pt
# text about 16 pt apart, quotes (“”) are full width, and lines break early at punctuation
# and at the hyphens of requirement ids. Heights are estimated with these margins, so that
# the last line of a note is not cut off on paper (seen in LibreOffice's PDF).
LINE_HEIGHT, USABLE_SHARE = 16.0, 0.9
TABLE_ROWS = 100  # empty rows offered for a list, beyond the items already stated
PRINTED_EMPTY_ROWS = 15  # of which printed, to fill in by hand
OPEN = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
ANSWER_FILL = PatternFill("solid", fgColor="FFF9E5")
SECTION_FILL = PatternFill("solid", fgColor="DDEBF7")
GREY = Font(color="808080", size=8)
SECTION_FONT = Font(bold=True)
# Named styles: one assignment per cell (setting attributes one by one costs a lookup each).
OPEN_STYLE, OPEN_DATE_STYLE = "gbstd open", "gbstd open date"  # a table's answer cells
TEXT_STYLE, PATH_STYLE = "gbstd question", "gbstd path"
ANSWER_STYLE, ANSWER_DATE_STYLE = "gbstd answer", "gbstd answer date"


def _styles() -> list[NamedStyle]:
    date = "yyyy-mm-dd"
    top = Alignment(vertical="top")
    return [
        NamedStyle(OPEN_STYLE, protection=OPEN, border=BORDER),
        NamedStyle(OPEN_DATE_STYLE, protection=OPEN, border=BORDER, number_format=date),
        NamedStyle(TEXT_STYLE, alignment=WRAP, border=BORDER),
        NamedStyle(PATH_STYLE, alignment=top, border=BORDER, font=GREY),
        NamedStyle(ANSWER_STYLE, protection=OPEN, fill=ANSWER_FILL, alignment=WRAP, border=BORDER),
        NamedStyle(
            ANSWER_DATE_STYLE,
            protection=OPEN,
            fill=ANSWER_FILL,
            alignment=WRAP,
            border=BORDER,
            number_format=date,
        ),
    ]


def questionnaire_bytes(
    sheets: Sequence[Sheet],
    data: Mapping[str, Any] | None = None,
    feeds: Mapping[str, Sequence[str]] | None = None,
    title: str = "政务服务中心标准化自评表",
) -> bytes:
    """The .xlsx file: ``data`` (a JSON-mode self-description) fills the answers.

    ``feeds`` names, for a fact path, the requirements whose checks read it (the 依据 column).
    """
    from io import BytesIO

    buffer = BytesIO()
    build_questionnaire(sheets, data or {}, feeds or {}, title).save(buffer)
    return buffer.getvalue()


def build_questionnaire(
    sheets: Sequence[Sheet],
    data: Mapping[str, Any],
    feeds: Mapping[str, Sequence[str]],
    title: str,
) -> Workbook:
    """The questionnaire as an openpyxl workbook (see ``write_questionnaire``)."""
    workbook = Workbook()
    for style in _styles():
        workbook.add_named_style(style)
    guide = workbook.active
    guide.title = GUIDE_SHEET
    _write_guide(guide, sheets, title)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title)
        if isinstance(sheet, QuestionSheet):
            _write_questions(ws, sheet, data, feeds)
        else:
            _write_table(ws, sheet, data)
    meta = workbook.create_sheet(META_SHEET)
    meta.append([FORMAT])
    for sheet in sheets:
        if isinstance(sheet, TableSheet):
            # Columns left out on purpose, so that reading it back does not call them deleted.
            meta.append([sheet.title, sheet.path, LIST_SEPARATOR.join(omitted_columns(sheet))])
        else:
            meta.append([sheet.title, ""])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    return workbook


def _write_guide(ws: Any, sheets: Sequence[Sheet], title: str) -> None:
    notes = [
        "怎样填写：",
        "1. 每个工作表是一个方面；只填写黄色的“答案”单元格，其他单元格已锁定（无密码保护，防止误改）。",
        "2. 是/否和选项从下拉列表中选择；数字、日期（如 2026-06-30）按“单位”列的要求填写。",
        "3. 不掌握的情况留空：留空表示“未说明”，相关要求评为“无法评估”并列入待补充资料，不算不符合。",
        (
            "4. 清单类工作表（部门、事项、标准、证据等）每行一项；整张清单确实为空时，"
            f"在第一行第一格填“{EMPTY}”。"
        ),
        "5. 灰色的“字段”列是自述文件（YAML）中的字段路径，供核对，请勿修改；请勿增删工作表、行标题和列。",
        (
            "6. 填好后：gbstd validate 本文件（检查）；gbstd assess 本文件（评估）；"
            "gbstd convert 本文件 centre.yaml（转为 YAML）。"
        ),
        "",
        (
            "本表的工作表与问题由 gbstd 根据自述文件格式生成；“依据”列列出读取该事实的要求编号"
            "（gbstd 的编号体系，不是标准条款号）。"
        ),
        "工作表：" + "、".join(s.title for s in sheets),
    ]
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 100
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    for label in ("填报单位", "填报人", "联系电话", "填报日期"):  # for the paper copy; not read
        ws.append([label])
        cell = ws.cell(ws.max_row, 2)
        cell.protection, cell.fill, cell.border = OPEN, ANSWER_FILL, BORDER
    ws.append([])
    # A table explains its columns in header comments, which do not print: on paper, the
    # guide says what each column asks (and its choices) instead.
    columns = [
        line
        for sheet in sheets
        if isinstance(sheet, TableSheet)
        for line in (
            "",
            f"“{sheet.title}”各列：",
            *(f"· {c.label}：{c.note}" for c in sheet.columns if c.note),
        )
    ]
    for line in (*notes, *columns):
        ws.append([line])
        row = ws.max_row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.cell(row, 1).alignment = WRAP
        height = _height([line], GUIDE_COLUMNS)
        if height:
            ws.row_dimensions[row].height = height
    ws.protection.sheet = True
    print_setup(ws, repeat_header=False)


def _cell(ws: Any, row: int, column: int, value: Any) -> Any:
    cell = ws.cell(row, column)
    value = safe_text(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"  # a name beginning with = is text, never a formula
        cell.quotePrefix = True
    return cell


class _Validations:
    """One data validation per kind of answer on a sheet, each collecting its cells."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.by_kind: dict[Any, DataValidation] = {}

    def add(self, answer: Answer, ref: str) -> None:
        key = (answer.kind, answer.choices, answer.minimum, answer.maximum)
        if key not in self.by_kind:
            rule = _rule(answer)
            if rule is None:
                return
            self.by_kind[key] = rule
            self.ws.add_data_validation(rule)
        self.by_kind[key].add(ref)


def _rule(answer: Answer) -> DataValidation | None:
    common = {"allow_blank": True, "showErrorMessage": True, "errorTitle": "填写有误"}
    words = answer.words()
    if words:
        return DataValidation(
            type="list", formula1='"' + ",".join(words) + '"', error="请从下拉列表中选择", **common
        )
    if answer.kind in {"int", "float"}:
        low = answer.minimum if answer.minimum is not None else -1e15
        high = answer.maximum if answer.maximum is not None else 1e15
        return DataValidation(
            type="whole" if answer.kind == "int" else "decimal",
            operator="between",
            formula1=str(low),
            formula2=str(high),
            error=f"应为{answer.unit()}",
            **common,
        )
    if answer.kind == "date":
        return DataValidation(
            type="date",
            operator="between",
            formula1="36526",  # 2000-01-01 .. 9999-12-31 as Excel serial days
            formula2="2958465",
            error="应为日期，如 2026-06-30",
            **common,
        )
    return None


def _write_questions(
    ws: Any, sheet: QuestionSheet, data: Mapping[str, Any], feeds: Mapping[str, Sequence[str]]
) -> None:
    for index, column in enumerate(QUESTION_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    for index, header in enumerate(QUESTION_HEADER, start=1):
        cell = ws.cell(1, index, header)
        cell.font, cell.fill, cell.alignment, cell.border = HEADER_FONT, HEADER_FILL, WRAP, BORDER
    validations = _Validations(ws)
    row, seen, previous = 2, set(), None
    for number, question in enumerate(sheet.questions, start=1):
        parent = question.path.rpartition(".")[0]
        if parent and parent not in seen:  # a heading where a block begins, once
            seen.add(parent)
            # The block's own note (what a written rule is about) says what its rows ask of.
            heading = ("", fact_label(parent), "", "", fact_note(parent))
            for column, value in enumerate(heading, start=1):
                _cell(ws, row, column, value or None).alignment = WRAP
            for column in range(1, len(QUESTION_HEADER) + 1):
                ws.cell(row, column).fill = SECTION_FILL
            ws.cell(row, 2).font = SECTION_FONT
            height = _height(heading)
            if height:
                ws.row_dimensions[row].height = height
            row += 1
        values = [
            number,
            question.label,
            _answer_value(question, data),
            question.answer.unit(),
            question.note,
            _feeds(question, previous, feeds),
            question.key,
        ]
        previous = question
        answer_style = ANSWER_DATE_STYLE if question.answer.kind == "date" else ANSWER_STYLE
        for column, value in enumerate(values, start=1):
            style = {ANSWER_COLUMN: answer_style, 7: PATH_STYLE}.get(column, TEXT_STYLE)
            _cell(ws, row, column, value).style = style
        height = _height(values[:-1])  # the grey path may wrap
        if height:
            ws.row_dimensions[row].height = height
        validations.add(question.answer, f"C{row}")
        row += 1
    _finish(ws, "C2", f"A1:G{row - 1}", "1:1")


def _feeds(
    question: Question, previous: Question | None, feeds: Mapping[str, Sequence[str]]
) -> str:
    """The 依据 cell: the requirements reading the fact, once for a list of choices' rows."""
    ids = "、".join(feeds.get(question.path, ()))
    if ids and question.member is not None and previous and previous.path == question.path:
        return "同上"  # the list is read whole: its rows feed the same requirements
    return ids


def _height(values: Sequence[Any], columns: Sequence[Column] = QUESTION_COLUMNS) -> float | None:
    """A row's height that shows its longest cell whole when printed."""
    snug = [Column(c.header, c.width * USABLE_SHARE) for c in columns]
    height = fitted_height(values, snug)  # 15 pt a line, Excel's own spacing
    return None if height is None else height / 15.0 * LINE_HEIGHT


def _answer_value(question: Question, data: Mapping[str, Any]) -> Any:
    value = get_path(data, question.path)
    if question.member is not None:
        return None if value is None else question.answer.to_cell(question.member.value in value)
    return question.answer.to_cell(value)


def _write_table(ws: Any, sheet: TableSheet, data: Mapping[str, Any]) -> None:
    items = get_path(data, sheet.path)
    widths = []
    for index, column in enumerate(sheet.columns, start=1):
        mark = "（必填）" if column.required else ""
        head = ws.cell(1, index, f"{column.label}{mark}")
        head.font, head.fill, head.alignment, head.border = HEADER_FONT, HEADER_FILL, WRAP, BORDER
        if column.note:  # a table has no 说明 column: the note shows on the header
            head.comment = Comment(column.note, "gbstd", width=260, height=90)
        key = ws.cell(2, index, column.name)
        key.font = GREY
        width = 30 if column.answer.kind == "text" and index == 1 else 14
        if column.answer.kind in {"text", "texts"} and index > 1:
            width = 22
        widths.append(width)
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[1].height = 15.0 * max(
        1, *(-(-len(ws.cell(1, i).value) * 2 // max(w - 1, 1)) for i, w in enumerate(widths, 1))
    )
    rows = list(items or [])
    last = 2 + len(rows) + TABLE_ROWS
    if items == []:
        _cell(ws, 3, 1, EMPTY)
    for offset, item in enumerate(rows):
        for index, column in enumerate(sheet.columns, start=1):
            _cell(ws, 3 + offset, index, column.answer.to_cell(item.get(column.name)))
    validations = _Validations(ws)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        # A named style is one assignment per cell; three attributes each cost a style lookup.
        style = OPEN_DATE_STYLE if column.answer.kind == "date" else OPEN_STYLE
        for row in range(3, last + 1):
            ws.cell(row, index).style = style
        validations.add(column.answer, f"{letter}3:{letter}{last}")
    end = get_column_letter(len(sheet.columns))
    _finish(ws, "B3", f"A1:{end}{2 + len(rows) + PRINTED_EMPTY_ROWS}", "1:2")
    ws.protection.insertRows = False  # a longer list: insert rows (they keep the validation)


def _finish(ws: Any, freeze: str, area: str, titles: str) -> None:
    ws.freeze_panes = freeze
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    print_setup(ws, repeat_header=True)
    ws.print_title_rows = titles
    ws.print_area = area
    ws.oddFooter.center.text = "&A  &P / &N"


def starter_data(level: str, name: str | None, presets: Mapping[str, Any]) -> dict[str, Any]:
    """The answers a new questionnaire starts with: the centre's kind and a name to replace."""
    data: dict[str, Any] = {"format_version": FORMAT_VERSION, **presets}
    data["centre"] = {
        **data.get("centre", {}),
        "name": name or "（请填写中心名称）",
        "level": level,
    }
    return data
