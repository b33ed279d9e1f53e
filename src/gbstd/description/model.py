"""The self-description: the facts a centre states about itself, checked by ``gbstd assess``.

Every fact is optional. A fact left out is not a failure: the requirements that need it come
out ``not_evaluable`` and name the missing field. Field documentation is bilingual and feeds
``gbstd schema`` (JSON Schema) and ``gbstd init`` (the annotated starter file).
"""

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    model_validator,
)
from pydantic_core import CoreSchema, PydanticCustomError

FORMAT_VERSION = 1


# A centre has a few dozen kinds of post at most. The bound also lets a check match every post
# against the list of standards and still stay within the iteration budget (see exprcheck).
MAX_POSTS = 40


def fact(zh: str, en: str, **constraints: Any) -> Any:
    """Declare an optional fact with its Chinese and English explanation."""
    return Field(
        default=None,
        description=f"{zh} | {en}",
        json_schema_extra={"x-zh": zh, "x-en": en},
        **constraints,
    )


def required(zh: str, en: str, **constraints: Any) -> Any:
    """Declare a required field with its Chinese and English explanation."""
    return Field(
        description=f"{zh} | {en}", json_schema_extra={"x-zh": zh, "x-en": en}, **constraints
    )


class _Facts(BaseModel):
    # Strict: YAML's `true` is no count, `1` no yes-or-no answer, and `.inf` or `.nan` no
    # figure at all; pydantic's default would take all three without a word. Integers are still
    # numbers where a decimal is expected. Choices and dates opt out below (see Choice and Day).
    model_config = ConfigDict(
        extra="forbid", frozen=True, defer_build=True, strict=True, allow_inf_nan=False
    )


class Choice(StrEnum):
    """A closed set of words. YAML gives them as text, which strict validation would refuse."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """Validate from the word itself (``level: county``), not only from a member."""
        schema = handler(source)
        schema["strict"] = False
        return schema


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date_from_text(value: Any) -> Any:
    # A quoted date, or one carried by JSON (the indicators `gbstd kpi` computes), is read as
    # one; anything else (a number would be Unix time to pydantic) goes on to be refused.
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


# A date: a YAML date, or YYYY-MM-DD as text.
Day = Annotated[date, BeforeValidator(_date_from_text)]
# The assessment's as-of date: checks look a year back from it (year 1 would overflow), and
# a date before 2000 is a typo. A plausibility bound of gbstd's, not of any standard.
EARLIEST_AS_OF = date(2000, 1, 1)


def _plausible_as_of(value: date) -> date:
    if value < EARLIEST_AS_OF:
        raise PydanticCustomError(
            "gbstd_as_of_too_early",
            "should not be before {earliest} (a plausibility bound of gbstd's)",
            {"earliest": EARLIEST_AS_OF.isoformat()},
        )
    return value


AsOf = Annotated[Day, AfterValidator(_plausible_as_of)]

Count = Annotated[int, Field(ge=0)]
Rate = Annotated[float, Field(ge=0, le=1)]
Days = Annotated[float, Field(ge=0)]


class AdministrativeLevel(Choice):
    """Administrative level of the centre."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"


class Region(_Facts):
    """Where the centre is."""

    province: str | None = fact("省（自治区、直辖市）", "province")
    city: str | None = fact("市（地、州、盟）", "city or prefecture")
    county: str | None = fact("县（市、区、旗）", "county or district")
    township: str | None = fact("乡镇（街道）", "township or street")
    code: str | None = fact("行政区划代码", "administrative division code")


class Centre(_Facts):
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


class Organisation(_Facts):
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


class Zone(Choice):
    """Functional zones of the service hall."""

    GUIDANCE = "guidance"  # 咨询导办区
    WAITING = "waiting"  # 等候区
    WINDOWS = "windows"  # 窗口服务区
    SELF_SERVICE = "self_service"  # 自助服务区
    OFFICE = "office"  # 后台办公区
    ARCHIVE = "archive"  # 档案室
    SERVER_ROOM = "server_room"  # 机房
    COMPLAINTS = "complaints"  # 投诉受理点
    REST = "rest"  # 休息、母婴区
    MONITORING = "monitoring"  # 监控室


