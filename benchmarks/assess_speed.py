"""How fast is `gbstd assess`, end to end and for the evaluation alone?

Goals (issue: assessment): `gbstd assess` on the county example at most 2x the wall time of
`python -c "import typer, pydantic, yaml, rich"`, measured in the same run; the evaluation itself,
start-up excluded, under 20 ms per centre.

    python benchmarks/assess_speed.py [--runs 10] [--centre examples/county-centre.yaml]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from _timing import wall_times

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--centre", type=Path, default=ROOT / "examples" / "county-centre.yaml")
    args = parser.parse_args()
    py = sys.executable
    medians = wall_times(
        {
            "import typer, pydantic, yaml, rich": [py, "-c", "import typer, pydantic, yaml, rich"],
            "gbstd assess (table)": [
                py,
                "-m",
                "gbstd",
                "assess",
                str(args.centre),
                "--fail-under",
                "0",
            ],
            "gbstd assess -f json": [py, "-m", "gbstd", "assess", str(args.centre), "-f", "json"],
        },
        runs=args.runs,
        accept_exit_codes=(0, 4),
    )
    base = medians["import typer, pydantic, yaml, rich"]
    for name, seconds in medians.items():
        print(f"{name:40s} {seconds * 1000:7.1f} ms   {seconds / base:4.2f}x")

    from gbstd.assessment.evaluation import evaluate
    from gbstd.assessment.run import prepare, select_standards
    from gbstd.description.loading import load_description

    start = time.perf_counter()
    setup = prepare()
    prepared = time.perf_counter() - start
    loaded = load_description(args.centre)
    standards = select_standards(setup.catalogue, [])
    evaluate(loaded.description, standards, setup.checks, setup.profile, today=date.today())  # warm
    repeats = 200
    start = time.perf_counter()
    for _ in range(repeats):
        report = evaluate(
            loaded.description, standards, setup.checks, setup.profile, today=date.today()
        )
    per_centre = (time.perf_counter() - start) / repeats
    print(f"prepare() (catalogue + checks + profile, in process): {prepared * 1000:.1f} ms")
    print(
        f"evaluate(): {per_centre * 1000:.2f} ms per centre ({len(report.results)} requirements; goal < 20 ms)"
    )
    ratio = medians["gbstd assess -f json"] / base
    print(f"ratio gbstd assess / import typer, pydantic, yaml, rich = {ratio:.2f} (goal <= 2.0)")


if __name__ == "__main__":
    main()
