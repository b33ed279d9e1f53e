"""The centre's identity, its organisation, written rules, safety and operations (GB/T 32169.1)."""

from gbstd.description.base import AsOf, Choice, Count, Day, Facts, fact, required


class AdministrativeLevel(Choice):
    """Administrative level of the centre."""

    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡镇（街道）"


class Region(Facts):
    """Where the centre is."""

    province: str | None = fact("省（自治区、直辖市）", "province", note="填全称，例：山东省")
    city: str | None = fact(
        "市（地、州、盟）", "city or prefecture", note="填全称，例：泰安市；省级中心可留空"
    )
    county: str | None = fact(
        "县（市、区、旗）", "county or district", note="填全称，例：新泰市；市级及以上中心可留空"
    )
    township: str | None = fact(
        "乡镇（街道）", "township or street", note="仅乡镇（街道）中心填写，例：青云街道"
    )
    code: str | None = fact(
        "行政区划代码",
        "administrative division code",
        note="中心所在地的行政区划代码，县级为6位，例：370982；乡镇可填12位统计用代码",
    )


class Centre(Facts):
    """Identity of the centre."""

    name: str = required(
        "中心名称",
        "name of the centre",
        min_length=1,
        note="填全称，与挂牌一致，例：××县政务服务中心",
    )
    level: AdministrativeLevel = required(
        "行政层级",
        "administrative level: province, city, county or township",
        note="设立中心的政府层级，例：县政府设立的中心选“县级”，乡镇便民服务中心选“乡镇（街道）”",
    )
    region: Region | None = fact(
        "所在地区", "region", note="中心所在的省、市、县、乡镇名称和行政区划代码"
    )
    address: str | None = fact("地址", "address", note="大厅的详细地址，例：××县××路88号")
    opened_on: Day | None = fact(
        "启用日期",
        "date the centre opened",
        note="中心（或现大厅）开始对外服务的日期，格式 YYYY-MM-DD",
    )
    assessed_on: AsOf | None = fact(
        "评估基准日",
        "as-of date for expiry of waivers and evidence (default: today)",
        note="评估以此日为准（证据、豁免是否过期，指标是否过时），格式 YYYY-MM-DD；留空为运行当天",
    )


