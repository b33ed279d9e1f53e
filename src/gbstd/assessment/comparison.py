"""Compare two assessments: new and closed gaps, regressions, other changes, score deltas.

Each side is the JSON that ``gbstd assess -f json`` writes (schema ``gbstd.assessment/2``, or
``/1`` from before requirement levels: both give each result's status and gap);
the CLI assesses a centre file on the fly to get it. Working on that JSON lets a report kept
from last year be compared with today's, whatever changed in gbstd meanwhile. A JSON file is
checked against ``AssessmentSide`` (the part of the report a comparison reads) before use, so
a tampered or foreign file is refused with the JSON path of what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gbstd.assessment.results import JSON_SCHEMA_ID, Status
from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Message

if TYPE_CHECKING:
    from gbstd.assessment.actions import Tracked

# The report versions a comparison can read: this one's, and /1 from before requirement levels
# (both give each result's status and gap; keys a comparison does not read are ignored).
READABLE_SCHEMAS = frozenset({"gbstd.assessment/1", "gbstd.assessment/2", JSON_SCHEMA_ID})

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
    # A previous 整改计划 measured against the newer side (diff --plan), when one was given.
    plan: tuple[Tracked, ...] = ()

    def of_kind(self, kind: str) -> list[Change]:
        """Changes of one kind, in catalogue order."""
        return [c for c in self.changes if c.kind == kind]

    @property
    def has_regressions(self) -> bool:
        """True when any requirement got worse."""
        return any(c.kind == "regression" for c in self.changes)


class _Read(BaseModel):
    # Strict: a score of "80" or a gap of "yes" means the file was edited or is not gbstd's.
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True, allow_inf_nan=False)


class ResultSide(_Read):
    """One requirement's result, as far as a comparison reads it."""

    requirement: str = Field(min_length=1)
    standard: str
    title: str
    status: Status = Field(strict=False)  # JSON gives the word
    gap: bool


class StandardSide(_Read):
    """One standard's score."""

    id: str = Field(min_length=1)
    score: float | None


class SummarySide(_Read):
    """The overall score."""

    score: float | None


class AssessmentSide(_Read):
    """What ``compare`` reads of a ``gbstd assess -f json`` report."""

    schema_id: str = Field(alias="schema")
    results: list[ResultSide]
    standards: list[StandardSide]
    summary: SummarySide


def read_assessment_json(path: Path) -> dict[str, Any]:
    """Read an assessment JSON file and check it is one before anything is compared.

    Raises:
        InvalidInputError: unreadable, not JSON, not a gbstd assessment, or not a valid one
            (each problem named by its JSON path, and its line and column).
    """
    from gbstd.io.diagnostics import problems_from
    from gbstd.io.textfile import decode, parse_json, read_bytes
    from gbstd.io.yamlsource import YamlDocument

    name = str(path)
    text = decode(read_bytes(path, name), name)
    data = parse_json(text, name)
    if not isinstance(data, dict) or data.get("schema") not in READABLE_SCHEMAS:
        expected = " | ".join(f'"{schema}"' for schema in sorted(READABLE_SCHEMAS))
        raise InvalidInputError(
            [
                Problem(
                    name,
                    Message(
                        f'不是 gbstd 评估结果（应有 "schema": {expected}）',
                        f'not a gbstd assessment (expected "schema": {expected})',
                    ),
                )
            ]
        )
    # JSON is YAML: the YAML reader finds the line and column of a path (only when reporting).
    document = YamlDocument(name, data, text)
    try:
        side = AssessmentSide.model_validate(data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None
    problems = _repeated_requirements(side, document)
    if problems:
        raise InvalidInputError(problems)
    return data


def _repeated_requirements(side: AssessmentSide, document: Any) -> list[Problem]:
    """A requirement listed twice: which of the two results would count is anyone's guess."""
    first: dict[str, int] = {}
    problems = []
    for i, result in enumerate(side.results):
        if result.requirement not in first:
            first[result.requirement] = i
            continue
        line, column = document.positions.get(("results", i, "requirement"), (None, None))
        j = first[result.requirement]
        problems.append(
            Problem(
                document.name,
                Message(
                    f"要求 {result.requirement} 重复（同 results[{j}]）",
                    f"requirement {result.requirement} is listed twice (also results[{j}])",
                ),
                line,
                column,
                f"results[{i}].requirement",
            )
        )
    return problems


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
