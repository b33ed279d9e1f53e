"""Shared timing helper for the benchmark scripts: interleaved runs, medians, ratios."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Sequence


def wall_times(commands: dict[str, Sequence[str]], runs: int = 15) -> dict[str, float]:
    """Run each command ``runs`` times, interleaved so machine noise hits all alike; return medians."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():  # warm the file cache once
        subprocess.run(argv, check=True, capture_output=True)
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}
