"""The on-site checklist workbook: export it for auditors, read their answers back.

One sheet per standard, one row per assessable requirement. The requirement columns are locked
(sheet protection without a password, so it guards against slips, not people); the answer
columns take a verdict from a drop-down of the five statuses in Chinese, a finding, evidence,
a date and the auditor's name. Reading back never drops a row silently: every answered row
becomes a finding, and every problem names its sheet and cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from .errors import InvalidInputError, Problem
from .findings import Finding, Findings
from .i18n import Lang, Message
from .reporters.excel import (
    BORDER,
    FORMULA_TRIGGERS,
    HEADER_FILL,
    HEADER_FONT,
    STATUS_FILLS,
    Column,
    fitted_height,
    print_setup,
    safe_text,
)
from .results import STATUS_LABELS, Report, Status
from .standard import Requirement, Standard
from .thresholds import default_statement

FIELDWORK_VERSION = "gbstd-checklist/1"
COLUMNS = (
    Column(Message("要求编号", "Requirement"), 16),
    Column(Message("章", "Chapter"), 6),
    Column(Message("标题", "Title"), 18),
    Column(Message("要求内容", "Statement"), 44),
    Column(Message("典型证据", "Typical evidence"), 24),
    Column(Message("自动结果", "Automatic result"), 10),
    Column(Message("自动结果说明", "Why"), 28),
    Column(Message("核查结论", "Verdict"), 12),
    Column(Message("发现", "Finding"), 30),
    Column(Message("证据", "Evidence"), 20),
    Column(Message("核查日期", "Date"), 12),
    Column(Message("核查人", "Auditor"), 10),
)
ANSWER_FROM = 8  # columns H–L are the auditor's
VERDICT, FINDING, EVIDENCE, DATE, AUDITOR = 8, 9, 10, 11, 12
LOCKED = Protection(locked=True)
OPEN = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
ANSWER_FILL = PatternFill("solid", fgColor="FFF9E5")
META_SHEET = "_gbstd"


def _sheet_name(standard: Standard) -> str:
    # Excel sheet names: at most 31 characters, none of []:*?/\
    core = standard.number.split(" ", 1)[-1]
    return core.replace("/", "-")[:31]


def _verdict_words(lang: Lang) -> list[str]:
    return [STATUS_LABELS[s](lang) for s in Status]


def build_checklist(
    standards: Sequence[Standard],
    lang: Lang,
    report: Report | None = None,
    centre: str | None = None,
) -> Workbook:
    """Return the fill-in workbook, prefilled with automatic results when ``report`` is given."""
    results = {r.requirement: r for r in report.results} if report else {}
    workbook = Workbook()
    guide = workbook.active
    guide.title = "说明" if lang == "zh" else "Guide"
    _write_guide(guide, lang, centre or (str(report.centre["name"]) if report else None))
    meta = workbook.create_sheet(META_SHEET)
    meta.append(["format", FIELDWORK_VERSION])
    meta.sheet_state = "hidden"
    for standard in standards:
        ws = workbook.create_sheet(_sheet_name(standard))
        meta.append(["sheet", ws.title, standard.number])
        _write_sheet(ws, standard, lang, results)
    return workbook


def _write_guide(ws: Any, lang: Lang, centre: str | None) -> None:
    zh = lang == "zh"
    lines = [
        "政务服务中心现场核查表" if zh else "On-site checklist",
        (f"中心：{centre}" if zh else f"Centre: {centre}") if centre else "",
        "每个标准一个工作表；灰色列为要求，已锁定；黄色列由核查人填写。"
        if zh
        else "One sheet per standard; grey columns are locked; fill in the yellow columns.",
        "核查结论从下拉列表选择：" + "、".join(_verdict_words(lang))
        if zh
        else "Pick a verdict from the list: " + ", ".join(_verdict_words(lang)),
        "填写后运行：gbstd checklist import 本文件 -o findings.yaml"
        if zh
        else "Then run: gbstd checklist import THIS_FILE -o findings.yaml",
        "然后：gbstd assess 自述文件 --findings findings.yaml（人工结论优先于自动结果）"
        if zh
        else "Then: gbstd assess CENTRE --findings findings.yaml (your verdicts win)",
        "说明：标注「派生」的要求是本工具对标准的解读，不是标准原文。"
        if zh
        else "Derived requirements are the toolkit's interpretation, not the standards' text.",
    ]
    ws.column_dimensions["A"].width = 100
    for line in lines:
        ws.append([safe_text(line)])
    ws["A1"].font = Font(bold=True, size=14)


def _write_sheet(ws: Any, standard: Standard, lang: Lang, results: dict[str, Any]) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[_letter(index)].width = column.width
    ws.append([c.header(lang) for c in COLUMNS])
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment, cell.border = HEADER_FONT, HEADER_FILL, WRAP, BORDER
    rows = 0
    for ancestors, node in standard.walk():
        if not isinstance(node, Requirement) or not node.assessable:
            continue
        chapter = next((a.id for a in ancestors if a.kind == "chapter"), "")
        result = results.get(node.id)
        values = [
            node.id,
            chapter,
            node.title.get(lang),
            result.statement(lang) if result else default_statement(node, lang),
            "；".join(e.get(lang) for e in node.typical_evidence),
            result.status.label(lang) if result else "",
            result.reason(lang) if result else "",
            "",
            "",
            "",
            None,
            "",
        ]
        ws.append([safe_text(v) for v in values])
        row = ws.max_row
        for cell in ws[row]:
            # Pack text is not ours: never let it become a formula.
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                cell.data_type, cell.quotePrefix = "s", True
        height = fitted_height(values, COLUMNS)
        if height:
            ws.row_dimensions[row].height = height
        for index, cell in enumerate(ws[row], start=1):
            cell.alignment, cell.border = WRAP, BORDER
            if index >= ANSWER_FROM:
                cell.protection, cell.fill = OPEN, ANSWER_FILL
            else:
                cell.protection = LOCKED
        if result is not None:
            ws.cell(row, 6).fill = PatternFill("solid", fgColor=STATUS_FILLS[result.status])
        ws.cell(row, DATE).number_format = "yyyy-mm-dd"
        rows += 1
    last = rows + 1
    verdicts = DataValidation(
        type="list",
        formula1='"' + ",".join(_verdict_words(lang)) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="核查结论" if lang == "zh" else "Verdict",
        error="请从下拉列表选择" if lang == "zh" else "Pick a value from the list",
    )
    verdicts.add(f"H2:H{last}")
    dates = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    dates.add(f"K2:K{last}")
    ws.add_data_validation(verdicts)
    ws.add_data_validation(dates)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:L{last}"
    # Protection without a password: it prevents slips, and filtering stays possible.
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatRows = False
    print_setup(ws, repeat_header=True)
    ws.oddFooter.center.text = "&A  &P / &N"  # the sheet name tells the standard on paper


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_checklist(path: Path, known: set[str]) -> Findings:
    """Read an answered checklist back into findings.

    Raises:
        InvalidInputError: the file is not a gbstd checklist, or cells hold unknown ids,
            unknown verdicts, bad dates, or answers without a verdict; each names sheet and cell.
    """
    from zipfile import BadZipFile

    from openpyxl.utils.exceptions import InvalidFileException

    name = str(path)
    try:
        workbook = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise InvalidInputError([Problem(name, Message("文件不存在", "no such file"))]) from None
    except (InvalidFileException, BadZipFile, KeyError, OSError) as exc:
        raise InvalidInputError(
            [
                Problem(
                    name, Message(f"不是有效的 .xlsx 文件：{exc}", f"not a valid .xlsx file: {exc}")
                )
            ]
        ) from None
    if META_SHEET not in workbook.sheetnames:
        raise InvalidInputError(
            [
                Problem(
                    name,
                    Message(
                        "不是 gbstd 导出的核查表（缺少隐藏工作表 _gbstd）；请用 gbstd checklist export 生成",
                        "not a checklist exported by gbstd (no hidden _gbstd sheet)",
                    ),
                )
            ]
        )
    sheets = [
        row[1] for row in workbook[META_SHEET].iter_rows(values_only=True) if row[0] == "sheet"
    ]
    verdicts = {
        label(lang): status for status, label in STATUS_LABELS.items() for lang in ("zh", "en")
    }
    verdicts |= {status.value: status for status in Status}
    findings: list[Finding] = []
    problems: list[Problem] = []
    for sheet in sheets:
        if sheet not in workbook.sheetnames:
            problems.append(
                Problem(name, Message(f"缺少工作表 {sheet}", f"sheet {sheet} is missing"))
            )
            continue
        ws = workbook[sheet]
        for row in ws.iter_rows(min_row=2):
            found, trouble = _read_row(name, sheet, row, known, verdicts)
            problems += trouble
            if found is not None:
                findings.append(found)
    if problems:
        raise InvalidInputError(problems)
    return Findings(format_version=1, source=path.name, findings=tuple(findings))


def _read_row(
    name: str, sheet: str, row: Sequence[Any], known: set[str], verdicts: dict[str, Status]
) -> tuple[Finding | None, list[Problem]]:
    def problem(column: int, zh: str, en: str) -> Problem:
        cell = f"{_letter(column)}{row[0].row}"
        return Problem(
            name,
            Message(f"工作表 {sheet}，单元格 {cell}：{zh}", f"sheet {sheet}, cell {cell}: {en}"),
        )

    values = [cell.value for cell in row] + [None] * (len(COLUMNS) - len(row))
    requirement = _text(values[0])
    answers = [
        _text(v) if not isinstance(v, datetime | date) else v for v in values[ANSWER_FROM - 1 :]
    ]
    if requirement is None:
        if any(answers):
            return None, [
                problem(
                    1, "填写了核查内容，但没有要求编号", "answers on a row with no requirement id"
                )
            ]
        return None, []
    if requirement not in known:
        return None, [
            problem(1, f"未知的要求编号 {requirement}", f"unknown requirement id {requirement}")
        ]
    verdict_text = _text(values[VERDICT - 1])
    if verdict_text is None:
        if any(answers):
            return None, [
                problem(
                    VERDICT,
                    "填写了发现或证据，但没有选择核查结论",
                    "answers given but no verdict chosen",
                )
            ]
        return None, []
    status = verdicts.get(verdict_text)
    if status is None:
        choices = "、".join(STATUS_LABELS[s]("zh") for s in Status)
        return None, [
            problem(
                VERDICT,
                f"核查结论“{verdict_text}”无效，应为 {choices}",
                f"verdict '{verdict_text}' is not one of {', '.join(s.value for s in Status)}",
            )
        ]
    checked_on, trouble = _date(values[DATE - 1])
    if trouble:
        return None, [problem(DATE, "日期应为 YYYY-MM-DD", "the date must be YYYY-MM-DD")]
    cell = f"{sheet}!{_letter(VERDICT)}{row[0].row}"
    return (
        Finding(
            requirement=requirement,
            status=status,
            finding=_text(values[FINDING - 1]),
            evidence=_text(values[EVIDENCE - 1]),
            checked_on=checked_on,
            auditor=_text(values[AUDITOR - 1]),
            location=cell,
        ),
        [],
    )


def _date(value: Any) -> tuple[date | None, bool]:
    if value is None or value == "":
        return None, False
    if isinstance(value, datetime):
        return value.date(), False
    if isinstance(value, date):
        return value, False
    try:
        return date.fromisoformat(str(value).strip()), False
    except ValueError:
        return None, True
