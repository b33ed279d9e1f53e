"""``gbstd kpi``: window-service indicators from case records."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gbstd.cli.groups import app
from gbstd.cli.options import ForceOption, LangChoice, LangOption
from gbstd.cli.terminal import (
    choose_format,
    deliver,
    out,
    refuse_overwrite,
    render_text,
    user_errors,
)


class KpiBy(StrEnum):
    """Groupings of ``kpi``."""

    centre = "centre"
    department = "department"
    window = "window"
    month = "month"


class KpiFormat(StrEnum):
    """Formats of ``kpi``."""

    table = "table"
    json = "json"
    xlsx = "xlsx"
    html = "html"
    docx = "docx"


@app.command()
def kpi(
    cases: Annotated[
        Path, typer.Argument(help="办件记录 Case records (.csv, .xlsx, .parquet).", dir_okay=False)
    ],
    profile: Annotated[
        Path | None,
        typer.Option("--profile", help="评价配置 Evaluation profile YAML.", dir_okay=False),
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="列名映射 Column mapping YAML.", dir_okay=False)
    ] = None,
    matters: Annotated[
        Path | None,
        typer.Option(
            "--matters", help="事项清单 CSV（事项进驻落实率的分母）Matters list.", dir_okay=False
        ),
    ] = None,
    calendar: Annotated[
        Path | None,
        typer.Option(
            "--calendar", help="日历覆盖文件 Calendar override (YAML or CSV).", dir_okay=False
        ),
    ] = None,
    by: Annotated[
        KpiBy, typer.Option("--by", help="分组 centre | department | window | month")
    ] = KpiBy.centre,
    format: Annotated[
        KpiFormat | None, typer.Option("--format", "-f", help="table | json | xlsx | html | docx")
    ] = None,
    centre: Annotated[
        str | None,
        typer.Option("--centre", help="报告抬头的中心或地区名称 Centre or region for the title."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件 Write to a file.")
    ] = None,
    lang: LangOption = LangChoice.zh,
    force: ForceOption = False,
) -> None:
    """从办件记录计算窗口服务评价指标（GB/T 32169.4）。Compute window-service indicators.

    Formulas, weights and bands are the toolkit's documented defaults (the standard's are
    unknown); the output says so. Bad rows are counted and sampled, never dropped silently.

    Example: gbstd kpi cases.csv --by window --centre 青岚县政务服务中心 -o kpi.docx
    """
    from gbstd.kpi.compute import compute
    from gbstd.reports import kpi as view

    code = lang.value
    with user_errors(code):
        refuse_overwrite(output, force)
        suffixes = {
            ".json": KpiFormat.json,
            ".xlsx": KpiFormat.xlsx,
            ".txt": KpiFormat.table,
            ".html": KpiFormat.html,
            ".htm": KpiFormat.html,
            ".docx": KpiFormat.docx,
        }
        chosen = choose_format(format, output, suffixes, KpiFormat.table, KpiFormat.xlsx)
        if chosen is KpiFormat.docx:  # a second binary format: a file, never the terminal
            choose_format(chosen, output, suffixes, KpiFormat.table, KpiFormat.docx)
        result = compute(
            cases, mapping=mapping, profile=profile, matters=matters, by=by.value, calendar=calendar
        )
        if chosen is KpiFormat.table and output is None:
            out.print(view.render(result, code))
            return
        if chosen is KpiFormat.xlsx:
            from gbstd.reports.excel import workbook_bytes
            from gbstd.reports.kpibook import build

            content: str | bytes = workbook_bytes(build(result, code, centre=centre))
        elif chosen is KpiFormat.html:
            from gbstd.reports.kpidoc import to_html

            content = to_html(result, code, centre=centre)
        elif chosen is KpiFormat.docx:
            from gbstd.reports.kpidoc import to_docx

            content = to_docx(result, code, centre=centre)
        elif chosen is KpiFormat.json:
            content = view.to_json(result, code)
        else:
            content = render_text(view.render(result, code))
        deliver(content, output, code, force=force)
