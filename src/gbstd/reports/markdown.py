"""Render an assessment report as deterministic Markdown (for wikis and merge requests)."""

from __future__ import annotations

from gbstd.assessment.results import LEVEL_LABELS, SEVERITY_LABELS, STATUS_LABELS, Report
from gbstd.i18n import Lang
from gbstd.io.templating import make_environment
from gbstd.reports.assessment import template_context


def _md(text: object) -> str:
    """Keep table cells intact and inert: no pipes, line breaks or raw HTML from user text."""
    cell = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return cell.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def render(report: Report, lang: Lang) -> str:
    """Return the report as Markdown."""
    environment = make_environment()
    environment.filters.setdefault("md", _md)
    return environment.get_template("report.md.jinja").render(
        **template_context(report, lang),
        severity={k: v(lang) for k, v in SEVERITY_LABELS.items()},
        status={k.value: v(lang) for k, v in STATUS_LABELS.items()},
        level=LEVEL_LABELS[report.centre["level"]](lang),
    )
