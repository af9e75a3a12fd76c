"""A community's compliance report: each norm with pass/fail and its numbers, under one of two profiles.

beijing — 北京市社区服务站建设管理办法 (station, its space, posts, hours, staffing 第十八条);
wenzhou — 温州市城乡社区规范化建设暂行办法 (scale 第八条, space 第十五条, workers, running funds 第二十二条).
Staffing `actual` is workforce's count (workforce.staffing.counted); unknown until it has been counted.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from services.registry.domain.community import Community
from services.registry.domain.station import STANDING_POSTS, MAX_SPECIAL_POSTS, MIN_WEEKLY_HOURS, min_work_space

Profile = Literal["beijing", "wenzhou"]
Status = Literal["pass", "fail", "unknown", "info"]

WENZHOU_MIN_HOUSEHOLDS = 2000
WENZHOU_COUNTY_SEAT_HOUSEHOLDS = (2000, 4000)
"""第八条: 县(市)所在地及其他建制镇社区要达到2000-4000户左右 (the bounds included)."""
WENZHOU_MIN_SPACE_M2 = Decimal(350)
WENZHOU_FUND_BASE = Decimal(100_000)
WENZHOU_FUND_PER_HOUSEHOLD = Decimal(60)


@dataclass(frozen=True)
class Norm:
    norm: str
    rule: str  # the regulation's words
    status: Status
    required: str | None = None
    actual: str | None = None
    detail: str | None = None
    article: str | None = None


def _per_started(count: int, per: int) -> int:
    return -(-count // per)


def station_staff_quota(households: int, rural: bool) -> int:
    """社区服务站人员配备 (第十八条): urban 1 full-time worker per (started) 500 households, 3 under 1500 households;
    rural 1 per 300, 2 under 600."""
    per, floor_below, minimum = (300, 600, 2) if rural else (500, 1500, 3)
    return minimum if households < floor_below else max(minimum, _per_started(households, per))


def wenzhou_worker_quota(households: int, migrants: int) -> int:
    """专职社区工作者应不少于5人, 2000户以上按每400户配备1人; 新居民每2000人增配1人."""
    by_households = _per_started(households, 400) if households >= WENZHOU_MIN_HOUSEHOLDS else 0
    return max(5, by_households) + migrants // 2000


def wenzhou_scale(households: int, rural: bool, seat: str | None) -> Norm:
    """社区规模 (温州 第八条): an urban community in the city (市区) ≥ 2000 households; in a county seat or another
    designated town (县(市)所在地及其他建制镇) 2000–4000 households, both bounds included ("左右": the officer
    reads the bounds as the norm and judges the "about" himself). Rural communities: information only (mountain and
    island communities may be smaller; 转、并、联 new rural communities follow the same figures by reference)."""
    if rural:
        return Norm("community-scale", "市区社区原则上要达到2000户以上", "info", f"≥ {WENZHOU_MIN_HOUSEHOLDS}",
                    str(households), "applies to urban communities", article="第八条")
    if seat == "county_seat":
        low, high = WENZHOU_COUNTY_SEAT_HOUSEHOLDS
        return Norm("community-scale", "县(市)所在地及其他建制镇社区要达到2000-4000户左右",
                    _check(low <= households <= high), f"{low}–{high}", str(households), article="第八条")
    return Norm("community-scale", "市区社区原则上要达到2000户以上", _check(households >= WENZHOU_MIN_HOUSEHOLDS),
                f"≥ {WENZHOU_MIN_HOUSEHOLDS}", str(households), article="第八条")


def wenzhou_service_space(households: int) -> Decimal:
    """社区工作服务用房面积不少于350平方米, 2000户以上按照每百户不低于20平方米."""
    if households < WENZHOU_MIN_HOUSEHOLDS:
        return WENZHOU_MIN_SPACE_M2
    return max(WENZHOU_MIN_SPACE_M2, Decimal(20) * Decimal(households) / Decimal(100))


def wenzhou_running_funds(resident_households: int, registered_households: int) -> Decimal:
    """社区工作经费 = 基数10万元 + 60元 × (常住户数×70% + 户籍户数×30%), in yuan, exact."""
    weighted = Decimal(resident_households) * Decimal("0.7") + Decimal(registered_households) * Decimal("0.3")
    return (WENZHOU_FUND_BASE + WENZHOU_FUND_PER_HOUSEHOLD * weighted).quantize(Decimal("0.01"))


def report(community: Community, profile: Profile, staff_actual: int | None) -> list[Norm]:
    return _beijing(community, staff_actual) if profile == "beijing" else _wenzhou(community, staff_actual)


def _check(ok: bool) -> Status:
    return "pass" if ok else "fail"


def _staffing(norm: str, rule: str, required: int, actual: int | None) -> Norm:
    if actual is None:
        return Norm(norm, rule, "unknown", str(required), None, "workforce has not counted this community yet")
    return Norm(norm, rule, _check(actual >= required), str(required), str(actual))


def _beijing(c: Community, staff_actual: int | None) -> list[Norm]:
    f, s = c.figures, c.station
    staffing = _staffing("station-staffing", "城市每500户1名, 1500户以下3人; 农村每300户1名, 600户以下2人",
                         station_staff_quota(f.households, f.rural), staff_actual)
    if s is None:
        return [Norm("station", "一居一站 / 一村一站、多村一站", "fail", "1", "0", "no service station recorded"),
                staffing]
    space = min_work_space(f.rural)
    missing = [p for p in STANDING_POSTS if p not in s.standing_posts]
    return [
        Norm("station", "一居一站 / 一村一站、多村一站", "pass", "1", "1", s.name),
        Norm("station-space", "城市50平米以上, 农村20平米以上", _check(s.work_space_m2 >= space), f"{space} m²",
             f"{s.work_space_m2} m²"),
        Norm("standing-posts", "六个常设岗位", _check(not missing), str(len(STANDING_POSTS)),
             str(len(STANDING_POSTS) - len(missing)), f"missing: {', '.join(missing)}" if missing else None),
        Norm("special-posts", "1—2个特设岗位", _check(len(s.special_posts) <= MAX_SPECIAL_POSTS),
             f"≤ {MAX_SPECIAL_POSTS}", str(len(s.special_posts))),
        Norm("opening-hours", "每周工作时间不少于40小时", _check(s.weekly_hours >= MIN_WEEKLY_HOURS),
             f"{MIN_WEEKLY_HOURS} h/week", f"{s.weekly_hours} h/week"),
        staffing,
    ]


def _wenzhou(c: Community, staff_actual: int | None) -> list[Norm]:
    f = c.figures
    space = wenzhou_service_space(f.households)
    norms = [
        wenzhou_scale(f.households, f.rural, f.seat),
        Norm("service-space", "工作服务用房不少于350平方米, 2000户以上每百户不低于20平方米",
             "unknown" if f.service_space_m2 is None else _check(f.service_space_m2 >= space), f"{space} m²",
             None if f.service_space_m2 is None else f"{f.service_space_m2} m²"),
        _staffing("worker-staffing", "不少于5人, 2000户以上每400户1人, 新居民每2000人增配1人",
                  wenzhou_worker_quota(f.households, f.migrant_population), staff_actual),
    ]
    if f.resident_households is None or f.registered_households is None:
        funds = Norm("running-funds", "10万元 + 60元 × (常住户数×70% + 户籍户数×30%)", "unknown",
                     detail="resident and registered households are needed")
    else:
        amount = wenzhou_running_funds(f.resident_households, f.registered_households)
        funds = Norm("running-funds", "10万元 + 60元 × (常住户数×70% + 户籍户数×30%)", "info", f"{amount} yuan",
                     detail=f"100000 + 60 × ({f.resident_households} × 0.7 + {f.registered_households} × 0.3)")
    return norms + [funds]


def compliant(norms: list[Norm]) -> bool:
    """No norm failed (an unknown one is not counted as failed)."""
    return not any(n.status == "fail" for n in norms)
