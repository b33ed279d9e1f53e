"""Checks: declarative YAML that decides each requirement from a centre's facts.

A check names its requirement, the facts it reads, a CEL expression that holds when the centre
conforms (``expect``), optionally one that holds for a partial conformance (``partial``), the
gap's severity and the recommendation to print. A requirement that facts cannot decide has a
``manual`` check instead. Bundled checks live in ``checklists/``; consultants add or override
them with their own folders (``--checks-dir``, ``GBSTD_CHECKS_PATH``): a later check for the
same requirement replaces an earlier one.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from gbstd.catalogue.expressions import Expression, ExpressionError
from gbstd.catalogue.standard import Importance, Text, _Model
from gbstd.catalogue.thresholds import Thresholds, load_thresholds, parameters_in
from gbstd.description.model import SECTIONS, fact_exists
from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Message
from gbstd.io.bundled import data_dir

if TYPE_CHECKING:
    from gbstd.catalogue.exprcheck import Issue
    from gbstd.catalogue.loading import Catalogue

CHECKS_PATH_ENV = "GBSTD_CHECKS_PATH"
# Dates of the run that checks may compare with (see assessment.facts.Facts).
ASSESSMENT_VARIABLE = "assessment"
PARAMETER_VARIABLE = "param"  # the toolkit's named thresholds (profiles/thresholds.yaml)
ASSESSMENT_FACTS = frozenset({"as_of", "half_year_ago", "year_ago"})


class Explanation(_Model):
    """A condition worth naming in the reason: which part failed, or how the check decided."""

    when: Annotated[str, Field(min_length=1)]  # CEL; holds when ``say`` applies
    say: Text


class Check(_Model):
    """How one requirement is decided.

    ``explain`` names, in the reason, the parts that hold: a partial or nonconforming result
    says which condition failed (not "A or B"), and any result can say how it was decided
    (for example, by titles because structured fields were absent).
    """

    requirement: Annotated[str, Field(min_length=1)]
    reads: tuple[
        Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z_0-9]+)*(\[\]\.[a-z_0-9]+)?$")], ...
    ] = ()
    expect: str | None = None
    partial: str | None = None
    manual: Text | None = None
    finding: Text | None = None
    recommendation: Text | None = None
    severity: Importance | None = None
    explain: tuple[Explanation, ...] = ()

    @model_validator(mode="after")
    def _automatic_or_manual(self) -> Check:
        if (self.expect is None) == (self.manual is None):
            raise PydanticCustomError(
                "gbstd_check_kind", "give exactly one of expect (automatic) or manual", {}
            )
        if self.expect is not None and not self.reads:
            raise PydanticCustomError(
                "gbstd_check_reads", "an automatic check must list the facts it reads", {}
            )
        if self.partial is not None and self.expect is None:
            raise PydanticCustomError("gbstd_check_partial", "partial needs expect", {})
        if self.explain and self.expect is None:
            raise PydanticCustomError("gbstd_check_explain", "explain needs expect", {})
        return self


class Checklist(_Model):
    """A file of checks for one standard."""

    format_version: Literal[1]
    standard: Annotated[str, Field(min_length=1)]
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class CompiledCheck:
    """A check with its expressions compiled and its origin remembered."""

    check: Check
    standard: str
    expect: Expression | None
    partial: Expression | None
    source: str  # file:line, for messages
    explain: tuple[tuple[Expression, Message], ...] = ()

    @property
    def manual(self) -> bool:
        """True when a person must decide the requirement."""
        return self.expect is None


_CHAIN = re.compile(r"\b([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+)(\s*\()?")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_HAS = re.compile(r"has\(\s*([a-z_][a-z0-9_.]*)\s*\)")
_MACRO = re.compile(
    r"\b([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\.(?:all|exists|exists_one|filter|map)\(\s*([a-z_][a-z0-9_]*)\s*,"
)


def item_fields(expression: str) -> list[tuple[str, str]]:
    """Return ``(list path, field)`` for every field read through a macro variable.

    In ``matters.items.all(m, m.promised_days <= m.statutory_days)`` that is
    ``("matters.items", "promised_days")`` and ``("matters.items", "statutory_days")``.
    """
    code = _STRING.sub("''", expression)
    found = []
    for macro in _MACRO.finditer(code):
        path, variable = macro.groups()
        for use in re.finditer(rf"\b{variable}\.([a-z_][a-z0-9_]*)", code[macro.end() :]):
            found.append((path, use.group(1)))
    return found


@lru_cache(maxsize=4096)  # applicability conditions are asked about for every requirement
def fact_chains(expression: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return the fact paths an expression uses, and those it only tests with ``has()``."""
    code = _STRING.sub("''", expression)
    used: set[str] = set()
    for match in _CHAIN.finditer(code):
        chain = match.group(1)
        if match.group(2):  # a method call such as items.all( or name.startsWith(
            chain = chain.rsplit(".", 1)[0]
        if chain.split(".", 1)[0] in SECTIONS:
            used.add(chain)
    tested = {m.group(1) for m in _HAS.finditer(code)}
    return frozenset(used), frozenset(tested)


