"""The on-site checklist: export, fill in like an auditor, import, assess; nothing lost."""

import json

import pytest
import yaml
from assessing import db99_setup
from openpyxl import load_workbook

from gbstd.cli import app
from gbstd.errors import ExitCode, InvalidInputError
from gbstd.reports.checklist import VERDICT, build_checklist, read_checklist


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def exported(runner, tmp_path):
    path = tmp_path / "核查表.xlsx"
    result = invoke(
        runner,
        "checklist",
        "export",
        "-s",
        "32169.3",
        "--centre",
        "examples/township-centre.yaml",
        "-o",
        path,
    )
    assert result.exit_code == ExitCode.OK, result.stderr
    return path


def test_export_is_a_locked_fill_in_workbook(exported):
    workbook = load_workbook(exported)
    assert workbook.sheetnames[0] == "说明" and "32169.3-2015" in workbook.sheetnames
    assert workbook["_gbstd"].sheet_state == "hidden"
    ws = workbook["32169.3-2015"]
    assert ws.protection.sheet and ws.protection.password is None
    assert ws["A2"].protection.locked and not ws["H2"].protection.locked
    (verdicts,) = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert verdicts.formula1 == '"符合,部分符合,不符合,未采用,不适用,无法评估"' and "H2" in str(
        verdicts.sqref
    )
    assert ws["F2"].value in {"符合", "部分符合", "不符合", "不适用", "无法评估"}  # prefilled
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    assert ws.max_row - 1 == 56


def fill(path, answers):
    workbook = load_workbook(path)
    for (sheet, row), values in answers.items():
        for column, value in values.items():
            workbook[sheet].cell(row, column).value = value
    workbook.save(path)


def test_round_trip_export_fill_import_assess_loses_nothing(runner, exported, tmp_path):
    fill(
        exported,
        {
            ("32169.3-2015", 2): {
                8: "不符合",
                9: "窗口越权受理",
                10: "照片 IMG_1",
                11: "2026-07-01",
                12: "王审核",
            },
            ("32169.3-2015", 3): {8: "符合", 9: "已核实授权书"},
            ("32169.3-2015", 10): {8: "不适用", 9: "该中心不收费"},
        },
    )
    findings_path = tmp_path / "findings.yaml"
    result = invoke(runner, "checklist", "import", exported, "-o", findings_path)
    assert result.exit_code == ExitCode.OK, result.stderr
    findings = yaml.safe_load(findings_path.read_text(encoding="utf-8"))["findings"]
    assert (
        len(findings) == 3
        and findings[0]["auditor"] == "王审核"
        and findings[0]["checked_on"] == "2026-07-01"
    )
    assessed = invoke(
        runner,
        "assess",
        "examples/township-centre.yaml",
        "-s",
        "32169.3",
        "--findings",
        findings_path,
        "-f",
        "json",
    )
    rows = {r["requirement"]: r for r in json.loads(assessed.stdout)["results"]}
    first = rows[findings[0]["requirement"]]
    assert first["status"] == "nonconforming" and first["auditor"]["finding"] == "窗口越权受理"
    assert first["reason"].startswith("人工核查") and first["auditor"]["automatic_status"]
    assert rows[findings[2]["requirement"]]["status"] == "not_applicable"


def test_import_names_sheet_and_cell_for_every_problem(exported, tmp_path):
    fill(
        exported,
        {
            ("32169.3-2015", 4): {8: "部份符合"},  # a typo, not a status
            ("32169.3-2015", 5): {9: "发现了问题"},  # finding but no verdict
            ("32169.3-2015", 6): {8: "符合", 11: "七月一日"},
            ("32169.3-2015", 7): {1: "32169.3-9.R99", 8: "符合"},
        },
    )
    with pytest.raises(InvalidInputError) as exc:
        read_checklist(
            exported, known={f"32169.3-{c}.R{n:02d}" for c in range(3, 8) for n in range(1, 20)}
        )
    text = exc.value.render("zh")
    assert "工作表 32169.3-2015，单元格 H4" in text and "部份符合" in text
    assert "单元格 H5" in text and "没有选择核查结论" in text
    assert "单元格 K6" in text and "单元格 A7" in text and "32169.3-9.R99" in text
    assert len(exc.value.problems) == 4


