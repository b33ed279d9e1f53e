"""The Excel workbook of ``gbstd kpi``: 概览 with a chart, groups, the ranking, abnormal cases.

Laid out from :func:`gbstd.reports.kpisummary.summarise`, so it shows what the HTML and Word
reports show; only the long lists (every window, every abnormal case) are the workbook's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from gbstd.i18n import Lang, Message
from gbstd.kpi.indicators import ABNORMAL_KINDS
from gbstd.kpi.results import KpiResult
from gbstd.reports.excel import (
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    LEFT,
    TABLE_STYLE,
    WRAP,
    Column,
    _append,
    _finish_table,
    _letter,
    _next_row,
    _prepare_table,
    add_styles,
    fitted_height,
    print_setup,
    safe_text,
    text_cell,
)
from gbstd.reports.kpisummary import Cell, KpiSummary, Table, ranking_table, summarise

FORMATS = {"pct": "0.0%", "int": "#,##0", "num": "0.0", "score": "0.0", "text": "General"}
DATETIME = "yyyy-mm-dd hh:mm"
SHEETS = {
    "overview": Message("概览", "Overview"),
    "groups": Message("分组指标", "By group"),
    "ranking": Message("窗口排名", "Window ranking"),
    "abnormal": Message("异常办理", "Abnormal cases"),
    "issues": Message("数据问题", "Data problems"),
}
OVERVIEW_WIDTHS = (18, 12, 12, 12, 12, 44)  # the overall table and the short rankings
NOTE = Message("说明", "Note")
FACT = Alignment(horizontal="left", vertical="top")
CHART_ROWS = 18  # rows left free under the chart's anchor
CHART_DATA_COLUMN = 26  # Z: the chart's series, hidden, kept apart from the tables people read
ABNORMAL_COLUMNS = (
    Column(Message("行号", "Row"), 8),
    Column(Message("办件编号", "Case id"), 18),
    Column(Message("中心", "Centre"), 10),
    Column(Message("部门", "Department"), 14),
    Column(Message("窗口", "Window"), 10),
    Column(Message("事项", "Matter"), 20),
    Column(Message("受理时间", "Accepted"), 18),
    Column(Message("办结时间", "Completed"), 18),
    Column(Message("承诺工作日", "Promised days"), 10),
    Column(Message("实际工作日", "Working days"), 10),
    Column(Message("异常情形", "Situations"), 30),
)
ISSUE_COLUMNS = (
    Column(Message("数据问题", "Data problem"), 24),
    Column(Message("行数", "Rows"), 10),
    Column(Message("处理", "Handling"), 36),
    Column(Message("示例（行号 办件编号：值）", "Examples (row case id: value)"), 60),
)


def _cell(ws: Worksheet, cell: Cell, *, bold: bool = False) -> Any:
    value = cell.value
    if isinstance(value, float):  # rounded as shown: 0.1234 shows 12.3%, 2613.336 shows 2613.3
        value = round(value, 4 if cell.kind == "pct" else 1)
    style: dict[str, Any] = {"number_format": FORMATS[cell.kind]}
    if bold:
        style["font"] = Font(bold=True)
    return text_cell(ws, value, TABLE_STYLE, **style)


def _table(ws: Worksheet, table: Table, widths: Sequence[float]) -> None:
    """Write ``table``: its title, header, rows and note."""
    ws.append([text_cell(ws, table.title, font=Font(bold=True, size=12))])
    columns = [Column(Message(h, h), w) for h, w in zip(table.headers, widths, strict=False)]
    header = [
        text_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL, alignment=WRAP, border=BORDER)
        for h in table.headers
    ]
    _append(ws, header, table.headers, columns)
    for index, row in enumerate(table.rows):
        cells = [_cell(ws, c, bold=index == table.emphasised) for c in row]
        _append(ws, cells, [c.text() for c in row], columns)
    if table.note:
        ws.append([text_cell(ws, table.note, font=Font(italic=True, color="595959"))])
    ws.append([None])  # a cell, so that max_row counts the row


def _page_header(ws: Worksheet, summary: KpiSummary) -> None:
    ws.oddHeader.center.text = safe_text(f"{summary.title}　{summary.facts[0][1]}")[:200]


def _overview(workbook: Workbook, summary: KpiSummary, lang: Lang) -> None:
    ws = workbook.create_sheet(SHEETS["overview"](lang))
    print_setup(ws, repeat_header=False)  # before any row: a write-only sheet fixes it then
    ws.page_setup.orientation = "portrait"
    _page_header(ws, summary)
    for index, width in enumerate(OVERVIEW_WIDTHS, start=1):
        ws.column_dimensions[_letter(index)].width = width
    ws.column_dimensions[_letter(CHART_DATA_COLUMN)].hidden = True
    ws.column_dimensions[_letter(CHART_DATA_COLUMN + 1)].hidden = True
    ws.append([text_cell(ws, summary.title, font=Font(bold=True, size=16))])
    ws.row_dimensions[1].height = 26
    for label, value in summary.facts:  # the value spans the table's width: never wrapped
        row = _next_row(ws)
        ws.append(
            [text_cell(ws, label, font=Font(bold=True)), text_cell(ws, value, alignment=FACT)]
        )
        ws.merge_cells(start_row=row, end_row=row, start_column=2, end_column=6)
    ws.append([None])
    # The overall table: 说明 gets the room of the columns to its right.
    _table(ws, summary.overall, OVERVIEW_WIDTHS)
    anchor = _next_row(ws)
    ws.append([text_cell(ws, summary.chart_title, font=Font(bold=True, size=12))])
    # The chart's series sit in hidden columns beside the rows under the anchor.
    data_first = _next_row(ws)
    for bar in summary.bars:
        row: list[Any] = [None] * (CHART_DATA_COLUMN - 1)
        row += [text_cell(ws, bar.label), text_cell(ws, round(bar.value, 4), number_format="0%")]
        ws.append(row)
    data_last = data_first + len(summary.bars) - 1
    for _ in range(max(CHART_ROWS - len(summary.bars), 0)):
        ws.append([None])
    if summary.bars:
        chart = BarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = None
        chart.legend = None
        chart.visible_cells_only = False  # its series live in hidden columns
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
        chart.y_axis.numFmt = "0%"
        chart.y_axis.majorGridlines = None
        chart.x_axis.scaling.orientation = "maxMin"  # first indicator on top, as in the table
        chart.add_data(
            Reference(ws, min_col=CHART_DATA_COLUMN + 1, min_row=data_first, max_row=data_last),
            titles_from_data=False,
        )
        chart.set_categories(
            Reference(ws, min_col=CHART_DATA_COLUMN, min_row=data_first, max_row=data_last)
        )
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.dataLabels = DataLabelList(
            showVal=True,
            showSerName=False,
            showCatName=False,
            showLegendKey=False,
            numFmt="0.0%",
        )
        chart.height, chart.width = 8.5, 17
        ws.add_chart(chart, f"A{anchor + 1}")
    _table(ws, summary.top, OVERVIEW_WIDTHS)
    if summary.bottom is not None:
        _table(ws, summary.bottom, OVERVIEW_WIDTHS)
    ws.append([text_cell(ws, summary.abnormal_line, font=Font(bold=True))])
    ws.append([None])
    for note in summary.notes:  # one merged row each, tall enough for the whole sentence
        row = _next_row(ws)
        ws.append([text_cell(ws, note, font=Font(italic=True, color="595959"), alignment=LEFT)])
        ws.merge_cells(start_row=row, end_row=row, start_column=1, end_column=6)
        ws.row_dimensions[row].height = fitted_height([note], [Column(NOTE, sum(OVERVIEW_WIDTHS))])


def _groups(workbook: Workbook, summary: KpiSummary, lang: Lang) -> None:
    table = summary.groups
    if table is None:
        return
    ws = workbook.create_sheet(SHEETS["groups"](lang))
    widths = (24, 10, *(12,) * (len(table.headers) - 2))
    columns = [Column(Message(h, h), w) for h, w in zip(table.headers, widths, strict=True)]
    ws.append(_prepare_table(ws, columns, lang))
    ws.row_dimensions[1].height = fitted_height(table.headers, columns)
    _page_header(ws, summary)
    for index, row in enumerate(table.rows):
        cells = [_cell(ws, c, bold=index == table.emphasised) for c in row]
        _append(ws, cells, [c.text() for c in row], columns)
    _finish_table(ws, columns, len(table.rows))


def _ranking(workbook: Workbook, result: KpiResult, summary: KpiSummary, lang: Lang) -> None:
    table = ranking_table(result, lang)
    ws = workbook.create_sheet(SHEETS["ranking"](lang))
    widths = (8, 12, 12, 10, 12, *(12,) * (len(table.headers) - 5))
    columns = [Column(Message(h, h), w) for h, w in zip(table.headers, widths, strict=True)]
    ws.append(_prepare_table(ws, columns, lang))
    ws.row_dimensions[1].height = fitted_height(table.headers, columns)
    _page_header(ws, summary)
    for row in table.rows:
        _append(ws, [_cell(ws, c) for c in row], [c.text() for c in row], columns)
    _finish_table(ws, columns, len(table.rows))
    ws.append([None])
    ws.append([text_cell(ws, table.note, font=Font(italic=True, color="595959"))])


def _row(ws: Worksheet, values: Sequence[Any], columns: Sequence[Column], formats: dict) -> None:
    cells = [
        text_cell(ws, v, TABLE_STYLE, **({"number_format": formats[i]} if i in formats else {}))
        for i, v in enumerate(values)
    ]
    _append(ws, cells, values, columns)


def _abnormal(workbook: Workbook, result: KpiResult, lang: Lang) -> None:
    ws = workbook.create_sheet(SHEETS["abnormal"](lang))
    ws.append(_prepare_table(ws, ABNORMAL_COLUMNS, lang))
    for case in result.abnormal.cases:
        values = [
            case.row,
            case.case_id,
            case.centre_id,
            case.department,
            case.window,
            case.matter,
            case.accepted_at,
            case.completed_at,
            case.promised_days,
            case.elapsed_days,
            "、".join(ABNORMAL_KINDS[k][0](lang) for k in case.kinds),
        ]
        _row(ws, values, ABNORMAL_COLUMNS, {6: DATETIME, 7: DATETIME})
    _finish_table(ws, ABNORMAL_COLUMNS, len(result.abnormal.cases))
    hidden = result.abnormal.total - len(result.abnormal.cases)
    if hidden > 0:
        text = (
            f"共 {result.abnormal.total:,} 件，此处列出前 {len(result.abnormal.cases):,} 件（按行号）"
            if lang == "zh"
            else f"{result.abnormal.total:,} in all; the first {len(result.abnormal.cases):,} "
            "(by row) are listed"
        )
        ws.append([text_cell(ws, text, font=Font(italic=True))])


def _issues(workbook: Workbook, result: KpiResult, lang: Lang) -> None:
    ws = workbook.create_sheet(SHEETS["issues"](lang))
    ws.append(_prepare_table(ws, ISSUE_COLUMNS, lang))
    for issue in result.issues:
        examples = "\n".join(
            f"{s.row} {s.case_id or ''}：{s.value or ''}".rstrip("：") for s in issue.samples
        )
        _row(ws, [issue.label(lang), issue.rows, issue.effect(lang), examples], ISSUE_COLUMNS, {})
    _finish_table(ws, ISSUE_COLUMNS, len(result.issues))


def build(result: KpiResult, lang: Lang, *, centre: str | None = None) -> Workbook:
    """Return the workbook: 概览, 分组指标, 窗口排名, 异常办理, 数据问题.

    概览 holds the title block, the indicators with a chart, and the top and bottom windows.
    """
    summary = summarise(result, lang, centre=centre)
    # An ordinary workbook, not a write-only one: the sheets are short (abnormal cases are
    # capped), and only an ordinary sheet knows its row numbers, which the fitted row heights
    # and the chart's anchor need.
    workbook = Workbook()
    workbook.remove(workbook.active)
    add_styles(workbook)
    _overview(workbook, summary, lang)
    _groups(workbook, summary, lang)
    _ranking(workbook, result, summary, lang)
    _abnormal(workbook, result, lang)
    _issues(workbook, result, lang)
    workbook.properties.creator = "gbstd"
    workbook.properties.title = safe_text(f"{summary.title} {summary.facts[0][1]}")
    return workbook
