"""Command-line interface: translate options into library calls and print what they return.

Heavy modules (pydantic models, the catalogue, reporters) are imported inside the commands so
that ``gbstd --help`` stays fast.
"""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from gbstd.errors import ExitCode, GbstdError
from gbstd.i18n import Lang

if TYPE_CHECKING:
    from gbstd.catalogue.loading import Catalogue
    from gbstd.errors import Problem

EXIT_CODES_HELP = (
    "退出码 Exit codes: 0 成功 ok · 2 用法错误 usage error · 3 输入无效 invalid input "
    "(file, YAML, schema, unknown standard) · 4 发现差距 gaps found · 1 程序缺陷 a bug (please report)."
)

app = typer.Typer(
    name="gbstd",
    help=(
        "检查政务服务中心是否符合 GB/T 32168、32169.1–.4、32170.1–.2 (2015)。\n\n"
        "Check a government service centre (政务服务中心) against its seven national standards.\n\n"
        "Example: gbstd assess examples/county-centre.yaml -o report.xlsx"
    ),
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _group(name: str, help_text: str) -> typer.Typer:
    """Create a command group (``gbstd NAME …``) and attach it to the app."""
    group = typer.Typer(
        help=help_text, epilog=EXIT_CODES_HELP, no_args_is_help=True, rich_markup_mode=None
    )
    app.add_typer(group, name=name)
    return group


standards_app = _group(
    "standards", "浏览和检查标准条款树。Browse and lint the standards' clause trees."
)
checks_app = _group("checks", "检查项（checklists）。Assessment checks.")
checklist_app = _group(
    "checklist", "现场核查表：导出给核查人，读回核查结论。On-site checklist workbooks."
)
system_app = _group(
    "system",
    "标准体系（GB/T 32170.2）：建议和生成草稿。Propose and scaffold a centre's standard system.",
)
sample_app = _group("sample", "确定性的合成数据（演示、测试、基准）。Deterministic synthetic data.")
forms_app = _group(
    "forms", "标准附录中的表单（格式为本工具设计）。The annex forms (layouts are gbstd's design)."
)

out = Console(soft_wrap=False)
err = Console(stderr=True)

F = TypeVar("F", bound=StrEnum)

STANDARDS_PATH_ENV = "GBSTD_STANDARDS_PATH"
CHECKS_PATH_ENV = "GBSTD_CHECKS_PATH"


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
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="允许覆盖已有文件（输入文件除外）Replace an existing file (never an input)."
    ),
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
            err.print(f"[bold red]{label}:[/] {escape(lines[0])}", highlight=False, soft_wrap=True)
        else:
            count = f"{len(lines)} problems" if lang == "en" else f"共 {len(lines)} 处问题"
            err.print(f"[bold red]{label}:[/] {count}", highlight=False)
            for line in lines:
                err.print(escape(line), highlight=False, soft_wrap=True)
        raise typer.Exit(int(exc.exit_code)) from None


# The Path arguments and options of the running command, set by ``_remember_inputs``.
_COMMAND_INPUTS: ContextVar[tuple[Path, ...]] = ContextVar("command_inputs", default=())


def _remember_inputs(callback: Callable[..., None]) -> Callable[..., None]:
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


def read_inputs(*extra: Path | None) -> tuple[Path, ...]:
    """Every file and folder the running command reads, to be protected from its output.

    Taken from the command's own parameters, so a new Path option is protected without being
    listed anywhere: every Path argument and option but ``--output``, the pack folders in the
    environment, and ``extra`` (what a command reads that no option names, e.g. batch's files).
    """
    env = _env_dirs(STANDARDS_PATH_ENV) + _env_dirs(CHECKS_PATH_ENV)
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


def user_dirs(explicit: list[Path] | None) -> list[Path]:
    """Return the user pack folders: the environment variable's first, then ``--standards-dir``."""
    from_env = [Path(p) for p in os.environ.get(STANDARDS_PATH_ENV, "").split(os.pathsep) if p]
    return from_env + list(explicit or [])


def open_catalogue(explicit: list[Path] | None, lang: Lang) -> Catalogue:
    """Load the catalogue with the user's packs and announce replacements on stderr."""
    from gbstd.catalogue.loading import load_catalogue

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


