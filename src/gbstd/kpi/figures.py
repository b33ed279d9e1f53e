"""Turn the indicator queries' rows into results: groups, ranking, abnormal cases, data problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import duckdb

from gbstd.i18n import Message
from gbstd.kpi import queries
from gbstd.kpi.indicators import ABNORMAL_KINDS, INDICATORS, ISSUES
from gbstd.kpi.profile import KpiProfile, PlausibleDates
from gbstd.kpi.queries import fetch
from gbstd.kpi.results import (
    AbnormalCase,
    AbnormalSummary,
    DataIssue,
    GroupResult,
    Indicator,
    IssueSample,
    RankedWindow,
)
from gbstd.kpi.staging import GROUPINGS

_GROUP_SOURCE = {  # group column -> column of the indicators query
    "centre_id": "centre_id",
    "window": "window_id",
    "department": "group_extra",
    "month": "group_extra",
}
OVERALL, WINDOWS = 0b111, 0b001
ISSUE_SAMPLES = 10  # rows listed as examples of each data problem
# flagged_rows is collected over ranges of rows: the first this long, each next one 4× longer,
# until the lists are full. A Parquet row group is 122,880 (DuckDB) to 1,048,576 (pyarrow)
# rows, so the first range reads one to three row groups.
FIRST_RANGE = 1 << 18


def plausible_note(plausible: tuple[dt.date, dt.date], profile: KpiProfile) -> Message:
    """The plausible window's dates and where they come from, said with implausible_date."""
    first, last = plausible
    if profile.plausible_dates == PlausibleDates():
        return Message(
            f"合理日期范围 {first} 至 {last}（本工具默认：2000-01-01 至统计基准日后 1 天，未指定"
            "基准日时为运行日期后 1 天；可在评价配置 plausible_dates 中修改）",
            f"plausible dates {first} to {last} (the toolkit's default: 2000-01-01 to a day "
            "after the as-of date, or after the run date when none is given; change it with "
            "plausible_dates in the profile)",
        )
    return Message(
        f"合理日期范围 {first} 至 {last}（评价配置 plausible_dates）",
        f"plausible dates {first} to {last} (plausible_dates in the profile)",
    )


def collect_flagged(
    con: duckdb.DuckDBPyConnection,
    show_rows: Callable[[int, int | None], None],
    rows: int,
    list_limit: int,
    issue_counts: dict[str, int],
    first_range: int | None = None,
) -> None:
    """Create the table flagged_rows (and the view issue_rows over it), range by range.

    It starts with the file's first rows and adds growing ranges of rows until it holds the
    first ``list_limit`` abnormal cases and the first ISSUE_SAMPLES rows of each data problem,
    or the whole file.
    """
    first, size, into = 1, first_range or FIRST_RANGE, "CREATE TABLE flagged_rows AS "
    while True:
        last = first + size - 1
        to_end = last >= rows
        show_rows(first, None if to_end else last)
        con.execute(into + queries.statements()["flagged_rows"])
        if first == 1:
            con.execute(queries.statements()["issue_rows"])
        if to_end or _lists_full(con, list_limit, issue_counts):
            break
        first, size, into = last + 1, size * 4, "INSERT INTO flagged_rows "
    show_rows(1, None)


def _lists_full(
    con: duckdb.DuckDBPyConnection, list_limit: int, issue_counts: dict[str, int]
) -> bool:
    total, collected = con.execute(queries.statements()["abnormal_counts"]).fetchone() or (0, 0)
    if collected < min(list_limit, total or 0):
        return False
    found = dict(con.execute(queries.statements()["issues_collected"]).fetchall())
    return all(found.get(key, 0) >= min(ISSUE_SAMPLES, n) for key, n in issue_counts.items())


