"""What every command does at the terminal: print, fail as a user error, and write outputs.

Outputs never overwrite an input: each command's Path parameters are remembered while it runs
(``remember_inputs``), so ``read_inputs`` knows them without a list kept by hand.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from gbstd.cli.options import CHECKS_PATH_ENV, STANDARDS_PATH_ENV, env_dirs, user_dirs
from gbstd.errors import GbstdError
from gbstd.i18n import Lang

if TYPE_CHECKING:
    from gbstd.catalogue.loading import Catalogue
    from gbstd.errors import Problem

out = Console(soft_wrap=False)
err = Console(stderr=True)

F = TypeVar("F", bound=StrEnum)


@contextmanager
def user_errors(lang: Lang) -> Iterator[None]:
    """Turn a GbstdError into a message on stderr and its exit code; let bugs propagate."""
    try:
        yield
    except GbstdError as exc:
        label = "error" if lang == "en" else "错误"
        lines = exc.render(lang).splitlines() or [""]
        if len(lines) == 1:
            err.print(f"[bold red]{label}:[/] {escape(lines[0])}", highlight=False, soft_wrap=True)
        else:
            count = f"{len(lines)} problems" if lang == "en" else f"共 {len(lines)} 处问题"
            err.print(f"[bold red]{label}:[/] {count}", highlight=False)
            for line in lines:
                err.print(escape(line), highlight=False, soft_wrap=True)
        raise typer.Exit(int(exc.exit_code)) from None


# The Path arguments and options of the running command, set by ``remember_inputs``.
_COMMAND_INPUTS: ContextVar[tuple[Path, ...]] = ContextVar("command_inputs", default=())


def remember_inputs(callback: Callable[..., None]) -> Callable[..., None]:
    """Wrap a command so that ``read_inputs`` knows every Path it was given but ``--output``."""

    @functools.wraps(callback)  # Typer reads the parameters through __wrapped__
    def command(*args: object, **params: object) -> None:
        values: list[object] = []
        for name, value in params.items():
            if name != "output":
                values += value if isinstance(value, list) else [value]
        token = _COMMAND_INPUTS.set(tuple(v for v in values if isinstance(v, Path)))
        try:
            callback(*args, **params)
        finally:
            _COMMAND_INPUTS.reset(token)

    return command


def also_reads(*paths: Path) -> None:
    """Protect files the running command reads that no Path parameter names.

    For a text argument that may also be a URI, as kpi's case records on Spark.
    """
    _COMMAND_INPUTS.set((*_COMMAND_INPUTS.get(), *paths))


def read_inputs(*extra: Path | None) -> tuple[Path, ...]:
    """Every file and folder the running command reads, to be protected from its output.

    Taken from the command's own parameters, so a new Path option is protected without being
    listed anywhere: every Path argument and option but ``--output``, the pack folders in the
    environment, and ``extra`` (what a command reads that no option names, e.g. batch's files).
    """
    env = env_dirs(STANDARDS_PATH_ENV) + env_dirs(CHECKS_PATH_ENV)
    return (*_COMMAND_INPUTS.get(), *env, *(p for p in extra if p is not None))


def refuse_overwrite(path: Path | None, force: bool) -> None:
    """Refuse, before any work, an output that exists (without --force) or is an input.

    The write itself checks again, atomically (``outputs.staged_file``).

    Raises:
        OutputExistsError: the file exists and ``force`` is False.
        OutputInUseError: the file is one the command reads.
    """
    from gbstd.io.outputs import exists_error, refuse_input

    if path is None:
        return
    if (path.exists() or path.is_symlink()) and not force:
        raise exists_error(path)
    refuse_input(path, read_inputs())


def write_output(output: Path, content: str | bytes, force: bool, *extra: Path) -> None:
    """Write ``content`` to ``output`` atomically, never over an input, replacing only if forced."""
    from gbstd.io.outputs import write_atomic

    write_atomic(output, content, protect=read_inputs(*extra), force=force)


def choose_format(
    explicit: F | None,
    output: Path | None,
    suffixes: dict[str, F],
    default: F,
    file_only: F | None = None,
) -> F:
    """Pick an output format: --format, else the output file's suffix, else the default.

    Raises:
        UsageError: the suffix names no format, or ``file_only`` was chosen without -o.
    """
    from gbstd.errors import UsageError

    chosen = explicit
    if chosen is None and output is not None:
        chosen = suffixes.get(output.suffix.lower())
        if chosen is None:
            known = " ".join(suffixes)
            raise UsageError(
                f"无法从后缀 {output.suffix or '（无）'} 判断格式；可用 {known}，或加 --format",
                f"cannot tell the format from '{output.suffix}'; use {known} or --format",
            )
    chosen = chosen if chosen is not None else default
    if file_only is not None and chosen == file_only and output is None:
        raise UsageError(
            f"{chosen} 格式需要用 -o 指定输出文件", f"the {chosen} format needs -o FILE"
        )
    return chosen


def deliver(content: str | bytes, output: Path | None, lang: Lang, *, force: bool) -> None:
    """Write ``content`` to ``output`` (see ``write_output``), or to stdout."""
    if output is None:
        out.file.write(content.decode("utf-8") if isinstance(content, bytes) else content)
    else:
        write_output(output, content, force)
        say_written(output, lang)


def say_written(path: Path, lang: Lang) -> None:
    """Tell the user (on stderr) where the output went."""
    err.print(escape(f"已写入 {path}" if lang == "zh" else f"written to {path}"), highlight=False)


def open_catalogue(explicit: list[Path] | None, lang: Lang) -> Catalogue:
    """Load the catalogue with the user's packs and announce replacements on stderr."""
    from gbstd.catalogue.loading import load_catalogue

    catalogue = load_catalogue(user_dirs(explicit))
    for notice in catalogue.notices:
        err.print(escape(notice(lang)), style="yellow", highlight=False)
    return catalogue


def render_text(renderable: object, width: int = 100) -> str:
    """Lay out ``renderable`` as plain text (for a file), as a terminal this wide would."""
    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def warn_upgraded(console: Console, found: list[Problem], lang: Lang) -> None:
    """Say that a file of an earlier format version was read as the current one, and how."""
    heading = (
        "format version 1: read as version 2 (gbstd convert IN OUT writes the file anew):"
        if lang == "en"
        else "格式版本 1：已按版本 2 读取（可用 gbstd convert 输入 输出 另存为新版本）："
    )
    _warn(console, heading, found, lang)


def warn_inconsistent(console: Console, found: list[Problem], lang: Lang, most: int = 0) -> None:
    """Print facts that disagree, one per line; with ``most``, only that many and a count."""
    heading = (
        f"{len(found)} warning(s): facts that disagree (verdicts unchanged; check which is right)"
        if lang == "en"
        else f"警告 {len(found)} 处：以下事实互相矛盾（不改变评估结论，请核对哪一个有误）"
    )
    shown = _warn(console, heading, found[:most] if most else found, lang)
    if shown < len(found):
        rest = len(found) - shown
        console.print(
            f"… and {rest} more: gbstd validate lists them all"
            if lang == "en"
            else f"…… 另有 {rest} 处：gbstd validate 列出全部",
            highlight=False,
            soft_wrap=True,
        )


def _warn(console: Console, heading: str, problems: list[Problem], lang: Lang) -> int:
    """A yellow heading and one line per problem (nothing without problems); how many shown."""
    if problems:
        console.print(heading, style="yellow", highlight=False, soft_wrap=True)
    for problem in problems:
        console.print(escape(problem.render(lang)), highlight=False, soft_wrap=True)
    return len(problems)
