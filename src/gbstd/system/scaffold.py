"""Scaffold a proposed standard system as a folder tree of draft documents.

Two steps, as copier does: ``plan`` renders every file in memory; ``apply`` writes the plan into
a temporary sibling folder and renames it into place, so a failure never leaves half a tree; an
existing folder is replaced only when asked and only if it holds nothing but what gbstd wrote.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Literal

from gbstd.assessment.results import Report
from gbstd.errors import GbstdError
from gbstd.i18n import Lang
from gbstd.io.outputs import staged_folder
from gbstd.system.proposal import Proposal, ProposedStandard, ProposedSubsystem

DraftFormat = Literal["md", "docx"]
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)
}
NAME_LIMIT = 40  # characters per path component: deep trees must stay under Windows' 260
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


# Template standards the centre has not published yet (its own additions it writes itself).
DRAFTABLE = ("to_draft", "drafting", "planned")


def safe_name(text: str, limit: int = NAME_LIMIT) -> str:
    """Return a file or folder name valid on Windows and Linux that cannot leave its parent."""
    name = unicodedata.normalize("NFC", text)
    name = _FORBIDDEN.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if len(name) > limit:
        name = name[:limit].rstrip(" .")
    if not name or set(name) <= {"."}:
        name = "_"
    if name.split(".")[0].upper() in WINDOWS_RESERVED:
        name = "_" + name
    return name


@dataclass(frozen=True)
class PlannedFile:
    """One file of the plan: where it goes, relative to the target, and its bytes."""

    path: PurePosixPath
    content: bytes


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


def _folder(node: ProposedSubsystem) -> str:
    return safe_name(f"{node.code} {node.name('zh')}")


def _render_all(drafts: list[tuple[PurePosixPath, Draft]], fmt: DraftFormat) -> list[bytes]:
    if fmt == "md":
        return [render_markdown(d).encode("utf-8") for _, d in drafts]
    documents = [d for _, d in drafts]
    if len(documents) < 16:
        return [render_docx(d) for d in documents]
    # A Word file costs ~30 ms to open and save in python-docx; spread a full system's
    # eighty-odd drafts over the CPUs.
    from concurrent.futures import ProcessPoolExecutor

    from gbstd.assessment.batch import default_jobs

    with ProcessPoolExecutor(max_workers=default_jobs()) as pool:
        return list(pool.map(render_docx, documents, chunksize=8))


def plan(
    proposal: Proposal,
    fmt: DraftFormat,
    lang: Lang,
    today: date,
    index_workbook: bytes,
) -> list[PlannedFile]:
    """Render every file of the scaffold in memory, drafts for the standards still to write."""
    drafts: list[tuple[PurePosixPath, Draft]] = []
    rows: list[str] = []

    def walk(node: ProposedSubsystem, parent: PurePosixPath) -> None:
        here = parent / _folder(node)
        for child in node.children:
            if isinstance(child, ProposedSubsystem):
                walk(child, here)
            elif child.status in DRAFTABLE and not child.adopted and child.provenance != "centre":
                name = safe_name(f"{child.code} {child.name('zh')}")
                drafts.append((here / f"{name}.{fmt}", make_draft(child, proposal.report, today)))
                rows.append(
                    f"| {child.priority or ''} | {child.code} | {child.name('zh')} | {here / name} |"
                )

    for top in proposal.children:
        walk(top, PurePosixPath("."))
    files = [
        PlannedFile(path, content)
        for (path, _), content in zip(drafts, _render_all(drafts, fmt), strict=True)
    ]
    readme = "\n".join(
        [
            f"# {proposal.centre['name']} 标准体系草稿",
            "",
            "本目录由 gbstd system scaffold 生成：每个待制定的中心标准一份按 GB/T 1.1 编排的草稿，",
            "正文预填了它须满足的要求及其来源。标准明细表见 标准明细表.xlsx。",
            "",
            "| 优先级 | 体系编号 | 标准名称 | 文件 |",
            "|---:|---|---|---|",
            *rows,
            "",
            "> 体系结构与具体标准是本工具的建议；派生要求是本工具对国家标准的解读，不是标准原文。",
            "",
        ]
    )
    files.insert(0, PlannedFile(PurePosixPath("README.md"), readme.encode("utf-8")))
    files.insert(1, PlannedFile(PurePosixPath("标准明细表.xlsx"), index_workbook))
    return files


def apply(
    files: list[PlannedFile],
    target: Path,
    *,
    force: bool,
    protect: Iterable[Path | None] = (),
) -> None:
    """Write the plan to ``target`` through a temporary sibling folder (see ``staged_folder``).

    Raises:
        OutputExistsError: ``target`` exists and is not empty, and ``force`` is False.
        OutputInUseError: even with ``force``: ``target`` holds an input (``protect``) or
            anything gbstd did not write there, or it is the working folder.
        GbstdError: the folder cannot be written, or a planned path would leave the target
            (never expected; checked anyway).
    """
    with staged_folder(target, force=force, protect=protect) as staging:
        root = staging.resolve()
        for planned in files:
            destination = (root / planned.path).resolve()
            if not destination.is_relative_to(root) or destination == root:
                raise GbstdError(
                    f"路径 {planned.path} 越出目标目录", f"path {planned.path} escapes the target"
                )
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(planned.content)


def describe(files: list[PlannedFile]) -> list[tuple[str, int]]:
    """The plan as (path, size) pairs, for --dry-run."""
    return [(str(f.path), len(f.content)) for f in files]
