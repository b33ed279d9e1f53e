"""Run an assessment: gather the catalogue, checks and scoring profile, then evaluate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from gbstd.assessment.evaluation import Summary, evaluate, summarise
from gbstd.assessment.findings import Findings
from gbstd.assessment.results import Report, SourceFile
from gbstd.assessment.scoring import INSUFFICIENT_DATA, ScoringProfile, load_profile
from gbstd.catalogue.checks import CheckSet, load_checks
from gbstd.catalogue.loading import Catalogue, load_catalogue
from gbstd.catalogue.standard import Standard
from gbstd.description.loading import DescriptionFile, reference_problems
from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Message


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
    thresholds: Path | None = None,
) -> Setup:
    """Load the catalogue, the checks (bound to the thresholds) and the scoring profile.

    Raises:
        InvalidInputError: any of them is invalid.
    """
    from gbstd.catalogue.thresholds import load_thresholds

    catalogue = load_catalogue(standards_dirs)
    return Setup(
        catalogue,
        load_checks(checks_dirs, catalogue, load_thresholds(thresholds)),
        load_profile(profile),
    )


def with_computed_indicators(loaded: DescriptionFile, kpi_file: Path) -> DescriptionFile:
    """Replace the centre's self-reported indicators by those ``gbstd kpi`` computed.

    Raises:
        InvalidInputError: the file is not a ``gbstd kpi`` JSON result, or its figures are invalid.
    """
    from pydantic import ValidationError

    from gbstd.description.supervision import IndicatorName, Indicators
    from gbstd.io.textfile import read_json

    name = str(kpi_file)
    data = read_json(kpi_file)
    computed = data.get("description_indicators") if isinstance(data, dict) else None
    if not isinstance(computed, dict) or not str(data.get("schema", "")).startswith("gbstd.kpi/"):
        raise InvalidInputError(
            [
                Problem(
                    name,
                    Message("不是 gbstd kpi -f json 的输出", "not the output of gbstd kpi -f json"),
                )
            ]
        )
    stated = (
        loaded.description.indicators.model_dump(exclude_none=True)
        if loaded.description.indicators
        else {}
    )
    # What gbstd kpi computed was computed, from counts it keeps: say so per indicator.
    figures = [n.value for n in IndicatorName if computed.get(n.value) is not None]
    for listed in ("computed", "counts_kept"):
        computed[listed] = sorted(set(stated.get(listed, [])) | set(figures))
    try:
        indicators = Indicators.model_validate(stated | computed)
    except ValidationError as exc:
        problems = [
            Problem(
                name,
                Message(e["msg"], e["msg"]),
                field="description_indicators." + ".".join(map(str, e["loc"])),
            )
            for e in exc.errors(include_url=False)
        ]
        raise InvalidInputError(problems) from None
    description = loaded.description.model_copy(update={"indicators": indicators})
    return replace(loaded, description=description)


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
    findings: Findings | None = None,
) -> Report:
    """Assess one centre, with auditors' findings (if any) taking precedence.

    Raises:
        InvalidInputError: the file or the findings name requirements the catalogue lacks.
    """
    problems = reference_problems(loaded, setup.catalogue)
    known = setup.catalogue.requirement_ids
    for finding in findings.findings if findings else ():
        if finding.requirement not in known:
            where = finding.location or (findings.source if findings else "") or "findings"
            problems.append(
                Problem(
                    str(where),
                    Message(
                        f"核查结论中的要求编号 {finding.requirement} 不在标准目录中",
                        f"finding names unknown requirement {finding.requirement}",
                    ),
                )
            )
    if problems:
        raise InvalidInputError(problems)
    report = evaluate(
        loaded.description,
        standards,
        setup.checks,
        setup.profile,
        today=today,
        tool_version=tool_version,
        findings=findings.by_requirement() if findings else None,
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
    from gbstd.assessment.actions import with_plan

    return with_plan(replace(report, sources=sources), setup.profile)


def falls_short(report: Report, fail_under: float | None = None) -> bool:
    """Whether the centre falls short: any gap, a score below ``fail_under``, or no grade.

    Too little evaluated to grade (数据不足) is no clean bill either. ``gbstd assess`` exits 4
    when this is true.
    """
    below = fail_under is not None and (report.score is None or report.score < fail_under)
    return report.has_gaps or below or report.grade == INSUFFICIENT_DATA


def assess_figures(
    loaded: DescriptionFile, setup: Setup, standards: Sequence[Standard], *, today: date
) -> Summary:
    """Assess one centre like ``assess``, keeping only its figures (what a batch needs).

    Raises:
        InvalidInputError: the file names requirements the catalogue lacks.
    """
    problems = reference_problems(loaded, setup.catalogue)
    if problems:
        raise InvalidInputError(problems)
    return summarise(loaded.description, standards, setup.checks, setup.profile, today=today)