class Equipment(Choice):
    """Service equipment of the hall."""

    QUEUE_SYSTEM = "queue_system"  # 排队叫号系统
    EVALUATION_DEVICE = "evaluation_device"  # 服务评价器
    INFORMATION_SCREEN = "information_screen"  # 电子显示屏
    TOUCH_QUERY = "touch_query"  # 触摸查询屏
    SELF_SERVICE_TERMINAL = "self_service_terminal"  # 自助终端
    COPIER = "copier"  # 复印打印设备
    WRITING_DESK = "writing_desk"  # 书写台（含示范文本）
    SEATS = "seats"  # 等候座椅
    DRINKING_WATER = "drinking_water"  # 饮水设施
    READING_GLASSES = "reading_glasses"  # 老花镜等便民用品
    CCTV = "cctv"  # 视频监控
    FIRE_EXTINGUISHERS = "fire_extinguishers"  # 灭火器材
    EMERGENCY_LIGHTING = "emergency_lighting"  # 应急照明和疏散指示
    FIRST_AID_KIT = "first_aid_kit"  # 急救箱
    AIR_CONDITIONING = "air_conditioning"  # 温度调节设备
    WIFI = "wifi"  # 无线网络
    OPINION_BOX = "opinion_box"  # 意见箱


class Location(_Facts):
    """选址."""

    public_transport: bool | None = fact("可乘公共交通到达", "reachable by public transport")
    convenient: bool | None = fact("位于交通便利、便于到达的地段", "in an easily reached area")
    parking_spaces: Count | None = fact("停车位数", "parking spaces")
    accessible_parking: bool | None = fact("设有无障碍停车位", "accessible parking spaces")


class Accessibility(_Facts):
    """无障碍设施."""

    ramp_or_lift: bool | None = fact("无障碍通道（坡道或无障碍电梯）", "ramp or accessible lift")
    accessible_toilet: bool | None = fact("无障碍卫生间", "accessible toilet")
    low_counter: bool | None = fact("低位服务台", "low service counter")
    priority_window: bool | None = fact(
        "绿色通道或优先窗口", "priority window for the elderly and disabled"
    )


class Signage(_Facts):
    """标识."""

    floor_plan: bool | None = fact("入口和大厅有楼层平面图", "floor plan at entrance and hall")
    zone_signs: bool | None = fact("功能区有清晰标识", "zones clearly signed")
    window_direction_signs: bool | None = fact("窗口导向标识", "signs directing to windows")
    safety_signs_gb2894: bool | None = fact(
        "按 GB 2894 设置安全标志（含安全出口、疏散通道）", "safety signs per GB 2894"
    )
    floor_plan_published: bool | None = fact(
        "在入口公示服务现场空间平面示意图", "site layout diagram displayed at the entrance"
    )


class Windows(_Facts):
    """窗口布局."""

    total: Count | None = fact("窗口总数", "number of windows")
    numbered_and_signed: bool | None = fact(
        "窗口统一编号并设标识牌（窗口号、部门或类别）", "windows numbered and signed"
    )
    grouped_by_category: bool | None = fact(
        "按事项类别或主题相对集中布局", "windows grouped by category or theme"
    )
    staff_identity_displayed: bool | None = fact(
        "窗口公示在岗人员姓名、照片和岗位", "window shows staff name, photo and post"
    )
    supplies_standardised: bool | None = fact(
        "规定窗口办公物品种类、数量和摆放位置", "window supplies and their placement standardised"
    )


class Premises(_Facts):
    """服务设施设备 (GB/T 32169.1 ch. 5; GB/T 36112)."""

    location: Location | None = fact("选址", "location")
    floor_area_m2: Annotated[float, Field(ge=0)] | None = fact(
        "服务场所建筑面积（平方米）", "floor area in m²"
    )
    area_adequacy_assessed: bool | None = fact(
        "面积与部门、窗口数和日均人次相适应（经测算）",
        "area assessed as adequate for departments, windows and daily visitors",
    )
    daily_visitors: Count | None = fact("日均服务人次", "average daily visitors")
    lighting_ventilation_ok: bool | None = fact(
        "采光、照明、通风良好并有温度调节", "good light, ventilation and temperature control"
    )
    accessibility: Accessibility | None = fact("无障碍设施", "accessibility")
    signage: Signage | None = fact("标识", "signage")
    zones: list[Zone] | None = fact("已设置的功能区", "functional zones present")
    zone_managers_assigned: bool | None = fact(
        "每个功能区明确管理责任人", "a person responsible for each zone"
    )
    internal_areas_separated: bool | None = fact(
        "对外服务区与后台、档案、机房分开并限制进入", "public and internal areas separated"
    )
    windows: Windows | None = fact("窗口", "windows")
    equipment: list[Equipment] | None = fact("已配备的服务设备", "equipment present")
    equipment_register: bool | None = fact(
        "有设施设备台账和定期检查维护制度", "equipment register and maintenance routine"
    )
    equipment_checks_recorded: bool | None = fact(
        "设备检查和维修有记录", "checks and repairs recorded"
    )
    passages_clear: bool | None = fact(
        "通道和安全出口畅通、无杂物堆放", "passages and exits kept clear"
    )
    lost_property_register: bool | None = fact(
        "遗失物品登记、保管和招领", "lost property registered and returned"
    )


