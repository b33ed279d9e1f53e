import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

GOLDEN_DIR = Path(__file__).parent / "golden"
REPO = Path(__file__).resolve().parents[1]


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", help="Rewrite tests/golden/*.")


@pytest.fixture
def golden(request):
    update = request.config.getoption("--update-goldens")

    def check(actual: str, name: str) -> None:
        path = GOLDEN_DIR / name
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {name} was missing and has been written; re-run")
        assert actual == path.read_text(encoding="utf-8")

    return check


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: content} below root and return root."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path):
    return lambda files: write_tree(tmp_path, files)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    # Tests must not see a developer's own packs or language choice.
    for name in ("GBSTD_STANDARDS_PATH", "GBSTD_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def runner():
    return CliRunner()


MINIMAL = """\
format_version: 1
number: {number}
title: {{zh: 测试标准, en: Test standard}}
provenance: {{zh: 测试用, en: for tests}}
children:
  - id: "4"
    kind: chapter
    title: {{zh: 要求, en: Requirements}}
    provenance: licensed_text
    children:
      - id: "4.1"
        kind: requirement
        title: {{zh: 第一条, en: First}}
        provenance: licensed_text
        statement: {{zh: 中心应有制度。, en: The centre shall have rules.}}
        level: shall
"""


@pytest.fixture
def minimal_standard():
    return lambda number="DB99/T 1-2024": MINIMAL.format(number=number)


os.environ.setdefault("COLUMNS", "80")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    # Each test session gets its own standards cache, never the developer's.
    monkeypatch.setenv("GBSTD_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
