"""The same indicators on Apache Spark as on DuckDB: counts exactly, rates to 1e-9, and the same
flagged rows. Skipped without PySpark (pip install 'gbstd[spark]'); CI installs it.

Named to run after test_sampling: Spark's gateway leaves a thread in the process, and
test_sampling's several-processes test needs a process without one to fork safely."""

import importlib.util
import sys

import pytest
from test_kpi import BAD_ROWS, CASES, write_cases

from gbstd.errors import ExitCode, InvalidInputError
from gbstd.kpi.compute import compute
from gbstd.sample.cases import write_cases as write_sample_cases

needs_spark = pytest.mark.skipif(
    importlib.util.find_spec("pyspark") is None,
    reason="PySpark is not installed: pip install 'gbstd[spark]' (and Java 17) to run these",
)

# The 20 hand-made cases: the seven of test_kpi (every indicator), the ten rows with every kind
# of data problem, and three around holidays and 调休 (2026's Spring Festival and National Day).
HOLIDAYS = [
    {"case_id": "H1", "accepted_at": "2026-09-30 09:00", "completed_at": "2026-10-09 10:00"},
    {"case_id": "H2", "accepted_at": "2026-02-13 09:00", "completed_at": "2026-02-24 16:00"},
    {
        "case_id": "H3",
        "accepted_at": "2026-10-08 09:00",
        "completed_at": "2026-10-12 09:00",
        "promised_days": "1",
    },
]
HAND_MADE = [*CASES, *BAD_ROWS, *HOLIDAYS]


@pytest.fixture(scope="module")
def spark():
    """One local[2] session for the module: Spark's start-up is most of its cost here."""
    from gbstd.kpi.spark import local_session

    with local_session("local[2]", partitions=2) as session:
        yield session


def assert_same(duck, spark_result):
    """Counts exactly, rates to 1e-9, the same flagged rows and data-problem examples."""
    assert (duck.engine, spark_result.engine) == ("duckdb", "spark")
    for name in ("rows", "cases", "period_start", "period_end", "as_of", "time_excluded"):
        assert getattr(duck, name) == getattr(spark_result, name), name
    assert duck.calendar == spark_result.calendar
    groups = [(duck.overall, spark_result.overall)]
    assert [g.key for g in duck.groups] == [g.key for g in spark_result.groups]
    groups += [
        (a.indicators, b.indicators) for a, b in zip(duck.groups, spark_result.groups, strict=True)
    ]
    for ours, theirs in groups:
        for a, b in zip(ours, theirs, strict=True):
            assert (a.key, a.denominator, a.excluded, a.reason) == (
                b.key,
                b.denominator,
                b.excluded,
                b.reason,
            )
            for ours_figure, theirs_figure in ((a.numerator, b.numerator), (a.value, b.value)):
                if ours_figure is None:
                    assert theirs_figure is None, a.key
                else:
                    assert theirs_figure == pytest.approx(ours_figure, abs=1e-9, rel=0), a.key
    assert [(w.rank, w.centre_id, w.window, w.cases) for w in duck.ranking] == [
        (w.rank, w.centre_id, w.window, w.cases) for w in spark_result.ranking
    ]
    assert duck.abnormal.total == spark_result.abnormal.total
    assert duck.abnormal.by_kind == spark_result.abnormal.by_kind
    assert [(c.row, c.case_id, c.kinds, c.elapsed_days) for c in duck.abnormal.cases] == [
        (c.row, c.case_id, c.kinds, c.elapsed_days) for c in spark_result.abnormal.cases
    ]
    assert [(i.key, i.rows) for i in duck.issues] == [(i.key, i.rows) for i in spark_result.issues]
    for a, b in zip(duck.issues, spark_result.issues, strict=True):
        assert {(s.row, s.case_id) for s in a.samples} == {(s.row, s.case_id) for s in b.samples}


@needs_spark
@pytest.mark.parametrize("by", ["window", "month"])
def test_hand_made_cases_with_holidays_and_bad_data_agree(tmp_path, spark, by):
    path = write_cases(tmp_path / "hand.csv", HAND_MADE, bom=True)
    duck = compute(path, by=by, as_of=None)
    assert duck.rows == 20 and {i.key for i in duck.issues} >= {"duplicate_case_id"}
    assert_same(duck, compute(path, by=by, spark=spark))


@needs_spark
def test_a_hundred_thousand_synthetic_cases_agree(tmp_path, spark):
    path = tmp_path / "cases.parquet"
    write_sample_cases(100_000, path, seed=7, centres=30)
    duck = compute(path, by="window", list_limit=200)
    assert duck.abnormal.total > 200 and duck.issues  # lists cut short, problems present
    assert_same(duck, compute(path, by="window", list_limit=200, spark=spark))


def test_without_pyspark_the_spark_engine_names_the_install_command(monkeypatch):
    from gbstd.kpi.spark import local_session

    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(InvalidInputError) as caught, local_session():
        pass
    assert caught.value.exit_code == ExitCode.INVALID_INPUT
    assert "pip install 'gbstd[spark]'" in caught.value.problems[0].message.en


def test_cli_spark_engine_without_pyspark_exits_3_with_the_install_command(
    runner, tmp_path, monkeypatch
):
    from gbstd.cli import app

    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    path = write_cases(tmp_path / "hand.csv", CASES)
    result = runner.invoke(app, ["kpi", str(path), "--engine", "spark", "--lang", "en"])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "pip install 'gbstd[spark]'" in result.stderr


def test_cli_table_needs_the_spark_engine(runner):
    from gbstd.cli import app

    result = runner.invoke(app, ["kpi", "--table", "db.cases"])
    assert result.exit_code == ExitCode.USAGE


@needs_spark
def test_cli_on_spark_gives_duckdbs_json_apart_from_the_engine(runner, tmp_path, spark):
    import json

    from gbstd.cli import app

    path = write_cases(tmp_path / "hand.csv", HAND_MADE)
    outputs = {}
    for engine in ("duckdb", "spark"):
        args = ["kpi", str(path), "-f", "json", "--engine", engine, "--spark-master", "local[2]"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        outputs[engine] = json.loads(result.stdout)
    assert outputs["spark"]["tool"].pop("engine") == "spark"
    assert outputs["duckdb"]["tool"].pop("engine") == "duckdb"
    assert outputs["spark"] == outputs["duckdb"]