def test_a_workbook_not_from_gbstd_is_refused(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    with pytest.raises(InvalidInputError, match="_gbstd"):
        read_checklist(path, set())
    (tmp_path / "junk.xlsx").write_text("not a zip", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="xlsx"):
        read_checklist(tmp_path / "junk.xlsx", set())


def test_export_and_import_refuse_to_overwrite(runner, exported, tmp_path):
    result = invoke(runner, "checklist", "export", "-o", exported)
    assert result.exit_code == ExitCode.USAGE
    target = tmp_path / "f.yaml"
    target.write_text("mine", encoding="utf-8")
    assert invoke(runner, "checklist", "import", exported, "-o", target).exit_code == ExitCode.USAGE
    assert target.read_text(encoding="utf-8") == "mine"


def test_findings_for_unknown_requirements_are_refused(runner, tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(
        "format_version: 1\nfindings:\n  - {requirement: 32169.3-9.R99, status: conforming}\n",
        encoding="utf-8",
    )
    result = invoke(runner, "assess", "examples/township-centre.yaml", "--findings", path)
    assert result.exit_code == ExitCode.INVALID_INPUT and "32169.3-9.R99" in result.stderr


def test_hostile_pack_text_stays_text_in_the_checklist(tmp_path):
    import io

    from gbstd.catalogue.loading import load_catalogue

    pack = tmp_path / "pack"
    pack.mkdir()
    text = db99_setup(tmp_path) and (tmp_path / "pack" / "db99.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "title: {zh: 首问负责, en: First contact}", 'title: \'=HYPERLINK("http://evil","x")\''
    )
    (pack / "db99.yaml").write_text(text, encoding="utf-8")
    standard = load_catalogue([pack]).resolve("DB99/T 1").standard
    buffer = io.BytesIO()
    build_checklist([standard], "zh").save(buffer)
    buffer.seek(0)
    workbook = load_workbook(buffer)
    ws = workbook[workbook.sheetnames[-1]]
    assert ws.cell(2, 3).value.startswith("=HYPERLINK") and ws.cell(2, 3).data_type == "s"
    assert ws.cell(1, VERDICT).value == "核查结论"


def import_problems(runner, path, tmp_path):
    """Run the import as a user would; return its exit code and error text."""
    result = invoke(runner, "checklist", "import", path, "-o", tmp_path / "out.yaml")
    assert not (tmp_path / "out.yaml").exists() or result.exit_code == ExitCode.OK
    return result.exit_code, result.stderr


def test_a_formula_in_an_answer_cell_is_refused_naming_the_cell(runner, exported, tmp_path):
    # Excel saves the formula with its cached value; gbstd must not guess which the auditor meant.
    fill(
        exported,
        {
            ("32169.3-2015", 2): {8: '=IF(1,"符合","不符合")'},
            ("32169.3-2015", 3): {8: "符合", 9: '=CONCAT("a","b")'},
        },
    )
    code, text = import_problems(runner, exported, tmp_path)
    assert code == ExitCode.INVALID_INPUT
    assert "单元格 H2" in text and "单元格 I3" in text and "公式" in text


def test_columns_are_found_by_their_header_not_their_position(runner, exported, tmp_path):
    workbook = load_workbook(exported)
    ws = workbook["32169.3-2015"]
    ws.protection.sheet = False
    ws.insert_cols(3)  # a column an auditor added for notes: the answers move one to the right
    ws.cell(1, 3).value = "备注"
    ws.cell(2, VERDICT + 1).value = "不符合"
    workbook.save(exported)
    code, text = import_problems(runner, exported, tmp_path)
    assert code == ExitCode.INVALID_INPUT
    assert text.count("\n") == 1, text  # one clear line, not one per row
    assert "备注" in text and "C1" in text

    ws.delete_cols(3)
    ws.cell(1, VERDICT).value = "结论"  # a renamed header
    workbook.save(exported)
    code, text = import_problems(runner, exported, tmp_path)
    assert code == ExitCode.INVALID_INPUT and text.count("\n") == 1, text
    assert "缺少列标题 核查结论" in text and "结论（H1）" in text


def ids(ws):
    return {c.value for c in ws["A"][1:]}


def test_moved_columns_are_still_read_by_header(exported, tmp_path):
    workbook = load_workbook(exported)
    ws = workbook["32169.3-2015"]
    # swap the finding and evidence columns, headers and all
    for row in range(1, 4):
        a, b = ws.cell(row, 9), ws.cell(row, 10)
        a.value, b.value = b.value, a.value
    ws.cell(2, VERDICT).value = "不符合"
    ws.cell(2, 10).value = "窗口越权受理"  # now under the header 发现
    workbook.save(exported)
    (found,) = read_checklist(exported, ids(ws)).findings
    assert found.finding == "窗口越权受理" and found.evidence is None


def test_one_requirement_answered_twice_is_refused_naming_both_rows(exported, tmp_path):
    workbook = load_workbook(exported)
    ws = workbook["32169.3-2015"]
    ws.cell(2, VERDICT).value = "符合"
    ws.cell(9, 1).value = ws.cell(2, 1).value
    ws.cell(9, VERDICT).value = "不符合"
    workbook.save(exported)
    with pytest.raises(InvalidInputError) as exc:
        read_checklist(exported, ids(ws))
    (problem,) = exc.value.problems
    assert "H9" in problem.render("zh") and "32169.3-2015!H2" in problem.render("zh")
    # Identical answers twice are refused too: which row is the record would be a guess.
    ws.cell(9, VERDICT).value = "符合"
    workbook.save(exported)
    with pytest.raises(InvalidInputError, match="H2"):
        read_checklist(exported, ids(ws))


def test_findings_files_with_one_requirement_twice_are_refused(runner, tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(
        "format_version: 1\nfindings:\n"
        "  - {requirement: 32169.3-5.R01, status: conforming}\n"
        "  - {requirement: 32169.3-5.R01, status: nonconforming}\n",
        encoding="utf-8",
    )
    result = invoke(runner, "assess", "examples/township-centre.yaml", "--findings", path)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "f.yaml:4:" in result.stderr and "第 3 行" in result.stderr


def test_import_never_writes_findings_that_assess_would_refuse(runner, exported, tmp_path):
    from gbstd.io.textfile import MAX_BYTES

    workbook = load_workbook(exported)
    ws = workbook["32169.3-2015"]
    for row in range(2, 58):
        ws.cell(row, VERDICT).value = "符合"
        ws.cell(row, 9).value = "长" * 32_000  # Excel's cell limit is 32,767 characters
    workbook.save(exported)
    out = tmp_path / "findings.yaml"
    result = invoke(runner, "checklist", "import", exported, "-o", out)
    assert result.exit_code == ExitCode.INVALID_INPUT and not out.exists()
    assert str(MAX_BYTES) in result.stderr and "--findings" in result.stderr


def test_english_headers_are_read_and_problems_are_capped_at_a_hundred(runner, tmp_path):
    from gbstd.reports.checklist import MAX_PROBLEMS

    path = tmp_path / "checklist.xlsx"
    result = invoke(runner, "checklist", "export", "-s", "32169.3", "--lang", "en", "-o", path)
    assert result.exit_code == ExitCode.OK
    workbook = load_workbook(path)
    ws = workbook["32169.3-2015"]
    assert ws.cell(1, VERDICT).value == "Verdict"
    ws.cell(2, VERDICT).value = "nonconforming"
    known = ids(ws)
    for row in range(60, 60 + MAX_PROBLEMS + 20):
        ws.cell(row, 1).value = f"32169.3-9.R{row}"
    workbook.save(path)
    with pytest.raises(InvalidInputError) as exc:
        read_checklist(path, known)
    assert len(exc.value.problems) == MAX_PROBLEMS + 1
    assert exc.value.render("en").endswith("20 more problems not shown")
    for row in range(60, 60 + MAX_PROBLEMS + 20):
        ws.cell(row, 1).value = None
    workbook.save(path)
    (found,) = read_checklist(path, known).findings
    assert found.status == "nonconforming" and found.location == "32169.3-2015!H2"


def test_exactly_a_hundred_problems_are_all_listed_with_no_more_line(exported, tmp_path):
    from gbstd.reports.checklist import MAX_PROBLEMS

    workbook = load_workbook(exported)
    ws = workbook["32169.3-2015"]
    known = ids(ws)
    for row in range(60, 60 + MAX_PROBLEMS):
        ws.cell(row, 1).value = f"32169.3-9.R{row}"
    path = tmp_path / "hundred.xlsx"
    workbook.save(path)
    with pytest.raises(InvalidInputError) as exc:
        read_checklist(path, known)
    assert len(exc.value.problems) == MAX_PROBLEMS
    assert "not shown" not in exc.value.render("en")


def test_a_checklist_of_another_format_version_is_refused(exported):
    workbook = load_workbook(exported)
    workbook["_gbstd"]["B1"] = "gbstd-checklist/9"
    workbook.save(exported)
    with pytest.raises(InvalidInputError, match="gbstd-checklist/9"):
        read_checklist(exported, set())


# --- issue 16: severity, --blind, the 说明 sheet, the paper checklist ------------------------


def _headers(ws):
    return [c.value for c in ws[1]]


def test_severity_column_names_high_medium_low_and_the_veto(exported):
    ws = load_workbook(exported)["32169.3-2015"]
    assert _headers(ws)[1] == "严重度"
    values = {ws.cell(row, 2).value for row in range(2, ws.max_row + 1)}
    assert values <= {"高", "中", "低", "高（否决项）", "中（否决项）", "低（否决项）"}
    assert {"高", "中"} <= values


def test_blind_export_leaves_out_the_automatic_result_and_still_imports(runner, tmp_path):
    path = tmp_path / "blind.xlsx"
    result = invoke(
        runner, "checklist", "export", "-s", "32169.3", "--centre",
        "examples/township-centre.yaml", "--blind", "-o", path,
    )  # fmt: skip
    assert result.exit_code == ExitCode.OK, result.stderr
    workbook = load_workbook(path)
    ws = workbook["32169.3-2015"]
    headers = _headers(ws)
    assert "自动结果" not in headers and "自动结果说明" not in headers
    texts = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "检查通过" not in texts and "待补充资料" not in texts
    verdict = headers.index("核查结论") + 1
    ws.cell(2, verdict).value = "不符合"
    ws.cell(2, verdict + 1).value = "窗口越权受理"
    workbook.save(path)
    done = invoke(runner, "checklist", "import", path, "-o", tmp_path / "f.yaml")
    assert done.exit_code == ExitCode.OK, done.stderr
    (found,) = yaml.safe_load((tmp_path / "f.yaml").read_text("utf-8"))["findings"]
    assert found["status"] == "nonconforming" and found["finding"] == "窗口越权受理"


def test_a_checklist_from_before_the_severity_column_still_imports(runner, exported, tmp_path):
    workbook = load_workbook(exported)
    ws = workbook["32169.3-2015"]
    ws.cell(1, 2).value = "章"  # what column B was called before
    ws.cell(2, VERDICT).value = "符合"
    workbook.save(exported)
    done = invoke(runner, "checklist", "import", exported, "-o", tmp_path / "f.yaml")
    assert done.exit_code == ExitCode.OK, done.stderr


def test_the_guide_shows_each_column_in_the_colour_the_sheets_use(exported):
    workbook = load_workbook(exported)
    guide, ws = workbook["说明"], workbook["32169.3-2015"]
    colours = {row[0].value: row[0].fill.fgColor.rgb for row in guide.iter_rows() if row[0].value}
    for cell in ws[2]:
        header = ws.cell(1, cell.column).value
        if header == "自动结果":  # coloured by the result itself
            continue
        assert colours[header] == cell.fill.fgColor.rgb, header
    assert any("灰底列" in str(c.value) for c in guide["A"])


def test_paper_checklist_is_a_printable_form_with_a_signed_cover(runner, tmp_path):
    from gbstd.reports.checklistpaper import WRITING_HEIGHT

    path = tmp_path / "paper.xlsx"
    result = invoke(
        runner, "checklist", "export", "-s", "32169.3", "--centre",
        "examples/township-centre.yaml", "--paper", "--blind", "-o", path,
    )  # fmt: skip
    assert result.exit_code == ExitCode.OK, result.stderr
    workbook = load_workbook(path)
    cover = workbook["封面"]
    cover_text = " ".join(str(c.value) for row in cover.iter_rows() for c in row if c.value)
    assert "核查组" in cover_text and "被核查单位确认" in cover_text and "签字" in cover_text
    assert "柳塘镇便民服务中心" in cover_text and "gbstd 设计" in cover_text
    ws = workbook["32169.3-2015"]
    assert _headers(ws) == ["序号", "核查要求", "严重度", "核查结论（打 ✓）", "发现与证据"]
    assert ws.page_setup.orientation == "portrait" and "&P" in ws.oddFooter.center.text
    assert ws.print_title_rows == "$1:$1"
    assert "☐ 符合" in ws["D2"].value and "☐ 不符合" in ws["D2"].value
    assert all(ws.row_dimensions[r].height >= WRITING_HEIGHT for r in range(2, 20))
    with_results = tmp_path / "paper6.xlsx"
    invoke(
        runner, "checklist", "export", "-s", "32169.3", "--centre",
        "examples/township-centre.yaml", "--paper", "-o", with_results,
    )  # fmt: skip
    assert len(_headers(load_workbook(with_results)["32169.3-2015"])) == 6
