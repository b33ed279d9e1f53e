"""Render a batch summary: terminal, JSON, and a (write-only, national-scale) workbook."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Font, NamedStyle
from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from gbstd.assessment.batch import BatchSummary, CentreSummary
from gbstd.assessment.results import DERIVED_DISCLAIMER, LEVEL_LABELS, STATUS_LABELS, Status
from gbstd.i18n import Lang, Message
from gbstd.reports.excel import (
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    TABLE_STYLE,
    Column,
    _finish_table,
    _prepare_table,
    add_styles,
    display_width,
    plain_row,
    print_setup,
    text_cell,
)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


OVERVIEW_TEXT_WIDTH = 100  # display columns of 概览's eight columns, less a margin
PERCENT, ONE_DECIMAL = "gbstd percent", "gbstd one decimal"  # named styles: cheap per cell


def _formatted(ws: Any, values: Sequence[Any], styles: dict[int, str]) -> list[Any]:
    """A plain row, but for the cells at ``styles``' indexes, which get that named style."""
    row = plain_row(ws, values)
    for index, style in styles.items():
        if row[index] is not None:
            row[index] = text_cell(ws, row[index], style)
    return row


def _one(value: float | None) -> float | None:
    """A score as the summary shows it: one decimal."""
    return None if value is None else round(value, 1)


def _label(centre: CentreSummary, lang: Lang) -> str:
    return centre.grade_label(lang) if centre.grade_label is not None else ""


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def grade_counts(summary: BatchSummary, lang: Lang) -> list[tuple[str, int]]:
    """Centres per grade label, most first (centres without a grade as "—")."""
    return Counter(_label(c, lang) or "—" for c in summary.centres).most_common()


def coverage_lines(summary: BatchSummary, lang: Lang) -> list[str]:
    """How far missing data drives the ranking, in a sentence or two."""
    zh = lang == "zh"
    lines = []
    covered = [c.coverage for c in summary.centres if c.coverage is not None]
    if covered:
        low = sum(1 for c in summary.centres if c.grade == "insufficient_data")
        lines.append(
            f"覆盖率（能评估的要求占计分权重的比例）从 {_pct(min(covered))} 到 {_pct(max(covered))}；"
            f"{low} 个中心因覆盖率过低评为「数据不足」，排在有等级的中心之后。"
            if zh
            else f"Coverage (the share of scored weight that could be evaluated) runs from "
            f"{_pct(min(covered))} to {_pct(max(covered))}; {low} centres are graded "
            "insufficient data and ranked after the graded ones."
        )
    top, bottom = summary.coverage_by_rank()
    if top is not None and bottom is not None:
        lines.append(
            f"排名前四分之一的中心平均覆盖率 {_pct(top)}，后四分之一 {_pct(bottom)}"
            + (
                "：排名在相当程度上反映资料是否齐全，补齐资料后再比较更可靠。"
                if top - bottom >= 0.1
                else "：两者相近，排名主要反映评估结果而非资料缺失。"
            )
            if zh
            else f"The top quarter of the ranking averages {_pct(top)} coverage, the bottom "
            f"quarter {_pct(bottom)}"
            + (
                ": the ranking partly reflects how complete the files are."
                if top - bottom >= 0.1
                else ": close, so the ranking reflects results rather than missing data."
            )
        )
    return lines


def to_data(summary: BatchSummary, lang: Lang, top: int = 20) -> dict[str, Any]:
    """Return the batch as JSON-ready data (schema gbstd.batch/1)."""
    total = len(summary.centres)
    return {
        "schema": "gbstd.batch/1",
        "standards": list(summary.standards),
        "centres": [
            {
                "file": c.file,
                "name": c.name,
                "level": c.level,
                "region": c.region,
                "score": _round(c.score),
                "grade": c.grade,
                "coverage": None if c.coverage is None else round(c.coverage, 4),
                "vetoes": list(c.vetoes),
                "scores": {n: _round(s) for n, s in zip(summary.standards, c.scores, strict=True)},
                "counts": dict(zip([s.value for s in Status], c.counts, strict=True)),
                "gaps": len(c.gaps),
            }
            for c in summary.centres
        ],
        "ranking": [
            {"rank": i, "file": c.file, "name": c.name, "score": _round(c.score)}
            for i, c in enumerate(summary.ranking(), start=1)
        ],
        "common_gaps": [
            {
                "requirement": r,
                "title": summary.titles[r](lang),
                "centres": n,
                "share": round(n / total, 4) if total else 0.0,
            }
            for r, n in summary.common_gaps(top)
        ],
        "failures": [{"file": f.file, "message": f.message(lang)} for f in summary.failures],
        "summary": {
            "centres": total,
            "failures": len(summary.failures),
            "grades": dict(Counter(c.grade or "none" for c in summary.centres)),
            "note": DERIVED_DISCLAIMER(lang),
        },
    }


