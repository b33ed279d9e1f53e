"""Render an assessment report for the terminal (rich) and as JSON."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..i18n import Lang, Message
from ..results import (
    DERIVED_DISCLAIMER,
    LEVEL_LABELS,
    SEVERITY_LABELS,
    SEVERITY_ORDER,
    Report,
    RequirementResult,
    Status,
)

JSON_SCHEMA_ID = "gbstd.assessment/1"
STATUS_STYLE = {
    Status.CONFORMING: "green",
    Status.PARTIAL: "yellow",
    Status.NONCONFORMING: "red",
    Status.NOT_APPLICABLE: "dim",
    Status.NOT_EVALUABLE: "magenta",
}
SHORT_STATUS = {
    Status.CONFORMING: Message("符合", "conf."),
    Status.PARTIAL: Message("部分", "part."),
    Status.NONCONFORMING: Message("不符合", "nonconf."),
    Status.NOT_APPLICABLE: Message("不适用", "n/a"),
    Status.NOT_EVALUABLE: Message("无法评估", "n/e"),
}


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def summary_table(report: Report, lang: Lang) -> Table:
    """Return the per-standard summary: score, grade and counts by status."""
    zh = lang == "zh"
    table = Table(title=None, header_style="bold", pad_edge=False)
    table.add_column("标准" if zh else "Standard", no_wrap=True)
    table.add_column("得分" if zh else "Score", justify="right")
    table.add_column("等级" if zh else "Grade")
    for status in Status:
        table.add_column(SHORT_STATUS[status](lang), justify="right", style=STATUS_STYLE[status])
    for std in report.standards:
        grade = std.grade_label(lang) if std.grade_label else "—"
        if std.veto_triggered:
            grade += "（否决）" if zh else " (veto)"
        table.add_row(
            escape(std.number.replace("GB/T ", "")),
            _score(std.score),
            escape(grade),
            *(str(std.counts[s.value]) for s in Status),
        )
    overall = report.grade_label(lang) if report.grade_label else "—"
    table.add_section()
    table.add_row(
        "总体" if zh else "Overall",
        _score(report.score),
        escape(overall),
        *(str(report.counts[s.value]) for s in Status),
        style="bold",
    )
    return table


def _gap_text(result: RequirementResult, lang: Lang) -> str:
    parts = [result.reason(lang)]
    if result.waiver is not None and result.waiver.expired:
        parts.append(
            f"豁免已于 {result.waiver.expires} 到期"
            if lang == "zh"
            else f"waiver expired {result.waiver.expires}"
        )
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def gaps_view(report: Report, lang: Lang) -> Group:
    """Return the gaps, most severe first: what is wrong, what is missing, what to do."""
    zh = lang == "zh"
    rows: list[Any] = []
    for result in report.gaps:
        style = STATUS_STYLE[result.status]
        chapter = f"第 {result.chapter} 章" if zh else f"ch. {result.chapter}"
        head = Text.assemble(
            (f"[{SEVERITY_LABELS[result.severity](lang)}] ", "bold"),
            (result.requirement, "bold"),
            f" {result.title(lang)} · {chapter} · ",
            (result.status.label(lang), style),
        )
        body = Text(_gap_text(result, lang))
        lines: list[Any] = [head, Padding(body, (0, 0, 0, 4))]
        if result.recommendation is not None:
            label = "建议：" if zh else "Do: "
            lines.append(
                Padding(Text(label + result.recommendation(lang), style="cyan"), (0, 0, 0, 4))
            )
        rows.append(Group(*lines))
    return Group(*rows)


def render(report: Report, lang: Lang, explanation: Any = None) -> Group:
    """Return the terminal view: header, summary, explanation (optional), gaps, note."""
    zh = lang == "zh"
    centre = report.centre
    head = Text.assemble(
        (str(centre["name"]), "bold"),
        f"  {LEVEL_LABELS[str(centre['level'])](lang)}  ",
        ("评估基准日 " if zh else "as of ") + report.assessed_on.isoformat(),
    )
    items: list[Any] = [head, summary_table(report, lang)]
    if explanation is not None:
        items.append(explanation)
    gaps = report.gaps
    if gaps:
        title = f"差距 {len(gaps)} 项（按严重度）" if zh else f"{len(gaps)} gaps, most severe first"
        items += [Text(title, style="bold"), gaps_view(report, lang)]
    else:
        items.append(Text("未发现差距。" if zh else "No gaps found.", style="green"))
    items.append(Text(DERIVED_DISCLAIMER(lang), style="dim"))
    return Group(*items)


def explanation_table(report: Report, formula: Message, lang: Lang) -> Group:
    """Return the formula and each chapter's weight, score and contribution."""
    zh = lang == "zh"
    parts: list[Any] = [Text(formula(lang), style="cyan")]
    for std in report.standards:
        table = Table(
            title=f"{std.number}", title_justify="left", header_style="bold", pad_edge=False
        )
        table.add_column("章" if zh else "Chapter")
        table.add_column("权重" if zh else "Weight", justify="right")
        table.add_column("得分" if zh else "Score", justify="right")
        table.add_column("贡献" if zh else "Contribution", justify="right")
        total = sum(c.weight for c in std.chapters if c.score is not None)
        for chapter in std.chapters:
            contribution = (
                chapter.score * chapter.weight / total
                if chapter.score is not None and total
                else None
            )
            table.add_row(
                escape(f"{chapter.id} {chapter.title(lang)}"),
                f"{chapter.weight:g}",
                _score(chapter.score),
                _score(contribution),
            )
        table.add_row(
            "合计" if zh else "Total",
            f"{total:g}",
            _score(std.score),
            _score(std.score),
            style="bold",
        )
        parts.append(table)
    return Group(*parts)


