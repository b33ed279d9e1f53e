"""Render window-service indicators (``gbstd kpi``): terminal and JSON.

The file reports (Excel, HTML, Word) are in ``kpibook`` and ``kpidoc``, from ``kpisummary``.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from gbstd.i18n import Lang, Message
from gbstd.kpi.indicators import ABNORMAL_KINDS, SPECS
from gbstd.kpi.results import Indicator, KpiResult
from gbstd.reports.kpisummary import BY_LABELS, CONVENTION, EMPTY

JSON_SCHEMA_ID = "gbstd.kpi/1"
TERMINAL_ROWS = 20  # groups and ranked windows shown in the terminal; files hold them all


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


def _message(value: Message | None, lang: Lang) -> str | None:
    return value(lang) if value is not None else None


def value_text(indicator: Indicator) -> str:
    """The value as shown to people: a count for 异常办理, otherwise a percentage."""
    if indicator.value is None:
        return "—"
    if indicator.key == "abnormal_cases":
        return f"{int(indicator.value):,}"
    return f"{indicator.value * 100:.1f}%"


def _fraction(indicator: Indicator) -> str:
    if indicator.numerator is None:
        return ""
    numerator = indicator.numerator
    shown = f"{numerator:.2f}" if isinstance(numerator, float) else f"{numerator:,}"
    return f"{shown} / {indicator.denominator:,}"


def _indicator_data(indicator: Indicator, lang: Lang, *, full: bool) -> dict[str, Any]:
    spec = SPECS[indicator.key]
    data: dict[str, Any] = {"term": spec.term}
    if full:
        data["label"] = spec.label(lang)
        data["formula"] = spec.formula(lang)
    numerator = indicator.numerator
    data |= {
        "numerator": _round(numerator) if isinstance(numerator, float) else numerator,
        "denominator": indicator.denominator,
        "value": _round(indicator.value),
        "excluded": indicator.excluded,
        "reason": _message(indicator.reason, lang),
    }
    if full:
        data["note"] = _message(indicator.note, lang)
    return data


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def to_data(result: KpiResult, lang: Lang) -> dict[str, Any]:
    """Return the result as the documented JSON structure (docs/kpi.md)."""
    profile = result.profile
    abnormal = result.abnormal
    return {
        "schema": JSON_SCHEMA_ID,
        "tool": {"name": "gbstd", "version": result.tool_version},
        "note": result.note(lang),
        "source": {
            "file": result.source,
            "format": result.source_format,
            "rows": result.rows,
            "cases": result.cases,
            "absent_columns": list(result.absent_columns),
        },
        "period": {
            "start": _date(result.period_start),
            "end": _date(result.period_end),
            "as_of": _date(result.as_of),
            "plausible": {
                "from": _date(result.plausible[0]),
                "to": _date(result.plausible[1]),
                "source": "toolkit default" if result.plausible_is_default else "profile",
            },
        },
        "calendar": {
            "start": _date(result.calendar.start),
            "end": _date(result.calendar.end),
            "workdays": result.calendar.workdays,
            "library": "chinese_calendar",
            "library_days": result.calendar.library_days,
            "file": result.calendar.file,
            "file_days": result.calendar.file_days,
            "convention": CONVENTION(lang),
            "notes": [note(lang) for note in result.calendar.notes],
        },
        "profile": {
            "name": profile.name.get(lang),
            "note": profile.note.get(lang),
            "satisfied_grades": [g.value for g in profile.satisfied_grades],
            "overdue_tolerance_days": profile.overdue_tolerance_days,
            "min_cases": profile.ranking.min_cases,
            "weights": {key: scoring.weight for key, scoring in profile.weighted()},
        },
        "indicators": {i.key: _indicator_data(i, lang, full=True) for i in result.overall},
        "time_excluded": result.time_excluded,
        "by": result.by,
        "groups": [
            {
                "key": dict(group.key),
                "cases": group.cases,
                "indicators": {
                    i.key: _indicator_data(i, lang, full=False) for i in group.indicators
                },
            }
            for group in result.groups
        ],
        "ranking": [
            {
                "rank": w.rank,
                "centre_id": w.centre_id,
                "window": w.window,
                "cases": w.cases,
                "score": _round(w.score, 2),
                "points": {key: round(points, 2) for key, points in w.points},
            }
            for w in result.ranking
        ],
        "abnormal": {
            "total": abnormal.total,
            "by_kind": {  # count null: not checked (its column is not in the data)
                kind: {
                    "label": ABNORMAL_KINDS[kind][0](lang),
                    "count": None if kind in abnormal.unchecked else count,
                }
                for kind, count in abnormal.by_kind
            },
            "unchecked": list(abnormal.unchecked),
            "listed": len(abnormal.cases),
            "cases": [
                {
                    "row": c.row,
                    "case_id": c.case_id,
                    "centre_id": c.centre_id,
                    "department": c.department,
                    "window": c.window,
                    "matter": c.matter,
                    "accepted_at": _date(c.accepted_at),
                    "completed_at": _date(c.completed_at),
                    "promised_days": c.promised_days,
                    "elapsed_days": c.elapsed_days,
                    "kinds": list(c.kinds),
                }
                for c in abnormal.cases
            ],
        },
        "data_issues": [
            {
                "issue": issue.key,
                "label": issue.label(lang),
                "rows": issue.rows,
                "effect": issue.effect(lang),
                "samples": [
                    {"row": s.row, "case_id": s.case_id, "value": s.value} for s in issue.samples
                ],
            }
            for issue in result.issues
        ],
        "description_indicators": {
            key: _date(value)
            if key.startswith("period_")
            else _round(value)
            if isinstance(value, float)
            else value
            for key, value in result.to_indicators_dict().items()
        },
    }


def to_json(result: KpiResult, lang: Lang) -> str:
    """Return the result as JSON text (strict: NaN or infinity is an error, never written)."""
    return json.dumps(to_data(result, lang), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


# ---------------------------------------------------------------------------------------------
# Terminal
# ---------------------------------------------------------------------------------------------

GROUP_COLUMNS = (
    "on_time_rate",
    "satisfaction_rate",
    "on_the_spot_rate",
    "online_acceptance_rate",
    "abnormal_cases",
)
SHORT_TERMS = {
    "on_time_rate": Message("按时", "On time"),
    "satisfaction_rate": Message("满意", "Satisf."),
    "on_the_spot_rate": Message("现场", "On spot"),
    "online_acceptance_rate": Message("网上", "Online"),
    "abnormal_cases": Message("异常", "Abnorm."),
}


def _label(value: str | None, lang: Lang) -> str:
    return value if value is not None else EMPTY(lang)


def _overall_table(result: KpiResult, lang: Lang) -> Table:
    zh = lang == "zh"
    table = Table(header_style="bold", pad_edge=False, expand=False)
    table.add_column("指标" if zh else "Indicator")
    table.add_column("值" if zh else "Value", justify="right")
    table.add_column("分子 / 分母" if zh else "Num. / den.", justify="right")
    table.add_column("说明" if zh else "Note", overflow="fold")
    for indicator in result.overall:
        notes = [m(lang) for m in (indicator.reason, indicator.note) if m is not None]
        if indicator.excluded:
            notes.append(
                f"{indicator.excluded:,} 行因数据问题未计入"
                if zh
                else f"left out for bad data: {indicator.excluded:,}"
            )
        name = indicator.term if zh else f"{indicator.term} {SPECS[indicator.key].label('en')}"
        table.add_row(name, value_text(indicator), _fraction(indicator), escape("；".join(notes)))
    return table


def _groups_table(result: KpiResult, lang: Lang) -> Table:
    zh = lang == "zh"
    title = BY_LABELS[result.by](lang)
    table = Table(header_style="bold", pad_edge=False, title=None)
    table.add_column(title, overflow="fold")
    table.add_column("件数" if zh else "Cases", justify="right")
    for key in GROUP_COLUMNS:
        table.add_column(SHORT_TERMS[key](lang), justify="right")
    for group in result.groups[:TERMINAL_ROWS]:
        label = " / ".join(_label(v, lang) for _, v in group.key)
        cells = [value_text(group.indicator(key)) for key in GROUP_COLUMNS]
        table.add_row(escape(label), f"{group.cases:,}", *cells)
    return table


def _ranking_table(result: KpiResult, lang: Lang) -> Table:
    zh = lang == "zh"
    table = Table(header_style="bold", pad_edge=False)
    table.add_column("名次" if zh else "Rank", justify="right")
    table.add_column("中心 / 窗口" if zh else "Centre / window", overflow="fold")
    table.add_column("件数" if zh else "Cases", justify="right")
    table.add_column("得分" if zh else "Score", justify="right")
    for window in result.ranking[:TERMINAL_ROWS]:
        rank = "—" if window.rank is None else str(window.rank)
        score = "—" if window.score is None else f"{window.score:.1f}"
        label = f"{_label(window.centre_id, lang)} / {_label(window.window, lang)}"
        table.add_row(rank, escape(label), f"{window.cases:,}", score)
    return table


def _issues_table(result: KpiResult, lang: Lang) -> Table:
    zh = lang == "zh"
    table = Table(header_style="bold", pad_edge=False)
    table.add_column("数据问题" if zh else "Data problem", overflow="fold")
    table.add_column("行数" if zh else "Rows", justify="right")
    table.add_column("示例行" if zh else "Example rows", overflow="fold")
    table.add_column("处理" if zh else "Handling", overflow="fold")
    for issue in result.issues:
        rows = ", ".join(str(s.row) for s in issue.samples[:3])
        table.add_row(issue.label(lang), f"{issue.rows:,}", rows, issue.effect(lang))
    return table


def render(result: KpiResult, lang: Lang) -> Group:
    """Return the terminal view: indicators, groups, ranking, abnormal cases, data problems."""
    zh = lang == "zh"
    period = f"{_date(result.period_start) or '—'} – {_date(result.period_end) or '—'}"
    title = (
        f"窗口服务评价指标：{result.source}（{period}，{result.cases:,} 件）"
        if zh
        else f"Window-service indicators: {result.source} ({period}, {result.cases:,} cases)"
    )
    parts: list[Any] = [Text(title, style="bold"), Text(result.note(lang), style="dim")]
    parts.append(_overall_table(result, lang))
    hidden = len(result.groups) - TERMINAL_ROWS
    by = BY_LABELS[result.by]
    parts.append(Text(f"按{by.zh}" if zh else f"By {by.en.lower()}", style="bold"))
    parts.append(_groups_table(result, lang))
    if hidden > 0:
        parts.append(
            Text(
                f"……另有 {hidden} 组，完整结果请输出到文件（--output）"
                if zh
                else f"… {hidden} more groups; write a file (--output) for all",
                style="dim",
            )
        )
    ranked = sum(1 for w in result.ranking if w.rank is not None)
    parts.append(
        Text(
            f"窗口排名（{ranked} 个窗口参加排名，件数不足 {result.profile.ranking.min_cases} "
            "的不排名）"
            if zh
            else f"Window ranking ({ranked} ranked; fewer than "
            f"{result.profile.ranking.min_cases} cases: unranked)",
            style="bold",
        )
    )
    parts.append(_ranking_table(result, lang))
    unchecked = "未检查" if zh else "not checked"
    kinds = ("，" if zh else ", ").join(
        f"{ABNORMAL_KINDS[kind][0](lang)} "
        + (unchecked if kind in result.abnormal.unchecked else f"{count:,}")
        for kind, count in result.abnormal.by_kind
    )
    parts.append(
        Text(
            f"异常办理 {result.abnormal.total:,} 件：{kinds}"
            if zh
            else f"Abnormal cases {result.abnormal.total:,}: {kinds}"
        )
    )
    if result.issues:
        parts.append(_issues_table(result, lang))
    if result.time_excluded:
        parts.append(
            Text(
                f"{result.time_excluded:,} 行时间数据不可用，未计入与时间有关的指标。"
                if zh
                else f"{result.time_excluded:,} rows without usable times are left out of "
                "the time-based indicators."
            )
        )
    parts.extend(Text(note(lang), style="yellow") for note in result.calendar.notes)
    return Group(*parts)
