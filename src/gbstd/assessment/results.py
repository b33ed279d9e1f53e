"""What an assessment produces: one result per requirement, scores, and the report around them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from gbstd.i18n import Lang, Message

# The version of a report's JSON (``gbstd assess -f json``), which ``gbstd diff`` reads back.
JSON_SCHEMA_ID = "gbstd.assessment/2"  # /2: levels, gap kinds, coverage, data needed


class Status(StrEnum):
    """The six outcomes of a requirement.

    ``not_adopted`` is the outcome of a permission (可, ``may``) the centre has not taken up:
    informational, never a gap, never scored.
    """

    CONFORMING = "conforming"
    PARTIAL = "partial"
    NONCONFORMING = "nonconforming"
    NOT_ADOPTED = "not_adopted"
    NOT_APPLICABLE = "not_applicable"
    NOT_EVALUABLE = "not_evaluable"

    def label(self, lang: Lang = "zh") -> str:
        """Return the status in words."""
        return STATUS_LABELS[self](lang)


STATUS_LABELS = {
    Status.CONFORMING: Message("符合", "conforming"),
    Status.PARTIAL: Message("部分符合", "partial"),
    Status.NONCONFORMING: Message("不符合", "nonconforming"),
    Status.NOT_ADOPTED: Message("未采用", "not adopted"),
    Status.NOT_APPLICABLE: Message("不适用", "not applicable"),
    Status.NOT_EVALUABLE: Message("无法评估", "not evaluable"),
}
# Statuses that fall short of a requirement; what that means depends on its level (gap_kind).
SHORT_STATUSES = frozenset({Status.NONCONFORMING, Status.PARTIAL})
# Statuses that rest on the centre's facts; the others could not be judged or do not apply.
EVALUATED_STATUSES = frozenset(
    {Status.CONFORMING, Status.PARTIAL, Status.NONCONFORMING, Status.NOT_ADOPTED}
)


class GapKind(StrEnum):
    """What falling short of a requirement means, by its level (GB/T 1.1 verbal forms)."""

    NONCONFORMITY = "nonconformity"  # 应 shall not met: 整改项
    IMPROVEMENT = "improvement"  # 宜 should not met: 改进建议


GAP_KIND_LABELS = {
    GapKind.NONCONFORMITY: Message("不符合项", "nonconformity"),
    GapKind.IMPROVEMENT: Message("改进建议", "improvement"),
}
# 应/宜/可: the verbal form of a requirement, shown beside every result.
REQUIREMENT_LEVEL_LABELS = {
    "shall": Message("应", "shall"),
    "should": Message("宜", "should"),
    "may": Message("可", "may"),
}


def status_for_level(level: str, status: Status) -> Status:
    """The status a verdict takes on a requirement of this level.

    A permission (may) that is not met is not adopted, never nonconforming; "not adopted"
    means nothing for a requirement or a recommendation, which are then simply not met.
    """
    if level == "may" and status in SHORT_STATUSES:
        return Status.NOT_ADOPTED
    if level != "may" and status == Status.NOT_ADOPTED:
        return Status.NONCONFORMING
    return status


def gap_kind(level: str, status: Status, waived: bool) -> GapKind | None:
    """The kind of gap a result is, or None when it is none (met, waived, may, not judged)."""
    if waived or status not in SHORT_STATUSES:
        return None
    if level == "shall":
        return GapKind.NONCONFORMITY
    if level == "should":
        return GapKind.IMPROVEMENT
    return None


SEVERITY_LABELS = {
    "high": Message("高", "high"),
    "medium": Message("中", "medium"),
    "low": Message("低", "low"),
}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
LEVEL_LABELS = {
    "province": Message("省级", "province"),
    "city": Message("市级", "city"),
    "county": Message("县级", "county"),
    "township": Message("乡镇（街道）", "township"),
}

DERIVED_DISCLAIMER = Message(
    "说明：标注「派生」的要求是本工具对标准的解读，不是标准原文；评分方法是本工具的默认配置。",
    "Note: 'derived' requirements are this toolkit's interpretation of the standards, not their "
    "official text; the scoring method is the toolkit's default profile.",
)


@dataclass(frozen=True)
class EvidenceRef:
    """Evidence the centre cited for a requirement."""

    id: str
    title: str
    location: str
    effective: date | None
    expires: date | None
    expired: bool


@dataclass(frozen=True)
class WaiverState:
    """A waiver on a requirement and whether it still holds."""

    reason: str
    approver: str
    expires: date
    expired: bool


def is_waived(status: Status, waiver: WaiverState | None) -> bool:
    """True while a valid waiver covers a requirement that is not met."""
    return waiver is not None and not waiver.expired and status in SHORT_STATUSES


@dataclass(frozen=True)
class AuditorVerdict:
    """An auditor's on-site verdict that replaced the automatic result."""

    automatic: Status
    finding: str | None
    evidence: str | None
    checked_on: date | None
    auditor: str | None
    location: str | None


