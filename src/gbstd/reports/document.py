"""The assessment report as data: the model of sections every format renders (md, docx, html).

The layout follows how offices write an 评估报告 (cover, conclusion first, basis and method,
results, strengths before problems, the action plan, annexes); it is gbstd's own layout, not a
format any of the seven standards prescribes. Everything in a ``Document`` is text for one
language: the renderers only lay it out. ``reports.sections.build`` fills it in from a report;
``reports.narrative`` words the conclusion and the alerts.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from gbstd.assessment.results import Report
from gbstd.i18n import Lang

TOP_ACTIONS = 5  # actions on the first page: what closes most of the gap
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class ReportOptions:
    """What the report says that the assessment does not know: who assessed, under which number."""

    organisation: str | None = None  # 评估单位
    assessors: tuple[str, ...] = ()  # 评估人员
    number: str | None = None  # 报告编号; generated from the centre and date when None
    summary: bool = False  # cover, conclusion and top actions only


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``style`` is body, lead (the conclusion), alert or note."""

    text: str
    style: str = "body"
    kind: str = "paragraph"


@dataclass(frozen=True)
class Figures:
    """Key figures shown large: (label, value) pairs."""

    items: tuple[tuple[str, str], ...]
    kind: str = "figures"


@dataclass(frozen=True)
class Table:
    """A table; ``widths`` are relative column widths for paged formats."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...] = ()
    name: str = ""  # what it is (actions, gaps, results…), for renderers that treat one specially
    kind: str = "table"


@dataclass(frozen=True)
class Items:
    """A numbered or bulleted list."""

    items: tuple[str, ...]
    numbered: bool = True
    kind: str = "items"


Block = Paragraph | Figures | Table | Items


@dataclass(frozen=True)
class Section:
    """A numbered section (一、…) with its blocks and sub-sections (（一）…)."""

    id: str
    heading: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    numbered: bool = True  # annexes carry their own names (附件1 …)


@dataclass(frozen=True)
class Document:
    """The whole report in one language."""

    lang: str
    title: str
    centre: str
    cover: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    summary: bool = False
    layout_note: str = ""
    footer: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        """The document as plain data (for the golden file and for debugging layouts)."""
        return asdict(self)


def report_title(lang: Lang) -> str:
    """The one title every format uses."""
    return (
        "政务服务中心标准化符合性评估报告"
        if lang == "zh"
        else "Service centre conformity assessment report"
    )


def score_text(value: float | None) -> str:
    """Scores everywhere with one decimal."""
    return "—" if value is None else f"{value:.1f}"


def percent(value: float | None) -> str:
    """Rates everywhere as whole percentages."""
    return "—" if value is None else f"{value:.0%}"


def region_text(report: Report, lang: Lang) -> str:
    """Province, city, county (and township) as one line."""
    region: Any = report.centre.get("region") or {}
    parts = [str(region[k]) for k in ("province", "city", "county", "township") if region.get(k)]
    return ("" if lang == "zh" else ", ").join(parts) or "—"


def report_number(report: Report, options: ReportOptions) -> str:
    """The given number, or one made from the region code, date and centre (stable per run)."""
    if options.number:
        return options.number
    region: Any = report.centre.get("region") or {}
    digest = hashlib.sha256(str(report.centre["name"]).encode("utf-8")).hexdigest()[:4].upper()
    code = region.get("code") or "000000"
    return f"GBSTD-{code}-{report.assessed_on:%Y%m%d}-{digest}"


class Words:
    """Join words the way the language does."""

    def __init__(self, lang: Lang) -> None:  # noqa: D107
        self.lang = lang
        self.zh = lang == "zh"

    def __call__(self, zh: str, en: str) -> str:
        """The text in the report's language."""
        return zh if self.zh else en

    def join(self, parts: list[str]) -> str:
        """A list: 甲、乙 or A, B."""
        return ("、" if self.zh else ", ").join(parts)

    def semi(self, parts: list[str]) -> str:
        """Clauses: 甲；乙 or A; B."""
        return ("；" if self.zh else "; ").join(parts)


def heading_number(index: int, lang: Lang) -> str:
    """一、二、… for Chinese section headings; 1. 2. … in English."""
    if lang == "zh":
        return (NUMERALS[index] if index < len(NUMERALS) else str(index + 1)) + "、"
    return f"{index + 1}. "


def sub_number(index: int, lang: Lang) -> str:
    """（一）（二）… for Chinese sub-sections; 1.1 style is left to the caller in English."""
    if lang == "zh":
        return f"（{NUMERALS[index] if index < len(NUMERALS) else index + 1}）"
    return ""
