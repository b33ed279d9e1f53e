"""init / schema / validate / assess from the command line: outputs and every exit code."""

import json
from pathlib import Path

import pytest
import yaml

from gbstd.cli import app
from gbstd.description.model import CentreDescription
from gbstd.errors import ExitCode

DATA = Path(__file__).parent / "data"


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def db99(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "db99.yaml").write_text(
        (DATA / "db99.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return ["--standards-dir", pack, "--checks-dir", DATA / "db99-checks", "-s", "DB99/T 1"]


def centre(tmp_path, facts, name="centre.yaml"):
    document = {
        "format_version": 1,
        "centre": {"name": "测试中心", "level": "county", "assessed_on": "2026-06-30"},
    } | facts
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


GOOD = {
    "policies": {"first_contact": {"adopted": True, "published": True}},
    "premises": {
        "location": {"public_transport": True, "parking_spaces": 20},
        "windows": {"total": 12},
    },
    "online": {"provided": True, "online_application": True},
    "not_applicable": [{"requirement": "6.1", "reason": "由上级中心检查"}],
}
GAPPY = GOOD | {
    "premises": {
        "location": {"public_transport": False, "parking_spaces": 20},
        "windows": {"total": 6},
    }
}


def test_assess_exit_0_without_gaps(runner, tmp_path, db99):
    result = invoke(runner, "assess", centre(tmp_path, GOOD), *db99)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "未发现差距" in result.stdout and "派生" in result.stdout


def test_assess_exit_4_with_gaps_and_lists_them_by_severity(runner, tmp_path, db99):
    result = invoke(runner, "assess", centre(tmp_path, GAPPY), *db99)
    assert result.exit_code == ExitCode.GAPS_FOUND
    assert result.stdout.index("4.3") < result.stdout.index("4.2")  # high severity first
    assert "开通公交" in result.stdout


def test_fail_under_turns_a_low_score_into_exit_4(runner, tmp_path, db99):
    path = centre(tmp_path, GOOD)
    assert invoke(runner, "assess", path, *db99, "--fail-under", "99").exit_code == ExitCode.OK
    # 6.1 manual -> not evaluable: missing a verdict is not a gap, and 7.5 of 8.5 is covered
    facts = GOOD | {"not_applicable": []}
    result = invoke(runner, "assess", centre(tmp_path, facts), *db99)
    assert result.exit_code == ExitCode.OK and "需人工核查" in result.stdout
    # only 4.1 stated: too little to grade, which exits 4 like a gap
    thin = {"policies": GOOD["policies"]}
    result = invoke(runner, "assess", centre(tmp_path, thin), *db99)
    assert result.exit_code == ExitCode.GAPS_FOUND and "数据不足" in result.stdout


def test_assess_json_golden(runner, tmp_path, db99, golden):
    result = invoke(runner, "assess", centre(tmp_path, GAPPY), *db99, "-f", "json")
    data = json.loads(result.stdout)
    assert set(data) == {
        "schema",
        "tool",
        "centre",
        "assessed_on",
        "profile",
        "parameters",
        "sources",
        "standards",
        "results",
        "actions",
        "summary",
    }
    data["tool"]["version"] = "X"
    golden(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "assess-db99.json")


def test_assess_markdown_golden(runner, tmp_path, db99, golden):
    result = invoke(runner, "assess", centre(tmp_path, GAPPY), *db99, "-f", "md")
    golden(
        result.stdout.replace(result.stdout.split("gbstd ", 1)[1].split(" ", 1)[0], "X", 1),
        "assess-db99.md",
    )


def test_assess_english(runner, tmp_path, db99):
    result = invoke(runner, "assess", centre(tmp_path, GAPPY), *db99, "--lang", "en", "-f", "json")
    data = json.loads(result.stdout)
    assert data["standards"][0]["title"] == "Test standard"
    assert "derived" in data["summary"]["note"]


def test_explain_prints_formula_and_contributions(runner, tmp_path, db99):
    result = invoke(runner, "assess", centre(tmp_path, GAPPY), *db99, "--explain")
    assert "Σ(计分权重×状态分)" in result.stdout and "贡献" in result.stdout


def test_output_file_is_written_atomically_and_never_over_the_input(runner, tmp_path, db99):
    path = centre(tmp_path, GAPPY)
    report = tmp_path / "report.json"
    result = invoke(runner, "assess", path, *db99, "-o", report)
    assert (
        result.exit_code == ExitCode.GAPS_FOUND
        and json.loads(report.read_text(encoding="utf-8"))["results"]
    )
    before = path.read_bytes()
    clash = invoke(runner, "assess", path, *db99, "-o", path, "-f", "json")
    assert clash.exit_code == ExitCode.USAGE and path.read_bytes() == before
    forced = invoke(runner, "assess", path, *db99, "-o", path, "-f", "json", "--force")
    assert forced.exit_code == ExitCode.INVALID_INPUT and path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    "command",
    [
        ["assess", "{centre}"],
        ["diff", "{centre}", "{centre}"],
        ["system", "propose", "{centre}"],
        ["batch", "{folder}"],
        ["kpi", "{cases}"],
        ["schema"],
    ],
)
def test_an_existing_output_file_is_replaced_only_with_force(runner, tmp_path, command):
    folder = tmp_path / "centres"
    folder.mkdir()
    centre_file = centre(folder, GOOD)
    cases = tmp_path / "cases.csv"
    assert runner.invoke(app, ["sample", "cases", "--rows", "20", "-o", str(cases)]).exit_code == 0
    words = {"{centre}": str(centre_file), "{folder}": str(folder), "{cases}": str(cases)}
    argv = [words.get(w, w) for w in command]
    existing = tmp_path / "out.json"
    existing.write_text("keep me", encoding="utf-8")
    refused = runner.invoke(app, [*argv, "-o", str(existing)])
    assert refused.exit_code == ExitCode.USAGE, refused.output
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert "--force" in refused.output
    replaced = runner.invoke(app, [*argv, "-o", str(existing), "--force"])
    assert replaced.exit_code in (ExitCode.OK, ExitCode.GAPS_FOUND), replaced.output
    assert existing.read_text(encoding="utf-8") != "keep me"


def test_unknown_output_suffix_is_a_usage_error(runner, tmp_path, db99):
    result = invoke(runner, "assess", centre(tmp_path, GOOD), *db99, "-o", tmp_path / "r.pdf")
    assert result.exit_code == ExitCode.USAGE and ".json" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("format_version: 1\ncentre: {name: a, level: county\n", "YAML 语法错误"),
        ("format_version: 1\ncentre: {name: a, level: village}\n", "centre.level"),
        (
            "format_version: 1\ncentre: {name: a, level: county}\nsafety: {drills_per_year: many}\n",
            "safety.drills_per_year: 应为整数",
        ),
        (
            "format_version: 1\ncentre: {name: a, level: county}\npremisses: {}\n",
            "premisses: 未知字段",
        ),
        (
            "format_version: 1\ncentre: {name: a, level: county}\ncentre: {name: b, level: city}\n",
            "重复的键",
        ),
        ("format_version: 1\ncentre: {name: 中心, level: county}\n".encode("gbk"), "GBK"),
        ("", "文件为空"),
    ],
    ids=["malformed", "bad-enum", "wrong-type", "unknown-key", "duplicate-key", "gbk", "empty"],
)
def test_bad_input_exits_3_with_a_located_message_and_writes_nothing(
    runner, tmp_path, content, expected
):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    report = tmp_path / "out.json"
    for command in (["validate", path], ["assess", path, "-o", report]):
        result = invoke(runner, *command)
        assert result.exit_code == ExitCode.INVALID_INPUT, result.stdout
        assert expected in result.stderr and "Traceback" not in result.stderr
    assert not report.exists()


