"""The questionnaire workbook (自评表): generated from the model, read back cell for cell (#17)."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gbstd.description.loading import load_description
from gbstd.description.questionnaire import QuestionSheet, TableSheet, layout
from gbstd.errors import InvalidInputError
from gbstd.reports.questionnaire import questionnaire_bytes
from gbstd.sample.centres import sample_centres

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))


def _data(path):
    return load_description(path).description.model_dump(mode="json", exclude_none=True)


def _round_trip(tmp_path, data, name="c"):
    workbook = tmp_path / f"{name}.xlsx"
    workbook.write_bytes(questionnaire_bytes(layout(), data))
    return load_description(workbook).description.model_dump(mode="json", exclude_none=True)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_bundled_example_survives_the_workbook(tmp_path, example):
    data = _data(example)
    back = _round_trip(tmp_path, data)
    # A list of choices is a set: the workbook asks each choice once, in the format's order.
    assert _sets(back) == _sets(data)


def test_generated_centres_survive_the_workbook(tmp_path):
    for index, (name, text) in enumerate(sample_centres(6, seed=17)):
        source = tmp_path / f"{index}.yaml"
        source.write_text(text, encoding="utf-8")
        data = _data(source)
        assert _sets(_round_trip(tmp_path, data, str(index))) == _sets(data), name


def _sets(value):
    if isinstance(value, dict):
        return {k: _sets(v) for k, v in value.items()}
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return sorted(value)
    if isinstance(value, list):
        return [_sets(v) for v in value]
    return value


def test_the_layout_asks_every_fact_once_on_named_sheets():
    sheets = layout()
    titles = [s.title for s in sheets]
    assert titles[:3] == ["概况", "场所", "进驻部门"] and "网上服务" in titles
    keys = [q.key for s in sheets if isinstance(s, QuestionSheet) for q in s.questions]
    assert len(keys) == len(set(keys)) > 400
    assert "policies.one_time_notice.adopted" in keys
    assert "premises.zones[waiting]" in keys  # a list of choices: one 是/否 row per choice
    tables = {s.path for s in sheets if isinstance(s, TableSheet)}
    assert tables == {
        "departments.items",
        "matters.items",
        "standardization.standards",
        "evidence",
        "not_applicable",
        "waivers",
    }


def _edited(tmp_path, edit):
    """The county example's workbook, edited by hand as an officer might."""
    data = _data(REPO / "examples" / "county-centre.yaml")
    workbook = load_workbook(io.BytesIO(questionnaire_bytes(layout(), data)))
    edit(workbook)
    path = tmp_path / "edited.xlsx"
    workbook.save(path)
    return path


def _row(ws, key):
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 7).value == key)


def _problems(path):
    with pytest.raises(InvalidInputError) as caught:
        load_description(path)
    return [p.render() for p in caught.value.problems]


def test_every_bad_cell_is_named_by_sheet_and_cell_all_at_once(tmp_path):
    rows = {}

    def edit(workbook):
        premises, overview = workbook["场所"], workbook["概况"]
        rows["number"] = _row(premises, "premises.windows.total")
        premises.cell(rows["number"], 3).value = "很多"
        rows["choice"] = _row(overview, "centre.level")
        overview.cell(rows["choice"], 3).value = "地级"
        rows["date"] = _row(overview, "centre.opened_on")
        overview.cell(rows["date"], 3).value = "2019-13-01"
        rows["formula"] = _row(premises, "premises.floor_area_m2")
        premises.cell(rows["formula"], 3).value = "=1+1"
        rows["bool"] = _row(premises, "premises.location.public_transport")
        premises.cell(rows["bool"], 3).value = "有"
        workbook["事项清单"].cell(3, 6).value = "五天"  # statutory_days of the first matter

    problems = "\n".join(_problems(_edited(tmp_path, edit)))
    assert f"场所!C{rows['number']}：应为整数，实际为“很多”" in problems
    assert f"概况!C{rows['choice']}：应从下拉列表中选择" in problems
    assert f"概况!C{rows['date']}：应为日期" in problems
    assert f"场所!C{rows['formula']}：答案单元格中是公式" in problems
    assert f"场所!C{rows['bool']}：应为“是”或“否”" in problems
    assert "事项清单!F3：应为数字，实际为“五天”" in problems
    assert "窗口总数 (premises.windows.total)" in problems  # the field by its name, then path


