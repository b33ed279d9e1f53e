"""The KPI report as data: the sections every file format of ``gbstd kpi`` shows.

Built once from a :class:`~gbstd.kpi.compute.KpiResult` and handed to the Excel, HTML and Word
writers, so that the three say the same thing in the same order under the same headers. Cells keep
their raw values and a kind (``pct``, ``int``, ``num``, ``score``, ``text``); each writer formats
them its own way (a number format in Excel, text elsewhere). No figure is computed here: scores,
ranks and rates all come from ``gbstd.kpi``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from gbstd.i18n import Lang, Message
from gbstd.kpi.indicators import ABNORMAL_KINDS, SPECS
from gbstd.kpi.results import Indicator, KpiResult, RankedWindow

Kind = Literal["pct", "int", "num", "score", "text"]
RANKED_SHOWN = 10  # windows listed at the top and at the bottom of the ranking
TITLE = Message("窗口服务评价指标报告", "Window-service indicator report")
CONVENTION = Message(
    "耗时按工作日计：受理日之后（不含受理日）至办结日（含）之间的工作日数；当日办结为 0。"
    "在办件算至统计基准日。",
    "Elapsed time counts working days after the acceptance date up to and including the "
    "completion date (same day = 0); open cases count up to the as-of date.",
)
SCORE_NOTE = Message(
    "得分（0–100）按本工具默认评价配置从各指标值换算，综合得分为其加权平均；"
    "件数不足的窗口不排名。这些分值不是标准规定的。",
    "Scores (0–100) convert each indicator by the toolkit's default profile; the overall score is "
    "their weighted mean; windows with too few cases are not ranked. The standard sets none of "
    "these.",
)
BY_LABELS = {
    "centre": Message("中心", "Centre"),
    "department": Message("部门", "Department"),
    "window": Message("窗口", "Window"),
    "month": Message("月份", "Month"),
}
OVERALL = Message("总体", "All")
EMPTY = Message("（空）", "(empty)")


@dataclass(frozen=True)
class Cell:
    """One value and how to show it."""

    value: Any
    kind: Kind = "text"

    def text(self, lang: Lang = "zh") -> str:
        """The value as people read it: 88.1%, 1,234, 92.5; a dash when there is none."""
        value = self.value
        if value is None or value == "":
            return "—" if self.kind != "text" else ""
        if self.kind == "pct":
            return f"{value * 100:.1f}%"
        if self.kind == "int":
            return f"{int(value):,}"
        if self.kind in ("num", "score"):
            return f"{value:,.1f}"
        return str(value)


@dataclass(frozen=True)
class Table:
    """A titled table: headers, rows of cells, and the row emphasised (a total), if any."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""
    emphasised: int | None = None  # index of a row to set in bold


@dataclass(frozen=True)
class Bar:
    """One bar of the indicator chart: a rate between 0 and 1."""

    label: str
    value: float


@dataclass(frozen=True)
class KpiSummary:
    """The report: a title block, the tables in reading order, a chart and the notes."""

    title: str
    facts: tuple[tuple[str, str], ...]
    overall: Table
    bars: tuple[Bar, ...]
    chart_title: str
    groups: Table | None  # None when the only group is the whole (one centre by centre)
    top: Table
    bottom: Table | None  # None when every ranked window is already in the top list
    issues: Table | None
    abnormal_line: str
    notes: tuple[str, ...] = field(default=())
    lang: Lang = "zh"


def _date(value: Any) -> str:
    return value.isoformat() if value is not None else "—"


def _kind(indicator: Indicator) -> Kind:
    return "int" if indicator.key == "abnormal_cases" else "pct"


def _label(value: str | None, lang: Lang) -> str:
    return value if value is not None else EMPTY(lang)


def centres(result: KpiResult) -> list[str]:
    """The centre ids that appear in the data, in order of first appearance."""
    seen = [w.centre_id for w in result.ranking]
    seen += [
        value for group in result.groups for column, value in group.key if column == "centre_id"
    ]
    return list(dict.fromkeys(c for c in seen if c))