class Organisation(Facts):
    """服务组织: the management body and its staffing (GB/T 32169.1 ch. 4)."""

    management_body_approved: bool | None = fact(
        "管理机构经本级政府或机构编制部门批准设立",
        "management body approved by government",
        note="中心管理机构（如政务服务管理办公室）有政府或编办批准设立的文件，以批文为准",
    )
    responsibilities_documented: bool | None = fact(
        "管理机构职责以正式文件明确",
        "management body's duties set out in a formal document",
        note="管理机构的职责写在正式文件里，例：编办印发的“三定”方案或职责规定",
    )
    internal_units_defined: bool | None = fact(
        "内设科室或岗位已设置且职责成文",
        "internal units or posts set up with written duties",
        note="管理机构下设科室或岗位，且有印发的职责分工，例：综合科、督查科的职责文件",
    )
    window_management_duties_documented: bool | None = fact(
        "书面明确管理机构与进驻部门对窗口的管理职责",
        "written split of window management duties between the body and departments",
        note="有文件写明中心管哪些、进驻部门管哪些（人员、考勤、业务），例：《窗口管理办法》",
    )
    coordination_mechanism: bool | None = fact(
        "有政府牵头的联席会议或协调机制",
        "government-led joint meeting or coordination mechanism",
        note="有本级政府领导牵头、进驻部门参加的联席会议或协调制度，以成立文件为准",
    )
    coordination_meetings_per_year: Count | None = fact(
        "每年召开协调会议次数",
        "coordination meetings held per year",
        note="填最近12个月实际召开的协调会次数，以会议纪要为准，例：2",
    )
    management_staff: Count | None = fact(
        "管理机构在岗人员数",
        "staff of the management body",
        note="管理机构自身的在岗人数，不含部门派驻的窗口人员，例：8",
    )
    staff_roster_kept: bool | None = fact(
        "保存在岗人员名册",
        "staff roster kept",
        note="有管理机构在岗人员名册并随人员变动更新，以名册为准",
    )
    window_staffing_based_on_workload: bool | None = fact(
        "按事项数量和办件量核定窗口人员数",
        "window staffing set by matters and case volume",
        note="各窗口人数按所办事项数和办件量测算确定，以核定文件或测算表为准",
    )
    guide_staff: Count | None = fact(
        "大厅咨询导办人员数",
        "guidance staff in the hall",
        note="大厅负责咨询、引导、帮办的人数，兼任的也算，不含窗口人员，例：2；没有填0",
    )
    site_management_unit: bool | None = fact(
        "书面明确服务现场管理责任部门",
        "unit responsible for on-site management named in writing",
        note="有文件指定由哪个科室或部门负责大厅现场秩序、环境和设施管理",
    )
    patrol_post: bool | None = fact(
        "设置现场管理或巡查岗位",
        "on-site management or patrol post exists",
        note="设有专门的现场管理或巡查岗位，例：大厅值班长、巡查员，以岗位设置为准",
    )
    patrol_post_staffed: bool | None = fact(
        "巡查岗位在服务时间内有人值守",
        "patrol post staffed during opening hours",
        note="对外服务时间内巡查岗位始终有人在岗，以值班表或巡查记录为准；没有巡查岗位的填“否”",
    )
    site_duties_split_documented: bool | None = fact(
        "书面明确管理机构与进驻部门的现场管理分工",
        "written split of on-site duties",
        note="有文件写明管理机构与进驻部门在大厅现场管理上各自负责什么",
    )


class Policy(Facts):
    """A written rule of the centre (制度)."""

    adopted: bool = required(
        "已制定并实行",
        "adopted and in force",
        note="有正式印发并在执行的书面文件即为“是”；只有口头要求或仍在起草为“否”",
    )
    published: bool | None = fact(
        "已向服务对象公布",
        "published to the public",
        note="已在大厅公示栏、办事指南或网站上向群众公开；只对内的管理制度可留空",
    )
    document: str | None = fact(
        "文件名称或编号",
        "document title or number",
        note="该制度文件的标题或文号，例：《××县政务服务中心限时办结制度》或×政务办发〔2024〕3号",
    )
    reviewed_on: Day | None = fact(
        "最近修订或复核日期",
        "last reviewed",
        note="该制度最近一次修订或复核的日期，格式 YYYY-MM-DD",
    )


