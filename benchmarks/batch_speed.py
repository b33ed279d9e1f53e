"""How long does `gbstd batch` take over the national count of service halls?

Goal (issue: national scale): 40,451 synthetic centres within 60 s wall on 2 cores, peak
memory under 1 GB. Prints wall time, centres per second and the peak RSS of the whole run
(parent and workers), measured by running the CLI as a child process.

    python benchmarks/batch_speed.py [--centres 40451] [--jobs 2]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--centres", type=int, default=40_451)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gbstd-batch-"))
    try:
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "gbstd",
                "sample",
                "centres",
                "-n",
                str(args.centres),
                "-o",
                str(folder / "c"),
            ],
            check=True,
            capture_output=True,
        )
        print(f"generated {args.centres:,} centres in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "gbstd",
                "batch",
                str(folder / "c"),
                "-o",
                str(folder / "summary.xlsx"),
                "--jobs",
                str(args.jobs),
            ],
            check=False,
            capture_output=True,
        )
        seconds = time.perf_counter() - start
        if done.returncode not in (0, 3, 4):
            raise SystemExit(done.stderr.decode())
        # RUSAGE_CHILDREN: the largest resident set among the finished children (parent or a worker).
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rate = args.centres / seconds
        verdict = "meets" if seconds <= 60 else "MISSES"
        print(
            f"gbstd batch --jobs {args.jobs}: {seconds:.1f} s wall = {rate:,.0f} centres/s ({verdict} the 60 s goal)"
        )
        print(f"largest process peak RSS: {peak:,.0f} MB (goal: whole run under 1 GB)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
