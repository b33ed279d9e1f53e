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
    say_written,
    user_errors,
    write_output,
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


class KpiEngine(StrEnum):
    """SQL engines of ``kpi``."""

    duckdb = "duckdb"
    spark = "spark"


class KpiDialect(StrEnum):
    """SQL dialects ``kpi --emit-sql`` prints."""

    spark = "spark"
    trino = "trino"
    doris = "doris"
    duckdb = "duckdb"


@app.command()
def kpi(
    cases: Annotated[
        str | None,
        typer.Argument(
            help="办件记录 Case records (.csv, .xlsx, .parquet; with Spark also globs, hdfs://, "
            "s3a://).",
            show_default=False,
        ),
    ] = None,
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
        KpiFormat | None, typer.Option("--format", "-f", help="table | json | xlsx")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件 Write to a file.")
    ] = None,
    engine: Annotated[
        KpiEngine, typer.Option("--engine", help="SQL 引擎 SQL engine: duckdb | spark")
    ] = KpiEngine.duckdb,
    spark_master: Annotated[
        str, typer.Option("--spark-master", help="Spark master URL（--engine spark）.")
    ] = "local[*]",
    table: Annotated[
        str | None,
        typer.Option("--table", help="Spark 上的数仓表 A warehouse table (db.table) on Spark."),
    ] = None,
    emit_sql: Annotated[
        KpiDialect | None,
        typer.Option(
            "--emit-sql", help="打印指标 SQL 后退出 Print the indicator SQL in this dialect."
        ),
    ] = None,
    lang: LangOption = LangChoice.zh,
    force: ForceOption = False,
) -> None:
    """从办件记录计算窗口服务评价指标（GB/T 32169.4）。Compute window-service indicators.

    Formulas, weights and bands are the toolkit's documented defaults (the standard's are
    unknown); the output says so. Bad rows are counted and sampled, never dropped silently.

    Example: gbstd kpi cases.csv --by window -o kpi.xlsx
    (on Spark: gbstd kpi 'hdfs:///cases/2026-*.parquet' --engine spark --spark-master yarn;
    the SQL for another platform: gbstd kpi --emit-sql trino)
    """
    from gbstd.kpi.compute import compute
    from gbstd.reports import kpi as view
    from gbstd.reports.excel import workbook_bytes

    code = lang.value
    with user_errors(code):
        if emit_sql is not None:
            from gbstd.kpi.dialects import emit

            deliver(emit(emit_sql.value), output, code, force=force)
            return
        refuse_overwrite(output, force)
        # CASES is text (a Spark URI may be one), so the Path protection does not see it.
        local = [Path(cases)] if cases and "://" not in cases else []
        if output is not None:
            from gbstd.io.outputs import refuse_input

            refuse_input(output, local)
        suffixes = {".json": KpiFormat.json, ".xlsx": KpiFormat.xlsx, ".txt": KpiFormat.table}
        chosen = choose_format(format, output, suffixes, KpiFormat.table, KpiFormat.xlsx)
        options = {
            "mapping": mapping,
            "profile": profile,
            "matters": matters,
            "by": by.value,
            "calendar": calendar,
        }
        if engine is KpiEngine.spark:
            from gbstd.kpi.spark import local_session

            with local_session(spark_master) as session:
                result = compute(cases, table=table, spark=session, **options)
        else:
            result = compute(Path(cases) if cases else None, table=table, **options)
        if chosen is KpiFormat.table and output is None:
            out.print(view.render(result, code))
            return
        if chosen is KpiFormat.xlsx:
            content: str | bytes = workbook_bytes(view.build(result, code))
        elif chosen is KpiFormat.json:
            content = view.to_json(result, code)
        else:
            content = render_text(view.render(result, code))
        if output is None:
            deliver(content, output, code, force=force)
        else:
            write_output(output, content, force, *local)
            say_written(output, code)
