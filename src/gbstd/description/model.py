"""The self-description: the facts a centre states about itself, checked by ``gbstd assess``.

Every fact is optional. A fact left out is not a failure: the requirements that need it come
out ``not_evaluable`` and name the missing field. Field documentation is bilingual and feeds
``gbstd schema`` (JSON Schema) and ``gbstd init`` (the annotated starter file).
"""

from typing import Any, Self

from pydantic import BaseModel, model_validator
from pydantic_core import PydanticCustomError

from gbstd.description.base import FORMAT_VERSION, Facts, fact, required
from gbstd.description.departments import Departments, Matters, Staff
from gbstd.description.evidence import Evidence, NotApplicable, Waiver
from gbstd.description.online import Online
from gbstd.description.organisation import Centre, Operations, Organisation, Policies, Safety
from gbstd.description.premises import Premises
from gbstd.description.service import CounterService, Disclosure, Etiquette
from gbstd.description.standardisation import Standardization
from gbstd.description.supervision import Indicators, Supervision, WindowEvaluation
from gbstd.description.versions import upgrade


class CentreDescription(Facts):
    """Everything a centre states about itself for ``gbstd assess``."""

    format_version: int = required(
        f"格式版本，固定为 {FORMAT_VERSION}",
        f"format version, always {FORMAT_VERSION}",
        note="gbstd init 生成时已写好，不要改动；版本 1 的旧文件仍可读取（gbstd convert 可另存为新版本）",
        ge=FORMAT_VERSION,
        le=FORMAT_VERSION,
    )
    centre: Centre = required(
        "中心基本情况", "identity", note="中心名称、行政层级、所在地区、地址和评估基准日"
    )
    organisation: Organisation | None = fact(
        "服务组织",
        "organisation",
        note="管理机构的批准设立、职责文件、内设机构、协调机制和人员配置",
    )
    premises: Premises | None = fact(
        "服务设施设备", "premises", note="大厅的选址、面积、无障碍、标识、功能分区、窗口布局和设备"
    )
    departments: Departments | None = fact(
        "部门进驻", "departments", note="已进驻部门的个数、名单及每个部门的窗口、人员和授权"
    )
    matters: Matters | None = fact(
        "事项进驻", "matters", note="进驻事项目录及每个事项的依据、时限、收费和网上办理程度"
    )
    staff: Staff | None = fact(
        "窗口人员", "window staff", note="窗口人员的人数、登记备案、选派、培训、考核和顶岗安排"
    )
    policies: Policies | None = fact(
        "书面制度",
        "written rules",
        note="中心印发的各项工作制度，逐项回答是否已成文并执行，以制度文件为准",
    )
    counter_service: CounterService | None = fact(
        "窗口服务提供",
        "counter service",
        note="窗口从咨询、受理、办理到办结送达的实际做法和办公时间",
    )
    disclosure: Disclosure | None = fact(
        "信息公开",
        "information disclosure",
        note="办事指南公开哪些内容、通过哪些渠道公开，进度和结果能否查询",
    )
    etiquette: Etiquette | None = fact(
        "服务礼仪", "etiquette", note="窗口人员的着装、挂牌、用语、接待礼节和对群众一视同仁"
    )
    supervision: Supervision | None = fact(
        "监督与评价",
        "supervision and evaluation",
        note="日常督查、满意度评价、投诉处理和整改跟踪的做法和记录",
    )
    window_evaluation: WindowEvaluation | None = fact(
        "窗口服务评价",
        "window service evaluation",
        note="中心对窗口服务开展评价的组织、方案、实施、报告和结果运用",
    )
    indicators: Indicators | None = fact(
        "窗口服务评价指标",
        "window-service indicators",
        note="最近一个评价周期算出的效率、满意率、投诉等指标值及统计起止日期",
    )
    safety: Safety | None = fact(
        "安全管理", "safety", note="消防设施、应急演练、视频监控和日常安全巡查"
    )
    operations: Operations | None = fact(
        "财务、档案与信息化",
        "finance, records and IT",
        note="运行经费、档案保管、业务系统、数据备份和个人信息保护",
    )
    online: Online | None = fact(
        "网上服务",
        "online services",
        note="网上大厅的公开、办理、互动、系统安全和评价；没有网上服务只需答“是否提供”",
    )
    standardization: Standardization | None = fact(
        "标准化工作",
        "standardization work",
        note="标准化工作的机构人员、规划、标准体系、标准制修订、实施和评价",
    )
    evidence: list[Evidence] | None = fact(
        "证据清单",
        "evidence",
        note="每行一份证明材料（文件、照片、截图、台账），可注明它支持哪些要求或字段",
    )
    not_applicable: list[NotApplicable] | None = fact(
        "不适用声明",
        "not-applicable declarations",
        note="每行一条本中心不适用的要求及理由，例：中心没有收费事项",
    )
    waivers: list[Waiver] | None = fact(
        "豁免", "waivers", note="每行一条暂时接受的差距，写明理由、批准人和到期日"
    )

    @model_validator(mode="before")
    @classmethod
    def _read_earlier_versions(cls, data: Any) -> Any:
        return upgrade(data)[0] if isinstance(data, dict) else data

    @model_validator(mode="after")
    def _evidence_ids_unique(self) -> Self:
        seen: set[str] = set()
        for item in self.evidence or []:
            if item.id in seen:
                raise PydanticCustomError(
                    "gbstd_duplicate_evidence", "evidence id {id} is used twice", {"id": item.id}
                )
            seen.add(item.id)
        return self


SECTIONS: tuple[str, ...] = tuple(
    name for name in CentreDescription.model_fields if name not in {"format_version"}
)


def block_kind(annotation: Any) -> tuple[str, Any]:
    """Classify a field: ("model", cls) for a nested block, ("models", cls) for a list of them.

    Anything else is ("value", None).
    """
    from typing import get_args, get_origin

    for arg in get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return "model", arg
        if get_origin(arg) is list:
            (item,) = get_args(arg)
            if isinstance(item, type) and issubclass(item, BaseModel):
                return "models", item
    return "value", None


def _field_model(annotation: Any) -> Any:
    """Return the model class inside ``X | None`` or ``list[X] | None``, or None."""
    from typing import get_args

    for arg in get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = _field_model(arg) if get_args(arg) else None
        if inner is not None:
            return inner
    return None


def fact_exists(path: str) -> bool:
    """Say whether a dotted fact path (``premises.location.public_transport``) is in the format.

    ``matters.items`` names a list; ``matters.items[].legal_basis`` names a field of every item
    of it (usable in a check's ``reads``). In expressions, item fields are reached inside CEL
    macros (``matters.items.all(m, m.promised_days <= m.statutory_days)``) and are checked by
    name with ``item_fact_exists``.
    """
    if "[]." in path:
        head, _, field = path.partition("[].")
        return fact_exists(head) and "." not in field and item_fact_exists(head, field)
    model: Any = CentreDescription
    for part in path.split("."):
        if model is None or part not in model.model_fields:
            return False
        annotation = model.model_fields[part].annotation
        model = None if "list[" in str(annotation) else _field_model(annotation)
    return True


def item_fact_exists(path: str, name: str) -> bool:
    """Say whether the items of the list at ``path`` have a field ``name``."""
    model: Any = CentreDescription
    for part in path.split("."):
        if model is None or part not in model.model_fields:
            return False
        model = _field_model(model.model_fields[part].annotation)
    return model is not None and name in model.model_fields
