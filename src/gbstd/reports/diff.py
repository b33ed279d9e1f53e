"""Render a comparison of two assessments: terminal, JSON and Markdown."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from gbstd.assessment.actions import Tracked
from gbstd.assessment.comparison import KIND_LABELS, KINDS, Comparison, ScoreDelta
from gbstd.assessment.results import ACTION_STATUS_LABELS, STATUS_LABELS, Status
from gbstd.i18n import Lang, Message


def _status(value: str | None, lang: Lang) -> str:
    if value is None:
        return "（无）" if lang == "zh" else "(absent)"
    return STATUS_LABELS[Status(value)](lang)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _delta(score: ScoreDelta) -> str:
    return "—" if score.delta is None else f"{score.delta:+.1f}"


def to_data(comparison: Comparison, lang: Lang) -> dict[str, Any]:
    """Return the comparison as JSON-ready data."""
    return {
        "schema": "gbstd.diff/1",
        "old": comparison.old_label,
        "new": comparison.new_label,
        "scores": [
            {"standard": s.standard, "old": s.old, "new": s.new, "delta": s.delta}
            for s in (*comparison.scores, comparison.overall)
        ],
        "changes": {
            kind: [
                {
                    "requirement": c.requirement,
                    "standard": c.standard,
                    "title": c.title,
                    "old": c.old,
                    "new": c.new,
                }
                for c in comparison.of_kind(kind)
            ]
            for kind in KINDS
        },
        "summary": {kind: len(comparison.of_kind(kind)) for kind in KINDS},
        **({"plan": [_tracked_data(t) for t in comparison.plan]} if comparison.plan else {}),
    }


def _tracked_data(tracked: Tracked) -> dict[str, Any]:
    entry = tracked.entry
    return {
        "number": entry.number,
        "cause": entry.cause_label,
        "owner": entry.owner,
        "deadline": None if entry.deadline is None else entry.deadline.isoformat(),
        "status": entry.status,
        "closes": list(entry.closes),
        "still_open": list(tracked.still_open),
        "overdue": tracked.overdue,
    }


def _plan_rows(comparison: Comparison, lang: Lang) -> list[tuple[str, ...]]:
    """序号, 问题, 责任人, 完成期限, 状态, 进展: overdue open actions first, then in plan order."""
    zh = lang == "zh"
    rows = []
    for tracked in sorted(comparison.plan, key=lambda t: not t.overdue):
        entry = tracked.entry
        if not tracked.still_open:
            progress = "已全部关闭" if zh else "all closed"
        else:
            left = ("、" if zh else ", ").join(tracked.still_open)
            progress = f"仍未关闭：{left}" if zh else f"still open: {left}"
        if tracked.overdue:
            progress = ("逾期；" if zh else "OVERDUE; ") + progress
        rows.append(
            (
                entry.number,
                entry.cause_label,
                entry.owner or "—",
                "—" if entry.deadline is None else entry.deadline.isoformat(),
                ACTION_STATUS_LABELS[entry.status](lang),
                progress,
            )
        )
    return rows


PLAN_HEADERS = (
    Message("序号", "No."),
    Message("问题（根因）", "Cause"),
    Message("责任人", "Owner"),
    Message("完成期限", "Deadline"),
    Message("状态", "Status"),
    Message("进展", "Progress"),
)


def _plan_title(comparison: Comparison, lang: Lang) -> str:
    overdue = sum(t.overdue for t in comparison.plan)
    if lang == "zh":
        return f"整改计划跟踪：{len(comparison.plan)} 项措施，逾期未完成 {overdue} 项"
    return f"Action plan: {len(comparison.plan)} actions, {overdue} overdue and open"


def to_json(comparison: Comparison, lang: Lang) -> str:
    """Return the comparison as JSON text."""
    return json.dumps(to_data(comparison, lang), ensure_ascii=False, indent=2) + "\n"


def render(comparison: Comparison, lang: Lang) -> Group:
    """Return the terminal view."""
    zh = lang == "zh"
    scores = Table(header_style="bold", pad_edge=False)
    for header in (("标准", "Standard"), ("原得分", "Old"), ("新得分", "New"), ("变化", "Change")):
        scores.add_column(
            header[0] if zh else header[1], justify="left" if header[0] == "标准" else "right"
        )
    for score in (*comparison.scores, comparison.overall):
        name = ("总体" if zh else "Overall") if score.standard == "overall" else score.standard
        style = "red" if (score.delta or 0) < 0 else "green" if (score.delta or 0) > 0 else ""
        scores.add_row(
            escape(name), _number(score.old), _number(score.new), Text(_delta(score), style=style)
        )
    parts: list[Any] = [
        Text(f"{comparison.old_label} → {comparison.new_label}", style="bold"),
        scores,
    ]
    for kind in KINDS:
        changes = comparison.of_kind(kind)
        title = (
            f"{KIND_LABELS[kind](lang)}：{len(changes)}"
            if zh
            else f"{KIND_LABELS[kind](lang)}: {len(changes)}"
        )
        parts.append(Text(title, style="bold red" if kind == "regression" and changes else "bold"))
        for change in changes:
            parts.append(
                Text(
                    f"  {change.requirement} {change.title}  "
                    f"{_status(change.old, lang)} → {_status(change.new, lang)}"
                )
            )
    if comparison.plan:
        overdue = any(t.overdue for t in comparison.plan)
        parts.append(Text(_plan_title(comparison, lang), style="bold red" if overdue else "bold"))
        plan = Table(header_style="bold", pad_edge=False)
        for header in PLAN_HEADERS:
            plan.add_column(header(lang))
        for row in _plan_rows(comparison, lang):
            style = "red" if row[-1].startswith(("逾期", "OVERDUE")) else ""
            plan.add_row(*(escape(v) for v in row), style=style)
        parts.append(plan)
    return Group(*parts)


def to_markdown(comparison: Comparison, lang: Lang) -> str:
    """Return the comparison as deterministic Markdown."""
    zh = lang == "zh"

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")

    lines = [
        f"# {'评估对比' if zh else 'Assessment comparison'}：{cell(comparison.old_label)} → {cell(comparison.new_label)}",
        "",
        "| 标准 | 原得分 | 新得分 | 变化 |" if zh else "| Standard | Old | New | Change |",
        "|---|---:|---:|---:|",
    ]
    for score in (*comparison.scores, comparison.overall):
        name = ("总体" if zh else "Overall") if score.standard == "overall" else score.standard
        lines.append(f"| {name} | {_number(score.old)} | {_number(score.new)} | {_delta(score)} |")
    for kind in KINDS:
        changes = comparison.of_kind(kind)
        lines += [
            "",
            f"## {KIND_LABELS[kind](lang)}（{len(changes)}）"
            if zh
            else f"## {KIND_LABELS[kind](lang)} ({len(changes)})",
            "",
        ]
        if not changes:
            lines.append("无。" if zh else "None.")
        for change in changes:
            lines.append(
                f"- **{change.requirement}** {cell(change.title)}：{_status(change.old, lang)} → {_status(change.new, lang)}"
                if zh
                else f"- **{change.requirement}** {cell(change.title)}: {_status(change.old, lang)} → {_status(change.new, lang)}"
            )
    if comparison.plan:
        lines += ["", f"## {_plan_title(comparison, lang)}", ""]
        lines.append("| " + " | ".join(h(lang) for h in PLAN_HEADERS) + " |")
        lines.append("|" + "---|" * len(PLAN_HEADERS))
        for row in _plan_rows(comparison, lang):
            lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"
