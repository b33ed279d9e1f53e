"""Render a batch summary: terminal, JSON, and a (write-only, national-scale) workbook."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from gbstd.assessment.batch import BatchSummary, CentreSummary
from gbstd.assessment.results import DERIVED_DISCLAIMER, LEVEL_LABELS, STATUS_LABELS, Status
from gbstd.i18n import Lang, Message
from gbstd.reports.excel import (
    TABLE_STYLE,
    Column,
    _finish_table,
    _prepare_table,
    add_styles,
    plain_row,
    text_cell,
)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


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
    grades = Counter(c.grade_label or "—" for c in summary.centres)
    parts.append(
        Text(
            ("等级分布：" if zh else "Grades: ")
            + "，".join(f"{g} {n}" for g, n in grades.most_common())
        )
    )
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
    """The summary workbook, its first sheet written as centres arrive.

    A national batch's 40,000 rows take seconds to write; written while the workers still
    assess (``gbstd batch`` passes ``add`` to ``run_batch``), they cost little wall time.
    The sheets that need every centre (ranking, common gaps, failures) come in ``finish``.
    Write-only: a sheet's rows go to disk as they are added.
    """

    def __init__(self, lang: Lang) -> None:
        """Start the workbook; ``begin`` adds the first sheet once the standards are known."""
        self.lang = lang
        self.workbook = Workbook(write_only=True)
        add_styles(self.workbook)
        self.columns: tuple[Column, ...] = ()
        self.sheet: Any = None  # the centres sheet, from begin()
        self.rows = 0

    def begin(self, standards: Sequence[str]) -> None:
        """Add the centres sheet and its header, with one column per standard."""
        self.columns = (
            Column(Message("文件", "File"), 24),
            Column(Message("中心", "Centre"), 28),
            Column(Message("层级", "Level"), 10),
            Column(Message("地区", "Region"), 10),
            Column(Message("总分", "Score"), 8),
            Column(Message("等级", "Grade"), 8),
            *(Column(Message(n, n), 18) for n in standards),  # fits GB/T 32169.1-2015
            *(Column(STATUS_LABELS[s], 8) for s in Status),
            Column(Message("差距", "Gaps"), 8),
        )
        self.sheet = self.workbook.create_sheet("汇总" if self.lang == "zh" else "Centres")
        self.sheet.append(_prepare_table(self.sheet, self.columns, self.lang))

    def add(self, c: CentreSummary) -> None:
        """Add one centre's row."""
        level = LEVEL_LABELS[c.level](self.lang) if c.level in LEVEL_LABELS else c.level
        values = [
            c.file,
            c.name,
            level,
            c.region,
            _round(c.score),
            c.grade_label or "",
            *(_round(s) for s in c.scores),
            *c.counts,
            len(c.gaps),
        ]
        self.sheet.append(plain_row(self.sheet, values))
        self.rows += 1

    def discard(self) -> None:
        """Abandon an unfinished workbook: end its sheet's stream, remove its temporary file.

        Left to the garbage collector, the half-written sheet prints "Exception ignored …
        Traceback" at exit, and its /tmp/openpyxl.* file stays until then.
        """
        if self.sheet is None or self.sheet.closed:
            return
        self.sheet.close()
        writer = getattr(self.sheet, "_writer", None)  # openpyxl keeps the file's name there
        if writer is not None:
            writer.cleanup()

    def finish(self, summary: BatchSummary) -> Workbook:
        """Close the centres sheet and add the ranking, common gaps and failures."""
        _finish_table(self.sheet, self.columns, self.rows)
        _add_summary_sheets(self.workbook, summary, self.lang)
        return self.workbook


def build_workbook(summary: BatchSummary, lang: Lang) -> Workbook:
    """Return the summary workbook of a finished batch (see ``SummaryWorkbook``)."""
    book = SummaryWorkbook(lang)
    book.begin(summary.standards)
    for centre in summary.centres:
        book.add(centre)
    return book.finish(summary)


def _add_summary_sheets(workbook: Workbook, summary: BatchSummary, lang: Lang) -> None:
    zh = lang == "zh"
    ranking_columns = (
        Column(Message("名次", "Rank"), 8),
        Column(Message("中心", "Centre"), 30),
        Column(Message("层级", "Level"), 10),
        Column(Message("地区", "Region"), 10),
        Column(Message("总分", "Score"), 8),
        Column(Message("等级", "Grade"), 8),
    )
    ranking = workbook.create_sheet("排名" if zh else "Ranking")
    ranking.append(_prepare_table(ranking, ranking_columns, lang))
    for rank, c in enumerate(summary.ranking(), start=1):
        level = LEVEL_LABELS[c.level](lang) if c.level in LEVEL_LABELS else c.level
        ranking.append(
            plain_row(
                ranking, (rank, c.name, level, c.region, _round(c.score), c.grade_label or "")
            )
        )
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
                text_cell(common, v, TABLE_STYLE)
                for v in (
                    requirement,
                    summary.titles[requirement](lang),
                    count,
                    round(count / total, 4),
                )
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
