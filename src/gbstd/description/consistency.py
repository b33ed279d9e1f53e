"""Facts that disagree with each other: cheap rules over one self-description, no I/O.

Each rule is clearly true of any centre (departments cannot hold more windows than the hall
has; a record cannot be dated after the day the centre is assessed on). A broken rule is a
warning, never a verdict: either fact may be the wrong one, and only the centre can say which.
``gbstd validate`` lists the warnings after "valid" (exit 0); ``gbstd assess`` repeats them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from gbstd.description.factinfo import fact_label
from gbstd.description.gates import gate_fields, gate_of
from gbstd.description.model import CentreDescription
from gbstd.description.standardisation import StandardStatus
from gbstd.errors import Problem
from gbstd.i18n import Message

if TYPE_CHECKING:
    from gbstd.description.loading import DescriptionFile

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Inconsistency:
    """Facts that cannot all be true, with their values in the message."""

    fields: tuple[str, ...]  # as reports name facts: ``departments.items[].windows``
    message: Message
    at: DataPath  # where the file states the first of them (or the block around it)


def inconsistencies(description: CentreDescription, today: date) -> list[Inconsistency]:
    """Every broken rule, rule by rule; ``today`` stands in for a missing ``assessed_on``."""
    return [
        *_sums(description),
        *_counts(description),
        *_gates(description),
        *_patrol(description),
        *_platform(description),
        *_periods(description),
        *_after_as_of(description, today),
    ]


def located(loaded: DescriptionFile, today: date) -> list[Problem]:
    """The inconsistencies of a loaded file, each placed at its line in the file."""
    found = []
    for item in inconsistencies(loaded.description, today):
        _, position = loaded.document.locate(item.at)
        line, column = position or (None, None)
        message = loaded.at_cell(item.at, item.message)
        found.append(Problem(loaded.document.name, message, line, column, ", ".join(item.fields)))
    return sorted(found, key=lambda p: (p.line or 0, p.column or 0))


def _more(
    fields: tuple[str, str], values: tuple[Any, Any], at: DataPath, zh: str, en: str
) -> Inconsistency:
    """``fields[0]`` (``values[0]``) exceeds ``fields[1]`` (``values[1]``): ``zh``/``en`` say why."""
    (a, b), (x, y) = fields, values
    return Inconsistency(
        fields,
        Message(f"{a} = {x}，多于 {b} = {y}：{zh}", f"{a} = {x} exceeds {b} = {y}: {en}"),
        at,
    )


def _sum(counts: list[int]) -> str:
    """A sum with its terms: ``9 (5+4)``."""
    return f"{sum(counts)}" if len(counts) == 1 else f"{sum(counts)} ({'+'.join(map(str, counts))})"


def _sums(d: CentreDescription) -> Iterator[Inconsistency]:
    items = d.departments.items if d.departments and d.departments.items else []
    windows = [i.windows for i in items if i.windows is not None]
    total = d.premises.windows.total if d.premises and d.premises.windows else None
    if windows and total is not None and sum(windows) > total:
        yield _more(
            ("departments.items[].windows", "premises.windows.total"),
            (_sum(windows), total),
            ("premises", "windows", "total"),
            "各进驻部门的窗口数之和多于大厅的窗口总数",
            "the departments' windows add up to more than the hall has",
        )
    staff = [i.staff for i in items if i.staff is not None]
    window_staff = d.staff.window_staff if d.staff else None
    if staff and window_staff is not None and sum(staff) > window_staff:
        yield _more(
            ("departments.items[].staff", "staff.window_staff"),
            (_sum(staff), window_staff),
            ("staff", "window_staff"),
            "各进驻部门的窗口人员数之和多于窗口人员总数",
            "the departments' window staff add up to more than the total",
        )


def _counts(d: CentreDescription) -> Iterator[Inconsistency]:
    departments = d.departments
    if departments and departments.entered_count is not None and departments.items:
        entered = sum(1 for item in departments.items if item.entered)
        if entered > departments.entered_count:
            yield _more(
                ("departments.items[].entered", "departments.entered_count"),
                (entered, departments.entered_count),
                ("departments", "entered_count"),
                "部门清单中已进驻的部门多于填报的已进驻部门数",
                "the list has more entered departments than the count says",
            )
    registered, total = (d.staff.registered, d.staff.window_staff) if d.staff else (None, None)
    if registered is not None and total is not None and registered > total:
        yield _more(
            ("staff.registered", "staff.window_staff"),
            (registered, total),
            ("staff", "registered"),
            "已登记备案的人数不能多于窗口人员总数",
            "more staff are registered than there are",
        )
    s = d.standardization
    if s and s.full_time_staff is not None and s.staff is not None and s.full_time_staff > s.staff:
        yield _more(
            ("standardization.full_time_staff", "standardization.staff"),
            (s.full_time_staff, s.staff),
            ("standardization", "full_time_staff"),
            "专职人员包含在专兼职人员总数之内",
            "full-time staff are part of all standardization staff",
        )


def _patrol(d: CentreDescription) -> Iterator[Inconsistency]:
    o = d.organisation
    if o and o.patrol_post is False and o.patrol_post_staffed:
        yield Inconsistency(
            ("organisation.patrol_post_staffed", "organisation.patrol_post"),
            Message(
                "organisation.patrol_post_staffed = true，但 organisation.patrol_post = false："
                "没有设置的巡查岗位无法有人值守",
                "organisation.patrol_post_staffed = true but organisation.patrol_post = false: "
                "a patrol post that does not exist cannot be staffed",
            ),
            ("organisation", "patrol_post_staffed"),
        )


def _platform(d: CentreDescription) -> Iterator[Inconsistency]:
    online = d.online
    if online is None or online.platform is None or online.provided is None:
        return
    # A provincial platform fits either answer: the centre may or may not serve on it.
    if online.platform == "own" and not online.provided:
        why = ("自建网上服务平台却不提供网上服务", "an own online platform but no online services")
    elif online.platform == "none" and online.provided:
        why = ("提供网上服务却没有任何平台", "online services on no platform at all")
    else:
        return
    flag = "true" if online.provided else "false"
    yield Inconsistency(
        ("online.platform", "online.provided"),
        Message(
            f"online.platform = {online.platform.value}，但 online.provided = {flag}：{why[0]}",
            f"online.platform = {online.platform.value} but online.provided = {flag}: {why[1]}",
        ),
        ("online", "platform"),
    )


def _periods(d: CentreDescription) -> Iterator[Inconsistency]:
    spans: list[tuple[str, str, date | None, date | None, DataPath]] = []
    if d.indicators:
        i = d.indicators
        spans.append(("indicators.period_start", "indicators.period_end", i.period_start,
                      i.period_end, ("indicators", "period_start")))  # fmt: skip
    for n, e in enumerate(d.evidence or []):
        spans.append((f"evidence[{n}].effective", f"evidence[{n}].expires", e.effective,
                      e.expires, ("evidence", n, "effective")))  # fmt: skip
    for start_field, end_field, start, end, at in spans:
        if start is not None and end is not None and start > end:
            yield Inconsistency(
                (start_field, end_field),
                Message(
                    f"{start_field} = {start}，晚于 {end_field} = {end}：开始不能晚于结束",
                    f"{start_field} = {start} is after {end_field} = {end}: "
                    "it cannot start after it ends",
                ),
                at,
            )


# Dates that lie ahead by nature: expiries, and the as-of date itself.
_FUTURE_BY_NATURE = frozenset({"expires", "assessed_on"})


def _after_as_of(d: CentreDescription, today: date) -> Iterator[Inconsistency]:
    as_of = d.centre.assessed_on
    if as_of is None:
        yardstick = Message(
            f"今天 {today}（未填 centre.assessed_on）", f"today, {today} (no centre.assessed_on)"
        )
    else:
        yardstick = Message(f"评估基准日 {as_of}", f"the as-of date {as_of}")
    limit = as_of or today
    for path, value in _dates(d, ()):
        if value > limit:
            shown = _shown(path)
            yield Inconsistency(
                (shown, "centre.assessed_on"),
                Message(
                    f"{shown} = {value}，晚于{yardstick.zh}：所述事实应在评估时已经发生",
                    f"{shown} = {value} is after {yardstick.en}: "
                    "a stated fact must have happened by then",
                ),
                path,
            )


def _dates(model: BaseModel, path: DataPath) -> Iterator[tuple[DataPath, date]]:
    """Every date the description states, with its path (in the file's order of fields)."""
    # A planned or draft standard's date is a plan, not a record.
    if getattr(model, "status", None) in (StandardStatus.PLANNED, StandardStatus.DRAFTING):
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, date) and name not in _FUTURE_BY_NATURE:
            yield (*path, name), value
        elif isinstance(value, BaseModel):
            yield from _dates(value, (*path, name))
        elif isinstance(value, list):
            for n, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _dates(item, (*path, name, n))


