"""Build the report's sections from an assessment (the model is ``reports.document``).

``build(summary=True)`` keeps the cover and the conclusion (with the top actions): what a
reader decides on.
"""

from __future__ import annotations

from typing import Any

from gbstd.assessment.results import (
    ACTION_STATUS_LABELS,
    DERIVED_DISCLAIMER,
    LEVEL_LABELS,
    REQUIREMENT_LEVEL_LABELS,
    SEVERITY_LABELS,
    Action,
    Report,
    RequirementResult,
    Status,
)
from gbstd.description.factinfo import fact_label
from gbstd.i18n import Lang
from gbstd.reports.document import (
    TOP_ACTIONS,
    Block,
    Document,
    Figures,
    Items,
    Paragraph,
    ReportOptions,
    Section,
    Table,
    Words,
    percent,
    region_text,
    report_number,
    report_title,
    score_text,
)
from gbstd.reports.narrative import alerts, cap_label, chapter_title, conclusion_text, tally


def _figures(report: Report, w: Words) -> Figures:
    return Figures(
        (
            (w("总分", "Overall score"), score_text(report.score)),
            (w("等级", "Grade"), report.grade_label(w.lang) if report.grade_label else "—"),
            (w("覆盖率", "Coverage"), percent(report.coverage)),
            (w("不符合项", "Nonconformities"), tally(report.nonconformities, w)),
            (w("改进建议", "Improvements"), tally(report.improvements, w)),
        )
    )


def _actions_table(actions: tuple[Action, ...], lang: Lang, full: bool) -> Table:
    w = Words(lang)
    if not full:
        return Table(
            (
                w("序号", "No."),
                w("问题（根因）", "Cause"),
                w("整改措施", "Action"),
                w("关闭差距", "Closes"),
                w("责任科室", "Department"),
                w("完成期限", "Deadline"),
            ),
            tuple(
                (
                    str(a.number),
                    a.cause_label(lang),
                    a.measure(lang),
                    str(len(a.closes)),
                    a.department(lang),
                    a.deadline.isoformat(),
                )
                for a in actions
            ),
            (4, 16, 30, 6, 10, 11),
            "top_actions",
        )
    return Table(
        (
            w("序号", "No."),
            w("问题（根因）", "Cause"),
            w("整改措施", "Action"),
            w("关闭的要求", "Requirements closed"),
            w("责任科室", "Department"),
            w("责任人", "Owner"),
            w("完成期限", "Deadline"),
            w("状态", "Status"),
            w("验证方式", "Verification"),
        ),
        tuple(
            (
                str(a.number),
                a.cause_label(lang),
                a.measure(lang),
                w.join(list(a.closes)),
                a.department(lang),
                a.owner,
                a.deadline.isoformat(),
                ACTION_STATUS_LABELS[a.status](lang),
                w.join([v(lang) for v in a.verification]),
            )
            for a in actions
        ),
        (4, 13, 24, 14, 9, 6, 11, 6, 13),
        "actions",
    )


def _conclusion(report: Report, lang: Lang) -> Section:
    w = Words(lang)
    blocks: list[Block] = [_figures(report, w)]
    blocks += [Paragraph(line, "alert") for line in alerts(report, lang)]
    blocks.append(Paragraph(conclusion_text(report, lang), "lead"))
    if report.actions:
        blocks.append(
            Paragraph(
                w(
                    f"收效最大的 {min(TOP_ACTIONS, len(report.actions))} 项整改措施：",
                    f"The {min(TOP_ACTIONS, len(report.actions))} actions closing most of the gap:",
                )
            )
        )
        blocks.append(_actions_table(report.actions[:TOP_ACTIONS], lang, full=False))
    return Section("conclusion", w("评估结论", "Conclusion"), tuple(blocks))


