"""Scores and grades: weighted roll-up of requirement results, grade bands and veto caps.

The method is configured by a scoring profile (``profiles/scoring.yaml`` is the default). Its
numbers are the toolkit's own: the standards' full texts give no scoring method that we know.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from gbstd.assessment.results import NodeScore, RequirementResult, Status
from gbstd.catalogue.standard import Chapter, Requirement, Standard, Text, _Model, children_of
from gbstd.errors import InvalidInputError
from gbstd.i18n import Message
from gbstd.io.bundled import data_dir

Points = Annotated[float, Field(ge=0, le=1)]


class Grade(_Model):
    """One grade band."""

    id: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    min: Annotated[float, Field(ge=0, le=100)]
    label: Text


class Veto(_Model):
    """Which statuses on a veto requirement cap the grade, and at which grade."""

    statuses: tuple[Status, ...] = (Status.NONCONFORMING,)
    cap: str


class StatusScores(_Model):
    """Points per status. Not evaluable, not applicable and not adopted never count."""

    conforming: Points = 1.0
    partial: Points = 0.5
    nonconforming: Points = 0.0
    # Profiles written before gbstd scored missing data as nothing may say ``not_evaluable:
    # null``; a number is refused with the reason, rather than as an unknown key.
    not_evaluable: float | None = None

    @model_validator(mode="after")
    def _missing_data_is_never_scored(self) -> StatusScores:
        if self.not_evaluable is not None:
            raise PydanticCustomError(
                "gbstd_not_evaluable_scored",
                "status_scores.not_evaluable can no longer be scored: missing data is not "
                "failure (a requirement not evaluable is left out); remove this line",
                {},
            )
        return self


class LevelWeights(_Model):
    """How much a requirement's weight counts, by its level (a may requirement never counts)."""

    shall: Literal[1.0] = 1.0
    should: Points = 0.5


# The grade of a standard (or a centre) whose evaluated share is below the profile's threshold.
INSUFFICIENT_DATA = "insufficient_data"


class ScoringProfile(_Model):
    """A scoring method (see ``profiles/scoring.yaml`` for the documented defaults)."""

    format_version: Literal[1]
    name: Text
    note: Text
    status_scores: StatusScores = StatusScores()
    level_weights: LevelWeights = LevelWeights()
    coverage_threshold: Annotated[float, Field(ge=0, le=1)] = 0.8
    waived: Literal["exclude", "as_status"] = "exclude"
    rollup: Literal["weighted", "equal"] = "weighted"
    overall: Literal["equal", "weighted"] = "equal"
    grades: tuple[Grade, ...]
    veto: Veto

    @model_validator(mode="after")
    def _grades_make_sense(self) -> ScoringProfile:
        mins = [g.min for g in self.grades]
        if not mins or mins != sorted(mins, reverse=True) or mins[-1] != 0:
            raise PydanticCustomError(
                "gbstd_grade_bands", "grades must be listed highest first and end at min 0", {}
            )
        if INSUFFICIENT_DATA in {g.id for g in self.grades}:
            raise PydanticCustomError(
                "gbstd_grade_reserved", "grade id insufficient_data is reserved", {}
            )
        if self.veto.cap not in {g.id for g in self.grades}:
            raise PydanticCustomError(
                "gbstd_veto_cap", "veto.cap {cap} is not a grade id", {"cap": self.veto.cap}
            )
        return self

    def points(self, result: RequirementResult) -> float | None:
        """Return the 0–1 points a result earns, or None when it does not count."""
        return self.points_for(result.status, result.waived, result.level)

    def points_for(self, status: Status, waived: bool, level: str = "shall") -> float | None:
        """Return the 0–1 points a status earns, or None when it does not count.

        Only conforming, partial and nonconforming count: a requirement that could not be
        evaluated is missing data, not a failure; a permission (may) counts neither for nor
        against, whatever the roll-up.
        """
        if status not in _SCORED or level == "may":
            return None
        if waived and self.waived == "exclude":
            return None
        return getattr(self.status_scores, status.value)

    def factor(self, level: str) -> float:
        """How much of a requirement's weight counts at this level (``level_weights``)."""
        return 0.0 if level == "may" else getattr(self.level_weights, level)

    @property
    def factors(self) -> tuple[float, float]:
        """The shall and should factors: what a roll-up's result depends on besides points."""
        return (self.level_weights.shall, self.level_weights.should)

    def caps(self, veto: bool, status: Status, waived: bool, level: str = "shall") -> bool:
        """True when a requirement with this status caps the grade (see ``veto``).

        Only a shall requirement can veto: the standard model refuses veto on others, and a
        user pack edited by hand is held to the same rule here.
        """
        return veto and level == "shall" and status in self.veto.statuses and not waived

    def grade(
        self, score: float | None, capped: bool, coverage: float | None = None
    ) -> Grade | None:
        """Return the grade for a score, lowered to the veto cap when ``capped``.

        Below the coverage threshold the grade is 数据不足 (insufficient data): too little
        could be evaluated to grade the rest. A veto still caps: a nonconforming veto
        requirement decides the grade whatever the missing facts would say.
        """
        cap = next(g for g in self.grades if g.id == self.veto.cap)
        if capped and (
            score is None or (coverage is not None and coverage < self.coverage_threshold)
        ):
            return cap
        if coverage is not None and coverage < self.coverage_threshold:
            return INSUFFICIENT
        if score is None:
            return None
        grade = next(g for g in self.grades if score >= g.min)
        if capped:
            grade = min(grade, cap, key=lambda g: g.min)
        return grade

    def coverage(self, scored: float, evaluated: float) -> float | None:
        """The evaluated share of the weight that would count, or None when none would."""
        return evaluated / scored if scored > 0 else None


