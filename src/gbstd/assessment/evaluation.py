"""Evaluate a centre against standards: each result with its evidence, waiver and auditor; figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from gbstd.assessment.facts import Facts
from gbstd.assessment.findings import Finding
from gbstd.assessment.results import (
    EVALUATED_STATUSES,
    AuditorVerdict,
    EvidenceRef,
    GapKind,
    GradeBand,
    Report,
    RequirementResult,
    StandardResult,
    Status,
    WaiverState,
    gap_kind,
    is_waived,
    status_for_level,
)
from gbstd.assessment.scoring import (
    Grade,
    ScoringProfile,
    overall_score,
    score_standard,
    standard_score,
    veto_triggered,
)
from gbstd.assessment.verdicts import (
    Plan,
    Verdict,
    as_message,
    decide_all,
    declarations,
    explained,
    plan_for,
)
from gbstd.catalogue.checks import CheckSet
from gbstd.catalogue.standard import Standard
from gbstd.description.evidence import Evidence
from gbstd.description.model import CentreDescription
from gbstd.i18n import Message


class _EvidenceIndex:
    """The centre's evidence, indexed once so each requirement finds its items quickly."""

    def __init__(self, evidence: Sequence[Evidence], as_of: date) -> None:
        self.refs: list[EvidenceRef] = []
        self.by_requirement: dict[str, list[int]] = {}
        self.facts: list[tuple[str, int]] = []
        for index, item in enumerate(evidence):
            expired = item.expires is not None and item.expires < as_of
            location = item.path or item.url or ""
            self.refs.append(
                EvidenceRef(item.id, item.title, location, item.effective, item.expires, expired)
            )
            for requirement in item.supports or []:
                self.by_requirement.setdefault(requirement, []).append(index)
            self.facts += [(fact.replace("[]", ""), index) for fact in item.facts or []]

    def find(self, requirement: str, reads: Sequence[str]) -> tuple[EvidenceRef, ...]:
        """Evidence citing the requirement, or backing a fact its check reads (or part of one)."""
        found = set(self.by_requirement.get(requirement, ()))
        for read in reads:
            read = read.replace("[]", "")
            for fact, index in self.facts:
                if fact == read or fact.startswith(read + ".") or read.startswith(fact + "."):
                    found.add(index)
        return tuple(self.refs[i] for i in sorted(found))


def _waivers(description: CentreDescription, as_of: date) -> dict[str, WaiverState]:
    """The first waiver the centre lists for each requirement."""
    waivers: dict[str, WaiverState] = {}
    for waiver in description.waivers or []:
        waivers.setdefault(
            waiver.requirement,
            WaiverState(waiver.reason, waiver.approver, waiver.expires, waiver.expires < as_of),
        )
    return waivers


def _auditor_verdict(
    verdict: Verdict, finding: Finding, level: str
) -> tuple[Verdict, AuditorVerdict]:
    """Let an auditor's on-site verdict replace the automatic one, keeping the latter visible."""
    said = finding.finding or "（未写明）"
    said_en = finding.finding or "(no note)"
    replaced = Verdict(
        status_for_level(level, finding.status),
        Message(f"人工核查：{said}", f"auditor's finding: {said_en}"),
        basis="declared" if finding.status == Status.NOT_APPLICABLE else None,
    )
    return replaced, AuditorVerdict(
        verdict.status,
        finding.finding,
        finding.evidence,
        finding.checked_on,
        finding.auditor,
        finding.location,
    )


