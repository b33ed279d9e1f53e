"""``gbstd standards list|show|lint`` and ``gbstd checks lint``: browse and lint the catalogue."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gbstd.cli.groups import checks_app, standards_app
from gbstd.cli.options import LangChoice, LangOption, StandardsDirOption
from gbstd.cli.terminal import open_catalogue, out, user_errors


class ListFormat(StrEnum):
    """Formats of ``standards list``."""

    table = "table"
    json = "json"


class ShowFormat(StrEnum):
    """Formats of ``standards show``."""

    tree = "tree"
    json = "json"
    md = "md"


@standards_app.command("list")
def standards_list(
    format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="table | json")
    ] = ListFormat.table,
    all_: Annotated[
        bool, typer.Option("--all", "-a", help="包括扩展标准包 Include extra packs.")
    ] = False,
    standards_dir: StandardsDirOption = None,
    lang: LangOption = LangChoice.zh,
) -> None:
    """列出标准。List the standards in the catalogue.

    Example: gbstd standards list --all --format json
    """
    from gbstd.reports import catalogue as view

    with user_errors(lang.value):
        entries = open_catalogue(standards_dir, lang.value).listed(include_extras=all_)
    if format is ListFormat.json:
        out.print(
            view.list_json(entries, lang.value), markup=False, highlight=False, soft_wrap=True
        )
        return
    out.print(view.list_table(entries, lang.value))
    if not all_:
        hint = ("（扩展标准包未列出，加 --all 查看）", "(extra packs hidden; add --all)")
        out.print(hint[1] if lang is LangChoice.en else hint[0], style="dim", highlight=False)


@standards_app.command("show")
def standards_show(
    standard_id: Annotated[
        str, typer.Argument(metavar="ID", help="如 32169.4、GB/T 32169.4-2015、gbt-32168")
    ],
    clause: Annotated[
        str | None, typer.Option("--clause", "-c", help="只显示此节点 Only this node (e.g. 6.1).")
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth",
            "-d",
            min=1,
            help="向下显示的层数 Levels to show below the standard or --clause node.",
        ),
    ] = None,
    format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="tree | json | md")
    ] = ShowFormat.tree,
    standards_dir: StandardsDirOption = None,
    lang: LangOption = LangChoice.zh,
) -> None:
    """显示一个标准的条款树。Show one standard's clause tree.

    ID is forgiving: GB/T 32169.4-2015, 32169.4 and gbt-32169.4 all resolve.

    Example: gbstd standards show 32168 --clause 6 --depth 1
    """
    from gbstd.errors import UnknownStandardError
    from gbstd.reports import catalogue as view

    code = lang.value
    with user_errors(code):
        standard = open_catalogue(standards_dir, code).resolve(standard_id).standard
        node = None
        if clause is not None:
            node = standard.find(clause)
            if node is None:
                raise UnknownStandardError(
                    f"{standard.number} 中没有节点“{clause}”",
                    f"{standard.number} has no node '{clause}'",
                )
    if format is ShowFormat.json:
        data = (
            view.standard_json(standard, code, depth)
            if node is None
            else __import__("json").dumps(
                view.node_json(node, code, depth),
                ensure_ascii=False,
                indent=2,
            )
        )
        out.print(data, markup=False, highlight=False, soft_wrap=True)
    elif format is ShowFormat.md:
        out.print(
            view.standard_markdown(standard, code, node, depth),
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    else:
        out.print(view.standard_tree(standard, code, node, depth))
        out.print(
            view.DERIVED_NOTE(code),
            style="dim",
            highlight=False,
        )


@standards_app.command("lint")
def standards_lint(
    paths: Annotated[list[Path], typer.Argument(help="标准文件或目录 Standard files or folders.")],
    lang: LangOption = LangChoice.zh,
) -> None:
    """检查自定义标准包，一次报告全部问题。Validate a custom pack, reporting every problem.

    Applicability conditions (`when`) are type-checked against the self-description format, as
    checks are. Each problem prints as file:line:column: field: message. Exit 0 valid, 3 invalid.

    Example: gbstd standards lint my-pack/
    """
    from gbstd.catalogue.loading import lint_paths
    from gbstd.errors import InvalidInputError

    with user_errors(lang.value):
        problems = lint_paths(paths)
        if problems:
            raise InvalidInputError(problems)
    message = "All valid." if lang is LangChoice.en else "全部有效。"
    out.print(message, style="green", highlight=False)


@checks_app.command("lint")
def checks_lint(
    paths: Annotated[
        list[Path], typer.Argument(help="检查项文件或目录 Checklist files or folders.")
    ],
    lang: LangOption = LangChoice.zh,
) -> None:
    """检查自定义检查项：编译、类型、事实、函数与迭代预算。Validate checklist files.

    Every expression is type-checked against the self-description format: unknown facts and
    functions, wrong operand types, constant errors (1/0) and unbounded iteration are errors;
    `gbstd assess --checks-dir` applies the same rules. Each problem prints as
    file:line:column: field: message. Exit 0 valid, 3 invalid.

    Example: gbstd checks lint my-checks/
    """
    from gbstd.catalogue.checks import lint_checklists
    from gbstd.errors import InvalidInputError

    with user_errors(lang.value):
        problems = lint_checklists(paths, open_catalogue(None, lang.value))
        if problems:
            raise InvalidInputError(problems)
    message = "All valid." if lang is LangChoice.en else "全部有效。"
    out.print(message, style="green", highlight=False)
