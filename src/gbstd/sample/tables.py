"""The fixed tables synthetic centres are drawn from: places, departments, matters, facts."""

from __future__ import annotations

import math
from datetime import date
from typing import NamedTuple

# National counts (reference/standards-facts.md §5): 377 provincial and city-level centres
# (split 31 provincial, 346 city), 2,740 district/county and 37,334 township/street centres.
NATIONAL_COUNTS: dict[str, int] = {
    "province": 31,
    "city": 346,
    "county": 2740,
    "township": 37334,
}
_NATIONAL_TOTAL = sum(NATIONAL_COUNTS.values())
LEVEL_BOUNDS: tuple[tuple[float, str], ...] = tuple(
    (sum(list(NATIONAL_COUNTS.values())[: i + 1]) / _NATIONAL_TOTAL, level)
    for i, level in enumerate(NATIONAL_COUNTS)
)
GOLDEN = (math.sqrt(5) - 1) / 2

# The 31 provincial-level divisions, weighted by their (approximate) number of county-level
# divisions so that counties and townships spread as they do nationally.
_PROVINCES: tuple[tuple[str, int], ...] = (
    ("北京市", 16), ("天津市", 16), ("河北省", 167), ("山西省", 117), ("内蒙古自治区", 103),
    ("辽宁省", 100), ("吉林省", 60), ("黑龙江省", 121), ("上海市", 16), ("江苏省", 95),
    ("浙江省", 90), ("安徽省", 104), ("福建省", 84), ("江西省", 100), ("山东省", 136),
    ("河南省", 157), ("湖北省", 103), ("湖南省", 122), ("广东省", 122), ("广西壮族自治区", 111),
    ("海南省", 25), ("重庆市", 38), ("四川省", 183), ("贵州省", 88), ("云南省", 129),
    ("西藏自治区", 74), ("陕西省", 107), ("甘肃省", 86), ("青海省", 44),
    ("宁夏回族自治区", 22), ("新疆维吾尔自治区", 107),
)  # fmt: skip
PROVINCE_NAMES = tuple(name for name, _ in _PROVINCES)
PROVINCE_CUM = tuple(sum(w for _, w in _PROVINCES[: i + 1]) for i in range(len(_PROVINCES)))
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
NON_MUNICIPAL = tuple(p for p in PROVINCE_NAMES if p not in MUNICIPALITIES)

# Fictional place names: a rare first character (none starts a real county-level name we know
# of) and a common toponym ending. Region codes are never generated: real ones name real places.
FIRST = "蘅漱翎篁霁莼璞黛樾蕤岫筠珩澈泠琮荇苒葭蒹杳棠"
SECOND = "阳川原塘溪湾泽坪桥源丰宁安和平兴昌城山岭峰岗湖江河洲浦渡庄集"
ROADS = ("政通路", "民安路", "文昌路", "人民路", "新华街", "建设路", "和平街", "迎宾大道")

LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇（街道）"}

# --- matters and departments ------------------------------------------------------------------


class Matter(NamedTuple):
    """A matter template: its department, category, time limits and what it needs."""

    name: str
    dept: str
    category: str
    statutory: int | None
    promised: int | None
    materials: int
    fee: bool = False
    spot: bool = False
    equipment: bool = False
    weight: int = 1  # relative case volume
    delegated: bool = False


# Department keys → (county/city name, provincial name).
DEPARTMENTS: dict[str, tuple[str, str]] = {
    "approval": ("行政审批服务局", "政务服务管理局"),
    "market": ("市场监督管理局", "市场监督管理局"),
    "nature": ("自然资源和规划局", "自然资源厅"),
    "estate": ("不动产登记中心", "不动产登记中心"),
    "housing": ("住房和城乡建设局", "住房和城乡建设厅"),
    "police": ("公安局", "公安厅"),
    "hrss": ("人力资源和社会保障局", "人力资源和社会保障厅"),
    "medical": ("医疗保障局", "医疗保障局"),
    "tax": ("税务局", "税务局"),
    "fund": ("住房公积金管理中心", "住房公积金管理中心"),
    "health": ("卫生健康局", "卫生健康委员会"),
    "transport": ("交通运输局", "交通运输厅"),
    "water": ("水利局", "水利厅"),
    "civil": ("民政局", "民政厅"),
    "ecology": ("生态环境局", "生态环境厅"),
    "culture": ("文化广电和旅游局", "文化和旅游厅"),
    "agri": ("农业农村局", "农业农村厅"),
    "edu": ("教育局", "教育厅"),
    "veterans": ("退役军人事务局", "退役军人事务厅"),
    "emergency": ("应急管理局", "应急管理厅"),
    "justice": ("司法局", "司法厅"),
    "commerce": ("商务局", "商务厅"),
    "forestry": ("林业局", "林业和草原局"),
    "disabled": ("残疾人联合会", "残疾人联合会"),
    "weather": ("气象局", "气象局"),
}

