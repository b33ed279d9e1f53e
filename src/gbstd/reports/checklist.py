"""The on-site checklist workbook: export it for auditors, read their answers back.

One sheet per standard, one row per assessable requirement. The requirement columns are locked
(sheet protection without a password, so it guards against slips, not people); the answer
columns take a verdict from a drop-down of the five statuses in Chinese, a finding, evidence,
a date and the auditor's name. Reading back never drops a row silently: every answered row
becomes a finding, and every problem names its sheet and cell. Columns are found by header
text; the workbook is streamed within the caps of ``xlsxinput``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from gbstd.assessment.findings import Finding, Findings
from gbstd.assessment.results import (
    REQUIREMENT_LEVEL_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    Report,
    Status,
)
from gbstd.catalogue.standard import Requirement, Standard
from gbstd.catalogue.thresholds import default_statement
from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Lang, Message
from gbstd.io.xlsxinput import open_workbook, sheet_rows
from gbstd.reports.excel import (
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    STATUS_FILLS,
    Column,
    fitted_height,
    print_setup,
    text_cell,
)

FIELDWORK_VERSION = "gbstd-checklist/1"
COLUMNS = (
    Column(Message("要求编号", "Requirement"), 16),
    Column(Message("严重度", "Severity"), 10),
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
# The columns' keys, in export order; import finds each column by its header text.
KEYS = (
    "requirement",
    "severity",
    "title",
    "statement",
    "typical_evidence",
    "automatic",
    "why",
    "verdict",
    "finding",
    "evidence",
    "date",
    "auditor",
)
READ = ("requirement", "verdict", "finding", "evidence", "date", "auditor")  # no formulas here
VERDICT, DATE = KEYS.index("verdict") + 1, KEYS.index("date") + 1  # as exported: H and K
# Columns import does without: --blind leaves out the automatic result and its reason, and
# checklists exported before the severity column had 章 (the chapter) in its place.
OPTIONAL = ("severity", "automatic", "why")
BLIND_LEFT_OUT = ("automatic", "why")
LEGACY = {Column(Message("章", "Chapter"), 6): "chapter"}
GIVEN_FILL = PatternFill("solid", fgColor="F2F2F2")  # the locked requirement columns: grey
MAX_PROBLEMS = 100
LOCKED = Protection(locked=True)
OPEN = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
ANSWER_FILL = PatternFill("solid", fgColor="FFF9E5")
ANSWER_KEYS = ("verdict", "finding", "evidence", "date", "auditor")
META_SHEET = "_gbstd"


def sheet_name(standard: Standard) -> str:
    """The standard's sheet: its number without "GB/T", "/" replaced (Excel forbids it)."""
    # Excel sheet names: at most 31 characters, none of []:*?/\
    core = standard.number.split(" ", 1)[-1]
    return core.replace("/", "-")[:31]


def _verdict_words(lang: Lang) -> list[str]:
    return [STATUS_LABELS[s](lang) for s in Status]


def severity_text(node: Requirement, result: Any, lang: Lang) -> str:
    """高/中/低: the check's severity when assessed, else the requirement's importance."""
    severity = result.severity if result is not None else node.importance.value
    text = SEVERITY_LABELS[severity](lang)
    if node.veto:
        text += "（否决项）" if lang == "zh" else " (veto)"
    return text


def build_checklist(
    standards: Sequence[Standard],
    lang: Lang,
    report: Report | None = None,
    centre: str | None = None,
    *,
    blind: bool = False,
) -> Workbook:
    """Return the fill-in workbook, prefilled with automatic results when ``report`` is given.

    ``blind`` leaves the automatic result and its reason out, so that auditors judge on what
    they see, not anchored by the toolkit's verdict.
    """
    results = {r.requirement: r for r in report.results} if report and not blind else {}
    keys = tuple(k for k in KEYS if not (blind and k in BLIND_LEFT_OUT))
    workbook = Workbook()
    guide = workbook.active
    guide.title = "说明" if lang == "zh" else "Guide"
    name = centre or (str(report.centre["name"]) if report else None)
    _write_guide(guide, lang, name, keys, prefilled=bool(results))
    meta = workbook.create_sheet(META_SHEET)
    meta.append(["format", FIELDWORK_VERSION])
    meta.sheet_state = "hidden"
    for standard in standards:
        ws = workbook.create_sheet(sheet_name(standard))
        meta.append(["sheet", ws.title, standard.number])
        _write_sheet(ws, standard, lang, results, keys)
    return workbook


