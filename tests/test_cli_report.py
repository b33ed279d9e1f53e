"""gbstd assess -o 评估报告.docx, the cover options and --summary, from the command line."""

import io
import json

from docx import Document
from openpyxl import load_workbook

from gbstd.cli import app
from gbstd.errors import ExitCode
from gbstd.io.bundled import data_dir

COUNTY = data_dir("examples") / "county-centre.yaml"


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_assess_writes_a_word_report_with_the_cover_given(runner, tmp_path):
    out = tmp_path / "评估报告.docx"
    options = ["--organisation", "岱阳市标准化研究院", "--assessor", "张三", "--assessor", "李四"]
    result = invoke(runner, "assess", COUNTY, "-o", out, *options, "--report-number", "岱标评12号")
    assert result.exit_code == ExitCode.GAPS_FOUND
    document = Document(io.BytesIO(out.read_bytes()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert {"岱阳市标准化研究院", "张三、李四", "岱标评12号"} <= set(cells)
    assert "七、整改计划" in [p.text for p in document.paragraphs]


def test_docx_to_the_terminal_is_a_usage_error(runner):
    result = invoke(runner, "assess", COUNTY, "-f", "docx")
    assert result.exit_code == ExitCode.USAGE


def test_summary_in_every_format(runner, tmp_path):
    page = invoke(runner, "assess", COUNTY, "--summary", "-f", "md").stdout
    assert "## 一、评估结论" in page and "整改计划" in page and "## 二、" not in page
    terminal = invoke(runner, "assess", COUNTY, "--summary").stdout
    assert "收效最大的 5 项整改措施" in terminal and "不符合项 24 项（「应」" not in terminal
    html = invoke(runner, "assess", COUNTY, "--summary", "-f", "html").stdout
    assert "逐条结果" not in html and 'class="lead"' in html
    invoke(runner, "assess", COUNTY, "--summary", "-o", tmp_path / "s.xlsx")
    assert load_workbook(tmp_path / "s.xlsx").sheetnames == ["概览"]
    invoke(runner, "assess", COUNTY, "--summary", "-o", tmp_path / "s.docx")
    document = Document(io.BytesIO((tmp_path / "s.docx").read_bytes()))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == ["一、评估结论"]
    data = json.loads(invoke(runner, "assess", COUNTY, "--summary", "-f", "json").stdout)
    assert data["summary"]["score"] == 92.35  # JSON is data: --summary leaves it whole


def test_control_characters_in_user_text_do_not_break_the_word_report(runner, tmp_path):
    import yaml

    data = yaml.safe_load(COUNTY.read_text(encoding="utf-8"))
    data["centre"]["name"] = "甲\x01乙\x0b丙"
    data["evidence"][0]["title"] = "证据\x02标题"
    centre = tmp_path / "centre.yaml"
    centre.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "r.docx"
    result = invoke(runner, "assess", centre, "-o", out)
    assert result.exit_code == ExitCode.GAPS_FOUND
    document = Document(io.BytesIO(out.read_bytes()))
    assert document.sections[0].header.paragraphs[0].text == "甲乙丙"
