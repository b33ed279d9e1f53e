"""The toolkit's own thresholds and frequencies: named, labelled and configurable.

The standards, as far as their text is known, give no on-time rate, no CCTV retention period and
no frequency for most "regular" duties. Where a check needs such a figure it names a parameter
declared in ``profiles/thresholds.yaml`` (default, unit, rationale, ``source: toolkit``): CEL
writes ``param.on_time_rate``, statements and findings write ``{param.on_time_rate}``, which a
report renders as "95%（本工具默认阈值，可配置）". ``gbstd assess --thresholds FILE`` changes values.

Checks are bound when they are loaded: ``param.name`` is replaced by the value's literal in the
expression's source, so evaluating a centre costs nothing more than a literal would.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field

from gbstd.catalogue.standard import Text, _Model
from gbstd.errors import InvalidInputError, Problem
from gbstd.i18n import Lang, Message
from gbstd.io.bundled import data_dir

# ``param.name`` in CEL; ``{param.name}`` in text.
_IN_EXPRESSION = re.compile(r"(?<![\w.'\"])param\.([a-z_][a-z0-9_]*)\b")
_IN_TEXT = re.compile(r"\{param\.([a-z_][a-z0-9_]*)\}")


class Unit(StrEnum):
    """What a parameter measures (decides its CEL literal and how it is printed)."""

    RATIO = "ratio"  # 0–1
    DAYS = "days"
    PER_YEAR = "per_year"
    COUNT = "count"


class Parameter(_Model):
    """One named figure the toolkit chose where the sources give none."""

    default: Annotated[float, Field(ge=0)]
    unit: Unit
    label: Text
    rationale: Text
    source: Literal["toolkit"]
    used_by: tuple[str, ...] = ()


class _Declarations(_Model):
    format_version: Literal[1]
    note: Text
    parameters: dict[Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")], Parameter]


class _Overrides(_Model):
    format_version: Literal[1]
    values: dict[str, Annotated[float, Field(ge=0)]]


def _checked(name: str, parameter: Parameter, value: float) -> int | float | None:
    """The value in the parameter's type, or None when it does not fit the unit."""
    if parameter.unit == Unit.RATIO:
        return float(value) if 0 <= value <= 1 else None
    return int(value) if float(value).is_integer() else None


@dataclass(frozen=True)
class Thresholds:
    """The declared parameters and the values an assessment uses."""

    declared: Mapping[str, Parameter]
    values: Mapping[str, int | float]
    source: str | None = None  # the override file, when one was given

    def is_default(self, name: str) -> bool:
        """True when ``name`` has its declared default."""
        return self.values[name] == self.declared[name].default

    def literal(self, name: str) -> str:
        """The value as a CEL literal of the parameter's type (double for ratios, int else)."""
        value = self.values[name]
        return repr(float(value)) if self.declared[name].unit == Unit.RATIO else str(int(value))

    def amount(self, name: str, value: float | None = None) -> Message:
        """A value with its unit, e.g. 95%, 30 天, 每年 4 次."""
        value = self.values[name] if value is None else value
        match self.declared[name].unit:
            case Unit.RATIO:
                shown = f"{value * 100:g}%"
                return Message(shown, shown)
            case Unit.DAYS:
                return Message(f"{value:g} 天", f"{value:g} days")
            case Unit.PER_YEAR:
                times = {1: "once", 2: "twice"}.get(int(value), f"{value:g} times")
                return Message(f"每年 {value:g} 次", f"{times} a year")
            case _:
                return Message(f"{value:g}", f"{value:g}")

    def phrase(self, name: str) -> Message:
        """The value, and whose it is: "95%（本工具默认阈值，可配置）"."""
        shown = self.amount(name)
        if self.is_default(name):
            return Message(
                f"{shown.zh}（本工具默认阈值，可配置）",
                f"{shown.en} (toolkit default, configurable)",
            )
        default = self.amount(name, self.declared[name].default)
        return Message(
            f"{shown.zh}（本次评估设定的阈值；本工具默认 {default.zh}）",
            f"{shown.en} (set for this assessment; toolkit default {default.en})",
        )

    def bind(self, expression: str) -> str:
        """Replace every ``param.name`` in a CEL expression by its value.

        Raises:
            KeyError: the expression names an undeclared parameter.
        """
        return _IN_EXPRESSION.sub(lambda m: self.literal(self._known(m.group(1))), expression)

    def render(self, text: Message) -> Message:
        """Replace every ``{param.name}`` in a text by its value and label."""
        if "{param." not in text.zh and "{param." not in text.en:
            return text

        def sub(lang: Lang, source: str) -> str:
            return _IN_TEXT.sub(lambda m: self.phrase(self._known(m.group(1)))(lang), source)

        return Message(sub("zh", text.zh), sub("en", text.en))

    def for_requirement(self, requirement: str) -> list[str]:
        """The parameters a requirement's check or text uses, in declaration order."""
        return [n for n, p in self.declared.items() if requirement in p.used_by]

    def report(self, requirements: Collection[str] | None = None) -> dict[str, dict[str, Any]]:
        """What a report records: value, default, unit and source of each parameter used.

        ``requirements``: only parameters some of them use (all when None).
        """
        wanted = None if requirements is None else set(requirements)
        return {
            name: {
                "value": self.values[name],
                "default": _typed(parameter, parameter.default),
                "unit": parameter.unit.value,
                "source": "toolkit" if self.is_default(name) else "user",
            }
            for name, parameter in self.declared.items()
            if wanted is None or wanted.intersection(parameter.used_by)
        }

    def _known(self, name: str) -> str:
        if name not in self.declared:
            raise KeyError(name)
        return name


