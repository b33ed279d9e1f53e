"""The assessment engine: statuses for the right reasons, waivers, evidence and scores."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from gbstd.assessment.results import Status
from gbstd.assessment.run import assess, prepare, select_standards
from gbstd.description.loading import load_description
from gbstd.errors import InvalidInputError

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    pack = tmp_path_factory.mktemp("pack")
    (pack / "db99.yaml").write_text(
        (DATA / "db99.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return prepare([pack], [DATA / "db99-checks"])


def run(setup, tmp_path, facts, **kwargs):
    document = {"format_version": 1, "centre": {"name": "测试中心", "level": "county"}} | facts
    path = tmp_path / "centre.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    report = assess(
        load_description(path),
        setup,
        select_standards(setup.catalogue, ["DB99/T 1"]),
        today=TODAY,
        **kwargs,
    )
    return report, {r.requirement: r for r in report.results}


BASE = {
    "policies": {"first_contact": {"adopted": True, "published": True}},
    "premises": {
        "location": {"public_transport": True, "parking_spaces": 20},
        "windows": {"total": 12},
    },
    "online": {"provided": True, "online_application": True},
}


def test_conforming_when_the_expectation_holds(setup, tmp_path):
    _, results = run(setup, tmp_path, BASE)
    assert results["4.1"].status == Status.CONFORMING
    assert results["4.3"].status == Status.CONFORMING


def test_partial_when_only_the_partial_expectation_holds(setup, tmp_path):
    facts = BASE | {"policies": {"first_contact": {"adopted": True, "published": False}}}
    _, results = run(setup, tmp_path, facts)
    assert results["4.1"].status == Status.PARTIAL
    assert "未公布" in results["4.1"].reason("zh")


def test_a_guarded_fact_left_out_is_data_needed_not_partial(setup, tmp_path):
    # 4.1 reads policies.first_contact and tests published with has(): left out, the check
    # cannot tell partial from conforming, so it waits for the fact.
    facts = BASE | {"policies": {"first_contact": {"adopted": True}}}
    report, results = run(setup, tmp_path, facts)
    assert results["4.1"].status == Status.NOT_EVALUABLE and not results["4.1"].is_gap
    assert results["4.1"].missing == ("policies.first_contact.published",)
    assert [path for path, _ in report.data_needed] == ["policies.first_contact.published"]
    # not adopted at all: no value of the missing fact could help, a genuine nonconformity
    facts = BASE | {"policies": {"first_contact": {"adopted": False}}}
    _, results = run(setup, tmp_path, facts)
    assert results["4.1"].status == Status.NONCONFORMING


def test_nonconforming_when_neither_holds(setup, tmp_path):
    facts = BASE | {"premises": {"location": {"public_transport": False}, "windows": {"total": 2}}}
    _, results = run(setup, tmp_path, facts)
    assert results["4.2"].status == Status.NONCONFORMING
    assert results["4.3"].status == Status.NONCONFORMING and results["4.3"].severity == "high"


def test_not_evaluable_names_the_missing_fact(setup, tmp_path):
    _, results = run(setup, tmp_path, {"online": {"provided": False}})
    assert results["4.2"].status == Status.NOT_EVALUABLE
    assert results["4.2"].missing == ("premises.location.public_transport",)
    assert "premises.location.public_transport" in results["4.2"].reason("zh")


def test_manual_check_is_not_evaluable_and_says_what_to_look_at(setup, tmp_path):
    _, results = run(setup, tmp_path, BASE)
    assert results["6.1"].status == Status.NOT_EVALUABLE and results["6.1"].manual
    assert "现场查看照明" in results["6.1"].reason("zh")


def test_not_applicable_from_the_profile_carries_its_basis(setup, tmp_path):
    _, results = run(setup, tmp_path, BASE | {"online": {"provided": False}})
    assert results["5.1"].status == Status.NOT_APPLICABLE
    assert results["5.1"].basis == "profile" and "网上服务" in results["5.1"].reason("zh")


def test_unknown_applicability_fact_makes_it_not_evaluable(setup, tmp_path):
    facts = {k: v for k, v in BASE.items() if k != "online"}
    _, results = run(setup, tmp_path, facts)
    assert results["5.1"].status == Status.NOT_EVALUABLE and results["5.1"].missing == (
        "online.provided",
    )


def test_declared_not_applicable_carries_the_reason(setup, tmp_path):
    facts = BASE | {
        "not_applicable": [{"requirement": "6.2", "reason": "中心位于步行街，无停车条件"}]
    }
    _, results = run(setup, tmp_path, facts)
    assert results["6.2"].status == Status.NOT_APPLICABLE and results["6.2"].basis == "declared"
    assert "步行街" in results["6.2"].reason("zh")


def test_declaring_a_whole_chapter_not_applicable(setup, tmp_path):
    facts = BASE | {"not_applicable": [{"requirement": "6", "reason": "本章由上级中心负责"}]}
    _, results = run(setup, tmp_path, facts)
    assert results["6.1"].status == results["6.2"].status == Status.NOT_APPLICABLE


def test_valid_waiver_keeps_the_status_and_is_not_a_gap(setup, tmp_path):
    facts = BASE | {
        "premises": {
            "location": {"public_transport": False, "parking_spaces": 1},
            "windows": {"total": 12},
        },
        "waivers": [
            {
                "requirement": "4.2",
                "reason": "公交线路规划中",
                "approver": "张主任",
                "expires": "2026-12-31",
            }
        ],
    }
    report, results = run(setup, tmp_path, facts)
    assert results["4.2"].status == Status.NONCONFORMING and results["4.2"].waived
    assert not results["4.2"].is_gap and results["4.2"] not in report.gaps


def test_expired_waiver_counts_as_a_gap_and_says_so(setup, tmp_path):
    facts = BASE | {
        "premises": {
            "location": {"public_transport": False, "parking_spaces": 1},
            "windows": {"total": 12},
        },
        "waivers": [
            {
                "requirement": "4.2",
                "reason": "公交线路规划中",
                "approver": "张主任",
                "expires": "2026-01-31",
            }
        ],
    }
    report, results = run(setup, tmp_path, facts)
    assert results["4.2"].waiver.expired and results["4.2"].is_gap
    from gbstd.reports.assessment import to_data

    row = next(r for r in to_data(report, "zh")["results"] if r["requirement"] == "4.2")
    assert row["waiver"]["expired"] is True and row["gap"] is True


def test_evidence_is_listed_and_conforming_without_evidence_is_flagged(setup, tmp_path):
    facts = BASE | {
        "evidence": [
            {"id": "E1", "title": "首问负责制度", "path": "docs/shouwen.pdf", "supports": ["4.1"]},
            {
                "id": "E2",
                "title": "窗口照片",
                "path": "a.jpg",
                "facts": ["premises.windows"],
                "expires": "2026-01-01",
            },
        ]
    }
    _, results = run(setup, tmp_path, facts)
    assert [e.id for e in results["4.1"].evidence] == ["E1"] and results["4.1"].flags == ()
    assert results["4.3"].flags == ("evidence_expired",)
    assert "no_evidence" in results["4.2"].flags


def test_references_to_unknown_requirements_are_refused(setup, tmp_path):
    with pytest.raises(InvalidInputError, match=r"未知的要求编号 9\.9"):
        run(
            setup,
            tmp_path,
            BASE
            | {
                "waivers": [
                    {"requirement": "9.9", "reason": "xx", "approver": "a", "expires": "2027-01-01"}
                ]
            },
        )


def test_a_waiver_must_name_a_requirement_not_a_chapter(setup, tmp_path):
    # A chapter may be declared not applicable, but a waiver excuses one requirement's gap.
    waiver = {"requirement": "4", "reason": "xx", "approver": "a", "expires": "2027-01-01"}
    with pytest.raises(InvalidInputError, match=r"未知的要求编号 4"):
        run(setup, tmp_path, BASE | {"waivers": [waiver]})


def test_weighted_score_arithmetic(setup, tmp_path):
    # 4.1 partial (w1, 0.5), 4.2 conforming (w2, 1), 4.3 nonconforming (w3, 0); 5.1 n/a;
    # 6.1 manual -> not evaluable: left out, not scored 0; 6.2 should, conforming: its
    # weight 1 counts at the profile's should factor 0.5.
    facts = BASE | {
        "policies": {"first_contact": {"adopted": True, "published": False}},
        "premises": {
            "location": {"public_transport": True, "parking_spaces": 3},
            "windows": {"total": 1},
        },
        "online": {"provided": False},
    }
    report, _ = run(setup, tmp_path, facts)
    (std,) = report.standards
    assert std.score == pytest.approx((0.5 * 1 + 1 * 2 + 0 * 3 + 1 * 0.5) / 6.5 * 100)
    chapter4 = std.chapters[0]
    assert chapter4.score == pytest.approx((0.5 + 2) / 6 * 100) and chapter4.weight == 6
    assert std.chapters[1].score is None  # chapter 5 not applicable: left out
    assert std.veto_triggered == ("4.3",) and std.grade == "fail"


def test_veto_caps_an_otherwise_good_grade(setup, tmp_path):
    facts = BASE | {
        "premises": {
            "location": {"public_transport": True, "parking_spaces": 3},
            "windows": {"total": 1},
        }
    }
    report, _ = run(setup, tmp_path, facts)
    (std,) = report.standards
    assert std.score >= 40 and std.grade == "fail" and std.veto_triggered == ("4.3",)


def test_equal_rollup_profile(tmp_path):
    profile = tmp_path / "p.yaml"
    text = (
        Path(__file__)
        .resolve()
        .parents[1]
        .joinpath("profiles", "scoring.yaml")
        .read_text(encoding="utf-8")
    )
    profile.write_text(text.replace("rollup: weighted", "rollup: equal"), encoding="utf-8")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "db99.yaml").write_text(
        (DATA / "db99.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    setup = prepare([pack], [DATA / "db99-checks"], profile)
    facts = BASE | {
        "policies": {"first_contact": {"adopted": True, "published": False}},
        "premises": {
            "location": {"public_transport": True, "parking_spaces": 3},
            "windows": {"total": 1},
        },
        "online": {"provided": False},
    }
    report, _ = run(setup, tmp_path, facts)
    # chapter 4: mean(50, 100, 0) = 50; chapter 6: 6.1 not evaluable is left out, 6.2 = 100;
    # standard: mean(50, 100)
    assert report.standards[0].score == pytest.approx(75)


def test_full_conformance_has_no_gaps(setup, tmp_path):
    facts = BASE | {"not_applicable": [{"requirement": "6.1", "reason": "由上级中心检查"}]}
    report, _ = run(setup, tmp_path, facts)
    assert (
        not report.has_gaps and report.score == pytest.approx(100) and report.grade == "excellent"
    )
