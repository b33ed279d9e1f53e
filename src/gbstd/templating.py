"""The one place that builds the jinja2 environment for report and document templates."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .bundled import data_dir


@cache
def make_environment() -> Environment:
    """Return the shared environment: strict undefined, HTML autoescaped, Markdown not."""
    return Environment(
        loader=FileSystemLoader(str(data_dir("templates"))),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # select_autoescape() alone misses "*.html.jinja"; name the double suffixes.
        autoescape=select_autoescape(("html", "html.jinja", "xml")),
    )