def test_bom_prefixed_file_is_read(runner, tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(
        b"\xef\xbb\xbf" + "format_version: 1\ncentre: {name: 中心, level: county}\n".encode()
    )
    assert invoke(runner, "validate", path).exit_code == ExitCode.OK


def test_missing_file_exits_3(runner, tmp_path):
    result = invoke(runner, "assess", tmp_path / "nope.yaml")
    assert result.exit_code == ExitCode.INVALID_INPUT and "文件不存在" in result.stderr


def test_validate_reports_every_problem_with_position(runner, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "format_version: 1\ncentre:\n  name: a\n  level: county\nsafety:\n  drills_per_year: -1\n  cctv_coverage: maybe\n",
        encoding="utf-8",
    )
    result = invoke(runner, "validate", path)
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert [line.split(": ", 2)[1] for line in lines] == [
        "safety.drills_per_year",
        "safety.cctv_coverage",
    ]
    assert lines[0].startswith(f"{path}:6:3:")


def test_validate_refuses_unknown_requirement_ids(runner, tmp_path):
    path = centre(
        tmp_path,
        {
            "waivers": [
                {
                    "requirement": "32169.1-9.R99",
                    "reason": "xx",
                    "approver": "a",
                    "expires": "2027-01-01",
                }
            ]
        },
    )
    result = invoke(runner, "validate", path)
    assert result.exit_code == ExitCode.INVALID_INPUT and "32169.1-9.R99" in result.stderr


@pytest.mark.parametrize("level", ["province", "city", "county", "township"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_init_output_validates_and_explains_every_field(runner, tmp_path, level, lang):
    path = tmp_path / "c.yaml"
    assert (
        invoke(runner, "init", "--level", level, "--lang", lang, "-o", path).exit_code
        == ExitCode.OK
    )
    assert invoke(runner, "validate", path).exit_code == ExitCode.OK
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#") and not line.rstrip().endswith(":"):
            assert "#" in line, line
    assert yaml.safe_load(text)["centre"]["level"] == level


def test_init_never_overwrites_without_force(runner, tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("mine", encoding="utf-8")
    result = invoke(runner, "init", "-o", path)
    assert result.exit_code == ExitCode.USAGE and path.read_text(encoding="utf-8") == "mine"
    assert invoke(runner, "init", "-o", path, "--force").exit_code == ExitCode.OK


def test_schema_matches_the_model(runner):
    printed = json.loads(invoke(runner, "schema").stdout)
    expected = CentreDescription.model_json_schema()
    assert {k: v for k, v in printed.items() if k not in {"$schema", "$id"}} == expected


def test_user_checks_override_bundled_ones_and_say_so(runner, tmp_path):
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "mine.yaml").write_text(
        "format_version: 1\nstandard: GB/T 32169.1-2015\nchecks:\n"
        "  - requirement: 32169.1-5.R01\n    reads: [premises.floor_area_m2]\n    expect: premises.floor_area_m2 > 100\n",
        encoding="utf-8",
    )
    path = centre(tmp_path, {"premises": {"floor_area_m2": 500}})
    result = invoke(runner, "assess", path, "-s", "32169.1", "--checks-dir", checks, "-f", "json")
    row = next(
        r for r in json.loads(result.stdout)["results"] if r["requirement"] == "32169.1-5.R01"
    )
    assert row["status"] == "conforming" and "替换" in result.stderr


def test_broken_user_check_is_reported_with_its_file_and_line(runner, tmp_path):
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "mine.yaml").write_text(
        "format_version: 1\nstandard: GB/T 32169.1-2015\nchecks:\n"
        "  - requirement: 32169.1-5.R01\n    reads: [premises.floor_area]\n    expect: premises.floor_area > (\n",
        encoding="utf-8",
    )
    result = invoke(runner, "assess", centre(tmp_path, {}), "--checks-dir", checks)
    assert result.exit_code == ExitCode.INVALID_INPUT
    # located at the field: reads on line 5, expect on line 6
    assert "mine.yaml:5:5:" in result.stderr and "premises.floor_area" in result.stderr
    assert "mine.yaml:6:5:" in result.stderr
