"""The ``gbstd`` Typer app and its command groups, without any command.

The command modules register on these; ``gbstd.cli`` imports them all.
"""

from __future__ import annotations

import typer

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