def _overall(result: KpiResult, lang: Lang) -> Table:
    zh = lang == "zh"
    rows = []
    for indicator in result.overall:
        notes = [m(lang) for m in (indicator.reason, indicator.note) if m is not None]
        numerator = indicator.numerator
        rows.append(
            (
                Cell(indicator.term if zh else SPECS[indicator.key].label("en")),
                Cell(indicator.value, _kind(indicator)),
                Cell(numerator, "num" if isinstance(numerator, float) else "int"),
                Cell(indicator.denominator, "int"),
                Cell(indicator.excluded, "int"),
                Cell("；".join(notes) if zh else "; ".join(notes)),
            )
        )
    headers = (
        ("指标", "值", "分子", "分母", "未计入行数", "说明")
        if zh
        else ("Indicator", "Value", "Numerator", "Denominator", "Rows left out", "Note")
    )
    title = "总体指标" if zh else "Indicators, all cases"
    return Table(title, headers, tuple(rows))


def _groups(result: KpiResult, lang: Lang) -> Table | None:
    if not result.groups:
        return None
    if len(result.groups) == 1 and result.groups[0].cases == result.cases:
        return None  # the one group is the whole: the overall table already shows it
    zh = lang == "zh"
    shown = [
        i.key
        for i in result.overall
        if any(g.indicator(i.key).value is not None for g in result.groups)
    ]
    headers = (
        BY_LABELS[result.by](lang),
        "件数" if zh else "Cases",
        *(SPECS[k].term if zh else SPECS[k].label("en") for k in shown),
    )
    total = (
        Cell(OVERALL(lang)),
        Cell(result.cases, "int"),
        *(Cell(result.indicator(k).value, _kind(result.indicator(k))) for k in shown),
    )
    rows = [total]
    for group in result.groups:
        label = " / ".join(_label(v, lang) for _, v in group.key)
        rows.append(
            (
                Cell(label),
                Cell(group.cases, "int"),
                *(Cell(group.indicator(k).value, _kind(group.indicator(k))) for k in shown),
            )
        )
    by = BY_LABELS[result.by]
    title = f"按{by.zh}分组" if zh else f"By {by.en.lower()}"
    return Table(title, headers, tuple(rows), emphasised=0)


def _score_headers(result: KpiResult, lang: Lang) -> tuple[list[str], tuple[str, ...]]:
    zh = lang == "zh"
    weighted = [key for key, _ in result.profile.weighted()]
    headers = (
        ("名次", "中心", "窗口", "件数", "综合得分")
        if zh
        else (
            "Rank",
            "Centre",
            "Window",
            "Cases",
            "Overall score",
        )
    )
    return weighted, headers


def _window_cells(window: RankedWindow, lang: Lang) -> tuple[Cell, ...]:
    return (
        Cell(window.rank, "int"),
        Cell(_label(window.centre_id, lang)),
        Cell(_label(window.window, lang)),
        Cell(window.cases, "int"),
        Cell(window.score, "score"),
    )


def _weakest(window: RankedWindow, lang: Lang) -> str:
    """The indicator that scored lowest: where a window low in the ranking loses most."""
    if not window.points:
        return ""
    key, points = min(window.points, key=lambda item: item[1])
    name = SPECS[key].term if lang == "zh" else SPECS[key].label("en")
    return f"{name} {points:.1f}"


def _ranking(windows: list[RankedWindow], title: str, note: str, lang: Lang) -> Table:
    """A short ranking list: rank, window, overall score and its weakest indicator."""
    headers = (
        ("名次", "中心", "窗口", "件数", "综合得分", "最低单项得分")
        if lang == "zh"
        else (
            "Rank",
            "Centre",
            "Window",
            "Cases",
            "Overall score",
            "Lowest indicator score",
        )
    )
    rows = tuple((*_window_cells(w, lang), Cell(_weakest(w, lang))) for w in windows)
    return Table(title, headers, rows, note=note)


def ranking_table(result: KpiResult, lang: Lang) -> Table:
    """Every window with the score of each weighted indicator, ranked ones first."""
    zh = lang == "zh"
    weighted, headers = _score_headers(result, lang)
    headers += tuple(
        f"{SPECS[k].term}得分" if zh else f"{SPECS[k].label('en')} score" for k in weighted
    )
    rows = []
    for window in result.ranking:
        points = dict(window.points)
        rows.append(
            (*_window_cells(window, lang), *(Cell(points.get(k), "score") for k in weighted))
        )
    title = "窗口排名" if zh else "Window ranking"
    return Table(title, headers, tuple(rows), note=_ranking_note(result, lang))


def _ranking_note(result: KpiResult, lang: Lang) -> str:
    ranked = sum(1 for w in result.ranking if w.rank is not None)
    unranked = len(result.ranking) - ranked
    minimum = result.profile.ranking.min_cases
    return (
        f"{ranked} 个窗口参加排名；件数不足 {minimum} 的 {unranked} 个窗口不排名。"
        if lang == "zh"
        else f"{ranked} windows ranked; {unranked} with fewer than {minimum} cases are not."
    )


