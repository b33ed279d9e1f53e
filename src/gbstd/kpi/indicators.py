"""What the window-service indicators (GB/T 32169.4), abnormal situations and data problems are."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gbstd.i18n import Message

DEFAULTS_NOTE = Message(
    "指标定义、计算公式、计分区间和权重均为 gbstd 的默认值，不是 GB/T 32169.4 的规定"
    "（标准正文未公开）；可用评价配置文件调整。",
    "Indicator definitions, formulas, scoring bands and weights are gbstd's own defaults, not "
    "those of GB/T 32169.4 (whose text is not available); change them with a profile.",
)


class Channel(StrEnum):
    """How a case was accepted."""

    ONLINE = "online"
    ONSITE = "onsite"


class CaseStatus(StrEnum):
    """Where a case stands."""

    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class Grade(StrEnum):
    """The five grades of the national 好差评 rating."""

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"


GRADE_TERMS = {
    "非常满意": Grade.VERY_SATISFIED,
    "满意": Grade.SATISFIED,
    "基本满意": Grade.BASICALLY_SATISFIED,
    "不满意": Grade.DISSATISFIED,
    "非常不满意": Grade.VERY_DISSATISFIED,
}


@dataclass(frozen=True)
class IndicatorSpec:
    """What an indicator is: its key, Chinese term, formula and the columns it needs."""

    key: str
    term: str
    label: Message
    formula: Message
    needs: tuple[str, ...] = ()  # columns it needs, all of them
    needs_any: tuple[str, ...] = ()  # columns of which it needs one at least


INDICATORS = (
    IndicatorSpec(
        "entry_implementation_rate",
        "事项进驻落实率",
        Message("事项进驻落实率", "matters-entered rate"),
        Message(
            "应进驻且已进驻的事项数 ÷ 应进驻的事项数（事项清单文件）",
            "matters that should enter and have entered ÷ matters that should enter (matters file)",
        ),
    ),
    IndicatorSpec(
        "authorisation_execution_rate",
        "窗口授权执行率",
        Message("窗口授权执行率", "window authorisation rate"),
        Message(
            "窗口在授权范围内自行决定的办件数 ÷ 窗口获授权决定的办件数",
            "cases the window decided itself under its authorisation ÷ cases it is authorised for",
        ),
        ("authorised", "decided_at_window"),
    ),
    IndicatorSpec(
        "speed_up_rate",
        "办理提速率",
        Message("办理提速率", "speed-up rate"),
        Message(
            "有法定时限的办结件，(法定工作日 − 实际工作日) ÷ 法定工作日 的平均值；分母为件数",
            "mean over completed cases with a statutory limit of (statutory − actual working "
            "days) ÷ statutory; the denominator is their count",
        ),
        ("statutory_days",),
    ),
    IndicatorSpec(
        "on_the_spot_rate",
        "现场办结率",
        Message("现场办结率", "on-the-spot completion rate"),
        Message(
            "当场办结的件数 ÷ 受理件数（不予受理的不计）",
            "cases completed on the spot ÷ cases accepted (refused cases left out)",
        ),
        ("on_the_spot",),
    ),
    IndicatorSpec(
        "joint_handling_rate",
        "联办率",
        Message("联办率", "joint handling rate"),
        Message(
            "多部门联合办理的件数 ÷ 需要多部门办理的件数",
            "cases handled jointly ÷ cases that need several departments",
        ),
        ("joint_required", "joint_handled"),
    ),
    IndicatorSpec(
        "online_acceptance_rate",
        "网上受理率",
        Message("网上受理率", "online acceptance rate"),
        Message(
            "网上受理的件数 ÷ 渠道可识别的受理件数",
            "cases accepted online ÷ cases with a known channel",
        ),
    ),
    IndicatorSpec(
        "satisfaction_rate",
        "窗口服务满意率",
        Message("窗口服务满意率", "window satisfaction rate"),
        Message(
            "评价为配置中“满意”等级的件数 ÷ 有效评价件数",
            "ratings in the profile's satisfied grades ÷ valid ratings",
        ),
        ("satisfaction",),
    ),
    IndicatorSpec(
        "abnormal_cases",
        "异常办理",
        Message("异常办理件数", "abnormal cases"),
        Message(
            "有任一异常情形的件数：超期（超承诺时限或法定时限）、体外循环、不予受理未说明理由、"
            "办结早于受理",
            "cases with any abnormal situation: overdue (past the promised or the statutory "
            "limit), handled outside the system, refused without a reason, completed before "
            "accepted",
        ),
    ),
    IndicatorSpec(
        "complaint_rate",
        "投诉率",
        Message("投诉率", "complaint rate"),
        Message("有效投诉件数 ÷ 受理件数", "valid complaints ÷ cases"),
        ("complaint_valid",),
    ),
    IndicatorSpec(
        "complaint_satisfaction_rate",
        "投诉处理满意率",
        Message("投诉处理满意率", "complaint satisfaction rate"),
        Message(
            "投诉人认可处理结果的有效投诉数 ÷ 已处理（已记录认可与否）的有效投诉数",
            "valid complaints whose handling the complainant accepted ÷ valid complaints handled",
        ),
        ("complaint_valid", "complaint_accepted"),
    ),
    IndicatorSpec(
        "on_time_rate",
        "按时办结率",
        Message("按时办结率（工具补充指标）", "on-time completion rate (toolkit addition)"),
        Message(
            "未超期（未超承诺时限和法定时限，加容差）的办结件数 ÷ 有时限（承诺或法定）的办结件数",
            "completed cases not overdue (within the promised and the statutory working days, "
            "+ tolerance) ÷ completed cases with a limit (promised or statutory)",
        ),
        needs_any=("promised_days", "statutory_days"),
    ),
)
SPECS = {spec.key: spec for spec in INDICATORS}

# Each situation with the columns it is judged by: unchecked (and never counted) when none of
# them is in the data; when some are, it is judged by those (and the note says so).
ABNORMAL_KINDS: dict[str, tuple[Message, tuple[str, ...]]] = {
    "overdue": (
        Message("超期（超承诺或法定时限）", "overdue (past the promised or statutory limit)"),
        ("promised_days", "statutory_days"),
    ),
    "outside_system": (Message("体外循环", "handled outside the system"), ("outside_system",)),
    "refused_without_reason": (
        Message("不予受理未说明理由", "refused without a reason"),
        ("refused_reason_given",),
    ),
    "completed_before_accepted": (Message("办结早于受理", "completed before accepted"), ()),
}
_TIME_EFFECT = Message(
    "不计入与时间有关的指标（办理提速率、按时办结率、超期判断）",
    "left out of time-based indicators",
)
ISSUES = {
    "unparsable_accepted_at": (Message("受理时间无法识别", "unreadable accepted_at"), _TIME_EFFECT),
    "missing_accepted_at": (Message("受理时间为空", "empty accepted_at"), _TIME_EFFECT),
    "unparsable_completed_at": (
        Message("办结时间无法识别", "unreadable completed_at"),
        _TIME_EFFECT,
    ),
    "implausible_date": (
        Message("日期不在合理范围内", "date outside the plausible window"),
        Message(
            "该时间按空值处理，不计入与时间有关的指标，也不影响统计期和基准日",
            "the time is read as empty: left out of time-based indicators, the period and the "
            "as-of date",
        ),
    ),
    "completed_before_accepted": (
        Message("办结早于受理（时长为负）", "completed before accepted (negative duration)"),
        Message(
            "不计入与时间有关的指标，并列为异常办理",
            "left out of time-based indicators and listed as abnormal",
        ),
    ),
    "completed_without_time": (
        Message("状态为办结但办结时间为空", "completed without a completion time"),
        _TIME_EFFECT,
    ),
    "unparsable_number": (
        Message(
            "天数无法识别（含 nan、inf 等非有限数）",
            "unreadable number of days (nan, inf and other non-finite numbers included)",
        ),
        Message("按空值处理，不计入用到它的指标", "read as empty; left out where it is needed"),
    ),
    "negative_days": (
        Message("天数为负", "negative number of days"),
        Message("不计入用到该天数的指标", "left out of the indicators that use it"),
    ),
    "unparsable_boolean": (
        Message("是/否值无法识别", "unreadable yes/no value"),
        Message("按空值（否）处理", "read as empty (no)"),
    ),
    "unknown_channel": (
        Message("办理渠道为空或无法识别", "empty or unknown channel"),
        Message("不计入网上受理率", "left out of the online acceptance rate"),
    ),
    "unknown_status": (
        Message("办件状态为空或无法识别", "empty or unknown status"),
        Message("不计为办结、在办或不予受理", "not counted as completed, open or refused"),
    ),
    "unknown_satisfaction": (
        Message("满意度评价无法识别", "unknown satisfaction grade"),
        Message("不计入窗口服务满意率", "left out of the satisfaction rate"),
    ),
    "missing_case_id": (
        Message("办件编号为空", "empty case_id"),
        Message("计入指标，但无法查重", "counted, but cannot be checked for duplicates"),
    ),
    "duplicate_case_id": (
        Message("办件编号重复", "duplicate case_id"),
        Message(
            "保留首次出现的一行，其余行不计入任何指标",
            "the first row is kept; the others are left out of every indicator",
        ),
    ),
}
