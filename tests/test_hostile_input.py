"""Hostile or careless self-descriptions: exit 3 with file:line:column, never a traceback."""

import enum
import importlib
import inspect
import os
import pkgutil
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

import gbstd.description
from gbstd.cli import app
from gbstd.description.base import Choice
from gbstd.description.model import CentreDescription
from gbstd.errors import ExitCode

HEAD = "format_version: 1\ncentre:\n  name: 测试中心\n  level: county\n  assessed_on: 2026-06-30\n"


def centre(**blocks):
    data = {"format_version": 1, "centre": {"name": "中心", "level": "county"}}
    data.update(blocks)
    return data


def refused_fields(data):
    with pytest.raises(ValidationError) as exc:
        CentreDescription.model_validate(data)
    return {".".join(map(str, e["loc"])): e["type"] for e in exc.value.errors()}


# --- strict types (issue 13 item 20) ---


@pytest.mark.parametrize(
    ("blocks", "field", "error"),
    [
        ({"organisation": {"guide_staff": True}}, "organisation.guide_staff", "int_type"),
        (
            {"organisation": {"management_body_approved": 1}},
            "organisation.management_body_approved",
            "bool_type",
        ),
        ({"premises": {"floor_area_m2": float("inf")}}, "premises.floor_area_m2", "finite_number"),
        (
            {"indicators": {"on_time_rate": float("nan")}},
            "indicators.on_time_rate",
            "finite_number",
        ),
        ({"indicators": {"speed_up_rate": True}}, "indicators.speed_up_rate", "float_type"),
        ({"organisation": {"guide_staff": 3.0}}, "organisation.guide_staff", "int_type"),
        ({"centre": {"name": "中心", "level": "county", "opened_on": 0}}, "centre.opened_on", None),
    ],
)
def test_lax_coercions_are_refused(blocks, field, error):
    refused = refused_fields(centre(**blocks))
    assert field in refused
    if error:
        assert refused[field] == error


def test_what_yaml_writes_naturally_is_still_accepted():
    from datetime import date

    description = CentreDescription.model_validate(
        centre(
            centre={
                "name": "中心",
                "level": "county",  # a choice given as text
                "opened_on": date(2016, 9, 28),  # a YAML date
                "assessed_on": "2026-06-30",  # a quoted date, or one from JSON
            },
            premises={"floor_area_m2": 3800, "zones": ["guidance", "windows"]},  # int as area
            indicators={"on_time_rate": 1, "abnormal_cases": 0},  # int as a rate
        )
    )
    assert description.premises.floor_area_m2 == 3800.0
    assert description.centre.assessed_on == date(2026, 6, 30)


def test_every_choice_in_the_format_accepts_its_words():
    # Strict validation refuses text for a plain enumeration; a new one must subclass Choice.
    # The model is spread over the modules of gbstd.description; every one is looked at.
    modules = [
        importlib.import_module(f"gbstd.description.{info.name}")
        for info in pkgutil.iter_modules(gbstd.description.__path__)
    ]
    plain = [
        name
        for module in modules
        for name, value in vars(module).items()
        if inspect.isclass(value)
        and issubclass(value, enum.Enum)
        and value.__module__ == module.__name__
        and not issubclass(value, Choice)
        and value is not Choice
    ]
    assert len(modules) > 5
    assert plain == []


def test_an_as_of_date_before_2000_is_refused_not_a_crash(runner, tmp_path):
    # Year 1 made `assess` crash with OverflowError (checks look a year back from it).
    path = tmp_path / "old.yaml"
    path.write_text(HEAD.replace("2026-06-30", "0001-01-01"), encoding="utf-8")
    for command in ("validate", "assess"):
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == ExitCode.INVALID_INPUT, result.output
        assert f"{path}:5:3: centre.assessed_on: 不应早于 2000-01-01" in result.stderr


# --- every hostile file, through the commands that read self-descriptions ---

