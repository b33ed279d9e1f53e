"""Type-check CEL expressions against the fact schema, and bound the iterations they may make.

Run once when a check or standard file is loaded (the result is cached with the file), never
per evaluation. It finds what the engines would only meet at run time, centre by centre:
unknown facts, functions and variables; operands of the wrong type (``bool + 1``); constant
errors (``1/0``, an int64 overflow, an invalid regular expression); an answer that is not a
boolean; and iteration without a bound.

Iteration is bounded statically (``celcost`` says why); types come from ``celtypes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from gbstd.catalogue.celcost import ITERATION_BUDGET, budget_messages, poly_add, poly_mul
from gbstd.catalogue.celsyntax import (
    MACROS,
    Call,
    CelSyntaxError,
    Index,
    ListLiteral,
    Macro,
    MapLiteral,
    Name,
    Node,
    Select,
    parse,
)
from gbstd.catalogue.celsyntax import Literal as Constant
from gbstd.catalogue.celtypes import (
    BOOL,
    BYTES,
    DOUBLE,
    DURATION,
    DYN,
    INT,
    NULL,
    NUMBERS,
    STRING,
    TIMESTAMP,
    UINT,
    Type,
    comparable,
    escaped,
    fields_of,
    same,
    variables,
    widest,
)
from gbstd.i18n import Message

_INT64 = (-(2**63), 2**63 - 1)


@dataclass(frozen=True)
class Issue:
    """A problem found in an expression, at an offset of its source."""

    at: int | None  # None: the expression as a whole
    message: Message


@dataclass
class _Checker:
    variables: dict[str, Type]
    issues: list[Issue] = field(default_factory=list)

    def fail(self, node: Node, zh: str, en: str) -> Type:
        self.issues.append(Issue(node.at, Message(zh, en)))
        return DYN

    # Each visit returns (type, iterations as a polynomial in n, constant value or _NONE).
    def visit(self, node: Node, scope: dict[str, Type]) -> tuple[Type, tuple[int, ...], Any]:
        return getattr(self, _VISITS[type(node)])(node, scope)

    def constant(self, node: Constant, scope: dict[str, Type]) -> tuple[Type, tuple[int, ...], Any]:
        if node.kind in {"int", "uint"} and not self.in_range(node, node.value, node.kind):
            return DYN, (), _NONE
        return _CONSTANTS[node.kind], (), node.value

    def name(self, node: Name, scope: dict[str, Type]) -> tuple[Type, tuple[int, ...], Any]:
        found = scope.get(node.name) or self.variables.get(node.name)
        if found is None:
            known = sorted(self.variables)
            found = self.fail(
                node,
                f"未知的名称 {node.name}（可用：{'、'.join(known)}）",
                f"unknown name {node.name} (known: {', '.join(known)})",
            )
        return found, (), _NONE

    def list_literal(
        self, node: ListLiteral, scope: dict[str, Type]
    ) -> tuple[Type, tuple[int, ...], Any]:
        visited = [self.visit(item, scope) for item in node.items]
        element = self.common([t for t, _, _ in visited], node) if visited else DYN
        cost: tuple[int, ...] = ()
        for _, c, _ in visited:
            cost = poly_add(cost, c)
        return Type("list", element, size=(len(node.items),)), cost, _NONE

    def map_literal(
        self, node: MapLiteral, scope: dict[str, Type]
    ) -> tuple[Type, tuple[int, ...], Any]:
        cost: tuple[int, ...] = ()
        keys, values = [], []
        for key, value in node.entries:
            key_type, key_cost, _ = self.visit(key, scope)
            value_type, value_cost, _ = self.visit(value, scope)
            keys.append(key_type)
            values.append(value_type)
            cost = poly_add(cost, poly_add(key_cost, value_cost))
        key_type = self.common(keys, node) if keys else DYN
        value_type = self.common(values, node) if values else DYN
        return Type("map", value_type, key_type, size=(len(node.entries),)), cost, _NONE

    def in_range(self, node: Node, value: int, kind: str) -> bool:
        low, high = _INT64 if kind == "int" else (0, 2**64 - 1)
        if low <= value <= high:
            return True
        self.fail(node, f"常量 {value} 超出 {kind} 的范围", f"constant {value} overflows {kind}")
        return False

    def common(self, types: list[Type], node: Node) -> Type:
        """The type of a list's items or a conditional's branches: all alike, or dyn."""
        known = [t for t in types if t.kind not in {"dyn", "null"}]
        if not known:
            return types[0] if types else DYN
        first = known[0]
        if not all(same(first, t) for t in known):
            return DYN
        for other in known[1:]:
            first = widest(first, other)
        return first

    def select(self, node: Select, scope: dict[str, Type]) -> tuple[Type, tuple[int, ...], Any]:
        operand, cost, _ = self.visit(node.operand, scope)
        result = DYN
        if operand.kind == "object":
            fields = fields_of(operand.model, operand.path)
            if node.field in fields:
                result = fields[node.field]
                if operand.item and result.kind == "list":
                    result = replace(result, size=(1,), item=True)
            else:
                where = f"{operand.path}.{node.field}" if operand.path else node.field
                if isinstance(operand.model, dict):  # a variable of the run, not a fact
                    known = ", ".join(sorted(fields))
                    self.fail(
                        node,
                        f"使用了未知的 {where}（可用：{known}）",
                        f"uses unknown {where} (known: {known})",
                    )
                else:
                    self.fail(
                        node,
                        f"事实 {where} 在自述文件格式中不存在",
                        f"unknown fact {where}: not in the self-description format",
                    )
        elif operand.kind == "map":
            result = operand.element or DYN
        elif operand.kind != "dyn":
            self.fail(
                node,
                f"{operand} 类型的值没有字段 {node.field}",
                f"a value of type {operand} has no field {node.field}",
            )
        return (BOOL if node.test_only else result), cost, _NONE

    def index(self, node: Index, scope: dict[str, Type]) -> tuple[Type, tuple[int, ...], Any]:
        operand, cost, _ = self.visit(node.operand, scope)
        index, index_cost, _ = self.visit(node.index, scope)
        cost = poly_add(cost, index_cost)
        if operand.kind == "list":
            if index.kind not in {"int", "uint", "dyn"}:
                self.fail(
                    node,
                    f"列表下标应为整数，却是 {index}",
                    f"a list index must be an int, not {index}",
                )
            return operand.element or DYN, cost, _NONE
        if operand.kind == "map":
            return operand.element or DYN, cost, _NONE
        if operand.kind == "object":
            if index.kind not in {"string", "dyn"}:
                self.fail(
                    node,
                    f"下标应为字段名，却是 {index}",
                    f"a field index must be a string, not {index}",
                )
            return DYN, cost, _NONE
        if operand.kind != "dyn":
            self.fail(
                node,
                f"{operand} 类型的值不能取下标",
                f"a value of type {operand} cannot be indexed",
            )
        return DYN, cost, _NONE

    def macro(self, node: Macro, scope: dict[str, Type]) -> tuple[Type, tuple[int, ...], Any]:
        target, cost, _ = self.visit(node.target, scope)
        if target.kind == "list":
            element, size = target.element or DYN, target.size
        elif target.kind == "map":
            element, size = target.key or DYN, target.size
        elif target.kind == "object":  # iterating a block iterates its field names
            element, size = STRING, (len(fields_of(target.model, target.path)),)
        else:
            if target.kind != "dyn":
                self.fail(
                    node,
                    f"{node.name}() 只能用于列表或映射，却用于 {target}",
                    f"{node.name}() needs a list or a map, not {target}",
                )
            element, size = DYN, (ITERATION_BUDGET + 1,)  # unknown length: over any budget
        bound = element
        if target.kind == "list" and target.path and element.kind == "object":
            bound = replace(element, item=True)  # a list of facts, not one made here
        inner = {**scope, node.variable: bound}
        bodies = [self.visit(body, inner) for body in node.body]
        per_step: tuple[int, ...] = (1,)
        for _, body_cost, _ in bodies:
            per_step = poly_add(per_step, body_cost)
        cost = poly_add(cost, poly_mul(size, per_step))
        tests = bodies if node.name != "map" else bodies[:-1]
        for (body_type, _, _), body in zip(tests, node.body, strict=False):
            if body_type.kind not in {"bool", "dyn"}:
                self.fail(
                    body,
                    f"{node.name}() 的条件应为布尔值，却是 {body_type}",
                    f"the condition of {node.name}() must be a boolean, not {body_type}",
                )
        if node.name == "map":
            return Type("list", escaped(bodies[-1][0]), size=size), cost, _NONE
        if node.name == "filter":
            return Type("list", element, size=size), cost, _NONE
        return BOOL, cost, _NONE

    def call(self, node: Call, scope: dict[str, Type]) -> tuple[Type, tuple[int, ...], Any]:
        visited = [self.visit(a, scope) for a in node.args]
        cost: tuple[int, ...] = ()
        target = None
        if node.target is not None:
            target, target_cost, _ = self.visit(node.target, scope)
            cost = target_cost
        for _, c, _ in visited:
            cost = poly_add(cost, c)
        types = [t for t, _, _ in visited]
        values = [v for _, _, v in visited]
        if node.function.startswith(("_", "!", "-", "@")):
            result, value = self.operator(node, types, values)
        else:
            result, value = self.function(node, target, types, values), _NONE
        return result, cost, value

    def operator(self, node: Call, types: list[Type], values: list[Any]) -> tuple[Type, Any]:
        name = node.function
        shown = {"@in": "in", "!_": "!", "-_": "-", "_?_:_": "?:"}.get(name, name.strip("_"))
        return getattr(self, _OPERATORS.get(name, "arithmetic"))(node, shown, types, values)

    def logical(
        self, node: Call, shown: str, types: list[Type], values: list[Any]
    ) -> tuple[Type, Any]:
        for t, arg in zip(types, node.args, strict=True):
            if t.kind not in {"bool", "dyn"}:
                self.fail(
                    arg,
                    f"{shown} 的操作数应为布尔值，却是 {t}",
                    f"the operands of {shown} must be booleans, not {t}",
                )
        return BOOL, _NONE

    def conditional(
        self, node: Call, shown: str, types: list[Type], values: list[Any]
    ) -> tuple[Type, Any]:
        if types[0].kind not in {"bool", "dyn"}:
            self.fail(
                node,
                f"条件应为布尔值，却是 {types[0]}",
                f"a condition must be a boolean, not {types[0]}",
            )
        if not same(types[1], types[2]):
            self.fail(
                node,
                f"?: 的两个分支类型不同：{types[1]} 与 {types[2]}",
                f"the branches of ?: differ in type: {types[1]} and {types[2]}",
            )
        return self.common(types[1:], node), _NONE

    def negate(
        self, node: Call, shown: str, types: list[Type], values: list[Any]
    ) -> tuple[Type, Any]:
        if types[0].kind not in {"int", "double", "dyn"}:
            self.fail(node, f"不能对 {types[0]} 取负", f"cannot negate a {types[0]}")
        return types[0], _NONE

    def equality(
        self, node: Call, shown: str, types: list[Type], values: list[Any]
    ) -> tuple[Type, Any]:
        if not comparable(types[0], types[1]):
            self.mismatch(node, shown, types)
        self.choice(node, types[0], values[1])
        self.choice(node, types[1], values[0])
        return BOOL, _NONE

    def choice(self, node: Node, fact: Type, value: Any) -> None:
        """A text compared with a value its enumeration lacks: the answer would never change."""
        if fact.choices is None or not isinstance(value, str) or value in fact.choices:
            return
        listed = ", ".join(sorted(fact.choices))
        self.fail(
            node,
            f"{fact.path} 不会等于 '{value}'：可取值为 {listed}",
            f"{fact.path} is never '{value}': its values are {listed}",
        )

    def ordering(
        self, node: Call, shown: str, types: list[Type], values: list[Any]
    ) -> tuple[Type, Any]:
        kinds = {t.kind for t in types}
        numeric = kinds <= NUMBERS | {"dyn"}
        alike = len(kinds) == 1 and kinds <= {"string", "bool", "bytes", "timestamp", "duration"}
        if not (numeric or alike or "dyn" in kinds):
            self.mismatch(node, shown, types)
        return BOOL, _NONE

    def membership(
        self, node: Call, shown: str, types: list[Type], values: list[Any]
    ) -> tuple[Type, Any]:
        container = types[1]
        wanted = {"list": container.element, "map": container.key, "object": STRING}.get(
            container.kind, DYN
        )
        if container.kind not in {"list", "map", "object", "dyn"}:
            self.fail(
                node,
                f"in 的右边应为列表或映射，却是 {container}",
                f"the right of in must be a list or a map, not {container}",
            )
        elif not comparable(types[0], wanted or DYN):
            self.mismatch(node, shown, [types[0], wanted or DYN])
        elif wanted is not None:
            self.choice(node, wanted, values[0])
        return BOOL, _NONE

    def arithmetic(
        self, node: Call, shown: str, types: list[Type], values: list[Any]
    ) -> tuple[Type, Any]:
        # CEL never mixes int, uint and double, nor numbers and booleans.
        left, right = types
        allowed = _ARITHMETIC[node.function]
        if "dyn" in {left.kind, right.kind}:
            known = left if left.kind != "dyn" else right
            # a list joined to something unknown has an unknown length: iterating it is unbounded
            return (DYN if known.kind == "list" else known), _NONE
        timed = _TIME_ARITHMETIC.get((left.kind, node.function, right.kind))
        if timed is not None:
            return timed, _NONE
        if left.kind != right.kind or left.kind not in allowed:
            self.mismatch(node, shown, types)
            return DYN, _NONE
        if left.kind == "list":
            element = self.common([left.element or DYN, right.element or DYN], node)
            return Type("list", element, size=poly_add(left.size, right.size)), _NONE
        return left, self.fold(node, left.kind, values)

    def fold(self, node: Call, kind: str, values: list[Any]) -> Any:
        """Compute an integer operation on constants; division by a constant zero is an error."""
        left, right = values
        if kind not in {"int", "uint"} or right is _NONE:
            return _NONE
        if node.function in {"_/_", "_%_"} and right == 0:
            self.fail(node, "除数为常量 0", "division by a constant zero")
            return _NONE
        if left is _NONE:
            return _NONE
        if node.function == "_/_":
            value = abs(left) // abs(right) * (1 if (left < 0) == (right < 0) else -1)
        elif node.function == "_%_":
            value = left - right * (
                abs(left) // abs(right) * (1 if (left < 0) == (right < 0) else -1)
            )
        else:
            value = {"_+_": left + right, "_-_": left - right, "_*_": left * right}[node.function]
        return value if self.in_range(node, value, kind) else _NONE

    def mismatch(self, node: Node, shown: str, types: list[Type]) -> None:
        self.fail(
            node,
            f"{shown} 不能用于 {types[0]} 和 {types[1]}（CEL 不做类型转换）",
            f"{shown} is not defined for {types[0]} and {types[1]} (CEL does not convert types)",
        )

    def function(
        self, node: Call, target: Type | None, types: list[Type], values: list[Any]
    ) -> Type:
        name = node.function
        spec = _FUNCTIONS.get((name, target is not None))
        if spec is None:
            form = f"x.{name}()" if target is not None else f"{name}()"
            known = ", ".join(sorted({f for f, _ in _FUNCTIONS} | {"has"} | MACROS))
            return self.fail(
                node,
                f"未知的函数 {form}（检查项可用：{known}）",
                f"unknown function {form} (checks may use: {known})",
            )
        accepted, result = spec
        arguments = ([target] if target is not None else []) + types
        if len(arguments) != 1 + (name in _TWO_ARGUMENTS) or any(
            t.kind not in accepted[i] | {"dyn"} for i, t in enumerate(arguments[: len(accepted)])
        ):
            shown = ", ".join(str(t) for t in arguments)
            self.fail(
                node,
                f"{name}() 不能用于 ({shown})",
                f"{name}() is not defined for ({shown})",
            )
        if name == "matches" and values and isinstance(values[0], str):
            try:
                re.compile(values[0])
            except re.error as exc:
                self.fail(node, f"正则表达式无效：{exc}", f"invalid regular expression: {exc}")
        return result


class _NoValue:
    pass


_VISITS = {
    Constant: "constant",
    Name: "name",
    Select: "select",
    Index: "index",
    ListLiteral: "list_literal",
    MapLiteral: "map_literal",
    Macro: "macro",
    Call: "call",
}
_CONSTANTS = {
    "bool": BOOL,
    "int": INT,
    "uint": UINT,
    "double": DOUBLE,
    "string": STRING,
    "bytes": BYTES,
    "null": NULL,
}
_OPERATORS = {
    "_&&_": "logical",
    "_||_": "logical",
    "!_": "logical",
    "_?_:_": "conditional",
    "-_": "negate",
    "_==_": "equality",
    "_!=_": "equality",
    "_<_": "ordering",
    "_<=_": "ordering",
    "_>_": "ordering",
    "_>=_": "ordering",
    "@in": "membership",
}
_ARITHMETIC = {
    "_+_": NUMBERS | {"string", "bytes", "list"},
    "_-_": NUMBERS,
    "_*_": NUMBERS,
    "_/_": NUMBERS,
    "_%_": frozenset({"int", "uint"}),
}

# Dates: a timestamp moves by a duration; two timestamps differ by one; durations add up.
_TIME_ARITHMETIC = {
    ("timestamp", "_+_", "duration"): TIMESTAMP,
    ("duration", "_+_", "timestamp"): TIMESTAMP,
    ("timestamp", "_-_", "duration"): TIMESTAMP,
    ("timestamp", "_-_", "timestamp"): DURATION,
    ("duration", "_+_", "duration"): DURATION,
    ("duration", "_-_", "duration"): DURATION,
}


_NONE: Any = _NoValue()
_TEXT = frozenset({"string"})
# (name, as a method?) -> (accepted kinds of each argument, receiver first; result). Only what
# both engines provide (lowerAscii, max and bool() exist in neither or one of them).
_FUNCTIONS: dict[tuple[str, bool], tuple[list[frozenset[str]], Type]] = {
    ("size", False): ([frozenset({"string", "bytes", "list", "map"})], INT),
    ("size", True): ([frozenset({"string", "bytes", "list", "map"})], INT),
    **{
        (name, True): ([_TEXT, _TEXT], BOOL)
        for name in ("contains", "startsWith", "endsWith", "matches")
    },
    ("int", False): ([frozenset({"int", "uint", "double", "string"})], INT),
    ("uint", False): ([frozenset({"int", "uint", "double", "string"})], UINT),
    ("double", False): ([frozenset({"int", "uint", "double", "string"})], DOUBLE),
    ("string", False): ([frozenset({"int", "uint", "double", "string", "bool", "bytes"})], STRING),
    ("timestamp", False): ([_TEXT], TIMESTAMP),  # RFC 3339 text, e.g. date + 'T00:00:00Z'
    ("duration", False): ([_TEXT], DURATION),  # e.g. '720h'
}
_TWO_ARGUMENTS = frozenset({"contains", "startsWith", "endsWith", "matches"})


def check_expression(source: str, extra: dict[str, dict[str, Type]] | None = None) -> list[Issue]:
    """Return every problem lint finds in a boolean expression over the centre's facts.

    ``extra`` adds top-level objects besides the self-description's sections (checks see
    ``assessment``), each a mapping of field name to type.
    """
    try:
        tree = parse(source)
    except CelSyntaxError as exc:
        return [Issue(exc.offset, Message(f"无法解析：{exc}", f"cannot be read: {exc}"))]
    checker = _Checker(variables(extra or {}))
    result, cost, _ = checker.visit(tree, {})
    issues = checker.issues
    if result.kind not in {"bool", "dyn"}:
        issues.append(
            Issue(
                None,
                Message(
                    f"结果应为布尔值，却是 {result}", f"the result must be a boolean, not {result}"
                ),
            )
        )
    # A wrong type can hide a list's length (iterating it then looks unbounded): report it alone.
    return issues or [Issue(None, message) for message in budget_messages(cost)]