def indicator_fields(
    con: duckdb.DuckDBPyConnection,
    present: set[str],
    by: str,
    profile: KpiProfile,
    matter_list: list[tuple[str, bool, bool]] | None,
    list_limit: int,
) -> dict[str, Any]:
    """Run the indicator, abnormal-case and data-problem queries; return KpiResult fields."""
    overall_row: dict[str, Any] = {}
    windows, groups = [], []
    names, grouping_id, _ = GROUPINGS[by]
    group_note = Message(
        "事项清单不分组，只计算总体", "the matters list is not grouped: overall only"
    )
    entry = _entry_indicator(con, matter_list)
    entry_in_group = Indicator(entry.key, None, None, None, reason=entry.reason or group_note)
    for row in fetch(con, queries.statements()["indicators"]):
        indicators = _case_indicators(row, present)
        if row["grouping_id"] == OVERALL:
            overall_row = row
        if row["grouping_id"] == WINDOWS:
            key = (("centre_id", row["centre_id"]), ("window", row["window_id"]))
            windows.append(GroupResult(key, row["cases"], (entry_in_group, *indicators)))
        if row["grouping_id"] == grouping_id:
            key = tuple((name, row[_GROUP_SOURCE[name]]) for name in names)
            groups.append(GroupResult(key, row["cases"], (entry_in_group, *indicators)))
    unchecked = tuple(
        kind
        for kind, (_, columns) in ABNORMAL_KINDS.items()
        if columns and not present.intersection(columns)
    )
    listed = [
        AbnormalCase(
            *row[:10],
            kinds=tuple(kind for kind, flag in zip(ABNORMAL_KINDS, row[10:], strict=True) if flag),
        )
        for row in con.execute(queries.statements()["abnormal_cases"], [list_limit]).fetchall()
    ]
    return {
        "cases": int(overall_row.get("cases") or 0),
        "period_start": overall_row.get("period_start"),
        "period_end": overall_row.get("period_end"),
        "time_excluded": int(overall_row.get("time_excluded") or 0),
        "overall": (entry, *_case_indicators(overall_row, present)),
        "groups": tuple(sorted(groups, key=_group_order)),
        "ranking": rank_windows(sorted(windows, key=_group_order), profile),
        "abnormal": AbnormalSummary(
            total=int(overall_row.get("abnormal_cases_num") or 0),
            by_kind=tuple(
                (kind, int(overall_row.get(f"abnormal_{kind}") or 0)) for kind in ABNORMAL_KINDS
            ),
            cases=tuple(listed),
            unchecked=unchecked,
        ),
    }


def _group_order(group: GroupResult) -> tuple[tuple[bool, str], ...]:
    return tuple((value is None, value or "") for _, value in group.key)


def _entry_indicator(
    con: duckdb.DuckDBPyConnection, matter_list: list[tuple[str, bool, bool]] | None
) -> Indicator:
    key = "entry_implementation_rate"
    if matter_list is None:
        return Indicator(
            key,
            None,
            None,
            None,
            reason=Message(
                "未提供事项清单文件（matter, should_enter, entered），无法计算；不作估算",
                "not computable: no matters file (matter, should_enter, entered) was given",
            ),
        )
    queries.load_table(
        con,
        "matters",
        [("matter", "VARCHAR"), ("should_enter", "BOOLEAN"), ("entered", "BOOLEAN")],
        matter_list,
    )
    num, den = con.execute(queries.statements()["entry_implementation"]).fetchone() or (None, None)
    return _ratio(key, int(num or 0), int(den or 0), 0)


def _ratio(key: str, num: float, den: int, excluded: int) -> Indicator:
    if not den:
        return Indicator(
            key,
            num,
            den,
            None,
            excluded,
            reason=Message("分母为 0（没有符合条件的办件）", "the denominator is 0"),
        )
    return Indicator(key, num, den, num / den, excluded)


def _partly(columns: Sequence[str], present: set[str]) -> tuple[list[str], list[str]]:
    """(columns present, columns absent) when some but not all of ``columns`` are present."""
    used = [c for c in columns if c in present]
    absent = [c for c in columns if c not in present]
    return (used, absent) if used and absent else ([], [])


