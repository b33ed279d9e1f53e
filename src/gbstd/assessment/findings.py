"""Auditors' findings: verdicts recorded on site, merged over the automatic results."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError

from gbstd.assessment.results import Status
from gbstd.catalogue.standard import _Model
from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Message
from gbstd.io.textfile import MAX_BYTES


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
        """Return the findings keyed by requirement id (``load_findings`` refuses repeats)."""
        return {f.requirement: f for f in self.findings}


def load_findings(path: Path) -> Findings:
    """Read a findings file.

    Raises:
        InvalidInputError: malformed YAML or a wrong field, located by line and column.
    """
    from gbstd.io.diagnostics import problems_from
    from gbstd.io.yamlsource import read_yaml

    document = read_yaml(path)
    try:
        findings = Findings.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None
    # Two verdicts on one requirement: which one holds would be a silent guess.
    first_line: dict[str, int | None] = {}
    problems = []
    for index, found in enumerate(findings.findings):
        _, position = document.locate(("findings", index, "requirement"))
        line, column = position or (None, None)
        if found.requirement not in first_line:
            first_line[found.requirement] = line
            continue
        earlier = first_line[found.requirement]
        problems.append(
            Problem(
                document.name,
                Message(
                    f"要求 {found.requirement} 已在第 {earlier} 行有核查结论；每个要求只能有一条",
                    f"requirement {found.requirement} already has a finding on line {earlier}; "
                    "give one per requirement",
                ),
                line,
                column,
                f"findings[{index}].requirement",
            )
        )
    if problems:
        raise InvalidInputError(problems)
    return findings


def dump_findings(findings: Findings) -> str:
    """Return the findings as YAML text (UTF-8, Chinese kept readable).

    Raises:
        InvalidInputError: the text would be over ``MAX_BYTES``, which ``load_findings`` (and
            so ``assess --findings``) refuses: it is never written.
    """
    import yaml

    data = findings.model_dump(mode="json", exclude_none=True)
    header = "# gbstd 核查结论（由 gbstd checklist import 生成）。gbstd findings.\n"
    text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise InvalidInputError(
            [
                Problem(
                    findings.source or "findings",
                    Message(
                        f"核查结论共 {size} 字节，超过 assess --findings 可读取的上限 {MAX_BYTES} 字节；"
                        "请缩短发现和证据的文字，或按标准分开导出核查表（checklist export -s）",
                        f"the findings come to {size} bytes, over the {MAX_BYTES}-byte limit of "
                        "assess --findings; shorten the findings and evidence, or export one "
                        "checklist per standard (checklist export -s)",
                    ),
                )
            ]
        )
    return text
