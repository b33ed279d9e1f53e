"""Read YAML strictly: UTF-8 only, one document, no duplicate keys, bounded size, with positions.

PyYAML silently keeps the last of two duplicate keys and expands aliases without limit; both
would let a malformed file pass or hang. This module composes the node graph with libyaml and
builds plain Python data itself, so it can reject duplicates, cap alias expansion and nesting,
turn a value its tag cannot hold (``!!int abc``, hour 24) into a located problem, and record
the line and column of every value for error messages. That reading (YAML 1.1, as PyYAML
resolves it) is the canonical one.

It is also slow: ~2.4 ms for a 7 KB self-description, a third of a batch's time per centre.
So a file is first read by ``yaml_rs`` (Rust, YAML 1.2, ~0.3 ms), and that reading is kept only
when the two versions cannot differ on it: ``_plain_enough`` screens the text (number-like
tokens other than plain decimals and dates, tags, anchors, document markers, tabs, control
characters, escapes, colons inside flow collections) and ``_agreed_data`` the strings read
(whatever YAML 1.1 would take for a boolean, number, date or merge key must have been quoted;
plain dates become dates as in YAML 1.1). Everything else, and any file ``yaml_rs`` refuses,
takes the canonical path, which also produces every error message. Positions are found on first
use, by the canonical reader, so a valid file never pays for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Message
from gbstd.io.textfile import decode, read_bytes

MAX_NODES = 500_000  # nodes visited while building data: stops "billion laughs" alias bombs
# Mappings and lists nested in each other. Real files nest fewer than 15 levels; without a cap,
# a few KB of "- - - …" or "[[[…" overflow Python's recursion limit (and yaml_rs's stack).
MAX_DEPTH = 100

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DataPath = tuple[str | int, ...]
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _date_or_text(text: str) -> Any:
    """2025-12-31 as a date; an impossible one (2025-02-30) stays text for the schema to refuse."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


