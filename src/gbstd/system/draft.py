"""One draft standard of the proposed system, laid out as GB/T 1.1 asks, in Markdown or Word.

``make_draft`` lays out the document from the requirements a proposed standard covers;
``render_markdown`` and ``render_docx`` write it. ``scaffold`` plans the folder of drafts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from gbstd.assessment.results import Report
from gbstd.io.worddoc import HEADING_FONT, chinese_document, set_fonts
from gbstd.system.proposal import ProposedStandard

DraftKind = Literal[
    "post_work", "service_specification", "service_procedure", "management", "general"
]


@dataclass(frozen=True)
class Clause:
    """A body clause of a draft: one requirement it must satisfy."""

    title: str
    text: str
    source: str
    status: str


@dataclass(frozen=True)
class Section:
    """A body chapter: its title, the drafting hint (once), and the requirements it holds."""

    title: str
    hint: str
    clauses: tuple[Clause, ...] = ()


@dataclass(frozen=True)
class Draft:
    """A draft standard laid out as GB/T 1.1 asks, ready to render as Markdown or Word."""

    code: str
    name: str
    centre: str
    scope: str
    references: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    year: int
    kind: DraftKind = "general"


# The body of each kind of standard, after 范围, 规范性引用文件 and 术语和定义: (title, hint,
# whether the requirements the standard covers go there). The outlines follow how offices
# write such standards (post standards: 职责, 任职条件, 工作内容与要求, 考核与奖惩; service
# specifications: 服务内容, 服务要求, 服务流程, 服务评价与改进 …); they are gbstd's suggestion,
# not a structure GB/T 32170.2 prescribes.
REQUIREMENTS_HINT = (
    "下列条款是本标准须满足的国家标准要求（gbstd 预填）。逐条改写为本中心的规定："
    "写明具体做法、责任岗位、时限和需保存的记录，用「应」表示要求、「宜」表示推荐。"
)
SKELETONS: dict[DraftKind, tuple[tuple[str, str, bool], ...]] = {
    "post_work": (
        (
            "岗位职责",
            "逐条列出本岗位的职责，每条以「负责……」开头，与中心的机构职责和窗口设置一致。",
            False,
        ),
        ("任职条件", "写明本岗位的学历、资格、业务知识、服务技能、培训和上岗考核要求。", False),
        ("工作内容与要求", REQUIREMENTS_HINT, True),
        (
            "考核与奖惩",
            "写明考核内容、方式、周期和结果运用（评优、奖惩、培训），与中心的绩效考核制度衔接。",
            False,
        ),
    ),
    "service_specification": (
        ("服务内容", "列出本规范适用的服务项目、服务对象和服务渠道（窗口、网上、电话等）。", False),
        ("服务要求", REQUIREMENTS_HINT, True),
        ("服务流程", "按环节写明服务的主要步骤和衔接，宜附流程图。", False),
        ("服务评价与改进", "写明满意度评价、投诉处理、数据分析和持续改进的做法。", False),
    ),
    "service_procedure": (
        ("职责", "写明参与本程序的岗位和部门及其职责。", False),
        (
            "办理流程",
            "按受理、审查、决定、办结、送达等环节写明步骤，每步写明责任岗位和时限，宜附流程图。",
            False,
        ),
        ("各环节要求", REQUIREMENTS_HINT, True),
        ("记录", "列出需保存的记录、表单及其保存期限；表式列入附录A。", False),
    ),
    "management": (
        ("职责", "写明归口管理部门、相关部门和岗位的职责。", False),
        ("管理内容与要求", REQUIREMENTS_HINT, True),
        ("检查与考核", "写明检查的方式、频次，考核办法和结果运用。", False),
        ("记录", "列出需保存的记录及其保存期限；表式列入附录A。", False),
    ),
    "general": (
        ("总体要求", REQUIREMENTS_HINT, True),
        ("实施与检查", "写明本文件的宣贯、实施、监督检查和复审。", False),
    ),
}
KIND_LABELS: dict[DraftKind, str] = {
    "post_work": "岗位工作标准",
    "service_specification": "服务规范",
    "service_procedure": "服务提供规程",
    "management": "管理标准",
    "general": "通用基础标准",
}


def draft_kind(subsystem_type: str | None, name: str) -> DraftKind:
    """The kind of draft: the sub-system's type, else (通用基础 or none) what the name says."""
    if subsystem_type in ("post_work", "service_specification", "service_procedure", "management"):
        return subsystem_type  # type: ignore[return-value]
    if "岗位" in name:
        return "post_work"
    if name.endswith(("规程", "流程", "程序")):
        return "service_procedure"
    if name.endswith("规范"):
        return "service_specification"
    if "管理" in name or name.endswith(("制度", "办法")):
        return "management"
    return "general"


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