class Department(_Facts):
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


class Departments(_Facts):
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
    items: list[Department] | None = fact("部门清单", "departments")


class MatterCategory(Choice):
    """Category of a matter (事项)."""

    LICENSING = "licensing"  # 行政许可
    OTHER_POWER = "other_power"  # 其他行政权力
    PUBLIC_SERVICE = "public_service"  # 公共服务
    OTHER = "other"


class EntryMode(Choice):
    """How a matter is handled in the centre."""

    FULL = "full"  # 在中心全程办理
    ACCEPT_ONLY = "accept_only"  # 窗口受理、后台办理
    DELEGATED = "delegated"  # 委托受理
    NOT_ENTERED = "not_entered"  # 应进未进


class OnlineDepth(Choice):
    """How far a matter can be handled online."""

    NONE = "none"
    INFORMATION = "information"  # 仅公开信息
    DOWNLOAD = "download"  # 表格下载
    APPLICATION = "application"  # 在线申请
    FULL = "full"  # 全程网办


class Matter(_Facts):
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
        "所需专用设备已同步进驻（无需专用设备可不填）", "special equipment entered with it"
    )


class Matters(_Facts):
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
        "最近一次复核事项目录的日期（检查项可与 assessment.year_ago 比较）", "last catalogue review"
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


class Staff(_Facts):
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


class Policy(_Facts):
    """A written rule of the centre (制度)."""

    adopted: bool = required("已制定并实行", "adopted and in force")
    published: bool | None = fact("已向服务对象公布", "published to the public")
    document: str | None = fact("文件名称或编号", "document title or number")
    reviewed_on: Day | None = fact("最近修订或复核日期", "last reviewed")


class Policies(_Facts):
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


class Notice(Choice):
    """Written notices a window issues."""

    ACCEPTANCE = "acceptance"  # 受理通知书
    CORRECTION = "correction"  # 补正材料通知书
    SERVICE = "service"  # 服务告知单
    REFUSAL = "refusal"  # 不予受理通知书（说明理由和救济途径）
    DELAY = "delay"  # 延期或特别程序告知书


class ExtraService(Choice):
    """Convenience services beyond the counter."""

    APPOINTMENT = "appointment"  # 预约服务
    EXTENDED_HOURS = "extended_hours"  # 延时服务
    ASSISTED = "assisted"  # 帮办代办
    DELIVERY_BY_POST = "delivery_by_post"  # 邮寄送达
    DOOR_TO_DOOR = "door_to_door"  # 上门服务