def to_json(summary: BatchSummary, lang: Lang) -> str:
    """Return the batch summary as JSON text."""
    return json.dumps(to_data(summary, lang), ensure_ascii=False, indent=2) + "\n"


def render(summary: BatchSummary, lang: Lang) -> Group:
    """Return the terminal view: totals, grade distribution, common gaps, failures."""
    zh = lang == "zh"
    parts: list[Any] = [
        Text(
            f"已评估 {len(summary.centres)} 个中心，{len(summary.failures)} 个文件无效"
            if zh
            else f"{len(summary.centres)} centres assessed, {len(summary.failures)} invalid files",
            style="bold",
        )
    ]
    total = len(summary.centres) or 1
    parts.append(
        Text(
            ("等级分布：" if zh else "Grades: ")
            + ("，" if zh else ", ").join(
                f"{g} {n}（{n / total:.1%}）" if zh else f"{g} {n} ({n / total:.1%})"
                for g, n in grade_counts(summary, lang)
            )
        )
    )
    vetoed = sum(1 for c in summary.centres if c.vetoes)
    if vetoed:
        parts.append(
            Text(
                f"{vetoed} 个中心触发一票否决（见汇总表「否决项」列）"
                if zh
                else f"{vetoed} centres failed a veto requirement (see the Veto column)",
                style="red",
            )
        )
    parts += [Text(line) for line in coverage_lines(summary, lang)]
    table = Table(header_style="bold", pad_edge=False)
    table.add_column("要求" if zh else "Requirement", no_wrap=True)
    table.add_column("标题" if zh else "Title")
    table.add_column("中心数" if zh else "Centres", justify="right")
    for requirement, count in summary.common_gaps(10):
        table.add_row(requirement, escape(summary.titles[requirement](lang)), str(count))
    parts += [Text("最常见的差距" if zh else "Most common gaps", style="bold"), table]
    parts += [Text(line, style="red") for line in failure_lines(summary, lang)]
    parts.append(Text(DERIVED_DISCLAIMER(lang), style="dim"))
    return Group(*parts)


def failure_lines(summary: BatchSummary, lang: Lang, limit: int = 20) -> list[str]:
    """The invalid files, a line each (its first problem), at most ``limit``, then how many more.

    Shown in the terminal view, and on stderr when the summary goes to a file (which lists
    them all), so that a failed file is never seen only by whoever opens the summary.
    """
    lines = []
    for failure in summary.failures[:limit]:
        problems = failure.message(lang).splitlines() or [failure.file]
        more = len(problems) - 1
        if more:
            problems[0] += f"（另有 {more} 处问题）" if lang == "zh" else f" (and {more} more)"
        lines.append(problems[0])
    if len(summary.failures) > limit:
        rest = len(summary.failures) - limit
        lines.append(f"… 另有 {rest} 个无效文件" if lang == "zh" else f"… and {rest} more")
    return lines


