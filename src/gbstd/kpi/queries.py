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


def is_duckdb(con: Any) -> bool:
    """Whether ``con`` is a DuckDB connection (else gbstd's Spark connection)."""
    return isinstance(con, duckdb.DuckDBPyConnection)


def columns(con: Any, name: str) -> dict[str, str]:
    """The columns of relation ``name`` with their types, as DuckDB names them."""
    if not is_duckdb(con):
        return con.columns(name)
    return {row[0]: row[1] for row in con.execute(f"DESCRIBE {name}").fetchall()}


def load_table(
    con: Any, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
) -> None:
    """Create table ``name`` (columns: (name, DuckDB type)) holding a few ``rows``.

    The small tables gbstd builds from its own data (the calendar, the settings, the satisfied
    grades, the matters) reach every engine this way, from the same Python values.
    """
    if not is_duckdb(con):
        con.load_table(name, columns, rows)
        return
    select = ", ".join(f"unnest(?::{sql_type}[]) AS {column}" for column, sql_type in columns)
    values = [list(column) for column in zip(*rows, strict=True)] or [[] for _ in columns]
    con.execute(f"CREATE TABLE {name} AS SELECT {select}", values)
