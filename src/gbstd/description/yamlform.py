"""Write a self-description as YAML (what ``gbstd convert`` gives from a questionnaire)."""

from __future__ import annotations

from enum import Enum
from typing import Any

import yaml

from gbstd.description.model import CentreDescription


def _plain(value: Any) -> Any:
    # Choices are str subclasses PyYAML's safe dumper refuses; dates stay dates (unquoted).
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def description_yaml(description: CentreDescription, source: str | None = None) -> str:
    """The description as YAML: the format's field order, facts left out when not stated."""
    data = _plain(description.model_dump(mode="python", exclude_none=True))
    head = f"# 由 gbstd convert 自 {source} 转换 (converted by gbstd convert from {source})\n"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return (head if source else "") + text
