"""Use cases on communities, their service stations and residential areas: load → decide → save."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import date

from services.registry.adapters.places_repository import (CommunityRepository, ResidentialAreaRepository,
                                                          StaffingCounts)
from services.registry.application.unit_of_work import update
from services.registry.domain import community as community_rules
from services.registry.domain import compliance
from services.registry.domain import residential_area as area_rules
from services.registry.domain.community import Change, Community, Figures
from services.registry.domain.residential_area import AreaFacts, ResidentialArea
from services.registry.domain.station import Station
from shared.clock import Today
from shared.errors import NotFound
from shared.events import Envelope
from shared.events.workforce import StaffingCounted


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


async def register_community(figures: Figures, effective_on: date, communities: CommunityRepository,
                             today: Today) -> Community:
    community, events = community_rules.register(str(uuid.uuid4()), figures, effective_on, today())
    await communities.add(community, events)
    return community


async def change_community(cmd: ChangeCommunity, communities: CommunityRepository, today: Today) -> Community:
    return await _update(communities, cmd.community_id, lambda c: community_rules.change(
        c, cmd.figures, cmd.kind, cmd.effective_on, today()))


async def abolish_community(community_id: str, effective_on: date, communities: CommunityRepository,
                            today: Today) -> Community:
    return await _update(communities, community_id, lambda c: community_rules.abolish(c, effective_on, today()))


async def merge_communities(cmd: MergeCommunities, communities: CommunityRepository, today: Today) -> Community:
    """Locks every community involved (in id order); the survivor is written first, then each merged one.
    Without multi-document transactions a crash in between leaves some merged ones active: re-run the merger
    for those (the survivor already carries the figures the decision stated)."""
    ids = sorted({cmd.community_id, *cmd.merged})
    async with AsyncExitStack() as held:
        for community_id in ids:
            await held.enter_async_context(communities.lock(community_id))
        loaded = {i: await communities.load(i) for i in ids}
        if missing := [i for i, (c, _) in loaded.items() if c is None]:
            raise NotFound(f"no community {', '.join(missing)}")
        survivor, gone, events = community_rules.merge(loaded[cmd.community_id][0], [loaded[i][0] for i in cmd.merged],
                                                       cmd.figures, cmd.effective_on, today())
        await communities.save(survivor, events[:1], loaded=loaded[survivor.id][1])
        for community, event in zip(gone, events[1:]):
            await communities.save(community, [event], loaded=loaded[community.id][1])
        return survivor


async def set_station(community_id: str, station: Station, communities: CommunityRepository) -> Community:
    return await _update(communities, community_id, lambda c: (community_rules.set_station(c, station), []))


async def compliance_report(community_id: str, profile: compliance.Profile, communities: CommunityRepository,
                            staffing: StaffingCounts) -> tuple[Community, list[compliance.Norm]]:
    community = await _existing(communities, community_id)
    return community, compliance.report(community, profile, await staffing.actual(community_id))


async def staffing_counted(event: StaffingCounted, envelope: Envelope, staffing: StaffingCounts) -> None:
    """workforce.staffing.counted → the actual staffing the compliance report compares with the norm."""
    await staffing.record(event.community_id, event.actual, event.counted_on)


async def register_area(facts: AreaFacts, effective_on: date, residential_areas: ResidentialAreaRepository
                        ) -> ResidentialArea:
    area, events = area_rules.register(str(uuid.uuid4()), facts, effective_on)
    await residential_areas.add(area, events)
    return area


async def update_area(area_id: str, facts: AreaFacts, effective_on: date, residential_areas: ResidentialAreaRepository
                      ) -> ResidentialArea:
    return await _update(residential_areas, area_id, lambda a: area_rules.update(a, facts, effective_on))


async def remove_area(area_id: str, effective_on: date, residential_areas: ResidentialAreaRepository
                      ) -> ResidentialArea:
    return await _update(residential_areas, area_id, lambda a: area_rules.remove(a, effective_on))


async def _existing(repo, record_id: str):
    record = await repo.get(record_id)
    if record is None:
        raise NotFound(f"no {repo.what} {record_id}")
    return record


async def _update(repo, record_id: str, decide: Callable):
    return await update(repo, record_id, decide, repo.what)