@dataclass(frozen=True)
class RequirementResult:
    """The outcome for one requirement."""

    requirement: str
    standard: str
    chapter: str
    parent: str  # the nearest clause or chapter above the requirement
    title: Message
    statement: Message
    provenance: str
    status: Status
    reason: Message
    severity: str
    weight: float
    veto: bool
    level: str = "shall"  # shall | should | may (standard.Level)
    missing: tuple[str, ...] = ()
    basis: str | None = None  # for not_applicable: "profile" (derived) or "declared"
    evidence: tuple[EvidenceRef, ...] = ()
    flags: tuple[str, ...] = ()  # no_evidence, evidence_expired
    waiver: WaiverState | None = None
    finding: Message | None = None
    recommendation: Message | None = None
    manual: bool = False
    auditor: AuditorVerdict | None = None
    # For a gap its check decided: the facts it read that stand in the way (false, zero, empty,
    # or an item lacking the field) — the root cause an action plan groups gaps by.
    causes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # the requirement's catalogue tags (domain.*, quality.*)
    typical_evidence: tuple[Message, ...] = ()  # what usually shows the requirement is met

    @property
    def waived(self) -> bool:
        """True while a valid waiver covers a requirement that is not met."""
        return is_waived(self.status, self.waiver)

    @property
    def gap_kind(self) -> GapKind | None:
        """Nonconformity (shall), improvement (should), or None (see ``gap_kind``)."""
        return gap_kind(self.level, self.status, self.waived)

    @property
    def is_gap(self) -> bool:
        """True for a nonconformity or improvement that no valid waiver covers."""
        return self.gap_kind is not None

    @property
    def alert(self) -> bool:
        """True for a veto requirement judged conforming on evidence that has expired."""
        return self.veto and self.status == Status.CONFORMING and "evidence_expired" in self.flags


@dataclass(frozen=True)
class NodeScore:
    """A chapter's or clause's score and its share of the standard's score."""

    id: str
    title: Message
    score: float | None
    weight: float
    children: tuple[NodeScore, ...] = ()


@dataclass(frozen=True)
class StandardResult:
    """The outcome for one standard."""

    number: str
    title: Message
    score: float | None
    grade: str | None
    grade_label: Message | None
    veto_triggered: tuple[str, ...]
    counts: dict[str, int]
    gaps: int
    chapters: tuple[NodeScore, ...]
    weight: float
    nonconformities: int = 0
    improvements: int = 0
    coverage: float | None = None  # share of the scored weight that could be evaluated


@dataclass(frozen=True)
class GradeBand:
    """A grade of the scoring profile the report was scored with."""

    id: str
    min: float
    label: Message


@dataclass(frozen=True)
class SourceFile:
    """A clause-tree file an assessment used."""

    standard: str
    file: str
    sha256: str
    builtin: bool


ACTION_STATUS_LABELS = {
    "open": Message("未开始", "not started"),
    "in_progress": Message("进行中", "in progress"),
    "done": Message("已完成", "done"),
}


