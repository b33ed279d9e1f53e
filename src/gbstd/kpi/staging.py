"""Read case records into DuckDB: the view ``cases`` of typed values, bad-value flags, groups."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

import duckdb

from gbstd.errors import GbstdError, UsageError
from gbstd.kpi import queries
from gbstd.kpi.indicators import GRADE_TERMS, CaseStatus, Channel, Grade
from gbstd.kpi.inputs import (
    CHANNEL_WORDS,
    COLUMN_KINDS,
    FALSE_WORDS,
    REQUIRED_COLUMNS,
    STATUS_WORDS,
    TIME_FORMATS,
    TRUE_WORDS,
    Column,
    ColumnMapping,
)

_SQL_TYPES = {"text": "VARCHAR", "time": "TIMESTAMP", "days": "DOUBLE", "bool": "BOOLEAN"}
_NUMERIC = {  # DuckDB types read as numbers of days as they are
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "FLOAT",
    "DOUBLE",
}
# by: the group's columns, the GROUPING() id of its grouping set in the indicators query, and
# the SQL of the view's group_extra column (what the window figures are split by besides window).
GROUPINGS: dict[str, tuple[tuple[str, ...], int, str]] = {
    "centre": (("centre_id",), 0b011, "CAST(NULL AS VARCHAR)"),
    "department": (("centre_id", "department"), 0b010, "department"),
    "window": (("centre_id", "window"), 0b001, "CAST(NULL AS VARCHAR)"),
    "month": (("month",), 0b110, "strftime(accepted_at, '%Y-%m')"),
}

ROW_NO = "__gbstd_row_no"  # the row numbers of a Spark source, in file order from 1


def sql_literal(text: str) -> str:
    """Quote ``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_error(name: str, exc: Exception) -> GbstdError:
    """A file DuckDB cannot read, said in a line or four of its message."""
    detail = []
    for line in str(exc).splitlines():
        if line.startswith("Possible fix"):
            break
        if line.strip():
            detail.append(line.strip())
    text = " ".join(detail[:4])
    return GbstdError(f"{name}：无法读取：{text}", f"{name}: cannot read: {text}")


