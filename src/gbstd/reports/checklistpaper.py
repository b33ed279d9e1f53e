"""The paper checklist (``gbstd checklist export --paper``): printed, filled in by hand, signed.

A4 portrait, one sheet per standard with five columns (six when automatic results are shown):
序号, the requirement (id, title, level, statement, typical evidence), 严重度, tick boxes for the
verdict, and a tall box for findings and evidence. A cover sheet carries the centre, the basis,
the 核查组 signatures and the 被核查单位确认 sign-off. Page numbers are in every footer. The
layout is gbstd's own design and the cover says so. Paper answers are typed into the fill-in
workbook (``checklist export`` without ``--paper``) to be imported; this workbook is not read back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from gbstd.assessment.results import (
    REQUIREMENT_LEVEL_LABELS,
    STATUS_LABELS,
    Report,
    Status,
    status_for_level,
)
from gbstd.catalogue.standard import Requirement, Standard
from gbstd.catalogue.thresholds import default_statement
from gbstd.i18n import Lang, Message
from gbstd.reports.checklist import severity_text, sheet_name
from gbstd.reports.excel import (
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    PAPER_A4,
    Column,
    fitted_height,
    text_cell,
)

UNCHECKED = "☐"
WRITING_HEIGHT = 78.0  # points: room for four tick boxes or three handwritten lines
TOP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
LINE = Border(bottom=Side(style="thin", color="000000"))
COLUMNS = (
    Column(Message("序号", "No."), 5),
    Column(Message("核查要求", "Requirement"), 42),
    Column(Message("严重度", "Severity"), 9),
    Column(Message("核查结论（打 ✓）", "Verdict (tick)"), 16),  # fits "☐ nonconforming"
    Column(Message("发现与证据", "Findings and evidence"), 30),
)
AUTOMATIC = Column(Message("自动结果", "Automatic"), 9)
DESIGN_NOTE = Message(
    "本表格式为 gbstd 设计，不是标准规定的格式。",
    "The layout of this form is gbstd's design, not one the standards prescribe.",
)


def _boxes(level: str, lang: Lang) -> str:
    """The verdicts that fit a requirement of ``level``, each with an empty tick box."""
    statuses = dict.fromkeys(
        status_for_level(level, s)
        for s in (Status.CONFORMING, Status.PARTIAL, Status.NONCONFORMING, Status.NOT_APPLICABLE)
    )
    return "\n".join(f"{UNCHECKED} {STATUS_LABELS[s](lang)}" for s in statuses)


def _print(ws: Any, footer: str) -> None:
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.oddFooter.center.text = footer
    ws.oddFooter.left.text = "gbstd"


def _cover(ws: Any, standards: Sequence[Standard], centre: str | None, lang: Lang) -> None:
    zh = lang == "zh"
    ws.title = "封面" if zh else "Cover"
    _print(ws, "— &P —")
    widths = (16, 22, 16, 22)
    for index, width in enumerate(widths):
        ws.column_dimensions["ABCD"[index]].width = width

    def merged(text: str, *, height: float = 22, font: Font | None = None, **style: Any) -> None:
        ws.append([text_cell(ws, text, font=font or Font(size=12), alignment=TOP, **style)])
        row = ws.max_row
        ws.merge_cells(start_row=row, end_row=row, start_column=1, end_column=4)
        ws.row_dimensions[row].height = height

    merged("", height=40)
    merged(
        "政务服务中心现场核查表" if zh else "On-site checklist",
        height=40,
        font=Font(bold=True, size=22),
    )
    ws.cell(ws.max_row, 1).alignment = CENTRE
    merged("（纸面记录）" if zh else "(paper record)", font=Font(size=14))
    ws.cell(ws.max_row, 1).alignment = CENTRE
    merged("", height=30)
    blank = "________________________"
    facts = [
        ("被核查单位" if zh else "Centre", centre or blank),
        (
            "核查依据" if zh else "Basis",
            "\n".join(s.number + " " + s.title.get(lang) for s in standards),
        ),
        ("核查日期" if zh else "Date", "______年____月____日" if zh else "____-__-__"),
    ]
    for label, value in facts:
        ws.append(
            [
                text_cell(ws, label, font=Font(bold=True, size=12)),
                text_cell(ws, value, font=Font(size=12), alignment=TOP),
            ]
        )
        row = ws.max_row
        ws.merge_cells(start_row=row, end_row=row, start_column=2, end_column=4)
        lines = value.count("\n") + 1
        ws.row_dimensions[row].height = max(24, 18 * lines)
    merged("", height=20)
    merged("核查组" if zh else "Audit team", font=Font(bold=True, size=14))
    header = [
        "职务" if zh else "Role",
        "姓名" if zh else "Name",
        "单位" if zh else "Organisation",
        "签字" if zh else "Signature",
    ]
    ws.append(
        [
            text_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL, alignment=CENTRE, border=BORDER)
            for h in header
        ]
    )
    roles = ["组长" if zh else "Leader"] + ["成员" if zh else "Member"] * 3
    for role in roles:
        ws.append(
            [text_cell(ws, role, alignment=CENTRE, border=BORDER)]
            + [text_cell(ws, "", border=BORDER)] * 3
        )
        ws.row_dimensions[ws.max_row].height = 30
    merged("", height=20)
    merged("被核查单位确认" if zh else "Confirmed by the centre", font=Font(bold=True, size=14))
    merged(
        "本单位已知悉上述核查记录，确认其与现场情况相符（有异议的，请在下方写明）。"
        if zh
        else "We have read this record and confirm it matches what was found on site "
        "(note any objection below).",
        height=36,
    )
    merged(("异议：" if zh else "Objections: ") + "", height=60)
    signature = [
        (
            "负责人（签字）：" if zh else "Head (signature):",
            "",
            "单位（盖章）" if zh else "(seal)",
            "",
        ),
        ("日期：" if zh else "Date:", "______年____月____日" if zh else "____-__-__", "", ""),
    ]
    for values in signature:
        ws.append([text_cell(ws, v, font=Font(size=12)) for v in values])
        ws.row_dimensions[ws.max_row].height = 34
        ws.cell(ws.max_row, 2).border = LINE
    merged("", height=20)
    merged(
        (
            "填写说明：在每条要求的核查结论栏中勾选一项（✓），在“发现与证据”栏写明看到的情况和查阅的材料。"
            "录入 gbstd：把结论填入 gbstd checklist export 导出的电子核查表，再用 gbstd checklist import 读回。"
        )
        if zh
        else "Tick one verdict per requirement and write what you saw and the documents seen. "
        "To enter the answers, type them into the workbook of gbstd checklist export (without "
        "--paper) and read it back with gbstd checklist import.",
        height=52,
        font=Font(size=10),
    )
    merged(DESIGN_NOTE(lang), font=Font(size=9, italic=True, color="595959"))


def _sheet(ws: Any, standard: Standard, lang: Lang, results: dict[str, Any]) -> None:
    zh = lang == "zh"
    columns = list(COLUMNS)
    if results:
        columns.insert(3, AUTOMATIC)
    _print(ws, f"&A　{'第' if zh else 'page '}&P{'页' if zh else ''} / &N")
    ws.oddHeader.center.text = f"{standard.number} {standard.title.get(lang)}"[:200]
    for index, column in enumerate(columns):
        ws.column_dimensions[chr(ord("A") + index)].width = column.width
    ws.append(
        [
            text_cell(
                ws,
                c.header(lang),
                font=HEADER_FONT,
                fill=HEADER_FILL,
                alignment=CENTRE,
                border=BORDER,
            )
            for c in columns
        ]
    )
    ws.print_title_rows = "1:1"
    ws.freeze_panes = "A2"
    number = 0
    for _, node in standard.walk():
        if not isinstance(node, Requirement) or not node.assessable:
            continue
        number += 1
        result = results.get(node.id)
        level = REQUIREMENT_LEVEL_LABELS[node.level.value](lang)
        statement = result.statement(lang) if result else default_statement(node, lang)
        evidence = "；".join(e.get(lang) for e in node.typical_evidence)
        requirement = f"{node.id}　{node.title.get(lang)}〔{level}〕\n{statement}"
        if evidence:
            requirement += ("\n典型证据：" if zh else "\nTypical evidence: ") + evidence
        values: list[Any] = [number, requirement, severity_text(node, result, lang)]
        if results:
            values.append(result.status.label(lang) if result else "")
        values += [_boxes(node.level.value, lang), ""]
        ws.append([text_cell(ws, v, alignment=TOP, border=BORDER) for v in values])
        row = ws.max_row
        ws.cell(row, 1).alignment = CENTRE
        ws.row_dimensions[row].height = max(fitted_height(values, columns) or 0, WRITING_HEIGHT)
    ws.append([None])
    ws.append([text_cell(ws, DESIGN_NOTE(lang), font=Font(size=9, italic=True, color="595959"))])


def build_paper_checklist(
    standards: Sequence[Standard],
    lang: Lang,
    report: Report | None = None,
    centre: str | None = None,
    *,
    blind: bool = False,
) -> Workbook:
    """Return the printable checklist: a cover with sign-offs, then one sheet per standard.

    The automatic result shows as a sixth column when ``report`` is given, unless ``blind``.
    """
    results = {r.requirement: r for r in report.results} if report and not blind else {}
    workbook = Workbook()
    _cover(
        workbook.active, standards, centre or (str(report.centre["name"]) if report else None), lang
    )
    for standard in standards:
        _sheet(workbook.create_sheet(sheet_name(standard)), standard, lang, results)
    workbook.properties.creator = "gbstd"
    return workbook
