"""sample, kpi and assess --kpi from the command line."""

import json

from gbstd.cli import app
from gbstd.errors import ExitCode


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_sample_centres_then_batch(runner, tmp_path):
    folder = tmp_path / "centres"
    assert invoke(runner, "sample", "centres", "-n", 12, "-o", folder).exit_code == ExitCode.OK
    assert len(list(folder.glob("*.yaml"))) == 12
    again = runner.invoke(app, ["sample", "centres", "-n", "12", "-o", str(folder)])
    assert again.exit_code == ExitCode.INVALID_INPUT or again.exit_code == ExitCode.USAGE
    summary = tmp_path / "summary.json"
    result = invoke(runner, "batch", folder, "-o", summary, "--jobs", 1)
    assert result.exit_code == ExitCode.GAPS_FOUND
    assert len(json.loads(summary.read_text(encoding="utf-8"))["centres"]) == 12


def test_sample_cases_kpi_and_assess_with_computed_indicators(runner, tmp_path):
    cases = tmp_path / "cases.csv"
    assert invoke(runner, "sample", "cases", "--rows", 3000, "-o", cases).exit_code == ExitCode.OK
    kpi = tmp_path / "kpi.json"
    assert invoke(runner, "kpi", cases, "-o", kpi).exit_code == ExitCode.OK
    data = json.loads(kpi.read_text(encoding="utf-8"))
    assert (
        any(i.get("term") == "现场办结率" for i in data["indicators"])
        if isinstance(data["indicators"], list)
        else "现场办结率" in json.dumps(data, ensure_ascii=False)
    )
    workbook = tmp_path / "kpi.xlsx"
    assert invoke(runner, "kpi", cases, "--by", "window", "-o", workbook).exit_code == ExitCode.OK
    result = invoke(
        runner,
        "assess",
        "examples/township-centre.yaml",
        "-s",
        "32169.4",
        "--kpi",
        kpi,
        "-f",
        "json",
    )
    rows = {r["requirement"]: r for r in json.loads(result.stdout)["results"]}
    assert rows["32169.4-6.1.R05"]["status"] == "conforming"  # on-the-spot rate now computed


def test_assess_refuses_a_kpi_file_that_is_not_one(runner, tmp_path):
    bogus = tmp_path / "x.json"
    bogus.write_text('{"schema": "gbstd.assessment/1"}', encoding="utf-8")
    result = runner.invoke(app, ["assess", "examples/township-centre.yaml", "--kpi", str(bogus)])
    assert result.exit_code == ExitCode.INVALID_INPUT and "gbstd kpi" in result.stderr