def csv_header(path: Path) -> list[str]:
    """A CSV file's column names; the file must be UTF-8, not empty, without repeated names."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError:
        raise GbstdError(
            f"{path.name}：文件不是 UTF-8 编码；请另存为 UTF-8（如 iconv -f GB18030 -t UTF-8）",
            f"{path.name}: the file is not UTF-8; save it as UTF-8 (iconv -f GB18030 -t UTF-8)",
        ) from None
    if not header:
        raise GbstdError(f"{path.name}：文件为空", f"{path.name}: the file is empty")
    names = [h.strip() for h in header]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise GbstdError(
            f"{path.name}：列名重复：{', '.join(repeated)}",
            f"{path.name}: repeated column names: {', '.join(repeated)}",
        )
    return names


def xlsx_to_csv(path: Path, target: Path) -> None:
    """Stream the first sheet of a workbook into a UTF-8 CSV file of text values."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError) as exc:
        raise read_error(path.name, exc) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = list(next(rows, ()) or ())
        while header and header[-1] is None:
            header.pop()
        if not header:
            raise GbstdError(
                f"{path.name}：第一个工作表为空", f"{path.name}: the first sheet is empty"
            )
        width = len(header)
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([_cell_text(h) or f"column_{i}" for i, h in enumerate(header, start=1)])
            for row in rows:
                cells = [_cell_text(v) for v in row[:width]]
                if any(cells):
                    writer.writerow(cells + [""] * (width - len(cells)))
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def open_source(con: duckdb.DuckDBPyConnection, path: Path, scratch: Path) -> str:
    """Create the view ``source`` over the case file and return its format."""
    if not path.is_file():
        raise GbstdError(f"{path}：文件不存在", f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        # Parquet is read where it lies, once per query: DuckDB reads only the columns a query
        # needs, which beats copying the whole file into memory.
        show_rows(con, path, text_source=False)
        return "parquet"
    if suffix in {".xlsx", ".xlsm"}:
        csv_path = scratch / "sheet.csv"
        xlsx_to_csv(path, csv_path)
        fmt = "xlsx"
    elif suffix in {".csv", ".txt"}:
        csv_path, fmt = path, "csv"
    else:
        raise UsageError(
            f"{path.name}：无法识别的格式；办件数据应为 .csv、.xlsx 或 .parquet",
            f"{path.name}: unknown format; case records must be .csv, .xlsx or .parquet",
        )
    columns = ", ".join(f"{sql_literal(n)}: 'VARCHAR'" for n in csv_header(csv_path))
    # Explicit all-text columns and a strict parser: a malformed line stops the run with its
    # line number instead of being skipped, and bad values are counted after the read.
    con.execute(
        "CREATE VIEW source AS SELECT * FROM read_csv("
        f"{sql_literal(str(csv_path))}, header = true, auto_detect = false, "
        f"columns = {{{columns}}}, delim = ',', quote = '\"', escape = '\"', strict_mode = true)"
    )
    return fmt


def resolve_columns(name: str, found: Sequence[str], mapping: ColumnMapping) -> dict[str, str]:
    """Return {canonical column: column in the file}; raise when required columns are missing."""
    by_name = {f.strip().lower(): f for f in found}
    wanted = {c: mapping.columns.get(Column(c), c) for c in COLUMN_KINDS}
    resolved = {
        c: by_name[w.strip().lower()] for c, w in wanted.items() if w.strip().lower() in by_name
    }
    missing = [c for c in REQUIRED_COLUMNS if c not in resolved]
    if not missing:
        return resolved

    def shown(column: str) -> str:
        return column if wanted[column] == column else f"{column}（{wanted[column]}）"

    unused = [f for f in found if f not in resolved.values()]
    got = [c if resolved[c] == c else f"{c} ← {resolved[c]}" for c in resolved]
    zh = (
        f"{name}：缺少必需的列：{', '.join(shown(c) for c in missing)}\n"
        f"  必需的列：{', '.join(REQUIRED_COLUMNS)}\n"
        f"  找到（映射后）：{', '.join(got) or '（无）'}\n"
        f"  未使用的列：{', '.join(unused) or '（无）'}\n"
        "  列名不同时，用映射文件（columns: {规范列名: 导出列名}）对应。"
    )
    en = (
        f"{name}: missing required columns: {', '.join(shown(c) for c in missing)}\n"
        f"  required: {', '.join(REQUIRED_COLUMNS)}\n"
        f"  found (after mapping): {', '.join(got) or '(none)'}\n"
        f"  not used: {', '.join(unused) or '(none)'}\n"
        "  Map other names with a mapping file (columns: {canonical: name in export})."
    )
    raise GbstdError(zh, en)


def _words_lookup(column: str, words: dict[str, str]) -> str:
    """SQL reading a column's words as canonical values (NULL for an unknown word).

    A map look-up, not a CASE: on 10 million rows it takes a third of the time (this staging is
    DuckDB's own; on Spark, kpi/dialects.py turns it into a CASE).
    """
    pairs = ", ".join(f"{sql_literal(k)}: {sql_literal(v)}" for k, v in words.items())
    return f"map_extract_value(MAP {{{pairs}}}, lower({column}))"


def _enum_words(
    values: Iterable[str], extra: dict[str, str], user: dict[str, Any]
) -> dict[str, str]:
    words = {v: v for v in values} | extra
    words |= {k.strip().lower(): str(v) for k, v in user.items()}
    return words


def stage_cases(
    con: Any,
    resolved: dict[str, str],
    mapping: ColumnMapping,
    by: str,
    plausible: tuple[dt.date, dt.date],
    *,
    text_source: bool,
    engine: str = "duckdb",
) -> None:
    """Create the view ``cases``: typed values, bad-value flags, row numbers and group keys.

    On Spark (``engine``), ``source`` carries its row numbers (ROW_NO) and ``cases`` is a
    cached table; the SQL below is DuckDB's, translated by the Spark connection.

    Parquet stays where it is and is read anew by each query (DuckDB reads only the columns a
    query needs). Text (CSV, or XLSX turned into CSV) is parsed and typed once into a table, in
    file order, so its rowid numbers the rows; its cells are also trimmed of spaces.

    Values are read in three steps: the raw text (or native value), the value as read
    (``<name>__read`` for times and numbers of days), and the value checked: a number of days
    must be finite and a time must lie within the ``plausible`` dates, else it is NULL and its
    row carries the problem (bad_number, implausible_*).
    """
    types = queries.columns(con, "source")
    grades = {g.value: g.value for g in Grade} | {k: v.value for k, v in GRADE_TERMS.items()}
    words = {
        "channel": _enum_words(Channel, CHANNEL_WORDS, mapping.values.channel),
        "status": _enum_words(CaseStatus, STATUS_WORDS, mapping.values.status),
        "grade": _enum_words((), grades, mapping.values.satisfaction),
    }
    start = sql_literal(plausible[0].isoformat())
    end = sql_literal((plausible[1] + dt.timedelta(days=1)).isoformat())
    raw, typed, checked, flags, read = [], [], [], {}, {}
    for column, kind in COLUMN_KINDS.items():
        name = "window_id" if column == "window" else column
        source = resolved.get(column)
        sql_type = _SQL_TYPES.get(kind, "VARCHAR")
        if source is None:
            raw.append(f"CAST(NULL AS {sql_type}) AS {name}")
            typed.append(name)
            checked.append(name)
            continue
        src_type = types[source]
        native = (
            (kind == "time" and (src_type.startswith("TIMESTAMP") or src_type == "DATE"))
            or (kind == "bool" and src_type == "BOOLEAN")
            or (kind == "days" and (src_type in _NUMERIC or src_type.startswith("DECIMAL")))
        )
        if native:
            raw.append(f"{_ident(source)} AS {name}")
            typed.append(f"CAST({name} AS {sql_type}) AS {name}")
        else:
            text = f"CAST({_ident(source)} AS VARCHAR)" if src_type != "VARCHAR" else _ident(source)
            raw.append(f"NULLIF({f'trim({text})' if text_source else text}, '') AS {name}")
            if kind == "text":
                typed.append(name)
                checked.append(name)
                continue
            typed.append(f"{name} AS {name}__raw")
            checked.append(f"{name}__raw")
            if kind == "time":
                formats = ", ".join(sql_literal(f) for f in TIME_FORMATS)
                value = (
                    f"COALESCE(TRY_CAST({name} AS TIMESTAMP), try_strptime({name}, [{formats}]))"
                )
            elif kind == "days":
                value = f"TRY_CAST({name} AS DOUBLE)"
            elif kind == "bool":
                value = _words_lookup(
                    name, {w: "true" for w in TRUE_WORDS} | {w: "false" for w in FALSE_WORDS}
                )
                value = f"CAST({value} AS BOOLEAN)"
            else:
                value = _words_lookup(name, words[kind])
            typed.append(f"{value} AS {name}")
            flags[name] = kind
        # Checks on the value as read. Integers and decimals are always finite (the benchmark's
        # Parquet columns), so only floating-point numbers and text are checked.
        if kind == "time":
            check = f"CASE WHEN {name} >= TIMESTAMP {start} AND {name} < TIMESTAMP {end} THEN {name} END"
        elif kind == "days" and (not native or src_type in {"FLOAT", "DOUBLE"}):
            check = f"CASE WHEN isfinite({name}) THEN {name} END"
        else:
            checked.append(name)
            continue
        checked += [f"{check} AS {name}", f"{name} AS {name}__read"]
        read[name] = kind
    names = [("window_id" if c == "window" else c) for c in COLUMN_KINDS]
    bad = {
        "bad_accepted_at": _bad_value(flags, "accepted_at"),
        "bad_completed_at": _bad_value(flags, "completed_at"),
        "bad_number": _bad_list(flags, read, "days"),
        "bad_boolean": _bad_list(flags, read, "bool"),
        "bad_channel": _bad_value(flags, "channel", empty_too=True),
        "bad_status": _bad_value(flags, "status", empty_too=True),
        "bad_satisfaction": _bad_value(flags, "satisfaction"),
        "implausible_accepted_at": _implausible(read, "accepted_at"),
        "implausible_completed_at": _implausible(read, "completed_at"),
    }
    outer = [*names, *(f"{expr} AS {col}" for col, expr in bad.items())]
    outer.append(f"{GROUPINGS[by][2]} AS group_extra")
    _create_cases(con, [outer, checked, typed, raw], read, text_source=text_source, engine=engine)


def _create_cases(
    con: Any, levels: list[list[str]], read: dict[str, str], *, text_source: bool, engine: str
) -> None:
    """Create ``cases`` from the select lists (outermost first) as each source needs it."""
    outer, checked, typed, raw = levels
    if engine != "duckdb" or not text_source:
        outer, typed, checked = ["row_no", *outer], ["row_no", *typed], ["row_no", *checked]
        numbers = f"{ROW_NO} AS row_no" if engine != "duckdb" else "file_row_number + 1 AS row_no"
        raw = [numbers, *raw]
    if engine != "duckdb":
        # Two cached steps: Spark would otherwise inline the typed values into every check of
        # them, and a plan that size takes its optimiser longer than the data.
        raw_text = f"(SELECT {', '.join(raw)} FROM source) AS raw_text"
        con.execute(f"CREATE TABLE cases_typed AS SELECT {', '.join(typed)} FROM {raw_text}")
        checks = f"(SELECT {', '.join(checked)} FROM cases_typed) AS checked"
        con.execute(f"CREATE TABLE cases AS SELECT {', '.join(outer)} FROM {checks}")
        return
    if not text_source:
        # The times as read, for their first and last dates from the Parquet statistics.
        outer += [
            f"{name}__read" if name in read else f"CAST(NULL AS TIMESTAMP) AS {name}__read"
            for name in ("accepted_at", "completed_at")
        ]
    select = _select(outer, checked, typed, raw)
    if text_source:
        con.execute(f"CREATE TABLE cases_typed AS {select}")
        show_rows(con, None, text_source=True)
    else:
        con.execute(f"CREATE VIEW cases AS {select}")


def _select(outer: list[str], checked: list[str], typed: list[str], raw: list[str]) -> str:
    return (
        f"SELECT {', '.join(outer)} FROM (SELECT {', '.join(checked)} "
        f"FROM (SELECT {', '.join(typed)} "
        f"FROM (SELECT {', '.join(raw)} FROM source) AS raw_text) AS typed) AS checked"
    )


def show_rows(
    con: duckdb.DuckDBPyConnection,
    path: Path | None,
    *,
    text_source: bool,
    first: int = 1,
    last: int | None = None,
) -> None:
    """Make ``cases`` hold rows ``first``..``last`` (from 1, in file order; all by default).

    For Parquet this redefines the view ``source`` over the file; for text, the view ``cases``
    over the typed table. The range filters DuckDB's own row position (file_row_number,
    rowid), which lets it skip the row groups outside the range; a filter on row_no, computed
    from it, would not.
    """
    position = "rowid" if text_source else "file_row_number"
    bounds = [f"{position} >= {first - 1}"] if first > 1 else []
    bounds += [f"{position} < {last}"] if last is not None else []
    where = f" WHERE {' AND '.join(bounds)}" if bounds else ""
    if text_source:
        con.execute(
            f"CREATE OR REPLACE VIEW cases AS SELECT rowid + 1 AS row_no, * FROM cases_typed{where}"
        )
    else:
        con.execute(
            "CREATE OR REPLACE VIEW source AS SELECT * FROM "
            f"read_parquet({sql_literal(str(path))}, file_row_number = true){where}"
        )


def _bad_value(flags: dict[str, str], name: str, *, empty_too: bool = False) -> str:
    """SQL for the raw text of a value that could not be read (or NULL)."""
    if name not in flags:
        return "CAST(NULL AS VARCHAR)"
    raw = f"COALESCE({name}__raw, '')" if empty_too else f"{name}__raw"
    # A time outside the plausible window was read (its __read value is not NULL): not this.
    value = f"{name}__read" if flags[name] == "time" else name
    return f"CASE WHEN {value} IS NULL THEN {raw} END"


def _bad_list(flags: dict[str, str], read: dict[str, str], kind: str) -> str:
    """SQL listing ``column=text`` for every unreadable value of one kind in a row.

    For numbers of days, also every non-finite one (its check made it NULL).
    """
    parts = []
    for name in dict.fromkeys([*flags, *read]):
        if name in flags and flags[name] == kind:
            text = f"{name}__raw"
        elif name in read and read[name] == kind:  # a native number that is not finite
            text = f"CAST({name}__read AS VARCHAR)"
        else:
            continue
        parts.append(
            f"CASE WHEN {name} IS NULL AND {text} IS NOT NULL THEN {sql_literal(name + '=')} || {text} END"
        )
    if not parts:
        return "CAST(NULL AS VARCHAR)"
    return f"NULLIF(concat_ws(', ', {', '.join(parts)}), '')"


def _implausible(read: dict[str, str], name: str) -> str:
    """SQL for the text of a time outside the plausible window (or NULL)."""
    if name not in read:
        return "CAST(NULL AS VARCHAR)"
    return f"CASE WHEN {name} IS NULL AND {name}__read IS NOT NULL THEN CAST({name}__read AS VARCHAR) END"
