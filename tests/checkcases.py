"""Cases that pin what each bundled check means: built from its reads and the schema, kept.

For every automatic check this builds facts from the fact paths it reads and the schema's
types (random within each type's interesting values, with a seed per requirement so that one
check's change leaves the others' cases alone), then keeps the few cases that tell the check
apart from each of its mutants: every comparison flipped (``>=`` → ``>``), every number moved
one step (the value at a threshold and one step below), every ``&&``/``||`` operand dropped,
``all`` ↔ ``exists``. ``tests/golden/check-cases.json`` stores them with the status each gave;
replaying them catches any edit that changes what a check decides.
"""

from __future__ import annotations

import copy
import functools
import random
import re
import zlib
from datetime import date
from enum import Enum
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from gbstd.assessment.facts import fact_data, stated_paths
from gbstd.catalogue.checks import CompiledCheck, fact_chains, item_fields
from gbstd.catalogue.expressions import Expression, context
from gbstd.description.model import SECTIONS, CentreDescription

AS_OF = date(2026, 6, 30)  # year_ago 2025-06-30, half_year_ago 2025-12-29
DATES = ["2020-01-01", "2025-06-29", "2025-06-30", "2025-12-29", "2026-06-30"]
POOL = 1200  # random fact sets tried per check
WALK = 2000  # steps of the walk from kept cases for a mutant the pool did not tell apart
ERROR = "error"  # a mutant that fails where the check does not is told apart too

_STRING = re.compile(r"'((?:[^'\\]|\\.)*)'")
_NUMBER = re.compile(r"(?<![\w.'])(\d+(?:\.\d+)?)(?![\w.'])")


# ---- the schema ---------------------------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` → X (lists are kept as ``list[...]``)."""
    while get_origin(annotation) is not list:
        args = [a for a in get_args(annotation) if a is not type(None)]
        if not args:
            return annotation
        annotation = args[0]
    return annotation


def _annotated_bounds(annotation: Any) -> tuple[float | None, float | None]:
    """The ge/le bounds of an ``Annotated[float, Field(ge=.., le=..)]`` inside ``annotation``."""
    low = high = None
    stack = [annotation]
    while stack:
        item = stack.pop()
        for meta in getattr(item, "__metadata__", ()):
            for constraint in getattr(meta, "metadata", ()):
                low = getattr(constraint, "ge", low)
                high = getattr(constraint, "le", high)
        stack += list(get_args(item))
    return low, high


def field_of(path: str) -> Any:
    """The annotation of a dotted fact path (``a.items[].f`` names a field of the items)."""
    head, _, item = path.partition("[].")
    model: Any = CentreDescription
    annotation: Any = None
    for part in head.split("."):
        annotation = model.model_fields[part].annotation
        inner = _unwrap(annotation)
        if get_origin(inner) is list:
            inner = _unwrap(get_args(inner)[0])
        model = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
    if item:
        return model.model_fields[item].annotation
    return annotation


# ---- values -------------------------------------------------------------------------------


