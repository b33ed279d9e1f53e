"""`system propose` agrees with `assess`: one slot per standard, no credited orphan, statuses."""

from collections import Counter
from datetime import date

import pytest
import yaml

from gbstd.assessment.results import Status
from gbstd.assessment.run import assess, prepare, select_standards
from gbstd.description.loading import load_description
from gbstd.io.bundled import data_dir
from gbstd.reports.system import to_data, to_markdown
from gbstd.system.proposal import propose, statistics
from gbstd.system.template import load_template

EXAMPLES = data_dir("examples")
TODAY = date(2026, 6, 30)


@pytest.fixture(scope="module")
def setup():
    return prepare()


def _propose(setup, path):
    loaded = load_description(path)
    report = assess(loaded, setup, select_standards(setup.catalogue, []), today=TODAY)
    return propose(load_template(), loaded.description, report, setup.profile, setup.checks)


def _with_standards(tmp_path, standards, name="centre.yaml"):
    """The city example with its own standards replaced."""
    data = yaml.safe_load((EXAMPLES / "city-centre.yaml").read_text(encoding="utf-8"))
    data["standardization"]["standards"] = standards
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


EXAMPLE_NAMES = ["city-centre.yaml", "county-centre.yaml", "township-centre.yaml"]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_each_own_standard_fills_at_most_one_slot(setup, name):
    proposal = _propose(setup, EXAMPLES / name)
    matched = Counter(s.matched for s in proposal.standards() if s.matched)
    assert [m for m, n in matched.items() if n > 1] == []


def test_city_etiquette_standard_lands_in_the_etiquette_slot_only(setup):
    proposal = _propose(setup, EXAMPLES / "city-centre.yaml")
    holders = [s for s in proposal.standards() if s.matched == "政务服务中心窗口服务礼仪规范"]
    assert [s.id for s in holders] == ["std.etiquette"]
    assert holders[0].method == "fields"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_standard_assess_credits_is_never_an_orphan(setup, name):
    proposal = _propose(setup, EXAMPLES / name)
    # a credited standard is one that, alone, lets a 32170.2 check of standards pass or partly pass
    orphans = {o.name for o in proposal.orphans}
    assert not orphans & set(proposal.credited)


def test_city_window_procedure_is_credited_for_6_r12_and_is_no_orphan(setup):
    proposal = _propose(setup, EXAMPLES / "city-centre.yaml")
    result = next(r for r in proposal.report.results if r.requirement == "32170.2-6.R12")
    assert result.status == Status.CONFORMING
    assert "综合受理窗口工作规程" not in {o.name for o in proposal.orphans}
    placed = [s for s in proposal.standards() if s.matched == "综合受理窗口工作规程"]
    assert len(placed) == 1 and placed[0].code.startswith("B2.2")


def test_drafting_and_planned_standards_show_their_status(setup):
    proposal = _propose(setup, EXAMPLES / "city-centre.yaml")
    by_own = {s.matched: s for s in proposal.standards() if s.matched}
    assert by_own["政务服务“好差评”评价规范"].status == "drafting"
    assert by_own["网上服务平台信息管理规范"].status == "drafting"
    assert by_own["帮办代办服务规范"].status == "planned"
    assert by_own["窗口工作人员岗位工作标准"].status == "planned"
    text = to_markdown(proposal, "zh")
    assert "〔在编〕" in text and "〔拟制定〕" in text
    line = next(x for x in text.splitlines() if "帮办代办服务规范" in x)
    assert "拟制定" in line and "待制定" not in line


def test_title_fallback_is_said(setup, tmp_path):
    path = _with_standards(
        tmp_path,
        [{"name": "窗口服务礼仪规范", "subsystem": "service_provision", "status": "published"}],
    )
    proposal = _propose(setup, path)
    held = [s for s in proposal.standards() if s.matched]
    assert len(held) == 1 and held[0].method == "title"
    assert "按标准名称" in held[0].note("zh")


def test_structured_fields_beat_a_misleading_title(setup, tmp_path):
    # A post standard for the window lead, titled vaguely: the post decides, not the title.
    path = _with_standards(
        tmp_path,
        [
            {
                "name": "首席代表工作规范",
                "subsystem": "post_work",
                "type": "post_work",
                "level": "window",
                "post": "窗口负责人",
                "status": "published",
            },
            {
                "name": "大厅保洁流程",
                "subsystem": "management",
                "type": "management",
                "management_area": "energy_environment",
                "status": "published",
            },
        ],
    )
    proposal = _propose(setup, path)
    by_own = {s.matched: s for s in proposal.standards() if s.matched}
    assert by_own["首席代表工作规范"].id == "std.post.window_head"
    assert by_own["大厅保洁流程"].code.startswith("C")  # a management standard, not a procedure
    assert not proposal.orphans


