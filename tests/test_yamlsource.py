import codecs
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gbstd.bundled import data_dir
from gbstd.errors import InvalidInputError
from gbstd.textfile import MAX_BYTES
from gbstd.yamlsource import MAX_NODES, _canonical, _fast, parse_yaml, read_yaml


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


# --- the fast reader (yaml_rs) must never read a file differently from the canonical one ---


def same(a, b):
    """Equal values of equal types, all the way down (True == 1 is not enough here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


TRICKY = [
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "n",
    "true",
    "False",
    "~",
    "null",
    "=",
    "<<",
    "0755",
    "0o17",
    "08",
    "0x1F",
    "0b101",
    "_1",
    "1_000",
    "1:20",
    "12:30:00",
    "1:20.5",
    "1e3",
    "1E-3",
    "1.5e3",
    "1.0e-05",
    ".5",
    "-.5",
    "+.5",
    "+1",
    "-0",
    "1.",
    ".inf",
    "-.Inf",
    ".NaN",
    "1.10",
    "2025-12-31",
    "2025-02-30",
    "2025-1-5",
    "2001-12-14 21:59:43.10 -5",
    "2001-12-14t21:59:43Z",
    "32170.1-2015",
    "36113-7.R01",
    "GB/T 32170.1-2015",
    "990300",
    "http://a.example/b?c=1",
    "a:b",
    "x:",
    "[",
    "]",
    "{a: 1}",
    "中心",
    "a b",
    "#x",
    "1,000",
    "0.",
    "00",
    "-",
    "--",
    "",
]
token = st.one_of(
    st.from_regex(
        r"[a-z]{1,6}|[1-9][0-9]{0,3}(\.[0-9]{1,2})?|20[0-9]{2}-[01][0-9]-[0-3][0-9]|中心",
        fullmatch=True,
    ),
    st.sampled_from(TRICKY),
    st.from_regex(r"[-+_.0-9:eExXoObBinfaINFA]{1,7}", fullmatch=True),
    st.text(alphabet="aeyYnNoOfFtT~0123456789.:-+_ 中#", min_size=1, max_size=8),
)


def scalar(value, style):
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


@st.composite
def documents(draw):
    lines = []
    if draw(st.booleans()):
        lines.append("# 注释 centre's comment: 0755 yes *x &y !z")
    for i in range(draw(st.integers(1, 5))):
        key = draw(st.one_of(st.just(f"k{i}"), token))
        shape = draw(st.sampled_from(["value", "block", "flow", "flow map"]))
        if shape == "value":
            value = scalar(draw(token), draw(st.sampled_from(["plain", "single", "double"])))
            lines.append(f"{key}: {value}")
        elif shape == "block":
            lines.append(f"{key}:")
            lines += [f"  - {scalar(draw(token), 'plain')}" for _ in range(draw(st.integers(1, 3)))]
        elif shape == "flow":
            items = draw(st.lists(token, min_size=1, max_size=3))
            lines.append(f"{key}: [{', '.join(items)}]  # {draw(token)}")
        else:
            items = draw(st.lists(token, min_size=1, max_size=3))
            lines.append(f"{key}: {{{', '.join(f'f{j}: {v}' for j, v in enumerate(items))}}}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline


def canonical_data(text):
    try:
        return _canonical(text, "t.yaml").data
    except (InvalidInputError, ValueError):
        return InvalidInputError


@settings(max_examples=1500, deadline=None)
@given(documents())
def test_fast_reader_agrees_with_the_canonical_one(text):
    fast = _fast(text)
    if fast is not None:  # the fast reader accepted the file: the canonical one must agree
        assert same(fast, canonical_data(text)), text


def test_fast_reader_takes_ordinary_self_descriptions():
    for path in sorted(data_dir("examples").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert _fast(text) is not None, path
        assert same(_fast(text), _canonical(text, path.name).data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: yes\n", {"a": True}),  # YAML 1.1: a boolean; yaml_rs would say "yes"
        ("a: 0755\n", {"a": 493}),  # 1.1 octal; yaml_rs would say 755
        ("a: 1:20\n", {"a": 80}),  # 1.1 base 60
        ("a: 1e3\n", {"a": "1e3"}),  # not a 1.1 float
        ("b: &x 1\nc: *x\n", {"b": 1, "c": 1}),
    ],
)
def test_files_where_yaml_versions_differ_are_read_as_yaml_1_1(text, expected):
    assert _fast(text) is None
    assert parse_yaml(text, "x.yaml").data == expected


def test_an_impossible_date_is_text_for_the_schema_to_refuse():
    assert parse_yaml("d: 2025-02-30\n", "x.yaml").data == {"d": "2025-02-30"}
    assert _canonical("d: 2025-02-30\n", "x.yaml").data == {"d": "2025-02-30"}


def test_positions_of_a_fast_read_file_are_found_when_asked():
    doc = parse_yaml("centre:\n  name: 中心\n  level: county\n", "x.yaml")
    assert doc.known_positions is None  # read fast, positions not yet needed
    assert doc.positions[("centre", "level")] == (3, 3)


def nodes(count: int) -> str:
    """A document that expands to exactly ``count`` nodes (the root mapping included)."""
    # root (1) + a: 999 scalars (1 + 999) + b: k aliases of a (1 + 1000 k) + c: j scalars (1 + j)
    k = (count - 1003) // 1000
    j = count - 1003 - 1000 * k
    return (
        f"a: &a [{', '.join(['x'] * 999)}]\n"
        f"b: [{', '.join(['*a'] * k)}]\n"
        f"c: [{', '.join(['x'] * j)}]\n"
    )


def test_the_node_limit_is_exact():
    assert parse_yaml(nodes(MAX_NODES), "limit.yaml").data["a"] == ["x"] * 999
    with pytest.raises(InvalidInputError) as exc:
        parse_yaml(nodes(MAX_NODES + 1), "over.yaml")
    assert "别名炸弹" in problems_of(exc)[0]
