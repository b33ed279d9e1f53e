"""Options that many commands share, and where pack folders come from (flags, then environment)."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

STANDARDS_PATH_ENV = "GBSTD_STANDARDS_PATH"
CHECKS_PATH_ENV = "GBSTD_CHECKS_PATH"


class LangChoice(StrEnum):
    """Output language."""

    zh = "zh"
    en = "en"


LangOption = Annotated[
    LangChoice,
    typer.Option("--lang", envvar="GBSTD_LANG", help="输出语言 Output language (zh|en)."),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="允许覆盖已有文件（输入文件除外）Replace an existing file (never an input)."
    ),
]
StandardsDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--standards-dir",
        help=(
            "用户标准包目录，可重复；同编号者替换内置标准。Folder of user standards (repeatable); "
            f"a standard with a built-in's number replaces it. Also ${STANDARDS_PATH_ENV}."
        ),
        file_okay=False,
    ),
]


ChecksDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--checks-dir",
        help=(
            "用户检查项目录，可重复；同一要求的检查项替换内置的。Folder of checks (repeatable); "
            f"a check for the same requirement replaces the built-in one. Also ${CHECKS_PATH_ENV}."
        ),
        file_okay=False,
    ),
]


def env_dirs(name: str) -> list[Path]:
    """The folders listed in environment variable ``name`` (os.pathsep-separated)."""
    return [Path(p) for p in os.environ.get(name, "").split(os.pathsep) if p]


def user_dirs(explicit: list[Path] | None) -> list[Path]:
    """Return the user pack folders: the environment variable's first, then ``--standards-dir``."""
    return env_dirs(STANDARDS_PATH_ENV) + list(explicit or [])


def checks_dirs(explicit: list[Path] | None) -> list[Path]:
    """Return the user check folders: the environment variable's first, then ``--checks-dir``."""
    return env_dirs(CHECKS_PATH_ENV) + list(explicit or [])
