"""The replanning handler through its real wiring (bootstrap's `event_handlers`), with in-memory repositories."""
from datetime import date

from services.markets.application.subscriptions import SUBSCRIPTIONS
from services.markets.domain.geo import project
from services.markets.domain.proposal import OPEN
from shared.events import Envelope
from shared.events.markets import MarketClosed, ReplanProposed
from shared.wiring import event_handlers
from tests.support.fakes import InMemoryRepository

TODAY = date(2026, 11, 20)
ORIGIN = (116.40, 39.95)


def at(dx, dy):
    """(lon, lat) about dx, dy metres from ORIGIN (0.00001° ≈ 0.852 m east, 1.11 m north at 39.95°N)."""
    return ORIGIN[0] + dx / 85_200, ORIGIN[1] + dy / 111_000


def area(area_id, dx, dy, population):
    lon, lat = at(dx, dy)
    x, y = project([lon], [lat])[0]
    return {"id": area_id, "lon": lon, "lat": lat, "x": x, "y": y, "population": population, "district_code": "110105"}


class Rows:
    def __init__(self, rows):
        self.rows = rows

    async def all(self):
        return self.rows

    async def in_service(self):
        return self.rows


class Plans(InMemoryRepository):
    async def open_proposals(self):
        return [p for p in self.aggregates() if p.status in OPEN]


def deps(plans):
    closed_lon, closed_lat = at(0, 0)
    markets = Rows([{"id": "closed", "lon": closed_lon, "lat": closed_lat, "area_m2": 500.0}])  # still listed
    areas = Rows([area("near", 200, 0, 3000), area("far", 5000, 0, 1000)])
    site_lon, site_lat = at(300, 100)
    sites = Rows([{"id": "boiler-1", "lon": site_lon, "lat": site_lat, "area_m2": 400.0}])
    return {"markets": markets, "areas": areas, "sites": sites, "plans": plans, "today": lambda: TODAY,
            "communities": Rows([]), "stations": Rows([]), "layout_plans": Rows([])}


def closure():
    lon, lat = at(0, 0)
    event = MarketClosed(market_id="closed", district_code="110105", lon=lon, lat=lat, reason="closed",
                         closed_on=TODAY)
    return Envelope.wrap(event, source="/civic/markets")


async def test_a_closure_proposes_one_plan_naming_the_gap_and_the_site_even_if_redelivered():
    plans = Plans()
    handle = event_handlers(SUBSCRIPTIONS, deps(plans))[MarketClosed.type]
    message = closure()
    await handle(message)
    await handle(message)
    (proposal,), (events,) = plans.aggregates(), plans.saved
    assert [g.area_id for g in proposal.plan.gaps] == ["near"]  # "far" is 5 km away: not recomputed
    assert [(s.site_id, s.covers) for s in proposal.plan.sites] == [("boiler-1", ("near",))]
    assert isinstance(events[0], ReplanProposed) and events[0].plan_id == "replan-closed"
