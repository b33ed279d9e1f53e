"""What the self-description format says about one fact path: its label and its possible values.

Reports name a missing fact by its label in the format (``收费有法定依据``) with the path beside
it; evaluation asks which values an absent fact could take, to tell a failure the facts prove
from one that only their absence causes.
"""

from __future__ import annotations

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


def item_field_names(path: str) -> tuple[str, ...]:
    """The fields of the items of the list of blocks at ``path`` (none if it is no such list)."""
    info = fact_field(path)
    if info is None:
        return ()
    kind, target = block_kind(info.annotation)
    return tuple(target.model_fields) if kind == "models" else ()


def _plain(annotation: Any) -> Any:
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
    annotation = _plain(info.annotation)
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
    annotation = _plain(info.annotation)
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
        item = _plain(item)
        if isinstance(item, type) and issubclass(item, Enum):
            return ([member.value for member in item], [])
    return ()
