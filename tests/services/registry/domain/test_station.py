"""社区服务站建设管理办法 第八、九、十一、十七条: name, work space, posts, hours, villages — each at its boundary."""
from decimal import Decimal

import pytest

from services.registry.domain.station import STANDING_POSTS, Station, station_problems

URBAN_NAME = "海淀街道苏州街社区服务站"
RURAL_NAME = "温泉镇东埠头村社区服务站"


def station(**overrides) -> Station:
    values = {"name": URBAN_NAME, "work_space_m2": Decimal(60), "separate_from_committee_office": True,
              "standing_posts": tuple(STANDING_POSTS), "special_posts": ("elderly_care",),
              "weekly_hours": Decimal(40)} | overrides
    return Station(**values)


def rules(s: Station, rural: bool = False) -> set[tuple[str, str]]:
    return {(p.field, p.rule) for p in station_problems(s, rural).problems}


def test_a_station_that_meets_every_norm_has_no_problems():
    assert rules(station()) == set()
    assert rules(station(name=RURAL_NAME, work_space_m2=Decimal(20), villages_served=("西埠头村",)), rural=True) == set()


@pytest.mark.parametrize("space, ok", [(Decimal(50), True), (Decimal("49.99"), False)])
def test_urban_work_space_is_at_least_50_m2(space, ok):
    assert (rules(station(work_space_m2=space)) == set()) is ok
    assert ok or ("work_space_m2", "urban-min-50-m2") in rules(station(work_space_m2=space))


@pytest.mark.parametrize("space, ok", [(Decimal(20), True), (Decimal("19.99"), False)])
def test_rural_work_space_is_at_least_20_m2(space, ok):
    found = rules(station(name=RURAL_NAME, work_space_m2=space), rural=True)
    assert found == (set() if ok else {("work_space_m2", "rural-min-20-m2")})


@pytest.mark.parametrize("hours, ok", [(Decimal(40), True), (Decimal("39.5"), False)])
def test_opening_hours_are_at_least_40_a_week(hours, ok):
    assert rules(station(weekly_hours=hours)) == (set() if ok else {("weekly_hours", "min-40-hours-a-week")})


@pytest.mark.parametrize("count, ok", [(0, True), (2, True), (3, False)])
def test_at_most_two_special_posts(count, ok):
    special = tuple(f"special_{n}" for n in range(count))
    assert rules(station(special_posts=special)) == (set() if ok else {("special_posts", "at-most-2-special-posts")})


def test_all_six_standing_posts_are_required_and_unknown_ones_named():
    five = tuple(STANDING_POSTS)[:5]
    assert rules(station(standing_posts=five)) == {("standing_posts", "six-standing-posts")}
    assert ("standing_posts", "known-standing-post") in rules(station(standing_posts=(*STANDING_POSTS, "parking")))


@pytest.mark.parametrize("name, rural, ok", [
    ("海淀街道苏州街社区服务站", False, True),
    ("温泉镇东埠头村社区服务站", True, True),
    ("苏家坨乡前沙涧村社区服务站", True, True),
    ("苏州街社区服务站", False, False),           # no 街道/乡/镇
    ("海淀街道社区服务站", False, False),         # no community between street and 社区服务站
    ("海淀街道苏州街社区服务中心", False, False),  # wrong ending
    ("温泉镇东埠头社区服务站", True, False),       # a rural station is named after its 村
])
def test_the_name_reads_street_then_community_then_station(name, rural, ok):
    found = rules(station(name=name, work_space_m2=Decimal(60)), rural=rural)
    assert (("name", "station-name") not in found) is ok


def test_only_a_rural_station_serves_other_villages():
    assert rules(station(villages_served=("东村",))) == {("villages_served", "one-station-per-urban-community")}
    assert rules(station(name=RURAL_NAME, villages_served=("东村", "东村")), rural=True) == {
        ("villages_served", "distinct-villages")}


def test_rooms_shared_with_the_committee_office_break_the_one_door_rule():
    assert rules(station(separate_from_committee_office=False)) == {
        ("separate_from_committee_office", "separate-one-door")}
