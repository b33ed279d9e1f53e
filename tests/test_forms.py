"""Annex forms: the bundled list, looking forms up, values and prefill, and the three formats."""

import io
import re

import pytest
from docx import Document

from gbstd.catalogue.loading import load_catalogue
from gbstd.errors import GbstdError, InvalidInputError
from gbstd.io.bundled import data_dir
from gbstd.system.forms import (
    DESIGN_NOTE,
    UnknownFormError,
    find_form,
    form_values,
    load_forms,
    read_form_data,
    render_form,
)

IDS = [
    "authorisation",
    "staff_registration",
    "acceptance_notice",
    "correction_notice",
    "service_notice",
]
FORMATS = ["md", "html", "docx"]
COUNTY = data_dir("examples") / "county-centre.yaml"

ACCEPTANCE = {
    "document_number": "青政服受〔2026〕0158 号",
    "applicant": "青岚县禾丰农产品有限公司",
    "matter": "食品经营许可（新办）",
    "case_number": "QL20260701-0158",
    "accepted_on": "2026-07-01",
    "promised_days": 10,
    "due_on": "2026-07-15",
    "centre": "青岚县政务服务中心",
    "window": "市场监管综合窗口（12 号）",
    "phone": "0999-6123456",
    "handler": "李明",
}


@pytest.fixture(scope="module")
def forms():
    return load_forms()


def docx_text(data: bytes) -> tuple[Document, str]:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return document, "\n".join(parts)


def text_of(form, values, fmt, lang="zh") -> str:
    data = render_form(form, values, fmt, lang)
    return docx_text(data)[1] if fmt == "docx" else data.decode("utf-8")


# --- the list of forms ------------------------------------------------------------------


def test_the_five_annex_forms_match_the_catalogue(forms):
    assert [f.id for f in forms] == IDS
    annexes = {}
    for entry in load_catalogue().entries:
        for _, node in entry.standard.walk():
            if "-ANX" in node.id:
                annexes[node.id] = (entry.number, node.title.zh)
    for form in forms:
        assert annexes[form.annex] == (form.standard, form.name.zh), form.id
    assert {f.annex for f in forms} == {
        "32169.2-ANX1",
        "32169.2-ANX2",
        "32169.3-ANX1",
        "32169.3-ANX2",
        "32169.3-ANX3",
    }


def test_every_form_says_that_gbstd_designed_it(forms):
    for form in forms:
        assert "gbstd" in form.note.zh and "非标准附录原文" in form.note.zh + DESIGN_NOTE.zh
        assert "gbstd" in form.note.en
        assert all(f.hint is None or f.hint.en for f in form.fields)


def test_the_fields_named_in_practice_are_there(forms):
    labels = {f.id: [x.label.zh for x in f.fields] for f in forms}
    for label in (
        "文号",
        "申请人",
        "申请事项",
        "受理编号",
        "受理日期",
        "承诺办结时限（工作日）",
        "联系电话",
    ):
        assert label in labels["acceptance_notice"]
    assert "补正期限" in labels["correction_notice"]
    assert "需补正的材料及要求" in labels["correction_notice"]
    for label in (
        "姓名",
        "性别",
        "出生年月",
        "政治面貌",
        "派出单位",
        "窗口岗位",
        "照片",
        "中心意见",
    ):
        assert label in labels["staff_registration"]
    for label in ("事项名称", "所需材料", "办理程序", "收费标准及依据"):
        assert label in labels["service_notice"]
    for label in ("委托单位", "受托窗口", "授权事项清单", "授权权限"):
        assert label in labels["authorisation"]


BROKEN = """\
format_version: 1
forms:
  - id: notice
    name: {{zh: 通知, en: Notice}}
    annex: 32169.3-ANX1
    standard: GB/T 32169.3-2015
    note: {note}
    fields:
      - key: centre
        label: {{zh: 中心, en: Centre}}
        kind: text
        prefill: {prefill}
"""
GOOD_NOTE = "{zh: 本表由 gbstd 设计, en: designed by gbstd}"


