"""Render an assessment report for the terminal (rich) and as JSON."""

from __future__ import annotations

import json
from typing import Any

from rich import box
from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from gbstd.assessment.results import (
    DERIVED_DISCLAIMER,
    JSON_SCHEMA_ID,
    LEVEL_LABELS,
    REQUIREMENT_LEVEL_LABELS,
    SEVERITY_LABELS,
    SEVERITY_ORDER,
    Report,
    RequirementResult,
    Status,
)
from gbstd.description.factinfo import fact_label
from gbstd.i18n import Lang, Message
from gbstd.reports.cjkwrap import Wrapped
from gbstd.reports.document import ReportOptions

STATUS_STYLE = {
    Status.CONFORMING: "green",
    Status.PARTIAL: "yellow",
    Status.NONCONFORMING: "red",
    Status.NOT_ADOPTED: "dim",
    Status.NOT_APPLICABLE: "dim",
    Status.NOT_EVALUABLE: "magenta",
}


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def summary_table(report: Report, lang: Lang) -> Table:
    """Return the per-standard summary: score, grade, coverage and what each verdict counts."""
    zh = lang == "zh"
    table = Table(header_style="bold", box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0))
    table.add_column("标准" if zh else "Standard", no_wrap=True)
    table.add_column("得分" if zh else "Score", justify="right")
    table.add_column("等级" if zh else "Grade")
    table.add_column("覆盖率" if zh else "Cover", justify="right")
    # The table must fit 80 columns: conforming results are counted in the line below it.
    table.add_column("不符合" if zh else "NC", justify="right", style="red")
    table.add_column("改进" if zh else "Impr", justify="right", style="yellow")
    table.add_column("未采用" if zh else "N/ad", justify="right", style="dim")
    table.add_column("不适用" if zh else "N/A", justify="right", style="dim")
    table.add_column("待补充" if zh else "N/E", justify="right", style="magenta")

    def counts(source: Any) -> list[str]:
        return [
            str(source.nonconformities),
            str(source.improvements),
            str(source.counts[Status.NOT_ADOPTED.value]),
            str(source.counts[Status.NOT_APPLICABLE.value]),
            str(source.counts[Status.NOT_EVALUABLE.value]),
        ]

    for std in report.standards:
        grade = std.grade_label(lang) if std.grade_label else "—"
        if std.veto_triggered:  # named in the alert below the table, starred like it
            grade += "*"
        table.add_row(
            escape(std.number.replace("GB/T ", "")),
            _score(std.score),
            escape(grade),
            _percent(std.coverage),
            *counts(std),
        )
    overall = report.grade_label(lang) if report.grade_label else "—"
    if any(s.veto_triggered for s in report.standards):
        overall += "*"
    table.add_section()
    totals = _Totals(report)
    table.add_row(
        "总体" if zh else "Overall",
        _score(report.score),
        escape(overall),
        _percent(report.coverage),
        *counts(totals),
        style="bold",
    )
    return table


class _Totals:
    """The whole report's figures, shaped like a standard's for the summary's last row."""

    def __init__(self, report: Report) -> None:
        self.counts = report.counts
        self.nonconformities = len(report.nonconformities)
        self.improvements = len(report.improvements)


def _gap_text(result: RequirementResult, lang: Lang) -> str:
    parts = [result.reason(lang)]
    if result.waiver is not None and result.waiver.expired:
        parts.append(
            f"豁免已于 {result.waiver.expires} 到期"
            if lang == "zh"
            else f"waiver expired {result.waiver.expires}"
        )
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def level_label(result: RequirementResult, lang: Lang) -> str:
    """应/宜/可 (shall/should/may): the verbal form of the requirement."""
    return REQUIREMENT_LEVEL_LABELS[result.level](lang)


def gaps_view(results: list[RequirementResult], lang: Lang) -> Group:
    """Return gaps, most severe first: what is wrong, what is missing, what to do."""
    zh = lang == "zh"
    rows: list[Any] = []
    for result in results:
        style = STATUS_STYLE[result.status]
        chapter = f"第 {result.chapter} 章" if zh else f"ch. {result.chapter}"
        head = Text.assemble(
            (f"[{SEVERITY_LABELS[result.severity](lang)}] ", "bold"),
            (result.requirement, "bold"),
            f" {result.title(lang)} · {chapter} · {level_label(result, lang)} · ",
            (result.status.label(lang), style),
        )
        lines: list[Any] = [Wrapped(head, hang=4), Wrapped(_gap_text(result, lang), indent=4)]
        if result.recommendation is not None:
            label = "建议：" if zh else "Do: "
            lines.append(Wrapped(label + result.recommendation(lang), indent=4, style="cyan"))
        rows.append(Group(*lines))
    return Group(*rows)


