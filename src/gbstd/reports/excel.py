"""Build Excel workbooks of assessments: the auditor's report and large gap lists.

Functions here return openpyxl workbooks and never save them; ``reporters.save`` writes files.
Every cell that holds text from a user's file goes through ``text_cell``, so a centre named
``=HYPERLINK(...)`` stays text and never becomes a formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from unicodedata import east_asian_width

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from gbstd.assessment.results import (
    GAP_KIND_LABELS,
    REQUIREMENT_LEVEL_LABELS,
    SEVERITY_LABELS,
    Report,
    RequirementResult,
    Status,
)
from gbstd.description.factinfo import fact_label
from gbstd.i18n import Lang, Message
from gbstd.reports.document import ReportOptions

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 forbids these in cells
PAPER_A4 = 9  # the OOXML paper-size code for A4
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
STATUS_FILLS = {
    Status.CONFORMING: "C6EFCE",
    Status.PARTIAL: "FFEB9C",
    Status.NONCONFORMING: "FFC7CE",
    Status.NOT_ADOPTED: "FFFFFF",
    Status.NOT_APPLICABLE: "EDEDED",
    Status.NOT_EVALUABLE: "E4DFEC",
}
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

SHEETS = {
    "overview": Message("概览", "Overview"),
    "actions": Message("整改计划", "Action plan"),
    "sources": Message("条款文件", "Clause files"),
    "gaps": Message("差距清单", "Gaps"),
    "data": Message("待补充资料", "Data needed"),
    "all": Message("全部条款", "All requirements"),
    "evidence": Message("证据", "Evidence"),
}
PROVENANCE_LABELS = {
    "toc": Message("目录", "TOC"),
    "seed": Message("解读", "seed"),
    "derived": Message("派生", "derived"),
    "licensed_text": Message("正文", "licensed"),
}


@dataclass(frozen=True)
class Column:
    """A column: its header and width (in characters; a CJK character counts about 2)."""

    header: Message
    width: float


GAP_COLUMNS = (
    Column(Message("严重度", "Severity"), 8),
    Column(Message("标准", "Standard"), 18),
    Column(Message("章", "Chapter"), 6),
    Column(Message("要求", "Requirement"), 34),
    Column(Message("层级", "Level"), 6),
    Column(Message("类别", "Kind"), 10),
    Column(Message("状态", "Status"), 10),
    Column(Message("差距", "Finding"), 44),
    Column(Message("整改建议", "Recommendation"), 40),
    Column(Message("证据", "Evidence"), 22),
    Column(Message("责任人", "Owner"), 10),
    Column(Message("完成期限", "Due date"), 12),
)
ALL_COLUMNS = (
    Column(Message("章", "Chapter"), 12),
    Column(Message("要求编号", "Id"), 16),
    Column(Message("标题", "Title"), 20),
    Column(Message("要求内容", "Statement"), 52),
    Column(Message("来源", "Provenance"), 8),
    Column(Message("层级", "Level"), 6),
    Column(Message("状态", "Status"), 10),
    Column(Message("原因", "Reason"), 40),
    Column(Message("证据", "Evidence"), 22),
    Column(Message("豁免", "Waiver"), 18),
)
EVIDENCE_COLUMNS = (
    Column(Message("编号", "Id"), 10),
    Column(Message("名称", "Title"), 30),
    Column(Message("位置", "Location"), 40),
    Column(Message("生效日期", "Effective"), 12),
    Column(Message("失效日期", "Expires"), 12),
    Column(Message("已过期", "Expired"), 8),
    Column(Message("支持的要求", "Supports"), 50),
)


def safe_text(value: Any) -> Any:
    """Return a value with control characters Excel rejects removed (text only)."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", value)


TABLE_STYLE = "gbstd table"


def status_style(status: Status) -> str:
    """Name of the named style for a status cell."""
    return f"gbstd {status.value}"


def add_styles(workbook: Workbook) -> None:
    """Register the named styles the hot paths use.

    Assigning a named style costs a third of setting font, fill, border and alignment one by
    one, which matters for a 40,000-row gap list.
    """
    workbook.add_named_style(NamedStyle(TABLE_STYLE, alignment=WRAP, border=BORDER))
    for status, colour in STATUS_FILLS.items():
        fill = PatternFill("solid", fgColor=colour)
        workbook.add_named_style(
            NamedStyle(status_style(status), alignment=WRAP, border=BORDER, fill=fill)
        )


