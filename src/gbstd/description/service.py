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

    guidance_desk: bool | None = fact(
        "设咨询引导岗（导服台）",
        "guidance desk",
        note="大厅设有咨询引导岗或导服台、办公时间有人值守的填“是”",
    )
    consultation_answered: bool | None = fact(
        "咨询当场答复，不能答复的告知时间并回复",
        "questions answered on the spot or followed up",
        note="咨询能当场答复的当场答，不能的约定时间并按时回复的填“是”，以咨询登记为准",
    )
    materials_checked_on_spot: bool | None = fact(
        "当场查验材料是否齐全、符合法定形式",
        "materials checked on the spot",
        note="窗口收件时当场查验材料是否齐全、是否符合法定形式的填“是”",
    )
    out_of_scope_referral: bool | None = fact(
        "不属受理范围的当场告知并指引",
        "out-of-scope requests referred on the spot",
        note="不属本中心受理的申请，当场告知并指引到应去的部门的填“是”",
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
    notice_stubs_kept: bool | None = fact(
        "通知书留存存根或电子记录",
        "copies of notices kept",
        note="出具的补正材料等通知书留存存根或在系统中留有电子记录的填“是”",
    )
    acceptance_notice_states_deadline: bool | None = fact(
        "受理通知书载明受理编号和承诺时限",
        "acceptance notice states number and deadline",
        note="受理通知书上印有受理编号和承诺办结时限的填“是”，以通知书样张为准",
    )
    cases_registered_in_system: bool | None = fact(
        "受理后录入系统、生成唯一编号并记录各环节",
        "cases registered with a unique number",
        note="受理后录入业务系统、生成唯一编号，并记录各环节办理人和时间的填“是”",
    )
    on_the_spot_completion: bool | None = fact(
        "即办件当场办结",
        "simple cases completed on the spot",
        note="即办件材料齐全时都当场办结的填“是”，以办件系统的受理和办结时间为准",
    )
    review_per_published_process: bool | None = fact(
        "按公布流程和标准审查决定",
        "decisions follow the published process",
        note="审查和决定都按公布的办理流程和审查标准进行的填“是”，以督查或抽查为准",
    )
    delay_notified_in_writing: bool | None = fact(
        "超时限或特别程序书面告知理由和期限",
        "delays notified in writing",
        note="办件超时限或需听证、检测等特别程序时，书面告知理由和期限的填“是”",
    )
    refusal_reasons_and_remedies: bool | None = fact(
        "不予受理或许可书面说明理由和救济途径",
        "refusals state reasons and remedies",
        note="不予受理或不予许可时书面写明理由和复议、诉讼途径的填“是”，以文书样张为准",
    )
    results_delivered_as_chosen: bool | None = fact(
        "办结后通知并按选择方式送达、签收",
        "results delivered as chosen and signed for",
        note="办结后通知申请人，按其选择的窗口领取或邮寄送达并签收的填“是”",
    )
    case_files_archived: bool | None = fact(
        "办结后按件归档",
        "case files archived",
        note="办结后按一件一档整理归档的填“是”，以纸质或电子档案为准",
    )
    extra_services: list[ExtraService] | None = fact(
        "提供的便民服务",
        "convenience services offered",
        note="逐项回答是否提供该便民服务，例：中午或周末照常办件的，“延时服务”选“是”",
    )
    business_hours_published: bool | None = fact(
        "公布对外办公时间",
        "opening hours published",
        note="在大厅入口、网站等处公布对外办公时间的填“是”",
    )
    no_empty_windows: bool | None = fact(
        "办公时间内窗口无无故空岗（督查确认）",
        "no unattended windows during opening hours",
        note="督查未发现办公时间内窗口无故空岗的填“是”，以近一年督查记录为准",
    )
    fees_receipted: bool | None = fact(
        "收费出具合法票据",
        "fees receipted",
        note="收费时都出具财政或税务部门的合法票据的填“是”，以票据存根为准；没有收费事项的也填“是”",
    )
    no_extra_conditions: bool | None = fact(
        "未增设办理条件或材料（督查确认）",
        "no conditions or materials added beyond the guide",
        note="督查未发现窗口在办事指南之外增设条件或材料的填“是”，以近一年督查记录为准",
    )
    fallback_procedure: bool | None = fact(
        "系统故障时有手工受理等替代方式",
        "manual fallback when systems fail",
        note="业务系统或网络故障时有手工受理、事后补录等替代办法的填“是”，以应急预案为准",
    )
    dispute_lead_on_call: bool | None = fact(
        "纠纷由窗口或值班负责人到场处理",
        "a lead attends disputes",
        note="发生服务纠纷时窗口负责人或值班负责人到场处理的填“是”，例：值班表",
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
        "办事指南公开的要素",
        "items every service guide discloses",
        note="逐项回答各事项的办事指南是否都公开了该要素，以大厅和网上的指南为准",
    )
    channels: list[Channel] | None = fact(
        "公开渠道", "channels used", note="逐项回答是否通过该渠道公开事项目录和办事指南"
    )
    progress_query: bool | None = fact(
        "提供办件进度和结果查询途径",
        "progress and result can be queried",
        note="申请人可通过网站、电话、短信或自助机查询办件进度和结果的填“是”",
    )
    results_published: bool | None = fact(
        "依法公开办理结果",
        "results published where lawful",
        note="可以公开的办理结果（如许可决定）已按规定公开的填“是”",
    )
    update_days: Days | None = fact(
        "信息变化后更新所需天数（承诺）",
        "days to update after a change (commitment)",
        note="信息变化后承诺在几天内更新公开内容，填天数，例：5",
    )
    updates_dated: bool | None = fact(
        "更新记录日期", "updates dated", note="公开的目录、指南每次更新都注明更新日期的填“是”"
    )
    consistent_across_channels: bool | None = fact(
        "现场与网站信息一致",
        "on-site and online information consistent",
        note="同一事项在大厅公示、纸质指南和网站上的内容一致的填“是”，以抽查比对为准",
    )
    supervision_channels_published: bool | None = fact(
        "公开投诉电话、意见箱、网上留言等监督渠道",
        "supervision channels published",
        note="在大厅和网上公开投诉电话、意见箱、网上留言等监督方式的填“是”",
    )


class Etiquette(Facts):
    """服务礼仪 (GB/T 32169.3 ch. 5; GB/T 36112 ch. 5)."""

    dress_code: bool | None = fact(
        "统一着装", "dress code", note="窗口人员在岗时统一着装的填“是”，以现场检查或督查记录为准"
    )
    name_badges: bool | None = fact(
        "佩戴工作牌", "name badges", note="窗口人员在岗佩戴标有姓名、岗位的工作牌的填“是”"
    )
    greeting_and_two_hands: bool | None = fact(
        "主动招呼、双手递接",
        "greet and hand over with both hands",
        note="窗口人员主动招呼服务对象、双手递接材料的填“是”，以督查或暗访为准",
    )
    no_unrelated_activities: bool | None = fact(
        "在岗不做无关事（督查确认）",
        "no unrelated activity at the window",
        note="督查未发现在岗玩手机、闲聊等与工作无关活动的填“是”，以督查记录为准",
    )
    pause_sign: bool | None = fact(
        "离岗放置暂停服务提示牌",
        "pause sign when away",
        note="窗口人员暂时离岗时都放置“暂停服务”提示牌的填“是”，以督查或暗访为准",
    )
    mandarin: bool | None = fact(
        "使用普通话，必要时方言",
        "Mandarin, dialect when needed",
        note="窗口用普通话服务，遇听不懂的服务对象能用方言沟通的填“是”",
    )
    patient_explanation: bool | None = fact(
        "耐心解释，直至明白",
        "patient explanation",
        note="对政策和办理要求耐心解释到服务对象听明白的填“是”，以暗访或投诉记录为准",
    )
    de_escalation: bool | None = fact(
        "情绪激动时先安抚并请负责人处理",
        "de-escalation routine",
        note="有服务对象情绪激动时先安抚、再请负责人处理的做法的填“是”，例：纠纷处置流程",
    )
    appearance_checks: bool | None = fact(
        "日常检查仪容仪表并记录",
        "appearance checked and recorded",
        note="每日检查窗口人员仪容仪表并有记录的填“是”，例：晨检记录表",
    )
    code_distributed_to_windows: bool | None = fact(
        "礼仪规范已发放到每个窗口",
        "etiquette code handed to every window",
        note="书面服务礼仪规范已发到每个窗口的填“是”，以发放签收记录为准",
    )
    equal_treatment: bool | None = fact(
        "平等对待服务对象（无刁难推诿投诉）",
        "equal treatment, no complaints of obstruction",
        note="近一年无刁难、推诿或区别对待服务对象的投诉和督查发现的填“是”",
    )
