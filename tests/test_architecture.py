"""The layout holds: subpackages import only downward, and modules stay a readable size.

Read from the source (an AST walk, imports inside functions and ``TYPE_CHECKING`` blocks
included), so a lazy import cannot hide an upward dependency.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "gbstd"

# Lowest first. A module may import its own subpackage and any lower rank, never a higher one,
# nor another subpackage of its own rank (two that may not depend on each other either way).
# errors, i18n and io share the lowest tier; within it, i18n < errors < io.
RANKS = {
    "i18n": 0,
    "errors": 1,
    "io": 2,
    "description": 3,
    "catalogue": 4,
    "assessment": 5,
    "kpi": 5,
    "system": 6,
    "sample": 6,
    "reports": 7,
    "cli": 8,
}
# The public API and ``python -m gbstd`` sit above everything and may import anything.
TOP = {"__init__", "__main__"}
# What any module may take from the top package: the version, which reads package metadata
# lazily and imports nothing of gbstd.
FROM_TOP = {"__version__"}

# What `gbstd --help` must not import: each costs tens of milliseconds at start-up.
HEAVY = {
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
    "rich.table",
}

MOST_LINES = 650


def _modules(package: Path = PACKAGE) -> list[Path]:
    return sorted(package.rglob("*.py"))


def _imports(path: Path, package: Path) -> list[tuple[int, str, list[str]]]:
    """Every gbstd import in the module: (line, module, names taken from it)."""
    dotted = path.relative_to(package.parent).with_suffix("").parts
    # The package a relative import starts from: the module's own, or itself for __init__.py.
    here = list(dotted if path.name == "__init__.py" else dotted[:-1])
    if path.name == "__init__.py":
        here = here[:-1] if here[-1] == "__init__" else here
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            found.append((node.lineno, module, [alias.name for alias in node.names]))
    return [(line, m, names) for line, m, names in found if m.split(".")[0] == "gbstd"]


def _offence(importer: str, module: str, names: list[str]) -> str | None:
    """Why this import goes the wrong way, or None."""
    parts = module.split(".")
    if len(parts) == 1:  # the top package, i.e. the public API
        if set(names) <= FROM_TOP:
            return None
        return "imports the public API (gbstd/__init__.py), which sits above every subpackage"
    target = parts[1]
    if target == importer:
        return None
    if importer not in RANKS or target not in RANKS:
        unknown = importer if importer not in RANKS else target
        return f"'{unknown}' has no rank: add it to RANKS in tests/test_architecture.py"
    if RANKS[target] > RANKS[importer]:
        return f"upward: {importer} (rank {RANKS[importer]}) < {target} (rank {RANKS[target]})"
    if RANKS[target] == RANKS[importer]:
        return f"sideways: {importer} and {target} share rank {RANKS[importer]}"
    return None


def upward_imports(package: Path = PACKAGE) -> list[str]:
    """One line per import against the layering: file:line → module (why)."""
    lines = []
    for path in _modules(package):
        importer = path.relative_to(package).with_suffix("").parts[0]
        if importer in TOP:
            continue
        for line, module, names in _imports(path, package):
            why = _offence(importer, module, names)
            if why is not None:
                shown = path.relative_to(package.parent).as_posix()
                lines.append(f"{shown}:{line} → {module} ({why})")
    return lines


def test_subpackages_import_only_downward():
    offences = upward_imports()
    print("\n".join(offences))
    assert not offences, "imports against the layering:\n" + "\n".join(offences)


def test_the_walk_finds_upward_imports_even_lazy_or_relative(tmp_path):
    # The test above must be able to fail: plant offending imports in a package of the same shape.
    fake = tmp_path / "gbstd"
    (fake / "io").mkdir(parents=True)
    (fake / "io" / "leak.py").write_text(
        "from gbstd.i18n import Message\n\n\ndef f():\n    from gbstd.reports import kpi\n",
        encoding="utf-8",
    )
    (fake / "kpi").mkdir()
    (fake / "kpi" / "x.py").write_text(
        "import gbstd.assessment.run\nfrom gbstd import __version__\nfrom ..cli import app\n"
        "from . import y\nfrom gbstd import load_catalogue\n",
        encoding="utf-8",
    )
    (fake / "__init__.py").write_text("from gbstd.cli import main\n", encoding="utf-8")
    assert upward_imports(fake) == [
        "gbstd/io/leak.py:5 → gbstd.reports (upward: io (rank 2) < reports (rank 7))",
        "gbstd/kpi/x.py:1 → gbstd.assessment.run (sideways: kpi and assessment share rank 5)",
        "gbstd/kpi/x.py:3 → gbstd.cli (upward: kpi (rank 5) < cli (rank 8))",
        (
            "gbstd/kpi/x.py:5 → gbstd (imports the public API (gbstd/__init__.py), which sits "
            "above every subpackage)"
        ),
    ]


def test_no_module_is_too_long_to_hold_in_ones_head():
    too_long = []
    for path in _modules():
        name = path.relative_to(PACKAGE).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MOST_LINES:
            too_long.append(f"src/gbstd/{name}: {lines} lines (most {MOST_LINES})")
    print("\n".join(too_long))
    assert not too_long, "split these along a seam:\n" + "\n".join(too_long)


def test_help_imports_only_the_cli_and_no_heavy_dependency():
    # `gbstd --help` stays fast: commands import the library inside their bodies (see
    # benchmarks/startup.py for the figures).
    program = (
        "import sys\n"
        "sys.argv = ['gbstd', '--help']\n"
        "from gbstd.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(*sorted(sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], check=True, capture_output=True, text=True
    )
    loaded = done.stderr.split()
    library = [
        name
        for name in loaded
        if name.startswith("gbstd.")
        and not name.startswith("gbstd.cli")
        and name not in {"gbstd.errors", "gbstd.i18n"}
    ]
    heavy = [name for name in loaded if name in HEAVY or name.split(".")[0] in HEAVY]
    assert library == [] and heavy == []
