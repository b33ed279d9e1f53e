"""Write the annotated starter self-description that ``gbstd init`` prints.

Every field of the format appears with a comment explaining it. Facts are left empty (YAML
null, "not stated") so the file validates as written and nothing is claimed on the centre's
behalf; the user fills in what they know.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import Enum
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from gbstd.description.base import FORMAT_VERSION
from gbstd.description.model import CentreDescription
from gbstd.i18n import Lang

_HEADER = {
    "zh": [
        f"# 政务服务中心自述文件（gbstd 格式第 {FORMAT_VERSION} 版）",
        "# 填写你掌握的事实；留空（null）表示未说明，相关要求将评为「无法评估」并列出缺少的字段。",
        "# 校验：gbstd validate 本文件    评估：gbstd assess 本文件",
        "# 在编辑器中启用自动补全：gbstd schema -o centre.schema.json",
    ],
    "en": [
        f"# A government service centre's self-description (gbstd format version {FORMAT_VERSION}).",
        "# Fill in what you know; an empty value (null) means 'not stated' and the requirements that",
        "# need it come out 'not evaluable', naming the missing field.",
        "# Check it: gbstd validate THIS_FILE    Assess it: gbstd assess THIS_FILE",
    ],
}


def _unwrap(annotation: Any) -> tuple[str, Any]:
    """Classify an annotation: ('model', cls), ('models', cls), ('enums', cls), ('enum', cls), ('scalar', t)."""
    args = [a for a in get_args(annotation) if a is not type(None)] or [annotation]
    inner = args[0]
    if get_origin(inner) is list:
        (item,) = get_args(inner)
        item = get_args(item)[0] if get_args(item) else item
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "models", item
        if isinstance(item, type) and issubclass(item, Enum):
            return "enums", item
        return "scalars", item
    if get_args(inner):  # Annotated[...]
        inner = get_args(inner)[0]
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return "model", inner
    if isinstance(inner, type) and issubclass(inner, Enum):
        return "enum", inner
    return "scalar", inner


def _explain(field: Any, lang: Lang) -> str:
    extra = field.json_schema_extra or {}
    text = str(extra.get("x-en" if lang == "en" else "x-zh", field.description or ""))
    note = extra.get("x-note") if lang == "zh" else None
    # A dash, not brackets: notes have brackets of their own, and nested ones read badly.
    return f"{text}——{note}" if note else text


def _choices(enum: type[Enum], lang: Lang) -> str:
    if lang == "zh":  # the word to write, and the Chinese word the questionnaire shows
        values = "、".join(f"{m.value}={getattr(m, 'zh', m.value)}" for m in enum)
        return f"（可选：{values}）"
    return f" (one of: {', '.join(str(member.value) for member in enum)})"


def _type_hint(kind: str, target: Any, lang: Lang) -> str:
    if kind in {"enum", "enums"}:
        return _choices(target, lang)
    names = {
        bool: ("true=是/false=否", "true/false"),
        int: ("整数", "integer"),
        float: ("数值", "number"),
        str: ("文本", "text"),
    }
    if target in names:
        zh, en = names[target]
        return f"［{zh}］" if lang == "zh" else f" [{en}]"
    if getattr(target, "__name__", "") == "date":
        return "［日期 YYYY-MM-DD］" if lang == "zh" else " [date YYYY-MM-DD]"
    return ""


def _emit(
    model: type[BaseModel],
    values: dict[str, Any],
    indent: int,
    lang: Lang,
    lines: list[str],
    asked: Callable[[str], bool] = lambda path: True,
    prefix: str = "",
) -> None:
    pad = "  " * indent
    for name, field in model.model_fields.items():
        if not asked(prefix + name) and name not in values:
            continue
        kind, target = _unwrap(field.annotation)
        comment = _explain(field, lang)
        value = values.get(name)
        if (
            kind == "model"
            and any(f.is_required() for f in target.model_fields.values())
            and not value
        ):
            # A block with required keys cannot be left half-empty: show its shape instead.
            shape = ", ".join(
                f"{k}: {'true' if f.annotation is bool else '…'}"
                for k, f in target.model_fields.items()
            )
            lead = "如" if lang == "zh" else "e.g."
            lines.append(
                f"{pad}{name}:  # {comment}；{lead} {{{shape}}}"
                if lang == "zh"
                else f"{pad}{name}:  # {comment}; {lead} {{{shape}}}"
            )
            continue
        if kind == "model":
            lines.append(f"{pad}# {comment}")
            lines.append(f"{pad}{name}:")
            _emit(target, value or {}, indent + 1, lang, lines, asked, f"{prefix}{name}.")
            continue
        hint = _type_hint(kind, target, lang)
        if kind == "models":
            example = "每项一条，如：" if lang == "zh" else "one entry each, e.g.:"
            lines.append(
                f"{pad}# {comment}；{example}" if lang == "zh" else f"{pad}# {comment}; {example}"
            )
            lines.append(
                f"{pad}#   - "
                + ", ".join(f"{k}: …" for k, f in target.model_fields.items() if f.is_required())
            )
            lines.append(f"{pad}{name}:")
            continue
        rendered = "" if value is None else " " + json.dumps(value, ensure_ascii=False)
        lines.append(f"{pad}{name}:{rendered}  # {comment}{hint}")


def render(
    level: str,
    lang: Lang,
    name: str | None = None,
    asked: Callable[[str], bool] = lambda path: True,
    presets: dict[str, Any] | None = None,
) -> str:
    """Return the starter file for a centre at ``level``.

    ``asked(path)`` leaves out the facts that do not apply to such a centre; ``presets`` are
    facts its kind already states (``online: {provided: false}``).
    """
    placeholder = "（请填写中心名称）" if lang == "zh" else "(name of the centre)"
    values: dict[str, Any] = {"format_version": FORMAT_VERSION, **(presets or {})}
    values["centre"] = {**values.get("centre", {}), "name": name or placeholder, "level": level}
    lines = [*_HEADER[lang], ""]
    _emit(CentreDescription, values, 0, lang, lines, _keep_blocks(asked))
    return "\n".join(lines) + "\n"


def _keep_blocks(asked: Callable[[str], bool]) -> Callable[[str], bool]:
    """A block is kept when anything in it is asked (its fields are decided one by one)."""
    from gbstd.description.questionnaire import layout

    paths = [
        q.path if hasattr(q, "path") else ""
        for sheet in layout(asked)
        for q in getattr(sheet, "questions", ())
    ]
    paths += [getattr(sheet, "path", "") for sheet in layout(asked)]
    kept = {p for p in paths if p}

    def keep(path: str) -> bool:
        return path in kept or any(p.startswith(path + ".") for p in kept)

    return keep