class Values:
    """Interesting values for each type, seeded with a check's own literals."""

    def __init__(self, sources: list[str], rng: random.Random) -> None:
        code = " ".join(sources)
        self.rng = rng
        self.strings = sorted({s for s in _STRING.findall(code) if s}) or ["x"]
        numbers = [float(n) for n in _NUMBER.findall(_STRING.sub("''", code))]
        self.ints = sorted(
            {0, 1, 2, 3, 5, 12} | {int(n) + d for n in numbers for d in (-1, 0, 1) if n + d >= 0}
        )
        self.floats = sorted(
            {0.0, 0.5, 1.0}
            | {round(n + d, 4) for n in numbers if n <= 1 for d in (-0.01, 0.0, 0.01)}
            | {n + d for n in numbers if n > 1 for d in (-1.0, 0.0, 1.0)}
        )

    def scalar(self, annotation: Any) -> Any:
        kind = _unwrap(annotation)
        if kind is bool:
            return self.rng.choice([True, False])
        if isinstance(kind, type) and issubclass(kind, Enum):
            return self.rng.choice([m.value for m in kind])
        if kind is int:
            return self.rng.choice(self.ints)
        if kind is float:
            low, high = _annotated_bounds(annotation)
            fits = [
                v for v in self.floats if (low is None or v >= low) and (high is None or v <= high)
            ]
            return self.rng.choice(fits or [0.0])
        if kind is date:
            return self.rng.choice(DATES)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return self.model(kind, ())
        return self.rng.choice(self.strings[:6] + ["x", ""])

    def listed(self, annotation: Any, fields: tuple[str, ...]) -> list[Any]:
        (item,) = get_args(_unwrap(annotation))
        item = _unwrap(item)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return [self.model(item, fields) for _ in range(self.rng.choice([0, 1, 1, 2, 2, 3]))]
        if isinstance(item, type) and issubclass(item, Enum):
            members = [m.value for m in item]
            pick = self.rng.random()
            if pick < 0.2:
                return []
            if pick < 0.45:
                return members
            if pick < 0.7:
                drop = self.rng.choice(members)
                return [m for m in members if m != drop]
            return self.rng.sample(members, self.rng.randint(1, len(members)))
        return self.rng.sample(["A", "B"], self.rng.choice([0, 1, 2, 2]))

    def model(self, model: type[BaseModel], fields: tuple[str, ...]) -> dict[str, Any]:
        """An item with its required fields and (usually) the fields the check uses."""
        item: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            if info.is_required() or (name in fields and self.rng.random() < 0.7):
                annotation = info.annotation
                if get_origin(_unwrap(annotation)) is list:
                    item[name] = self.listed(annotation, ())
                elif name == "post":
                    item[name] = self.rng.choice(["A", "B"])
                elif name == "name":  # titles: the check's own words, sometimes two of them
                    item[name] = "".join(
                        self.rng.choice(["A"] + self.strings)
                        for _ in range(self.rng.choice([1, 2]))
                    )
                else:
                    item[name] = self.scalar(annotation)
        return item


# ---- what a check uses --------------------------------------------------------------------


def sources(check: CompiledCheck) -> list[str]:
    """The bound CEL of a check: expect, partial and the explanations' conditions."""
    found = [check.check.expect or "", check.check.partial or ""]
    return found + [e.when for e in check.check.explain]


def leaves(check: CompiledCheck) -> dict[str, tuple[str, ...]]:
    """The fact paths to vary (reads and used chains), with the item fields used of lists."""
    paths: set[str] = {r.split("[]", 1)[0] for r in check.check.reads}
    items: dict[str, set[str]] = {}
    for source in sources(check):
        used, tested = fact_chains(source)
        paths |= used | {t for t in tested if t.split(".", 1)[0] in SECTIONS}
        for path, name in item_fields(source):
            items.setdefault(path, set()).add(name)
    for read in check.check.reads:
        if "[]." in read:
            head, _, name = read.partition("[].")
            items.setdefault(head, set()).add(name)
    # A chain stated deeper states its prefix too (a.b.c states a.b): keep the deepest, and
    # lists whole (their items are generated with the fields used).
    kept: dict[str, tuple[str, ...]] = {}
    for path in sorted(paths):
        if _is_list(path):
            kept[path] = tuple(sorted(items.get(path, ())))
        elif not any(other.startswith(path + ".") for other in paths):
            kept[path] = ()
    return kept


def _is_list(path: str) -> bool:
    return get_origin(_unwrap(field_of(path))) is list


def _is_block(path: str) -> bool:
    kind = _unwrap(field_of(path))
    return _is_list(path) or (isinstance(kind, type) and issubclass(kind, BaseModel))


def _set(stated: dict[str, Any], path: str, value: Any) -> None:
    node = stated
    *parents, last = path.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def _get(stated: dict[str, Any], path: str) -> Any:
    node: Any = stated
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def neighbour(
    check: CompiledCheck, stated: dict[str, Any], rng: random.Random, values: Values
) -> dict[str, Any]:
    """The facts with one leaf changed: a list gains, loses or swaps an item; a value is redrawn."""
    changed = copy.deepcopy(stated)
    path, fields = rng.choice(sorted(leaves(check).items()))
    annotation = field_of(path)
    if get_origin(_unwrap(annotation)) is list:
        items = list(_get(changed, path) or [])
        fresh = values.listed(annotation, fields)
        move = rng.random()
        if items and move < 0.3:
            items.pop(rng.randrange(len(items)))
        elif items and move < 0.6 and fresh:
            items[rng.randrange(len(items))] = fresh[0]
        elif fresh:
            items.append(fresh[0])
        else:
            items = fresh
        _set(changed, path, items)
    else:
        _set(changed, path, values.scalar(annotation))
    return changed


