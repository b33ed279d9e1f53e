"""Command-line interface: translate options into library calls and print what they return.

Heavy modules (pydantic models, the catalogue, reporters) are imported inside the commands so
that ``gbstd --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .errors import GbstdError
from .i18n import Lang

if TYPE_CHECKING:
    from .catalogue import Catalogue

EXIT_CODES_HELP = (
    "退出码 Exit codes: 0 成功 ok · 2 用法错误 usage error · 3 输入无效 invalid input "
    "(file, YAML, schema, unknown standard) · 4 发现差距 gaps found · 1 程序缺陷 a bug (please report)."
)

app = typer.Typer(
    name="gbstd",
    help=(
        "检查政务服务中心是否符合 GB/T 32168、32169.1–.4、32170.1–.2 (2015)。\n\n"
        "Check a government service centre (政务服务中心) against its seven national standards.\n\n"
        "Example: gbstd standards show 32169.4 --depth 2"
    ),
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
standards_app = typer.Typer(
    help="浏览和检查标准条款树。Browse and lint the standards' clause trees.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(standards_app, name="standards")

out = Console(soft_wrap=False)
err = Console(stderr=True)

STANDARDS_PATH_ENV = "GBSTD_STANDARDS_PATH"


class LangChoice(StrEnum):
    """Output language."""

    zh = "zh"
    en = "en"


class ListFormat(StrEnum):
    """Formats of ``standards list``."""

    table = "table"
    json = "json"


class ShowFormat(StrEnum):
    """Formats of ``standards show``."""

    tree = "tree"
    json = "json"
    md = "md"


LangOption = Annotated[
    LangChoice,
    typer.Option("--lang", envvar="GBSTD_LANG", help="输出语言 Output language (zh|en)."),
]
StandardsDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--standards-dir",
        help=(
            "用户标准包目录，可重复；同编号者替换内置标准。Folder of user standards (repeatable); "
            f"a standard with a built-in's number replaces it. Also ${STANDARDS_PATH_ENV}."
        ),
        file_okay=False,
    ),
]


@contextmanager
def user_errors(lang: Lang) -> Iterator[None]:
    """Turn a GbstdError into a message on stderr and its exit code; let bugs propagate."""
    try:
        yield
    except GbstdError as exc:
        label = "error" if lang == "en" else "错误"
        lines = exc.render(lang).splitlines() or [""]
        if len(lines) == 1:
            err.print(f"[bold red]{label}:[/] {escape(lines[0])}", highlight=False)
        else:
            count = f"{len(lines)} problems" if lang == "en" else f"共 {len(lines)} 处问题"
            err.print(f"[bold red]{label}:[/] {count}", highlight=False)
            for line in lines:
                err.print(escape(line), highlight=False, soft_wrap=True)
        raise typer.Exit(int(exc.exit_code)) from None


def user_dirs(explicit: list[Path] | None) -> list[Path]:
    """Return the user pack folders: the environment variable's first, then ``--standards-dir``."""
    from_env = [Path(p) for p in os.environ.get(STANDARDS_PATH_ENV, "").split(os.pathsep) if p]
    return from_env + list(explicit or [])


def open_catalogue(explicit: list[Path] | None, lang: Lang) -> Catalogue:
    """Load the catalogue with the user's packs and announce replacements on stderr."""
    from .catalogue import load_catalogue

    catalogue = load_catalogue(user_dirs(explicit))
    for notice in catalogue.notices:
        err.print(escape(notice(lang)), style="yellow", highlight=False)
    return catalogue


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
    from .reporters import catalogue as view

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
    from .errors import UnknownStandardError
    from .reporters import catalogue as view

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

    Each problem prints as file:line:column: field: message. Exit 0 valid, 3 invalid.

    Example: gbstd standards lint my-pack/
    """
    from .catalogue import lint_paths
    from .errors import InvalidInputError

    with user_errors(lang.value):
        problems = lint_paths(paths)
        if problems:
            raise InvalidInputError(problems)
    message = "All valid." if lang is LangChoice.en else "全部有效。"
    out.print(message, style="green", highlight=False)


def main() -> None:
    """Entry point of the ``gbstd`` console script."""
    app(prog_name="gbstd")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