class CounterService(_Facts):
    """窗口服务提供 (GB/T 32169.3 ch. 3–4)."""

    guidance_desk: bool | None = fact("设咨询引导岗（导服台）", "guidance desk")
    consultation_answered: bool | None = fact(
        "咨询当场答复，不能答复的告知时间并回复", "questions answered on the spot or followed up"
    )
    materials_checked_on_spot: bool | None = fact(
        "当场查验材料是否齐全、符合法定形式", "materials checked on the spot"
    )
    out_of_scope_referral: bool | None = fact(
        "不属受理范围的当场告知并指引", "out-of-scope requests referred on the spot"
    )
    notices_issued: list[Notice] | None = fact("实际出具的书面文书", "written notices issued")
    notice_stubs_kept: bool | None = fact("通知书留存存根或电子记录", "copies of notices kept")
    acceptance_notice_states_deadline: bool | None = fact(
        "受理通知书载明受理编号和承诺时限", "acceptance notice states number and deadline"
    )
    cases_registered_in_system: bool | None = fact(
        "受理后录入系统、生成唯一编号并记录各环节", "cases registered with a unique number"
    )
    on_the_spot_completion: bool | None = fact(
        "即办件当场办结", "simple cases completed on the spot"
    )
    review_per_published_process: bool | None = fact(
        "按公布流程和标准审查决定", "decisions follow the published process"
    )
    delay_notified_in_writing: bool | None = fact(
        "超时限或特别程序书面告知理由和期限", "delays notified in writing"
    )
    refusal_reasons_and_remedies: bool | None = fact(
        "不予受理或许可书面说明理由和救济途径", "refusals state reasons and remedies"
    )
    results_delivered_as_chosen: bool | None = fact(
        "办结后通知并按选择方式送达、签收", "results delivered as chosen and signed for"
    )
    case_files_archived: bool | None = fact("办结后按件归档", "case files archived")
    extra_services: list[ExtraService] | None = fact(
        "提供的便民服务", "convenience services offered"
    )
    business_hours_published: bool | None = fact("公布对外办公时间", "opening hours published")
    no_empty_windows: bool | None = fact(
        "办公时间内窗口无无故空岗（督查确认）", "no unattended windows during opening hours"
    )
    fees_receipted: bool | None = fact("收费出具合法票据", "fees receipted")
    no_extra_conditions: bool | None = fact(
        "未增设办理条件或材料（督查确认）", "no conditions or materials added beyond the guide"
    )
    fallback_procedure: bool | None = fact(
        "系统故障时有手工受理等替代方式", "manual fallback when systems fail"
    )
    dispute_lead_on_call: bool | None = fact(
        "纠纷由窗口或值班负责人到场处理", "a lead attends disputes"
    )


class DisclosureItem(Choice):
    """What a matter's guide discloses."""

    NAME = "name"
    LEGAL_BASIS = "legal_basis"
    CONDITIONS = "conditions"
    MATERIALS = "materials"
    PROCEDURE = "procedure"
    STATUTORY_LIMIT = "statutory_limit"
    PROMISED_LIMIT = "promised_limit"
    FEES = "fees"
    WINDOW = "window"
    CONTACTS = "contacts"  # 咨询和监督电话
    RESULTS = "results"
    FORMS = "forms"  # 表格下载或示范文本


class Channel(Choice):
    """Where information is published."""

    NOTICE_BOARD = "notice_board"
    SCREEN = "screen"
    TOUCH_QUERY = "touch_query"
    LEAFLET = "leaflet"  # 纸质办事指南（一事一单）
    WEBSITE = "website"
    MOBILE_APP = "mobile_app"
    HOTLINE = "hotline"


class Disclosure(_Facts):
    """信息公开 (GB/T 32169.3 ch. 6)."""

    guide_items: list[DisclosureItem] | None = fact(
        "办事指南公开的要素", "items every service guide discloses"
    )
    channels: list[Channel] | None = fact("公开渠道", "channels used")
    progress_query: bool | None = fact(
        "提供办件进度和结果查询途径", "progress and result can be queried"
    )
    results_published: bool | None = fact("依法公开办理结果", "results published where lawful")
    update_days: Days | None = fact(
        "信息变化后更新所需天数（承诺）", "days to update after a change (commitment)"
    )
    updates_dated: bool | None = fact("更新记录日期", "updates dated")
    consistent_across_channels: bool | None = fact(
        "现场与网站信息一致", "on-site and online information consistent"
    )
    departments_and_windows_published: bool | None = fact(
        "公开进驻部门和窗口分布", "departments and window locations published"
    )
    supervision_channels_published: bool | None = fact(
        "公开投诉电话、意见箱、网上留言等监督渠道", "supervision channels published"
    )


class Etiquette(_Facts):
    """服务礼仪 (GB/T 32169.3 ch. 5; GB/T 36112 ch. 5)."""

    dress_code: bool | None = fact("统一着装", "dress code")
    name_badges: bool | None = fact("佩戴工作牌", "name badges")
    greeting_and_two_hands: bool | None = fact(
        "主动招呼、双手递接", "greet and hand over with both hands"
    )
    no_unrelated_activities: bool | None = fact(
        "在岗不做无关事（督查确认）", "no unrelated activity at the window"
    )
    pause_sign: bool | None = fact("离岗放置暂停服务提示牌", "pause sign when away")
    mandarin: bool | None = fact("使用普通话，必要时方言", "Mandarin, dialect when needed")
    patient_explanation: bool | None = fact("耐心解释，直至明白", "patient explanation")
    de_escalation: bool | None = fact("情绪激动时先安抚并请负责人处理", "de-escalation routine")
    appearance_checks: bool | None = fact(
        "日常检查仪容仪表并记录", "appearance checked and recorded"
    )
    code_distributed_to_windows: bool | None = fact(
        "礼仪规范已发放到每个窗口", "etiquette code handed to every window"
    )
    equal_treatment: bool | None = fact(
        "平等对待服务对象（无刁难推诿投诉）", "equal treatment, no complaints of obstruction"
    )