class SummaryWorkbook:
    """The summary workbook, its centres sheet written as centres arrive.

    A national batch's 40,000 rows take seconds to write; written while the workers still
    assess (``gbstd batch`` passes ``add`` to ``run_batch``), they cost little wall time.
    The sheets that need every centre (概览, ranking, common gaps, failures) come in
    ``finish``; 概览 is created first so that it opens first, and filled in at the end.
    Write-only: a sheet's rows go to disk as they are added.
    """

    def __init__(self, lang: Lang) -> None:
        """Start the workbook; ``begin`` adds the first sheets once the standards are known."""
        self.lang = lang
        self.workbook = Workbook(write_only=True)
        add_styles(self.workbook)
        for name, number_format in ((PERCENT, "0.0%"), (ONE_DECIMAL, "0.0")):
            self.workbook.add_named_style(NamedStyle(name, number_format=number_format))
        self.columns: tuple[Column, ...] = ()
        self.overview: Any = None  # the first sheet, written in finish()
        self.sheet: Any = None  # the centres sheet, from begin()
        self.rows = 0

    def begin(self, standards: Sequence[str]) -> None:
        """Add 概览 (empty until ``finish``) and the centres sheet with its header."""
        self.columns = (
            Column(Message("文件", "File"), 24),
            Column(Message("中心", "Centre"), 28),
            Column(Message("层级", "Level"), 10),
            Column(Message("地区", "Region"), 10),
            Column(Message("总分", "Score"), 8),
            Column(Message("等级", "Grade"), 10),
            Column(Message("覆盖率", "Coverage"), 9),
            Column(Message("否决项", "Veto"), 16),
            *(Column(Message(n, n), 18) for n in standards),  # fits GB/T 32169.1-2015
            *(Column(STATUS_LABELS[s], 8) for s in Status),
            Column(Message("差距", "Gaps"), 8),
        )
        self.overview = self.workbook.create_sheet("概览" if self.lang == "zh" else "Overview")
        print_setup(self.overview, repeat_header=False)  # before its first row
        self.overview.page_setup.orientation = "portrait"
        self.sheet = self.workbook.create_sheet("汇总" if self.lang == "zh" else "Centres")
        self.sheet.append(_prepare_table(self.sheet, self.columns, self.lang))

    def add(self, c: CentreSummary) -> None:
        """Add one centre's row (plain values: a national batch has 40,000 of them)."""
        level = LEVEL_LABELS[c.level](self.lang) if c.level in LEVEL_LABELS else c.level
        values = [
            c.file,
            c.name,
            level,
            c.region,
            _one(c.score),
            _label(c, self.lang),
            None if c.coverage is None else round(c.coverage, 3),
            "、".join(c.vetoes) if self.lang == "zh" else ", ".join(c.vetoes),
            *(_one(s) for s in c.scores),
            *c.counts,
            len(c.gaps),
        ]
        self.sheet.append(_formatted(self.sheet, values, {4: ONE_DECIMAL, 6: PERCENT}))
        self.rows += 1

    def discard(self) -> None:
        """Abandon an unfinished workbook: end its sheets' streams, remove their temporary files.

        Left to the garbage collector, a half-written sheet prints "Exception ignored …
        Traceback" at exit, and its /tmp/openpyxl.* file stays until then.
        """
        for sheet in (self.overview, self.sheet):
            if sheet is None or sheet.closed:
                continue
            sheet.close()
            writer = getattr(sheet, "_writer", None)  # openpyxl keeps the file's name there
            if writer is not None:
                writer.cleanup()

    def finish(self, summary: BatchSummary) -> Workbook:
        """Close the centres sheet; write 概览, the ranking, common gaps and failures."""
        _finish_table(self.sheet, self.columns, self.rows)
        _overview(self.overview, summary, self.lang)
        _add_summary_sheets(self.workbook, summary, self.lang)
        return self.workbook


def build_workbook(summary: BatchSummary, lang: Lang) -> Workbook:
    """Return the summary workbook of a finished batch (see ``SummaryWorkbook``)."""
    book = SummaryWorkbook(lang)
    book.begin(summary.standards)
    for centre in summary.centres:
        book.add(centre)
    return book.finish(summary)


def _overview(ws: Any, summary: BatchSummary, lang: Lang) -> None:
    """概览: totals, the grade distribution as a table and a chart, coverage, vetoes, notes."""
    zh = lang == "zh"
    for letter, width in zip("ABCDEFGH", (22, 12, 12, 12, 12, 12, 12, 12), strict=True):
        ws.column_dimensions[letter].width = width
    row = 0

    def put(values: list[Any]) -> int:
        nonlocal row
        ws.append(values)
        row += 1
        return row

    put(
        [
            text_cell(
                ws,
                "批量评估汇总" if zh else "Batch assessment summary",
                font=Font(bold=True, size=16),
            )
        ]
    )
    total = len(summary.centres)
    vetoed = sum(1 for c in summary.centres if c.vetoes)
    facts = [
        ("已评估中心" if zh else "Centres assessed", total),
        ("无效文件" if zh else "Invalid files", len(summary.failures)),
        ("触发否决的中心" if zh else "Centres failing a veto", vetoed),
        (
            "评估标准" if zh else "Standards",
            "、".join(summary.standards) if zh else ", ".join(summary.standards),
        ),
    ]
    for label, value in facts:
        put([text_cell(ws, label, font=Font(bold=True)), text_cell(ws, value)])
    put([None])
    put([text_cell(ws, "等级分布" if zh else "Grades", font=Font(bold=True, size=12))])
    header = ["等级" if zh else "Grade", "中心数" if zh else "Centres", "占比" if zh else "Share"]
    first = put(
        [text_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL, border=BORDER) for h in header]
    )
    counts = grade_counts(summary, lang)
    for grade, count in counts:
        put(
            [
                text_cell(ws, grade, TABLE_STYLE),
                text_cell(ws, count, TABLE_STYLE),
                text_cell(ws, round(count / (total or 1), 4), TABLE_STYLE, number_format="0.0%"),
            ]
        )
    last = row
    if counts:
        chart = BarChart()
        chart.type = "col"
        chart.title = "各等级中心数" if zh else "Centres by grade"
        chart.legend = None
        chart.y_axis.title = "中心数" if zh else "Centres"
        chart.y_axis.scaling.min = 0
        chart.y_axis.majorGridlines = None
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.add_data(Reference(ws, min_col=2, min_row=first, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=last))
        chart.dataLabels = DataLabelList(
            showVal=True, showSerName=False, showCatName=False, showLegendKey=False
        )
        chart.height, chart.width = 7.5, 15
        ws.add_chart(chart, f"E{first}")
    for _ in range(max(0, 16 - len(counts))):  # room for the chart beside and below the table
        put([None])
    put(
        [
            text_cell(
                ws,
                "资料缺失对排名的影响" if zh else "How far missing data drives the ranking",
                font=Font(bold=True, size=12),
            )
        ]
    )
    for line in coverage_lines(summary, lang):
        for piece in _pieces(line):
            put([text_cell(ws, piece)])
    put([None])
    for piece in _pieces(DERIVED_DISCLAIMER(lang)):
        put([text_cell(ws, piece, font=Font(italic=True, color="595959"))])


