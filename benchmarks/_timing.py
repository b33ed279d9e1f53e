"""Shared timing helper for the benchmark scripts: interleaved runs, medians, ratios."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence

# Measure what an installed gbstd does: byte-code is cached (pip compiles it on install), so the
# warm-up run must be allowed to write it even where PYTHONDONTWRITEBYTECODE is set.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(argv: Sequence[str], accept: Sequence[int]) -> None:
    done = subprocess.run(argv, check=False, capture_output=True, env=ENV)
    if done.returncode not in accept:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr.decode()}")


def wall_times(
    commands: dict[str, Sequence[str]], runs: int = 15, accept_exit_codes: Sequence[int] = (0,)
) -> dict[str, float]:
    """Run each command ``runs`` times, interleaved so machine noise hits all alike; return medians."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():  # warm the file cache once
        _run(argv, accept_exit_codes)
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            _run(argv, accept_exit_codes)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}
