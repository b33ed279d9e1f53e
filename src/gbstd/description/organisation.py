"""The centre's identity, its organisation, written rules, safety and operations (GB/T 32169.1)."""

from gbstd.description.base import AsOf, Choice, Count, Day, Facts, fact, required


class AdministrativeLevel(Choice):
    """Administrative level of the centre."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"


class Region(Facts):
    """Where the centre is."""

    province: str | None = fact("省（自治区、直辖市）", "province")
    city: str | None = fact("市（地、州、盟）", "city or prefecture")
    county: str | None = fact("县（市、区、旗）", "county or district")
    township: str | None = fact("乡镇（街道）", "township or street")
    code: str | None = fact("行政区划代码", "administrative division code")


class Centre(Facts):
    """Identity of the centre."""

    name: str = required("中心名称", "name of the centre", min_length=1)
    level: AdministrativeLevel = required(
        "行政层级：province 省级、city 市级、county 县级、township 乡镇（街道）",
        "administrative level: province, city, county or township",
    )
    region: Region | None = fact("所在地区", "region")
    address: str | None = fact("地址", "address")
    opened_on: Day | None = fact("启用日期", "date the centre opened")
    assessed_on: AsOf | None = fact(
        "评估基准日（判断豁免、证据是否过期；缺省为运行当天）",
        "as-of date for expiry of waivers and evidence (default: today)",
    )


class Organisation(Facts):
    """服务组织: the management body and its staffing (GB/T 32169.1 ch. 4)."""

    management_body_approved: bool | None = fact(
        "管理机构经本级政府或机构编制部门批准设立", "management body approved by government"
    )
    responsibilities_documented: bool | None = fact(
        "管理机构职责以正式文件明确", "management body's duties set out in a formal document"
    )
    internal_units_defined: bool | None = fact(
        "内设科室或岗位已设置且职责成文", "internal units or posts set up with written duties"
    )
    window_management_duties_documented: bool | None = fact(
        "书面明确管理机构与进驻部门对窗口的管理职责",
        "written split of window management duties between the body and departments",
    )
    coordination_mechanism: bool | None = fact(
        "有政府牵头的联席会议或协调机制", "government-led joint meeting or coordination mechanism"
    )
    coordination_meetings_per_year: Count | None = fact(
        "每年召开协调会议次数", "coordination meetings held per year"
    )
    management_staff: Count | None = fact("管理机构在岗人员数", "staff of the management body")
    staff_roster_kept: bool | None = fact("保存在岗人员名册", "staff roster kept")
    window_staffing_based_on_workload: bool | None = fact(
        "按事项数量和办件量核定窗口人员数", "window staffing set by matters and case volume"
    )
    guide_staff: Count | None = fact("大厅咨询导办人员数", "guidance staff in the hall")
    site_management_unit: bool | None = fact(
        "书面明确服务现场管理责任部门", "unit responsible for on-site management named in writing"
    )
    patrol_post: bool | None = fact(
        "设置现场管理或巡查岗位", "on-site management or patrol post exists"
    )
    patrol_post_staffed: bool | None = fact(
        "巡查岗位在服务时间内有人值守", "patrol post staffed during opening hours"
    )
    site_duties_split_documented: bool | None = fact(
        "书面明确管理机构与进驻部门的现场管理分工", "written split of on-site duties"
    )


class Policy(Facts):
    """A written rule of the centre (制度)."""

    adopted: bool = required("已制定并实行", "adopted and in force")
    published: bool | None = fact("已向服务对象公布", "published to the public")
    document: str | None = fact("文件名称或编号", "document title or number")
    reviewed_on: Day | None = fact("最近修订或复核日期", "last reviewed")


class Policies(Facts):
    """书面制度. Each entry: adopted (true/false), published, document, reviewed_on."""

    first_contact: Policy | None = fact("首问负责制度", "first-contact responsibility")
    one_time_notice: Policy | None = fact("一次性告知制度", "one-time notice")
    time_limited_completion: Policy | None = fact("限时办结制度", "time-limited completion")
    ab_post: Policy | None = fact("AB 岗制度", "back-up post (A/B) rule")
    attendance: Policy | None = fact("考勤和在岗管理制度", "attendance")
    conduct: Policy | None = fact("窗口人员行为规范（着装、挂牌、纪律）", "staff conduct code")
    etiquette: Policy | None = fact("服务礼仪规范", "service etiquette code")
    service_language: Policy | None = fact("文明用语和服务忌语", "polite and forbidden phrases")
    accountability: Policy | None = fact("责任追究（过错追究）制度", "accountability for faults")
    finance: Policy | None = fact("财务管理制度", "financial management")
    archives: Policy | None = fact("档案管理制度", "records management")
    emergency_plan: Policy | None = fact(
        "突发事件应急预案（火灾、停电、系统故障、人员聚集）", "emergency plan"
    )
    security_patrol: Policy | None = fact("安全巡查制度", "security patrols")
    complaint_handling: Policy | None = fact("投诉处置制度", "complaint handling")
    abnormal_handling: Policy | None = fact("异常情况处置办法", "handling of abnormal situations")
    site_order_plan: Policy | None = fact(
        "现场秩序突发情况处置预案（人员聚集、争执）", "plan for disorder in the hall"
    )
    window_appraisal: Policy | None = fact("窗口和窗口人员考核评价办法", "window appraisal method")
    window_evaluation: Policy | None = fact(
        "窗口服务评价办法（GB/T 32169.4）", "window service evaluation method"
    )
    information_release: Policy | None = fact("信息发布审核制度", "review of published information")
    online_security: Policy | None = fact("网上服务安全管理制度", "online service security")
    privacy: Policy | None = fact("个人信息保护制度", "personal data protection")
    data_backup: Policy | None = fact("数据备份制度", "data backup")
    staff_selection: Policy | None = fact("窗口人员选派程序", "selection of window staff")
    training: Policy | None = fact("培训制度", "training")
    rating_rules: Policy | None = fact(
        "服务评价规则（评价等级、差评处理）", "rating rules (grades, bad-rating handling)"
    )
    standardization_evaluation: Policy | None = fact(
        "标准化工作评价制度", "evaluation of standardization work"
    )


class Safety(Facts):
    """安全管理 (GB/T 32169.1 ch. 6)."""

    fire_equipment_ok: bool | None = fact(
        "消防器材、应急照明、疏散指示配置齐全且有效", "fire equipment complete and working"
    )
    fire_checks_recorded: bool | None = fact("消防设施定期检查有记录", "fire checks recorded")
    drills_per_year: Count | None = fact("每年应急演练次数", "emergency drills per year")
    drills_recorded: bool | None = fact("演练有记录", "drills recorded")
    cctv_coverage: bool | None = fact("视频监控覆盖主要区域", "CCTV covers main areas")
    cctv_retention_days: Count | None = fact("录像保存天数", "days CCTV footage is kept")
    daily_patrols_recorded: bool | None = fact(
        "日常安全巡查并记录隐患整改", "daily patrols recorded"
    )


class Operations(Facts):
    """财务、档案与信息化 (GB/T 32169.1 ch. 6)."""

    budget_funded: bool | None = fact("运行经费纳入本级财政预算", "funded by the local budget")
    one_file_per_case: bool | None = fact("办件一件一档可查询", "one file per case, searchable")
    archives_protected: bool | None = fact("档案在防火防潮场所保管", "archives stored safely")
    unified_business_system: bool | None = fact(
        "使用统一业务系统记录全过程", "one business system records every step"
    )
    deadline_monitoring: bool | None = fact(
        "系统实时监控时限并自动预警", "deadlines monitored with warnings"
    )
    data_backed_up: bool | None = fact("业务数据定期备份", "business data backed up")
    personal_data_protected: bool | None = fact(
        "采取措施防止个人信息泄露", "personal data protected"
    )
    site_records_archived: bool | None = fact(
        "现场巡查、检查、维护、处置记录归档", "site records archived"
    )
    printed_materials_current: bool | None = fact(
        "现场资料与现行要求一致", "printed materials up to date"
    )