def _pieces(text: str, width: int = OVERVIEW_TEXT_WIDTH) -> list[str]:
    """Cut ``text`` into lines of at most ``width`` display columns.

    A write-only sheet can merge no cells, so a sentence cannot wrap across the page's
    columns: it is laid out as lines, one a row, each overflowing into the empty cells beside.
    """
    lines, current = [], ""
    for char in text:
        if display_width(current + char) > width:
            lines.append(current)
            current = ""
        current += char
    return [*lines, current] if current else lines


def _add_summary_sheets(workbook: Workbook, summary: BatchSummary, lang: Lang) -> None:
    zh = lang == "zh"
    ranking_columns = (
        Column(Message("名次", "Rank"), 8),
        Column(Message("中心", "Centre"), 30),
        Column(Message("层级", "Level"), 10),
        Column(Message("地区", "Region"), 10),
        Column(Message("总分", "Score"), 8),
        Column(Message("等级", "Grade"), 10),
        Column(Message("覆盖率", "Coverage"), 9),
        Column(Message("否决项", "Veto"), 16),
    )
    ranking = workbook.create_sheet("排名" if zh else "Ranking")
    ranking.append(_prepare_table(ranking, ranking_columns, lang))
    for rank, c in enumerate(summary.ranking(), start=1):
        level = LEVEL_LABELS[c.level](lang) if c.level in LEVEL_LABELS else c.level
        coverage = None if c.coverage is None else round(c.coverage, 3)
        vetoes = ("、" if zh else ", ").join(c.vetoes)
        values = (rank, c.name, level, c.region, _one(c.score), _label(c, lang), coverage, vetoes)
        ranking.append(_formatted(ranking, values, {4: ONE_DECIMAL, 6: PERCENT}))
    _finish_table(ranking, ranking_columns, len(summary.centres))

    gap_columns = (
        Column(Message("要求", "Requirement"), 18),
        Column(Message("标题", "Title"), 36),
        Column(Message("中心数", "Centres"), 10),
        Column(Message("占比", "Share"), 10),
    )
    common = workbook.create_sheet("常见差距" if zh else "Common gaps")
    common.append(_prepare_table(common, gap_columns, lang))
    total = len(summary.centres) or 1
    gaps = summary.common_gaps(100)
    for requirement, count in gaps:
        common.append(
            [
                text_cell(common, requirement, TABLE_STYLE),
                text_cell(common, summary.titles[requirement](lang), TABLE_STYLE),
                text_cell(common, count, TABLE_STYLE),
                text_cell(common, round(count / total, 4), TABLE_STYLE, number_format="0.0%"),
            ]
        )
    _finish_table(common, gap_columns, len(gaps))

    failure_columns = (Column(Message("文件", "File"), 40), Column(Message("问题", "Problem"), 90))
    failed = workbook.create_sheet("无效文件" if zh else "Invalid files")
    failed.append(_prepare_table(failed, failure_columns, lang))
    for failure in summary.failures:
        failed.append(
            [
                text_cell(failed, failure.file, TABLE_STYLE),
                text_cell(failed, failure.message(lang), TABLE_STYLE),
            ]
        )
    _finish_table(failed, failure_columns, len(summary.failures))
