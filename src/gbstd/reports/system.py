"""Render a proposed standard system: tree, JSON, Markdown and the GB/T 13017-style workbook."""

from __future__ import annotations

import json
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from rich.console import Group
from rich.markup import escape
from rich.text import Text
from rich.tree import Tree

from gbstd.i18n import Lang, Message
from gbstd.reports.excel import (
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    TABLE_STYLE,
    WRAP,
    Column,
    add_styles,
    fitted_height,
    print_setup,
    text_cell,
)
from gbstd.reports.systemchart import draw_structure
from gbstd.system.proposal import Proposal, ProposedStandard, ProposedSubsystem, statistics

STATUS_LABELS = {
    "existing": Message("已有", "existing"),
    "drafting": Message("在编", "being drafted"),
    "planned": Message("拟制定", "planned"),
    "to_draft": Message("待制定", "to draft"),
    "to_adopt": Message("待采用", "to adopt"),
}


def status_label(standard: ProposedStandard, lang: Lang) -> str:
    """已有 / 在编 / 拟制定 (the centre's own), 待制定 (to write) or 待采用 (to adopt)."""
    return STATUS_LABELS[standard.status](lang)


def summary_text(counts: dict[str, int], lang: Lang) -> str:
    """One sentence: how many standards, by status (待采用 apart from 待制定)."""
    total = sum(counts.values())
    if lang == "zh":
        parts = "，".join(f"{STATUS_LABELS[k]('zh')} {n}" for k, n in counts.items())
        return f"标准总数 {total}：{parts}。"
    parts = ", ".join(f"{n} {STATUS_LABELS[k]('en')}" for k, n in counts.items())
    return f"{total} standards: {parts}."


PROVENANCE = {
    "seed": Message("解读", "seed"),
    "analogy": Message("类比", "analogy"),
    "toolkit": Message("工具建议", "toolkit"),
}
NOTE = Message(
    "说明：体系结构中标注「解读」的分体系来自 GB/T 32170.2 起草人的解读文章，「类比」参照 GB/T 24421.2，"
    "具体标准及其与条款的对应关系是本工具的建议；GB/T 32170.2 的官方编码未知，体系编号为本工具的编码方案。",
    "Note: sub-systems marked 'seed' come from the drafters' article on GB/T 32170.2, 'analogy' "
    "from GB/T 24421.2; the concrete standards and their links to requirements are the toolkit's "
    "proposal, and the codes are the toolkit's scheme (the standard's own codes are unknown).",
)


def category(standard: ProposedStandard, lang: Lang) -> str:
    """The kind of standard: national, local, other external, or the centre's own."""
    number = (standard.number or "").upper().replace(" ", "")
    if not standard.adopted:
        return "中心标准" if lang == "zh" else "centre standard"
    if number.startswith("GB"):
        return "国家标准" if lang == "zh" else "national standard"
    if number.startswith("DB"):
        return "地方标准" if lang == "zh" else "local standard"
    return "其他标准" if lang == "zh" else "other standard"


def _standard_json(node: ProposedStandard, lang: Lang) -> dict[str, Any]:
    return {
        "code": node.code,
        "name": node.name(lang),
        "kind": "standard",
        "id": node.id,
        "number": node.number,
        "adopted": node.adopted,
        "category": category(node, lang),
        "status": node.status,
        "matched": node.matched,
        "method": node.method,
        "note": node.note(lang) if node.note else None,
        "priority": node.priority,
        "gain": node.gain,
        "covers": list(node.covers),
        "closes": list(node.closes),
        "provenance": node.provenance,
        "children": [],
    }


def _subsystem_json(node: ProposedSubsystem, lang: Lang) -> dict[str, Any]:
    return {
        "code": node.code,
        "name": node.name(lang),
        "kind": "subsystem",
        "id": node.id,
        "provenance": node.provenance,
        "children": [
            _subsystem_json(c, lang)
            if isinstance(c, ProposedSubsystem)
            else _standard_json(c, lang)
            for c in node.children
        ],
    }


