"""The words of the 评估结论: the alerts a reader must not miss and the generated paragraph."""

from __future__ import annotations

from gbstd.assessment.results import (
    SEVERITY_LABELS,
    SEVERITY_ORDER,
    Report,
    RequirementResult,
    Status,
)
from gbstd.i18n import Lang
from gbstd.reports.document import Words, percent, score_text


def _severity_counts(results: list[RequirementResult], w: Words) -> str:
    counts = {s: 0 for s in SEVERITY_ORDER}
    for r in results:
        counts[r.severity] = counts.get(r.severity, 0) + 1
    parts = [
        f"{SEVERITY_LABELS[s](w.lang)}{n}" if w.zh else f"{n} {SEVERITY_LABELS[s](w.lang)}"
        for s, n in counts.items()
        if n
    ]
    return w.join(parts) if parts else "—"


def tally(results: list[RequirementResult], w: Words, unit: str = "") -> str:
    """How many, and by severity when there are any: 24 项（高8、中16）."""
    if not results:
        return f"0{unit}"
    counts = _severity_counts(results, w)
    return f"{len(results)}{unit}（{counts}）" if w.zh else f"{len(results)} ({counts})"


def _vetoes(report: Report) -> list[RequirementResult]:
    fired = {r for s in report.standards for r in s.veto_triggered}
    return [r for r in report.results if r.requirement in fired]


def alerts(report: Report, lang: Lang) -> list[str]:
    """What must not be missed, worst first.

    Vetoes that fired (naming the requirement), expired evidence on veto requirements, thin
    coverage, conforming results without evidence.
    """
    w = Words(lang)
    lines = []
    for r in _vetoes(report):
        lines.append(
            w(
                f"一票否决：{r.requirement}「{r.title(lang)}」{r.status.label(lang)}，"
                f"{r.standard} 的等级降为「{cap_label(report, lang)}」。",
                f"Veto: {r.requirement} {r.title(lang)} is {r.status.label(lang)}; the grade of "
                f"{r.standard} is capped at {cap_label(report, lang)}.",
            )
        )
    for r in report.alerts:
        lines.append(
            w(
                f"证据过期：一票否决要求 {r.requirement}「{r.title(lang)}」判为符合，但所依据的证据已过期，请更新后复核。",
                f"Expired evidence: veto requirement {r.requirement} {r.title(lang)} is conforming "
                "on expired evidence; renew it and check again.",
            )
        )
    covered, threshold = report.coverage, report.coverage_threshold
    if covered is not None and threshold is not None and covered < threshold:
        lines.append(
            w(
                f"覆盖率不足：可评估的要求只占计分权重的 {percent(covered)}（本工具默认阈值 {percent(threshold)}），等级为「数据不足」。",
                f"Thin coverage: only {percent(covered)} of the scored weight could be evaluated "
                f"(toolkit default threshold {percent(threshold)}): the grade is insufficient data.",
            )
        )
    conforming = report.counts.get(Status.CONFORMING.value, 0)
    if report.without_evidence:
        lines.append(
            w(
                f"缺少证据：判为符合的 {conforming} 项中，{report.without_evidence} 项未引用任何证据。",
                f"Without evidence: {report.without_evidence} of the {conforming} conforming "
                "results cite no evidence.",
            )
        )
    return lines


def cap_label(report: Report, lang: Lang) -> str:
    """The grade a fired veto caps at, in words."""
    cap = report.scoring.get("veto_cap")
    for band in report.grades:
        if band.id == cap:
            return band.label(lang)
    return str(cap or "—")


def _chapter_tallies(report: Report) -> list[tuple[str, str, int, int]]:
    """(standard, chapter, nonconformities, gaps) per chapter with gaps, worst first."""
    tallies: dict[tuple[str, str], list[int]] = {}
    for r in report.gaps:
        entry = tallies.setdefault((r.standard, r.chapter), [0, 0])
        entry[0] += r.gap_kind == "nonconformity"
        entry[1] += 1
    ordered = sorted(tallies.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))
    return [(std, ch, n, g) for (std, ch), (n, g) in ordered]


def chapter_title(report: Report, standard: str, chapter: str, lang: Lang) -> str:
    """A chapter's title from the report's score tree (empty when it has none)."""
    for s in report.standards:
        if s.number == standard:
            for c in s.chapters:
                if c.id == chapter:
                    return c.title(lang)
    return ""


def conclusion_text(report: Report, lang: Lang) -> str:
    """The 评估结论 paragraph: grade, score, coverage, vetoes, where the gaps are, what closes them."""
    w = Words(lang)
    name = str(report.centre["name"])
    standards = w.join([s.number for s in report.standards])
    grade = report.grade_label(lang) if report.grade_label else "—"
    nonconformities, improvements = report.nonconformities, report.improvements
    parts = [
        w(
            f"对照 {standards} 共 {len(report.standards)} 项标准的 {len(report.results)} 条要求，"
            f"{name}总分 {score_text(report.score)} 分，等级为「{grade}」，可评估要求占计分权重的 {percent(report.coverage)}。",
            f"Against {len(report.results)} requirements of {len(report.standards)} standards "
            f"({standards}), {name} scores {score_text(report.score)}, graded {grade}; "
            f"{percent(report.coverage)} of the scored weight could be evaluated.",
        ),
        w(
            f"共发现不符合项 {tally(nonconformities, w, ' 项')}，改进建议 {tally(improvements, w, ' 项')}。",
            f"Nonconformities found: {tally(nonconformities, w)}; improvements: "
            f"{tally(improvements, w)}.",
        ),
    ]
    vetoes = _vetoes(report)
    if vetoes:
        named = w.join(
            [
                f"{r.requirement}「{r.title(lang)}」"
                if w.zh
                else f"{r.requirement} {r.title(lang)}"
                for r in vetoes
            ]
        )
        parts.append(
            w(
                f"一票否决要求 {named}未满足，相关标准等级降为「{cap_label(report, lang)}」。",
                f"Veto requirement {named} is not met: the grade is capped at {cap_label(report, lang)}.",
            )
        )
    else:
        parts.append(w("未触发一票否决。", "No veto was triggered."))
    worst = [t for t in _chapter_tallies(report) if t[2]][:3]
    if worst:
        named = w.join(
            [
                w(
                    f"{std} 第 {ch} 章「{chapter_title(report, std, ch, lang)}」（{n} 项）",
                    f"{std} ch. {ch} {chapter_title(report, std, ch, lang)} ({n})",
                )
                for std, ch, n, _ in worst
            ]
        )
        parts.append(w(f"不符合项最集中的是 {named}。", f"Nonconformities cluster in {named}."))
    if report.actions:
        top = report.actions[:3]
        total = sum(a.weight for a in report.actions) or 1.0
        share = sum(a.weight for a in top) / total
        listed = w.semi([f"{'①②③'[i]}{a.cause_label(lang)}" for i, a in enumerate(top)])
        parts.append(
            w(
                f"整改计划将 {len(report.gaps)} 项差距按原因归为 {len(report.actions)} 项措施，"
                f"收效最大的{'三项' if len(top) == 3 else '是'}：{listed}，合计可弥补加权差距的 {percent(share)}。",
                f"The action plan groups the {len(report.gaps)} gaps by cause into "
                f"{len(report.actions)} actions; those closing most are: {listed}, "
                f"together {percent(share)} of the weighted gap.",
            )
        )
    return "".join(parts) if w.zh else " ".join(parts)