@dataclass(frozen=True)
class YamlDocument:
    """Plain data read from one YAML file, with the 1-based position of every value."""

    name: str  # the file as shown to users
    data: Any
    text: str = field(default="", repr=False, compare=False)
    known_positions: dict[DataPath, tuple[int, int]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def positions(self) -> dict[DataPath, tuple[int, int]]:
        """The 1-based line and column of every key and value (found on first use)."""
        if self.known_positions is None:
            try:
                found = _canonical(self.text, self.name).known_positions
            except InvalidInputError:  # never fail while reporting another problem
                found = {}
            object.__setattr__(self, "known_positions", found)  # a cache, not a change of value
        return self.known_positions or {}

    def locate(self, loc: tuple[Any, ...]) -> tuple[DataPath, tuple[int, int] | None]:
        """Map a validation error location onto the data and its nearest known position.

        Location parts that are not keys or indexes of the data (the tag names pydantic adds
        for tagged unions, for example) are skipped.
        """
        node, path = self.data, ()
        for part in loc:
            if (isinstance(node, dict) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            ):
                node, path = node[part], (*path, part)
            elif isinstance(node, dict) and isinstance(part, str) and part not in node:
                # A missing or unknown key: report it under its parent's position.
                path_with_key = (*path, part)
                if path_with_key in self.positions:
                    return path_with_key, self.positions[path_with_key]
        return path, self.positions.get(path) or self._nearest(path)

    def _nearest(self, path: DataPath) -> tuple[int, int] | None:
        while path:
            path = path[:-1]
            if path in self.positions:
                return self.positions[path]
        return self.positions.get(())


def _problem(name: str, zh: str, en: str, mark: Any = None) -> InvalidInputError:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return InvalidInputError([Problem(name, Message(zh, en), line, column)])


def _too_deep(name: str, mark: Any = None) -> InvalidInputError:
    return _problem(
        name,
        f"映射和列表嵌套超过 {MAX_DEPTH} 层；已拒绝",
        f"mappings and lists nested more than {MAX_DEPTH} levels deep; refused",
        mark,
    )


def read_yaml(path: Path, name: str | None = None) -> YamlDocument:
    """Read one YAML file strictly.

    Raises:
        InvalidInputError: missing, unreadable, too large, not UTF-8, malformed or empty.
    """
    shown = name or str(path)
    return parse_yaml(decode(read_bytes(path, shown), shown), shown)


# The fast reader is trusted only where YAML 1.1 (PyYAML) and YAML 1.2 (yaml_rs) cannot differ.
# A false alarm only costs speed; tests/test_yamlsource.py checks that no difference slips by.
#
# In the text: every number-like token must be a plain decimal, an ISO date, digits around one
# inner dash (32170.1-2015: no number or date has that shape), or contain a letter that no
# number, date, boolean or special float uses (so 36113-7.R01 is text to both).
_NUMBER_LIKE = re.compile(r"[-+_.0-9](?<=[^\w.+-].)[0-9A-Za-z_.:+-]*")
# Integers are agreed up to 18 digits: beyond Python's 4300 the canonical reader refuses them.
# An exponent is agreed after a decimal point and with a sign (4.0e-05, as PyYAML writes small
# rates): YAML 1.1 reads a float only so, 1.2 reads it the same.
_AGREED_TOKEN = re.compile(
    r"-?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]+(?:[eE][-+][0-9]{1,3})?)?"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9][0-9.]*-[0-9]+|-+"
    r"|.*[g-hj-mp-su-wyG-HJ-MP-SU-WY].*"
)
# Tags, anchors, aliases, complex keys and scalars that start with a colon; characters YAML 1.1 refuses or reads as line breaks;
# documents after the first, and directives.
_NODE_MARK = re.compile(r"[!&*?:](?<=[\s\[{,].)")
# A line indented this far (spaces and "- " entries) may nest deeper than MAX_DEPTH: yaml_rs,
# which recurses without a limit on block nesting, must not see it (20,000 levels crash it).
_DEEP_LINE = re.compile(rf"\n[ -]{{{2 * MAX_DEPTH}}}")
# Inside flow collections, YAML 1.1 and 1.2 disagree on a colon not followed by a space.
_GLUED_COLON = re.compile(r":[^\s]")
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPECIAL = ("\t", "\x85", "\u2028", "\u2029", "\n---", "\n...", "\n%", "\\")  # \\: escapes
# A whole-line comment with no quote that could end a quoted scalar (an apostrophe inside a word,
# as in "centre's", cannot end one and leave valid YAML behind).
_COMMENT_LINE = re.compile(r"^[ ]*#(?:[^\"'\n]|(?<=\w)'(?=\w))*$", re.MULTILINE)


def _flows_apart(text: str) -> bool:
    """True when no colon-glued text (a URL) can be inside a flow collection.

    That holds when each flow collection sits on one line, recognisably: balanced brackets
    outside a trailing comment, no quote that could hide a bracket, no glued colon.
    """
    for line in text.splitlines():
        if not any(c in line for c in "[]{}"):
            continue
        if "'" in line or '"' in line:
            return False
        line = line.split(" #", 1)[0]  # without quotes, " #" starts the comment
        if (
            "#" in line
            or line.count("[") != line.count("]")
            or line.count("{") != line.count("}")
            or _GLUED_COLON.search(line)
        ):
            return False
    return True


def _plain_enough(text: str) -> bool:
    """True when nothing in the text can be read differently by YAML 1.1 and 1.2."""
    if text.startswith("---") and text[3:4] in {"\n", "\r", " "}:
        text = text[3:]  # one leading document marker is harmless
    text = f"\n{text}\n"  # so that a line start is a preceding character for the patterns
    if (
        any(marker in text for marker in _SPECIAL)
        or _REFUSED.search(text)
        or _DEEP_LINE.search(text)
    ):
        return False
    if ("[" in text or "{" in text) and _GLUED_COLON.search(text) and not _flows_apart(text):
        return False
    if _NODE_MARK.search(text) or not all(map(_AGREED_TOKEN.fullmatch, _NUMBER_LIKE.findall(text))):
        # Perhaps only in comments: look again without them.
        text = _COMMENT_LINE.sub("", text)
        if _NODE_MARK.search(text):
            return False
        return all(map(_AGREED_TOKEN.fullmatch, _NUMBER_LIKE.findall(text)))
    return True