class AssessFormat(StrEnum):
    """Formats of ``assess``."""

    table = "table"
    json = "json"
    md = "md"
    html = "html"
    xlsx = "xlsx"


ChecksDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--checks-dir",
        help=(
            "用户检查项目录，可重复；同一要求的检查项替换内置的。Folder of checks (repeatable); "
            f"a check for the same requirement replaces the built-in one. Also ${CHECKS_PATH_ENV}."
        ),
        file_okay=False,
    ),
]


def _env_dirs(name: str) -> list[Path]:
    return [Path(p) for p in os.environ.get(name, "").split(os.pathsep) if p]


def _render_text(renderable: object, width: int = 100) -> str:
    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


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
        AssessFormat | None, typer.Option("--format", "-f", help="table | json | md | html | xlsx")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="写入文件 Write to a file (.xlsx .html .md .json .txt)."
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
    standards_dir: StandardsDirOption = None,
    checks_dir: ChecksDirOption = None,
    lang: LangOption = LangChoice.zh,
    force: ForceOption = False,
) -> None:
    """逐条评估中心自述文件。Assess a centre's self-description, requirement by requirement.

    Exit 0: no gaps (and score >= --fail-under); 4: gaps found or score below --fail-under;
    3: invalid input; 2: usage error.

    Example: gbstd assess examples/county-centre.yaml -o report.md
    """
    from datetime import date

    from gbstd import __version__
    from gbstd.assessment.findings import load_findings
    from gbstd.assessment.run import assess as run_assessment
    from gbstd.assessment.run import prepare, select_standards, with_computed_indicators
    from gbstd.assessment.scoring import INSUFFICIENT_DATA
    from gbstd.assessment.scoring import explain as explain_formula
    from gbstd.description.consistency import located
    from gbstd.description.loading import load_description
    from gbstd.reports import FILE_WRITERS, SUFFIXES, save_report
    from gbstd.reports import assessment as view

    code = lang.value
    with user_errors(code):
        refuse_overwrite(output, force)
        suffixes = {k: AssessFormat(v) for k, v in SUFFIXES.items()} | {".txt": AssessFormat.table}
        chosen = choose_format(format, output, suffixes, AssessFormat.table, AssessFormat.xlsx)
        setup = prepare(
            user_dirs(standards_dir),
            _env_dirs(CHECKS_PATH_ENV) + list(checks_dir or []),
            profile,
            thresholds,
        )
        for notice in setup.notices:
            err.print(escape(notice(code)), style="yellow", highlight=False)
        loaded = load_description(file)
        # On stderr, so that a report on stdout stays clean.
        _warn_inconsistent(err, located(loaded, date.today()), code, most=5)
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
        explanation = (
            view.explanation_table(report, explain_formula(setup.profile), code)
            if explain
            else None
        )
        if chosen is AssessFormat.table:
            if output is None:
                out.print(view.render(report, code, explanation))
            else:
                text = _render_text(view.render(report, code, explanation))
                write_output(output, text, force)
        elif output is None:
            # Plain text straight to the stream: rich's layout engine would only slow it down.
            out.file.write(FILE_WRITERS[chosen.value](report, code).decode("utf-8"))
        else:
            save_report(report, output, chosen.value, code, protect=read_inputs(), force=force)
        if output is not None:
            say_written(output, code)
    below = fail_under is not None and (report.score is None or report.score < fail_under)
    # Too little evaluated to grade (数据不足) is no clean bill either: exit 4 as for gaps.
    unknown = report.grade == INSUFFICIENT_DATA
    raise typer.Exit(
        int(ExitCode.GAPS_FOUND if report.has_gaps or below or unknown else ExitCode.OK)
    )


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
    force: ForceOption = False,
    standards_dir: StandardsDirOption = None,
    checks_dir: ChecksDirOption = None,
    lang: LangOption = LangChoice.zh,
) -> None:
    """导出现场核查表（每个标准一个工作表）。Export the on-site checklist workbook.

    Requirement columns are locked; auditors fill in verdict (drop-down), finding, evidence,
    date and name.

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
        setup = prepare(
            user_dirs(standards_dir), _env_dirs(CHECKS_PATH_ENV) + list(checks_dir or [])
        )
        standards = select_standards(setup.catalogue, standard or [])
        report = None
        if centre is not None:
            loaded = load_description(centre)
            report = run_assessment(
                loaded, setup, standards, today=date.today(), tool_version=__version__
            )
        write_output(output, workbook_bytes(build_checklist(standards, code, report)), force)
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
        catalogue = open_catalogue(standards_dir, code)
        known = {r.id for e in catalogue.entries for r in e.standard.requirements()}
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
    standards_dir: StandardsDirOption = None,
    checks_dir: ChecksDirOption = None,
    lang: LangOption = LangChoice.zh,
    force: ForceOption = False,
) -> None:
    """对比两次评估：新增和关闭的差距、回退、得分变化。Compare two assessments.

    Each side is a JSON written by `gbstd assess -f json` or a centre file (assessed now).
    Exit 4 when any requirement regressed, 0 otherwise.

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
                setup = prepare(
                    user_dirs(standards_dir), _env_dirs(CHECKS_PATH_ENV) + list(checks_dir or [])
                )
            report = run_assessment(
                load_description(path),
                setup,
                select_standards(setup.catalogue, standard or []),
                today=date.today(),
                tool_version=__version__,
            )
            sides.append(to_data(report, code))
        comparison = compare(sides[0], sides[1], old.name, new.name)
        if format is DiffFormat.table and output is None:
            out.print(view.render(comparison, code))
        else:
            text = {
                DiffFormat.json: view.to_json,
                DiffFormat.md: view.to_markdown,
                DiffFormat.table: lambda c, lang: _render_text(view.render(c, lang)),
            }[format](comparison, code)
            deliver(text, output, code, force=force)
    raise typer.Exit(int(ExitCode.GAPS_FOUND if comparison.has_regressions else ExitCode.OK))


