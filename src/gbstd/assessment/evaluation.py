"""Evaluate a self-description against standards, requirement by requirement. No I/O here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from pydantic import BaseModel

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
from gbstd.catalogue.checks import (
    ASSESSMENT_VARIABLE,
    CheckSet,
    CompiledCheck,
    fact_chains,
    item_fields,
)
from gbstd.catalogue.expressions import Expression, context
from gbstd.catalogue.standard import Applicability, Chapter, Clause, Requirement, Standard
from gbstd.description.factinfo import candidate_values, fact_label, item_field_names
from gbstd.description.model import CentreDescription, Evidence, block_kind
from gbstd.errors import GbstdError
from gbstd.i18n import Message


class CheckFailedError(GbstdError):
    """A check that compiled but could not be evaluated (a wrong type, a missing guard)."""


@cache
def _blocks(model: type[BaseModel]) -> tuple[tuple[str, str, Any], ...]:
    """The nested blocks and block lists of a model (computed once per model)."""
    found = []
    for name, info in model.model_fields.items():
        kind, target = block_kind(info.annotation)
        if kind != "value":
            found.append((name, kind, target))
    return tuple(found)


def _with_empty_blocks(model: type[BaseModel], stated: dict[str, Any]) -> dict[str, Any]:
    """Copy ``stated`` with every absent nested block present but empty.

    CEL's ``has(a.b.c)`` is an error, not false, when ``a.b`` itself is absent; filling the
    blocks lets checks test any optional fact with ``has()``.
    """
    filled = dict(stated)
    for name, kind, target in _blocks(model):
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
    paths: frozenset[str] = field(init=False, compare=False, repr=False)
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
        stated = description.model_dump(mode="json", exclude_none=True)
        return cls(stated, context(fact_data(stated, as_of)), as_of)

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
            self.guesses[key] = self._filled(absent, choice)
        return self.guesses[key]

    def _filled(self, absent: Sequence[str], choice: int) -> Any:
        # Copied only along the paths filled in, never the whole description: a deep copy of
        # a complete centre's facts per guess made these checks 90 % of a batch's time.
        stated = dict(self.stated)
        for path in absent:
            values = candidate_values(path)
            value = values[min(choice, len(values) - 1)]
            head, _, item = path.partition("[].")
            *parents, last = head.split(".")
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
        return context(fact_data(stated, self.as_of or date.today()))


def _text(text: Any) -> Message:
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
class _Verdict:
    status: Status
    reason: Message
    missing: tuple[str, ...] = ()
    basis: str | None = None
    manual: bool = False


# Verdicts that do not depend on the centre, made once.
_NOT_ASSESSABLE = _Verdict(
    Status.NOT_EVALUABLE, Message("该要求标记为不可评估", "marked not assessable")
)
_NO_CHECK = _Verdict(
    Status.NOT_EVALUABLE, Message("该要求没有检查项", "no check for this requirement")
)
_PASSED = _Verdict(Status.CONFORMING, Message("检查通过", "check passed"))


@dataclass(frozen=True)
class _Condition:
    """An applicability condition, with the facts it reads and the verdict when it is false."""

    expression: Expression
    reads: tuple[str, ...]
    otherwise: _Verdict


def _compile_condition(condition: Applicability) -> _Condition:
    # As in checks, a fact tested with has() is optional: the condition itself says what its
    # absence means (``!has(online.platform) || …`` keeps files written before the field).
    used, tested = fact_chains(condition.when)
    return _Condition(
        _condition(condition.when),
        tuple(sorted(used - tested)),
        _Verdict(Status.NOT_APPLICABLE, _text(condition.description), basis="profile"),
    )


def _applicability(conditions: Sequence[_Condition], facts: Facts) -> _Verdict | None:
    for condition in conditions:
        # A standard's condition is inherited by each of its requirements: decide it once.
        outcome = facts.outcomes.get(condition.expression)
        if outcome is None:
            absent = facts.missing(condition.reads)
            outcome = absent or bool(condition.expression.evaluate(facts.data))
            facts.outcomes[condition.expression] = outcome
        if isinstance(outcome, tuple):
            missing = _missing_text(outcome)
            return _Verdict(
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
        finding = _text(check.check.finding)
        if partial:
            return Message(f"部分做到：{finding.zh}", f"partly met: {finding.en}")
        return finding
    if partial:
        return Message("只部分满足检查条件", "the check is only partly met")
    return Message("不满足检查条件", "the check is not met")


@dataclass(frozen=True)
class _Slot:
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
    fixed: _Verdict | None  # decided without the facts: not assessable, no check, manual
    partly: _Verdict | None  # the verdicts when the check fails (partly or wholly)
    failed: _Verdict | None
    severity: str
    finding: Message | None
    recommendation: Message | None
    # Not-stated verdicts by the reads that were stated: at most 2^len(reads), made once each.
    unstated: dict[frozenset[str], _Verdict] = field(default_factory=dict, compare=False)


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


def _fixed_verdict(node: Requirement, check: CompiledCheck | None) -> _Verdict | None:
    if not node.assessable:
        return _NOT_ASSESSABLE
    if check is None:
        return _NO_CHECK
    if check.expect is None:
        manual = check.check.manual
        return _Verdict(
            Status.NOT_EVALUABLE,
            Message(f"需人工核查：{manual.zh}", f"needs a person to check: {manual.get('en')}"),
            manual=True,
        )
    return None


@dataclass(frozen=True)
class _Plan:
    slots: tuple[_Slot, ...]  # one per requirement, in walk order
    vetoes: tuple[int, ...]  # the positions of veto requirements


_PLANS: dict[tuple[int, int], tuple[Standard, CheckSet, _Plan]] = {}


def _plan(standard: Standard, checks: CheckSet) -> _Plan:
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
            _Slot(
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
                title=_text(node.title),
                statement=checks.thresholds.render(_text(node.statement)),
                check=check,
                reads=frozenset(check.check.reads if check else ()),
                optional=_optional_facts(check),
                level=node.level.value,
                fixed=_fixed_verdict(node, check),
                partly=_Verdict(
                    status_for_level(node.level.value, Status.PARTIAL),
                    _finding(check, partial=True),
                )
                if automatic
                else None,
                failed=_Verdict(
                    status_for_level(node.level.value, Status.NONCONFORMING),
                    _finding(check, partial=False),
                )
                if automatic
                else None,
                severity=(
                    check.check.severity if check and check.check.severity else node.importance
                ).value,
                finding=_text(check.check.finding) if check and check.check.finding else None,
                recommendation=(
                    _text(check.check.recommendation)
                    if check and check.check.recommendation
                    else None
                ),
            )
        )
    plan = _Plan(tuple(slots), tuple(i for i, slot in enumerate(slots) if slot.node.veto))
    _PLANS[key] = (standard, checks, plan)
    return plan


def compile_plans(standards: Sequence[Standard], checks: CheckSet) -> None:
    """Make each standard's evaluation plan now rather than on first use (for batch workers)."""
    for standard in standards:
        _plan(standard, checks)


