"""Hostile checklist workbooks: refused quickly, with exit 3 and a message, never a traceback.

The workbooks are forged with zipfile (declared sizes, used ranges, giant rows) so that each
test stays small in memory and fast, while openpyxl alone would spend gigabytes on them.
"""

import os
import re
import struct
import time
import zipfile

import pytest

from gbstd.cli import app
from gbstd.errors import ExitCode
from gbstd.io.xlsxinput import MAX_FILE_BYTES, MAX_PART_BYTES, MAX_ROWS

SHEET = "xl/worksheets/sheet3.xml"  # the standard's sheet: guide, _gbstd, then standards


@pytest.fixture(scope="module")
def checklist(tmp_path_factory):
    from typer.testing import CliRunner

    path = tmp_path_factory.mktemp("hostile") / "base.xlsx"
    result = CliRunner().invoke(app, ["checklist", "export", "-s", "32169.3", "-o", str(path)])
    assert result.exit_code == ExitCode.OK, result.stderr
    return path


def forge(source, target, edits):
    """Copy a workbook, replacing members: ``edits`` maps a name to bytes → bytes."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info.filename, edits.get(info.filename, lambda d: d)(data))
    return target


def declare_size(path, member, size):
    """Rewrite the uncompressed size the zip's central directory declares for ``member``."""
    raw = bytearray(path.read_bytes())
    at = 0
    while (at := raw.find(b"PK\x01\x02", at)) >= 0:
        length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + length].decode() == member:
            struct.pack_into("<I", raw, at + 24, size)
            path.write_bytes(bytes(raw))
            return path
        at += 4
    raise AssertionError(member)


def import_it(runner, path, tmp_path):
    out = tmp_path / "findings.yaml"
    started = time.perf_counter()
    result = runner.invoke(app, ["checklist", "import", str(path), "-o", str(out)])
    elapsed = time.perf_counter() - started
    assert result.exit_code == ExitCode.INVALID_INPUT, (result.exit_code, result.output)
    assert "Traceback" not in result.output and not out.exists()
    assert elapsed < 5, elapsed
    return result.stderr


def dimension(ref):
    return lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml)


def test_a_used_range_reaching_xfd1048576_is_refused_before_reading(runner, checklist, tmp_path):
    path = forge(checklist, tmp_path / "wide.xlsx", {SHEET: dimension("A1:XFD1048576")})
    text = import_it(runner, path, tmp_path)
    assert "32169.3-2015" in text and "XFD1048576" in text and str(MAX_ROWS) in text


def test_a_cell_in_row_1048576_is_refused_even_when_the_range_says_otherwise(
    runner, checklist, tmp_path
):
    last = b'<row r="1048576"><c r="H1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path = forge(
        checklist,
        tmp_path / "deep.xlsx",
        {SHEET: lambda xml: xml.replace(b"</sheetData>", last + b"</sheetData>")},
    )
    text = import_it(runner, path, tmp_path)
    assert "1048576" in text and "行数过多" in text


def test_a_row_of_100000_cells_is_refused_before_openpyxl_builds_it(runner, checklist, tmp_path):
    # 1 MB of XML that openpyxl would hold as 100,000 dicts at once, whatever the range says.
    row = b'<row r="60">' + b'<c r="A60"/>' * 100_000 + b"</row>"
    path = forge(
        checklist,
        tmp_path / "row.xlsx",
        {SHEET: lambda xml: xml.replace(b"</sheetData>", row + b"</sheetData>")},
    )
    text = import_it(runner, path, tmp_path)
    assert "第 60 行的单元格过多" in text


def test_declared_sizes_are_checked_before_anything_is_unpacked(runner, checklist, tmp_path):
    path = declare_size(forge(checklist, tmp_path / "bomb.xlsx", {}), SHEET, MAX_FILE_BYTES + 1)
    text = import_it(runner, path, tmp_path)
    assert "解压后" in text and str(MAX_FILE_BYTES) in text
    path = declare_size(forge(checklist, tmp_path / "part.xlsx", {}), SHEET, MAX_PART_BYTES + 1)
    assert SHEET in import_it(runner, path, tmp_path)