def text_cell(ws: Worksheet, value: Any, named: str | None = None, **style: Any) -> WriteOnlyCell:
    """Make a cell that can never become a formula, with a named style and/or attributes."""
    value = safe_text(value)  # first: "\x01=1+1" becomes "=1+1", a formula again
    cell = WriteOnlyCell(ws, value=value)
    if named is not None:
        cell.style = named
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def plain_row(ws: Worksheet, values: Sequence[Any]) -> list[Any]:
    """A row for a very long sheet: bare values, never a formula, but no per-cell style.

    A styled cell costs ~25 µs: 20 s for a national batch's 40,000 rows × 20 columns.
    """
    cleaned = (safe_text(v) for v in values)  # before the test: "\x01=1" would become "=1"
    return [
        text_cell(ws, v) if isinstance(v, str) and v.startswith(FORMULA_TRIGGERS) else v
        for v in cleaned
    ]


def _prepare_table(ws: Worksheet, columns: Sequence[Column], lang: Lang) -> list[Any]:
    """Set widths, freeze the header, set up printing, and return the header row.

    Call it before adding rows: a write-only sheet writes its properties (fit to page among
    them) when its first row arrives, and would silently print at 100 % over many pages.
    """
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    print_setup(ws, repeat_header=True)
    return [
        text_cell(
            ws, c.header(lang), font=HEADER_FONT, fill=HEADER_FILL, alignment=WRAP, border=BORDER
        )
        for c in columns
    ]


def _finish_table(ws: Worksheet, columns: Sequence[Column], rows: int) -> None:
    """Add the filter over the header and the rows."""
    ws.auto_filter.ref = f"A1:{_letter(len(columns))}{max(rows, 1) + 1}"


