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

    public_transport: bool | None = fact("可乘公共交通到达", "reachable by public transport")
    convenient: bool | None = fact("位于交通便利、便于到达的地段", "in an easily reached area")
    parking_spaces: Count | None = fact("停车位数", "parking spaces")
    accessible_parking: bool | None = fact("设有无障碍停车位", "accessible parking spaces")


class Accessibility(Facts):
    """无障碍设施."""

    ramp_or_lift: bool | None = fact("无障碍通道（坡道或无障碍电梯）", "ramp or accessible lift")
    accessible_toilet: bool | None = fact("无障碍卫生间", "accessible toilet")
    low_counter: bool | None = fact("低位服务台", "low service counter")
    priority_window: bool | None = fact(
        "绿色通道或优先窗口", "priority window for the elderly and disabled"
    )


class Signage(Facts):
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


class Windows(Facts):
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


class Premises(Facts):
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
    zones: list[Zone] | None = fact(
        "已设置的功能区",
        "functional zones present",
        note="逐项回答是否设置；等候休息区指供等候、休息的座位区，母婴室指单独设置的房间",
    )
    zone_managers_assigned: bool | None = fact(
        "每个功能区明确管理责任人", "a person responsible for each zone"
    )
    internal_areas_separated: bool | None = fact(
        "对外服务区与后台、档案、机房分开并限制进入", "public and internal areas separated"
    )
    windows: Windows | None = fact("窗口", "windows")
    equipment: list[Equipment] | None = fact(
        "已配备的服务设备",
        "equipment present",
        note="逐项回答大厅是否配备并在用；窗口评价器在“满意度评价”的评价渠道中回答",
    )
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
