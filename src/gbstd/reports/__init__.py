"""Renderers: each turns an assessment into text or a workbook; ``save_report`` writes files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from gbstd.assessment.results import Report
from gbstd.i18n import Lang
from gbstd.io.outputs import write_atomic


def _json(report: Report, lang: Lang) -> bytes:
    from gbstd.reports.assessment import to_json

    return to_json(report, lang).encode("utf-8")


def _markdown(report: Report, lang: Lang) -> bytes:
    from gbstd.reports.markdown import render

    return render(report, lang).encode("utf-8")


def _html(report: Report, lang: Lang) -> bytes:
    from gbstd.reports.html import render

    return render(report, lang).encode("utf-8")


def _excel(report: Report, lang: Lang) -> bytes:
    from gbstd.reports.excel import build, workbook_bytes

    return workbook_bytes(build(report, lang))


# Output formats by name; file suffixes map onto them.
FILE_WRITERS: dict[str, Callable[[Report, Lang], bytes]] = {
    "json": _json,
    "md": _markdown,
    "html": _html,
    "xlsx": _excel,
}
SUFFIXES = {".json": "json", ".md": "md", ".html": "html", ".htm": "html", ".xlsx": "xlsx"}


def save_report(
    report: Report,
    path: Path,
    fmt: str,
    lang: Lang,
    *,
    protect: Iterable[Path] = (),
    force: bool = False,
) -> None:
    """Render ``report`` in ``fmt`` and write it to ``path`` atomically (see ``write_atomic``)."""
    write_atomic(path, FILE_WRITERS[fmt](report, lang), protect=protect, force=force)