def print_setup(ws: Worksheet, repeat_header: bool) -> None:
    """A4, landscape, fit to width; header row repeated; page numbers in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if repeat_header:
        ws.print_title_rows = "1:1"
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.left.text = "gbstd"


@lru_cache(maxsize=65536)  # national gap lists repeat the same requirement texts
def display_width(text: str) -> int:
    """Width of text in Excel character units: a CJK or full-width character counts 2."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def fitted_height(values: Sequence[Any], columns: Sequence[Column]) -> float | None:
    """Row height that shows every wrapped value whole (LibreOffice and WPS do not autofit)."""
    lines = 1
    for value, column in zip(values, columns, strict=False):
        if isinstance(value, str) and value:
            usable = max(column.width - 1, 1)
            needed = sum(
                max(1, -(-display_width(part) // int(usable))) for part in value.split("\n")
            )
            lines = max(lines, needed)
    return None if lines == 1 else 15.0 * lines


def _append(
    ws: Worksheet, cells: list[Any], values: Sequence[Any], columns: Sequence[Column]
) -> None:
    height = fitted_height(values, columns)
    if height is not None:
        ws.row_dimensions[_next_row(ws)].height = height
    ws.append(cells)


def _next_row(ws: Worksheet) -> int:
    # Write-only sheets count rows in _max_row; ordinary ones in max_row (1 when empty).
    if hasattr(ws, "_max_row"):
        return ws._max_row + 1
    return ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _evidence_text(result: RequirementResult) -> str:
    return "; ".join(
        f"{e.id} {e.title}" + (" (过期)" if e.expired else "") for e in result.evidence
    )


def gap_values(result: RequirementResult, lang: Lang) -> list[Any]:
    """Return the values of one row of the gap list."""
    finding = result.reason(lang)
    if result.waiver is not None and result.waiver.expired:
        finding += (
            f"（豁免已于 {result.waiver.expires} 到期）"
            if lang == "zh"
            else f" (waiver expired {result.waiver.expires})"
        )
    kind = result.gap_kind
    return [
        SEVERITY_LABELS[result.severity](lang),
        result.standard,
        result.chapter,
        f"{result.requirement} {result.title(lang)}",
        REQUIREMENT_LEVEL_LABELS[result.level](lang),
        GAP_KIND_LABELS[kind](lang) if kind is not None else "",
        result.status.label(lang),
        finding,
        result.recommendation(lang) if result.recommendation else "",
        _evidence_text(result),
        "",
        "",
    ]


def gap_cells(ws: Worksheet, result: RequirementResult, values: list[Any]) -> list[Any]:
    """Return the styled cells of one row of the gap list."""
    return [
        text_cell(ws, v, status_style(result.status) if i == 6 else TABLE_STYLE)
        for i, v in enumerate(values)
    ]


def write_gap_sheet(ws: Worksheet, results: Iterable[RequirementResult], lang: Lang) -> int:
    """Fill a sheet (write-only or not) with the gap list; return the number of rows."""
    ws.append(_prepare_table(ws, GAP_COLUMNS, lang))
    count = 0
    for result in results:
        values = gap_values(result, lang)
        _append(ws, gap_cells(ws, result, values), values, GAP_COLUMNS)
        count += 1
    _finish_table(ws, GAP_COLUMNS, count)
    return count


def workbook_bytes(workbook: Workbook) -> bytes:
    """Serialise a workbook in memory, for an atomic write."""
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def gap_workbook(results: Iterable[RequirementResult], lang: Lang) -> Workbook:
    """Return a write-only workbook holding only a (possibly national-scale) gap list."""
    workbook = Workbook(write_only=True)
    add_styles(workbook)
    ws = workbook.create_sheet(SHEETS["gaps"](lang))
    write_gap_sheet(ws, results, lang)
    return workbook


ACTION_COLUMNS = (
    Column(Message("序号", "No."), 6),
    Column(Message("问题（根因）", "Cause"), 24),
    Column(Message("整改措施", "Action"), 40),
    Column(Message("关闭的要求", "Requirements closed"), 22),
    Column(Message("责任科室", "Department"), 16),
    Column(Message("责任人", "Owner"), 10),
    Column(Message("完成期限", "Deadline"), 12),
    Column(Message("状态", "Status"), 10),
    Column(Message("验证方式", "Verification"), 30),
    Column(Message("加权差距", "Weighted gap"), 10),
)


def _action_plan(workbook: Workbook, report: Report, lang: Lang) -> None:
    """整改计划: one editable row per action; 状态 and 完成期限 validated, printable on A4."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from gbstd.assessment.results import ACTION_STATUS_LABELS

    ws = workbook.create_sheet(SHEETS["actions"](lang))
    ws.append(_prepare_table(ws, ACTION_COLUMNS, lang))
    sep = "、" if lang == "zh" else ", "
    for action in report.actions:
        values = [
            action.number,
            action.cause_label(lang),
            action.measure(lang),
            sep.join(action.closes),
            action.department(lang),
            action.owner,
            action.deadline,
            ACTION_STATUS_LABELS[action.status](lang),
            sep.join(v(lang) for v in action.verification),
            action.weight,
        ]
        cells = [text_cell(ws, v, TABLE_STYLE) for v in values]
        cells[6].number_format = "yyyy-mm-dd"
        _append(ws, cells, values, ACTION_COLUMNS)
    rows = len(report.actions)
    last = max(rows, 1) + 1
    statuses = ",".join(m(lang) for m in ACTION_STATUS_LABELS.values())
    status = DataValidation(type="list", formula1=f'"{statuses}"', allow_blank=False)
    status.error = "请选择：" + statuses if lang == "zh" else "Choose one of: " + statuses
    status.errorTitle = "状态" if lang == "zh" else "Status"
    status.add(f"H2:H{last}")
    deadline = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)")
    deadline.error = (
        "请填写日期，如 2026-09-30" if lang == "zh" else "Enter a date, e.g. 2026-09-30"
    )
    deadline.errorTitle = "完成期限" if lang == "zh" else "Deadline"
    deadline.add(f"G2:G{last}")
    ws.add_data_validation(status)
    ws.add_data_validation(deadline)
    _finish_table(ws, ACTION_COLUMNS, rows)
    if report.actions_note is not None:
        ws.append([])
        ws.append(
            [text_cell(ws, report.actions_note(lang), font=Font(italic=True, color="555555"))]
        )


def _sources(workbook: Workbook, report: Report, lang: Lang) -> None:
    """附件：the clause files used, with their checksums (for whoever must reproduce the run)."""
    ws = workbook.create_sheet(SHEETS["sources"](lang))
    ws.append(_prepare_table(ws, SOURCE_COLUMNS, lang))
    for source in report.sources:
        values = [source.standard, source.file, source.sha256]
        ws.append([text_cell(ws, v, TABLE_STYLE) for v in values])
    _finish_table(ws, SOURCE_COLUMNS, len(report.sources))


SOURCE_COLUMNS = (
    Column(Message("标准", "Standard"), 20),
    Column(Message("条款文件", "Clause file"), 26),
    Column(Message("SHA-256", "SHA-256"), 70),
)


def _all_requirements(workbook: Workbook, report: Report, lang: Lang) -> None:
    ws = workbook.create_sheet(SHEETS["all"](lang))
    ws.append(_prepare_table(ws, ALL_COLUMNS, lang))
    ws.sheet_properties.outlinePr.summaryBelow = False
    rows = 0
    current: tuple[str, str] | None = None
    chapter_titles = {(s.number, c.id): c.title(lang) for s in report.standards for c in s.chapters}
    for result in report.results:
        if (result.standard, result.chapter) != current:
            current = (result.standard, result.chapter)
            label = f"{result.standard}  {result.chapter} {chapter_titles.get(current, '')}"
            ws.append(
                [
                    text_cell(
                        ws, label, font=Font(bold=True), fill=PatternFill("solid", fgColor="DDEBF7")
                    )
                ]
            )
            rows += 1
        waiver = ""
        if result.waiver is not None:
            waiver = f"{result.waiver.approver} {result.waiver.expires}" + (
                "（已到期）" if result.waiver.expired else ""
            )
        provenance = PROVENANCE_LABELS.get(
            result.provenance, Message(result.provenance, result.provenance)
        )
        values = [
            result.chapter,
            result.requirement,
            result.title(lang),
            result.statement(lang),
            provenance(lang),
            REQUIREMENT_LEVEL_LABELS[result.level](lang),
            result.status.label(lang),
            result.reason(lang),
            _evidence_text(result),
            waiver,
        ]
        cells = [
            text_cell(ws, v, status_style(result.status) if i == 6 else TABLE_STYLE)
            for i, v in enumerate(values)
        ]
        row = _next_row(ws)
        _append(ws, cells, values, ALL_COLUMNS)
        ws.row_dimensions[row].outline_level = 1
        rows += 1
    _finish_table(ws, ALL_COLUMNS, rows)


DATA_COLUMNS = (
    Column(Message("资料", "Fact"), 40),
    Column(Message("字段", "Field"), 44),
    Column(Message("涉及要求", "Requirements"), 50),
)


def _data_needed(workbook: Workbook, report: Report, lang: Lang) -> None:
    """待补充资料: each missing fact with its field path and the requirements it decides."""
    ws = workbook.create_sheet(SHEETS["data"](lang))
    ws.append(_prepare_table(ws, DATA_COLUMNS, lang))
    rows = [(fact_label(p, lang), p, ", ".join(ids)) for p, ids in report.data_needed]
    manual = [r.requirement for r in report.manual]
    if manual:
        rows.append(
            ("需人工核查" if lang == "zh" else "Needs a person's verdict", "", ", ".join(manual))
        )
    for values in rows:
        _append(ws, [text_cell(ws, v, TABLE_STYLE) for v in values], values, DATA_COLUMNS)
    _finish_table(ws, DATA_COLUMNS, len(rows))


def _evidence(workbook: Workbook, report: Report, lang: Lang) -> None:
    ws = workbook.create_sheet(SHEETS["evidence"](lang))
    ws.append(_prepare_table(ws, EVIDENCE_COLUMNS, lang))
    supports: dict[str, list[str]] = {}
    for result in report.results:
        for ref in result.evidence:
            supports.setdefault(ref.id, []).append(result.requirement)
    for ref in report.evidence:
        values = [
            ref.id,
            ref.title,
            ref.location,
            ref.effective.isoformat() if ref.effective else "",
            ref.expires.isoformat() if ref.expires else "",
            ("是" if lang == "zh" else "yes") if ref.expired else "",
            ", ".join(supports.get(ref.id, [])),
        ]
        cells = [text_cell(ws, v, TABLE_STYLE) for v in values]
        _append(ws, cells, values, EVIDENCE_COLUMNS)
    _finish_table(ws, EVIDENCE_COLUMNS, len(report.evidence))


def build(report: Report, lang: Lang, options: ReportOptions | None = None) -> Workbook:
    """Return the auditor's workbook: overview, action plan, gaps, all requirements, evidence.

    With ``options.summary``, the overview alone.
    """
    options = options or ReportOptions()
    workbook = Workbook()
    workbook.remove(workbook.active)
    add_styles(workbook)
    from gbstd.reports.overview import overview  # it builds on this module's cells

    overview(workbook, report, lang, options)
    if not options.summary:
        _action_plan(workbook, report, lang)
        write_gap_sheet(workbook.create_sheet(SHEETS["gaps"](lang)), report.gaps, lang)
        _data_needed(workbook, report, lang)
        _all_requirements(workbook, report, lang)
        _evidence(workbook, report, lang)
        _sources(workbook, report, lang)
    workbook.properties.creator = "gbstd"
    workbook.properties.title = safe_text(f"{report.centre['name']}")
    return workbook