def evaluate_standard(
    standard: Standard,
    description: CentreDescription,
    facts: Facts,
    checks: CheckSet,
    as_of: date,
    findings: Mapping[str, Finding] | None = None,
) -> list[RequirementResult]:
    """Return one result per requirement of ``standard``, in catalogue order."""
    slots = plan_for(standard, checks).slots
    verdicts = decide_all(slots, facts, declarations(description))
    evidence = _EvidenceIndex(description.evidence or [], as_of) if description.evidence else None
    waivers = _waivers(description, as_of)
    results = []
    for slot, verdict in zip(slots, verdicts, strict=True):
        node = slot.node
        auditor = None
        # Which conditions failed is said only here: a batch keeps statuses, not reasons.
        verdict = explained(verdict, slot, facts)
        if findings and node.id in findings:
            verdict, auditor = _auditor_verdict(verdict, findings[node.id], slot.level)
        reads = slot.check.check.reads if slot.check else ()
        refs = evidence.find(node.id, reads) if evidence else ()
        flags = []
        if verdict.status == Status.CONFORMING and not refs:
            flags.append("no_evidence")
        if any(r.expired for r in refs):
            flags.append("evidence_expired")
        results.append(
            RequirementResult(
                requirement=node.id,
                standard=standard.number,
                chapter=slot.chapter,
                parent=slot.parent,
                title=slot.title,
                statement=slot.statement,
                provenance=node.provenance.value,
                status=verdict.status,
                reason=verdict.reason,
                severity=slot.severity,
                weight=node.weight,
                veto=node.veto,
                level=slot.level,
                missing=verdict.missing,
                basis=verdict.basis,
                evidence=refs,
                flags=tuple(flags),
                waiver=waivers.get(node.id),
                finding=slot.finding,
                recommendation=slot.recommendation,
                manual=verdict.manual,
                auditor=auditor,
                # An auditor's verdict is not the facts': it names no failing fact.
                causes=_causes(reads, facts)
                if auditor is None and gap_kind(slot.level, verdict.status, False)
                else (),
                tags=node.tags,
                typical_evidence=tuple(as_message(t) for t in node.typical_evidence),
            )
        )
    return results


def _short(value: Any) -> bool:
    """True for a value no check asks for: false, zero, empty, or a block with a false flag."""
    if isinstance(value, dict):
        return any(_short(v) for v in value.values() if isinstance(v, bool))
    return value is None or value is False or value == 0 or value in ("", [], {})


def _causes(reads: Sequence[str], facts: Facts) -> tuple[str, ...]:
    """The facts a failed check read that stand in the way; none when none visibly does.

    A heuristic, named as such where it is shown: a number below a threshold, or a list missing
    an entry, is not visibly short, so such a gap has no cause found and is an action of its own
    (putting it down to every fact it read made "窗口人员总数" a root cause).
    Of two fields of the same list's items, one short only on items where the other is short
    too is taken for the filter (a department not yet entered has no authorisation letter
    either), not the cause: "some entered department lacks its letter" is put down to the letter.
    """
    short: list[str] = []
    items_short: dict[str, frozenset[int]] = {}
    for path in reads:
        if "[]." in path:
            block, item_field = path.split("[].", 1)
            items = facts.value(block)
            if isinstance(items, list):
                which = frozenset(
                    i
                    for i, item in enumerate(items)
                    if isinstance(item, dict) and _short(item.get(item_field))
                )
                if which:
                    short.append(path)
                    items_short[path] = which
        elif _short(facts.value(path)):
            short.append(path)
    filters = {
        path
        for path, which in items_short.items()
        for other, wider in items_short.items()
        if other != path and path.split("[].")[0] == other.split("[].")[0] and which < wider
    }
    # What a closed gate answered falls short because of the gate: the gate is the cause.
    return tuple(dict.fromkeys(facts.implied.get(p, p) for p in short if p not in filters))


@dataclass(frozen=True)
class Summary:
    """An assessment's figures without its per-requirement detail: what a batch keeps.

    ``summarise`` computes them with the same verdicts and the same roll-up as ``evaluate``,
    about four times faster, because it builds no result objects and no score tree.
    """

    scores: tuple[float | None, ...]  # per standard, in the order assessed
    score: float | None
    grade: Grade | None
    counts: tuple[int, ...]  # by status, in Status order
    gaps: tuple[str, ...]  # unwaived nonconformities and improvements, in catalogue order
    coverage: float | None = None
    vetoes: tuple[str, ...] = ()  # the veto requirements that capped the grade


