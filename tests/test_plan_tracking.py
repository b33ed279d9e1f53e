"""A 整改计划 kept between assessments: owners, deadlines and statuses carried forward,
overdue open actions flagged by gbstd diff --plan."""

from datetime import datetime

import pytest
from openpyxl import load_workbook

from gbstd.cli import app
from gbstd.errors import ExitCode
from gbstd.io.bundled import data_dir

COUNTY = data_dir("examples") / "county-centre.yaml"


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def kept_plan(runner, tmp_path):
    """The county's plan as a centre keeps it: an owner, a deadline moved, statuses set."""
    path = tmp_path / "2026.xlsx"
    invoke(runner, "assess", COUNTY, "-o", path)
    workbook = load_workbook(path)
    ws = workbook["整改计划"]
    ws["F2"], ws["G2"], ws["H2"] = "王五", datetime(2026, 5, 1), "进行中"  # overdue on 06-30
    ws["F3"], ws["H3"] = "赵六", "已完成"
    workbook.save(path)
    return path


def test_assess_carries_owner_deadline_and_status_forward(runner, tmp_path, kept_plan):
    out = tmp_path / "2027.xlsx"
    invoke(runner, "assess", COUNTY, "--plan", kept_plan, "-o", out)
    ws = load_workbook(out)["整改计划"]
    assert (ws["F2"].value, ws["G2"].value.date().isoformat(), ws["H2"].value) == (
        "王五",
        "2026-05-01",
        "进行中",
    )
    assert (ws["F3"].value, ws["H3"].value) == ("赵六", "已完成")
    assert ws["H4"].value == "未开始"


def test_diff_flags_an_overdue_open_action_and_exits_4(runner, tmp_path, kept_plan):
    result = invoke(runner, "diff", COUNTY, COUNTY, "--plan", kept_plan, "-f", "md")
    assert result.exit_code == ExitCode.GAPS_FOUND
    assert "整改计划跟踪：40 项措施，逾期未完成 1 项" in result.stdout
    overdue = next(line for line in result.stdout.splitlines() if "逾期；" in line)
    assert (
        "| 1 | 办公时间内窗口无无故空岗（督查确认）：否 | 王五 | 2026-05-01 | 进行中 |" in overdue
    )


def test_a_status_that_is_none_of_the_three_is_located(runner, tmp_path, kept_plan):
    workbook = load_workbook(kept_plan)
    workbook["整改计划"]["H5"] = "差不多了"
    workbook.save(kept_plan)
    result = runner.invoke(app, ["diff", str(COUNTY), str(COUNTY), "--plan", str(kept_plan)])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "整改计划!H5" in result.stderr and "差不多了" in result.stderr
