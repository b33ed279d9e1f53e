"""Write output files atomically: a failure never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import GbstdError


def write_atomic(path: Path, content: str | bytes, *, protect: tuple[Path, ...] = ()) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder.

    Raises:
        GbstdError: the path is one of the ``protect``-ed inputs, or the folder cannot be written.
    """
    target = path.resolve()
    if any(target == p.resolve() for p in protect):
        raise GbstdError(
            f"输出文件 {path} 与输入文件相同；请换一个输出路径",
            f"output {path} is an input file; choose another path",
        )
    if target.is_dir():
        raise GbstdError(f"输出路径 {path} 是目录", f"output path {path} is a directory")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise GbstdError(
            f"无法写入 {path}：{exc.strerror}", f"cannot write {path}: {exc.strerror}"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
