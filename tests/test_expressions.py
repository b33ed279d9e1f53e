"""The CEL engines: both give every bundled check the same answers; the choice is the user's."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from gbstd.assessment.facts import Facts, fact_data
from gbstd.assessment.run import prepare
from gbstd.catalogue import expressions
from gbstd.catalogue.checks import fact_chains
from gbstd.catalogue.expressions import ENGINE_VARIABLE, Expression, load_engine
from gbstd.description.loading import load_description
from gbstd.errors import UsageError
from gbstd.io.bundled import data_dir
from gbstd.io.yamlsource import parse_yaml
from gbstd.sample.centres import sample_centre


def _centres():
    """The bundled examples and varied sample centres, as stated and as checks see them."""
    from gbstd.description.model import CentreDescription

    described = [load_description(p).description for p in data_dir("examples").glob("*.yaml")]
    for number in range(1, 31):
        document = parse_yaml(sample_centre(number, seed=11), f"sample-{number}.yaml")
        described.append(CentreDescription.model_validate(document.data))
    stated = [d.model_dump(mode="json", exclude_none=True) for d in described]
    return [(Facts(s, None), fact_data(s, date(2026, 6, 30))) for s in stated]


def _sources():
    """Every bundled check and applicability condition, with the facts it needs stated."""
    setup = prepare()
    found = {}
    for check in setup.checks.by_requirement.values():
        for expression in (check.expect, check.partial):
            if expression is not None:
                found[expression.source] = check.check.reads
    for entry in setup.catalogue.entries:
        for node in (entry.standard, *(node for _, node in entry.standard.walk())):
            condition = getattr(node, "applicability", None)
            if condition is not None:
                found[condition.when] = tuple(fact_chains(condition.when)[0])
    return found


def _answer(expression, facts):
    try:
        return ("value", expression.evaluate(facts))
    except (KeyError, RuntimeError, TypeError, ValueError):
        return ("error", None)


def test_both_engines_agree_on_every_bundled_check_and_condition():
    """Where an assessment runs a check (its facts stated), both engines answer alike.

    Elsewhere they may differ, and the assessment never asks: C++ follows CEL in letting
    ``all()``/``exists()`` decide past an item lacking a field; the Rust binding errs.
    """
    pytest.importorskip("cel_expr_python")
    cpp, rust = load_engine("cpp"), load_engine("rust")
    sources = _sources()
    assert len(sources) > 300  # the whole catalogue, not a stub
    centres = [(facts, cpp.context(data), rust.context(data)) for facts, data in _centres()]
    disagreements = []
    ran = set()
    for source, reads in sources.items():
        on_cpp, on_rust = Expression(source, cpp), Expression(source, rust)
        for index, (facts, facts_cpp, facts_rust) in enumerate(centres):
            if facts.missing(reads):
                continue
            said = _answer(on_cpp, facts_cpp), _answer(on_rust, facts_rust)
            ran.add(source)
            if said[0] != said[1]:
                disagreements.append((source, index, *said))
    assert not disagreements[:5]
    assert len(ran) > len(sources) * 0.9  # nearly every check really ran


@pytest.mark.parametrize("name", ["cpp", "rust"])
def test_each_engine_reports_what_cel_means(name):
    if name == "cpp":
        pytest.importorskip("cel_expr_python")
    engine = load_engine(name)
    facts = engine.context({"a": {"n": 2, "items": [{"k": "x"}, {"k": "y"}], "s": "某市中心"}})
    assert Expression("a.n > 1.5 && size(a.items) == 2", engine).evaluate(facts) is True
    assert Expression("a.items.map(i, i.k == 'y').filter(b, b).size()", engine).evaluate(facts) == 1
    assert Expression("has(a.missing)", engine).evaluate(facts) is False
    assert Expression("a.s.contains('市')", engine).evaluate({"a": {"s": "某市"}}) is True
    with pytest.raises((KeyError, RuntimeError, TypeError, ValueError)):
        Expression("a.missing > 1", engine).evaluate(facts)
    with pytest.raises(expressions.ExpressionError, match=r"\S"):
        Expression("a.n >", engine).check()


@pytest.fixture
def fresh_engine_choice():
    expressions.engine.cache_clear()
    yield
    expressions.engine.cache_clear()


def test_an_unknown_engine_name_is_a_usage_error(monkeypatch, fresh_engine_choice):
    monkeypatch.setenv(ENGINE_VARIABLE, "java")
    with pytest.raises(UsageError, match=r"GBSTD_CEL_ENGINE='java'.*cpp、rust"):
        expressions.engine()


def test_the_default_engine_is_the_fast_one_where_installed(monkeypatch, fresh_engine_choice):
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    try:
        import cel_expr_python  # noqa: F401
    except ImportError:
        assert expressions.engine().name == "rust"
    else:
        assert expressions.engine().name == "cpp"


def test_the_fallback_engine_assesses_the_example_alike():
    """A whole `gbstd assess` on the Rust engine equals the default engine's report."""
    example = str(data_dir("examples") / "county-centre.yaml")

    def run(engine):
        env = {**os.environ, ENGINE_VARIABLE: engine}
        command = [sys.executable, "-m", "gbstd", "assess", example, "--format", "json"]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 4, done.stderr
        return json.loads(done.stdout)

    default, rust = run(""), run("rust")
    assert [s["score"] for s in default["standards"]] == [s["score"] for s in rust["standards"]]
    assert [r["status"] for r in default["results"]] == [r["status"] for r in rust["results"]]


def test_a_centre_with_more_matters_than_the_cpp_step_limit_is_still_assessed():
    """C++ CEL stops at 10,000 comprehension steps; a provincial centre can list more matters.

    Lint bounds every check to a few steps per item, so such a check is finished on the Rust
    engine rather than failing the centre (it did: exit 3, "Iteration budget exceeded").
    """
    pytest.importorskip("cel_expr_python")
    items = [
        {"name": f"事项{i}", "promised_days": 1.0, "statutory_days": 2.0} for i in range(12_000)
    ]
    source = (
        "matters.items.map(m, m.promised_days <= m.statutory_days).filter(b, b).size() * 2"
        " >= matters.items.size()"
    )
    answers = {}
    for name in ("cpp", "rust"):
        engine = load_engine(name)
        facts = engine.context({"matters": {"items": items}})
        answers[name] = (
            Expression(source, engine).evaluate(facts),
            Expression("matters.items.all(m, m.promised_days > 1.0)", engine).evaluate(facts),
        )
    assert answers["cpp"] == answers["rust"] == (True, False)
