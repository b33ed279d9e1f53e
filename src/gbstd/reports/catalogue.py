"""Render the catalogue: the list of standards and one standard's clause tree.

Every function here is pure: it takes catalogue objects and returns a rich renderable or a
string. The CLI prints.
"""

from __future__ import annotations

import json
from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text as RichText
from rich.tree import Tree

from gbstd.catalogue.loading import Entry
from gbstd.catalogue.standard import Provenance, Requirement, Standard, Term
from gbstd.catalogue.thresholds import Thresholds, load_thresholds
from gbstd.i18n import Lang, Message

PROVENANCE_LABEL: dict[Provenance, tuple[str, str]] = {
    Provenance.TOC: ("目录", "TOC"),
    Provenance.SEED: ("解读", "seed"),
    Provenance.DERIVED: ("派生", "derived"),
    Provenance.LICENSED_TEXT: ("正文", "licensed"),
}
_PROVENANCE_STYLE = {
    Provenance.TOC: "green",
    Provenance.SEED: "cyan",
    Provenance.DERIVED: "yellow",
    Provenance.LICENSED_TEXT: "bold green",
}
LEVEL_LABEL = {"shall": ("应", "shall"), "should": ("宜", "should"), "may": ("可", "may")}

DERIVED_NOTE = Message(
    "说明：标注「派生」的要求是本工具根据起草人解读文章对标准的理解，不是标准原文；"
    "「目录」「解读」分别表示编号和标题来自已发布的目录或起草人的解读文章。",
    "Note: requirements marked 'derived' are this toolkit's interpretation of the standard, "
    "not its official text; 'TOC' and 'seed' mark numbers and titles taken from the published "
    "table of contents or the drafters' article.",
)


def _statement(node: Requirement, lang: Lang, thresholds: Thresholds) -> str:
    """The statement with its toolkit parameters rendered (value and whose it is)."""
    text = node.statement
    return thresholds.render(Message(text.zh, text.en or text.zh))(lang)


def parameters_of(node: Requirement, lang: Lang, thresholds: Thresholds) -> list[dict[str, Any]]:
    """The toolkit parameters a requirement's check or statement uses, as JSON-ready data."""
    return [
        {
            "name": name,
            "value": thresholds.values[name],
            "unit": thresholds.declared[name].unit.value,
            "label": thresholds.declared[name].label.get(lang),
            "rationale": thresholds.declared[name].rationale.get(lang),
            "source": thresholds.declared[name].source,
        }
        for name in thresholds.for_requirement(node.id)
    ]


def _parameter_lines(node: Requirement, lang: Lang, thresholds: Thresholds) -> list[str]:
    return [
        _pick(("参数", "parameter"), lang)
        + f" {name}: {thresholds.phrase(name)(lang)} — {thresholds.declared[name].rationale.get(lang)}"
        for name in thresholds.for_requirement(node.id)
    ]


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "en" else pair[0]


def count_requirements(standard: Standard) -> int:
    """Return how many requirement nodes the standard has."""
    return sum(1 for _ in standard.requirements())


def list_table(entries: list[Entry], lang: Lang) -> Table:
    """Return the table of standards shown by ``gbstd standards list``."""
    headers = (
        ("编号", "名称", "要求数", "来源")
        if lang == "zh"
        else ("Number", "Title", "Reqs", "Source")
    )
    table = Table(*headers, show_lines=False, header_style="bold")
    table.columns[2].justify = "right"
    for entry in entries:
        std = entry.standard
        source = ("内置", "built-in") if entry.builtin else ("用户包", "user pack")
        marks = [_pick(source, lang)]
        if std.extra:
            marks.append(_pick(("扩展", "extra"), lang))
        table.add_row(
            escape(std.number),
            escape(std.title.get(lang)),
            str(count_requirements(std)),
            escape(" · ".join(marks)),
        )
    return table


def list_json(entries: list[Entry], lang: Lang) -> str:
    """Return the JSON array printed by ``gbstd standards list --format json``."""
    items = [
        {
            "id": e.standard.number,
            "title": e.standard.title.get(lang),
            "extra": e.standard.extra,
            "builtin": e.builtin,
            "slug": e.standard.slug,
            "status": e.standard.status.value if e.standard.status else None,
            "requirements": count_requirements(e.standard),
            "source": str(e.source),
        }
        for e in entries
    ]
    return json.dumps(items, ensure_ascii=False, indent=2)


def node_json(
    node: Any, lang: Lang, depth: int | None, thresholds: Thresholds | None = None
) -> dict[str, Any]:
    """Return one node and (down to ``depth``) its children as JSON-ready data.

    A requirement lists the toolkit parameters it uses (``thresholds``: the defaults if None).
    """
    thresholds = thresholds or load_thresholds()
    data: dict[str, Any] = {
        "id": node.id,
        "title": node.title.get(lang),
        "kind": node.kind,
        "provenance": node.provenance.value,
    }
    if isinstance(node, Requirement):
        data |= {
            "statement": _statement(node, lang, thresholds),
            "level": node.level.value,
            "assessable": node.assessable,
            "weight": node.weight,
            "importance": node.importance.value,
            "veto": node.veto,
            "typical_evidence": [t.get(lang) for t in node.typical_evidence],
            "tags": list(node.tags),
            "parameters": parameters_of(node, lang, thresholds),
        }
    if isinstance(node, Term) and node.definition is not None:
        data["definition"] = node.definition.text.get(lang)
        data["definition_provenance"] = node.definition.provenance.value
    if node.applicability is not None:
        data["applicability"] = {
            "when": node.applicability.when,
            "description": node.applicability.description.get(lang),
        }
    children = getattr(node, "children", ())
    data["children"] = (
        []
        if depth == 0
        else [
            node_json(c, lang, None if depth is None else depth - 1, thresholds) for c in children
        ]
    )
    return data