def alert_lines(report: Report, lang: Lang) -> list[str]:
    """The summary's warnings: veto requirements judged on expired evidence, thin coverage."""
    zh = lang == "zh"
    lines = []
    for r in report.alerts:
        lines.append(
            f"警示：一票否决要求{r.requirement}「{r.title(lang)}」判为符合，但所依据的证据已过期，请更新证据后复核。"
            if zh
            else f"Alert: veto requirement {r.requirement} {r.title(lang)} is conforming on "
            "evidence that has expired; renew the evidence and check again."
        )
    covered, threshold = report.coverage, report.coverage_threshold
    if covered is not None and threshold is not None and covered < threshold:
        lines.append(
            f"可评估的要求只占{covered:.0%}（本工具默认阈值{threshold:.0%}，可配置），"
            "等级为「数据不足」：请补充下列资料。"
            if zh
            else f"Only {covered:.0%} of the requirements could be evaluated (toolkit default "
            f"threshold {threshold:.0%}, configurable): the grade is 'insufficient data'; "
            "supply the data listed below."
        )
    return lines


def evidence_line(report: Report, lang: Lang) -> str:
    """How many conforming results cite no evidence."""
    conforming = report.counts[Status.CONFORMING.value]
    missing = report.without_evidence
    if lang == "zh":
        return f"判为符合的{conforming}项中，{missing}项未引用任何证据。"
    return f"{missing} of the {conforming} conforming results cite no evidence."


def data_needed_view(report: Report, lang: Lang) -> Group:
    """待补充资料: each missing fact by its label, with its path and the requirements it decides."""
    zh = lang == "zh"
    rows: list[Any] = []
    for path, ids in report.data_needed:
        shown = "、".join(ids[:4]) if zh else ", ".join(ids[:4])
        if len(ids) > 4:
            shown += f" 等 {len(ids)} 项" if zh else f" and {len(ids) - 4} more"
        rows.append(
            Wrapped(Text.assemble("• ", (fact_label(path, lang), "bold"), "  ", (path, "magenta")))
        )
        rows.append(Wrapped("→ " + shown, indent=4, style="dim"))
    manual = report.manual
    if manual:
        ids = [r.requirement for r in manual]
        shown = "、".join(ids[:6]) if zh else ", ".join(ids[:6])
        if len(ids) > 6:
            shown += f" 等 {len(ids)} 项" if zh else f" and {len(ids) - 6} more"
        rows.append(
            Wrapped(
                (
                    "• 需人工核查（用 gbstd checklist 记录结论）："
                    if zh
                    else "• Needs a person's verdict (record it with gbstd checklist): "
                )
                + shown
            )
        )
    return Group(*rows)


def first_page(report: Report, lang: Lang) -> list[Any]:
    """What decides: the figures, the alerts (naming a veto's requirement), the top actions."""
    from gbstd.reports.document import TOP_ACTIONS, percent, score_text
    from gbstd.reports.narrative import alerts

    zh = lang == "zh"
    sep = " · "
    grade = report.grade_label(lang) if report.grade_label else "—"
    figures = Text.assemble(
        ("总分 " if zh else "Score ", "bold"),
        (score_text(report.score), "bold"),
        sep,
        (grade, "bold"),
        sep,
        ("覆盖率 " if zh else "coverage ") + percent(report.coverage),
        sep,
        ("不符合项 " if zh else "nonconformities ") + _tally(report.nonconformities, lang),
        sep,
        ("改进建议 " if zh else "improvements ") + _tally(report.improvements, lang),
    )
    items: list[Any] = [Wrapped(figures)]
    for line in alerts(report, lang):
        mark = "* " if line.startswith(("一票否决", "Veto")) else ""
        items.append(Wrapped(mark + line, style="bold red"))
    if report.actions:
        shown = report.actions[:TOP_ACTIONS]
        items.append(
            Text(
                f"收效最大的 {len(shown)} 项整改措施（共 {len(report.actions)} 项）："
                if zh
                else f"The {len(shown)} actions closing most (of {len(report.actions)}):",
                style="bold",
            )
        )
        for action in shown:
            detail = (
                f"关闭 {len(action.closes)} 项 · {action.department(lang)} · {action.deadline.isoformat()} 前"
                if zh
                else f"closes {len(action.closes)} · {action.department(lang)} · by {action.deadline.isoformat()}"
            )
            items.append(
                Wrapped(
                    Text.assemble(
                        f"{action.number}. ",
                        (action.cause_label(lang), "bold"),
                        "  ",
                        (detail, "dim"),
                    ),
                    hang=3,
                )
            )
            items.append(Wrapped(action.measure(lang), indent=3, style="cyan"))
    return items


