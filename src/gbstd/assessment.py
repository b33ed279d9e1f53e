"""Run an assessment: gather the catalogue, checks and scoring profile, then evaluate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .catalogue import Catalogue, load_catalogue
from .checks import CheckSet, load_checks
from .errors import InvalidInputError
from .evaluation import evaluate
from .i18n import Message
from .loading import DescriptionFile, reference_problems
from .results import Report, SourceFile
from .scoring import ScoringProfile, load_profile
from .standard import Standard


@dataclass(frozen=True)
class Setup:
    """Everything an assessment needs besides the centre's own file."""

    catalogue: Catalogue
    checks: CheckSet
    profile: ScoringProfile

    @property
    def notices(self) -> tuple[Message, ...]:
        """Replacements made by user packs and check folders, for stderr."""
        return self.catalogue.notices + self.checks.notices


def prepare(
    standards_dirs: Sequence[Path] = (),
    checks_dirs: Sequence[Path] = (),
    profile: Path | None = None,
) -> Setup:
    """Load the catalogue, the checks and the scoring profile.

    Raises:
        InvalidInputError: any of them is invalid.
    """
    return Setup(load_catalogue(standards_dirs), load_checks(checks_dirs), load_profile(profile))


def select_standards(catalogue: Catalogue, queries: Sequence[str]) -> list[Standard]:
    """Return the standards named by ``queries``, or every non-extra standard when none is named.

    Raises:
        UnknownStandardError: a query matches nothing.
    """
    if not queries:
        return [e.standard for e in catalogue.listed(include_extras=False)]
    chosen: list[Standard] = []
    for query in queries:
        standard = catalogue.resolve(query).standard
        if standard not in chosen:
            chosen.append(standard)
    return chosen


def assess(
    loaded: DescriptionFile,
    setup: Setup,
    standards: Sequence[Standard],
    *,
    today: date,
    tool_version: str = "",
) -> Report:
    """Assess one centre.

    Raises:
        InvalidInputError: the file names requirements the catalogue does not have.
    """
    problems = reference_problems(loaded, setup.catalogue)
    if problems:
        raise InvalidInputError(problems)
    report = evaluate(
        loaded.description,
        standards,
        setup.checks,
        setup.profile,
        today=today,
        tool_version=tool_version,
    )
    by_number = {e.number: e for e in setup.catalogue.entries}
    sources = tuple(
        SourceFile(
            s.number,
            by_number[s.number].source.name,
            by_number[s.number].sha256,
            by_number[s.number].builtin,
        )
        for s in standards
        if s.number in by_number
    )
    return replace(report, sources=sources)