def facts_for(check: CompiledCheck, rng: random.Random, values: Values) -> dict[str, Any]:
    stated: dict[str, Any] = {}
    for path, fields in leaves(check).items():
        annotation = field_of(path)
        if get_origin(_unwrap(annotation)) is list:
            _set(stated, path, values.listed(annotation, fields))
        elif rng.random() < 0.75 or any(path == r for r in check.check.reads):
            _set(stated, path, values.scalar(annotation))
    return stated


# ---- deciding -----------------------------------------------------------------------------


def prepared(check: CompiledCheck, stated: dict[str, Any]) -> Any:
    """The facts as checks see them, or None when the check would not run (a read unstated)."""
    paths = stated_paths(stated)
    if any(r not in paths for r in check.check.reads):
        return None
    return context(fact_data(stated, AS_OF))


def decide(check: CompiledCheck, stated: Any, expect: Any = None, partial: Any = None) -> str:
    """The status the check gives these facts (as evaluation decides it), or not_evaluable.

    ``stated`` is a dict of facts, or what ``prepared`` made of one.
    """
    data = prepared(check, stated) if isinstance(stated, dict) else stated
    if data is None:
        return "not_evaluable"
    expect = expect or check.expect
    partial = partial if partial is not None else check.partial
    try:
        if expect.evaluate(data):
            return "conforming"
        if partial and partial.evaluate(data):
            return "partial"
    except (KeyError, RuntimeError, TypeError, ValueError):
        return ERROR
    return "nonconforming"


# ---- mutants ------------------------------------------------------------------------------


def _masked(source: str) -> str:
    """The source with string literals blanked (same length), so operators inside are ignored."""
    return _STRING.sub(lambda m: "'" + " " * (len(m.group(0)) - 2) + "'", source)


def _scan(
    code: str, depth: list[int], start: int, step: int, level: int, stops: tuple[str, ...]
) -> int:
    """Move from ``start`` by ``step`` to the end of an operand at nesting ``level``."""
    i = start
    while 0 <= i < len(code):
        if depth[i] < level or (code[i] in "([" and step < 0 and depth[i] == level):
            break
        if depth[i] == level and code[i] in ")]" and step > 0:
            break
        if depth[i] == level and any(code.startswith(s, i) for s in stops):
            break
        if (
            step < 0
            and depth[i] == level
            and i > 0
            and any(code.startswith(s, i - 1) for s in stops if len(s) == 2)
        ):
            break
        i += step
    return i


def _operands(source: str) -> list[tuple[int, int, str]]:
    """Spans of the operands of every ``&&`` and ``||``, with the identity that drops each."""
    code = _masked(source)
    depth = [0] * (len(code) + 1)
    level = 0
    for i, ch in enumerate(code):
        if ch in "([":
            level += 1
        depth[i] = level
        if ch in ")]":
            level -= 1
    spans = []
    for match in re.finditer(r"&&|\|\|", code):
        op = match.group(0)
        d = depth[match.start()]
        stops = ("||", "?", ":", ",") if op == "||" else ("&&", "||", "?", ":", ",")

        left_end = match.start()
        left_start = _scan(code, depth, left_end - 1, -1, d, stops) + 1
        right_start = match.end()
        right_end = _scan(code, depth, right_start, 1, d, stops)
        identity = "true" if op == "&&" else "false"
        spans.append((left_start, left_end, identity))
        spans.append((right_start, right_end, identity))
    return spans


