"""Standardisation work and the centre's own standard system (GB/T 32170.1, .2)."""

from gbstd.description.base import MAX_POSTS, Choice, Count, Day, Facts, fact, required


class Subsystem(Choice):
    """The four sub-systems of a centre's standard system (GB/T 32170.2)."""

    GENERAL_BASIC = "general_basic", "通用基础"
    SERVICE_PROVISION = "service_provision", "服务提供"
    MANAGEMENT = "management", "管理"
    POST_WORK = "post_work", "岗位工作"


class StandardStatus(Choice):
    """Status of one of the centre's own standards."""

    PLANNED = "planned", "拟制定"
    DRAFTING = "drafting", "在编"
    PUBLISHED = "published", "已发布（现行）"
    WITHDRAWN = "withdrawn", "已废止"


class StandardType(Choice):
    """The kind of a standard in the system (GB/T 32170.2 ch. 5–8)."""

    GENERAL_BASIC = "general_basic", "通用基础标准"
    SERVICE_SPECIFICATION = "service_specification", "服务规范"
    SERVICE_PROCEDURE = "service_procedure", "服务提供规程"
    MANAGEMENT = "management", "管理标准"
    POST_WORK = "post_work", "岗位工作标准"


class SystemLevel(Choice):
    """The level a service or management standard applies at (GB/T 32170.2)."""

    GENERAL = "general", "通用（中心）"
    MANAGEMENT_BODY = "management_body", "管理机构"
    WINDOW = "window", "窗口"


class ManagementArea(Choice):
    """The eight sub-systems of the management standards (GB/T 32170.2 ch. 7)."""

    HUMAN_RESOURCES = "human_resources", "人力资源管理"
    FACILITIES = "facilities", "设施设备管理"
    ENERGY_ENVIRONMENT = "energy_environment", "能源与环境管理"
    INFORMATION = "information", "信息管理"
    FINANCE = "finance", "财务管理"
    SAFETY_EMERGENCY = "safety_emergency", "安全与应急管理"
    SUPERVISION_APPRAISAL = "supervision_appraisal", "监督与考核"
    EVALUATION_IMPROVEMENT = "evaluation_improvement", "评价与改进"


class ServiceQuality(Choice):
    """The eight qualities of the service result that service specifications address (seed)."""

    FUNCTIONALITY = "functionality", "功能性"
    ECONOMY = "economy", "经济性"
    REGULARITY = "regularity", "规范性"
    TIMELINESS = "timeliness", "时间性"
    CIVILITY = "civility", "文明性"
    CONVENIENCE = "convenience", "方便性"
    COMFORT = "comfort", "舒适性"
    SAFETY = "safety", "安全性"


class OwnStandard(Facts):
    """One standard in the centre's standard system (its own, or one it adopts)."""

    name: str = required(
        "标准名称",
        "title",
        note="标准的全称，与发布文件一致，例：政务服务中心窗口服务规范",
        min_length=1,
    )
    number: str | None = fact(
        "标准编号",
        "number",
        note="发布文件上的标准编号，例：DB37/T 1234-2020 或中心内部编号；未编号的留空",
    )
    subsystem: Subsystem | None = fact(
        "所属分体系", "sub-system", note="选该标准在体系中所属的分体系，以标准明细表为准"
    )
    type: StandardType | None = fact(
        "标准类型（通用基础、服务规范、服务提供规程、管理标准、岗位工作标准）",
        "type",
        note="选标准类型；不填时工具按名称关键词推断，例：《窗口服务规范》选“服务规范”",
    )
    level: SystemLevel | None = fact(
        "层面（通用、管理机构、窗口）",
        "level",
        note="选标准适用的层面，例：全中心通用的选“通用（中心）”，只用于窗口的选“窗口”",
    )
    management_area: ManagementArea | None = fact(
        "管理标准所属子体系（人力资源……评价与改进）",
        "management sub-system",
        note="仅管理标准填写，选所属子体系，例：《安全管理制度》选“安全与应急管理”",
    )
    quality: ServiceQuality | None = fact(
        "服务规范所针对的服务质量特性（功能性……安全性）",
        "service quality a specification is for",
        note="仅服务规范填写，选主要针对的质量特性，例：《服务时限规范》选“时间性”",
    )
    post: str | None = fact(
        "岗位工作标准所对应的岗位",
        "the post a post standard is for",
        note="仅岗位工作标准填写，写法与“全部岗位”中的岗位名称一致，例：窗口负责人",
    )
    status: StandardStatus | None = fact(
        "状态", "status", note="选标准当前状态，例：已印发执行的选“已发布（现行）”"
    )
    external: bool | None = fact(
        "采用的国家、行业或地方标准",
        "an adopted external standard",
        note="采用的国家、行业或地方标准填“是”，中心自己制定的填“否”",
    )
    issued_on: Day | None = fact(
        "发布日期", "issue date", note="发布文件上的日期，格式 YYYY-MM-DD，例：2023-06-01"
    )


