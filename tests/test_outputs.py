"""Writing outputs: a folder or an input is never replaced, and no temporary file is left."""

import pytest

from gbstd.errors import GbstdError
from gbstd.io.outputs import write_atomic


def test_an_output_path_that_is_a_folder_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "report.md"
    folder.mkdir()
    (folder / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(GbstdError) as exc:
        write_atomic(folder, "# 报告\n")
    assert "是目录" in exc.value.render("zh") and "directory" in exc.value.render("en")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]


def test_an_input_is_never_overwritten(tmp_path):
    centre = tmp_path / "centre.yaml"
    centre.write_text("format_version: 1\n", encoding="utf-8")
    with pytest.raises(GbstdError):
        write_atomic(tmp_path / "." / "centre.yaml", "{}", protect=(centre,))
    assert centre.read_text(encoding="utf-8") == "format_version: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["centre.yaml"]