def _case_indicators(row: dict[str, Any], present: set[str]) -> tuple[Indicator, ...]:
    """Turn one row of the indicators query into Indicator values."""
    result = []
    for spec in INDICATORS[1:]:
        missing = [c for c in spec.needs if c not in present]
        if spec.needs_any and not present.intersection(spec.needs_any):
            missing.append("/".join(spec.needs_any))
        if missing:
            reason = Message(
                f"数据中没有 {'、'.join(missing)} 列，无法计算",
                f"not computable: no {', '.join(missing)} column in the data",
            )
            result.append(Indicator(spec.key, None, None, None, reason=reason))
            continue
        raw_num = row.get(f"{spec.key}_num") or 0
        num = float(raw_num) if spec.key == "speed_up_rate" else int(raw_num)
        den = int(row.get(f"{spec.key}_den") or 0)
        excluded = int(row.get(f"{spec.key}_excluded") or 0)
        if spec.key != "abnormal_cases":
            indicator = _ratio(spec.key, num, den, excluded)
            used, absent = _partly(spec.needs_any, present)
            if used:
                note = Message(
                    f"只按 {'、'.join(used)} 判断（数据中没有 {'、'.join(absent)} 列）",
                    f"judged by {', '.join(used)} only (no {', '.join(absent)} column)",
                )
                indicator = replace(indicator, note=note)
            result.append(indicator)
            continue
        notes = []
        for label, columns in ABNORMAL_KINDS.values():
            used, absent = _partly(columns, present)
            if columns and not present.intersection(columns):
                absent = list(columns)
                notes.append(
                    Message(
                        f"未检查{label.zh}（数据中没有 {'、'.join(absent)} 列）",
                        f"{label.en} not checked (no {', '.join(absent)} column)",
                    )
                )
            elif used:
                notes.append(
                    Message(
                        f"{label.zh}只按 {'、'.join(used)} 判断（数据中没有 {'、'.join(absent)} 列）",
                        f"{label.en} judged by {', '.join(used)} only "
                        f"(no {', '.join(absent)} column)",
                    )
                )
        note = None
        if notes:
            note = Message("；".join(n.zh for n in notes), "; ".join(n.en for n in notes))
        result.append(Indicator(spec.key, num, den, num, excluded, note=note))
    return tuple(result)


def data_issues(
    con: duckdb.DuckDBPyConnection, counts: dict[str, int], plausible: Message
) -> tuple[DataIssue, ...]:
    """Each data problem found, with its count and first examples in file order."""
    samples: dict[str, list[IssueSample]] = {}
    rows = con.execute(queries.statements()["issue_samples"], [ISSUE_SAMPLES]).fetchall()
    for issue, row_no, case_id, value in rows:
        samples.setdefault(issue, []).append(IssueSample(row_no, case_id, value))
    details = {"implausible_date": plausible}
    return tuple(
        DataIssue(key, counts[key], tuple(samples.get(key, ())), details.get(key))
        for key in ISSUES
        if key in counts
    )


def rank_windows(windows: Sequence[GroupResult], profile: KpiProfile) -> tuple[RankedWindow, ...]:
    """Score and rank windows by the profile's weighted indicator points.

    A window's score is Σ(weight × points) ÷ Σweight over the indicators it has a value for, so
    an indicator a window has no cases for does not count against it. Windows with fewer cases
    than ``ranking.min_cases`` are listed unranked. Equal scores share a rank.
    """
    scored = []
    for window in windows:
        points = [
            (key, scoring.points(rate), scoring.weight)
            for key, scoring in profile.weighted()
            if (rate := window.indicator(key).rate) is not None
        ]
        total = sum(weight for *_, weight in points)
        score = sum(p * weight for _, p, weight in points) / total if total else None
        scored.append((window, score, tuple((key, p) for key, p, _ in points)))
    eligible = [s for s in scored if s[1] is not None and s[0].cases >= profile.ranking.min_cases]
    eligible.sort(key=lambda s: (-round(s[1] or 0, 9), -s[0].cases, _group_order(s[0])))
    ranked: list[RankedWindow] = []
    rank, previous = 0, None
    for position, (window, score, points) in enumerate(eligible, start=1):
        if previous is None or round(score or 0, 9) != previous:
            rank, previous = position, round(score or 0, 9)
        ranked.append(_ranked(rank, window, score, points))
    for window, score, points in scored:
        if all(window is not s[0] for s in eligible):
            ranked.append(_ranked(None, window, score, points))
    return tuple(ranked)


def _ranked(
    rank: int | None,
    window: GroupResult,
    score: float | None,
    points: tuple[tuple[str, float], ...],
) -> RankedWindow:
    centre, name = (value for _, value in window.key)
    return RankedWindow(rank, centre, name, window.cases, score, points)