_STRING_TAG = "tag:yaml.org,2002:str"
_IMPLICIT_TAGS: dict[str, str] = {}
# The strings of _IMPLICIT_TAGS that are text however written: a set, so that a mapping's keys
# are screened in one subset test (keys repeat in every file of a batch).
_TEXT: set[str] = set()


def _implicit_tag(text: str) -> str:
    """The tag YAML 1.1 gives ``text`` written as a plain scalar (str, bool, int, timestamp…)."""
    tag = _IMPLICIT_TAGS.get(text)
    if tag is None:
        tag = _STRING_TAG
        for candidate, pattern in yaml.resolver.Resolver.yaml_implicit_resolvers.get(text[:1], ()):
            if pattern.match(text):
                tag = candidate
                break
        if len(_IMPLICIT_TAGS) < 100_000:  # keys and common values repeat across files
            _IMPLICIT_TAGS[text] = tag
            if tag == _STRING_TAG:
                _TEXT.add(text)
    return tag


def _occurrences(value: str, text: str) -> tuple[int, int]:
    """How often ``value`` appears in the text quoted ("…" or '…'), and in all.

    Most such values (dates) appear once: then one pass tells both, where counting each kind
    took three passes over the whole file, for every date of every file in a batch.
    """
    first = text.find(value)
    if first >= 0 and text.find(value, first + 1) < 0:
        end = first + len(value)
        before = text[first - 1] if first else ""
        return int(before in {'"', "'"} and text[end : end + 1] == before), 1
    return text.count(f'"{value}"') + text.count(f"'{value}'"), text.count(value)


_UNAGREED = object()


def _as_yaml_1_1(value: str, text: str) -> Any:
    """``value`` (a string to yaml_rs) as YAML 1.1 reads it, or _UNAGREED when unsure.

    A plain scalar that YAML 1.1 reads as a number, boolean or date is one token with no
    escapes, so it appears verbatim in the text: if every verbatim occurrence is quoted, it was
    quoted; if none is, it was plain. Dates are the one such kind the screen lets through
    (yaml_rs reads them as text here, because its own date parsing ignores quotes).
    """
    tag = _implicit_tag(value)
    if tag == _STRING_TAG:
        return value
    quoted, total = _occurrences(value, text)
    if quoted == total:
        return value
    if quoted == 0 and tag == "tag:yaml.org,2002:timestamp" and len(value) == 10:
        return _date_or_text(value)
    return _UNAGREED


def _agreed_key(key: Any, text: str) -> bool:
    # Only string keys: equal-but-different keys (1, 1.0) are duplicates in YAML 1.1.
    return isinstance(key, str) and (key in _TEXT or _as_yaml_1_1(key, text) is key)


def _agreed_data(data: Any, text: str) -> bool:
    """Bring yaml_rs's data to YAML 1.1's reading in place; False where that is not certain."""
    # yaml_rs builds exact dicts, lists and strs: type() tests are enough, and quicker.
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH and (type(node) is dict or type(node) is list):
            return False  # the canonical reader says where
        if type(node) is dict:
            if not node.keys() <= _TEXT and not all(_agreed_key(key, text) for key in node):
                return False
            values: Any = node.values()
        elif type(node) is list:
            values = node
        else:
            continue
        unknown = False
        for value in values:
            kind = type(value)
            if kind is str:
                # Most strings are already known to be text however written: a look-up.
                unknown = unknown or value not in _TEXT
            elif kind is dict or kind is list:
                stack.append((value, depth + 1))
        if unknown and not _agreed_strings(node, text):
            return False
    return True


def _agreed_strings(node: dict[Any, Any] | list[Any], text: str) -> bool:
    entries = node.items() if type(node) is dict else enumerate(node)
    for slot, value in entries:
        if type(value) is str and value not in _TEXT:
            value = node[slot] = _as_yaml_1_1(value, text)
            if value is _UNAGREED:
                return False
    return True


def _fast(text: str) -> Any:
    """The data yaml_rs reads, or None when the canonical reader must decide."""
    if not _plain_enough(text):
        return None
    try:
        import yaml_rs
    except ImportError:  # pragma: no cover - a dependency; tolerate its absence
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any refusal: the canonical reader explains it
        return None
    if isinstance(data, str):
        data = _as_yaml_1_1(data, text)
    return data if data is not _UNAGREED and _agreed_data(data, text) else None


