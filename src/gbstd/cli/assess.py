"""``gbstd assess``, ``gbstd diff`` and ``gbstd checklist export|import``: one centre's verdicts."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from gbstd.cli.groups import app, checklist_app
from gbstd.cli.options import (
    ChecksDirOption,
    ForceOption,
    LangChoice,
    LangOption,
    StandardsDirOption,
    checks_dirs,
    user_dirs,
)
from gbstd.cli.terminal import (
    choose_format,
    deliver,
    err,
    open_catalogue,
    out,
    read_inputs,
    refuse_overwrite,
    render_text,
    say_written,
    user_errors,
    warn_inconsistent,
    warn_upgraded,
    write_output,
)
from gbstd.errors import ExitCode


class AssessFormat(StrEnum):
    """Formats of ``assess``."""

    table = "table"
    json = "json"
    md = "md"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


@app.command()
def assess(
    file: Annotated[
        Path, typer.Argument(help="中心自述文件 The centre's self-description (YAML).")
    ],
    standard: Annotated[
        list[str] | None,
        typer.Option(
            "--standard", "-s", help="只评估这些标准（可重复）Only these standards (repeatable)."
        ),
    ] = None,
    format: Annotated[
        AssessFormat | None,
        typer.Option("--format", "-f", help="table | json | md | html | xlsx | docx"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="写入文件 Write to a file (.docx .xlsx .html .md .json .txt)."
        ),
    ] = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under", min=0, max=100, help="总分低于此值时退出码为 4 Exit 4 below this score."
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="打印评分公式和各章贡献 Show the scoring arithmetic.")
    ] = False,
    profile: Annotated[
        Path | None,
        typer.Option("--profile", help="评分配置文件 Scoring profile YAML.", dir_okay=False),
    ] = None,
    kpi_file: Annotated[
        Path | None,
        typer.Option(
            "--kpi",
            help="用 gbstd kpi -f json 算出的指标替换自报指标 Use computed indicators.",
            dir_okay=False,
        ),
    ] = None,
    findings: Annotated[
        Path | None,
        typer.Option(
            "--findings",
            help="现场核查结论（优先于自动结果）Auditors' findings; they win.",
            dir_okay=False,
        ),
    ] = None,
    thresholds: Annotated[
        Path | None,
        typer.Option(
            "--thresholds",
            help="修改本工具的阈值和频次（values: {名称: 数值}）Change the toolkit's thresholds.",
            dir_okay=False,
        ),
    ] = None,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary", help="只输出封面、结论和主要整改措施 Cover, conclusion, top actions only."
        ),
    ] = False,
    organisation: Annotated[
        str | None,
        typer.Option("--organisation", help="评估单位（写入报告封面）Assessing organisation."),
    ] = None,
    assessor: Annotated[
        list[str] | None,
        typer.Option("--assessor", help="评估人员（可重复）Assessor (repeatable)."),
    ] = None,
    report_number: Annotated[
        str | None,
        typer.Option("--report-number", help="报告编号（缺省时自动生成）Report number."),
    ] = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="沿用上次整改计划（.xlsx）的责任人、期限和状态 Carry a previous action plan forward.",
            dir_okay=False,
        ),
    ] = None,
    standards_dir: StandardsDirOption = None,
    checks_dir: ChecksDirOption = None,
    lang: LangOption = LangChoice.zh,
    force: ForceOption = False,
) -> None:
    """逐条评估中心自述文件。Assess a centre's self-description, requirement by requirement.

    Exit 0: no gaps (and score >= --fail-under); 4: gaps found or score below --fail-under;
    3: invalid input; 2: usage error.

    Example: gbstd assess examples/county-centre.yaml -o 评估报告.docx --organisation 某评估组
    """
    from datetime import date

    from gbstd import __version__
    from gbstd.assessment.findings import load_findings
    from gbstd.assessment.run import assess as run_assessment
    from gbstd.assessment.run import (
        falls_short,
        prepare,
        select_standards,
        with_computed_indicators,
    )
    from gbstd.assessment.scoring import explain as explain_formula
    from gbstd.description.consistency import located
    from gbstd.description.loading import load_description, upgraded
    from gbstd.reports import FILE_WRITERS, SUFFIXES, save_report
    from gbstd.reports import assessment as view
    from gbstd.reports.document import ReportOptions

    code = lang.value
    options = ReportOptions(
        organisation=organisation,
        assessors=tuple(assessor or ()),
        number=report_number,
        summary=summary,
    )
    with user_errors(code):
        refuse_overwrite(output, force)
        suffixes = {k: AssessFormat(v) for k, v in SUFFIXES.items()} | {".txt": AssessFormat.table}
        # Word, like Excel, is a file: docx to the terminal is as much a usage error as xlsx.
        file_only = AssessFormat.docx if format is AssessFormat.docx else AssessFormat.xlsx
        chosen = choose_format(format, output, suffixes, AssessFormat.table, file_only)
        setup = prepare(
            user_dirs(standards_dir),
            checks_dirs(checks_dir),
            profile,
            thresholds,
        )
        for notice in setup.notices:
            err.print(escape(notice(code)), style="yellow", highlight=False)
        loaded = load_description(file)
        # On stderr, so that a report on stdout stays clean.
        warn_upgraded(err, upgraded(loaded), code)
        warn_inconsistent(err, located(loaded, date.today()), code, most=5)
        if kpi_file is not None:
            loaded = with_computed_indicators(loaded, kpi_file)
        standards = select_standards(setup.catalogue, standard or [])
        verdicts = load_findings(findings) if findings is not None else None
        report = run_assessment(
            loaded,
            setup,
            standards,
            today=date.today(),
            tool_version=__version__,
            findings=verdicts,
        )
        if plan is not None:
            from dataclasses import replace

            from gbstd.assessment.actions import carry_forward
            from gbstd.reports.planbook import read_plan

            report = replace(report, actions=carry_forward(report.actions, read_plan(plan)))
        explanation = (
            view.explanation_table(report, explain_formula(setup.profile), code)
            if explain
            else None
        )
        if chosen is AssessFormat.table:
            if output is None:
                out.print(view.render(report, code, explanation, options))
            else:
                text = render_text(view.render(report, code, explanation, options))
                write_output(output, text, force)
        elif output is None:
            # Plain text straight to the stream: rich's layout engine would only slow it down.
            out.file.write(FILE_WRITERS[chosen.value](report, code, options).decode("utf-8"))
        else:
            save_report(
                report,
                output,
                chosen.value,
                code,
                protect=read_inputs(),
                force=force,
                options=options,
            )
        if output is not None:
            say_written(output, code)
    raise typer.Exit(int(ExitCode.GAPS_FOUND if falls_short(report, fail_under) else ExitCode.OK))


@checklist_app.command("export")
def checklist_export(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="输出 .xlsx 文件 Output workbook.")
    ],
    standard: Annotated[
        list[str] | None,
        typer.Option(
            "--standard", "-s", help="只导出这些标准（可重复）Only these standards (repeatable)."
        ),
    ] = None,
    centre: Annotated[
        Path | None,
        typer.Option(
            "--centre",
            help="预填自动结果的自述文件 Prefill automatic results from this centre.",
            dir_okay=False,
        ),
    ] = None,
    paper: Annotated[
        bool,
        typer.Option(
            "--paper",
            help="纸面核查表：纵向、可手写、带封面签字 A printable form with a signed cover.",
        ),
    ] = False,
    blind: Annotated[
        bool,
        typer.Option(
            "--blind", help="不列出自动结果，避免先入为主 Leave out the automatic results."
        ),
    ] = False,
    force: ForceOption = False,
    standards_dir: StandardsDirOption = None,
    checks_dir: ChecksDirOption = None,
    lang: LangOption = LangChoice.zh,
) -> None:
    """导出现场核查表（每个标准一个工作表）。Export the on-site checklist workbook.

    Requirement columns are locked; auditors fill in verdict (drop-down), finding, evidence,
    date and name.

    --paper gives a printable form instead (A4 portrait, tick boxes, a cover with the
    audit team's and the centre's sign-off); --blind leaves the automatic results out.

    Example: gbstd checklist export --centre examples/county-centre.yaml -o 核查表.xlsx
    """
    from datetime import date

    from gbstd import __version__
    from gbstd.assessment.run import assess as run_assessment
    from gbstd.assessment.run import prepare, select_standards
    from gbstd.description.loading import load_description
    from gbstd.errors import UsageError
    from gbstd.reports.checklist import build_checklist
    from gbstd.reports.excel import workbook_bytes

    code = lang.value
    with user_errors(code):
        refuse_overwrite(output, force)
        if output.suffix.lower() != ".xlsx":
            raise UsageError("核查表须保存为 .xlsx", "the checklist must be an .xlsx file")
        setup = prepare(user_dirs(standards_dir), checks_dirs(checks_dir))
        standards = select_standards(setup.catalogue, standard or [])
        report = None
        if centre is not None:
            loaded = load_description(centre)
            report = run_assessment(
                loaded, setup, standards, today=date.today(), tool_version=__version__
            )
        if paper:
            from gbstd.reports.checklistpaper import build_paper_checklist

            workbook = build_paper_checklist(standards, code, report, blind=blind)
        else:
            workbook = build_checklist(standards, code, report, blind=blind)
        write_output(output, workbook_bytes(workbook), force)
    say_written(output, code)


@checklist_app.command("import")
def checklist_import(
    workbook: Annotated[
        Path, typer.Argument(help="填写后的核查表 The filled-in checklist (.xlsx).")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="输出核查结论 YAML Findings file to write.")
    ],
    force: ForceOption = False,
    standards_dir: StandardsDirOption = None,
    lang: LangOption = LangChoice.zh,
) -> None:
    """读回核查表中的核查结论。Read the auditors' verdicts back from a checklist workbook.

    Every problem names its sheet and cell; unknown requirement ids, formulas and a requirement
    answered twice are refused; no answered row is dropped. Columns are found by their headers.
    Limits (50 MB unpacked, 20,000 rows a sheet): docs/assessment.md.

    Example: gbstd checklist import 核查表.xlsx -o findings.yaml
    """
    from gbstd.assessment.findings import dump_findings
    from gbstd.reports.checklist import read_checklist

    code = lang.value
    with user_errors(code):
        refuse_overwrite(output, force)
        known = open_catalogue(standards_dir, code).requirement_ids
        findings = read_checklist(workbook, known)
        write_output(output, dump_findings(findings), force)
    count = len(findings.findings)
    message = (
        f"读取 {count} 条核查结论，已写入 {output}"
        if code == "zh"
        else f"{count} findings written to {output}"
    )
    err.print(escape(message), highlight=False)


class DiffFormat(StrEnum):
    """Formats of ``diff``."""

    table = "table"
    json = "json"
    md = "md"


@app.command()
def diff(
    old: Annotated[
        Path, typer.Argument(help="旧的评估 JSON 或自述文件 Older assessment JSON or centre file.")
    ],
    new: Annotated[
        Path, typer.Argument(help="新的评估 JSON 或自述文件 Newer assessment JSON or centre file.")
    ],
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="table | json | md")
    ] = DiffFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件 Write to a file.")
    ] = None,
    standard: Annotated[
        list[str] | None,
        typer.Option(
            "--standard", "-s", help="评估自述文件时只用这些标准 Standards for centre files."
        ),
    ] = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="上次的整改计划（.xlsx）：逐项对照新评估，标出逾期未完成的 Track a previous plan.",
            dir_okay=False,
        ),
    ] = None,
    standards_dir: StandardsDirOption = None,
    checks_dir: ChecksDirOption = None,
    lang: LangOption = LangChoice.zh,
    force: ForceOption = False,
) -> None:
    """对比两次评估：新增和关闭的差距、回退、得分变化。Compare two assessments.

    Each side is a JSON written by `gbstd assess -f json` or a centre file (assessed now).
    With --plan, each action of a previous 整改计划 workbook is checked against the newer side:
    closed, still open, or overdue (past its deadline, open and not marked 已完成).
    Exit 4 when any requirement regressed or an action is overdue, 0 otherwise.

    Example: gbstd diff report-2025.json examples/county-centre.yaml
    """
    from datetime import date

    from gbstd import __version__
    from gbstd.assessment.comparison import compare, read_assessment_json
    from gbstd.reports import diff as view

    code = lang.value
    with user_errors(code):
        refuse_overwrite(output, force)
        sides = []
        setup = None
        for path in (old, new):
            if path.suffix.lower() == ".json":
                sides.append(read_assessment_json(path))
                continue
            from gbstd.assessment.run import assess as run_assessment
            from gbstd.assessment.run import prepare, select_standards
            from gbstd.description.loading import load_description
            from gbstd.reports.assessment import to_data

            if setup is None:
                setup = prepare(user_dirs(standards_dir), checks_dirs(checks_dir))
            report = run_assessment(
                load_description(path),
                setup,
                select_standards(setup.catalogue, standard or []),
                today=date.today(),
                tool_version=__version__,
            )
            sides.append(to_data(report, code))
        comparison = compare(sides[0], sides[1], old.name, new.name)
        if plan is not None:
            from dataclasses import replace

            from gbstd.assessment.actions import track
            from gbstd.reports.planbook import read_plan

            newer = sides[1]
            gaps = {r["requirement"] for r in newer["results"] if r.get("gap")}
            try:  # overdue as of the newer assessment; a hand-made JSON may not say when
                as_of = date.fromisoformat(str(newer.get("assessed_on")))
            except ValueError:
                as_of = date.today()
            comparison = replace(comparison, plan=track(read_plan(plan), gaps, as_of))
        if format is DiffFormat.table and output is None:
            out.print(view.render(comparison, code))
        else:
            text = {
                DiffFormat.json: view.to_json,
                DiffFormat.md: view.to_markdown,
                DiffFormat.table: lambda c, lang: render_text(view.render(c, lang)),
            }[format](comparison, code)
            deliver(text, output, code, force=force)
    overdue = any(t.overdue for t in comparison.plan)
    failing = comparison.has_regressions or overdue
    raise typer.Exit(int(ExitCode.GAPS_FOUND if failing else ExitCode.OK))