def standard_json(standard: Standard, lang: Lang, depth: int | None = None) -> str:
    """Return the JSON printed by ``gbstd standards show ID --format json``."""
    root = {
        "id": standard.number,
        "title": standard.title.get(lang),
        "kind": "standard",
        "provenance_note": standard.provenance.get(lang),
        "extra": standard.extra,
        "status": standard.status.value if standard.status else None,
        "issued": standard.issued.isoformat() if standard.issued else None,
        "effective": standard.effective.isoformat() if standard.effective else None,
        "children": [
            node_json(c, lang, None if depth is None else depth - 1) for c in standard.children
        ],
    }
    return json.dumps(root, ensure_ascii=False, indent=2)


def _badge(node: Any, lang: Lang) -> str:
    label = _pick(PROVENANCE_LABEL[node.provenance], lang)
    return f"[{_PROVENANCE_STYLE[node.provenance]}]〔{label}〕[/]"


def _label(node: Any, lang: Lang) -> RichText | str:
    title = escape(node.title.get(lang))
    if isinstance(node, Requirement):
        level = _pick(LEVEL_LABEL[node.level.value], lang)
        veto = _pick(("  一票否决", "  veto"), lang) if node.veto else ""
        thresholds = load_thresholds()
        statement = escape(_statement(node, lang, thresholds))
        extra = "".join(
            f"\n[dim]{escape(line)}[/]" for line in _parameter_lines(node, lang, thresholds)
        )
        return (
            f"[bold]{escape(node.id)}[/] {title} {_badge(node, lang)} [magenta]{level}[/]{veto}\n"
            f"{statement}{extra}"
        )
    if isinstance(node, Term):
        head = f"[bold]{escape(node.id)}[/] {title} {_badge(node, lang)}"
        if node.definition is None:
            return head
        working = node.definition.provenance == Provenance.DERIVED
        mark = _pick(("工作定义", "working definition"), lang) if working else ""
        prefix = f"[dim]（{mark}）[/]" if mark else ""
        return f"{head}\n[dim]{escape(node.definition.text.get(lang))}[/]{prefix}"
    return f"[bold]{escape(node.id)} {title}[/] {_badge(node, lang)}"


def _grow(branch: Tree, node: Any, lang: Lang, depth: int | None) -> None:
    child = branch.add(_label(node, lang))
    if depth == 0:
        hidden = len(getattr(node, "children", ()))
        if hidden:
            child.add(f"[dim]… {hidden} {_pick(('项未展开', 'more'), lang)}[/]")
        return
    for grandchild in getattr(node, "children", ()):
        _grow(child, grandchild, lang, None if depth is None else depth - 1)


def _starting_points(
    standard: Standard, node: Any, depth: int | None
) -> list[tuple[Any, int | None]]:
    """Pair each top node with how many levels below it to show.

    ``depth`` counts levels below what the user asked for: the standard itself, or the node
    given with ``--clause``.
    """
    if node is not None:
        return [(node, depth)]
    return [(child, None if depth is None else depth - 1) for child in standard.children]


def standard_tree(
    standard: Standard, lang: Lang, node: Any = None, depth: int | None = None
) -> Tree:
    """Return a readable tree of the standard, or of one node of it, down to ``depth`` levels."""
    head = f"[bold]{escape(standard.number)}[/] {escape(standard.title.get(lang))}"
    tree = Tree(head, guide_style="dim")
    for top, remaining in _starting_points(standard, node, depth):
        _grow(tree, top, lang, remaining)
    return tree


def standard_markdown(
    standard: Standard, lang: Lang, node: Any = None, depth: int | None = None
) -> str:
    """Return the standard (or one node) as Markdown, headings by depth."""
    lines = [f"# {standard.number} {standard.title.get(lang)}", ""]
    lines += [f"> {standard.provenance.get(lang)}", ""]

    def emit(item: Any, level: int, remaining: int | None) -> None:
        badge = _pick(PROVENANCE_LABEL[item.provenance], lang)
        if isinstance(item, Requirement):
            level_word = _pick(LEVEL_LABEL[item.level.value], lang)
            thresholds = load_thresholds()
            lines.append(
                f"- **{item.id} {item.title.get(lang)}** 〔{badge}〕〔{level_word}〕 "
                f"{_statement(item, lang, thresholds)}"
            )
            lines.extend(f"  - {line}" for line in _parameter_lines(item, lang, thresholds))
            for evidence in item.typical_evidence:
                lines.append(f"  - {_pick(('证据', 'Evidence'), lang)}：{evidence.get(lang)}")
            return
        if isinstance(item, Term):
            text = item.definition.text.get(lang) if item.definition else ""
            lines.append(f"- **{item.id} {item.title.get(lang)}** 〔{badge}〕 {text}".rstrip())
            return
        if lines[-1] != "":
            lines.append("")
        lines.append(f"{'#' * min(level, 6)} {item.id} {item.title.get(lang)} 〔{badge}〕")
        lines.append("")
        if remaining == 0:
            return
        for child in getattr(item, "children", ()):
            emit(child, level + 1, None if remaining is None else remaining - 1)
        if lines[-1] != "":
            lines.append("")

    for top, remaining in _starting_points(standard, node, depth):
        emit(top, 2, remaining)
    lines += ["", DERIVED_NOTE(lang), ""]
    return "\n".join(lines).replace("\n\n\n", "\n\n")