def parse_yaml(text: str, name: str) -> YamlDocument:
    """Parse YAML text strictly (see the module docstring).

    Raises:
        InvalidInputError: malformed YAML, several documents, duplicate keys, alias bombs, empty.
    """
    data = _fast(text)
    if data is not None:  # None also when the file is empty: the canonical reader says so
        return YamlDocument(name, data, text)
    return _canonical(text, name)


def _canonical(text: str, name: str) -> YamlDocument:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise _problem(name, "文件为空（没有任何 YAML 内容）", "the file is empty")
        positions: dict[DataPath, tuple[int, int]] = {}
        builder = _Builder(loader, name, positions)
        data = builder.build(root, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(x for x in (exc.context, exc.problem) if x)
        raise _problem(
            name, f"YAML 语法错误：{problem}", f"YAML syntax error: {problem}", mark
        ) from None
    except yaml.YAMLError as exc:
        raise _problem(name, f"YAML 错误：{exc}", f"YAML error: {exc}") from None
    except RecursionError:  # only without libyaml, whose own nesting limit comes first
        raise _too_deep(name) from None
    finally:
        loader.dispose()
    return YamlDocument(name, data, text, positions)


class _Builder:
    """Turn a composed node graph into dicts, lists and scalars, recording positions."""

    def __init__(self, loader: Any, name: str, positions: dict[DataPath, tuple[int, int]]):
        self.loader = loader
        self.name = name
        self.positions = positions
        self.visited = 0

    def build(self, node: yaml.Node, path: DataPath) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _problem(
                self.name,
                f"内容展开后超过 {MAX_NODES} 个节点（可能是 YAML 别名炸弹）；已拒绝",
                f"more than {MAX_NODES} nodes after expanding aliases (a YAML alias bomb?)",
                node.start_mark,
            )
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if node.tag not in _PLAIN_TAGS:
            raise _problem(
                self.name,
                f"不支持的 YAML 标签 {node.tag}",
                f"unsupported YAML tag {node.tag}",
                node.start_mark,
            )
        if len(path) >= MAX_DEPTH:  # this collection is level len(path) + 1
            raise _too_deep(self.name, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """Construct a scalar; a value its tag cannot hold is a located problem, not a crash."""
        try:
            if node.tag == _TIMESTAMP:
                # Directly: a failed construct_object would leave the node marked as under
                # construction, and an alias to it (&d 2025-02-30 … *d) would then fail.
                return self.loader.construct_yaml_timestamp(node)
            return self.loader.construct_object(node, deep=True)
        # PyYAML's constructors trust the resolver: int("abc") (ValueError), the table of
        # booleans ("yesyes": KeyError), a timestamp that does not match (AttributeError), hour
        # 24 or day 30 of February (ValueError), an integer over Python's 4300 digits, an empty
        # !!int (IndexError).
        except (ValueError, KeyError, AttributeError, IndexError, OverflowError):
            if (
                node.tag == _TIMESTAMP
                and not node.style  # plain: None, or "" from libyaml
                and _implicit_tag(node.value) == _TIMESTAMP
            ):
                # 2025-02-30, 2025-06-30 24:00: text, as YAML 1.2 reads it, for the schema to judge
                return node.value
            shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
            kind = "!!" + node.tag.rsplit(":", 1)[-1]
            raise _problem(
                self.name,
                f"值 {shown!r} 无法按 {kind} 读取",
                f"{shown!r} cannot be read as {kind}",
                node.start_mark,
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)  # resolves "<<" merge keys
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _problem(
                    self.name, "键必须是简单值", "a key must be a plain value", key_node.start_mark
                )
            key = self._scalar(key_node)
            if key in result:
                first = self.positions.get((*path, key))
                where = f"（首次出现在第 {first[0]} 行）" if first else ""
                where_en = f" (first at line {first[0]})" if first else ""
                raise _problem(
                    self.name,
                    f"重复的键 {key!r}{where}",
                    f"duplicate key {key!r}{where_en}",
                    key_node.start_mark,
                )
            key_path = (*path, key)
            self.positions[key_path] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, key_path)
        return result