def _covered(chain: str, reads: tuple[str, ...]) -> bool:
    for read in reads:
        base = read.split("[]", 1)[0]
        if chain == base or chain.startswith(base + ".") or base.startswith(chain + "."):
            return True
    return False


def expression_issues(source: str) -> list[Issue]:
    """Type-check a condition or check over the facts checks see (sections and ``assessment``).

    Imported here: a file served from the cache was checked when it was stored.
    """
    from gbstd.catalogue.exprcheck import DOUBLE, INT, STRING, check_expression
    from gbstd.catalogue.thresholds import Unit, load_thresholds

    # ``param.X`` is the toolkit's named threshold X: a ratio is a double, any other unit an int
    # (the literal it is bound to when the checks load).
    params = {
        name: DOUBLE if parameter.unit == Unit.RATIO else INT
        for name, parameter in load_thresholds().declared.items()
    }
    return check_expression(
        source,
        {ASSESSMENT_VARIABLE: dict.fromkeys(ASSESSMENT_FACTS, STRING), PARAMETER_VARIABLE: params},
    )


def issue_message(key: str, issue: Issue) -> Message:
    """Say which expression (``expect`` …; none when the field says it) and character it is at."""
    if issue.at is None:
        where_zh = where_en = key
    else:
        where_zh = f"{key}（第 {issue.at + 1} 个字符）" if key else f"第 {issue.at + 1} 个字符"
        where_en = f"{key} (character {issue.at + 1})" if key else f"character {issue.at + 1}"
    if not where_zh:
        return issue.message
    return Message(f"{where_zh}：{issue.message.zh}", f"{where_en}: {issue.message.en}")


def _expression_problems(key: str, source: str, reads: tuple[str, ...]) -> list[Message]:
    """Compile an expression, type-check it, and check the facts it names against ``reads``."""
    try:
        Expression(source).check()
    except ExpressionError as exc:
        return [Message(f"{key} 表达式无法编译：{exc}", f"{key} does not compile: {exc}")]
    found = [issue_message(key, issue) for issue in expression_issues(source)]
    used, tested = fact_chains(source)
    found += [
        Message(
            f"{key} 使用了 {chain}，但 reads 没有列出它（可选事实请用 has() 判断）",
            f"{key} uses {chain}, which reads does not list (test optional facts with has())",
        )
        for chain in sorted(used)
        if fact_exists(chain) and chain not in tested and not _covered(chain, reads)
    ]
    return found


def _problems_of_check(check: Check, name: str, lines: dict[str, tuple[int, int]]) -> list[Problem]:
    where = f"checks[{check.requirement}]"
    problems = [
        Problem(
            name,
            Message(
                f"reads 中的事实 {path} 在自述文件格式中不存在", f"reads names unknown fact {path}"
            ),
            *lines["reads"],
            where,
        )
        for path in check.reads
        if not fact_exists(path)
    ]
    for key in ("expect", "partial"):
        source = getattr(check, key)
        if source is not None:
            problems += [
                Problem(name, m, *lines[key], where)
                for m in _expression_problems(key, source, check.reads)
            ]
    for i, item in enumerate(check.explain):
        problems += [
            Problem(name, m, *lines["explain"], where)
            for m in _expression_problems(f"explain[{i}].when", item.when, check.reads)
        ]
    return problems


@dataclass(frozen=True)
class ParsedChecklist:
    """A validated checklist file and the line of each check (what the file cache stores)."""

    checklist: Checklist
    lines: tuple[int | None, ...]


