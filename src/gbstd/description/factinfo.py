"""What the self-description format says about one fact path: its label and its possible values.

Reports name a missing fact by its label in the format (``收费有法定依据``) with the path beside
it; evaluation asks which values an absent fact could take, to tell a failure the facts prove
from one that only their absence causes.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache
from typing import Any, get_args, get_origin

from pydantic.fields import FieldInfo

from gbstd.description.model import CentreDescription, block_kind
from gbstd.i18n import Lang


@cache
def fact_field(path: str) -> FieldInfo | None:
    """The model field a dotted path names (``list[].field`` for an item's field), or None."""
    model: Any = CentreDescription
    info = None
    for part in path.replace("[].", ".").split("."):
        fields = getattr(model, "model_fields", None)
        if fields is None or part not in fields:
            return None
        info = fields[part]
        kind, target = block_kind(info.annotation)
        model = target if kind != "value" else None
    return info


def fact_label(path: str, lang: Lang = "zh") -> str:
    """The fact's label in the format (its ``x-zh``/``x-en`` text), or the path when it has none."""
    info = fact_field(path)
    extra = info.json_schema_extra if info is not None else None
    if isinstance(extra, dict):
        label = extra.get("x-zh" if lang == "zh" else "x-en") or extra.get("x-zh")
        if isinstance(label, str) and label:
            return label
    return path


def fact_note(path: str) -> str:
    """The fact's one-line Chinese explanation in the format (its ``x-note``), or ""."""
    info = fact_field(path)
    extra = info.json_schema_extra if info is not None else None
    note = extra.get("x-note") if isinstance(extra, dict) else None
    return note if isinstance(note, str) else ""


def _index_free(path: str) -> tuple[str, list[int]]:
    """``matters.items[3].name`` as ``matters.items[].name`` and its indices ([3])."""
    indices = [int(n) for n in re.findall(r"\[(\d+)\]", path)]
    return re.sub(r"\[\d+\]", "[]", path), indices


def field_title(path: str, lang: Lang = "zh") -> str | None:
    """What a person calls the field at a concrete data path, or None if the format lacks it.

    The leaf's label, led by its block's label where the leaf's alone would be ambiguous (a
    ``Policy``'s ``adopted`` is ``一次性告知制度：已制定并实行``) and by the item's number in a
    list (``事项清单第 4 项：法定时限（工作日）``).
    """
    generic, indices = _index_free(path)
    generic = generic.removesuffix("[]")  # one entry of a list of values: the list's label
    if fact_field(generic) is None:
        return None
    parts = generic.replace("[]", "").split(".")
    leaf = fact_label(generic, lang)
    parent = ".".join(parts[:-1])
    info = fact_field(parent) if parent else None
    if info is None:
        return leaf
    kind, target = block_kind(info.annotation)
    sep = "：" if lang == "zh" else ": "
    if kind == "models" and generic.endswith("[]." + parts[-1]):
        number = indices[-1] + 1 if indices else None
        item = f"第 {number} 项" if lang == "zh" else f" item {number}"
        return f"{fact_label(parent, lang)}{item if number else ''}{sep}{leaf}"
    grandparent = fact_field(".".join(parts[:-2])) if len(parts) > 2 else None
    siblings = block_kind(grandparent.annotation)[1] if grandparent else CentreDescription
    shared = siblings is not None and sum(
        block_kind(f.annotation)[1] is target for f in siblings.model_fields.values()
    )
    return f"{fact_label(parent, lang)}{sep}{leaf}" if shared and shared > 1 else leaf


def item_field_names(path: str) -> tuple[str, ...]:
    """The fields of the items of the list of blocks at ``path`` (none if it is no such list)."""
    info = fact_field(path)
    if info is None:
        return ()
    kind, target = block_kind(info.annotation)
    return tuple(target.model_fields) if kind == "models" else ()


def plain_annotation(annotation: Any) -> Any:
    """The annotation without ``| None`` and ``Annotated[...]``."""
    while get_args(annotation):
        origin = get_origin(annotation)
        if origin is list:
            return annotation
        arguments = [a for a in get_args(annotation) if a is not type(None)]
        if not arguments or origin is None:
            break
        annotation = arguments[0]
    return annotation


def fact_kind(path: str) -> str:
    """What kind of value the fact holds: "bool", "number", "list", "block" or "other"."""
    info = fact_field(path)
    if info is None:
        return "other"
    if block_kind(info.annotation)[0] != "value":
        return "list" if block_kind(info.annotation)[0] == "models" else "block"
    annotation = plain_annotation(info.annotation)
    if annotation is bool:
        return "bool"
    if annotation in (int, float) or (
        isinstance(annotation, type) and issubclass(annotation, float)
    ):
        return "number"
    return "list" if get_origin(annotation) is list else "other"


# Values that sit at the ends of any threshold a check might compare a number or date with.
_NUMBERS = (0, 10**9)
_DATES = ("9999-12-31", "0001-01-01")


@cache
def candidate_values(path: str) -> tuple[Any, ...]:
    """Values (as checks see them) an absent fact could take, extremes first; () if unknown.

    Booleans try both; numbers and dates their two extremes; an enumeration every member; a
    list of enumeration members all of them, then none. Blocks and free text are not guessed.
    """
    info = fact_field(path)
    if info is None or block_kind(info.annotation)[0] != "value":
        return ()
    annotation = plain_annotation(info.annotation)
    if annotation is bool:
        return (True, False)
    if annotation in (int, float):
        return _NUMBERS
    if getattr(annotation, "__name__", "") == "date":
        return _DATES
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return tuple(member.value for member in annotation)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (None,)
        item = plain_annotation(item)
        if isinstance(item, type) and issubclass(item, Enum):
            return ([member.value for member in item], [])
    return ()