def test_a_deleted_sheet_or_an_inserted_column_is_refused(tmp_path):
    def edit(workbook):
        del workbook["人员"]
        workbook["场所"].insert_cols(2)
        workbook["部门清单"].insert_cols(1)
        workbook["部门清单"].cell(3, 1).value = "备注"

    problems = "\n".join(_problems(_edited(tmp_path, edit)))
    assert "人员：缺少该工作表" in problems
    assert "场所!B1：表头应为“问题”" in problems
    assert "部门清单!A3：该列没有字段名" in problems


def test_a_model_error_names_the_cell_of_its_field(tmp_path):
    # Policy.adopted is required once anything else of the policy is stated.
    def edit(workbook):
        ws = workbook["制度"]
        ws.cell(_row(ws, "policies.one_time_notice.adopted"), 3).value = None

    (problem,) = _problems(_edited(tmp_path, edit))
    assert "一次性告知制度：已制定并实行 (policies.one_time_notice.adopted)" in problem
    assert "制度!C" in problem and "缺少必填字段" in problem


def test_an_empty_list_is_kept_apart_from_a_blank_one(tmp_path):
    data = _data(REPO / "examples" / "county-centre.yaml")
    data["waivers"] = []
    data.pop("not_applicable", None)
    back = _round_trip(tmp_path, data)
    assert back["waivers"] == [] and "not_applicable" not in back