def _basis(report: Report, lang: Lang) -> Section:
    from gbstd.catalogue.thresholds import load_thresholds

    w = Words(lang)
    standards = Items(
        tuple(
            f"{s.number}《{s.title(lang)}》" if w.zh else f"{s.number} {s.title(lang)}"
            for s in report.standards
        ),
        numbered=True,
    )
    blocks: list[Block] = [
        Paragraph(
            w(
                "评估依据以下标准（版本如标准编号所示）：",
                "The assessment applies these standards (editions as numbered):",
            )
        ),
        standards,
        Paragraph(DERIVED_DISCLAIMER(lang), "note"),
    ]
    if report.parameters:
        declared = load_thresholds().declared
        rows = []
        for name, p in report.parameters.items():
            label = declared[name].label.get(lang) if name in declared else name
            source = (
                w("本工具默认值", "toolkit default")
                if p.get("source") == "toolkit"
                else w("用户设定", "set by the user")
            )
            rows.append(
                (label, _param_value(p), _param_value({**p, "value": p.get("default")}), source)
            )
        blocks.append(
            Paragraph(
                w(
                    "评估使用的阈值和频次（均非标准规定）：",
                    "Thresholds and frequencies used (none is the standards'):",
                )
            )
        )
        blocks.append(
            Table(
                (
                    w("参数", "Parameter"),
                    w("取值", "Value"),
                    w("默认值", "Default"),
                    w("来源", "Source"),
                ),
                tuple(rows),
                (20, 8, 8, 10),
                "parameters",
            )
        )
    return Section("basis", w("评估依据", "Basis"), tuple(blocks))


def _param_value(p: dict[str, Any]) -> str:
    value, unit = p.get("value"), p.get("unit")
    if value is None:
        return "—"
    if unit == "ratio":
        return f"{float(value):.0%}"
    suffix = {"days": " 天", "per_year": " 次/年", "count": " 个"}.get(str(unit), "")
    return f"{value:g}{suffix}" if isinstance(value, float) else f"{value}{suffix}"


def _method(report: Report, lang: Lang) -> Section:
    w = Words(lang)
    scores: Any = report.scoring.get("status_scores") or {}
    levels: Any = report.scoring.get("level_weights") or {}
    bands = w.join([f"{b.label(lang)} ≥ {b.min:g}" for b in report.grades])
    rollup = (
        w("按权重加权平均", "weighted by requirement weight")
        if report.scoring.get("rollup") == "weighted"
        else w("各项简单平均", "a plain mean")
    )
    overall = (
        w("各标准得分的简单平均", "the plain mean of the standards' scores")
        if report.scoring.get("overall") == "equal"
        else w("按要求权重加权平均", "weighted by requirement weight")
    )
    texts = [
        w(
            "评估以中心自述文件所载事实逐条对照标准要求，由检查规则自动判定，现场核查结论（如有）优先于自动结果。",
            "Each requirement is checked against the facts in the centre's self-description by the check rules; "
            "auditors' on-site findings, where recorded, replace the automatic result.",
        ),
        w(
            "要求按 GB/T 1.1 的助动词分为「应」（未满足为不符合项，须整改）、「宜」（未满足为改进建议）和「可」（未采用仅供参考，不计分）。",
            "Requirements are shall (a gap is a nonconformity to correct), should (a gap is an improvement) "
            "and may (not taken up is for information, not scored).",
        ),
        w(
            f"计分：符合 {scores.get('conforming', 1):g} 分、部分符合 {scores.get('partial', 0.5):g} 分、不符合 {scores.get('nonconforming', 0):g} 分；"
            f"「宜」按 {levels.get('should', 0.5):g} 计权；不适用、无法评估、未采用不计分。章和标准得分{rollup}，总分为{overall}，换算为百分制。"
            f"等级：{bands}；一票否决要求不符合时，等级降为「{cap_label(report, lang)}」。",
            f"Points: conforming {scores.get('conforming', 1):g}, partial {scores.get('partial', 0.5):g}, "
            f"nonconforming {scores.get('nonconforming', 0):g}; should counts at {levels.get('should', 0.5):g}; "
            f"not applicable, not evaluable and not adopted do not count. Chapters and standards are {rollup}; "
            f"the overall score is {overall}, out of 100. Grades: {bands}; a nonconforming veto requirement "
            f"caps the grade at {cap_label(report, lang)}.",
        ),
        w(
            f"覆盖率为可评估要求占计分权重的比例，本次为 {percent(report.coverage)}；低于 {percent(report.coverage_threshold)} 时等级为「数据不足」。"
            f"以上方法和数值是本工具的默认评分配置（{report.profile}），不是标准规定。",
            f"Coverage is the evaluated share of the scored weight: {percent(report.coverage)} here; below "
            f"{percent(report.coverage_threshold)} the grade is insufficient data. The method and figures are "
            f"the toolkit's scoring profile ({report.profile}), not the standards'.",
        ),
    ]
    return Section("method", w("评估方法", "Method"), tuple(Paragraph(t) for t in texts))


