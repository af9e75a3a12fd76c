"""Reference data markets plans with: residential areas and candidate sites (imported until registry publishes
them), postal outlets (stations keep 500 m from them), and the areas registry recorded against the planning
condition. A market or station naming a residential area or a community must name one markets knows (from
registry's residential-area events, or an import): otherwise a 422 naming the field."""
from __future__ import annotations

from collections.abc import Sequence

from services.markets.application.ports import References
from shared.errors import ProblemCollector


async def import_rows(rows: Sequence[dict], into: References) -> int:
    """Validated, located rows replace the stored rows with the same ids; returns how many were written."""
    return await into.upsert(rows)


async def planning_breaches(areas: References, skip: int, limit: int) -> tuple[list[dict], int]:
    """Residential areas stored with a broken planning condition (new area: market floor area ≥ 2 % of the
    residential floor area), for the commerce officer: one page, and how many there are."""
    return await areas.flagged_page(skip, limit)


async def listing(rows: References, filters: dict[str, str | None], skip: int, limit: int
                  ) -> tuple[list[dict], int]:
    """One page of imported or learnt reference rows, filtered on the filters given (None: not filtered)."""
    return await rows.page({k: v for k, v in filters.items() if v is not None}, skip, limit)


async def known_places(areas: References, residential_area_id: str | None, community_id: str | None,
                       communities: References) -> str | None:
    """The community the market or station serves: the one named, else its residential area's (None if neither).
    An unknown (or removed) residential area or an unknown community is a 422 naming the field; so is a community
    registry abolished or merged (`community-abolished`, naming the absorbing one), as docs/api.md has it."""
    problems = ProblemCollector()
    area = None if residential_area_id is None else await areas.live(residential_area_id)
    if residential_area_id is not None and area is None:
        problems.add("residential_area_id", "unknown-residential-area",
                     f"markets knows no residential area {residential_area_id} (from registry or an import)")
    gone = None if community_id is None else await communities.get(community_id)
    if gone is not None:
        problems.add("community_id", "community-abolished",
                     f"community {community_id} was abolished on {gone['effective_on']}"
                     + (f", merged into {gone['merged_into']}" if gone.get("merged_into") else ""),
                     abolished_on=gone["effective_on"], merged_into=gone.get("merged_into"))
    elif community_id is not None and not await areas.community_known(community_id):
        problems.add("community_id", "unknown-community",
                     f"markets knows no community {community_id} (from registry's residential areas)")
    problems.raise_if_any("The request names places markets does not know")
    return community_id or (area or {}).get("community_id")