_LIC, _PUB, _POW = "licensing", "public_service", "other_power"
MATTERS: tuple[Matter, ...] = (
    Matter("企业开办“一件事”", "approval", _LIC, 15, 1, 3, weight=6),
    Matter("企业设立登记", "market", _LIC, 15, 1, 4, weight=8),
    Matter("个体工商户注册登记", "market", _LIC, 15, 0, 2, spot=True, weight=10),
    Matter("企业变更登记", "market", _LIC, 15, 1, 3, weight=6),
    Matter("企业注销登记", "market", _LIC, 20, 3, 3, weight=3),
    Matter("食品经营许可", "market", _LIC, 20, 5, 5, weight=5),
    Matter("药品零售企业许可", "market", _LIC, 30, 15, 8),
    Matter("特种设备使用登记", "market", _POW, 15, 5, 4),
    Matter("建设工程消防设计审查", "approval", _LIC, 15, 10, 6),
    Matter("公共场所卫生许可", "health", _LIC, 20, 5, 5, weight=2),
    Matter("医疗机构执业登记", "health", _LIC, 45, 20, 8),
    Matter("户外广告设施设置许可", "housing", _LIC, 20, 10, 5),
    Matter("建设用地规划许可证核发", "nature", _LIC, 20, 10, 5),
    Matter("建设工程规划许可证核发", "nature", _LIC, 20, 10, 6),
    Matter("不动产首次登记", "estate", _POW, 30, 5, 5, fee=True, equipment=True, weight=3),
    Matter("不动产转移登记", "estate", _POW, 30, 3, 5, fee=True, equipment=True, weight=8),
    Matter("不动产抵押登记", "estate", _POW, 30, 1, 4, fee=True, equipment=True, weight=6),
    Matter("不动产登记资料查询", "estate", _PUB, None, 0, 2, spot=True, weight=6),
    Matter("建筑工程施工许可证核发", "housing", _LIC, 15, 5, 6),
    Matter("商品房预售许可", "housing", _LIC, 20, 10, 7),
    Matter("房屋建筑工程竣工验收备案", "housing", _POW, 15, 5, 8),
    Matter("居民身份证换领", "police", _POW, 60, 30, 2, True, False, True, weight=10),
    Matter("户口迁移", "police", _POW, 20, 5, 3, weight=5),
    Matter("出入境证件（普通护照）签发", "police", _LIC, 15, 7, 2, True, False, True, weight=6),
    Matter("机动车驾驶证换证", "police", _LIC, 10, 0, 2, True, True, True, weight=6),
    Matter("无犯罪记录证明开具", "police", _PUB, None, 3, 2, weight=4),
    Matter("失业保险金申领", "hrss", _PUB, None, 3, 1, weight=4),
    Matter("社会保障卡申领", "hrss", _PUB, None, 1, 1, equipment=True, weight=10),
    Matter("职工参保登记", "hrss", _PUB, None, 0, 2, spot=True, weight=10),
    Matter("基本养老保险待遇申领", "hrss", _PUB, None, 10, 3, weight=4),
    Matter("就业失业登记", "hrss", _PUB, None, 0, 1, spot=True, weight=6),
    Matter("人力资源服务许可", "hrss", _LIC, 20, 10, 4),
    Matter("医保关系转移接续", "medical", _PUB, None, 15, 1, weight=5),
    Matter("门诊慢特病待遇认定", "medical", _PUB, None, 5, 2, weight=5),
    Matter("异地就医备案", "medical", _PUB, None, 0, 1, spot=True, weight=8),
    Matter("增值税发票领用", "tax", _PUB, None, 0, 1, spot=True, weight=12),
    Matter("税务注销", "tax", _POW, 20, 3, 2, weight=3),
    Matter("个人所得税汇算清缴辅导", "tax", _PUB, None, 0, 1, spot=True, weight=6),
    Matter("住房公积金提取", "fund", _PUB, 3, 0, 1, spot=True, weight=12),
    Matter("住房公积金个人住房贷款", "fund", _PUB, 15, 10, 6, weight=3),
    Matter("住房公积金缴存登记", "fund", _PUB, None, 0, 2, spot=True, weight=4),
    Matter("道路货物运输经营许可", "transport", _LIC, 20, 5, 5),
    Matter("道路运输从业人员从业资格证核发", "transport", _LIC, 10, 5, 3, weight=2),
    Matter("公路超限运输许可", "transport", _LIC, 15, 2, 4),
    Matter("取水许可", "water", _LIC, 45, 20, 5),
    Matter("生产建设项目水土保持方案审批", "water", _LIC, 20, 10, 4),
    Matter("婚姻登记", "civil", _POW, None, 0, 3, spot=True, weight=4),
    Matter("社会团体成立登记", "civil", _LIC, 60, 20, 6),
    Matter("最低生活保障审核确认", "civil", _POW, 30, 20, 4, weight=2),
    Matter("建设项目环境影响报告表审批", "ecology", _LIC, 30, 15, 4),
    Matter("排污许可证核发", "ecology", _LIC, 20, 10, 5),
    Matter("娱乐场所经营许可", "culture", _LIC, 20, 10, 5),
    Matter("旅行社设立许可", "culture", _LIC, 20, 10, 5),
    Matter("农药经营许可", "agri", _LIC, 20, 10, 5),
    Matter("动物防疫条件合格证核发", "agri", _LIC, 20, 10, 4),
    Matter("教师资格认定", "edu", _LIC, 30, 20, 4, weight=2),
    Matter("民办学校办学许可", "edu", _LIC, 90, 30, 8),
    Matter("优抚对象抚恤补助申领", "veterans", _PUB, None, 10, 3),
    Matter("危险化学品经营许可", "emergency", _LIC, 30, 15, 6),
    Matter("烟花爆竹经营（零售）许可", "emergency", _LIC, 20, 10, 4),
    Matter("法律援助申请", "justice", _PUB, 7, 3, 3),
    Matter("对外贸易经营者备案", "commerce", _POW, None, 0, 2, spot=True),
    Matter("林木采伐许可证核发", "forestry", _LIC, 20, 5, 3),
    Matter("残疾人证办理", "disabled", _PUB, None, 15, 3, weight=2),
    Matter("雷电防护装置设计审核", "weather", _LIC, 20, 10, 4),
)