class Policies(Facts):
    """书面制度. Each entry: adopted (true/false), published, document, reviewed_on."""

    first_contact: Policy | None = fact(
        "首问负责制度",
        "first-contact responsibility",
        note="群众首先问到的工作人员负责解答或引导到位、不推诿；评估时还看是否向群众公布",
    )
    one_time_notice: Policy | None = fact(
        "一次性告知制度",
        "one-time notice",
        note="材料不全时窗口一次性告知需补正的全部材料和内容，例：印发的《一次性告知制度》",
    )
    time_limited_completion: Policy | None = fact(
        "限时办结制度",
        "time-limited completion",
        note="每个事项有承诺办结时限并按时办结的书面规定，例：《限时办结制度》",
    )
    ab_post: Policy | None = fact(
        "AB 岗制度",
        "back-up post (A/B) rule",
        note="每个窗口岗位指定 A 角、B 角，A 角不在时由 B 角顶岗办理，例：《AB 岗工作制度》",
    )
    attendance: Policy | None = fact(
        "考勤和在岗管理制度",
        "attendance",
        note="窗口人员签到、请假、离岗登记等在岗管理规定；评估时还看考勤记录",
    )
    conduct: Policy | None = fact(
        "窗口人员行为规范（着装、挂牌、纪律）",
        "staff conduct code",
        note="窗口人员着装、挂牌、工作纪律和禁止行为的书面规定，例：《窗口工作人员行为规范》",
    )
    etiquette: Policy | None = fact(
        "服务礼仪规范",
        "service etiquette code",
        note="仪容仪表、接待礼节、服务语言等书面礼仪规范；评估时还看是否发到每个窗口",
    )
    service_language: Policy | None = fact(
        "文明用语和服务忌语",
        "polite and forbidden phrases",
        note="列出文明用语和禁用服务忌语的书面清单，例：《窗口文明用语和服务忌语》",
    )
    accountability: Policy | None = fact(
        "责任追究（过错追究）制度",
        "accountability for faults",
        note="对超期办件、有效投诉等过错追究责任的书面规定，例：《过错责任追究办法》",
    )
    finance: Policy | None = fact(
        "财务管理制度",
        "financial management",
        note="中心运行经费收支和资产管理的书面制度，例：《中心财务管理办法》",
    )
    archives: Policy | None = fact(
        "档案管理制度",
        "records management",
        note="办件材料和管理资料的归档、保管、借阅规定，例：《档案管理制度》",
    )
    emergency_plan: Policy | None = fact(
        "突发事件应急预案（火灾、停电、系统故障、人员聚集）",
        "emergency plan",
        note="书面预案写明火灾、停电、系统故障、人员聚集时的处置步骤和责任人",
    )
    security_patrol: Policy | None = fact(
        "安全巡查制度",
        "security patrols",
        note="规定安全巡查的频次、路线、内容和记录方式的书面制度",
    )
    complaint_handling: Policy | None = fact(
        "投诉处置制度",
        "complaint handling",
        note="投诉的登记、调查、处理、答复和回访的书面规定，例：《投诉处理办法》",
    )
    abnormal_handling: Policy | None = fact(
        "异常情况处置办法",
        "handling of abnormal situations",
        note="窗口遇系统故障、材料争议、群众情绪激动等异常情况时如何处置的书面办法",
    )
    site_order_plan: Policy | None = fact(
        "现场秩序突发情况处置预案（人员聚集、争执）",
        "plan for disorder in the hall",
        note="大厅出现人员聚集、争吵冲突时如何疏导、报警和处置的书面预案",
    )
    window_appraisal: Policy | None = fact(
        "窗口和窗口人员考核评价办法",
        "window appraisal method",
        note="定期考核窗口和窗口人员的办法（内容、方式、结果运用）；评估时还看考核次数",
    )
    window_evaluation: Policy | None = fact(
        "窗口服务评价办法（GB/T 32169.4）",
        "window service evaluation method",
        note="用办件、评价器、投诉等数据给窗口服务评分的办法；评估时还看办法是否写明依据",
    )
    information_release: Policy | None = fact(
        "信息发布审核制度",
        "review of published information",
        note="网上发布信息前由谁审核、谁批准的书面规定，例：《网站信息发布审核制度》",
    )
    online_security: Policy | None = fact(
        "网上服务安全管理制度",
        "online service security",
        note="网上服务系统账号、权限、漏洞处置等安全管理规定；评估时还看是否指定责任人",
    )
    privacy: Policy | None = fact(
        "个人信息保护制度",
        "personal data protection",
        note="规定如何收集、使用、保管群众个人信息、防止泄露的书面制度",
    )
    data_backup: Policy | None = fact(
        "数据备份制度", "data backup", note="规定业务数据备份频次、方式和保管地点的书面制度"
    )
    staff_selection: Policy | None = fact(
        "窗口人员选派程序",
        "selection of window staff",
        note="进驻部门推荐、中心审核窗口人员的书面程序，例：《窗口人员选派管理办法》",
    )
    training: Policy | None = fact(
        "培训制度",
        "training",
        note="窗口人员岗前培训和定期业务、礼仪培训的书面制度，含年度培训计划",
    )
    rating_rules: Policy | None = fact(
        "服务评价规则（评价等级、差评处理）",
        "rating rules (grades, bad-rating handling)",
        note="群众评价的方式、等级和差评回访整改规则；评估时还看是否向群众公开",
    )
    standardization_evaluation: Policy | None = fact(
        "标准化工作评价制度",
        "evaluation of standardization work",
        note="定期评价本中心标准实施效果的书面制度，例：《标准化工作评价办法》",
    )


