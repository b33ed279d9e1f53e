"""The sections of one synthetic self-description, drawn from the tables."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from gbstd.description.base import FORMAT_VERSION
from gbstd.sample import tables
from gbstd.sample.draw import Draw, centre_block, clamp, identity, level_for

# --- sections -----------------------------------------------------------------------------------

_SIZES = {  # floor area m², daily visitors, windows, management staff
    "province": ((12000, 40000), (2000, 8000), (120, 320), (40, 120)),
    "city": ((8000, 30000), (1500, 6000), (80, 280), (25, 70)),
    "county": ((1500, 8000), (300, 1800), (20, 70), (8, 30)),
    "township": ((150, 800), (30, 200), (3, 12), (2, 6)),
}


def _organisation(d: Draw) -> dict[str, Any]:
    block = d.flags(tables.ORGANISATION)
    rng = d.rng
    d.add(block, "coordination_meetings_per_year", lambda: d.count(0, 12))
    d.add(block, "management_staff", lambda: d.count(*_SIZES[d.level][3]))
    d.add(block, "guide_staff", lambda: d.count(0, 4 if d.level == "township" else 16))
    if d.chance(d.cover):
        block["patrol_post"] = patrol = d.chance(d.quality)
        if not patrol or d.chance(d.cover):
            block["patrol_post_staffed"] = patrol and rng.random() < d.quality + 0.2
    return block


def _premises(d: Draw) -> dict[str, Any]:
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
    for key, names in (("accessibility", tables.ACCESSIBILITY), ("signage", tables.SIGNAGE)):
        if facts := d.flags(names):
            block[key] = facts
    if d.chance(d.cover + 0.2):
        zones = tables.ZONES_BASIC + tuple(d.some(tables.ZONES_MORE, d.quality))
        block["zones"] = [z for z in tables.ZONE_ORDER if z in zones]
    windows = d.flags(tables.WINDOWS)
    d.add(windows, "total", lambda: d.count(*sizes[2]), more=0.3)
    if windows:
        block["windows"] = (
            {"total": windows.pop("total"), **windows} if "total" in windows else windows
        )
    if d.chance(d.cover + 0.2):
        kept = tables.EQUIPMENT_BASIC + tuple(d.some(tables.EQUIPMENT_MORE, d.quality))
        block["equipment"] = [e for e in tables.EQUIPMENT_ORDER if e in kept]
    block.update(d.flags(tables.PREMISES))
    if rng.random() < 0.02:  # an honest gap now and then: corridors used as storage
        block["passages_clear"] = False
    return block


def _pick_matters(d: Draw) -> tuple[int, list[tables.Matter]]:
    rng = d.rng
    total = rng.randint(*tables.MATTER_TOTALS[d.level])
    pool = tables.TOWN_MATTERS if d.level == "township" else tables.MATTERS
    listed = min(total, tables.MAX_LISTED, len(pool))
    if d.level != "township":
        listed = min(listed, rng.randint(10, tables.MAX_LISTED))
    chosen = rng.sample(range(len(pool)), listed)
    return total, [pool[i] for i in sorted(chosen)]


def _department_name(d: Draw, key: str, prefix: str) -> str:
    if d.level == "township":
        return (
            tables.TOWN_DEPARTMENTS[key]
            if key == "police"
            else prefix + tables.TOWN_DEPARTMENTS[key]
        )
    county_city, provincial = tables.DEPARTMENTS[key]
    return prefix + (provincial if d.level == "province" else county_city)


def _department(d: Draw, name: str) -> dict[str, Any]:
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


def _departments(d: Draw, prefix: str, matters: list[tables.Matter]) -> tuple[int, dict[str, Any]]:
    rng = d.rng
    block = d.flags(tables.DEPARTMENTS_FLAGS)
    d.add(block, "coordination_meetings_per_year", lambda: d.count(0, 12))
    d.add(block, "unauthorised_withdrawals", lambda: 0 if d.chance(d.quality + 0.2) else 1)
    keys = list(dict.fromkeys(m.dept for m in matters))
    pool = tables.TOWN_DEPARTMENTS if d.level == "township" else tables.DEPARTMENTS
    extra = [k for k in pool if k not in keys]
    lo, hi = tables.DEPT_TOTALS[d.level]
    total = max(len(keys), rng.randint(lo, hi))
    wanted = min(total, len(pool), max(len(keys), rng.randint(4, 20)))
    keys += rng.sample(extra, max(0, wanted - len(keys)))
    block["items"] = [_department(d, _department_name(d, k, prefix)) for k in keys]
    if d.chance(d.cover):
        # The departments not listed are taken to have entered: the count covers them too.
        entered = sum(1 for item in block["items"] if item.get("entered"))
        block["entered_count"] = entered + max(0, total - len(keys))
    return total, block


def _absent(departments: dict[str, Any]) -> set[str]:
    """Names of the listed departments that have not entered."""
    return {item["name"] for item in departments["items"] if not item["entered"]}


def _promised(d: Draw, template: tables.Matter) -> int:
    rng, promised = d.rng, template.promised or 0
    if promised and rng.random() < d.quality:  # mature centres promise faster
        promised = max(1, round(promised * rng.uniform(0.3, 0.9)))
    if template.statutory and rng.random() > 0.97 + 0.03 * d.quality:
        promised = template.statutory + rng.randint(1, 5)  # a gap: promise beyond the law
    return promised


def _matter(
    d: Draw, template: tables.Matter, prefix: str, online: bool, absent: set[str]
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
    d: Draw,
    templates: list[tables.Matter],
    prefix: str,
    online: bool,
    assessed_on: date,
    departments: dict[str, Any],
) -> dict[str, Any]:
    rng = d.rng
    block = d.flags(tables.MATTERS_FLAGS)
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


def _staff(d: Draw, departments: dict[str, Any]) -> dict[str, Any]:
    rng = d.rng
    block: dict[str, Any] = {}
    listed = sum(item.get("staff", 0) for item in departments["items"])
    if d.chance(d.cover + 0.2):
        total = max(listed, round(listed * rng.uniform(1.0, 2.0)), 2)
        block["window_staff"] = total
        if d.chance(d.cover):
            block["registered"] = total if d.chance(d.quality + 0.1) else rng.randint(0, total)
    block.update(d.flags(tables.STAFF))
    d.add(block, "training_hours_per_person", lambda: d.count(4, 40))
    d.add(
        block,
        "appraisals_per_year",
        lambda: rng.choice((1, 2, 4, 12)) if d.chance(d.quality) else 0,
    )
    _counted(block, "etiquette_training", "etiquette_trainings_per_year")
    return block


def _policies(d: Draw, online: bool) -> dict[str, Any]:
    rng = d.rng
    block: dict[str, Any] = {}
    entries = [(k, t, pub, basic) for k, (t, pub, basic) in tables.POLICIES.items()]
    if online:
        entries += [(k, t, False, False) for k, t in tables.ONLINE_POLICIES.items()]
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


def _counter_service(d: Draw) -> dict[str, Any]:
    block = d.flags(tables.COUNTER, quality=0.1)
    if "fees_receipted" in block:  # a veto fact (32169.3-3.R04): fails only when drawn to
        block["fees_receipted"] = d.veto != "receipt"
    if d.chance(d.cover + 0.1):
        block["notices_issued"] = [
            n for n in tables.NOTICES if n == "service" or d.chance(d.quality)
        ]
    if d.chance(d.cover):
        services = d.some(tables.EXTRA_SERVICES, d.quality - 0.1)
        if services:
            block["extra_services"] = services
    return block


def _disclosure(d: Draw, online: bool) -> dict[str, Any]:
    block: dict[str, Any] = {}
    if d.chance(d.cover + 0.1):
        block["guide_items"] = [
            g for g in tables.GUIDE_ITEMS if g == "name" or d.chance(d.quality + 0.1)
        ]
    if d.chance(d.cover + 0.1):
        channels = [c for c in tables.CHANNELS if c == "notice_board" or d.chance(d.quality)]
        block["channels"] = [c for c in channels if online or c not in ("website", "mobile_app")]
    block.update(d.flags(tables.DISCLOSURE))
    d.add(block, "update_days", lambda: d.rng.choice((1, 2, 3, 5, 7, 10)))
    return block


def _supervision(d: Draw) -> dict[str, Any]:
    block: dict[str, Any] = {}
    if d.chance(d.cover + 0.1):
        block["forms"] = [
            f for i, f in enumerate(tables.SUPERVISION_FORMS) if i == 0 or d.chance(d.quality - 0.1)
        ]
    block.update(d.flags(("inspections_recorded",)))
    satisfaction: dict[str, Any] = {}
    if d.chance(d.cover + 0.1):
        satisfaction["channels"] = [
            c for i, c in enumerate(tables.RATING_CHANNELS) if i == 0 or d.chance(d.quality - 0.2)
        ]
    if d.chance(d.cover):
        satisfaction["rated_aspects"] = [
            a for a in tables.RATED_ASPECTS if d.chance(d.quality + 0.2)
        ]
    satisfaction.update(d.flags(tables.SATISFACTION))
    d.add(satisfaction, "analysis_per_year", lambda: d.rng.choice((0, 1, 2, 4, 12)))
    d.add(satisfaction, "bad_rating_fix_days", lambda: d.rng.choice((1, 3, 5, 7)))
    if satisfaction:
        block["satisfaction"] = {"in_place": True, **satisfaction}
    elif d.chance(0.5):  # a centre with no rating at all says so in one answer
        block["satisfaction"] = {"in_place": False}
    complaints: dict[str, Any] = {}
    if d.chance(d.cover + 0.1):
        complaints["channels"] = [
            c for i, c in enumerate(tables.COMPLAINT_CHANNELS) if i < 2 or d.chance(d.quality)
        ]
    complaints.update(d.flags(tables.COMPLAINTS))
    d.add(complaints, "investigation_days", lambda: d.rng.choice((2, 3, 5, 7)))
    d.add(complaints, "response_days", lambda: d.rng.choice((3, 5, 7, 10, 15)))
    if complaints:
        block["complaints"] = complaints
    block.update(d.flags(tables.SUPERVISION))
    return block


def _window_evaluation(d: Draw) -> dict[str, Any]:
    block = d.flags(tables.WINDOW_EVALUATION, quality=-0.05)
    d.add(block, "evaluations_per_year", lambda: d.rng.choice((1, 2, 4, 12)))
    _counted(block, "annual_summary", "summaries_per_year")
    if block:
        return {"in_place": True, **block}
    return {"in_place": False} if d.chance(0.5) else block


def _indicators(d: Draw, assessed_on: date, online: bool) -> dict[str, Any]:
    rng, q = d.rng, d.quality
    end = assessed_on
    start = date(end.year, end.month - 2, 1)
    noise = rng.uniform

    def rate(lo: float, hi: float) -> float:
        return round(clamp(lo + (hi - lo) * q + noise(-0.04, 0.04)), 3)

    values: dict[str, Any] = {
        "entry_implementation_rate": rate(0.7, 1.0),
        "authorisation_execution_rate": rate(0.65, 1.0),
        "speed_up_rate": round(clamp(0.1 + 0.7 * q + noise(-0.2, 0.1), -0.5), 3),
        "on_the_spot_rate": rate(0.25, 0.75),
        "joint_handling_rate": rate(0.6, 1.0),
        "online_acceptance_rate": rate(0.2, 0.85) if online else 0.0,
        "satisfaction_rate": round(clamp(0.95 + 0.049 * q + noise(-0.01, 0.0)), 4),
        "abnormal_cases": rng.randint(0, round(30 * (1 - q)) + 1),
        "complaint_rate": round(rng.uniform(0.0, 0.002) * (1.2 - q), 5),
        "complaint_satisfaction_rate": rate(0.75, 1.0),
        "on_time_rate": round(clamp(0.93 + 0.069 * q + noise(-0.01, 0.0)), 4),
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


def _counted(block: dict[str, Any], flag: str, count: str, *, keep: bool = True) -> None:
    """State ``count`` (per year) from a yearly ``flag`` already drawn: once, or never.

    Without ``keep`` the flag is only a draw: the format asks for the count alone.
    """
    if flag in block:
        block[count] = 1 if block[flag] else 0
        if not keep:
            del block[flag]


def _safety(d: Draw) -> dict[str, Any]:
    block = d.flags(tables.SAFETY, quality=0.1)
    if "fire_equipment_ok" in block:  # a veto fact (32169.1-5.R18): fails only when drawn to
        block["fire_equipment_ok"] = d.veto != "fire"
    d.add(block, "drills_per_year", lambda: d.count(0, 3))
    if "cctv_coverage" in block:  # no recordings without cameras: none are kept
        retention = d.rng.choice((15, 30, 30, 90, 90)) if block["cctv_coverage"] else 0
        d.add(block, "cctv_retention_days", lambda: retention)
    block.update(d.flags(("daily_patrols_recorded",)))
    return block


def _online(d: Draw, provided: bool, index: int) -> dict[str, Any]:
    if not provided:
        return {"provided": False}
    rng = d.rng
    block: dict[str, Any] = {"provided": True}
    d.add(block, "url", lambda: f"https://zwfw.c{index:05d}.example.gov.cn", more=0.2)
    block.update(d.flags(tables.ONLINE))
    if d.chance(d.cover):
        block["guide_items"] = [
            g for g in tables.GUIDE_ITEMS if g == "name" or d.chance(d.quality + 0.1)
        ]
    d.add(block, "update_days", lambda: rng.choice((1, 2, 3, 5)))
    d.add(block, "reply_days", lambda: rng.choice((1, 2, 3, 5)))
    d.add(block, "interaction_reply_days", lambda: rng.choice((1, 3, 5, 7)))
    d.add(block, "full_online_share", lambda: round(d.scaled(0.2, 0.95), 2))
    d.add(
        block,
        "on_time_rate",
        lambda: round(clamp(0.95 + 0.05 * d.quality + rng.uniform(-0.02, 0)), 3),
    )
    if d.chance(d.cover):
        block["channels"] = [
            c for i, c in enumerate(tables.ONLINE_CHANNELS) if i == 0 or d.chance(d.quality)
        ]
    if d.chance(d.cover):
        block["evaluation_modes"] = [m for m in tables.EVALUATION_MODES if d.chance(d.quality)] or [
            "self"
        ]
    d.add(block, "evaluations_per_year", lambda: rng.choice((0, 1, 1, 2, 4)))
    _counted(block, "backup_restore_tested", "restore_tests_per_year", keep=False)
    if "updates_dated" in block:  # pages dated go with guides kept up to date, in these samples
        block["guides_updated_on_time"] = block["updates_dated"]
    return block


def _own_standards(d: Draw, assessed_on: date) -> list[dict[str, Any]]:
    rng = d.rng
    items: list[dict[str, Any]] = [
        {
            "name": name,
            "number": number,
            "subsystem": sub,
            "type": tables.EXTERNAL_TYPE[sub],
            **tables.STRUCTURE.get(name, {}),
            "status": "published",
            "external": True,
        }
        for name, number, sub in tables.EXTERNAL_STANDARDS
        if d.chance(d.quality)
    ]
    for k, (sub, names) in enumerate(tables.OWN_STANDARDS.items(), start=1):
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
            item.update(tables.STRUCTURE.get(name, {}))
            item["status"] = status
            item["external"] = False
            if status in ("published", "withdrawn"):
                # Issued by the as-of date (the same draw as before, so the stream is unchanged).
                item["issued_on"] = min(date(year, rng.choice((1, 3, 6, 9)), 1), assessed_on)
            else:  # not issued yet: no year in the number
                item["number"] = f"ZWFW/T {k}{j:02d}"
            items.append(item)
    return items


def _standardization(d: Draw, assessed_on: date, bias: float) -> dict[str, Any]:
    rng = d.rng
    block = d.flags(tables.STANDARDIZATION, quality=bias)
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
            for i, s in enumerate(tables.SUBSYSTEMS)
            if block.get("system_established") and (i < 2 or d.chance(d.quality))
        ]
    if d.chance(d.cover):  # none without a system: a fact too, not a gap in the data
        block["standards"] = (
            _own_standards(d, assessed_on) if block.get("system_established") else []
        )
    block.update(d.flags(tables.STANDARDIZATION_PROCESS, quality=bias))
    if "legal_review" in block:  # a veto fact (32170.1-4.R01): fails only when drawn to
        block["legal_review"] = d.veto != "legal_review"
    _counted(block, "standards_reviewed_yearly", "standards_reviews_per_year", keep=False)
    _counted(block, "staff_training_yearly", "staff_trainings_per_year", keep=False)
    _counted(block, "staff_trained_yearly", "specialist_trainings_per_year", keep=False)
    _counted(
        block, "external_standards_checked_yearly", "external_standards_checks_per_year", keep=False
    )
    if "standards" in block:
        block["management_posts"] = list(tables.MANAGEMENT_POSTS)
        block["window_posts"] = list(tables.WINDOW_POSTS)
    d.add(block, "implementation_checks_per_year", lambda: rng.choice((0, 1, 1, 2, 4)))
    d.add(block, "evaluations_per_year", lambda: rng.choice((0, 1, 1, 2)))
    return block


def _evidence(d: Draw, assessed_on: date, online: bool, index: int) -> list[dict[str, Any]]:
    rng = d.rng
    pool = list(tables.EVIDENCE) + ([tables.ONLINE_EVIDENCE] if online else [])
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


def _waivers(d: Draw, assessed_on: date) -> list[dict[str, Any]]:
    rng = d.rng
    requirement, reason, approver = rng.choice(tables.WAIVERS)
    days = rng.randint(30, 400) if rng.random() < 0.7 else -rng.randint(10, 200)
    return [
        {
            "requirement": requirement,
            "reason": reason,
            "approver": approver,
            "expires": assessed_on + timedelta(days=days),
        }
    ]


def _not_applicable(d: Draw, matters: dict[str, Any]) -> list[dict[str, Any]]:
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


def build_centre(index: int, seed: int) -> tuple[dict[str, Any], int, int, int]:
    """Build one centre's dict, with its totals of departments and matters and items listed."""
    rng = random.Random(f"gbstd-centre:{seed}:{index}")
    level = level_for(index, seed)
    d = Draw(rng, level)
    assessed_on = rng.choice(tables.ASSESSED_ON)
    name, region, prefix = identity(d)
    online = rng.random() < _ONLINE_SHARE[level] * (0.6 + 0.8 * d.m if level == "township" else 1)
    online_bias, std_bias = rng.gauss(0, 0.12), rng.gauss(0, 0.15)
    matter_total, templates = _pick_matters(d)
    dept_total, departments = _departments(d, prefix, templates)
    matters = _matters(d, templates, prefix, online, assessed_on, departments)
    big = level != "township"
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "centre": centre_block(d, name, region, assessed_on),
    }
    sections: tuple[tuple[str, float, Callable[[], dict[str, Any]]], ...] = (
        ("organisation", 0.3, lambda: _organisation(d)),
        ("premises", 0.4, lambda: _premises(d)),
        ("departments", 0.4, lambda: departments),
        ("matters", 0.5, lambda: matters),
        ("staff", 0.2, lambda: _staff(d, departments)),
        ("policies", 0.3, lambda: _policies(d, online)),
        ("counter_service", 0.3, lambda: _counter_service(d)),
        ("disclosure", 0.2, lambda: _disclosure(d, online)),
        ("etiquette", 0.1, lambda: d.flags(tables.ETIQUETTE, quality=0.1)),
        ("supervision", 0.2, lambda: _supervision(d)),
        ("window_evaluation", 0.05, lambda: _window_evaluation(d)),
        ("indicators", 0.05, lambda: _indicators(d, assessed_on, online)),
        ("safety", 0.2, lambda: _safety(d)),
        ("operations", 0.1, lambda: d.flags(tables.OPERATIONS)),
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
    d.quality = clamp(saved + online_bias)
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
