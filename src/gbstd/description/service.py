"""Counter service, information disclosure and etiquette (GB/T 32169.3)."""

from gbstd.description.base import Choice, Days, Facts, fact


class Notice(Choice):
    """Written notices a window issues."""

    CORRECTION = "correction", "补正材料通知书"
    SERVICE = "service", "服务告知单"
    REFUSAL = "refusal", "不予受理通知书（说明理由和救济途径）"
    DELAY = "delay", "延期或特别程序告知书"


class ExtraService(Choice):
    """Convenience services beyond the counter."""

    APPOINTMENT = "appointment", "预约服务"
    EXTENDED_HOURS = "extended_hours", "延时服务"
    ASSISTED = "assisted", "帮办代办"
    DELIVERY_BY_POST = "delivery_by_post", "邮寄送达"
    DOOR_TO_DOOR = "door_to_door", "上门服务"


class CounterService(Facts):
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
    acceptance_notice: bool | None = fact(
        "受理后出具受理通知书",
        "an acceptance notice is issued on acceptance",
        note="材料齐全、予以受理时，窗口是否当场出具书面（或电子）受理通知书；以通知书存根为准",
    )
    notices_issued: list[Notice] | None = fact(
        "实际出具的其他书面文书",
        "other written notices issued",
        note="逐项回答窗口是否实际出具该文书；受理通知书在上一题回答",
    )
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

    NAME = "name", "事项名称"
    LEGAL_BASIS = "legal_basis", "设立依据"
    CONDITIONS = "conditions", "申请条件"
    MATERIALS = "materials", "申请材料"
    PROCEDURE = "procedure", "办理程序"
    STATUTORY_LIMIT = "statutory_limit", "法定时限"
    PROMISED_LIMIT = "promised_limit", "承诺时限"
    FEES = "fees", "收费标准及依据"
    WINDOW = "window", "办理窗口"
    CONTACTS = "contacts", "咨询和监督电话"
    RESULTS = "results", "办理结果"
    FORMS = "forms", "表格下载或示范文本"


class Channel(Choice):
    """Where information is published."""

    NOTICE_BOARD = "notice_board", "公示栏"
    SCREEN = "screen", "电子显示屏"
    TOUCH_QUERY = "touch_query", "触摸查询屏"
    LEAFLET = "leaflet", "纸质办事指南（一事一单）"
    WEBSITE = "website", "网站"
    MOBILE_APP = "mobile_app", "移动应用（App）"
    HOTLINE = "hotline", "服务热线"


class Disclosure(Facts):
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


class Etiquette(Facts):
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
