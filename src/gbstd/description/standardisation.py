"""Standardisation work and the centre's own standard system (GB/T 32170.1, .2)."""

from gbstd.description.base import MAX_POSTS, Choice, Count, Day, Facts, fact, required


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


class OwnStandard(Facts):
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


class Standardization(Facts):
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