def _tally(results: list[RequirementResult], lang: Lang) -> str:
    counts = {s: 0 for s in SEVERITY_ORDER}
    for r in results:
        counts[r.severity] = counts.get(r.severity, 0) + 1
    parts = [
        f"{SEVERITY_LABELS[k](lang)}{n}" if lang == "zh" else f"{n} {SEVERITY_LABELS[k](lang)}"
        for k, n in counts.items()
        if n
    ]
    if not parts:
        return "0"
    return (
        f"{len(results)}（{'、'.join(parts)}）"
        if lang == "zh"
        else f"{len(results)} ({', '.join(parts)})"
    )


def render(
    report: Report, lang: Lang, explanation: Any = None, options: ReportOptions | None = None
) -> Group:
    """Return the terminal view: what decides first, then the lists, then the next steps.

    With ``options.summary``: the header, the scores, the alerts and the top actions only.
    """
    from gbstd.reports.document import report_title

    zh = lang == "zh"
    options = options or ReportOptions()
    centre = report.centre
    head = Text.assemble(
        (report_title(lang), "bold"),
        "  ",
        (str(centre["name"]), "bold"),
        f"  {LEVEL_LABELS[str(centre['level'])](lang)}  ",
        ("评估基准日 " if zh else "as of ") + report.assessed_on.isoformat(),
    )
    items: list[Any] = [Wrapped(head), summary_table(report, lang)]
    items += first_page(report, lang)
    if explanation is not None:
        items.append(explanation)
    if not options.summary:
        items += _lists(report, lang)
    items.append(Wrapped(DERIVED_DISCLAIMER(lang), style="dim"))
    items.append(Wrapped(_next_steps(lang), style="dim"))
    return Group(*items)


def _next_steps(lang: Lang) -> str:
    if lang == "zh":
        return (
            "下一步：gbstd assess 中心.yaml -o 评估报告.docx 生成 Word 评估报告；"
            "-o 评估报告.xlsx 生成含「整改计划」表（可填责任人、期限、状态）的工作簿；"
            "--summary 只输出封面、结论和主要整改措施。"
        )
    return (
        "Next: gbstd assess centre.yaml -o report.docx for the Word report; -o report.xlsx for "
        "the workbook with its editable action plan; --summary for the cover, conclusion and "
        "top actions only."
    )


def _lists(report: Report, lang: Lang) -> list[Any]:
    zh = lang == "zh"
    items: list[Any] = []
    nonconformities, improvements = report.nonconformities, report.improvements
    if nonconformities:
        title = (
            f"不符合项 {len(nonconformities)} 项（「应」未满足，须整改；按严重度）"
            if zh
            else f"{len(nonconformities)} nonconformities (shall not met; most severe first)"
        )
        items += [Wrapped(title, style="bold"), gaps_view(nonconformities, lang)]
    if improvements:
        title = (
            f"改进建议 {len(improvements)} 项（「宜」未满足；按严重度）"
            if zh
            else f"{len(improvements)} improvements (should not met; most severe first)"
        )
        items += [Wrapped(title, style="bold"), gaps_view(improvements, lang)]
    if not nonconformities and not improvements:
        items.append(Text("未发现差距。" if zh else "No gaps found.", style="green"))
    adopted = report.not_adopted
    if adopted:
        title = (
            f"未采用 {len(adopted)} 项（「可」，仅供参考，不计分）："
            if zh
            else f"{len(adopted)} permissions not taken up (may; for information, not scored): "
        )
        names = [f"{r.requirement} {r.title(lang)}" for r in adopted]
        items.append(Wrapped(title + ("、".join(names) if zh else "; ".join(names)), style="dim"))
    if report.data_needed or report.manual:
        count = len(report.data_needed)
        title = (
            f"待补充资料 {count} 项（缺少的事实；相关要求无法评估，不计分）"
            if zh
            else f"Data needed: {count} facts (their requirements are not evaluable, not scored)"
        )
        items += [Wrapped(title, style="bold"), data_needed_view(report, lang)]
    return items


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


