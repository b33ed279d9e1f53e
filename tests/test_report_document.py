"""The report as data: one model of sections that every format renders."""

import copy
import json
from datetime import date

import pytest
from assessing import GAPPY, db99_report

from gbstd.assessment.run import assess, prepare, select_standards
from gbstd.description.loading import load_description
from gbstd.io.bundled import data_dir
from gbstd.reports.document import ReportOptions
from gbstd.reports.markdown import render_document
from gbstd.reports.narrative import alerts
from gbstd.reports.sections import build

OPTIONS = ReportOptions(organisation="岱阳市标准化研究院", assessors=("张三", "李四"))


@pytest.fixture(scope="module")
def county():
    setup = prepare()
    loaded = load_description(data_dir("examples") / "county-centre.yaml")
    standards = select_standards(setup.catalogue, [])
    return assess(loaded, setup, standards, today=date(2026, 6, 30), tool_version="X")


def test_county_sections_golden(county, golden):
    document = build(county, "zh", OPTIONS)
    golden(
        json.dumps(document.to_data(), ensure_ascii=False, indent=1) + "\n", "report-county.json"
    )


def test_county_markdown_golden(county, golden):
    golden(render_document(build(county, "zh", OPTIONS)), "report-county.md")


def test_sections_come_in_the_order_offices_expect(county):
    headings = [s.heading for s in build(county, "zh").sections]
    assert headings == [
        "评估结论",
        "评估依据",
        "评估方法",
        "评估结果",
        "主要成效",
        "问题清单",
        "整改计划",
        "附件",
    ]


def test_cover_names_the_assessors_and_a_stable_report_number(county):
    cover = dict(build(county, "zh", OPTIONS).cover)
    assert cover["评估单位"] == "岱阳市标准化研究院"
    assert cover["评估人员"] == "张三、李四"
    assert cover["报告编号"] == dict(build(county, "zh").cover)["报告编号"]
    numbered = ReportOptions(number="岱标评〔2026〕12号")
    assert dict(build(county, "zh", numbered).cover)["报告编号"] == "岱标评〔2026〕12号"


def test_summary_keeps_the_cover_and_the_conclusion_with_top_actions(county):
    document = build(county, "zh", ReportOptions(summary=True))
    assert [s.id for s in document.sections] == ["conclusion"]
    tables = [b for b in document.sections[0].blocks if b.kind == "table"]
    assert tables[0].name == "top_actions" and len(tables[0].rows) == 5


def test_conclusion_paragraph_names_grade_score_coverage_and_top_actions(county):
    lead = next(
        b
        for b in build(county, "zh").sections[0].blocks
        if b.kind == "paragraph" and b.style == "lead"
    )
    assert "总分 92.4 分，等级为「优秀」" in lead.text
    assert "100%" in lead.text and "未触发一票否决" in lead.text
    assert county.actions[0].cause_label.zh in lead.text


def test_a_veto_that_fired_names_its_requirement(tmp_path):
    facts = copy.deepcopy(GAPPY)
    facts["premises"]["windows"]["total"] = 3
    report = db99_report(tmp_path, facts)
    lines = alerts(report, "zh")
    assert lines[0].startswith("一票否决：4.3「窗口数量」不符合")
    lead = next(
        b
        for b in build(report, "zh").sections[0].blocks
        if b.kind == "paragraph" and b.style == "lead"
    )
    assert "一票否决要求 4.3「窗口数量」未满足" in lead.text


def test_english_report_has_english_headings(county):
    document = build(county, "en")
    assert document.sections[0].heading == "Conclusion"
    assert "scores 92.4" in render_document(document)
