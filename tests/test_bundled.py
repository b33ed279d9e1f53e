"""The bundled catalogue says exactly what standards-facts.md gives, and nothing official beyond it."""

import re
from collections import Counter

import pytest

from gbstd.catalogue.loading import load_catalogue, load_standard_file, standard_files
from gbstd.catalogue.standard import Annex, Chapter, Clause, Provenance, Requirement, Section, Term
from gbstd.io.bundled import data_dir

COMMON = ["范围", "规范性引用文件", "术语和定义"]
CHAPTERS = {
    "GB/T 32170.1-2015": COMMON
    + [
        "标准化工作基本原则",
        "标准化主要任务",
        "标准化机构和人员",
        "标准体系的建立",
        "标准的制定",
        "标准的实施",
        "评价与持续改进",
    ],
    "GB/T 32170.2-2015": COMMON
    + [
        "标准体系的组成",
        "通用基础标准分体系",
        "服务提供标准分体系",
        "管理标准分体系",
        "岗位工作标准分体系",
    ],
    "GB/T 32169.1-2015": COMMON + ["服务组织", "服务设施设备", "运行管理", "监督与评价"],
    "GB/T 32169.2-2015": COMMON + ["部门进驻要求", "事项进驻要求", "窗口人员进驻要求"],
    "GB/T 32169.3-2015": [
        "范围",
        "规范性引用文件",
        "基本要求",
        "服务程序",
        "服务礼仪",
        "信息公开",
        "监督与评价",
    ],
    "GB/T 32169.4-2015": COMMON
    + ["评价原则", "评价机构及人员", "评价指标", "评价程序", "改进提高"],
    "GB/T 32168-2015": COMMON + ["基本原则", "服务提供", "服务保障", "评价与改进"],
}
TOC_CLAUSES = {
    "GB/T 32169.4-2015": {
        "4.1": "实事求是",
        "4.2": "公开透明",
        "4.3": "合法合理",
        "4.4": "实效性",
        "5.1": "机构",
        "5.2": "人员",
        "6.1": "办事效率指标",
        "6.2": "窗口服务满意率指标",
        "6.3": "异常办理指标",
        "6.4": "投诉处理指标",
        "7.1": "明确评价目的",
        "7.2": "制定评价方案",
        "7.3": "获取评价材料",
        "7.4": "实施评价",
        "8.1": "改进要求",
        "8.2": "全面总结",
    },
    "GB/T 32168-2015": {
        "4.1": "公开性",
        "4.2": "安全性",
        "4.3": "易用性",
        "4.4": "时效性",
        "4.5": "兼容性",
        "4.6": "综合性",
        "5.1": "总则",
        "5.2": "信息公开服务",
        "5.3": "网上办理服务",
        "5.4": "民意互动服务",
        "6.1": "信息及系统安全",
        "6.2": "数据记录管理",
        "6.3": "提醒警示",
        "6.4": "多渠道交互",
        "6.5": "CA数字认证",
        "6.6": "电子化证照",
        "6.7": "场景式服务",
        "6.8": "服务特殊人群",
        "7.1": "评价方式",
        "7.2": "评价内容",
        "7.3": "评价结果",
        "7.4": "持续改进",
    },
}
TERMS = {
    "GB/T 32170.1-2015": ["政务服务中心", "服务对象"],
    "GB/T 32170.2-2015": ["服务提供标准", "进驻部门", "事项", "窗口", "管理机构"],
    "GB/T 32169.1-2015": ["政务服务中心", "进驻部门", "事项", "窗口", "管理机构"],
    "GB/T 32169.2-2015": ["部门进驻", "事项进驻", "窗口人员进驻"],
    "GB/T 32169.3-2015": [],
    "GB/T 32169.4-2015": [
        "窗口服务评价",
        "事项进驻落实率",
        "窗口授权执行率",
        "办理提速率",
        "现场办结率",
        "联办率",
        "网上受理率",
        "窗口服务满意率",
        "异常办理",
        "有效投诉",
        "投诉率",
        "投诉处理满意率",
    ],
    "GB/T 32168-2015": [],
}
ANNEXES = {
    "GB/T 32169.2-2015": ["授权委托书", "政务服务中心窗口人员登记备案表"],
    "GB/T 32169.3-2015": ["受理通知书", "补正材料通知书", "服务告知单"],
}
EXTRAS = {"GB/T 36112-2018", "GB/T 36113-2018", "GB/T 39734-2020"}
TOC_STANDARDS = {"GB/T 32169.4-2015", "GB/T 32168-2015"}
THREE_LEVEL = re.compile(r"^\d+\.\d+\.\d+")
TAG = re.compile(
    r"^(quality\.(functionality|economy|regularity|timeliness|civility|convenience|comfort|safety)|domain\.("
    r"organisation|premises|entry|matters|staff|counter_service|etiquette|disclosure|supervision|complaints|"
    r"evaluation|online|security|records|finance|information|standardization))$"
)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def by_number(catalogue):
    return {e.number: e.standard for e in catalogue.entries}


def test_every_bundled_file_loads_and_is_named_by_its_slug():
    files = standard_files(data_dir("standards"))
    assert len(files) == 10
    for path in files:
        assert path.stem == load_standard_file(path).slug


def test_the_seven_and_the_extras_are_there(by_number):
    assert set(by_number) == set(CHAPTERS) | EXTRAS
    assert {n for n, s in by_number.items() if s.extra} == EXTRAS


