"""`gbstd kpi` on DuckDB and on Spark (local mode), on the same synthetic Parquet file.

Spark on one machine is slower than DuckDB: the figures document its fixed cost (a run over
1,000 rows, session already started) and its cost per row, so that a reader can size a cluster.
Both runs must give the same figures; the script checks the overall ones.

    pip install -e '.[spark]'   # and Java 17
    python benchmarks/kpi_engines.py [--rows 1000000] [--master local[*]] [--keep FILE]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from gbstd.kpi.compute import compute
from gbstd.kpi.spark import local_session
from gbstd.sample.cases import write_cases


def _timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--keep", type=Path, help="keep the generated file here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = args.keep or Path(scratch) / "cases.parquet"
        small = Path(scratch) / "small.parquet"
        write_cases(args.rows, path, seed=args.seed, centres=200, force=True)
        write_cases(1_000, small, seed=args.seed, centres=20, force=True)
        duck_seconds, duck = _timed(compute, path, by="window")
        start = time.perf_counter()
        with local_session(args.master) as session:
            session_seconds = time.perf_counter() - start
            fixed_seconds, _ = _timed(compute, small, by="window", spark=session)
            spark_seconds, spark = _timed(compute, path, by="window", spark=session)
    same = [(i.key, i.denominator) for i in duck.overall] == [
        (i.key, i.denominator) for i in spark.overall
    ]
    per_row = max(spark_seconds - fixed_seconds, 0.0) / args.rows
    print(f"rows: {args.rows:,} (Parquet), master {args.master}")
    print(f"DuckDB:  {duck_seconds:8.2f} s  ({args.rows / duck_seconds:,.0f} rows/s)")
    print(f"Spark:   {spark_seconds:8.2f} s  ({args.rows / spark_seconds:,.0f} rows/s)")
    print(f"  session start {session_seconds:.1f} s (not in the run's time)")
    print(f"  fixed cost per run (1,000 rows) {fixed_seconds:.1f} s")
    print(f"  per million rows beyond it {per_row * 1e6:.1f} s")
    print(f"ratio Spark / DuckDB: {spark_seconds / duck_seconds:.1f}")
    print(f"same overall denominators: {same}")


if __name__ == "__main__":
    main()
