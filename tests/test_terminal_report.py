"""The terminal report at 80 columns: what decides first, and Chinese broken as Chinese is."""

import io
import re
from datetime import date

import pytest
import yaml
from rich.cells import cell_len
from rich.console import Console

from gbstd.assessment.run import assess, prepare, select_standards
from gbstd.description.loading import load_description
from gbstd.io.bundled import data_dir
from gbstd.reports.assessment import render
from gbstd.reports.cjkwrap import CLOSING, OPENING, wrap
from gbstd.reports.document import ReportOptions


@pytest.fixture(scope="module")
def setup():
    return prepare()


def report_for(setup, path):
    standards = select_standards(setup.catalogue, [])
    return assess(load_description(path), setup, standards, today=date(2026, 6, 30))


def text_at(report, width=80, **options):
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(render(report, "zh", options=ReportOptions(**options)))
    return console.export_text()


@pytest.fixture(scope="module")
def vetoed(setup, tmp_path_factory):
    data = yaml.safe_load((data_dir("examples") / "county-centre.yaml").read_text(encoding="utf-8"))
    data["safety"]["fire_equipment_ok"] = False  # 32169.1-5.R18 is a veto requirement
    path = tmp_path_factory.mktemp("veto") / "centre.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return report_for(setup, path)


def test_a_veto_is_named_with_its_requirement_not_cut_off(vetoed):
    page = text_at(vetoed)
    assert "…" not in page.split("不符合项 ")[0]  # the summary table truncates nothing
    assert "不合格*" in page
    joined = page.replace("\n", "")
    assert "* 一票否决：32169.1-5.R18「消防和应急设备完好」不符合" in joined


def test_first_screen_has_figures_and_top_five_actions(vetoed):
    page = text_at(vetoed, summary=True)
    assert "总分 91.9 · 不合格 · 覆盖率 100%" in page
    assert "收效最大的 5 项整改措施" in page
    assert re.search(r"^5\. ", page, re.MULTILINE)
    assert "不符合项 25 项（「应」未满足" not in page  # --summary: no lists
    assert "下一步：" in page


def test_no_line_is_wider_than_80_or_splits_a_path_or_misplaces_punctuation(setup, vetoed):
    township = report_for(setup, data_dir("examples") / "township-centre.yaml")
    for report in (vetoed, township):
        lines = text_at(report).splitlines()
        assert all(cell_len(line) <= 80 for line in lines)
        for line in lines:
            body = line.strip()
            if body:
                assert body[0] not in CLOSING - set("—…%"), line
                assert body[-1] not in OPENING, line
        for path, _ in report.data_needed:  # every missing fact's path is whole on one line
            assert any(path in line for line in lines), path
        assert any("评估报告.xlsx" in line for line in lines)


def test_wrap_keeps_identifiers_and_file_names_whole():
    text = "待补充资料：标准化工作（standardization.standards）、生成 评估报告.docx 文件"
    for width in range(32, 60):  # wide enough for （the longest identifier）、
        lines = [text[a:b] for a, b in wrap(text, width)]
        assert any("standardization.standards" in line for line in lines), width
        assert any("评估报告.docx" in line for line in lines), width
        assert all(not line or line[0] not in "，。、；：）」" for line in lines), lines
        assert all(not line or line[-1] not in "（「" for line in lines), lines
