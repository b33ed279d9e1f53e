"""Render an assessment report as one self-contained HTML page for screens and A4 paper."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from gbstd.assessment.results import (
    LEVEL_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    GradeBand,
    Report,
)
from gbstd.i18n import Lang
from gbstd.io.templating import make_environment, score_text
from gbstd.reports.assessment import template_context
from gbstd.reports.document import Figures, Paragraph, ReportOptions, Table
from gbstd.reports.narrative import alerts
from gbstd.reports.sections import build

# Chart geometry in SVG user units; the SVG scales to the page width.
CHART_WIDTH = 880
LABEL_WIDTH = 300
PLOT_LEFT = 312
PLOT_WIDTH = 440
ROW_HEIGHT = 48
BAR_HEIGHT = 20
CHART_TOP = 34
AXIS_HEIGHT = 46
# Light band fills from the lowest grade up; meaning is carried by the band labels too.
BAND_FILLS = ("#fbe4e4", "#fdf1d2", "#e3eefa", "#dff1e4")
LEGEND_SIZE = 12.5
SUBTITLE_SIZE = 12
PART = re.compile(r"(?:\s+—\s+|\s+)(?:Part|第)\s?\d+.*$")
VALUE_SIZE = 14


def _width(text: str, size: float) -> float:
    """Estimate the width of ``text`` at font ``size``: CJK is one em, the rest about half."""
    return sum(size if ord(char) > 0x2E7F else size * 0.52 for char in text)


def _fit(text: str, width: float, size: float) -> str:
    """Shorten ``text`` with an ellipsis so it fits ``width`` units at font ``size``."""
    if _width(text, size) <= width:
        return text
    # Keep "Part 2: …" / "第2部分：…" whole: it tells the parts of a standard apart.
    part = PART.search(text)
    if part and _width("…" + part.group(0), size) <= width * 0.8:
        head, tail = text[: part.start()], part.group(0)
        return _fit(head, width - _width(tail, size), size) + tail
    while text and _width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _bands(grades: Sequence[GradeBand], lang: Lang) -> list[dict[str, Any]]:
    """Return the grade bands along the 0–100 axis (lowest first) and their legend entries."""
    ordered = sorted(grades, key=lambda g: g.min)
    bands = []
    for index, grade in enumerate(ordered):
        upper = ordered[index + 1].min if index + 1 < len(ordered) else 100.0
        if upper <= grade.min:
            continue
        x = PLOT_LEFT + PLOT_WIDTH * grade.min / 100
        width = PLOT_WIDTH * (upper - grade.min) / 100
        label = grade.label(lang)
        label += f" <{upper:g}" if grade.min == 0 else f" ≥{grade.min:g}"
        bands.append(
            {
                "min": grade.min,
                "x": f"{x:.1f}",
                "width": f"{width:.1f}",
                "fill": BAND_FILLS[min(index, len(BAND_FILLS) - 1)],
                "label": label,
            }
        )
    # The legend runs left to right from the highest grade, above the plot.
    x = float(PLOT_LEFT)
    for band in reversed(bands):
        band["legend_x"] = f"{x:.1f}"
        band["legend_text_x"] = f"{x + 16:.1f}"
        x += 16 + _width(band["label"], LEGEND_SIZE) + 18
    return bands


def _chart(data: dict[str, Any], grades: Sequence[GradeBand], lang: Lang) -> dict[str, Any]:
    """Return the geometry of the horizontal bar chart of the standards' scores."""
    rows = []
    for index, standard in enumerate(data["standards"]):
        top = CHART_TOP + index * ROW_HEIGHT
        score = standard["score"]
        length = 0.0 if score is None else PLOT_WIDTH * max(0.0, min(score, 100.0)) / 100
        end = PLOT_LEFT + length
        value = score_text(score)
        if standard["grade_label"]:
            value += f" {standard['grade_label']}"
        if standard["veto_triggered"]:
            value += "（一票否决）" if lang == "zh" else " (veto)"
        inside = end + 6 + _width(value, VALUE_SIZE) > CHART_WIDTH - 2
        rows.append(
            {
                "id": standard["id"],
                "title": standard["title"],
                "short_title": _fit(standard["title"], LABEL_WIDTH - 8, SUBTITLE_SIZE),
                "score": score,
                "value": value,
                "y": top,
                "bar_y": top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                "label_y": top + ROW_HEIGHT / 2 - 4,
                "sub_y": top + ROW_HEIGHT / 2 + 14,
                "text_y": top + ROW_HEIGHT / 2 + 5,
                "length": f"{length:.1f}",
                # A label that would run off the chart goes inside the bar's end instead.
                "inside": inside,
                # Why there is no bar: nothing applies, or nothing applicable could be evaluated.
                "no_score": (
                    ("无得分（全部不适用）" if lang == "zh" else "no score (nothing applicable)")
                    if standard["coverage"] is None
                    else ("无得分（数据不足）" if lang == "zh" else "no score (insufficient data)")
                ),
                "text_x": f"{PLOT_LEFT + length - 6:.1f}" if inside else f"{end + 6:.1f}",
            }
        )
    plot_height = ROW_HEIGHT * len(rows)
    bands = _bands(grades, lang)
    values = sorted({*range(0, 101, 20), *(int(b["min"]) for b in bands if b["min"] % 1 == 0)})
    ticks = [{"value": v, "x": f"{PLOT_LEFT + PLOT_WIDTH * v / 100:.1f}"} for v in values]
    return {
        "width": CHART_WIDTH,
        "height": CHART_TOP + plot_height + AXIS_HEIGHT,
        "plot_left": PLOT_LEFT,
        "plot_right": PLOT_LEFT + PLOT_WIDTH,
        "plot_top": CHART_TOP,
        "plot_bottom": CHART_TOP + plot_height,
        "label_x": 4,
        "bar_height": BAR_HEIGHT,
        "rows": rows,
        "ticks": ticks,
        "bands": bands,
    }


