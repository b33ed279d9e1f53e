"""Renderers: each turns an assessment into text or a workbook; ``save_report`` writes files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from gbstd.assessment.results import Report
from gbstd.i18n import Lang
from gbstd.io.outputs import write_atomic

if TYPE_CHECKING:
    from gbstd.reports.document import ReportOptions


def _json(report: Report, lang: Lang, options: ReportOptions | None = None) -> bytes:
    from gbstd.reports.assessment import to_json

    return to_json(report, lang).encode("utf-8")


def _markdown(report: Report, lang: Lang, options: ReportOptions | None = None) -> bytes:
    from gbstd.reports.markdown import render

    return render(report, lang, options).encode("utf-8")


def _html(report: Report, lang: Lang, options: ReportOptions | None = None) -> bytes:
    from gbstd.reports.html import render

    return render(report, lang, options).encode("utf-8")


def _excel(report: Report, lang: Lang, options: ReportOptions | None = None) -> bytes:
    from gbstd.reports.excel import build, workbook_bytes

    return workbook_bytes(build(report, lang, options))


def _word(report: Report, lang: Lang, options: ReportOptions | None = None) -> bytes:
    from gbstd.reports.word import render

    return render(report, lang, options)


# Output formats by name; file suffixes map onto them. Every writer takes the report, the
# language and, optionally, the report options (assessors, number, --summary).
FILE_WRITERS: dict[str, Callable[..., bytes]] = {
    "json": _json,
    "md": _markdown,
    "html": _html,
    "xlsx": _excel,
    "docx": _word,
}
SUFFIXES = {
    ".json": "json",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
    ".docx": "docx",
}
BINARY_FORMATS = frozenset({"xlsx", "docx"})


def save_report(
    report: Report,
    path: Path,
    fmt: str,
    lang: Lang,
    *,
    protect: Iterable[Path] = (),
    force: bool = False,
    options: ReportOptions | None = None,
) -> None:
    """Render ``report`` in ``fmt`` and write it to ``path`` atomically (see ``write_atomic``)."""
    write_atomic(path, FILE_WRITERS[fmt](report, lang, options), protect=protect, force=force)