@pytest.mark.parametrize(
    ("note", "prefill", "expected", "line"),
    [
        (GOOD_NOTE, "centre.telephone", "centre.telephone is not a plain fact", 9),
        (GOOD_NOTE, "centre.region", "centre.region is not a plain fact", 9),
        ("{zh: 官方格式, en: the official form}", "centre.name", "gbstd designed the form", 3),
    ],
)
def test_a_broken_forms_file_is_reported_with_its_position(tmp_path, note, prefill, expected, line):
    path = tmp_path / "forms.yaml"
    path.write_text(BROKEN.format(note=note, prefill=prefill), encoding="utf-8")
    with pytest.raises(InvalidInputError) as exc:
        load_forms(path)
    assert exc.value.render("en").splitlines() == [
        f"{path}:{line}:{5 if line == 3 else 9}: forms[0]{'.fields[0]' if line == 9 else ''}: "
        + exc.value.render("en").split(": ", 2)[-1]
    ]
    assert expected in exc.value.render("en")


# --- finding a form ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "acceptance_notice",
        "受理通知书",
        "32169.3-ANX1",
        "32169.3-anx1",
        "受理",
        "Notice of acceptance",
    ],
)
def test_a_form_is_found_by_id_name_or_annex(forms, query):
    assert find_form(query, forms).id == "acceptance_notice"


def test_an_unknown_form_suggests_the_closest(forms):
    with pytest.raises(GbstdError) as exc:
        find_form("acceptance_notise", forms)
    assert isinstance(exc.value, UnknownFormError)
    assert "是否要找：acceptance_notice" in exc.value.render("zh")
    assert "did you mean: acceptance_notice" in exc.value.render("en")
    with pytest.raises(UnknownFormError) as exc:
        find_form("通知书", forms)
    assert "acceptance_notice" in str(exc.value) and "correction_notice" in str(exc.value)


# --- values -----------------------------------------------------------------------------


def test_values_are_checked_and_normalised(forms):
    form = find_form("staff_registration", forms)
    values = form_values(
        form,
        {"name": "王芳", "gender": "female", "stationed_on": "2026-03-02", "phone": 13900000000},
    )
    assert values["gender"] == ["女"] and values["phone"] == "13900000000"
    assert values["stationed_on"].isoformat() == "2026-03-02"
    notice = find_form("correction_notice", forms)
    assert form_values(notice, {"corrections": "缺营业执照\n身份证复印件不清晰\n"}) == {
        "corrections": ["缺营业执照", "身份证复印件不清晰"]
    }


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"applicnt": "x"}, "did you mean: applicant"),
        ({"accepted_on": "2026-13-01"}, "must be a date"),
        ({"applicant": ["a", "b"]}, "must be text"),
    ],
)
def test_bad_values_are_refused(forms, data, expected):
    with pytest.raises(GbstdError) as exc:
        form_values(find_form("acceptance_notice", forms), data)
    assert expected in exc.value.render("en")


def test_checkbox_options_and_photo_are_checked(forms):
    form = find_form("staff_registration", forms)
    with pytest.raises(GbstdError, match="男、女"):
        form_values(form, {"gender": "未知"})
    with pytest.raises(GbstdError, match="照片"):
        form_values(form, {"photo": "me.jpg"})


def test_prefill_from_the_county_example_fills_the_centre(forms):
    description = read_form_data(COUNTY)
    form = find_form("acceptance_notice", forms)
    values = form_values(form, description)
    assert values == {"centre": "青岚县政务服务中心", "address": "青岚县青阳街道文昌路 88 号"}
    assert "青岚县政务服务中心" in render_form(form, values, "html", "zh").decode()
    # Data overrides the prefill; the description only fills the fields that name a path.
    both = form_values(form, {"applicant": "张三", "address": "便民服务点"}, centre=description)
    assert both["centre"] == "青岚县政务服务中心" and both["address"] == "便民服务点"
    for other in forms:
        assert "青岚县政务服务中心" in text_of(other, form_values(other, description), "docx") or (
            not any(f.prefill == "centre.name" for f in other.fields)
        )


