"""The Word (.docx) writer of the annex forms: one A4 page laid out from :func:`gbstd.system.forms.sheet`.

Apart from :mod:`gbstd.system.forms` because python-docx layout is its own job: the model, the
values and the text templates live there, the page geometry and Word's XML here.
"""

from __future__ import annotations

import io
from typing import Any

from gbstd.io.worddoc import full_width, set_language

PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210, 297, 18
LABEL_MM, PHOTO_MM = 46, 32
BODY_FONT, TITLE_FONT, LATIN_FONT = "宋体", "黑体", "Times New Roman"
GREY = (0x66, 0x66, 0x66)


def docx_form(data: dict[str, Any]) -> bytes:
    """Write the laid-out form ``data`` (from :func:`gbstd.system.forms.sheet`) as a Word document."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = Document()
    set_language(document, data["lang"])
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.paragraph_format.space_after = Pt(0)
    document.core_properties.title = data["title"]
    document.core_properties.author = "gbstd"

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(data["title"])
    run.bold = True
    run.font.size = Pt(18)
    _fonts(run._element.get_or_add_rPr(), TITLE_FONT)
    _small(document.add_paragraph(), f"{data['design_note']}。{data['source']}", center=True)
    if data["statement"]:
        paragraph = document.add_paragraph(data["statement"])
        paragraph.paragraph_format.first_line_indent = Pt(22)
        paragraph.paragraph_format.space_before = Pt(8)
    document.add_paragraph().paragraph_format.space_after = Pt(2)
    _table(document, data)
    _signatures(document, data)
    if data["note"]:
        note = document.add_paragraph()
        note.paragraph_format.space_before = Pt(14)
        _small(note, data["note"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fonts(rpr: Any, east_asia: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)


def _small(paragraph: Any, text: str, *, center: bool = False, size: float = 8) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.color.rgb = RGBColor(*GREY)


def _rule(paragraph: Any) -> None:
    """Draw a thin line under ``paragraph``: a line to write on."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    # Word draws one border round a run of paragraphs with the same borders: "between" gives
    # every paragraph of the run its own line, "bottom" the last one.
    for side in ("w:bottom", "w:between"):
        line = OxmlElement(side)
        for name, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1")):
            line.set(qn(name), value)
        line.set(qn("w:color"), "888888")
        borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def _table(document: Any, data: dict[str, Any]) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    rows, photo, span = data["rows"], data["photo"], data["photo_span"]
    text_width = PAGE_WIDTH_MM - 2 * MARGIN_MM
    widths = [LABEL_MM, text_width - LABEL_MM - (PHOTO_MM if photo else 0)]
    if photo:
        widths.append(PHOTO_MM)
    table = document.add_table(rows=len(rows), cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    full_width(table, text_width)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    if photo:
        box = table.cell(0, 2).merge(table.cell(span - 1, 2))
        box.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        box.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        box.paragraphs[0].add_run(photo["label"])
        if photo["hint"]:
            _small(box.add_paragraph(), photo["hint"], center=True)
        for index in range(span, len(rows)):
            table.cell(index, 1).merge(table.cell(index, 2))
    for index, row in enumerate(rows):
        line = table.rows[index]
        line.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        line.height = Mm(8 if row["kind"] != "multiline" else 7 * row["lines"] + 2)
        label = table.cell(index, 0)
        label.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        label.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        label.paragraphs[0].add_run(row["label"]).bold = True
        cell = table.cell(index, 1)
        tall = row["kind"] in ("list", "multiline")
        cell.vertical_alignment = (
            WD_CELL_VERTICAL_ALIGNMENT.TOP if tall else WD_CELL_VERTICAL_ALIGNMENT.CENTER
        )
        _value_cell(cell, row, data)


def _value_cell(cell: Any, row: dict[str, Any], data: dict[str, Any]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    first = cell.paragraphs[0]
    if row["kind"] == "checkbox":
        for option in row["options"]:
            mark = data["checked"] if option["checked"] else data["unchecked"]
            first.add_run(f"{mark} {option['label']}".rstrip() + data["space"])
    elif row["kind"] == "list":
        items = row["entries"] or [""] * row["lines"]
        for number, item in enumerate(items, start=1):
            paragraph = first if number == 1 else cell.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(5)
            paragraph.add_run(f"{number}. {item}")
            if not row["entries"]:
                _rule(paragraph)
    elif row["text"]:
        for number, text in enumerate(row["text"].split("\n")):
            if number:
                first.add_run().add_break()
            first.add_run(text)
    if row["blank"] and row["hint"] and row["kind"] != "date":
        _small(first if row["kind"] in ("text", "multiline") else cell.add_paragraph(), row["hint"])
    if row["signed"]:
        seal = cell.add_paragraph(f"{data['seal']}{data['space']}{data['blank_date']}")
        seal.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        seal.paragraph_format.space_before = Mm(7 * row["lines"] - 5) if row["blank"] else Pt(6)


def _signatures(document: Any, data: dict[str, Any]) -> None:
    from docx.shared import Mm, Pt

    if not data["signatures"]:
        return
    document.add_paragraph().paragraph_format.space_after = Pt(6)
    table = document.add_table(rows=len(data["signature_rows"]), cols=2)
    table.autofit = False
    full_width(table, PAGE_WIDTH_MM - 2 * MARGIN_MM)
    half = Mm((PAGE_WIDTH_MM - 2 * MARGIN_MM) / 2)
    for column in table.columns:
        column.width = half
    for index, block in enumerate(b for pair in data["signature_rows"] for b in pair):
        cell = table.cell(index // 2, index % 2)
        cell.width = half
        if block is None:
            continue
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_before = Pt(10)
        paragraph.add_run(f"{block['label']}{data['colon']}")
        paragraph.add_run(block["value"] or "______________")
        if block["dated"]:
            date_line = cell.add_paragraph(data["blank_date"])
            date_line.paragraph_format.space_before = Pt(10)
            date_line.paragraph_format.left_indent = Mm(20)
