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
        "写明各评价渠道的采集方法",
        "how each channel collects ratings is written down",
        note="评价办法写明每个评价渠道在何时、以何种方式采集评价的填“是”",
    )
    rated_aspects: list[RatedAspect] | None = fact(
        "评价内容",
        "aspects rated",
        note="逐项回答是否请服务对象对该方面作出评价，以评价器或问卷的选项为准",
    )
    every_window: bool | None = fact(
        "每个窗口都有即时评价手段",
        "every window can be rated",
        note="每个窗口都配有评价器、评价二维码等当场评价手段的填“是”，以现场核查为准",
    )
    five_grade_scale: bool | None = fact(
        "采用五级评价（非常满意…非常不满意）",
        "five-grade scale",
        note="各渠道都分五个等级（从非常满意到非常不满意）评价的填“是”",
    )
    rating_linked_to_case: bool | None = fact(
        "每条评价关联办件和窗口",
        "each rating linked to a case and window",
        note="每条评价都能对应到具体办件和窗口（或人员）的填“是”，以评价系统数据为准",
    )
    reasons_for_bad_ratings: bool | None = fact(
        "差评须选择或填写原因",
        "reasons asked for bad ratings",
        note="给出不满意评价时，要求选择或填写原因的填“是”",
    )
    analysis_per_year: Count | None = fact(
        "每年满意度统计分析报告数",
        "satisfaction analysis reports per year",
        note="填最近12个月形成的满意度统计分析报告份数，例：按季度分析填4",
    )
    bad_ratings_classified: bool | None = fact(
        "差评逐条核实并区分有效、无效",
        "bad ratings verified and classed valid or invalid",
        note="每条差评都核实并判定有效或无效的填“是”，以差评处理台账为准",
    )
    bad_rating_fix_days: Days | None = fact(
        "有效差评整改承诺时限（工作日）",
        "promised days to fix a valid bad rating",
        note="对外承诺有效差评在几个工作日内整改，例：5",
    )
    used_in_appraisal: bool | None = fact(
        "满意度评价结果纳入考核",
        "ratings count in appraisal",
        note="满意度评价结果计入窗口和人员考核的填“是”，以考核办法和考核表为准",
    )
    bad_ratings_followed_up: bool | None = fact(
        "不满意评价核实、整改并回访",
        "bad ratings verified, fixed and followed up",
        note="不满意评价核实原因、整改后回访评价人的填“是”，以回访记录为准",
    )
    rating_free_of_pressure: bool | None = fact(
        "评价由服务对象自主作出（无诱导代评）",
        "ratings free of pressure",
        note="评价由服务对象自己作出，没有诱导、强迫或代评的填“是”，以督查或暗访为准",
    )
    results_published: bool | None = fact(
        "定期公开评价结果和整改情况",
        "results published",
        note="定期公开评价结果和差评整改情况的填“是”，例：每季度在大厅公示",
    )
    data_tamper_proof: bool | None = fact(
        "评价数据完整保存、防篡改并与办件系统对接",
        "rating data kept tamper-proof",
        note="评价数据完整保存、不能被删改，并与办件系统对接的填“是”",
    )


