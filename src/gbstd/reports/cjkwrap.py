"""Line-breaking for Chinese text in the terminal.

rich breaks lines at spaces only: a run of Chinese with an identifier in it ("待补充资料：标准化工作
（standardization.standards）") is one "word" to it, folded wherever the column ends — in the
middle of a field path, or before a closing "）". Here a line may break between any two Chinese
characters or at a space, but never inside a run of Latin letters, digits and the characters of
identifiers and paths; and, as Chinese typesetting wants, no line begins with closing
punctuation and none ends with opening punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

CLOSING = set("，。、；：？！）」』】》〉”’…—%,.;:?!)]}")
OPENING = set("（「『【《〈“‘([{")
# An unbreakable run: identifiers, paths, numbers, dates, requirement ids, URLs.
_ATOM = re.compile(r"[A-Za-z0-9_.\-/\\\[\]#@:+=~&*'\"<>|^$]+")


def _tokens(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each unbreakable piece: an atom, a space run, or one other character."""
    index = 0
    while index < len(text):
        match = _ATOM.match(text, index)
        if match:
            end = match.end()
        elif text[index] == " ":
            end = index + 1
            while end < len(text) and text[end] == " ":
                end += 1
        else:
            end = index + 1
        yield index, end
        index = end


def _units(text: str) -> list[tuple[int, int]]:
    """Tokens glued: closing punctuation to what precedes it, opening to what follows it."""
    units: list[list[int]] = []
    glue_next = False
    for start, end in _tokens(text):
        piece = text[start:end]
        closing = not glue_next and piece[0] in CLOSING
        joined = units and not text[start - 1].isspace()
        if joined and piece[0] in "./\\" and _ATOM.fullmatch(piece):
            # A file name with Chinese in it (评估报告.docx) is one word: take back the
            # characters just before the suffix, up to a space or punctuation.
            while (
                len(units) > 1
                and units[-1][0] == units[-2][1]
                and units[-2][1] - units[-2][0] == 1
                and _letter(text[units[-2][0]])
            ):
                units[-2][1] = units[-1][1]
                units.pop()
            units[-1][1] = end
        elif units and (closing or (glue_next and not piece.isspace())):
            units[-1][1] = end
        else:
            units.append([start, end])
        glue_next = piece[-1] in OPENING
    return [(start, end) for start, end in units]


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` at ``width`` cells; spaces at line ends dropped."""
    lines: list[tuple[int, int]] = []
    width = max(width, 4)
    for paragraph_start, paragraph in _paragraphs(text):
        line_start, used = None, 0
        line_end = 0
        for start, end in _fitting(paragraph, width):
            piece = paragraph[start:end]
            size = cell_len(piece)
            if piece.isspace():
                if line_start is not None:
                    used += size
                continue
            if line_start is not None and used + size > width:
                lines.append((paragraph_start + line_start, paragraph_start + line_end))
                line_start, used = None, 0
            if line_start is None:
                line_start = start
                # A piece wider than the line (a very long path) is cut only as a last resort.
                while cell_len(paragraph[start:end]) > width:
                    cut = start
                    while cut < end and cell_len(paragraph[start : cut + 1]) <= width:
                        cut += 1
                    lines.append((paragraph_start + start, paragraph_start + cut))
                    start = line_start = cut
                size = cell_len(paragraph[start:end])
            used += size
            line_end = end
        if line_start is not None:
            lines.append((paragraph_start + line_start, paragraph_start + line_end))
        elif not paragraph:
            lines.append((paragraph_start, paragraph_start))
    return lines


def _letter(char: str) -> bool:
    return not char.isspace() and char not in CLOSING and char not in OPENING


def _fitting(text: str, width: int) -> Iterator[tuple[int, int]]:
    """The units of ``text``, a unit wider than a line split as little as needed.

    First its closing punctuation may begin the next line (the only case where one does), then
    a piece still too wide falls into its tokens.
    """
    for start, end in _units(text):
        if cell_len(text[start:end]) <= width:
            yield start, end
            continue
        pieces: list[list[int]] = []
        for a, b in _tokens(text[start:end]):
            if pieces and text[start + pieces[-1][1] - 1] in OPENING:
                pieces[-1][1] = b
            else:
                pieces.append([a, b])
        for a, b in pieces:
            if cell_len(text[start + a : start + b]) <= width:
                yield start + a, start + b
            else:
                yield from (
                    (start + a + c, start + a + d) for c, d in _tokens(text[start + a : start + b])
                )


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for part in text.split("\n"):
        yield offset, part
        offset += len(part) + 1


class Wrapped:
    """A rich renderable: ``text`` wrapped by ``wrap`` at the console's width, indented."""

    def __init__(  # noqa: D107
        self, text: str | Text, indent: int = 0, style: str = "", hang: int = 0
    ) -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)
        self.indent = indent
        self.hang = hang  # extra indent of the lines after the first

    def __rich_console__(  # noqa: D105
        self, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        width = options.max_width - self.indent - self.hang
        plain = self.text.plain
        for index, (start, end) in enumerate(wrap(plain, width)):
            indent = self.indent + (self.hang if index else 0)
            if indent:
                yield Segment(" " * indent)
            yield from self.text[start:end].render(console)
            yield Segment.line()
