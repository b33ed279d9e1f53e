"""Supervision, satisfaction, complaints, window evaluation and its indicators (GB/T 32169.3, .4)."""

from typing import Annotated

from pydantic import Field

from gbstd.description.base import Choice, Count, Day, Days, Facts, Rate, fact


class SupervisionForm(Choice):
    """Forms of supervision."""

    ON_SITE_INSPECTION = "on_site_inspection", "现场巡查"
    VIDEO_INSPECTION = "video_inspection", "视频巡查"
    MYSTERY_VISIT = "mystery_visit", "暗访"
    PUBLIC_SUPERVISORS = "public_supervisors", "社会监督员"
    ELECTRONIC_MONITORING = "electronic_monitoring", "电子监察"
    DEPUTY_REVIEW = "deputy_review", "人大代表、政协委员评议"


class RatedAspect(Choice):
    """What applicants are asked to rate."""

    ATTITUDE = "attitude", "服务态度"
    EFFICIENCY = "efficiency", "办事效率"
    OUTCOME = "outcome", "办理结果"
    ENVIRONMENT = "environment", "服务环境"


class RatingChannel(Choice):
    """How ratings are collected."""

    EVALUATION_DEVICE = "evaluation_device", "窗口评价器"
    QR_CODE = "qr_code", "扫码评价"
    CALLBACK = "callback", "回访"
    QUESTIONNAIRE = "questionnaire", "问卷调查"
    SMS = "sms", "短信评价"
    WEBSITE = "website", "网站评价"
    MOBILE_APP = "mobile_app", "移动应用（App）评价"
    HOTLINE = "hotline", "热线评价"


class ComplaintChannel(Choice):
    """How complaints arrive."""

    ON_SITE = "on_site", "现场投诉"
    PHONE = "phone", "电话投诉"
    LETTER = "letter", "信函投诉"
    ONLINE = "online", "网上投诉"
    OPINION_BOX = "opinion_box", "意见箱"


class Satisfaction(Facts):
    """满意度评价 (GB/T 32169.3 ch. 7; GB/T 39734): the devices, the channels and the coverage."""

    in_place: bool | None = fact(
        "开展服务对象满意度评价（好差评）",
        "applicants rate the service",
        note="答“否”则本节其余各题不必填写，均按“否”计",
        gate=True,
    )
    channels: list[RatingChannel] | None = fact(
        "评价渠道",
        "rating channels",
        note="逐项回答是否用该渠道收集服务对象的评价；窗口评价器即窗口前的评价设备",
    )
    collection_methods_documented: bool | None = fact(
        "写明各评价渠道的采集方法", "how each channel collects ratings is written down"
    )
    rated_aspects: list[RatedAspect] | None = fact("评价内容", "aspects rated")
    every_window: bool | None = fact("每个窗口都有即时评价手段", "every window can be rated")
    five_grade_scale: bool | None = fact("采用五级评价（非常满意…非常不满意）", "five-grade scale")
    rating_linked_to_case: bool | None = fact(
        "每条评价关联办件和窗口", "each rating linked to a case and window"
    )
    reasons_for_bad_ratings: bool | None = fact(
        "差评须选择或填写原因", "reasons asked for bad ratings"
    )
    analysis_per_year: Count | None = fact(
        "每年满意度统计分析报告数", "satisfaction analysis reports per year"
    )
    bad_ratings_classified: bool | None = fact(
        "差评逐条核实并区分有效、无效", "bad ratings verified and classed valid or invalid"
    )
    bad_rating_fix_days: Days | None = fact(
        "有效差评整改承诺时限（工作日）", "promised days to fix a valid bad rating"
    )
    used_in_appraisal: bool | None = fact("满意度评价结果纳入考核", "ratings count in appraisal")
    bad_ratings_followed_up: bool | None = fact(
        "不满意评价核实、整改并回访", "bad ratings verified, fixed and followed up"
    )
    rating_free_of_pressure: bool | None = fact(
        "评价由服务对象自主作出（无诱导代评）", "ratings free of pressure"
    )
    results_published: bool | None = fact("定期公开评价结果和整改情况", "results published")
    data_tamper_proof: bool | None = fact(
        "评价数据完整保存、防篡改并与办件系统对接", "rating data kept tamper-proof"
    )


