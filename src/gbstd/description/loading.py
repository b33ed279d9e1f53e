"""Load a centre's self-description: strict YAML, then the model, then cross-checks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from gbstd.description.factinfo import field_title
from gbstd.description.model import CentreDescription
from gbstd.description.versions import upgrade
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
    cells: dict[tuple[str | int, ...], str] | None = None  # a workbook's: data path → 场所!C7

    def cell(self, path: tuple[str | int, ...]) -> str:
        """A workbook's cell for the data path, or of the nearest block around it ("" if none)."""
        parts = list(path)
        while parts and self.cells:
            if tuple(parts) in self.cells:
                return self.cells[tuple(parts)]
            parts.pop()
        return ""

    def at_cell(self, path: tuple[str | int, ...], message: Message) -> Message:
        """The message led by the cell of ``path`` when the file is a workbook."""
        where = self.cell(path)
        return Message(f"{where}：{message.zh}", f"{where}: {message.en}") if where else message


def load_description(path: Path) -> DescriptionFile:
    """Read and validate a self-description, reporting every problem at once.

    A ``.xlsx`` file is read as the questionnaire (自评表) and its problems name sheet and
    cell; anything else is read as YAML.

    Raises:
        InvalidInputError: malformed YAML, wrong types, unknown keys, duplicate keys, bad encoding;
            for a workbook, bad cells, changed headers or deleted sheets.
    """
    if path.suffix.lower() == ".xlsx":
        return _load_workbook(path)
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
        raise InvalidInputError(labelled(problems_from(exc, document))) from None
    return DescriptionFile(description, document, path)


def _load_workbook(path: Path) -> DescriptionFile:
    from gbstd.description.xlsxform import read_questionnaire

    read = read_questionnaire(path)
    # Positions are cells, not lines: the document carries none, problems name the cell.
    document = YamlDocument(str(path), read.data, known_positions={})
    problems = list(read.problems)
    try:
        description = CentreDescription.model_validate(read.data)
    except ValidationError as exc:
        for problem in labelled(problems_from(exc, document)):
            where = _cell_of(read.cells, problem.field or "")
            message = problem.message
            if where:
                message = Message(f"{where}：{message('zh')}", f"{where}: {message('en')}")
            problems.append(replace(problem, message=message, line=None, column=None))
        description = None
    if problems or description is None:
        raise InvalidInputError(problems)
    return DescriptionFile(description, document, path, read.cells)


def _cell_of(cells: dict[tuple[str | int, ...], str], shown: str) -> str:
    """The cell of a problem's field (``matters.items[2].name``), or of the nearest around it."""
    parts: list[str | int] = []
    for token in shown.replace("]", "").replace("[", ".").split("."):
        parts.append(int(token) if token.isdigit() else token)
    while parts:
        if tuple(parts) in cells:
            return cells[tuple(parts)]
        parts.pop()
    return ""


def labelled(problems: list[Problem]) -> list[Problem]:
    """Give each problem the name a person knows its field by (``一次性告知制度：已制定并实行``)."""
    out = []
    for problem in problems:
        zh = field_title(problem.field, "zh") if problem.field else None
        label = Message(zh, field_title(problem.field or "", "en") or zh) if zh else None
        out.append(replace(problem, label=label))
    return out


def upgraded(loaded: DescriptionFile) -> list[Problem]:
    """What reading an earlier format version moved, each placed where the file says it."""
    data = loaded.document.data
    if not isinstance(data, dict):
        return []
    found = []
    for move in upgrade(data)[1]:
        _, position = loaded.document.locate(move.at)
        line, column = position or (None, None)
        message = loaded.at_cell(move.at, move.message)
        shown = ".".join(str(p) for p in move.at)
        found.append(Problem(loaded.document.name, message, line, column, shown))
    return sorted(found, key=lambda p: (p.line or 0, p.column or 0))


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
        message = loaded.at_cell(path, Message(zh, en))
        problems.append(Problem(loaded.document.name, message, line, column, shown))

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
