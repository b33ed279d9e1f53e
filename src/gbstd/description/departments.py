"""Departments, matters and window staff that enter the centre (GB/T 32169.2)."""

from typing import Annotated

from pydantic import Field

from gbstd.description.base import Choice, Count, Day, Days, Facts, fact, required


class Department(Facts):
    """One department that entered (or should enter) the centre."""

    name: str = required(
        "部门名称",
        "department name",
        note="部门全称，与政府文件和事项清单中的写法一致，例：县市场监督管理局",
        min_length=1,
    )
    should_enter: bool | None = fact(
        "属于应进驻部门",
        "required to enter the centre",
        note="本级政府文件列入应进驻范围的部门填“是”，以该文件为准",
    )
    entered: bool | None = fact(
        "已进驻", "has entered", note="已在中心设窗口并派人受理事项的填“是”；只挂牌、无人值守的不算"
    )
    not_entered_reason_recorded: bool | None = fact(
        "未进驻的原因和批准意见已记录",
        "reason for not entering recorded",
        note="应进未进的部门有书面原因说明和批准意见的填“是”；已进驻的部门不用填",
    )
    window_lead_named: bool | None = fact(
        "书面明确窗口负责人和联络人",
        "window lead and liaison named in writing",
        note="部门以发文或函件写明窗口负责人和联络人姓名的填“是”，以该文件为准",
    )
    authorisation_letter: bool | None = fact(
        "已出具加盖公章的授权委托书",
        "signed and sealed authorisation letter on file",
        note="部门出具加盖公章的授权委托书、在中心存档的填“是”，以存档原件为准",
    )
    lead_has_approval_authority: bool | None = fact(
        "窗口负责人获授审核、审批或签发权限",
        "window lead holds approval authority",
        note="授权书写明窗口负责人可审核、审批或签发的填“是”，例：可当场签发证照",
    )
    windows: Count | None = fact(
        "窗口数", "windows", note="该部门在大厅使用的窗口个数，例：3；各部门之和不多于大厅窗口总数"
    )
    staff: Count | None = fact(
        "窗口人员数",
        "window staff",
        note="该部门派驻窗口的人数，例：4；各部门之和不多于窗口人员总数",
    )