def test_data_files_are_read_strictly(tmp_path):
    duplicate = tmp_path / "data.yaml"
    duplicate.write_text("applicant: a\napplicant: b\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="重复的键"):
        read_form_data(duplicate)
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="顶层应为映射"):
        read_form_data(listing)


# --- rendering --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("form_id", IDS)
def test_every_form_renders_blank_in_every_format_with_the_design_note(forms, form_id, fmt):
    form = find_form(form_id, forms)
    zh = text_of(form, {}, fmt, "zh")
    assert "本表格式为 gbstd 设计，非标准附录原文" in zh
    assert form.name.zh in zh and form.standard in zh and form.note.zh in zh
    for item in form.fields:
        assert item.label.zh in zh, item.key
    if any(f.kind == "date" for f in form.fields) or any(f.dated for f in form.fields):
        assert "____年__月__日" in zh
    en = text_of(form, {}, fmt, "en")
    assert "designed by gbstd" in en and form.name.en in en and "gbstd 设计" not in en


def test_acceptance_notice_markdown_golden(forms, golden):
    form = find_form("acceptance_notice", forms)
    golden(
        render_form(form, form_values(form, ACCEPTANCE), "md").decode(), "form-acceptance_notice.md"
    )


def test_acceptance_notice_html_golden(forms, golden):
    form = find_form("acceptance_notice", forms)
    page = render_form(form, form_values(form, ACCEPTANCE), "html").decode()
    golden(page, "form-acceptance_notice.html")
    assert "@page { size: A4; margin: 18mm; }" in page
    assert '<html lang="zh-CN">' in page and "Noto Serif CJK SC" in page


def test_list_fields_print_numbered_blank_lines(forms):
    form = find_form("correction_notice", forms)
    page = text_of(form, {}, "md")
    assert "1. ______________<br>2. ______________" in page and "6. ______________" in page
    html = text_of(form, {}, "html")
    assert html.count('<li class="blank"></li>') == 6
    filled = text_of(form, {"corrections": ["缺营业执照", "申请表未签字"]}, "md")
    assert "1. 缺营业执照<br>2. 申请表未签字" in filled


def test_docx_is_a4_with_the_fields_in_a_table(forms):
    form = find_form("acceptance_notice", forms)
    document, text = docx_text(render_form(form, form_values(form, ACCEPTANCE), "docx"))
    section = document.sections[0]
    # Word keeps twentieths of a point: 210 mm comes back as 209.99 mm.
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        assert round(getattr(section, margin).mm) == 18
    assert document.paragraphs[0].text == "受理通知书"
    note = next(p for p in document.paragraphs if "gbstd 设计" in p.text)
    assert note.runs[0].font.size.pt == 8 and str(note.runs[0].font.color.rgb) == "666666"
    table = document.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    table_fields = [f for f in form.fields if f.kind not in ("signature", "photo")]
    assert [r[0] for r in rows] == [f.label.zh for f in table_fields]
    assert rows[0][1] == "青政服受〔2026〕0158 号"
    assert ["受理日期", "2026年7月1日"] in rows
    assert ["承诺办结时限（工作日）", "10"] in rows
    assert "经办人（签字）：李明" in text and "受理机构（印章）：______________" in text
    assert "____年__月__日" in text


def test_docx_blank_cells_and_the_photo_box(forms):
    form = find_form("staff_registration", forms)
    document, _ = docx_text(render_form(form, {"name": "王芳", "gender": "女"}, "docx"))
    table = document.tables[0]
    assert len(table.columns) == 3
    photo = {table.cell(i, 2)._tc for i in range(5)}
    assert len(photo) == 1 and table.cell(0, 2).text.startswith("照片")
    assert table.cell(0, 1).text == "王芳" and table.cell(1, 1).text.startswith("☐ 男")
    assert "☑ 女" in table.cell(1, 1).text
    assert table.cell(5, 1)._tc is table.cell(5, 2)._tc  # below the photo, values run across
    assert table.cell(5, 1).text == ""  # 职务/职级: blank to fill in by hand