# Township departments: key → name after the 镇/乡/街道 prefix.
TOWN_DEPARTMENTS: dict[str, str] = {
    "social": "社会事务办公室（民政、残联）",
    "labour": "劳动保障所",
    "health": "卫生健康办公室",
    "agri": "农业农村综合服务中心",
    "nature": "自然资源所",
    "veterans": "退役军人服务站",
    "justice": "司法所",
    "medical": "医保服务站",
    "police": "派出所户籍室",
}
TOWN_MATTERS: tuple[Matter, ...] = (
    Matter("城乡居民基本养老保险参保登记", "labour", _PUB, None, 0, 2, spot=True, delegated=True),
    Matter("城乡居民基本医疗保险参保登记", "labour", _PUB, None, 0, 2, spot=True, delegated=True),
    Matter("城乡居民养老保险待遇申领", "labour", _PUB, None, 10, 3, delegated=True),
    Matter("就业失业登记", "labour", _PUB, None, 0, 1, spot=True, delegated=True),
    Matter("生育登记", "health", _PUB, None, 0, 2, spot=True),
    Matter("计划生育家庭奖励扶助申请", "health", _PUB, None, 20, 3, delegated=True),
    Matter("临时救助申请", "social", _POW, None, 10, 3),
    Matter("最低生活保障申请（受理）", "social", _POW, None, 20, 4, delegated=True),
    Matter("特困人员救助供养申请（受理）", "social", _POW, None, 20, 4, delegated=True),
    Matter("残疾人证申请（受理）", "social", _PUB, None, 15, 3, delegated=True),
    Matter("高龄津贴申领", "social", _PUB, None, 5, 2),
    Matter("老年人优待证办理", "social", _PUB, None, 0, 1, spot=True),
    Matter("农村村民宅基地审批", "nature", _LIC, 20, 15, 4),
    Matter("乡村建设规划许可", "nature", _LIC, 20, 15, 4),
    Matter("耕地地力保护补贴申报", "agri", _PUB, None, 10, 2),
    Matter("退役军人优待证申领（受理）", "veterans", _PUB, None, 5, 2, delegated=True),
    Matter("法律援助申请（受理）", "justice", _PUB, None, 3, 3, delegated=True),
    Matter("医保异地就医备案", "medical", _PUB, None, 0, 1, spot=True, delegated=True),
    Matter("居住证申领（受理）", "police", _POW, 15, 10, 2, delegated=True),
)

