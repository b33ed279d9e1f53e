import codecs
import math
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gbstd.errors import InvalidInputError
from gbstd.io import yamlsource
from gbstd.io.bundled import data_dir
from gbstd.io.textfile import MAX_BYTES
from gbstd.io.yamlsource import MAX_DEPTH, _canonical, _fast, parse_yaml, read_yaml


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
    except InvalidInputError:
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


def test_fast_reader_takes_small_rates_as_pyyaml_writes_them():
    # PyYAML dumps 0.00004 as 4.0e-05; both YAML versions read that as the same float, and one
    # synthetic centre in twelve holds such a rate (the slow reader cost them ~35 ms each).
    text = "complaint_rate: 4.0e-05\nother: -1.5E+10\n"
    assert _fast(text) == {"complaint_rate": 4e-05, "other": -1.5e10}
    assert same(_fast(text), _canonical(text, "t.yaml").data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 4.0e5\n", {"a": "4.0e5"}),  # YAML 1.1 wants a signed exponent: text, not a float
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


# --- hostile input: each must be a located InvalidInputError, never a traceback (issue 13) ---


def refusal(text):
    with pytest.raises(InvalidInputError) as exc:
        parse_yaml(text, "h.yaml")
    (problem,) = exc.value.problems
    return problem


def nested_mappings(levels):
    return "".join(" " * i + "k:\n" for i in range(levels)) + " " * levels + "1\n"


@pytest.mark.parametrize(
    ("deepest", "too_deep"),
    [
        ("a: " + "[" * 99 + "]" * 99 + "\n", "a: " + "[" * 100 + "]" * 100 + "\n"),
        ("- " * MAX_DEPTH + "x\n", "- " * (MAX_DEPTH + 1) + "x\n"),
        (nested_mappings(MAX_DEPTH), nested_mappings(MAX_DEPTH + 1)),
    ],
    ids=["flow", "compact sequences", "block mappings"],
)
def test_nesting_is_capped_at_max_depth_on_both_readers(deepest, too_deep):
    assert same(parse_yaml(deepest, "h.yaml").data, _canonical(deepest, "h.yaml").data)
    problem = refusal(too_deep)
    assert f"嵌套超过 {MAX_DEPTH} 层" in problem.message("zh") and problem.line is not None
    assert _fast(too_deep) is None


def test_very_deep_nesting_is_refused_without_crashing():
    # 600 levels overflowed Python's recursion limit; 20,000 "- " crashed yaml_rs (SIGSEGV).
    for text in ("a: " + "[" * 600 + "]" * 600, nested_mappings(600), "- " * 20_000 + "1\n"):
        assert _fast(text) is None
        assert refusal(text).line is not None


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: !!int abc\n", (1, 4)),
        ("a: !!bool yesyes\n", (1, 4)),
        ("a: !!float 1yes\n", (1, 4)),
        ("a:\n  - !!timestamp tomorrow\n", (2, 5)),
        ("a: " + "1" * 5000 + "\n", (1, 4)),  # over Python's 4300-digit int limit
    ],
)
def test_a_value_its_tag_cannot_hold_is_refused_where_it_is(text, where):
    problem = refusal(text)
    assert (problem.line, problem.column) == where
    assert "无法按 !!" in problem.message("zh") and "cannot be read as" in problem.message("en")
    assert _fast(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("d: 2025-06-30 24:00:00\n", {"d": "2025-06-30 24:00:00"}),
        ("d: 2025-06-30 25:00\n", {"d": "2025-06-30 25:00"}),
        ("2025-02-30: 1\n", {"2025-02-30": 1}),
        ("a: &d 2025-02-30\nb: *d\n", {"a": "2025-02-30", "b": "2025-02-30"}),
    ],
)
def test_impossible_timestamps_and_date_keys_are_text_for_the_schema(text, expected):
    assert parse_yaml(text, "h.yaml").data == expected


def test_an_impossible_time_is_refused_by_the_self_description_with_its_place(tmp_path):
    from gbstd.description.loading import load_description

    path = tmp_path / "c.yaml"
    path.write_text(
        "format_version: 1\ncentre:\n  name: 中心\n  level: county\n"
        "  assessed_on: 2026-06-30 24:00:00\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as exc:
        load_description(path)
    (problem,) = exc.value.problems
    assert (problem.line, problem.field) == (5, "centre.assessed_on")


def test_alias_expansion_is_capped_at_exactly_max_nodes(monkeypatch):
    # The real limit (500,000) takes ~3 s a document; the boundary is the same at 5,000.
    monkeypatch.setattr(yamlsource, "MAX_NODES", 5_000)

    def bomb(nodes):
        # The list of 99 items is 100 nodes at "a" and at each alias; the root, and the lists
        # of "b" and "pad", one each (keys are not counted).
        expansions, rest = divmod(nodes - 3 - 100, 100)
        return (
            "a: &x [" + ", ".join(["0"] * 99) + "]\n"
            "b: [" + ", ".join(["*x"] * expansions) + "]\n"
            "pad: [" + ", ".join(["0"] * rest) + "]\n"
        )

    assert len(parse_yaml(bomb(5_000), "ok.yaml").data["b"]) == 48
    assert "超过 5000 个节点" in refusal(bomb(5_001)).message("zh")


# --- reading the bytes: the size cap holds for anything that is not a regular file ---


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_device_is_refused_at_the_size_cap():
    with pytest.raises(InvalidInputError, match="文件过大"):
        read_yaml(Path("/dev/zero"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_nobody_writes_to_does_not_block(tmp_path):
    fifo = tmp_path / "centre.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InvalidInputError, match="文件为空"):
        read_yaml(fifo)  # before: waited forever for a writer


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd")
def test_a_pipe_with_a_slow_writer_is_read_like_a_file():
    # As in `gbstd validate <(generate-centre)`: the reader must wait for the data.
    import threading
    import time

    read_end, write_end = os.pipe()

    def write():
        time.sleep(0.2)
        os.write(write_end, b"a: 1\n")
        os.close(write_end)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert read_yaml(Path(f"/dev/fd/{read_end}")).data == {"a": 1}
    finally:
        writer.join()
        os.close(read_end)


def test_a_symlink_loop_is_refused(tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    with pytest.raises(InvalidInputError, match="无法打开文件"):
        read_yaml(tmp_path / "a.yaml")


def test_json_too_deep_or_with_an_endless_number_is_refused(tmp_path):
    from gbstd.io.textfile import read_json

    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InvalidInputError, match="嵌套过深"):
        read_json(deep)
    long = tmp_path / "long.json"
    long.write_text('{"a": ' + "1" * 5000 + "}", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="数字过长"):
        read_json(long)