GUIDE_NOTES = {
    "requirement": Message(
        "要求的编号，导入时据此对应", "the requirement's id; import matches on it"
    ),
    "severity": Message(
        "高/中/低；标「否决项」的不符合即判整体不合格",
        "high/medium/low; a failed veto fails the whole",
    ),
    "title": Message(
        "要求的标题，〔应〕〔宜〕〔可〕为要求的层级", "title; 〔应/宜/可〕 is its level"
    ),
    "statement": Message("要求内容", "what the requirement asks"),
    "typical_evidence": Message("通常可查看的材料", "what usually shows it"),
    "automatic": Message(
        "本工具根据自述文件得出的结果", "the toolkit's result from the self-description"
    ),
    "why": Message("自动结果的理由或待补充的资料", "why, or the data still needed"),
    "verdict": Message("从下拉列表选择", "pick from the list"),
    "finding": Message("看到的情况，尤其是不符合之处", "what you saw, above all what falls short"),
    "evidence": Message("查阅的材料名称、编号或位置", "documents seen: title, number, place"),
    "date": Message("YYYY-MM-DD", "YYYY-MM-DD"),
    "auditor": Message("核查人姓名", "your name"),
}


def _write_guide(
    ws: Any, lang: Lang, centre: str | None, keys: Sequence[str], *, prefilled: bool
) -> None:
    """The 说明 sheet: what to do, then every column with its colour as the sheets show it."""
    zh = lang == "zh"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 70
    ws.append([text_cell(ws, "政务服务中心现场核查表" if zh else "On-site checklist")])
    ws["A1"].font = Font(bold=True, size=14)
    ws.row_dimensions[1].height = 24
    lines = [
        (f"中心：{centre}" if zh else f"Centre: {centre}") if centre else "",
        "每个标准一个工作表。灰底列为要求，已锁定；浅黄底列由核查人填写。"
        if zh
        else "One sheet per standard. Grey columns hold the requirements and are locked; "
        "fill in the pale yellow columns.",
        "核查结论从下拉列表选择：" + "、".join(_verdict_words(lang))
        if zh
        else "Pick a verdict from the list: " + ", ".join(_verdict_words(lang)),
        "填写后运行：gbstd checklist import 本文件 -o findings.yaml"
        if zh
        else "Then run: gbstd checklist import THIS_FILE -o findings.yaml",
        "然后：gbstd assess 自述文件 --findings findings.yaml（人工结论优先于自动结果）"
        if zh
        else "Then: gbstd assess CENTRE --findings findings.yaml (your verdicts win)",
    ]
    if not prefilled:
        lines.append(
            "本表未列出自动结果（--blind 或未给出 --centre），核查人独立判断。"
            if zh
            else "No automatic results are shown (--blind, or no --centre): judge independently."
        )
    for line in lines:
        if line:
            ws.append([text_cell(ws, line)])
            ws.merge_cells(start_row=ws.max_row, end_row=ws.max_row, start_column=1, end_column=3)
    ws.append([None])
    header = ["列" if zh else "Column", "填写" if zh else "Who", "说明" if zh else "Meaning"]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font, cell.fill, cell.alignment, cell.border = HEADER_FONT, HEADER_FILL, WRAP, BORDER
    columns = dict(zip(KEYS, COLUMNS, strict=True))
    for key in keys:
        answer = key in ANSWER_KEYS
        ws.append(
            [
                columns[key].header(lang),
                ("核查人填写" if zh else "auditor") if answer else ("已锁定" if zh else "locked"),
                GUIDE_NOTES[key](lang),
            ]
        )
        for cell in ws[ws.max_row]:
            cell.alignment, cell.border = WRAP, BORDER
            cell.fill = ANSWER_FILL if answer else GIVEN_FILL
    ws.append([None])
    ws.append(
        [
            text_cell(
                ws,
                "标注「派生」的要求是本工具对标准的解读，不是标准原文；表格式样为 gbstd 设计。"
                if zh
                else "Derived requirements are the toolkit's interpretation, not the standards' "
                "text; the layout is gbstd's.",
                font=Font(italic=True, color="595959"),
            )
        ]
    )
    ws.merge_cells(start_row=ws.max_row, end_row=ws.max_row, start_column=1, end_column=3)
    print_setup(ws, repeat_header=False)
    ws.page_setup.orientation = "portrait"


