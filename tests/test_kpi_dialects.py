"""kpi.sql in other engines' dialects: every emitted statement parses for its engine, and each
rewrite replaces a construct that SQLGlot alone would leave in place."""

import pytest
import sqlglot

from gbstd.errors import ExitCode, UsageError
from gbstd.kpi import queries
from gbstd.kpi.dialects import DIALECTS, EMITTED, REWRITES, emit, java_format, transpile


def statements(text):
    """The SQL statements of an emitted file (comments dropped)."""
    body = "\n".join(line for line in text.splitlines() if not line.startswith("--"))
    return [s.strip() for s in body.split(";\n") if s.strip()]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_emitted_statement_parses_in_its_dialect(dialect):
    text = emit(dialect)
    found = statements(text)
    assert len(found) == len(EMITTED)
    for sql in found:
        sqlglot.parse_one(sql, read=dialect)  # raises on a syntax error
    # The expected relations and columns are documented at the top, in the dialect's types.
    assert "--   cases:" in text and "--   bad_satisfaction" in text
    assert "calendar_overrides" in text and "调休" in text


def test_the_duckdb_emission_is_kpi_sql_itself():
    """Only the pretty-printing differs: the same trees as the statements gbstd runs."""
    emitted = statements(emit("duckdb"))
    source = queries.statements()
    for name, sql in zip(EMITTED, emitted, strict=True):
        original = source[name] if name != "flagged_rows" else f"CREATE TABLE x AS {source[name]}"
        if name == "flagged_rows":
            sql = sql.replace("CREATE TABLE flagged_rows", "CREATE TABLE x", 1)
        same = [
            sqlglot.parse_one(sqlglot.transpile(s, read="duckdb", comments=False)[0]).sql()
            for s in (sql, original)
        ]
        assert same[0] == same[1], name


# (rewrite, DuckDB input, dialect, text the rewrite must produce, DuckDB text it must remove)
CASES = [
    (
        "grouping_id",
        "SELECT GROUPING(a, b) FROM t GROUP BY ROLLUP (a, b)",
        "spark",
        "GROUPING_ID(a, b)",
        "GROUPING(a, b)",
    ),
    (
        "grouping_id",
        "SELECT GROUPING(a, b) FROM t GROUP BY ROLLUP (a, b)",
        "doris",
        "GROUPING_ID(a, b)",
        "GROUPING(a, b)",
    ),
    ("isodow", "SELECT EXTRACT(ISODOW FROM d)", "spark", "EXTRACT(DAYOFWEEK_ISO FROM d)", "ISODOW"),
    ("isodow", "SELECT EXTRACT(ISODOW FROM d)", "trino", "DAY_OF_WEEK(d)", "ISODOW"),
    ("isodow", "SELECT EXTRACT(ISODOW FROM d)", "doris", "(WEEKDAY(d) + 1)", "ISODOW"),
    (
        "date_minus_date",
        "SELECT CAST(a AS DATE) - CAST(b AS DATE)",
        "spark",
        "DATEDIFF(DAY, CAST(b AS DATE), CAST(a AS DATE))",
        "CAST(a AS DATE) - CAST(b AS DATE)",
    ),
    (
        "date_minus_date",
        "SELECT CAST(a AS DATE) - CAST(b AS DATE)",
        "doris",
        "DATEDIFF(CAST(a AS DATE), CAST(b AS DATE))",
        "CAST(a AS DATE) - CAST(b AS DATE)",
    ),
    (
        "date_minus_date",
        "SELECT CAST(a AS DATE) - CAST(b AS DATE)",
        "trino",
        "DATE_DIFF('DAY', CAST(b AS DATE), CAST(a AS DATE))",
        "CAST(a AS DATE) - CAST(b AS DATE)",
    ),
    ("hash", "SELECT HASH(a, b)", "trino", "FROM_BIG_ENDIAN_64(XXHASH64(TO_UTF8(", "HASH(a, b)"),
    (
        "hash",
        "SELECT HASH(a, b)",
        "doris",
        "MURMUR_HASH3_32(COALESCE(a, ''), COALESCE(b, ''))",
        "HASH(a, b)",
    ),
    (
        "session_relations",
        "CREATE TABLE t AS SELECT 1",
        "spark",
        "CACHE TABLE t AS SELECT 1",
        "CREATE TABLE",
    ),
    (
        "session_relations",
        "CREATE OR REPLACE VIEW v AS SELECT 1",
        "spark",
        "CREATE OR REPLACE TEMPORARY VIEW v AS SELECT 1",
        "CREATE OR REPLACE VIEW",
    ),
    (
        "strptime_list",
        "SELECT try_strptime(x, ['%Y/%m/%d', '%Y%m%d'])",
        "spark",
        "COALESCE(TRY_TO_TIMESTAMP(x, 'yyyy/M/d'), TRY_TO_TIMESTAMP(x, 'yyyyMMdd'))",
        "TRY_STRPTIME",
    ),
    (
        "map_lookup",
        "SELECT map_extract_value(MAP {'a': 'b'}, lower(x))",
        "spark",
        "CASE LOWER(x) WHEN 'a' THEN 'b' END",
        "MAP_EXTRACT_VALUE",
    ),
    (
        "isfinite",
        "SELECT isfinite(x)",
        "spark",
        "NOT ISNAN(x) AND ABS(x) <> CAST('Infinity' AS DOUBLE)",
        "ISFINITE",
    ),
]


@pytest.mark.parametrize(("name", "sql", "dialect", "expected", "removed"), CASES)
def test_each_rewrite_replaces_what_sqlglot_leaves(name, sql, dialect, expected, removed):
    plain = sqlglot.transpile(sql, read="duckdb", write=dialect)[0]
    assert removed in plain.upper() or removed in plain  # SQLGlot alone keeps it
    rewritten = transpile(sql, dialect)
    assert expected in rewritten
    assert removed not in rewritten


def test_every_rewrite_is_tested_in_each_of_its_dialects():
    tested = {(name, dialect) for name, _, dialect, *_ in CASES}
    listed = {(r.name, d) for r in REWRITES for d in r.dialects}
    assert listed == tested


@pytest.mark.parametrize(
    ("duckdb", "java"),
    [
        ("%Y/%m/%d %H:%M:%S", "yyyy/M/d H:m:s"),
        ("%Y年%m月%d日 %H:%M", "yyyy年M月d日 H:m"),
        ("%Y%m%d%H%M%S", "yyyyMMddHHmmss"),
        ("%Y%m%d", "yyyyMMdd"),
    ],
)
def test_time_formats_become_java_patterns_that_split_compact_dates(duckdb, java):
    assert java_format(duckdb) == java


def test_parameters_are_filled_in_as_literals():
    sql = transpile(queries.statements()["abnormal_cases"], "spark", [25])
    assert sql.endswith("LIMIT 25")


def test_an_unknown_dialect_is_a_usage_error():
    with pytest.raises(UsageError) as caught:
        emit("oracle")
    assert caught.value.exit_code == ExitCode.USAGE


def test_cli_emits_the_sql_of_a_dialect(runner):
    from gbstd.cli import app

    result = runner.invoke(app, ["kpi", "--emit-sql", "trino"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("-- gbstd kpi: the window-service indicators")
    assert len(statements(result.stdout)) == len(EMITTED)
    assert "DAY_OF_WEEK(" in result.stdout  # Trino's, not DuckDB's ISODOW


def test_cli_without_cases_or_table_is_a_usage_error(runner):
    from gbstd.cli import app

    result = runner.invoke(app, ["kpi"])
    assert result.exit_code == ExitCode.USAGE
    assert "--table" in result.stderr