def to_data(report: Report, lang: Lang) -> dict[str, Any]:
    """Return the report as the documented JSON structure (docs/assessment-json.md)."""

    def message(value: Message | None) -> str | None:
        return value(lang) if value is not None else None

    def date_text(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    results = []
    for r in report.results:
        results.append(
            {
                "requirement": r.requirement,
                "standard": r.standard,
                "chapter": r.chapter,
                "parent": r.parent,
                "title": r.title(lang),
                "statement": r.statement(lang),
                "provenance": r.provenance,
                "status": r.status.value,
                "reason": r.reason(lang),
                "missing": list(r.missing),
                "basis": r.basis,
                "severity": r.severity,
                "weight": r.weight,
                "veto": r.veto,
                "manual": r.manual,
                "gap": r.is_gap,
                "waived": r.waived,
                "waiver": None
                if r.waiver is None
                else {
                    "reason": r.waiver.reason,
                    "approver": r.waiver.approver,
                    "expires": r.waiver.expires.isoformat(),
                    "expired": r.waiver.expired,
                },
                "evidence": [
                    {
                        "id": e.id,
                        "title": e.title,
                        "location": e.location,
                        "effective": date_text(e.effective),
                        "expires": date_text(e.expires),
                        "expired": e.expired,
                    }
                    for e in r.evidence
                ],
                "flags": list(r.flags),
                "auditor": None
                if r.auditor is None
                else {
                    "automatic_status": r.auditor.automatic.value,
                    "finding": r.auditor.finding,
                    "evidence": r.auditor.evidence,
                    "checked_on": date_text(r.auditor.checked_on),
                    "auditor": r.auditor.auditor,
                    "location": r.auditor.location,
                },
                "finding": message(r.finding),
                "recommendation": message(r.recommendation),
            }
        )
    return {
        "schema": JSON_SCHEMA_ID,
        "tool": {"name": "gbstd", "version": report.tool_version},
        "centre": report.centre,
        "assessed_on": report.assessed_on.isoformat(),
        "profile": report.profile,
        "parameters": report.parameters,
        "sources": [
            {"standard": s.standard, "file": s.file, "sha256": s.sha256, "builtin": s.builtin}
            for s in report.sources
        ],
        "standards": [
            {
                "id": s.number,
                "title": s.title(lang),
                "score": None if s.score is None else round(s.score, 2),
                "grade": s.grade,
                "grade_label": message(s.grade_label),
                "veto_triggered": list(s.veto_triggered),
                "counts": s.counts,
                "gaps": s.gaps,
                "chapters": [
                    {
                        "id": c.id,
                        "title": c.title(lang),
                        "score": None if c.score is None else round(c.score, 2),
                        "weight": c.weight,
                    }
                    for c in s.chapters
                ],
            }
            for s in report.standards
        ],
        "results": results,
        "summary": {
            "score": None if report.score is None else round(report.score, 2),
            "grade": report.grade,
            "grade_label": message(report.grade_label),
            "counts": report.counts,
            "requirements": len(report.results),
            "gaps": sum(r.is_gap for r in report.results),
            "note": DERIVED_DISCLAIMER(lang),
        },
    }


def gap_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The gap rows of ``to_data`` output, most severe first, then in catalogue order."""
    gaps = [r for r in data["results"] if r["gap"]]
    gaps.sort(key=lambda r: SEVERITY_ORDER.get(r["severity"], 9))
    return gaps


def to_json(report: Report, lang: Lang) -> str:
    """Return the report as JSON text."""
    return json.dumps(to_data(report, lang), ensure_ascii=False, indent=2) + "\n"