def _write_sheet(
    ws: Any, standard: Standard, lang: Lang, results: dict[str, Any], keys: Sequence[str]
) -> None:
    columns = dict(zip(KEYS, COLUMNS, strict=True))
    shown = [columns[k] for k in keys]
    verdict, date_column = keys.index("verdict") + 1, keys.index("date") + 1
    for index, column in enumerate(shown, start=1):
        ws.column_dimensions[_letter(index)].width = column.width
    ws.append([c.header(lang) for c in shown])
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment, cell.border = HEADER_FONT, HEADER_FILL, WRAP, BORDER
    rows = 0
    for _, node in standard.walk():
        if not isinstance(node, Requirement) or not node.assessable:
            continue
        result = results.get(node.id)
        every = {
            "requirement": node.id,
            "severity": severity_text(node, result, lang),
            # 应/宜/可 beside the title: a verdict on a should or may means something else.
            "title": f"{node.title.get(lang)}〔{REQUIREMENT_LEVEL_LABELS[node.level.value](lang)}〕",
            "statement": result.statement(lang) if result else default_statement(node, lang),
            "typical_evidence": "；".join(e.get(lang) for e in node.typical_evidence),
            "automatic": result.status.label(lang) if result else "",
            "why": result.reason(lang) if result else "",
            "verdict": "",
            "finding": "",
            "evidence": "",
            "date": None,
            "auditor": "",
        }
        values = [every[k] for k in keys]
        ws.append([text_cell(ws, v) for v in values])  # pack text is not ours: never a formula
        row = ws.max_row
        height = fitted_height(values, shown)
        if height:
            ws.row_dimensions[row].height = height
        for key, cell in zip(keys, ws[row], strict=True):
            cell.alignment, cell.border = WRAP, BORDER
            if key in ANSWER_KEYS:
                cell.protection, cell.fill = OPEN, ANSWER_FILL
            else:
                cell.protection, cell.fill = LOCKED, GIVEN_FILL
        if result is not None and "automatic" in keys:
            ws.cell(row, keys.index("automatic") + 1).fill = PatternFill(
                "solid", fgColor=STATUS_FILLS[result.status]
            )
        ws.cell(row, date_column).number_format = "yyyy-mm-dd"
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
    verdicts.add(f"{_letter(verdict)}2:{_letter(verdict)}{last}")
    dates = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    dates.add(f"{_letter(date_column)}2:{_letter(date_column)}{last}")
    ws.add_data_validation(verdicts)
    ws.add_data_validation(dates)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{_letter(len(keys))}{last}"
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

    Columns are found by their header text (Chinese or English), so they may be reordered but
    not renamed, removed or added to. The workbook is streamed within the caps of
    ``xlsxinput``.

    Raises:
        InvalidInputError: the file is not a gbstd checklist or is over a cap; a header is
            missing or unexpected; cells hold formulas, unknown ids or verdicts, bad dates, or
            answers without a verdict; a requirement is answered twice. Each names its cell.
    """
    name = str(path)
    verdicts = {
        label(lang): status for status, label in STATUS_LABELS.items() for lang in ("zh", "en")
    }
    verdicts |= {status.value: status for status in Status}
    findings: list[Finding] = []
    problems: list[Problem] = []
    answered: dict[str, str] = {}  # requirement id → the cell where it was answered first
    with open_workbook(path) as workbook:
        for sheet in _listed_sheets(name, workbook):
            if sheet not in workbook.sheetnames:
                problems.append(
                    Problem(name, Message(f"缺少工作表 {sheet}", f"sheet {sheet} is missing"))
                )
                continue
            rows = sheet_rows(name, workbook[sheet])
            _, header = next(rows, (1, ()))
            columns, trouble = _columns(name, sheet, header)
            if trouble is not None:
                problems.append(trouble)
                continue
            unlabelled = {i for i, cell in enumerate(header) if _text(cell.value) is None}
            for number, cells in rows:
                where = _Where(name, sheet, number, columns)
                for index in sorted(i for i in unlabelled if cells[i].value is not None):
                    unlabelled.discard(index)
                    problems.append(
                        where.problem_at(
                            index,
                            "该列没有列标题，其内容不会被读取；请删除或移入“发现”列",
                            "this column has no header and would not be read; "
                            "delete it or move it into the Finding column",
                        )
                    )
                found, trouble_here = _read_row(where, cells, known, verdicts)
                problems += trouble_here
                if found is None:
                    continue
                first = answered.setdefault(found.requirement, str(found.location))
                if first == found.location:
                    findings.append(found)
                    continue
                problems.append(
                    where.problem(
                        "verdict",
                        f"要求 {found.requirement} 已在 {first} 作答；同一要求只能作答一次"
                        "（删去一行，或把两行的发现合并到一行）",
                        f"requirement {found.requirement} is already answered at {first}; "
                        "answer each requirement once (delete a row or merge the findings)",
                    )
                )
    if problems:
        raise InvalidInputError(_at_most(MAX_PROBLEMS, problems, name))
    return Findings(format_version=1, source=path.name, findings=tuple(findings))


def _at_most(count: int, problems: list[Problem], name: str) -> list[Problem]:
    # 20,000 rows of errors help nobody; the first hundred show what is wrong.
    if len(problems) <= count:
        return problems
    rest = len(problems) - count
    return [
        *problems[:count],
        Problem(name, Message(f"另有 {rest} 个问题未列出", f"{rest} more problems not shown")),
    ]


def _listed_sheets(name: str, workbook: Any) -> list[str]:
    """Return the standards' sheets named in the hidden metadata sheet, after checking its format."""
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
    entries = [
        tuple(_text(c.value) for c in cells[:2])
        for _, cells in sheet_rows(name, workbook[META_SHEET])
    ]
    version = next((value for key, value in entries if key == "format"), None)
    if version != FIELDWORK_VERSION:
        raise InvalidInputError(
            [
                Problem(
                    name,
                    Message(
                        f"工作表 _gbstd 中的格式为 {version}，本版本只读 {FIELDWORK_VERSION}",
                        f"the _gbstd sheet gives format {version}; this version reads "
                        f"{FIELDWORK_VERSION}",
                    ),
                )
            ]
        )
    return list(dict.fromkeys(str(value) for key, value in entries if key == "sheet" and value))


