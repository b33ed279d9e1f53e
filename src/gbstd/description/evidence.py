"""Evidence, not-applicable declarations and waivers."""

from typing import Annotated, Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from gbstd.description.base import Day, Facts, fact, required


class Evidence(Facts):
    """An evidence reference: a document, photo, screenshot or record."""

    id: str = required(
        "证据编号（在本文件内唯一）",
        "evidence id, unique in this file",
        min_length=1,
        note="自编的简短编号，本文件内不重复，例：E01",
    )
    title: str = required(
        "名称", "title", min_length=1, note="证据的名称，例：《一次性告知制度》印发文件"
    )
    path: str | None = fact(
        "文件路径（相对本文件）",
        "file path, relative to this file",
        note="证据文件相对于本自评文件的位置，例：证据/一次性告知制度.pdf；与网址至少填一项",
    )
    url: str | None = fact(
        "网址", "URL", note="证据所在网页，例：中心网站上的制度公开页面；与文件路径至少填一项"
    )
    effective: Day | None = fact(
        "生效或形成日期", "effective date", note="证据生效或形成的日期，格式 YYYY-MM-DD"
    )
    expires: Day | None = fact(
        "失效日期", "expiry date", note="证据失效的日期，格式 YYYY-MM-DD；长期有效的留空"
    )
    sha256: Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$")] | None = fact(
        "文件 SHA-256 校验值",
        "SHA-256 of the file",
        note="文件的 SHA-256 值（64位十六进制），用于核对文件未被改动；可留空",
    )
    supports: list[str] | None = fact(
        "支持的要求编号",
        "requirement ids it supports",
        note="该证据支持的要求编号，见评估报告的“要求”列；也可改填“支持的事实路径”",
    )
    facts: list[str] | None = fact(
        "支持的事实路径",
        "fact paths it backs",
        note="自评表“字段”列中的路径，如 policies.first_contact；多项用“；”分隔",
    )

    @model_validator(mode="after")
    def _needs_a_location(self) -> Self:
        if not self.path and not self.url:
            raise PydanticCustomError("gbstd_evidence_location", "give path or url", {})
        return self


class NotApplicable(Facts):
    """A declaration that a requirement (or every requirement under a node) does not apply."""

    requirement: str = required(
        "要求编号，或章、条编号",
        "requirement, node or standard id",
        note="如 32168-4.1.R01；填 GB/T 32168-2015 表示整个标准",
    )
    reason: str = required(
        "不适用理由", "reason", min_length=2, note="说明为什么不适用，例：本中心没有收费事项"
    )


class Waiver(Facts):
    """An accepted gap: the status stays visible, marked waived until the waiver expires."""

    requirement: str = required(
        "要求编号",
        "requirement id",
        min_length=1,
        note="暂时接受差距的要求编号，见评估报告中的“要求”列，例：32169.1-5.R02",
    )
    reason: str = required(
        "豁免理由",
        "reason",
        min_length=2,
        note="说明暂不整改的理由和计划，例：大厅改造前无法增设停车位",
    )
    approver: str = required(
        "批准人",
        "approver",
        min_length=1,
        note="批准接受该差距的负责人姓名和职务，例：张三（中心主任）",
    )
    expires: Day = required(
        "到期日期", "expiry date", note="豁免的到期日，格式 YYYY-MM-DD；过期后该要求照常评定"
    )
