"""Propose a centre's standard system (标准体系) from the template and the centre's gaps.

Tailors the template to the centre (drops what does not apply), places each of the centre's own
standards once — in its best slot (``standardmatch``) or as an addition under the sub-system its
fields name — assigns system codes, ranks the standards still to draft by the weighted gap each
closes (greedy set cover over the unresolved requirements), and counts them by status. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from gbstd.assessment.facts import Facts
from gbstd.assessment.results import Report, RequirementResult
from gbstd.assessment.run import Setup, assess, select_standards
from gbstd.assessment.scoring import ScoringProfile
from gbstd.catalogue.checks import CheckSet
from gbstd.catalogue.expressions import Expression
from gbstd.catalogue.standard import Text
from gbstd.description.loading import DescriptionFile
from gbstd.description.model import CentreDescription
from gbstd.description.standardisation import OwnStandard, StandardStatus
from gbstd.i18n import Message
from gbstd.system.matching import (
    Method,
    agreement,
    credits,
    own_fields,
    score_slot,
    similarity,
)
from gbstd.system.template import Subsystem, SystemTemplate, TemplateStandard

# 分体系 letters, in the order GB/T 32170.2 names them.
LETTERS = {"general_basic": "A", "service_provision": "B", "management": "C", "post_work": "D"}
# 已有（现行）, 在编, 拟制定 (the centre's own standard, by its status), and for a slot it has
# not filled: 待制定 (the centre writes it) or 待采用 (a national or other standard to adopt).
Status = Literal["existing", "drafting", "planned", "to_draft", "to_adopt"]
STATUSES: tuple[Status, ...] = ("existing", "drafting", "planned", "to_draft", "to_adopt")


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
    method: Method | None  # how it was matched
    note: Message | None  # which of the centre's standards fills it, and how it was matched
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
    type: str | None = None  # the template's standard type (post_work …), set on 分体系/子体系


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
    credited: dict[str, tuple[str, ...]]  # the centre's standard -> requirements its checks credit

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


def _applies(node: Any, facts: Facts) -> bool | None:
    """True or False from the node's applicability, None when its facts are not stated."""
    if node.applicability is None:
        return True
    from gbstd.catalogue.checks import fact_chains

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
class _Group:
    """A kept sub-system with the fields its standards inherit."""

    id: str
    fields: dict[str, str]
    depth: int
    standards: list[TemplateStandard] = field(default_factory=list)  # its own, kept


@dataclass
class _Tailoring:
    """What of the template applies to this centre, and which of its standards it has."""

    kept: dict[str, TemplateStandard]
    fields: dict[str, dict[str, str]]  # template standard id -> its inherited fields
    groups: list[_Group]
    dropped: list[Dropped]
    matches: dict[str, tuple[int, str]] = field(default_factory=dict)  # id -> (own index, method)
    added: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # group id -> own


def _tailor(template: SystemTemplate, facts: Facts) -> _Tailoring:
    tailoring = _Tailoring({}, {}, [], [])

    def keep(node: Any) -> bool:
        verdict = _applies(node, facts)
        if verdict is False:
            reason = node.applicability.description
            name = Message(node.name.zh, node.name.get("en"))
            tailoring.dropped.append(Dropped(node.id, name, Message(reason.zh, reason.get("en"))))
        return verdict is not False

    def collect(node: Subsystem, inherited: dict[str, str], depth: int) -> None:
        fields = dict(inherited)
        for name in ("type", "level", "management_area"):
            if getattr(node, name) is not None:
                fields[name] = getattr(node, name).value
        group = _Group(node.id, fields, depth)
        tailoring.groups.append(group)
        for child in node.children:
            if not keep(child):
                continue
            if isinstance(child, Subsystem):
                collect(child, fields, depth + 1)
                continue
            tailoring.kept[child.id] = child
            group.standards.append(child)
            own = dict(fields)
            if child.quality is not None:
                own["quality"] = child.quality.value
            tailoring.fields[child.id] = own

    for top in template.children:
        if keep(top):
            collect(top, {"subsystem": top.id}, 0)
    return tailoring


