"""Bundled checks decide what their requirements say, and say which condition failed (issue 14 §4)."""

from datetime import date

import pytest

from gbstd.assessment.evaluation import evaluate
from gbstd.assessment.results import Status
from gbstd.assessment.scoring import load_profile
from gbstd.catalogue.checks import load_checks
from gbstd.catalogue.loading import load_catalogue
from gbstd.description.model import CentreDescription


@pytest.fixture(scope="module")
def judge():
    catalogue, checks, profile = load_catalogue(), load_checks(), load_profile()

    def verdict(requirement: str, facts: dict):
        description = CentreDescription.model_validate(
            {
                "format_version": 1,
                "centre": {"name": "测试中心", "level": "county", "assessed_on": "2026-06-30"},
            }
            | facts
        )
        standard = catalogue.resolve(requirement.split("-")[0]).standard
        report = evaluate(description, [standard], checks, profile, today=date(2026, 6, 30))
        return next(r for r in report.results if r.requirement == requirement), report

    return verdict


ONLINE = {"provided": True}


# ---- wrong verdicts ------------------------------------------------------------------------


def test_any_one_of_appointment_extended_hours_or_assistance_meets_32169_3_3_r11(judge):
    result, _ = judge("32169.3-3.R11", {"counter_service": {"extra_services": ["assisted"]}})
    assert result.status == Status.CONFORMING
    result, _ = judge("32169.3-3.R11", {"counter_service": {"extra_services": ["door_to_door"]}})
    assert result.status == Status.NONCONFORMING


def test_a_365_day_update_commitment_is_not_timely(judge):
    facts = {"online": ONLINE | {"update_days": 365, "updates_dated": True}}
    result, _ = judge("32168-4.4.R01", facts)
    assert result.status == Status.PARTIAL
    assert "更新承诺时限长于 20 天（本工具默认阈值，可配置）" in result.reason.zh
    facts["online"]["update_days"] = 20
    assert judge("32168-4.4.R01", facts)[0].status == Status.CONFORMING


def test_32169_1_6_r01_asks_whether_departments_actually_entered(judge):
    facts = {
        "departments": {
            "scope_set_by_government": True,
            "items": [
                {"name": "市场监管局", "entered": False},
                {"name": "税务局", "entered": False},
            ],
        }
    }
    result, _ = judge("32169.1-6.R01", facts)
    assert result.status == Status.PARTIAL
    assert result.reason.zh == "部分做到：部门清单中没有实际进驻的部门"
    facts["departments"]["items"][0]["entered"] = True
    assert judge("32169.1-6.R01", facts)[0].status == Status.CONFORMING


def test_one_time_notice_on_paper_only_is_not_one_time_notice_in_practice(judge):
    facts = {
        "policies": {"one_time_notice": {"adopted": True}},
        "counter_service": {"notices_issued": ["acceptance"]},
    }
    result, _ = judge("32169.3-4.R06", facts)
    assert result.status == Status.PARTIAL
    assert "窗口未实际出具补正材料通知书" in result.reason.zh
    facts["counter_service"]["notices_issued"].append("correction")
    assert judge("32169.3-4.R06", facts)[0].status == Status.CONFORMING


def test_32168_5_2_r09_reads_the_online_side_not_the_counter_catalogue(judge):
    facts = {
        "online": ONLINE | {"update_days": 5, "guides_updated_on_time": False},
        "matters": {"catalogue_updated_on_change": True},
    }
    result, _ = judge("32168-5.2.R09", facts)
    assert result.status == Status.PARTIAL
    assert result.reason.zh == "部分做到：事项调整后未按承诺时限更新网上办事指南"


def test_no_legal_review_veto_for_a_centre_without_standards_of_its_own(judge):
    facts = {"standardization": {"legal_review": False, "standards": []}}
    result, report = judge("32170.1-4.R01", facts)
    assert result.status == Status.CONFORMING
    assert "中心尚无自行制定并发布的标准" in result.reason.zh
    assert not report.standards[0].veto_triggered
    facts["standardization"]["standards"] = [
        {"name": "窗口服务规范", "status": "published", "external": False}
    ]
    result, report = judge("32170.1-4.R01", facts)
    assert result.status == Status.NONCONFORMING
    assert report.standards[0].veto_triggered


# ---- no catch-all fact ---------------------------------------------------------------------


def test_each_32169_4_indicator_requirement_reads_its_own_indicator(judge):
    facts = {
        "indicators": {
            "period_end": "2026-03-31",
            "counts_retained": True,
            "computed": ["satisfaction_rate"],
            "counts_kept": ["satisfaction_rate"],
        }
    }
    assert judge("32169.4-6.2.R02", facts)[0].status == Status.CONFORMING
    result, _ = judge("32169.4-6.1.R02", facts)
    assert result.status == Status.NONCONFORMING  # the entry rate is not computed
    assert "本统计期未计算事项进驻落实率" in result.reason.zh
    # A centre that computes none says so, and is judged on it (not "not evaluable").
    facts["indicators"]["computed"] = []
    assert judge("32169.4-6.2.R02", facts)[0].status == Status.NONCONFORMING


def test_abnormal_cases_can_fail(judge):
    facts = {"indicators": {"period_end": "2026-03-31", "abnormal_cases": 0, "computed": []}}
    assert judge("32169.4-6.3.R03", facts)[0].status == Status.NONCONFORMING
    facts["indicators"]["computed"] = ["abnormal_cases"]
    assert judge("32169.4-6.3.R03", facts)[0].status == Status.CONFORMING
    facts["indicators"]["period_end"] = "2025-03-31"  # more than a year before 2026-06-30
    assert judge("32169.4-6.3.R03", facts)[0].status == Status.PARTIAL