HOSTILE = {
    "deep": "a: " + "[" * 600 + "]" * 600 + "\n",
    "deep-block": "".join(" " * i + "k:\n" for i in range(600)) + " " * 600 + "1\n",
    "hour-24": HEAD.replace("2026-06-30", "2026-06-30 24:00:00"),
    "hour-25": HEAD.replace("2026-06-30", "2026-06-30 25:00:00"),
    "date-key": HEAD + "2025-02-30: 1\n",
    "int-tag": HEAD + "organisation:\n  guide_staff: !!int abc\n",
    "bool-tag": HEAD + "organisation:\n  patrol_post: !!bool yesyes\n",
    "float-tag": HEAD + "premises:\n  floor_area_m2: !!float 1yes\n",
    "year-1": HEAD.replace("2026-06-30", "0001-01-01"),
    "true-count": HEAD + "organisation:\n  guide_staff: true\n",
    "one-bool": HEAD + "organisation:\n  patrol_post: 1\n",
    "inf-area": HEAD + "premises:\n  floor_area_m2: .inf\n",
    "nan-rate": HEAD + "indicators:\n  on_time_rate: .nan\n",
}
LOCATED = re.compile(r"\.yaml:\d+:\d+: ")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_validate_refuses_hostile_files_with_a_location(runner, tmp_path, name):
    path = tmp_path / f"{name}.yaml"
    path.write_text(HOSTILE[name], encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert LOCATED.search(result.stderr), result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["deep", "hour-24", "int-tag", "inf-area"])
def test_assess_and_diff_refuse_them_the_same_way(runner, tmp_path, name):
    path = tmp_path / f"{name}.yaml"
    path.write_text(HOSTILE[name], encoding="utf-8")
    for args in (["assess", str(path)], ["diff", str(path), str(path)]):
        result = runner.invoke(app, args)
        assert result.exit_code == ExitCode.INVALID_INPUT, (args, result.output)
        assert LOCATED.search(result.stderr), result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_validate_dev_zero_stops_at_the_size_cap(runner):
    result = runner.invoke(app, ["validate", "/dev/zero"])
    assert result.exit_code == ExitCode.INVALID_INPUT and "文件过大" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_validate_a_fifo_returns(runner, tmp_path):
    fifo = tmp_path / "centre.yaml"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["validate", str(fifo)])
    assert result.exit_code == ExitCode.INVALID_INPUT and "文件为空" in result.stderr


@pytest.mark.parametrize("name", ["true-count", "one-bool", "inf-area", "nan-rate"])
def test_both_yaml_readers_hand_the_model_the_same_values(name):
    # A batch reads most files with the fast reader: strictness must not depend on which one.
    from test_yamlsource import same

    from gbstd.io.yamlsource import _canonical, _fast

    text = HOSTILE[name]
    fast = _fast(text)
    assert fast is None or same(fast, _canonical(text, "c.yaml").data)


def test_the_fast_reader_keeps_integers_and_decimals_apart():
    from gbstd.io.yamlsource import _canonical, _fast

    text = HEAD + "organisation:\n  guide_staff: 3\npremises:\n  floor_area_m2: 3.0\n"
    assert _fast(text) is not None  # a plain file: the batch path
    for data in (_fast(text), _canonical(text, "c.yaml").data):
        assert type(data["organisation"]["guide_staff"]) is int
        assert type(data["premises"]["floor_area_m2"]) is float


def _readers():
    from gbstd.assessment.comparison import read_assessment_json
    from gbstd.assessment.findings import load_findings
    from gbstd.assessment.scoring import load_profile
    from gbstd.catalogue.checks import load_checklist_file
    from gbstd.catalogue.loading import load_standard_file
    from gbstd.description.loading import load_description
    from gbstd.io.textfile import read_json
    from gbstd.kpi.inputs import load_calendar, load_mapping, load_matters
    from gbstd.kpi.profile import load_kpi_profile
    from gbstd.system.forms import load_forms, read_form_data
    from gbstd.system.template import load_template

    return [
        load_description,
        load_profile,
        load_findings,
        load_kpi_profile,
        load_mapping,
        load_matters,
        load_calendar,
        load_standard_file,
        load_checklist_file,
        read_assessment_json,
        read_json,  # assess --kpi
        load_forms,
        read_form_data,
        load_template,
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("reader", _readers(), ids=lambda f: f.__name__)
def test_every_reader_of_user_files_stops_at_the_size_cap(reader):
    from gbstd.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="文件过大"):
        reader(Path("/dev/zero"))
