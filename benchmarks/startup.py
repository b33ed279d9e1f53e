"""What does `gbstd --help` import, and how long does it take, against a minimal Typer app?

Goal (issue 15, architecture): start-up stays lazy. Splitting the CLI into one module per
command group must not make `gbstd --help` import more than before, bar the CLI's own modules:
no library module, no heavy dependency (pydantic, YAML, Excel, CEL …). Both apps are measured
in the same run, so machine noise hits them alike:

- modules: everything `python -X importtime` reports (the interpreter's own start-up included,
  the same for both), and gbstd's modules by name;
- wall time: the median over --runs interleaved runs (see _timing.py).

    python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from _timing import ENV, wall_times

HERE = Path(__file__).parent
# Top-level packages whose import `gbstd --help` never needs: each costs tens of milliseconds.
HEAVY = (
    "pydantic",
    "yaml",
    "yaml_rs",
    "jinja2",
    "openpyxl",
    "duckdb",
    "docx",
    "cel",
    "cel_expr_python",
    "importlib.metadata",
)


def imported(argv: list[str]) -> list[str]:
    """The modules a command imports, in import order, as ``python -X importtime`` lists them."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        check=False,
        capture_output=True,
        text=True,
        env=ENV,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr}")
    # "import time:       123 |        456 |     gbstd.cli.groups"; the first line is a header.
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    return [line.rsplit("|", 1)[1].strip() for line in lines[1:]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    commands = {
        "python -c 'import typer'": ["-c", "import typer"],
        "minimal Typer app --help (floor)": [str(HERE / "_minimal_typer_app.py"), "--help"],
        "gbstd --help": ["-m", "gbstd", "--help"],
    }
    modules = {name: imported(argv) for name, argv in commands.items()}
    floor = set(modules["minimal Typer app --help (floor)"])
    gbstd = modules["gbstd --help"]
    own = [m for m in gbstd if m == "gbstd" or m.startswith("gbstd.")]
    heavy = [m for m in gbstd if m.split(".")[0] in HEAVY or m in HEAVY]
    for name, found in modules.items():
        print(f"{name:36s} {len(found):4d} modules")
    extra = sorted(set(gbstd) - floor - set(own))
    print(f"gbstd's own modules ({len(own)}): {' '.join(sorted(own))}")
    print(f"other modules beyond the floor ({len(extra)}): {' '.join(extra) or '-'}")
    print(f"heavy modules: {' '.join(heavy) or 'none'}")

    py = sys.executable
    medians = wall_times({name: [py, *argv] for name, argv in commands.items()}, runs=args.runs)
    base = medians["minimal Typer app --help (floor)"]
    for name, seconds in medians.items():
        print(f"{name:36s} {seconds * 1000:7.1f} ms   {seconds / base:4.2f}x")
    if heavy:
        raise SystemExit("gbstd --help imports heavy modules: start-up is no longer lazy")


if __name__ == "__main__":
    main()
