"""Mongo repositories, the only place with queries: the aggregates (markets, plans, stations) on
`shared.repository.AggregateRepository`, and the reference rows (residential areas, candidate sites, postal outlets)."""
from __future__ import annotations

from services.markets.adapters.repositories.inspections import InspectionRepository
from services.markets.adapters.repositories.layout_plans import LayoutPlanRepository
from services.markets.adapters.repositories.markets import MarketRepository
from services.markets.adapters.repositories.plans import PlanRepository
from services.markets.adapters.repositories.references import ReferenceRepository
from services.markets.adapters.repositories.stations import StationRepository

__all__ = ["InspectionRepository", "LayoutPlanRepository", "MarketRepository",
           "PlanRepository", "ReferenceRepository", "StationRepository"]
