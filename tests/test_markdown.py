"""The Markdown report keeps user text inert: a '|' cannot break a table, HTML stays text."""

from assessing import db99_report

from gbstd.reports import markdown

HOSTILE = "甲|乙<b onclick=x>中心</b>"


def test_a_centre_name_with_a_pipe_and_html_stays_one_inert_cell(tmp_path):
    page = markdown.render(db99_report(tmp_path, name=HOSTILE), "zh")
    row = next(line for line in page.splitlines() if line.startswith("| 被评估单位 |"))
    assert row == r"| 被评估单位 | 甲\|乙&lt;b onclick=x&gt;中心&lt;/b&gt; |"
    assert "<b" not in page
