"""Premises: location, accessibility, signage, windows, zones and equipment (GB/T 32169.1 ch. 5)."""

from typing import Annotated

from pydantic import Field

from gbstd.description.base import Choice, Count, Facts, fact


class Zone(Choice):
    """Functional zones of the service hall."""

    GUIDANCE = "guidance", "咨询导办区"
    WAITING = "waiting", "等候休息区"
    WINDOWS = "windows", "窗口服务区"
    SELF_SERVICE = "self_service", "自助服务区"
    OFFICE = "office", "后台办公区"
    ARCHIVE = "archive", "档案室"
    SERVER_ROOM = "server_room", "机房"
    COMPLAINTS = "complaints", "投诉受理点"
    NURSING_ROOM = "nursing_room", "母婴室"
    MONITORING = "monitoring", "监控室"


class Equipment(Choice):
    """Service equipment of the hall."""

    QUEUE_SYSTEM = "queue_system", "排队叫号系统"
    INFORMATION_SCREEN = "information_screen", "电子显示屏"
    TOUCH_QUERY = "touch_query", "触摸查询屏"
    SELF_SERVICE_TERMINAL = "self_service_terminal", "自助终端"
    COPIER = "copier", "复印打印设备"
    WRITING_DESK = "writing_desk", "书写台（含示范文本）"
    SEATS = "seats", "等候座椅"
    DRINKING_WATER = "drinking_water", "饮水设施"
    READING_GLASSES = "reading_glasses", "老花镜等便民用品"
    CCTV = "cctv", "视频监控"
    FIRE_EXTINGUISHERS = "fire_extinguishers", "灭火器材"
    EMERGENCY_LIGHTING = "emergency_lighting", "应急照明和疏散指示"
    FIRST_AID_KIT = "first_aid_kit", "急救箱"
    AIR_CONDITIONING = "air_conditioning", "温度调节设备"
    WIFI = "wifi", "无线网络"
    OPINION_BOX = "opinion_box", "意见箱"


class Location(Facts):
    """选址."""

    public_transport: bool | None = fact(
        "可乘公共交通到达",
        "reachable by public transport",
        note="大厅附近有公交站或地铁站，可步行到达，例：门口有公交站",
    )
    convenient: bool | None = fact(
        "位于交通便利、便于到达的地段",
        "in an easily reached area",
        note="大厅位于群众容易找到、方便到达的地段，不在偏僻或难找的位置",
    )
    parking_spaces: Count | None = fact(
        "停车位数", "parking spaces", note="供办事群众使用的停车位个数，例：60；没有停车场填0"
    )
    accessible_parking: bool | None = fact(
        "设有无障碍停车位",
        "accessible parking spaces",
        note="停车场划有带轮椅标志、靠近入口的无障碍停车位",
    )


class Accessibility(Facts):
    """无障碍设施."""

    ramp_or_lift: bool | None = fact(
        "无障碍通道（坡道或无障碍电梯）",
        "ramp or accessible lift",
        note="轮椅能从入口进入各服务楼层：入口有坡道，楼层间有无障碍电梯",
    )
    accessible_toilet: bool | None = fact(
        "无障碍卫生间", "accessible toilet", note="设有轮椅可进入、装有扶手的无障碍卫生间"
    )
    low_counter: bool | None = fact(
        "低位服务台", "low service counter", note="设有供轮椅使用者办事的低位窗口或低位服务台"
    )
    priority_window: bool | None = fact(
        "绿色通道或优先窗口",
        "priority window for the elderly and disabled",
        note="为老年人、残疾人、孕妇等设有绿色通道或优先办理窗口",
    )


class Signage(Facts):
    """标识."""

    floor_plan: bool | None = fact(
        "入口和大厅有楼层平面图",
        "floor plan at entrance and hall",
        note="入口和各层大厅设有楼层平面图，标明功能区和窗口位置",
    )
    zone_signs: bool | None = fact(
        "功能区有清晰标识",
        "zones clearly signed",
        note="每个功能区有清晰的名称标识，例：“等候区”“自助服务区”吊牌",
    )
    window_direction_signs: bool | None = fact(
        "窗口导向标识",
        "signs directing to windows",
        note="大厅有指向各窗口或窗口区的导向标识，例：地面导向线、指示牌",
    )
    safety_signs_gb2894: bool | None = fact(
        "按 GB 2894 设置安全标志（含安全出口、疏散通道）",
        "safety signs per GB 2894",
        note="安全出口、疏散通道、禁止吸烟等安全标志设置齐全，以现场查看为准",
    )
    floor_plan_published: bool | None = fact(
        "在入口公示服务现场空间平面示意图",
        "site layout diagram displayed at the entrance",
        note="入口处张贴服务现场空间平面示意图，标明各功能区和出入口；入口的楼层平面图标明了这些的也填“是”",
    )


