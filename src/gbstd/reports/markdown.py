"""Render an assessment report as deterministic Markdown (for wikis and merge requests)."""

from __future__ import annotations

from gbstd.assessment.results import Report
from gbstd.i18n import Lang
from gbstd.reports.document import (
    Block,
    Document,
    Figures,
    Items,
    Paragraph,
    ReportOptions,
    Section,
    Table,
    heading_number,
    sub_number,
)
from gbstd.reports.sections import build


def _md(text: object) -> str:
    """Keep table cells intact and inert: no pipes, line breaks or raw HTML from user text."""
    cell = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return cell.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _table(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[str]:
    lines = ["| " + " | ".join(_md(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        text = _md(block.text)
        if block.style == "alert":
            return [f"> **{text}**"]
        if block.style == "note":
            return [f"> {text}"]
        return [text]
    if isinstance(block, Figures):
        return _table(tuple(label for label, _ in block.items), (tuple(v for _, v in block.items),))
    if isinstance(block, Table):
        return _table(block.columns, block.rows)
    if isinstance(block, Items):
        mark = "{}."
        return [
            (mark.format(i) if block.numbered else "-") + " " + _md(item)
            for i, item in enumerate(block.items, start=1)
        ]
    raise TypeError(block)


def _section(section: Section, heading: str, level: int, lang: Lang) -> list[str]:
    lines = ["#" * level + " " + heading, ""]
    for block in section.blocks:
        lines += [*_block(block), ""]
    for index, sub in enumerate(section.subsections):
        number = sub_number(index, lang) if sub.numbered else ""
        lines += _section(sub, number + sub.heading, level + 1, lang)
    return lines


def render_document(document: Document) -> str:
    """Return the document as Markdown."""
    lang = "zh" if document.lang == "zh" else "en"
    lines = [
        f"# {_md(document.title)}：{_md(document.centre)}"
        if lang == "zh"
        else f"# {_md(document.title)}: {_md(document.centre)}",
        "",
    ]
    lines += [*_table(("项目", "内容") if lang == "zh" else ("Item", "Value"), document.cover), ""]
    numbered = 0
    for section in document.sections:
        number = ""
        if section.numbered:
            number = heading_number(numbered, lang)
            numbered += 1
        lines += _section(section, number + section.heading, 2, lang)
    lines += [f"> {_md(document.layout_note)}", ""]
    if document.summary:
        lines += [f"> {_md(document.footer)}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render(report: Report, lang: Lang, options: ReportOptions | None = None) -> str:
    """Return the report as Markdown."""
    return render_document(build(report, lang, options))
