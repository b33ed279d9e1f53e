"""Parse CEL into a small syntax tree, for the static checks of ``exprcheck``.

Neither CEL binding gbstd runs on exposes its syntax tree (and only the C++ one has a type
checker), so lint parses expressions itself: the grammar of the CEL specification, with the
macros (``has``, ``all``, ``exists``, ``exists_one``, ``map``, ``filter``) kept as nodes of their
own. Message construction (``Type{field: value}``) and leading-dot names are not part of what
checks may use and are refused. The engines still compile every expression: this parser only
has to accept what they accept within that subset, and say where it stops.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})
# Nesting allowed, in the source and in the tree. Google's C++ CEL refuses more than 32 levels
# of parentheses; Python's stack must hold the parser's and the checker's recursion.
MAX_DEPTH = 50


class CelSyntaxError(ValueError):
    """An expression outside the grammar (or the subset) this parser reads."""

    def __init__(self, message: str, offset: int) -> None:  # noqa: D107
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Node:
    """A node of the tree; ``at`` is its offset in the source, for messages."""

    at: int


@dataclass(frozen=True)
class Literal(Node):
    """A constant."""

    value: Any
    kind: str  # bool, int, uint, double, string, bytes, null


@dataclass(frozen=True)
class Name(Node):
    """A variable: a section of the facts, or a macro's variable."""

    name: str


@dataclass(frozen=True)
class Select(Node):
    """``operand.field``, or ``has(operand.field)``."""

    operand: Node
    field: str
    test_only: bool = False  # inside has()


@dataclass(frozen=True)
class Index(Node):
    """``operand[index]``."""

    operand: Node
    index: Node


@dataclass(frozen=True)
class Call(Node):
    """A function (``target`` None), a method, or an operator (``_+_``, ``!_``, ``_?_:_``)."""

    function: str
    target: Node | None
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Macro(Node):
    """``target.all(variable, body)`` and its kin; ``map`` may carry a filter first."""

    name: str
    target: Node
    variable: str
    body: tuple[Node, ...]


