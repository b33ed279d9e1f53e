"""Shared pieces of the self-description: the strict base block, choices, dates and counts."""

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
)
from pydantic_core import CoreSchema, PydanticCustomError

# Version 2 (2026-12): the acceptance notice is its own yes/no, the evaluation device is a rating
# channel only, the waiting zone has one name, and satisfaction rating has a gate. Version 1
# files are upgraded on reading (``description.versions``).
FORMAT_VERSION = 2


# A centre has a few dozen kinds of post at most. The bound also lets a check match every post
# against the list of standards and still stay within the iteration budget (see exprcheck).
MAX_POSTS = 40


def _documented(zh: str, en: str, note: str | None, gate: bool = False) -> dict[str, Any]:
    # The one source of a field's words: the Chinese label is the JSON Schema title and what
    # the questionnaire, validation errors and the data-needed list show beside the path.
    extra: dict[str, Any] = {"x-zh": zh, "x-en": en}
    if note:
        extra["x-note"] = note
    if gate:
        extra["x-gate"] = True
    described = f"{zh}（{note}） | {en}" if note else f"{zh} | {en}"
    return {"title": zh, "description": described, "json_schema_extra": extra}


def fact(
    zh: str, en: str, *, note: str | None = None, gate: bool = False, **constraints: Any
) -> Any:
    """Declare an optional fact with its Chinese and English labels.

    ``note`` is a one-line Chinese explanation of what counts, where the label alone is not
    enough to answer it (the questionnaire's 说明). A ``gate`` is a yes/no that switches its
    block off: answered "no", the block's other facts need no answer and read as "no"
    (``description.gates``).
    """
    return Field(default=None, **_documented(zh, en, note, gate), **constraints)


def required(zh: str, en: str, *, note: str | None = None, **constraints: Any) -> Any:
    """Declare a required field with its labels (see ``fact``)."""
    return Field(**_documented(zh, en, note), **constraints)


class Facts(BaseModel):
    """A block of facts: every field optional unless declared required, nothing unknown allowed."""

    # Strict: YAML's `true` is no count, `1` no yes-or-no answer, and `.inf` or `.nan` no
    # figure at all; pydantic's default would take all three without a word. Integers are still
    # numbers where a decimal is expected. Choices and dates opt out below (see Choice and Day).
    model_config = ConfigDict(
        extra="forbid", frozen=True, defer_build=True, strict=True, allow_inf_nan=False
    )


class Choice(StrEnum):
    """A closed set of words. YAML gives them as text, which strict validation would refuse.

    Each member is declared with its Chinese label (``WAITING = "waiting", "等候区"``): the
    questionnaire's drop-downs show it, and a filled-in questionnaire is read back through it.
    """

    zh: str

    def __new__(cls, value: str, zh: str) -> Self:  # noqa: D102 - the class docstring says it
        member = str.__new__(cls, value)
        member._value_ = value
        member.zh = zh
        return member

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """Validate from the word itself (``level: county``), not only from a member."""
        schema = handler(source)
        schema["strict"] = False
        return schema

    @classmethod
    def __get_pydantic_json_schema__(cls, core: CoreSchema, handler: GetJsonSchemaHandler) -> Any:
        """Name each word in Chinese too (``x-zh``), for editors and people reading the schema."""
        schema = handler(core)
        target = handler.resolve_ref_schema(schema)
        target["x-zh"] = {member.value: member.zh for member in cls}
        return schema


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date_from_text(value: Any) -> Any:
    # A quoted date, or one carried by JSON (the indicators `gbstd kpi` computes), is read as
    # one; anything else (a number would be Unix time to pydantic) goes on to be refused.
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


# A date: a YAML date, or YYYY-MM-DD as text.
Day = Annotated[date, BeforeValidator(_date_from_text)]
# The assessment's as-of date: checks look a year back from it (year 1 would overflow), and
# a date before 2000 is a typo. A plausibility bound of gbstd's, not of any standard.
EARLIEST_AS_OF = date(2000, 1, 1)


def _plausible_as_of(value: date) -> date:
    if value < EARLIEST_AS_OF:
        raise PydanticCustomError(
            "gbstd_as_of_too_early",
            "should not be before {earliest} (a plausibility bound of gbstd's)",
            {"earliest": EARLIEST_AS_OF.isoformat()},
        )
    return value


AsOf = Annotated[Day, AfterValidator(_plausible_as_of)]

Count = Annotated[int, Field(ge=0)]
Rate = Annotated[float, Field(ge=0, le=1)]
Days = Annotated[float, Field(ge=0)]
