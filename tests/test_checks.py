"""Bundled checks: they compile, read only real facts, cover every requirement, and always run."""

from datetime import date
from enum import Enum
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel

from gbstd.assessment.evaluation import evaluate
from gbstd.assessment.results import Status
from gbstd.assessment.scoring import load_profile
from gbstd.catalogue.checks import fact_chains, item_fields, lint_checklists, load_checks
from gbstd.catalogue.loading import load_catalogue
from gbstd.description.model import CentreDescription, fact_exists
from gbstd.io.bundled import data_dir


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def checks():
    return load_checks()


def test_every_bundled_checklist_is_valid(catalogue):
    assert lint_checklists([data_dir("checklists")], catalogue) == []


def test_every_assessable_requirement_has_exactly_one_check(catalogue, checks):
    for entry in catalogue.entries:
        for requirement in entry.standard.requirements():
            if requirement.assessable:
                assert requirement.id in checks.by_requirement, requirement.id
    known = {r.id for e in catalogue.entries for r in e.standard.requirements()}
    assert set(checks.by_requirement) <= known


def test_every_fact_a_check_reads_exists_in_the_schema(checks):
    for item in checks.by_requirement.values():
        for path in item.check.reads:
            assert fact_exists(path), (item.source, path)
        for source in (item.check.expect, item.check.partial):
            if source:
                used, _ = fact_chains(source)
                assert all(fact_exists(p) for p in used), (item.source, used)
                assert item_fields(source) is not None


def test_most_requirements_of_the_seven_are_decided_automatically(catalogue, checks):
    core = [r.id for e in catalogue.listed() for r in e.standard.requirements()]
    automatic = sum(not checks.by_requirement[i].manual for i in core)
    assert automatic / len(core) >= 0.8


def _build(model: type[BaseModel], flavour: str, depth: int = 0) -> dict[str, Any]:
    """Fill every field of a model: 'yes' makes everything present and positive, 'no' negative."""
    data: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        data[name] = _value(field.annotation, flavour, depth)
    return data


def _value(annotation: Any, flavour: str, depth: int) -> Any:
    args = (
        [a for a in get_args(annotation) if a is not type(None)]
        if get_args(annotation)
        else [annotation]
    )
    kind = args[0]
    if get_origin(kind) is list:
        (item,) = get_args(kind)
        item = (
            get_args(item)[0]
            if get_args(item) and get_origin(item) is not None and not isinstance(item, type)
            else item
        )
        if isinstance(item, type) and issubclass(item, Enum):
            return [m.value for m in item] if flavour == "yes" else []
        if isinstance(item, type) and issubclass(item, BaseModel):
            return [_build(item, flavour, depth + 1)]
        return ["x"]
    if get_origin(kind) is not None and get_args(kind):  # Annotated
        kind = get_args(kind)[0]
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return _build(kind, flavour, depth + 1)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return next(iter(kind)).value
    if kind is bool:
        return flavour == "yes"
    if kind is int:
        return 12 if flavour == "yes" else 0
    if kind is float:
        return 0.9 if flavour == "yes" else 0.0
    if kind is date:
        return "2026-01-01"
    return "x"


def _description(flavour: str) -> CentreDescription:
    data = _build(CentreDescription, flavour)
    data["format_version"] = 1
    data["centre"] = {"name": "全量测试中心", "level": "county", "assessed_on": "2026-06-30"}
    data["evidence"] = [{"id": "E1", "title": "t", "path": "a.pdf"}]
    data["not_applicable"] = []
    data["waivers"] = []
    data["indicators"]["source"] = "self_reported"
    return CentreDescription.model_validate(data)


@pytest.mark.parametrize("flavour", ["yes", "no"])
def test_every_check_runs_on_a_fully_stated_centre(catalogue, checks, flavour):
    standards = [e.standard for e in catalogue.entries]
    report = evaluate(
        _description(flavour), standards, checks, load_profile(), today=date(2026, 6, 30)
    )
    statuses = {r.requirement: r.status for r in report.results}
    automatic = [i for i, c in checks.by_requirement.items() if not c.manual]
    assert not [i for i in automatic if statuses[i] == Status.NOT_EVALUABLE]
    if flavour == "no":
        # a centre that states "no" to everything must not come out conforming on most checks
        conforming = sum(statuses[i] == Status.CONFORMING for i in automatic)
        assert conforming / len(automatic) < 0.2


def test_every_check_runs_on_a_centre_that_states_nothing(catalogue, checks):
    description = CentreDescription.model_validate(
        {"format_version": 1, "centre": {"name": "空白中心", "level": "county"}}
    )
    report = evaluate(
        description,
        [e.standard for e in catalogue.entries],
        checks,
        load_profile(),
        today=date(2026, 6, 30),
    )
    assert {r.status for r in report.results} == {Status.NOT_EVALUABLE}
    assert all(r.missing or r.manual for r in report.results)
