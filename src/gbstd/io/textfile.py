"""Read user files as UTF-8 text, with clear errors for everything else."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Message

MAX_BYTES = 5 * 1024 * 1024
# Opening a FIFO for reading would otherwise wait for a writer (O_NONBLOCK is POSIX only).
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _problem(name: str, zh: str, en: str) -> InvalidInputError:
    return InvalidInputError([Problem(name, Message(zh, en))])


def read_bytes(path: Path, shown: str) -> bytes:
    """Read a file's bytes, refusing directories and anything over ``MAX_BYTES``.

    The cap is enforced on what is read, not on what ``stat`` says: ``/dev/zero``, a pipe or a
    FIFO report size 0 yet never end. The file is opened without blocking, so a FIFO that no
    program writes to reads as empty instead of waiting forever; a pipe with a writer (as in
    ``gbstd validate <(…)``) is read like a file.

    Raises:
        InvalidInputError: missing, unreadable, a directory, or too large.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except FileNotFoundError:
        raise _problem(shown, "文件不存在", "no such file") from None
    except PermissionError:
        raise _problem(shown, "没有读取权限", "permission denied") from None
    except IsADirectoryError:  # Windows cannot open a directory at all
        raise _problem(shown, "应为文件，却是目录", "expected a file, found a directory") from None
    except OSError as exc:  # a symlink loop, a name too long, a device gone…
        raise _problem(
            shown, f"无法打开文件：{exc.strerror}", f"cannot open the file: {exc.strerror}"
        ) from None
    try:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise _problem(shown, "应为文件，却是目录", "expected a file, found a directory")
        if _NONBLOCK:
            os.set_blocking(fd, True)  # a pipe whose writer is slow: wait for it, as for stdin
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _problem(
            shown, f"读取文件失败：{exc.strerror}", f"cannot read the file: {exc.strerror}"
        ) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        raise _problem(
            shown,
            f"文件过大（超过上限 {MAX_BYTES} 字节）",
            f"file too large (over the limit of {MAX_BYTES} bytes)",
        )
    return raw


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is accepted and dropped); explain how to convert anything else.

    Raises:
        InvalidInputError: the bytes are UTF-16/32, GBK/GB18030 or not text.
    """
    raw = raw.removeprefix(codecs.BOM_UTF8)
    for bom, label in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            raise _problem(
                name,
                f"文件是 {label} 编码；请另存为 UTF-8（记事本/WPS：另存为 → 编码选 UTF-8）",
                f"the file is {label}-encoded; save it as UTF-8",
            )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            zh = f"第 {line} 行含有无法按 UTF-8 解码的字节；文件不是 UTF-8 文本"
            en = f"line {line} has bytes that are not UTF-8; the file is not UTF-8 text"
        else:
            zh = (
                f"文件不是 UTF-8 编码（第 {line} 行起看起来是 GBK/GB18030）。请转换为 UTF-8 后重试："
                f"iconv -f GB18030 -t UTF-8 {name} -o 新文件.yaml，或在记事本/WPS 中另存为 UTF-8"
            )
            en = (
                f"the file is not UTF-8 (from line {line} it looks like GBK/GB18030). Convert it: "
                f"iconv -f GB18030 -t UTF-8 {name} -o converted.yaml, or save as UTF-8 in an editor"
            )
        raise InvalidInputError([Problem(name, Message(zh, en), line, 1)]) from None


def read_json(path: Path) -> object:
    """Read a UTF-8 JSON file.

    Raises:
        InvalidInputError: missing, not UTF-8, or not JSON (located by line and column).
    """
    shown = str(path)
    return parse_json(decode(read_bytes(path, shown), shown), shown)


def parse_json(text: str, name: str) -> object:
    """Parse JSON text read from the file ``name``.

    Raises:
        InvalidInputError: not JSON (located by line and column), too deep, or a number too long.
    """
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        message = Message(f"JSON 格式错误：{exc.msg}", f"invalid JSON: {exc.msg}")
        raise InvalidInputError([Problem(name, message, exc.lineno, exc.colno)]) from None
    except ValueError:  # a number of more than 4300 digits
        raise _problem(name, "JSON 中的数字过长", "a number in the JSON is too long") from None
    except RecursionError:
        raise _problem(name, "JSON 嵌套过深", "the JSON is nested too deeply") from None
