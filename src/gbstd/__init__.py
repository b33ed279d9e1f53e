"""gbstd: check a government service centre against GB/T 32168, 32169 and 32170, clause by clause.

gbstd is a library first; the ``gbstd`` command is a thin shell over the functions below::

    import gbstd

    report = gbstd.assess("examples/county-centre.yaml")
    print(report.grade, report.score, len(report.nonconformities))
    Path("gaps.xlsx").write_bytes(gbstd.render(report, "xlsx"))

Each function imports what it needs when called, so ``import gbstd`` (and ``gbstd --help``)
stays fast. The packages behind them are described in ``docs/architecture.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from os import PathLike
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from gbstd.assessment.results import Report
    from gbstd.catalogue.loading import Catalogue
    from gbstd.description.loading import DescriptionFile
    from gbstd.kpi.results import KpiResult
    from gbstd.system.proposal import Proposal

__all__ = [
    "__version__",
    "assess",
    "compute_kpi",
    "load_catalogue",
    "load_description",
    "propose_system",
    "render",
]

PathArg = str | PathLike[str]


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~40 ms to import; only pay it when the version is asked for.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("gbstd")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(name)


def load_catalogue(*packs: PathArg) -> Catalogue:
    """Load the seven bundled standards, with user packs replacing or adding standards.

    Example::

        catalogue = gbstd.load_catalogue()
        print([entry.standard.number for entry in catalogue.entries])

    Raises:
        gbstd.errors.InvalidInputError: a clause tree is invalid (every problem, located).
    """
    from pathlib import Path

    from gbstd.catalogue.loading import load_catalogue as load

    return load([Path(p) for p in packs])


def load_description(path: PathArg) -> DescriptionFile:
    """Read and validate a centre's self-description (YAML), keeping positions for messages.

    Example::

        centre = gbstd.load_description("examples/township-centre.yaml")
        print(centre.description.centre.name)

    Raises:
        gbstd.errors.InvalidInputError: malformed YAML, wrong types, unknown or duplicate keys.
    """
    from pathlib import Path

    from gbstd.description.loading import load_description as load

    return load(Path(path))


def assess(
    centre: PathArg | DescriptionFile,
    *,
    standards: Sequence[str] = (),
    standards_dirs: Sequence[PathArg] = (),
    checks_dirs: Sequence[PathArg] = (),
    profile: PathArg | None = None,
    thresholds: PathArg | None = None,
    findings: PathArg | None = None,
    today: date | None = None,
) -> Report:
    """Assess a centre on the standards, as ``gbstd assess`` does.

    ``standards`` names some standards (``"32169.3"``); all seven by default. ``findings`` is an
    auditors' findings file (``gbstd checklist import`` writes one); its verdicts take precedence.

    Example::

        report = gbstd.assess("examples/county-centre.yaml", standards=["32169.3"])
        for gap in report.nonconformities[:3]:
            print(gap.requirement, gap.status)

    Raises:
        gbstd.errors.InvalidInputError: an input file is invalid.
        gbstd.errors.UnknownStandardError: a name in ``standards`` matches nothing.
    """
    from pathlib import Path

    from gbstd.assessment.run import prepare

    setup = prepare(
        [Path(p) for p in standards_dirs],
        [Path(p) for p in checks_dirs],
        Path(profile) if profile else None,
        Path(thresholds) if thresholds else None,
    )
    return _assess(centre, setup, standards, today, findings)


def _assess(
    centre: PathArg | DescriptionFile,
    setup: Any,
    standards: Sequence[str] = (),
    today: date | None = None,
    findings: PathArg | None = None,
) -> Report:
    from pathlib import Path

    from gbstd.assessment.run import assess as run
    from gbstd.assessment.run import select_standards

    loaded = load_description(centre) if isinstance(centre, str | PathLike) else centre
    found = None
    if findings is not None:
        from gbstd.assessment.findings import load_findings

        found = load_findings(Path(findings))
    return run(
        loaded,
        setup,
        select_standards(setup.catalogue, standards),
        today=today or date.today(),
        tool_version=__getattr__("__version__"),
        findings=found,
    )


def render(
    report: Report,
    fmt: Literal["json", "md", "html", "xlsx", "docx"] = "json",
    lang: Literal["zh", "en"] = "zh",
) -> bytes:
    """Render an assessment as ``gbstd assess -o`` writes it: JSON, Markdown, HTML, Excel, Word.

    Example::

        Path("report.html").write_bytes(gbstd.render(report, "html"))
    """
    from gbstd.reports import FILE_WRITERS

    if fmt not in FILE_WRITERS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FILE_WRITERS)}")
    return FILE_WRITERS[fmt](report, lang)


def propose_system(
    centre: PathArg | DescriptionFile, *, template: PathArg | None = None
) -> Proposal:
    """Assess a centre and propose its own standard system (GB/T 32170.2), as ``gbstd system propose``.

    Example::

        proposal = gbstd.propose_system("examples/county-centre.yaml")
        for standard in proposal.standards()[:5]:
            print(standard.code, standard.name.zh)
    """
    from pathlib import Path

    from gbstd.assessment.run import prepare
    from gbstd.system.proposal import propose_for
    from gbstd.system.template import load_template

    loaded = load_description(centre) if isinstance(centre, str | PathLike) else centre
    return propose_for(
        loaded,
        prepare(),
        load_template(Path(template) if template else None),
        today=date.today(),
        tool_version=__getattr__("__version__"),
    )


def compute_kpi(cases: PathArg, **options: Any) -> KpiResult:
    """Compute the window-service indicators (GB/T 32169.4) of a file of case records.

    ``options`` are those of ``gbstd.kpi.compute.compute`` (``by="window"``, ``as_of=``,
    ``mapping=``, ``profile=`` …).

    Example::

        result = gbstd.compute_kpi("cases.csv", by="window")
        print(result.cases, [(i.key, i.value) for i in result.overall])

    Raises:
        gbstd.errors.GbstdError: the file is missing, unreadable or lacks required columns.
    """
    from pathlib import Path

    from gbstd.kpi.compute import compute

    return compute(Path(cases), **options)
