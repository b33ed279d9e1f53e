"""The indicator SQL in other engines' dialects, transpiled by SQLGlot from ``kpi/kpi.sql``.

``kpi.sql`` (DuckDB's dialect) stays the one definition. SQLGlot translates types, functions
and syntax; ``REWRITES`` lists the few constructs it leaves as they are although the target
engine has no such thing, each with the target's equivalent. Tests run every rewrite and parse
every emitted statement with SQLGlot for its dialect.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from gbstd.errors import UsageError
from gbstd.kpi import queries
from gbstd.kpi.inputs import COLUMN_KINDS

DIALECTS = ("duckdb", "spark", "trino", "doris")

# The statements a platform team runs, in order. abnormal_counts and issues_collected only
# steer gbstd's range-by-range collection of flagged rows; elsewhere flagged_rows is made once.
EMITTED = (
    "calendar",
    "settings",
    "duplicates",
    "duplicate_rows",
    "fact_rows",
    "facts",
    "window_figures",
    "indicators",
    "flag_candidates",
    "flagged_rows",
    "abnormal_cases",
    "issue_rows",
    "issue_counts",
    "issue_samples",
    "entry_implementation",
)
_PARAMETERS = {  # statement -> what its ? stands for
    "abnormal_cases": "how many abnormal cases to list (gbstd: 1000)",
    "issue_samples": "how many examples of each data problem to list (gbstd: 10)",
}


def _sqlglot() -> Any:
    try:
        import sqlglot
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise UsageError(
            "需要 sqlglot：pip install sqlglot", "sqlglot is needed: pip install sqlglot"
        ) from None
    return sqlglot


@dataclass(frozen=True)
class Rewrite:
    """One construct SQLGlot passes through unchanged that the ``dialects`` lack."""

    name: str
    dialects: tuple[str, ...]
    why: str
    apply: Callable[[Any, str], Any]  # (node, dialect) -> node, for each node of the tree


def _grouping_id(node: Any, dialect: str) -> Any:
    from sqlglot import exp

    if isinstance(node, exp.Grouping) and len(node.expressions) > 1:
        return exp.Anonymous(this="GROUPING_ID", expressions=node.expressions)
    return node


def _isodow(node: Any, dialect: str) -> Any:
    from sqlglot import exp

    if not (isinstance(node, exp.Extract) and node.this.name.upper() == "ISODOW"):
        return node
    day = node.expression
    if dialect == "spark":
        return exp.Extract(this=exp.var("DAYOFWEEK_ISO"), expression=day)
    if dialect == "trino":
        return exp.Anonymous(this="DAY_OF_WEEK", expressions=[day])
    # Doris: WEEKDAY is 0 on Monday.
    return exp.Paren(
        this=exp.Add(
            this=exp.Anonymous(this="WEEKDAY", expressions=[day]), expression=exp.Literal.number(1)
        )
    )


def _date_minus_date(node: Any, dialect: str) -> Any:
    from sqlglot import exp

    def is_date(side: Any) -> bool:
        return isinstance(side, exp.Cast) and side.to.this == exp.DataType.Type.DATE

    if isinstance(node, exp.Sub) and is_date(node.this) and is_date(node.expression):
        return exp.DateDiff(this=node.this, expression=node.expression, unit=exp.var("DAY"))
    return node


def _hash(node: Any, dialect: str) -> Any:
    from sqlglot import exp

    if not (isinstance(node, exp.Anonymous) and node.name.upper() == "HASH"):
        return node
    # Any deterministic hash does: it only picks candidate rows, compared by id afterwards.
    parts = [exp.func("COALESCE", e, exp.Literal.string("")) for e in node.expressions]
    if dialect == "doris":
        return exp.Anonymous(this="MURMUR_HASH3_32", expressions=parts)
    text = exp.func("CONCAT_WS", exp.Literal.string("\x1f"), *parts)
    digest = exp.Anonymous(
        this="XXHASH64", expressions=[exp.Anonymous(this="TO_UTF8", expressions=[text])]
    )
    return exp.Anonymous(this="FROM_BIG_ENDIAN_64", expressions=[digest])


def _session_relations(node: Any, dialect: str) -> Any:
    from sqlglot import exp

    if not (isinstance(node, exp.Create) and node.args.get("expression") is not None):
        return node
    if node.kind == "TABLE":
        # A cached temporary view: computed once, held by the session, no warehouse table.
        return exp.Cache(this=node.this, expression=node.expression, lazy=False)
    if node.kind == "VIEW":
        properties = exp.Properties(expressions=[exp.TemporaryProperty()])
        return exp.Create(
            this=node.this,
            kind="VIEW",
            replace=True,
            expression=node.expression,
            properties=properties,
        )
    return node


_JAVA_FIELDS = {"%Y": "yyyy", "%m": "M", "%d": "d", "%H": "H", "%M": "m", "%S": "s"}


def java_format(duckdb_format: str) -> str:
    """A DuckDB strptime format as a Spark (Java) one.

    One letter reads one or two digits, like DuckDB's %m; a field touching another field
    (``%Y%m%d``) needs its fixed width to be split, so there it is two letters.
    """
    tokens = re.findall(r"%[A-Za-z]|[^%]+", duckdb_format)
    out = []
    for i, token in enumerate(tokens):
        if token not in _JAVA_FIELDS:
            out.append(token)
            continue
        touching = any(0 <= j < len(tokens) and tokens[j] in _JAVA_FIELDS for j in (i - 1, i + 1))
        letters = _JAVA_FIELDS[token]
        out.append(letters * 2 if touching and len(letters) == 1 else letters)
    return "".join(out)


def _strptime_list(node: Any, dialect: str) -> Any:
    from sqlglot import exp

    if not (isinstance(node, exp.Anonymous) and node.name.lower() == "try_strptime"):
        return node
    value, formats = node.expressions
    options = formats.expressions if isinstance(formats, exp.Array) else [formats]
    tries = [
        exp.Anonymous(
            this="TRY_TO_TIMESTAMP",
            expressions=[value.copy(), exp.Literal.string(java_format(f.name))],
        )
        for f in options
    ]
    return tries[0] if len(tries) == 1 else exp.Coalesce(this=tries[0], expressions=tries[1:])


def _map_lookup(node: Any, dialect: str) -> Any:
    from sqlglot import exp

    if not (isinstance(node, exp.Anonymous) and node.name.lower() == "map_extract_value"):
        return node
    mapping, key = node.expressions
    ifs = [
        exp.If(this=pair.this.copy(), true=pair.expression.copy())
        for pair in mapping.this.expressions
    ]
    return exp.Case(this=key, ifs=ifs)


def _isfinite(node: Any, dialect: str) -> Any:
    from sqlglot import exp

    if not (isinstance(node, exp.Anonymous) and node.name.lower() == "isfinite"):
        return node
    (value,) = node.expressions
    infinity = exp.cast(exp.Literal.string("Infinity"), "DOUBLE")
    return exp.and_(
        exp.not_(exp.Anonymous(this="ISNAN", expressions=[value.copy()])),
        exp.NEQ(this=exp.Abs(this=value.copy()), expression=infinity),
    )


OTHERS = ("spark", "trino", "doris")
REWRITES = (
    Rewrite(
        "grouping_id",
        ("spark", "doris"),
        "GROUPING(a, b, c) takes one column there; GROUPING_ID(a, b, c) is the same bit mask",
        _grouping_id,
    ),
    Rewrite("isodow", OTHERS, "no EXTRACT(ISODOW …): Monday 1 … Sunday 7", _isodow),
    Rewrite(
        "date_minus_date",
        OTHERS,
        "DATE - DATE is an interval or an error there; DATEDIFF gives the days",
        _date_minus_date,
    ),
    Rewrite("hash", ("trino", "doris"), "no HASH(a, b)", _hash),
    Rewrite(
        "session_relations",
        ("spark",),
        "tables become cached temporary views, views temporary ones: nothing is written to "
        "the warehouse",
        _session_relations,
    ),
    Rewrite("strptime_list", ("spark",), "try_strptime(x, [formats]) is DuckDB's", _strptime_list),
    Rewrite("map_lookup", ("spark",), "map_extract_value(MAP {…}, k) is DuckDB's", _map_lookup),
    Rewrite("isfinite", ("spark",), "isfinite(x) is DuckDB's", _isfinite),
)


def _check(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise UsageError(
            f"未知的 SQL 方言 {dialect}；可用 {', '.join(DIALECTS)}",
            f"unknown SQL dialect {dialect}; use {', '.join(DIALECTS)}",
        )


def transpile(
    sql: str,
    dialect: str,
    params: Sequence[Any] = (),
    *,
    pretty: bool = False,
    comments: bool = False,
) -> str:
    """Translate one DuckDB statement into ``dialect``, with ``params`` filled in for ``?``.

    Raises:
        UsageError: an unknown dialect.
    """
    _check(dialect)
    sqlglot = _sqlglot()
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="duckdb")
    values = iter(params)
    if params:
        tree = tree.transform(
            lambda n: _literal(next(values)) if isinstance(n, exp.Placeholder) else n
        )
    for rewrite in REWRITES:
        if dialect in rewrite.dialects:
            tree = tree.transform(lambda n, r=rewrite: r.apply(n, dialect))
    # SQLGlot warns where a dialect cannot say NULLS LAST; the columns sorted on are never NULL.
    logger = logging.getLogger("sqlglot")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return tree.sql(dialect=dialect, pretty=pretty, comments=comments)
    finally:
        logger.setLevel(level)


def _literal(value: Any) -> Any:
    from sqlglot import exp

    if isinstance(value, bool) or value is None:
        return exp.Boolean(this=value) if value is not None else exp.Null()
    if isinstance(value, int | float):
        return exp.Literal.number(value)
    return exp.Literal.string(str(value))


def _cases_columns(dialect: str) -> list[str]:
    """The ``cases`` relation's columns, typed in ``dialect``."""
    sqlglot = _sqlglot()
    kinds = {"time": "TIMESTAMP", "days": "DOUBLE", "bool": "BOOLEAN"}
    columns = [("row_no", "BIGINT", "data row number in file order, from 1")]
    meanings = {
        "text": "as in the file, trimmed; NULL when empty",
        "channel": "online | onsite",
        "status": "completed | in_progress | refused | withdrawn",
        "grade": "very_satisfied | satisfied | basically_satisfied | dissatisfied | …",
        "time": "NULL when unreadable or implausible",
        "days": "NULL when unreadable or not finite",
        "bool": "NULL when empty or unreadable",
    }
    for name, kind in COLUMN_KINDS.items():
        column = "window_id" if name == "window" else name
        columns.append((column, kinds.get(kind, "VARCHAR"), meanings[kind]))
    columns += [
        (name, "VARCHAR", "raw text of an unreadable value, else NULL")
        for name in (
            "bad_accepted_at",
            "bad_completed_at",
            "bad_number",
            "bad_boolean",
            "bad_channel",
            "bad_status",
            "bad_satisfaction",
        )
    ]
    columns += [
        (name, "VARCHAR", "text of a time outside the plausible dates, else NULL")
        for name in ("implausible_accepted_at", "implausible_completed_at")
    ]
    columns.append(
        ("group_extra", "VARCHAR", "department or YYYY-MM when grouped by it, else NULL")
    )
    shown = []
    for name, sql_type, meaning in columns:
        typed = sqlglot.exp.DataType.build(sql_type, dialect="duckdb").sql(dialect=dialect)
        shown.append(f"--   {name:<25} {typed:<14} {meaning}")
    return shown


