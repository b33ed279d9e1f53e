"""The clause-tree model of a standard: metadata and a tree of chapters, clauses and requirements.

The format is documented for users in ``docs/catalogue-format.md``. Every model is frozen and
rejects unknown keys, so a standard that loads is trustworthy downstream.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

FORMAT_VERSION = 1

# An id made only of numbers and dots (optionally behind an annex letter) reads as an official
# clause number. The toolkit's own nodes must never look like one.
OFFICIAL_LOOKING_ID = re.compile(r"^(?:[A-Z]\.)?\d+(?:\.\d+)*$|^[A-Z]$")


class _Model(BaseModel):
    # defer_build: building validators costs ~40 ms; a catalogue served from the cache
    # (standardcache.py) never validates, so it never pays for them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(_Model):
    """A piece of text in Chinese and, optionally, English. A plain string means Chinese."""

    zh: Annotated[str, Field(min_length=1)]
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_chinese(cls, value: Any) -> Any:
        return {"zh": value} if isinstance(value, str) else value

    def get(self, lang: str = "zh") -> str:
        """Return the text in ``lang``, falling back to Chinese when there is no English."""
        return self.en if lang == "en" and self.en else self.zh


class Provenance(StrEnum):
    """How we know a node: see ``standards-facts.md`` and the format documentation."""

    TOC = "toc"  # number and title from the published table of contents
    SEED = "seed"  # number and title from the drafters' interpretation article
    DERIVED = "derived"  # the toolkit's own requirement, paraphrased from the seed summary
    LICENSED_TEXT = "licensed_text"  # official text supplied by a user holding the licence


class Level(StrEnum):
    """Verb strength of a requirement (GB/T 1.1): 应 shall, 宜 should, 可 may."""

    SHALL = "shall"
    SHOULD = "should"
    MAY = "may"


class Importance(StrEnum):
    """How serious a gap against the requirement is (高/中/低)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Applicability(_Model):
    """When a requirement applies. ``when`` is a CEL expression over the centre's facts."""

    when: Annotated[str, Field(min_length=1)]
    description: Text


class Definition(_Model):
    """The definition of a term, with its own provenance."""

    text: Text
    provenance: Literal[Provenance.DERIVED, Provenance.LICENSED_TEXT] = Provenance.DERIVED