def _assign(tailoring: _Tailoring, own: list[OwnStandard]) -> None:
    """Give each standard of the centre its best slot, best pairs first (one slot each)."""
    pairs = []
    for order, (sid, standard) in enumerate(tailoring.kept.items()):
        for index, item in enumerate(own):
            scored = score_slot(item, standard, tailoring.fields[sid])
            if scored is not None:
                pairs.append((scored[0], -index, -order, sid, index, scored[1]))
    pairs.sort(reverse=True)
    taken: set[int] = set()
    for *_, sid, index, method in pairs:
        if sid in tailoring.matches or index in taken:
            continue
        tailoring.matches[sid] = (index, method)
        taken.add(index)
    for index, item in enumerate(own):
        if index in taken or item.status == StandardStatus.WITHDRAWN:
            continue
        group = _home(tailoring.groups, item)
        if group is not None:
            method = "fields" if item.type is not None else "title"
            tailoring.added.setdefault(group, []).append((index, method))


def _home(groups: list[_Group], item: OwnStandard) -> str | None:
    """The sub-system a standard the template lacks goes to.

    The one whose fields agree most with the standard's, then whose standards' titles are
    closest to its own, then the shallowest; a group of adopted national standards takes only
    adopted ones, and the centre's own texts go elsewhere.
    """
    fields = own_fields(item)
    if "subsystem" not in fields:
        if not item.post:
            return None
        fields["subsystem"] = "post_work"
    best, best_key = None, None
    for order, group in enumerate(groups):
        if group.fields["subsystem"] != fields["subsystem"]:
            continue
        agreed = agreement(fields, group.fields)
        if agreed is None:
            continue
        if group.standards and all(s.adopted for s in group.standards) and not item.external:
            continue
        affinity = max((similarity(s, item.name) for s in group.standards), default=0.0)
        key = (agreed, round(affinity, 2), -group.depth, -order)
        if best_key is None or key > best_key:
            best, best_key = group.id, key
    return best


def _build(
    node: Subsystem,
    code: str,
    tailoring: _Tailoring,
    ranking: dict[str, tuple[int, float, tuple[str, ...]]],
    own: list[OwnStandard],
) -> ProposedSubsystem:
    dropped = {d.id for d in tailoring.dropped}
    children: list[ProposedSubsystem | ProposedStandard] = []
    sub_index = serial = 0
    for child in node.children:
        if isinstance(child, Subsystem):
            if child.id not in dropped:
                sub_index += 1
                separator = "." if len(code) > 1 else ""
                children.append(
                    _build(child, f"{code}{separator}{sub_index}", tailoring, ranking, own)
                )
        elif child.id in tailoring.kept:
            serial += 1
            found = tailoring.matches.get(child.id)
            matched = (own[found[0]], found[1]) if found else None
            children.append(_proposed(child, f"{code}-{serial:02d}", matched, ranking))
    for index, method in tailoring.added.get(node.id, []):
        serial += 1
        children.append(_added(own[index], index, method, f"{code}-{serial:02d}"))
    return ProposedSubsystem(
        code,
        node.id,
        Message(node.name.zh, node.name.get("en")),
        node.provenance,
        _message(node.note),
        tuple(children),
        node.type.value if node.type is not None else None,
    )


def propose_for(
    loaded: DescriptionFile,
    setup: Setup,
    template: SystemTemplate,
    *,
    today: date,
    tool_version: str = "",
) -> Proposal:
    """Assess the centre on the catalogue's standards, then propose its system (``system propose``).

    Raises:
        InvalidInputError: the file names requirements the catalogue lacks.
    """
    standards = select_standards(setup.catalogue, [])
    report = assess(loaded, setup, standards, today=today, tool_version=tool_version)
    return propose(template, loaded.description, report, setup.profile, setup.checks)


