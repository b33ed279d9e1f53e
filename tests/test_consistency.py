"""Facts that disagree: ``validate`` warns (exit 0) and ``assess`` repeats it (issue 14, section 5).

Each rule is pinned by a file that breaks it and one that keeps it; the warning names the
fields and their values, and never changes a verdict.
"""

import json
from datetime import date

import pytest
import yaml

from gbstd.cli import app
from gbstd.description.consistency import inconsistencies
from gbstd.description.model import CentreDescription
from gbstd.errors import ExitCode
from gbstd.io.bundled import data_dir
from gbstd.sample.centres import sample_centres

TODAY = date(2026, 7, 1)
CENTRE = {"name": "测试中心", "level": "county", "assessed_on": "2026-06-30"}


def description(facts, centre=None):
    return CentreDescription.model_validate(
        {"format_version": 1, "centre": {**CENTRE, **(centre or {})}, **facts}
    )


def warned(facts, centre=None):
    """The fields named by each warning, and all the warnings' text in both languages."""
    found = inconsistencies(description(facts, centre), TODAY)
    return [f.fields for f in found], " ".join(f.message.zh + f.message.en for f in found)


def departments(*counts, key="windows"):
    return [{"name": f"部门{i}", key: n} for i, n in enumerate(counts)]


# (facts that break the rule, the same facts kept consistent, the fields, values the text names)
RULES = {
    "department windows exceed the total": (
        {"premises": {"windows": {"total": 8}}, "departments": {"items": departments(5, 4)}},
        {"premises": {"windows": {"total": 9}}, "departments": {"items": departments(5, 4)}},
        ("departments.items[].windows", "premises.windows.total"),
        ("9", "8"),
    ),
    "department staff exceed the window staff": (
        {"staff": {"window_staff": 6}, "departments": {"items": departments(4, 3, key="staff")}},
        {"staff": {"window_staff": 7}, "departments": {"items": departments(4, 3, key="staff")}},
        ("departments.items[].staff", "staff.window_staff"),
        ("7", "6"),
    ),
    "more staff registered than there are": (
        {"staff": {"window_staff": 10, "registered": 12}},
        {"staff": {"window_staff": 12, "registered": 12}},
        ("staff.registered", "staff.window_staff"),
        ("12", "10"),
    ),
    "more full-time standardization staff than staff": (
        {"standardization": {"staff": 2, "full_time_staff": 3}},
        {"standardization": {"staff": 3, "full_time_staff": 3}},
        ("standardization.full_time_staff", "standardization.staff"),
        ("3", "2"),
    ),
    "a patrol post staffed that does not exist": (
        {"organisation": {"patrol_post": False, "patrol_post_staffed": True}},
        {"organisation": {"patrol_post": True, "patrol_post_staffed": True}},
        ("organisation.patrol_post_staffed", "organisation.patrol_post"),
        ("true", "false"),
    ),
    "an own platform without online services": (
        {"online": {"provided": False, "platform": "own"}},
        {"online": {"provided": False, "platform": "provincial"}},
        ("online.platform", "online.provided"),
        ("own", "false"),
    ),
    "online services on no platform": (
        {"online": {"provided": True, "platform": "none"}},
        {"online": {"provided": True, "platform": "provincial"}},
        ("online.platform", "online.provided"),
        ("none", "true"),
    ),
    "more listed departments entered than the count says": (
        {"departments": {"entered_count": 1, "items": departments(True, True, key="entered")}},
        {"departments": {"entered_count": 2, "items": departments(True, True, key="entered")}},
        ("departments.items[].entered", "departments.entered_count"),
        ("2", "1"),
    ),
    "ratings said not to happen yet answered": (
        {"supervision": {"satisfaction": {"in_place": False, "channels": ["qr_code"]}}},
        {"supervision": {"satisfaction": {"in_place": False, "channels": []}}},
        ("supervision.satisfaction.in_place", "supervision.satisfaction.channels"),
        ("扫码评价", "qr_code"),
    ),
    "window evaluation said not to happen yet reported": (
        {"window_evaluation": {"in_place": False, "evaluations_per_year": 2}},
        {"window_evaluation": {"in_place": False, "evaluations_per_year": 0}},
        ("window_evaluation.in_place", "window_evaluation.evaluations_per_year"),
        ("开展窗口服务评价", "2"),
    ),
    "an indicator period that ends before it starts": (
        {"indicators": {"period_start": "2026-06-01", "period_end": "2026-01-01"}},
        {"indicators": {"period_start": "2026-01-01", "period_end": "2026-06-01"}},
        ("indicators.period_start", "indicators.period_end"),
        ("2026-06-01", "2026-01-01"),
    ),
    "evidence that expires before it takes effect": (
        {
            "evidence": [
                {"id": "E1", "title": "制度", "path": "a.pdf", "effective": "2026-05-01"},
                {
                    "id": "E2",
                    "title": "预案",
                    "path": "b.pdf",
                    "effective": "2025-03-01",
                    "expires": "2025-01-01",
                },
            ]
        },
        {
            "evidence": [
                {
                    "id": "E2",
                    "title": "预案",
                    "path": "b.pdf",
                    "effective": "2025-01-01",
                    "expires": "2025-03-01",
                }
            ]
        },
        ("evidence[1].effective", "evidence[1].expires"),
        ("2025-03-01", "2025-01-01"),
    ),
    "a date after the as-of date": (
        {"policies": {"first_contact": {"adopted": True, "reviewed_on": "2026-09-01"}}},
        {"policies": {"first_contact": {"adopted": True, "reviewed_on": "2026-06-30"}}},
        ("policies.first_contact.reviewed_on", "centre.assessed_on"),
        ("2026-09-01", "2026-06-30"),
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_warns_naming_fields_and_values_and_only_when_broken(rule):
    broken, kept, fields, values = RULES[rule]
    found, text = warned(broken)
    assert found == [fields], text
    assert all(value in text for value in values), text
    assert warned(kept) == ([], "")


def test_dates_after_the_as_of_date_are_each_named_and_expiry_dates_are_not():
    facts = {
        "matters": {"last_catalogue_review": "2026-07-15"},
        "standardization": {
            "standards": [
                {"name": "拟定标准", "status": "planned", "issued_on": "2027-01-01"},
                {"name": "现行标准", "status": "published", "issued_on": "2026-12-01"},
            ]
        },
        "evidence": [{"id": "E1", "title": "证书", "path": "c.pdf", "expires": "2030-01-01"}],
        "waivers": [
            {"requirement": "X", "reason": "理由", "approver": "主任", "expires": "2030-01-01"}
        ],
    }
    found, text = warned(facts, {"opened_on": "2027-03-01"})
    assert found == [
        ("centre.opened_on", "centre.assessed_on"),
        ("matters.last_catalogue_review", "centre.assessed_on"),
        ("standardization.standards[1].issued_on", "centre.assessed_on"),
    ]
    # Without an as-of date, the run's day is the yardstick, and the text says so.
    found, text = warned(
        {"matters": {"last_catalogue_review": "2026-07-15"}}, {"assessed_on": None}
    )
    assert found == [("matters.last_catalogue_review", "centre.assessed_on")]
    assert "2026-07-01" in text and "today" in text


def test_the_examples_are_consistent():
    for path in sorted(data_dir("examples").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found = inconsistencies(CentreDescription.model_validate(data), TODAY)
        assert found == [], (path.name, [f.message.en for f in found])


def test_sampled_centres_are_consistent():
    for _, text in sample_centres(60, seed=3):
        data = yaml.safe_load(text)
        found = inconsistencies(CentreDescription.model_validate(data), TODAY)
        assert found == [], [f.message.en for f in found]


def write(tmp_path, facts):
    document = {"format_version": 1, "centre": CENTRE, **facts}
    path = tmp_path / "centre.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


DISAGREEING = {
    "premises": {"windows": {"total": 8}},
    "departments": {"items": departments(5, 4)},
    "staff": {"window_staff": 10, "registered": 12},
}


def test_validate_lists_warnings_after_valid_and_exits_0(runner, tmp_path):
    path = write(tmp_path, DISAGREEING)
    result = runner.invoke(app, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == ExitCode.OK, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}: 有效。"
    assert len(lines) == 4 and "2" in lines[1] and "警告" in lines[1]
    # Each warning is located in the file and names its fields.
    windows = next(line for line in lines if "premises.windows.total" in line)
    assert windows.startswith(f"{path}:") and "9" in windows and "8" in windows
    english = runner.invoke(app, ["validate", str(path), "--lang", "en"], catch_exceptions=False)
    assert english.stdout.splitlines()[0] == f"{path}: valid."
    assert "staff.registered" in english.stdout and "12" in english.stdout


def test_validate_of_a_consistent_file_prints_only_valid(runner, tmp_path):
    path = write(tmp_path, {"staff": {"window_staff": 12, "registered": 12}})
    result = runner.invoke(app, ["validate", str(path)], catch_exceptions=False)
    assert result.stdout == f"{path}: 有效。\n"


def test_assess_shows_the_warnings_on_stderr_and_keeps_json_clean(runner, tmp_path):
    path = write(tmp_path, DISAGREEING)
    result = runner.invoke(
        app, ["assess", str(path), "-s", "GB/T 32169.2", "-f", "json"], catch_exceptions=False
    )
    assert result.exit_code in (ExitCode.OK, ExitCode.GAPS_FOUND)
    json.loads(result.stdout)
    assert "premises.windows.total" in result.stderr and "staff.registered" in result.stderr
    assert result.stderr.startswith("警告 2 处")
