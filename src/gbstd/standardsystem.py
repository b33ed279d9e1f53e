"""Propose a centre's standard system (标准体系) from the template and the centre's gaps.

Tailors the template to the centre (drops what does not apply), marks the standards the centre
already has, assigns system codes, and ranks the standards still to draft by the weighted gap
each closes (greedy set cover over the unresolved requirements). No I/O here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from .description import CentreDescription, OwnStandard, StandardStatus
from .evaluation import Facts
from .expressions import Expression
from .i18n import Message
from .results import Report, RequirementResult
from .scoring import ScoringProfile
from .standard import Text
from .systemtemplate import Subsystem, SystemTemplate, TemplateStandard

# 分体系 letters, in the order GB/T 32170.2 names them.
LETTERS = {"general_basic": "A", "service_provision": "B", "management": "C", "post_work": "D"}
Status = Literal["existing", "to_draft"]


@dataclass(frozen=True)
class ProposedStandard:
    """A standard of the proposed system."""

    code: str
    id: str
    name: Message
    number: str | None
    adopted: bool
    provenance: str
    scope: Message | None
    status: Status
    matched: str | None  # the centre's own standard it was matched to
    note: Message | None  # e.g. "在编" when the matched standard is still a draft
    covers: tuple[str, ...]
    closes: tuple[str, ...]  # unresolved requirements it covers
    gain: float  # weighted gap closed when it was picked in the ranking
    priority: int | None  # drafting order among the standards to draft (1 first)


@dataclass(frozen=True)
class ProposedSubsystem:
    """A 分体系 or 子体系 of the proposed system."""

    code: str
    id: str
    name: Message
    provenance: str
    note: Message | None
    children: tuple[ProposedSubsystem | ProposedStandard, ...]


@dataclass(frozen=True)
class Orphan:
    """One of the centre's own standards that backs no requirement."""

    name: str
    number: str | None
    reason: Message


@dataclass(frozen=True)
class Dropped:
    """A template node left out because it does not apply to this centre."""

    id: str
    name: Message
    reason: Message


@dataclass(frozen=True)
class Proposal:
    """The proposed standard system and what it leaves open."""

    centre: dict[str, object]
    template: Message
    coding: Message
    children: tuple[ProposedSubsystem, ...]
    uncovered: tuple[RequirementResult, ...]  # gaps no standard of the system covers
    orphans: tuple[Orphan, ...]
    dropped: tuple[Dropped, ...]
    report: Report

    def standards(self) -> list[ProposedStandard]:
        """Every standard, in tree order."""
        found: list[ProposedStandard] = []

        def walk(node: ProposedSubsystem | ProposedStandard) -> None:
            if isinstance(node, ProposedStandard):
                found.append(node)
            else:
                for child in node.children:
                    walk(child)

        for top in self.children:
            walk(top)
        return found

    def subsystems(self) -> list[tuple[int, ProposedSubsystem]]:
        """Every sub-system with its depth (0 for a 分体系), in tree order."""
        found: list[tuple[int, ProposedSubsystem]] = []

        def walk(node: ProposedSubsystem, depth: int) -> None:
            found.append((depth, node))
            for child in node.children:
                if isinstance(child, ProposedSubsystem):
                    walk(child, depth + 1)

        for top in self.children:
            walk(top, 0)
        return found


def _message(text: Text | None) -> Message | None:
    return None if text is None else Message(text.zh, text.get("en"))


_NOISE = re.compile(r"[《》〈〉\s（）()“”\"'·、，,.。:：\-—_]|政务服务中心|便民服务中心|中心|本")


def _normal(text: str) -> str:
    return _NOISE.sub("", text).lower()


def _number_key(number: str) -> str:
    return re.sub(r"[\s/—–-]", "", number).upper()


_GENERIC = (
    "岗位工作标准",
    "工作标准",
    "管理规范",
    "管理制度",
    "管理办法",
    "管理规定",
    "实施规程",
    "工作规程",
    "工作制度",
    "规范",
    "制度",
    "办法",
    "规程",
    "规定",
    "细则",
    "标准",
    "指南",
)


def _core(name: str) -> str:
    """A name without the centre's name and the generic document words around it."""
    core = _normal(name)
    changed = True
    while changed:
        changed = False
        for word in _GENERIC:
            if core.endswith(word) and len(core) > len(word):
                core, changed = core[: -len(word)], True
    return core


