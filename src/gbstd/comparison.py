"""Compare two assessments: new and closed gaps, regressions, other changes, score deltas.

Each side is the JSON that ``gbstd assess -f json`` writes (schema ``gbstd.assessment/2``, or
``/1`` from before requirement levels: both give each result's status and gap);
the CLI assesses a centre file on the fly to get it. Working on that JSON lets a report kept
from last year be compared with today's, whatever changed in gbstd meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InvalidInputError, Problem
from .i18n import Message
from .reporters.assessment import JSON_SCHEMA_ID

# Earlier assessment schemas a report kept from before can still be compared with.
READABLE_SCHEMAS = frozenset({JSON_SCHEMA_ID, "gbstd.assessment/1"})

# Conformity order; not_applicable and not_evaluable are outside it.
RANK = {"conforming": 3, "partial": 2, "nonconforming": 1}
KINDS = ("regression", "new_gap", "closed_gap", "other")
KIND_LABELS = {
    "regression": Message("回退", "regressions"),
    "new_gap": Message("新增差距", "new gaps"),
    "closed_gap": Message("已关闭的差距", "closed gaps"),
    "other": Message("其他状态变化", "other status changes"),
}


@dataclass(frozen=True)
class Change:
    """One requirement whose status differs between the two sides."""

    requirement: str
    standard: str
    title: str
    old: str | None  # None: the requirement is not in that side
    new: str | None
    kind: str


@dataclass(frozen=True)
class ScoreDelta:
    """A standard's score on both sides."""

    standard: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        """New minus old, when both exist."""
        return None if self.old is None or self.new is None else round(self.new - self.old, 2)


@dataclass(frozen=True)
class Comparison:
    """Everything ``gbstd diff`` reports."""

    old_label: str
    new_label: str
    changes: tuple[Change, ...]
    scores: tuple[ScoreDelta, ...]
    overall: ScoreDelta

    def of_kind(self, kind: str) -> list[Change]:
        """Changes of one kind, in catalogue order."""
        return [c for c in self.changes if c.kind == kind]

    @property
    def has_regressions(self) -> bool:
        """True when any requirement got worse."""
        return any(c.kind == "regression" for c in self.changes)


def read_assessment_json(path: Path) -> dict[str, Any]:
    """Read an assessment JSON file.

    Raises:
        InvalidInputError: unreadable, not JSON, or not a gbstd assessment.
    """
    from .textfile import read_json

    name = str(path)
    data = read_json(path)
    if not isinstance(data, dict) or data.get("schema") not in READABLE_SCHEMAS:
        raise InvalidInputError(
            [
                Problem(
                    name,
                    Message(
                        f'不是 gbstd 评估结果（应有 "schema": "{JSON_SCHEMA_ID}"）',
                        f'not a gbstd assessment (expected "schema": "{JSON_SCHEMA_ID}")',
                    ),
                )
            ]
        )
    return data


def _kind(old: dict[str, Any] | None, new: dict[str, Any] | None) -> str:
    if old is not None and new is not None:
        before, after = RANK.get(old["status"]), RANK.get(new["status"])
        if before is not None and after is not None and after < before:
            return "regression"
    was_gap = bool(old and old.get("gap"))
    is_gap = bool(new and new.get("gap"))
    if is_gap and not was_gap:
        return "new_gap"
    if was_gap and not is_gap:
        return "closed_gap"
    return "other"


def compare(old: dict[str, Any], new: dict[str, Any], old_label: str, new_label: str) -> Comparison:
    """Compare two assessment JSON documents."""
    before = {r["requirement"]: r for r in old["results"]}
    after = {r["requirement"]: r for r in new["results"]}
    order = list(after) + [k for k in before if k not in after]
    changes = []
    for requirement in order:
        a, b = before.get(requirement), after.get(requirement)
        if (
            a is not None
            and b is not None
            and a["status"] == b["status"]
            and a.get("gap") == b.get("gap")
        ):
            continue
        either = b or a
        assert either is not None
        changes.append(
            Change(
                requirement,
                either["standard"],
                either["title"],
                a["status"] if a else None,
                b["status"] if b else None,
                _kind(a, b),
            )
        )
    old_scores = {s["id"]: s["score"] for s in old["standards"]}
    new_scores = {s["id"]: s["score"] for s in new["standards"]}
    numbers = list(new_scores) + [k for k in old_scores if k not in new_scores]
    scores = tuple(ScoreDelta(n, old_scores.get(n), new_scores.get(n)) for n in numbers)
    overall = ScoreDelta("overall", old["summary"]["score"], new["summary"]["score"])
    return Comparison(old_label, new_label, tuple(changes), scores, overall)
