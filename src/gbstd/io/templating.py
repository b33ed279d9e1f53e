"""The one place that builds the jinja2 environment for report and document templates."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from gbstd.io.bundled import data_dir


def score_text(value: float | None) -> str:
    """A score as report templates show it: one decimal, or a dash when there is none."""
    return "—" if value is None else f"{value:.1f}"


@cache
def make_environment() -> Environment:
    """Return the shared environment: strict undefined, HTML autoescaped, Markdown not."""
    environment = Environment(
        loader=FileSystemLoader(str(data_dir("templates"))),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # select_autoescape() alone misses "*.html.jinja"; name the double suffixes.
        autoescape=select_autoescape(("html", "html.jinja", "xml")),
    )
    environment.filters["score"] = score_text
    return environment
