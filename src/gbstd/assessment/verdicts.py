"""Decide each requirement's verdict: a declaration, then applicability, then the check.

What does not depend on the centre (titles, conditions, fixed verdicts, the facts a check
needs) is planned once per standard and check set (``plan_for``); deciding a centre is then
a walk over the plan's slots with the centre's ``Facts``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gbstd.assessment.facts import Facts
from gbstd.assessment.results import Status, status_for_level
from gbstd.catalogue.checks import CheckSet, CompiledCheck, fact_chains, item_fields
from gbstd.catalogue.expressions import Expression
from gbstd.catalogue.standard import Applicability, Chapter, Clause, Requirement, Standard
from gbstd.description.factinfo import candidate_values, fact_label
from gbstd.description.model import CentreDescription
from gbstd.errors import GbstdError
from gbstd.i18n import Message


class CheckFailedError(GbstdError):
    """A check that compiled but could not be evaluated (a wrong type, a missing guard)."""


def as_message(text: Any) -> Message:
    """A catalogue ``Text`` as a ``Message``."""
    return Message(text.zh, text.get("en"))


_COMPILED_CONDITIONS: dict[str, Expression] = {}


def _condition(when: str) -> Expression:
    if when not in _COMPILED_CONDITIONS:
        _COMPILED_CONDITIONS[when] = Expression(when)
    return _COMPILED_CONDITIONS[when]


def _run(check: CompiledCheck, expression: Expression, data: Any) -> bool:
    try:
        value = expression.evaluate(data)
    except (KeyError, RuntimeError, TypeError, ValueError) as exc:
        raise CheckFailedError(
            f"{check.source}: 要求 {check.check.requirement} 的检查项运行出错：{exc!r}",
            f"{check.source}: the check for {check.check.requirement} failed: {exc!r}",
        ) from None
    if not isinstance(value, bool):
        raise CheckFailedError(
            f"{check.source}: 要求 {check.check.requirement} 的表达式应返回 true/false，却返回 {value!r}",
            f"{check.source}: the check for {check.check.requirement} returned {value!r}, not a boolean",
        )
    return value


@dataclass(frozen=True)
class Verdict:
    """A requirement's status and why, before evidence, waivers and auditors are added."""

    status: Status
    reason: Message
    missing: tuple[str, ...] = ()
    basis: str | None = None
    manual: bool = False


# Verdicts that do not depend on the centre, made once.
_NOT_ASSESSABLE = Verdict(
    Status.NOT_EVALUABLE, Message("该要求标记为不可评估", "marked not assessable")
)
_NO_CHECK = Verdict(
    Status.NOT_EVALUABLE, Message("该要求没有检查项", "no check for this requirement")
)
_PASSED = Verdict(Status.CONFORMING, Message("检查通过", "check passed"))


@dataclass(frozen=True)
class _Condition:
    """An applicability condition, with the facts it reads and the verdict when it is false."""

    expression: Expression
    reads: tuple[str, ...]
    otherwise: Verdict


def _compile_condition(condition: Applicability) -> _Condition:
    # As in checks, a fact tested with has() is optional: the condition itself says what its
    # absence means (``!has(online.platform) || …`` keeps files written before the field).
    used, tested = fact_chains(condition.when)
    return _Condition(
        _condition(condition.when),
        tuple(sorted(used - tested)),
        Verdict(Status.NOT_APPLICABLE, as_message(condition.description), basis="profile"),
    )


def _applicability(conditions: Sequence[_Condition], facts: Facts) -> Verdict | None:
    for condition in conditions:
        # A standard's condition is inherited by each of its requirements: decide it once.
        outcome = facts.outcomes.get(condition.expression)
        if outcome is None:
            absent = facts.missing(condition.reads)
            outcome = absent or bool(condition.expression.evaluate(facts.data))
            facts.outcomes[condition.expression] = outcome
        if isinstance(outcome, tuple):
            missing = _missing_text(outcome)
            return Verdict(
                Status.NOT_EVALUABLE,
                Message(
                    f"无法判断是否适用，待补充资料：{missing.zh}",
                    f"cannot tell whether it applies; data needed: {missing.en}",
                ),
                outcome,
            )
        if not outcome:
            return condition.otherwise
    return None