def emit(dialect: str) -> str:
    """All indicator statements in ``dialect``, with what they expect documented on top.

    Raises:
        UsageError: an unknown dialect.
    """
    _check(dialect)
    header = [
        f"-- gbstd kpi: the window-service indicators (GB/T 32169.4), {dialect} dialect.",
        "-- Transpiled by SQLGlot from gbstd's kpi/kpi.sql (DuckDB), the one definition; the",
        "-- formulas are gbstd's own defaults, not the standard's wording (docs/kpi.md).",
        "-- Run the statements in this order in one session. Before them, create:",
        "--   cases: one row per case record, values already typed and checked:",
        *_cases_columns(dialect),
        "--   calendar_days (cal_date DATE): every date from the first acceptance to the last",
        "--     completion or the as-of date;",
        "--   calendar_overrides (cal_date DATE, is_workday BOOLEAN): statutory holidays and",
        "--     make-up working days (调休): gbstd.kpi.workdays.calendar_days() lists them;",
        "--   satisfied_grades (grade VARCHAR); run_settings (as_of DATE,",
        "--     overdue_tolerance_days DOUBLE, refused_reason_checked BOOLEAN), one row;",
        "--   matters (matter VARCHAR, should_enter BOOLEAN, entered BOOLEAN), for the last one.",
        "-- Parameters (?):",
        *(f"--   {name}: {what}" for name, what in _PARAMETERS.items()),
    ]
    statements = queries.statements()
    parts = ["\n".join(header)]
    for name in EMITTED:
        sql = statements[name]
        if name == "flagged_rows":
            sql = f"CREATE TABLE flagged_rows AS {sql}"
        parts.append(f"-- name: {name}\n{transpile(sql, dialect, pretty=True)};")
    return "\n\n".join(parts) + "\n"