def test_a_real_zip_bomb_is_refused_from_its_directory(runner, checklist, tmp_path):
    path = tmp_path / "real-bomb.xlsx"
    with zipfile.ZipFile(checklist) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != SHEET:
                new.writestr(info.filename, old.read(info))
                continue
            with new.open(SHEET, "w") as sheet:  # streamed: the test never holds the bomb
                sheet.write(old.read(info).replace(b"</worksheet>", b""))
                for _ in range(MAX_PART_BYTES // 1_000_000 + 1):
                    sheet.write(b" " * 1_000_000)
                sheet.write(b"</worksheet>")
    assert path.stat().st_size < 200_000
    assert SHEET in import_it(runner, path, tmp_path)


def test_a_declared_size_smaller_than_the_truth_is_a_damaged_file(runner, checklist, tmp_path):
    path = declare_size(forge(checklist, tmp_path / "lie.xlsx", {}), SHEET, 100)
    assert "已损坏" in import_it(runner, path, tmp_path)


@pytest.mark.parametrize(
    "edit",
    [
        lambda xml: xml[: len(xml) // 2],  # cut short
        lambda xml: xml.replace(b"<sheetData>", b"<sheetData><row>&undefined;</row>"),
        lambda xml: xml.replace(b'r="H2"', b'r="H2" r="H2"'),  # duplicate attribute
    ],
)
def test_malformed_sheet_xml_exits_3(runner, checklist, tmp_path, edit):
    path = forge(checklist, tmp_path / "bad.xlsx", {SHEET: edit})
    assert "已损坏" in import_it(runner, path, tmp_path)


def test_not_a_zip_an_encrypted_workbook_a_directory_and_a_fifo_exit_3(runner, tmp_path):
    (tmp_path / "text.xlsx").write_text("hello", encoding="utf-8")
    assert "不是有效的 .xlsx" in import_it(runner, tmp_path / "text.xlsx", tmp_path)
    # Excel saves a workbook with a password to open as an OLE compound file.
    (tmp_path / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert "加密" in import_it(runner, tmp_path / "locked.xlsx", tmp_path)
    (tmp_path / "folder.xlsx").mkdir()
    assert "目录" in import_it(runner, tmp_path / "folder.xlsx", tmp_path)
    os.mkfifo(tmp_path / "pipe.xlsx")
    assert "不是普通文件" in import_it(runner, tmp_path / "pipe.xlsx", tmp_path)


def test_a_sheet_under_another_name_is_scanned_too(runner, checklist, tmp_path):
    row = b'<row r="60">' + b'<c r="A60"/>' * 1000 + b"</row>"
    path = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(checklist) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == SHEET:
                new.writestr("xl/data.bin", data.replace(b"</sheetData>", row + b"</sheetData>"))
                continue
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"worksheets/sheet3.xml", b"data.bin")
            new.writestr(info.filename, data)
    assert "xl/data.bin：第 60 行的单元格过多" in import_it(runner, path, tmp_path)


def test_a_chart_sheet_where_a_standard_sheet_should_be_exits_3(runner, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    meta = workbook.active
    meta.title = "_gbstd"
    meta.append(["format", "gbstd-checklist/1"])
    meta.append(["sheet", "Chart"])
    from openpyxl.chart import BarChart, Reference

    meta.append([1, 2])
    chart = BarChart()
    chart.add_data(Reference(meta, min_col=1, min_row=3, max_col=2))
    workbook.create_chartsheet("Chart").add_chart(chart)
    path = tmp_path / "chart.xlsx"
    workbook.save(path)
    assert "Chart 不是普通工作表" in import_it(runner, path, tmp_path)


def test_bloated_styles_are_refused_before_openpyxl_builds_them(runner, checklist, tmp_path):
    from gbstd.io.xlsxinput import MAX_OTHER_PART_BYTES

    xf = b'<xf numFmtId="0" fontId="0"/>'
    many = xf * (MAX_OTHER_PART_BYTES // len(xf) + 1)  # 70,000 style records: ~4 s unchecked
    path = forge(
        checklist,
        tmp_path / "styles.xlsx",
        {"xl/styles.xml": lambda xml: re.sub(rb"(<cellXfs[^>]*>)", rb"\1" + many, xml)},
    )
    assert "xl/styles.xml" in import_it(runner, path, tmp_path)


def test_an_entity_expansion_bomb_is_refused(runner, checklist, tmp_path):
    entities = b'<!ENTITY a1 "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(2, 11)
    )  # &a10; would be 10^10 characters

    def edit(xml):
        xml = xml[xml.index(b"<worksheet") :].replace(b"<t>", b"<t>&a10;", 1)
        return b"<!DOCTYPE worksheet [" + entities + b"]>" + xml

    path = forge(checklist, tmp_path / "laughs.xlsx", {SHEET: edit})
    assert "已损坏" in import_it(runner, path, tmp_path)