@dataclass(frozen=True)
class ListLiteral(Node):
    """``[a, b, …]``."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class MapLiteral(Node):
    """``{key: value, …}``."""

    entries: tuple[tuple[Node, Node], ...]


_TOKEN = re.compile(
    r"""
    (?P<space>\s+|//[^\n]*)
  | (?P<string>[rRbB]{0,2}(?:'''(?:[^\\]|\\.)*?'''|\"\"\"(?:[^\\]|\\.)*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))
  | (?P<number>0[xX][0-9a-fA-F]+[uU]?|(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?[uU]?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>&&|\|\||==|!=|<=|>=|[<>!+\-*/%?:.,()\[\]{}])
    """,
    re.VERBOSE | re.DOTALL,
)
_RESERVED = frozenset(
    {"as", "break", "const", "continue", "else", "for", "function", "if", "import", "let"}
    | {"loop", "package", "namespace", "return", "var", "void", "while"}
)
_RELATIONS = ("<", "<=", ">", ">=", "==", "!=", "in")


def _tokens(source: str) -> list[tuple[str, str, int]]:
    found = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise CelSyntaxError(f"unexpected character {source[position]!r}", position)
        kind = match.lastgroup or ""
        if kind != "space":
            found.append((kind, match.group(), position))
        position = match.end()
    found.append(("end", "", len(source)))
    return found


def _string(text: str, at: int) -> Literal:
    prefix = re.match(r"[rRbB]*", text).group()  # type: ignore[union-attr]
    body = text[len(prefix) :]
    raw = "r" in prefix.lower()
    kind = "bytes" if "b" in prefix.lower() else "string"
    try:
        value = ast.literal_eval(("r" if raw else "") + body)
    except (SyntaxError, ValueError):
        raise CelSyntaxError("invalid string literal", at) from None
    return Literal(at, value, kind)


def _number(text: str, at: int) -> Literal:
    unsigned = text[-1] in "uU"
    digits = text[:-1] if unsigned else text
    if digits[:2].lower() == "0x":
        value: Any = int(digits, 16)
    elif re.fullmatch(r"\d+", digits):
        value = int(digits)
    else:
        if unsigned:
            raise CelSyntaxError("a double cannot be unsigned", at)
        return Literal(at, float(digits), "double")
    return Literal(at, value, "uint" if unsigned else "int")


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokens(source)
        self.position = 0
        self.depth = 0

    def peek(self, offset: int = 0) -> tuple[str, str, int]:
        return self.tokens[min(self.position + offset, len(self.tokens) - 1)]

    def accept(self, text: str) -> bool:
        kind, value, _ = self.peek()
        if kind in {"op", "name"} and value == text:
            self.position += 1
            return True
        return False

    def expect(self, text: str) -> int:
        _, value, at = self.peek()
        if not self.accept(text):
            raise CelSyntaxError(f"expected {text!r}, found {value or 'the end'!r}", at)
        return at

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise CelSyntaxError(f"nested more than {MAX_DEPTH} deep", self.peek()[2])

    def expression(self) -> Node:
        self.deeper()
        condition = self.binary(0)
        at = self.peek()[2]
        if self.accept("?"):
            yes = self.binary(0)
            self.expect(":")
            no = self.expression()
            condition = Call(at, "_?_:_", None, (condition, yes, no))
        self.depth -= 1
        return condition

    # Binary operators by precedence, loosest first.
    _LEVELS: tuple[tuple[str, ...], ...] = (
        ("||",),
        ("&&",),
        _RELATIONS,
        ("+", "-"),
        ("*", "/", "%"),
    )

    def binary(self, level: int) -> Node:
        if level == len(self._LEVELS):
            return self.unary()
        operands = [self.binary(level + 1)]
        operators: list[tuple[str, int]] = []
        while True:
            kind, value, at = self.peek()
            if kind not in {"op", "name"} or value not in self._LEVELS[level]:
                break
            self.position += 1
            operands.append(self.binary(level + 1))
            operators.append(("@in" if value == "in" else f"_{value}_", at))
        if level < 2:  # a && b && c …: balanced, as the engines do, so long chains stay shallow
            return _balanced(operands, operators[0] if operators else ("", 0))
        node = operands[0]
        for right, (name, at) in zip(operands[1:], operators, strict=True):
            node = Call(at, name, None, (node, right))
        return node

    def unary(self) -> Node:
        kind, value, at = self.peek()
        if kind == "op" and value in {"!", "-"}:
            self.position += 1
            self.deeper()
            operand = self.unary()
            self.depth -= 1
            if value == "-" and isinstance(operand, Literal) and operand.kind in {"int", "double"}:
                return Literal(at, -operand.value, operand.kind)
            return Call(at, f"{value}_", None, (operand,))
        return self.member()

    def member(self) -> Node:
        node = self.primary()
        while True:
            kind, value, at = self.peek()
            if self.accept("."):
                name_kind, field, field_at = self.peek()
                if name_kind != "name":
                    raise CelSyntaxError("expected a field or method name after '.'", field_at)
                self.position += 1
                if self.accept("("):
                    node = self.method(node, field, field_at)
                else:
                    node = Select(field_at, node, field)
            elif self.accept("["):
                index = self.expression()
                self.expect("]")
                node = Index(at, node, index)
            elif kind == "op" and value == "{":
                raise CelSyntaxError("message construction is not supported in checks", at)
            else:
                return node

    def arguments(self, closing: str) -> tuple[Node, ...]:
        found: list[Node] = []
        while not self.accept(closing):
            found.append(self.expression())
            if not self.accept(","):
                self.expect(closing)
                break
        return tuple(found)

    def method(self, target: Node, name: str, at: int) -> Node:
        args = self.arguments(")")
        if name in MACROS:
            wanted = (2, 3) if name == "map" else (2,)
            variable = args[0] if args else None
            if len(args) not in wanted or not isinstance(variable, Name):
                raise CelSyntaxError(f"{name}() takes a variable name and an expression", at)
            return Macro(at, name, target, variable.name, args[1:])
        return Call(at, name, target, args)

    def primary(self) -> Node:
        kind, value, at = self.peek()
        self.position += 1
        if kind == "number":
            return _number(value, at)
        if kind == "string":
            return _string(value, at)
        if kind == "name":
            return self.named(value, at)
        if value == "(":
            inner = self.expression()
            self.expect(")")
            return inner
        if value == "[":
            return ListLiteral(at, self.arguments("]"))
        if value == "{":
            return self.map_literal(at)
        if value == ".":
            raise CelSyntaxError("leading-dot names are not supported in checks", at)
        raise CelSyntaxError(f"unexpected {value or 'end of expression'!r}", at)

    def named(self, value: str, at: int) -> Node:
        if value in {"true", "false"}:
            return Literal(at, value == "true", "bool")
        if value == "null":
            return Literal(at, None, "null")
        if value in _RESERVED or value == "in":
            raise CelSyntaxError(f"{value!r} is a reserved word", at)
        if not self.accept("("):
            return Name(at, value)
        if value != "has":
            return Call(at, value, None, self.arguments(")"))
        argument = self.expression()
        self.expect(")")
        if not isinstance(argument, Select):
            raise CelSyntaxError("has() takes a field selection such as a.b", at)
        return Select(argument.at, argument.operand, argument.field, test_only=True)

    def map_literal(self, at: int) -> MapLiteral:
        entries = []
        while not self.accept("}"):
            key = self.expression()
            self.expect(":")
            entries.append((key, self.expression()))
            if not self.accept(","):
                self.expect("}")
                break
        return MapLiteral(at, tuple(entries))


def _balanced(operands: list[Node], operator: tuple[str, int]) -> Node:
    if len(operands) == 1:
        return operands[0]
    middle = len(operands) // 2
    name, at = operator
    left, right = _balanced(operands[:middle], operator), _balanced(operands[middle:], operator)
    return Call(at, name, None, (left, right))


def parse(source: str) -> Node:
    """Parse one CEL expression.

    Raises:
        CelSyntaxError: outside the grammar or the subset, with the offset where it stops.
    """
    parser = _Parser(source)
    node = parser.expression()
    kind, value, at = parser.peek()
    if kind != "end":
        raise CelSyntaxError(f"unexpected {value!r}", at)
    _limit_depth(node)
    return node


def children(node: Node) -> list[Node]:
    """The nodes directly below ``node``."""
    found: list[Node] = []
    for value in vars(node).values():
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, Node):
                found.append(item)
            elif isinstance(item, tuple):
                stack.extend(item)
    return found


def _limit_depth(tree: Node) -> None:
    # A chain of operators (a && b && … ) parses in a loop but nests the tree: whoever walks
    # the tree recursively (the checker) must not meet more than MAX_DEPTH levels either.
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise CelSyntaxError(f"nested more than {MAX_DEPTH} deep", node.at)
        stack.extend((child, depth + 1) for child in children(node))