def test_a_workbook_that_is_no_questionnaire_is_refused(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    assert "不是 gbstd 自评表" in "\n".join(_problems(path))


# --- through the command line ------------------------------------------------------------------


def invoke(runner, *args):
    from gbstd.cli import app

    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


LEVELS = ["township", "county", "city", "province"]


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
def test_every_starter_validates_and_assesses_to_insufficient_data(runner, tmp_path, level, suffix):
    import json

    from gbstd.errors import ExitCode

    online = "no" if level == "township" else "provincial" if level == "county" else "yes"
    starter = tmp_path / f"start{suffix}"
    result = invoke(runner, "init", "--level", level, "--online", online, "-o", starter)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert invoke(runner, "validate", starter).exit_code == ExitCode.OK
    report = tmp_path / "report.json"
    invoke(runner, "assess", starter, "-o", report)
    assessed = json.loads(report.read_text(encoding="utf-8"))
    summary = assessed["summary"]
    # Nothing stated: 数据不足 and not evaluable, never a wall of 不符合. The one verdict the
    # starter's own answer proves: without online service, the should-requirement to offer it.
    assert summary["grade"] == "insufficient_data"
    failed = {r["requirement"] for r in assessed["results"] if r["status"] == "nonconforming"}
    assert failed <= ({"32169.1-6.R22"} if online == "no" else set())
    assert summary["counts"]["conforming"] == 0
    assert summary["counts"]["not_evaluable"] > 200


def test_a_township_without_online_service_is_not_asked_about_it(runner, tmp_path):
    from openpyxl import load_workbook as load

    township, county = tmp_path / "t.xlsx", tmp_path / "c.xlsx"
    invoke(runner, "init", "--level", "township", "--online", "no", "-o", township)
    invoke(runner, "init", "--level", "county", "-o", county)
    assert "网上服务" not in load(township, read_only=True).sheetnames
    assert "网上服务" in load(county, read_only=True).sheetnames
    short, full = tmp_path / "t.yaml", tmp_path / "c.yaml"
    invoke(runner, "init", "--level", "township", "--online", "no", "-o", short)
    invoke(runner, "init", "--level", "county", "-o", full)
    text = short.read_text(encoding="utf-8")
    assert "provided: false" in text and "full_online_share" not in text
    assert len(text.splitlines()) < len(full.read_text(encoding="utf-8").splitlines()) - 50


def test_the_questionnaire_names_the_requirements_a_question_feeds(runner, tmp_path):
    from openpyxl import load_workbook as load

    path = tmp_path / "q.xlsx"
    invoke(runner, "init", "--level", "county", "-o", path)
    ws = load(path)["制度"]
    row = _row(ws, "policies.one_time_notice.adopted")
    assert ws.cell(row, 6).value  # the 依据 column: requirement ids
    assert ws.protection.sheet and not ws.cell(row, 3).protection.locked
    assert ws.cell(row, 2).protection.locked and ws.freeze_panes == "C2"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_convert_both_ways_keeps_the_data(runner, tmp_path, example):
    from gbstd.errors import ExitCode

    workbook, back = tmp_path / "c.xlsx", tmp_path / "c.yaml"
    assert invoke(runner, "convert", example, workbook).exit_code == ExitCode.OK
    assert invoke(runner, "convert", workbook, back).exit_code == ExitCode.OK
    assert _sets(_data(back)) == _sets(_data(example))


def test_validate_of_a_bad_workbook_exits_3_naming_the_cell(runner, tmp_path):
    from gbstd.errors import ExitCode

    def edit(workbook):
        ws = workbook["场所"]
        ws.cell(_row(ws, "premises.windows.total"), 3).value = "很多"

    result = invoke(runner, "validate", _edited(tmp_path, edit))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "场所!C" in result.stderr and "应为整数，实际为“很多”" in result.stderr


def test_a_damaged_or_foreign_workbook_exits_3_without_a_traceback(runner, tmp_path):
    from gbstd.errors import ExitCode

    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    formula_only = tmp_path / "x.xlsx"
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = '=HYPERLINK("http://example.invalid")'
    workbook.save(formula_only)
    for path in (damaged, formula_only):
        result = invoke(runner, "validate", path)
        assert result.exit_code == ExitCode.INVALID_INPUT
        assert "Traceback" not in result.stderr and str(path) in result.stderr


def test_convert_replaces_its_output_only_with_force_and_never_its_input(runner, tmp_path):
    from gbstd.errors import ExitCode

    example = tmp_path / "c.yaml"
    example.write_bytes((REPO / "examples" / "township-centre.yaml").read_bytes())
    workbook = tmp_path / "c.xlsx"
    assert invoke(runner, "convert", example, workbook).exit_code == ExitCode.OK
    assert invoke(runner, "convert", example, workbook).exit_code != ExitCode.OK
    assert invoke(runner, "convert", example, workbook, "--force").exit_code == ExitCode.OK
    assert invoke(runner, "convert", example, example, "--force").exit_code != ExitCode.OK
    assert _data(example)["centre"]["level"] == "township"  # the input is untouched


def test_a_warning_about_facts_that_disagree_names_the_workbook_cell(runner, tmp_path):
    from gbstd.errors import ExitCode

    rows = {}

    def edit(workbook):
        ws = workbook["场所"]
        rows["total"] = _row(ws, "premises.windows.total")
        ws.cell(rows["total"], 3).value = 1  # fewer windows than the departments hold

    result = invoke(runner, "validate", _edited(tmp_path, edit))
    assert result.exit_code == ExitCode.OK
    assert f"场所!C{rows['total']}：" in result.stderr + result.stdout


def test_a_table_column_explains_its_choices_on_its_header(runner, tmp_path):
    from openpyxl import load_workbook as load

    path = tmp_path / "q.xlsx"
    invoke(runner, "init", "--level", "county", "-o", path)
    ws = load(path)["事项清单"]
    column = next(c for c in range(1, ws.max_column + 1) if ws.cell(2, c).value == "entry_mode")
    assert "窗口受理、后台办理" in ws.cell(1, column).comment.text


def test_a_written_rules_heading_row_says_what_the_rule_is(runner, tmp_path):
    # Found filling in the township questionnaire by hand: the rows under "一次性告知制度" ask
    # whether it is adopted, published, its document and date, but nothing said what the rule
    # is; the rule block's own note belongs in its heading row's 说明 cell.
    from openpyxl import load_workbook as load

    from gbstd.description.factinfo import fact_note

    path = tmp_path / "q.xlsx"
    invoke(runner, "init", "--level", "township", "--online", "no", "-o", path)
    ws = load(path)["制度"]
    heading = _row(ws, "policies.one_time_notice.adopted") - 1
    assert ws.cell(heading, 2).value == "一次性告知制度"
    assert ws.cell(heading, 5).value == fact_note("policies.one_time_notice")
    assert "一次性告知" in ws.cell(heading, 5).value and ws.cell(heading, 7).value is None
    # The heading row stays out of the answers: locked, and no field for the reader.
    assert ws.cell(heading, 3).protection.locked


def test_a_note_lists_the_choices_so_that_each_can_be_told_apart():
    # Found filling in by hand: "可选：在中心全程办理、窗口受理、后台办理、委托受理、应进未进"
    # reads as five choices where there are four; split at "／", the drop-down's words come back.
    for sheet in layout():
        rows = sheet.questions if isinstance(sheet, QuestionSheet) else sheet.columns
        for row in rows:
            if row.answer.kind == "choice":
                listed = row.note.rpartition("可选：")[2]
                assert listed.split("／") == row.answer.words(), row.note


def test_a_printed_note_is_not_cut_off_at_the_bottom_of_its_row():
    # Found printing the township questionnaire (LibreOffice → PDF): the last line of longer
    # notes (行政层级, 评估基准日) fell below the row. CJK text prints about 16 pt a line.
    from math import ceil

    from gbstd.reports.excel import display_width

    workbook = load_workbook(io.BytesIO(questionnaire_bytes(layout())))
    short = []
    for ws in workbook.worksheets:
        if ws.cell(1, 5).value != "说明":
            continue
        usable = ws.column_dimensions["E"].width - 1
        for row in range(2, ws.max_row + 1):
            note = ws.cell(row, 5).value or ""
            lines = ceil(display_width(note) / usable)
            height = ws.row_dimensions[row].height or 15.0
            if lines > 1 and height < 16.0 * lines:
                short.append(f"{ws.title}!E{row}: {lines} lines in {height} pt")
    assert short == []


def test_a_list_of_choices_names_its_requirements_once():
    # Found printing the township questionnaire: every 是/否 row of a list of choices repeated
    # the whole list's requirement ids (ten for the computed indicators), a third of a page
    # each. The list is read whole, so its first row names them and the others say 同上.
    from gbstd.catalogue.factuse import questionnaire_feeds

    feeds = questionnaire_feeds()
    ws = load_workbook(io.BytesIO(questionnaire_bytes(layout(), feeds=feeds)))["场所"]
    first, second = _row(ws, "premises.zones[guidance]"), _row(ws, "premises.zones[waiting]")
    assert ws.cell(first, 6).value == "、".join(feeds["premises.zones"])
    assert ws.cell(second, 6).value == "同上"
    assert ws.cell(_row(ws, "premises.windows.total"), 6).value != "同上"


def test_the_guide_prints_what_each_table_column_asks():
    # Found printing the township questionnaire: a table's column notes (进驻方式 and its
    # choices …) live in header comments, which do not print; the guide sheet carries them.
    workbook = load_workbook(io.BytesIO(questionnaire_bytes(layout())))
    guide = [str(c.value) for (c,) in workbook["填表说明"].iter_rows(max_col=1) if c.value]
    (matters,) = [s for s in layout() if isinstance(s, TableSheet) and s.title == "事项清单"]
    (mode,) = [c for c in matters.columns if c.name == "entry_mode"]
    assert "“事项清单”各列：" in guide
    assert f"· {mode.label}：{mode.note}" in guide and "窗口受理、后台办理" in mode.note


def test_the_basis_column_names_requirements_that_read_a_fact_only_when_stated():
    # 32169.3-4.R08 tests the notice's contents with has(): optional, so not in its reads,
    # yet it decides the verdict; the 依据 column must still name the requirement.
    from gbstd.catalogue.checks import load_checks
    from gbstd.catalogue.factuse import fact_feeds

    feeds = fact_feeds(load_checks(), ["counter_service.acceptance_notice_states_deadline"])
    assert feeds["counter_service.acceptance_notice_states_deadline"] == ("32169.3-4.R08",)


def test_a_column_that_does_not_apply_is_not_asked_and_its_absence_is_no_error(runner, tmp_path):
    from gbstd.cli import app

    path = tmp_path / "自评表.xlsx"
    result = runner.invoke(app, ["init", "--level", "township", "--online", "no", "-o", str(path)])
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    matters = book["事项清单"]
    keys = [c.value for c in matters[2]]
    # How far a matter is online is asked only where there are online services.
    assert "online_depth" not in keys and "name" in keys
    matters.cell(3, 1).value = "低保申请"
    matters.cell(3, keys.index("on_the_spot") + 1).value = "否"
    book.save(path)
    loaded = load_description(path)
    assert loaded.description.matters.items[0].name == "低保申请"
    # A column that was written and then deleted is still an error, naming the table.
    matters.delete_cols(keys.index("materials") + 1)
    book.save(path)
    with pytest.raises(InvalidInputError) as caught:
        load_description(path)
    assert "缺少列“materials”" in str(caught.value.problems)
