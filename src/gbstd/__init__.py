"""gbstd: check a government service centre against GB/T 32168, 32169 and 32170, clause by clause."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~40 ms to import; only pay it when the version is asked for.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("gbstd")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(name)
