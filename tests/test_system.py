"""The standard system: template, proposal, drafting order, scaffold and its safety."""

import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from gbstd.assessment.run import assess, prepare, select_standards
from gbstd.catalogue.loading import load_catalogue
from gbstd.cli import app
from gbstd.description.loading import load_description
from gbstd.errors import ExitCode, GbstdError
from gbstd.io.bundled import data_dir
from gbstd.io.outputs import OutputExistsError
from gbstd.system.proposal import _rank, propose
from gbstd.system.scaffold import PlannedFile, apply, safe_name
from gbstd.system.template import TemplateStandard, load_template

EXAMPLES = data_dir("examples")


@pytest.fixture(scope="module")
def setup():
    return prepare()


def proposal_for(setup, name):
    loaded = load_description(EXAMPLES / name)
    report = assess(loaded, setup, select_standards(setup.catalogue, []), today=date(2026, 6, 30))
    return propose(load_template(), loaded.description, report, setup.profile, setup.checks)


def test_template_has_the_four_subsystems_and_covers_the_seven():
    template = load_template()
    assert [c.id for c in template.children] == [
        "general_basic",
        "service_provision",
        "management",
        "post_work",
    ]
    management = template.children[2]
    assert len(management.children) == 3
    assert all(len(level.children) == 8 for level in management.children)
    core = {r.id for e in load_catalogue().listed() for r in e.standard.requirements()}
    covered = {c for s in template.standards() for c in s.covers}
    assert covered <= {r.id for e in load_catalogue().entries for r in e.standard.requirements()}
    assert len(core & covered) / len(core) >= 0.9
    assert {"analogy", "seed", "toolkit"} <= {n.provenance for _, n in template.walk()}


def test_greedy_ranking_picks_the_biggest_weighted_gap_first():
    def std(sid, covers):
        return TemplateStandard(
            kind="standard", id=sid, name={"zh": sid}, provenance="toolkit", covers=covers
        )

    ranking = _rank(
        [std("a", ("r1",)), std("b", ("r1", "r2")), std("c", ("r3",))],
        {"r1": 1.0, "r2": 1.0, "r3": 3.0},
    )
    assert (
        ranking["c"][0] == 1 and ranking["b"][0] == 2 and "a" not in ranking
    )  # a closes nothing left


def test_township_without_online_hall_drops_online_standards(setup):
    proposal = proposal_for(setup, "township-centre.yaml")
    assert proposal.dropped and all("网上" in d.reason("zh") for d in proposal.dropped)
    names = [s.name("zh") for s in proposal.standards()]
    assert not any("网上服务管理" in n for n in names)


def test_existing_standards_are_marked_and_codes_follow_the_scheme(setup):
    proposal = proposal_for(setup, "county-centre.yaml")
    standards = proposal.standards()
    assert any(s.status == "existing" for s in standards) and any(
        s.status == "to_draft" for s in standards
    )
    import re

    assert all(re.fullmatch(r"[ABCD](\d+(\.\d+)*)?-\d{2}", s.code) for s in standards)
    assert [c.code for c in proposal.children] == ["A", "B", "C", "D"]
    priorities = sorted(s.priority for s in standards if s.priority)
    assert priorities == list(range(1, len(priorities) + 1))
    assert all(s.status != "existing" for s in standards if s.priority)


def test_json_contract(runner):
    result = runner.invoke(
        app,
        ["system", "propose", str(EXAMPLES / "city-centre.yaml"), "-f", "json"],
        catch_exceptions=False,
    )
    data = json.loads(result.stdout)

    def check(node):
        assert {"code", "name", "kind", "children"} <= set(node) and node["kind"] in {
            "subsystem",
            "standard",
        }
        if node["kind"] == "standard":
            assert node["status"] in {
                "existing",
                "drafting",
                "planned",
                "to_draft",
                "to_adopt",
            } and isinstance(node["covers"], list)
        for child in node["children"]:
            check(child)

    assert data["children"]
    for top in data["children"]:
        check(top)