def _parse_checklist(raw: bytes, name: str) -> ParsedChecklist:
    from pydantic import ValidationError

    from gbstd.io.diagnostics import problems_from
    from gbstd.io.textfile import decode
    from gbstd.io.yamlsource import parse_yaml

    document = parse_yaml(decode(raw, name), name)
    try:
        checklist = Checklist.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None
    lines = tuple(
        document.positions.get(("checks", i), (None, None))[0] for i in range(len(checklist.checks))
    )
    problems = []
    for i, (check, line) in enumerate(zip(checklist.checks, lines, strict=True)):
        start = (line, 1) if line is not None else (None, None)
        at = {key: document.positions.get(("checks", i, key), start) for key in Check.model_fields}
        problems += _problems_of_check(check, name, at)
    if problems:
        raise InvalidInputError(problems)
    return ParsedChecklist(checklist, lines)


def _bound(check: Check, thresholds: Thresholds, name: str, line: int | None) -> Check:
    """The check with its parameters replaced by their values (in CEL) and phrases (in text).

    Raises:
        InvalidInputError: it names a parameter that is not declared.
    """
    texts = ("finding", "recommendation", "manual")
    sources = [check.expect or "", check.partial or ""]
    sources += [
        getattr(check, t).zh + (getattr(check, t).en or "") for t in texts if getattr(check, t)
    ]
    sources += [e.when + e.say.zh + (e.say.en or "") for e in check.explain]
    unknown = sorted({n for s in sources for n in parameters_in(s)} - set(thresholds.declared))
    if unknown:
        known = ", ".join(thresholds.declared)
        raise InvalidInputError(
            [
                Problem(
                    name,
                    Message(
                        f"使用了未声明的参数 {'、'.join(unknown)}（可用：{known}）",
                        f"uses undeclared parameters {', '.join(unknown)} (known: {known})",
                    ),
                    line,
                    1,
                    f"checks[{check.requirement}]",
                )
            ]
        )
    if not any(parameters_in(s) for s in sources):
        return check
    update: dict[str, object] = {
        key: thresholds.bind(getattr(check, key))
        for key in ("expect", "partial")
        if getattr(check, key)
    }
    for key in texts:
        text = getattr(check, key)
        if text is not None:
            rendered = thresholds.render(Message(text.zh, text.en or text.zh))
            update[key] = Text(zh=rendered.zh, en=rendered.en if text.en else None)
    update["explain"] = tuple(
        Explanation(
            when=thresholds.bind(e.when),
            say=Text(**vars(thresholds.render(Message(e.say.zh, e.say.en or e.say.zh)))),
        )
        for e in check.explain
    )
    return check.model_copy(update=update)


def load_checklist_file(
    path: Path, thresholds: Thresholds | None = None
) -> tuple[Checklist, list[CompiledCheck]]:
    """Load and validate one checklist file; expressions compile when first evaluated.

    Parameters (``param.name``) are bound to ``thresholds`` (the bundled defaults when None).

    Raises:
        InvalidInputError: every problem in the file, located.
    """
    from gbstd.catalogue.cache import cached
    from gbstd.io.textfile import read_bytes

    name = str(path)
    parsed = cached(
        read_bytes(path, name),
        lambda raw: _parse_checklist(raw, name),
        ParsedChecklist,
        # Named, not imported: a file served from the cache needs none of them but this one.
        (
            sys.modules[__name__],
            "gbstd.description",
            "gbstd.catalogue.exprcheck",
            "gbstd.catalogue.celsyntax",
        ),
    )
    thresholds = thresholds or load_thresholds()
    compiled = []
    problems: list[Problem] = []
    for check, line in zip(parsed.checklist.checks, parsed.lines, strict=True):
        try:
            bound = _bound(check, thresholds, name, line)
        except InvalidInputError as exc:
            problems.extend(exc.problems)
            continue
        compiled.append(
            CompiledCheck(
                bound,
                parsed.checklist.standard,
                Expression(bound.expect) if bound.expect else None,
                Expression(bound.partial) if bound.partial else None,
                f"{name}:{line}",
                tuple(
                    (Expression(e.when), Message(e.say.zh, e.say.en or e.say.zh))
                    for e in bound.explain
                ),
            )
        )
    if problems:
        raise InvalidInputError(problems)
    return parsed.checklist, compiled