class Standardization(Facts):
    """标准化工作 (GB/T 32170.1, 32170.2)."""

    leading_group: bool | None = fact(
        "标准化工作领导小组（主要负责人牵头）",
        "leading group",
        note="有文件成立由中心主要负责人任组长的标准化工作领导小组的填“是”",
    )
    working_unit: bool | None = fact(
        "明确标准化日常工作科室并规定职责",
        "unit for daily work",
        note="有文件指定负责标准化日常工作的科室并写明职责的填“是”，以该文件为准",
    )
    staff: Count | None = fact(
        "标准化工作人员数（专兼职）",
        "standardization staff",
        note="从事标准化工作的专职和兼职人数合计，例：3",
    )
    full_time_staff: Count | None = fact(
        "专职标准化工作人员数",
        "full-time standardization staff",
        note="其中专职人数，包含在专兼职人数之内，例：1；没有专职的填0",
    )
    specialist_trainings_per_year: Count | None = fact(
        "标准化人员每年参加专业培训的次数",
        "professional trainings per year of standardization staff",
        note="填最近12个月标准化人员参加专业培训的次数，例：2",
    )
    tasks_documented: bool | None = fact(
        "书面明确标准化任务和责任科室",
        "tasks and owners documented",
        note="有文件写明各项标准化任务及对应责任科室的填“是”，例：任务分工表",
    )
    plan: bool | None = fact(
        "标准化工作总体规划（目标、范围、阶段）",
        "overall plan",
        note="有写明目标、范围和阶段安排的标准化工作总体规划的填“是”，以印发的规划为准",
    )
    plan_tasks_tracked: bool | None = fact(
        "规划任务分解并跟踪",
        "plan tasks assigned and tracked",
        note="规划任务分解到科室并定期跟踪完成情况的填“是”，以跟踪记录为准",
    )
    annual_programme: bool | None = fact(
        "年度标准制修订计划",
        "annual drafting programme",
        note="有本年度标准制定、修订计划的填“是”，例：年度标准制修订项目表",
    )
    service_policy_published: bool | None = fact(
        "发布服务方针和目标",
        "service policy and objectives",
        note="以文件确定并发布了服务方针和服务目标的填“是”，以发布文件为准",
    )
    system_established: bool | None = fact(
        "已建立标准体系",
        "standard system established",
        note="已编制并印发本中心标准体系的填“是”，以体系文件为准",
    )
    system_subsystems: list[Subsystem] | None = fact(
        "标准体系包含的分体系",
        "sub-systems present",
        note="逐项回答标准体系中是否有该分体系，以体系结构图为准",
    )
    structure_diagram: bool | None = fact(
        "标准体系结构图",
        "structure diagram",
        note="体系文件中有标明各分体系及其层次关系的结构图的填“是”",
    )
    system_table: bool | None = fact(
        "标准体系表（明细表：编号、名称、分体系、状态）",
        "standard system table",
        note="有逐项列出标准编号、名称、所属分体系和状态的明细表的填“是”",
    )
    statistics_table: bool | None = fact(
        "标准统计表",
        "statistics table",
        note="有按分体系统计标准数量（现行、拟制定等）的统计表的填“是”",
    )
    system_explanation: bool | None = fact(
        "体系编制说明（目标、依据、增删理由）",
        "explanatory notes",
        note="有写明体系目标、依据和对模板增删理由的编制说明的填“是”",
    )
    system_updated_on_change: bool | None = fact(
        "体系表随标准变化及时更新并标版本",
        "table kept current",
        note="标准增删后及时更新体系表、标明版本和更新日期的填“是”",
    )
    local_features_included: bool | None = fact(
        "纳入本地特色标准并标明",
        "local features included",
        note="体系中收录反映本地改革或特色服务的标准并加以标明的填“是”",
    )
    system_covers_matters: bool | None = fact(
        "体系表与事项和运行环节比对，主要环节有标准覆盖",
        "system checked against matters and operations",
        note="已把体系表与进驻事项、运行环节逐一比对，主要环节都有标准的填“是”",
    )
    levels_organised: bool | None = fact(
        "服务和管理标准按通用、管理机构、窗口三个层面组织",
        "standards organised by general/body/window level",
        note="服务规范和管理标准分通用、管理机构、窗口三个层面编排的填“是”，以结构图为准",
    )
    procedures_complete: bool | None = fact(
        "服务提供规程写明范围、步骤、岗位、时限和表单",
        "procedures state scope, steps, posts, times, forms",
        note="每项服务提供规程都写明范围、步骤、责任岗位、时限和表单的填“是”",
    )
    post_standards_complete: bool | None = fact(
        "岗位标准写明职责、任职条件、工作内容和考核",
        "post standards state duties, qualifications, work, appraisal",
        note="每项岗位工作标准都写明职责、任职条件、工作内容和考核的填“是”",
    )
    post_standards_reference_service_standards: bool | None = fact(
        "窗口岗位标准引用适用的服务标准",
        "window post standards cite service standards",
        note="窗口岗位标准引用了该窗口适用的服务规范和服务提供规程的填“是”",
    )
    adoption_form_recorded: bool | None = fact(
        "明细表注明外部标准采用形式",
        "adoption form recorded",
        note="明细表逐项注明外部标准是直接采用还是转化后采用的填“是”",
    )
    standards: list[OwnStandard] | None = fact(
        "体系内的标准",
        "standards in the system",
        note="一行一项，列出标准体系内的全部标准，可从标准明细表复制",
    )
    management_posts: list[str] | None = fact(
        "管理机构的全部岗位",
        "every post of the management body (as named in post standards' post)",
        note="与标准清单中岗位工作标准的“岗位”写法一致；多项用“；”分隔",
        max_length=MAX_POSTS,
    )
    window_posts: list[str] | None = fact(
        "窗口的全部岗位",
        "every window post, such as window lead and window staff (as named in post)",
        note="如窗口负责人、窗口工作人员，与岗位工作标准的“岗位”写法一致；多项用“；”分隔",
        max_length=MAX_POSTS,
    )
    drafting_groups: bool | None = fact(
        "每项标准有起草小组（含业务人员）",
        "drafting groups",
        note="每项标准都成立有业务人员参加的起草小组的填“是”，例：起草组名单",
    )
    user_research: bool | None = fact(
        "起草前调研服务对象需求",
        "user needs researched",
        note="起草前调研服务对象需求和服务现状并有记录的填“是”，例：调研报告",
    )
    projects_from_service_problems: bool | None = fact(
        "根据服务问题确定制修订项目并记录理由",
        "projects chosen from service problems, reasons kept",
        note="按服务对象反映的问题和薄弱环节确定制修订项目、并记录理由的填“是”",
    )
    reviewers_mixed: bool | None = fact(
        "审查人员含业务和标准化人员",
        "reviewers include business and standards staff",
        note="标准审查人员中既有业务人员、也有标准化人员的填“是”，以审查签到表为准",
    )
    departments_consulted: bool | None = fact(
        "征求意见稿发送进驻部门和窗口",
        "departments consulted",
        note="征求意见稿发给进驻部门和窗口征求意见的填“是”，以反馈意见为准",
    )
    public_consulted: bool | None = fact(
        "涉及办事的标准公开征求意见",
        "public consulted",
        note="涉及办事的标准在网站或大厅向社会公开征求意见的填“是”",
    )
    comments_table: bool | None = fact(
        "形成意见汇总处理表",
        "comments table",
        note="对收到的意见形成汇总处理表（是否采纳及理由）的填“是”",
    )
    formal_review: bool | None = fact(
        "送审稿经会审或函审并有纪要",
        "formal review with minutes",
        note="送审稿经会议审查或函审，并形成审查意见或会议纪要的填“是”",
    )
    approval_before_release: bool | None = fact(
        "经负责人或领导小组批准后发布",
        "approved before release",
        note="标准经中心负责人或领导小组批准后才发布的填“是”，以签批件为准",
    )
    numbered_release: bool | None = fact(
        "正式文件发布，统一编号和日期",
        "released formally with numbers",
        note="标准以正式文件发布、统一编号并注明发布日期的填“是”，以发布文件为准",
    )
    published_to_public: bool | None = fact(
        "办事相关标准向社会公开",
        "public-facing standards published",
        note="与办事有关的标准在网站或大厅向社会公开的填“是”",
    )
    legal_review: bool | None = fact(
        "发布前合法性审核",
        "legal review before release",
        note="自制标准发布前都经过合法性审核的填“是”，以审核意见为准",
    )
    references_listed: bool | None = fact(
        "标准列明依据的法规和引用标准",
        "bases and references listed",
        note="标准文本列明所依据的法规政策和引用的标准的填“是”",
    )
    participation_recorded: bool | None = fact(
        "部门和窗口参与起草实施有记录",
        "participation recorded",
        note="进驻部门和窗口参与起草、讨论、实施都留有记录的填“是”，例：会议签到表",
    )
    implementation_plans: bool | None = fact(
        "制定实施方案",
        "implementation plans",
        note="标准发布后制定了实施方案（分工、进度）的填“是”",
    )
    implementation_owners_assigned: bool | None = fact(
        "每项已发布标准有明确的实施责任单位",
        "each published standard has an owner",
        note="每项已发布标准都明确了负责实施的科室或窗口的填“是”，例：明细表注明责任科室",
    )
    implementation_training: bool | None = fact(
        "实施前宣贯培训并记录",
        "training before implementation",
        note="标准实施前对适用岗位人员宣贯培训并有记录的填“是”",
    )
    texts_available_at_posts: bool | None = fact(
        "现行标准文本分发到岗位",
        "texts available at posts",
        note="岗位人员能随时查阅现行标准文本（纸质或电子）的填“是”",
    )
    implementation_checks_per_year: Count | None = fact(
        "每年实施检查次数",
        "implementation checks per year",
        note="填最近12个月检查标准实施情况的次数，例：4",
    )
    implementation_records: bool | None = fact(
        "保存实施台账表单",
        "implementation records kept",
        note="保存了标准实施中的台账和表单的填“是”，例：执行记录表",
    )
    corrective_actions: bool | None = fact(
        "对效果不佳的标准采取纠正措施",
        "corrective actions taken",
        note="对实施效果不好的标准采取了纠正措施的填“是”，以整改记录为准",
    )
    corrective_actions_verified: bool | None = fact(
        "跟踪验证纠正措施",
        "corrective actions verified",
        note="纠正措施落实后跟踪验证了效果的填“是”，以验证记录为准",
    )
    evaluations_per_year: Count | None = fact(
        "每年标准化工作自我评价次数",
        "self-evaluations per year",
        note="填最近12个月标准化工作自我评价的次数，例：1",
    )
    evaluation_uses_service_data: bool | None = fact(
        "评价纳入满意度、投诉等结果数据",
        "evaluation uses service results",
        note="自我评价用到满意度、投诉等服务结果数据的填“是”，例：引用满意率、投诉率",
    )
    improvement_actions: bool | None = fact(
        "根据评价制定改进措施并跟踪",
        "improvement actions tracked",
        note="根据评价结果制定改进措施并跟踪落实的填“是”，以改进措施跟踪表为准",
    )
    revisions_recorded: bool | None = fact(
        "评价结果用于修订标准并记录依据",
        "revisions recorded",
        note="根据评价结果修订体系或标准，并记录修订依据的填“是”",
    )
    standards_reviews_per_year: Count | None = fact(
        "每年复审现行标准的次数",
        "reviews of current standards per year",
        note="填最近12个月复审现行标准的次数，例：1",
    )
    external_standards_checks_per_year: Count | None = fact(
        "每年核查外部标准有效性的次数",
        "checks per year that adopted standards are current",
        note="填最近12个月核查所采用外部标准是否现行有效的次数，例：1",
    )
    staff_trainings_per_year: Count | None = fact(
        "每年对管理人员和窗口人员开展标准化知识培训的次数",
        "standardization trainings per year for managers and window staff",
        note="填最近12个月标准化知识培训的次数，例：2",
    )
    post_standards_cover_all_posts: bool | None = fact(
        "岗位工作标准覆盖全部岗位",
        "post standards cover all posts",
        note="管理机构和窗口的每个岗位都有已发布的岗位工作标准的填“是”",
    )
