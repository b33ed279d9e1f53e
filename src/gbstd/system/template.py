"""The template standard system (标准体系) of GB/T 32170.2, as data: model and loader.

The template lists the sub-systems the standard names and, under them, the standards a centre
typically writes or adopts, each linked to the catalogue requirements it helps satisfy. The
format is documented in ``docs/standard-system.md``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from gbstd.catalogue.standard import Applicability, Text, _Model
from gbstd.description.standardisation import (
    ManagementArea,
    ServiceQuality,
    StandardType,
    SystemLevel,
)
from gbstd.errors import InvalidInputError
from gbstd.io.bundled import data_dir

TEMPLATE_FILE = ("system", "standard-system.yaml")

# Where a node of the template comes from.
SystemProvenance = Literal["seed", "analogy", "toolkit"]


class TemplateStandard(_Model):
    """A standard a centre typically writes (internal) or adopts (a national or other standard)."""

    kind: Literal["standard"]
    id: Annotated[str, Field(pattern=r"^[a-z0-9_.]+$")]
    name: Text
    number: str | None = None  # set for adopted external standards, e.g. GB/T 32169.3-2015
    adopted: bool = False  # True: an external standard the centre adopts; False: one it writes
    provenance: SystemProvenance
    aliases: tuple[str, ...] = ()  # other names a centre may use; matched against its standards
    covers: tuple[str, ...] = ()  # catalogue requirement ids it helps satisfy
    scope: Text | None = None  # one sentence: what the standard regulates
    applicability: Applicability | None = None
    # The slot's own structured fields (the rest it inherits from its sub-systems), matched
    # against the same fields of the centre's standards (docs/standard-system.md).
    quality: ServiceQuality | None = None  # the quality a service specification is for
    posts: tuple[str, ...] = ()  # names of the post a post standard is for


class Subsystem(_Model):
    """A 分体系 or 子体系."""

    kind: Literal["subsystem"]
    id: Annotated[str, Field(pattern=r"^[a-z0-9_.]+$")]
    name: Text
    provenance: SystemProvenance
    note: Text | None = None
    applicability: Applicability | None = None
    # Structured fields every standard below inherits (the 分体系 itself is the sub-system).
    type: StandardType | None = None
    level: SystemLevel | None = None
    management_area: ManagementArea | None = None
    children: tuple[SystemNode, ...] = ()


SystemNode = Annotated[Subsystem | TemplateStandard, Field(discriminator="kind")]


class SystemTemplate(_Model):
    """The whole template."""

    format_version: Literal[1]
    name: Text
    provenance: Text
    coding: Text  # the coding scheme, in words
    children: tuple[Subsystem, ...]

    @model_validator(mode="after")
    def _ids_unique(self) -> SystemTemplate:
        seen: set[str] = set()
        for _, node in self.walk():
            if node.id in seen:
                raise PydanticCustomError(
                    "gbstd_duplicate_id", "node id {id} is used twice", {"id": node.id}
                )
            seen.add(node.id)
        return self

    def walk(self) -> Iterator[tuple[tuple[Subsystem, ...], Any]]:
        """Yield ``(ancestors, node)`` depth first, in document order."""
        stack: list[tuple[tuple[Subsystem, ...], Any]] = [((), c) for c in reversed(self.children)]
        while stack:
            ancestors, node = stack.pop()
            yield ancestors, node
            if isinstance(node, Subsystem):
                stack.extend(((*ancestors, node), c) for c in reversed(node.children))

    def standards(self) -> Iterator[TemplateStandard]:
        """Yield every standard in document order."""
        for _, node in self.walk():
            if isinstance(node, TemplateStandard):
                yield node


for _model in (Subsystem, SystemTemplate):
    _model.model_rebuild()


def load_template(path: Path | None = None) -> SystemTemplate:
    """Load the template standard system (the bundled one when ``path`` is None).

    Raises:
        InvalidInputError: the file is missing or invalid.
    """
    from gbstd.io.diagnostics import problems_from
    from gbstd.io.yamlsource import read_yaml

    document = read_yaml(path or data_dir("templates").joinpath(*TEMPLATE_FILE))
    try:
        return SystemTemplate.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None