class Safety(Facts):
    """安全管理 (GB/T 32169.1 ch. 6)."""

    fire_equipment_ok: bool | None = fact(
        "消防器材、应急照明、疏散指示配置齐全且有效",
        "fire equipment complete and working",
        note="灭火器、应急照明灯、疏散指示标志配置齐全、在有效期内且能用，以现场检查为准",
    )
    fire_checks_recorded: bool | None = fact(
        "消防设施定期检查有记录",
        "fire checks recorded",
        note="对消防设施定期检查并留有记录，例：每月灭火器检查表",
    )
    drills_per_year: Count | None = fact(
        "每年应急演练次数",
        "emergency drills per year",
        note="填最近12个月组织的应急演练次数（消防、停电等），以演练记录为准，例：2",
    )
    drills_recorded: bool | None = fact(
        "演练有记录",
        "drills recorded",
        note="每次演练有方案、签到、照片或总结等记录；一年内没有演练的填“否”",
    )
    cctv_coverage: bool | None = fact(
        "视频监控覆盖主要区域",
        "CCTV covers main areas",
        note="视频监控覆盖大厅入口、窗口区、等候区等主要区域，以监控画面为准",
    )
    cctv_retention_days: Count | None = fact(
        "录像保存天数",
        "days CCTV footage is kept",
        note="监控录像实际保存的天数，以监控主机设置为准，例：90",
    )
    daily_patrols_recorded: bool | None = fact(
        "日常安全巡查并记录隐患整改",
        "daily patrols recorded",
        note="每天有安全巡查，发现的隐患登记并跟踪整改，以巡查记录为准",
    )


class Operations(Facts):
    """财务、档案与信息化 (GB/T 32169.1 ch. 6)."""

    budget_funded: bool | None = fact(
        "运行经费纳入本级财政预算",
        "funded by the local budget",
        note="中心运行经费列入本级财政预算，以预算批复文件为准",
    )
    one_file_per_case: bool | None = fact(
        "办件一件一档可查询",
        "one file per case, searchable",
        note="每个办件单独建档，能按申请人或事项查到全部材料（纸质或电子档案均可）",
    )
    archives_protected: bool | None = fact(
        "档案在防火防潮场所保管",
        "archives stored safely",
        note="档案存放在有防火、防潮措施的档案室或档案柜，以现场查看为准",
    )
    unified_business_system: bool | None = fact(
        "使用统一业务系统记录全过程",
        "one business system records every step",
        note="从受理到办结每个环节都在统一的业务系统中登记，例：政务服务平台办件系统",
    )
    deadline_monitoring: bool | None = fact(
        "系统实时监控时限并自动预警",
        "deadlines monitored with warnings",
        note="业务系统实时显示剩余时限，临近或超期时自动提醒或亮灯",
    )
    data_backed_up: bool | None = fact(
        "业务数据定期备份",
        "business data backed up",
        note="业务系统数据定期备份，以备份记录或系统设置为准",
    )
    personal_data_protected: bool | None = fact(
        "采取措施防止个人信息泄露",
        "personal data protected",
        note="有防止个人信息泄露的措施，例：账号权限管理、材料脱敏、保密协议",
    )
    site_records_archived: bool | None = fact(
        "现场巡查、检查、维护、处置记录归档",
        "site records archived",
        note="现场巡查、设备检查、维修和事件处置的记录按期整理归档",
    )
    printed_materials_current: bool | None = fact(
        "现场资料与现行要求一致",
        "printed materials up to date",
        note="大厅摆放的办事指南、表格、示范文本都是现行版本，没有过期资料",
    )
