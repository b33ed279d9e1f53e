"""The on-site checklist: export, fill in like an auditor, import, assess; nothing lost."""

import json

import pytest
import yaml
from assessing import db99_setup
from openpyxl import load_workbook

from gbstd.cli import app
from gbstd.errors import ExitCode, InvalidInputError
from gbstd.fieldwork import VERDICT, build_checklist, read_checklist


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

    from gbstd.catalogue import load_catalogue

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
