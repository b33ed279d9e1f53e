"""Render the assessment report as a Word document (评估报告.docx), opened in Word and WPS.

GB/T 9704 spirit (see ``io.worddoc``): A4 with its margins, 仿宋 body, 黑体 and 楷体 headings in
black, zh-CN, the centre's name in the header and the page number ("— 1 —") in the footer. A
cover page, then a table of contents field (Word fills it in when the file opens), then the
sections of ``reports.sections``. Tables span the type area, their header row repeated.
"""

from __future__ import annotations

import io
from dataclasses import fields, is_dataclass, replace
from typing import Any
from xml.sax.saxutils import escape

from gbstd.assessment.results import Report
from gbstd.i18n import Lang
from gbstd.io.worddoc import TEXT_WIDTH_MM, add_field, chinese_document, set_fonts
from gbstd.reports.document import (
    Block,
    Document,
    Figures,
    Items,
    Paragraph,
    ReportOptions,
    Section,
    Table,
    heading_number,
    sub_number,
)
from gbstd.reports.sections import build

TABLE_STYLE = "GbstdTable"  # paragraph style of table text: 宋体 9 pt, no indent
TABLE_PT = 9
BODY_INDENT_PT = 28  # two characters of the 14 pt body


def _styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    table = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table.font.size = Pt(TABLE_PT)
    set_fonts(table.element.get_or_add_rPr(), "宋体")
    table.paragraph_format.line_spacing = 1.0
    table.paragraph_format.space_after = Pt(0)
    note = document.styles.add_style("GbstdNote", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = document.styles["Normal"]
    note.font.size = Pt(10.5)
    note.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    alert = document.styles.add_style("GbstdAlert", WD_STYLE_TYPE.PARAGRAPH)
    alert.base_style = document.styles["Normal"]
    alert.font.bold = True
    alert.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
    body = document.styles.add_style("GbstdBody", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = document.styles["Normal"]
    body.paragraph_format.first_line_indent = Pt(BODY_INDENT_PT)


def _header_footer(document: Any, centre: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = document.sections[0]
    section.different_first_page_header_footer = True  # the cover carries neither
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run(centre)
    run.font.size = Pt(10.5)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ").font.size = Pt(14)
    add_field(footer, "PAGE", "1")
    footer.add_run(" —").font.size = Pt(14)
    set_fonts(footer.style.element.get_or_add_rPr(), "宋体")


def _cover(document: Any, doc: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for _ in range(3):
        document.add_paragraph()
    title = document.add_paragraph(doc.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    centre = document.add_paragraph()
    centre.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = centre.add_run(doc.centre)
    run.font.size = Pt(18)
    set_fonts(run._element.get_or_add_rPr(), "楷体")
    for _ in range(4):
        document.add_paragraph()
    rows = [(label, value) for label, value in doc.cover if label not in {doc.cover[0][0]}]
    table = document.add_table(rows=0, cols=2)
    _widths(table, (30, 70), scale=0.8)
    for label, value in rows:
        cells = table.add_row().cells
        _cell(cells[0], label + ("：" if doc.lang == "zh" else ":"), size=14, bold=True)
        _cell(cells[1], value, size=14)
    document.add_page_break()


def _cell(cell: Any, text: str, *, size: float | None = None, bold: bool = False) -> None:
    """Write ``text`` into a cell in the table style (raw XML: python-docx's API is slow here)."""
    from docx.shared import Pt

    p = cell._tc.p_lst[0]
    p.style = TABLE_STYLE
    run = p.add_r()
    run.text = text
    if size is not None or bold:
        from docx.text.run import Run

        wrapped = Run(run, cell)
        if size is not None:
            wrapped.font.size = Pt(size)
        wrapped.bold = bold or None


def _widths(table: Any, relative: tuple[int, ...], scale: float = 1.0) -> None:
    """Fix the columns to shares of the type area: Word and WPS then keep the table inside."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    total = sum(relative) or 1
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(Mm(TEXT_WIDTH_MM * scale).twips)))
    width.set(qn("w:type"), "dxa")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(width)
    for column, share in zip(table.columns, relative, strict=False):
        column.width = Mm(TEXT_WIDTH_MM * scale * share / total)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    tr_pr.append(marker)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


# Characters XML 1.0 cannot carry (user text could hold them); python-docx would refuse them too.
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _clean(text: str) -> str:
    return text.translate(_CONTROL)


def _table(
    document: Any,
    columns: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    widths: tuple[int, ...],
) -> None:
    """A grid table across the type area, its header row repeated on every page.

    Written as one XML string and parsed once: building 2,000 cells through python-docx's
    objects took a second (the annex lists every requirement).
    """
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm

    relative = widths or tuple(1 for _ in columns)
    total = sum(relative)
    twips = [int(Mm(TEXT_WIDTH_MM * share / total).twips) for share in relative]

    def row(texts: tuple[str, ...], head: bool) -> str:
        cells = []
        for text, width in zip(texts, twips, strict=True):
            shade = '<w:shd w:val="clear" w:fill="E7E6E6"/>' if head else ""
            bold = "<w:rPr><w:b/></w:rPr>" if head else ""
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{TABLE_STYLE}"/></w:pPr>'
                f'<w:r>{bold}<w:t xml:space="preserve">{escape(_clean(text))}</w:t></w:r></w:p></w:tc>'
            )
        props = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>' if head else ""
        return f"<w:tr>{props}{''.join(cells)}</w:tr>"

    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{row(columns, True)}"
        + "".join(row(r, False) for r in rows)
        + "</w:tbl>"
    )
    after = document.add_paragraph()
    after._p.addprevious(parse_xml(xml))


def _figures(document: Any, block: Figures) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=2, cols=len(block.items))
    table.style = document.styles["Table Grid"]
    _widths(table, tuple(max(4, round(len(value) * 0.6)) for _, value in block.items))
    for index, (label, value) in enumerate(block.items):
        top, bottom = table.cell(0, index), table.cell(1, index)
        _cell(top, label)
        _shade(top, "E7E6E6")
        _cell(bottom, value, size=16 if index < 3 else 10.5, bold=index < 3)
        for cell in (top, bottom):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph()


def _block(document: Any, block: Block) -> None:
    if isinstance(block, Paragraph):
        style = {"alert": "GbstdAlert", "note": "GbstdNote"}.get(block.style, "GbstdBody")
        document.add_paragraph(block.text, style=style)
    elif isinstance(block, Figures):
        _figures(document, block)
    elif isinstance(block, Table):
        _table(document, block.columns, block.rows, block.widths)
    elif isinstance(block, Items):
        for index, item in enumerate(block.items, start=1):
            text = f"{index}. {item}" if block.numbered else f"· {item}"
            document.add_paragraph(text, style="GbstdBody")


def _section(document: Any, section: Section, heading: str, level: int, lang: Lang) -> None:
    document.add_heading(heading, level=level)
    for block in section.blocks:
        _block(document, block)
    for index, sub in enumerate(section.subsections):
        number = sub_number(index, lang) if sub.numbered else ""
        _section(document, sub, number + sub.heading, level + 1, lang)


def _headings(doc: Document, lang: Lang) -> list[str]:
    lines, numbered = [], 0
    for section in doc.sections:
        number = ""
        if section.numbered:
            number = heading_number(numbered, lang)
            numbered += 1
        lines.append(number + section.heading)
    return lines


def _cleaned(value: Any) -> Any:
    """``value`` with every string stripped of what XML cannot carry (python-docx refuses it)."""
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, tuple):
        return tuple(_cleaned(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _cleaned(getattr(value, f.name)) for f in fields(value)})
    return value


def render_document(doc: Document) -> bytes:
    """Return the document as .docx bytes."""
    doc = _cleaned(doc)  # user text (a centre's name, an evidence title) may hold \x01
    lang: Lang = "zh" if doc.lang == "zh" else "en"
    document = chinese_document(lang=lang, body_pt=14, page_numbers=False)
    _styles(document)
    document.core_properties.title = (
        f"{doc.title}：{doc.centre}" if lang == "zh" else f"{doc.title}: {doc.centre}"
    )
    _header_footer(document, doc.centre)
    _cover(document, doc)
    if not doc.summary:
        document.add_paragraph("目录" if lang == "zh" else "Contents", style="Heading 1")
        # Until Word or WPS updates the field, it shows the section headings (no page numbers).
        headings = _headings(doc, lang)
        add_field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', headings)
        document.add_page_break()
    numbered = 0
    for section in doc.sections:
        number = ""
        if section.numbered:
            number = heading_number(numbered, lang)
            numbered += 1
        _section(document, section, number + section.heading, 1, lang)
    document.add_paragraph(doc.layout_note, style="GbstdNote")
    if doc.summary:
        document.add_paragraph(doc.footer, style="GbstdNote")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(report: Report, lang: Lang, options: ReportOptions | None = None) -> bytes:
    """Return the report as .docx bytes."""
    return render_document(build(report, lang, options))
