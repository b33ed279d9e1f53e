"""CEL types as lint sees them, the facts' types read from the self-description model.

Also how types combine: alike, comparable, the widest of two, a value leaving a loop.

``exprcheck`` type-checks expressions with these; lists carry their length as a polynomial in
the length ``n`` of the centre's lists, which ``celcost`` bounds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel


@dataclass(frozen=True)
class Type:
    """A CEL type as lint sees it: a kind, and what it holds."""

    kind: str  # bool int uint double string bytes null dyn list map object timestamp duration
    element: Type | None = None  # of a list; the value of a map
    key: Type | None = None  # of a map
    size: tuple[int, ...] = ()  # of a list or map: coefficients of 1, n, n², …
    path: str = ""  # of a fact object, for messages ("matters.items[]")
    model: Any = None  # the pydantic model of a fact object, or a dict of fields
    choices: frozenset[str] | None = None  # of a text fact that is one of an enumeration
    # An item bound while iterating a list of facts: each of its own lists counts as one step
    # per item, for together they hold no more elements than the self-description does.
    item: bool = False

    def __str__(self) -> str:  # noqa: D105
        if self.kind == "list" and self.element is not None:
            return f"list({self.element})"
        if self.kind == "object":
            return self.path or "object"
        return self.kind


BOOL, INT, UINT, DOUBLE = Type("bool"), Type("int"), Type("uint"), Type("double")
STRING, BYTES, NULL, DYN = Type("string"), Type("bytes"), Type("null"), Type("dyn")
TIMESTAMP, DURATION = Type("timestamp"), Type("duration")
NUMBERS = frozenset({"int", "uint", "double"})
DATA = (0, 1)  # a list of the centre's facts: n items


def _of_annotation(annotation: Any, path: str) -> Type:
    """The CEL type of a pydantic annotation, as the facts reach CEL (``model_dump(mode='json')``)."""
    origin = get_origin(annotation)
    args = [a for a in get_args(annotation) if a is not type(None)]
    if origin is list:
        return Type("list", _of_annotation(args[0], path + "[]"), size=DATA, path=path)
    if origin is Literal:
        return _of_annotation(type(args[0]), path)
    if args and origin is not None:  # X | None, Annotated[X, ...]
        return _of_annotation(args[0], path)
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return Type("object", path=path, model=annotation)
        if issubclass(annotation, bool):
            return BOOL
        if issubclass(annotation, Enum):  # enumerations and dates arrive as text
            return Type("string", path=path, choices=frozenset(m.value for m in annotation))
        if issubclass(annotation, str | date):
            return STRING
        if issubclass(annotation, int):
            return INT
        if issubclass(annotation, float):
            return DOUBLE
    return DYN


def fields_of(model: Any, path: str) -> dict[str, Type]:
    """The fields of a fact object: its model's, or those given as a dict (a run's variables)."""
    return model if isinstance(model, dict) else _model_fields(model, path)


@cache
def _model_fields(model: type[BaseModel], path: str) -> dict[str, Type]:
    prefix = f"{path}." if path else ""
    found = {}
    for name, info in model.model_fields.items():
        found[name] = kind = _of_annotation(info.annotation, prefix + name)
        longest = next((m.max_length for m in info.metadata if hasattr(m, "max_length")), None)
        if kind.kind == "list" and longest is not None:  # a declared bound: a constant length
            found[name] = replace(kind, size=(longest,))
    return found


def escaped(value: Type) -> Type:
    """A value made inside a loop over a list of facts, once out of it: no longer one item's."""
    if value.kind not in {"list", "map", "object"}:
        return value
    element = escaped(value.element) if value.element is not None else None
    size = DATA if value.item and value.kind == "list" else value.size
    return replace(value, element=element, size=size, item=False)


def widest(a: Type, b: Type) -> Type:
    """Of two alike types, one whose lists are as long as the longer of each (sizes bound loops)."""
    if a.kind not in {"list", "map"} or b.kind != a.kind:
        return a
    size = tuple(
        max(a.size[i] if i < len(a.size) else 0, b.size[i] if i < len(b.size) else 0)
        for i in range(max(len(a.size), len(b.size)))
    )
    element = widest(a.element or DYN, b.element or DYN)
    return Type(a.kind, element, a.key, size, a.path, a.model)


def same(a: Type, b: Type) -> bool:
    """Whether two types are alike (dyn is like anything; lists by their items; objects by path)."""
    if "dyn" in {a.kind, b.kind}:
        return True
    if a.kind != b.kind:
        return False
    if a.kind == "list":
        return same(a.element or DYN, b.element or DYN)
    if a.kind == "object":
        return a.path == b.path
    return True


def comparable(a: Type, b: Type) -> bool:
    """Whether == may compare them: the same type, two numbers, or anything with null or dyn."""
    kinds = {a.kind, b.kind}
    return same(a, b) or kinds <= NUMBERS or bool(kinds & {"null", "dyn"})


def variables(extra: dict[str, dict[str, Type]]) -> dict[str, Type]:
    """The names an expression may use: the self-description's sections, and ``extra``."""
    from gbstd.description.model import SECTIONS, CentreDescription

    fields = fields_of(CentreDescription, "")
    found = {name: fields[name] for name in SECTIONS}
    for name, members in extra.items():
        found[name] = Type("object", path=name, model=members)
    return found
