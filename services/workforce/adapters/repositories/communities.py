"""Workforce's projection of registry's communities, each with its last staffing verdict in the same document
(the outbox carries the counted and shortfall events in that write)."""
from __future__ import annotations

from datetime import date

from services.workforce.domain.staffing import Community, Profile, ProjectedCommunity, Verdict
from shared.errors import Conflict
from shared.repository import AggregateRepository, Codec
from shared.store import AggregateStore


class CommunityRepository(AggregateRepository[ProjectedCommunity]):
    async def all(self) -> list[ProjectedCommunity]:
        return await self.find({})


def _to_document(projected: ProjectedCommunity) -> dict:
    community, verdict = projected.community, projected.verdict
    return {"id": community.id, "name": community.name, "rural": community.rural,
            "households": community.households, "migrants": community.migrants,
            "profile": community.profile.value, "district_code": community.district_code,
            "effective_on": _iso(community.effective_on), "abolished_on": _iso(community.abolished_on),
            "merged_into": community.merged_into, "short": verdict.short, "counted": verdict.counted}


def _from_document(d: dict) -> ProjectedCommunity:
    community = Community(d["id"], d["name"], d["rural"], d["households"], d["migrants"], Profile(d["profile"]),
                          d.get("district_code", ""), _date(d.get("effective_on")), _date(d.get("abolished_on")),
                          d.get("merged_into"))
    return ProjectedCommunity(community, Verdict(short=d.get("short", False), counted=d.get("counted", 0)))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


CODEC = Codec(encode=_to_document, decode=_from_document)


def community_repository(store: AggregateStore) -> CommunityRepository:
    return CommunityRepository(store, CODEC, what="community",
                               duplicate=lambda projected: Conflict(f"community {projected.id} is projected"))