def test_workbook_follows_gb_t_13017(runner, tmp_path):
    path = tmp_path / "体系.xlsx"
    result = runner.invoke(
        app,
        ["system", "propose", str(EXAMPLES / "county-centre.yaml"), "-o", str(path)],
        catch_exceptions=False,
    )
    assert result.exit_code == ExitCode.OK
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["结构图", "标准明细表", "标准统计表", "编制说明"]
    header = [c.value for c in workbook["标准明细表"][1]]
    assert header == [
        "序号",
        "体系编号",
        "标准编号",
        "标准名称",
        "类别",
        "状态",
        "覆盖条款",
        "备注",
    ]


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        ("a/b\\c", "a_b_c"),
        ("..", "_"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("名称:*?<>|", "名称______"),
        ("x" * 200, "x" * 40),
        ("x" * 39 + ". tail", "x" * 39),  # cut at the limit: no trailing dot (Windows)
        ("🏛️ 大厅.", "🏛️ 大厅"),
    ],
)
def test_names_are_safe_on_windows_and_linux(hostile, expected):
    assert safe_name(hostile) == expected


def test_scaffold_dry_run_writes_nothing_and_refuses_to_overwrite(runner, tmp_path):
    target = tmp_path / "草稿"
    centre = str(EXAMPLES / "city-centre.yaml")
    result = runner.invoke(
        app, ["system", "scaffold", centre, "-o", str(target), "--dry-run"], catch_exceptions=False
    )
    assert result.exit_code == ExitCode.OK and not target.exists() and "README.md" in result.stdout
    assert (
        runner.invoke(
            app, ["system", "scaffold", centre, "-o", str(target)], catch_exceptions=False
        ).exit_code
        == 0
    )
    drafts = sorted(target.rglob("*.md"))
    assert (
        (target / "README.md").exists()
        and (target / "标准明细表.xlsx").exists()
        and len(drafts) > 10
    )
    first = next(p for p in drafts if p.name != "README.md").read_text(encoding="utf-8")
    for heading in (
        "## 前言",
        "## 1　范围",
        "## 2　规范性引用文件",
        "## 3　术语和定义",
        "## 4　",
        "附录A",
    ):
        assert heading in first
    assert "来源：GB/T" in first and "派生" in first
    again = runner.invoke(app, ["system", "scaffold", centre, "-o", str(target)])
    assert again.exit_code == ExitCode.USAGE and "--force" in again.stderr
    assert (
        runner.invoke(app, ["system", "scaffold", centre, "-o", str(target), "--force"]).exit_code
        == 0
    )
    assert [p.name for p in tmp_path.iterdir()] == ["草稿"]  # no staging folders left behind