class Windows(Facts):
    """窗口布局."""

    total: Count | None = fact(
        "窗口总数", "number of windows", note="大厅对外办事的窗口个数，含综合窗口和部门窗口，例：40"
    )
    numbered_and_signed: bool | None = fact(
        "窗口统一编号并设标识牌（窗口号、部门或类别）",
        "windows numbered and signed",
        note="每个窗口有统一编号和标识牌，写明窗口号及部门或事项类别",
    )
    grouped_by_category: bool | None = fact(
        "按事项类别或主题相对集中布局",
        "windows grouped by category or theme",
        note="窗口按事项类别或主题集中排列，例：企业开办、不动产登记各成一区",
    )
    staff_identity_displayed: bool | None = fact(
        "窗口公示在岗人员姓名、照片和岗位",
        "window shows staff name, photo and post",
        note="窗口公示在岗人员的姓名、照片和岗位，例：桌牌、窗口上方电子屏",
    )
    supplies_standardised: bool | None = fact(
        "规定窗口办公物品种类、数量和摆放位置",
        "window supplies and their placement standardised",
        note="有书面规定窗口台面放哪些办公物品、各几件、摆在哪里",
    )


class Premises(Facts):
    """服务设施设备 (GB/T 32169.1 ch. 5; GB/T 36112)."""

    location: Location | None = fact(
        "选址", "location", note="大厅是否便于到达：公共交通、地段和停车位（含无障碍停车位）"
    )
    floor_area_m2: Annotated[float, Field(ge=0)] | None = fact(
        "服务场所建筑面积（平方米）",
        "floor area in m²",
        note="对外服务场所的建筑面积，填平方米数，例：3500",
    )
    area_adequacy_assessed: bool | None = fact(
        "面积与部门、窗口数和日均人次相适应（经测算）",
        "area assessed as adequate for departments, windows and daily visitors",
        note="按进驻部门数、窗口数和日均人次测算过面积够用，以测算材料为准",
    )
    daily_visitors: Count | None = fact(
        "日均服务人次",
        "average daily visitors",
        note="最近12个月平均每个工作日来大厅办事的人次，以叫号系统统计为准，例：800",
    )
    lighting_ventilation_ok: bool | None = fact(
        "采光、照明、通风良好并有温度调节",
        "good light, ventilation and temperature control",
        note="大厅采光、照明和通风良好，并有空调等温度调节设备",
    )
    accessibility: Accessibility | None = fact(
        "无障碍设施",
        "accessibility",
        note="残疾人、老年人办事的条件：无障碍通道和卫生间、低位台、优先窗口",
    )
    signage: Signage | None = fact(
        "标识", "signage", note="群众能否找到地方：平面图、功能区标识、窗口导向和安全标志"
    )
    zones: list[Zone] | None = fact(
        "已设置的功能区",
        "functional zones present",
        note="逐项回答是否设置；等候休息区指供等候、休息的座位区，母婴室指单独设置的房间",
    )
    zone_managers_assigned: bool | None = fact(
        "每个功能区明确管理责任人",
        "a person responsible for each zone",
        note="每个功能区都指定了管理责任人，例：区域责任人公示牌",
    )
    internal_areas_separated: bool | None = fact(
        "对外服务区与后台、档案、机房分开并限制进入",
        "public and internal areas separated",
        note="后台办公区、档案室、机房与群众活动区分开，并有门禁或“非请勿入”限制",
    )
    windows: Windows | None = fact(
        "窗口", "windows", note="窗口的数量、编号标识、分类布局、人员信息公示和台面物品"
    )
    equipment: list[Equipment] | None = fact(
        "已配备的服务设备",
        "equipment present",
        note="逐项回答大厅是否配备并在用；窗口评价器在“满意度评价”的评价渠道中回答",
    )
    equipment_register: bool | None = fact(
        "有设施设备台账和定期检查维护制度",
        "equipment register and maintenance routine",
        note="逐台登记设施设备的台账，并规定多久检查维护一次，例：设备台账、月度巡检计划",
    )
    equipment_checks_recorded: bool | None = fact(
        "设备检查和维修有记录",
        "checks and repairs recorded",
        note="设备的检查和维修都有记录，例：设备巡检表、维修单",
    )
    passages_clear: bool | None = fact(
        "通道和安全出口畅通、无杂物堆放",
        "passages and exits kept clear",
        note="通道和安全出口畅通，公共区域没有堆放杂物，以现场查看为准",
    )
    lost_property_register: bool | None = fact(
        "遗失物品登记、保管和招领",
        "lost property registered and returned",
        note="大厅拾到的遗失物品有登记、保管和招领，以登记簿为准",
    )
