"""Lint of CEL expressions: types against the fact schema, functions, constants, iteration budget.

What lint refuses here, `gbstd assess` refuses too (the same loading code), before any centre is
evaluated: a check that could only fail at run time, or run for minutes, never reaches a batch.
"""

import time

import pytest

from gbstd.catalogue import expressions
from gbstd.catalogue.checks import expression_issues
from gbstd.catalogue.expressions import ENGINE_VARIABLE
from gbstd.catalogue.loading import lint_paths
from gbstd.cli import app
from gbstd.errors import ExitCode
from gbstd.io.bundled import data_dir

EXAMPLE = data_dir("examples") / "county-centre.yaml"
THOUSAND = "[" + ", ".join(["1"] * 1000) + "]"
BILLION = f"{THOUSAND}.all(x, {THOUSAND}.all(y, {THOUSAND}.all(z, online.provided)))"


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def messages(source):
    return [issue.message.en for issue in expression_issues(source)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("online.provided + 1 > 0", "+ is not defined for bool and int"),
        ("centre.name > 3", "> is not defined for string and int"),
        ("staff.window_staff * 0.5 > 1.0", "* is not defined for int and double"),
        ("!staff.window_staff", "the operands of ! must be booleans, not int"),
        ("lowerAscii(centre.name) == 'a'", "unknown function lowerAscii()"),
        ("centre.name.trim() == 'a'", "unknown function x.trim()"),
        ("online.provided && 1 / 0 == 1", "division by a constant zero"),
        ("online.provided && staff.window_staff % (1 - 1) == 0", "division by a constant zero"),
        ("9223372036854775807 + 1 > 0", "overflows int"),
        ("centre.name.matches('[')", "invalid regular expression"),
        ("online.provides_service", "unknown fact online.provides_service"),
        ("matters.items.all(m, m.deadline > 1)", "unknown fact matters.items[].deadline"),
        ("assessment.today > '2020'", "uses unknown assessment.today"),
        ("matter.items.size() > 0", "unknown name matter"),
        ("staff.window_staff", "the result must be a boolean, not int"),
        ("matters.items.all(m, m.name)", "the condition of all() must be a boolean"),
        ("online.provided ? 1 : 'a'", "the branches of ?: differ"),
        ("size(online.provided) > 0", "size() is not defined for (bool)"),
        ("'x' in online.provided", "the right of in must be a list or a map"),
        # an enumeration's misspelt value: the comparison could never hold
        ("centre.level == 'villages'", "centre.level is never 'villages': its values are city"),
        ("'queue' in premises.zones", "premises.zones[] is never 'queue'"),
        ("matters.items.exists(m, m.online_depth == 'ful')", "is never 'ful'"),
    ],
)
def test_lint_finds_what_would_fail_only_at_run_time(source, expected):
    found = messages(source)
    assert any(expected in m for m in found), found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (BILLION, "iterates up to 1,001,001,000 times, over the budget of 10,000"),
        (
            f"[{THOUSAND}][0].all(x, {THOUSAND}.all(y, true))",  # through a list of lists
            "over the budget of 10,000",
        ),
        (
            f"[1].map(a, {THOUSAND}).all(l, l.all(y, {THOUSAND}.all(z, true)))",
            "over the budget of 10,000",
        ),
        ("matters.items.all(m, departments.items.exists(d, d.name == m.department))", "square"),
        ("evidence[0].supports.all(s, evidence.all(e, true))", "square"),
        # one item's list, carried out of the loop over the items, is counted in full again
        (f"evidence.map(e, [e.supports])[0][0].all(s, {THOUSAND}.all(x, true))", "per item"),
        (f"matters.items.all(m, {THOUSAND}.exists(w, w == 2))", "per item of a list of facts"),
        (" || ".join(["online.provided"] * 20) + " || " + "!" * 60 + "true", "nested more than"),
    ],
)
def test_iteration_without_a_bound_is_refused(source, expected):
    started = time.perf_counter()
    found = messages(source)
    assert any(expected in m for m in found), found
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    "source",
    [
        "matters.items.all(m, !has(m.statutory_days) || m.promised_days <= m.statutory_days)",
        "staff.registered * 2 >= staff.window_staff && indicators.satisfaction_rate >= 0.9",
        "standardization.standards.exists(s, ['服务项目', '事项目录'].exists(w, s.name.contains(w)))",
        "matters.last_catalogue_review >= assessment.year_ago",
        "'waiting' in premises.zones && size(premises.zones) > 2",
        "centre.level != 'township' && matters.items.exists(m, m.online_depth == 'full')",
        # the lists inside each item of a list hold no more than the file: linear, not square
        "evidence.exists(e, has(e.supports) && e.supports.exists(s, s.startsWith('32169')))",
        " && ".join(["online.provided"] * 500),  # long chains stay shallow
    ],
)
def test_ordinary_checks_pass(source):
    assert messages(source) == []


