"""The auditor's workbook, checked the way Excel would see it (never by bytes)."""

import io

from assessing import db99_report
from openpyxl import load_workbook

from gbstd.reports.excel import GAP_COLUMNS, build, display_width, fitted_height, gap_workbook


def saved(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def dump(workbook) -> str:
    lines = []
    for ws in workbook:
        lines.append(f"## {ws.title}")
        for row in ws.iter_rows(values_only=True):
            lines.append(" | ".join("" if v is None else str(v) for v in row).rstrip(" |"))
    return "\n".join(lines) + "\n"


def test_sheets_and_golden_cell_values(tmp_path, golden):
    workbook = saved(build(db99_report(tmp_path), "zh"))
    assert workbook.sheetnames == [
        "概览",
        "整改计划",
        "差距清单",
        "待补充资料",
        "全部条款",
        "证据",
        "条款文件",
    ]
    golden(dump(workbook), "report-db99.xlsx.txt")


def test_tables_are_frozen_filtered_and_print_on_a4_landscape(tmp_path):
    workbook = saved(build(db99_report(tmp_path), "zh"))
    for name in ("差距清单", "全部条款", "证据"):
        ws = workbook[name]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert "&P" in ws.oddFooter.center.text
    gaps = workbook["差距清单"]
    assert [c.value for c in gaps[1]][-2:] == ["责任人", "完成期限"]


def test_status_cells_are_coloured(tmp_path):
    ws = saved(build(db99_report(tmp_path), "zh"))["全部条款"]
    fills = {
        row[6].value: row[6].fill.fgColor.rgb for row in ws.iter_rows(min_row=2) if row[1].value
    }
    assert fills["不符合"].endswith("FFC7CE") and fills["符合"].endswith("C6EFCE")


def test_all_requirements_are_grouped_by_chapter(tmp_path):
    ws = saved(build(db99_report(tmp_path), "zh"))["全部条款"]
    levels = {r: ws.row_dimensions[r].outline_level for r in range(2, ws.max_row + 1)}
    chapter_rows = [r for r in levels if ws.cell(r, 2).value is None]
    assert chapter_rows and all(levels[r] == 0 for r in chapter_rows)
    assert all(levels[r] == 1 for r in levels if r not in chapter_rows)


def test_overview_has_a_native_bar_chart_and_the_checksums_an_annex_sheet(tmp_path):
    workbook = saved(build(db99_report(tmp_path), "zh"))
    (chart,) = workbook["概览"]._charts
    assert chart.tagname == "barChart"
    values = [c.value for row in workbook["条款文件"].iter_rows() for c in row]
    assert any(isinstance(v, str) and len(v) == 64 for v in values)  # a sha256


def test_user_text_never_becomes_a_formula(tmp_path):
    report = db99_report(tmp_path, name='=HYPERLINK("http://evil","点我")')
    workbook = saved(build(report, "zh"))
    cells = [
        c
        for ws in workbook
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert cells, "the hostile strings should be present as text"
    assert all(c.data_type == "s" for c in cells)


def test_english_workbook(tmp_path):
    workbook = saved(build(db99_report(tmp_path), "en"))
    assert workbook.sheetnames == [
        "Overview",
        "Action plan",
        "Gaps",
        "Data needed",
        "All requirements",
        "Evidence",
        "Clause files",
    ]


def test_large_gap_workbook_is_write_only_and_complete(tmp_path):
    report = db99_report(tmp_path)
    rows = [report.gaps[0]] * 3000
    workbook = saved(gap_workbook(rows, "zh"))
    ws = workbook["差距清单"]
    assert ws.max_row == 3001 and ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:L3001"


def test_row_heights_fit_wrapped_chinese_text():
    assert display_width("中文ab") == 6
    assert fitted_height(["短"], GAP_COLUMNS) is None
    assert fitted_height(["", "", "", "长" * 40], GAP_COLUMNS) == 45.0


def test_action_plan_sheet_validates_status_and_deadline_and_prints(tmp_path):
    workbook = saved(build(db99_report(tmp_path), "zh"))
    ws = workbook["整改计划"]
    header = [c.value for c in ws[1]]
    assert header[:9] == [
        "序号",
        "问题（根因）",
        "整改措施",
        "关闭的要求",
        "责任科室",
        "责任人",
        "完成期限",
        "状态",
        "验证方式",
    ]
    assert ws["H2"].value == "未开始" and ws["F2"].value is None
    assert ws["G2"].is_date and ws["G2"].value.date().isoformat() == "2026-09-28"
    rules = {v.type: v for v in ws.data_validations.dataValidation}
    assert rules["list"].formula1 == '"未开始,进行中,已完成"'
    assert "H2" in str(rules["list"].sqref)
    assert rules["date"].operator == "greaterThan" and "G2" in str(rules["date"].sqref)
    assert ws.print_title_rows == "$1:$1" and int(ws.page_setup.paperSize) == 9


def test_summary_workbook_is_the_overview_alone(tmp_path):
    from gbstd.reports.document import ReportOptions

    workbook = saved(build(db99_report(tmp_path), "zh", ReportOptions(summary=True)))
    assert workbook.sheetnames == ["概览"]
