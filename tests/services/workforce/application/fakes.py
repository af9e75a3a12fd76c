"""The in-memory repositories workforce's use cases need: `InMemoryRepository` plus the queries of their ports."""
from __future__ import annotations

from tests.support.fakes import InMemoryRepository


class InMemoryWorkers(InMemoryRepository):
    async def search(self, *, community_id=None, employer_id=None, status=None):
        return [w for w in self.aggregates() if (community_id is None or w.community_id == community_id)
                and (employer_id is None or w.employer_id == employer_id)
                and (status is None or (status == "active") == w.active)]

    async def in_service_between(self, first, last, employer_id=None):
        return [w for w in self.aggregates() if w.in_service_between(first, last)
                and (employer_id is None or w.employer_id == employer_id)]


class InMemoryClaims(InMemoryRepository):
    @property
    def held(self) -> dict[str, str]:
        return {claim.id: claim.worker_id for claim in self.aggregates()}

    async def release(self, keys):
        for key in keys:
            self.docs.pop(key, None)


class InMemoryCommunities(InMemoryRepository):
    async def all(self):
        return sorted(self.aggregates(), key=lambda projected: projected.id)