def to_data(report: Report, lang: Lang, digits: int = 2) -> dict[str, Any]:
    """Return the report as the documented JSON structure (docs/assessment-json.md).

    Scores are rounded to ``digits`` decimals from the exact figure. Views that show one decimal
    ask for 1: rounding 92.354 to 92.35 and then to one decimal would show 92.3, not 92.4.
    """

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
                "level": r.level,
                "manual": r.manual,
                "gap": r.is_gap,
                "gap_kind": None if r.gap_kind is None else r.gap_kind.value,
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
                "score": None if s.score is None else round(s.score, digits),
                "grade": s.grade,
                "grade_label": message(s.grade_label),
                "veto_triggered": list(s.veto_triggered),
                "counts": s.counts,
                "gaps": s.gaps,
                "nonconformities": s.nonconformities,
                "improvements": s.improvements,
                "coverage": _ratio(s.coverage),
                "chapters": [
                    {
                        "id": c.id,
                        "title": c.title(lang),
                        "score": None if c.score is None else round(c.score, digits),
                        "weight": c.weight,
                    }
                    for c in s.chapters
                ],
            }
            for s in report.standards
        ],
        "results": results,
        "actions": [
            {
                "number": a.number,
                "cause": a.cause,
                "cause_label": a.cause_label(lang),
                "measure": a.measure(lang),
                "closes": list(a.closes),
                "weight": a.weight,
                "severity": a.severity,
                "department": a.department(lang),
                "owner": a.owner,
                "deadline": a.deadline.isoformat(),
                "status": a.status,
                "verification": [v(lang) for v in a.verification],
                "veto": a.veto,
            }
            for a in report.actions
        ],
        "summary": {
            "score": None if report.score is None else round(report.score, digits),
            "grade": report.grade,
            "grade_label": message(report.grade_label),
            "counts": report.counts,
            "requirements": len(report.results),
            "gaps": sum(r.is_gap for r in report.results),
            "nonconformities": len(report.nonconformities),
            "improvements": len(report.improvements),
            "not_adopted": len(report.not_adopted),
            "coverage": _ratio(report.coverage),
            "coverage_threshold": report.coverage_threshold,
            "data_needed": [
                {"path": path, "label": fact_label(path, lang), "requirements": list(ids)}
                for path, ids in report.data_needed
            ],
            "manual": [r.requirement for r in report.manual],
            "alerts": [
                {"requirement": r.requirement, "standard": r.standard, "title": r.title(lang)}
                for r in report.alerts
            ],
            "conforming_without_evidence": report.without_evidence,
            "note": DERIVED_DISCLAIMER(lang),
        },
    }


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def gap_rows(data: dict[str, Any], kind: str | None = None) -> list[dict[str, Any]]:
    """The gap rows of ``to_data`` output (of one ``gap_kind``, or all).

    Most severe first, then in catalogue order.
    """
    gaps = [r for r in data["results"] if r["gap"] and kind in (None, r["gap_kind"])]
    gaps.sort(key=lambda r: SEVERITY_ORDER.get(r["severity"], 9))
    return gaps


def template_context(report: Report, lang: Lang) -> dict[str, Any]:
    """What the Markdown and HTML templates share: the data and the summary's wording."""
    data = to_data(report, lang, digits=1)  # the templates show one decimal
    return {
        "data": data,
        "nonconformities": gap_rows(data, "nonconformity"),
        "improvements": gap_rows(data, "improvement"),
        "not_adopted": [r for r in data["results"] if r["status"] == Status.NOT_ADOPTED.value],
        "alerts": alert_lines(report, lang),
        "evidence_line": evidence_line(report, lang),
        "levels": {k: v(lang) for k, v in REQUIREMENT_LEVEL_LABELS.items()},
        "lang": lang,
    }


def to_json(report: Report, lang: Lang) -> str:
    """Return the report as JSON text."""
    return json.dumps(to_data(report, lang), ensure_ascii=False, indent=2) + "\n"
