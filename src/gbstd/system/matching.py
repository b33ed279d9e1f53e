"""How one of the centre's standards corresponds to a slot of the template standard system.

By number, by the structured fields the GB/T 32170.2 checks read, or (for a standard that gives
no type) by title; and which requirements the checks credit a standard with. No I/O here.
"""

from __future__ import annotations

import copy
import re
from typing import Literal

from gbstd.assessment.facts import Facts
from gbstd.assessment.results import Report
from gbstd.assessment.results import Status as ResultStatus
from gbstd.catalogue.checks import CheckSet
from gbstd.description.standardisation import OwnStandard
from gbstd.system.template import TemplateStandard

# How a slot was matched to the centre's standard: its number; its structured fields, with a
# title that names the slot too (fields) or a different one (fields_only); or, when it gives no
# type, its title alone.
Method = Literal["number", "fields", "fields_only", "title"]


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


def similarity(standard: TemplateStandard, name: str) -> float:
    """How close the centre's title is to the template name or an alias (0 to 1).

    1 for the same core, 0.9 when one core contains the other (a core of the centre's shorter
    than four characters is too broad to count), else the ``SequenceMatcher`` ratio.
    """
    from difflib import SequenceMatcher

    candidate = _core(name)
    if len(candidate) < 2:
        return 0.0
    best = 0.0
    for core in {
        c for c in (_core(n) for n in (standard.name.zh, *standard.aliases)) if len(c) >= 2
    }:
        if core == candidate:
            return 1.0
        if (len(core) >= 3 and core in candidate) or (len(candidate) >= 4 and candidate in core):
            best = max(best, 0.9)
        best = max(best, SequenceMatcher(None, core, candidate).ratio())
    return best


# Titles at least this close name the same standard (the title fallback's threshold).
TITLE_MATCH = 0.8


def match_own(
    standard: TemplateStandard, own: list[OwnStandard], subsystem: str | None = None
) -> OwnStandard | None:
    """Find the centre's standard that corresponds to a template standard, by number or title.

    The fallback of the structured matching (``propose``) for standards that give no type.
    By number first; then by name: the template name (or an alias), stripped of generic words
    such as 规范/制度/办法, must appear in the centre's name, or be nearly the same. A centre
    standard filed under another 分体系 is not considered.
    """
    if standard.number:
        for item in own:
            if same_number(standard, item):
                return item
    for item in own:
        if subsystem and item.subsystem and item.subsystem.value != subsystem:
            continue
        if item.external and not standard.adopted:
            continue  # an adopted national standard is matched by its number, not its name
        if similarity(standard, item.name) >= TITLE_MATCH:
            return item
    return None


def same_number(standard: TemplateStandard, item: OwnStandard) -> bool:
    """True when the centre's number is the template's (everything before the year)."""
    if not standard.number or not item.number:
        return False
    key = _number_key(standard.number)
    base = key.split("-")[0] if "-" in standard.number else key
    return _number_key(item.number).startswith(base)


# The fields a slot and a centre's standard are compared on, as the 32170.2 checks read them.
FIELDS = ("subsystem", "type", "level", "management_area", "quality")
# The sub-system a type of standard belongs to.
TYPE_SUBSYSTEM = {
    "general_basic": "general_basic",
    "service_specification": "service_provision",
    "service_procedure": "service_provision",
    "management": "management",
    "post_work": "post_work",
}


def own_fields(item: OwnStandard) -> dict[str, str]:
    """The structured fields a centre's standard states (the sub-system implied by its type)."""
    found = {f: getattr(item, f).value for f in FIELDS if getattr(item, f) is not None}
    if "subsystem" not in found and "type" in found:
        found["subsystem"] = TYPE_SUBSYSTEM[found["type"]]
    return found


def _post_matches(post: str, names: tuple[str, ...]) -> bool:
    key = _normal(post)
    return any(key == _normal(n) or (len(key) >= 2 and _normal(n) in key) for n in names)