class SystemFormat(StrEnum):
    """Formats of ``system propose``."""

    tree = "tree"
    json = "json"
    md = "md"
    xlsx = "xlsx"


def _proposal(
    centre: Path,
    template: Path | None,
    standards_dir: list[Path] | None,
    checks_dir: list[Path] | None,
):
    """Assess the centre on the seven standards and propose its standard system."""
    from datetime import date

    from gbstd import __version__
    from gbstd.assessment.run import assess as run_assessment
    from gbstd.assessment.run import prepare, select_standards
    from gbstd.description.loading import load_description
    from gbstd.system.proposal import propose
    from gbstd.system.template import load_template

    setup = prepare(user_dirs(standards_dir), _env_dirs(CHECKS_PATH_ENV) + list(checks_dir or []))
    loaded = load_description(centre)
    report = run_assessment(
        loaded,
        setup,
        select_standards(setup.catalogue, []),
        today=date.today(),
        tool_version=__version__,
    )
    return propose(load_template(template), loaded.description, report, setup.profile, setup.checks)


@system_app.command("propose")
def system_propose(
    centre: Annotated[Path, typer.Argument(help="中心自述文件 The centre's self-description.")],
    format: Annotated[
        SystemFormat | None, typer.Option("--format", "-f", help="tree | json | md | xlsx")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件 Write to a file.")
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template", help="自定义体系模板 A template system of your own.", dir_okay=False
        ),
    ] = None,
    standards_dir: StandardsDirOption = None,
    checks_dir: ChecksDirOption = None,
    lang: LangOption = LangChoice.zh,
    force: ForceOption = False,
) -> None:
    """按中心的差距建议标准体系。Propose the centre's standard system from its gaps.

    Marks the standards the centre already has (已有) and the rest (待制定), assigns system
    codes, and ranks what to draft first by the weighted gap each standard closes.

    Example: gbstd system propose examples/city-centre.yaml -o 标准体系.xlsx
    """
    from gbstd.reports import system as view

    code = lang.value
    with user_errors(code):
        refuse_overwrite(output, force)
        suffixes = {
            ".json": SystemFormat.json,
            ".md": SystemFormat.md,
            ".xlsx": SystemFormat.xlsx,
            ".txt": SystemFormat.tree,
        }
        chosen = choose_format(format, output, suffixes, SystemFormat.tree, SystemFormat.xlsx)
        proposal = _proposal(centre, template, standards_dir, checks_dir)
        if chosen is SystemFormat.tree and output is None:
            out.print(view.render_tree(proposal, code))
            return
        if chosen is SystemFormat.xlsx:
            from gbstd.reports.excel import workbook_bytes

            content: str | bytes = workbook_bytes(view.build_workbook(proposal, code))
        elif chosen is SystemFormat.json:
            content = view.to_json(proposal, code)
        elif chosen is SystemFormat.md:
            content = view.to_markdown(proposal, code)
        else:
            content = _render_text(view.render_tree(proposal, code))
        deliver(content, output, code, force=force)


