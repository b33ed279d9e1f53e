"""Departments, matters and window staff that enter the centre (GB/T 32169.2)."""

from typing import Annotated

from pydantic import Field

from gbstd.description.base import Choice, Count, Day, Days, Facts, fact, required


class Department(Facts):
    """One department that entered (or should enter) the centre."""

    name: str = required("部门名称", "department name", min_length=1)
    should_enter: bool | None = fact("属于应进驻部门", "required to enter the centre")
    entered: bool | None = fact("已进驻", "has entered")
    not_entered_reason_recorded: bool | None = fact(
        "未进驻的原因和批准意见已记录", "reason for not entering recorded"
    )
    window_lead_named: bool | None = fact(
        "书面明确窗口负责人和联络人", "window lead and liaison named in writing"
    )
    authorisation_letter: bool | None = fact(
        "已出具加盖公章的授权委托书", "signed and sealed authorisation letter on file"
    )
    lead_has_approval_authority: bool | None = fact(
        "窗口负责人获授审核、审批或签发权限", "window lead holds approval authority"
    )
    windows: Count | None = fact("窗口数", "windows")
    staff: Count | None = fact("窗口人员数", "window staff")


class Departments(Facts):
    """部门进驻 (GB/T 32169.2 ch. 4)."""

    scope_set_by_government: bool | None = fact(
        "应进驻部门范围由本级政府文件确定", "departments required to enter set by government"
    )
    list_published: bool | None = fact(
        "公布已进驻部门名单及窗口位置", "entered departments and windows published"
    )
    entry_procedure_documented: bool | None = fact(
        "部门进驻有书面程序且留有记录", "written entry procedure with records"
    )
    office_conditions_provided: bool | None = fact(
        "为进驻部门提供工位、设备和网络", "workstations, equipment and network provided"
    )
    adjustments_approved: bool | None = fact(
        "部门增减经批准并更新名单", "changes to departments approved and list updated"
    )
    coordination_meetings_per_year: Count | None = fact(
        "每年与进驻部门召开工作例会次数（有纪要）",
        "routine meetings with departments per year, minuted",
    )
    unauthorised_withdrawals: Count | None = fact(
        "未经批准撤出窗口或减少事项、人员的次数（一年内）",
        "unapproved withdrawals of windows, matters or staff (last year)",
    )
    entered_count: Count | None = fact(
        "已进驻部门数",
        "departments entered",
        note="填已在中心设窗口或派驻人员的部门个数，例：32；逐个部门的情况在部门清单中填写",
    )
    items: list[Department] | None = fact("部门清单", "departments")


class MatterCategory(Choice):
    """Category of a matter (事项)."""

    LICENSING = "licensing", "行政许可"
    OTHER_POWER = "other_power", "其他行政权力"
    PUBLIC_SERVICE = "public_service", "公共服务"
    OTHER = "other", "其他"


class EntryMode(Choice):
    """How a matter is handled in the centre."""

    FULL = "full", "在中心全程办理"
    ACCEPT_ONLY = "accept_only", "窗口受理、后台办理"
    DELEGATED = "delegated", "委托受理"
    NOT_ENTERED = "not_entered", "应进未进"


class OnlineDepth(Choice):
    """How far a matter can be handled online."""

    NONE = "none", "不能网上办理"
    INFORMATION = "information", "仅公开信息"
    DOWNLOAD = "download", "表格下载"
    APPLICATION = "application", "在线申请"
    FULL = "full", "全程网办"


class Matter(Facts):
    """One matter (事项) handled in the centre."""

    name: str = required("事项名称", "matter name", min_length=1)
    department: str | None = fact("实施部门", "department")
    category: MatterCategory | None = fact("事项类别", "category")
    entry_mode: EntryMode | None = fact("进驻方式", "entry mode")
    legal_basis: bool | None = fact("目录列明设立依据", "legal basis listed")
    statutory_days: Days | None = fact("法定时限（工作日）", "statutory time limit, working days")
    promised_days: Days | None = fact("承诺时限（工作日）", "promised time limit, working days")
    materials: Count | None = fact("申请材料件数", "number of application materials")
    fee_charged: bool | None = fact("收费", "charges a fee")
    fee_legal_basis: bool | None = fact("收费有法定依据", "fee has a legal basis")
    fee_published: bool | None = fact(
        "收费项目、标准和依据已公开", "fee items, rates and basis published"
    )
    guide_published: bool | None = fact("办事指南已公开", "service guide published")
    flowchart: bool | None = fact("有办理流程图", "process flowchart exists")
    delivery_mode_published: bool | None = fact(
        "办事指南写明提供方式（窗口、预约、网上、邮寄）", "delivery modes stated in the guide"
    )
    online_depth: OnlineDepth | None = fact("网上办理深度", "depth of online handling")
    on_the_spot: bool | None = fact("即办件（可当场办结）", "can be completed on the spot")
    special_equipment_entered: bool | None = fact(
        "所需专用设备已同步进驻",
        "special equipment entered with it",
        note="事项办理不需要专用设备的，留空",
    )


