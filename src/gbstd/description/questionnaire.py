"""The self-description as a questionnaire (自评表): which sheet asks what, and how it is typed.

Generated from the model, never kept by hand: one sheet per area with a row per fact (a list of
choices becomes one 是/否 row per choice), and one table sheet per list of blocks (departments,
matters, standards, evidence, declarations, waivers). The workbook writer
(``reports.questionnaire``) and the reader (``description.xlsxform``) share this layout, so
what is asked is exactly what is read back; both convert answers through ``Answer``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from gbstd.description.base import Choice
from gbstd.description.model import CentreDescription, block_kind

FORMAT = "gbstd-questionnaire/2"
# A questionnaire written for format version 1 is still read, as version 1 data (upgraded like a
# version 1 YAML file); these are its rows that version 2 asks elsewhere.
FORMAT_1 = "gbstd-questionnaire/1"
ROWS_OF_FORMAT_1: dict[str, tuple[str, str]] = {
    "premises.zones[rest]": ("premises.zones", "rest"),
    "premises.equipment[evaluation_device]": ("premises.equipment", "evaluation_device"),
    "counter_service.notices_issued[acceptance]": ("counter_service.notices_issued", "acceptance"),
}
YES, NO = "是", "否"
EMPTY = "无"  # a table or list stated empty (not left blank)
LIST_SEPARATOR = "；"  # between the items of a list of texts in one cell
# Between the choices a note lists: not "、", which some choices hold ("窗口受理、后台办理").
CHOICE_SEPARATOR = "／"
_SPLIT = re.compile(r"[；;\n]")
META_SHEET = "_gbstd"  # hidden: the format and the sheets the workbook was written with
QUESTION_HEADER = ("序号", "问题", "答案", "单位", "说明", "依据", "字段")

# Areas in the order officers meet them (see report-conventions.md); each takes the blocks
# whose path starts with one of its prefixes (the longest prefix wins).
AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "概况",
        ("centre", "organisation", "safety", "operations", "online.provided", "online.platform"),
    ),
    ("场所", ("premises",)),
    ("进驻部门", ("departments",)),
    ("事项", ("matters",)),
    ("人员", ("staff",)),
    ("制度", ("policies",)),
    ("窗口服务", ("counter_service", "etiquette")),
    ("公开与监督", ("disclosure", "supervision")),
    ("评价", ("window_evaluation", "indicators")),
    ("网上服务", ("online",)),
    ("标准化", ("standardization",)),
)
TABLES: dict[str, str] = {
    "departments.items": "部门清单",
    "matters.items": "事项清单",
    "standardization.standards": "标准清单",
    "evidence": "证据",
    "not_applicable": "不适用声明",
    "waivers": "豁免",
}


@dataclass(frozen=True)
class Answer:
    """How one answer is typed: a yes/no, a choice, a number, a date or text."""

    kind: str  # bool | choice | int | float | date | text | texts
    choices: type[Choice] | None = None
    minimum: float | None = None
    maximum: float | None = None

    def unit(self) -> str:
        """The 单位 column: what kind of answer is expected."""
        if self.kind == "bool":
            return "是/否"
        if self.kind == "choice":
            return "选择"
        if self.kind == "date":
            return "日期"
        if self.kind == "texts":
            return f"多项，用“{LIST_SEPARATOR}”分隔"
        if self.kind in {"int", "float"}:
            word = "整数" if self.kind == "int" else "数值"
            if self.minimum == 0 and self.maximum == 1:
                return "比例（0–1）"
            if self.minimum is not None and self.maximum is None:
                return f"{word}（≥{_number(self.minimum)}）"
            if self.minimum is not None and self.maximum is not None:
                return f"{word}（{_number(self.minimum)}–{_number(self.maximum)}）"
            return word
        return "文本"

    def words(self) -> list[str]:
        """The drop-down's words, or none for a typed-in answer."""
        if self.kind == "bool":
            return [YES, NO]
        if self.kind == "choice" and self.choices is not None:
            return [member.zh for member in self.choices]
        return []

    def to_cell(self, value: Any) -> Any:
        """The cell value for a fact as JSON-mode data gives it (None stays blank)."""
        if value is None:
            return None
        if self.kind == "bool":
            return YES if value else NO
        if self.kind == "choice" and self.choices is not None:
            return self.choices(value).zh
        if self.kind == "date":
            return date.fromisoformat(value) if isinstance(value, str) else value
        if self.kind == "texts":
            return LIST_SEPARATOR.join(value) if value else EMPTY
        return value

    def from_cell(self, raw: Any) -> tuple[Any, str | None]:
        """The fact for a cell's value, or an error (in Chinese) saying what was expected.

        A blank cell is (None, None): not stated. Values come back as the YAML form would give
        them, so the model validates them the same way.
        """
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None, None
        value = raw.strip() if isinstance(raw, str) else raw
        if self.kind == "bool":
            return _yes_no(value)
        if self.kind == "choice" and self.choices is not None:
            for member in self.choices:
                if value in (member.zh, member.value):
                    return member.value, None
            return None, "应从下拉列表中选择（" + "、".join(self.words()) + "）"
        if self.kind in {"int", "float"}:
            return _number_from(value, self.kind == "int")
        if self.kind == "date":
            return _date_from(value)
        if self.kind == "texts":
            if value == EMPTY:
                return [], None
            return [part.strip() for part in _SPLIT.split(str(value)) if part.strip()], None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return None, "应为文本"
        return str(value), None


