"""Registry's community decisions reach markets: a community abolished (撤销) or merged (合并) into another.

Markets keeps a row per abolished community (`communities`: its absorbing community, if merged) so that a record
naming it later — a residential area's older or newer event, a market or station an officer plans — is placed under
the community that stands for it now (`domain.communities.successor`). Idempotent and order-free: the row is
written whole, and every move is "rows naming X → the successor of X", so a redelivery moves nothing and a chain of
mergers arriving backwards ends in the same place.
"""
from __future__ import annotations

from services.markets.application.found import change
from services.markets.application.ports import Markets, References, Stations
from services.markets.domain.communities import moved, successor
from shared.events import Envelope
from shared.events.registry_places import CommunityAbolished
from shared.usecase import without_events


async def follow_community(event: CommunityAbolished, envelope: Envelope, communities: References,
                           areas: References, markets: Markets, stations: Stations) -> None:
    """An abolished community's residential areas, markets and stations follow it: merged, they move to the
    absorbing community; abolished outright, its areas are marked and keep counting in coverage (第八条)."""
    await communities.put({"id": event.community_id, "district_code": event.district_code, "abolished": True,
                           "merged_into": event.merged_into, "effective_on": event.effective_on.isoformat()})
    now = successor(event.community_id, await merged_chain(communities, event.community_id))
    await areas.reassign_community(event.community_id, now, abolished_on=event.effective_on.isoformat())
    if now is None:
        return  # markets and stations keep the community they were planned for: no successor to move them to
    for market_id in await markets.serving(event.community_id):
        await change(markets, market_id, without_events(lambda m: moved(m, now)), what="market")
    for station_id in await stations.serving(event.community_id):
        await change(stations, station_id, without_events(lambda s: moved(s, now)), what="station")


async def merged_chain(communities: References, community_id: str | None) -> dict[str, str | None]:
    """The abolished communities reachable from `community_id` by their mergers: id → absorbing id (or None)."""
    chain: dict[str, str | None] = {}
    current = community_id
    while current is not None and current not in chain:
        row = await communities.get(current)
        if row is None:
            break
        chain[current] = row.get("merged_into")
        current = chain[current]
    return chain


async def placed(row: dict, communities: References) -> dict:
    """An area's row under the community that stands for the one its record names (see the module docstring)."""
    named = row.get("community_id")
    now = successor(named, await merged_chain(communities, named))
    if now == named:
        return row
    abolished = await communities.get(named) if now is None else None
    marks = {} if abolished is None else {"abolished_community_id": named,
                                          "community_abolished_on": abolished["effective_on"]}
    return row | {"community_id": now} | marks


async def abolished(communities: References, community_id: str) -> dict | None:
    """The row of an abolished community (None while it stands, or markets never heard of it)."""
    return await communities.get(community_id)
