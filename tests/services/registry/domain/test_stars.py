"""Star levels and calendar (智慧社区认定管理办法 第十三–十五条), at every boundary the regulation names."""
from datetime import date

import pytest

from services.registry.domain import star_community as sc
from services.registry.domain.stars import (NOTICE_DAYS, CalendarClosed, StarLevelNotAllowed, StarRound,
                                            allowed_stars, check_request)
from shared.errors import Conflict, InvalidInput

PILOT, STANDARD = StarRound.PILOT, StarRound.STANDARD


@pytest.mark.parametrize("met, stars", [(9, 0), (10, 1), (14, 1), (15, 2), (24, 2), (25, 3), (31, 3)])
def test_pilot_31_binding_indicators_10_15_25_give_1_2_3_stars(met, stars):
    assert allowed_stars(PILOT, met, mechanism=True).stars == stars


@pytest.mark.parametrize("met, stars", [(24, 0), (25, 1), (34, 1), (35, 2), (44, 2), (45, 3), (54, 3)])
def test_later_rounds_25_35_45_give_1_2_3_stars(met, stars):
    assert allowed_stars(STANDARD, met, mechanism=True).stars == stars


@pytest.mark.parametrize("met, current, stars", [(54, 3, 3), (55, 3, 4), (55, 0, 3), (55, 2, 3), (64, 3, 4),
                                                 (64, 4, 3), (65, 3, 5), (65, 4, 5), (65, 2, 3), (65, 0, 3)])
def test_4_stars_need_55_and_3_stars_5_stars_need_65_and_3_or_4_stars(met, current, stars):
    assert allowed_stars(STANDARD, met, mechanism=True, current_stars=current).stars == stars


def test_without_the_mechanism_no_level_is_allowed():
    assert allowed_stars(PILOT, 31, mechanism=False).stars == 0
    assert allowed_stars(STANDARD, 70, mechanism=False, current_stars=4).rule == "standard-works-well"


def entry(refused) -> tuple[int, str]:
    """The level allowed and the rule, from the problem's one error entry."""
    [error] = refused.value.problem()["errors"]
    return error["allowed_stars"], error["rule"]


def test_a_refused_level_names_the_rule_and_the_level_allowed():
    with pytest.raises(StarLevelNotAllowed) as refused:
        check_request(STANDARD, 64, True, requested=5, current_stars=4)
    problem = refused.value.problem()
    assert problem["status"] == 422 and "allowed_stars" not in problem
    assert problem["errors"][0] == {"field": "requested_stars", "rule": "standard-5-stars-needs-65",
                                    "message": refused.value.detail, "allowed_stars": 3, "article": "第十三条"}
    with pytest.raises(StarLevelNotAllowed) as prior:
        check_request(STANDARD, 65, True, requested=5, current_stars=2)
    assert entry(prior) == (3, "standard-5-stars-needs-already-3-or-4-stars")
    with pytest.raises(StarLevelNotAllowed) as four:
        check_request(STANDARD, 55, True, requested=4, current_stars=0)
    assert entry(four)[1] == "standard-4-stars-needs-already-3-stars"
    with pytest.raises(StarLevelNotAllowed) as pilot:
        check_request(PILOT, 14, True, requested=2, current_stars=0)
    assert entry(pilot) == (1, "pilot-2-stars-needs-15") and pilot.value.extra == {}


def test_pilot_counts_above_31_and_levels_not_above_the_current_are_refused():
    with pytest.raises(InvalidInput):
        check_request(PILOT, 32, True, requested=3, current_stars=0)
    with pytest.raises(StarLevelNotAllowed) as same:
        check_request(STANDARD, 50, True, requested=3, current_stars=3)
    assert entry(same) == (3, "upgrade-only")


def community(stars=0):
    return sc.StarCommunity(id="c1", name="学院路街道某社区", stars=stars)


