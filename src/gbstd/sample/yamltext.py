"""The YAML text of a synthetic centre, written fast and exactly as PyYAML would."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

# --- YAML ---------------------------------------------------------------------------------------
# The text is exactly what ``yaml.safe_dump(data, allow_unicode=True, sort_keys=False)`` writes
# (the tests compare the two), built directly: PyYAML's representer costs ~3 ms a centre, which
# would make the national set take minutes. Strings whose plain form is obvious (Chinese text,
# URLs) are written as they are; every other string is rendered once by PyYAML and remembered.

_OBVIOUSLY_PLAIN = re.compile(
    r"(?:[\u4e00-\u9fff“（][\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”A-Za-z0-9./_\- ]*"
    r"|https://[A-Za-z0-9./\-]+)(?<! )"
)
_SCALARS: dict[str, str] = {}


def _string(text: str) -> str:
    known = _SCALARS.get(text)
    if known is not None:
        return known
    if _OBVIOUSLY_PLAIN.fullmatch(text):
        return text
    known = yaml.safe_dump(text, allow_unicode=True, width=1 << 16)
    known = known.removesuffix("\n...\n") if known.endswith("\n...\n") else known[:-1]
    _SCALARS[text] = known
    return known


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value).lower()  # as PyYAML's SafeRepresenter.represent_float
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)
        return text
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"unexpected value in a sample: {value!r}")  # pragma: no cover


def _mapping(out: list[str], mapping: dict[str, Any], indent: str) -> None:
    for key, value in mapping.items():
        kind = type(value)
        if kind is str:
            out.append(f"{indent}{key}: {_string(value)}\n")
        elif kind is bool:
            out.append(f"{indent}{key}: true\n" if value else f"{indent}{key}: false\n")
        elif kind is dict:
            if value:
                out.append(f"{indent}{key}:\n")
                _mapping(out, value, indent + "  ")
            else:
                out.append(f"{indent}{key}: {{}}\n")
        elif kind is list:
            if value:
                out.append(f"{indent}{key}:\n")
                _sequence(out, value, indent)
            else:
                out.append(f"{indent}{key}: []\n")
        else:
            out.append(f"{indent}{key}: {_scalar(value)}\n")


def _sequence(out: list[str], items: list[Any], indent: str) -> None:
    for item in items:
        if type(item) is dict and item:
            start = len(out)
            _mapping(out, item, indent + "  ")
            out[start] = f"{indent}- {out[start][len(indent) + 2 :]}"
        else:
            out.append(f"{indent}- {_scalar(item)}\n")


def to_yaml(data: dict[str, Any]) -> str:
    """Return the block-style YAML of a sample, as ``yaml.safe_dump`` would write it."""
    out: list[str] = []
    _mapping(out, data, "")
    return "".join(out)


def with_comments(
    text: str, dept_total: int, matter_total: int, departments: int, matters: int
) -> str:
    """Say, as the bundled examples do, how many departments and matters the lists stand for."""
    for section, total, listed, unit, noun in (
        ("departments", dept_total, departments, "个", "部门（单位）"),
        ("matters", matter_total, matters, "项", "事项"),
    ):
        head = text.find(f"\n{section}:\n")
        if head < 0:
            continue
        at = text.find("\n  items:\n", head)
        note = (
            f"已进驻{noun}共 {total} {unit}"
            if total == listed
            else (f"进驻{noun}共 {total} {unit}；以下列出其中 {listed} {unit}")
        )
        text = f"{text[: at + 1]}  # {note}{text[at:]}"
    return text