class Complaints(Facts):
    """投诉处置 (GB/T 32169.1 ch. 7; GB/T 36113)."""

    channels: list[ComplaintChannel] | None = fact(
        "投诉渠道", "complaint channels", note="逐项回答是否通过该渠道接收投诉"
    )
    channels_published: bool | None = fact(
        "现场和网上公布投诉渠道",
        "channels published",
        note="在服务现场和网上都公布了投诉方式和渠道的填“是”，例：公示栏和网站公布投诉电话",
    )
    handling_unit: bool | None = fact(
        "明确投诉处置机构或岗位",
        "unit handling complaints",
        note="有文件明确由哪个科室或岗位负责投诉处置的填“是”，以该文件为准",
    )
    register_kept: bool | None = fact(
        "投诉登记台账",
        "complaint register",
        note="每件投诉都登记在台账上的填“是”，纸质或电子台账均可",
    )
    electronic_register: bool | None = fact(
        "电子台账，可按窗口、事项、类型检索统计",
        "searchable electronic register",
        note="投诉台账为电子台账，可按窗口、事项、投诉类型检索统计的填“是”",
    )
    out_of_scope_referred: bool | None = fact(
        "不属处置范围的告知理由和反映渠道",
        "out-of-scope complaints told why and where to go",
        note="不归中心处置的投诉，告知投诉人理由和应向何处反映的填“是”",
    )
    investigation_days: Days | None = fact(
        "调查承诺时限（工作日）",
        "promised investigation time, working days",
        note="对外承诺的投诉调查期限，按工作日填，例：5",
    )
    investigated_within_limit: bool | None = fact(
        "在承诺时限内完成调查",
        "investigations on time",
        note="近一年的投诉都在承诺时限内完成调查的填“是”，以投诉台账为准",
    )
    used_in_appraisal: bool | None = fact(
        "有效投诉纳入窗口和人员考核",
        "valid complaints count in appraisal",
        note="有效投诉计入被投诉窗口和人员考核的填“是”，以考核表为准",
    )
    response_days: Days | None = fact(
        "承诺答复时限（工作日）",
        "promised reply time, working days",
        note="对外承诺的投诉处理结果答复期限，按工作日填，例：10",
    )
    replied_within_limit: bool | None = fact(
        "在承诺时限内反馈",
        "replies within the promised time",
        note="近一年的投诉都在承诺时限内答复投诉人的填“是”，以投诉台账为准",
    )
    investigated_and_recorded: bool | None = fact(
        "调查核实并形成记录",
        "investigations recorded",
        note="受理的投诉都经调查核实并形成调查记录的填“是”，例：调查笔录、核查记录",
    )
    validity_decided: bool | None = fact(
        "认定是否有效并书面处理",
        "validity decided in writing",
        note="每件投诉调查后都认定有效或无效，并出具书面处理意见的填“是”",
    )
    complainant_protected: bool | None = fact(
        "投诉人信息保密",
        "complainant's identity protected",
        note="有投诉人信息保密规定并执行的填“是”，例：台账限专人查阅",
    )
    conflict_of_interest_rule: bool | None = fact(
        "利害关系人员回避",
        "conflicted staff stand aside",
        note="有规定与投诉有利害关系的人员回避处置的填“是”，以制度文件为准",
    )
    flowchart_published: bool | None = fact(
        "公布投诉处置流程图",
        "handling flowchart published",
        note="在服务现场或网上公布投诉处置流程图的填“是”",
    )
    follow_up_calls: bool | None = fact(
        "回访投诉人",
        "complainants called back",
        note="处理完毕后回访投诉人、了解是否满意的填“是”，以回访记录为准",
    )
    archived: bool | None = fact(
        "投诉资料完整归档",
        "complaint files archived",
        note="投诉的登记、调查、处理、反馈资料按件完整归档的填“是”，以投诉档案为准",
    )
    analysed_periodically: bool | None = fact(
        "定期统计分析并提出改进措施",
        "complaints analysed",
        note="定期统计分析投诉并提出改进措施的填“是”，例：季度投诉分析报告",
    )