class SupervisionForm(Choice):
    """Forms of supervision."""

    ON_SITE_INSPECTION = "on_site_inspection"  # 现场巡查
    VIDEO_INSPECTION = "video_inspection"  # 视频巡查
    MYSTERY_VISIT = "mystery_visit"  # 暗访
    PUBLIC_SUPERVISORS = "public_supervisors"  # 社会监督员
    ELECTRONIC_MONITORING = "electronic_monitoring"  # 电子监察
    DEPUTY_REVIEW = "deputy_review"  # 人大代表、政协委员评议


class RatedAspect(Choice):
    """What applicants are asked to rate."""

    ATTITUDE = "attitude"  # 服务态度
    EFFICIENCY = "efficiency"  # 办事效率
    OUTCOME = "outcome"  # 办理结果
    ENVIRONMENT = "environment"  # 服务环境


class RatingChannel(Choice):
    """How ratings are collected."""

    EVALUATION_DEVICE = "evaluation_device"
    QR_CODE = "qr_code"
    CALLBACK = "callback"  # 回访
    QUESTIONNAIRE = "questionnaire"
    SMS = "sms"
    WEBSITE = "website"
    MOBILE_APP = "mobile_app"
    HOTLINE = "hotline"


class ComplaintChannel(Choice):
    """How complaints arrive."""

    ON_SITE = "on_site"
    PHONE = "phone"
    LETTER = "letter"
    ONLINE = "online"
    OPINION_BOX = "opinion_box"


class Satisfaction(_Facts):
    """满意度评价 (GB/T 32169.3 ch. 7; GB/T 39734)."""

    channels: list[RatingChannel] | None = fact("评价渠道", "rating channels")
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


class Complaints(_Facts):
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


class Supervision(_Facts):
    """监督与评价 (GB/T 32169.1 ch. 7; GB/T 32169.3 ch. 7)."""

    forms: list[SupervisionForm] | None = fact("监督形式", "forms of supervision")
    inspections_recorded: bool | None = fact("督查结果有记录", "inspection results recorded")
    satisfaction: Satisfaction | None = fact("满意度评价", "satisfaction ratings")
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


class WindowEvaluation(_Facts):
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

    ENTRY_IMPLEMENTATION_RATE = "entry_implementation_rate"  # 事项进驻落实率
    AUTHORISATION_EXECUTION_RATE = "authorisation_execution_rate"  # 窗口授权执行率
    SPEED_UP_RATE = "speed_up_rate"  # 办理提速率
    ON_THE_SPOT_RATE = "on_the_spot_rate"  # 现场办结率
    JOINT_HANDLING_RATE = "joint_handling_rate"  # 联办率
    ONLINE_ACCEPTANCE_RATE = "online_acceptance_rate"  # 网上受理率
    SATISFACTION_RATE = "satisfaction_rate"  # 窗口服务满意率
    ABNORMAL_CASES = "abnormal_cases"  # 异常办理件数
    COMPLAINT_RATE = "complaint_rate"  # 投诉率
    COMPLAINT_SATISFACTION_RATE = "complaint_satisfaction_rate"  # 投诉处理满意率


class Indicators(_Facts):
    """Window-service indicators for one period (GB/T 32169.4 ch. 6; toolkit formulas)."""

    period_start: Day | None = fact("统计期起", "period start")
    period_end: Day | None = fact("统计期止", "period end")
    source: str | None = fact("来源：self_reported 自报或 computed 由 gbstd kpi 计算", "source")
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
        "本统计期计算了的指标（空列表表示一项也未计算）",
        "indicators computed for the period (an empty list: none)",
    )
    counts_kept: list[IndicatorName] | None = fact(
        "保留了分子分母数据的指标", "indicators whose numerator and denominator are kept"
    )


