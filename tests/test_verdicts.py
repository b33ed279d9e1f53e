"""What a verdict means: requirement levels, missing data, coverage, vetoes, waivers, dates.

Each test pins a behaviour an auditor reads into a report (issues 14 and 19). The small
DB98 standard below has ten organisation requirements of weight 1: R01 a shall with a veto,
R02–R08 shall, R09 should, R10 may, each decided by one yes/no fact.
"""

import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from gbstd.assessment.evaluation import evaluate, summarise
from gbstd.assessment.results import GapKind, Status
from gbstd.assessment.run import assess, assess_figures, prepare, select_standards
from gbstd.assessment.scoring import load_profile
from gbstd.catalogue.loading import load_catalogue
from gbstd.description.loading import load_description
from gbstd.errors import InvalidInputError
from gbstd.io.bundled import data_dir

FACTS = (
    "management_body_approved",
    "responsibilities_documented",
    "internal_units_defined",
    "window_management_duties_documented",
    "coordination_mechanism",
    "staff_roster_kept",
    "window_staffing_based_on_workload",
    "site_management_unit",
    "patrol_post",
    "patrol_post_staffed",
)
LEVELS = ["shall"] * 8 + ["should", "may"]
AS_OF = date(2026, 6, 30)


def db98_pack(root: Path) -> tuple[Path, Path]:
    requirements = []
    checks = []
    for number, (fact, level) in enumerate(zip(FACTS, LEVELS, strict=True), start=1):
        rid = f"4.{number}"
        verb = {"shall": "应", "should": "宜", "may": "可"}[level]
        requirements.append(
            {
                "id": rid,
                "kind": "requirement",
                "title": {"zh": f"第{number}条"},
                "provenance": "licensed_text",
                "statement": {"zh": f"中心{verb}做到第{number}条。"},
                "level": level,
                "weight": 1,
                **({"veto": True} if number == 1 else {}),
            }
        )
        checks.append(
            {
                "requirement": rid,
                "reads": [f"organisation.{fact}"],
                "expect": f"organisation.{fact}",
                "finding": {"zh": f"未做到第{number}条"},
            }
        )
    standard = {
        "format_version": 1,
        "number": "DB98/T 1-2024",
        "title": {"zh": "判定测试标准"},
        "provenance": {"zh": "测试用"},
        "children": [
            {
                "id": "4",
                "kind": "chapter",
                "title": {"zh": "组织"},
                "provenance": "licensed_text",
                "children": requirements,
            }
        ],
    }
    pack, checks_dir = root / "pack98", root / "checks98"
    pack.mkdir(exist_ok=True)
    checks_dir.mkdir(exist_ok=True)
    (pack / "db98.yaml").write_text(yaml.safe_dump(standard, allow_unicode=True), "utf-8")
    checklist = {"format_version": 1, "standard": "DB98/T 1-2024", "checks": checks}
    (checks_dir / "db98.yaml").write_text(yaml.safe_dump(checklist, allow_unicode=True), "utf-8")
    return pack, checks_dir


@pytest.fixture(scope="module")
def db98(tmp_path_factory):
    pack, checks = db98_pack(tmp_path_factory.mktemp("db98"))
    return prepare([pack], [checks])


def centre_file(tmp_path, extra):
    document = {
        "format_version": 1,
        "centre": {"name": "测试中心", "level": "county", "assessed_on": AS_OF.isoformat()},
    } | extra
    path = tmp_path / "centre.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return load_description(path)


def organisation(**false):
    return {"organisation": {fact: fact not in false for fact in FACTS}}


def run98(setup, tmp_path, extra):
    loaded = centre_file(tmp_path, extra)
    standards = select_standards(setup.catalogue, ["DB98/T 1"])
    report = assess(loaded, setup, standards, today=AS_OF)
    figures = assess_figures(loaded, setup, standards, today=AS_OF)
    # The batch's fast path must say exactly what the full report says.
    assert figures.score == report.score
    assert (figures.grade.id if figures.grade else None) == report.grade
    assert figures.gaps == tuple(r.requirement for r in report.results if r.is_gap)
    assert figures.coverage == report.coverage
    return report, {r.requirement: r for r in report.results}


# --- 1. The level of a requirement decides what a failed check means -------------------


