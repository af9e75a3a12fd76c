"""Use cases on communities, their service stations and residential areas: load → decide → save."""
from __future__ import annotations

import uuid
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import date

from services.registry.application.ports import Communities, ResidentialAreas, StaffingCounts, Today
from services.registry.domain import community as community_rules
from services.registry.domain import compliance
from services.registry.domain import residential_area as area_rules
from services.registry.domain.community import Change, Community, Figures
from services.registry.domain.residential_area import AreaFacts, ResidentialArea
from services.registry.domain.station import Station
from shared.errors import NotFound
from shared.events import Envelope
from shared.events.workforce import StaffingCounted
from shared.usecase import change, without_events


@dataclass(frozen=True)
class ChangeCommunity:
    community_id: str
    figures: Figures
    kind: Change
    effective_on: date


@dataclass(frozen=True)
class MergeCommunities:
    """合并: `merged` are abolished into `community_id`; `figures` as the decision states them (else summed)."""

    community_id: str
    merged: tuple[str, ...]
    effective_on: date
    figures: Figures | None = None


async def register_community(figures: Figures, effective_on: date, communities: Communities,
                             today: Today) -> Community:
    community, events = community_rules.register(str(uuid.uuid4()), figures, effective_on, today())
    await communities.add(community, events)
    return community


async def change_community(cmd: ChangeCommunity, communities: Communities, today: Today) -> Community:
    return await change(communities, cmd.community_id, lambda c: community_rules.change(
        c, cmd.figures, cmd.kind, cmd.effective_on, today()), what="community")


async def abolish_community(community_id: str, effective_on: date, communities: Communities,
                            today: Today) -> Community:
    return await change(communities, community_id, lambda c: community_rules.abolish(c, effective_on, today()),
                        what="community")


async def merge_communities(cmd: MergeCommunities, communities: Communities, today: Today) -> Community:
    """Locks every community involved (in id order); the survivor is written first, then each merged one.
    Without multi-document transactions a crash in between leaves some merged ones active: re-run the merger
    for those (the survivor already carries the figures the decision stated)."""
    ids = sorted({cmd.community_id, *cmd.merged})
    async with AsyncExitStack() as held:
        for community_id in ids:
            await held.enter_async_context(communities.lock(community_id))
        loaded = {i: await communities.load(i) for i in ids}
        if loaded[cmd.community_id][0] is None:
            raise NotFound(f"no community {cmd.community_id}")
        community_rules.check_merged(cmd.merged, {i for i, (c, _) in loaded.items() if c is not None})
        survivor, gone, events = community_rules.merge(loaded[cmd.community_id][0], [loaded[i][0] for i in cmd.merged],
                                                       cmd.figures, cmd.effective_on, today())
        await communities.save(survivor, events[:1], loaded=loaded[survivor.id][1])
        for community, event in zip(gone, events[1:]):
            await communities.save(community, [event], loaded=loaded[community.id][1])
        return survivor


async def set_station(community_id: str, station: Station, communities: Communities) -> Community:
    return await change(communities, community_id, without_events(
        lambda c: community_rules.set_station(c, station)), what="community")


async def compliance_report(community_id: str, profile: compliance.Profile, communities: Communities,
                            staffing: StaffingCounts) -> list[compliance.Norm]:
    community = await _existing(communities, community_id)
    return compliance.report(community, profile, await staffing.actual(community_id))


async def community(community_id: str, communities: Communities) -> Community:
    return await _existing(communities, community_id)


async def station(community_id: str, communities: Communities) -> Station:
    """The community's service station (404 if none is recorded)."""
    found = (await _existing(communities, community_id)).station
    if found is None:
        raise NotFound(f"community {community_id} has no service station recorded")
    return found


async def staffing_counted(event: StaffingCounted, envelope: Envelope, staffing: StaffingCounts) -> None:
    """workforce.staffing.counted → the actual staffing the compliance report compares with the norm."""
    await staffing.record(event.community_id, event.actual, event.counted_on)


async def register_area(facts: AreaFacts, effective_on: date, residential_areas: ResidentialAreas,
                        communities: Communities) -> ResidentialArea:
    await _check_community(facts, communities)
    area, events = area_rules.register(str(uuid.uuid4()), facts, effective_on)
    await residential_areas.add(area, events)
    return area


async def update_area(area_id: str, facts: AreaFacts, effective_on: date, residential_areas: ResidentialAreas,
                      communities: Communities) -> ResidentialArea:
    await _check_community(facts, communities)
    return await change(residential_areas, area_id, lambda a: area_rules.update(a, facts, effective_on),
                        what="residential area")


async def remove_area(area_id: str, effective_on: date, residential_areas: ResidentialAreas
                      ) -> ResidentialArea:
    return await change(residential_areas, area_id, lambda a: area_rules.remove(a, effective_on),
                        what="residential area")


async def residential_area(area_id: str, residential_areas: ResidentialAreas) -> ResidentialArea:
    return await _existing(residential_areas, area_id)


async def _check_community(facts: AreaFacts, communities: Communities) -> None:
    ids = {facts.community_id} if facts.community_id else set()
    area_rules.check_community(facts.community_id, bool(await communities.active_among(ids)))


async def _existing(repository: Communities | ResidentialAreas, record_id: str):
    record = await repository.get(record_id)
    if record is None:
        raise NotFound(f"no {repository.what} {record_id}")
    return record
