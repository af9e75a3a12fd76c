"""Reference data markets plans with: residential areas and candidate sites (imported until registry publishes
them), postal outlets (stations keep 500 m from them), and the areas registry recorded against the planning
condition."""
from __future__ import annotations

from collections.abc import Sequence

from services.markets.application.ports import References


async def import_rows(rows: Sequence[dict], into: References) -> int:
    """Validated, located rows replace the stored rows with the same ids; returns how many were written."""
    return await into.upsert(rows)


async def planning_breaches(areas: References) -> list[dict]:
    """Residential areas stored with a broken planning condition (new area: market floor area ≥ 2 % of the
    residential floor area), for the commerce officer."""
    return await areas.flagged()