class Supervision(Facts):
    """监督与评价 (GB/T 32169.1 ch. 7; GB/T 32169.3 ch. 7)."""

    forms: list[SupervisionForm] | None = fact(
        "监督形式",
        "forms of supervision",
        note="逐项回答近一年是否采用过该监督形式，以督查记录为准",
    )
    inspections_recorded: bool | None = fact(
        "督查结果有记录",
        "inspection results recorded",
        note="现场或视频督查发现的问题和处理都有书面记录的填“是”，例：督查台账",
    )
    satisfaction: Satisfaction | None = fact(
        "满意度评价（好差评）",
        "satisfaction ratings",
        note="服务对象评价的开展情况：评价器等渠道、覆盖的窗口和差评处理，以评价系统和台账为准",
    )
    complaints: Complaints | None = fact(
        "投诉", "complaints", note="投诉的渠道、登记、调查、答复、回访和归档，以投诉台账为准"
    )
    abnormal_cases_logged: bool | None = fact(
        "异常情况逐件登记建档并分析原因",
        "abnormal situations logged and analysed",
        note="超期、体外循环等异常情况逐件登记原因、责任窗口和处理结果的填“是”",
    )
    results_reported_to_departments: bool | None = fact(
        "监督评价结果通报进驻部门",
        "results reported to departments",
        note="监督评价结果书面通报给进驻部门的填“是”，例：月度督查通报",
    )
    results_linked_to_rewards: bool | None = fact(
        "评价结果与评优奖惩挂钩",
        "results linked to awards and sanctions",
        note="监督评价结果用于评优评先和奖惩的填“是”，以考核或奖惩文件为准",
    )
    rectification_tracked: bool | None = fact(
        "问题明确整改责任人和期限并跟踪",
        "rectification owners, deadlines and follow-up",
        note="发现的问题都明确整改责任人和期限并跟踪到完成的填“是”，例：整改台账",
    )
    site_checks_in_appraisal: bool | None = fact(
        "现场管理检查结果纳入考核",
        "site inspections count in appraisal",
        note="现场管理检查结果计入窗口和人员考核的填“是”，以考核表为准",
    )


