"""The action plan (整改计划): gaps grouped by the failing fact behind them, one action each.

Gaps are grouped by root cause with a greedy weighted set cover (as ``system.proposal`` ranks
standards): the fact that stands in the way of the most weighted gap becomes the first action,
closing every remaining gap it is behind, and so on. A gap no fact decides (a manual check, an
auditor's verdict) is an action of its own. Departments and deadlines are the toolkit's
suggestions (``profiles/actions.yaml``), for the centre to change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace as dc_replace
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

from pydantic import Field

from gbstd.assessment.results import SEVERITY_ORDER, Action, Report, RequirementResult
from gbstd.assessment.scoring import ScoringProfile
from gbstd.catalogue.standard import Text, _Model
from gbstd.description.factinfo import fact_kind, fact_label
from gbstd.errors import InvalidInputError
from gbstd.i18n import Message
from gbstd.io.bundled import data_dir

MAX_VERIFICATION = 3  # typical evidence items named per action: enough to say what to show


class DeadlineDays(_Model):
    """Suggested days to finish an action, by the most severe gap it closes."""

    high: Annotated[int, Field(ge=1)]
    medium: Annotated[int, Field(ge=1)]
    low: Annotated[int, Field(ge=1)]


class ActionProfile(_Model):
    """The toolkit's suggestions for the action plan."""

    format_version: int
    note: Text
    deadline_days: DeadlineDays
    departments: dict[str, Text]  # domain tag (without "domain.") → suggested department
    fallback_department: Text


def load_action_profile(path: Path | None = None) -> ActionProfile:
    """Load the action-plan settings (the bundled defaults when ``path`` is None).

    Raises:
        InvalidInputError: the file is missing or invalid.
    """
    from pydantic import ValidationError

    from gbstd.io.diagnostics import problems_from
    from gbstd.io.yamlsource import read_yaml

    document = read_yaml(path or data_dir("profiles") / "actions.yaml")
    try:
        return ActionProfile.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None


def _message(text: Text) -> Message:
    return Message(text.zh, text.en or text.zh)


def _gap_weight(result: RequirementResult, profile: ScoringProfile) -> float:
    """What closing the gap adds: weight × level factor × the points it misses."""
    points = profile.points_for(result.status, False, result.level) or 0.0
    return result.weight * profile.factor(result.level) * (1.0 - points)


def _cover(
    gaps: dict[str, tuple[str, ...]], weights: dict[str, float]
) -> list[tuple[str, list[str]]]:
    """Greedy weighted set cover: (cause, the gaps it is behind) by the weight each closes.

    ``gaps`` maps a requirement to the causes behind it; ties keep the causes' first-seen order.
    """
    behind: dict[str, list[str]] = {}
    for requirement, causes in gaps.items():
        for cause in causes:
            behind.setdefault(cause, []).append(requirement)
    remaining = set(gaps)
    chosen: list[tuple[str, list[str]]] = []
    while remaining:
        best, best_gain = None, -1.0
        for cause, requirements in behind.items():
            gain = sum(weights[r] for r in requirements if r in remaining)
            if gain > best_gain + 1e-9 and any(r in remaining for r in requirements):
                best, best_gain = cause, gain
        if best is None:
            break
        closed = [r for r in behind.pop(best) if r in remaining]
        remaining -= set(closed)
        chosen.append((best, closed))
    return chosen


# How a cause fact falls short (evaluation._causes: false, zero, empty, or some items so), so
# that the label reads as the problem it is, not as the fact the centre should state.
_SHORTFALL = {
    "items": ("部分条目为否或未填", "no or blank for some items"),
    "bool": ("否", "no"),
    "number": ("为 0", "zero"),
    "list": ("未列明", "none listed"),
}


def _fact_name(path: str, lang: str) -> str:
    """The failing fact as a problem: "部门清单：已进驻 — 部分条目为否或未填", "…：否"."""
    sep = "：" if lang == "zh" else ": "
    if "[]." in path:
        block = path.split("[].", 1)[0]
        name = fact_label(block, lang) + sep + fact_label(path, lang)  # type: ignore[arg-type]
        how = _SHORTFALL["items"]
    else:
        name = fact_label(path, lang)  # type: ignore[arg-type]
        how = _SHORTFALL.get(fact_kind(path), ("未满足", "not met"))
    return f"{name}{' — ' if '[].' in path else sep}{how[0] if lang == 'zh' else how[1]}"


def _department(results: list[RequirementResult], settings: ActionProfile) -> Message:
    for result in results:
        for tag in result.tags:
            if tag.startswith("domain.") and tag[7:] in settings.departments:
                return _message(settings.departments[tag[7:]])
    return _message(settings.fallback_department)