_SCORED = frozenset({Status.CONFORMING, Status.PARTIAL, Status.NONCONFORMING})
INSUFFICIENT = Grade.model_construct(
    id=INSUFFICIENT_DATA, min=0.0, label=Text(zh="数据不足", en="Insufficient data")
)


def load_profile(path: Path | None = None) -> ScoringProfile:
    """Load a scoring profile (the bundled default when ``path`` is None).

    Raises:
        InvalidInputError: the file is missing or invalid.
    """
    from pydantic import ValidationError

    from gbstd.io.diagnostics import problems_from
    from gbstd.io.yamlsource import read_yaml

    document = read_yaml(path or data_dir("profiles") / "scoring.yaml")
    try:
        return ScoringProfile.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None


def _combine(
    children: Iterable[tuple[float | None, float]], weighted: bool
) -> tuple[float | None, float]:
    """A node's (score, counted weight) from its children's: weighted, or a plain mean.

    Every roll-up goes through here, so the report's tree and the batch's bare numbers agree
    to the last bit (a grade boundary must not depend on which command computed the score).
    One loop, adding in the children's order: this runs ~200 times per centre in a batch.
    """
    weight: float = 0
    total: float = 0
    numerator: float = 0
    for score, child_weight in children:
        if score is None:
            continue
        weight += child_weight
        share = child_weight if weighted else 1.0
        if share > 0:
            total += share
            numerator += score * share
    return (numerator / total if total else None), weight


def _leaf(
    node: Requirement, points: Mapping[str, float | None], profile: ScoringProfile
) -> tuple[float | None, float]:
    earned = points.get(node.id)
    if earned is None:
        return (None, 0.0)
    return (earned * 100, node.weight * profile.factor(node.level.value))


def score_node(node: Any, points: Mapping[str, float | None], profile: ScoringProfile) -> NodeScore:
    """Score a node of the clause tree from the points of the requirements below it."""
    title = Message(node.title.zh, node.title.get("en"))
    if isinstance(node, Requirement):
        return NodeScore(node.id, title, *_leaf(node, points, profile))
    children = tuple(score_node(c, points, profile) for c in children_of(node))
    score, weight = _combine(((c.score, c.weight) for c in children), profile.rollup == "weighted")
    return NodeScore(node.id, title, score, weight, children)


# A standard's tree reduced to what scoring reads, built once per standard (kept with it, so its
# id stays unique): each requirement's weight, in walk order, then the nodes above them in
# post-order, each as the positions of its children among the values computed so far.
@dataclass(frozen=True)
class _RollUp:
    weights: tuple[float, ...]
    levels: tuple[str, ...]
    groups: tuple[tuple[int, ...], ...]  # the last one is the standard's: its chapters
    # Results by (roll-up mode, level factors, points): in a national sample, half the
    # standards of a centre earn points seen before at another centre, and the roll-up is a
    # pure function of these three. Two profiles on one catalogue must never share an entry.
    known: dict[Any, tuple[float | None, float]] = field(default_factory=dict, compare=False)
    # The requirements' counted weights by level factors (a profile's ``factors``).
    counted: dict[tuple[float, float], tuple[float, ...]] = field(
        default_factory=dict, compare=False
    )

    def weights_for(self, profile: ScoringProfile) -> tuple[float, ...]:
        """Each requirement's weight times its level's factor in ``profile``."""
        found = self.counted.get(profile.factors)
        if found is None:
            found = self.counted[profile.factors] = tuple(
                w * profile.factor(level)
                for w, level in zip(self.weights, self.levels, strict=True)
            )
        return found


_ROLL_UPS: dict[int, tuple[Standard, _RollUp]] = {}


def _roll_up(standard: Standard) -> _RollUp:
    requirements = [n for _, n in standard.walk() if isinstance(n, Requirement)]
    position = {node.id: i for i, node in enumerate(requirements)}
    groups: list[tuple[int, ...]] = []

    def place(node: Any) -> int:
        if isinstance(node, Requirement):
            return position[node.id]
        children = tuple(place(c) for c in children_of(node))
        groups.append(children)
        return len(requirements) + len(groups) - 1

    chapters = tuple(place(c) for c in standard.children if isinstance(c, Chapter))
    groups.append(chapters)
    return _RollUp(
        tuple(r.weight for r in requirements),
        tuple(r.level.value for r in requirements),
        tuple(groups),
    )


