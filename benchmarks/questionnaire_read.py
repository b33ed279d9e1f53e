"""How long does reading a filled questionnaire (自评表) take?

Goal (issue 17): reading a filled county questionnaire — the bundled county example converted
to a workbook — takes under 1 s, validation included. Median over --runs in-process reads.

    python benchmarks/questionnaire_read.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from gbstd.catalogue.factuse import questionnaire_feeds
from gbstd.description.loading import load_description
from gbstd.description.questionnaire import layout
from gbstd.reports.questionnaire import questionnaire_bytes

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "county-centre.yaml"


def main() -> None:
    """Write the county example as a workbook, then time reading it back."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    data = load_description(EXAMPLE).description.model_dump(mode="json", exclude_none=True)
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "county.xlsx"
        started = time.perf_counter()
        workbook.write_bytes(questionnaire_bytes(layout(), data, questionnaire_feeds()))
        written = time.perf_counter() - started
        load_description(workbook)  # imports and caches warmed once
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            load_description(workbook)
            times.append(time.perf_counter() - started)
    print(f"write: {written:.2f} s   read (median of {runs}): {statistics.median(times):.3f} s")
    print("goal: read under 1 s —", "met" if statistics.median(times) < 1 else "NOT met")


if __name__ == "__main__":
    main()