def parameters_in(source: str) -> list[str]:
    """The parameter names a CEL expression or a text uses."""
    return _IN_EXPRESSION.findall(source) + _IN_TEXT.findall(source)


def _validate(model: type[_Model], path: Path) -> tuple[Any, Any]:
    from pydantic import ValidationError

    from gbstd.io.diagnostics import problems_from
    from gbstd.io.yamlsource import read_yaml

    document = read_yaml(path)
    try:
        return model.model_validate(document.data), document
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None


@cache
def _bundled() -> _Declarations:
    return _validate(_Declarations, data_dir("profiles") / "thresholds.yaml")[0]


def _typed(parameter: Parameter, value: float) -> int | float:
    return float(value) if parameter.unit == Unit.RATIO else int(value)


@cache
def _defaults() -> Thresholds:
    declared = _bundled().parameters
    return Thresholds(declared, {name: _typed(p, p.default) for name, p in declared.items()})


def load_thresholds(path: Path | None = None) -> Thresholds:
    """The bundled parameters, with the values of ``path`` (``values: {name: number}``) applied.

    Raises:
        InvalidInputError: the file is invalid, names an unknown parameter, or gives a value
            that does not fit its unit (a ratio outside 0–1, a fractional count).
    """
    if path is None:
        return _defaults()
    declared = _bundled().parameters
    values = dict(_defaults().values)
    overrides, document = _validate(_Overrides, path)
    problems = []
    for name, value in overrides.values.items():
        line, column = document.positions.get(("values", name), (None, None))
        parameter = declared.get(name)
        if parameter is None:
            problems.append(
                Problem(
                    str(path),
                    Message(
                        f"未知参数 {name}（可用：{'、'.join(declared)}）",
                        f"unknown parameter {name} (known: {', '.join(declared)})",
                    ),
                    line,
                    column,
                    f"values.{name}",
                )
            )
            continue
        checked = _checked(name, parameter, value)
        if checked is None:
            problems.append(
                Problem(
                    str(path),
                    Message(
                        f"参数 {name} 的值 {value:g} 不符合其单位 {parameter.unit.value}"
                        "（比率应在 0–1 之间，天数和次数应为整数）",
                        f"parameter {name}: {value:g} does not fit its unit {parameter.unit.value} "
                        "(a ratio lies in 0–1; days and counts are whole numbers)",
                    ),
                    line,
                    column,
                    f"values.{name}",
                )
            )
            continue
        values[name] = checked
    if problems:
        raise InvalidInputError(problems)
    return Thresholds(declared, values, str(path))


def default_statement(node: Any, lang: Lang) -> str:
    """A requirement's statement with its parameters at their defaults (for blank forms)."""
    text = node.statement
    return load_thresholds().render(Message(text.zh, text.en or text.zh))(lang)
