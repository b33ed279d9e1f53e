"""How long does `gbstd standards list` take, against importing typer alone?

Goal (issue: catalogue): loading the whole catalogue is cheap compared with interpreter
start-up, at most 1.5x `python -c "import typer"`, measured in the same run.

    python benchmarks/catalogue_load.py [--runs 15]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _timing import wall_times

HERE = Path(__file__).parent
GOAL = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    py = sys.executable
    medians = wall_times(
        {
            "python -c 'import typer'": [py, "-c", "import typer"],
            "minimal Typer app (floor)": [py, str(HERE / "_minimal_typer_app.py"), "first"],
            "gbstd standards list": [py, "-m", "gbstd", "standards", "list"],
            "gbstd standards list --all -f json": [
                py,
                "-m",
                "gbstd",
                "standards",
                "list",
                "--all",
                "-f",
                "json",
            ],
            "gbstd --help": [py, "-m", "gbstd", "--help"],
        },
        runs=args.runs,
    )
    base = medians["python -c 'import typer'"]
    for name, seconds in medians.items():
        print(f"{name:40s} {seconds * 1000:7.1f} ms   {seconds / base:4.2f}x")

    from gbstd.catalogue.loading import load_catalogue

    start = time.perf_counter()
    catalogue = load_catalogue()
    in_process = time.perf_counter() - start
    count = sum(1 for e in catalogue.entries for _ in e.standard.requirements())
    print(
        f"load_catalogue() in process: {in_process * 1000:.1f} ms for {len(catalogue.entries)} standards, {count} requirements"
    )
    ratio = medians["gbstd standards list"] / base
    floor = medians["gbstd standards list"] / medians["minimal Typer app (floor)"]
    print(f"ratio gbstd standards list / import typer = {ratio:.2f} (goal <= {GOAL})")
    print(f"ratio gbstd standards list / minimal Typer app = {floor:.2f}")


if __name__ == "__main__":
    main()