def on_notice(notice_from=date(2026, 12, 1)):
    c = sc.apply(community(), "a1", PILOT, 25, True, 3, date(2026, 10, 31))
    c = sc.recommend(c, "a1", True, date(2026, 11, 15))
    return sc.evaluate(c, "a1", True, date(2026, 11, 30), notice_from)


def test_applications_close_on_31_october():
    assert sc.apply(community(), "a1", PILOT, 10, True, 1, date(2026, 10, 31)).applications[0].year == 2026
    with pytest.raises(CalendarClosed) as late:
        sc.apply(community(), "a1", PILOT, 10, True, 1, date(2026, 11, 1))
    assert late.value.errors[0].rule == "apply-by-31-oct"


def test_one_application_a_year():
    c = sc.apply(community(), "a1", PILOT, 10, True, 1, date(2026, 3, 1))
    with pytest.raises(Conflict):
        sc.apply(c, "a2", PILOT, 10, True, 1, date(2026, 4, 1))


def test_the_district_recommends_by_15_november():
    c = sc.apply(community(), "a1", PILOT, 10, True, 1, date(2026, 10, 1))
    assert sc.recommend(c, "a1", True, date(2026, 11, 15)).applications[0].status == "recommended"
    with pytest.raises(CalendarClosed) as late:
        sc.recommend(c, "a1", True, date(2026, 11, 16))
    assert late.value.errors[0].rule == "recommend-by-15-nov"


def test_seven_day_notice_objections_inside_it_naming_only_after_it():
    assert NOTICE_DAYS == 7
    c = on_notice(date(2026, 12, 1))
    assert c.applications[0].notice_last_day == date(2026, 12, 7)
    c = sc.object_to(c, "a1", date(2026, 12, 7), "数据不实")
    with pytest.raises(CalendarClosed):
        sc.object_to(c, "a1", date(2026, 12, 8), "too late")
    with pytest.raises(CalendarClosed) as early:
        sc.name(c, "a1", date(2026, 12, 7), False)
    assert early.value.errors[0].rule == "notice-7-days"
    named = sc.name(c, "a1", date(2026, 12, 8), False)
    assert named.stars == 3 and named.named_on == date(2026, 12, 8)
    assert [(h.what, h.stars_before, h.stars_after) for h in named.history] == [("named", 0, 3)]


def test_an_upheld_objection_rejects_and_needs_an_objection():
    with pytest.raises(InvalidInput):
        sc.name(on_notice(), "a1", date(2026, 12, 8), True)
    c = sc.object_to(on_notice(), "a1", date(2026, 12, 2), "数据不实")
    rejected = sc.name(c, "a1", date(2026, 12, 8), True)
    assert rejected.stars == 0 and rejected.applications[0].status == "rejected"


def test_spot_checks_sanctions_with_history_revocation_drops_the_title():
    c = sc.name(on_notice(), "a1", date(2026, 12, 8), False)
    c = sc.spot_check(c, date(2027, 6, 1), "ok", sc.Sanction.NONE, None)
    c = sc.spot_check(c, date(2027, 7, 1), "滑坡", sc.Sanction.WARNING, None)
    with pytest.raises(InvalidInput):
        sc.spot_check(c, date(2027, 8, 1), "整改", sc.Sanction.RECTIFY, date(2027, 8, 1))
    c = sc.spot_check(c, date(2027, 8, 1), "整改", sc.Sanction.RECTIFY, date(2027, 9, 1))
    c = sc.spot_check(c, date(2027, 10, 1), "严重滑坡", sc.Sanction.REVOKE, None)
    assert c.stars == 0 and len(c.spot_checks) == 4
    assert [h.what for h in c.history] == ["named", "sanction:warning", "sanction:rectify", "sanction:revoke"]
    with pytest.raises(Conflict):
        sc.spot_check(c, date(2027, 11, 1), "again", sc.Sanction.CRITICISM, None)


