import json

import pytest

from gbstd.cli import app
from gbstd.errors import ExitCode


def invoke(runner, *args, **kwargs):
    return runner.invoke(app, list(args), catch_exceptions=False, **kwargs)


def test_list_json_contract(runner):
    result = invoke(runner, "standards", "list", "--format", "json")
    assert result.exit_code == ExitCode.OK
    items = json.loads(result.stdout)
    assert isinstance(items, list) and len(items) == 7
    for item in items:
        assert isinstance(item["id"], str) and item["id"].startswith("GB/T ")
        assert isinstance(item["title"], str) and item["extra"] is False


def test_list_all_includes_extras_marked(runner):
    items = json.loads(invoke(runner, "standards", "list", "-f", "json", "--all").stdout)
    assert len(items) == 10
    assert {i["id"] for i in items if i["extra"]} == {
        "GB/T 36112-2018",
        "GB/T 36113-2018",
        "GB/T 39734-2020",
    }


def test_list_english_titles(runner):
    items = json.loads(invoke(runner, "standards", "list", "-f", "json", "--lang", "en").stdout)
    assert not any("\u4e00" <= ch <= "\u9fff" for i in items for ch in i["title"])


def test_list_table_mentions_hidden_extras(runner):
    result = invoke(runner, "standards", "list")
    assert "GB/T 32169.4-2015" in result.stdout and "--all" in result.stdout
    assert "GB/T 36112-2018" not in result.stdout


def test_show_json_contract(runner):
    result = invoke(runner, "standards", "show", "gbt-32169.4", "--format", "json")
    assert result.exit_code == ExitCode.OK
    root = json.loads(result.stdout)
    assert root["id"] == "GB/T 32169.4-2015" and root["title"].startswith("政务服务中心运行规范")

    def check(node):
        assert {"id", "title", "kind", "provenance", "children"} <= set(node)
        if node["kind"] == "requirement":
            assert node["level"] in {"shall", "should", "may"} and isinstance(
                node["assessable"], bool
            )
        for child in node["children"]:
            check(child)

    for child in root["children"]:
        check(child)


def test_show_english(runner):
    root = json.loads(
        invoke(runner, "standards", "show", "32168", "-f", "json", "--lang", "en").stdout
    )
    assert root["title"].startswith("The specification for online service")
    assert root["children"][0]["title"] == "Scope"


def test_show_clause_and_depth(runner):
    result = invoke(
        runner, "standards", "show", "32169.4", "--clause", "6", "--depth", "1", "-f", "json"
    )
    node = json.loads(result.stdout)
    assert node["id"] == "6" and [c["id"] for c in node["children"]] == ["6.1", "6.2", "6.3", "6.4"]
    assert all(c["children"] == [] for c in node["children"])


def test_show_tree_marks_provenance_and_says_derived_is_interpretation(runner):
    result = invoke(runner, "standards", "show", "32169.1", "--depth", "3")
    assert "〔解读〕" in result.stdout and "〔派生〕" in result.stdout
    assert "不是标准原文" in result.stdout


def test_show_tree_fits_80_columns(runner):
    result = invoke(runner, "standards", "show", "32169.3")
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_show_markdown(runner):
    result = invoke(runner, "standards", "show", "32169.2", "-f", "md")
    assert result.stdout.startswith("# GB/T 32169.2-2015 ")
    assert "## 4 部门进驻要求" in result.stdout


def test_unknown_standard_exits_3_with_suggestion(runner):
    result = invoke(runner, "standards", "show", "32196.4")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "GB/T 32169.4-2015" in result.stderr and result.stdout == ""


def test_unknown_clause_exits_3(runner):
    result = invoke(runner, "standards", "show", "32169.4", "--clause", "9.9")
    assert result.exit_code == ExitCode.INVALID_INPUT and "9.9" in result.stderr


def test_bad_option_is_a_usage_error(runner):
    result = runner.invoke(app, ["standards", "list", "--format", "xml"])
    assert result.exit_code == ExitCode.USAGE


