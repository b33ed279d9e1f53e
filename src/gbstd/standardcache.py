"""Cache validated standards on disk, so loading the catalogue costs milliseconds, not a YAML parse.

An entry is keyed by the SHA-256 of the standard file's bytes and of the model's source, so an
edited file or a changed model never meets a stale entry. The cache is only an optimisation:
when it cannot be read or written, gbstd parses the YAML as if it were not there.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from . import standard as _standard_module
from .standard import Standard

CACHE_ENV = "GBSTD_CACHE_DIR"
DISABLE_ENV = "GBSTD_NO_CACHE"


def cache_dir() -> Path | None:
    """Return the cache folder, or None when caching is switched off."""
    if os.environ.get(DISABLE_ENV):
        return None
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "gbstd" / "standards"


@cache
def _model_fingerprint() -> bytes:
    import pydantic

    source = Path(_standard_module.__file__).read_bytes()
    return hashlib.sha256(source + pydantic.VERSION.encode()).digest()


def cached_standard(raw: bytes, parse: Callable[[bytes], Standard]) -> Standard:
    """Return the standard for these file bytes, from the cache or by calling ``parse``."""
    folder = cache_dir()
    if folder is None:
        return parse(raw)
    key = hashlib.sha256(_model_fingerprint() + raw).hexdigest()
    entry = folder / f"{key}.pickle"
    try:
        with entry.open("rb") as handle:
            found = pickle.load(handle)
        if isinstance(found, Standard):
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
    result = parse(raw)  # raises on invalid input: invalid files are never cached
    _store(folder, entry, result)
    return result


def _store(folder: Path, entry: Path, standard: Standard) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(standard, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(temporary).replace(entry)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