def _results(report: Report, lang: Lang) -> Section:
    w = Words(lang)
    rows = []
    for s in report.standards:
        grade = s.grade_label(lang) if s.grade_label else "—"
        if s.veto_triggered:
            grade += w("（一票否决）", " (veto)")
        rows.append(
            (
                s.number,
                score_text(s.score),
                grade,
                percent(s.coverage),
                str(s.counts.get("conforming", 0)),
                str(s.nonconformities),
                str(s.improvements),
            )
        )
    rows.append(
        (
            w("总体", "Overall"),
            score_text(report.score),
            report.grade_label(lang) if report.grade_label else "—",
            percent(report.coverage),
            str(report.counts.get("conforming", 0)),
            str(len(report.nonconformities)),
            str(len(report.improvements)),
        )
    )
    table = Table(
        (
            w("标准", "Standard"),
            w("得分", "Score"),
            w("等级", "Grade"),
            w("覆盖率", "Coverage"),
            w("符合", "Conforming"),
            w("不符合项", "Nonconformities"),
            w("改进建议", "Improvements"),
        ),
        tuple(rows),
        (18, 7, 10, 7, 6, 8, 8),
        "scores",
    )
    return Section("results", w("评估结果", "Results"), (table,))


def _strengths(report: Report, lang: Lang) -> Section:
    """Chapters the centre fully meets, with the evidence it cited: strengths before problems."""
    w = Words(lang)
    rows = []
    by_chapter: dict[tuple[str, str], list[RequirementResult]] = {}
    for r in report.results:
        by_chapter.setdefault((r.standard, r.chapter), []).append(r)
    for (std, ch), results in by_chapter.items():
        scored = [
            r
            for r in results
            if r.status in (Status.CONFORMING, Status.PARTIAL, Status.NONCONFORMING)
        ]
        if (
            not scored
            or any(r.status != Status.CONFORMING for r in scored)
            or any(r.is_gap for r in results)
        ):
            continue
        evidenced = sum(bool(r.evidence) for r in scored)
        if not evidenced:
            continue
        rows.append(
            (std, f"{ch} {chapter_title(report, std, ch, lang)}", str(len(scored)), str(evidenced))
        )
    rows.sort(key=lambda row: -int(row[3]))
    blocks: list[Block] = []
    if rows:
        blocks.append(
            Paragraph(
                w(
                    f"以下 {len(rows)} 章的可评估要求全部符合，并引用了证据（「有证据」为引用证据的"
                    "要求数），是中心做得好的方面：",
                    f"In these {len(rows)} chapters every assessable requirement is met, and "
                    "evidence is cited (for as many requirements as 'With evidence' says):",
                )
            )
        )
        blocks.append(
            Table(
                (
                    w("标准", "Standard"),
                    w("章", "Chapter"),
                    w("符合要求", "Requirements met"),
                    w("有证据", "With evidence"),
                ),
                tuple(rows),
                (16, 24, 8, 8),
                "strengths",
            )
        )
    else:
        blocks.append(
            Paragraph(
                w(
                    "没有要求全部符合并引用了证据的章。",
                    "No chapter has every requirement met and evidence cited.",
                )
            )
        )
    return Section("strengths", w("主要成效", "Strengths"), tuple(blocks))


