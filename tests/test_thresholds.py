"""The toolkit's own numbers: named, labelled as the toolkit's, configurable, recorded (issue 14 §3)."""

import json
import re
from pathlib import Path

import pytest

from gbstd.catalogue.checks import load_checks
from gbstd.catalogue.loading import load_catalogue
from gbstd.catalogue.thresholds import load_thresholds, parameters_in
from gbstd.cli import app
from gbstd.errors import ExitCode, InvalidInputError
from gbstd.io.bundled import data_dir

REPO = Path(__file__).resolve().parents[1]
COUNTY = REPO / "examples" / "county-centre.yaml"


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def assess_json(runner, *extra):
    result = invoke(runner, "assess", COUNTY, "-f", "json", *extra)
    assert result.exit_code in (ExitCode.OK, ExitCode.GAPS_FOUND), result.output
    data = json.loads(result.stdout)
    return data, {r["requirement"]: r for r in data["results"]}


def test_the_report_records_each_threshold_and_says_it_is_the_toolkit_default(runner):
    data, results = assess_json(runner)
    assert data["parameters"]["on_time_rate"] == {
        "value": 0.95,
        "default": 0.95,
        "unit": "ratio",
        "source": "toolkit",
    }
    assert data["parameters"]["cctv_retention_days"]["value"] == 30
    # The county keeps footage 15 days: the reason gives the toolkit's figure and says whose it is.
    cctv = results["32169.1-6.R18"]
    assert cctv["status"] == "partial"
    assert "录像保存不足 30 天（本工具默认阈值，可配置）" in cctv["reason"]
    # A statement with a frequency renders it the same way.
    assert "频次不少于每年 2 次（本工具默认阈值，可配置）" in results["32170.1-9.R04"]["statement"]
    text = json.dumps(data, ensure_ascii=False)
    assert "{param." not in text and "param." not in text


def test_thresholds_file_changes_the_verdict_and_the_report_says_so(runner, tmp_path):
    override = tmp_path / "thresholds.yaml"
    override.write_text(
        "format_version: 1\nvalues:\n  cctv_retention_days: 14\n  on_time_rate: 0.999\n",
        encoding="utf-8",
    )
    data, results = assess_json(runner, "--thresholds", override)
    assert results["32169.1-6.R18"]["status"] == "conforming"  # 15 days >= 14
    # on_time_rate 0.991 < 0.999: the county's on-time rate no longer passes.
    assert results["32169.3-4.R12"]["status"] == "partial"
    assert "99.9%（本次评估设定的阈值；本工具默认 95%）" in results["32169.3-4.R12"]["reason"]
    assert data["parameters"]["cctv_retention_days"] == {
        "value": 14,
        "default": 30,
        "unit": "days",
        "source": "user",
    }


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ("  retention: 10\n", "values.retention", "未知参数 retention"),
        ("  on_time_rate: 1.5\n", "values.on_time_rate", "不符合其单位 ratio"),
        ("  cctv_retention_days: 7.5\n", "values.cctv_retention_days", "不符合其单位 days"),
    ],
)
def test_a_bad_thresholds_file_is_refused_with_its_line(runner, tmp_path, values, field, words):
    override = tmp_path / "t.yaml"
    override.write_text(f"format_version: 1\nvalues:\n{values}", encoding="utf-8")
    result = invoke(runner, "assess", COUNTY, "--thresholds", override)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "t.yaml:3:" in result.stderr and field in result.stderr and words in result.stderr
    assert "Traceback" not in result.output


def test_standards_show_lists_a_requirements_parameters(runner):
    result = invoke(runner, "standards", "show", "32169.2", "--clause", "4", "-f", "json")
    assert result.exit_code == 0
    found = {}

    def walk(node):
        found[node["id"]] = node
        for child in node.get("children", []):
            walk(child)

    walk(json.loads(result.stdout))
    (meeting,) = found["32169.2-4.R07"]["parameters"]
    assert meeting["name"] == "coordination_meetings_per_year"
    assert meeting["value"] == 4 and meeting["unit"] == "per_year"
    assert meeting["source"] == "toolkit" and meeting["rationale"]
    assert found["32169.2-4.R06"]["parameters"] == []
    markdown = invoke(runner, "standards", "show", "32169.2", "--clause", "4", "-f", "md")
    assert (
        "参数 coordination_meetings_per_year: 每年 4 次（本工具默认阈值，可配置）"
        in markdown.stdout
    )


def test_each_parameter_names_exactly_the_requirements_that_use_it():
    thresholds = load_thresholds()
    checks = load_checks()
    using: dict[str, set[str]] = {name: set() for name in thresholds.declared}
    for path in sorted(data_dir("checklists").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for block in re.split(r"(?m)^  - requirement: ", text)[1:]:
            requirement = block.split("\n", 1)[0].strip()
            for name in parameters_in(block):
                using[name].add(requirement)
    for entry in load_catalogue().entries:
        for node in entry.standard.requirements():
            for name in parameters_in(node.statement.zh + (node.statement.en or "")):
                using[name].add(node.id)
    assert {n: sorted(u) for n, u in using.items()} == {
        n: sorted(p.used_by) for n, p in thresholds.declared.items()
    }
    assert all(p.source == "toolkit" and p.rationale.zh for p in thresholds.declared.values())
    # Bound once at load: the compiled check holds the value, not the name.
    bound = checks.by_requirement["32169.2-4.R07"]
    assert bound.expect.source == "departments.coordination_meetings_per_year >= 4"


def test_a_user_check_naming_an_undeclared_parameter_is_refused(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "c.yaml").write_text(
        "format_version: 1\nstandard: GB/T 32169.2-2015\nchecks:\n"
        "  - requirement: 32169.2-4.R07\n"
        "    reads: [departments.coordination_meetings_per_year]\n"
        "    expect: departments.coordination_meetings_per_year >= param.meetings\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as caught:
        load_checks([folder])
    (problem,) = caught.value.problems
    assert problem.line == 6 and "param" not in problem.file  # lint places it on the expect line
    assert "meetings" in problem.message.zh
