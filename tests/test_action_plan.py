"""The action plan (整改计划): gaps grouped by the failing fact behind them, one action each."""

from datetime import date, timedelta

import pytest

from gbstd.assessment.actions import load_action_profile
from gbstd.assessment.findings import Finding, Findings
from gbstd.assessment.run import assess, prepare, select_standards
from gbstd.description.loading import load_description
from gbstd.io.bundled import data_dir

EXAMPLES = data_dir("examples")
AS_OF = date(2026, 6, 30)  # the examples' as-of date


@pytest.fixture(scope="module")
def setup():
    return prepare()


def report_for(setup, name, findings=None):
    loaded = load_description(EXAMPLES / name)
    standards = select_standards(setup.catalogue, [])
    return assess(loaded, setup, standards, today=AS_OF, findings=findings)


def test_one_missing_authorisation_letter_is_one_action_closing_its_three_gaps(setup):
    report = report_for(setup, "township-centre.yaml")
    letters = [a for a in report.actions if a.cause == "departments.items[].authorisation_letter"]
    assert len(letters) == 1
    assert set(letters[0].closes) == {"32169.2-5.R04", "32169.3-3.R02", "32169.1-6.R08"}
    assert letters[0].cause_label.zh == "部门清单：已出具加盖公章的授权委托书 — 部分条目为否或未填"
    assert len(report.actions) < len(report.gaps)


def test_a_list_field_short_only_where_another_is_is_the_filter_not_the_cause(setup):
    # The county's 县气象局 has not entered (and so has no letter); 县水利局 entered without one:
    # the gap is the missing letter, not the department that has yet to enter.
    report = report_for(setup, "county-centre.yaml")
    causes = {r.requirement: r.causes for r in report.gaps}
    assert causes["32169.2-5.R04"] == ("departments.items[].authorisation_letter",)


def test_a_cause_reads_as_the_problem_and_is_never_a_fact_that_is_not_short(setup):
    # A number under a threshold (video kept 20 of 30 days) is not visibly short: the gap has no
    # cause found and is its own action, not put down to every fact its check read ("窗口人员总数"
    # was once a root cause). A cause that is found says how it falls short.
    report = report_for(setup, "county-centre.yaml")
    video = next(r for r in report.gaps if r.requirement == "32169.1-6.R18")
    assert video.causes == ()
    (own,) = [a for a in report.actions if "32169.1-6.R18" in a.closes]
    assert own.closes == ("32169.1-6.R18",) and own.cause_label.zh.startswith("32169.1-6.R18 ")
    labels = [a.cause_label.zh for a in report.actions if a.cause != a.closes[0]]
    assert labels and all(
        label.endswith(("：否", "：为 0", "：未列明", "部分条目为否或未填")) for label in labels
    )


def test_every_gap_is_closed_by_exactly_one_action_heaviest_first(setup):
    report = report_for(setup, "county-centre.yaml")
    closed = [r for a in report.actions for r in a.closes]
    assert sorted(closed) == sorted(r.requirement for r in report.gaps)
    weights = [a.weight for a in report.actions]
    assert weights == sorted(weights, reverse=True)
    assert [a.number for a in report.actions] == list(range(1, len(report.actions) + 1))


def test_deadline_department_and_verification_are_suggested(setup):
    report = report_for(setup, "township-centre.yaml")
    days = load_action_profile().deadline_days
    plan = {a.cause: a for a in report.actions}
    emergency = plan["policies.emergency_plan"]
    assert emergency.severity == "high"
    assert emergency.deadline == AS_OF + timedelta(days=days.high)
    assert emergency.department.zh == "后勤保障科"  # domain.security
    assert [v.zh for v in emergency.verification] == ["应急预案"]
    assert emergency.owner == "" and emergency.status == "open"
    dress = plan["etiquette.dress_code"]
    assert dress.deadline == AS_OF + timedelta(days=days.low)
    assert dress.department.zh == "窗口管理科"
    assert report.actions_note is not None and "建议" in report.actions_note.zh


def test_a_gap_an_auditor_found_is_an_action_of_its_own(setup):
    verdict = Finding(requirement="32169.3-5.R02", status="nonconforming", finding="未佩戴工作牌")
    report = report_for(
        setup, "township-centre.yaml", Findings(format_version=1, findings=(verdict,))
    )
    own = [a for a in report.actions if a.cause == "32169.3-5.R02"]
    assert len(own) == 1 and own[0].closes == ("32169.3-5.R02",)
    assert own[0].cause_label.zh.startswith("32169.3-5.R02 ")


def test_the_action_lifting_a_fired_veto_comes_first(setup, tmp_path):
    import yaml

    data = yaml.safe_load((EXAMPLES / "county-centre.yaml").read_text(encoding="utf-8"))
    data["safety"]["fire_equipment_ok"] = False  # 32169.1-5.R18, a veto requirement
    path = tmp_path / "centre.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = report_for(setup, path)
    assert "32169.1-5.R18" in report.standards[1].veto_triggered
    first = report.actions[0]
    assert first.closes == ("32169.1-5.R18",) and first.veto
    weights = [a.weight for a in report.actions[1:]]
    assert weights == sorted(weights, reverse=True)