def propose(
    template: SystemTemplate,
    description: CentreDescription,
    report: Report,
    profile: ScoringProfile,
    checks: CheckSet,
) -> Proposal:
    """Tailor the template to the centre, place its own standards and rank what to draft first."""
    facts = Facts.of(description, report.assessed_on)
    own = list(
        (description.standardization.standards if description.standardization else None) or []
    )
    tailoring = _tailor(template, facts)
    _assign(tailoring, own)
    unresolved = _gap_weights(report, profile)
    candidates = [
        standard
        for sid, standard in tailoring.kept.items()
        if _status(standard, _matched(tailoring, sid, own)) != "existing"
    ]
    ranking = _rank(candidates, unresolved)
    dropped = {d.id for d in tailoring.dropped}
    tops = tuple(
        _build(top, LETTERS.get(top.id, chr(ord("A") + i)), tailoring, ranking, own)
        for i, top in enumerate(template.children)
        if top.id not in dropped
    )
    covered = {r for s in tailoring.kept.values() for r in s.covers}
    uncovered = tuple(r for r in report.results if r.is_gap and r.requirement not in covered)
    credited = credits(own, checks, facts, report)
    return Proposal(
        report.centre,
        Message(template.name.zh, template.name.get("en")),
        Message(template.coding.zh, template.coding.get("en")),
        tops,
        uncovered,
        _orphans(own, tailoring, credited),
        tuple(tailoring.dropped),
        report,
        {own[i].name: found for i, found in credited.items() if found},
    )


def _matched(tailoring: _Tailoring, sid: str, own: list[OwnStandard]) -> OwnStandard | None:
    found = tailoring.matches.get(sid)
    return own[found[0]] if found else None


def _status(standard: TemplateStandard, matched: OwnStandard | None) -> Status:
    state = _own_status(matched) if matched is not None else None
    return state or ("to_adopt" if standard.adopted else "to_draft")  # none, or withdrawn


def _own_status(item: OwnStandard) -> Status | None:
    """已有/在编/拟制定 from the standard's status (none stated counts as current); None if withdrawn."""
    return {
        None: "existing",
        StandardStatus.PUBLISHED: "existing",
        StandardStatus.DRAFTING: "drafting",
        StandardStatus.PLANNED: "planned",
    }.get(item.status)


def _proposed(
    standard: TemplateStandard,
    code: str,
    matched: tuple[OwnStandard, str] | None,
    ranking: dict[str, tuple[int, float, tuple[str, ...]]],
) -> ProposedStandard:
    priority, gain, closes = ranking.get(standard.id, (None, 0.0, ()))
    item, method = matched if matched else (None, None)
    note = None
    if item is not None:
        if item.status == StandardStatus.WITHDRAWN:
            note = Message(
                f"中心原有：{item.name}（已废止，需重新制定）",
                f"the centre had: {item.name} (withdrawn; draft anew)",
            )
        else:
            note = Message(f"对应中心标准：{item.name}", f"matches the centre's: {item.name}")
        extra = METHOD_NOTES.get(method or "")
        if extra is not None:
            note = Message(note.zh + extra.zh, note.en + extra.en)
    return ProposedStandard(
        code=code,
        id=standard.id,
        name=Message(standard.name.zh, standard.name.get("en")),
        number=standard.number or (item.number if item else None),
        adopted=standard.adopted,
        provenance=standard.provenance,
        scope=_message(standard.scope),
        status=_status(standard, item),
        matched=item.name if item else None,
        method=method,
        note=note,
        covers=standard.covers,
        closes=closes,
        gain=gain,
        priority=priority,
    )


TITLE_NOTE = Message(
    "（按标准名称匹配：该标准未填写类型等结构化字段）",
    " (matched by title: the standard gives no type or other structured fields)",
)
# What a reader is told about a match that rests on less than fields and title together.
METHOD_NOTES = {
    "title": TITLE_NOTE,
    "fields_only": Message(
        "（按所填结构化字段对应，名称与模板不同）",
        " (placed by its structured fields; the titles differ)",
    ),
}


