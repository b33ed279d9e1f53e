"""The file reports of ``gbstd kpi``: the workbook, HTML and Word (issue 16, section 5)."""

import io
import re
import zipfile

import openpyxl
import pytest
from docx import Document

from gbstd.cli import app
from gbstd.errors import ExitCode
from gbstd.kpi.compute import compute
from gbstd.kpi.indicators import SPECS
from gbstd.reports.kpibook import build
from gbstd.reports.kpidoc import to_docx, to_html
from gbstd.reports.kpisummary import summarise


@pytest.fixture(scope="module")
def sample_cases(tmp_path_factory):
    """3,000 synthetic cases of two centres: enough windows for a top and a bottom ten."""
    from typer.testing import CliRunner

    path = tmp_path_factory.mktemp("kpi") / "cases.csv"
    done = CliRunner().invoke(
        app,
        ["sample", "cases", "--rows", "3000", "--centres", "2", "--seed", "3"]
        + ["--as-of", "2026-11-30", "-o", str(path)],
    )
    assert done.exit_code == 0, done.output
    return path


@pytest.fixture(scope="module")
def by_window(sample_cases):
    return compute(sample_cases, by="window")


def _texts(ws):
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_cli_writes_html_and_docx(runner, sample_cases, tmp_path):
    for suffix in ("html", "docx"):
        path = tmp_path / f"kpi.{suffix}"
        done = runner.invoke(
            app, ["kpi", str(sample_cases), "--centre", "青岚县政务服务中心", "-o", str(path)]
        )
        assert done.exit_code == ExitCode.OK, done.output
        assert path.stat().st_size > 1000
    page = (tmp_path / "kpi.html").read_text("utf-8")
    assert "<svg" in page and "窗口服务评价指标报告" in page and "青岚县政务服务中心" in page
    refused = runner.invoke(app, ["kpi", str(sample_cases), "-f", "docx"])
    assert refused.exit_code == ExitCode.USAGE  # binary: never to the terminal


def test_workbook_has_a_title_block_chinese_headers_and_a_chart(by_window, tmp_path):
    path = tmp_path / "kpi.xlsx"
    build(by_window, "zh", centre="青岚县政务服务中心").save(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["概览", "分组指标", "窗口排名", "异常办理", "数据问题"]
    overview = workbook["概览"]
    labels = {overview.cell(r, 1).value: overview.cell(r, 2).value for r in range(2, 9)}
    assert labels["中心或地区"] == "青岚县政务服务中心"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d 至 \d{4}-\d\d-\d\d", labels["统计期间"])
    assert labels["统计基准日"] == by_window.as_of.isoformat()
    assert len(overview._charts) == 1
    every_text = [t for ws in workbook for t in _texts(ws)]
    assert not set(SPECS) & set(every_text)  # no English key column anywhere
    # Rates are percentages, counts whole numbers, and floats rounded as shown.
    rows = {r[0].value: r for r in overview.iter_rows() if r[0].value in ("办理提速率", "异常办理")}
    speed = rows["办理提速率"]
    assert speed[1].number_format == "0.0%"
    assert speed[2].value == round(speed[2].value, 1)
    assert rows["异常办理"][1].number_format == "#,##0"


def test_score_columns_are_named_scores_and_the_bottom_windows_are_listed(by_window, tmp_path):
    path = tmp_path / "kpi.xlsx"
    build(by_window, "zh").save(path)
    workbook = openpyxl.load_workbook(path)
    headers = [c.value for c in workbook["窗口排名"][1]]
    assert headers[:5] == ["名次", "中心", "窗口", "件数", "综合得分"]
    assert all(h.endswith("得分") for h in headers[4:]), headers
    texts = _texts(workbook["概览"])
    assert "排名前 10 的窗口" in texts
    bottom_title = next(t for t in texts if t.startswith("排名后"))
    assert "需关注" in bottom_title
    summary = summarise(by_window, "zh")
    last = max(w.rank for w in by_window.ranking if w.rank is not None)
    assert summary.bottom.rows[0][0].value == last  # the window most in need comes first


def test_one_centre_by_centre_has_no_second_overall_block(tmp_path, runner):
    cases = tmp_path / "one.csv"
    runner.invoke(
        app, ["sample", "cases", "--rows", "400", "--as-of", "2026-11-30", "-o", str(cases)]
    )
    result = compute(cases, by="centre")
    path = tmp_path / "kpi.xlsx"
    build(result, "zh").save(path)
    workbook = openpyxl.load_workbook(path)
    assert "分组指标" not in workbook.sheetnames
    assert sum(t == "总体" for ws in workbook for t in _texts(ws)) == 0
    assert summarise(result, "zh").groups is None


def test_word_report_is_chinese_office_styled(by_window):
    content = to_docx(by_window, "zh", centre="青岚县政务服务中心")
    document = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "窗口服务评价指标报告" in text and "说明" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "总体指标" in headings and any(h.startswith("排名后") for h in headings)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        settings = archive.read("word/settings.xml").decode()
        styles = archive.read("word/styles.xml").decode()
        footer = "".join(archive.read(n).decode() for n in archive.namelist() if "footer" in n)
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings
    assert re.search(r'<w:lang [^>]*w:eastAsia="zh-CN"', styles)
    assert "PAGE" in footer
    assert document.sections[0].header.paragraphs[0].text == "青岚县政务服务中心"


def test_english_html_report(by_window):
    page = to_html(by_window, "en")
    assert 'lang="en"' in page and "Window-service indicator report" in page
    assert "Bottom 10 windows" in page
