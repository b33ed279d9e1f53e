"""Window-service indicators (GB/T 32169.4) computed from case records by SQL, on DuckDB or Spark."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import duckdb

from gbstd.errors import GbstdError, UsageError
from gbstd.kpi import figures, queries, staging
from gbstd.kpi.inputs import (
    COLUMN_KINDS,
    TIMEZONE,
    ColumnMapping,
    load_calendar,
    load_mapping,
    load_matters,
)
from gbstd.kpi.profile import KpiProfile, load_kpi_profile
from gbstd.kpi.queries import fetch
from gbstd.kpi.results import KpiResult
from gbstd.kpi.staging import (
    GROUPINGS,
    open_source,
    read_error,
    resolve_columns,
    sql_literal,
    stage_cases,
)
from gbstd.kpi.workdays import build_calendar

GroupBy = Literal["centre", "department", "window", "month"]


def compute(
    cases: Path | str | None,
    *,
    mapping: Path | None = None,
    profile: Path | None = None,
    matters: Path | None = None,
    by: GroupBy = "centre",
    calendar: Path | None = None,
    as_of: dt.date | None = None,
    list_limit: int = 1000,
    spark: Any = None,
    table: str | None = None,
) -> KpiResult:
    """Compute the window-service indicators of a file of case records.

    Args:
        cases: case records, one row per case (.csv, .xlsx or .parquet). With ``spark``,
            anything Spark reads: local paths, globs, hdfs:// or s3a:// URIs (Parquet or CSV).
        mapping: a YAML mapping of another export's column names and values.
        profile: an evaluation profile (default: the bundled ``profiles/kpi.yaml``).
        matters: a CSV list of matters (matter, should_enter, entered) for 事项进驻落实率.
        by: the grouping: centre, department (within centre), window (within centre) or month.
        calendar: a YAML or CSV calendar file overriding single dates (date, workday).
        as_of: the date open cases are judged overdue at (default: the last plausible
            acceptance date). Dates after it (without it, after the run date) by more than the
            profile's ``plausible_dates.days_after_as_of`` are data problems.
        list_limit: how many abnormal cases to list (all are counted).
        spark: a SparkSession: run the same SQL on Apache Spark instead of DuckDB.
        table: with ``spark``, a warehouse table (``db.table``) to read instead of ``cases``.

    Raises:
        GbstdError: an input file is missing, unreadable or lacks required columns.
        UsageError: an unknown grouping or file format, or ``table`` without ``spark``.
    """
    if by not in GROUPINGS:
        raise UsageError(
            f"无法按 {by} 分组；可用 {', '.join(GROUPINGS)}",
            f"cannot group by {by}; use {', '.join(GROUPINGS)}",
        )
    if (cases is None) == (table is None) or (table is not None and spark is None):
        raise UsageError(
            "请给出办件文件，或在 Spark 上给出 --table（二者选一）",
            "give a case file, or --table with Spark (one of the two)",
        )
    run = _Run(
        column_mapping=load_mapping(mapping) if mapping else ColumnMapping(),
        profile=load_kpi_profile(profile),
        matter_list=load_matters(matters) if matters else None,
        overrides=load_calendar(calendar) if calendar else {},
        calendar_name=calendar.name if calendar else None,
        by=by,
        as_of=as_of,
        list_limit=list_limit,
    )
    with tempfile.TemporaryDirectory(prefix="gbstd-kpi-") as scratch:
        if spark is not None:
            return _on_spark(spark, cases, table, Path(scratch), run)
        assert cases is not None  # checked above: a file unless a table on Spark
        return _on_duckdb(Path(cases), Path(scratch), run)


@dataclass(frozen=True)
class _Run:
    """The inputs of one run, read and checked before any engine starts."""

    column_mapping: ColumnMapping
    profile: KpiProfile
    matter_list: list[tuple[str, bool, bool]] | None
    overrides: dict[dt.date, bool]
    calendar_name: str | None
    by: str
    as_of: dt.date | None
    list_limit: int

    @property
    def plausible(self) -> tuple[dt.date, dt.date]:
        return self.profile.plausible_dates.window(self.as_of)


def _on_duckdb(cases: Path, scratch: Path, run: _Run) -> KpiResult:
    with duckdb.connect() as con:
        con.execute(f"SET TimeZone = {sql_literal(TIMEZONE)}")
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET temp_directory = {sql_literal(str(scratch))}")
        try:
            fmt = open_source(con, cases, scratch)
            resolved = resolve_columns(
                cases.name, list(queries.columns(con, "source")), run.column_mapping
            )
            text_source = fmt != "parquet"
            stage_cases(
                con, resolved, run.column_mapping, run.by, run.plausible, text_source=text_source
            )
        except (duckdb.InvalidInputException, duckdb.IOException) as exc:
            raise read_error(cases.name, exc) from None

        def show_rows(first: int, last: int | None) -> None:
            staging.show_rows(con, cases, text_source=text_source, first=first, last=last)

        first, last, last_done, rows = _time_bounds(con, run.plausible, text_source=text_source)
        return _indicators(
            con,
            run,
            resolved,
            (first, last, last_done, rows),
            show_rows,
            None,
            source=(cases.name, fmt, "duckdb"),
        )


def _on_spark(
    session: Any, cases: Path | str | None, table: str | None, scratch: Path, run: _Run
) -> KpiResult:
    from gbstd.kpi import spark

    name = table or str(cases).rstrip("/").rsplit("/", 1)[-1]
    local = Path(str(cases)) if cases is not None and "://" not in str(cases) else None
    csv_path = None
    if local is not None and not any(c in str(local) for c in "*?["):
        if not local.exists():
            raise GbstdError(f"{local}：文件不存在", f"{local}: no such file")
        suffix = local.suffix.lower()
        if suffix in {".xlsx", ".xlsm"}:
            csv_path = scratch / "sheet.csv"
            staging.xlsx_to_csv(local, csv_path)
        elif suffix in {".csv", ".txt"}:
            staging.csv_header(local)  # the same checks as DuckDB's: UTF-8, names
        elif suffix != ".parquet" and local.is_file():
            raise UsageError(
                f"{local.name}：无法识别的格式；办件数据应为 .csv、.xlsx 或 .parquet",
                f"{local.name}: unknown format; case records must be .csv, .xlsx or .parquet",
            )
    con = spark.SparkConnection(session)
    try:
        fmt = spark.open_source(con, str(cases), table, csv_path)
        fmt = "xlsx" if csv_path is not None else fmt
        resolved = resolve_columns(name, list(queries.columns(con, "source")), run.column_mapping)
        stage_cases(
            con,
            resolved,
            run.column_mapping,
            run.by,
            run.plausible,
            text_source=fmt in {"csv", "xlsx"},
            engine="spark",
        )
        bounds = _time_bounds(con, run.plausible, text_source=True)

        def show_rows(first: int, last: int | None) -> None:
            """Spark reads every row in one pass: flagged_rows is made once."""

        return _indicators(
            con, run, resolved, bounds, show_rows, max(bounds[3], 1), source=(name, fmt, "spark")
        )
    finally:
        con.close()


def _indicators(
    con: Any,
    run: _Run,
    resolved: dict[str, str],
    bounds: tuple[dt.date | None, dt.date | None, dt.date | None, int],
    show_rows: Callable[[int, int | None], None],
    first_range: int | None,
    *,
    source: tuple[str, str, str],
) -> KpiResult:
    """Run kpi.sql over ``cases`` on either engine and gather the result."""
    from gbstd import __version__

    first, last, last_done, rows = bounds
    as_of = run.as_of or last
    dates = [d for d in (first, last, last_done, as_of) if d is not None]
    calendar_info = build_calendar(
        con, min(dates, default=None), max(dates, default=None), run.overrides, run.calendar_name
    )
    queries.load_table(
        con,
        "satisfied_grades",
        [("grade", "VARCHAR")],
        [(g.value,) for g in run.profile.satisfied_grades],
    )
    queries.load_table(
        con,
        "run_settings",
        [
            ("as_of", "DATE"),
            ("overdue_tolerance_days", "DOUBLE"),
            ("refused_reason_checked", "BOOLEAN"),
        ],
        [(as_of, run.profile.overdue_tolerance_days, "refused_reason_given" in resolved)],
    )
    for name in (
        "settings",
        "duplicates",
        "duplicate_rows",
        "fact_rows",
        "facts",
        "window_figures",
        "flag_candidates",
    ):
        con.execute(queries.statements()[name])
    (counted,) = fetch(con, queries.statements()["issue_counts"])
    issue_counts = {issue: int(n) for issue, n in counted.items() if n}
    figures.collect_flagged(con, show_rows, rows, run.list_limit, issue_counts, first_range)
    name, fmt, engine = source
    return KpiResult(
        source=name,
        source_format=fmt,
        engine=engine,
        rows=rows,
        as_of=as_of,
        plausible=run.plausible,
        by=run.by,
        group_columns=GROUPINGS[run.by][0],
        absent_columns=tuple(c for c in COLUMN_KINDS if c not in resolved),
        calendar=calendar_info,
        profile=run.profile,
        tool_version=__version__,
        **figures.indicator_fields(
            con, set(resolved), run.by, run.profile, run.matter_list, run.list_limit
        ),
        issues=figures.data_issues(
            con, issue_counts, figures.plausible_note(run.plausible, run.profile)
        ),
    )


def _time_bounds(
    con: Any, plausible: tuple[dt.date, dt.date], *, text_source: bool
) -> tuple[dt.date | None, dt.date | None, dt.date | None, int]:
    """Return (first and last acceptance date, last completion date, rows), plausible dates."""
    query = (
        # Cast after MIN/MAX (the same dates, as the cast keeps order): a bare MIN/MAX of a
        # Parquet column is read from its statistics, not from its 10 million values.
        "SELECT CAST(MIN({accepted}) AS DATE), CAST(MAX({accepted}) AS DATE), "
        "CAST(MAX({completed}) AS DATE), COUNT(*) FROM cases"
    )
    if not text_source:
        # The times as read: from the statistics. Only when one lies outside the plausible
        # window are the plausible ones sought row by row.
        bounds = con.execute(
            query.format(accepted="accepted_at__read", completed="completed_at__read")
        ).fetchone()
        if bounds and all(d is None or plausible[0] <= d <= plausible[1] for d in bounds[:3]):
            return bounds
    bounds = con.execute(query.format(accepted="accepted_at", completed="completed_at"))
    return bounds.fetchone() or (None, None, None, 0)