def _coverage_weights(counted: Sequence[float], statuses: Sequence[Status]) -> tuple[float, float]:
    """(counted weight of the applicable requirements, of those among them evaluated).

    ``counted`` is each requirement's weight times its level's factor in the profile.
    """
    scored = evaluated = 0.0
    for weight, status in zip(counted, statuses, strict=True):
        if status == Status.NOT_APPLICABLE:
            continue
        scored += weight
        if status in EVALUATED_STATUSES:
            evaluated += weight
    return scored, evaluated


@dataclass(frozen=True)
class _Tally:
    """A plan's requirements as ``summarise`` reads them under one profile, made once.

    A batch summarises every standard of every centre: what depends only on the catalogue,
    the checks and the profile is looked up here rather than worked out per requirement.
    """

    ids: tuple[str, ...]
    levels: tuple[str, ...]
    counted: tuple[float, ...]  # weight × level factor
    gaps: tuple[frozenset[Status], ...]  # the statuses that are a gap, when not waived
    earns: tuple[Mapping[Status, float | None], ...]  # the points a status earns, not waived


_TALLIES: dict[tuple[int, int], tuple[Plan, ScoringProfile, _Tally]] = {}


def _tally(plan: Plan, profile: ScoringProfile) -> _Tally:
    # Keyed by id(); both objects are kept in the value, so their ids cannot be reused meanwhile.
    key = (id(plan), id(profile))
    found = _TALLIES.get(key)
    if found is not None:
        return found[2]
    levels = tuple(slot.level for slot in plan.slots)
    gaps = {
        level: frozenset(st for st in Status if gap_kind(level, st, False) is not None)
        for level in levels
    }
    earns = {level: {st: profile.points_for(st, False, level) for st in Status} for level in levels}
    tally = _Tally(
        tuple(slot.node.id for slot in plan.slots),
        levels,
        tuple(slot.node.weight * profile.factor(slot.level) for slot in plan.slots),
        tuple(gaps[level] for level in levels),
        tuple(earns[level] for level in levels),
    )
    _TALLIES[key] = (plan, profile, tally)
    return tally


def summarise(
    description: CentreDescription,
    standards: Sequence[Standard],
    checks: CheckSet,
    profile: ScoringProfile,
    *,
    today: date,
) -> Summary:
    """Assess a centre and keep only its figures (scores, grade, counts, gaps, coverage)."""
    as_of = description.centre.assessed_on or today
    facts = Facts.of(description, as_of)
    declared = declarations(description)
    waivers = _waivers(description, as_of)
    counts: Counter[Status] = Counter()
    gaps: list[str] = []
    scores: list[tuple[float | None, float]] = []
    vetoes: list[str] = []
    total_scored = total_evaluated = 0.0
    for standard in standards:
        plan = plan_for(standard, checks)
        slots = plan.slots
        tally = _tally(plan, profile)
        statuses = [verdict.status for verdict in decide_all(slots, facts, declared)]
        counts.update(statuses)
        if waivers:
            waived = [
                is_waived(st, waivers.get(slot.node.id))
                for slot, st in zip(slots, statuses, strict=True)
            ]
            gaps += [
                slot.node.id
                for slot, status, off in zip(slots, statuses, waived, strict=True)
                if gap_kind(slot.level, status, off) is not None
            ]
            points = [
                profile.points_for(status, off, slot.level)
                for status, off, slot in zip(statuses, waived, slots, strict=True)
            ]
        else:
            waived = [False] * len(slots)
            gaps += [
                requirement
                for requirement, short, status in zip(tally.ids, tally.gaps, statuses, strict=True)
                if status in short
            ]
            points = [earn[status] for earn, status in zip(tally.earns, statuses, strict=True)]
        vetoes += [
            slots[i].node.id
            for i in plan.vetoes
            if profile.caps(True, statuses[i], waived[i], slots[i].level)
        ]
        scores.append(standard_score(standard, points, profile))
        scored, evaluated = _coverage_weights(tally.counted, statuses)
        total_scored += scored
        total_evaluated += evaluated
    overall = overall_score(scores, profile)
    coverage = profile.coverage(total_scored, total_evaluated)
    return Summary(
        tuple(score for score, _ in scores),
        overall,
        profile.grade(overall, capped=bool(vetoes), coverage=coverage),
        tuple(counts[status] for status in Status),
        tuple(gaps),
        coverage,
        tuple(vetoes),
    )