@dataclass(frozen=True)
class Action:
    """One line of the action plan (整改计划): a root cause and the gaps fixing it closes."""

    number: int
    cause: str  # the failing fact's path, or the requirement id when no fact decides it
    cause_label: Message
    measure: Message  # what to do: the heaviest gap's recommendation (or its requirement)
    closes: tuple[str, ...]  # requirement ids, heaviest first
    weight: float  # the weighted gap it closes (weight × level factor × points missing)
    severity: str  # the most severe of the gaps it closes
    department: Message  # suggested from the domain tag (toolkit default)
    deadline: date  # suggested from the severity (toolkit default)
    verification: tuple[Message, ...]  # typical evidence of the requirements it closes
    nonconformities: int = 0
    improvements: int = 0
    veto: bool = False  # closes a veto requirement's gap
    owner: str = ""
    status: str = "open"  # open | in_progress | done (ACTION_STATUS_LABELS)


@dataclass(frozen=True)
class Report:
    """A whole assessment."""

    centre: dict[str, object]
    assessed_on: date
    tool_version: str
    profile: str
    standards: tuple[StandardResult, ...]
    results: tuple[RequirementResult, ...]
    score: float | None
    grade: str | None
    grade_label: Message | None
    counts: dict[str, int] = field(default_factory=dict)
    sources: tuple[SourceFile, ...] = ()  # the clause files used, with checksums
    evidence: tuple[EvidenceRef, ...] = ()  # every evidence item the centre listed
    grades: tuple[GradeBand, ...] = ()  # the profile's bands, highest first
    coverage: float | None = None
    coverage_threshold: float | None = None
    # The toolkit's thresholds used (profiles/thresholds.yaml, or --thresholds): name → value etc.
    parameters: dict[str, dict[str, object]] = field(default_factory=dict)
    # The scoring method's figures, for the report's 评估方法: status points, level factors,
    # roll-ups, the waiver rule, the veto cap (the profile's values, not the standards').
    scoring: dict[str, object] = field(default_factory=dict)
    actions: tuple[Action, ...] = ()  # the action plan (assessment.actions), heaviest first
    actions_note: Message | None = None  # whose suggestions its departments and deadlines are

    def _ordered(self, kind: GapKind) -> list[RequirementResult]:
        indexed = [(i, r) for i, r in enumerate(self.results) if r.gap_kind == kind]
        indexed.sort(key=lambda pair: (SEVERITY_ORDER.get(pair[1].severity, 9), pair[0]))
        return [r for _, r in indexed]

    @property
    def gaps(self) -> list[RequirementResult]:
        """Unwaived gaps: nonconformities, then improvements, each most severe first."""
        return self.nonconformities + self.improvements

    @property
    def nonconformities(self) -> list[RequirementResult]:
        """Unwaived shall requirements not (fully) met, most severe first."""
        return self._ordered(GapKind.NONCONFORMITY)

    @property
    def improvements(self) -> list[RequirementResult]:
        """Unwaived should requirements not (fully) met, most severe first."""
        return self._ordered(GapKind.IMPROVEMENT)

    @property
    def not_adopted(self) -> list[RequirementResult]:
        """Permissions (may) the centre has not taken up: for information only."""
        return [r for r in self.results if r.status == Status.NOT_ADOPTED]

    @property
    def alerts(self) -> list[RequirementResult]:
        """Veto requirements judged conforming on expired evidence."""
        return [r for r in self.results if r.alert]

    @property
    def without_evidence(self) -> int:
        """How many conforming results cite no evidence."""
        return sum("no_evidence" in r.flags for r in self.results)

    @property
    def data_needed(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each missing fact (in first-use order) with the requirements it would decide."""
        needed: dict[str, list[str]] = {}
        for r in self.results:
            if r.status == Status.NOT_EVALUABLE:
                for path in r.missing:
                    needed.setdefault(path, []).append(r.requirement)
        return [(path, tuple(ids)) for path, ids in needed.items()]

    @property
    def manual(self) -> list[RequirementResult]:
        """Requirements that need a person's verdict (no fact decides them)."""
        return [r for r in self.results if r.status == Status.NOT_EVALUABLE and not r.missing]

    @property
    def has_gaps(self) -> bool:
        """True when at least one unwaived gap exists."""
        return any(r.is_gap for r in self.results)
