"""Events markets publishes: community vegetable markets (社区菜市场) and coverage replanning (补建)."""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from shared.events.base import Event


class MarketOpened(Event):
    """A market opened for business (开业经营) and now counts towards coverage."""

    type: ClassVar[str] = "markets.market.opened"
    producer: ClassVar[str] = "markets"
    informational: ClassVar[str] = (
        "Markets acts on an opening in the use case that records it (coverage recomputed around the market, open "
        "replanning proposals resolved), so no service of the platform consumes the event. Outside, the city "
        "commerce commission's market-network office (菜市场网点管理机构, 第五条: it holds the markets' ownership "
        "for the city) reads it from the city exchange (this AsyncAPI document's channel) for its register of "
        "operating markets.")

    market_id: str
    district_code: str
    lon: float
    lat: float
    business_area: str  # m², 2 decimals
    opened_on: date

    def subject(self) -> str:
        return self.market_id


class MarketClosed(Event):
    """A market left service: approved closure or merger, operating right withdrawn, demolition, relocation or
    rebuilding. Markets itself consumes it to recompute the coverage of the areas around it and replan."""

    type: ClassVar[str] = "markets.market.closed"
    producer: ClassVar[str] = "markets"
    consumers: ClassVar[tuple[str, ...]] = ("markets",)

    market_id: str
    district_code: str
    lon: float
    lat: float
    reason: Literal["closed", "merged", "operating_right_withdrawn", "demolished", "relocated", "rebuilt"]
    closed_on: date

    def subject(self) -> str:
        return self.market_id


class CoverageGap(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    area_id: str
    ratio: float  # m² of market per resident (2SFCA), below the norm 0.1
    deficit_m2: float


class ProposedSite(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    site_id: str
    area_m2: float
    covers: list[str]


class ReplanProposed(Event):
    """The residential areas below 100 m² per 1000 residents within 1000 m, and a plan: candidate sites to convert,
    and stop-gap weekend / morning-evening markets where no candidate reaches. `cause` says what triggered it: a
    market closing (`closed_market_id`), or a residential area registered / changed (`area_id`; `closed_market_id`
    is then empty, kept for older consumers). Markets itself consumes it: each district the gaps lie in gets a
    pending case on its detailed layout plan (第六条第二款, 第十五条), taken in by the plan's next version."""

    type: ClassVar[str] = "markets.replan.proposed"
    producer: ClassVar[str] = "markets"
    consumers: ClassVar[tuple[str, ...]] = ("markets",)

    plan_id: str
    closed_market_id: str
    gaps: list[CoverageGap]
    sites: list[ProposedSite]
    stopgap_areas: list[str]
    proposed_on: date
    cause: Literal["market_closed", "area_registered", "area_updated"] = "market_closed"
    area_id: str | None = None

    def subject(self) -> str:
        return self.plan_id


class StationExited(Event):
    """A convenience service station was retired by the monthly exit rule (退出机制): no transaction in a month,
    or fewer than 20 in each of 3 consecutive months."""

    type: ClassVar[str] = "markets.station.exited"
    producer: ClassVar[str] = "markets"
    informational: ClassVar[str] = (
        "The exit frees the station's 500 m spacing in the same write (only active stations are sited against), so "
        "no service of the platform consumes the event. Outside, the city post office's e-commerce branch "
        "(电子商务分局, 4th document: 站点管理, 退出机制) reads it from the city exchange (this AsyncAPI document's "
        "channel) to settle the operator's deposit (保证金) and prepaid balance and end the agency agreement; the "
        "platform keeps no ledger of the post office's.")

    station_id: str
    month: str  # YYYY-MM, the month reviewed
    reason: Literal["no-transaction-in-a-month", "fewer-than-20-in-3-consecutive-months"]
    exited_on: date

    def subject(self) -> str:
        return self.station_id