# Matters per level (total stated in the file's comments; at most MAX_LISTED listed).
MATTER_TOTALS = {"province": (80, 200), "city": (50, 150), "county": (20, 60), "township": (5, 15)}
DEPT_TOTALS = {"province": (30, 55), "city": (30, 60), "county": (20, 40), "township": (4, 9)}
MAX_LISTED = 40

# --- enumerations in canonical order (description.py) ------------------------------------------

ZONES_BASIC = ("guidance", "waiting", "windows", "office")
ZONES_MORE = (
    "self_service", "archive", "server_room", "complaints", "nursing_room", "monitoring",
)  # fmt: skip
EQUIPMENT_BASIC = ("copier", "writing_desk", "seats", "drinking_water", "fire_extinguishers")
EQUIPMENT_MORE = (
    "queue_system", "information_screen", "touch_query",
    "self_service_terminal", "reading_glasses", "cctv", "emergency_lighting", "first_aid_kit",
    "air_conditioning", "wifi", "opinion_box",
)  # fmt: skip
EQUIPMENT_ORDER = (
    "queue_system", "information_screen", "touch_query",
    "self_service_terminal", "copier", "writing_desk", "seats", "drinking_water",
    "reading_glasses", "cctv", "fire_extinguishers", "emergency_lighting", "first_aid_kit",
    "air_conditioning", "wifi", "opinion_box",
)  # fmt: skip
ZONE_ORDER = (
    "guidance", "waiting", "windows", "self_service", "office", "archive", "server_room",
    "complaints", "rest", "monitoring",
)  # fmt: skip
NOTICES = ("correction", "service", "refusal", "delay")
EXTRA_SERVICES = ("appointment", "extended_hours", "assisted", "delivery_by_post", "door_to_door")
GUIDE_ITEMS = (
    "name", "legal_basis", "conditions", "materials", "procedure", "statutory_limit",
    "promised_limit", "fees", "window", "contacts", "results", "forms",
)  # fmt: skip
CHANNELS = ("notice_board", "screen", "touch_query", "leaflet", "website", "mobile_app", "hotline")
SUPERVISION_FORMS = (
    "on_site_inspection", "video_inspection", "mystery_visit", "public_supervisors",
    "electronic_monitoring", "deputy_review",
)  # fmt: skip
RATED_ASPECTS = ("attitude", "efficiency", "outcome", "environment")
RATING_CHANNELS = (
    "evaluation_device", "qr_code", "callback", "questionnaire", "sms", "website", "mobile_app",
    "hotline",
)  # fmt: skip
COMPLAINT_CHANNELS = ("on_site", "phone", "letter", "online", "opinion_box")
ONLINE_CHANNELS = ("website", "mobile_app", "mini_program", "hotline", "self_service_terminal")
EVALUATION_MODES = ("self", "third_party", "user", "supervisory")
SUBSYSTEMS = ("general_basic", "service_provision", "management", "post_work")

# --- boolean facts per block (every one optional) ----------------------------------------------