# ---- 32170.2 by structured fields ---------------------------------------------------------


def standards(*items):
    return {"standardization": {"standards": list(items)}}


def test_cleaning_standards_are_not_the_two_service_sub_systems(judge):
    cleaning = [
        {
            "name": "大厅保洁标准",
            "subsystem": "management",
            "type": "management",
            "management_area": "energy_environment",
            "status": "published",
        },
        {
            "name": "大厅保洁流程",
            "subsystem": "management",
            "type": "management",
            "management_area": "energy_environment",
            "status": "published",
        },
    ]
    result, _ = judge("32170.2-6.R01", standards(*cleaning))
    assert result.status == Status.NONCONFORMING
    assert result.reason.zh == "没有已发布的服务规范；没有已发布的服务提供规程"
    typed = [
        {
            "name": "窗口服务规范",
            "subsystem": "service_provision",
            "type": "service_specification",
            "status": "published",
        },
        {
            "name": "综合窗口受理规程",
            "subsystem": "service_provision",
            "type": "service_procedure",
            "status": "published",
        },
    ]
    assert judge("32170.2-6.R01", standards(*typed))[0].status == Status.CONFORMING


def test_a_title_match_is_only_a_fallback_and_the_reason_says_so(judge):
    untyped = [
        {"name": "窗口服务规范", "subsystem": "service_provision", "status": "published"},
        {"name": "窗口受理流程", "subsystem": "service_provision", "status": "published"},
    ]
    result, _ = judge("32170.2-6.R01", standards(*untyped))
    assert result.status == Status.CONFORMING
    assert "这些标准按名称判断" in result.reason.zh


def test_one_cleaner_post_standard_is_not_post_standards_for_every_post(judge):
    facts = standards(
        {
            "name": "保洁员岗位工作标准",
            "subsystem": "post_work",
            "type": "post_work",
            "level": "management_body",
            "post": "保洁员",
            "status": "published",
        }
    )
    facts["standardization"]["management_posts"] = ["中心主任", "综合管理", "咨询导办"]
    facts["standardization"]["window_posts"] = ["窗口负责人", "窗口工作人员"]
    assert judge("32170.2-8.R03", facts)[0].status == Status.NONCONFORMING
    assert judge("32170.2-8.R01", facts)[0].status == Status.NONCONFORMING
    facts["standardization"]["standards"] += [
        {
            "name": f"{post}岗位工作标准",
            "subsystem": "post_work",
            "type": "post_work",
            "post": post,
            "status": "published",
        }
        for post in ["中心主任", "综合管理", "咨询导办"]
    ]
    assert judge("32170.2-8.R03", facts)[0].status == Status.CONFORMING
    result, _ = judge("32170.2-8.R01", facts)
    assert result.status == Status.PARTIAL
    assert result.reason.zh == "部分做到：部分窗口岗位没有已发布的岗位工作标准"


# ---- reasons name the failed condition -----------------------------------------------------


def test_a_missing_office_zone_is_named(judge):
    facts = {
        "premises": {"zones": ["waiting", "guidance", "windows"], "signage": {"zone_signs": True}}
    }
    result, _ = judge("32169.1-5.R08", facts)
    assert result.status == Status.PARTIAL
    assert result.reason.zh == "部分做到：缺少办公区"


def test_reply_times_that_were_met_are_not_blamed(judge):
    facts = {
        "online": ONLINE | {"reply_days": 3, "replied_within_limit": True},
        "policies": {"one_time_notice": {"adopted": False}},
    }
    result, _ = judge("32168-5.3.R02", facts)
    assert result.status == Status.PARTIAL
    assert result.reason.zh == "部分做到：需补正时没有一次性告知的制度保障"
    assert "答复" not in result.reason.zh


def test_unattended_windows_are_named_alone(judge):
    facts = {
        "organisation": {"window_staffing_based_on_workload": True},
        "counter_service": {"no_empty_windows": False},
    }
    result, _ = judge("32169.1-4.R06", facts)
    assert result.reason.zh == "部分做到：办公时间内出现窗口空岗"


def test_indicators_computed_by_gbstd_kpi_count_as_computed_with_their_counts(tmp_path):
    import json

    from gbstd.assessment.run import with_computed_indicators
    from gbstd.description.loading import load_description

    centre = tmp_path / "c.yaml"
    centre.write_text(
        "format_version: 1\ncentre: {name: 测试中心, level: county}\n"
        "indicators: {computed: [abnormal_cases]}\n",
        encoding="utf-8",
    )
    kpi = tmp_path / "kpi.json"
    kpi.write_text(
        json.dumps(
            {
                "schema": "gbstd.kpi/1",
                "description_indicators": {
                    "period_start": "2026-01-01",
                    "period_end": "2026-03-31",
                    "source": "computed",
                    "satisfaction_rate": 0.99,
                    "counts_retained": True,
                },
            }
        ),
        encoding="utf-8",
    )
    indicators = with_computed_indicators(load_description(centre), kpi).description.indicators
    assert [n.value for n in indicators.computed] == ["abnormal_cases", "satisfaction_rate"]
    assert [n.value for n in indicators.counts_kept] == ["satisfaction_rate"]