def test_every_bundled_condition_passes():
    assert lint_paths([data_dir("standards")]) == []


CHECKS = """format_version: 1
standard: GB/T 32168-2015
checks:
  - requirement: 32168-4.1.R02
    reads: [policies.information_release]
    expect: "policies.information_release.adopted + 1 > 0"
  - requirement: 32168-4.2.R01
    reads: [online.security_owner_named]
    expect: "lowerAscii('A') == 'a' && online.security_owner_named"
    partial: "1/0 == 1"
  - requirement: 32168-4.1.R01
    reads: [online.case_status_query]
    expect: "{billion}"
"""


def test_checks_lint_reports_each_problem_with_file_line_and_check(runner, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(CHECKS.format(billion=BILLION), encoding="utf-8")
    result = invoke(runner, "checks", "lint", path, "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_INPUT
    lines = result.stderr.splitlines()
    expected = [
        ("mine.yaml:6:5: checks[32168-4.1.R02]: expect (character 38)", "bool and int"),
        ("mine.yaml:9:5: checks[32168-4.2.R01]: expect (character 1)", "lowerAscii"),
        ("mine.yaml:10:5: checks[32168-4.2.R01]: partial (character 2)", "constant zero"),
        ("mine.yaml:13:5: checks[32168-4.1.R01]: expect", "over the budget"),
    ]
    for where, what in expected:
        assert any(where in line and what in line for line in lines), (where, result.stderr)


@pytest.mark.parametrize("engine", ["cpp", "rust"])
def test_assess_refuses_an_unbounded_check_at_once_on_either_engine(
    runner, tmp_path, monkeypatch, engine
):
    """The Rust binding has no iteration budget: the check must never reach it."""
    if engine == "cpp":
        pytest.importorskip("cel_expr_python")
    monkeypatch.setenv(ENGINE_VARIABLE, engine)
    expressions.engine.cache_clear()
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "mine.yaml").write_text(
        "format_version: 1\nstandard: GB/T 32168-2015\nchecks:\n"
        f"  - requirement: 32168-4.1.R01\n    reads: [online.provided]\n    expect: '{BILLION}'\n",
        encoding="utf-8",
    )
    started = time.perf_counter()
    try:
        result = invoke(runner, "assess", EXAMPLE, "--checks-dir", checks, "--lang", "en")
    finally:
        expressions.engine.cache_clear()
    assert time.perf_counter() - started < 2
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "mine.yaml:6:5: checks[32168-4.1.R01]: expect" in result.stderr
    assert "over the budget of 10,000" in result.stderr


def test_assess_refuses_a_check_for_an_unknown_requirement(runner, tmp_path):
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "mine.yaml").write_text(
        "format_version: 1\nstandard: GB/T 32168-2015\nchecks:\n"
        "  - requirement: 32168-4.1.R99\n    reads: [online.provided]\n    expect: online.provided\n"
        "  - requirement: 32169.1-5.R01\n    reads: [online.provided]\n    expect: online.provided\n",
        encoding="utf-8",
    )
    result = invoke(runner, "assess", EXAMPLE, "--checks-dir", checks, "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "mine.yaml:4: requirement 32168-4.1.R99 is not in the catalogue" in result.stderr
    assert "mine.yaml:7: requirement 32169.1-5.R01 belongs to GB/T 32169.1-2015" in result.stderr


@pytest.mark.parametrize("command", ["lint", "assess"])
def test_an_unknown_fact_in_an_applicability_condition_is_refused(runner, tmp_path, command):
    """It made every requirement below it not evaluable, for every centre, without a word."""
    pack = tmp_path / "pack"
    pack.mkdir()
    text = (data_dir("standards") / "gbt-32168-2015.yaml").read_text(encoding="utf-8")
    assert 'when: "online.provided"' in text
    (pack / "mine.yaml").write_text(
        text.replace('when: "online.provided"', 'when: "online.provides_service"', 1),
        encoding="utf-8",
    )
    if command == "lint":
        result = invoke(runner, "standards", "lint", pack, "--lang", "en")
    else:
        result = invoke(runner, "assess", EXAMPLE, "--standards-dir", pack, "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert (
        "mine.yaml:36:3: applicability.when: character 8: unknown fact online.provides_service"
    ) in result.stderr
