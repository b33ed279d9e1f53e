"""The public API in ``gbstd/__init__.py``: every documented example runs as written."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import gbstd
from gbstd.io.bundled import data_dir


def _examples() -> list[tuple[str, str]]:
    found = []
    for name in ["__doc__", *gbstd.__all__]:
        if name == "__version__":
            continue
        doc = gbstd.__doc__ if name == "__doc__" else getattr(gbstd, name).__doc__
        for block in re.findall(r"::\n\n((?:[ \t]+.*\n|\n)+)", doc or ""):
            indent = len(block) - len(block.lstrip(" "))
            lines = []
            for line in block.splitlines():
                if line.strip() and len(line) - len(line.lstrip(" ")) < indent:
                    break  # the docstring's next section
                lines.append(line)
            found.append((name, textwrap.dedent("\n".join(lines))))
    return found


@pytest.fixture
def workplace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "examples").symlink_to(data_dir("examples"))
    from gbstd.sample.cases import write_cases

    write_cases(200, tmp_path / "cases.csv", seed=1)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_public_function_has_an_example() -> None:
    documented = {name for name, _ in _examples()}
    assert documented >= set(gbstd.__all__) - {"__version__", "render"} | {"__doc__"}


@pytest.mark.parametrize(("name", "code"), _examples(), ids=lambda v: v if "\n" not in v else "")
def test_documented_example_runs(name: str, code: str, workplace: Path) -> None:
    from pathlib import Path as P

    context = {"gbstd": gbstd, "Path": P}
    if name in ("render", "__doc__"):
        context["report"] = gbstd.assess("examples/county-centre.yaml")
    exec(compile(code, f"gbstd.{name} example", "exec"), context)  # noqa: S102


def test_the_api_agrees_with_the_command(workplace: Path) -> None:
    import json

    from typer.testing import CliRunner

    from gbstd.cli import app

    report = gbstd.assess("examples/county-centre.yaml")
    data = json.loads(gbstd.render(report, "json"))
    result = CliRunner().invoke(app, ["assess", "examples/county-centre.yaml", "--format", "json"])
    shown = json.loads(result.stdout)
    assert shown["summary"] == data["summary"]
    assert shown["results"] == data["results"]


def test_importing_gbstd_loads_none_of_its_packages() -> None:
    # ``gbstd --help`` and every ``import gbstd.x`` pass through ``gbstd/__init__.py``.
    code = (
        "import sys, gbstd; "
        "print(sorted(m for m in sys.modules if m.startswith(('gbstd.', 'pydantic', 'openpyxl'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
