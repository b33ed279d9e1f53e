"""Synthetic case records for ``gbstd kpi``, written by DuckDB."""

from __future__ import annotations

import functools
import os
import random
import re
import shutil
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from gbstd.errors import GbstdError, UsageError
from gbstd.io.outputs import (
    cannot_write,
    exists_error,
    make_parents,
    staged_file,
)
from gbstd.sample import tables

# --- case records ------------------------------------------------------------------------------

CASE_COLUMNS: tuple[str, ...] = (
    "case_id", "centre_id", "matter", "department", "window", "channel", "accepted_at",
    "completed_at", "statutory_days", "promised_days", "on_the_spot", "joint_required",
    "joint_handled", "authorised", "decided_at_window", "status", "refused_reason_given",
    "outside_system", "satisfaction", "complaint", "complaint_valid", "complaint_accepted",
)  # fmt: skip
SATISFACTION_GRADES = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
CASE_MONTHS = 12  # the records cover the last 12 full months before the as-of date
_EARLIEST_AS_OF, _LATEST_AS_OF = date(2001, 1, 1), date(9998, 12, 31)
_BAD_DATES_EVERY, _DUPLICATE_EVERY = 3331, 4999  # ≈ 0.03 % + 0.02 % of the rows
_MATTER_SLOTS = 1000
_INT64 = 2**63


def _is_workday(day: date) -> bool:
    """China's official calendar (holidays and make-up working days), weekdays beyond it."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # a year the calendar does not know yet
        return day.weekday() < 5


def _today() -> date:
    """The run date in Beijing, as ``gbstd kpi`` reads it (its plausible dates end there)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from gbstd.kpi.inputs import TIMEZONE

    return datetime.now(ZoneInfo(TIMEZONE)).date()


