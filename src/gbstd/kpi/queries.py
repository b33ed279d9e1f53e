"""The named statements of ``kpi/kpi.sql`` and fetching their rows from DuckDB."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

import duckdb


@lru_cache(maxsize=1)
def statements() -> dict[str, str]:
    """The named statements of ``kpi/kpi.sql``."""
    text = files("gbstd.kpi").joinpath("kpi.sql").read_text(encoding="utf-8")
    parts = re.split(r"^-- name: (\w+)[ \t]*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1].strip().rstrip(";") for i in range(1, len(parts), 2)}


def fetch(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
) -> list[dict[str, Any]]:
    """Run ``sql`` and return its rows as dictionaries by column name."""
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