def _columns(name: str, sheet: str, header: Sequence[Any]) -> tuple[dict[str, int], Problem | None]:
    """Map each column key to its index in the header row, or say what does not match."""
    expected = {
        column.header(lang): key
        for column, key in (*zip(COLUMNS, KEYS, strict=True), *LEGACY.items())
        for lang in ("zh", "en")
    }
    found: dict[str, int] = {}
    unexpected: list[str] = []
    for index, cell in enumerate(header):
        text = _text(cell.value)
        if text is None:
            continue
        key = expected.get(text)
        if key is None or key in found:
            unexpected.append(f"{text}（{_letter(index + 1)}1）")
        else:
            found[key] = index
    missing = [
        column.header
        for column, key in zip(COLUMNS, KEYS, strict=True)
        if key not in found and key not in OPTIONAL
    ]
    if not missing and not unexpected:
        return found, None
    parts_zh, parts_en = [], []
    if missing:
        parts_zh.append("缺少列标题 " + "、".join(m("zh") for m in missing))
        parts_en.append("missing headers " + ", ".join(m("en") for m in missing))
    if unexpected:
        parts_zh.append("多出列标题 " + "、".join(unexpected))
        parts_en.append("unexpected headers " + ", ".join(unexpected))
    return found, Problem(
        name,
        Message(
            f"工作表 {sheet} 第 1 行：{'；'.join(parts_zh)}。列按标题读取，可以调整顺序，"
            "但不能改名、删除或增加；请从 gbstd checklist export 导出的表重新填写",
            f"sheet {sheet} row 1: {'; '.join(parts_en)}. Columns are read by header: they may "
            "be moved but not renamed, removed or added",
        ),
    )


