"""Seeded synthetic centres and case records for the demo, the tests and the benchmarks."""

from __future__ import annotations

import functools
import math
import multiprocessing
import os
import random
import re
import shutil
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import yaml

from gbstd.errors import GbstdError, UsageError
from gbstd.io.outputs import (
    OutputExistsError,  # noqa: F401 - raised by write_centres and write_cases
    cannot_write,
    exists_error,
    make_parents,
    staged_file,
    staged_folder,
)

# National counts (reference/standards-facts.md §5): 377 provincial and city-level centres
# (split 31 provincial, 346 city), 2,740 district/county and 37,334 township/street centres.
NATIONAL_COUNTS: dict[str, int] = {
    "province": 31,
    "city": 346,
    "county": 2740,
    "township": 37334,
}
_NATIONAL_TOTAL = sum(NATIONAL_COUNTS.values())
_LEVEL_BOUNDS: tuple[tuple[float, str], ...] = tuple(
    (sum(list(NATIONAL_COUNTS.values())[: i + 1]) / _NATIONAL_TOTAL, level)
    for i, level in enumerate(NATIONAL_COUNTS)
)
_GOLDEN = (math.sqrt(5) - 1) / 2

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
_PROVINCE_NAMES = tuple(name for name, _ in _PROVINCES)
_PROVINCE_CUM = tuple(sum(w for _, w in _PROVINCES[: i + 1]) for i in range(len(_PROVINCES)))
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_NON_MUNICIPAL = tuple(p for p in _PROVINCE_NAMES if p not in _MUNICIPALITIES)

# Fictional place names: a rare first character (none starts a real county-level name we know
# of) and a common toponym ending. Region codes are never generated: real ones name real places.
_FIRST = "蘅漱翎篁霁莼璞黛樾蕤岫筠珩澈泠琮荇苒葭蒹杳棠"
_SECOND = "阳川原塘溪湾泽坪桥源丰宁安和平兴昌城山岭峰岗湖江河洲浦渡庄集"
_ROADS = ("政通路", "民安路", "文昌路", "人民路", "新华街", "建设路", "和平街", "迎宾大道")

_LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇（街道）"}

# --- matters and departments ------------------------------------------------------------------


