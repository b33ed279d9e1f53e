"""Open a user's .xlsx within fixed caps, so that a hostile workbook costs little to refuse.

openpyxl builds what a file declares: a used range reaching XFD1048576 costs gigabytes, and a
1 MB zip can unpack to 1 GB. So the zip's directory (declared sizes) and each sheet's declared
used range are checked before any cell is read; cells are then streamed (read-only mode) and
the same caps are enforced on the rows that actually arrive, since a declaration can lie.
zipfile never unpacks more than a member's declared size (a longer stream fails its CRC check).
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Message
from gbstd.io.textfile import MAX_BYTES

MAX_FILE_BYTES = 50_000_000  # the .xlsx itself, and all its parts unpacked together
# Any one part unpacked. openpyxl writes each CJK character as an 8-byte reference (&#12345;),
# so a sheet whose answers fit the findings cap (MAX_BYTES, ~3 bytes a character) may be 3x it.
MAX_PART_BYTES = 4 * MAX_BYTES
# Any other XML part (styles, workbook, drawings...): openpyxl builds styles object by object,
# 19 MB of them took 30 s and 700 MB; gbstd's own export has 5 KB of styles, Excel's ~100 KB.
MAX_OTHER_PART_BYTES = 2 * 1024 * 1024
_DATA_ROOTS = {"worksheet", "sst"}  # sheets and their shared strings hold the answers
MAX_PARTS = 1_000
MAX_ROWS = 20_000  # per sheet, header included
MAX_COLUMNS = 64
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls files


def _refuse(name: str, zh: str, en: str) -> InvalidInputError:
    return InvalidInputError([Problem(name, Message(zh, en))])


def _check_zip(name: str, handle: Any) -> None:
    """Refuse a file that is not a zip, or whose directory declares too much."""
    if handle.read(len(_OLE_MAGIC)) == _OLE_MAGIC:
        raise _refuse(
            name,
            "工作簿已加密（设有打开密码）或为旧版 .xls；请取消密码并另存为 .xlsx",
            "the workbook is encrypted (password to open) or an old .xls; "
            "remove the password and save it as .xlsx",
        )
    handle.seek(0)
    try:
        archive = zipfile.ZipFile(handle)  # closing it later would not close ``handle``
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise _refuse(
            name, f"不是有效的 .xlsx 文件：{exc}", f"not a valid .xlsx file: {exc}"
        ) from None
    members = archive.infolist()
    total = sum(m.file_size for m in members)
    largest = max(members, key=lambda m: m.file_size, default=None)
    if len(members) > MAX_PARTS or total > MAX_FILE_BYTES:
        raise _refuse(
            name,
            f"工作簿过大：{len(members)} 个部件、解压后 {total} 字节"
            f"（上限 {MAX_PARTS} 个、{MAX_FILE_BYTES} 字节）",
            f"workbook too large: {len(members)} parts, {total} bytes unpacked "
            f"(limits {MAX_PARTS} parts, {MAX_FILE_BYTES} bytes)",
        )
    if largest is not None and largest.file_size > MAX_PART_BYTES:
        raise _refuse(
            name,
            f"工作簿内部文件 {largest.filename} 解压后 {largest.file_size} 字节，"
            f"超过上限 {MAX_PART_BYTES} 字节",
            f"workbook part {largest.filename} unpacks to {largest.file_size} bytes, "
            f"over the limit of {MAX_PART_BYTES}",
        )
    for member in members:
        _scan(name, archive, member)


def _scan(name: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse a part with too many rows or cells in a row, before openpyxl builds them.

    Every part that looks like XML is scanned, not only ``xl/worksheets/*.xml``: the
    package's relations may put a sheet under any name. openpyxl holds a whole row at once
    (~25 bytes per byte of XML) and trusts the declared used range, so neither the declaration
    nor the part size is enough. expat builds no tree, so the scan itself needs no memory.
    """
    from xml.parsers import expat

    state: dict[str, Any] = {"root": None, "row": 0, "cells": 0}
    part = Message(f"工作簿内部文件 {member.filename}", f"workbook part {member.filename}")

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition("}")[2]
        if state["root"] is None:
            state["root"] = local
            if local not in _DATA_ROOTS and member.file_size > MAX_OTHER_PART_BYTES:
                raise _refuse(
                    name,
                    f"{part('zh')} 解压后 {member.file_size} 字节，超过上限 "
                    f"{MAX_OTHER_PART_BYTES} 字节（工作表和共享字符串之外的部件）",
                    f"{part('en')} unpacks to {member.file_size} bytes, over the limit of "
                    f"{MAX_OTHER_PART_BYTES} for parts other than sheets and shared strings",
                )
        if local == "row":
            number = attributes.get("r", "")
            state["row"] = int(number) if number.isdigit() else state["row"] + 1
            state["cells"] = 0
            if state["row"] > MAX_ROWS:
                raise _too_big(
                    name,
                    part,
                    f"行数过多（第 {state['row']} 行）",
                    f"too many rows ({state['row']})",
                )
        elif local == "c":
            state["cells"] += 1
            if state["cells"] > MAX_COLUMNS:
                raise _too_big(
                    name,
                    part,
                    f"第 {state['row']} 行的单元格过多",
                    f"row {state['row']} has too many cells",
                )

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    try:
        with archive.open(member) as stream:
            # Any part that looks like XML, whatever its name: pictures are skipped.
            if not stream.peek(64)[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                return
            parser.ParseFile(stream)
    except (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise _malformed(name, exc) from None


@contextmanager
def open_workbook(path: Path) -> Iterator[Any]:
    """Yield a read-only workbook (formulas kept as formulas), after checking the caps.

    Raises:
        InvalidInputError: missing, not a regular file, not an .xlsx, encrypted, malformed,
            or over a cap; the message names the file.
    """
    from openpyxl import load_workbook

    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise _refuse(name, "文件不存在", "no such file") from None
    except OSError as exc:
        raise _refuse(name, f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}") from None
    _require_regular(name, descriptor)
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno())
        if mode.st_size > MAX_FILE_BYTES:
            raise _refuse(
                name,
                f"文件过大（{mode.st_size} 字节，上限 {MAX_FILE_BYTES} 字节）",
                f"file too large ({mode.st_size} bytes, limit {MAX_FILE_BYTES})",
            )
        _check_zip(name, handle)
        handle.seek(0)
        try:
            workbook = load_workbook(handle, read_only=True, data_only=False)
        except Exception as exc:  # noqa: BLE001 - any parser failure is the file's, not ours
            raise _malformed(name, exc) from None
        try:
            yield workbook
        finally:
            workbook.close()


def _require_regular(name: str, descriptor: int) -> None:
    """Refuse (and close) anything but a regular file: a directory, a FIFO, a device."""
    mode = os.fstat(descriptor).st_mode
    if stat.S_ISREG(mode):
        return
    os.close(descriptor)
    if stat.S_ISDIR(mode):
        raise _refuse(name, "应为文件，却是目录", "expected a file, found a directory")
    raise _refuse(name, "不是普通文件", "not a regular file")


def _malformed(name: str, exc: Exception) -> InvalidInputError:
    detail = f"{type(exc).__name__}: {exc}"[:300]
    return _refuse(
        name, f"工作簿已损坏，无法读取（{detail}）", f"the workbook is damaged ({detail})"
    )


def sheet_rows(name: str, ws: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Yield ``(row number, cells)`` for the first ``MAX_COLUMNS`` columns, streaming.

    Raises:
        InvalidInputError: the sheet declares or holds more than ``MAX_ROWS`` rows or
            ``MAX_COLUMNS`` columns, or its XML is malformed.
    """
    from openpyxl.utils import get_column_letter

    sheet = Message(f"工作表 {ws.title}", f"sheet {ws.title}")
    if not hasattr(ws, "iter_rows"):  # a chart sheet
        raise _refuse(name, f"{sheet('zh')} 不是普通工作表", f"{sheet('en')} is not a worksheet")
    rows, columns = ws.max_row or 0, ws.max_column or 0
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        used = f"{get_column_letter(min(columns, 16384) or 1)}{rows}"
        raise _too_big(name, sheet, f"使用区域达到 {used}", f"the used range reaches {used}")
    # Not bounded by the declared range: a stale or forged one must not hide rows.
    stream = ws.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS)
    number = 0
    while True:
        try:
            cells = next(stream)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - any parser failure is the file's, not ours
            raise _malformed(name, exc) from None
        number += 1
        if number > MAX_ROWS:  # the scan should have refused it; openpyxl pads gaps in rows
            raise _too_big(name, sheet, "行数过多", "too many rows")
        yield number, cells


def _too_big(name: str, where: Message, zh: str, en: str) -> InvalidInputError:
    return _refuse(
        name,
        f"{where('zh')}：{zh}（上限 {MAX_ROWS} 行、每行 {MAX_COLUMNS} 个单元格）；请删除多余的行和列",
        f"{where('en')}: {en} (limits {MAX_ROWS} rows, {MAX_COLUMNS} cells a row); "
        "delete the extra rows and columns",
    )
