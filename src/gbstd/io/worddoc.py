"""A blank Word document set up the way Chinese offices expect (GB/T 9704 spirit).

python-docx's default template declares Japanese as the east-Asian language
(``themeFontLang eastAsia="ja-JP"``) and colours its headings blue from the theme: Word and WPS
then pick Japanese glyph variants and fonts for Chinese text. ``chinese_document`` fixes both
once, for every .docx gbstd writes: zh-CN everywhere, headings black in explicit fonts, A4.
"""

from __future__ import annotations

from typing import Any

LATIN_FONT = "Times New Roman"
# GB/T 9704: 天头 37 mm, 订口 28 mm, type area 156 mm × 225 mm on A4.
A4_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def set_fonts(rpr: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts of a run or style explicitly (theme fonts would win otherwise)."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def set_language(document: Any, lang: str = "zh-CN") -> None:
    """Declare ``lang`` as the east-Asian language in the defaults and the settings."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), "zh-CN" if lang == "zh-CN" else "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")
    settings = document.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is None:
        theme = OxmlElement("w:themeFontLang")
        settings.append(theme)
    theme.set(qn("w:val"), "en-US")
    theme.set(qn("w:eastAsia"), "zh-CN")


def black_heading(style: Any, east_asia: str, size_pt: float, *, bold: bool = False) -> None:
    """Make a heading style black, in the given font and size (not the theme's blue)."""
    from docx.shared import Pt, RGBColor

    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.size = Pt(size_pt)
    style.font.bold = bold
    style.font.italic = False
    set_fonts(style.element.get_or_add_rPr(), east_asia)


def chinese_document(body_font: str = "仿宋", body_pt: float = 14, lang: str = "zh-CN") -> Any:
    """A new A4 document: zh-CN, GB/T 9704 margins, body font, black headings (黑体, 楷体)."""
    from docx import Document
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
    black_heading(styles["Title"], "宋体", 22, bold=True)
    black_heading(styles["Heading 1"], "黑体", 16)
    black_heading(styles["Heading 2"], "楷体", 15)
    black_heading(styles["Heading 3"], "仿宋", 14, bold=True)
    # The Title style draws a blue rule under itself in the default template.
    from docx.oxml.ns import qn

    title_ppr = styles["Title"].element.find(qn("w:pPr"))
    if title_ppr is not None:
        border = title_ppr.find(qn("w:pBdr"))
        if border is not None:
            title_ppr.remove(border)
    for name in ("Heading 1", "Heading 2"):
        styles[name].paragraph_format.space_before = Pt(12)
        styles[name].paragraph_format.space_after = Pt(6)
    document.core_properties.author = "gbstd"
    return document


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
