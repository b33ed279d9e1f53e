"""The random draws of one synthetic centre, its level, place and name."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

from gbstd.sample import tables


def clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    """Return ``x`` bounded to lo..hi."""
    return max(lo, min(x, hi))


class Draw:
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
        """Draw the centre's maturity, how much it states and its veto, if any."""
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
        """True with probability ``p``."""
        return self.rng.random() < p

    def flags(
        self, names: Sequence[str], *, cover: float = 0.0, quality: float = 0.0
    ) -> dict[str, Any]:
        """Each name stated with the cover probability; stated ones true with the quality one."""
        rnd = self.rng.random
        c, q = self.cover + cover, self.quality + quality
        return {name: rnd() < q for name in names if rnd() < c}

    def some(self, options: Sequence[str], share: float) -> list[str]:
        """Each option kept with probability ``share``, in order."""
        rnd = self.rng.random
        return [o for o in options if rnd() < share]

    def scaled(self, lo: float, hi: float, spread: float = 0.25) -> float:
        """A value from lo to hi, higher for mature centres."""
        return lo + (hi - lo) * clamp(self.m + self.rng.uniform(-spread, spread))

    def count(self, lo: int, hi: int, spread: float = 0.25) -> int:
        """A whole number from lo to hi, higher for mature centres."""
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
    u = (phase + index * tables.GOLDEN) % 1.0
    for bound, level in tables.LEVEL_BOUNDS:
        if u < bound:
            return level
    return "township"


# --- places -------------------------------------------------------------------------------------


def _place(rng: random.Random, suffixes: Sequence[str]) -> str:
    return rng.choice(tables.FIRST) + rng.choice(tables.SECOND) + rng.choice(suffixes)


def _province(rng: random.Random, level: str) -> str:
    if level == "city":
        return rng.choice(tables.NON_MUNICIPAL)
    if level == "province":
        return rng.choice(tables.PROVINCE_NAMES)
    pick = rng.randrange(tables.PROVINCE_CUM[-1])
    for name, bound in zip(tables.PROVINCE_NAMES, tables.PROVINCE_CUM, strict=True):
        if pick < bound:
            return name
    return tables.PROVINCE_NAMES[-1]  # pragma: no cover


def identity(d: Draw) -> tuple[str, dict[str, str], str]:
    """Name, region and department prefix of a centre."""
    rng, level = d.rng, d.level
    province = _province(rng, level)
    municipal = province in tables.MUNICIPALITIES
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


def centre_block(d: Draw, name: str, region: dict[str, str], assessed_on: date) -> dict[str, Any]:
    """The ``centre`` section: name, level, region, address, opening and assessment dates."""
    rng = d.rng
    centre: dict[str, Any] = {"name": name, "level": d.level, "region": region}
    upper = region.get("county") or region.get("city") or region["province"]
    town = region.get("township", "")
    d.add(
        centre,
        "address",
        lambda: f"{upper}{town}{rng.choice(tables.ROADS)} {rng.randint(1, 199)} 号",
    )
    first = 2004 if d.level in ("province", "city") else 2008 if d.level == "county" else 2012
    start = date(first, 1, 1).toordinal()
    d.add(
        centre,
        "opened_on",
        lambda: date.fromordinal(rng.randrange(start, date(2022, 12, 31).toordinal())),
    )
    centre["assessed_on"] = assessed_on
    return centre
