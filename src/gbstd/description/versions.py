"""Earlier versions of the self-description, read as the current one.

Version 1 gave some facts a home a newcomer could not find, and asked a few twice; version 2
moved them and asks each once. A version 1
file is still read: ``upgrade`` rewrites its data to version 2 and says what moved, so that
``gbstd validate`` and ``gbstd assess`` can tell the user (``gbstd convert`` writes it anew).
Nothing is guessed: a move is made only where version 1's answer says the same thing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from gbstd.description.base import FORMAT_VERSION
from gbstd.i18n import Message

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Moved:
    """One change made to a version 1 file, at the path it was found."""

    at: DataPath
    message: Message


def _block(data: dict[str, Any], *path: str) -> dict[str, Any] | None:
    node: Any = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def upgrade(data: dict[str, Any]) -> tuple[dict[str, Any], list[Moved]]:
    """Version 1 data as version 2, and what moved; other data is returned as it is."""
    if data.get("format_version") != 1:
        return data, []
    data = copy.deepcopy(data)
    data["format_version"] = FORMAT_VERSION
    moved: list[Moved] = []
    for move in (_acceptance_notice, _rest_zone, _evaluation_device, _yearly_flags, _published):
        moved += move(data)
    return data, moved


def _acceptance_notice(data: dict[str, Any]) -> list[Moved]:
    moved = []
    counter = _block(data, "counter_service")
    notices = counter.get("notices_issued") if counter else None
    if counter is not None and isinstance(notices, list):
        # Version 1 said "no acceptance notice" by leaving it out of a stated list.
        counter["notices_issued"] = [n for n in notices if n != "acceptance"]
        if "acceptance_notice" not in counter:
            counter["acceptance_notice"] = "acceptance" in notices
        moved.append(
            Moved(
                ("counter_service", "notices_issued"),
                Message(
                    "受理通知书改为单独一题 counter_service.acceptance_notice"
                    f"（按原清单记为“{'是' if 'acceptance' in notices else '否'}”）",
                    "the acceptance notice is now its own yes/no, "
                    f"counter_service.acceptance_notice ({'yes' if 'acceptance' in notices else 'no'}, "
                    "as the list said)",
                ),
            )
        )
    return moved


def _rest_zone(data: dict[str, Any]) -> list[Moved]:
    moved = []
    premises = _block(data, "premises")
    zones = premises.get("zones") if premises else None
    if premises is not None and isinstance(zones, list) and "rest" in zones:
        # "休息、母婴区" was a rest area beside the waiting area: both are 等候休息区 now.
        premises["zones"] = list(dict.fromkeys("waiting" if z == "rest" else z for z in zones))
        moved.append(
            Moved(
                ("premises", "zones"),
                Message(
                    "“休息、母婴区”（rest）并入等候休息区（waiting）；单独设有母婴室的，"
                    "请在功能区中补答 nursing_room",
                    "the rest area (rest) is part of the waiting zone (waiting) now; "
                    "a separate nursing room is nursing_room",
                ),
            )
        )
    return moved


def _evaluation_device(data: dict[str, Any]) -> list[Moved]:
    moved = []
    premises = _block(data, "premises")
    equipment = premises.get("equipment") if premises else None
    if premises is not None and isinstance(equipment, list) and "evaluation_device" in equipment:
        premises["equipment"] = [e for e in equipment if e != "evaluation_device"]
        satisfaction = _block(data, "supervision", "satisfaction")
        channels = satisfaction.get("channels") if satisfaction else None
        if satisfaction is not None and isinstance(channels, list):
            if "evaluation_device" not in channels:
                satisfaction["channels"] = [*channels, "evaluation_device"]
            where = "已记入评价渠道"
            where_en = "recorded as a rating channel"
        else:
            where = "请在 supervision.satisfaction.channels 中回答"
            where_en = "answer it in supervision.satisfaction.channels"
        moved.append(
            Moved(
                ("premises", "equipment"),
                Message(
                    f"窗口评价器不再列为设备，{where}",
                    f"the evaluation device is no longer equipment: {where_en}",
                ),
            )
        )
    return moved


def _yearly_flags(data: dict[str, Any]) -> list[Moved]:
    moved = []
    for block_path, flag, count in _YEARLY_FLAGS:
        block = _block(data, *block_path)
        if block is None or flag not in block:
            continue
        said = block.pop(flag)
        at = (*block_path, flag)
        if count in block or said is not False:
            # The count is given, or "yes" without one: the count is what checks read.
            zh = f"已删除（与 {count} 重复，评估只读次数）"
            en = f"removed (it repeats {count}, which is what checks read)"
            if count not in block:
                zh, en = zh + "；请填写次数", en + "; give the count"
        else:
            block[count] = 0
            zh, en = f"“否”记为 {count}: 0", f"'no' recorded as {count}: 0"
        moved.append(Moved(at, Message(f"{'.'.join(at)} {zh}", f"{'.'.join(at)} {en}")))
    return moved


def _published(data: dict[str, Any]) -> list[Moved]:
    moved = []
    disclosure = _block(data, "disclosure")
    if disclosure is not None and "departments_and_windows_published" in disclosure:
        said = disclosure.pop("departments_and_windows_published")
        departments = data.setdefault("departments", {})
        if isinstance(departments, dict) and "list_published" not in departments:
            departments["list_published"] = said
        moved.append(
            Moved(
                ("disclosure", "departments_and_windows_published"),
                Message(
                    "“公开进驻部门和窗口分布”与 departments.list_published 重复，已并入该题",
                    "disclosure.departments_and_windows_published repeats "
                    "departments.list_published and is folded into it",
                ),
            )
        )
    return moved


# Version 1 asked "yearly?" beside "how many times a year?"; no check read the yes/no.
_YEARLY_FLAGS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("standardization",), "staff_trained_yearly", "specialist_trainings_per_year"),
    (
        ("standardization",),
        "external_standards_checked_yearly",
        "external_standards_checks_per_year",
    ),
    (("standardization",), "standards_reviewed_yearly", "standards_reviews_per_year"),
    (("standardization",), "staff_training_yearly", "staff_trainings_per_year"),
    (("online",), "backup_restore_tested", "restore_tests_per_year"),
)