def test_lint_valid_pack_exits_0(runner, tree, minimal_standard):
    root = tree({"pack/a.yaml": minimal_standard()})
    result = invoke(runner, "standards", "lint", str(root / "pack"))
    assert result.exit_code == ExitCode.OK and "有效" in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a: 1\na: 2\n", "重复的键"),
        ("", "文件为空"),
        ("名称: 中心\n".encode("gbk"), "GBK"),
        (b"\xef\xbb\xbfformat_version: 1\n", "缺少必填字段"),
        (
            "format_version: 1\nnumber: X 1\ntitle: t\nprovenance: p\nchildren: []\nextra_key: 1\n",
            "未知字段",
        ),
    ],
    ids=["duplicate-key", "empty", "gbk", "bom-then-missing-fields", "unknown-field"],
)
def test_lint_bad_input_exits_3_with_located_message(runner, tree, content, expected):
    root = tree({"bad.yaml": content})
    result = invoke(runner, "standards", "lint", str(root / "bad.yaml"))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert expected in result.stderr and "bad.yaml:" in result.stderr
    assert "Traceback" not in result.stderr


def test_lint_every_problem_is_one_line_file_line_column_field_message(
    runner, tree, minimal_standard
):
    text = minimal_standard().replace("level: shall", "level: must").replace('id: "4"', "id: 4")
    root = tree({"bad.yaml": text})
    result = invoke(runner, "standards", "lint", str(root / "bad.yaml"))
    lines = [ln for ln in result.stderr.splitlines() if "bad.yaml:" in ln]
    assert len(lines) == 2
    for line in lines:
        _path, line_no, column, field, message = line.split(":", 4)
        assert line_no.isdigit() and column.isdigit() and field.strip() and message.strip()


def test_lint_english_messages(runner, tree, minimal_standard):
    root = tree({"bad.yaml": minimal_standard().replace("level: shall", "level: must")})
    result = invoke(runner, "standards", "lint", str(root / "bad.yaml"), "--lang", "en")
    assert "Input should be 'shall', 'should' or 'may'" in result.stderr


def test_lint_directory_without_yaml_exits_3(runner, tmp_path):
    result = invoke(runner, "standards", "lint", str(tmp_path))
    assert result.exit_code == ExitCode.INVALID_INPUT and ".yaml" in result.stderr


def test_replacement_is_announced_on_stderr_only(runner, tree, minimal_standard):
    root = tree({"pack/x.yaml": minimal_standard("GB/T 32169.4-2015")})
    result = invoke(
        runner, "standards", "list", "-f", "json", "--standards-dir", str(root / "pack")
    )
    assert result.exit_code == ExitCode.OK
    assert "替换" in result.stderr
    items = json.loads(result.stdout)
    assert next(i for i in items if i["id"] == "GB/T 32169.4-2015")["builtin"] is False


def test_environment_variable_adds_packs(runner, tree, minimal_standard, monkeypatch):
    root = tree({"pack/x.yaml": minimal_standard("DB37/T 1234-2020")})
    monkeypatch.setenv("GBSTD_STANDARDS_PATH", str(root / "pack"))
    result = invoke(runner, "standards", "show", "DB37/T 1234", "-f", "json")
    assert json.loads(result.stdout)["id"] == "DB37/T 1234-2020"


def test_invalid_user_pack_exits_3(runner, tree):
    root = tree({"pack/x.yaml": "a: 1\na: 2\n"})
    result = invoke(runner, "standards", "list", "--standards-dir", str(root / "pack"))
    assert result.exit_code == ExitCode.INVALID_INPUT and "重复的键" in result.stderr


def test_help_documents_exit_codes_and_every_command_has_help(runner):
    result = invoke(runner, "--help")
    assert "Exit codes" in result.stdout and "3" in result.stdout
    for command in (["standards", "list"], ["standards", "show"], ["standards", "lint"]):
        text = invoke(runner, *command, "--help").stdout
        assert "Example:" in text, command