ORGANISATION = (
    "management_body_approved", "responsibilities_documented", "internal_units_defined",
    "window_management_duties_documented", "coordination_mechanism", "staff_roster_kept",
    "window_staffing_based_on_workload", "site_management_unit", "site_duties_split_documented",
)  # fmt: skip
PREMISES = (
    "area_adequacy_assessed", "lighting_ventilation_ok", "zone_managers_assigned",
    "internal_areas_separated", "equipment_register", "equipment_checks_recorded",
    "passages_clear", "lost_property_register",
)  # fmt: skip
ACCESSIBILITY = ("ramp_or_lift", "accessible_toilet", "low_counter", "priority_window")
SIGNAGE = (
    "floor_plan", "zone_signs", "window_direction_signs", "safety_signs_gb2894",
    "floor_plan_published",
)  # fmt: skip
WINDOWS = (
    "numbered_and_signed", "grouped_by_category", "staff_identity_displayed",
    "supplies_standardised",
)  # fmt: skip
DEPARTMENTS_FLAGS = (
    "scope_set_by_government", "list_published", "entry_procedure_documented",
    "office_conditions_provided", "adjustments_approved",
)  # fmt: skip
MATTERS_FLAGS = (
    "catalogue_published", "entry_procedure_documented", "processes_reviewed",
    "materials_reviewed", "catalogue_updated_on_change",
)  # fmt: skip
STAFF = (
    "registration_updated_on_change", "qualification_requirements_documented",
    "business_competent", "window_leads_appointed", "selection_reviewed_by_centre",
    "changes_agreed_with_centre", "cover_arranged", "induction_training", "annual_training_plan",
    "etiquette_training", "appraisal_method_documented", "appraisal_results_to_departments",
    "appraisal_linked_to_rewards", "attendance_records",
)  # fmt: skip
COUNTER = (
    "guidance_desk", "consultation_answered", "materials_checked_on_spot",
    "out_of_scope_referral", "acceptance_notice", "notice_stubs_kept",
    "acceptance_notice_states_deadline",
    "cases_registered_in_system", "on_the_spot_completion", "review_per_published_process",
    "delay_notified_in_writing", "refusal_reasons_and_remedies", "results_delivered_as_chosen",
    "case_files_archived", "business_hours_published", "no_empty_windows", "fees_receipted",
    "no_extra_conditions", "fallback_procedure", "dispute_lead_on_call",
)  # fmt: skip
DISCLOSURE = (
    "progress_query", "results_published", "updates_dated", "consistent_across_channels",
    "supervision_channels_published",
)  # fmt: skip
ETIQUETTE = (
    "dress_code", "name_badges", "greeting_and_two_hands", "no_unrelated_activities",
    "pause_sign", "mandarin", "patient_explanation", "de_escalation", "appearance_checks",
    "code_distributed_to_windows", "equal_treatment",
)  # fmt: skip
SATISFACTION = (
    "collection_methods_documented", "every_window", "five_grade_scale", "rating_linked_to_case",
    "reasons_for_bad_ratings", "bad_ratings_classified", "used_in_appraisal",
    "bad_ratings_followed_up", "rating_free_of_pressure", "results_published",
    "data_tamper_proof",
)  # fmt: skip
COMPLAINTS = (
    "channels_published", "handling_unit", "register_kept", "electronic_register",
    "out_of_scope_referred", "investigated_within_limit", "used_in_appraisal",
    "replied_within_limit", "investigated_and_recorded", "validity_decided",
    "complainant_protected", "conflict_of_interest_rule", "flowchart_published",
    "follow_up_calls", "archived", "analysed_periodically",
)  # fmt: skip
SUPERVISION = (
    "abnormal_cases_logged", "results_reported_to_departments", "results_linked_to_rewards",
    "rectification_tracked", "site_checks_in_appraisal",
)  # fmt: skip
WINDOW_EVALUATION = (
    "responsible_unit", "method_cites_basis", "third_party", "evaluators_assigned",
    "evaluators_trained", "conflict_of_interest_rule", "based_on_records", "raw_data_retained",
    "indicators_published_in_advance", "results_published_internally", "objection_channel",
    "results_fed_back", "indicator_definitions_documented", "satisfied_grades_defined",
    "abnormal_situations_defined", "plan_written", "plan_approved", "material_sources_listed",
    "sampling_documented", "materials_verified_and_archived", "data_analysis",
    "quantitative_scoring", "qualitative_review", "report_written", "rectification_required",
    "rectification_verified", "results_used_in_appraisal", "annual_summary", "method_revised",
)  # fmt: skip
SAFETY = ("fire_equipment_ok", "fire_checks_recorded", "drills_recorded", "cctv_coverage")
OPERATIONS = (
    "budget_funded", "one_file_per_case", "archives_protected", "unified_business_system",
    "deadline_monitoring", "data_backed_up", "personal_data_protected", "site_records_archived",
    "printed_materials_current",
)  # fmt: skip
ONLINE = (
    "responsible_unit", "security_owner_named", "catalogue_published", "unified_entrance",
    "all_matters_online", "consistent_with_counter", "forms_with_examples",
    "centre_info_published", "results_published", "updates_dated", "online_application",
    "replied_within_limit", "case_status_query", "results_notified_online",
    "on_time_rate_tracked", "channels_consistent", "consultation", "complaints", "suggestions",
    "interaction_replied_within_limit", "faq_published", "messages_tracked",
    "classified_protection", "backup_restore_tested", "incident_plan", "case_trail_recorded",
    "operation_logs_kept", "deadline_reminders", "overdue_alerts", "ca_authentication",
    "e_signature", "e_licences_issued", "e_licences_reused", "scenario_guides",
    "accessible_website", "offline_assistance_published", "data_standards",
    "browser_and_mobile_support", "privacy_protected", "rating_after_completion",
    "evaluation_covers_all_areas", "evaluation_report", "evaluation_results_published",
    "improvement_tracked",
)  # fmt: skip
STANDARDIZATION = (
    "leading_group", "working_unit", "staff_trained_yearly", "tasks_documented", "plan",
    "plan_tasks_tracked", "annual_programme", "service_policy_published", "system_established",
    "structure_diagram", "system_table", "statistics_table", "system_explanation",
    "system_updated_on_change", "local_features_included", "system_covers_matters",
    "levels_organised", "procedures_complete", "post_standards_complete",
    "post_standards_reference_service_standards", "external_standards_checked_yearly",
    "adoption_form_recorded",
)  # fmt: skip
STANDARDIZATION_PROCESS = (
    "drafting_groups", "user_research", "projects_from_service_problems", "reviewers_mixed",
    "departments_consulted", "public_consulted", "comments_table", "formal_review",
    "approval_before_release", "numbered_release", "published_to_public", "legal_review",
    "references_listed", "participation_recorded", "implementation_plans",
    "implementation_owners_assigned", "implementation_training", "texts_available_at_posts",
    "implementation_records", "corrective_actions", "corrective_actions_verified",
    "evaluation_uses_service_data", "improvement_actions", "revisions_recorded",
    "standards_reviewed_yearly", "staff_training_yearly", "post_standards_cover_all_posts",
)  # fmt: skip

