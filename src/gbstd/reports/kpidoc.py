"""The HTML and Word reports of ``gbstd kpi``, laid out from :mod:`gbstd.reports.kpisummary`.

Both show the same sections in the same order as the workbook's 概览: the title block, the
indicators with a bar chart, the top and the bottom windows, the groups, abnormal cases, data
problems and the notes that say which figures are the toolkit's own.
"""

from __future__ import annotations

import io
from typing import Any

from gbstd.i18n import Lang
from gbstd.io.worddoc import TABLE_FONT, TEXT_WIDTH_MM, chinese_document, full_width, set_fonts
from gbstd.kpi.results import KpiResult
from gbstd.reports.kpisummary import KpiSummary, Table, summarise

HTML_TEMPLATE = "kpi.html.jinja"
BAR_COLOUR = "2F6FAE"
HEADER_SHADE = "D9E2F3"
BAR_STEPS = 50  # resolution of the Word bar chart: 2 % a step


def to_html(result: KpiResult, lang: Lang, *, centre: str | None = None) -> str:
    """Return the report as one self-contained HTML page (the chart is inline SVG)."""
    from gbstd.io.templating import make_environment

    summary = summarise(result, lang, centre=centre)
    return make_environment().get_template(HTML_TEMPLATE).render(s=summary)


def _shade(cell: Any, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _text(
    cell: Any, text: str, *, bold: bool = False, right: bool = False, size: float = 9
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    set_fonts(run._element.get_or_add_rPr(), TABLE_FONT)


def _widths(table: Table, lang: Lang, size: float) -> list[float]:
    """Column widths that fill the type area: numbers get what they need, text the rest."""
    from gbstd.reports.excel import display_width

    natural = []
    for index, header in enumerate(table.headers):
        texts = [row[index].text(lang) for row in table.rows]
        longest = max([display_width(t) for t in texts] + [min(display_width(header), 8)])
        natural.append(min(longest * size * 0.22 + 4.2, 70.0))  # a digit ≈ 0.22 mm a point
    kinds = [column[0].kind for column in zip(*table.rows, strict=True)] if table.rows else []
    wide = [i for i, kind in enumerate(kinds) if kind == "text"] or list(range(len(natural)))
    total = sum(natural)
    if total > TEXT_WIDTH_MM:  # too wide: text columns wrap first, numbers shrink last
        for i in wide:
            natural[i] = max(natural[i] - (total - TEXT_WIDTH_MM) / len(wide), 16.0)
        total = sum(natural)
        if total >= TEXT_WIDTH_MM:
            return [w * TEXT_WIDTH_MM / total for w in natural]
    spare = TEXT_WIDTH_MM - total  # goes to the text columns, in proportion
    text_total = sum(natural[i] for i in wide)
    return [w + (spare * w / text_total if i in wide else 0) for i, w in enumerate(natural)]


def _table(document: Any, table: Table, lang: Lang) -> None:
    from docx.shared import Mm, Pt

    document.add_heading(table.title, level=2)
    size = 9 if len(table.headers) <= 7 else 7.5
    widths = _widths(table, lang, size)
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    grid.style = "Table Grid"
    full_width(grid, TEXT_WIDTH_MM)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
    for index, header in enumerate(table.headers):
        cell = grid.cell(0, index)
        _shade(cell, HEADER_SHADE)
        _text(cell, header, bold=True, size=size)
    _row_flag(grid.rows[0], "w:tblHeader")
    for row in grid.rows:
        _row_flag(row, "w:cantSplit")
    for number, row in enumerate(table.rows, start=1):
        for index, value in enumerate(row):
            cell = grid.cell(number, index)
            cell.width = Mm(widths[index])
            _text(
                cell,
                value.text(lang),
                bold=number - 1 == table.emphasised,
                right=value.kind != "text",
                size=size,
            )
    if table.note:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(table.note)
        run.font.size = Pt(9)


def _row_flag(row: Any, flag: str) -> None:
    """Set ``w:tblHeader`` (repeat on every page) or ``w:cantSplit`` (never break) on a row."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement(flag)
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _chart(document: Any, summary: KpiSummary) -> None:
    """A bar chart drawn as a borderless table: each bar is a shaded run of merged cells.

    The bar area is a grid of :data:`BAR_STEPS` narrow columns; a rate of 88 % shades the first
    44 of 50. Word, WPS and LibreOffice all draw it, with no image library needed.
    """
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.shared import Mm

    document.add_heading(summary.chart_title, level=2)
    label_mm, value_mm = 38, 18
    step_mm = (TEXT_WIDTH_MM - label_mm - value_mm) / BAR_STEPS
    # Bars on odd rows, thin empty rows between them so that bars do not touch.
    grid = document.add_table(rows=2 * len(summary.bars) - 1, cols=BAR_STEPS + 2)
    full_width(grid, TEXT_WIDTH_MM)
    widths = [label_mm, *(step_mm,) * BAR_STEPS, value_mm]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
    for number, row in enumerate(grid.rows):
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        row.height = Mm(6 if number % 2 == 0 else 1.5)
        for cell in row.cells:  # keep the chart on one page, under its heading
            cell.paragraphs[0].paragraph_format.keep_with_next = number < len(grid.rows) - 1
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for index, bar in enumerate(summary.bars):
        cells = grid.rows[2 * index].cells
        _text(cells[0], bar.label, right=True)
        _text(cells[-1], f" {bar.value * 100:.1f}%")
        filled = round(max(min(bar.value, 1.0), 0.0) * BAR_STEPS)
        if filled:
            shaded = cells[1].merge(cells[filled]) if filled > 1 else cells[1]
            _shade(shaded, BAR_COLOUR)
        if filled < BAR_STEPS:
            cells[filled + 1].merge(cells[BAR_STEPS])


def to_docx(result: KpiResult, lang: Lang, *, centre: str | None = None) -> bytes:
    """Return the report as a Word document: A4 portrait, Chinese office styling."""
    from docx.shared import Mm, Pt

    summary = summarise(result, lang, centre=centre)
    document = chinese_document(
        lang=lang, header=summary.facts[0][1], title=summary.title, body_pt=11
    )
    document.add_paragraph(summary.title, style="Title")
    facts = document.add_table(rows=len(summary.facts), cols=2)
    full_width(facts, TEXT_WIDTH_MM)
    for index, (label, value) in enumerate(summary.facts):
        for column, width in ((0, 32), (1, TEXT_WIDTH_MM - 32)):
            facts.cell(index, column).width = Mm(width)
            facts.columns[column].width = Mm(width)
        _text(facts.cell(index, 0), label, bold=True, size=10.5)
        _text(facts.cell(index, 1), value, size=10.5)
    _table(document, summary.overall, lang)
    if summary.bars:
        _chart(document, summary)
    _table(document, summary.top, lang)
    if summary.bottom is not None:
        _table(document, summary.bottom, lang)
    if summary.groups is not None:
        _table(document, summary.groups, lang)
    document.add_heading("异常办理" if lang == "zh" else "Abnormal cases", level=2)
    document.add_paragraph(summary.abnormal_line)
    if summary.issues is not None:
        _table(document, summary.issues, lang)
    document.add_heading("说明" if lang == "zh" else "Notes", level=2)
    for note in summary.notes:
        paragraph = document.add_paragraph(note)
        paragraph.runs[0].font.size = Pt(9.5)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