def test_shall_not_met_is_a_nonconformity_scored_in_full(db98, tmp_path):
    report, results = run98(db98, tmp_path, organisation(internal_units_defined=1))
    assert results["4.3"].gap_kind == GapKind.NONCONFORMITY and results["4.3"].is_gap
    assert report.score == pytest.approx(7.5 / 8.5 * 100)  # 7 shall + should 4.9 at 0.5
    assert [r.requirement for r in report.nonconformities] == ["4.3"]
    assert report.improvements == []


def test_should_not_met_is_an_improvement_with_the_profiles_reduced_weight(db98, tmp_path):
    report, results = run98(db98, tmp_path, organisation(patrol_post=1))
    assert results["4.9"].status == Status.NONCONFORMING
    assert results["4.9"].gap_kind == GapKind.IMPROVEMENT
    assert [r.requirement for r in report.improvements] == ["4.9"]
    assert report.nonconformities == []
    # shall 8 × 1, should 1 × 0.5 (profiles/scoring.yaml level_weights.should): 8 of 8.5
    assert report.score == pytest.approx(8 / 8.5 * 100)
    (standard,) = report.standards
    assert (standard.nonconformities, standard.improvements) == (0, 1)


def test_may_not_taken_up_is_not_adopted_never_a_gap_and_never_scored(db98, tmp_path):
    report, results = run98(db98, tmp_path, organisation(patrol_post_staffed=1))
    assert results["4.10"].status == Status.NOT_ADOPTED and not results["4.10"].is_gap
    assert results["4.10"].gap_kind is None
    assert report.score == pytest.approx(100) and report.grade == "excellent"
    taken_up, _ = run98(db98, tmp_path, organisation())
    assert taken_up.score == report.score  # neither for nor against


def test_json_gives_level_and_gap_kind_and_counts_them_apart(db98, tmp_path):
    from gbstd.reports.assessment import to_data

    report, _ = run98(
        db98, tmp_path, organisation(internal_units_defined=1, patrol_post=1, patrol_post_staffed=1)
    )
    data = to_data(report, "zh")
    assert data["schema"] == "gbstd.assessment/2"
    rows = {r["requirement"]: r for r in data["results"]}
    assert (rows["4.3"]["level"], rows["4.3"]["gap_kind"]) == ("shall", "nonconformity")
    assert (rows["4.9"]["level"], rows["4.9"]["gap_kind"]) == ("should", "improvement")
    assert (rows["4.10"]["level"], rows["4.10"]["gap_kind"]) == ("may", None)
    assert all(r["gap"] == (r["gap_kind"] is not None) for r in data["results"])
    summary, standard = data["summary"], data["standards"][0]
    assert (summary["nonconformities"], summary["improvements"], summary["not_adopted"]) == (
        1,
        1,
        1,
    )
    assert (standard["nonconformities"], standard["improvements"]) == (1, 1)


def test_every_format_shows_each_results_level(db98, tmp_path):
    from gbstd.reports import excel, html, markdown

    report, _ = run98(db98, tmp_path, organisation(internal_units_defined=1, patrol_post=1))
    md = markdown.render(report, "zh")
    assert "| 4.3 第3条 | 应 |" in md and "| 4.9 第9条 | 宜 |" in md
    page = html.render(report, "zh")
    assert page.count('<span class="tag level"') >= 10  # every result, plus the gap tables
    rows = list(excel.build(report, "zh")["全部条款"].iter_rows(values_only=True))
    levels = {row[1]: row[5] for row in rows[1:] if row[1]}
    assert levels["4.1"] == "应" and levels["4.9"] == "宜" and levels["4.10"] == "可"
    from gbstd.reports.checklist import build_checklist

    standards = select_standards(db98.catalogue, ["DB98/T 1"])
    workbook = build_checklist(standards, "zh", report)
    sheet = workbook[workbook.sheetnames[-1]]
    titles = [sheet.cell(row, 3).value for row in range(2, sheet.max_row + 1)]
    assert "第9条〔宜〕" in titles and "第10条〔可〕" in titles