# Policies: key → (title, publishable, basic: even small centres usually have it).
POLICIES: dict[str, tuple[str, bool, bool]] = {
    "first_contact": ("首问负责制度", True, True),
    "one_time_notice": ("一次性告知制度", True, True),
    "time_limited_completion": ("限时办结制度", True, True),
    "ab_post": ("AB 岗工作制度", False, False),
    "attendance": ("考勤和在岗管理制度", False, True),
    "conduct": ("窗口工作人员行为规范", True, True),
    "etiquette": ("服务礼仪规范", True, False),
    "service_language": ("文明用语和服务忌语", False, False),
    "accountability": ("过错责任追究办法", True, False),
    "finance": ("财务管理制度", False, False),
    "archives": ("档案管理制度", False, False),
    "emergency_plan": ("突发事件应急预案", False, True),
    "security_patrol": ("安全巡查制度", False, False),
    "complaint_handling": ("投诉处置制度", True, True),
    "abnormal_handling": ("异常情况处置办法", False, False),
    "site_order_plan": ("现场秩序突发情况处置预案", False, False),
    "window_appraisal": ("窗口考核评价办法", False, False),
    "window_evaluation": ("窗口服务评价办法", False, False),
    "staff_selection": ("窗口人员选派管理办法", False, False),
    "training": ("培训管理制度", False, False),
    "rating_rules": ("政务服务“好差评”实施细则", True, False),
    "standardization_evaluation": ("标准化工作评价制度", False, False),
}
ONLINE_POLICIES: dict[str, str] = {
    "information_release": "信息发布审核制度",
    "online_security": "网上服务安全管理办法",
    "privacy": "个人信息保护管理办法",
    "data_backup": "数据备份制度",
}