def _rankings(result: KpiResult, lang: Lang) -> tuple[Table, Table | None]:
    zh = lang == "zh"
    ranked = [w for w in result.ranking if w.rank is not None]
    top = ranked[:RANKED_SHOWN]
    bottom = list(reversed(ranked[RANKED_SHOWN:][-RANKED_SHOWN:]))  # the last first
    title = f"排名前 {len(top)} 的窗口" if zh else f"Top {len(top)} windows"
    top_table = _ranking(top, title, _ranking_note(result, lang), lang)
    if not bottom:
        return top_table, None
    title = (
        f"排名后 {len(bottom)} 的窗口（需关注）"
        if zh
        else f"Bottom {len(bottom)} windows (need attention)"
    )
    note = "自末名起列出。" if zh else "Listed from the last upwards."
    return top_table, _ranking(bottom, title, note, lang)


def _issues(result: KpiResult, lang: Lang) -> Table | None:
    if not result.issues:
        return None
    zh = lang == "zh"
    rows = tuple(
        (
            Cell(issue.label(lang)),
            Cell(issue.rows, "int"),
            Cell(", ".join(str(s.row) for s in issue.samples[:5])),
            Cell(issue.effect(lang)),
        )
        for issue in result.issues
    )
    headers = (
        ("数据问题", "行数", "示例行号", "处理")
        if zh
        else ("Data problem", "Rows", "Example rows", "Handling")
    )
    return Table("数据问题" if zh else "Data problems", headers, rows)


def _abnormal_line(result: KpiResult, lang: Lang) -> str:
    zh = lang == "zh"
    unchecked = "未检查" if zh else "not checked"
    kinds = ("，" if zh else ", ").join(
        f"{ABNORMAL_KINDS[kind][0](lang)} "
        + (unchecked if kind in result.abnormal.unchecked else f"{count:,}")
        for kind, count in result.abnormal.by_kind
    )
    total = f"{result.abnormal.total:,}"
    return f"异常办理 {total} 件：{kinds}" if zh else f"Abnormal cases {total}: {kinds}"


def summarise(result: KpiResult, lang: Lang, *, centre: str | None = None) -> KpiSummary:
    """Lay ``result`` out as the report's sections.

    Args:
        result: the computed indicators.
        lang: language of headers and notes.
        centre: the centre or region the cases belong to, for the title block; without it the
            centre ids found in the data are listed.
    """
    zh = lang == "zh"
    ids = centres(result)
    shown_ids = "、".join(ids[:5]) + ("等" if len(ids) > 5 else "") if zh else ", ".join(ids[:5])
    facts = (
        ("中心或地区" if zh else "Centre or region", centre or shown_ids or "—"),
        (
            "统计期间" if zh else "Period",
            f"{_date(result.period_start)} 至 {_date(result.period_end)}"
            if zh
            else f"{_date(result.period_start)} to {_date(result.period_end)}",
        ),
        ("统计基准日" if zh else "As of", _date(result.as_of)),
        ("办件数" if zh else "Cases", f"{result.cases:,}"),
        ("数据来源" if zh else "Source", result.source),
        ("评价配置" if zh else "Profile", result.profile.name.get(lang)),
        ("工具版本" if zh else "Tool version", f"gbstd {result.tool_version}".strip()),
    )
    bars = tuple(
        Bar(i.term if zh else SPECS[i.key].label("en"), i.value)
        for i in result.overall
        if i.value is not None and i.key != "abnormal_cases"
    )
    top, bottom = _rankings(result, lang)
    notes = [result.note(lang), CONVENTION(lang), SCORE_NOTE(lang)]
    notes += [note(lang) for note in result.calendar.notes]
    if result.time_excluded:
        notes.append(
            f"{result.time_excluded:,} 行时间数据不可用，未计入与时间有关的指标。"
            if zh
            else f"{result.time_excluded:,} rows without usable times are left out of the "
            "time-based indicators."
        )
    return KpiSummary(
        title=TITLE(lang),
        facts=facts,
        overall=_overall(result, lang),
        bars=bars,
        chart_title="各项指标（比率）" if zh else "Indicators (rates)",
        groups=_groups(result, lang),
        top=top,
        bottom=bottom,
        issues=_issues(result, lang),
        abnormal_line=_abnormal_line(result, lang),
        notes=tuple(notes),
        lang=lang,
    )