class DraftFormat(StrEnum):
    """Formats of the drafts written by ``system scaffold``."""

    md = "md"
    docx = "docx"


@system_app.command("scaffold")
def system_scaffold(
    centre: Annotated[Path, typer.Argument(help="中心自述文件 The centre's self-description.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="目标目录 Target folder.", file_okay=False)
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="只列出计划，不写任何文件 Print the plan, write nothing."),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="替换 gbstd 此前生成且未改动的目录 Replace a folder gbstd wrote (if unchanged).",
        ),
    ] = False,
    format: Annotated[
        DraftFormat, typer.Option("--format", "-f", help="草稿格式 md | docx")
    ] = DraftFormat.md,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template", help="自定义体系模板 A template system of your own.", dir_okay=False
        ),
    ] = None,
    standards_dir: StandardsDirOption = None,
    checks_dir: ChecksDirOption = None,
    lang: LangOption = LangChoice.zh,
) -> None:
    """把建议的标准体系生成为草稿目录树。Scaffold the proposed system as a tree of drafts.

    One GB/T 1.1-shaped draft per standard to write, pre-filled with the requirements it must
    satisfy; an index README.md and 标准明细表.xlsx at the root. The plan is made first; an
    existing folder is replaced only with --force, and only if gbstd wrote everything in it
    (its .gbstd-manifest.json says what); a failure leaves nothing behind.

    Example: gbstd system scaffold examples/city-centre.yaml -o 标准体系草稿 --format docx
    """
    from datetime import date

    from gbstd.reports import system as view
    from gbstd.reports.excel import workbook_bytes
    from gbstd.system.scaffold import apply, describe, plan

    code = lang.value
    with user_errors(code):
        proposal = _proposal(centre, template, standards_dir, checks_dir)
        files = plan(
            proposal,
            format.value,
            code,
            date.today(),
            workbook_bytes(view.build_workbook(proposal, code)),
        )
        if dry_run:
            for path, size in describe(files):
                out.print(f"{escape(path)}  [dim]{size} B[/]", highlight=False)
            message = (
                f"（演练：{len(files)} 个文件，未写入任何内容）"
                if code == "zh"
                else f"(dry run: {len(files)} files, nothing written)"
            )
            err.print(message, highlight=False)
            return
        apply(files, output, force=force, protect=read_inputs())
    message = (
        f"已生成 {len(files)} 个文件于 {output}"
        if code == "zh"
        else f"{len(files)} files written to {output}"
    )
    err.print(escape(message), highlight=False)


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
                    checks_dirs=_env_dirs(CHECKS_PATH_ENV) + list(checks_dir or []),
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
    raise typer.Exit(
        int(ExitCode.GAPS_FOUND if any(c.gaps for c in summary.centres) else ExitCode.OK)
    )


@forms_app.command("list")
def forms_list(lang: LangOption = LangChoice.zh) -> None:
    """列出可生成的表单。List the forms.

    Example: gbstd forms list
    """
    from rich.table import Table

    from gbstd.system.forms import load_forms

    code = lang.value
    with user_errors(code):
        forms = load_forms()
    table = Table(header_style="bold", pad_edge=False)
    for header in (("编号", "Id"), ("名称", "Name"), ("出处", "Annex of")):
        table.add_column(header[0] if code == "zh" else header[1])
    for form in forms:
        table.add_row(
            form.id,
            escape(form.name.get(code) if hasattr(form.name, "get") else str(form.name)),
            escape(f"{form.standard} {form.annex}"),
        )
    out.print(table)
    note = (
        "表单格式和字段为本工具设计，非标准附录原文。"
        if code == "zh"
        else "Layouts and fields are gbstd's design, not the annexes' text."
    )
    out.print(note, style="dim", highlight=False)