def _gap_table(results: list[RequirementResult], lang: Lang, name: str) -> Table:
    w = Words(lang)
    return Table(
        (
            w("序号", "No."),
            w("严重度", "Severity"),
            w("要求", "Requirement"),
            w("层级", "Level"),
            w("状态", "Status"),
            w("差距", "Finding"),
            w("建议", "Recommendation"),
        ),
        tuple(
            (
                str(i),
                SEVERITY_LABELS[r.severity](lang),
                f"{r.requirement} {r.title(lang)}",
                REQUIREMENT_LEVEL_LABELS[r.level](lang),
                r.status.label(lang),
                _gap_reason(r, lang),
                r.recommendation(lang) if r.recommendation else "",
            )
            for i, r in enumerate(results, start=1)
        ),
        (4, 6, 18, 4, 6, 24, 20),
        name,
    )


def _gap_reason(result: RequirementResult, lang: Lang) -> str:
    text = result.reason(lang)
    if result.waiver is not None and result.waiver.expired:
        text += (
            f"（豁免已于 {result.waiver.expires} 到期）"
            if lang == "zh"
            else f" (waiver expired {result.waiver.expires})"
        )
    return text


def _problems(report: Report, lang: Lang) -> Section:
    w = Words(lang)
    nonconformities, improvements = report.nonconformities, report.improvements
    subsections = [
        Section(
            "nonconformities",
            w(
                f"不符合项（「应」未满足，须整改）{len(nonconformities)} 项",
                f"Nonconformities (shall not met): {len(nonconformities)}",
            ),
            (_gap_table(nonconformities, lang, "nonconformities"),)
            if nonconformities
            else (Paragraph(w("无。", "None.")),),
        ),
        Section(
            "improvements",
            w(
                f"改进建议（「宜」未满足）{len(improvements)} 项",
                f"Improvements (should not met): {len(improvements)}",
            ),
            (_gap_table(improvements, lang, "improvements"),)
            if improvements
            else (Paragraph(w("无。", "None.")),),
        ),
    ]
    needed: list[Block] = []
    if report.data_needed:
        needed.append(
            Table(
                (w("资料", "Fact"), w("字段", "Field"), w("涉及要求", "Requirements")),
                tuple((fact_label(p, lang), p, w.join(list(ids))) for p, ids in report.data_needed),
                (16, 16, 24),
                "data_needed",
            )
        )
    if report.manual:
        needed.append(
            Paragraph(
                w(
                    "需人工核查（用 gbstd checklist 记录结论）：",
                    "Needs a person's verdict (record it with gbstd checklist): ",
                )
                + w.join([r.requirement for r in report.manual])
            )
        )
    if not needed:
        needed.append(Paragraph(w("无。", "None.")))
    subsections.append(
        Section(
            "data_needed",
            w("待补充资料（相关要求无法评估，不计分）", "Data needed (not evaluable, not scored)"),
            tuple(needed),
        )
    )
    return Section("problems", w("问题清单", "Problems"), (), tuple(subsections))


def _plan(report: Report, lang: Lang) -> Section:
    w = Words(lang)
    if not report.actions:
        return Section(
            "actions",
            w("整改计划", "Action plan"),
            (Paragraph(w("无需整改。", "Nothing to correct.")),),
        )
    blocks: list[Block] = [
        Paragraph(
            w(
                f"{len(report.gaps)} 项差距按其背后未满足的事实归并为 {len(report.actions)} 项措施，按可弥补的加权差距从大到小排列；"
                "一项措施列出它能关闭的全部要求。归因由本工具按检查读取的事实推断，请核对。",
                f"The {len(report.gaps)} gaps are grouped by the unmet fact behind them into {len(report.actions)} actions, "
                "the one closing most weighted gap first; each lists every requirement it closes. The cause is "
                "inferred by the toolkit from the facts a check reads; check it.",
            )
        ),
        _actions_table(report.actions, lang, full=True),
    ]
    if report.actions_note is not None:
        blocks.append(Paragraph(report.actions_note(lang), "note"))
    return Section("actions", w("整改计划", "Action plan"), tuple(blocks))


