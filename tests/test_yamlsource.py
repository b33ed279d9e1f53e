import codecs

import pytest

from gbstd.errors import InvalidInputError
from gbstd.textfile import MAX_BYTES
from gbstd.yamlsource import parse_yaml, read_yaml


def problems_of(exc):
    return [p.render("zh") for p in exc.value.problems]


def test_duplicate_key_is_rejected_with_line_and_column():
    with pytest.raises(InvalidInputError) as exc:
        parse_yaml("a: 1\nb:\n  c: 2\n  c: 3\n", "x.yaml")
    (problem,) = exc.value.problems
    assert (problem.line, problem.column) == (4, 3)
    assert "重复的键 'c'" in problem.message("zh")
    assert "first at line 3" in problem.message("en")


def test_positions_point_at_keys_and_list_items():
    doc = parse_yaml("a:\n  - x: 1\n  - y: 2\n", "x.yaml")
    assert doc.positions[("a",)] == (1, 1)
    assert doc.positions[("a", 1)] == (3, 5)
    assert doc.positions[("a", 1, "y")] == (3, 5)


def test_numbers_stay_yaml_numbers_so_the_model_can_refuse_them():
    assert parse_yaml('a: 1.10\nb: "1.10"\n', "x.yaml").data == {"a": 1.1, "b": "1.10"}


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + "名称: 中心\n".encode())
    assert read_yaml(path).data == {"名称": "中心"}


def test_gbk_file_is_refused_with_the_conversion_command(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("a: 1\n名称: 政务服务中心\n".encode("gbk"))
    with pytest.raises(InvalidInputError) as exc:
        read_yaml(path)
    (problem,) = exc.value.problems
    assert problem.line == 2
    assert "GBK" in problem.message("zh") and "iconv -f GB18030 -t UTF-8" in problem.message("zh")


def test_utf16_file_is_refused(tmp_path):
    path = tmp_path / "u16.yaml"
    path.write_bytes("a: 1\n".encode("utf-16"))
    with pytest.raises(InvalidInputError) as exc:
        read_yaml(path)
    assert "UTF-16" in problems_of(exc)[0]


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file_is_refused(text):
    with pytest.raises(InvalidInputError) as exc:
        parse_yaml(text, "empty.yaml")
    assert "文件为空" in problems_of(exc)[0]


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        bomb += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    with pytest.raises(InvalidInputError) as exc:
        parse_yaml(bomb, "bomb.yaml")
    assert "别名炸弹" in problems_of(exc)[0]


def test_several_documents_are_refused():
    with pytest.raises(InvalidInputError) as exc:
        parse_yaml("a: 1\n---\nb: 2\n", "multi.yaml")
    assert exc.value.problems[0].line == 2


def test_syntax_error_is_located():
    with pytest.raises(InvalidInputError) as exc:
        parse_yaml("a: [1, 2\nb: 3\n", "broken.yaml")
    problem = exc.value.problems[0]
    assert problem.line is not None and "YAML 语法错误" in problem.message("zh")


def test_missing_file_and_directory_and_oversize(tmp_path):
    with pytest.raises(InvalidInputError, match="文件不存在"):
        read_yaml(tmp_path / "nope.yaml")
    with pytest.raises(InvalidInputError, match="目录"):
        read_yaml(tmp_path)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (MAX_BYTES + 1))
    with pytest.raises(InvalidInputError, match="文件过大"):
        read_yaml(big)


def test_python_tags_are_not_executed():
    with pytest.raises(InvalidInputError):
        parse_yaml("a: !!python/object/apply:os.system ['true']\n", "evil.yaml")
