"""Evidence, not-applicable declarations and waivers."""

from typing import Annotated, Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from gbstd.description.base import Day, Facts, fact, required


class Evidence(Facts):
    """An evidence reference: a document, photo, screenshot or record."""

    id: str = required(
        "证据编号（在本文件内唯一）", "evidence id, unique in this file", min_length=1
    )
    title: str = required("名称", "title", min_length=1)
    path: str | None = fact("文件路径（相对本文件）", "file path, relative to this file")
    url: str | None = fact("网址", "URL")
    effective: Day | None = fact("生效或形成日期", "effective date")
    expires: Day | None = fact("失效日期", "expiry date")
    sha256: Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$")] | None = fact(
        "文件 SHA-256 校验值", "SHA-256 of the file"
    )
    supports: list[str] | None = fact("支持的要求编号", "requirement ids it supports")
    facts: list[str] | None = fact(
        "支持的事实路径（如 policies.first_contact）", "fact paths it backs"
    )

    @model_validator(mode="after")
    def _needs_a_location(self) -> Self:
        if not self.path and not self.url:
            raise PydanticCustomError("gbstd_evidence_location", "give path or url", {})
        return self


class NotApplicable(Facts):
    """A declaration that a requirement (or every requirement under a node) does not apply."""

    requirement: str = required(
        "要求编号，或章、条编号（如 GB/T 32168-2015 表示整个标准）",
        "requirement, node or standard id",
    )
    reason: str = required("不适用理由", "reason", min_length=2)


class Waiver(Facts):
    """An accepted gap: the status stays visible, marked waived until the waiver expires."""

    requirement: str = required("要求编号", "requirement id", min_length=1)
    reason: str = required("豁免理由", "reason", min_length=2)
    approver: str = required("批准人", "approver", min_length=1)
    expires: Day = required("到期日期", "expiry date")