def _not_stated(slot: _Slot, stated: frozenset[str], facts: Facts) -> _Verdict:
    # A batch decides ~270 of these per centre, and centres miss the same facts: make each once.
    verdict = slot.unstated.get(stated)
    if verdict is None:
        assert slot.check is not None
        absent = facts.missing(slot.check.check.reads)
        verdict = slot.unstated[stated] = _data_needed(absent)
    return verdict


def _data_needed(absent: tuple[str, ...]) -> _Verdict:
    missing = _missing_text(absent)
    return _Verdict(
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


def _decide(slot: _Slot, facts: Facts) -> _Verdict:
    if slot.fixed is not None:
        return slot.fixed
    check = slot.check
    assert check is not None and check.expect is not None  # fixed covers the rest
    stated = slot.reads & facts.paths
    if len(stated) < len(slot.reads):
        return _not_stated(slot, stated, facts)
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


def _checked(verdict: _Verdict, slot: _Slot) -> bool:
    """True when the verdict is the check's own (not a declaration's, nor applicability's)."""
    return verdict is _PASSED or verdict is slot.partly or verdict is slot.failed


def _explained(verdict: _Verdict, check: CompiledCheck, facts: Facts) -> _Verdict:
    """Name in the reason the parts of the check that hold (which condition failed, and how)."""
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
    return _Verdict(verdict.status, reason, verdict.missing, verdict.basis, verdict.manual)


def _declarations(description: CentreDescription) -> dict[str, tuple[int, _Verdict]]:
    """The centre's not-applicable declarations by the id they name (with their list position)."""
    declared: dict[str, tuple[int, _Verdict]] = {}
    for position, item in enumerate(description.not_applicable or []):
        declared.setdefault(
            item.requirement,
            (
                position,
                _Verdict(
                    Status.NOT_APPLICABLE,
                    Message(
                        f"中心声明不适用：{item.reason}", f"declared not applicable: {item.reason}"
                    ),
                    basis="declared",
                ),
            ),
        )
    return declared


def _verdicts(
    slots: Sequence[_Slot], facts: Facts, declared: Mapping[str, tuple[int, _Verdict]]
) -> list[_Verdict]:
    """Decide every requirement: a declaration first, then applicability, then the check."""
    verdicts = []
    for slot in slots:
        verdict = None
        if declared:
            # The first declaration in the file that reaches this requirement wins.
            reaching = [declared[name] for name in slot.names if name in declared]
            verdict = min(reaching, key=lambda pair: pair[0])[1] if reaching else None
        if verdict is None and slot.conditions:
            verdict = _applicability(slot.conditions, facts)
        verdicts.append(verdict or _decide(slot, facts))
    return verdicts


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
    verdict: _Verdict, finding: Finding, level: str
) -> tuple[_Verdict, AuditorVerdict]:
    """Let an auditor's on-site verdict replace the automatic one, keeping the latter visible."""
    said = finding.finding or "（未写明）"
    said_en = finding.finding or "(no note)"
    replaced = _Verdict(
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
    slots = _plan(standard, checks).slots
    verdicts = _verdicts(slots, facts, _declarations(description))
    evidence = _EvidenceIndex(description.evidence or [], as_of) if description.evidence else None
    waivers = _waivers(description, as_of)
    results = []
    for slot, verdict in zip(slots, verdicts, strict=True):
        node = slot.node
        auditor = None
        # Which conditions failed is said only here: a batch keeps statuses, not reasons.
        if slot.check is not None and slot.check.explain and _checked(verdict, slot):
            verdict = _explained(verdict, slot.check, facts)
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
                typical_evidence=tuple(_text(t) for t in node.typical_evidence),
            )
        )
    return results


