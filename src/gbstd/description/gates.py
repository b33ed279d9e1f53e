"""Blocks switched off by a gate: what a "no" to the gate says about the block's other facts.

A gate (``fact(..., gate=True)``) lets a centre that does not do a thing say so once
(``supervision.satisfaction.in_place: false``) instead of answering "no" fifteen times. The
facts it leaves out are then known, not missing: a yes/no is "no", a list of choices is empty
and a count is 0. Figures that a "no" does not fix (a promised number of days) stay absent.
"""

from __future__ import annotations

from functools import cache
from typing import Any, get_origin

from pydantic import BaseModel

from gbstd.description.factinfo import plain_annotation
from gbstd.description.model import CentreDescription, block_kind


def _implied_value(annotation: Any) -> tuple[bool, Any]:
    """What "no" makes of a fact of this type: (known, value)."""
    plain = plain_annotation(annotation)
    if plain is bool:
        return True, False
    if plain is int:
        return True, 0
    if get_origin(plain) is list:
        return True, []
    return False, None


@cache
def _gated(model: type[BaseModel]) -> tuple[str | None, dict[str, Any], dict[str, type]]:
    """A block's gate (if any), the values its "no" implies, and its nested blocks."""
    gate = None
    implied: dict[str, Any] = {}
    nested: dict[str, type] = {}
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        kind, target = block_kind(info.annotation)
        if extra.get("x-gate"):
            gate = name
        elif kind == "model":
            nested[name] = target
        elif kind == "value":
            known, value = _implied_value(info.annotation)
            if known:
                implied[name] = value
    return gate, implied, nested


def gate_of(model: type[BaseModel]) -> str | None:
    """The block's gate field, if it has one."""
    return _gated(model)[0]


def gate_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The facts a "no" to the block's gate answers (empty when the block has no gate)."""
    gate, implied, _ = _gated(model)
    return tuple(implied) if gate else ()


def with_gates_applied(stated: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """``stated`` (a dumped description) with what each closed gate implies filled in.

    Returns the filled data and, for each fact of a closed block the centre left unanswered
    (filled in or not), the path of its gate: reports name the gate, not the fact, as what
    falls short, and a fact the "no" does not fill is not asked for. Only absent facts are filled: a
    fact the centre states itself is kept (``consistency`` warns when it contradicts the gate).
    Blocks are copied, never changed in place.
    """
    implied: dict[str, str] = {}
    return _apply(CentreDescription, stated, "", implied), implied


def _apply(
    model: type[BaseModel], stated: dict[str, Any], prefix: str, implied: dict[str, str]
) -> dict[str, Any]:
    gate, values, nested = _gated(model)
    out = stated
    if gate is not None and stated.get(gate) is False:
        filled = {name: value for name, value in values.items() if name not in stated}
        out = {**stated, **filled}
        # Every fact of the block the centre left unanswered, filled or not (a promised number
        # of days stays absent): the gate's "no" is what it has to say about them.
        unanswered = [n for n in model.model_fields if n != gate and n not in stated]
        implied.update({prefix + name: prefix + gate for name in unanswered})
    for name, target in nested.items():
        child = stated.get(name)
        if isinstance(child, dict):
            applied = _apply(target, child, f"{prefix}{name}.", implied)
            if applied is not child:
                out = dict(out) if out is stated else out
                out[name] = applied
    return out
