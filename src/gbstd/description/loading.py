"""Load a centre's self-description: strict YAML, then the model, then cross-checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from gbstd.description.model import CentreDescription
from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Message
from gbstd.io.diagnostics import problems_from
from gbstd.io.yamlsource import YamlDocument, read_yaml


@dataclass(frozen=True)
class DescriptionFile:
    """A validated self-description and the YAML it came from (for positions)."""

    description: CentreDescription
    document: YamlDocument
    path: Path


def load_description(path: Path) -> DescriptionFile:
    """Read and validate a self-description, reporting every problem at once.

    Raises:
        InvalidInputError: malformed YAML, wrong types, unknown keys, duplicate keys, bad encoding.
    """
    document = read_yaml(path)
    if not isinstance(document.data, dict):
        raise InvalidInputError(
            [
                Problem(
                    document.name,
                    Message("顶层应为映射（centre: … 等）", "the top level must be a mapping"),
                    1,
                    1,
                )
            ]
        )
    try:
        description = CentreDescription.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None
    return DescriptionFile(description, document, path)


class KnownIds(Protocol):
    """The ids a self-description may name; the catalogue (a layer above) provides them."""

    @property
    def node_ids(self) -> frozenset[str]:
        """Every node id, standard number and slug: what a declaration may name."""
        ...

    @property
    def requirement_ids(self) -> frozenset[str]:
        """Every requirement id: what a waiver or a piece of evidence may name."""
        ...


def reference_problems(loaded: DescriptionFile, catalogue: KnownIds) -> list[Problem]:
    """Find waivers, declarations and evidence that name requirements the catalogue lacks."""
    known_nodes = catalogue.node_ids
    requirements = catalogue.requirement_ids
    description = loaded.description
    problems: list[Problem] = []

    def add(path: tuple[str | int, ...], zh: str, en: str) -> None:
        line, column = loaded.document.positions.get(path, (None, None))
        shown = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(
            ".[", "["
        )
        problems.append(Problem(loaded.document.name, Message(zh, en), line, column, shown))

    for i, item in enumerate(description.not_applicable or []):
        if item.requirement not in known_nodes:
            add(
                ("not_applicable", i, "requirement"),
                f"未知的要求或条款编号 {item.requirement}",
                f"unknown requirement or node {item.requirement}",
            )
    for i, waiver in enumerate(description.waivers or []):
        if waiver.requirement not in requirements:
            add(
                ("waivers", i, "requirement"),
                f"未知的要求编号 {waiver.requirement}",
                f"unknown requirement {waiver.requirement}",
            )
    for i, evidence in enumerate(description.evidence or []):
        for j, ref in enumerate(evidence.supports or []):
            if ref not in requirements:
                add(
                    ("evidence", i, "supports", j),
                    f"未知的要求编号 {ref}",
                    f"unknown requirement {ref}",
                )
    return problems