# The fields the 32170.2 checks tell standards apart by, per type (beyond sub-system and type):
# a specification by its quality, a procedure by its level, a management standard by its
# management sub-system (a post standard by its post, compared apart). A contradiction in one of
# these rules a slot out; in another field (the level of a specification, say) it only counts
# against the slot.
DECISIVE = {
    "service_specification": ("quality",),
    "service_procedure": ("level",),
    "management": ("management_area",),
}


def agreement(fields: dict[str, str], slot: dict[str, str]) -> int | None:
    """Fields both state and agree on, less those they differ on; None when a decisive one differs."""
    decisive = ("subsystem", "type", *DECISIVE.get(slot.get("type", ""), ()))
    agreed = 0
    for name in FIELDS:
        if name in fields and name in slot:
            if fields[name] == slot[name]:
                agreed += 1
            elif name in decisive:
                return None
            else:
                agreed -= 1
    return agreed


def score_slot(
    item: OwnStandard, standard: TemplateStandard, slot: dict[str, str]
) -> tuple[tuple[int, bool, bool, int, float], Method] | None:
    """How well a centre's standard fills a slot, and by what; None when it cannot.

    By number first. A standard that states its type is matched on its structured fields: no
    decisive field may contradict the slot's (``DECISIVE``), and the slot must be named either
    by that field (the quality of a specification, the management sub-system, the post) or by a
    close title; among the slots it fits, one named by that field comes first, then one its
    title names. One without a type
    falls back to its title (and its sub-system, when given), as the checks do.
    """
    if same_number(standard, item):
        return (3, True, True, 0, 1.0), "number"
    if item.external and not standard.adopted:
        return None
    if standard.adopted and not item.external:
        return None  # the centre's own text never stands for a national standard
    fields = own_fields(item)
    close = similarity(standard, item.name)
    if item.type is None:
        if agreement(fields, slot) is None or close < TITLE_MATCH:
            return None
        if item.post and standard.posts and not _post_matches(item.post, standard.posts):
            return None
        return (1, False, True, 0, close), "title"
    agreed = agreement(fields, slot)
    if agreed is None:
        return None
    distinctive = any(
        fields.get(name) is not None and fields.get(name) == slot.get(name)
        for name in ("quality", "management_area")
    )
    if item.post and standard.posts:
        if not _post_matches(item.post, standard.posts):
            return None
        agreed, distinctive = agreed + 1, True
    elif item.post and slot.get("type") == "post_work":
        return None  # a post standard for another post
    related = close >= TITLE_MATCH
    if not distinctive and not related:
        return None
    return (2, distinctive, related, agreed, close), "fields" if related else "fields_only"


def credits(
    own: list[OwnStandard], checks: CheckSet, facts: Facts, report: Report
) -> dict[int, tuple[str, ...]]:
    """The requirements each standard of the centre helps satisfy, by the checks themselves.

    A standard is credited for a requirement when the requirement's check, run on the centre's
    facts with this standard as its only one, is met or partly met: the same fields and the
    same rules as ``assess``, so a standard it credits is never called an orphan.
    """
    from gbstd.assessment.facts import fact_data
    from gbstd.catalogue.expressions import context

    applicable = {r.requirement for r in report.results if r.status != ResultStatus.NOT_APPLICABLE}
    relevant = [
        c
        for c in checks.by_requirement.values()
        if c.expect is not None
        and c.check.requirement in applicable
        and "standardization.standards" in (c.check.expect or "")
    ]
    listed = (facts.stated.get("standardization") or {}).get("standards") or []
    credits: dict[int, tuple[str, ...]] = {}
    for index in range(len(own)):
        stated = copy.deepcopy(facts.stated)
        stated["standardization"]["standards"] = [listed[index]]
        data = context(fact_data(stated, report.assessed_on))
        found = []
        for check in relevant:
            for expression in (check.expect, check.partial):
                if expression is None:
                    continue
                try:
                    met = expression.evaluate(data)
                except (KeyError, RuntimeError, TypeError, ValueError):
                    met = False  # a field the check needs is missing: assess cannot credit it
                if met is True:
                    found.append(check.check.requirement)
                    break
        credits[index] = tuple(found)
    return credits
