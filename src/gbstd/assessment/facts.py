"""A centre's facts as checks see them: stated paths, the CEL context, and guesses for absent facts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from pydantic import BaseModel

from gbstd.catalogue.checks import ASSESSMENT_VARIABLE
from gbstd.catalogue.expressions import context
from gbstd.description.factinfo import candidate_values, item_field_names
from gbstd.description.gates import with_gates_applied
from gbstd.description.model import CentreDescription, block_kind


@cache
def _blocks(model: type[BaseModel]) -> tuple[tuple[str, str, Any], ...]:
    """The nested blocks and block lists of a model (computed once per model)."""
    found = []
    for name, info in model.model_fields.items():
        kind, target = block_kind(info.annotation)
        if kind != "value":
            found.append((name, kind, target))
    return tuple(found)


def _with_empty_blocks(
    model: type[BaseModel], stated: dict[str, Any], only: set[str] | None = None
) -> dict[str, Any]:
    """Copy ``stated`` with every absent nested block present but empty.

    CEL's ``has(a.b.c)`` is an error, not false, when ``a.b`` itself is absent; filling the
    blocks lets checks test any optional fact with ``has()``. With ``only``, just those keys
    of ``stated``, filled the same way.
    """
    if only is None:
        filled = dict(stated)
        blocks = _blocks(model)
    else:
        filled = {name: stated[name] for name in only if name in stated}
        blocks = tuple(block for block in _blocks(model) if block[0] in only)
    for name, kind, target in blocks:
        if kind == "model":
            filled[name] = _with_empty_blocks(target, stated.get(name, {}))
        elif name not in stated:
            filled[name] = []
    return filled


def fact_data(stated: dict[str, Any], as_of: date) -> dict[str, Any]:
    """What checks see: the stated facts, empty blocks filled in, and ``assessment``."""
    data = _with_empty_blocks(CentreDescription, stated)
    data[ASSESSMENT_VARIABLE] = {
        "as_of": as_of.isoformat(),
        "half_year_ago": (as_of - timedelta(days=183)).isoformat(),
        "year_ago": (as_of - timedelta(days=365)).isoformat(),
    }
    return data


def stated_paths(stated: Mapping[str, Any]) -> frozenset[str]:
    """Every fact path ``stated`` gives, as checks' ``reads`` name them.

    A path is dotted keys through mappings (``premises.windows.total``); ``list[].field`` is
    stated when the list has items and every item, a mapping, states ``field``. Keys with a dot
    cannot be named by a dotted path and are left out. Built once per centre, so that deciding
    whether a check can run is a set look-up (a batch asks ~300 times per centre).
    """
    found: list[str] = []
    stack: list[tuple[str, Mapping[str, Any]]] = [("", stated)]
    while stack:
        prefix, node = stack.pop()
        for key, value in node.items():
            if not isinstance(key, str) or "." in key:
                continue
            path = prefix + key
            found.append(path)
            if isinstance(value, dict):
                stack.append((path + ".", value))
            elif isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
                shared = set(value[0]).intersection(*value[1:])
                found += [f"{path}[].{name}" for name in shared if isinstance(name, str)]
            elif value == []:
                found += [f"{path}[].{name}" for name in item_field_names(path)]
    return frozenset(found)


@dataclass(frozen=True)
class Facts:
    """The centre's facts as plain data: as stated, and as CEL sees them."""

    stated: dict[str, Any]
    data: Any  # a CEL context, converted once for all the checks of this centre
    as_of: date | None = None
    plain: dict[str, Any] | None = field(default=None, compare=False, repr=False)  # data, as dicts
    paths: frozenset[str] = field(init=False, compare=False, repr=False)
    # Facts a closed gate answered (``description.gates``), each with the gate's path.
    implied: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    # Applicability conditions decided so far: the facts they lack, or whether they hold.
    outcomes: dict[Any, tuple[str, ...] | bool] = field(
        default_factory=dict, compare=False, repr=False
    )
    # CEL contexts with absent facts guessed, by (absent facts, choice): checks that read the
    # same optional facts ask for the same guesses, about half of them again.
    guesses: dict[tuple[tuple[str, ...], int], Any] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:  # noqa: D105
        object.__setattr__(self, "paths", stated_paths(self.stated))

    @classmethod
    def of(cls, description: CentreDescription, as_of: date) -> Facts:
        """Dump the description (dates become ISO text) and fill in empty blocks for CEL.

        Checks also see ``assessment.as_of``, ``assessment.half_year_ago`` and
        ``assessment.year_ago`` (ISO dates, comparable as text) for "at least yearly" rules.
        """
        # A closed gate's block is known, not missing: "no evaluation" answers its fifteen facts.
        stated, implied = with_gates_applied(description.model_dump(mode="json", exclude_none=True))
        plain = fact_data(stated, as_of)
        return cls(stated, context(plain), as_of, plain, implied=implied)

    def has(self, path: str) -> bool:
        """True when the dotted path was stated in the file (see ``stated_paths``)."""
        return path in self.paths

    def missing(self, paths: Sequence[str]) -> tuple[str, ...]:
        """Return the paths that are absent, in order."""
        known = self.paths
        return tuple(p for p in paths if p not in known)

    def value(self, path: str) -> Any:
        """The stated value at a dotted path (no ``[]``), or None."""
        node: Any = self.stated
        for part in path.split("."):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    def absent(self, optional: Sequence[tuple[str, str | None]]) -> tuple[str, ...]:
        """Which of a check's optional facts are absent, named as in ``reads``.

        ``(path, None)`` is a fact; ``(list, field)`` a field of the list's items, absent when
        some item lacks it.
        """
        found = []
        for path, item in optional:
            if item is None:
                if path not in self.paths:
                    found.append(path)
            else:
                items = self.value(path)
                if isinstance(items, list) and any(
                    isinstance(i, dict) and item not in i for i in items
                ):
                    found.append(f"{path}[].{item}")
        return tuple(found)

    def filled(self, absent: Sequence[str], choice: int) -> Any:
        """A CEL context of these facts with each absent fact given its ``choice``-th value."""
        key = (tuple(absent), choice)
        if key not in self.guesses:
            self.guesses[key] = context(self.guessed(absent, choice))
        return self.guesses[key]

    def guessed(self, absent: Sequence[str], choice: int) -> dict[str, Any]:
        """The data behind ``filled``: ``fact_data`` of the stated facts and the guesses."""
        # Copied only along the paths filled in, never the whole description: a deep copy of
        # a complete centre's facts per guess made these checks 90 % of a batch's time.
        stated = dict(self.stated)
        sections = set()
        for path in absent:
            values = candidate_values(path)
            value = values[min(choice, len(values) - 1)]
            head, _, item = path.partition("[].")
            *parents, last = head.split(".")
            sections.add(parents[0] if parents else last)
            node = stated
            for part in parents:
                child = node.get(part)
                copied = dict(child) if isinstance(child, dict) else {}
                node[part] = copied
                node = copied
            if not item:
                node[last] = value
                continue
            node[last] = [
                {**entry, item: value} if isinstance(entry, dict) and item not in entry else entry
                for entry in node.get(last, [])
            ]
        if self.plain is None:
            return fact_data(stated, self.as_of or date.today())
        # The sections no guess touched are as in the centre's own data: fill in only the
        # touched ones again (filling every block of a complete centre per guess cost more
        # than the checks it was for).
        data = dict(self.plain)
        data.update(_with_empty_blocks(CentreDescription, stated, sections))
        return data