class Matters(Facts):
    """事项进驻 (GB/T 32169.2 ch. 5)."""

    catalogue_published: bool | None = fact(
        "编制并公布进驻事项目录（部门、依据、时限）", "catalogue of matters published"
    )
    entry_procedure_documented: bool | None = fact(
        "事项进驻有书面程序（申报、审核、确认）", "written procedure for matters to enter"
    )
    processes_reviewed: bool | None = fact(
        "督促梳理办理流程、减少环节", "processes reviewed and simplified"
    )
    materials_reviewed: bool | None = fact(
        "清理无依据或可共享获取的材料", "materials without basis or obtainable by sharing removed"
    )
    catalogue_updated_on_change: bool | None = fact(
        "事项调整后及时更新目录和指南", "catalogue and guides updated after changes"
    )
    last_catalogue_review: Day | None = fact(
        "最近一次复核事项目录的日期",
        "last catalogue review",
        note="检查项将它与评估基准日前一年比较",
    )
    delegation_letters_on_file: bool | None = fact(
        "委托受理事项有书面授权委托书并存档", "delegation letters on file for delegated matters"
    )
    delegated_transfers_logged: bool | None = fact(
        "委托受理材料按时转交并登记流转和反馈", "delegated cases forwarded on time and logged"
    )
    outside_acceptance_found: bool | None = fact(
        "发现进驻事项在中心以外另行受理（体外循环）", "entered matters accepted outside the centre"
    )
    items: list[Matter] | None = fact("事项清单", "matters")


class Staff(Facts):
    """窗口人员 (GB/T 32169.2 ch. 6)."""

    window_staff: Count | None = fact("窗口人员总数", "window staff in total")
    registered: Count | None = fact(
        "已填写登记备案表的窗口人员数", "window staff with a registration form on file"
    )
    registration_updated_on_change: bool | None = fact(
        "人员变动后及时更新登记备案表", "registration forms updated on change"
    )
    qualification_requirements_documented: bool | None = fact(
        "书面规定一般窗口人员任职条件", "written qualification requirements"
    )
    business_competent: bool | None = fact(
        "窗口人员熟悉所办事项并能独立受理（经考核确认）", "staff competent, confirmed by appraisal"
    )
    window_leads_appointed: bool | None = fact(
        "窗口负责人经进驻部门书面任命", "window leads appointed in writing"
    )
    selection_reviewed_by_centre: bool | None = fact(
        "进驻部门推荐、中心审核后上岗", "staff recommended by department and approved by centre"
    )
    changes_agreed_with_centre: bool | None = fact(
        "调换人员事先征得中心同意并交接", "staff changes agreed with the centre"
    )
    cover_arranged: bool | None = fact(
        "设置 A、B 角或顶岗安排，窗口不空岗", "back-up (A/B post) arrangements"
    )
    induction_training: bool | None = fact("新上岗人员接受岗前培训并有记录", "induction training")
    annual_training_plan: bool | None = fact(
        "有年度培训计划并实施", "annual training plan carried out"
    )
    training_hours_per_person: Annotated[float, Field(ge=0)] | None = fact(
        "年人均培训学时", "training hours per person per year"
    )
    etiquette_training: bool | None = fact(
        "每年开展礼仪和沟通技巧培训", "yearly etiquette and communication training"
    )
    etiquette_trainings_per_year: Count | None = fact(
        "每年礼仪和沟通技巧培训次数", "etiquette and communication trainings per year"
    )
    appraisal_method_documented: bool | None = fact(
        "有书面考核办法（内容、指标、周期）", "written appraisal method"
    )
    appraisals_per_year: Count | None = fact("每年考核次数", "appraisals per year")
    appraisal_results_to_departments: bool | None = fact(
        "考核结果反馈进驻部门", "appraisal results sent to departments"
    )
    appraisal_linked_to_rewards: bool | None = fact(
        "考核结果与评优、奖惩挂钩", "appraisal linked to awards and sanctions"
    )
    attendance_records: bool | None = fact("有考勤和在岗记录", "attendance records kept")