def plan(report: Report, profile: ScoringProfile, settings: ActionProfile) -> tuple[Action, ...]:
    """The action plan for ``report``'s unwaived gaps, the one lifting a fired veto first.

    Then the action closing most weighted gap first.
    """
    gaps = {r.requirement: r for r in report.gaps}
    weights = {k: _gap_weight(r, profile) for k, r in gaps.items()}
    # A gap without a failing fact is its own cause: fixing it is its own action.
    causes = {k: r.causes or (k,) for k, r in gaps.items()}
    groups = _cover(causes, weights)
    # A veto that fired decides the grade whatever else is fixed: its action comes first.
    fired = {r for standard in report.standards for r in standard.veto_triggered}
    groups.sort(  # stable: ties keep the cover's order
        key=lambda group: (not fired & set(group[1]), -sum(weights[r] for r in group[1]))
    )
    actions = []
    for number, (cause, ids) in enumerate(groups, start=1):
        closed = sorted(
            (gaps[i] for i in ids),
            key=lambda r: (-weights[r.requirement], SEVERITY_ORDER.get(r.severity, 9)),
        )
        head = closed[0]
        severity = min((r.severity for r in closed), key=lambda s: SEVERITY_ORDER.get(s, 9))
        days = getattr(settings.deadline_days, severity, settings.deadline_days.low)
        verification: list[Message] = []
        for result in closed:
            for evidence in result.typical_evidence:
                if evidence not in verification:
                    verification.append(evidence)
        is_fact = cause not in gaps
        label = (
            Message(_fact_name(cause, "zh"), _fact_name(cause, "en"))
            if is_fact
            else Message(
                f"{head.requirement} {head.title.zh}", f"{head.requirement} {head.title('en')}"
            )
        )
        actions.append(
            Action(
                number=number,
                cause=cause,
                cause_label=label,
                measure=head.recommendation
                or Message(
                    f"按要求整改：{head.statement.zh}", f"Meet the requirement: {head.statement.en}"
                ),
                closes=tuple(r.requirement for r in closed),
                weight=round(sum(weights[r.requirement] for r in closed), 4),
                severity=severity,
                department=_department(closed, settings),
                deadline=report.assessed_on + timedelta(days=days),
                verification=tuple(verification[:MAX_VERIFICATION]),
                nonconformities=sum(r.gap_kind == "nonconformity" for r in closed),
                improvements=sum(r.gap_kind == "improvement" for r in closed),
                veto=any(r.veto for r in closed),
            )
        )
    return tuple(actions)


def with_plan(
    report: Report, profile: ScoringProfile, settings: ActionProfile | None = None
) -> Report:
    """``report`` with its action plan (the bundled suggestions when ``settings`` is None)."""
    from dataclasses import replace

    settings = settings or load_action_profile()
    return replace(
        report, actions=plan(report, profile, settings), actions_note=_message(settings.note)
    )


@dataclass(frozen=True)
class PlanEntry:
    """One row of a previous 整改计划 as the centre kept it (owner, deadline, status filled in)."""

    row: int
    number: str
    cause_label: str
    closes: tuple[str, ...]
    owner: str
    deadline: date | None
    status: str  # open | in_progress | done


@dataclass(frozen=True)
class Tracked:
    """A previous action measured against a newer assessment."""

    entry: PlanEntry
    still_open: tuple[str, ...]  # the requirements it was to close that are still gaps
    overdue: bool  # past its deadline, not closed, and not marked done


def _match(action: Action, entries: Sequence[PlanEntry]) -> PlanEntry | None:
    """The previous row for an action: the same cause, else the most requirements shared."""
    for entry in entries:
        if entry.cause_label in (action.cause_label.zh, action.cause_label.en):
            return entry
    shared = [(len(set(entry.closes) & set(action.closes)), entry) for entry in entries]
    best = max(shared, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] else None


def carry_forward(actions: Sequence[Action], entries: Sequence[PlanEntry]) -> tuple[Action, ...]:
    """The actions with the owner, deadline and status the previous plan gave them."""
    carried = []
    for action in actions:
        entry = _match(action, entries)
        if entry is None:
            carried.append(action)
            continue
        carried.append(
            dc_replace(
                action,
                owner=entry.owner or action.owner,
                deadline=entry.deadline or action.deadline,
                status=entry.status,
            )
        )
    return tuple(carried)


def track(entries: Sequence[PlanEntry], gaps: set[str], as_of: date) -> tuple[Tracked, ...]:
    """Each previous action against the gaps of a newer assessment, as of ``as_of``."""
    tracked = []
    for entry in entries:
        still_open = tuple(r for r in entry.closes if r in gaps)
        overdue = (
            bool(still_open)
            and entry.status != "done"
            and entry.deadline is not None
            and entry.deadline < as_of
        )
        tracked.append(Tracked(entry, still_open, overdue))
    return tuple(tracked)
