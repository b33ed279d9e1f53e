"""A blank Word document set up the way Chinese offices expect (GB/T 9704 in spirit).

python-docx's default template declares Japanese as the east-Asian language
(``themeFontLang eastAsia="ja-JP"``) and colours its headings blue from the theme: Word and WPS
then pick Japanese glyph variants and fonts for Chinese text. Every .docx gbstd writes (the
assessment report, the KPI report, drafts, forms) starts here: A4, the 公文 margins, fonts named
explicitly (仿宋 body; headings black in 黑体, 楷体, 仿宋), language zh-CN, and by default the
page number "— 1 —" in the footer.
"""

from __future__ import annotations

from typing import Any

LATIN_FONT = "Times New Roman"
BODY_FONT, HEADING_FONT, TABLE_FONT = "仿宋", "黑体", "宋体"
# GB/T 9704-2012: 天头 37 mm, 订口 28 mm; type area 156 mm × 225 mm on A4.
A4_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = A4_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156


def _chinese(lang: str) -> bool:
    return lang in ("zh", "zh-CN")


def set_fonts(rpr: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts of a run or style (``w:rPr``) explicitly: theme fonts would win otherwise."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def set_language(document: Any, lang: str = "zh") -> None:
    """Declare zh-CN the east-Asian language, in the defaults and the settings.

    ``lang`` (``zh``/``zh-CN`` or ``en``/``en-US``) sets the language of Latin text.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    latin = "zh-CN" if _chinese(lang) else "en-US"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), latin)
    language.set(qn("w:eastAsia"), "zh-CN")
    settings = document.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is None:
        theme = OxmlElement("w:themeFontLang")
        settings.append(theme)
    theme.set(qn("w:val"), latin)
    theme.set(qn("w:eastAsia"), "zh-CN")


def black_heading(style: Any, east_asia: str, size_pt: float, *, bold: bool = False) -> None:
    """Make a heading style black, in the given font and size (not the theme's blue)."""
    from docx.shared import Pt, RGBColor

    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.size = Pt(size_pt)
    style.font.bold = bold
    style.font.italic = False
    set_fonts(style.element.get_or_add_rPr(), east_asia)


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


def add_field(paragraph: Any, instruction: str, placeholder: str | list[str] = "") -> None:
    """Insert a field (PAGE, TOC …) that Word computes; ``placeholder`` shows until it does.

    A list of placeholder lines is shown one per line.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            mark.set(qn("w:dirty"), "true")  # Word updates it (a TOC) when the file opens
        run.append(mark)
        return run

    code = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code.append(text)
    shown = OxmlElement("w:r")
    lines = [placeholder] if isinstance(placeholder, str) else placeholder
    for index, line in enumerate(lines):
        if index:
            shown.append(OxmlElement("w:br"))
        value = OxmlElement("w:t")
        value.text = line
        shown.append(value)
    p = paragraph._p
    for element in (char("begin"), code, char("separate"), shown, char("end")):
        p.append(element)


def page_number(paragraph: Any) -> None:
    """Write "— PAGE —" into ``paragraph``: a field Word and WPS fill in."""
    paragraph.add_run("— ")
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" —")


def chinese_document(
    *,
    lang: str = "zh",
    header: str = "",
    title: str = "",
    body_pt: float = 12,
    body_font: str = BODY_FONT,
    page_numbers: bool = True,
) -> Any:
    """Return a new python-docx ``Document`` set up for a Chinese office document.

    Args:
        lang: ``zh`` or ``en`` (``zh-CN``/``en-US`` too); the east-Asian language is zh-CN
            either way.
        header: text of the page header (the centre's name), if any.
        title: the document property "title".
        body_pt: size of the body text (3号 = 16 pt is the 公文 size; documents full of tables
            use a smaller one).
        body_font: the east-Asian font of the body text.
        page_numbers: put "— PAGE —" in the footer (a caller with its own footer says False).
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = section.footer_distance = Mm(15)
    set_language(document, lang)
    normal = document.styles["Normal"]
    normal.font.size = Pt(body_pt)
    set_fonts(normal.element.get_or_add_rPr(), body_font)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.25
    styles = document.styles
    # 公文 heading levels: 一级 黑体, 二级 楷体, 三级 仿宋 bold.
    black_heading(styles["Title"], "宋体", 22, bold=True)
    black_heading(styles["Heading 1"], HEADING_FONT, 16)
    black_heading(styles["Heading 2"], "楷体", 15)
    black_heading(styles["Heading 3"], "仿宋", 14, bold=True)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The Title style draws a blue rule under itself in the default template.
    title_ppr = styles["Title"].element.find(qn("w:pPr"))
    if title_ppr is not None:
        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        styles[name].paragraph_format.space_before = Pt(12)
        styles[name].paragraph_format.space_after = Pt(6)
    if header:
        paragraph = section.header.paragraphs[0]
        paragraph.text = header
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if page_numbers:
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        page_number(footer)
    document.core_properties.title = title
    document.core_properties.author = "gbstd"
    return document