class Safety(_Facts):
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


class Operations(_Facts):
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


class Online(_Facts):
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


class Subsystem(Choice):
    """The four sub-systems of a centre's standard system (GB/T 32170.2)."""

    GENERAL_BASIC = "general_basic"  # 通用基础
    SERVICE_PROVISION = "service_provision"  # 服务提供
    MANAGEMENT = "management"  # 管理
    POST_WORK = "post_work"  # 岗位工作


class StandardStatus(Choice):
    """Status of one of the centre's own standards."""

    PLANNED = "planned"  # 拟制定
    DRAFTING = "drafting"  # 在编
    PUBLISHED = "published"  # 已发布（现行）
    WITHDRAWN = "withdrawn"  # 已废止


class StandardType(Choice):
    """The kind of a standard in the system (GB/T 32170.2 ch. 5–8)."""

    GENERAL_BASIC = "general_basic"  # 通用基础标准
    SERVICE_SPECIFICATION = "service_specification"  # 服务规范
    SERVICE_PROCEDURE = "service_procedure"  # 服务提供规程
    MANAGEMENT = "management"  # 管理标准
    POST_WORK = "post_work"  # 岗位工作标准


class SystemLevel(Choice):
    """The level a service or management standard applies at (GB/T 32170.2)."""

    GENERAL = "general"  # 通用（中心）
    MANAGEMENT_BODY = "management_body"  # 管理机构
    WINDOW = "window"  # 窗口


class ManagementArea(Choice):
    """The eight sub-systems of the management standards (GB/T 32170.2 ch. 7)."""

    HUMAN_RESOURCES = "human_resources"  # 人力资源管理
    FACILITIES = "facilities"  # 设施设备管理
    ENERGY_ENVIRONMENT = "energy_environment"  # 能源与环境管理
    INFORMATION = "information"  # 信息管理
    FINANCE = "finance"  # 财务管理
    SAFETY_EMERGENCY = "safety_emergency"  # 安全与应急管理
    SUPERVISION_APPRAISAL = "supervision_appraisal"  # 监督与考核
    EVALUATION_IMPROVEMENT = "evaluation_improvement"  # 评价与改进


class ServiceQuality(Choice):
    """The eight qualities of the service result that service specifications address (seed)."""

    FUNCTIONALITY = "functionality"  # 功能性
    ECONOMY = "economy"  # 经济性
    REGULARITY = "regularity"  # 规范性
    TIMELINESS = "timeliness"  # 时间性
    CIVILITY = "civility"  # 文明性
    CONVENIENCE = "convenience"  # 方便性
    COMFORT = "comfort"  # 舒适性
    SAFETY = "safety"  # 安全性


class OwnStandard(_Facts):
    """One standard in the centre's standard system (its own, or one it adopts)."""

    name: str = required("标准名称", "title", min_length=1)
    number: str | None = fact("标准编号", "number")
    subsystem: Subsystem | None = fact("所属分体系", "sub-system")
    type: StandardType | None = fact(
        "标准类型（通用基础、服务规范、服务提供规程、管理标准、岗位工作标准）", "type"
    )
    level: SystemLevel | None = fact("层面（通用、管理机构、窗口）", "level")
    management_area: ManagementArea | None = fact(
        "管理标准所属子体系（人力资源……评价与改进）", "management sub-system"
    )
    quality: ServiceQuality | None = fact(
        "服务规范所针对的服务质量特性（功能性……安全性）", "service quality a specification is for"
    )
    post: str | None = fact("岗位工作标准所对应的岗位", "the post a post standard is for")
    status: StandardStatus | None = fact("状态", "status")
    external: bool | None = fact("采用的国家、行业或地方标准", "an adopted external standard")
    issued_on: Day | None = fact("发布日期", "issue date")


