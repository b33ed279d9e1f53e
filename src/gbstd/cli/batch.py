"""``gbstd batch``: assess many centres in parallel and summarise them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from gbstd.cli.groups import app
from gbstd.cli.options import (
    ChecksDirOption,
    ForceOption,
    LangChoice,
    LangOption,
    StandardsDirOption,
    checks_dirs,
    user_dirs,
)
from gbstd.cli.terminal import err, out, refuse_overwrite, say_written, user_errors, write_output
from gbstd.errors import ExitCode
from gbstd.i18n import Lang


@contextmanager
def _stopped_by_signals(lang: Lang) -> Iterator[None]:
    """Stop cleanly on Ctrl-C or SIGTERM: one line, exit 130/143, workers and temp files gone.

    SIGTERM is raised as KeyboardInterrupt, so that both unwind the same way: run_batch stops
    its workers, a half-written output's temporary file is removed, and openpyxl's temporary
    files go at exit (its atexit hook), none of which happens if SIGTERM just kills.
    """
    import signal
    import threading

    received = [signal.SIGINT]

    def interrupt(signum: int, _frame: object) -> None:
        received[0] = signal.Signals(signum)
        raise KeyboardInterrupt

    main = threading.current_thread() is threading.main_thread()  # handlers: main thread only
    previous = signal.signal(signal.SIGTERM, interrupt) if main else None
    try:
        yield
    except KeyboardInterrupt:
        err.print("已中断" if lang == "zh" else "interrupted", style="bold red", highlight=False)
        stopped = ExitCode.INTERRUPTED if received[0] == signal.SIGINT else ExitCode.TERMINATED
        raise typer.Exit(int(stopped)) from None
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


@app.command()
def batch(
    target: Annotated[
        str,
        typer.Argument(
            metavar="DIR_OR_GLOB", help="自述文件目录或通配符 A folder or glob of centre files."
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="汇总文件 Summary file (.xlsx or .json).")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="并行进程数 Worker processes (default: CPUs)."),
    ] = None,
    standard: Annotated[
        list[str] | None,
        typer.Option("--standard", "-s", help="只评估这些标准 Only these standards."),
    ] = None,
    profile: Annotated[
        Path | None, typer.Option("--profile", help="评分配置 Scoring profile.", dir_okay=False)
    ] = None,
    standards_dir: StandardsDirOption = None,
    checks_dir: ChecksDirOption = None,
    lang: LangOption = LangChoice.zh,
    force: ForceOption = False,
) -> None:
    """批量评估多个中心，无效文件报告并跳过。Assess many centres; invalid files are reported and skipped.

    The summary has one row per centre, a ranking and the gaps most common across centres.
    Exit 3 if any file was invalid (the others are still summarised, the invalid ones listed),
    else 4 if any centre has gaps, else 0; 130 on Ctrl-C, 143 on SIGTERM (nothing written).

    Example: gbstd batch centres/ -o summary.xlsx --jobs 2
    """
    from datetime import date

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from gbstd.assessment.batch import default_jobs, expand, run_batch
    from gbstd.errors import UsageError
    from gbstd.reports import batch as view
    from gbstd.reports.excel import workbook_bytes

    code = lang.value
    with user_errors(code), _stopped_by_signals(code):
        refuse_overwrite(output, force)
        if output is not None and output.suffix.lower() not in {".xlsx", ".json"}:
            raise UsageError("汇总文件须为 .xlsx 或 .json", "the summary must be .xlsx or .json")
        files = expand(target)
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        # The workbook's long first sheet is written while the workers assess.
        book = view.SummaryWorkbook(code) if output and output.suffix.lower() == ".xlsx" else None
        try:
            with Progress(
                *columns, console=err, transient=True, disable=not err.is_terminal
            ) as bar:
                task = bar.add_task("评估中" if code == "zh" else "assessing", total=len(files))
                summary = run_batch(
                    files,
                    jobs=jobs or default_jobs(),
                    standards_dirs=user_dirs(standards_dir),
                    checks_dirs=checks_dirs(checks_dir),
                    profile=profile,
                    queries=standard or [],
                    today=date.today(),
                    progress=lambda n: bar.advance(task, n),
                    sink=book,
                )
            if output is None:
                out.print(view.render(summary, code))
            elif book is None:
                write_output(output, view.to_json(summary, code), force, *files)
            else:
                write_output(output, workbook_bytes(book.finish(summary)), force, *files)
        except BaseException:  # interrupted, or the setup is invalid: no half-written leftovers
            if book is not None:
                book.discard()
            raise
        if output is not None:
            say_written(output, code)
            if summary.failures:  # not only in the file: whoever ran it must see them too
                count = len(summary.failures)
                err.print(
                    f"{count} 个文件无效，已跳过（详见 {output}）："
                    if code == "zh"
                    else f"{count} invalid files skipped (listed in {output}):",
                    style="bold red",
                    highlight=False,
                    markup=False,
                )
                for line in view.failure_lines(summary, code):
                    err.print(line, highlight=False, markup=False, soft_wrap=True)
    if summary.failures:
        raise typer.Exit(int(ExitCode.INVALID_INPUT))
    raise typer.Exit(int(ExitCode.GAPS_FOUND if summary.has_gaps else ExitCode.OK))
