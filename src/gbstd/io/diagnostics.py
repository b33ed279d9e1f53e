"""Turn pydantic validation errors into located problems with Chinese and English messages."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from gbstd.errors import Problem
from gbstd.i18n import Message
from gbstd.io.yamlsource import YamlDocument

# Chinese wording for the error types users meet; anything else keeps pydantic's English text.
_ZH: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（格式中没有这个字段；是否拼写有误？）",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "string_too_long": "过长（至多 {max_length} 个字符）",
    "string_pattern_mismatch": "格式不符合要求（{pattern}）",
    "literal_error": "取值无效，应为 {expected}",
    "enum": "取值无效，应为 {expected}",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数字（不能是 .inf 或 .nan）",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "datetime_type": "应为日期时间（YYYY-MM-DD HH:MM）",
    "datetime_parsing": "应为日期时间（YYYY-MM-DD HH:MM）",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "list_type": "应为列表（- 项）",
    "tuple_type": "应为列表（- 项）",
    "union_tag_invalid": "kind 取值 {tag} 无效，应为 {expected_tags}",
    "union_tag_not_found": "缺少 kind 字段（应为 {expected_tags} 之一）",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "至多 {max_length} 项",
    "url_parsing": "不是有效的网址",
    "gbstd_id_not_string": '编号 {value} 被当作数字读取；请加引号（如 "1.10"），以免 1.10 变成 1.1',
    "gbstd_derived_official_id": (
        "派生节点的编号 {id} 看起来像官方条款号；请使用工具编号，如 32169.1-5.R03"
    ),
    "gbstd_bad_nesting": "{child} 节点（{id}）不能放在 {parent} 之下",
    "gbstd_duplicate_id": "节点编号 {id} 重复",
    "gbstd_evidence_location": "证据须给出 path（文件路径）或 url（网址）",
    "gbstd_duplicate_evidence": "证据编号 {id} 重复",
    "gbstd_as_of_too_early": "不应早于 {earliest}（gbstd 的合理性下限）",
    "gbstd_check_kind": "须给出 expect（自动判定）或 manual（人工判定）之一，且只能给一个",
    "gbstd_check_reads": "自动检查项须在 reads 中列出它读取的事实",
    "gbstd_check_partial": "partial 须与 expect 同时使用",
}

_HINT_QUOTE_ZH = '；编号请加引号，如 id: "1.10"'
_HINT_QUOTE_EN = '; quote ids, e.g. id: "1.10"'


def _translate(error: dict[str, Any]) -> Message:
    english = error["msg"]
    template = _ZH.get(error["type"])
    if template is None:
        return Message(english, english)
    context = dict(error.get("ctx", {}))
    for key in ("expected", "expected_tags"):
        if isinstance(context.get(key), str):
            context[key] = context[key].replace(" or ", " 或 ")
    try:
        chinese = template.format(**context)
    except (KeyError, IndexError):
        chinese = template
    loc = error["loc"]
    if error["type"] == "string_type" and loc and loc[-1] == "id":
        return Message(chinese + _HINT_QUOTE_ZH, english + _HINT_QUOTE_EN)
    return Message(chinese, english)


def field_path(path: tuple[Any, ...]) -> str:
    """Format a data path as ``children[3].children[0].level``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(根)"


def problems_from(exc: ValidationError, document: YamlDocument) -> list[Problem]:
    """Locate every validation error in the YAML file it came from."""
    problems = []
    for error in exc.errors(include_url=False):
        data_path, position = document.locate(error["loc"])
        # A missing or unknown key is named even though it is not (or not validly) in the data.
        shown = data_path
        last = error["loc"][-1] if error["loc"] else None
        if error["type"] in {"missing", "extra_forbidden"} and last not in data_path[-1:]:
            shown = (*data_path, last)
        line, column = position if position else (None, None)
        problems.append(Problem(document.name, _translate(error), line, column, field_path(shown)))
    return problems
