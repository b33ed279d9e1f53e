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
    write_output,
)


class Level(StrEnum):
    """Administrative levels for ``init``."""

    province = "province"
    city = "city"
    county = "county"
    township = "township"


@app.command()
def init(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="写入文件（不覆盖已有文件）Write here; never overwrites."
        ),
    ] = None,
    level: Annotated[
        Level, typer.Option("--level", help="中心层级 Administrative level.")
    ] = Level.county,
    name: Annotated[str | None, typer.Option("--name", help="中心名称 Name of the centre.")] = None,
    force: ForceOption = False,
    lang: LangOption = LangChoice.zh,
) -> None:
    """生成带注释的自述文件模板。Write an annotated starter self-description.

    Every field is explained in a comment; the file validates as written.

    Example: gbstd init --level township -o centre.yaml
    """
    from gbstd.description.starter import render

    text = render(level.value, lang.value, name)
    with user_errors(lang.value):
        if output is None:
            out.print(text, markup=False, highlight=False, soft_wrap=True, end="")
            return
        refuse_overwrite(output, force)
        write_output(output, text, force)
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
    from gbstd.description.loading import load_description, reference_problems
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
    warn_inconsistent(out, located(loaded, date.today()), lang.value)
