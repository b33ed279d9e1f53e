"""Find the data folders (standards, checklists, templates, examples) that ship with gbstd."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DATA_FOLDERS = ("standards", "checklists", "profiles", "templates", "examples")


def data_dir(name: str) -> Path:
    """Return the bundled folder ``name`` (one of ``DATA_FOLDERS``).

    An installed wheel carries the folders under ``gbstd/data/``. A source checkout (an
    editable install, or tests run from the repository) keeps them at the repository's top,
    where contributors edit them.
    """
    if name not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {name!r}")
    installed = Path(str(files("gbstd"))) / "data" / name
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / name
