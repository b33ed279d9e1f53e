"""Cache validated input files on disk, so loading them costs milliseconds, not a YAML parse.

An entry is keyed by the SHA-256 of the file's bytes and of the source of the modules that
define how it is validated, so an edited file or a changed model never meets a stale entry.
The cache is only an optimisation: when it cannot be read or written, gbstd parses the file as
if it were not there. Only files that validated are ever stored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TypeVar

CACHE_ENV = "GBSTD_CACHE_DIR"
DISABLE_ENV = "GBSTD_NO_CACHE"

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Return the cache folder, or None when caching is switched off."""
    if os.environ.get(DISABLE_ENV):
        return None
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "gbstd" / "files"


@cache
def _fingerprint(modules: tuple[ModuleType | str, ...]) -> bytes:
    import pydantic

    digest = hashlib.sha256(pydantic.VERSION.encode())
    for module in modules:
        # A module may be named rather than imported, so that a hit need not import it.
        source = module.__file__ if isinstance(module, ModuleType) else _origin(module)
        if not source:
            digest.update(str(module).encode())
            continue
        for file in _sources(Path(source)):
            digest.update(file.name.encode() + file.read_bytes())
    return digest.digest()


def _sources(origin: Path) -> list[Path]:
    # A package stands for every module in it: the model may be split over several files, and
    # an edit to any of them must miss the cache.
    if origin.name == "__init__.py":
        return sorted(origin.parent.rglob("*.py"))
    return [origin]


def _origin(name: str) -> str | None:
    import importlib.util

    spec = importlib.util.find_spec(name)
    return spec.origin if spec else None


def cached(
    raw: bytes,
    parse: Callable[[bytes], T],
    kind: type[T],
    modules: tuple[ModuleType | str, ...],
) -> T:
    """Return ``parse(raw)``, from the cache when an entry for these bytes and modules exists.

    Raises:
        Whatever ``parse`` raises for invalid input (invalid files are never cached).
    """
    folder = cache_dir()
    if folder is None:
        return parse(raw)
    key = hashlib.sha256(_fingerprint(modules) + raw).hexdigest()
    entry = folder / f"{key}.pickle"
    try:
        with entry.open("rb") as handle:
            found = pickle.load(handle)
        if isinstance(found, kind):
            return found
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
    ):
        pass
    result = parse(raw)
    _store(folder, entry, result)
    return result


def _store(folder: Path, entry: Path, value: object) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(temporary).replace(entry)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