def _missing_text(paths: Sequence[str]) -> Message:
    """Missing facts by their labels in the format, each with its path."""
    return Message(
        "、".join(f"{fact_label(p, 'zh')}（{p}）" for p in paths),
        "; ".join(f"{fact_label(p, 'en')} ({p})" for p in paths),
    )


def _finding(check: CompiledCheck, partial: bool) -> Message:
    if check.check.finding is not None:
        finding = as_message(check.check.finding)
        if partial:
            return Message(f"部分做到：{finding.zh}", f"partly met: {finding.en}")
        return finding
    if partial:
        return Message("只部分满足检查条件", "the check is only partly met")
    return Message("不满足检查条件", "the check is not met")


@dataclass(frozen=True)
class Slot:
    """What evaluation needs of one requirement, computed once per standard and check set."""

    node: Requirement
    names: frozenset[str]  # ids a not-applicable declaration may use to reach it
    conditions: tuple[_Condition, ...]
    chapter: str
    parent: str
    title: Message
    statement: Message
    check: CompiledCheck | None
    reads: frozenset[str]  # the facts the check needs stated
    # The facts the expressions read beyond ``reads`` (tested with has(), or items' fields):
    # (path, None) for a fact, (list path, field) for a field of every item.
    optional: tuple[tuple[str, str | None], ...]
    level: str
    fixed: Verdict | None  # decided without the facts: not assessable, no check, manual
    partly: Verdict | None  # the verdicts when the check fails (partly or wholly)
    failed: Verdict | None
    severity: str
    finding: Message | None
    recommendation: Message | None
    # Not-stated verdicts by the reads that were stated: at most 2^len(reads), made once each.
    unstated: dict[frozenset[str], Verdict] = field(default_factory=dict, compare=False)


def _optional_facts(check: CompiledCheck | None) -> tuple[tuple[str, str | None], ...]:
    """The value facts a check's expressions may read without ``reads`` guaranteeing them."""
    if check is None or check.expect is None:
        return ()
    sources = [e for e in (check.check.expect, check.check.partial) if e is not None]
    reads = set(check.check.reads)
    found: dict[tuple[str, str | None], None] = {}
    for source in sources:
        for path, item in item_fields(source):
            if f"{path}[].{item}" not in reads and candidate_values(f"{path}[].{item}"):
                found[(path, item)] = None
        for chain in sorted(fact_chains(source)[0]):
            if chain not in reads and candidate_values(chain):
                found[(chain, None)] = None
    return tuple(found)


def _fixed_verdict(node: Requirement, check: CompiledCheck | None) -> Verdict | None:
    if not node.assessable:
        return _NOT_ASSESSABLE
    if check is None:
        return _NO_CHECK
    if check.expect is None:
        manual = check.check.manual
        return Verdict(
            Status.NOT_EVALUABLE,
            Message(f"需人工核查：{manual.zh}", f"needs a person to check: {manual.get('en')}"),
            manual=True,
        )
    return None


@dataclass(frozen=True)
class Plan:
    """How to decide one standard's requirements with one check set."""

    slots: tuple[Slot, ...]  # one per requirement, in walk order
    vetoes: tuple[int, ...]  # the positions of veto requirements


_PLANS: dict[tuple[int, int], tuple[Standard, CheckSet, Plan]] = {}