class Complaints(Facts):
    """投诉处置 (GB/T 32169.1 ch. 7; GB/T 36113)."""

    channels: list[ComplaintChannel] | None = fact("投诉渠道", "complaint channels")
    channels_published: bool | None = fact("现场和网上公布投诉渠道", "channels published")
    handling_unit: bool | None = fact("明确投诉处置机构或岗位", "unit handling complaints")
    register_kept: bool | None = fact("投诉登记台账", "complaint register")
    electronic_register: bool | None = fact(
        "电子台账，可按窗口、事项、类型检索统计", "searchable electronic register"
    )
    out_of_scope_referred: bool | None = fact(
        "不属处置范围的告知理由和反映渠道", "out-of-scope complaints told why and where to go"
    )
    investigation_days: Days | None = fact(
        "调查承诺时限（工作日）", "promised investigation time, working days"
    )
    investigated_within_limit: bool | None = fact("在承诺时限内完成调查", "investigations on time")
    used_in_appraisal: bool | None = fact(
        "有效投诉纳入窗口和人员考核", "valid complaints count in appraisal"
    )
    response_days: Days | None = fact("承诺答复时限（工作日）", "promised reply time, working days")
    replied_within_limit: bool | None = fact("在承诺时限内反馈", "replies within the promised time")
    investigated_and_recorded: bool | None = fact("调查核实并形成记录", "investigations recorded")
    validity_decided: bool | None = fact("认定是否有效并书面处理", "validity decided in writing")
    complainant_protected: bool | None = fact("投诉人信息保密", "complainant's identity protected")
    conflict_of_interest_rule: bool | None = fact(
        "利害关系人员回避", "conflicted staff stand aside"
    )
    flowchart_published: bool | None = fact("公布投诉处置流程图", "handling flowchart published")
    follow_up_calls: bool | None = fact("回访投诉人", "complainants called back")
    archived: bool | None = fact("投诉资料完整归档", "complaint files archived")
    analysed_periodically: bool | None = fact("定期统计分析并提出改进措施", "complaints analysed")


class Supervision(Facts):
    """监督与评价 (GB/T 32169.1 ch. 7; GB/T 32169.3 ch. 7)."""

    forms: list[SupervisionForm] | None = fact("监督形式", "forms of supervision")
    inspections_recorded: bool | None = fact("督查结果有记录", "inspection results recorded")
    satisfaction: Satisfaction | None = fact("满意度评价（好差评）", "satisfaction ratings")
    complaints: Complaints | None = fact("投诉", "complaints")
    abnormal_cases_logged: bool | None = fact(
        "异常情况逐件登记建档并分析原因", "abnormal situations logged and analysed"
    )
    results_reported_to_departments: bool | None = fact(
        "监督评价结果通报进驻部门", "results reported to departments"
    )
    results_linked_to_rewards: bool | None = fact(
        "评价结果与评优奖惩挂钩", "results linked to awards and sanctions"
    )
    rectification_tracked: bool | None = fact(
        "问题明确整改责任人和期限并跟踪", "rectification owners, deadlines and follow-up"
    )
    site_checks_in_appraisal: bool | None = fact(
        "现场管理检查结果纳入考核", "site inspections count in appraisal"
    )


class WindowEvaluation(Facts):
    """窗口服务评价的组织与程序 (GB/T 32169.4 ch. 4, 5, 7, 8)."""

    responsible_unit: bool | None = fact(
        "明确承担评价的内设机构并规定职责", "unit responsible for evaluation"
    )
    method_cites_basis: bool | None = fact(
        "评价办法注明所依据的法规、政策或标准", "method names its legal or standard basis"
    )
    third_party: bool | None = fact("委托第三方评价（有协议）", "third party engaged by contract")
    evaluators_assigned: bool | None = fact("指定评价人员并明确职责", "evaluators assigned")
    evaluators_trained: bool | None = fact("评价人员接受过培训", "evaluators trained")
    conflict_of_interest_rule: bool | None = fact("评价人员回避规定", "evaluator recusal rule")
    based_on_records: bool | None = fact(
        "以办件、评价器、投诉台账等客观记录为依据", "based on objective records"
    )
    raw_data_retained: bool | None = fact("保留原始数据和计算过程", "raw data and workings kept")
    indicators_published_in_advance: bool | None = fact(
        "事先公开指标、计分方法和周期", "indicators and scoring published in advance"
    )
    results_published_internally: bool | None = fact(
        "内部公布每期结果", "results published internally"
    )
    objection_channel: bool | None = fact("设异议复核途径", "channel for objections")
    evaluations_per_year: Count | None = fact("每年评价次数", "evaluations per year")
    results_fed_back: bool | None = fact("结果反馈窗口和部门", "results fed back")
    indicator_definitions_documented: bool | None = fact(
        "评价办法写明指标口径、数据来源和周期", "indicator definitions documented"
    )
    satisfied_grades_defined: bool | None = fact(
        "写明满意度等级及计为满意的等级", "which grades count as satisfied"
    )
    abnormal_situations_defined: bool | None = fact(
        "列明计为异常办理的情形", "what counts as abnormal handling"
    )
    plan_written: bool | None = fact(
        "每次评价有书面方案（目的、范围、时段、方法、人员）", "written plan for each evaluation"
    )
    plan_approved: bool | None = fact("方案经中心负责人批准", "plan approved by the director")
    material_sources_listed: bool | None = fact("方案列明材料来源", "sources of material listed")
    sampling_documented: bool | None = fact("抽样方法和样本量事先写明", "sampling documented")
    materials_verified_and_archived: bool | None = fact(
        "评价材料核实并归档", "materials verified and archived"
    )
    data_analysis: bool | None = fact("资料分析形成基础数据", "data analysed first")
    quantitative_scoring: bool | None = fact(
        "按指标和权重定量打分并保留计分表", "quantitative scoring"
    )
    qualitative_review: bool | None = fact("结合检查、暗访、座谈定性考评", "qualitative review")
    report_written: bool | None = fact("形成书面评价报告", "written evaluation report")
    rectification_required: bool | None = fact("要求问题窗口限期整改", "rectification required")
    rectification_verified: bool | None = fact("下一周期验证整改效果", "rectification verified")
    results_used_in_appraisal: bool | None = fact(
        "结果用于考核和评先评优", "results used in appraisal"
    )
    annual_summary: bool | None = fact("每年总结评价工作", "yearly summary")
    summaries_per_year: Count | None = fact(
        "每年评价工作总结次数", "summaries of the evaluation work per year"
    )
    method_revised: bool | None = fact("根据总结修订评价办法", "method revised after summary")