class FormFormat(StrEnum):
    """Formats of ``forms render``."""

    html = "html"
    md = "md"
    docx = "docx"


@forms_app.command("render")
def forms_render(
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", help="表单编号或名称，如 受理通知书 或 acceptance_notice"),
    ],
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="字段值 YAML，或中心自述文件 Field values, or a centre file.",
            dir_okay=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件 Write to a file.")
    ] = None,
    format: Annotated[
        FormFormat | None, typer.Option("--format", "-f", help="html | md | docx")
    ] = None,
    force: ForceOption = False,
    lang: LangOption = LangChoice.zh,
) -> None:
    """生成可打印的表单，可填入中心数据。Render a printable form, filled in when data is given.

    Example: gbstd forms render 受理通知书 --data examples/county-centre.yaml -o 受理通知书.html
    """
    from gbstd.system.forms import find_form, form_values, read_form_data, render_form

    code = lang.value
    with user_errors(code):
        suffixes = {f".{f.value}": f for f in FormFormat}
        chosen = choose_format(format, output, suffixes, FormFormat.md, FormFormat.docx)
        refuse_overwrite(output, force)
        form = find_form(name)
        values = form_values(form, read_form_data(data) if data is not None else None)
        content = render_form(form, values, chosen.value, code)
        deliver(content, output, code, force=force)


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
        KpiFormat | None, typer.Option("--format", "-f", help="table | json | xlsx")
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

    Example: gbstd kpi cases.csv --by window -o kpi.xlsx
    """
    from gbstd.kpi.compute import compute
    from gbstd.reports import kpi as view
    from gbstd.reports.excel import workbook_bytes

    code = lang.value
    with user_errors(code):
        refuse_overwrite(output, force)
        suffixes = {".json": KpiFormat.json, ".xlsx": KpiFormat.xlsx, ".txt": KpiFormat.table}
        chosen = choose_format(format, output, suffixes, KpiFormat.table, KpiFormat.xlsx)
        result = compute(
            cases, mapping=mapping, profile=profile, matters=matters, by=by.value, calendar=calendar
        )
        if chosen is KpiFormat.table and output is None:
            out.print(view.render(result, code))
            return
        if chosen is KpiFormat.xlsx:
            content: str | bytes = workbook_bytes(view.build(result, code))
        elif chosen is KpiFormat.json:
            content = view.to_json(result, code)
        else:
            content = _render_text(view.render(result, code))
        deliver(content, output, code, force=force)


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
    import json

    from gbstd.description.model import CentreDescription

    document = CentreDescription.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["$id"] = "https://gbstd.invalid/schema/centre-description-1.json"
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
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
    _warn_inconsistent(out, located(loaded, date.today()), lang.value)


def _warn_inconsistent(console: Console, found: list[Problem], lang: Lang, most: int = 0) -> None:
    """Print facts that disagree, one per line; with ``most``, only that many and a count."""
    if not found:
        return
    heading = (
        f"{len(found)} warning(s): facts that disagree (verdicts unchanged; check which is right)"
        if lang == "en"
        else f"警告 {len(found)} 处：以下事实互相矛盾（不改变评估结论，请核对哪一个有误）"
    )
    console.print(heading, style="yellow", highlight=False, soft_wrap=True)
    shown = found[:most] if most else found
    for problem in shown:
        console.print(escape(problem.render(lang)), highlight=False, soft_wrap=True)
    if len(shown) < len(found):
        rest = len(found) - len(shown)
        console.print(
            f"… and {rest} more: gbstd validate lists them all"
            if lang == "en"
            else f"…… 另有 {rest} 处：gbstd validate 列出全部",
            highlight=False,
            soft_wrap=True,
        )


# Last, once every command is registered: each learns the paths it reads (see read_inputs).
for _typer in (app, *(group.typer_instance for group in app.registered_groups)):
    for _info in _typer.registered_commands if _typer else ():
        _info.callback = _remember_inputs(_info.callback) if _info.callback else None


def main() -> None:
    """Entry point of the ``gbstd`` console script."""
    app(prog_name="gbstd")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