def _added(item: OwnStandard, index: int, method: str, code: str) -> ProposedStandard:
    """One of the centre's standards the template does not list, under the sub-system it names."""
    note = Message(
        "中心增列：模板未列此项，按所填分体系和类型归入",
        "added by the centre: not in the template; placed by its sub-system and type",
    )
    if method == "title":
        note = Message(note.zh + TITLE_NOTE.zh, note.en + TITLE_NOTE.en)
    return ProposedStandard(
        code=code,
        id=f"own.{index + 1}",
        name=Message(item.name, item.name),
        number=item.number,
        adopted=bool(item.external),
        provenance="centre",
        scope=None,
        status=_own_status(item) or "to_draft",  # withdrawn ones are never added
        matched=item.name,
        method=method,
        note=note,
        covers=(),
        closes=(),
        gain=0.0,
        priority=None,
    )


def _orphans(
    own: list[OwnStandard], tailoring: _Tailoring, credited: dict[int, tuple[str, ...]]
) -> tuple[Orphan, ...]:
    """The centre's standards that back no requirement: no slot that covers one, no credit."""
    slots = {index: sid for sid, (index, _) in tailoring.matches.items()}
    added = {index for group in tailoring.added.values() for index, _ in group}
    orphans = []
    for index, item in enumerate(own):
        if credited.get(index):
            continue
        sid = slots.get(index)
        if sid is not None and tailoring.kept[sid].covers:
            continue
        if sid is not None:
            reason = Message(
                "对应的模板标准不支撑任何要求", "its template standard backs no requirement"
            )
        elif item.status == StandardStatus.WITHDRAWN:
            reason = Message("已废止，未支撑任何要求", "withdrawn; backs no requirement")
        elif index in added:
            reason = Message(
                "模板未列此类标准，按所填字段也未支撑任何要求",
                "not in the template, and by its fields it backs no requirement",
            )
        else:
            reason = Message(
                "与模板中的任何标准都不对应，未支撑任何要求",
                "matches no template standard; backs no requirement",
            )
        orphans.append(Orphan(item.name, item.number, reason))
    return tuple(orphans)


@dataclass(frozen=True)
class StatisticsRow:
    """One line of the 标准统计表: the standards of a (sub-)system by status."""

    code: str
    name: Message
    depth: int
    counts: dict[Status, int]


@dataclass(frozen=True)
class StatisticsBlock:
    """A 分体系: a row per sub-system holding standards itself, and their subtotal."""

    rows: tuple[StatisticsRow, ...]
    subtotal: StatisticsRow


@dataclass(frozen=True)
class Statistics:
    """The 标准统计表: every standard is counted in exactly one row, so the sums add up."""

    blocks: tuple[StatisticsBlock, ...]
    total: StatisticsRow


def _count(standards: list[ProposedStandard]) -> dict[Status, int]:
    return {status: sum(s.status == status for s in standards) for status in STATUSES}


def _rows(
    node: ProposedSubsystem, depth: int, rows: list[StatisticsRow], found: list[ProposedStandard]
) -> None:
    own = [c for c in node.children if isinstance(c, ProposedStandard)]
    found.extend(own)
    if own:
        rows.append(StatisticsRow(node.code, node.name, depth, _count(own)))
    for child in node.children:
        if isinstance(child, ProposedSubsystem):
            _rows(child, depth + 1, rows, found)


def statistics(proposal: Proposal) -> Statistics:
    """Count the standards by status, per sub-system (its own standards only) and in total."""
    blocks = []
    for top in proposal.children:
        rows: list[StatisticsRow] = []
        found: list[ProposedStandard] = []
        _rows(top, 0, rows, found)
        subtotal = StatisticsRow(top.code, top.name, 0, _count(found))
        blocks.append(StatisticsBlock(tuple(rows), subtotal))
    total = StatisticsRow("", Message("合计", "Total"), 0, _count(proposal.standards()))
    return Statistics(tuple(blocks), total)