def to_data(proposal: Proposal, lang: Lang) -> dict[str, Any]:
    """Return the proposal as the documented JSON structure."""
    standards = proposal.standards()
    table = statistics(proposal)
    return {
        "schema": "gbstd.system/2",
        "centre": proposal.centre,
        "template": proposal.template(lang),
        "coding": proposal.coding(lang),
        "note": NOTE(lang),
        "children": [_subsystem_json(c, lang) for c in proposal.children],
        "drafting_order": [
            {
                "priority": s.priority,
                "code": s.code,
                "name": s.name(lang),
                "status": s.status,
                "gain": s.gain,
                "closes": list(s.closes),
            }
            for s in sorted((s for s in standards if s.priority), key=lambda s: s.priority or 0)
        ],
        "uncovered_gaps": [
            {
                "requirement": r.requirement,
                "standard": r.standard,
                "title": r.title(lang),
                "status": r.status.value,
            }
            for r in proposal.uncovered
        ],
        "orphans": [
            {"name": o.name, "number": o.number, "reason": o.reason(lang)} for o in proposal.orphans
        ],
        "dropped": [
            {"id": d.id, "name": d.name(lang), "reason": d.reason(lang)} for d in proposal.dropped
        ],
        "statistics": [
            {
                "code": row.code,
                "name": row.name(lang),
                "kind": kind,
                "counts": dict(row.counts),
                "total": sum(row.counts.values()),
            }
            for block in table.blocks
            for kind, row in [*(("group", r) for r in block.rows), ("subtotal", block.subtotal)]
        ]
        + [
            {
                "code": "",
                "name": table.total.name(lang),
                "kind": "total",
                "counts": dict(table.total.counts),
                "total": len(standards),
            }
        ],
        "summary": {
            "standards": len(standards),
            **table.total.counts,
            "added": sum(s.provenance == "centre" for s in standards),
            "uncovered_gaps": len(proposal.uncovered),
            "orphans": len(proposal.orphans),
        },
    }


def to_json(proposal: Proposal, lang: Lang) -> str:
    """Return the proposal as JSON text."""
    return json.dumps(to_data(proposal, lang), ensure_ascii=False, indent=2) + "\n"


def _label(node: ProposedSubsystem | ProposedStandard, lang: Lang) -> str:
    if isinstance(node, ProposedSubsystem):
        badge = PROVENANCE.get(node.provenance, Message(node.provenance, node.provenance))(lang)
        return f"[bold]{escape(node.code)} {escape(node.name(lang))}[/] [dim]〔{badge}〕[/]"
    status = status_label(node, lang)
    style = "green" if node.status == "existing" else "yellow"
    priority = f" [cyan]#{node.priority}[/]" if node.priority else ""
    number = f" {escape(node.number)}" if node.number else ""
    return (
        f"{escape(node.code)}{number} {escape(node.name(lang))} [{style}]〔{status}〕[/]{priority}"
    )


def render_tree(proposal: Proposal, lang: Lang) -> Group:
    """Return the terminal view: the tree, then the drafting order and what stays open."""
    zh = lang == "zh"
    tree = Tree(
        f"[bold]{escape(str(proposal.centre['name']))}[/] {escape(proposal.template(lang))}",
        guide_style="dim",
    )

    def grow(branch: Tree, node: ProposedSubsystem | ProposedStandard) -> None:
        child = branch.add(_label(node, lang))
        if isinstance(node, ProposedSubsystem):
            for item in node.children:
                grow(child, item)

    for top in proposal.children:
        grow(tree, top)
    parts: list[Any] = [tree, Text(summary_text(statistics(proposal).total.counts, lang))]
    order = sorted((s for s in proposal.standards() if s.priority), key=lambda s: s.priority or 0)
    parts.append(
        Text(
            "建议起草顺序（按可关闭的加权差距）"
            if zh
            else "Drafting order (by weighted gap closed)",
            style="bold",
        )
    )
    for standard in order[:15]:
        parts.append(
            Text(
                f"  {standard.priority:>2}. {standard.code} {standard.name(lang)}  (+{standard.gain:g}, {len(standard.closes)})"
            )
        )
    if len(order) > 15:
        parts.append(Text(f"  … {len(order) - 15}", style="dim"))
    parts.append(
        Text(
            f"没有标准覆盖的差距：{len(proposal.uncovered)}；未支撑任何要求的现有标准：{len(proposal.orphans)}"
            if zh
            else f"Gaps no standard covers: {len(proposal.uncovered)}; existing standards backing nothing: {len(proposal.orphans)}"
        )
    )
    parts.append(Text(NOTE(lang), style="dim"))
    return Group(*parts)


STATISTICS_HEADER = Message("分体系/子体系", "Sub-system")
SUBTOTAL = Message("小计", "subtotal")


