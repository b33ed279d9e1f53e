"""Online service (GB/T 32168)."""

from gbstd.description.base import Choice, Count, Days, Facts, Rate, fact
from gbstd.description.service import DisclosureItem


class OnlineChannel(Choice):
    """Online interaction channels."""

    WEBSITE = "website", "网站"
    MOBILE_APP = "mobile_app", "移动应用（App）"
    MINI_PROGRAM = "mini_program", "小程序"
    HOTLINE = "hotline", "服务热线"
    SELF_SERVICE_TERMINAL = "self_service_terminal", "自助终端"


class EvaluationMode(Choice):
    """Ways online service is evaluated."""

    SELF = "self", "自我评价"
    THIRD_PARTY = "third_party", "第三方评价"
    USER = "user", "服务对象评价"
    SUPERVISORY = "supervisory", "上级或监督部门评价"


class OnlinePlatform(Choice):
    """Whose platform the centre's online service runs on."""

    OWN = "own", "中心自建网上服务平台（网上大厅）"
    PROVINCIAL = "provincial", "依托省级（或其他上级）政务服务平台，没有自己的网上大厅"
    NONE = "none", "没有网上服务平台"


class Online(Facts):
    """网上服务 (GB/T 32168)."""

    restore_tests_per_year: Count | None = fact(
        "每年网上服务系统数据恢复测试次数",
        "restore tests of online-service data per year",
        note="填最近12个月从备份实际恢复数据做测试的次数，以测试记录为准，例：1",
    )
    provided: bool | None = fact(
        "提供网上服务（网上大厅等）",
        "offers online services",
        note="本中心的事项能在网上（自建大厅，或上级平台上本中心的页面）查询或办理的填“是”；选“否”时网上服务标准整体不适用",
    )
    # Left out, every requirement about the centre's own platform applies, as before the field.
    platform: OnlinePlatform | None = fact(
        "网上服务平台",
        "online platform: own (the centre's own online hall), provincial (served by the "
        "provincial or another higher-level platform, no hall of its own) or none; with "
        "provincial, requirements about the centre's own platform do not apply; left out, "
        "they are assessed as usual",
        note="选依托省级（provincial）时，针对中心自建平台的要求（系统安全、日志、提醒、认证、网站功能等）不适用；不填照常评估",
    )
    url: str | None = fact(
        "网上大厅地址",
        "online hall address",
        note="网上大厅或中心办事页面的网址，例：https://zwfw.example.gov.cn",
    )
    responsible_unit: bool | None = fact(
        "明确网上服务管理机构或岗位及职责",
        "unit responsible for online services",
        note="有文件明确由哪个科室或岗位负责网上服务的运行、更新和答复",
    )
    security_owner_named: bool | None = fact(
        "书面明确网上服务系统安全责任部门和责任人",
        "security owner of the online system named",
        note="有文件写明网上服务系统安全的责任部门和具体责任人",
    )
    catalogue_published: bool | None = fact(
        "网上公开进驻事项目录（名称、部门、窗口）",
        "catalogue of matters online",
        note="网上能查到全部进驻事项目录，列出事项名称、所属部门和办理窗口",
    )
    unified_entrance: bool | None = fact(
        "统一入口、分类导航、按名称检索",
        "single entrance, navigation and search",
        note="网上大厅有统一入口，事项按主题或部门分类导航，并能按名称搜索",
    )
    all_matters_online: bool | None = fact(
        "全部进驻事项至少在网上公开指南",
        "every matter at least has its guide online",
        note="每个进驻事项至少能在网上查到办事指南，以对照事项目录逐项核对为准",
    )
    consistent_with_counter: bool | None = fact(
        "网上与窗口条件、材料、流程、时限一致",
        "online and counter requirements identical",
        note="同一事项网上与窗口的条件、材料、流程、时限相同，以抽查对比为准",
    )
    guide_items: list[DisclosureItem] | None = fact(
        "网上办事指南要素",
        "items online guides disclose",
        note="逐项回答网上办事指南是否写明该要素，以抽查几个事项的网上指南为准",
    )
    forms_with_examples: bool | None = fact(
        "表单有填写说明和样例",
        "forms have instructions and examples",
        note="网上申请表单附有填写说明和填好的样例，例：表单旁的“填写示例”",
    )
    centre_info_published: bool | None = fact(
        "网上公开中心职能、地址、时间、窗口和联系方式",
        "centre information online",
        note="网上公开中心的职能、地址、办公时间、窗口分布和联系电话",
    )
    results_published: bool | None = fact(
        "网上公开办件结果",
        "results published online",
        note="可公开的办件结果在网上公布，例：网站“办件公示”栏目",
    )
    update_days: Days | None = fact(
        "网上信息更新承诺天数",
        "promised update time, days",
        note="中心公布的网上信息更新承诺天数，例：5；没有承诺的留空",
    )
    updates_dated: bool | None = fact(
        "页面标注更新日期",
        "pages show update dates",
        note="网上办事指南等页面显示最近更新日期，例：“更新时间：2024-05-10”",
    )
    guides_updated_on_time: bool | None = fact(
        "事项调整后按承诺时限更新网上办事指南",
        "online guides updated within the promised time",
        note="最近12个月事项调整后，网上办事指南都在承诺天数内更新，以更新记录为准",
    )
    online_application: bool | None = fact(
        "提供网上申请（填表、上传）",
        "online application",
        note="群众可在网上填表、上传材料提交申请或预审",
    )
    reply_days: Days | None = fact(
        "网上申请受理答复承诺时限（工作日）",
        "promised reply to online applications, working days",
        note="承诺收到网上申请后几个工作日内答复是否受理，例：2",
    )
    replied_within_limit: bool | None = fact(
        "网上申请在承诺时限内答复",
        "online applications answered on time",
        note="最近12个月网上申请都在承诺时限内答复，以系统记录为准；有超时的填“否”",
    )
    case_status_query: bool | None = fact(
        "办件编号和状态可网上查询",
        "case status online",
        note="群众凭办件编号能在网上查到办理到哪一步",
    )
    results_notified_online: bool | None = fact(
        "办结结果网上告知",
        "results notified online",
        note="办结后通过网站、短信或 App 告知办理结果",
    )
    full_online_share: Rate | None = fact(
        "全程网办事项占比",
        "share of matters fully online",
        note="全程网上办理、不用到现场的事项数占进驻事项数的比例，填0到1的小数，例：0.6",
    )
    on_time_rate_tracked: bool | None = fact(
        "统计网上办件按时办结情况",
        "online on-time rate tracked",
        note="定期统计网上办件中按时办结的比例，以统计报表为准",
    )
    on_time_rate: Rate | None = fact(
        "网上办件按时办结率",
        "online cases completed on time",
        note="最近12个月网上办件按时办结的比例，填0到1的小数，例：0.98 表示98%",
    )
    channels: list[OnlineChannel] | None = fact(
        "网上服务渠道", "online channels", note="逐项回答群众能否通过该渠道查询或办理事项"
    )
    channels_consistent: bool | None = fact(
        "各渠道数据同源一致",
        "channels share one data source",
        note="网站、App、小程序等渠道的事项信息和办件数据来自同一系统，内容一致",
    )
    consultation: bool | None = fact(
        "网上咨询",
        "online consultation",
        note="网上设有咨询入口（留言、在线客服等），群众提问能得到答复",
    )
    complaints: bool | None = fact(
        "网上投诉（可查询进度）",
        "online complaints with tracking",
        note="网上可以提交投诉，投诉人能查到处理进度",
    )
    suggestions: bool | None = fact(
        "网上意见建议", "online suggestions", note="网上设有意见建议入口，例：网站“我要建议”栏目"
    )
    interaction_reply_days: Days | None = fact(
        "咨询投诉建议答复承诺时限（工作日）",
        "promised reply to messages, working days",
        note="承诺对网上咨询、投诉、建议几个工作日内答复，例：3",
    )
    interaction_replied_within_limit: bool | None = fact(
        "咨询投诉建议在承诺时限内答复",
        "messages answered on time",
        note="最近12个月网上咨询投诉建议都在承诺时限内答复，以留言办理记录为准",
    )
    faq_published: bool | None = fact(
        "公开常见问题答复", "FAQ published", note="把带普遍性的咨询答复整理成常见问题在网上公开"
    )
    messages_tracked: bool | None = fact(
        "留言逐件登记转办跟踪",
        "messages logged and tracked",
        note="每条网上留言都登记、转办到责任部门并跟踪到答复，以留言台账为准",
    )
    classified_protection: bool | None = fact(
        "落实网络安全等级保护（定级、备案、测评、整改）",
        "classified cybersecurity protection",
        note="网上服务系统已定级、备案并做过等级测评，问题已整改，以备案证明和测评报告为准",
    )
    incident_plan: bool | None = fact(
        "安全事件应急预案并演练",
        "security incident plan rehearsed",
        note="有系统被攻击、数据泄露、宕机等安全事件的应急预案，并组织过演练",
    )
    case_trail_recorded: bool | None = fact(
        "完整记录办件各环节时间和经办人",
        "every step of a case recorded",
        note="系统记录每个办件各环节的办理时间和经办人，可随时调出",
    )
    operation_logs_kept: bool | None = fact(
        "留存操作日志",
        "operation logs kept",
        note="系统保存用户和工作人员的操作日志，可追溯谁在何时做了什么",
    )
    deadline_reminders: bool | None = fact(
        "临近时限自动提醒", "deadline reminders", note="办件临近办理时限时，系统自动提醒经办人"
    )
    overdue_alerts: bool | None = fact(
        "超期警示推送督办",
        "overdue alerts to supervisors",
        note="办件超期时，系统自动警示并推送给督查或分管人员督办",
    )
    ca_authentication: bool | None = fact(
        "支持 CA 数字证书认证",
        "CA certificate login",
        note="群众或企业可用 CA 数字证书登录和办事，例：企业用 U 盾登录",
    )
    e_signature: bool | None = fact(
        "支持电子签名和电子签章",
        "e-signatures and e-seals",
        note="网上申请和审批文书支持电子签名、电子印章",
    )
    e_licences_issued: bool | None = fact(
        "办结证照同步生成电子证照",
        "e-licences issued",
        note="证照办结时同时生成电子证照，例：营业执照电子版",
    )
    e_licences_reused: bool | None = fact(
        "通过共享调取电子证照免提交",
        "e-licences reused by sharing",
        note="已有电子证照的材料通过共享调取，不再要求群众另交纸质件",
    )
    scenario_guides: bool | None = fact(
        "场景式引导服务",
        "scenario-based guidance",
        note="按“我要开餐馆”等办事场景引导群众一次办齐相关事项",
    )
    accessible_website: bool | None = fact(
        "无障碍和适老化浏览",
        "accessible website",
        note="网上大厅有无障碍浏览和适老化模式，例：大字版、读屏、语音",
    )
    offline_assistance_published: bool | None = fact(
        "为老年人等提供帮办或线下渠道并公布",
        "assisted or offline alternatives published",
        note="网上公布了为老年人、残疾人等提供的帮办代办或线下办理渠道",
    )
    data_standards: bool | None = fact(
        "采用统一数据标准，能与上下级交换",
        "common data standards",
        note="网上服务数据采用统一数据标准，能与上级平台和其他系统交换",
    )
    browser_and_mobile_support: bool | None = fact(
        "主流浏览器和移动端可用",
        "works on browsers and mobiles",
        note="用主流浏览器和手机都能正常打开和办理，以实际试用为准",
    )
    privacy_protected: bool | None = fact(
        "保护网上提交的个人信息",
        "personal data submitted online protected",
        note="对网上提交的个人信息和商业秘密有保护措施，例：加密传输、权限控制、脱敏显示",
    )
    evaluation_modes: list[EvaluationMode] | None = fact(
        "网上服务评价方式",
        "evaluation modes",
        note="逐项回答是否用该方式评价网上服务，以评价记录或报告为准",
    )
    evaluations_per_year: Count | None = fact(
        "每年评价次数", "evaluations per year", note="填最近12个月对网上服务开展评价的次数，例：1"
    )
    rating_after_completion: bool | None = fact(
        "办结后提供在线评价入口",
        "online rating after completion",
        note="网上办件办结后群众可在线评价，例：办结短信附评价链接",
    )
    evaluation_covers_all_areas: bool | None = fact(
        "评价覆盖公开、办理、互动、保障",
        "evaluation covers every area",
        note="评价内容包括信息公开、网上办理、互动答复和系统保障四个方面",
    )
    evaluation_report: bool | None = fact(
        "形成书面评价报告", "written evaluation report", note="每次评价形成书面报告，列出发现的问题"
    )
    evaluation_results_published: bool | None = fact(
        "网上公开评价结果",
        "results published online",
        note="网上服务评价的结论和发现的问题在网站上公开，例：网站发布的评价报告",
    )
    improvement_tracked: bool | None = fact(
        "整改措施明确责任期限并跟踪",
        "improvements tracked",
        note="评价发现的问题有整改措施、责任人和期限，并跟踪验证完成",
    )
