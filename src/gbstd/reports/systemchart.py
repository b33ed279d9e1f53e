"""The 结构图 sheet: the standard system drawn as a tree of boxes joined by lines.

Drawn with cells, so that Excel, WPS and LibreOffice show and print it alike with no image
library: each box is two merged cells with a frame and a fill; the lines are cell borders in
the two narrow columns between a level and the next. The line from a parent runs along the
edge between its box's two rows (the box's middle), down a trunk, and into each child's middle.
The tree goes left to right: the system, its 分体系, their 子体系; each box says how many
standards it holds and how many are still to write. The standards themselves are listed in the
标准明细表 sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from gbstd.i18n import Lang
from gbstd.reports.excel import FORMULA_TRIGGERS, safe_text
from gbstd.system.proposal import Proposal, ProposedStandard, ProposedSubsystem

BOX_WIDTH, LINK_WIDTH = 24, 2.5  # column widths, in characters
TITLE_ROWS = 3  # the title, a note, a blank row; the drawing starts below
ROW_HEIGHT = 18.0  # points: a box is two rows, two lines of text
LINE = Side(style="medium", color="1F4E78")
FRAME = Side(style="medium", color="1F4E78")
FILLS = ("1F4E78", "2E75B6", "BDD7EE", "DEEBF7", "F2F2F2")  # by depth: the system first
TO_WRITE = ("to_draft", "planned", "drafting")


@dataclass
class _Box:
    """A node's place: its column (by depth) and first row; children below it."""

    label: str
    depth: int
    row: int = 0
    children: tuple[_Box, ...] = ()


def _counts(node: ProposedSubsystem) -> tuple[int, int]:
    """Standards below ``node`` and those of them still to write."""
    total = to_write = 0
    for child in node.children:
        if isinstance(child, ProposedStandard):
            total += 1
            to_write += child.status in TO_WRITE
        else:
            below, writing = _counts(child)
            total += below
            to_write += writing
    return total, to_write


def _label(node: ProposedSubsystem, lang: Lang) -> str:
    total, to_write = _counts(node)
    if lang == "zh":
        counts = f"{total} 项" + (f"，待制定 {to_write}" if to_write else "")
        return f"{node.code} {node.name(lang)}（{counts}）"
    counts = f"{total}" + (f", {to_write} to write" if to_write else "")
    return f"{node.code} {node.name(lang)} ({counts})"


def _tree(node: ProposedSubsystem, depth: int, lang: Lang) -> _Box:
    children = tuple(
        _tree(child, depth + 1, lang)
        for child in node.children
        if isinstance(child, ProposedSubsystem)
    )
    return _Box(_label(node, lang), depth, children=children)


def _place(box: _Box, next_row: int) -> int:
    """Give every box its first row; return the next free row.

    Leaves go three rows apart (a box of two and a gap), a parent beside its children's middle.
    """
    if not box.children:
        box.row = next_row
        return next_row + 3
    for child in box.children:
        next_row = _place(child, next_row)
    first, last = box.children[0].row, box.children[-1].row
    box.row = first + (last - first) // 2
    return next_row


def _put(ws: Any, row: int, column: int, text: str) -> Any:
    """Write ``text`` as text, never a formula: a centre may be named "=HYPERLINK(…)"."""
    cell = ws.cell(row, column, safe_text(text))
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _column(depth: int) -> int:
    return 1 + 3 * depth  # a box, then two link columns


def _draw_box(ws: Any, box: _Box) -> None:
    column = _column(box.depth)
    ws.merge_cells(start_row=box.row, end_row=box.row + 1, start_column=column, end_column=column)
    cell = _put(ws, box.row, column, box.label)
    dark = box.depth < 2
    cell.font = Font(bold=box.depth < 2, color="FFFFFF" if dark else "000000", size=10)
    cell.fill = PatternFill("solid", fgColor=FILLS[min(box.depth, len(FILLS) - 1)])
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in (box.row, box.row + 1):  # a merged cell shows the borders of every part
        ws.cell(row, column).border = Border(
            left=FRAME,
            right=FRAME,
            top=FRAME if row == box.row else None,
            bottom=FRAME if row == box.row + 1 else None,
        )


def _border(ws: Any, row: int, column: int, **sides: Side) -> None:
    cell = ws.cell(row, column)
    current = cell.border
    cell.border = Border(
        left=sides.get("left", current.left),
        right=sides.get("right", current.right),
        top=sides.get("top", current.top),
        bottom=sides.get("bottom", current.bottom),
    )


def _draw_links(ws: Any, box: _Box) -> None:
    if not box.children:
        return
    stub, trunk = _column(box.depth) + 1, _column(box.depth) + 2
    _border(ws, box.row, stub, bottom=LINE)  # out of the parent's middle
    first, last = box.children[0].row, box.children[-1].row
    for row in range(first + 1, last + 1):  # the trunk, from the first child's middle down
        _border(ws, row, trunk, left=LINE)
    for child in box.children:
        _border(ws, child.row, trunk, bottom=LINE)  # into each child's middle
        _draw_links(ws, child)


def _all(box: _Box) -> list[_Box]:
    return [box, *(b for child in box.children for b in _all(child))]


def draw_structure(ws: Any, proposal: Proposal, lang: Lang) -> None:
    """Draw the system's structure on ``ws`` (an ordinary, not write-only, sheet)."""
    zh = lang == "zh"
    count = len(proposal.standards())
    root = _Box(
        f"{proposal.centre['name']}标准体系（{count} 项）"
        if zh
        else f"{proposal.centre['name']} standard system ({count})",
        0,
        children=tuple(_tree(top, 1, lang) for top in proposal.children),
    )
    _place(root, TITLE_ROWS + 1)
    boxes = _all(root)
    depth = max(b.depth for b in boxes)
    for level in range(depth + 1):
        ws.column_dimensions[get_column_letter(_column(level))].width = BOX_WIDTH
        if level < depth:
            for offset in (1, 2):
                ws.column_dimensions[get_column_letter(_column(level) + offset)].width = LINK_WIDTH
    heading = "标准体系结构图" if zh else "standard system structure"
    title = _put(ws, 1, 1, f"{proposal.centre['name']} {heading}")
    title.font = Font(bold=True, size=14)
    title.alignment = Alignment(horizontal="left", vertical="center", indent=1)
    ws.row_dimensions[1].height = 24
    note = _put(
        ws,
        2,
        1,
        "各方框中的数字为所含标准数；标准逐项列在「标准明细表」。体系结构与编码是本工具的建议。"
        if zh
        else "Each box gives the standards it holds; the standards are listed in the Standards "
        "sheet. The structure and codes are the toolkit's proposal.",
    )
    note.font = Font(italic=True, color="595959", size=9)
    note.alignment = Alignment(indent=1)
    last = max(b.row for b in boxes) + 1
    for row in range(TITLE_ROWS + 1, last + 1):
        ws.row_dimensions[row].height = ROW_HEIGHT
    for box in boxes:
        _draw_box(ws, box)
    _draw_links(ws, root)
    ws.sheet_view.showGridLines = False
    ws.print_area = f"A1:{get_column_letter(_column(depth))}{last}"
