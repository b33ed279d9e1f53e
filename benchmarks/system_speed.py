"""How long do proposing and scaffolding a city centre's standard system take?

Goal (issue: standard system): proposing and scaffolding a city centre's full system in under
2 s. Measured in process (start-up excluded) and end to end through the CLI.

    python benchmarks/system_speed.py [--centre examples/city-centre.yaml]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--centre", type=Path, default=ROOT / "examples" / "city-centre.yaml")
    args = parser.parse_args()

    from gbstd.assessment.run import assess, prepare, select_standards
    from gbstd.description.loading import load_description
    from gbstd.reports.system import build_workbook
    from gbstd.system.proposal import propose
    from gbstd.system.scaffold import apply, plan
    from gbstd.system.template import load_template

    for fmt in ("md", "docx"):
        start = time.perf_counter()
        setup = prepare()
        loaded = load_description(args.centre)
        report = assess(loaded, setup, select_standards(setup.catalogue, []), today=date.today())
        proposal = propose(load_template(), loaded.description, report, setup.profile)
        proposed = time.perf_counter()
        buffer = io.BytesIO()
        build_workbook(proposal, "zh").save(buffer)
        files = plan(proposal, fmt, "zh", date.today(), buffer.getvalue())
        with tempfile.TemporaryDirectory() as folder:
            apply(files, Path(folder) / "out", force=False)
        done = time.perf_counter()
        print(
            f"{fmt:4s}: propose {proposed - start:.3f} s, scaffold {done - proposed:.3f} s, "
            f"total {done - start:.3f} s for {len(files)} files (goal < 2 s)"
        )
    target = Path(tempfile.mkdtemp()) / "cli"
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "gbstd",
            "system",
            "scaffold",
            str(args.centre),
            "-o",
            str(target),
            "--format",
            "docx",
        ],
        check=True,
        capture_output=True,
    )
    print(f"gbstd system scaffold --format docx, end to end: {time.perf_counter() - start:.3f} s")
    shutil.rmtree(target.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