def _check_statistics(proposal):
    stats = statistics(proposal)
    total = Counter()
    for block in stats.blocks:
        subtotal = Counter()
        for row in block.rows:
            subtotal.update(row.counts)
        assert subtotal == block.subtotal.counts, block.subtotal.code
        total.update(block.subtotal.counts)
    assert total == stats.total.counts
    assert sum(stats.total.counts.values()) == len(proposal.standards())
    assert Counter(s.status for s in proposal.standards()) == +Counter(stats.total.counts)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_statistics_add_up_for_the_examples(setup, name):
    _check_statistics(_propose(setup, EXAMPLES / name))


def test_statistics_add_up_for_generated_centres(setup, tmp_path):
    from gbstd.sample.centres import sample_centre

    listed = 0
    for index in (1, 2, 9, 17):  # seed 3: 9 and 17 list their own standards
        path = tmp_path / f"s{index}.yaml"
        path.write_text(sample_centre(index, seed=3), encoding="utf-8")
        proposal = _propose(setup, path)
        _check_statistics(proposal)
        matched = Counter(s.matched for s in proposal.standards() if s.matched)
        assert all(n == 1 for n in matched.values())
        assert not {o.name for o in proposal.orphans} & set(proposal.credited)
        listed += bool(matched)
    assert listed >= 2


def test_to_adopt_is_counted_apart_from_to_draft(setup):
    proposal = _propose(setup, EXAMPLES / "city-centre.yaml")
    summary = to_data(proposal, "zh")["summary"]
    statuses = Counter(s.status for s in proposal.standards())
    assert summary["to_adopt"] == statuses["to_adopt"] > 0
    assert summary["to_draft"] == statuses["to_draft"] > 0
    assert all(s.adopted for s in proposal.standards() if s.status == "to_adopt")
    assert not any(s.adopted for s in proposal.standards() if s.status == "to_draft")
    text = to_markdown(proposal, "zh")
    assert "## 标准统计表" in text and "待采用" in text
    assert f"待采用 {statuses['to_adopt']}" in text and f"待制定 {statuses['to_draft']}" in text


def test_invariants_hold_for_generated_standard_lists(setup):
    """Whatever the centre lists: one slot per standard, no credited orphan, sums that add up."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from gbstd.description.standardisation import (
        ManagementArea,
        OwnStandard,
        ServiceQuality,
        StandardStatus,
        StandardType,
        Subsystem,
        SystemLevel,
    )

    loaded = load_description(EXAMPLES / "city-centre.yaml")
    report = assess(loaded, setup, select_standards(setup.catalogue, []), today=TODAY)
    template = load_template()
    titles = sorted({n for s in template.standards() for n in (s.name.zh, *s.aliases)})
    posts = [
        "中心主任",
        "综合管理",
        "咨询导办",
        "督查考核",
        "窗口负责人",
        "窗口工作人员",
        "档案管理",
    ]

    def maybe(values):
        return st.none() | st.sampled_from([v.value for v in values])

    standard = st.builds(
        dict,
        name=st.sampled_from(titles)
        | st.sampled_from(["大厅保洁标准", "大厅保洁流程", "工作制度"]),
        subsystem=maybe(Subsystem),
        type=maybe(StandardType),
        level=maybe(SystemLevel),
        management_area=maybe(ManagementArea),
        quality=maybe(ServiceQuality),
        post=st.none() | st.sampled_from(posts),
        status=maybe(StandardStatus),
        external=st.none() | st.booleans(),
    )

    @settings(
        max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(st.lists(standard, max_size=6, unique_by=lambda i: i["name"]))
    def check(items):
        own = [
            OwnStandard.model_validate({k: v for k, v in i.items() if v is not None}) for i in items
        ]
        block = loaded.description.standardization.model_copy(update={"standards": own})
        description = loaded.description.model_copy(update={"standardization": block})
        proposal = propose(template, description, report, setup.profile, setup.checks)
        _check_statistics(proposal)
        held = Counter(s.matched for s in proposal.standards() if s.matched)
        listed = Counter(i["name"] for i in items)
        assert all(n <= listed[name] for name, n in held.items())
        assert not {o.name for o in proposal.orphans} & set(proposal.credited)

    check()