class Departments(Facts):
    """部门进驻 (GB/T 32169.2 ch. 4)."""

    scope_set_by_government: bool | None = fact(
        "应进驻部门范围由本级政府文件确定",
        "departments required to enter set by government",
        note="本级政府或其办公室发文列明哪些部门应进驻的填“是”，以该文件为准",
    )
    list_published: bool | None = fact(
        "公布已进驻部门名单及窗口位置",
        "entered departments and windows published",
        note="在大厅或网站公布已进驻部门名单和各自窗口号的填“是”，例：入口导览图",
    )
    entry_procedure_documented: bool | None = fact(
        "部门进驻有书面程序且留有记录",
        "written entry procedure with records",
        note="部门进驻有申请、审核、确认的书面程序，且每个部门都有办理记录的填“是”",
    )
    office_conditions_provided: bool | None = fact(
        "为进驻部门提供工位、设备和网络",
        "workstations, equipment and network provided",
        note="中心为每个进驻部门的窗口配齐工位、电脑等设备和网络的填“是”",
    )
    adjustments_approved: bool | None = fact(
        "部门增减经批准并更新名单",
        "changes to departments approved and list updated",
        note="部门进驻或撤出都经批准、并随即更新公布名单的填“是”，以批复文件为准",
    )
    coordination_meetings_per_year: Count | None = fact(
        "每年与进驻部门召开工作例会次数（有纪要）",
        "routine meetings with departments per year, minuted",
        note="填最近12个月与进驻部门开工作例会的次数，只算有会议纪要的，例：4",
    )
    unauthorised_withdrawals: Count | None = fact(
        "未经批准撤出窗口或减少事项、人员的次数（一年内）",
        "unapproved withdrawals of windows, matters or staff (last year)",
        note="填最近12个月部门擅自撤窗口、减事项或减人员的次数，没有填0",
    )
    entered_count: Count | None = fact(
        "已进驻部门数",
        "departments entered",
        note="填已在中心设窗口或派驻人员的部门个数，例：32；逐个部门的情况在部门清单中填写",
    )
    items: list[Department] | None = fact(
        "部门清单",
        "departments",
        note="一行一个部门，列出全部应进驻或已进驻的部门，可按政府文件的名单填",
    )


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

    name: str = required(
        "事项名称", "matter name", note="按进驻事项目录填写事项名称，例：食品经营许可", min_length=1
    )
    department: str | None = fact(
        "实施部门",
        "department",
        note="实施该事项的部门，与部门清单中的名称写法一致，例：县市场监督管理局",
    )
    category: MatterCategory | None = fact(
        "事项类别", "category", note="按事项目录中的类别选择，例：食品经营许可选“行政许可”"
    )
    entry_mode: EntryMode | None = fact(
        "进驻方式",
        "entry mode",
        note="选该事项在中心怎样办，例：窗口收件、部门后台审批的选“窗口受理、后台办理”",
    )
    legal_basis: bool | None = fact(
        "目录列明设立依据",
        "legal basis listed",
        note="事项目录中写明设立该事项的法律、法规或规章依据的填“是”",
    )
    statutory_days: Days | None = fact(
        "法定时限（工作日）",
        "statutory time limit, working days",
        note="法律法规规定的办理期限，按工作日填，例：20；没有法定时限的留空",
    )
    promised_days: Days | None = fact(
        "承诺时限（工作日）",
        "promised time limit, working days",
        note="对外承诺的办结期限，按工作日填，例：5；当场办结的填0",
    )
    materials: Count | None = fact(
        "申请材料件数", "number of application materials", note="办事指南列出的申请材料件数，例：6"
    )
    fee_charged: bool | None = fact(
        "收费", "charges a fee", note="办理该事项向申请人收取费用的填“是”，不收费的填“否”"
    )
    fee_legal_basis: bool | None = fact(
        "收费有法定依据",
        "fee has a legal basis",
        note="收费有法律法规或价格主管部门文件依据的填“是”；不收费的事项不用填",
    )
    fee_published: bool | None = fact(
        "收费项目、标准和依据已公开",
        "fee items, rates and basis published",
        note="收费项目、标准和依据已在指南或大厅公开的填“是”；不收费的事项不用填",
    )
    guide_published: bool | None = fact(
        "办事指南已公开",
        "service guide published",
        note="该事项的办事指南在大厅或网上可以查阅、领取的填“是”",
    )
    flowchart: bool | None = fact(
        "有办理流程图",
        "process flowchart exists",
        note="该事项有办理流程图（印在指南上或在大厅公示）的填“是”",
    )
    delivery_mode_published: bool | None = fact(
        "办事指南写明提供方式（窗口、预约、网上、邮寄）",
        "delivery modes stated in the guide",
        note="办事指南写明可在窗口、预约、网上或邮寄中哪些方式办理的填“是”",
    )
    online_depth: OnlineDepth | None = fact(
        "网上办理深度",
        "depth of online handling",
        note="选网上最多能办到哪一步，例：能在线提交、仍须到窗口取件的选“在线申请”",
    )
    on_the_spot: bool | None = fact(
        "即办件（可当场办结）",
        "can be completed on the spot",
        note="材料齐全时窗口能当场办结的填“是”，例：各类证明开具",
    )
    special_equipment_entered: bool | None = fact(
        "所需专用设备已同步进驻",
        "special equipment entered with it",
        note="事项办理不需要专用设备的，留空",
    )


class Matters(Facts):
    """事项进驻 (GB/T 32169.2 ch. 5)."""

    catalogue_published: bool | None = fact(
        "编制并公布进驻事项目录（部门、依据、时限）",
        "catalogue of matters published",
        note="编有列明部门、依据、时限的进驻事项目录，并在大厅或网上公布的填“是”",
    )
    entry_procedure_documented: bool | None = fact(
        "事项进驻有书面程序（申报、审核、确认）",
        "written procedure for matters to enter",
        note="事项进驻有申报、审核、确认的书面程序的填“是”，以制度文件为准",
    )
    processes_reviewed: bool | None = fact(
        "督促梳理办理流程、减少环节",
        "processes reviewed and simplified",
        note="中心组织部门梳理办理流程、精简环节并有记录的填“是”，例：流程优化方案",
    )
    materials_reviewed: bool | None = fact(
        "清理无依据或可共享获取的材料",
        "materials without basis or obtainable by sharing removed",
        note="清理过无法定依据或可通过数据共享获取的申请材料、有清理记录的填“是”",
    )
    catalogue_updated_on_change: bool | None = fact(
        "事项调整后及时更新目录和指南",
        "catalogue and guides updated after changes",
        note="事项增减或变更后及时更新目录和办事指南的填“是”，以更新记录为准",
    )
    last_catalogue_review: Day | None = fact(
        "最近一次复核事项目录的日期",
        "last catalogue review",
        note="格式 YYYY-MM-DD，填最近一次逐项复核事项目录的日期，例：2024-03-15",
    )
    delegation_letters_on_file: bool | None = fact(
        "委托受理事项有书面授权委托书并存档",
        "delegation letters on file for delegated matters",
        note="委托受理的事项都有委托方出具的书面委托书并存档的填“是”；不是部门清单中给本部门窗口的授权委托书",
    )
    delegated_transfers_logged: bool | None = fact(
        "委托受理材料按时转交并登记流转和反馈",
        "delegated cases forwarded on time and logged",
        note="委托受理的材料按时转交办理部门，流转和反馈都有登记的填“是”，以登记簿为准",
    )
    outside_acceptance_found: bool | None = fact(
        "发现进驻事项在中心以外另行受理（体外循环）",
        "entered matters accepted outside the centre",
        note="发现已进驻事项仍在中心以外受理的填“是”（答“是”表示存在问题），以督查记录为准",
    )
    items: list[Matter] | None = fact(
        "事项清单", "matters", note="一行一个事项，列出全部进驻事项，可从进驻事项目录复制"
    )


