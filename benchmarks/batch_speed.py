"""How long does `gbstd batch` take over the national count of service halls?

Goal (issue: national scale): 40,451 synthetic centres within 60 s wall on 2 cores, peak
memory under 1 GB. Prints wall time, centres per second and the memory of the whole run: on
Linux, the largest sum of the resident sets of the parent and its workers, sampled every 0.1 s
from /proc (pages the processes share are counted once per process, so this overstates the
run's real use); elsewhere, the largest single process.

The sample centres state (almost) every fact that applies to them (since 2026-12-04; before,
they stated 30–75 % and most requirements were skipped as missing data), so figures from
before that date measured a lighter workload and are not comparable.

Also printed: the CPU time (user + sys) of the batch and its workers. On a machine others share,
wall time is mostly their load: compare CPU times of runs alternated within minutes, and use
e.g. ``--centres 2000`` there.

    python benchmarks/batch_speed.py [--centres 40451] [--jobs 2] [--to xlsx|json]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROC = Path("/proc")


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (Linux /proc)."""
    found = [pid]
    for task in (PROC / str(pid) / "task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            found += _tree(int(child))
    return found


def _rss_kib(pid: int) -> int:
    try:
        status = (PROC / str(pid) / "status").read_text()
    except OSError:  # it ended between listing and reading
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run_sampled(argv: list[str], log: Path) -> tuple[float, float, float | None, float]:
    """Run argv, its stderr to ``log``; return wall seconds, the largest single process's peak
    RSS (the child or a worker it reaped), the whole tree's sampled peak, in MB (None
    without /proc), and the CPU seconds of the child and the workers it reaped."""
    sampling = (PROC / "self" / "task").is_dir()
    start = time.perf_counter()
    peak = 0
    # A file, not a pipe: a pipe nobody reads while we sample would stall a chatty child.
    with log.open("wb") as stderr:
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=stderr)
        # os.wait4, not Popen.poll: it also returns the child's own resource usage.
        while not (done := os.wait4(child.pid, os.WNOHANG))[0]:
            if sampling:
                peak = max(peak, sum(_rss_kib(pid) for pid in _tree(child.pid)))
            time.sleep(0.1)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(done[1])
    if child.returncode not in (0, 4):  # 3: a file was invalid or none was found
        raise SystemExit(log.read_text(errors="replace"))
    largest = done[2].ru_maxrss / 1024
    cpu = done[2].ru_utime + done[2].ru_stime
    # A single process can peak between two samples (the parent writing the summary).
    return seconds, largest, max(peak / 1024, largest) if sampling else None, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--centres", type=int, default=40_451)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--to", choices=("xlsx", "json"), default="xlsx", help="summary format")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gbstd-batch-"))
    gbstd = [sys.executable, "-m", "gbstd"]
    try:
        start = time.perf_counter()
        subprocess.run(
            [*gbstd, "sample", "centres", "-n", str(args.centres), "-o", str(folder / "c")],
            check=True,
            capture_output=True,
        )
        print(f"generated {args.centres:,} centres in {time.perf_counter() - start:.1f} s")
        summary = folder / f"summary.{args.to}"
        seconds, largest, tree_mb, cpu = run_sampled(
            [*gbstd, "batch", str(folder / "c"), "-o", str(summary), "--jobs", str(args.jobs)],
            folder / "stderr.txt",
        )
        rate = args.centres / seconds
        verdict = "meets" if seconds <= 60 else "MISSES"
        print(
            f"gbstd batch --jobs {args.jobs} -o summary.{args.to}: {seconds:.1f} s wall = "
            f"{rate:,.0f} centres/s ({verdict} the 60 s goal); CPU {cpu:.1f} s (user + sys, "
            f"{1000 * cpu / args.centres:.2f} ms a centre)"
        )
        if tree_mb is None:
            print(f"largest process peak RSS: {largest:,.0f} MB (no /proc: whole run not measured)")
        else:
            verdict = "meets" if tree_mb < 1024 else "MISSES"
            print(
                f"whole run peak RSS (parent + workers): {tree_mb:,.0f} MB ({verdict} the 1 GB "
                f"goal); largest single process {largest:,.0f} MB"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