def match_own(
    standard: TemplateStandard, own: list[OwnStandard], subsystem: str | None = None
) -> OwnStandard | None:
    """Find the centre's standard that corresponds to a template standard.

    By number first; then by name: the template name (or an alias), stripped of generic words
    such as 规范/制度/办法, must appear in the centre's name, or be nearly the same. A name of
    the centre's that is broader (shorter) than four characters never matches on its own,
    and a centre standard filed under another 分体系 is not considered.
    """
    from difflib import SequenceMatcher

    if standard.number:
        key = _number_key(standard.number)
        base = key.split("-")[0] if "-" in standard.number else key
        for item in own:
            if item.number and _number_key(item.number).startswith(base):
                return item
    cores = {c for c in (_core(n) for n in (standard.name.zh, *standard.aliases)) if len(c) >= 2}
    for item in own:
        if subsystem and item.subsystem and item.subsystem.value != subsystem:
            continue
        if item.external and not standard.adopted:
            continue  # an adopted national standard is matched by its number, not its name
        candidate = _core(item.name)
        if len(candidate) < 2:
            continue
        for core in cores:
            if (
                core == candidate
                or (len(core) >= 3 and core in candidate)
                or (len(candidate) >= 4 and candidate in core)
            ):
                return item
            if SequenceMatcher(None, core, candidate).ratio() >= 0.8:
                return item
    return None


def _applies(node: Any, facts: Facts) -> bool | None:
    """True or False from the node's applicability, None when its facts are not stated."""
    if node.applicability is None:
        return True
    from .checks import fact_chains

    used, _ = fact_chains(node.applicability.when)
    if any(not facts.has(path) for path in used):
        return None
    return bool(Expression(node.applicability.when).evaluate(facts.data))


def _gap_weights(report: Report, profile: ScoringProfile) -> dict[str, float]:
    """Weighted gap per unresolved requirement: weight × (1 − points earned)."""
    weights = {}
    for result in report.results:
        if result.is_gap:
            points = profile.points(result) or 0.0
            weights[result.requirement] = result.weight * (1.0 - points)
    return weights


def _rank(
    candidates: list[TemplateStandard], unresolved: dict[str, float]
) -> dict[str, tuple[int, float, tuple[str, ...]]]:
    """Greedy set cover: repeatedly pick the standard closing the most remaining weighted gap."""
    remaining = dict(unresolved)
    ranking: dict[str, tuple[int, float, tuple[str, ...]]] = {}
    pool = list(candidates)
    while pool:
        best, best_gain = None, 0.0
        for standard in pool:  # ties keep template order: the first maximum wins
            gain = sum(remaining.get(r, 0.0) for r in set(standard.covers))
            if gain > best_gain + 1e-9:
                best, best_gain = standard, gain
        if best is None:
            break
        closed = tuple(r for r in best.covers if r in remaining)
        ranking[best.id] = (len(ranking) + 1, round(best_gain, 4), closed)
        for requirement in closed:
            remaining.pop(requirement, None)
        pool.remove(best)
    return ranking


@dataclass
class _Tailoring:
    """What of the template applies to this centre, and which of its standards it has."""

    kept: dict[str, TemplateStandard]
    matches: dict[str, OwnStandard]
    dropped: list[Dropped]

    def existing(self, standard: TemplateStandard) -> bool:
        found = self.matches.get(standard.id)
        return found is not None and found.status in (None, StandardStatus.PUBLISHED)


def _tailor(template: SystemTemplate, facts: Facts, own: list[OwnStandard]) -> _Tailoring:
    tailoring = _Tailoring({}, {}, [])

    def keep(node: Any) -> bool:
        verdict = _applies(node, facts)
        if verdict is False:
            reason = node.applicability.description
            name = Message(node.name.zh, node.name.get("en"))
            tailoring.dropped.append(Dropped(node.id, name, Message(reason.zh, reason.get("en"))))
        return verdict is not False

    def collect(node: Subsystem, top: str) -> None:
        for child in node.children:
            if not keep(child):
                continue
            if isinstance(child, Subsystem):
                collect(child, top)
                continue
            tailoring.kept[child.id] = child
            found = match_own(child, own, top)
            if found is not None:
                tailoring.matches[child.id] = found

    for top in template.children:
        if keep(top):
            collect(top, top.id)
    return tailoring


