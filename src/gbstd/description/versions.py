"""Earlier versions of the self-description, read as the current one.

Version 1 gave some facts a home a newcomer could not find; version 2 moved them. A version 1
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
                    f"counter_service.acceptance_notice ({'acceptance' in notices} from the list)",
                ),
            )
        )

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
    return data, moved
