"""The bundled examples: valid, realistic, and together they show every status."""

import json

import pytest

from gbstd.cli import app
from gbstd.errors import ExitCode
from gbstd.io.bundled import data_dir

EXAMPLES = sorted(data_dir("examples").glob("*.yaml"))


def assess_json(runner, path, *extra):
    result = runner.invoke(app, ["assess", str(path), "-f", "json", *extra], catch_exceptions=False)
    assert result.exit_code in (ExitCode.OK, ExitCode.GAPS_FOUND), result.stderr
    return json.loads(result.stdout)


def test_there_are_three_examples():
    assert [p.name for p in EXAMPLES] == [
        "city-centre.yaml",
        "county-centre.yaml",
        "township-centre.yaml",
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_validates(runner, path):
    result = runner.invoke(app, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == ExitCode.OK, result.stderr


def test_examples_together_show_all_six_statuses(runner):
    seen = set()
    for path in EXAMPLES:
        seen |= {r["status"] for r in assess_json(runner, path)["results"]}
    assert seen == {
        "conforming",
        "partial",
        "nonconforming",
        "not_adopted",
        "not_applicable",
        "not_evaluable",
    }


def test_township_without_online_hall_has_the_online_standard_not_applicable(runner):
    data = assess_json(runner, data_dir("examples") / "township-centre.yaml")
    online = next(s for s in data["standards"] if s["id"] == "GB/T 32168-2015")
    assert online["score"] is None and online["counts"]["not_applicable"] == sum(
        online["counts"].values()
    )
    basis = {r["basis"] for r in data["results"] if r["standard"] == "GB/T 32168-2015"}
    assert basis == {"profile"}


def test_profiles_differ_as_described(runner):
    scores = {
        p.stem: {s["id"]: s["score"] for s in assess_json(runner, p)["standards"]} for p in EXAMPLES
    }
    county, city = scores["county-centre"], scores["city-centre"]
    assert min(county.values()) >= 75
    assert city["GB/T 32168-2015"] >= 90 and city["GB/T 32170.1-2015"] < 50


def test_county_example_shows_waivers_and_evidence_flags(runner):
    data = assess_json(runner, data_dir("examples") / "county-centre.yaml")
    waivers = [r["waiver"] for r in data["results"] if r["waiver"]]
    assert {w["expired"] for w in waivers} == {True, False}
    assert any("evidence_expired" in r["flags"] for r in data["results"])


def test_county_summary_golden(runner, golden):
    data = assess_json(runner, data_dir("examples") / "county-centre.yaml")
    lines = [f"{s['id']}\t{s['score']}\t{s['grade']}\t{s['counts']}" for s in data["standards"]]
    lines.append(
        f"overall\t{data['summary']['score']}\t{data['summary']['grade']}\t{data['summary']['counts']}"
    )
    golden("\n".join(lines) + "\n", "county-summary.tsv")