def _shown(path: DataPath) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _said(value: Any) -> tuple[str, str]:
    if value is True:
        return "是", "yes"
    if isinstance(value, list):
        shown = "、".join(getattr(v, "zh", str(v)) for v in value)
        return shown, ", ".join(str(v) for v in value)
    return str(value), str(value)


def _gates(d: CentreDescription) -> Iterator[Inconsistency]:
    """A block said not to happen (its gate "no") whose other facts say it does."""
    for path, block in _blocks(d, ()):
        gate = gate_of(type(block))
        if gate is None or getattr(block, gate) is not False:
            continue
        at = ".".join(map(str, path))
        for name in gate_fields(type(block)):
            value = getattr(block, name)
            if value in (None, False, 0, []):
                continue
            zh, en = _said(value)
            fact, gated = f"{at}.{name}", f"{at}.{gate}"
            yield Inconsistency(
                (gated, fact),
                Message(
                    f"“{fact_label(gated)}”答“否”，但“{fact_label(fact)}”为{zh}",
                    f"{fact_label(gated, 'en')}: no, yet {fact_label(fact, 'en')} is {en}",
                ),
                (*path, name),
            )


def _blocks(block: BaseModel, path: DataPath) -> Iterator[tuple[DataPath, BaseModel]]:
    """Every nested block of ``block`` (not the items of lists), with its path."""
    for name in type(block).model_fields:
        value = getattr(block, name)
        if isinstance(value, BaseModel):
            yield (*path, name), value
            yield from _blocks(value, (*path, name))