@pytest.mark.parametrize("number", sorted(CHAPTERS))
def test_chapters_are_numbered_and_titled_as_the_facts_give_them(by_number, number):
    std = by_number[number]
    chapters = [c for c in std.children if isinstance(c, Chapter)]
    assert [c.id for c in chapters] == [str(i) for i in range(1, len(CHAPTERS[number]) + 1)]
    assert [c.title.zh for c in chapters] == CHAPTERS[number]
    expected = Provenance.TOC if number in TOC_STANDARDS else Provenance.SEED
    assert {c.provenance for c in chapters} == {expected}


@pytest.mark.parametrize("number", sorted(CHAPTERS))
def test_seven_standards_metadata(by_number, number):
    std = by_number[number]
    assert str(std.issued) == "2015-10-12" and str(std.effective) == "2016-05-01"
    assert std.ics == "01.040.03" and std.ccs == "A12" and "TC264" in (std.committee or "")
    assert std.title.en and std.status == "current"


@pytest.mark.parametrize("number", sorted(TOC_CLAUSES))
def test_second_level_clauses_are_exactly_the_published_toc(by_number, number):
    clauses = {
        node.id: node.title.zh for _, node in by_number[number].walk() if isinstance(node, Clause)
    }
    assert clauses == TOC_CLAUSES[number]


def test_only_toc_standards_and_extras_have_clauses(by_number):
    for number, std in by_number.items():
        if number not in TOC_CLAUSES and number not in EXTRAS:
            assert not [n for _, n in std.walk() if isinstance(n, Clause)], number


@pytest.mark.parametrize("number", sorted(TERMS))
def test_terms_are_those_the_facts_list(by_number, number):
    terms = [n for _, n in by_number[number].walk() if isinstance(n, Term)]
    assert [t.title.zh for t in terms] == TERMS[number]
    for term in terms:
        assert term.provenance == Provenance.SEED and not THREE_LEVEL.match(term.id)
        assert term.definition is not None and term.definition.provenance == Provenance.DERIVED


@pytest.mark.parametrize("number", sorted(CHAPTERS))
def test_annex_forms_appear_as_annex_nodes(by_number, number):
    annexes = [n for n in by_number[number].children if isinstance(n, Annex)]
    assert [a.title.zh for a in annexes] == ANNEXES.get(number, [])
    assert all(a.form and not a.normative for a in annexes)


def test_no_built_in_node_has_a_three_level_number(catalogue):
    for entry in catalogue.entries:
        for _, node in entry.standard.walk():
            assert not THREE_LEVEL.match(node.id), (entry.number, node.id)


def test_at_least_250_derived_requirements_across_the_seven(by_number):
    counts = {n: sum(1 for _ in by_number[n].requirements()) for n in CHAPTERS}
    assert sum(counts.values()) >= 250, counts


@pytest.mark.parametrize("number", sorted(CHAPTERS))
def test_every_chapter_from_4_on_has_requirements(by_number, number):
    first = 3 if number == "GB/T 32169.3-2015" else 4
    for chapter in by_number[number].children:
        if isinstance(chapter, Chapter) and int(chapter.id) >= first:
            found = [n for _, n in _below(chapter) if isinstance(n, Requirement)]
            assert len(found) >= 2, (number, chapter.id)


def _below(node):
    for child in getattr(node, "children", ()):
        yield node, child
        yield from _below(child)


def test_derived_requirements_are_complete_and_marked(catalogue):
    for entry in catalogue.entries:
        short = entry.number.split(" ")[1].rsplit("-", 1)[0]
        for requirement in entry.standard.requirements():
            where = (entry.number, requirement.id)
            assert requirement.provenance == Provenance.DERIVED, where
            assert requirement.id.startswith(f"{short}-") and ".R" in requirement.id, where
            assert requirement.statement.en and requirement.title.en, where
            assert requirement.typical_evidence, where
            assert all(e.en for e in requirement.typical_evidence), where
            assert requirement.basis is not None, where
            word = {"shall": "应", "should": "宜", "may": "可"}[requirement.level]
            assert word in requirement.statement.zh, where
            assert any(t.startswith("domain.") for t in requirement.tags), where
            assert all(TAG.match(t) for t in requirement.tags), where


def test_sections_are_seed_topics_with_toolkit_ids(catalogue):
    for entry in catalogue.entries:
        for _, node in entry.standard.walk():
            if isinstance(node, Section):
                assert ".S" in node.id and node.provenance in {Provenance.SEED, Provenance.TOC}


def test_requirement_ids_are_unique_across_the_catalogue(catalogue):
    ids = Counter(r.id for e in catalogue.entries for r in e.standard.requirements())
    assert not [i for i, n in ids.items() if n > 1]


def test_vetoes_are_rare(catalogue):
    for entry in catalogue.entries:
        assert sum(r.veto for r in entry.standard.requirements()) <= 2, entry.number


ALLOWED_FACTS = re.compile(r"\b(centre\.level|online\.provided|online\.platform)\b")


def test_applicability_uses_only_the_documented_facts(catalogue):
    for entry in catalogue.entries:
        nodes = [entry.standard] + [n for _, n in entry.standard.walk()]
        for node in nodes:
            if node.applicability is not None:
                names = set(re.findall(r"[a-z_]+\.[a-z_]+", node.applicability.when))
                assert names and all(ALLOWED_FACTS.match(n) for n in names), node.applicability.when


def test_online_standard_applies_only_to_centres_with_online_services(by_number):
    assert by_number["GB/T 32168-2015"].applicability.when.strip() == "online.provided"