class Standardization(_Facts):
    """标准化工作 (GB/T 32170.1, 32170.2)."""

    leading_group: bool | None = fact("标准化工作领导小组（主要负责人牵头）", "leading group")
    working_unit: bool | None = fact("明确标准化日常工作科室并规定职责", "unit for daily work")
    staff: Count | None = fact("标准化工作人员数（专兼职）", "standardization staff")
    full_time_staff: Count | None = fact("专职标准化工作人员数", "full-time standardization staff")
    staff_trained_yearly: bool | None = fact("标准化人员每年参加专业培训", "staff trained yearly")
    specialist_trainings_per_year: Count | None = fact(
        "标准化人员每年参加专业培训的次数",
        "professional trainings per year of standardization staff",
    )
    tasks_documented: bool | None = fact(
        "书面明确标准化任务和责任科室", "tasks and owners documented"
    )
    plan: bool | None = fact("标准化工作总体规划（目标、范围、阶段）", "overall plan")
    plan_tasks_tracked: bool | None = fact("规划任务分解并跟踪", "plan tasks assigned and tracked")
    annual_programme: bool | None = fact("年度标准制修订计划", "annual drafting programme")
    service_policy_published: bool | None = fact(
        "发布服务方针和目标", "service policy and objectives"
    )
    system_established: bool | None = fact("已建立标准体系", "standard system established")
    system_subsystems: list[Subsystem] | None = fact("标准体系包含的分体系", "sub-systems present")
    structure_diagram: bool | None = fact("标准体系结构图", "structure diagram")
    system_table: bool | None = fact(
        "标准体系表（明细表：编号、名称、分体系、状态）", "standard system table"
    )
    statistics_table: bool | None = fact("标准统计表", "statistics table")
    system_explanation: bool | None = fact(
        "体系编制说明（目标、依据、增删理由）", "explanatory notes"
    )
    system_updated_on_change: bool | None = fact(
        "体系表随标准变化及时更新并标版本", "table kept current"
    )
    local_features_included: bool | None = fact("纳入本地特色标准并标明", "local features included")
    system_covers_matters: bool | None = fact(
        "体系表与事项和运行环节比对，主要环节有标准覆盖",
        "system checked against matters and operations",
    )
    levels_organised: bool | None = fact(
        "服务和管理标准按通用、管理机构、窗口三个层面组织",
        "standards organised by general/body/window level",
    )
    procedures_complete: bool | None = fact(
        "服务提供规程写明范围、步骤、岗位、时限和表单",
        "procedures state scope, steps, posts, times, forms",
    )
    post_standards_complete: bool | None = fact(
        "岗位标准写明职责、任职条件、工作内容和考核",
        "post standards state duties, qualifications, work, appraisal",
    )
    post_standards_reference_service_standards: bool | None = fact(
        "窗口岗位标准引用适用的服务标准", "window post standards cite service standards"
    )
    external_standards_checked_yearly: bool | None = fact(
        "每年核查采用的外部标准是否现行有效", "adopted standards checked yearly"
    )
    adoption_form_recorded: bool | None = fact(
        "明细表注明外部标准采用形式", "adoption form recorded"
    )
    standards: list[OwnStandard] | None = fact("体系内的标准", "standards in the system")
    management_posts: list[str] | None = fact(
        "管理机构的全部岗位（与岗位工作标准的 post 一致）",
        "every post of the management body (as named in post standards' post)",
        max_length=MAX_POSTS,
    )
    window_posts: list[str] | None = fact(
        "窗口的全部岗位，如窗口负责人、窗口工作人员（与 post 一致）",
        "every window post, such as window lead and window staff (as named in post)",
        max_length=MAX_POSTS,
    )
    drafting_groups: bool | None = fact("每项标准有起草小组（含业务人员）", "drafting groups")
    user_research: bool | None = fact("起草前调研服务对象需求", "user needs researched")
    projects_from_service_problems: bool | None = fact(
        "根据服务问题确定制修订项目并记录理由",
        "projects chosen from service problems, reasons kept",
    )
    reviewers_mixed: bool | None = fact(
        "审查人员含业务和标准化人员", "reviewers include business and standards staff"
    )
    departments_consulted: bool | None = fact(
        "征求意见稿发送进驻部门和窗口", "departments consulted"
    )
    public_consulted: bool | None = fact("涉及办事的标准公开征求意见", "public consulted")
    comments_table: bool | None = fact("形成意见汇总处理表", "comments table")
    formal_review: bool | None = fact("送审稿经会审或函审并有纪要", "formal review with minutes")
    approval_before_release: bool | None = fact(
        "经负责人或领导小组批准后发布", "approved before release"
    )
    numbered_release: bool | None = fact(
        "正式文件发布，统一编号和日期", "released formally with numbers"
    )
    published_to_public: bool | None = fact(
        "办事相关标准向社会公开", "public-facing standards published"
    )
    legal_review: bool | None = fact("发布前合法性审核", "legal review before release")
    references_listed: bool | None = fact(
        "标准列明依据的法规和引用标准", "bases and references listed"
    )
    participation_recorded: bool | None = fact(
        "部门和窗口参与起草实施有记录", "participation recorded"
    )
    implementation_plans: bool | None = fact("制定实施方案", "implementation plans")
    implementation_owners_assigned: bool | None = fact(
        "每项已发布标准有明确的实施责任单位", "each published standard has an owner"
    )
    implementation_training: bool | None = fact(
        "实施前宣贯培训并记录", "training before implementation"
    )
    texts_available_at_posts: bool | None = fact(
        "现行标准文本分发到岗位", "texts available at posts"
    )
    implementation_checks_per_year: Count | None = fact(
        "每年实施检查次数", "implementation checks per year"
    )
    implementation_records: bool | None = fact("保存实施台账表单", "implementation records kept")
    corrective_actions: bool | None = fact(
        "对效果不佳的标准采取纠正措施", "corrective actions taken"
    )
    corrective_actions_verified: bool | None = fact(
        "跟踪验证纠正措施", "corrective actions verified"
    )
    evaluations_per_year: Count | None = fact(
        "每年标准化工作自我评价次数", "self-evaluations per year"
    )
    evaluation_uses_service_data: bool | None = fact(
        "评价纳入满意度、投诉等结果数据", "evaluation uses service results"
    )
    improvement_actions: bool | None = fact(
        "根据评价制定改进措施并跟踪", "improvement actions tracked"
    )
    revisions_recorded: bool | None = fact("评价结果用于修订标准并记录依据", "revisions recorded")
    standards_reviewed_yearly: bool | None = fact("每年复审现行标准", "standards reviewed yearly")
    standards_reviews_per_year: Count | None = fact(
        "每年复审现行标准的次数", "reviews of current standards per year"
    )
    external_standards_checks_per_year: Count | None = fact(
        "每年核查外部标准有效性的次数", "checks per year that adopted standards are current"
    )
    staff_training_yearly: bool | None = fact(
        "每年开展标准化知识培训", "yearly standardization training"
    )
    staff_trainings_per_year: Count | None = fact(
        "每年对管理人员和窗口人员开展标准化知识培训的次数",
        "standardization trainings per year for managers and window staff",
    )
    post_standards_cover_all_posts: bool | None = fact(
        "岗位工作标准覆盖全部岗位", "post standards cover all posts"
    )