# Own standards per sub-system, and the external standards a centre adopts.
OWN_STANDARDS: dict[str, tuple[str, ...]] = {
    "general_basic": ("政务服务中心术语与缩略语", "服务大厅标识设置规范", "政务服务数据元规范"),
    "service_provision": (
        "政务服务中心服务规范", "进驻事项目录管理规范", "办事指南编制规范",
        "窗口服务礼仪规范", "限时办结与对外服务时间规范", "帮办代办与预约延时服务规范",
        "收费事项与免费服务规范", "服务大厅环境与候办秩序规范", "办事材料保管与个人信息安全规范",
        "咨询导办与投诉受理工作规程", "窗口受理办理工作规程",
    ),
    "management": (
        "窗口工作人员选派培训与考勤管理规范", "服务设施设备管理规范", "能源与环境卫生管理规范",
        "档案与统计信息管理规范", "网上服务平台信息管理规范", "经费与财务管理规范",
        "安全与应急管理规范", "窗口监督考核办法", "服务质量评价与改进规范",
    ),
    "post_work": (
        "综合管理岗位工作标准", "咨询导办岗位工作标准", "窗口负责人岗位工作标准",
        "窗口工作人员岗位工作标准",
    ),
}  # fmt: skip
# The structured fields of each own standard (GB/T 32170.2): type, level, quality, area, post.
STRUCTURE: dict[str, dict[str, str]] = {
    "政务服务中心术语与缩略语": {"type": "general_basic"},
    "服务大厅标识设置规范": {"type": "general_basic"},
    "政务服务数据元规范": {"type": "general_basic"},
    "政务服务中心服务规范": {"type": "service_specification", "level": "general", "quality": "functionality"},
    "进驻事项目录管理规范": {"type": "service_specification", "level": "management_body", "quality": "functionality"},
    "办事指南编制规范": {"type": "service_specification", "level": "general", "quality": "regularity"},
    "窗口服务礼仪规范": {"type": "service_specification", "level": "window", "quality": "civility"},
    "限时办结与对外服务时间规范": {"type": "service_specification", "level": "general", "quality": "timeliness"},
    "帮办代办与预约延时服务规范": {"type": "service_specification", "level": "general", "quality": "convenience"},
    "收费事项与免费服务规范": {"type": "service_specification", "level": "general", "quality": "economy"},
    "服务大厅环境与候办秩序规范": {"type": "service_specification", "level": "general", "quality": "comfort"},
    "办事材料保管与个人信息安全规范": {"type": "service_specification", "level": "window", "quality": "safety"},
    "咨询导办与投诉受理工作规程": {"type": "service_procedure", "level": "management_body"},
    "窗口受理办理工作规程": {"type": "service_procedure", "level": "window"},
    "窗口工作人员选派培训与考勤管理规范": {"type": "management", "management_area": "human_resources"},
    "服务设施设备管理规范": {"type": "management", "management_area": "facilities"},
    "能源与环境卫生管理规范": {"type": "management", "management_area": "energy_environment"},
    "经费与财务管理规范": {"type": "management", "management_area": "finance"},
    "档案与统计信息管理规范": {"type": "management", "management_area": "information"},
    "网上服务平台信息管理规范": {"type": "management", "management_area": "information"},
    "安全与应急管理规范": {"type": "management", "management_area": "safety_emergency"},
    "窗口监督考核办法": {"type": "management", "management_area": "supervision_appraisal"},
    "服务质量评价与改进规范": {"type": "management", "management_area": "evaluation_improvement"},
    "综合管理岗位工作标准": {"type": "post_work", "level": "management_body", "post": "综合管理"},
    "咨询导办岗位工作标准": {"type": "post_work", "level": "management_body", "post": "咨询导办"},
    "窗口负责人岗位工作标准": {"type": "post_work", "level": "window", "post": "窗口负责人"},
    "窗口工作人员岗位工作标准": {"type": "post_work", "level": "window", "post": "窗口工作人员"},
    # The adopted national standards, as a centre would file them in its system.
    "政务服务中心运行规范 第3部分：窗口服务提供要求": {"type": "service_specification", "level": "window", "quality": "regularity"},
    "政务服务中心服务现场管理规范": {"type": "management", "management_area": "facilities"},
    "政务服务中心服务投诉处置规范": {"type": "management", "management_area": "supervision_appraisal"},
}  # fmt: skip
EXTERNAL_TYPE = {
    "general_basic": "general_basic",
    "service_provision": "service_specification",
    "management": "management",
}
MANAGEMENT_POSTS = ("综合管理", "咨询导办")
WINDOW_POSTS = ("窗口负责人", "窗口工作人员")
EXTERNAL_STANDARDS: tuple[tuple[str, str, str], ...] = (
    ("政务服务中心标准化工作指南 第1部分：基本要求", "GB/T 32170.1-2015", "general_basic"),
    ("政务服务中心标准化工作指南 第2部分：标准体系", "GB/T 32170.2-2015", "general_basic"),
    ("安全标志及其使用导则", "GB 2894-2008", "general_basic"),
    ("政务服务中心运行规范 第3部分：窗口服务提供要求", "GB/T 32169.3-2015", "service_provision"),
    ("政务服务中心服务现场管理规范", "GB/T 36112-2018", "management"),
    ("政务服务中心服务投诉处置规范", "GB/T 36113-2018", "management"),
)