def mutants(source: str) -> list[tuple[str, str]]:
    """Small edits of a CEL expression, each with a label: the bugs a reviewer might miss."""
    found = []
    code = _masked(source)
    for start, end, identity in _operands(source):
        if source[start:end].strip():
            label = f"drop {source[start:end].strip()!r}"
            found.append((label, source[:start] + f" {identity} " + source[end:]))
    swaps = {">=": ">", "<=": "<", ">": ">=", "<": "<=", "==": "!="}
    for match in re.finditer(r">=|<=|==|(?<![-=!<>])>(?!=)|(?<![=!<>])<(?!=)", code):
        op = match.group(0)
        edited = source[: match.start()] + swaps[op] + source[match.end() :]
        found.append((f"{op} → {swaps[op]} at {match.start()}", edited))
    for match in _NUMBER.finditer(code):
        text = match.group(1)
        number = float(text)
        steps = (1, -1) if "." not in text else (0.01, -0.01)
        for step in steps:
            moved = number + step
            if moved < 0:
                continue
            shown = str(int(moved)) if "." not in text else repr(round(moved, 4))
            found.append(
                (f"{text} → {shown}", source[: match.start()] + shown + source[match.end() :])
            )
    for match in re.finditer(r"\.(all|exists)\(", code):
        other = "exists" if match.group(1) == "all" else "all"
        edited = source[: match.start() + 1] + other + source[match.end() - 1 :]
        found.append((f"{match.group(1)} → {other} at {match.start()}", edited))
    return found


_HAS = re.compile(r"^drop '!?has\(([a-z_.]+)\)'$")


def _equivalent(check: CompiledCheck, label: str) -> bool:
    """Dropping ``has(p)`` changes nothing when p is always there while the check runs.

    A fact the check reads is stated (or the check does not run), and a list or a nested
    block is filled in empty when absent (``facts.fact_data``): a guard on either is
    always true.
    """
    match = _HAS.match(label)
    if not match:
        return False
    path = match.group(1)
    if path.split(".", 1)[0] not in SECTIONS:
        return False  # a field of a list's item (has(m.x)): a real guard
    reads = [r.split("[]", 1)[0] for r in check.check.reads]
    return path in reads or any(path.startswith(r + ".") for r in reads) or _is_block(path)


def check_mutants(check: CompiledCheck) -> list[tuple[str, Any, Any]]:
    """(label, expect, partial) for each mutant of the check's expect and partial."""
    result = []
    for label, edited in mutants(check.check.expect or ""):
        if not _equivalent(check, label):
            result.append((f"expect: {label}", Expression(edited), check.partial))
    for label, edited in mutants(check.check.partial or ""):
        if not _equivalent(check, label):
            result.append((f"partial: {label}", check.expect, Expression(edited)))
    return result


# ---- choosing the cases -------------------------------------------------------------------


Case = tuple[dict[str, Any], str]


def _walk(
    check: CompiledCheck, starts: list[Case], rng: random.Random, values: Values, goal: Any
) -> Case | None:
    """From ``starts``, change one fact at a time until a case meets ``goal`` (or give up)."""
    walk = list(starts)
    for _ in range(WALK if walk else 0):
        stated = neighbour(check, rng.choice(walk)[0], rng, values)
        status = decide(check, stated)
        if status in ("not_evaluable", ERROR):
            continue
        walk.append((stated, status))
        if goal((stated, status)):
            return stated, status
    return None


def _kills(check: CompiledCheck, expect: Any, partial: Any, case: Case) -> bool:
    return decide(check, case[0], expect, partial) != case[1]


def generate(check: CompiledCheck) -> tuple[list[dict[str, Any]], list[str]]:
    """Cases (facts and status) that tell the check from each mutant; and the survivors."""
    rng = random.Random(zlib.crc32(check.check.requirement.encode()))
    values = Values(sources(check), rng)
    pool: list[Case] = []
    for _ in range(POOL):
        stated = facts_for(check, rng, values)
        status = decide(check, stated)
        if status not in ("not_evaluable", ERROR):
            pool.append((stated, status))
    chosen: list[Case] = []
    for wanted in ("conforming", "partial", "nonconforming"):
        first = next((case for case in pool if case[1] == wanted), None)
        if first is None:  # the random pool missed it: walk from its first cases
            first = _walk(check, pool[:50], rng, values, lambda case, w=wanted: case[1] == w)
        if first:
            chosen.append(first)
    survivors = []
    for label, expect, partial in check_mutants(check):
        kills = functools.partial(_kills, check, expect, partial)
        if any(kills(case) for case in chosen):
            continue
        killer = next((case for case in pool if kills(case)), None)
        if killer is None:  # walk from the cases kept so far
            killer = _walk(check, chosen, rng, values, kills)
        if killer is None:
            survivors.append(label)
        else:
            chosen.append(killer)
            pool.append(killer)
    return [{"facts": facts, "status": status} for facts, status in chosen], survivors
