"""gbstd diff: what got worse, what got better, and by how much."""

import json
import re

import pytest
import yaml

from gbstd.assessment.comparison import compare
from gbstd.cli import app
from gbstd.errors import ExitCode


def result(requirement, status, gap):
    return {
        "requirement": requirement,
        "standard": "S",
        "title": requirement,
        "status": status,
        "gap": gap,
    }


def side(results, score):
    return {
        "schema": "gbstd.assessment/1",
        "results": results,
        "standards": [{"id": "S", "score": score}],
        "summary": {"score": score},
    }


def test_changes_are_classified_once_each():
    old = side(
        [
            result("a", "conforming", False),
            result("b", "nonconforming", True),
            result("c", "conforming", False),
            result("d", "not_applicable", False),
            result("e", "partial", True),
            result("gone", "conforming", False),
        ],
        80.0,
    )
    new = side(
        [
            result("a", "partial", True),  # worse: regression (not also a new gap)
            result("b", "conforming", False),  # closed gap
            result("c", "not_evaluable", True),  # new gap, not a regression
            result("d", "not_applicable", False),  # unchanged
            result("e", "partial", False),  # waived meanwhile: closed gap
            result("new", "nonconforming", True),
        ],
        70.5,
    )
    comparison = compare(old, new, "old", "new")
    kinds = {c.requirement: c.kind for c in comparison.changes}
    assert kinds == {
        "a": "regression",
        "b": "closed_gap",
        "c": "new_gap",
        "e": "closed_gap",
        "new": "new_gap",
        "gone": "other",
    }
    assert comparison.has_regressions and comparison.overall.delta == -9.5


def test_cli_diff_of_json_and_centre_file(runner, tmp_path):
    centre = tmp_path / "centre.yaml"
    centre.write_text(
        "format_version: 1\ncentre: {name: 测试中心, level: county, assessed_on: 2026-06-30}\n"
        "policies:\n  first_contact: {adopted: true, published: true}\n",
        encoding="utf-8",
    )
    before = runner.invoke(
        app, ["assess", str(centre), "-s", "32169.3", "-f", "json"], catch_exceptions=False
    )
    old = tmp_path / "old.json"
    old.write_text(before.stdout, encoding="utf-8")
    data = yaml.safe_load(centre.read_text(encoding="utf-8"))
    data["policies"]["first_contact"]["published"] = False
    centre.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(
        app, ["diff", str(old), str(centre), "-s", "32169.3", "-f", "json"], catch_exceptions=False
    )
    assert result.exit_code == ExitCode.GAPS_FOUND
    changes = json.loads(result.stdout)["changes"]
    assert [c["requirement"] for c in changes["regression"]] == ["32169.3-4.R03"]
    same = runner.invoke(app, ["diff", str(old), str(old)], catch_exceptions=False)
    assert same.exit_code == ExitCode.OK and "回退：0" in same.stdout


def test_diff_markdown_is_deterministic(golden):
    old = side([result("a", "conforming", False), result("b", "nonconforming", True)], 50.0)
    new = side([result("a", "partial", True), result("b", "conforming", False)], 62.25)
    from gbstd.reports.diff import to_markdown

    golden(to_markdown(compare(old, new, "2025.json", "2026.json"), "zh"), "diff.md")


def test_diff_refuses_json_that_is_not_an_assessment(runner, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    result = runner.invoke(app, ["diff", str(bad), str(bad)])
    assert result.exit_code == ExitCode.INVALID_INPUT and "gbstd.assessment/2" in result.stderr
    broken = tmp_path / "y.json"
    broken.write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(broken), str(bad)])
    assert result.exit_code == ExitCode.INVALID_INPUT and "JSON" in result.stderr


def test_diff_markdown_keeps_labels_and_titles_inert():
    old = side([result("a", "conforming", False)], 50.0)
    new = side([result("a", "nonconforming", True)], 40.0)
    new["results"][0]["title"] = "<img src=x>|标题"
    from gbstd.reports.diff import to_markdown

    text = to_markdown(compare(old, new, "<b>旧</b>.json", "新|.json"), "zh")
    assert "&lt;b&gt;旧&lt;/b&gt;.json → 新\\|.json" in text.splitlines()[0]
    assert "&lt;img src=x&gt;\\|标题" in text
    assert "<b>" not in text and "<img" not in text


def _report_file(path, change=lambda data: None):
    data = side(
        [result("a", "conforming", False), result("b", "nonconforming", True)]
        + [result(f"r{i}", "partial", True) for i in range(3)],
        50.0,
    )
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(results="oops"), "results: 应为列表"),
        (lambda d: d["results"][3].update(status="great"), "results[3].status: 取值无效"),
        (lambda d: d["results"][3].pop("requirement"), "results[3].requirement: 缺少必填字段"),
        (lambda d: d["standards"][0].update(score="80"), "standards[0].score: 应为数字"),
        (lambda d: d["summary"].update(score="80"), "summary.score: 应为数字"),
        (lambda d: d["results"][1].update(gap="yes"), "results[1].gap: 应为 true 或 false"),
        (lambda d: d.pop("summary"), "summary: 缺少必填字段"),
        (lambda d: d["results"].append(result("a", "partial", True)), "results[5].requirement"),
    ],
    ids=["results", "status", "requirement", "score", "overall", "gap", "summary", "twice"],
)
def test_a_tampered_report_is_refused_naming_the_json_path(runner, tmp_path, change, where):
    old = _report_file(tmp_path / "old.json", change)
    new = _report_file(tmp_path / "new.json")
    for args in ([str(old), str(new)], [str(new), str(old)]):
        outcome = runner.invoke(app, ["diff", *args])
        assert outcome.exit_code == ExitCode.INVALID_INPUT, outcome.output
        (line,) = outcome.stderr.strip().splitlines()
        assert re.match(rf"错误: {re.escape(str(old))}:\d+:\d+: ", line), line
        assert where in line, line


def test_a_report_of_the_next_schema_with_more_keys_is_compared(runner, tmp_path):
    def newer(data):
        data["schema"] = "gbstd.assessment/2"
        for r in data["results"]:
            r.update(level="shall", gap_kind="missing_fact")

    old = _report_file(tmp_path / "old.json", newer)
    outcome = runner.invoke(app, ["diff", str(old), str(old), "-f", "json"], catch_exceptions=False)
    assert outcome.exit_code == ExitCode.OK
    assert json.loads(outcome.stdout)["summary"]["regression"] == 0


def test_what_assess_writes_is_what_diff_reads(tmp_path):
    # The writer and the reader must not drift apart: read a real report back.
    from assessing import db99_report

    from gbstd.assessment.comparison import AssessmentSide
    from gbstd.reports.assessment import to_data

    data = json.loads(json.dumps(to_data(db99_report(tmp_path), "zh")))
    side = AssessmentSide.model_validate(data)
    assert len(side.results) == len(data["results"]) > 0
