"""Auditors' findings: verdicts recorded on site, merged over the automatic results."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError

from .errors import InvalidInputError
from .results import Status
from .standard import _Model


class Finding(_Model):
    """One auditor's verdict on one requirement."""

    requirement: Annotated[str, Field(min_length=1)]
    status: Status
    finding: str | None = None
    evidence: str | None = None
    checked_on: date | None = None
    auditor: str | None = None
    location: str | None = None  # where it was read from, e.g. "检查表.xlsx 32169.1!H12"


class Findings(_Model):
    """A findings file (``gbstd checklist import`` writes one)."""

    format_version: Literal[1]
    source: str | None = None
    findings: tuple[Finding, ...] = ()

    def by_requirement(self) -> dict[str, Finding]:
        """Return the findings keyed by requirement id (the last one wins)."""
        return {f.requirement: f for f in self.findings}


def load_findings(path: Path) -> Findings:
    """Read a findings file.

    Raises:
        InvalidInputError: malformed YAML or a wrong field, located by line and column.
    """
    from .diagnostics import problems_from
    from .yamlsource import read_yaml

    document = read_yaml(path)
    try:
        return Findings.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None


def dump_findings(findings: Findings) -> str:
    """Return the findings as YAML text (UTF-8, Chinese kept readable)."""
    import yaml

    data = findings.model_dump(mode="json", exclude_none=True)
    header = "# gbstd 核查结论（由 gbstd checklist import 生成）。gbstd findings.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
