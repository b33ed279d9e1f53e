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
        note="版本 1 的文件仍可读取，读取时按版本 2 理解（gbstd convert 可另存为新版本）",
        ge=FORMAT_VERSION,
        le=FORMAT_VERSION,
    )
    centre: Centre = required("中心基本情况", "identity")
    organisation: Organisation | None = fact("服务组织", "organisation")
    premises: Premises | None = fact("服务设施设备", "premises")
    departments: Departments | None = fact("部门进驻", "departments")
    matters: Matters | None = fact("事项进驻", "matters")
    staff: Staff | None = fact("窗口人员", "window staff")
    policies: Policies | None = fact("书面制度", "written rules")
    counter_service: CounterService | None = fact("窗口服务提供", "counter service")
    disclosure: Disclosure | None = fact("信息公开", "information disclosure")
    etiquette: Etiquette | None = fact("服务礼仪", "etiquette")
    supervision: Supervision | None = fact("监督与评价", "supervision and evaluation")
    window_evaluation: WindowEvaluation | None = fact("窗口服务评价", "window service evaluation")
    indicators: Indicators | None = fact("窗口服务评价指标", "window-service indicators")
    safety: Safety | None = fact("安全管理", "safety")
    operations: Operations | None = fact("财务、档案与信息化", "finance, records and IT")
    online: Online | None = fact("网上服务", "online services")
    standardization: Standardization | None = fact("标准化工作", "standardization work")
    evidence: list[Evidence] | None = fact("证据清单", "evidence")
    not_applicable: list[NotApplicable] | None = fact("不适用声明", "not-applicable declarations")
    waivers: list[Waiver] | None = fact("豁免", "waivers")

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
