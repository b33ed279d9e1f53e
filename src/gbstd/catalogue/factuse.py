"""Which requirements read a fact, and which facts a centre of a given kind is asked at all.

The questionnaire's 依据 column names the requirements a fact feeds; ``gbstd init`` leaves out
what the centre's level and online answer make irrelevant: a fact is dropped when every
requirement whose check reads it does not apply to such a centre (its applicability condition,
decided from the level and the online answer alone, is false). A fact no check reads is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from gbstd.catalogue.checks import CheckSet, fact_chains
from gbstd.catalogue.expressions import Expression
from gbstd.catalogue.loading import Catalogue
from gbstd.description.questionnaire import TABLES, QuestionSheet, layout

ONLINE_ANSWERS = ("yes", "no", "provincial")
# The facts that say what kind of centre it is are always asked (they are the scenario).
SCENARIO = ("centre.level", "online.provided", "online.platform")


def _reads(checks: CheckSet) -> dict[str, tuple[str, ...]]:
    """The facts each requirement's check reads, optional ones included.

    Besides ``reads``, the facts its expressions test with ``has()``: not listed in ``reads``,
    yet they can decide the verdict (the 依据 column must name them).
    """
    found = {}
    for rid, compiled in checks.by_requirement.items():
        check = compiled.check
        used: set[str] = set()
        for source in (check.expect, check.partial):
            if source:
                used |= fact_chains(source)[0]
        found[rid] = (*check.reads, *sorted(used - set(check.reads)))
    return found


def _conditions(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    """Each requirement's applicability conditions, its ancestors' included."""
    found: dict[str, tuple[str, ...]] = {}
    for entry in catalogue.entries:
        standard = entry.standard
        root = (standard.applicability.when,) if standard.applicability else ()
        for ancestors, node in standard.walk():
            if node.kind != "requirement":
                continue
            chain = [a.applicability.when for a in (*ancestors, node) if a.applicability]
            found[node.id] = (*root, *chain)
    return found


def _covers(read: str, path: str) -> bool:
    """True when a check reading ``read`` reads the fact or table at ``path``."""
    read = read.replace("[]", "")
    return read == path or read.startswith(path + ".") or path.startswith(read + ".")


def _names(read: str, path: str) -> bool:
    """True when ``read`` names the fact at ``path`` itself (not only a block around it).

    A table's column is asked for the checks that read that column: one that reads the
    list as a whole (``has(matters.items)``) does not ask how far each matter is online.
    """
    read = read.replace("[]", "")
    return read == path or read.startswith(path + ".")


def fact_feeds(checks: CheckSet, paths: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """For each path, the requirements whose checks read it, in id order."""
    reads = _reads(checks)
    return {
        path: tuple(sorted(r for r, rs in reads.items() if any(_covers(x, path) for x in rs)))
        for path in paths
    }


def scenario_facts(level: str | None, online: str | None) -> dict[str, Any]:
    """The facts the level and the online answer state (what a starter file is given)."""
    facts: dict[str, Any] = {}
    if level:
        facts["centre"] = {"level": level}
    if online == "no":
        facts["online"] = {"provided": False}
    elif online in {"yes", "provincial"}:
        facts["online"] = {"provided": True, "platform": "own" if online == "yes" else "provincial"}
    return facts


def asked_facts(
    catalogue: Catalogue, checks: CheckSet, level: str | None, online: str | None
) -> Callable[[str], bool]:
    """A predicate: is the fact (or table) at this path asked of such a centre?"""
    facts = scenario_facts(level, online)
    conditions = _conditions(catalogue)
    outcomes: dict[str, bool] = {}

    def applies(requirement: str) -> bool:
        for when in conditions.get(requirement, ()):
            if when not in outcomes:
                try:
                    outcomes[when] = bool(Expression(when).evaluate(facts))
                except Exception:  # noqa: BLE001 - a fact the scenario does not state: it may apply
                    outcomes[when] = True
            if not outcomes[when]:
                return False
        return True

    reads = _reads(checks)

    def asked(path: str) -> bool:
        if path in SCENARIO:
            return True
        if online == "no" and path.startswith("online."):
            return False  # no online service: nothing about it is asked
        covers = _names if any(path.startswith(t + ".") for t in TABLES) else _covers
        readers = [r for r, rs in reads.items() if any(covers(x, path) for x in rs)]
        return not readers or any(applies(r) for r in readers)

    return asked


@dataclass(frozen=True)
class Plan:
    """What a starter for one kind of centre asks, states already, and feeds."""

    asked: Callable[[str], bool]
    presets: dict[str, Any]
    feeds: dict[str, tuple[str, ...]]


def starter_plan(
    level: str,
    online: str | None,
    catalogue: Catalogue | None = None,
    checks: CheckSet | None = None,
) -> Plan:
    """The plan of ``gbstd init`` for a centre at ``level`` (bundled standards by default)."""
    from gbstd.catalogue.checks import load_checks
    from gbstd.catalogue.loading import load_catalogue

    catalogue = catalogue or load_catalogue()
    checks = checks or load_checks(catalogue=catalogue)
    asked = asked_facts(catalogue, checks, level, online)
    return Plan(asked, scenario_facts(level, online), fact_feeds(checks, _asked_paths(asked)))


def questionnaire_feeds(checks: CheckSet | None = None) -> dict[str, tuple[str, ...]]:
    """The requirements each question of the full questionnaire feeds (bundled checks)."""
    from gbstd.catalogue.checks import load_checks

    return fact_feeds(checks or load_checks(), _asked_paths(lambda path: True))


def _asked_paths(asked: Callable[[str], bool]) -> list[str]:
    paths = []
    for sheet in layout(asked):
        if isinstance(sheet, QuestionSheet):
            paths += [question.path for question in sheet.questions]
        else:
            paths.append(sheet.path)
    return paths