class WindowEvaluation(Facts):
    """窗口服务评价的组织与程序 (GB/T 32169.4 ch. 4, 5, 7, 8)."""

    in_place: bool | None = fact(
        "开展窗口服务评价",
        "window service is evaluated",
        note="中心按书面办法定期评价各窗口的服务；答“否”则本节其余各题不必填写，均按“否”计",
        gate=True,
    )
    responsible_unit: bool | None = fact(
        "明确承担评价的内设机构并规定职责",
        "unit responsible for evaluation",
        note="有文件明确由哪个内设机构承担窗口服务评价、写明其职责的填“是”",
    )
    method_cites_basis: bool | None = fact(
        "评价办法注明所依据的法规、政策或标准",
        "method names its legal or standard basis",
        note="评价办法中写明所依据的法规、政策或标准的填“是”，以印发的办法为准",
    )
    third_party: bool | None = fact(
        "委托第三方评价（有协议）",
        "third party engaged by contract",
        note="委托第三方机构参与评价并签有协议的填“是”，以协议为准",
    )
    evaluators_assigned: bool | None = fact(
        "指定评价人员并明确职责",
        "evaluators assigned",
        note="指定了评价人员并写明各自职责的填“是”，例：评价工作组名单",
    )
    evaluators_trained: bool | None = fact(
        "评价人员接受过培训",
        "evaluators trained",
        note="评价人员参加过评价工作培训的填“是”，以培训记录为准",
    )
    conflict_of_interest_rule: bool | None = fact(
        "评价人员回避规定",
        "evaluator recusal rule",
        note="有评价人员与被评窗口有利害关系时回避的规定的填“是”",
    )
    based_on_records: bool | None = fact(
        "以办件、评价器、投诉台账等客观记录为依据",
        "based on objective records",
        note="评价以办件系统、评价器、投诉台账等客观记录为依据的填“是”",
    )
    raw_data_retained: bool | None = fact(
        "保留原始数据和计算过程",
        "raw data and workings kept",
        note="保留评价原始数据和计算过程、每个得分都能追溯核对的填“是”",
    )
    indicators_published_in_advance: bool | None = fact(
        "事先公开指标、计分方法和周期",
        "indicators and scoring published in advance",
        note="评价开始前向窗口和部门公开指标、计分方法和周期的填“是”",
    )
    results_published_internally: bool | None = fact(
        "内部公布每期结果",
        "results published internally",
        note="每期评价结果都在中心内部公布的填“是”，例：内网通报、公示栏",
    )
    objection_channel: bool | None = fact(
        "设异议复核途径",
        "channel for objections",
        note="窗口或部门对评价结果有异议时可申请复核的填“是”，以评价办法为准",
    )
    evaluations_per_year: Count | None = fact(
        "每年评价次数",
        "evaluations per year",
        note="填最近12个月开展窗口服务评价的次数，例：按季度评价填4",
    )
    results_fed_back: bool | None = fact(
        "结果反馈窗口和部门",
        "results fed back",
        note="评价结果书面反馈给被评价窗口及其进驻部门的填“是”，例：评价结果通报",
    )
    indicator_definitions_documented: bool | None = fact(
        "评价办法写明指标口径、数据来源和周期",
        "indicator definitions documented",
        note="评价办法写明各指标的计算口径、数据来源和统计周期的填“是”",
    )
    satisfied_grades_defined: bool | None = fact(
        "写明满意度等级及计为满意的等级",
        "which grades count as satisfied",
        note="评价办法写明满意度分几级、哪几级计为满意的填“是”",
    )
    abnormal_situations_defined: bool | None = fact(
        "列明计为异常办理的情形",
        "what counts as abnormal handling",
        note="评价办法列明哪些情形计为异常办理（如超期、体外循环）的填“是”",
    )
    plan_written: bool | None = fact(
        "每次评价有书面方案（目的、范围、时段、方法、人员）",
        "written plan for each evaluation",
        note="每次评价都有写明目的、范围、时段、方法和人员的书面方案的填“是”",
    )
    plan_approved: bool | None = fact(
        "方案经中心负责人批准",
        "plan approved by the director",
        note="评价方案经中心负责人签批的填“是”，以签批件为准",
    )
    material_sources_listed: bool | None = fact(
        "方案列明材料来源",
        "sources of material listed",
        note="评价方案列明材料取自哪些系统或台账的填“是”",
    )
    sampling_documented: bool | None = fact(
        "抽样方法和样本量事先写明",
        "sampling documented",
        note="抽样评价时事先写明抽样方法和样本量、并留有抽样记录的填“是”",
    )
    materials_verified_and_archived: bool | None = fact(
        "评价材料核实并归档",
        "materials verified and archived",
        note="评价所用材料经核实无误并归档保存的填“是”，以评价档案为准",
    )
    data_analysis: bool | None = fact(
        "资料分析形成基础数据",
        "data analysed first",
        note="打分前先整理分析材料、形成各指标基础数据的填“是”",
    )
    quantitative_scoring: bool | None = fact(
        "按指标和权重定量打分并保留计分表",
        "quantitative scoring",
        note="按指标和权重定量打分并保留计分表的填“是”，以计分表为准",
    )
    qualitative_review: bool | None = fact(
        "结合检查、暗访、座谈定性考评",
        "qualitative review",
        note="定量打分之外还结合检查、暗访或座谈作定性考评的填“是”",
    )
    report_written: bool | None = fact(
        "形成书面评价报告",
        "written evaluation report",
        note="每次评价都形成书面评价报告的填“是”，例：季度窗口服务评价报告",
    )
    rectification_required: bool | None = fact(
        "要求问题窗口限期整改",
        "rectification required",
        note="书面要求评价发现问题的窗口限期整改的填“是”，以整改通知为准",
    )
    rectification_verified: bool | None = fact(
        "下一周期验证整改效果",
        "rectification verified",
        note="在下一评价周期核验上期问题的整改效果的填“是”，以核验记录为准",
    )
    results_used_in_appraisal: bool | None = fact(
        "结果用于考核和评先评优",
        "results used in appraisal",
        note="评价结果用于窗口和人员考核及评先评优的填“是”",
    )
    annual_summary: bool | None = fact(
        "每年总结评价工作",
        "yearly summary",
        note="最近12个月对评价工作做过书面总结的填“是”，例：年度评价工作总结",
    )
    summaries_per_year: Count | None = fact(
        "每年评价工作总结次数",
        "summaries of the evaluation work per year",
        note="填最近12个月评价工作总结的份数，例：1",
    )
    method_revised: bool | None = fact(
        "根据总结修订评价办法",
        "method revised after summary",
        note="根据总结修订过评价办法或指标的填“是”，以修订后的文件为准",
    )


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