class Staff(Facts):
    """窗口人员 (GB/T 32169.2 ch. 6)."""

    window_staff: Count | None = fact(
        "窗口人员总数",
        "window staff in total",
        note="当前在窗口工作的全部人数（各部门派驻和中心自有人员），例：45",
    )
    registered: Count | None = fact(
        "已填写登记备案表的窗口人员数",
        "window staff with a registration form on file",
        note="已填写登记备案表的窗口人员人数，不多于窗口人员总数，例：45",
    )
    registration_updated_on_change: bool | None = fact(
        "人员变动后及时更新登记备案表",
        "registration forms updated on change",
        note="人员调入调出后及时更新登记备案表的填“是”，以备案表的更新日期为准",
    )
    qualification_requirements_documented: bool | None = fact(
        "书面规定一般窗口人员任职条件",
        "written qualification requirements",
        note="有书面文件规定一般窗口人员的学历、业务能力等任职条件的填“是”",
    )
    business_competent: bool | None = fact(
        "窗口人员熟悉所办事项并能独立受理（经考核确认）",
        "staff competent, confirmed by appraisal",
        note="窗口人员经考核确认熟悉所办事项、能独立受理的填“是”，以考核记录为准",
    )
    window_leads_appointed: bool | None = fact(
        "窗口负责人经进驻部门书面任命",
        "window leads appointed in writing",
        note="各窗口负责人都由进驻部门发文或书面任命的填“是”，以任命文件为准",
    )
    selection_reviewed_by_centre: bool | None = fact(
        "进驻部门推荐、中心审核后上岗",
        "staff recommended by department and approved by centre",
        note="窗口人员由部门推荐、经中心审核同意后才上岗的填“是”，以审核表为准",
    )
    changes_agreed_with_centre: bool | None = fact(
        "调换人员事先征得中心同意并交接",
        "staff changes agreed with the centre",
        note="部门调换窗口人员前征得中心同意并办理交接的填“是”，以交接记录为准",
    )
    cover_arranged: bool | None = fact(
        "设置 A、B 角或顶岗安排，窗口不空岗",
        "back-up (A/B post) arrangements",
        note="每个窗口有A、B角或顶岗人员、请假时有人顶上的填“是”，以排班表为准",
    )
    induction_training: bool | None = fact(
        "新上岗人员接受岗前培训并有记录",
        "induction training",
        note="新上岗人员都参加岗前培训、有签到或培训记录的填“是”",
    )
    annual_training_plan: bool | None = fact(
        "有年度培训计划并实施",
        "annual training plan carried out",
        note="有本年度窗口人员培训计划、且已按计划开展的填“是”",
    )
    training_hours_per_person: Annotated[float, Field(ge=0)] | None = fact(
        "年人均培训学时",
        "training hours per person per year",
        note="填最近12个月人均培训学时，可填小数，例：24",
    )
    etiquette_training: bool | None = fact(
        "每年开展礼仪和沟通技巧培训",
        "yearly etiquette and communication training",
        note="最近12个月组织过服务礼仪和沟通技巧培训的填“是”",
    )
    etiquette_trainings_per_year: Count | None = fact(
        "每年礼仪和沟通技巧培训次数",
        "etiquette and communication trainings per year",
        note="填最近12个月礼仪和沟通技巧培训的次数，例：2",
    )
    appraisal_method_documented: bool | None = fact(
        "有书面考核办法（内容、指标、周期）",
        "written appraisal method",
        note="有写明考核内容、指标和周期的书面考核办法的填“是”，以印发文件为准",
    )
    appraisals_per_year: Count | None = fact(
        "每年考核次数",
        "appraisals per year",
        note="填最近12个月考核窗口人员的次数，例：按季度考核填4",
    )
    appraisal_results_to_departments: bool | None = fact(
        "考核结果反馈进驻部门",
        "appraisal results sent to departments",
        note="考核结果书面反馈给派驻部门的填“是”，例：季度考核通报",
    )
    appraisal_linked_to_rewards: bool | None = fact(
        "考核结果与评优、奖惩挂钩",
        "appraisal linked to awards and sanctions",
        note="考核结果用于评优评先和奖惩的填“是”，例：按考核结果评“红旗窗口”",
    )
    attendance_records: bool | None = fact(
        "有考勤和在岗记录",
        "attendance records kept",
        note="有窗口人员考勤和在岗记录的填“是”，例：考勤机记录、在岗巡查表",
    )
