"""The community service station (社区服务站), 北京市社区服务站建设管理办法 第七、八、九、十一、十七条.

A station belongs to one community: an urban community has exactly one (一居一站), so the station lives inside
the community's record; a rural station may be shared by adjacent small villages (多村一站), which it lists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


from shared.errors import ProblemCollector

STANDING_POSTS: dict[str, str] = {
    "employment_labour_rights": "就业服务与劳动维权",
    "welfare_social_security": "社会福利与社会保障",
    "population_family_planning_health": "人口计生与公共卫生",
    "public_security_governance": "社区治安与综合治理",
    "mass_organisations": "社区群团组织",
    "general_affairs": "社区综合事务",
}
MAX_SPECIAL_POSTS = 2  # 灵活设置1—2个特设岗位
MIN_WEEKLY_HOURS = Decimal(40)  # 每周工作时间不少于40小时
URBAN_MIN_SPACE_M2 = Decimal(50)  # 城市社区服务站工作用房面积应达到50平米以上
RURAL_MIN_SPACE_M2 = Decimal(20)  # 农村社区服务站工作用房应达到20平米以上

# 第八条: 名称统一为"××街道(乡镇)××(村)社区服务站" — a street (街道) or township (乡/镇), then the community
# (a rural one's name ends in 村), then 社区服务站.
STATION_NAME = re.compile(r"^(?P<street>.+?(?:街道|乡|镇))(?P<community>.+?)社区服务站$")


@dataclass(frozen=True, kw_only=True)
class Station:
    name: str
    work_space_m2: Decimal
    separate_from_committee_office: bool  # 与居(村)委会办公和服务用房相对独立, "一门式"
    standing_posts: tuple[str, ...]
    special_posts: tuple[str, ...] = ()
    weekly_hours: Decimal
    villages_served: tuple[str, ...] = ()  # 多村一站: the other adjacent villages a rural station serves
    head: str | None = None
    deputy: str | None = None


def min_work_space(rural: bool) -> Decimal:
    """工作用房面积: urban ≥ 50 m², rural ≥ 20 m²."""
    return RURAL_MIN_SPACE_M2 if rural else URBAN_MIN_SPACE_M2


def name_problem(name: str, rural: bool) -> str | None:
    """第八条 naming rule; a rural station is named after its village (××村社区服务站)."""
    match = STATION_NAME.match(name.strip())
    if match is None:
        return "the name must read ××街道(乡镇)××(村)社区服务站, e.g. 海淀街道苏州街社区服务站"
    if rural and not match["community"].endswith("村"):
        return "a rural station is named after its village: ××乡(镇)××村社区服务站"
    return None


def station_problems(station: Station, rural: bool) -> ProblemCollector:
    """Every rule the station breaks, each on its field (rendered as one 422)."""
    problems = ProblemCollector()
    if (message := name_problem(station.name, rural)) is not None:
        problems.add("name", "station-name", message)
    if station.work_space_m2 < min_work_space(rural):
        problems.add("work_space_m2", "rural-min-20-m2" if rural else "urban-min-50-m2",
                     f"a {'rural' if rural else 'urban'} station needs at least {min_work_space(rural)} m² of work "
                     f"space, not {station.work_space_m2}")
    if not station.separate_from_committee_office:
        problems.add("separate_from_committee_office", "separate-one-door",
                     "the station's rooms are separate from the committee's office (一门式 service)")
    _post_problems(station, problems)
    if station.weekly_hours < MIN_WEEKLY_HOURS:
        problems.add("weekly_hours", "min-40-hours-a-week",
                     f"a station is open at least {MIN_WEEKLY_HOURS} hours a week, not {station.weekly_hours}")
    _village_problems(station, rural, problems)
    return problems


def _post_problems(station: Station, problems: ProblemCollector) -> None:
    unknown = [p for p in station.standing_posts if p not in STANDING_POSTS]
    missing = [p for p in STANDING_POSTS if p not in station.standing_posts]
    if unknown:
        problems.add("standing_posts", "known-standing-post", f"not a standing post: {', '.join(unknown)} "
                     f"(special posts go in special_posts)")
    if missing:
        problems.add("standing_posts", "six-standing-posts", f"missing standing posts: {', '.join(missing)}")
    if len(station.special_posts) > MAX_SPECIAL_POSTS:
        problems.add("special_posts", "at-most-2-special-posts",
                     f"at most {MAX_SPECIAL_POSTS} special posts, not {len(station.special_posts)}")
    if any(not p.strip() for p in station.special_posts):
        problems.add("special_posts", "named", "each special post needs a name")


def _village_problems(station: Station, rural: bool, problems: ProblemCollector) -> None:
    if station.villages_served and not rural:
        problems.add("villages_served", "one-station-per-urban-community",
                     "an urban station serves its own community only (一居一站)")
    names = [v.strip() for v in station.villages_served]
    if len(set(names)) != len(names) or any(not n for n in names):
        problems.add("villages_served", "distinct-villages", "list each adjacent village once, by name")
