"""Staffing norms (北京 第十八条; 温州), Wenzhou space and funds, and the report — at every boundary."""
from datetime import date
from decimal import Decimal

import pytest

from services.registry.domain import community as rules
from services.registry.domain.community import Figures
from services.registry.domain.compliance import (report, station_staff_quota, wenzhou_running_funds, wenzhou_scale,
                                                 wenzhou_service_space, wenzhou_worker_quota)
from services.registry.domain.station import STANDING_POSTS, Station

D = date(2026, 3, 1)


@pytest.mark.parametrize("households, required", [(0, 3), (1499, 3), (1500, 3), (1501, 4), (2000, 4), (2001, 5)])
def test_urban_one_worker_per_500_households_and_3_under_1500(households, required):
    assert station_staff_quota(households, rural=False) == required


@pytest.mark.parametrize("households, required", [(599, 2), (600, 2), (601, 3), (900, 3), (901, 4)])
def test_rural_one_worker_per_300_households_and_2_under_600(households, required):
    assert station_staff_quota(households, rural=True) == required


@pytest.mark.parametrize("households, migrants, required", [
    (1999, 0, 5), (2000, 0, 5), (2001, 0, 6), (4000, 0, 10), (1999, 1999, 5), (1999, 2000, 6), (2000, 4000, 7)])
def test_wenzhou_at_least_5_one_per_400_from_2000_and_one_per_2000_migrants(households, migrants, required):
    assert wenzhou_worker_quota(households, migrants) == required


@pytest.mark.parametrize("households, space", [(1999, Decimal(350)), (2000, Decimal(400)), (2500, Decimal(500))])
def test_wenzhou_space_350_m2_and_20_m2_per_100_households_from_2000(households, space):
    assert wenzhou_service_space(households) == space


def test_wenzhou_funding_worked_example():
    # 100 000 + 60 × (2 500 × 0.7 + 1 800 × 0.3) = 100 000 + 60 × 2 290 = 237 400.00
    assert wenzhou_running_funds(2500, 1800) == Decimal("237400.00")
    # 100 000 + 60 × (1 × 0.7 + 0 × 0.3) = 100 042.00 (exact, no float rounding)
    assert wenzhou_running_funds(1, 0) == Decimal("100042.00")
    assert wenzhou_running_funds(1, 1) == Decimal("100060.00")


def community(households=1500, rural=False, **extra):
    figures = Figures(name="苏州街社区", district_code="110108", street="海淀街道", rural=rural,
                      households=households, **extra)
    return rules.register("c1", figures, D, D)[0]


def statuses(norms) -> dict[str, str]:
    return {n.norm: n.status for n in norms}


def test_beijing_report_without_a_station_fails_the_station_norm_and_staffing_is_unknown_until_counted():
    found = statuses(report(community(), "beijing", None))
    assert found == {"station": "fail", "station-staffing": "unknown"}


def test_beijing_report_compares_space_hours_and_staffing_with_the_numbers():
    station = Station(name="海淀街道苏州街社区服务站", work_space_m2=Decimal(50), separate_from_committee_office=True,
                      standing_posts=tuple(STANDING_POSTS), weekly_hours=Decimal(40))
    c = rules.set_station(community(households=1501), station)
    norms = report(c, "beijing", 3)
    assert statuses(norms) == {"station": "pass", "station-space": "pass", "standing-posts": "pass",
                               "special-posts": "pass", "opening-hours": "pass", "station-staffing": "fail"}
    staffing = next(n for n in norms if n.norm == "station-staffing")
    assert (staffing.required, staffing.actual) == ("4", "3")
    assert statuses(report(c, "beijing", 4))["station-staffing"] == "pass"


def test_wenzhou_report_space_scale_staffing_and_funds():
    c = community(households=2000, resident_households=2000, registered_households=1000,
                  service_space_m2=Decimal(399), migrant_population=2000)
    norms = {n.norm: n for n in report(c, "wenzhou", 6)}
    assert norms["community-scale"].status == "pass"
    assert (norms["service-space"].status, norms["service-space"].required) == ("fail", "400 m²")
    assert (norms["worker-staffing"].status, norms["worker-staffing"].required) == ("pass", "6")
    assert norms["running-funds"].required == "202000.00 yuan"  # 100000 + 60 × (1400 + 300)
    small = community(households=1999, service_space_m2=Decimal(350))
    assert {n.norm: n.status for n in report(small, "wenzhou", None)} == {
        "community-scale": "fail", "service-space": "pass", "worker-staffing": "unknown", "running-funds": "unknown"}


@pytest.mark.parametrize("households, seat, status", [
    (1999, "county_seat", "fail"), (2000, "county_seat", "pass"), (4000, "county_seat", "pass"),
    (4001, "county_seat", "fail"), (1999, None, "fail"), (2000, "city", "pass"), (4001, "city", "pass")])
def test_wenzhou_scale_city_at_least_2000_county_seat_2000_to_4000(households, seat, status):
    norm = wenzhou_scale(households, False, seat)
    assert (norm.status, norm.article) == (status, "第八条")
    assert norm.required == ("2000–4000" if seat == "county_seat" else "≥ 2000")


def test_a_rural_community_scale_is_information_and_the_seat_reaches_the_report():
    assert wenzhou_scale(900, True, "county_seat").status == "info"
    seat = community(households=4001, seat="county_seat")
    assert {n.norm: n.status for n in report(seat, "wenzhou", None)}["community-scale"] == "fail"