def score_standard(
    standard: Standard, points: Mapping[str, float | None], profile: ScoringProfile
) -> tuple[float | None, float, tuple[NodeScore, ...]]:
    """Return the standard's score, its counted weight and its chapters' scores.

    ``points`` maps requirement ids to what they earn (``ScoringProfile.points``).
    """
    chapters = tuple(
        score_node(c, points, profile) for c in standard.children if isinstance(c, Chapter)
    )
    score, weight = _combine(((c.score, c.weight) for c in chapters), profile.rollup == "weighted")
    return score, weight, chapters


def standard_score(
    standard: Standard, points: Sequence[float | None], profile: ScoringProfile
) -> tuple[float | None, float]:
    """The standard's score and counted weight alone: ``score_standard`` without the tree.

    ``points`` are what the requirements earn, in the order ``standard.walk()`` meets them.
    The same additions in the same order as ``score_standard``, without recursion: this runs
    for every standard of every centre in a batch.
    """
    found = _ROLL_UPS.get(id(standard))
    if found is None:
        found = _ROLL_UPS[id(standard)] = (standard, _roll_up(standard))
    plan = found[1]
    weighted = profile.rollup == "weighted"
    key = (weighted, profile.factors, tuple(points))
    known = plan.known.get(key)
    if known is not None:
        return known
    values = [
        (None, 0.0) if earned is None else (earned * 100, weight)
        for earned, weight in zip(points, plan.weights_for(profile), strict=True)
    ]
    for children in plan.groups:
        values.append(_combine([values[c] for c in children], weighted))
    if len(plan.known) < 20_000:  # ~4,000 per standard after 8,000 centres, a few MB
        plan.known[key] = values[-1]
    return values[-1]


def overall_score(
    scores: Sequence[tuple[float | None, float]], profile: ScoringProfile
) -> float | None:
    """Combine standards' (score, weight) pairs into the overall score."""
    return _combine(scores, profile.overall == "weighted")[0]


def veto_triggered(
    results: Iterable[RequirementResult], profile: ScoringProfile
) -> tuple[str, ...]:
    """Return the veto requirements whose status caps the grade."""
    return tuple(
        r.requirement for r in results if profile.caps(r.veto, r.status, r.waived, r.level)
    )


FORMULA = Message(
    "得分=Σ(计分权重×状态分)÷Σ计分权重×100，逐级{rollup}汇总（要求→条→章→标准）。\n"
    "计分权重=权重×层级系数：应 {shall}，宜 {should}（本工具默认值，可配置），可 不计分。\n"
    "状态分：符合{c}，部分符合{p}，不符合{n}；无法评估、未采用、不适用{w}不计入。\n"
    "覆盖率=可评估的计分权重÷适用的计分权重；低于{threshold}时等级为「数据不足」"
    "（本工具默认阈值，可配置）。\n"
    "总分={overall}。「应」级一票否决要求出现{veto}时，等级最高为「{cap}」。",
    "score = Σ(counted weight × points) ÷ Σcounted weight × 100, rolled up {rollup} (requirement → "
    "clause → chapter → standard).\ncounted weight = weight × level factor: shall {shall}, should "
    "{should} (toolkit default, configurable), may not scored.\npoints: conforming {c}, partial "
    "{p}, nonconforming {n}; not evaluable, not adopted{w_en} left out.\ncoverage = counted "
    "weight evaluated ÷ counted weight applicable; below {threshold} (toolkit default, "
    "configurable) the grade is 'insufficient data'.\noverall = {overall_en}. A shall veto "
    "requirement that is {veto} caps the grade at '{cap_en}'.",
)


def explain(profile: ScoringProfile) -> Message:
    """Return the scoring formula in words, with the profile's numbers filled in."""
    s = profile.status_scores
    cap = next(g for g in profile.grades if g.id == profile.veto.cap)
    values = {
        "rollup": "按权重加权" if profile.rollup == "weighted" else "按子项平均",
        "shall": f"{profile.level_weights.shall:g}",
        "should": f"{profile.level_weights.should:g}",
        "threshold": f"{profile.coverage_threshold:.0%}",
        "c": s.conforming,
        "p": s.partial,
        "n": s.nonconforming,
        "w": "和已豁免的要求" if profile.waived == "exclude" else "的要求",
        "w_en": ", not applicable and waived requirements are"
        if profile.waived == "exclude"
        else " and not applicable requirements are",
        "overall": "各标准得分的平均" if profile.overall == "equal" else "按权重加权的各标准得分",
        "overall_en": "mean of the standards"
        if profile.overall == "equal"
        else "weight-weighted mean of the standards",
        "veto": "、".join(st.label("zh") for st in profile.veto.statuses),
        "cap": cap.label.zh,
        "cap_en": cap.label.get("en"),
    }
    zh = FORMULA.zh.format(**values)
    en = FORMULA.en.format(
        **values
        | {
            "rollup": profile.rollup,
            "veto": "/".join(st.label("en") for st in profile.veto.statuses),
        }
    )
    return Message(zh, en)
