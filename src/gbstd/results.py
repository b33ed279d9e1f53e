"""What an assessment produces: one result per requirement, scores, and the report around them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .i18n import Lang, Message


class Status(StrEnum):
    """The five outcomes of a requirement."""

    CONFORMING = "conforming"
    PARTIAL = "partial"
    NONCONFORMING = "nonconforming"
    NOT_APPLICABLE = "not_applicable"
    NOT_EVALUABLE = "not_evaluable"

    def label(self, lang: Lang = "zh") -> str:
        """Return the status in words."""
        return STATUS_LABELS[self](lang)


STATUS_LABELS = {
    Status.CONFORMING: Message("符合", "conforming"),
    Status.PARTIAL: Message("部分符合", "partial"),
    Status.NONCONFORMING: Message("不符合", "nonconforming"),
    Status.NOT_APPLICABLE: Message("不适用", "not applicable"),
    Status.NOT_EVALUABLE: Message("无法评估", "not evaluable"),
}
GAP_STATUSES = frozenset({Status.NONCONFORMING, Status.PARTIAL, Status.NOT_EVALUABLE})
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
    """True while a valid waiver covers a gap."""
    return waiver is not None and not waiver.expired and status in GAP_STATUSES


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
    missing: tuple[str, ...] = ()
    basis: str | None = None  # for not_applicable: "profile" (derived) or "declared"
    evidence: tuple[EvidenceRef, ...] = ()
    flags: tuple[str, ...] = ()  # no_evidence, evidence_expired
    waiver: WaiverState | None = None
    finding: Message | None = None
    recommendation: Message | None = None
    manual: bool = False
    auditor: AuditorVerdict | None = None

    @property
    def waived(self) -> bool:
        """True while a valid waiver covers a gap."""
        return is_waived(self.status, self.waiver)

    @property
    def is_gap(self) -> bool:
        """True for a gap that no valid waiver covers."""
        return self.status in GAP_STATUSES and not self.waived


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
    # The toolkit's thresholds used (profiles/thresholds.yaml, or --thresholds): name → value etc.
    parameters: dict[str, dict[str, object]] = field(default_factory=dict)

    @property
    def gaps(self) -> list[RequirementResult]:
        """Unwaived gaps, most severe first, then in catalogue order."""
        indexed = [(i, r) for i, r in enumerate(self.results) if r.is_gap]
        indexed.sort(key=lambda pair: (SEVERITY_ORDER.get(pair[1].severity, 9), pair[0]))
        return [r for _, r in indexed]

    @property
    def has_gaps(self) -> bool:
        """True when at least one unwaived gap exists."""
        return any(r.is_gap for r in self.results)