def test_hostile_values_are_escaped_and_the_page_makes_no_requests(forms):
    form = find_form("correction_notice", forms)
    values = {
        "applicant": "<script>alert(1)</script>",
        "matter": '<img src="http://evil.example/x.png" onerror="alert(2)">',
        "corrections": ["a | b", "<b>bold</b>"],
        "handler": "</td><script>",
    }
    page = render_form(form, values, "html", "zh").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=&#34;http://evil.example/x.png&#34;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "&lt;/td&gt;&lt;script&gt;" in page
    assert not re.search(r"<\s*(?:script|img|link|iframe|object|embed|base)\b", page, re.IGNORECASE)
    tags = " ".join(re.findall(r"<[a-zA-Z][^>]*>", page))
    assert not re.search(r"\b(?:src|href|action|data|on[a-z]+)\s*=", tags, re.IGNORECASE)
    assert not re.search(r"url\s*\(", page, re.IGNORECASE)
    assert "@import" not in page and "@font-face" not in page
    markdown = render_form(form, values, "md", "zh").decode()
    assert "&lt;script&gt;" in markdown and "<script" not in markdown
    assert "a \\| b" in markdown and "<b>" not in markdown


def test_cli_forms_list_and_render(runner, tmp_path):
    from gbstd.cli import app

    listed = runner.invoke(app, ["forms", "list"], catch_exceptions=False)
    assert (
        listed.exit_code == 0 and "受理通知书" in listed.stdout and "gbstd" in listed.stdout
    ) or "本工具" in listed.stdout
    target = tmp_path / "受理通知书.docx"
    result = runner.invoke(
        app,
        [
            "forms",
            "render",
            "受理通知书",
            "--data",
            "examples/county-centre.yaml",
            "-o",
            str(target),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0 and target.stat().st_size > 0
    again = runner.invoke(app, ["forms", "render", "受理通知书", "-o", str(target)])
    assert again.exit_code == 2  # never overwrites without --force
    unknown = runner.invoke(app, ["forms", "render", "受理通知"])
    assert unknown.exit_code in (0, 3)


# --- issue 16: a print switch, full-width Word tables, zh-CN --------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_print_switch_drops_the_hints_and_says_gbstd_designed_it_once(forms, fmt):
    form = find_form("staff_registration", forms)
    hints = [f.hint.zh for f in form.fields if f.hint]
    assert hints
    for printed, expected_notes in ((False, 2), (True, 1)):
        content = render_form(form, {}, fmt, printed=printed)
        if fmt == "docx":
            _, text = docx_text(content)
            text += "".join(c.text for t in Document(io.BytesIO(content)).tables for c in t._cells)
        else:
            text = content.decode("utf-8")
        shown = [h for h in hints if h in text]
        assert shown if not printed else not shown, (fmt, printed, shown)
        assert text.count("设计") == expected_notes, (
            fmt,
            printed,
        )  # "gbstd 设计", "由 gbstd … 设计"


def test_docx_tables_span_the_type_area_and_the_language_is_chinese(forms):
    import zipfile

    form = find_form("acceptance_notice", forms)
    content = render_form(form, form_values(form, ACCEPTANCE), "docx")
    document = Document(io.BytesIO(content))
    type_area = document.sections[0].page_width - 2 * document.sections[0].left_margin
    for table in document.tables:
        width = table._tbl.tblPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblW"
        )
        twips = int(width.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
        assert abs(twips * 635 - type_area) < 635 * 20  # EMU; within a point
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        settings = archive.read("word/settings.xml").decode()
    assert "ja-JP" not in settings and 'w:eastAsia="zh-CN"' in settings


def test_cli_print_option(runner):
    from gbstd.cli import app

    done = runner.invoke(app, ["forms", "render", "staff_registration", "--print", "-f", "md"])
    assert done.exit_code == 0 and "如 1990年5月" not in done.stdout and "gbstd" in done.stdout