class _Node(_Model):
    id: Annotated[str, Field(min_length=1, max_length=80)]
    title: Text
    provenance: Provenance
    note: Text | None = None
    applicability: Applicability | None = None  # inherited by every node below

    @field_validator("id", mode="before")
    @classmethod
    def _id_must_be_written_as_text(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise PydanticCustomError(
                "gbstd_id_not_string",
                'id {value} was read as a number; quote it (e.g. "1.10") so it stays exact',
                {"value": value},
            )
        return value

    @model_validator(mode="after")
    def _derived_ids_must_not_look_official(self) -> _Node:
        if self.provenance == Provenance.DERIVED and OFFICIAL_LOOKING_ID.match(self.id):
            raise PydanticCustomError(
                "gbstd_derived_official_id",
                "derived node has id {id}, which looks like an official clause number; "
                "use a toolkit id such as 32169.1-5.R03",
                {"id": self.id},
            )
        return self


class Requirement(_Node):
    """An assessable statement: derived by the toolkit, or verbatim from a licensed text."""

    kind: Literal["requirement"]
    statement: Text
    level: Level
    assessable: bool = True
    weight: Annotated[float, Field(ge=0, le=100)] = 1.0
    importance: Importance = Importance.MEDIUM
    veto: bool = False
    typical_evidence: tuple[Text, ...] = ()
    tags: tuple[Annotated[str, Field(pattern=r"^[a-z0-9_]+(?:\.[a-z0-9_]+)*$")], ...] = ()
    basis: Text | None = None

    @model_validator(mode="after")
    def _only_a_requirement_can_veto(self) -> Requirement:
        # 宜 recommends and 可 permits: failing either can never sink a whole standard.
        if self.veto and self.level != Level.SHALL:
            raise PydanticCustomError(
                "gbstd_veto_level",
                "requirement {id} is {level} and has veto: true; only a shall requirement "
                "(应) can veto",
                {"id": self.id, "level": self.level.value},
            )
        return self


class Term(_Node):
    """A term of the terms-and-definitions chapter."""

    kind: Literal["term"]
    definition: Definition | None = None


class Chapter(_Node):
    """A numbered chapter (1, 2, 3 …)."""

    kind: Literal["chapter"]
    children: tuple[Node, ...] = ()


class Clause(_Node):
    """A numbered clause below a chapter (for example 6.1)."""

    kind: Literal["clause"]
    children: tuple[Node, ...] = ()


class Section(_Node):
    """A topic the seed names inside a chapter, whose official number is unknown."""

    kind: Literal["section"]
    children: tuple[Node, ...] = ()


class Annex(_Node):
    """An annex; ``form`` marks one that is a form to fill in."""

    kind: Literal["annex"]
    normative: bool = False
    form: bool = False
    children: tuple[Node, ...] = ()


class Bibliography(_Node):
    """The bibliography (参考文献)."""

    kind: Literal["bibliography"]
    children: tuple[Node, ...] = ()


Node = Annotated[
    Chapter | Clause | Section | Requirement | Term | Annex | Bibliography,
    Field(discriminator="kind"),
]
Branch = Chapter | Clause | Section | Annex | Bibliography

# Which kinds may sit directly under which: a requirement or term is always a leaf.
ALLOWED_CHILDREN: dict[str, frozenset[str]] = {
    "standard": frozenset({"chapter", "annex", "bibliography"}),
    "chapter": frozenset({"clause", "section", "requirement", "term"}),
    "clause": frozenset({"clause", "section", "requirement", "term"}),
    "section": frozenset({"section", "requirement"}),
    "annex": frozenset({"clause", "section", "requirement"}),
    "bibliography": frozenset(),
}


class Status(StrEnum):
    """Whether a standard is in force (现行) or not."""

    CURRENT = "current"
    UPCOMING = "upcoming"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


class Reference(_Model):
    """A normative reference or a related standard."""

    number: Annotated[str, Field(min_length=1)]
    title: Text | None = None


class Standard(_Model):
    """One standard: its metadata and its clause tree (the root of the tree)."""

    format_version: Literal[1]
    number: Annotated[str, Field(min_length=1, pattern=r"\S")]
    title: Text
    series: Text | None = None
    part: Annotated[int, Field(ge=1)] | None = None
    issued: date | None = None
    effective: date | None = None
    status: Status | None = None  # None: not known
    committee: str | None = None
    ics: str | None = None
    ccs: str | None = None
    drafted_per: str | None = None
    drafters: Text | None = None
    normative_references: tuple[Reference, ...] = ()
    related: tuple[Reference, ...] = ()
    provenance: Text
    extra: bool = False
    applicability: Applicability | None = None  # inherited by every node
    children: tuple[Node, ...]

    @model_validator(mode="after")
    def _check_tree(self) -> Standard:
        seen: set[str] = set()
        for parent_kind, node in self._edges():
            if node.kind not in ALLOWED_CHILDREN[parent_kind]:
                raise PydanticCustomError(
                    "gbstd_bad_nesting",
                    "a {child} node ({id}) cannot sit under a {parent}",
                    {"child": node.kind, "id": node.id, "parent": parent_kind},
                )
            if node.id in seen:
                raise PydanticCustomError(
                    "gbstd_duplicate_id", "node id {id} is used twice", {"id": node.id}
                )
            seen.add(node.id)
        return self

    def _edges(self) -> Iterator[tuple[str, Chapter | Clause | Section | Requirement | Term]]:
        stack: list[tuple[str, Any]] = [("standard", child) for child in reversed(self.children)]
        while stack:
            parent_kind, node = stack.pop()
            yield parent_kind, node
            stack.extend((node.kind, c) for c in reversed(children_of(node)))

    def walk(self) -> Iterator[tuple[tuple[Any, ...], Any]]:
        """Yield ``(ancestors, node)`` for every node, depth first in document order."""
        stack: list[tuple[tuple[Any, ...], Any]] = [((), c) for c in reversed(self.children)]
        while stack:
            ancestors, node = stack.pop()
            yield ancestors, node
            below = (*ancestors, node)
            stack.extend((below, c) for c in reversed(children_of(node)))

    def requirements(self) -> Iterator[Requirement]:
        """Yield every requirement in document order."""
        for _, node in self.walk():
            if isinstance(node, Requirement):
                yield node

    def find(self, node_id: str) -> Any | None:
        """Return the node with this id (exact, then case-insensitive), or None."""
        folded = node_id.strip().casefold()
        exact = None
        for _, node in self.walk():
            if node.id == node_id:
                return node
            if exact is None and node.id.casefold() == folded:
                exact = node
        return exact

    @property
    def slug(self) -> str:
        """The file-name form of the number: ``GB/T 32169.4-2015`` → ``gbt-32169.4-2015``."""
        return slugify_number(self.number)


def children_of(node: Any) -> tuple[Any, ...]:
    """A node's children; leaves have none (asking a leaf via getattr is slow in pydantic)."""
    return () if isinstance(node, Requirement | Term) else node.children


def slugify_number(number: str) -> str:
    """Return the lower-case, file-name-safe form of a standard number."""
    prefix, _, rest = number.strip().partition(" ")
    if not rest:
        return re.sub(r"[^0-9a-z.\-]+", "-", number.lower()).strip("-")
    return f"{prefix.replace('/', '').lower()}-{rest.strip().replace(' ', '-').lower()}"
