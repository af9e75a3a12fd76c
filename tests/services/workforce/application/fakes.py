"""The in-memory repositories workforce's use cases need: `InMemoryRepository` plus the queries of their ports."""
from __future__ import annotations

from shared.repository import Page
from tests.support.fakes import InMemoryRepository


def paged(items, page):
    return Page(items[page.skip:page.skip + page.size], len(items))


class InMemoryWorkers(InMemoryRepository):
    async def search(self, *, community_id=None, employer_id=None, status=None):
        return [w for w in self.aggregates() if (community_id is None or w.community_id == community_id)
                and (employer_id is None or w.employer_id == employer_id)
                and (status is None or (status == "active") == w.active)]

    async def listing(self, page, *, community_id=None, employer_id=None, status=None):
        found = await self.search(community_id=community_id, employer_id=employer_id, status=status)
        return paged(sorted(found, key=lambda w: w.id), page)

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
    def _sorted(self):
        return sorted(self.aggregates(), key=lambda projected: projected.id)

    async def overview(self, page, *, district_code=None, short=None):
        return paged([p for p in self._sorted() if not p.community.abolished
                      and district_code in (None, p.community.district_code)
                      and short in (None, p.verdict.short)], page)

    async def without_counts(self):
        return []

    async def awaiting_reassignment(self, page):
        return paged([p for p in self._sorted() if p.community.abolished and p.active_workers > 0], page)
