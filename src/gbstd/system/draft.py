"""One draft standard of the proposed system, laid out as GB/T 1.1 asks, in Markdown or Word.

``make_draft`` lays out the document from the requirements a proposed standard covers;
``render_markdown`` and ``render_docx`` write it. ``scaffold`` plans the folder of drafts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from gbstd.assessment.results import Report
from gbstd.system.proposal import ProposedStandard


@dataclass(frozen=True)
class Clause:
    """A body clause of a draft: one requirement it must satisfy."""

    title: str
    text: str
    source: str
    status: str
    hint: str


@dataclass(frozen=True)
class Chapter:
    """A body chapter of a draft, grouping requirements from one chapter of one standard."""

    title: str
    basis: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class Draft:
    """A draft standard laid out as GB/T 1.1 asks, ready to render as Markdown or Word."""

    code: str
    name: str
    centre: str
    scope: str
    references: tuple[tuple[str, str], ...]
    chapters: tuple[Chapter, ...]
    year: int


STATUS_WORDS = {
    "conforming": "符合",
    "partial": "部分符合",
    "nonconforming": "不符合",
    "not_adopted": "未采用",
    "not_applicable": "不适用",
    "not_evaluable": "无法评估",
}
PROVENANCE_WORDS = {
    "derived": "本工具根据起草人解读文章派生的要求，非标准原文",
    "licensed_text": "标准原文",
    "toc": "标准目录",
    "seed": "起草人解读文章",
}


def make_draft(standard: ProposedStandard, report: Report, today: date) -> Draft:
    """Lay out the draft of one proposed standard from the requirements it covers."""
    results = {r.requirement: r for r in report.results}
    titles = {s.number: s.title("zh") for s in report.standards}
    chapter_titles = {(s.number, c.id): c.title("zh") for s in report.standards for c in s.chapters}
    groups: dict[tuple[str, str], list[Clause]] = {}
    for requirement in standard.covers:
        result = results.get(requirement)
        if result is None:
            continue  # a standard that was not assessed (an extra pack)
        provenance = PROVENANCE_WORDS.get(result.provenance, result.provenance)
        groups.setdefault((result.standard, result.chapter), []).append(
            Clause(
                title=result.title("zh"),
                text=result.statement("zh"),
                source=f"{result.standard} 第{result.chapter}章，要求 {result.requirement}（{provenance}）",
                status=f"{STATUS_WORDS[result.status.value]}——{result.reason('zh')}",
                hint="【起草提示】写明本中心的具体做法、责任岗位、时限和需保存的记录。",
            )
        )
    chapters = tuple(
        Chapter(
            title=chapter_titles.get(key, key[1]),
            basis=f"{key[0]} 第{key[1]}章",
            clauses=tuple(clauses),
        )
        for key, clauses in groups.items()
    )
    references = tuple(sorted({(number, titles.get(number, "")) for number, _ in groups}))
    scope = standard.scope("zh") if standard.scope else f"本文件规定了{standard.name('zh')}的要求。"
    return Draft(
        code=standard.code,
        name=standard.name("zh"),
        centre=str(report.centre["name"]),
        scope=scope,
        references=references,
        chapters=chapters,
        year=today.year,
    )


def render_markdown(draft: Draft) -> str:
    """Return the draft as Markdown (GB/T 1.1 layout)."""
    from gbstd.io.templating import make_environment

    template = make_environment().get_template("system/draft.md.jinja")
    return template.render(draft=draft, sections=_sections(draft))


def render_docx(draft: Draft) -> bytes:
    """Return the draft as a Word document (opens in Word and WPS)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(25))
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "宋体"
    )

    def centred(text: str, size: float, bold: bool = False) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.font.size, run.bold = Pt(size), bold

    centred(draft.centre, 14, bold=True)
    centred(f"体系编号 {draft.code}　　标准编号：（待定）", 10.5)
    centred(draft.name, 22, bold=True)
    centred("（征求意见稿）", 12)
    centred(f"{draft.year}-××-×× 发布　　　　{draft.year}-××-×× 实施", 10.5)
    centred(f"{draft.centre}　发布", 12)
    document.add_page_break()

    def styled(text: str, style_id: str) -> None:
        # Set the style id on the XML directly: python-docx resolves style names by scanning
        # every style on each call, which made a draft take ~60 ms.
        document.add_paragraph(text)._p.style = style_id

    for heading, paragraphs in _sections(draft):
        styled(heading, "Heading1")
        for kind, text in paragraphs:
            if kind == "h2":
                styled(text, "Heading2")
            elif kind == "note":
                run = document.add_paragraph().add_run(text)
                run.font.size, run.font.color.rgb = Pt(9), RGBColor(0x59, 0x59, 0x59)
            elif kind == "item":
                styled(text, "ListBullet")
            else:
                document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _sections(draft: Draft) -> list[tuple[str, list[tuple[str, str]]]]:
    """The document body as (heading, [(kind, text)]), shared by the Word writer."""
    foreword = [
        (
            "p",
            "本文件按照 GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。",
        ),
        ("p", f"本文件由{draft.centre}提出并归口。"),
        ("p", "本文件起草单位：（待填写）。"),
        ("p", "本文件主要起草人：（待填写）。"),
        (
            "note",
            "本草稿由 gbstd 生成，正文条款依据本工具对相关国家标准的解读（派生要求）预填，须由起草人核实、改写和补充。",
        ),
    ]
    references = [
        (
            "p",
            "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。",
        ),
        *[("item", f"{number}　{title}") for number, title in draft.references],
    ]
    if draft.references:
        cited = "、".join(n for n, _ in draft.references)
        terms = [("p", f"{cited} 界定的术语和定义适用于本文件。")]
    else:
        terms = [("p", "本文件没有需要界定的术语和定义。")]
    parts = [
        ("前言", foreword),
        ("1　范围", [("p", draft.scope), ("p", f"本文件适用于{draft.centre}。")]),
        ("2　规范性引用文件", references),
        ("3　术语和定义", terms),
    ]
    for number, chapter in enumerate(draft.chapters, start=4):
        body: list[tuple[str, str]] = [("note", f"依据：{chapter.basis}")]
        for index, clause in enumerate(chapter.clauses, start=1):
            body += [
                ("h2", f"{number}.{index}　{clause.title}"),
                ("p", clause.text),
                ("note", f"来源：{clause.source}"),
                ("note", f"当前评估：{clause.status}"),
                ("note", clause.hint),
            ]
        parts.append((f"{number}　{chapter.title}", body))
    parts.append(
        ("附录A（资料性）　相关记录表式", [("p", "（列出实施本文件需保存的记录、台账和表单。）")])
    )
    return parts