def _short(value: Any) -> bool:
    """True for a value no check asks for: false, zero, empty, or a block with a false flag."""
    if isinstance(value, dict):
        return any(_short(v) for v in value.values() if isinstance(v, bool))
    return value is None or value is False or value == 0 or value in ("", [], {})


def _causes(reads: Sequence[str], facts: Facts) -> tuple[str, ...]:
    """The facts a failed check read that stand in the way, or all it read when none visibly do.

    A heuristic, named as such where it is shown: a number below a threshold, or a list missing
    an entry, is not visibly short, so such a check's gap is put down to everything it read.
    """
    short = []
    for path in reads:
        if "[]." in path:
            block, item_field = path.split("[].", 1)
            items = facts.value(block)
            if isinstance(items, list) and any(
                isinstance(item, dict) and _short(item.get(item_field)) for item in items
            ):
                short.append(path)
        elif _short(facts.value(path)):
            short.append(path)
    return tuple(short) or tuple(reads)


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


def _coverage_weights(
    levels_weights: Sequence[tuple[str, float]], statuses: Sequence[Status], profile: ScoringProfile
) -> tuple[float, float]:
    """(counted weight of the applicable requirements, of those among them evaluated)."""
    scored = evaluated = 0.0
    for (level, weight), status in zip(levels_weights, statuses, strict=True):
        if status == Status.NOT_APPLICABLE:
            continue
        counted = weight * profile.factor(level)
        scored += counted
        if status in EVALUATED_STATUSES:
            evaluated += counted
    return scored, evaluated


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
    declared = _declarations(description)
    waivers = _waivers(description, as_of)
    counts: Counter[Status] = Counter()
    gaps: list[str] = []
    scores: list[tuple[float | None, float]] = []
    capped = False
    total_scored = total_evaluated = 0.0
    # This runs for every requirement of every centre of a batch: list-wide steps, few calls.
    earns = {
        (st, w, level): profile.points_for(st, w, level)
        for st in Status
        for w in (False, True)
        for level in ("shall", "should", "may")
    }
    for standard in standards:
        plan = _plan(standard, checks)
        slots = plan.slots
        statuses = [verdict.status for verdict in _verdicts(slots, facts, declared)]
        waived = (
            [
                is_waived(st, waivers.get(slot.node.id))
                for slot, st in zip(slots, statuses, strict=True)
            ]
            if waivers
            else [False] * len(slots)
        )
        counts.update(statuses)
        gaps += [
            slot.node.id
            for slot, status, off in zip(slots, statuses, waived, strict=True)
            if gap_kind(slot.level, status, off) is not None
        ]
        capped = capped or any(
            profile.caps(True, statuses[i], waived[i], slots[i].level) for i in plan.vetoes
        )
        points = [
            earns[(status, off, slot.level)]
            for status, off, slot in zip(statuses, waived, slots, strict=True)
        ]
        scores.append(standard_score(standard, points, profile))
        scored, evaluated = _coverage_weights(
            [(slot.level, slot.node.weight) for slot in slots], statuses, profile
        )
        total_scored += scored
        total_evaluated += evaluated
    overall = overall_score(scores, profile)
    coverage = profile.coverage(total_scored, total_evaluated)
    return Summary(
        tuple(score for score, _ in scores),
        overall,
        profile.grade(overall, capped=capped, coverage=coverage),
        tuple(counts[status] for status in Status),
        tuple(gaps),
        coverage,
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
            [(r.level, r.weight) for r in results], [r.status for r in results], profile
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
                title=_text(standard.title),
                score=score,
                grade=grade.id if grade else None,
                grade_label=_text(grade.label) if grade else None,
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
        grade_label=_text(grade.label) if grade else None,
        counts={s.value: counts.get(s.value, 0) for s in Status},
        evidence=evidence,
        grades=tuple(GradeBand(g.id, g.min, _text(g.label)) for g in profile.grades),
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