def evaluate(
    description: CentreDescription,
    standards: Sequence[Standard],
    checks: CheckSet,
    profile: ScoringProfile,
    *,
    today: date,
    tool_version: str = "",
    findings: Mapping[str, Finding] | None = None,
) -> Report:
    """Assess a centre against ``standards`` and return the report.

    ``findings`` (by requirement id) are auditors' verdicts; each one replaces the automatic
    result, which stays visible in the result's ``auditor`` record.
    """
    as_of = description.centre.assessed_on or today
    facts = Facts.of(description, as_of)
    all_results: list[RequirementResult] = []
    standard_results = []
    total_scored = total_evaluated = 0.0
    for standard in standards:
        results = evaluate_standard(standard, description, facts, checks, as_of, findings)
        all_results += results
        points = {r.requirement: profile.points(r) for r in results}
        score, weight, chapters = score_standard(standard, points, profile)
        vetoes = veto_triggered(results, profile)
        scored, evaluated = _coverage_weights(
            [r.weight * profile.factor(r.level) for r in results], [r.status for r in results]
        )
        total_scored += scored
        total_evaluated += evaluated
        coverage = profile.coverage(scored, evaluated)
        grade = profile.grade(score, capped=bool(vetoes), coverage=coverage)
        counts = Counter(r.status.value for r in results)
        kinds = Counter(r.gap_kind for r in results)
        standard_results.append(
            StandardResult(
                number=standard.number,
                title=as_message(standard.title),
                score=score,
                grade=grade.id if grade else None,
                grade_label=as_message(grade.label) if grade else None,
                veto_triggered=vetoes,
                counts={s.value: counts.get(s.value, 0) for s in Status},
                gaps=sum(r.is_gap for r in results),
                chapters=chapters,
                weight=weight,
                nonconformities=kinds[GapKind.NONCONFORMITY],
                improvements=kinds[GapKind.IMPROVEMENT],
                coverage=coverage,
            )
        )
    overall = overall_score([(s.score, s.weight) for s in standard_results], profile)
    coverage = profile.coverage(total_scored, total_evaluated)
    grade = profile.grade(
        overall, capped=any(s.veto_triggered for s in standard_results), coverage=coverage
    )
    counts = Counter(r.status.value for r in all_results)
    centre = description.centre
    evidence = tuple(
        EvidenceRef(
            e.id,
            e.title,
            e.path or e.url or "",
            e.effective,
            e.expires,
            e.expires is not None and e.expires < as_of,
        )
        for e in description.evidence or []
    )
    return Report(
        centre={
            "name": centre.name,
            "level": centre.level.value,
            "region": centre.region.model_dump(exclude_none=True) if centre.region else {},
        },
        assessed_on=as_of,
        tool_version=tool_version,
        profile=profile.name.zh,
        standards=tuple(standard_results),
        results=tuple(all_results),
        score=overall,
        grade=grade.id if grade else None,
        grade_label=as_message(grade.label) if grade else None,
        counts={s.value: counts.get(s.value, 0) for s in Status},
        evidence=evidence,
        grades=tuple(GradeBand(g.id, g.min, as_message(g.label)) for g in profile.grades),
        coverage=coverage,
        coverage_threshold=profile.coverage_threshold,
        parameters=checks.thresholds.report({r.requirement for r in all_results}),
        scoring={
            "status_scores": profile.status_scores.model_dump(),
            "level_weights": {
                "shall": profile.level_weights.shall,
                "should": profile.factor("should"),
            },
            "rollup": profile.rollup,
            "overall": profile.overall,
            "waived": profile.waived,
            "veto_cap": profile.veto.cap,
        },
    )
