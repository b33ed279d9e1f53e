"""The on-disk cache of validated files: an edit to the code that validates them misses it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gbstd.catalogue import cache, checks, loading


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "modelpkg"
    (folder / "areas").mkdir(parents=True)
    (folder / "__init__.py").write_text("")
    (folder / "areas" / "__init__.py").write_text("")
    (folder / "areas" / "premises.py").write_text("LIMIT = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield folder
    for name in [n for n in sys.modules if n.startswith("modelpkg")]:
        del sys.modules[name]
    cache._fingerprint.cache_clear()


def test_a_named_package_stands_for_every_module_in_it(package: Path) -> None:
    # The self-description model is a package of several files; a cached standard validated
    # under an old model must not be served after any one of them changes.
    before = cache._fingerprint(("modelpkg",))
    cache._fingerprint.cache_clear()
    (package / "areas" / "premises.py").write_text("LIMIT = 2\n")
    assert cache._fingerprint(("modelpkg",)) != before


def test_entries_are_served_again_while_nothing_changed(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.DISABLE_ENV, raising=False)
    calls: list[bytes] = []

    def parse(raw: bytes) -> str:
        calls.append(raw)
        return raw.decode()

    assert cache.cached(b"x", parse, str, ("modelpkg",)) == "x"
    assert cache.cached(b"x", parse, str, ("modelpkg",)) == "x"
    assert calls == [b"x"]
    cache._fingerprint.cache_clear()
    (package / "areas" / "premises.py").write_text("LIMIT = 3\n")
    assert cache.cached(b"x", parse, str, ("modelpkg",)) == "x"
    assert calls == [b"x", b"x"]


def test_every_module_lint_runs_on_is_part_of_the_cache_key() -> None:
    # Standard and checklist files are cached once lint has passed them; a change to any module
    # lint runs on must miss the cache, or a file the new rules refuse would still be served.
    program = "import sys, gbstd.catalogue.exprcheck; print(*sorted(sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", program], check=True, capture_output=True, text=True
    ).stdout.split()
    linting = {name for name in loaded if name.startswith("gbstd.catalogue.")}
    assert "gbstd.catalogue.exprcheck" in linting
    assert linting <= set(loading._VALIDATED_BY)
    assert linting <= set(checks._VALIDATED_BY)
