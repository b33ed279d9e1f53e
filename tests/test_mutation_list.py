"""The mutation run's list is current: every planted bug's code and tests still exist.

``scripts/mutation.py`` itself is too slow for every run (see the README); this only checks its
list, so that a refactor that moves the code a mutant aims at fails here and the list is fixed.
"""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "mutation.py"


def test_every_mutants_pattern_is_found_exactly_once():
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--list"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) >= 40
