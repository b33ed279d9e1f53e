"""Window-service indicators (GB/T 32169.4) computed from case records by SQL on DuckDB."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Literal

import duckdb

from gbstd.errors import UsageError
from gbstd.kpi import figures, queries, staging
from gbstd.kpi.inputs import (
    COLUMN_KINDS,
    TIMEZONE,
    ColumnMapping,
    load_calendar,
    load_mapping,
    load_matters,
)
from gbstd.kpi.profile import load_kpi_profile
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
    cases: Path,
    *,
    mapping: Path | None = None,
    profile: Path | None = None,
    matters: Path | None = None,
    by: GroupBy = "centre",
    calendar: Path | None = None,
    as_of: dt.date | None = None,
    list_limit: int = 1000,
) -> KpiResult:
    """Compute the window-service indicators of a file of case records.

    Args:
        cases: case records, one row per case (.csv, .xlsx or .parquet).
        mapping: a YAML mapping of another export's column names and values.
        profile: an evaluation profile (default: the bundled ``profiles/kpi.yaml``).
        matters: a CSV list of matters (matter, should_enter, entered) for 事项进驻落实率.
        by: the grouping: centre, department (within centre), window (within centre) or month.
        calendar: a YAML or CSV calendar file overriding single dates (date, workday).
        as_of: the date open cases are judged overdue at (default: the last plausible
            acceptance date). Dates after it (without it, after the run date) by more than the
            profile's ``plausible_dates.days_after_as_of`` are data problems.
        list_limit: how many abnormal cases to list (all are counted).

    Raises:
        GbstdError: an input file is missing, unreadable or lacks required columns.
        UsageError: an unknown grouping or file format.
    """
    from gbstd import __version__

    if by not in GROUPINGS:
        raise UsageError(
            f"无法按 {by} 分组；可用 {', '.join(GROUPINGS)}",
            f"cannot group by {by}; use {', '.join(GROUPINGS)}",
        )
    column_mapping = load_mapping(mapping) if mapping else ColumnMapping()
    kpi_profile = load_kpi_profile(profile)
    matter_list = load_matters(matters) if matters else None
    overrides = load_calendar(calendar) if calendar else {}
    with tempfile.TemporaryDirectory(prefix="gbstd-kpi-") as scratch, duckdb.connect() as con:
        con.execute(f"SET TimeZone = {sql_literal(TIMEZONE)}")
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET temp_directory = {sql_literal(scratch)}")
        plausible = kpi_profile.plausible_dates.window(as_of)
        try:
            fmt = open_source(con, cases, Path(scratch))
            found = [row[0] for row in con.execute("DESCRIBE source").fetchall()]
            resolved = resolve_columns(cases.name, found, column_mapping)
            text_source = fmt != "parquet"
            stage_cases(con, resolved, column_mapping, by, plausible, text_source=text_source)
        except (duckdb.InvalidInputException, duckdb.IOException) as exc:
            raise read_error(cases.name, exc) from None
        first, last, last_done, rows = _time_bounds(con, plausible, text_source=text_source)
        as_of = as_of or last
        dates = [d for d in (first, last, last_done, as_of) if d is not None]
        calendar_info = build_calendar(
            con,
            min(dates, default=None),
            max(dates, default=None),
            overrides,
            calendar.name if calendar else None,
        )
        con.execute(
            "CREATE TABLE satisfied_grades AS SELECT unnest(?::VARCHAR[]) AS grade",
            [[g.value for g in kpi_profile.satisfied_grades]],
        )
        con.execute(
            "CREATE TABLE run_settings AS SELECT CAST(? AS DATE) AS as_of, "
            "CAST(? AS DOUBLE) AS overdue_tolerance_days, "
            "CAST(? AS BOOLEAN) AS refused_reason_checked",
            [as_of, kpi_profile.overdue_tolerance_days, "refused_reason_given" in resolved],
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

        def show_rows(first: int, last: int | None) -> None:
            staging.show_rows(con, cases, text_source=text_source, first=first, last=last)

        figures.collect_flagged(con, show_rows, rows, list_limit, issue_counts)
        return KpiResult(
            source=cases.name,
            source_format=fmt,
            rows=rows,
            as_of=as_of,
            plausible=plausible,
            by=by,
            group_columns=GROUPINGS[by][0],
            absent_columns=tuple(c for c in COLUMN_KINDS if c not in resolved),
            calendar=calendar_info,
            profile=kpi_profile,
            tool_version=__version__,
            **figures.indicator_fields(
                con, set(resolved), by, kpi_profile, matter_list, list_limit
            ),
            issues=figures.data_issues(
                con, issue_counts, figures.plausible_note(plausible, kpi_profile)
            ),
        )


def _time_bounds(
    con: duckdb.DuckDBPyConnection, plausible: tuple[dt.date, dt.date], *, text_source: bool
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