def plan_for(standard: Standard, checks: CheckSet) -> Plan:
    """The standard's plan for these checks, made on first use and kept."""
    # Keyed by id(); both objects are kept in the value, so their ids cannot be reused meanwhile.
    key = (id(standard), id(checks))
    found = _PLANS.get(key)
    if found is not None:
        return found[2]
    slots = []
    for ancestors, node in standard.walk():
        if not isinstance(node, Requirement):
            continue
        chapter = next((a.id for a in ancestors if isinstance(a, Chapter)), "")
        parent = next(
            (a.id for a in reversed(ancestors) if isinstance(a, Clause | Chapter)), chapter
        )
        check = checks.by_requirement.get(node.id)
        automatic = check is not None and check.expect is not None
        slots.append(
            Slot(
                node=node,
                names=frozenset(
                    {standard.number, standard.slug, node.id} | {a.id for a in ancestors}
                ),
                conditions=tuple(
                    _compile_condition(a.applicability)
                    for a in (standard, *ancestors, node)
                    if a.applicability is not None
                ),
                chapter=chapter,
                parent=parent,
                title=as_message(node.title),
                statement=checks.thresholds.render(as_message(node.statement)),
                check=check,
                reads=frozenset(check.check.reads if check else ()),
                optional=_optional_facts(check),
                level=node.level.value,
                fixed=_fixed_verdict(node, check),
                partly=Verdict(
                    status_for_level(node.level.value, Status.PARTIAL),
                    _finding(check, partial=True),
                )
                if automatic
                else None,
                failed=Verdict(
                    status_for_level(node.level.value, Status.NONCONFORMING),
                    _finding(check, partial=False),
                )
                if automatic
                else None,
                severity=(
                    check.check.severity if check and check.check.severity else node.importance
                ).value,
                finding=as_message(check.check.finding) if check and check.check.finding else None,
                recommendation=(
                    as_message(check.check.recommendation)
                    if check and check.check.recommendation
                    else None
                ),
            )
        )
    plan = Plan(tuple(slots), tuple(i for i, slot in enumerate(slots) if slot.node.veto))
    _PLANS[key] = (standard, checks, plan)
    return plan


def compile_plans(standards: Sequence[Standard], checks: CheckSet) -> None:
    """Make each standard's evaluation plan now rather than on first use (for batch workers)."""
    for standard in standards:
        plan_for(standard, checks)


def _not_stated(slot: Slot, stated: frozenset[str], facts: Facts) -> Verdict:
    # A batch decides ~270 of these per centre, and centres miss the same facts: make each once.
    verdict = slot.unstated.get(stated)
    if verdict is None:
        assert slot.check is not None
        absent = facts.missing(slot.check.check.reads)
        verdict = slot.unstated[stated] = _data_needed(absent)
    return verdict


def _data_needed(absent: tuple[str, ...]) -> Verdict:
    missing = _missing_text(absent)
    return Verdict(
        Status.NOT_EVALUABLE,
        Message(f"待补充资料：{missing.zh}", f"data needed: {missing.en}"),
        absent,
    )


def _outcome(check: CompiledCheck, data: Any) -> int:
    """2 conforming, 1 partial, 0 neither, for the facts as CEL sees them in ``data``."""
    assert check.expect is not None
    if _run(check, check.expect, data):
        return 2
    return int(check.partial is not None and _run(check, check.partial, data))


def _decided_by_gate(slot: Slot, facts: Facts) -> Verdict | None:
    """The failure a closed gate decides although facts of its block are left unanswered.

    "No rating at all" leaves the promised days to fix a bad rating unanswered; a check that
    also reads them still fails on the "no" (``explained`` names the gate), rather than asking
    for a figure the questionnaire said need not be given. None when the check would pass,
    cannot run without the fact, or misses facts the gate does not answer.
    """
    if not facts.implied or not all(p in facts.implied for p in slot.reads - facts.paths):
        return None
    assert slot.check is not None
    try:
        outcome = _outcome(slot.check, facts.data)
    except CheckFailedError:
        return None
    if outcome == 2:
        return None
    return slot.partly if outcome == 1 else slot.failed