def statistics_rows(proposal: Proposal, lang: Lang) -> list[tuple[list[Any], str]]:
    """Rows of the 标准统计表 (label, one count per status, total) with their kind.

    Each sub-system's row counts its own standards only; the 小计 of a 分体系 counts all of
    its standards, so the rows of a block add up to its 小计 and the 小计 to the 合计.
    """
    table = statistics(proposal)

    def cells(label: str, counts: dict[str, int]) -> list[Any]:
        return [label, *counts.values(), sum(counts.values())]

    rows = []
    for block in table.blocks:
        for row in block.rows:
            rows.append(
                (cells(f"{'  ' * row.depth}{row.code} {row.name(lang)}", row.counts), "row")
            )
        label = f"{block.subtotal.code} {block.subtotal.name(lang)} {SUBTOTAL(lang)}"
        rows.append((cells(label, block.subtotal.counts), "subtotal"))
    rows.append((cells(table.total.name(lang), table.total.counts), "total"))
    return rows


def statistics_header(lang: Lang) -> list[str]:
    """The header of the 标准统计表."""
    return [
        STATISTICS_HEADER(lang),
        *(label(lang) for label in STATUS_LABELS.values()),
        "合计" if lang == "zh" else "Total",
    ]


def statistics_markdown(proposal: Proposal, lang: Lang) -> list[str]:
    """The 标准统计表 as a Markdown table."""
    header = statistics_header(lang)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for cells, kind in statistics_rows(proposal, lang):
        text = [str(c) for c in cells]
        if kind != "row":
            text = [f"**{c.strip()}**" for c in text]
        lines.append("| " + " | ".join(text) + " |")
    return lines


def to_markdown(proposal: Proposal, lang: Lang) -> str:
    """Return the proposal as deterministic Markdown."""
    zh = lang == "zh"
    data = to_data(proposal, lang)
    lines = [
        f"# {'标准体系建议' if zh else 'Proposed standard system'}：{proposal.centre['name']}",
        "",
        f"> {NOTE(lang)}",
        "",
    ]

    def walk(node: dict[str, Any], depth: int) -> None:
        indent = "  " * depth
        if node["kind"] == "subsystem":
            lines.append(f"{indent}- **{node['code']} {node['name']}**")
            for child in node["children"]:
                walk(child, depth + 1)
        else:
            status = STATUS_LABELS[node["status"]](lang)
            priority = (
                f"（优先级 {node['priority']}）"
                if zh and node["priority"]
                else (f" (priority {node['priority']})" if node["priority"] else "")
            )
            number = f" {node['number']}" if node["number"] else ""
            note = f" —— {node['note']}" if node["note"] else ""
            lines.append(
                f"{indent}- {node['code']}{number} {node['name']} 〔{status}〕{priority}{note}"
            )

    lines += [summary_text(statistics(proposal).total.counts, lang), ""]
    lines += ["## " + ("结构" if zh else "Structure"), ""]
    for top in data["children"]:
        walk(top, 0)
    lines += ["", "## " + ("标准统计表" if zh else "Statistics"), ""]
    lines += statistics_markdown(proposal, lang)
    lines += ["", "## " + ("建议起草顺序" if zh else "Drafting order"), ""]
    for item in data["drafting_order"]:
        # 在编, 拟制定 and 待采用 say so: finishing or adopting is not drafting from scratch
        status = (
            "" if item["status"] == "to_draft" else f" 〔{STATUS_LABELS[item['status']](lang)}〕"
        )
        lines.append(
            f"{item['priority']}. {item['code']} {item['name']}{status}：{'、'.join(item['closes'])}"
            if zh
            else f"{item['priority']}. {item['code']} {item['name']}{status}: {', '.join(item['closes'])}"
        )
    lines += ["", "## " + ("没有标准覆盖的差距" if zh else "Gaps no standard covers"), ""]
    lines += [f"- {g['requirement']} {g['title']}" for g in data["uncovered_gaps"]] or [
        "无。" if zh else "None."
    ]
    lines += [
        "",
        "## " + ("未支撑任何要求的现有标准" if zh else "Existing standards backing no requirement"),
        "",
    ]
    lines += [f"- {o['name']}：{o['reason']}" for o in data["orphans"]] or [
        "无。" if zh else "None."
    ]
    return "\n".join(lines) + "\n"


