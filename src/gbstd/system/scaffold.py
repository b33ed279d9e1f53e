"""Scaffold a proposed standard system as a folder tree of draft documents.

Two steps, as copier does: ``plan`` renders every file in memory; ``apply`` writes the plan into
a temporary sibling folder and renames it into place, so a failure never leaves half a tree; an
existing folder is replaced only when asked and only if it holds nothing but what gbstd wrote.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Literal

from gbstd.errors import GbstdError
from gbstd.i18n import Lang
from gbstd.io.outputs import staged_folder
from gbstd.system.draft import (
    KIND_LABELS,
    Draft,
    draft_kind,
    make_draft,
    render_docx,
    render_markdown,
)
from gbstd.system.proposal import Proposal, ProposedSubsystem

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


def _md(text: str) -> str:
    """Keep a Markdown link text inert: no brackets, pipes or line breaks of its own."""
    return re.sub(r"[\[\]|\r\n]", " ", text)


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
    rows: list[tuple[int, str, str, str, str]] = []

    def walk(node: ProposedSubsystem, parent: PurePosixPath, kind: str | None) -> None:
        here = parent / _folder(node)
        kind = node.type or kind  # a 子体系 inherits its 分体系's type
        for child in node.children:
            if isinstance(child, ProposedSubsystem):
                walk(child, here, kind)
            elif child.status in DRAFTABLE and not child.adopted and child.provenance != "centre":
                name = safe_name(f"{child.code} {child.name('zh')}")
                draft_type = draft_kind(kind, child.name("zh"))
                path = here / f"{name}.{fmt}"
                drafts.append((path, make_draft(child, proposal.report, today, draft_type)))
                order = child.priority if child.priority is not None else 1_000_000
                rows.append(
                    (order, child.code, child.name("zh"), KIND_LABELS[draft_type], str(path))
                )

    for top in proposal.children:
        walk(top, PurePosixPath("."), None)
    files = [
        PlannedFile(path, content)
        for (path, _), content in zip(drafts, _render_all(drafts, fmt), strict=True)
    ]
    # Drafting order first: the standard that closes most of the gap heads the list.
    table = [
        f"| {'' if order == 1_000_000 else order} | {code} | [{_md(name)}](<{link}>) | {kind} |"
        for order, code, name, kind, link in sorted(rows)
    ]
    readme = "\n".join(
        [
            f"# {proposal.centre['name']} 标准体系草稿",
            "",
            "本目录由 gbstd system scaffold 生成：每个待制定的中心标准一份按 GB/T 1.1 编排的草稿，",
            "按标准的类型（岗位工作标准、服务规范、服务提供规程、管理标准）给出章节框架，",
            "须满足的要求及其来源预填在相应章节。标准明细表见 [标准明细表.xlsx](<标准明细表.xlsx>)。",
            "",
            "按起草优先级排列（1 最先：补上它能消除的差距最多）：",
            "",
            "| 优先级 | 体系编号 | 标准名称 | 类型 |",
            "|---:|---|---|---|",
            *table,
            "",
            "> 体系结构、具体标准和章节框架是本工具的建议；派生要求是本工具对国家标准的解读，不是标准原文。",
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