class IndicatorSource(Choice):
    """Where a period's indicators come from."""

    SELF_REPORTED = "self_reported", "自报"
    COMPUTED = "computed", "由 gbstd kpi 计算"


class Indicators(Facts):
    """Window-service indicators for one period (GB/T 32169.4 ch. 6; toolkit formulas)."""

    period_start: Day | None = fact(
        "统计期起", "period start", note="本组指标统计期的第一天，格式 YYYY-MM-DD，例：2024-01-01"
    )
    period_end: Day | None = fact(
        "统计期止",
        "period end",
        note="统计期的最后一天，格式 YYYY-MM-DD，例：2024-12-31；不早于统计期起",
    )
    source: IndicatorSource | None = fact(
        "指标来源",
        "source",
        note="中心自己统计的选“自报”；由 gbstd kpi 从办件记录算出的选“由 gbstd kpi 计算”",
    )
    entry_implementation_rate: Rate | None = fact(
        "事项进驻落实率",
        "matters-entered rate",
        note="按gbstd口径，应进驻且已进驻事项数÷应进驻事项数，填0到1的小数，例：0.95",
    )
    authorisation_execution_rate: Rate | None = fact(
        "窗口授权执行率",
        "window authorisation rate",
        note="按gbstd口径，窗口在授权内自行决定的件数÷获授权决定的件数，填0到1的小数，例：0.9",
    )
    speed_up_rate: Annotated[float, Field(ge=-10, le=1)] | None = fact(
        "办理提速率",
        "speed-up rate",
        note="按gbstd口径，各件（法定−实际工作日）÷法定工作日的平均值，填小数，可为负，例：0.6",
    )
    on_the_spot_rate: Rate | None = fact(
        "现场办结率",
        "on-the-spot completion rate",
        note="按gbstd口径，当场办结件数÷受理件数（不含不予受理），填0到1的小数，例：0.4",
    )
    joint_handling_rate: Rate | None = fact(
        "联办率",
        "joint handling rate",
        note="按gbstd口径，多部门联合办理件数÷需多部门办理件数，填0到1的小数，例：0.8",
    )
    online_acceptance_rate: Rate | None = fact(
        "网上受理率",
        "online acceptance rate",
        note="按gbstd口径，网上受理件数÷受理件数，填0到1的小数，例：0.3 表示30%",
    )
    satisfaction_rate: Rate | None = fact(
        "窗口服务满意率",
        "window satisfaction rate",
        note="按gbstd口径，评为满意等级的件数÷有效评价件数，填0到1的小数，例：0.98",
    )
    abnormal_cases: Count | None = fact(
        "异常办理件数",
        "abnormal cases",
        note="统计期内超期、体外循环等异常办理的件数，例：3；没有填0",
    )
    complaint_rate: Rate | None = fact(
        "投诉率",
        "complaint rate",
        note="按gbstd口径，有效投诉件数÷受理件数，填0到1的小数，例：0.001",
    )
    complaint_satisfaction_rate: Rate | None = fact(
        "投诉处理满意率",
        "complaint satisfaction rate",
        note="按gbstd口径，投诉人认可处理结果的件数÷已处理有效投诉数，填0到1的小数，例：0.9",
    )
    on_time_rate: Rate | None = fact(
        "按承诺时限办结率（工具补充指标）",
        "completed within the promised time",
        note="按gbstd口径，未超承诺和法定时限的办结件数÷有时限的办结件数，填0到1的小数，例：0.98",
    )
    counts_retained: bool | None = fact(
        "各指标的分子分母数据已保留",
        "numerators and denominators kept",
        note="各指标的分子、分母原始件数都保存可查的填“是”，例：统计台账",
    )
    computed: list[IndicatorName] | None = fact(
        "本统计期计算了的指标",
        "indicators computed for the period (an empty list: none)",
        note="全部为“否”表示一项也未计算；全部留空表示未说明",
    )
    counts_kept: list[IndicatorName] | None = fact(
        "保留了分子分母数据的指标",
        "indicators whose numerator and denominator are kept",
        note="逐项回答该指标的分子、分母件数是否保存可查，例：统计台账中有受理件数",
    )