class IndicatorName(Choice):
    """An indicator of GB/T 32169.4 ch. 6, by the name of its field in ``indicators``."""

    ENTRY_IMPLEMENTATION_RATE = "entry_implementation_rate", "事项进驻落实率"
    AUTHORISATION_EXECUTION_RATE = "authorisation_execution_rate", "窗口授权执行率"
    SPEED_UP_RATE = "speed_up_rate", "办理提速率"
    ON_THE_SPOT_RATE = "on_the_spot_rate", "现场办结率"
    JOINT_HANDLING_RATE = "joint_handling_rate", "联办率"
    ONLINE_ACCEPTANCE_RATE = "online_acceptance_rate", "网上受理率"
    SATISFACTION_RATE = "satisfaction_rate", "窗口服务满意率"
    ABNORMAL_CASES = "abnormal_cases", "异常办理件数"
    COMPLAINT_RATE = "complaint_rate", "投诉率"
    COMPLAINT_SATISFACTION_RATE = "complaint_satisfaction_rate", "投诉处理满意率"


class Indicators(Facts):
    """Window-service indicators for one period (GB/T 32169.4 ch. 6; toolkit formulas)."""

    period_start: Day | None = fact("统计期起", "period start")
    period_end: Day | None = fact("统计期止", "period end")
    source: str | None = fact(
        "指标来源",
        "source",
        note="填 self_reported（自报）或 computed（由 gbstd kpi 计算）",
    )
    entry_implementation_rate: Rate | None = fact("事项进驻落实率", "matters-entered rate")
    authorisation_execution_rate: Rate | None = fact("窗口授权执行率", "window authorisation rate")
    speed_up_rate: Annotated[float, Field(ge=-10, le=1)] | None = fact(
        "办理提速率", "speed-up rate"
    )
    on_the_spot_rate: Rate | None = fact("现场办结率", "on-the-spot completion rate")
    joint_handling_rate: Rate | None = fact("联办率", "joint handling rate")
    online_acceptance_rate: Rate | None = fact("网上受理率", "online acceptance rate")
    satisfaction_rate: Rate | None = fact("窗口服务满意率", "window satisfaction rate")
    abnormal_cases: Count | None = fact("异常办理件数", "abnormal cases")
    complaint_rate: Rate | None = fact("投诉率", "complaint rate")
    complaint_satisfaction_rate: Rate | None = fact("投诉处理满意率", "complaint satisfaction rate")
    on_time_rate: Rate | None = fact(
        "按承诺时限办结率（工具补充指标）", "completed within the promised time"
    )
    counts_retained: bool | None = fact(
        "各指标的分子分母数据已保留", "numerators and denominators kept"
    )
    computed: list[IndicatorName] | None = fact(
        "本统计期计算了的指标",
        "indicators computed for the period (an empty list: none)",
        note="全部为“否”表示一项也未计算；全部留空表示未说明",
    )
    counts_kept: list[IndicatorName] | None = fact(
        "保留了分子分母数据的指标", "indicators whose numerator and denominator are kept"
    )