def test_a_4_star_upgrade_needs_the_3_stars_already_named():
    c = sc.name(on_notice(), "a1", date(2026, 12, 8), False)
    upgraded = sc.apply(c, "a2", STANDARD, 55, True, 4, date(2027, 10, 1))
    assert upgraded.applications[-1].stars_before == 3
    with pytest.raises(StarLevelNotAllowed):
        sc.apply(community(), "a2", STANDARD, 55, True, 4, date(2027, 10, 1))


def test_an_abolished_community_loses_its_title_and_a_merged_one_its_open_application():
    named = sc.name(on_notice(), "a1", date(2026, 12, 8), False)
    abolished = sc.community_abolished(named, date(2027, 3, 1), None)
    assert abolished.stars == 0 and abolished.closed_on == date(2027, 3, 1)
    assert (abolished.history[-1].what, abolished.history[-1].stars_before) == ("title withdrawn", 3)
    assert sc.community_abolished(abolished, date(2027, 4, 1), None) is abolished
    with pytest.raises(Conflict) as refused:
        sc.spot_check(abolished, date(2027, 6, 1), "ok", sc.Sanction.NONE, None)
    assert refused.value.errors[0].rule == "community-abolished"

    merged = sc.community_abolished(on_notice(), date(2026, 12, 3), "c9")
    [application] = merged.applications
    assert application.status == "withdrawn" and application.decided_on == date(2026, 12, 3)
    assert "merged into c9" in application.reasons[-1] and merged.merged_into == "c9"
    with pytest.raises(Conflict):
        sc.name(merged, "a1", date(2026, 12, 8), False)


def test_rounds_are_yearly_until_every_community_holds_a_title_then_every_2_years():
    from services.registry.domain.stars import check_round_year, coverage_year, round_cycle
    assert coverage_year({"c1", "c2"}, {"c1": date(2025, 12, 8)}) is None
    assert coverage_year({"c1", "c2"}, {"c1": date(2025, 12, 8), "c2": date(2027, 12, 1), "gone": date(2028, 1, 1)
                                        }) == 2027
    assert coverage_year(set(), {}) is None
    assert [round_cycle(y, None).round_open for y in (2025, 2026, 2027)] == [True, True, True]
    assert [(round_cycle(y, 2027).round_open, round_cycle(y, 2027).cycle) for y in (2027, 2028, 2029, 2030, 2031)
            ] == [(True, "yearly"), (False, "biennial"), (True, "biennial"), (False, "biennial"), (True, "biennial")]
    assert round_cycle(2028, 2027).next_round == 2029 and round_cycle(2029, 2027).next_round == 2029
    check_round_year(2029, 2027)
    with pytest.raises(CalendarClosed) as closed:
        check_round_year(2028, 2027)
    [error] = closed.value.problem()["errors"]
    assert (error["rule"], error["article"], error["next_round"]) == ("upgrade-round-every-2-years", "第十条", 2029)


def test_the_current_title_starts_at_its_naming_from_0_stars_and_a_year_without_spot_check_is_missing():
    from services.registry.domain.stars import spot_check_missing
    named = sc.name(on_notice(), "a1", date(2026, 12, 8), False)
    assert sc.title_since(named) == date(2026, 12, 8) and sc.title_since(community()) is None
    assert sc.titled_during(named, 2026) and sc.titled_during(named, 2027) and not sc.titled_during(named, 2025)
    revoked = sc.spot_check(named, date(2027, 3, 1), "严重滑坡", sc.Sanction.REVOKE, None)
    assert sc.title_since(revoked) is None and sc.titled_during(revoked, 2027) and not sc.titled_during(revoked, 2028)
    assert spot_check_missing(2026, True, []) and not spot_check_missing(2026, True, [date(2026, 12, 31)])
    assert spot_check_missing(2027, True, [date(2026, 12, 31)]) and not spot_check_missing(2027, False, [])