def case_period(as_of: date) -> tuple[date, date]:
    """Return the first and last day of the case records for an as-of date.

    The records cover the ``CASE_MONTHS`` full months before the month of ``as_of``: for
    2026-12-04, 2025-12-01 to 2026-11-30. Nothing is dated on or after ``as_of``: a case not
    closed by the last day is ``in_progress``, as in an export taken that day.

    Raises:
        UsageError: ``as_of`` before 2001 or after 9998.
    """
    if not _EARLIEST_AS_OF <= as_of <= _LATEST_AS_OF:
        raise UsageError(
            f"截止日期须在 {_EARLIEST_AS_OF} 至 {_LATEST_AS_OF} 之间：{as_of}",
            f"the as-of date must be from {_EARLIEST_AS_OF} to {_LATEST_AS_OF}: {as_of}",
        )
    last = as_of.replace(day=1) - timedelta(days=1)
    month = last.year * 12 + last.month - CASE_MONTHS  # months since year 0, zero-based
    return date(month // 12, month % 12 + 1, 1), last


@functools.lru_cache(maxsize=4)
def _calendar(first: date, last: date) -> tuple[list[int], list[int], list[int], int]:
    """Return the calendar of the case records, as day numbers counted from ``first``.

    Returns:
        Working days through half a year after ``last`` (where completions would fall: those
        cases stay open), the rest days from ``first`` to ``last``, for each rest day the index
        of the next working day, and the number of working days from ``first`` to ``last``.
    """
    workdays: list[int] = []
    rest: list[int] = []
    rest_next: list[int] = []
    in_range = 0
    day, end = first, last + timedelta(days=183)
    while day <= end:
        number = (day - first).days
        if _is_workday(day):
            workdays.append(number)
            in_range += day <= last
        elif day <= last:
            rest.append(number)
            rest_next.append(len(workdays))
        day += timedelta(days=1)
    return workdays, rest, rest_next, in_range


def _sql_list(values: Sequence[Any]) -> str:
    def literal(value: Any) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        return "'" + str(value).replace("'", "''") + "'"

    return "[" + ", ".join(literal(v) for v in values) + "]"


def _lookups(seed: int, first: date, last: date) -> list[str]:
    """The SQL macros the case query uses: pseudo-random numbers, calendar and matters."""
    workdays, rest, rest_next, _ = _calendar(first, last)
    slots: list[int] = []
    total, cumulative = sum(m.weight for m in tables.MATTERS), 0
    for i, m in enumerate(tables.MATTERS):
        cumulative += m.weight
        slots += [i] * (round(_MATTER_SLOTS * cumulative / total) - len(slots))
    departments = list(tables.DEPARTMENTS)
    columns = {
        "name": [m.name for m in tables.MATTERS],
        "department": [tables.DEPARTMENTS[m.dept][0] for m in tables.MATTERS],
        "dept_no": [departments.index(m.dept) for m in tables.MATTERS],
        "statutory": [m.statutory for m in tables.MATTERS],
        "promised": [m.promised for m in tables.MATTERS],
        "spot": [m.spot for m in tables.MATTERS],
        "licensing": [m.category == "licensing" for m in tables.MATTERS],
    }
    # u(i, k): the k-th pseudo-random number in [0, 1) of row i. hash() of several values only
    # XORs their hashes, so u(i, 1) and u(i, 2) would be correlated; hashing again with k added
    # gives independent streams. Never random(): its seeding is per thread, so not repeatable.
    random_numbers = (
        f"CREATE MACRO u(i, k) AS (hash(hash(i::BIGINT, {int(seed)}::BIGINT) + k::UBIGINT)"
        " >> 11)::DOUBLE / 9007199254740992.0"
    )
    return [
        random_numbers,
        f"CREATE MACRO workday(k) AS {_sql_list(workdays)}[k + 1]",
        f"CREATE MACRO restday(k) AS {_sql_list(rest)}[k + 1]",
        f"CREATE MACRO next_workday(k) AS {_sql_list(rest_next)}[k + 1]",
        f"CREATE MACRO window_name(k) AS {_sql_list([f'W{w:02d}' for w in range(1, 81)])}[k + 1]",
        f"CREATE MACRO matter_of_slot(k) AS {_sql_list(slots)}[k + 1]",
        *(
            f"CREATE MACRO m_{key}(k) AS {_sql_list(values)}[k + 1]"
            for key, values in columns.items()
        ),
    ]


# One pass over the row numbers, no joins and no sort: DuckDB streams the rows in order.
_CASES_SQL = """
WITH dups AS (
    -- A planted duplicate repeats the row before: its case_id and its centre (ids are per
    -- centre, so another centre's would be no duplicate).
    SELECT i, (i + {dup_offset}) % {dup_every} = 0 AND i > 0 AS dup FROM ids
), base AS (
    SELECT
        i, dup,
        least({centres}, 1 + floor({centres} * pow(u(i - dup::INT, 1), 1.3))::BIGINT)
            AS centre_no,
        matter_of_slot(floor(u(i, 2) * {slots})::BIGINT) AS mid,
        u(i, 3) < 0.02 AS rest_day,
        u(i, 4) AS u_day
    FROM dups
), picked AS (
    SELECT
        *,
        floor(u_day * CASE WHEN rest_day THEN {restdays} ELSE {workdays} END)::BIGINT AS pick
    FROM base
), placed AS (
    SELECT
        i, dup, centre_no,
        m_name(mid) AS matter, m_department(mid) AS department, m_dept_no(mid) AS dept_no,
        m_statutory(mid) AS statutory, m_promised(mid) AS promised, m_spot(mid) AS spot,
        m_licensing(mid) AS licensing,
        CASE WHEN rest_day THEN restday(pick) ELSE workday(pick) END AS day_no,
        CASE WHEN rest_day THEN next_workday(pick) - 1 ELSE pick END AS wd_idx,
        CASE WHEN u(i, 5) < 0.55 THEN 30600 + floor(u(i, 6) * 12600)
             ELSE 48600 + floor(u(i, 6) * 14400) END::BIGINT AS tod,
        u(i, 7) < 0.2 + 0.3 * u(centre_no, 1008) AS online
    FROM picked
), decided AS (
    SELECT
        *,
        CASE WHEN u(i, 8) < 0.012 THEN 'refused' WHEN u(i, 8) < 0.022 THEN 'withdrawn'
             ELSE 'completed' END AS outcome,
        CASE WHEN spot THEN u(i, 9) < (CASE WHEN online THEN 0.75 ELSE 0.93 END)
             WHEN promised <= 1 THEN u(i, 9) < 0.45
             ELSE u(i, 9) < 0.05 END AS spot_done,
        promised IS NOT NULL AND u(i, 10) < 0.015 AS overdue,
        (DATE '{first_day}' + day_no::INTEGER)::TIMESTAMP + to_seconds(tod) AS accepted_at
    FROM placed
), timed AS (
    SELECT
        *,
        CASE WHEN spot_done AND outcome = 'completed' THEN 0
             WHEN overdue THEN promised + 1 + floor(u(i, 11) * 5)
             ELSE least(coalesce(promised, 10),
                        floor((coalesce(promised, 10) + 1) * pow(u(i, 11), 1.3)))
        END::BIGINT AS days_taken
    FROM decided
), finished AS (
    SELECT
        *,
        CASE WHEN days_taken > 0 THEN workday(wd_idx + days_taken) END AS closed_day,
        CASE WHEN days_taken = 0 THEN accepted_at + to_seconds(
                 (CASE WHEN spot_done THEN 300 + floor(u(i, 12) * 3300)
                       ELSE 600 + floor(u(i, 12) * greatest(600, 62400 - tod)) END)::BIGINT)
             ELSE (DATE '{first_day}' + closed_day::INTEGER)::TIMESTAMP + to_seconds(
                 (CASE WHEN u(i, 13) < 0.5 THEN 30600 + floor(u(i, 12) * 12600)
                       ELSE 48600 + floor(u(i, 12) * 14400) END)::BIGINT)
        END AS closed_at,
        (i + {bad_offset}) % {bad_every} = 0 AS bad_dates
    FROM timed
), cases AS (
    SELECT
        *,
        CASE WHEN bad_dates THEN 'completed'
             WHEN days_taken > 0 AND coalesce(closed_day > {last_day_no}, true)
                  OR u(i, 14) < 0.003 THEN 'in_progress'
             ELSE outcome END AS status
    FROM finished
), rated AS (
    SELECT *, status IN ('completed', 'refused') AND u(i, 15) < 0.72 AS rated, u(i, 16) AS g
    FROM cases
), graded AS (
    SELECT
        *,
        CASE WHEN NOT rated THEN NULL
             WHEN overdue OR status = 'refused' THEN
                 CASE WHEN g < 0.35 THEN '非常满意' WHEN g < 0.65 THEN '满意'
                      WHEN g < 0.85 THEN '基本满意' WHEN g < 0.95 THEN '不满意'
                      ELSE '非常不满意' END
             WHEN g < 0.72 THEN '非常满意' WHEN g < 0.945 THEN '满意' WHEN g < 0.99 THEN '基本满意'
             WHEN g < 0.997 THEN '不满意' ELSE '非常不满意' END AS satisfaction
    FROM rated
), complained AS (
    SELECT
        *,
        u(i, 17) < 0.0012 + 0.03 * overdue::INT
            + 0.08 * coalesce(satisfaction IN ('不满意', '非常不满意'), false)::INT AS complaint,
        u(i, 20) < (CASE WHEN licensing THEN 0.15 ELSE 0.05 END) AS joint_required,
        u(i, 22) < 0.95 AS authorised
    FROM graded
)
SELECT
    concat('SL', substr((10000000000 + CASE WHEN dup THEN i ELSE i + 1 END)::VARCHAR, 2))
        AS case_id,
    concat('centre-', substr(({power} + centre_no)::VARCHAR, 2)) AS centre_id,
    matter,
    department,
    window_name(dept_no * 3 + floor(u(i, 18) * 3)::BIGINT) AS "window",
    CASE WHEN online THEN 'online' ELSE 'onsite' END AS channel,
    accepted_at,
    CASE WHEN bad_dates THEN accepted_at - to_seconds((3600 + floor(u(i, 19) * 255600))::BIGINT)
         WHEN status = 'in_progress' THEN NULL ELSE closed_at END AS completed_at,
    statutory::INTEGER AS statutory_days,
    promised::INTEGER AS promised_days,
    spot_done AND status = 'completed' AS on_the_spot,
    joint_required,
    joint_required AND u(i, 21) < 0.93 AS joint_handled,
    authorised,
    authorised AND (spot_done OR u(i, 23) < 0.8) AS decided_at_window,
    status,
    status = 'refused' AND u(i, 24) < 0.95 AS refused_reason_given,
    u(i, 25) < 0.001 AS outside_system,
    satisfaction,
    complaint,
    complaint AND u(i, 26) < 0.55 AS complaint_valid,
    complaint AND u(i, 27) < 0.85 AS complaint_accepted
FROM complained
"""


def _check_case_arguments(rows: int, path: Path, seed: int, centres: int, force: bool) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise UsageError(
            f"不支持的文件类型 {path.suffix or '（无后缀）'}：请用 .csv 或 .parquet",
            f"unsupported file type {path.suffix or '(none)'}: use .csv or .parquet",
        )
    if rows < 1 or centres < 1:
        raise UsageError(
            f"行数和中心数至少为 1：rows={rows} centres={centres}",
            f"rows and centres must be at least 1: rows={rows} centres={centres}",
        )
    if not -_INT64 <= seed < _INT64:
        raise UsageError(f"种子超出 64 位整数范围：{seed}", f"seed out of the 64-bit range: {seed}")
    if path.is_dir():
        raise UsageError(f"{path} 是目录", f"{path} is a directory")
    if path.exists() and not force:
        raise exists_error(path)
    return suffix


def cases_query(
    rows: int, seed: int = 0, *, centres: int = 1, as_of: date | None = None
) -> tuple[Any, str]:
    """Return a DuckDB connection holding the generator's macros, and the SQL of the records.

    Args:
        rows: Number of case records.
        seed: Seed of the generator.
        centres: Number of centres the cases are spread over; ``centre_id`` is ``centre-1`` …
            zero-padded to the width of ``centres``, like the file names of ``write_centres``.
        as_of: The day the records are exported (default: today in Beijing); they cover the
            full months before it (``case_period``).

    Returns:
        ``(connection, sql)``: ``connection.execute(sql)`` gives the rows, in ``case_id``
        order (the connection is the caller's to close).

    Raises:
        UsageError: ``as_of`` out of range.
    """
    import duckdb

    first, last = case_period(as_of or _today())
    con = duckdb.connect()
    for statement in _lookups(seed, first, last):
        con.execute(statement)
    # range() is a single-threaded source; a table of row numbers is scanned in parallel.
    con.execute(f"CREATE TABLE ids AS SELECT i FROM range({int(rows)}) t(i)")
    _, rest, _, in_range = _calendar(first, last)
    offsets = random.Random(f"gbstd-cases:{seed}")
    sql = _CASES_SQL.format(
        centres=int(centres),
        power=10 ** len(str(centres)),
        slots=_MATTER_SLOTS,
        workdays=in_range,
        restdays=len(rest),
        first_day=first.isoformat(),
        last_day_no=(last - first).days,
        bad_every=_BAD_DATES_EVERY,
        bad_offset=offsets.randrange(_BAD_DATES_EVERY),
        dup_every=_DUPLICATE_EVERY,
        dup_offset=offsets.randrange(_DUPLICATE_EVERY),
    )
    return con, sql


def write_cases(
    rows: int,
    path: Path,
    seed: int = 0,
    *,
    centres: int = 1,
    force: bool = False,
    as_of: date | None = None,
) -> int:
    """Write synthetic case records as CSV (UTF-8 with BOM, for Excel and WPS) or Parquet.

    The format follows the suffix. Columns (``CASE_COLUMNS``): ``case_id`` (``SL`` + 10
    digits, in row order), ``centre_id`` (``centre-…`` as the file stems of ``write_centres``),
    ``matter``, ``department``, ``window``, ``channel`` (online | onsite), ``accepted_at``
    (the 12 full months before ``as_of``, working hours, mostly working days by China's
    official calendar),
    ``completed_at`` (NULL while ``in_progress``; the closing time of refused and withdrawn
    cases too), ``statutory_days`` (NULL for matters without a legal limit), ``promised_days``
    (≤ statutory), ``on_the_spot``, ``joint_required``/``joint_handled`` (联办),
    ``authorised``/``decided_at_window`` (窗口授权), ``status`` (completed | in_progress |
    refused | withdrawn), ``refused_reason_given``, ``outside_system`` (体外循环, rare),
    ``satisfaction`` (five grades, NULL when not rated), ``complaint``, ``complaint_valid``
    (有效投诉) and ``complaint_accepted`` (the complainant accepted the outcome, 投诉处理满意);
    the last two are false without a complaint. Working days count from the next working
    day, so a case is overdue when it closes more than ``promised_days`` working days after
    the day it was accepted. Rates are realistic
    (on-the-spot ≈ 38 %, online 20–50 % per centre, mostly satisfied, complaints < 0.5 %, a few
    overdue) and about 0.05 % of the rows are deliberately bad for the KPI engine to report:
    ``completed_at`` before ``accepted_at`` (every 3,331st row) and a ``case_id`` repeated from
    the row before (every 4,999th row); no other data problem, and no date on or after
    ``as_of`` (a case that would close after the period is ``in_progress``). The same
    arguments, ``as_of`` included, give the same rows (and, for CSV, the same bytes) whatever
    DuckDB's thread count.

    Args:
        rows: Number of records.
        path: Output ``.csv`` or ``.parquet`` file.
        seed: Seed of the generator.
        centres: Number of centres the cases are spread over.
        force: Overwrite an existing file.
        as_of: The day of the export (default: today in Beijing); see ``case_period``.

    Returns:
        The number of records written.

    Raises:
        UsageError: bad suffix, rows or centres below 1, seed beyond 64 bits, path a directory,
            ``as_of`` before 2001 or after 9998.
        OutputExistsError: the file exists and force was not given.
    """
    import duckdb

    path = Path(path)
    suffix = _check_case_arguments(rows, path, seed, centres, force)
    as_of = as_of or _today()
    case_period(as_of)  # refuse a bad date before any folder is made
    make_parents(path, path)
    con, sql = cases_query(rows, seed, centres=centres, as_of=as_of)
    try:
        with staged_file(path, force=force) as staging:
            raw = staging.with_name(staging.name + ".raw")
            try:
                if suffix == ".parquet":
                    options = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1"
                    con.execute(f"COPY ({sql}) TO '{_sql_path(staging)}' ({options})")
                else:
                    con.execute(f"COPY ({sql}) TO '{_sql_path(raw)}' (FORMAT csv, HEADER true)")
                    with staging.open("wb") as out, raw.open("rb") as src:
                        out.write("\ufeff".encode())
                        shutil.copyfileobj(src, out, 16 * 1024 * 1024)
            except duckdb.IOException as exc:
                raise _write_error(path, exc) from None
            finally:
                raw.unlink(missing_ok=True)
    finally:
        con.close()
    return rows


def _write_error(path: Path, exc: Exception) -> GbstdError:
    """DuckDB's write errors (full disk, no permission) are not OSErrors; most carry the errno."""
    number = re.search(r'"errno":\s*"(\d+)"', str(exc))
    if number is not None:
        code = int(number.group(1))
        return cannot_write(path, OSError(code, os.strerror(code)))
    first = str(exc).splitlines()[0]
    return GbstdError(f"无法写入 {path}：{first}", f"cannot write {path}: {first}")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
