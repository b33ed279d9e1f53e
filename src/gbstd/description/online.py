"""Online service (GB/T 32168)."""

from gbstd.description.base import Choice, Count, Days, Facts, Rate, fact
from gbstd.description.service import DisclosureItem


class OnlineChannel(Choice):
    """Online interaction channels."""

    WEBSITE = "website"
    MOBILE_APP = "mobile_app"
    MINI_PROGRAM = "mini_program"
    HOTLINE = "hotline"
    SELF_SERVICE_TERMINAL = "self_service_terminal"


class EvaluationMode(Choice):
    """Ways online service is evaluated."""

    SELF = "self"
    THIRD_PARTY = "third_party"
    USER = "user"
    SUPERVISORY = "supervisory"


class OnlinePlatform(Choice):
    """Whose platform the centre's online service runs on."""

    OWN = "own"  # 中心自建网上服务平台（网上大厅）
    PROVINCIAL = "provincial"  # 依托省级（或其他上级）政务服务平台，没有自己的网上大厅
    NONE = "none"  # 没有网上服务平台


class Online(Facts):
    """网上服务 (GB/T 32168)."""

    restore_tests_per_year: Count | None = fact(
        "每年网上服务系统数据恢复测试次数", "restore tests of online-service data per year"
    )
    provided: bool | None = fact(
        "提供网上服务（网上大厅等）；false 时 GB/T 32168 不适用", "offers online services"
    )
    # Left out, every requirement about the centre's own platform applies, as before the field.
    platform: OnlinePlatform | None = fact(
        "网上服务平台：own 中心自建（网上大厅）、provincial 依托省级等上级政务服务平台"
        "（中心没有自己的网上大厅）、none 没有；provincial 时针对中心自建平台的要求"
        "（系统安全、日志、提醒、认证、网站功能等）不适用；不填则照常评估这些要求",
        "online platform: own (the centre's own online hall), provincial (served by the "
        "provincial or another higher-level platform, no hall of its own) or none; with "
        "provincial, requirements about the centre's own platform do not apply; left out, "
        "they are assessed as usual",
    )
    url: str | None = fact("网上大厅地址", "online hall address")
    responsible_unit: bool | None = fact(
        "明确网上服务管理机构或岗位及职责", "unit responsible for online services"
    )
    security_owner_named: bool | None = fact(
        "书面明确网上服务系统安全责任部门和责任人", "security owner of the online system named"
    )
    catalogue_published: bool | None = fact(
        "网上公开进驻事项目录（名称、部门、窗口）", "catalogue of matters online"
    )
    unified_entrance: bool | None = fact(
        "统一入口、分类导航、按名称检索", "single entrance, navigation and search"
    )
    all_matters_online: bool | None = fact(
        "全部进驻事项至少在网上公开指南", "every matter at least has its guide online"
    )
    consistent_with_counter: bool | None = fact(
        "网上与窗口条件、材料、流程、时限一致", "online and counter requirements identical"
    )
    guide_items: list[DisclosureItem] | None = fact(
        "网上办事指南要素", "items online guides disclose"
    )
    forms_with_examples: bool | None = fact(
        "表单有填写说明和样例", "forms have instructions and examples"
    )
    centre_info_published: bool | None = fact(
        "网上公开中心职能、地址、时间、窗口和联系方式", "centre information online"
    )
    results_published: bool | None = fact("网上公开办件结果", "results published online")
    update_days: Days | None = fact("网上信息更新承诺天数", "promised update time, days")
    updates_dated: bool | None = fact("页面标注更新日期", "pages show update dates")
    guides_updated_on_time: bool | None = fact(
        "事项调整后按承诺时限更新网上办事指南", "online guides updated within the promised time"
    )
    online_application: bool | None = fact("提供网上申请（填表、上传）", "online application")
    reply_days: Days | None = fact(
        "网上申请受理答复承诺时限（工作日）", "promised reply to online applications, working days"
    )
    replied_within_limit: bool | None = fact(
        "网上申请在承诺时限内答复", "online applications answered on time"
    )
    case_status_query: bool | None = fact("办件编号和状态可网上查询", "case status online")
    results_notified_online: bool | None = fact("办结结果网上告知", "results notified online")
    full_online_share: Rate | None = fact("全程网办事项占比", "share of matters fully online")
    on_time_rate_tracked: bool | None = fact(
        "统计网上办件按时办结情况", "online on-time rate tracked"
    )
    on_time_rate: Rate | None = fact("网上办件按时办结率", "online cases completed on time")
    channels: list[OnlineChannel] | None = fact("网上服务渠道", "online channels")
    channels_consistent: bool | None = fact("各渠道数据同源一致", "channels share one data source")
    consultation: bool | None = fact("网上咨询", "online consultation")
    complaints: bool | None = fact("网上投诉（可查询进度）", "online complaints with tracking")
    suggestions: bool | None = fact("网上意见建议", "online suggestions")
    interaction_reply_days: Days | None = fact(
        "咨询投诉建议答复承诺时限（工作日）", "promised reply to messages, working days"
    )
    interaction_replied_within_limit: bool | None = fact(
        "咨询投诉建议在承诺时限内答复", "messages answered on time"
    )
    faq_published: bool | None = fact("公开常见问题答复", "FAQ published")
    messages_tracked: bool | None = fact("留言逐件登记转办跟踪", "messages logged and tracked")
    classified_protection: bool | None = fact(
        "落实网络安全等级保护（定级、备案、测评、整改）", "classified cybersecurity protection"
    )
    backup_restore_tested: bool | None = fact("定期备份并每年恢复测试", "backups restored yearly")
    incident_plan: bool | None = fact("安全事件应急预案并演练", "security incident plan rehearsed")
    case_trail_recorded: bool | None = fact(
        "完整记录办件各环节时间和经办人", "every step of a case recorded"
    )
    operation_logs_kept: bool | None = fact("留存操作日志", "operation logs kept")
    deadline_reminders: bool | None = fact("临近时限自动提醒", "deadline reminders")
    overdue_alerts: bool | None = fact("超期警示推送督办", "overdue alerts to supervisors")
    ca_authentication: bool | None = fact("支持 CA 数字证书认证", "CA certificate login")
    e_signature: bool | None = fact("支持电子签名和电子签章", "e-signatures and e-seals")
    e_licences_issued: bool | None = fact("办结证照同步生成电子证照", "e-licences issued")
    e_licences_reused: bool | None = fact(
        "通过共享调取电子证照免提交", "e-licences reused by sharing"
    )
    scenario_guides: bool | None = fact("场景式引导服务", "scenario-based guidance")
    accessible_website: bool | None = fact("无障碍和适老化浏览", "accessible website")
    offline_assistance_published: bool | None = fact(
        "为老年人等提供帮办或线下渠道并公布", "assisted or offline alternatives published"
    )
    data_standards: bool | None = fact("采用统一数据标准，能与上下级交换", "common data standards")
    browser_and_mobile_support: bool | None = fact(
        "主流浏览器和移动端可用", "works on browsers and mobiles"
    )
    privacy_protected: bool | None = fact(
        "保护网上提交的个人信息", "personal data submitted online protected"
    )
    evaluation_modes: list[EvaluationMode] | None = fact("网上服务评价方式", "evaluation modes")
    evaluations_per_year: Count | None = fact("每年评价次数", "evaluations per year")
    rating_after_completion: bool | None = fact(
        "办结后提供在线评价入口", "online rating after completion"
    )
    evaluation_covers_all_areas: bool | None = fact(
        "评价覆盖公开、办理、互动、保障", "evaluation covers every area"
    )
    evaluation_report: bool | None = fact("形成书面评价报告", "written evaluation report")
    evaluation_results_published: bool | None = fact("网上公开评价结果", "results published online")
    improvement_tracked: bool | None = fact("整改措施明确责任期限并跟踪", "improvements tracked")