def _build(
    node: Subsystem,
    code: str,
    tailoring: _Tailoring,
    ranking: dict[str, tuple[int, float, tuple[str, ...]]],
) -> ProposedSubsystem:
    dropped = {d.id for d in tailoring.dropped}
    children: list[ProposedSubsystem | ProposedStandard] = []
    sub_index = serial = 0
    for child in node.children:
        if isinstance(child, Subsystem):
            if child.id not in dropped:
                sub_index += 1
                separator = "." if len(code) > 1 else ""
                children.append(_build(child, f"{code}{separator}{sub_index}", tailoring, ranking))
        elif child.id in tailoring.kept:
            serial += 1
            matched = tailoring.matches.get(child.id)
            children.append(
                _proposed(
                    child, f"{code}-{serial:02d}", matched, tailoring.existing(child), ranking
                )
            )
    return ProposedSubsystem(
        code,
        node.id,
        Message(node.name.zh, node.name.get("en")),
        node.provenance,
        _message(node.note),
        tuple(children),
    )


def propose(
    template: SystemTemplate,
    description: CentreDescription,
    report: Report,
    profile: ScoringProfile,
) -> Proposal:
    """Tailor the template to the centre and rank what to draft first."""
    facts = Facts.of(description, report.assessed_on)
    own = list(
        (description.standardization.standards if description.standardization else None) or []
    )
    tailoring = _tailor(template, facts, own)
    unresolved = _gap_weights(report, profile)
    candidates = [s for s in tailoring.kept.values() if not tailoring.existing(s)]
    ranking = _rank(candidates, unresolved)
    dropped = {d.id for d in tailoring.dropped}
    tops = tuple(
        _build(top, LETTERS.get(top.id, chr(ord("A") + i)), tailoring, ranking)
        for i, top in enumerate(template.children)
        if top.id not in dropped
    )
    covered = {r for s in tailoring.kept.values() for r in s.covers}
    uncovered = tuple(r for r in report.results if r.is_gap and r.requirement not in covered)
    return Proposal(
        report.centre,
        Message(template.name.zh, template.name.get("en")),
        Message(template.coding.zh, template.coding.get("en")),
        tops,
        uncovered,
        _orphans(own, tailoring.kept, tailoring.matches),
        tuple(tailoring.dropped),
        report,
    )


def _proposed(
    standard: TemplateStandard,
    code: str,
    matched: OwnStandard | None,
    is_existing: bool,
    ranking: dict[str, tuple[int, float, tuple[str, ...]]],
) -> ProposedStandard:
    priority, gain, closes = ranking.get(standard.id, (None, 0.0, ()))
    note = None
    if matched is not None and not is_existing:
        state = {
            StandardStatus.PLANNED: ("已列入计划", "planned"),
            StandardStatus.DRAFTING: ("在编", "being drafted"),
            StandardStatus.WITHDRAWN: ("已废止，需重新制定", "withdrawn; draft anew"),
        }.get(matched.status or StandardStatus.PLANNED, ("", ""))
        note = Message(
            f"中心已有：{matched.name}（{state[0]}）",
            f"the centre has: {matched.name} ({state[1]})",
        )
    elif matched is not None:
        note = Message(f"对应中心标准：{matched.name}", f"matches the centre's: {matched.name}")
    return ProposedStandard(
        code=code,
        id=standard.id,
        name=Message(standard.name.zh, standard.name.get("en")),
        number=standard.number or (matched.number if matched else None),
        adopted=standard.adopted,
        provenance=standard.provenance,
        scope=_message(standard.scope),
        status="existing" if is_existing else "to_draft",
        matched=matched.name if matched else None,
        note=note,
        covers=standard.covers,
        closes=closes,
        gain=gain,
        priority=priority,
    )


def _orphans(
    own: list[OwnStandard], kept: dict[str, TemplateStandard], matches: dict[str, OwnStandard]
) -> tuple[Orphan, ...]:
    matched_names = {id(m): sid for sid, m in matches.items()}
    orphans = []
    for item in own:
        template_id = matched_names.get(id(item))
        if template_id is None:
            orphans.append(
                Orphan(
                    item.name,
                    item.number,
                    Message(
                        "与模板中的任何标准都不对应，未支撑任何要求",
                        "matches no template standard; backs no requirement",
                    ),
                )
            )
        elif not kept[template_id].covers:
            orphans.append(
                Orphan(
                    item.name,
                    item.number,
                    Message(
                        "对应的模板标准不支撑任何要求", "its template standard backs no requirement"
                    ),
                )
            )
    return tuple(orphans)