def make_draft(
    standard: ProposedStandard, report: Report, today: date, kind: DraftKind = "general"
) -> Draft:
    """Lay out the draft of one proposed standard in the outline of its kind.

    The requirements it covers go, in catalogue order, into the section of the outline that
    holds requirements (工作内容与要求, 服务要求 …); the other sections carry a drafting hint.
    """
    results = {r.requirement: r for r in report.results}
    titles = {s.number: s.title("zh") for s in report.standards}
    clauses: list[Clause] = []
    cited: set[str] = set()
    for requirement in standard.covers:
        result = results.get(requirement)
        if result is None:
            continue  # a standard that was not assessed (an extra pack)
        provenance = PROVENANCE_WORDS.get(result.provenance, result.provenance)
        cited.add(result.standard)
        clauses.append(
            Clause(
                title=result.title("zh"),
                text=result.statement("zh"),
                source=f"{result.standard} 第{result.chapter}章，要求 {result.requirement}（{provenance}）",
                status=f"{STATUS_WORDS[result.status.value]}——{result.reason('zh')}",
            )
        )
    sections = tuple(
        Section(title, hint, tuple(clauses) if holds else ())
        for title, hint, holds in SKELETONS[kind]
    )
    references = tuple(sorted((number, titles.get(number, "")) for number in cited))
    scope = standard.scope("zh") if standard.scope else f"本文件规定了{standard.name('zh')}的要求。"
    return Draft(
        code=standard.code,
        name=standard.name("zh"),
        centre=str(report.centre["name"]),
        scope=scope,
        references=references,
        sections=sections,
        year=today.year,
        kind=kind,
    )


def render_markdown(draft: Draft) -> str:
    """Return the draft as Markdown (GB/T 1.1 layout)."""
    from gbstd.io.templating import make_environment

    template = make_environment().get_template("system/draft.md.jinja")
    return template.render(draft=draft, sections=_sections(draft))


def _rule(paragraph: Any, side: str = "bottom") -> None:
    """Draw a full-width line under (or over) ``paragraph``, as on a GB/T 1.1 cover."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    for name, value in (
        ("w:val", "single"),
        ("w:sz", "8"),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        line.set(qn(name), value)
    borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def render_docx(draft: Draft) -> bytes:
    """Return the draft as a Word document (opens in Word and WPS).

    A GB/T 1.1-style cover (ICS and CCS placeholders, the centre's standard line between two
    rules, the title, the draft stage, the dates and the issuer), then the body; A4, 仿宋/黑体,
    east-Asian language zh-CN, page numbers in the footer (``gbstd.io.worddoc``).
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    document = chinese_document(header=draft.centre, title=draft.name, body_pt=12)

    def line(
        text: str, size: float, *, bold: bool = False, align: Any = None, after: float = 0
    ) -> Any:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align is None else align
        paragraph.paragraph_format.space_after = Pt(after)
        run = paragraph.add_run(text)
        run.font.size, run.bold = Pt(size), bold
        set_fonts(run._element.get_or_add_rPr(), HEADING_FONT if bold else "宋体")
        return paragraph

    left, right = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
    line("ICS ××.×××", 10.5, bold=True, align=left)
    line("CCS ×××", 10.5, bold=True, align=left, after=24)
    line(f"{draft.centre}标准", 26, bold=True, after=6)
    _rule(line(f"体系编号 {draft.code}　　标准编号：（待定）", 10.5, align=right, after=60))
    line(draft.name, 22, bold=True, after=12)
    line("（征求意见稿）", 14, after=160)
    dates = line(f"{draft.year}-××-×× 发布" + "　" * 12 + f"{draft.year}-××-×× 实施", 12, after=12)
    _rule(dates, "top")
    line(f"{draft.centre}　发布", 14, bold=True)
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
    for number, section in enumerate(draft.sections, start=4):
        body: list[tuple[str, str]] = [("note", f"【起草提示】{section.hint}")]
        for index, clause in enumerate(section.clauses, start=1):
            body += [
                ("h2", f"{number}.{index}　{clause.title}"),
                ("p", clause.text),
                ("note", f"来源：{clause.source}；当前评估：{clause.status}"),
            ]
        if not section.clauses:
            body.append(("p", "（待起草）"))
        parts.append((f"{number}　{section.title}", body))
    parts.append(
        ("附录A（资料性）　相关记录表式", [("p", "（列出实施本文件需保存的记录、台账和表单。）")])
    )
    return parts
