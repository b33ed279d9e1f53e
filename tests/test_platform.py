"""A centre served by the provincial platform says so, and is not judged on a platform it lacks.

``online.platform`` (own | provincial | none) tells whose platform the centre's online service
runs on. With ``provincial``, the requirements about the centre's own platform (its online
hall's entrance, its system's security, logs, reminders, CA login …) are not applicable, and the
reason names the fact. Left out, everything is judged as before (issue 14, section 5).
"""

import json

import yaml

from gbstd.cli import app
from gbstd.errors import ExitCode
from gbstd.io.bundled import data_dir

TOWNSHIP = data_dir("examples") / "township-centre.yaml"
COUNTY = data_dir("examples") / "county-centre.yaml"

# The requirements that presume the centre's own online platform (see docs/assessment.md).
OWN_PLATFORM = {
    "32168-4.2.R01",
    "32168-4.3.R01",
    "32168-4.5.R01",
    "32168-4.5.R02",
    "32168-4.6.R01",
    "32168-6.1.R01",
    "32168-6.1.R02",
    "32168-6.1.R03",
    "32168-6.2.R01",
    "32168-6.2.R02",
    "32168-6.3.R01",
    "32168-6.3.R02",
    "32168-6.4.R01",
    "32168-6.4.R02",
    "32168-6.5.R01",
    "32168-6.5.R02",
    "32168-6.6.R01",
    "32168-6.6.R02",
    "32168-6.7.R01",
    "32168-6.8.R01",
    "32168-7.1.R02",
    "32169.1-6.R22",
    "32170.2-7.R06",
}


def results(runner, path, *standards):
    args = ["assess", str(path), "-f", "json"]
    for number in standards:
        args += ["-s", number]
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code in (ExitCode.OK, ExitCode.GAPS_FOUND), result.stderr
    return {r["requirement"]: r for r in json.loads(result.stdout)["results"]}


def variant(tmp_path, source, **online):
    """The example at ``source`` with its ``online`` block updated."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["online"] = {**data.get("online", {}), **online}
    path = tmp_path / source.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_township_on_the_provincial_platform_is_not_judged_on_an_online_platform(runner):
    result = results(runner, TOWNSHIP, "GB/T 32169.1")["32169.1-6.R22"]
    assert result["status"] == "not_applicable" and result["basis"] == "profile"
    assert "online.platform" in result["reason"] and "provincial" in result["reason"]
    assert result["gap_kind"] is None


def test_a_centre_with_nothing_online_is_still_advised_to_go_online(runner, tmp_path):
    path = variant(tmp_path, TOWNSHIP, platform="none")
    result = results(runner, path, "GB/T 32169.1")["32169.1-6.R22"]
    assert result["status"] == "nonconforming" and result["gap_kind"] == "improvement"


def test_provincial_platform_drops_only_the_own_platform_requirements(runner, tmp_path):
    # The county centre serves its public on the provincial platform instead of its own hall:
    # what it does online (guides, replies on time, consultation) is still judged.
    path = variant(tmp_path, COUNTY, platform="provincial")
    numbers = ("GB/T 32168", "GB/T 32169.1", "GB/T 32170.2")
    before, after = results(runner, COUNTY, *numbers), results(runner, path, *numbers)
    changed = {rid for rid in after if after[rid]["status"] != before[rid]["status"]}
    dropped = {rid for rid, r in after.items() if r["status"] == "not_applicable"} - {
        rid for rid, r in before.items() if r["status"] == "not_applicable"
    }
    assert dropped == OWN_PLATFORM and changed == OWN_PLATFORM
    for rid in OWN_PLATFORM:
        assert "online.platform" in after[rid]["reason"], rid
    assert after["32168-5.3.R02"]["status"] == before["32168-5.3.R02"]["status"] != "not_applicable"


def test_left_out_or_own_the_platform_changes_nothing(runner, tmp_path):
    numbers = ("GB/T 32168", "GB/T 32169.1", "GB/T 32170.2")
    before = results(runner, COUNTY, *numbers)
    own = results(runner, variant(tmp_path, COUNTY, platform="own"), *numbers)
    assert {k: r["status"] for k, r in own.items()} == {k: r["status"] for k, r in before.items()}
    assert not any("online.platform" in r["missing"] for r in before.values())


def test_the_schema_explains_the_platform_field(runner):
    result = runner.invoke(app, ["schema"], catch_exceptions=False)
    schema = json.loads(result.stdout)
    online = schema["$defs"]["Online"]["properties"]["platform"]
    # The label is the title (网上服务平台); what each choice means is its note (issue #17).
    assert online["title"] == online["x-zh"] == "网上服务平台"
    assert "provincial" in online["x-note"] and "省" in online["x-note"]
    assert online["x-note"] in online["description"]
    choices = schema["$defs"]["OnlinePlatform"]["enum"]
    assert choices == ["own", "provincial", "none"]