def test_scaffold_docx_opens_in_word(runner, tmp_path):
    target = tmp_path / "docx"
    result = runner.invoke(
        app,
        [
            "system",
            "scaffold",
            str(EXAMPLES / "county-centre.yaml"),
            "-o",
            str(target),
            "--format",
            "docx",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == ExitCode.OK
    document = Document(next(target.rglob("*.docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "前言" and any(h.startswith("1　范围") for h in headings)


def test_a_failed_apply_leaves_nothing(tmp_path):
    target = tmp_path / "out"

    files = [PlannedFile(Path("a/ok.md"), b"ok"), PlannedFile(Path("b/bad.md"), b"x")]
    apply(files, target, force=False)
    with pytest.raises(OutputExistsError):
        apply(files, target, force=False)
    escaping = [PlannedFile(Path("../escape.md"), b"x")]
    with pytest.raises(GbstdError, match="越出"):
        apply(escaping, tmp_path / "other", force=False)
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "other").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_propose_markdown_golden(setup, golden):
    from gbstd.reports.system import to_markdown

    golden(to_markdown(proposal_for(setup, "city-centre.yaml"), "zh"), "system-city.md")


def test_draft_markdown_golden(setup, golden):
    from gbstd.system.draft import draft_kind, make_draft, render_markdown

    proposal = proposal_for(setup, "city-centre.yaml")
    first = next(s for s in proposal.standards() if s.priority == 1)
    kind = draft_kind("general_basic", first.name("zh"))  # A1-08 …维护规程: a procedure
    draft = make_draft(first, proposal.report, date(2026, 6, 30), kind)
    golden(render_markdown(draft), "draft-first.md")


# --- issue 16: drafts by the standard's type, one hint a section, a sorted README, zh-CN ------


@pytest.fixture(scope="module")
def county_drafts(tmp_path_factory):
    from typer.testing import CliRunner

    target = tmp_path_factory.mktemp("drafts") / "drafts"
    centre = str(EXAMPLES / "county-centre.yaml")
    result = CliRunner().invoke(app, ["system", "scaffold", centre, "-o", str(target)])
    assert result.exit_code == ExitCode.OK, result.output
    return target


def _headings(text):
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


def test_a_post_standard_draft_has_the_outline_of_a_post_standard(county_drafts):
    posts = sorted((county_drafts / "D 岗位工作标准分体系").rglob("*.md"))
    assert posts
    for path in posts:
        headings = _headings(path.read_text("utf-8"))
        assert headings[4:8] == ["4　岗位职责", "5　任职条件", "6　工作内容与要求", "7　考核与奖惩"]
        assert not any("分体系" in h for h in headings), path.name


def test_each_kind_of_standard_gets_its_own_outline(county_drafts):
    wanted = {
        "B1 服务规范子体系": "5　服务要求",
        "B2 服务提供规程子体系": "6　各环节要求",
        "C 管理标准分体系": "5　管理内容与要求",
    }
    for folder, heading in wanted.items():
        (path, *_) = sorted(county_drafts.rglob(f"{folder}/**/*.md"))
        assert heading in _headings(path.read_text("utf-8")), path


def test_the_drafting_hint_is_given_once_a_section(county_drafts):
    for path in county_drafts.rglob("*.md"):
        if path.name == "README.md":
            continue
        text = path.read_text("utf-8")
        body = [h for h in _headings(text) if h[0].isdigit() and int(h.split("　")[0]) >= 4]
        assert text.count("【起草提示】") == len(body), path.name


def test_the_readme_links_every_draft_in_drafting_order(county_drafts):
    readme = (county_drafts / "README.md").read_text("utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| ") and "](<" in line]
    priorities = [int(r.split("|")[1]) for r in rows if r.split("|")[1].strip()]
    assert priorities == sorted(priorities) and priorities[0] == 1
    links = [r.split("](<", 1)[1].split(">)", 1)[0] for r in rows]
    assert all((county_drafts / link).is_file() for link in links)
    assert len(links) == len(list(county_drafts.rglob("*.md"))) - 1


def test_draft_docx_is_chinese_not_japanese(runner, tmp_path):
    import zipfile

    target = tmp_path / "docx"
    centre = str(EXAMPLES / "township-centre.yaml")
    runner.invoke(app, ["system", "scaffold", centre, "-o", str(target), "--format", "docx"])
    with zipfile.ZipFile(next(target.rglob("*.docx"))) as archive:
        settings = archive.read("word/settings.xml").decode()
        styles = archive.read("word/styles.xml").decode()
        document = archive.read("word/document.xml").decode()
    assert "ja-JP" not in settings + styles and 'w:eastAsia="zh-CN"' in settings
    assert "ICS" in document and "CCS" in document


def test_the_structure_sheet_is_a_diagram_of_boxes_and_lines(setup, tmp_path):
    from gbstd.reports.system import build_workbook

    proposal = proposal_for(setup, "county-centre.yaml")
    path = tmp_path / "体系.xlsx"
    build_workbook(proposal, "zh").save(path)
    ws = load_workbook(path)["结构图"]
    boxes = {str(r).split(":")[0]: r for r in ws.merged_cells.ranges}
    assert len(boxes) == len(proposal.subsystems()) + 1  # the system, then every (子)体系
    labels = [ws[start].value for start in boxes]
    for _, node in proposal.subsystems():
        assert any(label.startswith(f"{node.code} {node.name('zh')}（") for label in labels)
    for start in boxes:
        cell = ws[start]
        assert cell.border.left.style and cell.border.top.style and cell.fill.fgColor.rgb
    # A 分体系 box (column D) is joined to its 子体系 (column G) by lines in columns E and F.
    lines = [c for c in ws["F"] if c.border.left.style] + [
        c for c in ws["E"] if c.border.bottom.style
    ]
    assert len(lines) > 10
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(t.startswith((" ", "　", "·")) for t in texts)  # no indented list to clip
    assert ws.sheet_view.showGridLines is False
