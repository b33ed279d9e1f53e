"""A blank Word document set up as Chinese offices expect (GB/T 9704 in spirit).

python-docx's default template declares Japanese as the east-Asian language
(``themeFontLang eastAsia="ja-JP"``), so Word and WPS may pick a Japanese font for Chinese text,
and colours its headings blue. Every .docx gbstd writes (KPI report, drafts, forms) starts here:
A4, the 公文 margins, 仿宋/黑体 with the east-Asian font named explicitly, language zh-CN, black
headings, and a page number "— 1 —" in the footer.
"""

from __future__ import annotations

from typing import Any

LATIN_FONT = "Times New Roman"
BODY_FONT, HEADING_FONT, TABLE_FONT = "仿宋", "黑体", "宋体"
# GB/T 9704-2012: top margin 37 mm, binding side 28 mm; type area 156 mm × 225 mm on A4.
PAGE_MM = (210, 297)
MARGINS_MM = {"top_margin": 37, "bottom_margin": 35, "left_margin": 28, "right_margin": 26}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left_margin"] - MARGINS_MM["right_margin"]  # 156


def set_fonts(rpr: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the Latin and the east-Asian font of a run or style (``w:rPr``)."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def set_language(document: Any, lang: str = "zh") -> None:
    """Declare zh-CN the east-Asian language (python-docx's template says ja-JP)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is None:
        theme = OxmlElement("w:themeFontLang")
        settings.append(theme)
    theme.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-US")
    theme.set(qn("w:eastAsia"), "zh-CN")
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")


def full_width(table: Any, width_mm: float) -> None:
    """Give ``table`` a fixed width (``w:tblW`` in twips) and a fixed layout.

    python-docx leaves ``tblW`` at "auto": Word then sizes the table to its content, and a
    form or report table comes out narrower than the page.
    """
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))  # python-docx writes one, set to "auto"
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(width_mm * 1440 / 25.4)))
    table.autofit = False  # a fixed layout: python-docx puts w:tblLayout where the schema wants it


def page_number(paragraph: Any) -> None:
    """Write "— PAGE —" into ``paragraph``: a field Word and WPS fill in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        run = paragraph.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    paragraph.add_run(" —")


def chinese_document(
    *, lang: str = "zh", header: str = "", title: str = "", body_pt: float = 12
) -> Any:
    """Return a new python-docx ``Document`` set up for a Chinese office report.

    Args:
        lang: ``zh`` or ``en``; the east-Asian language is zh-CN either way.
        header: text of the page header (the centre's name), if any.
        title: the document property "title".
        body_pt: size of the body text (3号 = 16 pt is the 公文 size; reports full of tables
            use a smaller one).
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side, millimetres in MARGINS_MM.items():
        setattr(section, side, Mm(millimetres))
    set_language(document, lang)
    normal = document.styles["Normal"]
    normal.font.size = Pt(body_pt)
    set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.25
    for name, size in (("Title", 22), ("Heading 1", 16), ("Heading 2", 14), ("Heading 3", 12)):
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.bold = name != "Title"
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)  # headings black, never coloured
        set_fonts(style.element.get_or_add_rPr(), HEADING_FONT if name != "Title" else "宋体")
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6)
    title_style = document.styles["Title"]
    title_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The default Title style draws a blue rule under the title: drop it.
    ppr = title_style.element.get_or_add_pPr()
    for border in ppr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"):
        ppr.remove(border)
    if header:
        paragraph = section.header.paragraphs[0]
        paragraph.text = header
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_number(footer)
    document.core_properties.title = title
    document.core_properties.author = "gbstd"
    return document