def _annexes(report: Report, lang: Lang) -> Section:
    w = Words(lang)
    results = Table(
        (
            w("要求", "Requirement"),
            w("标题", "Title"),
            w("层级", "Level"),
            w("状态", "Status"),
            w("严重度", "Severity"),
            w("证据", "Evidence"),
        ),
        tuple(
            (
                r.requirement,
                r.title(lang),
                REQUIREMENT_LEVEL_LABELS[r.level](lang),
                r.status.label(lang),
                SEVERITY_LABELS[r.severity](lang),
                w.join([e.id for e in r.evidence]) or "—",
            )
            for r in report.results
        ),
        (14, 24, 4, 7, 5, 10),
        "results",
    )
    evidence = Table(
        (
            w("编号", "ID"),
            w("名称", "Title"),
            w("位置", "Location"),
            w("有效期至", "Expires"),
            w("状态", "State"),
        ),
        tuple(
            (
                e.id,
                e.title,
                e.location or "—",
                e.expires.isoformat() if e.expires else "—",
                w("已过期", "expired") if e.expired else w("有效", "valid"),
            )
            for e in report.evidence
        ),
        (8, 22, 22, 10, 6),
        "evidence",
    )
    sources = Table(
        (w("标准", "Standard"), w("条款文件", "Clause file"), "SHA-256"),
        tuple(
            (s.standard, s.file + ("" if s.builtin else w("（用户提供）", " (user's)")), s.sha256)
            for s in report.sources
        ),
        (14, 16, 30),
        "sources",
    )
    return Section(
        "annexes",
        w("附件", "Annexes"),
        numbered=False,
        subsections=(
            Section(
                "annex-results",
                w("附件1 逐条评估结果", "Annex 1 All results"),
                (results,),
                numbered=False,
            ),
            Section(
                "annex-evidence",
                w("附件2 证据目录", "Annex 2 Evidence register"),
                (evidence,)
                if report.evidence
                else (Paragraph(w("中心未列出证据。", "The centre listed no evidence.")),),
                numbered=False,
            ),
            Section(
                "annex-sources",
                w("附件3 条款文件校验值", "Annex 3 Clause file checksums"),
                (sources,) if report.sources else (Paragraph("—"),),
                numbered=False,
            ),
        ),
        blocks=(),
    )


def build(report: Report, lang: Lang, options: ReportOptions | None = None) -> Document:
    """The report as a document of sections, in ``lang``."""
    options = options or ReportOptions()
    w = Words(lang)
    centre = str(report.centre["name"])
    cover = (
        (w("报告名称", "Report"), report_title(lang)),
        (w("被评估单位", "Centre"), centre),
        (w("层级", "Level"), LEVEL_LABELS[str(report.centre["level"])](lang)),
        (w("所在地区", "Region"), region_text(report, lang)),
        (w("评估基准日", "As of"), report.assessed_on.isoformat()),
        (w("评估单位", "Assessed by"), options.organisation or w("（待填写）", "(to fill in)")),
        (
            w("评估人员", "Assessors"),
            w.join(list(options.assessors)) or w("（待填写）", "(to fill in)"),
        ),
        (w("报告编号", "Report number"), report_number(report, options)),
        (w("生成工具", "Tool"), f"gbstd {report.tool_version}".strip()),
    )
    sections = [_conclusion(report, lang)]
    if not options.summary:
        sections += [
            _basis(report, lang),
            _method(report, lang),
            _results(report, lang),
            _strengths(report, lang),
            _problems(report, lang),
            _plan(report, lang),
            _annexes(report, lang),
        ]
    return Document(
        lang=lang,
        title=report_title(lang),
        centre=centre,
        cover=cover,
        sections=tuple(sections),
        summary=options.summary,
        layout_note=w(
            "本报告的版式和章节为 gbstd 的设计，参照常见评估报告写法，不是标准规定的格式。",
            "The layout and sections are gbstd's design after common assessment reports, not a format any standard prescribes.",
        ),
        footer=w(
            "要获取完整报告：gbstd assess 中心.yaml -o 评估报告.docx（或 .xlsx，含可填写的整改计划表）。",
            "Full report: gbstd assess centre.yaml -o report.docx (or .xlsx, with an editable action plan).",
        ),
    )