# Evidence: (title, file stem or None for a URL, facts, supports, years valid or 0).
EVIDENCE: tuple[tuple[str, str | None, tuple[str, ...], tuple[str, ...], int], ...] = (
    ("首问负责制度", "首问负责制度.pdf", ("policies.first_contact",),
     ("32169.1-6.R05", "32169.3-4.R03"), 0),
    ("管理机构设立批复", "编办批复.pdf",
     ("organisation.management_body_approved", "organisation.responsibilities_documented"), (), 0),
    ("应进驻部门范围的政府文件", "应进驻部门通知.pdf",
     ("departments.scope_set_by_government", "departments.items"), (), 0),
    ("进驻事项目录", "进驻事项目录.xlsx", ("matters.catalogue_published", "matters.items"), (), 0),
    ("消防设施年度检测报告", "消防设施检测报告.pdf",
     ("safety.fire_equipment_ok", "safety.fire_checks_recorded"), (), 1),
    ("窗口服务评价报告", "窗口服务评价报告.pdf", ("window_evaluation", "indicators"), (), 0),
    ("投诉登记台账", "投诉登记台账.xlsx", ("supervision.complaints",), ("36113-7.R01",), 0),
    ("标准体系表及编制说明", "标准体系表.pdf",
     ("standardization.system_established", "standardization.system_table"),
     ("32170.2-4.R01",), 0),
    ("大厅功能区平面图", "大厅平面图.png", ("premises.zones", "premises.signage"), (), 0),
    ("联席会议纪要", "联席会议纪要.pdf", (), ("32169.1-4.R04", "32169.2-4.R07"), 0),
    ("“好差评”系统数据截图", None, ("supervision.satisfaction",), (), 0),
    ("应急演练记录", "应急演练记录.pdf", ("safety.drills_recorded",), ("32169.1-6.R17",), 0),
)  # fmt: skip
ONLINE_EVIDENCE = ("网络安全等级保护测评报告", "等保测评报告.pdf", (), ("32168-6.1.R01",), 2)

WAIVERS: tuple[tuple[str, str, str], ...] = (
    ("32169.4-5.1.R02", "本年度未安排第三方评价经费，已列入下年度预算申请；期间以社会监督员暗访补充",
     "政务服务工作联席会议"),
    ("32170.1-6.R04", "专职标准化岗位待机构编制部门核定，期间由兼职人员承担", "中心主任"),
    ("32169.1-5.R09", "大厅改造施工期间自助服务区暂停使用，改造完成后恢复", "中心主任"),
    ("32169.1-5.R02", "老城区场地受限，配套停车场在建；期间协调周边公共停车场", "本级政府分管负责人"),
    ("36112-4.R02", "现场巡查岗位待新招聘人员到岗后设置，期间由值班长兼任", "中心主任"),
)  # fmt: skip
ASSESSED_ON = (date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30))