def _yes_no(value: Any) -> tuple[Any, str | None]:
    if value in (YES, "true", True):
        return True, None
    if value in (NO, "false", False):
        return False, None
    return None, f"应为“{YES}”或“{NO}”"


def _date_from(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    try:
        return date.fromisoformat(str(value)), None
    except ValueError:
        return None, "应为日期（如 2026-06-30）"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _number_from(value: Any, whole: bool) -> tuple[Any, str | None]:
    expected = "应为整数" if whole else "应为数字"
    if isinstance(value, bool):
        return None, expected
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ""))
        except ValueError:
            return None, expected
    if not isinstance(value, int | float):
        return None, expected
    if whole:
        if isinstance(value, float) and not value.is_integer():
            return None, expected
        return int(value), None
    return value, None


@dataclass(frozen=True)
class Question:
    """One row of an area's sheet."""

    path: str  # the fact's dotted path
    label: str
    note: str
    answer: Answer
    member: Choice | None = None  # a row of a list of choices: 是 when the list holds it

    @property
    def key(self) -> str:
        """What the grey field column shows and the reader goes by."""
        return f"{self.path}[{self.member.value}]" if self.member is not None else self.path


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: a field of the listed blocks."""

    name: str
    label: str
    note: str
    answer: Answer
    required: bool


@dataclass(frozen=True)
class QuestionSheet:
    """An area: a sheet of questions."""

    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class TableSheet:
    """A list of blocks: a sheet with one row per item."""

    title: str
    path: str
    label: str
    columns: tuple[Column, ...]


Sheet = QuestionSheet | TableSheet


def _plain(annotation: Any) -> Any:
    """The annotation without ``| None``."""
    arguments = [a for a in get_args(annotation) if a is not type(None)]
    if (
        get_origin(annotation) is not None
        and len(arguments) == 1
        and get_origin(annotation) is not list
    ):
        return arguments[0]
    return annotation


def answer_of(info: FieldInfo) -> Answer:
    """The typed answer a (non-block) field takes."""
    annotation = _plain(info.annotation)
    bounds = list(info.metadata)
    while get_origin(annotation) is not None and get_origin(annotation) is not list:
        arguments = get_args(annotation)
        if not arguments:
            break
        bounds += [m for a in arguments[1:] for m in getattr(a, "metadata", [a])]
        annotation = _plain(arguments[0])
        bounds += list(getattr(annotation, "__metadata__", ()))
    # Annotated aliases (Count, Rate, Day) keep their metadata on the alias.
    if hasattr(annotation, "__metadata__"):
        bounds += [m for a in annotation.__metadata__ for m in getattr(a, "metadata", [a])]
        annotation = annotation.__origin__
    minimum = next((float(b.ge) for b in bounds if isinstance(b, Ge)), None)
    minimum = next((float(b.gt) for b in bounds if isinstance(b, Gt)), minimum)
    maximum = next((float(b.le) for b in bounds if isinstance(b, Le)), None)
    maximum = next((float(b.lt) for b in bounds if isinstance(b, Lt)), maximum)
    if get_origin(annotation) is list:
        return Answer("texts")
    if annotation is bool:
        return Answer("bool")
    if annotation is int:
        return Answer("int", minimum=minimum, maximum=maximum)
    if annotation is float:
        return Answer("float", minimum=minimum, maximum=maximum)
    if annotation is date:
        return Answer("date")
    if isinstance(annotation, type) and issubclass(annotation, Choice):
        return Answer("choice", choices=annotation)
    return Answer("text")


def choice_list(info: FieldInfo) -> type[Choice] | None:
    """The choices of a list-of-choices field (``premises.zones``), or None."""
    annotation = _plain(info.annotation)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, Enum) and issubclass(item, Choice):
            return item
    return None


def _words(info: FieldInfo) -> tuple[str, str]:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return str(extra.get("x-zh") or info.title or ""), str(extra.get("x-note") or "")


def _note(note: str, answer: Answer) -> str:
    if answer.kind == "choice":
        listed = "可选：" + CHOICE_SEPARATOR.join(answer.words())
        return f"{note}；{listed}" if note else listed
    return note


def _questions(model: type[BaseModel], prefix: str, lead: str) -> Iterator[Question]:
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        if path in TABLES or path == "format_version":
            continue
        label, note = _words(info)
        kind, target = block_kind(info.annotation)
        if kind == "model":
            # A block of blocks of one kind (the policies) leads each question with its name.
            shared = sum(block_kind(f.annotation)[1] is target for f in model.model_fields.values())
            yield from _questions(target, path + ".", f"{label}：" if shared > 1 else lead)
            continue
        choices = choice_list(info)
        if choices is not None:
            for member in choices:
                yield Question(path, f"{lead}{label}：{member.zh}", note, Answer("bool"), member)
            continue
        answer = answer_of(info)
        yield Question(path, f"{lead}{label}", _note(note, answer), answer)


def _area(path: str) -> str:
    best, length = AREAS[0][0], -1
    for title, prefixes in AREAS:
        for prefix in prefixes:
            if (path == prefix or path.startswith(prefix + ".")) and len(prefix) > length:
                best, length = title, len(prefix)
    return best


def _table(path: str, title: str, asked: Callable[[str], bool] = lambda path: True) -> TableSheet:
    model: Any = CentreDescription
    info = None
    for part in path.split("."):
        info = model.model_fields[part]
        model = block_kind(info.annotation)[1]
    assert info is not None and model is not None
    columns = []
    for name, field in model.model_fields.items():
        if not field.is_required() and not asked(f"{path}.{name}"):
            continue  # a column that does not apply (how far a matter is online, offline)
        label, note = _words(field)
        answer = answer_of(field)
        columns.append(Column(name, label, _note(note, answer), answer, field.is_required()))
    return TableSheet(title, path, _words(info)[0], tuple(columns))


def omitted_columns(sheet: TableSheet) -> tuple[str, ...]:
    """The columns of the full table that ``sheet`` leaves out (not asked of this centre)."""
    asked = {c.name for c in sheet.columns}
    return tuple(c.name for c in _table(sheet.path, sheet.title).columns if c.name not in asked)


def layout(asked: Callable[[str], bool] = lambda path: True) -> list[Sheet]:
    """Every sheet of the questionnaire, in order; ``asked(path)`` drops what does not apply.

    An area left with no question, a table whose path is not asked and a table's column that is
    not asked are left out.
    """
    by_area: dict[str, list[Question]] = {title: [] for title, _ in AREAS}
    for question in _questions(CentreDescription, "", ""):
        if asked(question.path):
            by_area[_area(question.path)].append(question)
    sheets: list[Sheet] = [QuestionSheet(t, tuple(q)) for t, q in by_area.items() if q]
    sheets += [_table(path, title, asked) for path, title in TABLES.items() if asked(path)]
    return sheets


def get_path(data: Any, path: str) -> Any:
    """The value at a dotted path of JSON-mode data, or None."""
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at a dotted path, making the blocks on the way."""
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value
