"""Read YAML strictly: UTF-8 only, one document, no duplicate keys, bounded size, with positions.

PyYAML silently keeps the last of two duplicate keys and expands aliases without limit; both
would let a malformed file pass or hang. This module composes the node graph with libyaml and
builds plain Python data itself, so it can reject duplicates, cap alias expansion, and record
the line and column of every value for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InvalidInputError, Problem
from .i18n import Message
from .textfile import decode, read_bytes

MAX_NODES = 500_000  # nodes visited while building data: stops "billion laughs" alias bombs

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DataPath = tuple[str | int, ...]
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


@dataclass(frozen=True)
class YamlDocument:
    """Plain data read from one YAML file, with the 1-based position of every value."""

    name: str  # the file as shown to users
    data: Any
    positions: dict[DataPath, tuple[int, int]] = field(default_factory=dict)

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


def read_yaml(path: Path, name: str | None = None) -> YamlDocument:
    """Read one YAML file strictly.

    Raises:
        InvalidInputError: missing, unreadable, too large, not UTF-8, malformed or empty.
    """
    shown = name or str(path)
    return parse_yaml(decode(read_bytes(path, shown), shown), shown)


def parse_yaml(text: str, name: str) -> YamlDocument:
    """Parse YAML text strictly (see the module docstring).

    Raises:
        InvalidInputError: malformed YAML, several documents, duplicate keys, alias bombs, empty.
    """
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
    finally:
        loader.dispose()
    return YamlDocument(name, data, positions)


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
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            raise _problem(
                self.name,
                f"不支持的 YAML 标签 {node.tag}",
                f"unsupported YAML tag {node.tag}",
                node.start_mark,
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)  # resolves "<<" merge keys
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _problem(
                    self.name, "键必须是简单值", "a key must be a plain value", key_node.start_mark
                )
            key = self.loader.construct_object(key_node)
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
