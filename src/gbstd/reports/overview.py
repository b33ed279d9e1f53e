"""The first sheet of the assessment workbook (概览): the one that decides.

Cover, score, grade and coverage large, counts by severity, alerts (a veto that fired and its
requirement), the conclusion, the five actions closing most, the scores with a total row and a
native bar chart whose axis starts near the lowest score.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from gbstd.assessment.results import DERIVED_DISCLAIMER, STATUS_LABELS, Report, Status
from gbstd.i18n import Lang
from gbstd.reports.document import ReportOptions
from gbstd.reports.excel import (
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    LEFT,
    SHEETS,
    WRAP,
    display_width,
    print_setup,
    text_cell,
)

# Characters per line of the overview's merged text cells (B:H, 104 units wide), on the safe
# side: LibreOffice and WPS set CJK wider than Excel's width unit assumes, and clip, not grow.
OVERVIEW_LINE = 80


def overview(workbook: Workbook, report: Report, lang: Lang, options: ReportOptions) -> None:
    """The first sheet decides: cover, key figures large, alerts, the top actions, scores."""
    from gbstd.reports.document import TOP_ACTIONS, percent, score_text
    from gbstd.reports.narrative import alerts
    from gbstd.reports.sections import build

    ws = workbook.create_sheet(SHEETS["overview"](lang))
    print_setup(ws, repeat_header=False)  # before any row: see _prepare_table
    zh = lang == "zh"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 44
    for letter in "CDEFGHIJKLM":
        ws.column_dimensions[letter].width = 10
    document = build(report, lang, ReportOptions(**{**vars(options), "summary": True}))
    ws.append([text_cell(ws, document.title, font=Font(bold=True, size=16))])
    for label, value in document.cover[1:]:
        ws.append(
            [
                text_cell(ws, label, font=Font(bold=True)),
                text_cell(ws, value, alignment=LEFT),
            ]
        )
    ws.append([])
    big = Font(bold=True, size=16)
    figures = [
        ("总分" if zh else "Overall score", score_text(report.score)),
        ("等级" if zh else "Grade", report.grade_label(lang) if report.grade_label else "—"),
        ("覆盖率" if zh else "Coverage", percent(report.coverage)),
    ]
    for label, value in figures:
        ws.append(
            [text_cell(ws, label, font=Font(bold=True, size=12)), text_cell(ws, value, font=big)]
        )
        ws.row_dimensions[ws.max_row].height = 24
    conclusion = document.sections[0]
    counts = next(b for b in conclusion.blocks if b.kind == "figures").items[3:]  # type: ignore[union-attr]
    for label, value in counts:
        ws.append(
            [text_cell(ws, label, font=Font(bold=True)), text_cell(ws, value, alignment=LEFT)]
        )
    red = Font(bold=True, color="B00000")
    for line in alerts(report, lang):
        ws.append(
            [
                text_cell(ws, "警示" if zh else "Alert", font=red, alignment=LEFT),
                text_cell(ws, line, font=red, alignment=LEFT),
            ]
        )
        ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=8)
        ws.row_dimensions[ws.max_row].height = 15.0 * max(
            1, -(-display_width(line) // OVERVIEW_LINE)
        )
    lead = next(b for b in conclusion.blocks if b.kind == "paragraph" and b.style == "lead")
    ws.append(
        [
            text_cell(ws, "评估结论" if zh else "Conclusion", font=Font(bold=True), alignment=LEFT),
            text_cell(ws, lead.text, alignment=LEFT),
        ]
    )  # type: ignore[union-attr]
    ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=8)
    ws.row_dimensions[ws.max_row].height = 15.0 * max(
        1, -(-display_width(lead.text) // OVERVIEW_LINE)
    )  # type: ignore[union-attr]
    if report.actions:
        shown = min(TOP_ACTIONS, len(report.actions))
        ws.append([])
        ws.append(
            [
                text_cell(
                    ws,
                    (
                        f"收效最大的 {shown} 项整改措施（完整计划见「整改计划」表）"
                        if zh
                        else f"The {shown} actions closing most (full plan: sheet Action plan)"
                    ),
                    font=Font(bold=True),
                )
            ]
        )
        for action in report.actions[:TOP_ACTIONS]:
            text = (
                f"{action.cause_label(lang)}：{action.measure(lang)}（关闭 {len(action.closes)} 项，"
                f"{action.department(lang)}，{action.deadline.isoformat()} 前）"
                if zh
                else f"{action.cause_label(lang)}: {action.measure(lang)} (closes {len(action.closes)}; "
                f"{action.department(lang)}; by {action.deadline.isoformat()})"
            )
            ws.append(
                [text_cell(ws, action.number, alignment=LEFT), text_cell(ws, text, alignment=LEFT)]
            )
            ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=8)
            ws.row_dimensions[ws.max_row].height = 15.0 * max(
                1, -(-display_width(text) // OVERVIEW_LINE)
            )
    ws.append([])
    headers = [
        "标准" if zh else "Standard",
        "名称" if zh else "Title",
        "得分" if zh else "Score",
        "等级" if zh else "Grade",
    ]
    headers += [STATUS_LABELS[s](lang) for s in Status]
    headers += [
        "覆盖率" if zh else "Coverage",
        "不符合项" if zh else "Noncf.",
        "改进建议" if zh else "Impr.",
    ]
    ws.append(
        [
            text_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL, alignment=WRAP, border=BORDER)
            for h in headers
        ]
    )
    header_row = ws.max_row
    for std in report.standards:
        grade = std.grade_label(lang) if std.grade_label else "—"
        if std.veto_triggered:
            grade += "（一票否决）" if zh else " (veto)"
        ws.append(
            [
                text_cell(ws, std.number, border=BORDER),
                text_cell(ws, std.title(lang), alignment=WRAP, border=BORDER),
                text_cell(
                    ws,
                    None if std.score is None else round(std.score, 1),
                    border=BORDER,
                    number_format="0.0",
                ),
                text_cell(ws, grade, border=BORDER),
                *(text_cell(ws, std.counts[s.value], border=BORDER) for s in Status),
                text_cell(
                    ws,
                    None if std.coverage is None else round(std.coverage, 4),
                    border=BORDER,
                    number_format="0%",
                ),
                text_cell(ws, std.nonconformities, border=BORDER),
                text_cell(ws, std.improvements, border=BORDER),
            ]
        )
    last = ws.max_row
    bold = Font(bold=True)
    ws.append(
        [
            text_cell(ws, "总体" if zh else "Overall", border=BORDER, font=bold),
            text_cell(ws, "", border=BORDER),
            text_cell(
                ws,
                None if report.score is None else round(report.score, 1),
                border=BORDER,
                font=bold,
                number_format="0.0",
            ),
            text_cell(
                ws,
                report.grade_label(lang) if report.grade_label else "—",
                border=BORDER,
                font=bold,
            ),
            *(
                text_cell(ws, report.counts.get(s.value, 0), border=BORDER, font=bold)
                for s in Status
            ),
            text_cell(
                ws,
                None if report.coverage is None else round(report.coverage, 4),
                border=BORDER,
                font=bold,
                number_format="0%",
            ),
            text_cell(ws, len(report.nonconformities), border=BORDER, font=bold),
            text_cell(ws, len(report.improvements), border=BORDER, font=bold),
        ]
    )
    chart = BarChart()
    chart.type = "bar"
    chart.title = "各标准得分" if zh else "Score by standard"
    scores = [s.score for s in report.standards if s.score is not None]
    # Start the axis near the lowest score, so that 90.3 and 94.8 look different.
    chart.y_axis.scaling.min = max(0, int(min(scores, default=0) - 5) // 10 * 10)
    chart.y_axis.scaling.max = 100
    chart.y_axis.title = "得分" if zh else "Score"
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"  # bars top-down in the table's order
    chart.legend = None
    chart.add_data(
        Reference(ws, min_col=3, min_row=header_row, max_row=last), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last))
    chart.height, chart.width = 9, 18
    ws.add_chart(chart, f"A{last + 3}")
    for _ in range(20):  # room for the chart before the note
        ws.append([])
    note = DERIVED_DISCLAIMER(lang) + " " + document.layout_note
    ws.append(
        [
            text_cell(ws, "说明" if zh else "Note", font=Font(bold=True), alignment=LEFT),
            text_cell(ws, note, alignment=LEFT),
        ]
    )
    ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=8)
    ws.row_dimensions[ws.max_row].height = 15.0 * max(1, -(-display_width(note) // OVERVIEW_LINE))