def _sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Group the results by standard and chapter, in catalogue order, with per-chapter counts."""
    sections = []
    for standard in data["standards"]:
        results = [r for r in data["results"] if r["standard"] == standard["id"]]
        titles = {c["id"]: c for c in standard["chapters"]}
        order = [c["id"] for c in standard["chapters"]]
        order += [r["chapter"] for r in results if r["chapter"] not in titles]
        chapters = []
        for chapter_id in dict.fromkeys(order):
            members = [r for r in results if r["chapter"] == chapter_id]
            if not members:
                continue
            known = titles.get(chapter_id, {"id": chapter_id, "title": "", "score": None})
            counts: dict[str, int] = {}
            for r in members:
                counts[r["status"]] = counts.get(r["status"], 0) + 1
            chapters.append(
                {
                    "id": chapter_id,
                    "title": known["title"],
                    "score": known["score"],
                    "counts": counts,
                    "gaps": sum(r["gap"] for r in members),
                    "results": members,
                }
            )
        sections.append({"standard": standard, "chapters": chapters})
    return sections


def _region(centre: dict[str, Any], lang: Lang) -> str:
    region = centre.get("region") or {}
    parts = [region[k] for k in ("province", "city", "county", "township") if region.get(k)]
    text = ("" if lang == "zh" else ", ").join(str(p) for p in parts)
    if region.get("code"):
        text += f"（{region['code']}）" if lang == "zh" else f" ({region['code']})"
    return text.strip()


def render(report: Report, lang: Lang, options: ReportOptions | None = None) -> str:
    """Return the report as a self-contained HTML5 document (no scripts, no external requests).

    The conclusion, basis, method, strengths and action plan come from the report model
    (``reports.sections``); with ``options.summary`` the page stops after the conclusion.
    """
    shared = template_context(report, lang)
    data = shared["data"]
    document = build(report, lang, options)
    conclusion = document.sections[0]
    figures = next(b for b in conclusion.blocks if isinstance(b, Figures))
    tables = [b for b in conclusion.blocks if isinstance(b, Table)]
    captions = [b for b in conclusion.blocks if isinstance(b, Paragraph) and b.style == "body"]
    lead = next(b for b in conclusion.blocks if isinstance(b, Paragraph) and b.style == "lead")
    environment = make_environment()
    return environment.get_template("report.html.jinja").render(
        **shared,
        document=document,
        document_alerts=alerts(report, lang),
        lead=lead.text,
        top_actions=tables[0] if tables else None,
        top_actions_caption=captions[0].text if captions else "",
        severity_counts=figures.items[3:],
        sections_by_id={s.id: s for s in document.sections},
        html_lang="zh-CN" if lang == "zh" else "en",
        severity={k: v(lang) for k, v in SEVERITY_LABELS.items()},
        status={k.value: v(lang) for k, v in STATUS_LABELS.items()},
        level=LEVEL_LABELS[str(report.centre["level"])](lang),
        region=_region(report.centre, lang),
        profile_name=data["profile"],
        chart=_chart(data, report.grades, lang),
        sections=_sections(data),
        status_order=[s.value for s in STATUS_LABELS],
    )
