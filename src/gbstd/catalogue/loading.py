"""The catalogue: bundled standards plus user packs, looked up by forgiving ids.

A user pack is a folder of standard files. A pack standard with the same number as a bundled
one replaces it (an organisation holding the licensed full text drops it in this way); any
other number is added (local DB standards, for example). Later packs take precedence.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from gbstd.catalogue import standard as _standard_module
from gbstd.catalogue.cache import cached
from gbstd.catalogue.standard import Standard
from gbstd.errors import InvalidInputError, Problem, UnknownStandardError
from gbstd.i18n import Message
from gbstd.io.bundled import data_dir
from gbstd.io.textfile import decode, read_bytes

YAML_SUFFIXES = (".yaml", ".yml")
# What decides whether a standard file is valid. Its applicability conditions are type-checked
# against the fact schema, so a change there re-checks them; named, not imported, so that a
# catalogue served from the cache does not load them.
_VALIDATED_BY = (
    _standard_module,
    "gbstd.description",
    "gbstd.catalogue.checks",
    "gbstd.catalogue.exprcheck",
    "gbstd.catalogue.celtypes",
    "gbstd.catalogue.celcost",
    "gbstd.catalogue.celsyntax",
)


@dataclass(frozen=True)
class Entry:
    """A standard in the catalogue and where it came from."""

    standard: Standard
    source: Path
    builtin: bool
    sha256: str = ""  # of the file's bytes, so a report can say exactly which text it used

    @property
    def number(self) -> str:
        """The standard's number, e.g. ``GB/T 32169.4-2015``."""
        return self.standard.number


@dataclass(frozen=True)
class Catalogue:
    """Every standard available to a command, after user packs are applied."""

    entries: tuple[Entry, ...]
    notices: tuple[Message, ...] = ()  # replacements, for the CLI to announce on stderr

    @cached_property
    def requirement_ids(self) -> frozenset[str]:
        """Every requirement id of every standard (computed once)."""
        return frozenset(r.id for e in self.entries for r in e.standard.requirements())

    @cached_property
    def node_ids(self) -> frozenset[str]:
        """Every node id, standard number and slug: what a declaration may name."""
        found: set[str] = set()
        for entry in self.entries:
            found |= {entry.number, entry.standard.slug}
            found |= {node.id for _, node in entry.standard.walk()}
        return frozenset(found)

    def listed(self, include_extras: bool = False) -> list[Entry]:
        """Entries in catalogue order; extra packs only when asked for."""
        return [e for e in self.entries if include_extras or not e.standard.extra]

    def resolve(self, query: str) -> Entry:
        """Find one standard by a forgiving id.

        ``GB/T 32169.4-2015``, ``32169.4``, ``gbt-32169.4`` and ``gbt-32169.4-2015`` all
        resolve; so does a unique fragment of the Chinese title.

        Raises:
            UnknownStandardError: nothing matches, or several editions match.
        """
        wanted = _parse_number(query)
        matches = []
        if wanted is not None:
            matches = [e for e in self.entries if _number_matches(wanted, e.number)]
        if not matches and query.strip():
            fragment = query.strip()
            matches = [
                e
                for e in self.entries
                if fragment in e.standard.title.zh
                or (e.standard.title.en and fragment.casefold() in e.standard.title.en.casefold())
            ]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            numbers = "、".join(e.number for e in matches)
            raise UnknownStandardError(
                f"“{query}”可指多个标准：{numbers}；请写出完整编号",
                f"'{query}' matches several standards: {', '.join(e.number for e in matches)}; "
                "give the full number",
            )
        candidates = {e.number: e for e in self.entries} | {
            e.standard.slug: e for e in self.entries
        }
        close = difflib.get_close_matches(query.strip(), list(candidates), n=3, cutoff=0.5)
        suggestion = sorted({candidates[c].number for c in close})
        hint_zh = f"；是否要找：{'、'.join(suggestion)}" if suggestion else ""
        hint_en = f"; did you mean: {', '.join(suggestion)}" if suggestion else ""
        raise UnknownStandardError(
            f"找不到标准“{query}”{hint_zh}（用 gbstd standards list --all 查看全部）",
            f"no standard '{query}'{hint_en} (see gbstd standards list --all)",
        )


_NUMBER = re.compile(
    r"^(?P<prefix>[A-Z]+(?:\d+[A-Z]+)?)?-?(?P<core>\d+(?:\.\d+)*)(?:-(?P<year>\d{4}))?$"
)


def _parse_number(text: str) -> tuple[str | None, str, str | None] | None:
    compact = re.sub(r"[\s/_]+", "", text.upper()).replace("—", "-").replace("–", "-")
    match = _NUMBER.match(compact)
    if not match:
        return None
    return match["prefix"], match["core"], match["year"]


def _number_matches(wanted: tuple[str | None, str, str | None], number: str) -> bool:
    have = _parse_number(number)
    if have is None:
        return False
    prefix, core, year = wanted
    return (
        core == have[1]
        and (prefix is None or prefix == have[0])
        and (year is None or year == have[2])
    )


def load_standard_file(path: Path, name: str | None = None) -> Standard:
    """Load and validate one standard file.

    Raises:
        InvalidInputError: every problem in the file, located by line and column.
    """
    return load_entry(path, builtin=False, name=name).standard