@dataclass(frozen=True)
class CheckSet:
    """Every check available, by requirement id, after user folders are applied."""

    by_requirement: dict[str, CompiledCheck]
    notices: tuple[Message, ...] = ()
    thresholds: Thresholds = field(default_factory=load_thresholds)  # bound into the checks


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())


def load_checks(
    user_dirs: Sequence[Path] = (),
    catalogue: Catalogue | None = None,
    thresholds: Thresholds | None = None,
) -> CheckSet:
    """Load the bundled checks, then each user folder in order (later ones win).

    With ``catalogue``, a user's check must name one of its requirements, of the standard its
    file names (what ``gbstd checks lint`` says too): a check for a requirement that does not
    exist would otherwise be ignored without a word. Parameters are bound once, here, to
    ``thresholds`` (the bundled defaults when None).

    Raises:
        InvalidInputError: a checklist file is invalid or a folder is missing or empty.
    """
    known = _requirement_standards(catalogue) if catalogue is not None else None
    thresholds = thresholds or load_thresholds()
    by_requirement: dict[str, CompiledCheck] = {}
    notices: list[Message] = []
    problems: list[Problem] = []
    for folder, builtin in [(data_dir("checklists"), True)] + [(d, False) for d in user_dirs]:
        if not folder.is_dir():
            problems.append(
                Problem(str(folder), Message("检查项目录不存在", "no such checks folder"))
            )
            continue
        files = _yaml_files(folder)
        if not files and not builtin:
            problems.append(
                Problem(
                    str(folder), Message("目录中没有 .yaml/.yml 文件", "no .yaml/.yml file here")
                )
            )
        for path in files:
            try:
                checklist, compiled = load_checklist_file(path, thresholds)
            except InvalidInputError as exc:
                problems.extend(exc.problems)
                continue
            if known is not None and not builtin:
                problems += _catalogue_problems(checklist, compiled, known)
            for item in compiled:
                previous = by_requirement.get(item.check.requirement)
                if previous is not None and not builtin:
                    notices.append(
                        Message(
                            f"注意：{item.check.requirement} 的检查项由 {item.source} 替换（原为 {previous.source}）",
                            f"note: the check for {item.check.requirement} is replaced by {item.source} "
                            f"(was {previous.source})",
                        )
                    )
                elif previous is not None:
                    problems.append(
                        Problem(
                            item.source,
                            Message(
                                f"要求 {item.check.requirement} 已有检查项（{previous.source}）",
                                f"requirement {item.check.requirement} already has a check ({previous.source})",
                            ),
                        )
                    )
                by_requirement[item.check.requirement] = item
    if problems:
        raise InvalidInputError(problems)
    return CheckSet(by_requirement, tuple(notices), thresholds)


def _requirement_standards(catalogue: Catalogue) -> dict[str, str]:
    return {r.id: e.number for e in catalogue.entries for r in e.standard.requirements()}


def _catalogue_problems(
    checklist: Checklist, compiled: Sequence[CompiledCheck], known: dict[str, str]
) -> list[Problem]:
    """Checks for requirements the catalogue lacks, or that belong to another standard."""
    problems = []
    for item in compiled:
        number = known.get(item.check.requirement)
        if number is None:
            message = Message(
                f"要求 {item.check.requirement} 不在标准目录中",
                f"requirement {item.check.requirement} is not in the catalogue",
            )
        elif number != checklist.standard:
            message = Message(
                f"要求 {item.check.requirement} 属于 {number}，不属于 {checklist.standard}",
                f"requirement {item.check.requirement} belongs to {number}, not {checklist.standard}",
            )
        else:
            continue
        problems.append(Problem(item.source, message))
    return problems


def lint_checklists(paths: Sequence[Path], catalogue: Catalogue) -> list[Problem]:
    """Validate checklist files and folders against the format and the catalogue."""
    problems: list[Problem] = []
    known = _requirement_standards(catalogue)
    files: list[Path] = []
    for path in paths:
        found = _yaml_files(path) if path.is_dir() else [path]
        if path.is_dir() and not found:
            problems.append(
                Problem(str(path), Message("目录中没有 .yaml/.yml 文件", "no .yaml/.yml file here"))
            )
        files.extend(found)
    for path in files:
        try:
            checklist, compiled = load_checklist_file(path)
        except InvalidInputError as exc:
            problems.extend(exc.problems)
            continue
        problems += _catalogue_problems(checklist, compiled, known)
    return problems