class Evidence(_Facts):
    """An evidence reference: a document, photo, screenshot or record."""

    id: str = required(
        "证据编号（在本文件内唯一）", "evidence id, unique in this file", min_length=1
    )
    title: str = required("名称", "title", min_length=1)
    path: str | None = fact("文件路径（相对本文件）", "file path, relative to this file")
    url: str | None = fact("网址", "URL")
    effective: Day | None = fact("生效或形成日期", "effective date")
    expires: Day | None = fact("失效日期", "expiry date")
    sha256: Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$")] | None = fact(
        "文件 SHA-256 校验值", "SHA-256 of the file"
    )
    supports: list[str] | None = fact("支持的要求编号", "requirement ids it supports")
    facts: list[str] | None = fact(
        "支持的事实路径（如 policies.first_contact）", "fact paths it backs"
    )

    @model_validator(mode="after")
    def _needs_a_location(self) -> Self:
        if not self.path and not self.url:
            raise PydanticCustomError("gbstd_evidence_location", "give path or url", {})
        return self


class NotApplicable(_Facts):
    """A declaration that a requirement (or every requirement under a node) does not apply."""

    requirement: str = required(
        "要求编号，或章、条编号（如 GB/T 32168-2015 表示整个标准）",
        "requirement, node or standard id",
    )
    reason: str = required("不适用理由", "reason", min_length=2)


class Waiver(_Facts):
    """An accepted gap: the status stays visible, marked waived until the waiver expires."""

    requirement: str = required("要求编号", "requirement id", min_length=1)
    reason: str = required("豁免理由", "reason", min_length=2)
    approver: str = required("批准人", "approver", min_length=1)
    expires: Day = required("到期日期", "expiry date")


class CentreDescription(_Facts):
    """Everything a centre states about itself for ``gbstd assess``."""

    format_version: int = required("格式版本，固定为 1", "format version, always 1", ge=1, le=1)
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
