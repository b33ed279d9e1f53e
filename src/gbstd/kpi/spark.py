"""The indicator SQL on Apache Spark: a connection that runs kpi.sql transpiled, and the source.

``SparkConnection`` offers the few calls gbstd makes of a DuckDB connection (``execute`` with
``fetchall``, ``fetchone`` and ``description``), translating each DuckDB statement into Spark
SQL with ``dialects.transpile``: the indicator code is the same for both engines. Tables
become cached temporary views and views temporary ones, so a run writes nothing to the
warehouse; they are dropped when the run ends.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from gbstd.errors import GbstdError, InvalidInputError, Problem
from gbstd.i18n import Message
from gbstd.kpi.dialects import transpile
from gbstd.kpi.inputs import TIMEZONE
from gbstd.kpi.staging import ROW_NO

INSTALL = "pip install 'gbstd[spark]'"
_ROW_BITS = 33  # monotonically_increasing_id(): partition index << 33 | row within it
# Spark's type names -> DuckDB's, for the staging of ``cases`` (which columns are native).
_TYPES = {
    "string": "VARCHAR",
    "timestamp": "TIMESTAMP",
    "timestamp_ntz": "TIMESTAMP",
    "date": "DATE",
    "boolean": "BOOLEAN",
    "tinyint": "TINYINT",
    "smallint": "SMALLINT",
    "int": "INTEGER",
    "bigint": "BIGINT",
    "float": "FLOAT",
    "double": "DOUBLE",
}
# Run settings: Beijing time, and timestamps without a zone (DuckDB's TIMESTAMP).
_CONF = {
    "spark.sql.session.timeZone": TIMEZONE,
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    # Inferring constraints over the many OR-ed conditions of flagged_rows and issue_rows
    # exhausts the driver's heap; the optimisation gains nothing on these plans.
    "spark.sql.constraintPropagation.enabled": "false",
}


def pyspark_missing() -> InvalidInputError:
    """The error for ``--engine spark`` without PySpark, naming the install command."""
    return InvalidInputError(
        [
            Problem(
                "--engine spark",
                Message(
                    f"需要 PySpark（及 Java 17 或更高版本）：{INSTALL}",
                    f"PySpark (and Java 17 or later) is needed: {INSTALL}",
                ),
            )
        ]
    )


def _pyspark() -> Any:
    try:
        import pyspark.sql
    except ImportError:
        raise pyspark_missing() from None
    return pyspark.sql


@contextmanager
def local_session(master: str = "local[*]", partitions: int | None = None) -> Iterator[Any]:
    """A Spark session for one command: no UI, few log lines; stopped at the end if made here.

    Raises:
        InvalidInputError: PySpark is not installed.
    """
    sql = _pyspark()
    existing = sql.SparkSession.getActiveSession()  # e.g. a notebook's: used, not stopped
    builder = sql.SparkSession.builder.master(master).appName("gbstd kpi")
    builder = builder.config("spark.ui.enabled", "false")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    if partitions is not None:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        if existing is None:
            session.stop()


class _Result:
    """Rows of one statement, with DuckDB's cursor calls."""

    def __init__(self, names: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        self.description = [(name,) for name in names]
        self._rows = rows

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows[0] if self._rows else None


class SparkConnection:
    """A Spark session seen through the calls gbstd makes of a DuckDB connection."""

    def __init__(self, session: Any) -> None:
        """Wrap ``session``; its SQL settings are set for the run and restored by ``close``."""
        self.session = session
        self._views: list[str] = []
        self._saved = {key: session.conf.get(key, None) for key in _CONF}
        for key, value in _CONF.items():
            session.conf.set(key, value)

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> _Result:
        """Run one DuckDB statement, translated into Spark SQL."""
        spark_sql = transpile(sql, "spark", params or ())
        head = spark_sql.split(None, 6)
        if head[0] == "CACHE":
            # CACHE TABLE x AS q, made as q checkpointed: the data held by the executors like a
            # cache, but without q's plan, which every later query would otherwise carry and
            # compare (the plans grow with each step until planning takes minutes).
            query = spark_sql.split(None, 4)[4]
            self.register(head[2], self.session.sql(query).localCheckpoint(eager=True))
            return _Result((), [])
        if head[0] == "CREATE":
            self.session.sql(spark_sql)
            self._views.append(head[5])
            return _Result((), [])
        frame = self.session.sql(spark_sql)
        return _Result(frame.columns, [tuple(row) for row in frame.collect()])

    def columns(self, name: str) -> dict[str, str]:
        """The columns of view ``name`` with DuckDB's type names (row numbers left out)."""
        fields = self.session.table(name).schema.fields
        return {
            f.name: _TYPES.get(f.dataType.simpleString(), f.dataType.simpleString().upper())
            for f in fields
            if f.name != ROW_NO
        }

    def load_table(
        self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Create the temporary view ``name`` holding ``rows``."""
        types = {"VARCHAR": "string", "DATE": "date", "BOOLEAN": "boolean", "DOUBLE": "double"}
        schema = ", ".join(f"{column} {types[sql_type]}" for column, sql_type in columns)
        frame = self.session.createDataFrame([tuple(row) for row in rows], schema)
        frame.createOrReplaceTempView(name)
        self._views.append(name)

    def register(self, name: str, frame: Any) -> None:
        """Make ``frame`` the temporary view ``name``."""
        frame.createOrReplaceTempView(name)
        self._views.append(name)

    def close(self) -> None:
        """Drop the run's views (uncaching the cached ones) and restore the settings."""
        for name in reversed(dict.fromkeys(self._views)):
            self.session.catalog.dropTempView(name)
        for key, value in self._saved.items():
            if value is None:
                self.session.conf.unset(key)
            else:
                self.session.conf.set(key, value)


def open_source(con: SparkConnection, cases: str, table: str | None, csv_path: Path | None) -> str:
    """Create the view ``source`` over the case records, numbered in file order; its format.

    ``cases`` is anything Spark reads (a local path, a glob, a folder, hdfs://, s3a://): CSV when
    it ends in .csv or .txt (or ``csv_path``, made from a workbook), else Parquet. ``table``
    names a warehouse table instead.
    """
    session = con.session
    try:
        if table is not None:
            frame, fmt = session.table(table), "table"
        elif csv_path is not None or cases.lower().endswith((".csv", ".txt", ".csv.gz")):
            reader = session.read.option("header", True).option("escape", '"')
            frame, fmt = reader.csv(str(csv_path or cases)), "csv"
        else:
            frame, fmt = session.read.parquet(cases), "parquet"
        frame = frame.toDF(*(name.lstrip("\ufeff").strip() for name in frame.columns))
        con.register("source", _numbered(session, frame))
    except Exception as exc:
        if type(exc).__module__.startswith(("pyspark", "py4j")):
            raise _read_error(table or cases, exc) from None
        raise
    return fmt


def _numbered(session: Any, frame: Any) -> Any:
    """``frame`` with ROW_NO: 1, 2, … in the order Spark reads it (file order for one file).

    monotonically_increasing_id() is the partition's index shifted left by 33 bits plus the
    row's place in it; the row counts of the partitions before it give the offset. Two passes
    over the data, both distributed; no sort, no single partition.
    """
    from pyspark.sql import functions as f

    mid = f.monotonically_increasing_id()
    tagged = frame.withColumn("__gbstd_mid", mid)
    part = f.shiftright(f.col("__gbstd_mid"), _ROW_BITS)
    counts = sorted(tuple(r) for r in tagged.groupBy(part.alias("p")).count().collect())
    offsets, total = [], 0
    for index, count in counts:
        offsets.append((index, total))
        total += count
    table = session.createDataFrame(offsets or [(0, 0)], "p bigint, gbstd_offset bigint")
    joined = tagged.join(f.broadcast(table), part == f.col("p"))
    row_no = f.col("__gbstd_mid") - f.shiftleft(f.col("p"), _ROW_BITS) + f.col("gbstd_offset") + 1
    return joined.withColumn(ROW_NO, row_no).drop("__gbstd_mid", "p", "gbstd_offset")


def _read_error(name: str, exc: Exception) -> GbstdError:
    text = " ".join(str(exc).split())[:300]
    return GbstdError(f"{name}：Spark 无法读取：{text}", f"{name}: Spark cannot read it: {text}")
