"""Render a comparison of two assessments: terminal, JSON and Markdown."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from gbstd.assessment.comparison import KIND_LABELS, KINDS, Comparison, ScoreDelta
from gbstd.assessment.results import STATUS_LABELS, Status
from gbstd.i18n import Lang


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
    }


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
    return "\n".join(lines) + "\n"