def _decide(slot: Slot, facts: Facts) -> Verdict:
    if slot.fixed is not None:
        return slot.fixed
    check = slot.check
    assert check is not None and check.expect is not None  # fixed covers the rest
    if not slot.reads <= facts.paths:
        gated = _decided_by_gate(slot, facts)
        return gated or _not_stated(slot, slot.reads & facts.paths, facts)
    outcome = _outcome(check, facts.data)
    if outcome == 2:
        return _PASSED
    # A check that falls short may do so only because a fact it reads beyond ``reads`` was
    # left out (a guarded has(), an item's field): if some value of the absent facts would
    # change the verdict, the facts do not decide it, and missing data is not failure.
    absent = facts.absent(slot.optional) if slot.optional else ()
    if absent:
        choices = max(len(candidate_values(path)) for path in absent)
        for choice in range(min(choices, 12)):
            try:
                changed = _outcome(check, facts.filled(absent, choice)) != outcome
            except CheckFailedError:  # a guessed value the expression cannot take: no answer
                continue
            if changed:
                return _data_needed(absent)
    return slot.partly if outcome == 1 else slot.failed  # type: ignore[return-value]


def _checked(verdict: Verdict, slot: Slot) -> bool:
    """True when the verdict is the check's own (not a declaration's, nor applicability's)."""
    return verdict is _PASSED or verdict is slot.partly or verdict is slot.failed


def explained(verdict: Verdict, slot: Slot, facts: Facts) -> Verdict:
    """Name in the reason the parts of the check that hold (which condition failed, and how).

    Only for the check's own verdict, and only when it explains itself.
    """
    check = slot.check
    if check is None or not _checked(verdict, slot):
        return verdict
    if verdict.status != Status.CONFORMING and facts.implied:
        # A fact the centre never answered because it said "no" to the whole block: the "no"
        # is the reason, not the check's finding (no evaluation is not "pressured ratings").
        gates = dict.fromkeys(facts.implied[p] for p in check.check.reads if p in facts.implied)
        if gates:
            zh = "；".join(f"{fact_label(g)}：否" for g in gates)
            en = "; ".join(f"{fact_label(g, 'en')}: no" for g in gates)
            return Verdict(verdict.status, Message(zh, en), verdict.missing, verdict.basis)
    if not check.explain:
        return verdict
    said = [message for expression, message in check.explain if _run(check, expression, facts.data)]
    if not said:
        return verdict
    zh, en = "；".join(m.zh for m in said), "; ".join(m.en for m in said)
    if verdict.status == Status.CONFORMING:
        reason = Message(f"检查通过；{zh}", f"check passed; {en}")
    elif verdict.status == Status.PARTIAL:
        reason = Message(f"部分做到：{zh}", f"partly met: {en}")
    else:
        reason = Message(zh, en)
    return Verdict(verdict.status, reason, verdict.missing, verdict.basis, verdict.manual)


def declarations(description: CentreDescription) -> dict[str, tuple[int, Verdict]]:
    """The centre's not-applicable declarations by the id they name (with their list position)."""
    declared: dict[str, tuple[int, Verdict]] = {}
    for position, item in enumerate(description.not_applicable or []):
        declared.setdefault(
            item.requirement,
            (
                position,
                Verdict(
                    Status.NOT_APPLICABLE,
                    Message(
                        f"中心声明不适用：{item.reason}", f"declared not applicable: {item.reason}"
                    ),
                    basis="declared",
                ),
            ),
        )
    return declared


def decide_all(
    slots: Sequence[Slot], facts: Facts, declared: Mapping[str, tuple[int, Verdict]]
) -> list[Verdict]:
    """Decide every requirement: a declaration first, then applicability, then the check."""
    verdicts = []
    for slot in slots:
        verdict = None
        # Most requirements meet no declaration: one set test rules that out.
        if declared and not slot.names.isdisjoint(declared):
            # The first declaration in the file that reaches this requirement wins.
            reaching = [declared[name] for name in slot.names if name in declared]
            verdict = min(reaching, key=lambda pair: pair[0])[1]
        if verdict is None and slot.conditions:
            verdict = _applicability(slot.conditions, facts)
        verdicts.append(verdict or _decide(slot, facts))
    return verdicts