class _Matter(NamedTuple):
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
_DEPARTMENTS: dict[str, tuple[str, str]] = {
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
_MATTERS: tuple[_Matter, ...] = (
    _Matter("企业开办“一件事”", "approval", _LIC, 15, 1, 3, weight=6),
    _Matter("企业设立登记", "market", _LIC, 15, 1, 4, weight=8),
    _Matter("个体工商户注册登记", "market", _LIC, 15, 0, 2, spot=True, weight=10),
    _Matter("企业变更登记", "market", _LIC, 15, 1, 3, weight=6),
    _Matter("企业注销登记", "market", _LIC, 20, 3, 3, weight=3),
    _Matter("食品经营许可", "market", _LIC, 20, 5, 5, weight=5),
    _Matter("药品零售企业许可", "market", _LIC, 30, 15, 8),
    _Matter("特种设备使用登记", "market", _POW, 15, 5, 4),
    _Matter("建设工程消防设计审查", "approval", _LIC, 15, 10, 6),
    _Matter("公共场所卫生许可", "health", _LIC, 20, 5, 5, weight=2),
    _Matter("医疗机构执业登记", "health", _LIC, 45, 20, 8),
    _Matter("户外广告设施设置许可", "housing", _LIC, 20, 10, 5),
    _Matter("建设用地规划许可证核发", "nature", _LIC, 20, 10, 5),
    _Matter("建设工程规划许可证核发", "nature", _LIC, 20, 10, 6),
    _Matter("不动产首次登记", "estate", _POW, 30, 5, 5, fee=True, equipment=True, weight=3),
    _Matter("不动产转移登记", "estate", _POW, 30, 3, 5, fee=True, equipment=True, weight=8),
    _Matter("不动产抵押登记", "estate", _POW, 30, 1, 4, fee=True, equipment=True, weight=6),
    _Matter("不动产登记资料查询", "estate", _PUB, None, 0, 2, spot=True, weight=6),
    _Matter("建筑工程施工许可证核发", "housing", _LIC, 15, 5, 6),
    _Matter("商品房预售许可", "housing", _LIC, 20, 10, 7),
    _Matter("房屋建筑工程竣工验收备案", "housing", _POW, 15, 5, 8),
    _Matter("居民身份证换领", "police", _POW, 60, 30, 2, True, False, True, weight=10),
    _Matter("户口迁移", "police", _POW, 20, 5, 3, weight=5),
    _Matter("出入境证件（普通护照）签发", "police", _LIC, 15, 7, 2, True, False, True, weight=6),
    _Matter("机动车驾驶证换证", "police", _LIC, 10, 0, 2, True, True, True, weight=6),
    _Matter("无犯罪记录证明开具", "police", _PUB, None, 3, 2, weight=4),
    _Matter("失业保险金申领", "hrss", _PUB, None, 3, 1, weight=4),
    _Matter("社会保障卡申领", "hrss", _PUB, None, 1, 1, equipment=True, weight=10),
    _Matter("职工参保登记", "hrss", _PUB, None, 0, 2, spot=True, weight=10),
    _Matter("基本养老保险待遇申领", "hrss", _PUB, None, 10, 3, weight=4),
    _Matter("就业失业登记", "hrss", _PUB, None, 0, 1, spot=True, weight=6),
    _Matter("人力资源服务许可", "hrss", _LIC, 20, 10, 4),
    _Matter("医保关系转移接续", "medical", _PUB, None, 15, 1, weight=5),
    _Matter("门诊慢特病待遇认定", "medical", _PUB, None, 5, 2, weight=5),
    _Matter("异地就医备案", "medical", _PUB, None, 0, 1, spot=True, weight=8),
    _Matter("增值税发票领用", "tax", _PUB, None, 0, 1, spot=True, weight=12),
    _Matter("税务注销", "tax", _POW, 20, 3, 2, weight=3),
    _Matter("个人所得税汇算清缴辅导", "tax", _PUB, None, 0, 1, spot=True, weight=6),
    _Matter("住房公积金提取", "fund", _PUB, 3, 0, 1, spot=True, weight=12),
    _Matter("住房公积金个人住房贷款", "fund", _PUB, 15, 10, 6, weight=3),
    _Matter("住房公积金缴存登记", "fund", _PUB, None, 0, 2, spot=True, weight=4),
    _Matter("道路货物运输经营许可", "transport", _LIC, 20, 5, 5),
    _Matter("道路运输从业人员从业资格证核发", "transport", _LIC, 10, 5, 3, weight=2),
    _Matter("公路超限运输许可", "transport", _LIC, 15, 2, 4),
    _Matter("取水许可", "water", _LIC, 45, 20, 5),
    _Matter("生产建设项目水土保持方案审批", "water", _LIC, 20, 10, 4),
    _Matter("婚姻登记", "civil", _POW, None, 0, 3, spot=True, weight=4),
    _Matter("社会团体成立登记", "civil", _LIC, 60, 20, 6),
    _Matter("最低生活保障审核确认", "civil", _POW, 30, 20, 4, weight=2),
    _Matter("建设项目环境影响报告表审批", "ecology", _LIC, 30, 15, 4),
    _Matter("排污许可证核发", "ecology", _LIC, 20, 10, 5),
    _Matter("娱乐场所经营许可", "culture", _LIC, 20, 10, 5),
    _Matter("旅行社设立许可", "culture", _LIC, 20, 10, 5),
    _Matter("农药经营许可", "agri", _LIC, 20, 10, 5),
    _Matter("动物防疫条件合格证核发", "agri", _LIC, 20, 10, 4),
    _Matter("教师资格认定", "edu", _LIC, 30, 20, 4, weight=2),
    _Matter("民办学校办学许可", "edu", _LIC, 90, 30, 8),
    _Matter("优抚对象抚恤补助申领", "veterans", _PUB, None, 10, 3),
    _Matter("危险化学品经营许可", "emergency", _LIC, 30, 15, 6),
    _Matter("烟花爆竹经营（零售）许可", "emergency", _LIC, 20, 10, 4),
    _Matter("法律援助申请", "justice", _PUB, 7, 3, 3),
    _Matter("对外贸易经营者备案", "commerce", _POW, None, 0, 2, spot=True),
    _Matter("林木采伐许可证核发", "forestry", _LIC, 20, 5, 3),
    _Matter("残疾人证办理", "disabled", _PUB, None, 15, 3, weight=2),
    _Matter("雷电防护装置设计审核", "weather", _LIC, 20, 10, 4),
)

# Township departments: key → name after the 镇/乡/街道 prefix.
_TOWN_DEPARTMENTS: dict[str, str] = {
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
_TOWN_MATTERS: tuple[_Matter, ...] = (
    _Matter("城乡居民基本养老保险参保登记", "labour", _PUB, None, 0, 2, spot=True, delegated=True),
    _Matter("城乡居民基本医疗保险参保登记", "labour", _PUB, None, 0, 2, spot=True, delegated=True),
    _Matter("城乡居民养老保险待遇申领", "labour", _PUB, None, 10, 3, delegated=True),
    _Matter("就业失业登记", "labour", _PUB, None, 0, 1, spot=True, delegated=True),
    _Matter("生育登记", "health", _PUB, None, 0, 2, spot=True),
    _Matter("计划生育家庭奖励扶助申请", "health", _PUB, None, 20, 3, delegated=True),
    _Matter("临时救助申请", "social", _POW, None, 10, 3),
    _Matter("最低生活保障申请（受理）", "social", _POW, None, 20, 4, delegated=True),
    _Matter("特困人员救助供养申请（受理）", "social", _POW, None, 20, 4, delegated=True),
    _Matter("残疾人证申请（受理）", "social", _PUB, None, 15, 3, delegated=True),
    _Matter("高龄津贴申领", "social", _PUB, None, 5, 2),
    _Matter("老年人优待证办理", "social", _PUB, None, 0, 1, spot=True),
    _Matter("农村村民宅基地审批", "nature", _LIC, 20, 15, 4),
    _Matter("乡村建设规划许可", "nature", _LIC, 20, 15, 4),
    _Matter("耕地地力保护补贴申报", "agri", _PUB, None, 10, 2),
    _Matter("退役军人优待证申领（受理）", "veterans", _PUB, None, 5, 2, delegated=True),
    _Matter("法律援助申请（受理）", "justice", _PUB, None, 3, 3, delegated=True),
    _Matter("医保异地就医备案", "medical", _PUB, None, 0, 1, spot=True, delegated=True),
    _Matter("居住证申领（受理）", "police", _POW, 15, 10, 2, delegated=True),
)

# Matters per level (total stated in the file's comments; at most _MAX_LISTED listed).
_MATTER_TOTALS = {"province": (80, 200), "city": (50, 150), "county": (20, 60), "township": (5, 15)}
_DEPT_TOTALS = {"province": (30, 55), "city": (30, 60), "county": (20, 40), "township": (4, 9)}
_MAX_LISTED = 40

# --- enumerations in canonical order (description.py) ------------------------------------------

_ZONES_BASIC = ("guidance", "waiting", "windows", "office")
_ZONES_MORE = ("self_service", "archive", "server_room", "complaints", "rest", "monitoring")
_EQUIPMENT_BASIC = ("copier", "writing_desk", "seats", "drinking_water", "fire_extinguishers")
_EQUIPMENT_MORE = (
    "queue_system", "evaluation_device", "information_screen", "touch_query",
    "self_service_terminal", "reading_glasses", "cctv", "emergency_lighting", "first_aid_kit",
    "air_conditioning", "wifi", "opinion_box",
)  # fmt: skip
_EQUIPMENT_ORDER = (
    "queue_system", "evaluation_device", "information_screen", "touch_query",
    "self_service_terminal", "copier", "writing_desk", "seats", "drinking_water",
    "reading_glasses", "cctv", "fire_extinguishers", "emergency_lighting", "first_aid_kit",
    "air_conditioning", "wifi", "opinion_box",
)  # fmt: skip
_ZONE_ORDER = (
    "guidance", "waiting", "windows", "self_service", "office", "archive", "server_room",
    "complaints", "rest", "monitoring",
)  # fmt: skip
_NOTICES = ("acceptance", "correction", "service", "refusal", "delay")
_EXTRA_SERVICES = ("appointment", "extended_hours", "assisted", "delivery_by_post", "door_to_door")
_GUIDE_ITEMS = (
    "name", "legal_basis", "conditions", "materials", "procedure", "statutory_limit",
    "promised_limit", "fees", "window", "contacts", "results", "forms",
)  # fmt: skip
_CHANNELS = ("notice_board", "screen", "touch_query", "leaflet", "website", "mobile_app", "hotline")
_SUPERVISION_FORMS = (
    "on_site_inspection", "video_inspection", "mystery_visit", "public_supervisors",
    "electronic_monitoring", "deputy_review",
)  # fmt: skip
_RATED_ASPECTS = ("attitude", "efficiency", "outcome", "environment")
_RATING_CHANNELS = (
    "evaluation_device", "qr_code", "callback", "questionnaire", "sms", "website", "mobile_app",
    "hotline",
)  # fmt: skip
_COMPLAINT_CHANNELS = ("on_site", "phone", "letter", "online", "opinion_box")
_ONLINE_CHANNELS = ("website", "mobile_app", "mini_program", "hotline", "self_service_terminal")
_EVALUATION_MODES = ("self", "third_party", "user", "supervisory")
_SUBSYSTEMS = ("general_basic", "service_provision", "management", "post_work")

# --- boolean facts per block (every one optional) ----------------------------------------------

_ORGANISATION = (
    "management_body_approved", "responsibilities_documented", "internal_units_defined",
    "window_management_duties_documented", "coordination_mechanism", "staff_roster_kept",
    "window_staffing_based_on_workload", "site_management_unit", "site_duties_split_documented",
)  # fmt: skip
_PREMISES = (
    "area_adequacy_assessed", "lighting_ventilation_ok", "zone_managers_assigned",
    "internal_areas_separated", "equipment_register", "equipment_checks_recorded",
    "passages_clear", "lost_property_register",
)  # fmt: skip
_ACCESSIBILITY = ("ramp_or_lift", "accessible_toilet", "low_counter", "priority_window")
_SIGNAGE = (
    "floor_plan", "zone_signs", "window_direction_signs", "safety_signs_gb2894",
    "floor_plan_published",
)  # fmt: skip
_WINDOWS = (
    "numbered_and_signed", "grouped_by_category", "staff_identity_displayed",
    "supplies_standardised",
)  # fmt: skip
_DEPARTMENTS_FLAGS = (
    "scope_set_by_government", "list_published", "entry_procedure_documented",
    "office_conditions_provided", "adjustments_approved",
)  # fmt: skip
_MATTERS_FLAGS = (
    "catalogue_published", "entry_procedure_documented", "processes_reviewed",
    "materials_reviewed", "catalogue_updated_on_change",
)  # fmt: skip
_STAFF = (
    "registration_updated_on_change", "qualification_requirements_documented",
    "business_competent", "window_leads_appointed", "selection_reviewed_by_centre",
    "changes_agreed_with_centre", "cover_arranged", "induction_training", "annual_training_plan",
    "etiquette_training", "appraisal_method_documented", "appraisal_results_to_departments",
    "appraisal_linked_to_rewards", "attendance_records",
)  # fmt: skip
_COUNTER = (
    "guidance_desk", "consultation_answered", "materials_checked_on_spot",
    "out_of_scope_referral", "notice_stubs_kept", "acceptance_notice_states_deadline",
    "cases_registered_in_system", "on_the_spot_completion", "review_per_published_process",
    "delay_notified_in_writing", "refusal_reasons_and_remedies", "results_delivered_as_chosen",
    "case_files_archived", "business_hours_published", "no_empty_windows", "fees_receipted",
    "no_extra_conditions", "fallback_procedure", "dispute_lead_on_call",
)  # fmt: skip
_DISCLOSURE = (
    "progress_query", "results_published", "updates_dated", "consistent_across_channels",
    "departments_and_windows_published", "supervision_channels_published",
)  # fmt: skip
_ETIQUETTE = (
    "dress_code", "name_badges", "greeting_and_two_hands", "no_unrelated_activities",
    "pause_sign", "mandarin", "patient_explanation", "de_escalation", "appearance_checks",
    "code_distributed_to_windows", "equal_treatment",
)  # fmt: skip
_SATISFACTION = (
    "collection_methods_documented", "every_window", "five_grade_scale", "rating_linked_to_case",
    "reasons_for_bad_ratings", "bad_ratings_classified", "used_in_appraisal",
    "bad_ratings_followed_up", "rating_free_of_pressure", "results_published",
    "data_tamper_proof",
)  # fmt: skip
_COMPLAINTS = (
    "channels_published", "handling_unit", "register_kept", "electronic_register",
    "out_of_scope_referred", "investigated_within_limit", "used_in_appraisal",
    "replied_within_limit", "investigated_and_recorded", "validity_decided",
    "complainant_protected", "conflict_of_interest_rule", "flowchart_published",
    "follow_up_calls", "archived", "analysed_periodically",
)  # fmt: skip
_SUPERVISION = (
    "abnormal_cases_logged", "results_reported_to_departments", "results_linked_to_rewards",
    "rectification_tracked", "site_checks_in_appraisal",
)  # fmt: skip
_WINDOW_EVALUATION = (
    "responsible_unit", "method_cites_basis", "third_party", "evaluators_assigned",
    "evaluators_trained", "conflict_of_interest_rule", "based_on_records", "raw_data_retained",
    "indicators_published_in_advance", "results_published_internally", "objection_channel",
    "results_fed_back", "indicator_definitions_documented", "satisfied_grades_defined",
    "abnormal_situations_defined", "plan_written", "plan_approved", "material_sources_listed",
    "sampling_documented", "materials_verified_and_archived", "data_analysis",
    "quantitative_scoring", "qualitative_review", "report_written", "rectification_required",
    "rectification_verified", "results_used_in_appraisal", "annual_summary", "method_revised",
)  # fmt: skip
_SAFETY = ("fire_equipment_ok", "fire_checks_recorded", "drills_recorded", "cctv_coverage")
_OPERATIONS = (
    "budget_funded", "one_file_per_case", "archives_protected", "unified_business_system",
    "deadline_monitoring", "data_backed_up", "personal_data_protected", "site_records_archived",
    "printed_materials_current",
)  # fmt: skip
_ONLINE = (
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
_STANDARDIZATION = (
    "leading_group", "working_unit", "staff_trained_yearly", "tasks_documented", "plan",
    "plan_tasks_tracked", "annual_programme", "service_policy_published", "system_established",
    "structure_diagram", "system_table", "statistics_table", "system_explanation",
    "system_updated_on_change", "local_features_included", "system_covers_matters",
    "levels_organised", "procedures_complete", "post_standards_complete",
    "post_standards_reference_service_standards", "external_standards_checked_yearly",
    "adoption_form_recorded",
)  # fmt: skip
_STANDARDIZATION_PROCESS = (
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
_POLICIES: dict[str, tuple[str, bool, bool]] = {
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
_ONLINE_POLICIES: dict[str, str] = {
    "information_release": "信息发布审核制度",
    "online_security": "网上服务安全管理办法",
    "privacy": "个人信息保护管理办法",
    "data_backup": "数据备份制度",
}

# Own standards per sub-system, and the external standards a centre adopts.
_OWN_STANDARDS: dict[str, tuple[str, ...]] = {
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
_STRUCTURE: dict[str, dict[str, str]] = {
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
_EXTERNAL_TYPE = {
    "general_basic": "general_basic",
    "service_provision": "service_specification",
    "management": "management",
}
_MANAGEMENT_POSTS = ("综合管理", "咨询导办")
_WINDOW_POSTS = ("窗口负责人", "窗口工作人员")
_EXTERNAL_STANDARDS: tuple[tuple[str, str, str], ...] = (
    ("政务服务中心标准化工作指南 第1部分：基本要求", "GB/T 32170.1-2015", "general_basic"),
    ("政务服务中心标准化工作指南 第2部分：标准体系", "GB/T 32170.2-2015", "general_basic"),
    ("安全标志及其使用导则", "GB 2894-2008", "general_basic"),
    ("政务服务中心运行规范 第3部分：窗口服务提供要求", "GB/T 32169.3-2015", "service_provision"),
    ("政务服务中心服务现场管理规范", "GB/T 36112-2018", "management"),
    ("政务服务中心服务投诉处置规范", "GB/T 36113-2018", "management"),
)

# Evidence: (title, file stem or None for a URL, facts, supports, years valid or 0).
_EVIDENCE: tuple[tuple[str, str | None, tuple[str, ...], tuple[str, ...], int], ...] = (
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
_ONLINE_EVIDENCE = ("网络安全等级保护测评报告", "等保测评报告.pdf", (), ("32168-6.1.R01",), 2)

_WAIVERS: tuple[tuple[str, str, str], ...] = (
    ("32169.4-5.1.R02", "本年度未安排第三方评价经费，已列入下年度预算申请；期间以社会监督员暗访补充",
     "政务服务工作联席会议"),
    ("32170.1-6.R04", "专职标准化岗位待机构编制部门核定，期间由兼职人员承担", "中心主任"),
    ("32169.1-5.R09", "大厅改造施工期间自助服务区暂停使用，改造完成后恢复", "中心主任"),
    ("32169.1-5.R02", "老城区场地受限，配套停车场在建；期间协调周边公共停车场", "本级政府分管负责人"),
    ("36112-4.R02", "现场巡查岗位待新招聘人员到岗后设置，期间由值班长兼任", "中心主任"),
)  # fmt: skip
_ASSESSED_ON = (date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30))


def _clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return max(lo, min(x, hi))


class _Draw:
    """The random draws for one centre: how much it states, how good it is, and its veto."""

    __slots__ = ("cover", "level", "m", "quality", "rng", "veto")
    # Most centres state every fact that applies to them (a slip now and then); the rest leave
    # whole parts out, as real first self-descriptions do, and some of them then assess as
    # 数据不足 (insufficient data). The share is the generator's, not a measured one.
    COMPLETE: ClassVar[float] = 0.9
    # The facts a veto requirement reads (fire equipment, fees' legal basis, receipts, the legal
    # review of own standards) hold except in this share of centres, each failing one of them.
    VETO: ClassVar[float] = 0.05
    VETOES: ClassVar[tuple[str, ...]] = ("fire", "fee", "receipt", "legal_review")

    def __init__(self, rng: random.Random, level: str) -> None:
        self.rng = rng
        self.level = level
        alpha, beta = {
            "province": (8.0, 2.0),
            "city": (6.0, 2.4),
            "county": (4.0, 3.0),
            "township": (2.2, 3.6),
        }[level]
        self.m = rng.betavariate(alpha, beta)
        if rng.random() < self.COMPLETE:
            self.cover = 1.0 - rng.uniform(0.0, 0.02)
        else:
            self.cover = rng.uniform(0.45, 0.9)
        # Share of the stated facts that are good: most centres between 合格 and 优秀.
        self.quality = 0.62 + 0.37 * self.m
        self.veto = rng.choice(self.VETOES) if rng.random() < self.VETO else ""

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def flags(
        self, names: Sequence[str], *, cover: float = 0.0, quality: float = 0.0
    ) -> dict[str, Any]:
        """Each name stated with the cover probability; stated ones true with the quality one."""
        rnd = self.rng.random
        c, q = self.cover + cover, self.quality + quality
        return {name: rnd() < q for name in names if rnd() < c}

    def some(self, options: Sequence[str], share: float) -> list[str]:
        rnd = self.rng.random
        return [o for o in options if rnd() < share]

    def scaled(self, lo: float, hi: float, spread: float = 0.25) -> float:
        """A value from lo to hi, higher for mature centres."""
        return lo + (hi - lo) * _clamp(self.m + self.rng.uniform(-spread, spread))

    def count(self, lo: int, hi: int, spread: float = 0.25) -> int:
        return round(self.scaled(lo, hi, spread))

    def add(
        self, block: dict[str, Any], key: str, make: Callable[[], Any], more: float = 0
    ) -> None:
        """State ``key`` with the cover probability (plus ``more``)."""
        if self.rng.random() < self.cover + more:
            block[key] = make()


def level_for(index: int, seed: int = 0) -> str:
    """Return the administrative level of centre ``index`` (1-based) for ``seed``.

    Levels follow the national proportions for any n: a golden-ratio (low-discrepancy) sequence
    with a seeded phase, so every prefix of the centres is close to 31 : 346 : 2,740 : 37,334.
    """
    phase = random.Random(f"gbstd-levels:{seed}").random()
    u = (phase + index * _GOLDEN) % 1.0
    for bound, level in _LEVEL_BOUNDS:
        if u < bound:
            return level
    return "township"


# --- places -------------------------------------------------------------------------------------


def _place(rng: random.Random, suffixes: Sequence[str]) -> str:
    return rng.choice(_FIRST) + rng.choice(_SECOND) + rng.choice(suffixes)


def _province(rng: random.Random, level: str) -> str:
    if level == "city":
        return rng.choice(_NON_MUNICIPAL)
    if level == "province":
        return rng.choice(_PROVINCE_NAMES)
    pick = rng.randrange(_PROVINCE_CUM[-1])
    for name, bound in zip(_PROVINCE_NAMES, _PROVINCE_CUM, strict=True):
        if pick < bound:
            return name
    return _PROVINCE_NAMES[-1]  # pragma: no cover


def _identity(d: _Draw) -> tuple[str, dict[str, str], str]:
    """Name, region and department prefix of a centre."""
    rng, level = d.rng, d.level
    province = _province(rng, level)
    municipal = province in _MUNICIPALITIES
    region: dict[str, str] = {"province": province}
    if level == "province":
        prefix = "自治区" if province.endswith("自治区") else province[-1]
        return f"{province}政务服务中心（虚构）", region, prefix
    if not municipal:
        region["city"] = _place(rng, "市")
    if level == "city":
        return f"{region['city']}政务服务中心", region, "市"
    county_suffixes = (
        "区" if municipal else "县县县区市旗" if province == "内蒙古自治区" else "县县区市"
    )
    county = _place(rng, county_suffixes)
    region["county"] = county
    if level == "county":
        upper = province if municipal else region["city"]
        name = county if county.endswith("市") else upper + county
        return f"{name}政务服务中心", region, county[-1]
    kind = rng.choice(("镇", "镇", "镇", "乡", "街道")) if county[-1] != "区" else "街道"
    town = _place(rng, (kind,))
    region["township"] = town
    return f"{town}便民服务中心", region, kind


def _centre(d: _Draw, name: str, region: dict[str, str], assessed_on: date) -> dict[str, Any]:
    rng = d.rng
    centre: dict[str, Any] = {"name": name, "level": d.level, "region": region}
    upper = region.get("county") or region.get("city") or region["province"]
    town = region.get("township", "")
    d.add(centre, "address", lambda: f"{upper}{town}{rng.choice(_ROADS)} {rng.randint(1, 199)} 号")
    first = 2004 if d.level in ("province", "city") else 2008 if d.level == "county" else 2012
    start = date(first, 1, 1).toordinal()
    d.add(
        centre,
        "opened_on",
        lambda: date.fromordinal(rng.randrange(start, date(2022, 12, 31).toordinal())),
    )
    centre["assessed_on"] = assessed_on
    return centre


# --- sections -----------------------------------------------------------------------------------

_SIZES = {  # floor area m², daily visitors, windows, management staff
    "province": ((12000, 40000), (2000, 8000), (120, 320), (40, 120)),
    "city": ((8000, 30000), (1500, 6000), (80, 280), (25, 70)),
    "county": ((1500, 8000), (300, 1800), (20, 70), (8, 30)),
    "township": ((150, 800), (30, 200), (3, 12), (2, 6)),
}


def _organisation(d: _Draw) -> dict[str, Any]:
    block = d.flags(_ORGANISATION)
    rng = d.rng
    d.add(block, "coordination_meetings_per_year", lambda: d.count(0, 12))
    d.add(block, "management_staff", lambda: d.count(*_SIZES[d.level][3]))
    d.add(block, "guide_staff", lambda: d.count(0, 4 if d.level == "township" else 16))
    if d.chance(d.cover):
        block["patrol_post"] = patrol = d.chance(d.quality)
        if not patrol or d.chance(d.cover):
            block["patrol_post_staffed"] = patrol and rng.random() < d.quality + 0.2
    return block


def _premises(d: _Draw) -> dict[str, Any]:
    rng, sizes = d.rng, _SIZES[d.level]
    block: dict[str, Any] = {}
    location = d.flags(("public_transport", "convenient"), quality=0.2)
    d.add(location, "parking_spaces", lambda: d.count(sizes[2][0], sizes[2][1] * 3))
    if "parking_spaces" in location:
        location.update(d.flags(("accessible_parking",)))
    if location:
        block["location"] = location
    d.add(
        block,
        "floor_area_m2",
        lambda: int(round(d.scaled(*sizes[0]), -1 if sizes[0][0] < 1000 else -2)),
    )
    d.add(block, "daily_visitors", lambda: int(round(d.scaled(*sizes[1]), -1)))
    for key, names in (("accessibility", _ACCESSIBILITY), ("signage", _SIGNAGE)):
        if facts := d.flags(names):
            block[key] = facts
    if d.chance(d.cover + 0.2):
        zones = _ZONES_BASIC + tuple(d.some(_ZONES_MORE, d.quality))
        block["zones"] = [z for z in _ZONE_ORDER if z in zones]
    windows = d.flags(_WINDOWS)
    d.add(windows, "total", lambda: d.count(*sizes[2]), more=0.3)
    if windows:
        block["windows"] = (
            {"total": windows.pop("total"), **windows} if "total" in windows else windows
        )
    if d.chance(d.cover + 0.2):
        kept = _EQUIPMENT_BASIC + tuple(d.some(_EQUIPMENT_MORE, d.quality))
        block["equipment"] = [e for e in _EQUIPMENT_ORDER if e in kept]
    block.update(d.flags(_PREMISES))
    if rng.random() < 0.02:  # an honest gap now and then: corridors used as storage
        block["passages_clear"] = False
    return block


def _pick_matters(d: _Draw) -> tuple[int, list[_Matter]]:
    rng = d.rng
    total = rng.randint(*_MATTER_TOTALS[d.level])
    pool = _TOWN_MATTERS if d.level == "township" else _MATTERS
    listed = min(total, _MAX_LISTED, len(pool))
    if d.level != "township":
        listed = min(listed, rng.randint(10, _MAX_LISTED))
    chosen = rng.sample(range(len(pool)), listed)
    return total, [pool[i] for i in sorted(chosen)]


def _department_name(d: _Draw, key: str, prefix: str) -> str:
    if d.level == "township":
        return _TOWN_DEPARTMENTS[key] if key == "police" else prefix + _TOWN_DEPARTMENTS[key]
    county_city, provincial = _DEPARTMENTS[key]
    return prefix + (provincial if d.level == "province" else county_city)


def _department(d: _Draw, name: str) -> dict[str, Any]:
    rng = d.rng
    item: dict[str, Any] = {"name": name}
    should = rng.random() < 0.97  # the rest entered without being required to
    entered = not should or rng.random() < 0.9 + 0.1 * d.quality
    facts: dict[str, Any] = {"should_enter": should, "entered": entered}
    if entered:
        for key in ("window_lead_named", "authorisation_letter", "lead_has_approval_authority"):
            facts[key] = rng.random() < d.quality + 0.15
        windows = rng.randint(1, 4 if d.level == "township" else 12)
        facts["windows"] = windows
        facts["staff"] = windows + rng.randint(0, windows)
    else:  # no lead, letter or authority at a window the department does not staff
        facts.update(window_lead_named=False, authorisation_letter=False)
        facts["lead_has_approval_authority"] = False
        facts["not_entered_reason_recorded"] = d.chance(d.quality)
        facts["windows"] = facts["staff"] = 0
    cover = d.cover + 0.2
    item.update({k: v for k, v in facts.items() if k == "entered" or rng.random() < cover})
    return item


def _departments(d: _Draw, prefix: str, matters: list[_Matter]) -> tuple[int, dict[str, Any]]:
    rng = d.rng
    block = d.flags(_DEPARTMENTS_FLAGS)
    d.add(block, "coordination_meetings_per_year", lambda: d.count(0, 12))
    d.add(block, "unauthorised_withdrawals", lambda: 0 if d.chance(d.quality + 0.2) else 1)
    keys = list(dict.fromkeys(m.dept for m in matters))
    pool = _TOWN_DEPARTMENTS if d.level == "township" else _DEPARTMENTS
    extra = [k for k in pool if k not in keys]
    lo, hi = _DEPT_TOTALS[d.level]
    total = max(len(keys), rng.randint(lo, hi))
    wanted = min(total, len(pool), max(len(keys), rng.randint(4, 20)))
    keys += rng.sample(extra, max(0, wanted - len(keys)))
    block["items"] = [_department(d, _department_name(d, k, prefix)) for k in keys]
    return total, block


def _absent(departments: dict[str, Any]) -> set[str]:
    """Names of the listed departments that have not entered."""
    return {item["name"] for item in departments["items"] if not item["entered"]}


def _promised(d: _Draw, template: _Matter) -> int:
    rng, promised = d.rng, template.promised or 0
    if promised and rng.random() < d.quality:  # mature centres promise faster
        promised = max(1, round(promised * rng.uniform(0.3, 0.9)))
    if template.statutory and rng.random() > 0.97 + 0.03 * d.quality:
        promised = template.statutory + rng.randint(1, 5)  # a gap: promise beyond the law
    return promised


def _matter(
    d: _Draw, template: _Matter, prefix: str, online: bool, absent: set[str]
) -> dict[str, Any]:
    rng, q = d.rng, d.quality
    item: dict[str, Any] = {"name": template.name}
    department = _department_name(d, template.dept, prefix)
    facts: dict[str, Any] = {
        "department": department,
        "category": template.category,
        "entry_mode": "delegated" if template.delegated else "full",
    }
    if not template.delegated and rng.random() > 0.85 + 0.13 * q:
        facts["entry_mode"] = "accept_only" if rng.random() < 0.8 else "not_entered"
    if department in absent:
        facts["entry_mode"] = "not_entered"
    facts["legal_basis"] = rng.random() < q + 0.2
    if template.statutory is not None:
        facts["statutory_days"] = template.statutory
    if template.promised is not None:
        facts["promised_days"] = _promised(d, template)
    facts["materials"] = max(1, template.materials + rng.randint(-1, 1))
    facts["fee_charged"] = template.fee
    if template.fee:
        facts["fee_legal_basis"] = d.veto != "fee"
        facts["fee_published"] = rng.random() < q + 0.2
    for key in ("guide_published", "flowchart", "delivery_mode_published"):
        facts[key] = rng.random() < q + 0.15
    if online:
        facts["online_depth"] = rng.choices(
            ("information", "download", "application", "full"), (1, 1, 2 + 2 * q, 1 + 6 * q)
        )[0]
    elif d.level != "township":
        facts["online_depth"] = "none"
    if template.spot:
        facts["on_the_spot"] = True
    if template.equipment:
        facts["special_equipment_entered"] = rng.random() < q + 0.2
    cover = d.cover + 0.25
    kept = {k for k in facts if rng.random() < cover}
    if "fee_charged" in kept:  # a fee is stated with its basis and publication, or not at all
        kept |= {"fee_legal_basis", "fee_published"}
    item.update({k: v for k, v in facts.items() if k in kept})
    return item


def _matters(
    d: _Draw,
    templates: list[_Matter],
    prefix: str,
    online: bool,
    assessed_on: date,
    departments: dict[str, Any],
) -> dict[str, Any]:
    rng = d.rng
    block = d.flags(_MATTERS_FLAGS)
    d.add(
        block,
        "last_catalogue_review",
        lambda: assessed_on - timedelta(days=rng.randint(10, 200 + round(400 * (1 - d.m)))),
    )
    if any(t.delegated for t in templates):
        block.update(d.flags(("delegation_letters_on_file", "delegated_transfers_logged")))
    d.add(block, "outside_acceptance_found", lambda: not d.chance(d.quality + 0.25))
    absent = _absent(departments)
    block["items"] = [_matter(d, t, prefix, online, absent) for t in templates]
    return block


def _staff(d: _Draw, departments: dict[str, Any]) -> dict[str, Any]:
    rng = d.rng
    block: dict[str, Any] = {}
    listed = sum(item.get("staff", 0) for item in departments["items"])
    if d.chance(d.cover + 0.2):
        total = max(listed, round(listed * rng.uniform(1.0, 2.0)), 2)
        block["window_staff"] = total
        if d.chance(d.cover):
            block["registered"] = total if d.chance(d.quality + 0.1) else rng.randint(0, total)
    block.update(d.flags(_STAFF))
    d.add(block, "training_hours_per_person", lambda: d.count(4, 40))
    d.add(
        block,
        "appraisals_per_year",
        lambda: rng.choice((1, 2, 4, 12)) if d.chance(d.quality) else 0,
    )
    _counted(block, "etiquette_training", "etiquette_trainings_per_year")
    return block


def _policies(d: _Draw, online: bool) -> dict[str, Any]:
    rng = d.rng
    block: dict[str, Any] = {}
    entries = [(k, t, pub, basic) for k, (t, pub, basic) in _POLICIES.items()]
    if online:
        entries += [(k, t, False, False) for k, t in _ONLINE_POLICIES.items()]
    for key, title, publishable, basic in entries:
        if not d.chance(d.cover + (0.25 if basic else 0.0)):
            continue
        adopted = d.chance(d.quality + (0.15 if basic else 0.0))
        policy: dict[str, Any] = {"adopted": adopted}
        if adopted and publishable and d.chance(d.cover):
            policy["published"] = d.chance(d.quality)
        if adopted and rng.random() < 0.2:
            policy["document"] = title
        if adopted and key == "emergency_plan" and d.chance(d.cover):
            policy["reviewed_on"] = date(rng.choice((2023, 2024, 2025)), rng.randint(1, 12), 1)
        block[key] = policy
    return block


def _counter_service(d: _Draw) -> dict[str, Any]:
    block = d.flags(_COUNTER, quality=0.1)
    if "fees_receipted" in block:  # a veto fact (32169.3-3.R04): fails only when drawn to
        block["fees_receipted"] = d.veto != "receipt"
    if d.chance(d.cover + 0.1):
        block["notices_issued"] = [n for n in _NOTICES if n == "service" or d.chance(d.quality)]
    if d.chance(d.cover):
        services = d.some(_EXTRA_SERVICES, d.quality - 0.1)
        if services:
            block["extra_services"] = services
    return block


def _disclosure(d: _Draw, online: bool) -> dict[str, Any]:
    block: dict[str, Any] = {}
    if d.chance(d.cover + 0.1):
        block["guide_items"] = [g for g in _GUIDE_ITEMS if g == "name" or d.chance(d.quality + 0.1)]
    if d.chance(d.cover + 0.1):
        channels = [c for c in _CHANNELS if c == "notice_board" or d.chance(d.quality)]
        block["channels"] = [c for c in channels if online or c not in ("website", "mobile_app")]
    block.update(d.flags(_DISCLOSURE))
    d.add(block, "update_days", lambda: d.rng.choice((1, 2, 3, 5, 7, 10)))
    return block


def _supervision(d: _Draw) -> dict[str, Any]:
    block: dict[str, Any] = {}
    if d.chance(d.cover + 0.1):
        block["forms"] = [
            f for i, f in enumerate(_SUPERVISION_FORMS) if i == 0 or d.chance(d.quality - 0.1)
        ]
    block.update(d.flags(("inspections_recorded",)))
    satisfaction: dict[str, Any] = {}
    if d.chance(d.cover + 0.1):
        satisfaction["channels"] = [
            c for i, c in enumerate(_RATING_CHANNELS) if i == 0 or d.chance(d.quality - 0.2)
        ]
    if d.chance(d.cover):
        satisfaction["rated_aspects"] = [a for a in _RATED_ASPECTS if d.chance(d.quality + 0.2)]
    satisfaction.update(d.flags(_SATISFACTION))
    d.add(satisfaction, "analysis_per_year", lambda: d.rng.choice((0, 1, 2, 4, 12)))
    d.add(satisfaction, "bad_rating_fix_days", lambda: d.rng.choice((1, 3, 5, 7)))
    if satisfaction:
        block["satisfaction"] = satisfaction
    complaints: dict[str, Any] = {}
    if d.chance(d.cover + 0.1):
        complaints["channels"] = [
            c for i, c in enumerate(_COMPLAINT_CHANNELS) if i < 2 or d.chance(d.quality)
        ]
    complaints.update(d.flags(_COMPLAINTS))
    d.add(complaints, "investigation_days", lambda: d.rng.choice((2, 3, 5, 7)))
    d.add(complaints, "response_days", lambda: d.rng.choice((3, 5, 7, 10, 15)))
    if complaints:
        block["complaints"] = complaints
    block.update(d.flags(_SUPERVISION))
    return block


def _window_evaluation(d: _Draw) -> dict[str, Any]:
    block = d.flags(_WINDOW_EVALUATION, quality=-0.05)
    d.add(block, "evaluations_per_year", lambda: d.rng.choice((1, 2, 4, 12)))
    _counted(block, "annual_summary", "summaries_per_year")
    return block


def _indicators(d: _Draw, assessed_on: date, online: bool) -> dict[str, Any]:
    rng, q = d.rng, d.quality
    end = assessed_on
    start = date(end.year, end.month - 2, 1)
    noise = rng.uniform

    def rate(lo: float, hi: float) -> float:
        return round(_clamp(lo + (hi - lo) * q + noise(-0.04, 0.04)), 3)

    values: dict[str, Any] = {
        "entry_implementation_rate": rate(0.7, 1.0),
        "authorisation_execution_rate": rate(0.65, 1.0),
        "speed_up_rate": round(_clamp(0.1 + 0.7 * q + noise(-0.2, 0.1), -0.5), 3),
        "on_the_spot_rate": rate(0.25, 0.75),
        "joint_handling_rate": rate(0.6, 1.0),
        "online_acceptance_rate": rate(0.2, 0.85) if online else 0.0,
        "satisfaction_rate": round(_clamp(0.95 + 0.049 * q + noise(-0.01, 0.0)), 4),
        "abnormal_cases": rng.randint(0, round(30 * (1 - q)) + 1),
        "complaint_rate": round(rng.uniform(0.0, 0.002) * (1.2 - q), 5),
        "complaint_satisfaction_rate": rate(0.75, 1.0),
        "on_time_rate": round(_clamp(0.93 + 0.069 * q + noise(-0.01, 0.0)), 4),
    }
    # A copy: PyYAML would write the same date object twice as an anchor and an alias.
    end = date.fromordinal(end.toordinal())
    block: dict[str, Any] = {"period_start": start, "period_end": end, "source": "self_reported"}
    block.update({k: v for k, v in values.items() if d.chance(d.cover)})
    block.update(d.flags(("counts_retained",)))
    # Which indicators were computed, and whose counts are kept: those stated, when counts are.
    block["computed"] = [k for k in values if k != "on_time_rate" and k in block]
    if "counts_retained" in block:
        kept = block["computed"] if block["counts_retained"] else []
        block["counts_kept"] = [k for k in kept if k != "abnormal_cases"]
    return block


def _counted(block: dict[str, Any], flag: str, count: str) -> None:
    """State ``count`` (per year) from a yearly ``flag`` already drawn: once, or never."""
    if flag in block:
        block[count] = 1 if block[flag] else 0


def _safety(d: _Draw) -> dict[str, Any]:
    block = d.flags(_SAFETY, quality=0.1)
    if "fire_equipment_ok" in block:  # a veto fact (32169.1-5.R18): fails only when drawn to
        block["fire_equipment_ok"] = d.veto != "fire"
    d.add(block, "drills_per_year", lambda: d.count(0, 3))
    if "cctv_coverage" in block:  # no recordings without cameras: none are kept
        retention = d.rng.choice((15, 30, 30, 90, 90)) if block["cctv_coverage"] else 0
        d.add(block, "cctv_retention_days", lambda: retention)
    block.update(d.flags(("daily_patrols_recorded",)))
    return block


def _online(d: _Draw, provided: bool, index: int) -> dict[str, Any]:
    if not provided:
        return {"provided": False}
    rng = d.rng
    block: dict[str, Any] = {"provided": True}
    d.add(block, "url", lambda: f"https://zwfw.c{index:05d}.example.gov.cn", more=0.2)
    block.update(d.flags(_ONLINE))
    if d.chance(d.cover):
        block["guide_items"] = [g for g in _GUIDE_ITEMS if g == "name" or d.chance(d.quality + 0.1)]
    d.add(block, "update_days", lambda: rng.choice((1, 2, 3, 5)))
    d.add(block, "reply_days", lambda: rng.choice((1, 2, 3, 5)))
    d.add(block, "interaction_reply_days", lambda: rng.choice((1, 3, 5, 7)))
    d.add(block, "full_online_share", lambda: round(d.scaled(0.2, 0.95), 2))
    d.add(
        block,
        "on_time_rate",
        lambda: round(_clamp(0.95 + 0.05 * d.quality + rng.uniform(-0.02, 0)), 3),
    )
    if d.chance(d.cover):
        block["channels"] = [
            c for i, c in enumerate(_ONLINE_CHANNELS) if i == 0 or d.chance(d.quality)
        ]
    if d.chance(d.cover):
        block["evaluation_modes"] = [m for m in _EVALUATION_MODES if d.chance(d.quality)] or [
            "self"
        ]
    d.add(block, "evaluations_per_year", lambda: rng.choice((0, 1, 1, 2, 4)))
    _counted(block, "backup_restore_tested", "restore_tests_per_year")
    if "updates_dated" in block:  # pages dated go with guides kept up to date, in these samples
        block["guides_updated_on_time"] = block["updates_dated"]
    return block


def _own_standards(d: _Draw, assessed_on: date) -> list[dict[str, Any]]:
    rng = d.rng
    items: list[dict[str, Any]] = [
        {
            "name": name,
            "number": number,
            "subsystem": sub,
            "type": _EXTERNAL_TYPE[sub],
            **_STRUCTURE.get(name, {}),
            "status": "published",
            "external": True,
        }
        for name, number, sub in _EXTERNAL_STANDARDS
        if d.chance(d.quality)
    ]
    for k, (sub, names) in enumerate(_OWN_STANDARDS.items(), start=1):
        for j, name in enumerate(names, start=1):
            # Every post the centre lists usually has its post standard; the others are there
            # as often as the centre is good, and published as often again (or still drafted).
            if not d.chance(d.quality + (0.2 if sub == "post_work" else 0.0)):
                continue
            year = rng.randint(max(2016, assessed_on.year - 8), assessed_on.year)
            if d.chance(d.quality + 0.1):
                status = "published" if rng.random() < 0.97 else "withdrawn"
            else:
                status = rng.choice(("drafting", "planned"))
            item = {"name": name, "number": f"ZWFW/T {k}{j:02d}-{year}", "subsystem": sub}
            item.update(_STRUCTURE.get(name, {}))
            item["status"] = status
            item["external"] = False
            if status in ("published", "withdrawn"):
                # Issued by the as-of date (the same draw as before, so the stream is unchanged).
                item["issued_on"] = min(date(year, rng.choice((1, 3, 6, 9)), 1), assessed_on)
            else:  # not issued yet: no year in the number
                item["number"] = f"ZWFW/T {k}{j:02d}"
            items.append(item)
    return items


def _standardization(d: _Draw, assessed_on: date, bias: float) -> dict[str, Any]:
    rng = d.rng
    block = d.flags(_STANDARDIZATION, quality=bias)
    if d.chance(d.cover):
        staff = d.count(0, 6)
        block["staff"] = staff
        if d.chance(d.cover):
            block["full_time_staff"] = (
                min(staff, rng.randint(0, 2)) if d.chance(d.quality + bias) else 0
            )
    if d.chance(d.cover):
        block["system_subsystems"] = [
            s
            for i, s in enumerate(_SUBSYSTEMS)
            if block.get("system_established") and (i < 2 or d.chance(d.quality))
        ]
    if d.chance(d.cover):  # none without a system: a fact too, not a gap in the data
        block["standards"] = (
            _own_standards(d, assessed_on) if block.get("system_established") else []
        )
    block.update(d.flags(_STANDARDIZATION_PROCESS, quality=bias))
    if "legal_review" in block:  # a veto fact (32170.1-4.R01): fails only when drawn to
        block["legal_review"] = d.veto != "legal_review"
    _counted(block, "standards_reviewed_yearly", "standards_reviews_per_year")
    _counted(block, "staff_training_yearly", "staff_trainings_per_year")
    _counted(block, "staff_trained_yearly", "specialist_trainings_per_year")
    _counted(block, "external_standards_checked_yearly", "external_standards_checks_per_year")
    if "standards" in block:
        block["management_posts"] = list(_MANAGEMENT_POSTS)
        block["window_posts"] = list(_WINDOW_POSTS)
    d.add(block, "implementation_checks_per_year", lambda: rng.choice((0, 1, 1, 2, 4)))
    d.add(block, "evaluations_per_year", lambda: rng.choice((0, 1, 1, 2)))
    return block


def _evidence(d: _Draw, assessed_on: date, online: bool, index: int) -> list[dict[str, Any]]:
    rng = d.rng
    pool = list(_EVIDENCE) + ([_ONLINE_EVIDENCE] if online else [])
    chosen = sorted(
        rng.sample(range(len(pool)), rng.randint(1, min(len(pool), 2 + round(8 * d.m))))
    )
    items = []
    for n, i in enumerate(chosen, start=1):
        title, path, facts, supports, years = pool[i]
        effective = assessed_on - timedelta(days=rng.randint(30, 900))
        item: dict[str, Any] = {"id": f"E{n:02d}", "title": title}
        if path:
            item["path"] = f"evidence/{path}"
        else:
            item["url"] = f"https://zwfw.c{index:05d}.example.gov.cn/hcp"
        item["effective"] = effective
        if years:
            item["expires"] = effective + timedelta(days=365 * years - 1)
        if supports:
            item["supports"] = list(supports)
        if facts:
            item["facts"] = list(facts)
        items.append(item)
    return items


def _waivers(d: _Draw, assessed_on: date) -> list[dict[str, Any]]:
    rng = d.rng
    requirement, reason, approver = rng.choice(_WAIVERS)
    days = rng.randint(30, 400) if rng.random() < 0.7 else -rng.randint(10, 200)
    return [
        {
            "requirement": requirement,
            "reason": reason,
            "approver": approver,
            "expires": assessed_on + timedelta(days=days),
        }
    ]


def _not_applicable(d: _Draw, matters: dict[str, Any]) -> list[dict[str, Any]]:
    items = matters.get("items", [])
    declared = []
    if not any(m.get("entry_mode") == "delegated" for m in items):
        reason = "本中心无委托受理事项：全部进驻事项均由实施部门窗口直接受理"
        declared += [
            {"requirement": "32169.2-5.R14", "reason": reason},
            {
                "requirement": "32169.2-5.R15",
                "reason": "同上，无委托受理事项，不存在委托受理材料流转",
            },
        ]
    if not any("special_equipment_entered" in m for m in items) and d.chance(0.5):
        declared.append({"requirement": "32169.2-5.R11", "reason": "进驻事项均无需专用设备"})
    return declared


# --- one centre --------------------------------------------------------------------------------

_ONLINE_SHARE = {"province": 1.0, "city": 0.97, "county": 0.85, "township": 0.08}


def _build(index: int, seed: int) -> tuple[dict[str, Any], int, int, int]:
    """Build one centre's dict, with its totals of departments and matters and items listed."""
    rng = random.Random(f"gbstd-centre:{seed}:{index}")
    level = level_for(index, seed)
    d = _Draw(rng, level)
    assessed_on = rng.choice(_ASSESSED_ON)
    name, region, prefix = _identity(d)
    online = rng.random() < _ONLINE_SHARE[level] * (0.6 + 0.8 * d.m if level == "township" else 1)
    online_bias, std_bias = rng.gauss(0, 0.12), rng.gauss(0, 0.15)
    matter_total, templates = _pick_matters(d)
    dept_total, departments = _departments(d, prefix, templates)
    matters = _matters(d, templates, prefix, online, assessed_on, departments)
    big = level != "township"
    data: dict[str, Any] = {"format_version": 1, "centre": _centre(d, name, region, assessed_on)}
    sections: tuple[tuple[str, float, Callable[[], dict[str, Any]]], ...] = (
        ("organisation", 0.3, lambda: _organisation(d)),
        ("premises", 0.4, lambda: _premises(d)),
        ("departments", 0.4, lambda: departments),
        ("matters", 0.5, lambda: matters),
        ("staff", 0.2, lambda: _staff(d, departments)),
        ("policies", 0.3, lambda: _policies(d, online)),
        ("counter_service", 0.3, lambda: _counter_service(d)),
        ("disclosure", 0.2, lambda: _disclosure(d, online)),
        ("etiquette", 0.1, lambda: d.flags(_ETIQUETTE, quality=0.1)),
        ("supervision", 0.2, lambda: _supervision(d)),
        ("window_evaluation", 0.05, lambda: _window_evaluation(d)),
        ("indicators", 0.05, lambda: _indicators(d, assessed_on, online)),
        ("safety", 0.2, lambda: _safety(d)),
        ("operations", 0.1, lambda: d.flags(_OPERATIONS)),
    )
    for key, more, make in sections:
        if d.chance(d.cover + more) and (block := make()):
            data[key] = block
    # The hall has at least the windows its departments hold (a rule gbstd validate checks).
    hall = data.get("premises", {}).get("windows", {})
    if "departments" in data and "total" in hall:
        held = sum(item.get("windows", 0) for item in departments["items"])
        hall["total"] = max(hall["total"], held)
    saved = d.quality
    d.quality = _clamp(saved + online_bias)
    data["online"] = _online(d, online, index)
    d.quality = saved
    if d.chance(d.cover + 0.05) and (block := _standardization(d, assessed_on, std_bias)):
        data["standardization"] = block
    if d.chance((0.6 if big else 0.1) * d.m):
        data["evidence"] = _evidence(d, assessed_on, online, index)
    if "matters" in data and d.chance(d.cover) and (na := _not_applicable(d, matters)):
        data["not_applicable"] = na
    if d.chance(0.08 if big else 0.02):
        data["waivers"] = _waivers(d, assessed_on)
    return data, dept_total, matter_total, len(templates)


# --- YAML ---------------------------------------------------------------------------------------
# The text is exactly what ``yaml.safe_dump(data, allow_unicode=True, sort_keys=False)`` writes
# (the tests compare the two), built directly: PyYAML's representer costs ~3 ms a centre, which
# would make the national set take minutes. Strings whose plain form is obvious (Chinese text,
# URLs) are written as they are; every other string is rendered once by PyYAML and remembered.

_OBVIOUSLY_PLAIN = re.compile(
    r"(?:[\u4e00-\u9fff“（][\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”A-Za-z0-9./_\- ]*"
    r"|https://[A-Za-z0-9./\-]+)(?<! )"
)
_SCALARS: dict[str, str] = {}


def _string(text: str) -> str:
    known = _SCALARS.get(text)
    if known is not None:
        return known
    if _OBVIOUSLY_PLAIN.fullmatch(text):
        return text
    known = yaml.safe_dump(text, allow_unicode=True, width=1 << 16)
    known = known.removesuffix("\n...\n") if known.endswith("\n...\n") else known[:-1]
    _SCALARS[text] = known
    return known


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value).lower()  # as PyYAML's SafeRepresenter.represent_float
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)
        return text
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"unexpected value in a sample: {value!r}")  # pragma: no cover


def _mapping(out: list[str], mapping: dict[str, Any], indent: str) -> None:
    for key, value in mapping.items():
        kind = type(value)
        if kind is str:
            out.append(f"{indent}{key}: {_string(value)}\n")
        elif kind is bool:
            out.append(f"{indent}{key}: true\n" if value else f"{indent}{key}: false\n")
        elif kind is dict:
            if value:
                out.append(f"{indent}{key}:\n")
                _mapping(out, value, indent + "  ")
            else:
                out.append(f"{indent}{key}: {{}}\n")
        elif kind is list:
            if value:
                out.append(f"{indent}{key}:\n")
                _sequence(out, value, indent)
            else:
                out.append(f"{indent}{key}: []\n")
        else:
            out.append(f"{indent}{key}: {_scalar(value)}\n")


def _sequence(out: list[str], items: list[Any], indent: str) -> None:
    for item in items:
        if type(item) is dict and item:
            start = len(out)
            _mapping(out, item, indent + "  ")
            out[start] = f"{indent}- {out[start][len(indent) + 2 :]}"
        else:
            out.append(f"{indent}- {_scalar(item)}\n")


def to_yaml(data: dict[str, Any]) -> str:
    """Return the block-style YAML of a sample, as ``yaml.safe_dump`` would write it."""
    out: list[str] = []
    _mapping(out, data, "")
    return "".join(out)


def _with_comments(
    text: str, dept_total: int, matter_total: int, departments: int, matters: int
) -> str:
    """Say, as the bundled examples do, how many departments and matters the lists stand for."""
    for section, total, listed, unit, noun in (
        ("departments", dept_total, departments, "个", "部门（单位）"),
        ("matters", matter_total, matters, "项", "事项"),
    ):
        head = text.find(f"\n{section}:\n")
        if head < 0:
            continue
        at = text.find("\n  items:\n", head)
        note = (
            f"已进驻{noun}共 {total} {unit}"
            if total == listed
            else (f"进驻{noun}共 {total} {unit}；以下列出其中 {listed} {unit}")
        )
        text = f"{text[: at + 1]}  # {note}{text[at:]}"
    return text


def sample_centre(index: int, seed: int = 0) -> str:
    """Return the YAML text of synthetic centre ``index`` (1-based) for ``seed``.

    A centre depends only on its index and the seed, not on how many are generated.
    """
    data, dept_total, matter_total, matters = _build(index, seed)
    departments = len(data.get("departments", {}).get("items", ()))
    body = to_yaml(data)
    body = _with_comments(body, dept_total, matter_total, departments, matters)
    header = (
        f"# 合成数据：虚构的{_LEVEL_NAMES[data['centre']['level']]}中心，不对应任何真实机构"
        f" | synthetic, fictional centre (gbstd sample centres, seed {seed}, index {index})\n"
    )
    return header + body


def sample_centres(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield ``(file name, YAML text)`` for n synthetic, fictional centres.

    The same n and seed give identical bytes. Levels follow the national proportions (about
    0.1 % provincial, 0.9 % city, 6.8 % county and 92.3 % township centres); each centre has a
    latent maturity that decides how many facts it states and how many of them are good.

    Args:
        n: Number of centres.
        seed: Seed of the generator.

    Yields:
        ``centre-00001.yaml``-style names, zero-padded to the width of n, and the text.

    Raises:
        UsageError: if n is negative.
    """
    if n < 0:
        raise UsageError(
            f"中心数量不能为负数：{n}", f"the number of centres cannot be negative: {n}"
        )
    width = len(str(n))
    for index in range(1, n + 1):
        yield f"centre-{index:0{width}d}.yaml", sample_centre(index, seed)


def _write_range(staging: str, start: int, stop: int, seed: int, width: int) -> int:
    """Write centres ``start`` to ``stop - 1`` into ``staging`` (runs in a worker process)."""
    folder = Path(staging)
    for index in range(start, stop):
        text = sample_centre(index, seed)
        (folder / f"centre-{index:0{width}d}.yaml").write_bytes(text.encode("utf-8"))
    return stop - start


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _fork_context() -> Any:
    """Return the fork context where forking is safe, else None (then one process writes).

    Spawned workers would re-import the caller's main module, which breaks scripts without an
    ``if __name__ == "__main__"`` guard; fork is unavailable on Windows, unsafe on macOS and
    with other threads running.
    """
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork") if threading.active_count() == 1 else None


_CHUNK = 2000  # centres per task; below two chunks one process is faster than starting others


def write_centres(
    n: int, directory: Path, seed: int = 0, *, force: bool = False, workers: int | None = None
) -> int:
    """Write n synthetic centres into ``directory`` and return how many were written.

    The files are written into a temporary sibling directory that is renamed into place, so a
    failure leaves nothing half-written; a manifest (``.gbstd-manifest.json``) records them so
    that ``force`` can later replace them. Large sets are written by several processes; the
    files do not depend on how many.

    Args:
        n: Number of centres (at least 1).
        directory: Output directory; created if missing.
        seed: Seed of the generator.
        force: Replace a directory gbstd wrote before. Even with force, a directory holding
            anything gbstd did not write (or changed since) is refused, never deleted.
        workers: Processes to use (default: one per available CPU, at most 8, for sets of
            several thousand centres, where the platform can fork safely; else one).

    Returns:
        The number of files written.

    Raises:
        UsageError: n is less than 1.
        OutputExistsError: the directory is not empty and force was not given.
        OutputInUseError: force was given but the directory holds what gbstd did not write.
        GbstdError: the path is a file, or the directory cannot be written.
    """
    if n < 1:
        raise UsageError(f"中心数量至少为 1：{n}", f"the number of centres must be at least 1: {n}")
    width = len(str(n))
    with staged_folder(Path(directory), force=force) as staging:
        chunks = [
            (str(staging), a, min(a + _CHUNK, n + 1), seed, width) for a in range(1, n + 1, _CHUNK)
        ]
        context = _fork_context()
        workers = min(workers or min(_cpus(), 8), len(chunks)) if context else 1
        if workers > 1:
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                count = sum(pool.map(_write_range, *zip(*chunks, strict=True)))
        else:
            count = sum(_write_range(*chunk) for chunk in chunks)
    return count


# --- case records ------------------------------------------------------------------------------

CASE_COLUMNS: tuple[str, ...] = (
    "case_id", "centre_id", "matter", "department", "window", "channel", "accepted_at",
    "completed_at", "statutory_days", "promised_days", "on_the_spot", "joint_required",
    "joint_handled", "authorised", "decided_at_window", "status", "refused_reason_given",
    "outside_system", "satisfaction", "complaint", "complaint_valid", "complaint_accepted",
)  # fmt: skip
SATISFACTION_GRADES = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
CASE_MONTHS = 12  # the records cover the last 12 full months before the as-of date
_EARLIEST_AS_OF, _LATEST_AS_OF = date(2001, 1, 1), date(9998, 12, 31)
_BAD_DATES_EVERY, _DUPLICATE_EVERY = 3331, 4999  # ≈ 0.03 % + 0.02 % of the rows
_MATTER_SLOTS = 1000
_INT64 = 2**63


def _is_workday(day: date) -> bool:
    """China's official calendar (holidays and make-up working days), weekdays beyond it."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # a year the calendar does not know yet
        return day.weekday() < 5


def _today() -> date:
    """The run date in Beijing, as ``gbstd kpi`` reads it (its plausible dates end there)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from gbstd.kpi.compute import TIMEZONE

    return datetime.now(ZoneInfo(TIMEZONE)).date()


def case_period(as_of: date) -> tuple[date, date]:
    """Return the first and last day of the case records for an as-of date.

    The records cover the ``CASE_MONTHS`` full months before the month of ``as_of``: for
    2026-12-04, 2025-12-01 to 2026-11-30. Nothing is dated on or after ``as_of``: a case not
    closed by the last day is ``in_progress``, as in an export taken that day.

    Raises:
        UsageError: ``as_of`` before 2001 or after 9998.
    """
    if not _EARLIEST_AS_OF <= as_of <= _LATEST_AS_OF:
        raise UsageError(
            f"截止日期须在 {_EARLIEST_AS_OF} 至 {_LATEST_AS_OF} 之间：{as_of}",
            f"the as-of date must be from {_EARLIEST_AS_OF} to {_LATEST_AS_OF}: {as_of}",
        )
    last = as_of.replace(day=1) - timedelta(days=1)
    month = last.year * 12 + last.month - CASE_MONTHS  # months since year 0, zero-based
    return date(month // 12, month % 12 + 1, 1), last


@functools.lru_cache(maxsize=4)
def _calendar(first: date, last: date) -> tuple[list[int], list[int], list[int], int]:
    """Return the calendar of the case records, as day numbers counted from ``first``.

    Returns:
        Working days through half a year after ``last`` (where completions would fall: those
        cases stay open), the rest days from ``first`` to ``last``, for each rest day the index
        of the next working day, and the number of working days from ``first`` to ``last``.
    """
    workdays: list[int] = []
    rest: list[int] = []
    rest_next: list[int] = []
    in_range = 0
    day, end = first, last + timedelta(days=183)
    while day <= end:
        number = (day - first).days
        if _is_workday(day):
            workdays.append(number)
            in_range += day <= last
        elif day <= last:
            rest.append(number)
            rest_next.append(len(workdays))
        day += timedelta(days=1)
    return workdays, rest, rest_next, in_range


def _sql_list(values: Sequence[Any]) -> str:
    def literal(value: Any) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        return "'" + str(value).replace("'", "''") + "'"

    return "[" + ", ".join(literal(v) for v in values) + "]"


def _lookups(seed: int, first: date, last: date) -> list[str]:
    """The SQL macros the case query uses: pseudo-random numbers, calendar and matters."""
    workdays, rest, rest_next, _ = _calendar(first, last)
    slots: list[int] = []
    total, cumulative = sum(m.weight for m in _MATTERS), 0
    for i, m in enumerate(_MATTERS):
        cumulative += m.weight
        slots += [i] * (round(_MATTER_SLOTS * cumulative / total) - len(slots))
    departments = list(_DEPARTMENTS)
    columns = {
        "name": [m.name for m in _MATTERS],
        "department": [_DEPARTMENTS[m.dept][0] for m in _MATTERS],
        "dept_no": [departments.index(m.dept) for m in _MATTERS],
        "statutory": [m.statutory for m in _MATTERS],
        "promised": [m.promised for m in _MATTERS],
        "spot": [m.spot for m in _MATTERS],
        "licensing": [m.category == "licensing" for m in _MATTERS],
    }
    # u(i, k): the k-th pseudo-random number in [0, 1) of row i. hash() of several values only
    # XORs their hashes, so u(i, 1) and u(i, 2) would be correlated; hashing again with k added
    # gives independent streams. Never random(): its seeding is per thread, so not repeatable.
    random_numbers = (
        f"CREATE MACRO u(i, k) AS (hash(hash(i::BIGINT, {int(seed)}::BIGINT) + k::UBIGINT)"
        " >> 11)::DOUBLE / 9007199254740992.0"
    )
    return [
        random_numbers,
        f"CREATE MACRO workday(k) AS {_sql_list(workdays)}[k + 1]",
        f"CREATE MACRO restday(k) AS {_sql_list(rest)}[k + 1]",
        f"CREATE MACRO next_workday(k) AS {_sql_list(rest_next)}[k + 1]",
        f"CREATE MACRO window_name(k) AS {_sql_list([f'W{w:02d}' for w in range(1, 81)])}[k + 1]",
        f"CREATE MACRO matter_of_slot(k) AS {_sql_list(slots)}[k + 1]",
        *(
            f"CREATE MACRO m_{key}(k) AS {_sql_list(values)}[k + 1]"
            for key, values in columns.items()
        ),
    ]


# One pass over the row numbers, no joins and no sort: DuckDB streams the rows in order.
_CASES_SQL = """
WITH dups AS (
    -- A planted duplicate repeats the row before: its case_id and its centre (ids are per
    -- centre, so another centre's would be no duplicate).
    SELECT i, (i + {dup_offset}) % {dup_every} = 0 AND i > 0 AS dup FROM ids
), base AS (
    SELECT
        i, dup,
        least({centres}, 1 + floor({centres} * pow(u(i - dup::INT, 1), 1.3))::BIGINT)
            AS centre_no,
        matter_of_slot(floor(u(i, 2) * {slots})::BIGINT) AS mid,
        u(i, 3) < 0.02 AS rest_day,
        u(i, 4) AS u_day
    FROM dups
), picked AS (
    SELECT
        *,
        floor(u_day * CASE WHEN rest_day THEN {restdays} ELSE {workdays} END)::BIGINT AS pick
    FROM base
), placed AS (
    SELECT
        i, dup, centre_no,
        m_name(mid) AS matter, m_department(mid) AS department, m_dept_no(mid) AS dept_no,
        m_statutory(mid) AS statutory, m_promised(mid) AS promised, m_spot(mid) AS spot,
        m_licensing(mid) AS licensing,
        CASE WHEN rest_day THEN restday(pick) ELSE workday(pick) END AS day_no,
        CASE WHEN rest_day THEN next_workday(pick) - 1 ELSE pick END AS wd_idx,
        CASE WHEN u(i, 5) < 0.55 THEN 30600 + floor(u(i, 6) * 12600)
             ELSE 48600 + floor(u(i, 6) * 14400) END::BIGINT AS tod,
        u(i, 7) < 0.2 + 0.3 * u(centre_no, 1008) AS online
    FROM picked
), decided AS (
    SELECT
        *,
        CASE WHEN u(i, 8) < 0.012 THEN 'refused' WHEN u(i, 8) < 0.022 THEN 'withdrawn'
             ELSE 'completed' END AS outcome,
        CASE WHEN spot THEN u(i, 9) < (CASE WHEN online THEN 0.75 ELSE 0.93 END)
             WHEN promised <= 1 THEN u(i, 9) < 0.45
             ELSE u(i, 9) < 0.05 END AS spot_done,
        promised IS NOT NULL AND u(i, 10) < 0.015 AS overdue,
        (DATE '{first_day}' + day_no::INTEGER)::TIMESTAMP + to_seconds(tod) AS accepted_at
    FROM placed
), timed AS (
    SELECT
        *,
        CASE WHEN spot_done AND outcome = 'completed' THEN 0
             WHEN overdue THEN promised + 1 + floor(u(i, 11) * 5)
             ELSE least(coalesce(promised, 10),
                        floor((coalesce(promised, 10) + 1) * pow(u(i, 11), 1.3)))
        END::BIGINT AS days_taken
    FROM decided
), finished AS (
    SELECT
        *,
        CASE WHEN days_taken > 0 THEN workday(wd_idx + days_taken) END AS closed_day,
        CASE WHEN days_taken = 0 THEN accepted_at + to_seconds(
                 (CASE WHEN spot_done THEN 300 + floor(u(i, 12) * 3300)
                       ELSE 600 + floor(u(i, 12) * greatest(600, 62400 - tod)) END)::BIGINT)
             ELSE (DATE '{first_day}' + closed_day::INTEGER)::TIMESTAMP + to_seconds(
                 (CASE WHEN u(i, 13) < 0.5 THEN 30600 + floor(u(i, 12) * 12600)
                       ELSE 48600 + floor(u(i, 12) * 14400) END)::BIGINT)
        END AS closed_at,
        (i + {bad_offset}) % {bad_every} = 0 AS bad_dates
    FROM timed
), cases AS (
    SELECT
        *,
        CASE WHEN bad_dates THEN 'completed'
             WHEN days_taken > 0 AND coalesce(closed_day > {last_day_no}, true)
                  OR u(i, 14) < 0.003 THEN 'in_progress'
             ELSE outcome END AS status
    FROM finished
), rated AS (
    SELECT *, status IN ('completed', 'refused') AND u(i, 15) < 0.72 AS rated, u(i, 16) AS g
    FROM cases
), graded AS (
    SELECT
        *,
        CASE WHEN NOT rated THEN NULL
             WHEN overdue OR status = 'refused' THEN
                 CASE WHEN g < 0.35 THEN '非常满意' WHEN g < 0.65 THEN '满意'
                      WHEN g < 0.85 THEN '基本满意' WHEN g < 0.95 THEN '不满意'
                      ELSE '非常不满意' END
             WHEN g < 0.72 THEN '非常满意' WHEN g < 0.945 THEN '满意' WHEN g < 0.99 THEN '基本满意'
             WHEN g < 0.997 THEN '不满意' ELSE '非常不满意' END AS satisfaction
    FROM rated
), complained AS (
    SELECT
        *,
        u(i, 17) < 0.0012 + 0.03 * overdue::INT
            + 0.08 * coalesce(satisfaction IN ('不满意', '非常不满意'), false)::INT AS complaint,
        u(i, 20) < (CASE WHEN licensing THEN 0.15 ELSE 0.05 END) AS joint_required,
        u(i, 22) < 0.95 AS authorised
    FROM graded
)
SELECT
    concat('SL', substr((10000000000 + CASE WHEN dup THEN i ELSE i + 1 END)::VARCHAR, 2))
        AS case_id,
    concat('centre-', substr(({power} + centre_no)::VARCHAR, 2)) AS centre_id,
    matter,
    department,
    window_name(dept_no * 3 + floor(u(i, 18) * 3)::BIGINT) AS "window",
    CASE WHEN online THEN 'online' ELSE 'onsite' END AS channel,
    accepted_at,
    CASE WHEN bad_dates THEN accepted_at - to_seconds((3600 + floor(u(i, 19) * 255600))::BIGINT)
         WHEN status = 'in_progress' THEN NULL ELSE closed_at END AS completed_at,
    statutory::INTEGER AS statutory_days,
    promised::INTEGER AS promised_days,
    spot_done AND status = 'completed' AS on_the_spot,
    joint_required,
    joint_required AND u(i, 21) < 0.93 AS joint_handled,
    authorised,
    authorised AND (spot_done OR u(i, 23) < 0.8) AS decided_at_window,
    status,
    status = 'refused' AND u(i, 24) < 0.95 AS refused_reason_given,
    u(i, 25) < 0.001 AS outside_system,
    satisfaction,
    complaint,
    complaint AND u(i, 26) < 0.55 AS complaint_valid,
    complaint AND u(i, 27) < 0.85 AS complaint_accepted
FROM complained
"""


def _check_case_arguments(rows: int, path: Path, seed: int, centres: int, force: bool) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise UsageError(
            f"不支持的文件类型 {path.suffix or '（无后缀）'}：请用 .csv 或 .parquet",
            f"unsupported file type {path.suffix or '(none)'}: use .csv or .parquet",
        )
    if rows < 1 or centres < 1:
        raise UsageError(
            f"行数和中心数至少为 1：rows={rows} centres={centres}",
            f"rows and centres must be at least 1: rows={rows} centres={centres}",
        )
    if not -_INT64 <= seed < _INT64:
        raise UsageError(f"种子超出 64 位整数范围：{seed}", f"seed out of the 64-bit range: {seed}")
    if path.is_dir():
        raise UsageError(f"{path} 是目录", f"{path} is a directory")
    if path.exists() and not force:
        raise exists_error(path)
    return suffix


def cases_query(
    rows: int, seed: int = 0, *, centres: int = 1, as_of: date | None = None
) -> tuple[Any, str]:
    """Return a DuckDB connection holding the generator's macros, and the SQL of the records.

    Args:
        rows: Number of case records.
        seed: Seed of the generator.
        centres: Number of centres the cases are spread over; ``centre_id`` is ``centre-1`` …
            zero-padded to the width of ``centres``, like the file names of ``write_centres``.
        as_of: The day the records are exported (default: today in Beijing); they cover the
            full months before it (``case_period``).

    Returns:
        ``(connection, sql)``: ``connection.execute(sql)`` gives the rows, in ``case_id``
        order (the connection is the caller's to close).

    Raises:
        UsageError: ``as_of`` out of range.
    """
    import duckdb

    first, last = case_period(as_of or _today())
    con = duckdb.connect()
    for statement in _lookups(seed, first, last):
        con.execute(statement)
    # range() is a single-threaded source; a table of row numbers is scanned in parallel.
    con.execute(f"CREATE TABLE ids AS SELECT i FROM range({int(rows)}) t(i)")
    _, rest, _, in_range = _calendar(first, last)
    offsets = random.Random(f"gbstd-cases:{seed}")
    sql = _CASES_SQL.format(
        centres=int(centres),
        power=10 ** len(str(centres)),
        slots=_MATTER_SLOTS,
        workdays=in_range,
        restdays=len(rest),
        first_day=first.isoformat(),
        last_day_no=(last - first).days,
        bad_every=_BAD_DATES_EVERY,
        bad_offset=offsets.randrange(_BAD_DATES_EVERY),
        dup_every=_DUPLICATE_EVERY,
        dup_offset=offsets.randrange(_DUPLICATE_EVERY),
    )
    return con, sql


def write_cases(
    rows: int,
    path: Path,
    seed: int = 0,
    *,
    centres: int = 1,
    force: bool = False,
    as_of: date | None = None,
) -> int:
    """Write synthetic case records as CSV (UTF-8 with BOM, for Excel and WPS) or Parquet.

    The format follows the suffix. Columns (``CASE_COLUMNS``): ``case_id`` (``SL`` + 10
    digits, in row order), ``centre_id`` (``centre-…`` as the file stems of ``write_centres``),
    ``matter``, ``department``, ``window``, ``channel`` (online | onsite), ``accepted_at``
    (the 12 full months before ``as_of``, working hours, mostly working days by China's
    official calendar),
    ``completed_at`` (NULL while ``in_progress``; the closing time of refused and withdrawn
    cases too), ``statutory_days`` (NULL for matters without a legal limit), ``promised_days``
    (≤ statutory), ``on_the_spot``, ``joint_required``/``joint_handled`` (联办),
    ``authorised``/``decided_at_window`` (窗口授权), ``status`` (completed | in_progress |
    refused | withdrawn), ``refused_reason_given``, ``outside_system`` (体外循环, rare),
    ``satisfaction`` (five grades, NULL when not rated), ``complaint``, ``complaint_valid``
    (有效投诉) and ``complaint_accepted`` (the complainant accepted the outcome, 投诉处理满意);
    the last two are false without a complaint. Working days count from the next working
    day, so a case is overdue when it closes more than ``promised_days`` working days after
    the day it was accepted. Rates are realistic
    (on-the-spot ≈ 38 %, online 20–50 % per centre, mostly satisfied, complaints < 0.5 %, a few
    overdue) and about 0.05 % of the rows are deliberately bad for the KPI engine to report:
    ``completed_at`` before ``accepted_at`` (every 3,331st row) and a ``case_id`` repeated from
    the row before (every 4,999th row); no other data problem, and no date on or after
    ``as_of`` (a case that would close after the period is ``in_progress``). The same
    arguments, ``as_of`` included, give the same rows (and, for CSV, the same bytes) whatever
    DuckDB's thread count.

    Args:
        rows: Number of records.
        path: Output ``.csv`` or ``.parquet`` file.
        seed: Seed of the generator.
        centres: Number of centres the cases are spread over.
        force: Overwrite an existing file.
        as_of: The day of the export (default: today in Beijing); see ``case_period``.

    Returns:
        The number of records written.

    Raises:
        UsageError: bad suffix, rows or centres below 1, seed beyond 64 bits, path a directory,
            ``as_of`` before 2001 or after 9998.
        OutputExistsError: the file exists and force was not given.
    """
    import duckdb

    path = Path(path)
    suffix = _check_case_arguments(rows, path, seed, centres, force)
    as_of = as_of or _today()
    case_period(as_of)  # refuse a bad date before any folder is made
    make_parents(path, path)
    con, sql = cases_query(rows, seed, centres=centres, as_of=as_of)
    try:
        with staged_file(path, force=force) as staging:
            raw = staging.with_name(staging.name + ".raw")
            try:
                if suffix == ".parquet":
                    options = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1"
                    con.execute(f"COPY ({sql}) TO '{_sql_path(staging)}' ({options})")
                else:
                    con.execute(f"COPY ({sql}) TO '{_sql_path(raw)}' (FORMAT csv, HEADER true)")
                    with staging.open("wb") as out, raw.open("rb") as src:
                        out.write("\ufeff".encode())
                        shutil.copyfileobj(src, out, 16 * 1024 * 1024)
            except duckdb.IOException as exc:
                raise _write_error(path, exc) from None
            finally:
                raw.unlink(missing_ok=True)
    finally:
        con.close()
    return rows


def _write_error(path: Path, exc: Exception) -> GbstdError:
    """DuckDB's write errors (full disk, no permission) are not OSErrors; most carry the errno."""
    number = re.search(r'"errno":\s*"(\d+)"', str(exc))
    if number is not None:
        code = int(number.group(1))
        return cannot_write(path, OSError(code, os.strerror(code)))
    first = str(exc).splitlines()[0]
    return GbstdError(f"无法写入 {path}：{first}", f"cannot write {path}: {first}")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
