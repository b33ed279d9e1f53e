"""The HTML report: golden output, escaping, no network requests, the chart, English labels."""

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from gbstd.assessment.run import assess, prepare, select_standards
from gbstd.description.loading import load_description
from gbstd.io.bundled import data_dir
from gbstd.reports import html

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 6, 30)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

FACTS = {
    "policies": {"first_contact": {"adopted": True, "published": True}},
    "premises": {
        "location": {"public_transport": False, "parking_spaces": 20},
        "windows": {"total": 6},
    },
    "online": {"provided": True, "online_application": True},
    "not_applicable": [{"requirement": "6.1", "reason": "由上级中心检查"}],
    "evidence": [
        {
            "id": "E01",
            "title": "首问负责制度",
            "path": "evidence/首问负责制度.pdf",
            "effective": "2024-02-01",
            "supports": ["4.1"],
        },
        {
            "id": "E02",
            "title": "停车场照片",
            "path": "evidence/停车场.jpg",
            "expires": "2025-12-31",
            "supports": ["6.2"],
        },
    ],
    "waivers": [
        {
            "requirement": "4.2",
            "reason": "公交线路已列入规划",
            "approver": "中心主任",
            "expires": "2026-01-31",
        },
        {
            "requirement": "4.3",
            "reason": "新大厅 2027 年启用",
            "approver": "联席会议",
            "expires": "2027-06-30",
        },
    ],
}


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack")
    (folder / "db99.yaml").write_text(
        (DATA / "db99.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return prepare([folder], [DATA / "db99-checks"])


def db99_report(pack, tmp_path, name="测试中心", facts=FACTS):
    document = {
        "format_version": 1,
        "centre": {"name": name, "level": "county", "assessed_on": "2026-06-30"},
    } | facts
    path = tmp_path / "centre.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    standards = select_standards(pack.catalogue, ["DB99/T 1"])
    return assess(load_description(path), pack, standards, today=TODAY, tool_version="X")


def example_report(name):
    setup = prepare()
    standards = select_standards(setup.catalogue, [])
    loaded = load_description(data_dir("examples") / name)
    return assess(loaded, setup, standards, today=TODAY, tool_version="X")


def test_html_golden(pack, tmp_path, golden):
    golden(html.render(db99_report(pack, tmp_path), "zh"), "assess-db99.html")


def test_html_shows_statuses_waivers_and_flags_in_words(pack, tmp_path):
    page = html.render(db99_report(pack, tmp_path), "zh")
    assert '<html lang="zh-CN">' in page and '<meta charset="utf-8">' in page
    assert "豁免已到期" in page  # 4.2: waiver expired 2026-01-31
    assert "已豁免" in page  # 4.3: waiver valid until 2027
    assert "证据已过期" in page and "无证据" in page
    for label in ("符合", "不符合", "不适用"):
        assert f"</span>{label}</span>" in page  # badges carry words, not only colour
    assert "由上级中心检查" in page and "首问负责制度" in page


def test_user_text_is_escaped_and_there_is_no_script(pack, tmp_path):
    facts = FACTS | {
        "waivers": [
            {
                "requirement": "4.2",
                "reason": '<img src="http://evil.example/x.png" onerror="alert(2)">',
                "approver": '=HYPERLINK("http://x")',
                "expires": "2027-01-31",
            }
        ]
    }
    page = html.render(db99_report(pack, tmp_path, "<script>alert(1)</script>", facts), "zh")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "=HYPERLINK(&#34;http://x&#34;)" in page
    assert "&lt;img src=&#34;http://evil.example/x.png&#34;" in page
    assert not re.search(r"<\s*script", page, re.IGNORECASE)
    assert not re.search(r"<\s*img", page, re.IGNORECASE)
    assert "onerror=" not in page.replace("onerror=&#34;", "")


def _assert_offline(page):
    attributes = re.findall(
        r"""\b(?:src|href|xlink:href|action|data)\s*=\s*["']?([^"'\s>]*)""", page
    )
    assert not [a for a in attributes if re.match(r"\s*(?:https?:)?//", a, re.IGNORECASE)]
    assert not [a for a in attributes if not a.startswith("#")], attributes
    assert not re.search(r"url\s*\(", page, re.IGNORECASE)
    assert not re.search(r"<\s*(?:link|script|iframe|img|object|embed|base)\b", page, re.IGNORECASE)
    assert "@import" not in page and "@font-face" not in page


def test_document_makes_no_network_requests(pack, tmp_path):
    _assert_offline(html.render(db99_report(pack, tmp_path), "zh"))
    _assert_offline(html.render(example_report("county-centre.yaml"), "en"))


def test_print_stylesheet_is_a4_and_opens_every_details():
    page = html.render(example_report("county-centre.yaml"), "zh")
    assert "size: A4; margin: 18mm 15mm 18mm 15mm;" in page
    assert '@top-center { content: "青岚县政务服务中心"' in page
    assert '@bottom-center { content: "— " counter(page) " —"' in page
    assert "details:not([open]) > :not(summary) { display: block; }" in page
    assert page.count("<details") == page.count("</details>") > 7


def test_chart_is_inline_svg_with_one_bar_per_standard():
    report = example_report("county-centre.yaml")
    page = html.render(report, "zh")
    assert page.count("<svg") == 1 and "<img" not in page
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count('<g class="bar-row">') == len(report.standards) == 7
    assert svg.count('<rect class="bar"') == 7
    assert "优秀 ≥90" in svg and "得分（满分 100）" in svg
    for standard in report.standards:
        assert f">{standard.number}</text>" in svg


def test_chart_says_when_a_standard_has_no_score():
    report = example_report("township-centre.yaml")  # no online hall: 32168 not applicable
    svg = html.render(report, "zh").split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count('<g class="bar-row">') == 7
    # 32168 applies to nothing; 32169.4 and 32170.1/.2 have nothing the file lets us evaluate
    assert svg.count('<rect class="bar"') == 3
    assert svg.count("无得分（全部不适用）") == 1 and svg.count("无得分（数据不足）") == 3


def test_english_headers_have_no_chinese():
    page = html.render(example_report("county-centre.yaml"), "en")
    assert '<html lang="en">' in page
    headers = re.findall(r"<(th|h2|dt|caption)\b[^>]*>(.*?)</\1>", page, re.DOTALL)
    assert len(headers) > 20
    assert not [text for _, text in headers if CJK.search(text)]
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    labels = re.findall(r'<text class="(?:axis|band-label|value)"[^>]*>(.*?)</text>', svg)
    assert labels and not [t for t in labels if CJK.search(t)]
    assert "Excellent ≥90" in svg and "conforming" in page and "no evidence" in page


def test_every_view_rounds_the_exact_score_once():
    """The county's overall score is 92.35…: 92.4 everywhere, never 92.3 (92.35 rounded again)."""
    from gbstd.reports import markdown
    from gbstd.reports.excel import build

    setup = prepare()
    loaded = load_description(data_dir("examples") / "county-centre.yaml")
    report = assess(loaded, setup, select_standards(setup.catalogue, []), today=TODAY)
    assert report.score is not None and f"{report.score:.1f}" != f"{round(report.score, 2):.1f}"
    shown = f"{report.score:.1f}"
    page = html.render(report, "zh")
    assert re.search(rf">\s*{re.escape(shown)}\s*<", page)
    assert f"**{shown}**" in markdown.render(report, "zh") or f" {shown} " in markdown.render(
        report, "zh"
    )
    values = [c.value for row in build(report, "zh").worksheets[0].iter_rows() for c in row]
    assert float(shown) in values


def test_wide_tables_scroll_in_their_own_box_on_a_phone():
    page = html.render(example_report("county-centre.yaml"), "zh")
    assert ".scroll { overflow-x: auto;" in page
    assert '<div class="scroll"><table class="doc actions">' in page
    phone = page.split("@media (max-width: 720px) {", 1)[1].split("</style>", 1)[0]
    assert "table.scores, table.gaps, table.data-needed" in phone


def test_first_screen_has_conclusion_alerts_and_top_actions():
    from gbstd.reports.document import ReportOptions

    page = html.render(example_report("county-centre.yaml"), "zh", ReportOptions(summary=True))
    assert "证据过期：一票否决要求 32169.1-5.R18" in page
    assert '<p class="lead">对照 GB/T 32168-2015' in page
    assert '<table class="doc top_actions">' in page
    assert 'id="actions"' not in page and "逐条结果" not in page


def test_the_centre_name_in_the_print_header_cannot_break_out_of_the_css(pack, tmp_path):
    page = html.render(db99_report(pack, tmp_path, name="甲\"乙\\丙&<x>'</style>"), "zh")
    header = re.search(r"@top-center \{ content: \"([^\"]*)\";", page)
    assert header is not None and header.group(1) == "甲”乙＼丙＆＜x＞’＜/style＞"
