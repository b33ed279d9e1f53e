"""``gbstd init``, ``gbstd schema`` and ``gbstd validate``: the self-description file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gbstd.cli.groups import app
from gbstd.cli.options import ForceOption, LangChoice, LangOption, StandardsDirOption
from gbstd.cli.terminal import (
    open_catalogue,
    out,
    refuse_overwrite,
    say_written,
    user_errors,
    warn_inconsistent,
    warn_upgraded,
    write_output,
)


class Level(StrEnum):
    """Administrative levels for ``init``."""

    province = "province"
    city = "city"
    county = "county"
    township = "township"


class Online(StrEnum):
    """The centre's online service, for ``init``."""

    yes = "yes"
    no = "no"
    provincial = "provincial"


@app.command()
def init(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="写入文件（不覆盖已有文件）；.xlsx 写自评表 Write here; .xlsx writes the questionnaire.",
        ),
    ] = None,
    level: Annotated[
        Level, typer.Option("--level", help="中心层级 Administrative level.")
    ] = Level.county,
    online: Annotated[
        Online | None,
        typer.Option(
            "--online",
            help="网上服务：yes 自建网上大厅、provincial 依托省级平台、no 没有 "
            "Online service: own hall, the provincial platform, or none.",
        ),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="中心名称 Name of the centre.")] = None,
    force: ForceOption = False,
    lang: LangOption = LangChoice.zh,
) -> None:
    """生成自述文件模板或自评表。Write a starter self-description, or the questionnaire.

    Only what applies to such a centre is asked; the file validates as written. With
    -o NAME.xlsx, the questionnaire workbook (自评表) to fill in with Excel or WPS.

    Example: gbstd init --level township --online no -o 自评表.xlsx
    """
    from gbstd.catalogue.factuse import starter_plan
    from gbstd.description.starter import render

    with user_errors(lang.value):
        refuse_overwrite(output, force)
        plan = starter_plan(level.value, online.value if online else None)
        if output is not None and output.suffix.lower() == ".xlsx":
            from gbstd.description.questionnaire import layout
            from gbstd.reports.questionnaire import questionnaire_bytes, starter_data

            data = starter_data(level.value, name, plan.presets)
            content: str | bytes = questionnaire_bytes(layout(plan.asked), data, plan.feeds)
        else:
            content = render(level.value, lang.value, name, plan.asked, plan.presets)
        if output is None:
            out.print(content, markup=False, highlight=False, soft_wrap=True, end="")
            return
        write_output(output, content, force)
    say_written(output, lang.value)


@app.command()
def convert(
    source: Annotated[
        Path, typer.Argument(metavar="IN", help="自述文件（.yaml 或 .xlsx）The self-description.")
    ],
    # Named output: every other Path parameter is an input the write must never replace.
    output: Annotated[
        Path, typer.Argument(metavar="OUT", help="输出（.yaml 或 .xlsx）The converted file.")
    ],
    force: ForceOption = False,
    lang: LangOption = LangChoice.zh,
) -> None:
    """在 YAML 与自评表（.xlsx）之间转换，不丢失内容。Convert between YAML and the questionnaire.

    Every fact is kept: converting back gives the same data (comments in YAML are not kept).
    A file of format version 1 is written as version 2, and what moved is listed.

    Example: gbstd convert 自评表.xlsx centre.yaml
    """
    from gbstd.description.loading import load_description, upgraded

    with user_errors(lang.value):
        refuse_overwrite(output, force)
        loaded = load_description(source)
        warn_upgraded(out, upgraded(loaded), lang.value)
        if output.suffix.lower() == ".xlsx":
            from gbstd.catalogue.factuse import questionnaire_feeds
            from gbstd.description.questionnaire import layout
            from gbstd.reports.questionnaire import questionnaire_bytes

            data = loaded.description.model_dump(mode="json", exclude_none=True)
            content: str | bytes = questionnaire_bytes(layout(), data, questionnaire_feeds())
        else:
            from gbstd.description.yamlform import description_yaml

            content = description_yaml(loaded.description, source.name)
        write_output(output, content, force)
    say_written(output, lang.value)


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件 Write to a file.")
    ] = None,
    force: ForceOption = False,
) -> None:
    """输出自述文件的 JSON Schema，供编辑器补全和校验。Print the JSON Schema of the self-description.

    Example: gbstd schema -o centre.schema.json
    """
    from gbstd.description.schema import json_schema

    text = json_schema()
    with user_errors("zh"):
        refuse_overwrite(output, force)
        if output is None:
            out.print(text, markup=False, highlight=False, soft_wrap=True, end="")
        else:
            write_output(output, text, force)


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="中心自述文件 The centre's self-description.")],
    standards_dir: StandardsDirOption = None,
    lang: LangOption = LangChoice.zh,
) -> None:
    """校验自述文件，一次报告全部问题。Validate a self-description, reporting every problem.

    Each problem prints as file:line:column: field.path: message. Exit 0 valid, 3 invalid.

    Example: gbstd validate centre.yaml
    """
    from datetime import date

    from gbstd.description.consistency import located
    from gbstd.description.loading import load_description, reference_problems, upgraded
    from gbstd.errors import InvalidInputError

    with user_errors(lang.value):
        loaded = load_description(file)
        problems = reference_problems(loaded, open_catalogue(standards_dir, lang.value))
        if problems:
            raise InvalidInputError(problems)
    out.print(
        f"{file}: " + ("valid." if lang is LangChoice.en else "有效。"),
        style="green",
        highlight=False,
        soft_wrap=True,
    )
    # Facts that disagree leave the file valid: list them, exit 0.
    warn_upgraded(out, upgraded(loaded), lang.value)
    warn_inconsistent(out, located(loaded, date.today()), lang.value)