@dataclass(frozen=True)
class _Where:
    """One row of one sheet, to name its cells in problems."""

    file: str
    sheet: str
    row: int
    columns: dict[str, int]

    def cell(self, key: str) -> str:
        return f"{_letter(self.columns[key] + 1)}{self.row}"

    def problem(self, key: str, zh: str, en: str) -> Problem:
        return self.problem_at(self.columns[key], zh, en)

    def problem_at(self, index: int, zh: str, en: str) -> Problem:
        cell = f"{_letter(index + 1)}{self.row}"
        return Problem(
            self.file,
            Message(
                f"工作表 {self.sheet}，单元格 {cell}：{zh}",
                f"sheet {self.sheet}, cell {cell}: {en}",
            ),
        )


def _read_row(
    where: _Where, cells: Sequence[Any], known: set[str], verdicts: dict[str, Status]
) -> tuple[Finding | None, list[Problem]]:
    formulas = [
        where.problem(
            key,
            "含有公式；请填写值本身（公式的结果不会随文件保存可靠地读回）",
            "holds a formula; type the value itself",
        )
        for key in READ
        if cells[where.columns[key]].data_type == "f"
    ]
    if formulas:
        # A formula's cached value may be stale or absent: never guess the auditor's answer.
        return None, formulas
    values = {key: cells[where.columns[key]].value for key in READ}
    requirement = _text(values["requirement"])
    answers = [
        _text(v) if not isinstance(v, datetime | date) else v
        for key, v in values.items()
        if key != "requirement"
    ]
    if requirement is None:
        if any(answers):
            return None, [
                where.problem(
                    "requirement",
                    "填写了核查内容，但没有要求编号",
                    "answers on a row with no requirement id",
                )
            ]
        return None, []
    if requirement not in known:
        return None, [
            where.problem(
                "requirement",
                f"未知的要求编号 {requirement}",
                f"unknown requirement id {requirement}",
            )
        ]
    verdict_text = _text(values["verdict"])
    if verdict_text is None:
        if any(answers):
            return None, [
                where.problem(
                    "verdict",
                    "填写了发现或证据，但没有选择核查结论",
                    "answers given but no verdict chosen",
                )
            ]
        return None, []
    status = verdicts.get(verdict_text)
    if status is None:
        choices = "、".join(STATUS_LABELS[s]("zh") for s in Status)
        return None, [
            where.problem(
                "verdict",
                f"核查结论“{verdict_text}”无效，应为 {choices}",
                f"verdict '{verdict_text}' is not one of {', '.join(s.value for s in Status)}",
            )
        ]
    checked_on, trouble = _date(values["date"])
    if trouble:
        return None, [where.problem("date", "日期应为 YYYY-MM-DD", "the date must be YYYY-MM-DD")]
    return (
        Finding(
            requirement=requirement,
            status=status,
            finding=_text(values["finding"]),
            evidence=_text(values["evidence"]),
            checked_on=checked_on,
            auditor=_text(values["auditor"]),
            location=f"{where.sheet}!{where.cell('verdict')}",
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