DETAIL_COLUMNS = (
    Column(Message("序号", "No."), 6),
    Column(Message("体系编号", "Code"), 10),
    Column(Message("标准编号", "Number"), 20),
    Column(Message("标准名称", "Title"), 36),
    Column(Message("类别", "Category"), 10),
    Column(Message("状态", "Status"), 8),
    Column(Message("覆盖条款", "Covers"), 40),
    Column(Message("备注", "Remarks"), 30),
)


def _header(ws: Any, columns: tuple[Column, ...], lang: Lang) -> None:
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[chr(64 + index)].width = column.width
    ws.append(
        [
            text_cell(
                ws,
                c.header(lang),
                font=HEADER_FONT,
                fill=HEADER_FILL,
                alignment=WRAP,
                border=BORDER,
            )
            for c in columns
        ]
    )
    ws.freeze_panes = "A2"


def _print(ws: Any, landscape: bool = True) -> None:
    print_setup(ws, repeat_header=True)
    if not landscape:
        ws.page_setup.orientation = "portrait"


def detail_rows(proposal: Proposal, lang: Lang) -> list[list[Any]]:
    """Rows of the 标准明细表."""
    rows = []
    for index, standard in enumerate(proposal.standards(), start=1):
        remarks = []
        if standard.priority:
            remarks.append(
                f"建议优先级 {standard.priority}"
                if lang == "zh"
                else f"priority {standard.priority}"
            )
        if standard.note:
            remarks.append(standard.note(lang))
        rows.append(
            [
                index,
                standard.code,
                standard.number or "",
                standard.name(lang),
                category(standard, lang),
                status_label(standard, lang),
                ", ".join(standard.covers),
                "；".join(remarks),
            ]
        )
    return rows


def build_workbook(proposal: Proposal, lang: Lang) -> Workbook:
    """Return the standard-system workbook laid out as GB/T 13017 does."""
    zh = lang == "zh"
    workbook = Workbook()
    add_styles(workbook)
    structure = workbook.active
    structure.title = "结构图" if zh else "Structure"
    draw_structure(structure, proposal, lang)  # boxes and lines, not an indented list
    _print(structure, landscape=False)

    details = workbook.create_sheet("标准明细表" if zh else "Standards")
    _header(details, DETAIL_COLUMNS, lang)
    rows = detail_rows(proposal, lang)
    for row in rows:
        height = fitted_height(row, DETAIL_COLUMNS)
        if height:
            details.row_dimensions[details.max_row + 1].height = height
        details.append([text_cell(details, v, TABLE_STYLE) for v in row])
    details.auto_filter.ref = f"A1:H{len(rows) + 1}"
    _print(details)

    stats = workbook.create_sheet("标准统计表" if zh else "Statistics")
    columns = tuple(
        Column(Message(h, h), 40 if i == 0 else 10) for i, h in enumerate(statistics_header(lang))
    )
    _header(stats, columns, lang)
    for cells, kind in statistics_rows(proposal, lang):
        bold = {"font": Font(bold=True)} if kind != "row" else {}
        stats.append([text_cell(stats, v, TABLE_STYLE, **bold) for v in cells])
    _print(stats, landscape=False)

    notes = workbook.create_sheet("编制说明" if zh else "Notes")
    notes.column_dimensions["A"].width = 100
    paragraphs = [
        ("编制说明" if zh else "Explanatory notes"),
        (
            "依据：GB/T 32170.2-2015 的体系框架；表式参照 GB/T 13017-2018。"
            if zh
            else "Basis: the framework of GB/T 32170.2-2015; layout after GB/T 13017-2018."
        ),
        ("编码方案：" if zh else "Coding: ") + proposal.coding(lang),
        NOTE(lang),
        summary_text(statistics(proposal).total.counts, lang),
        (
            f"没有标准覆盖的差距 {len(proposal.uncovered)} 项；未支撑任何要求的现有标准 {len(proposal.orphans)} 项。"
            if zh
            else f"{len(proposal.uncovered)} gaps no standard covers; {len(proposal.orphans)} existing standards back nothing."
        ),
    ]
    paragraphs += [
        (
            f"不适用而删去：{d.name(lang)}（{d.reason(lang)}）"
            if zh
            else f"Dropped: {d.name(lang)} ({d.reason(lang)})"
        )
        for d in proposal.dropped
    ]
    for text in paragraphs:
        notes.append([text_cell(notes, text, alignment=WRAP)])
    notes["A1"].font = Font(bold=True, size=13)
    _print(notes, landscape=False)
    return workbook
