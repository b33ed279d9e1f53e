"""Synthetic, fictional self-descriptions of centres, for trying gbstd and measuring it."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from gbstd.errors import UsageError
from gbstd.io.outputs import (
    staged_folder,
)
from gbstd.sample import tables
from gbstd.sample.sections import build_centre
from gbstd.sample.yamltext import to_yaml, with_comments


def sample_centre(index: int, seed: int = 0) -> str:
    """Return the YAML text of synthetic centre ``index`` (1-based) for ``seed``.

    A centre depends only on its index and the seed, not on how many are generated.
    """
    data, dept_total, matter_total, matters = build_centre(index, seed)
    departments = len(data.get("departments", {}).get("items", ()))
    body = to_yaml(data)
    body = with_comments(body, dept_total, matter_total, departments, matters)
    header = (
        f"# 合成数据：虚构的{tables.LEVEL_NAMES[data['centre']['level']]}中心，不对应任何真实机构"
        f" | synthetic, fictional centre (gbstd sample centres, seed {seed}, index {index})\n"
    )
    return header + body


def sample_centres(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield ``(file name, YAML text)`` for n synthetic, fictional centres.

    The same n and seed give identical bytes. Levels follow the national proportions (about
    0.1 % provincial, 0.9 % city, 6.8 % county and 92.3 % township centres); each centre has a
    latent maturity that decides how many facts it states and how many of them are good.

    Args:
        n: Number of centres.
        seed: Seed of the generator.

    Yields:
        ``centre-00001.yaml``-style names, zero-padded to the width of n, and the text.

    Raises:
        UsageError: if n is negative.
    """
    if n < 0:
        raise UsageError(
            f"中心数量不能为负数：{n}", f"the number of centres cannot be negative: {n}"
        )
    width = len(str(n))
    for index in range(1, n + 1):
        yield f"centre-{index:0{width}d}.yaml", sample_centre(index, seed)


def _write_range(staging: str, start: int, stop: int, seed: int, width: int) -> int:
    """Write centres ``start`` to ``stop - 1`` into ``staging`` (runs in a worker process)."""
    folder = Path(staging)
    for index in range(start, stop):
        text = sample_centre(index, seed)
        (folder / f"centre-{index:0{width}d}.yaml").write_bytes(text.encode("utf-8"))
    return stop - start


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _fork_context() -> Any:
    """Return the fork context where forking is safe, else None (then one process writes).

    Spawned workers would re-import the caller's main module, which breaks scripts without an
    ``if __name__ == "__main__"`` guard; fork is unavailable on Windows, unsafe on macOS and
    with other threads running.
    """
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork") if threading.active_count() == 1 else None


_CHUNK = 2000  # centres per task; below two chunks one process is faster than starting others


def write_centres(
    n: int, directory: Path, seed: int = 0, *, force: bool = False, workers: int | None = None
) -> int:
    """Write n synthetic centres into ``directory`` and return how many were written.

    The files are written into a temporary sibling directory that is renamed into place, so a
    failure leaves nothing half-written; a manifest (``.gbstd-manifest.json``) records them so
    that ``force`` can later replace them. Large sets are written by several processes; the
    files do not depend on how many.

    Args:
        n: Number of centres (at least 1).
        directory: Output directory; created if missing.
        seed: Seed of the generator.
        force: Replace a directory gbstd wrote before. Even with force, a directory holding
            anything gbstd did not write (or changed since) is refused, never deleted.
        workers: Processes to use (default: one per available CPU, at most 8, for sets of
            several thousand centres, where the platform can fork safely; else one).

    Returns:
        The number of files written.

    Raises:
        UsageError: n is less than 1.
        OutputExistsError: the directory is not empty and force was not given.
        OutputInUseError: force was given but the directory holds what gbstd did not write.
        GbstdError: the path is a file, or the directory cannot be written.
    """
    if n < 1:
        raise UsageError(f"中心数量至少为 1：{n}", f"the number of centres must be at least 1: {n}")
    width = len(str(n))
    with staged_folder(Path(directory), force=force) as staging:
        chunks = [
            (str(staging), a, min(a + _CHUNK, n + 1), seed, width) for a in range(1, n + 1, _CHUNK)
        ]
        context = _fork_context()
        workers = min(workers or min(_cpus(), 8), len(chunks)) if context else 1
        if workers > 1:
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                count = sum(pool.map(_write_range, *zip(*chunks, strict=True)))
        else:
            count = sum(_write_range(*chunk) for chunk in chunks)
    return count
