"""``gbstd system propose|scaffold`` and ``gbstd forms list|render``: the centre's own standards."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from gbstd.cli.groups import forms_app, system_app
from gbstd.cli.options import (
    ChecksDirOption,
    ForceOption,
    LangChoice,
    LangOption,
    StandardsDirOption,
    checks_dirs,
    user_dirs,
)
from gbstd.cli.terminal import (
    choose_format,
    deliver,
    err,
    out,
    read_inputs,
    refuse_overwrite,
    render_text,
    user_errors,
)


class SystemFormat(StrEnum):
    """Formats of ``system propose``."""

    tree = "tree"
    json = "json"
    md = "md"
    xlsx = "xlsx"


TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template", help="自定义体系模板 A template system of your own.", dir_okay=False
    ),
]


def _proposal(
    centre: Path,
    template: Path | None,
    standards_dir: list[Path] | None,
    checks_dir: list[Path] | None,
):
    """Assess the centre on the seven standards and propose its standard system."""
    from datetime import date

    from gbstd import __version__
    from gbstd.assessment.run import prepare
    from gbstd.description.loading import load_description
    from gbstd.system.proposal import propose_for
    from gbstd.system.template import load_template

    setup = prepare(user_dirs(standards_dir), checks_dirs(checks_dir))
    return propose_for(
        load_description(centre),
        setup,
        load_template(template),
        today=date.today(),
        tool_version=__version__,
    )


@system_app.command("propose")
def system_propose(
    centre: Annotated[Path, typer.Argument(help="中心自述文件 The centre's self-description.")],
    format: Annotated[
        SystemFormat | None, typer.Option("--format", "-f", help="tree | json | md | xlsx")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件 Write to a file.")
    ] = None,
    template: TemplateOption = None,
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
            content = render_text(view.render_tree(proposal, code))
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
    template: TemplateOption = None,
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
    printed: Annotated[
        bool,
        typer.Option(
            "--print",
            help="印制版：去掉灰色填写提示，设计说明只印一次 For printing: no hints, one note.",
        ),
    ] = False,
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
        content = render_form(form, values, chosen.value, code, printed=printed)
        deliver(content, output, code, force=force)