def test_a_veto_on_a_should_requirement_is_refused(tmp_path):
    pack, _ = db98_pack(tmp_path)
    text = (pack / "db98.yaml").read_text("utf-8")
    document = yaml.safe_load(text)
    document["children"][0]["children"][8]["veto"] = True  # 4.9, a should
    (pack / "db98.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
    with pytest.raises(InvalidInputError, match="only a shall requirement"):
        load_catalogue([pack])


def test_bundled_levels_follow_the_drafters_article():
    catalogue = load_catalogue([])
    requirements = {
        r.id: r for e in catalogue.listed(include_extras=True) for r in e.standard.requirements()
    }
    assert all(r.level.value == "shall" for r in requirements.values() if r.veto)
    # the article: an online hall 宜具备 the eight service-assurance functions of ch. 6
    chapter6 = [r for rid, r in requirements.items() if rid.startswith("32168-6.")]
    assert len(chapter6) == 16 and {r.level.value for r in chapter6} == {"should"}
    assert not any(r.veto for r in chapter6)
    # 中心可委托第三方; 可直接对体系进行相应删减或增加
    assert requirements["32169.4-5.1.R02"].level.value == "may"
    assert requirements["32170.2-4.R06"].level.value == "may"


# --- Issue 19 (1): the veto cap must bite on a good score -----------------------------


def test_a_nonconforming_veto_caps_a_score_of_80_or_more(db98, tmp_path):
    report, results = run98(db98, tmp_path, organisation(management_body_approved=1))
    assert report.score == pytest.approx(7.5 / 8.5 * 100) and report.score >= 80
    assert results["4.1"].gap_kind == GapKind.NONCONFORMITY
    assert report.standards[0].veto_triggered == ("4.1",)
    assert report.standards[0].grade == "fail" and report.grade == "fail"


# --- Issue 19 (2): a waiver on a veto requirement, in assess and in batch -------------


def test_a_valid_waiver_on_a_veto_requirement_lifts_the_cap_in_assess_and_batch(db98, tmp_path):
    waiver = {
        "requirement": "4.1",
        "reason": "机构设立已报编办审批",
        "approver": "县政府",
        "expires": "2026-12-31",
    }
    extra = organisation(management_body_approved=1) | {"waivers": [waiver]}
    report, results = run98(db98, tmp_path, extra)  # run98 compares with assess_figures
    assert results["4.1"].waived and not results["4.1"].is_gap
    assert report.standards[0].veto_triggered == () and report.grade == "excellent"
    assert report.score == pytest.approx(100)  # waived: left out of the score


# --- Issue 19 (7): dates on the assessment day --------------------------------------


@pytest.mark.parametrize(("expires", "valid"), [("2026-06-30", True), ("2026-06-29", False)])
def test_a_waiver_is_valid_through_its_expiry_day(db98, tmp_path, expires, valid):
    waiver = {
        "requirement": "4.3",
        "reason": "科室方案待批",
        "approver": "主任",
        "expires": expires,
    }
    extra = organisation(internal_units_defined=1) | {"waivers": [waiver]}
    _, results = run98(db98, tmp_path, extra)
    assert results["4.3"].waived is valid and results["4.3"].is_gap is not valid
    assert results["4.3"].waiver.expired is not valid


@pytest.mark.parametrize(("expires", "expired"), [("2026-06-30", False), ("2026-06-29", True)])
def test_evidence_is_valid_through_its_expiry_day(db98, tmp_path, expires, expired):
    evidence = {"id": "E1", "title": "批复", "path": "a.pdf", "supports": ["4.1"]}
    extra = organisation() | {"evidence": [evidence | {"expires": expires}]}
    report, results = run98(db98, tmp_path, extra)
    assert results["4.1"].evidence[0].expired is expired
    assert ("evidence_expired" in results["4.1"].flags) is expired
    assert bool(report.alerts) is expired  # 4.1 is a veto requirement


# --- Issue 19 (10): two profiles on one loaded catalogue -----------------------------


def test_two_profiles_on_one_catalogue_never_share_roll_up_results(db98, tmp_path):
    weighted = db98.profile
    text = (data_dir("profiles") / "scoring.yaml").read_text("utf-8")
    other = tmp_path / "equal.yaml"
    other.write_text(text.replace("rollup: weighted", "rollup: equal"), "utf-8")
    equal = load_profile(other)
    # 4.9 should (counted weight 0.5) not met: weighted 8/8.5; equal: mean of 8 ones and a 0
    loaded = centre_file(tmp_path, organisation(patrol_post=1))
    standards = select_standards(db98.catalogue, ["DB98/T 1"])
    for profile, expected in ((weighted, 8 / 8.5 * 100), (equal, 8 / 9 * 100)):
        fast = summarise(loaded.description, standards, db98.checks, profile, today=AS_OF)
        full = evaluate(loaded.description, standards, db98.checks, profile, today=AS_OF)
        assert fast.score == pytest.approx(expected) and full.score == pytest.approx(expected)


# --- Issue 19 (13): two declarations reaching one requirement --------------------------


def test_the_first_declaration_in_the_file_gives_the_reason(db98, tmp_path):
    chapter = {"requirement": "4", "reason": "整章由上级中心负责"}
    single = {"requirement": "4.3", "reason": "本中心不设内设科室"}
    _, results = run98(db98, tmp_path, organisation() | {"not_applicable": [chapter, single]})
    assert "整章由上级中心负责" in results["4.3"].reason("zh")
    _, results = run98(db98, tmp_path, organisation() | {"not_applicable": [single, chapter]})
    assert "本中心不设内设科室" in results["4.3"].reason("zh")
    assert "整章由上级中心负责" in results["4.2"].reason("zh")


# --- 2. Missing data is not failure ----------------------------------------------------


def test_a_missing_fact_is_not_evaluable_not_scored_and_listed_by_its_label(db98, tmp_path):
    facts = organisation()
    del facts["organisation"]["internal_units_defined"]
    report, results = run98(db98, tmp_path, facts)
    assert results["4.3"].status == Status.NOT_EVALUABLE and not results["4.3"].is_gap
    assert report.score == pytest.approx(100)  # left out, not scored 0
    assert report.data_needed == [("organisation.internal_units_defined", ("4.3",))]
    assert "内设科室或岗位已设置且职责成文" in results["4.3"].reason("zh")
    assert report.coverage == pytest.approx(7.5 / 8.5)


def test_below_the_coverage_threshold_the_grade_is_insufficient_data_never_fail(db98, tmp_path):
    facts = {"organisation": {"internal_units_defined": False}}  # one fact of ten
    report, _ = run98(db98, tmp_path, facts)
    assert report.coverage == pytest.approx(1 / 8.5) and report.score == 0
    assert report.grade == "insufficient_data" and report.standards[0].grade == "insufficient_data"
    assert report.grade_label("zh") == "数据不足"


def test_a_known_veto_nonconformity_still_caps_when_coverage_is_low(db98, tmp_path):
    report, _ = run98(db98, tmp_path, {"organisation": {"management_body_approved": False}})
    assert report.grade == "fail" and report.standards[0].veto_triggered == ("4.1",)


def county():
    path = data_dir("examples") / "county-centre.yaml"
    return yaml.safe_load(path.read_text("utf-8"))


def assess_document(tmp_path, document):
    path = tmp_path / "centre.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    setup = prepare()
    loaded = load_description(path)
    standards = select_standards(setup.catalogue, [])
    report = assess(loaded, setup, standards, today=AS_OF)
    figures = assess_figures(loaded, setup, standards, today=AS_OF)
    assert figures.score == report.score and figures.gaps == tuple(
        r.requirement for r in report.results if r.is_gap
    )
    return report, {r.requirement: r for r in report.results}


FEE_RULES = ("32169.1-6.R13", "32169.2-5.R10", "32169.3-3.R04")


def test_an_omitted_fee_basis_is_data_needed_not_a_veto(tmp_path):
    document = county()
    charging = next(m for m in document["matters"]["items"] if m.get("fee_charged"))
    del charging["fee_legal_basis"]
    report, results = assess_document(tmp_path, document)
    for rid in FEE_RULES:
        assert results[rid].status == Status.NOT_EVALUABLE, rid
        assert "matters.items[].fee_legal_basis" in results[rid].missing
    assert not any(s.veto_triggered for s in report.standards)
    needed = dict(report.data_needed)
    assert set(FEE_RULES) <= set(needed["matters.items[].fee_legal_basis"])


def test_a_fee_without_legal_basis_stated_is_still_a_vetoed_nonconformity(tmp_path):
    document = county()
    charging = next(m for m in document["matters"]["items"] if m.get("fee_charged"))
    charging["fee_legal_basis"] = False
    report, results = assess_document(tmp_path, document)
    assert results["32169.1-6.R13"].status == Status.NONCONFORMING
    vetoes = {s.number: s.veto_triggered for s in report.standards}
    assert "32169.1-6.R13" in vetoes["GB/T 32169.1-2015"]


def test_an_empty_list_is_a_statement_that_is_judged(tmp_path):
    document = county()
    document["standardization"]["standards"] = []
    _, results = assess_document(tmp_path, document)
    unevaluable = [
        r
        for r in results.values()
        if r.status == Status.NOT_EVALUABLE
        and any(m.startswith("standardization.standards") for m in r.missing)
    ]
    assert unevaluable == []
    # "we have none": no adopted national standard in the general-basic sub-system
    assert results["32170.2-5.R01"].status == Status.NONCONFORMING


# --- The examples: three levels at work, evidence alerts -------------------------------


def test_county_example_shows_three_levels_without_waiving_a_may(runner):
    from gbstd.cli import app

    result = runner.invoke(
        app,
        ["assess", str(data_dir("examples") / "county-centre.yaml"), "-f", "json"],
        catch_exceptions=False,
    )
    data = json.loads(result.stdout)
    rows = {r["requirement"]: r for r in data["results"]}
    kinds = {r["gap_kind"] for r in data["results"]}
    assert {"nonconformity", "improvement"} <= kinds
    assert rows["32169.4-5.1.R02"]["status"] == "not_adopted"
    assert rows["32169.4-5.1.R02"]["waiver"] is None and not rows["32169.4-5.1.R02"]["gap"]
    assert data["summary"]["conforming_without_evidence"] == 211
    assert [a["requirement"] for a in data["summary"]["alerts"]] == ["32169.1-5.R18"]


def test_an_expired_veto_evidence_alert_is_in_every_formats_summary(runner, tmp_path):
    from gbstd.reports import assessment, excel, html, markdown

    setup = prepare()
    loaded = load_description(data_dir("examples") / "county-centre.yaml")
    report = assess(loaded, setup, select_standards(setup.catalogue, []), today=AS_OF)
    alert = "32169.1-5.R18"
    from rich.console import Console

    console = Console(width=80, record=True, file=io.StringIO())
    console.print(assessment.render(report, "zh"))
    terminal = console.export_text()
    head = terminal.split("（「应」未满足", 1)[0].replace("\n", "")  # before the lists
    assert f"证据过期：一票否决要求 {alert}" in head
    assert "211 项未引用任何证据" in head
    md = markdown.render(report, "zh")
    assert f"证据过期：一票否决要求 {alert}" in md.split("## 二、", 1)[0]
    page = html.render(report, "zh")
    assert f"证据过期：一票否决要求 {alert}" in page.split('<h2 id="scores">', 1)[0]
    overview = excel.build(report, "zh")["概览"]
    cells = [c for row in overview.iter_rows(values_only=True) for c in row if c]
    assert any(isinstance(c, str) and alert in c and "过期" in c for c in cells)


def test_a_profile_that_scores_missing_data_is_refused_with_the_reason(tmp_path):
    text = (data_dir("profiles") / "scoring.yaml").read_text("utf-8")
    old = tmp_path / "old.yaml"
    old.write_text(
        text.replace("  nonconforming: 0.0", "  nonconforming: 0.0\n  not_evaluable: 0.0")
    )
    with pytest.raises(InvalidInputError, match="missing data is not failure"):
        load_profile(old)
    old.write_text(text.replace("  nonconforming: 0.0", "  nonconforming: 0.0\n  not_evaluable:"))
    assert load_profile(old).coverage_threshold == 0.8


def test_township_standards_with_nothing_evaluated_are_insufficient_data_not_fail(runner):
    from gbstd.cli import app

    path = data_dir("examples") / "township-centre.yaml"
    result = runner.invoke(app, ["assess", str(path), "-f", "json"], catch_exceptions=False)
    data = json.loads(result.stdout)
    standards = {s["id"]: s for s in data["standards"]}
    for number in ("GB/T 32169.4-2015", "GB/T 32170.1-2015", "GB/T 32170.2-2015"):
        assert standards[number]["coverage"] == 0 and standards[number]["score"] is None
        assert standards[number]["grade"] == "insufficient_data"
    assert standards["GB/T 32168-2015"]["coverage"] is None  # nothing applies: no grade at all
    assert standards["GB/T 32168-2015"]["grade"] is None
    assert data["summary"]["grade"] == "insufficient_data" and 0 < data["summary"]["coverage"] < 0.8
    labels = {d["path"]: d["label"] for d in data["summary"]["data_needed"]}
    assert labels["organisation.staff_roster_kept"] == "保存在岗人员名册"