def load_entry(path: Path, builtin: bool, name: str | None = None) -> Entry:
    """Load one standard file into a catalogue entry, with the SHA-256 of its bytes.

    Raises:
        InvalidInputError: every problem in the file, located by line and column.
    """
    shown = name or str(path)
    raw = read_bytes(path, shown)
    standard = cached(raw, lambda data: _parse_standard(data, shown), Standard, _VALIDATED_BY)
    return Entry(standard, path, builtin, hashlib.sha256(raw).hexdigest())


def _parse_standard(raw: bytes, name: str) -> Standard:
    # Imported here: a catalogue served from the cache needs neither the YAML parser nor
    # pydantic's error machinery, and `gbstd standards list` should not pay for them.
    from pydantic import ValidationError

    from gbstd.io.diagnostics import problems_from
    from gbstd.io.yamlsource import parse_yaml

    document = parse_yaml(decode(raw, name), name)
    if not isinstance(document.data, dict):
        raise InvalidInputError(
            [
                Problem(
                    document.name,
                    Message(
                        "顶层应为映射（number、title、children 等）",
                        "the top level must be a mapping",
                    ),
                    1,
                    1,
                )
            ]
        )
    try:
        standard = Standard.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None
    problems = _condition_problems(document.data, document.positions, name)
    if problems:
        raise InvalidInputError(problems)
    return standard


def _condition_problems(
    data: Any, positions: dict[tuple[Any, ...], tuple[int, int]], name: str
) -> list[Problem]:
    """Type-check every applicability ``when`` against the fact schema, as checks are.

    A condition naming an unknown fact would make every requirement below it not evaluable,
    for every centre, without a word; a type error would fail at run time.
    """
    from gbstd.catalogue.checks import expression_issues, issue_message

    problems = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            condition = node.get("applicability")
            if isinstance(condition, dict) and isinstance(condition.get("when"), str):
                where = (*path, "applicability", "when")
                line, column = positions.get(where, (None, None))
                problems += [
                    Problem(name, issue_message("", issue), line, column, _dotted(where))
                    for issue in expression_issues(condition["when"])
                ]
            stack.extend(((*path, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, i), value) for i, value in enumerate(node))
    return problems


def _dotted(path: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def standard_files(folder: Path) -> list[Path]:
    """Return the YAML files in a folder and its sub-folders, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def _load_folder(folder: Path, builtin: bool) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        what = Message(
            "标准包目录不存在" if not folder.exists() else "应为目录，却是文件",
            "no such directory" if not folder.exists() else "expected a directory, found a file",
        )
        return [], [Problem(str(folder), what)]
    files = standard_files(folder)
    if not files:
        problems.append(
            Problem(
                str(folder),
                Message("目录中没有 .yaml/.yml 文件", "the directory holds no .yaml/.yml file"),
            )
        )
    for path in files:
        try:
            entries.append(load_entry(path, builtin))
        except InvalidInputError as exc:
            problems.extend(exc.problems)
    return entries, problems


def _duplicates(entries: Iterable[Entry]) -> list[Problem]:
    first: dict[str, Entry] = {}
    problems = []
    for entry in entries:
        if entry.number in first:
            other = first[entry.number].source
            problems.append(
                Problem(
                    str(entry.source),
                    Message(
                        f"标准 {entry.number} 已在 {other} 中定义；同一标准包中一个编号只能出现一次",
                        f"standard {entry.number} is already defined in {other}",
                    ),
                    field="number",
                )
            )
        first.setdefault(entry.number, entry)
    return problems


def lint_paths(paths: Sequence[Path]) -> list[Problem]:
    """Validate files and folders of standards; return every problem found."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found, bad = _load_folder(path, builtin=False)
            entries.extend(found)
            problems.extend(bad)
        else:
            try:
                entries.append(load_entry(path, builtin=False))
            except InvalidInputError as exc:
                problems.extend(exc.problems)
    return problems + _duplicates(entries)


def load_catalogue(user_dirs: Sequence[Path] = ()) -> Catalogue:
    """Load the bundled standards, then apply each user pack in order.

    Raises:
        InvalidInputError: a bundled or user file is invalid, or a pack repeats a number.
    """
    builtin, problems = _load_folder(data_dir("standards"), builtin=True)
    problems += _duplicates(builtin)
    by_number: dict[str, Entry] = {e.number: e for e in builtin}
    notices: list[Message] = []
    for folder in user_dirs:
        found, bad = _load_folder(folder, builtin=False)
        problems += bad + _duplicates(found)
        for entry in found:
            replaced = by_number.get(entry.number)
            if replaced is not None:
                notices.append(
                    Message(
                        f"注意：{entry.number} 已由用户标准包 {entry.source} 替换（原为 {replaced.source}）",
                        f"note: {entry.number} is replaced by the user pack {entry.source} "
                        f"(was {replaced.source})",
                    )
                )
            by_number[entry.number] = entry
    if problems:
        raise InvalidInputError(problems)
    return Catalogue(tuple(sorted(by_number.values(), key=_catalogue_order)), tuple(notices))


def _catalogue_order(entry: Entry) -> tuple[bool, tuple[int, ...], str]:
    parsed = _parse_number(entry.number)
    core = tuple(int(x) for x in parsed[1].split(".")) if parsed else ()
    return entry.standard.extra, core, entry.number
