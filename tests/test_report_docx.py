"""The Word report (评估报告.docx): sections, page numbers, zh-CN, black headings, fitting tables."""

import io
import re
import zipfile
from datetime import date

import pytest
from docx import Document

from gbstd.assessment.run import assess, prepare, select_standards
from gbstd.description.loading import load_description
from gbstd.io.bundled import data_dir
from gbstd.io.worddoc import TEXT_WIDTH_MM as TYPE_AREA_MM
from gbstd.reports.document import ReportOptions
from gbstd.reports.word import render


@pytest.fixture(scope="module")
def county():
    setup = prepare()
    loaded = load_description(data_dir("examples") / "county-centre.yaml")
    standards = select_standards(setup.catalogue, [])
    return assess(loaded, setup, standards, today=date(2026, 6, 30), tool_version="X")


@pytest.fixture(scope="module")
def docx_bytes(county):
    return render(county, "zh", ReportOptions(organisation="岱阳市标准化研究院"))


def part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def test_the_docx_has_every_section_as_a_heading(docx_bytes):
    document = Document(io.BytesIO(docx_bytes))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "目录",
        "一、评估结论",
        "二、评估依据",
        "三、评估方法",
        "四、评估结果",
        "五、主要成效",
        "六、问题清单",
        "七、整改计划",
        "附件",
    ]
    assert "岱阳市标准化研究院" in [
        c.text for t in document.tables for r in t.rows for c in r.cells
    ]


def test_page_numbers_toc_and_the_centre_in_the_header(docx_bytes):
    document = Document(io.BytesIO(docx_bytes))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "青岚县政务服务中心"
    names = zipfile.ZipFile(io.BytesIO(docx_bytes)).namelist()
    footers = "".join(part(docx_bytes, n) for n in names if n.startswith("word/footer"))
    assert "<w:instrText" in footers and " PAGE " in footers
    assert "TOC \\o" in part(docx_bytes, "word/document.xml")


def test_east_asian_language_is_chinese_not_japanese(docx_bytes):
    styles, settings = part(docx_bytes, "word/styles.xml"), part(docx_bytes, "word/settings.xml")
    assert 'w:eastAsia="zh-CN"' in styles
    assert re.search(r'<w:themeFontLang [^>]*w:eastAsia="zh-CN"', settings)
    assert "ja-JP" not in styles + settings


def test_headings_are_black_heiti_not_the_theme_blue(docx_bytes):
    document = Document(io.BytesIO(docx_bytes))
    heading = document.styles["Heading 1"]
    assert str(heading.font.color.rgb) == "000000"
    fonts = heading.element.rPr.rFonts
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "黑体"
    )
    assert (
        "365F91" not in part(docx_bytes, "word/styles.xml").split('w:styleId="Heading1"')[1][:800]
    )


def test_a4_and_tables_no_wider_than_the_type_area(docx_bytes):
    document = Document(io.BytesIO(docx_bytes))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    for table in document.tables:
        width = sum(
            int(g.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
            for g in table._tbl.tblGrid
        )
        assert width / 56.7 <= TYPE_AREA_MM + 0.5  # twips → mm


def test_summary_docx_has_the_conclusion_only(county):
    document = Document(io.BytesIO(render(county, "zh", ReportOptions(summary=True))))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、评估结论"]
