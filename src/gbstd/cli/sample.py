"""``gbstd sample centres|cases``: deterministic synthetic data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from gbstd.cli.groups import sample_app
from gbstd.cli.options import ForceOption, LangChoice, LangOption
from gbstd.cli.terminal import err, user_errors


@sample_app.command("centres")
def sample_centres(
    count: Annotated[int, typer.Option("-n", "--count", min=1, help="中心数量 How many centres.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="输出目录 Output folder.", file_okay=False)
    ],
    seed: Annotated[int, typer.Option("--seed", help="随机种子 Seed; same seed, same files.")] = 0,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="替换 gbstd 此前生成且未改动的目录 Replace a folder gbstd wrote (if unchanged).",
        ),
    ] = False,
    lang: LangOption = LangChoice.zh,
) -> None:
    """生成合成的中心自述文件（各层级、地区比例接近全国）。Write synthetic centre files.

    Example: gbstd sample centres -n 40451 -o centres/
    """
    from gbstd.sample.centres import write_centres

    with user_errors(lang.value):
        written = write_centres(count, output, seed, force=force)
    message = (
        f"已生成 {written} 个中心于 {output}"
        if lang is LangChoice.zh
        else f"{written} centres written to {output}"
    )
    err.print(escape(message), highlight=False)


@sample_app.command("cases")
def sample_cases(
    rows: Annotated[int, typer.Option("--rows", min=1, help="办件行数 How many case records.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="输出文件 .csv 或 .parquet", dir_okay=False)
    ],
    centres: Annotated[
        int, typer.Option("--centres", min=1, help="分属的中心数 Centres the cases belong to.")
    ] = 1,
    seed: Annotated[int, typer.Option("--seed", help="随机种子 Seed; same seed, same data.")] = 0,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            help="导出日期（默认今天）；记录为其前 12 个整月 Export date (default today); the "
            "records cover the 12 full months before it.",
        ),
    ] = None,
    force: ForceOption = False,
    lang: LangOption = LangChoice.zh,
) -> None:
    """生成合成的办件记录（CSV 或 Parquet）。Write synthetic case records.

    Example: gbstd sample cases --rows 1000000 --as-of 2026-12-04 -o cases.parquet
    """
    from gbstd.sample.cases import write_cases

    with user_errors(lang.value):
        written = write_cases(
            rows,
            output,
            seed,
            centres=centres,
            force=force,
            as_of=as_of.date() if as_of else None,
        )
    message = (
        f"已生成 {written} 条办件记录于 {output}"
        if lang is LangChoice.zh
        else f"{written} cases written to {output}"
    )
    err.print(escape(message), highlight=False)
