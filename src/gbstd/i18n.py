"""Bilingual messages: Chinese first, English on request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]


@dataclass(frozen=True)
class Message:
    """A user-facing sentence in Chinese (the default) and English."""

    zh: str
    en: str

    def __call__(self, lang: Lang = "zh") -> str:
        """Return the sentence in ``lang``."""
        return self.en if lang == "en" else self.zh
