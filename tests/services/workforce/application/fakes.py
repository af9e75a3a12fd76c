"""In-memory stand-ins for the workforce repositories (same methods, no I/O)."""
from __future__ import annotations

from contextlib import asynccontextmanager

from services.workforce.domain.staffing import Verdict
from shared.errors import Conflict
from shared.store import Loaded


class FakeWorkers:
    def __init__(self, fail_saves: bool = False):
        self.docs, self.events, self.fail_saves = {}, [], fail_saves

    @asynccontextmanager
    async def lock(self, worker_id):
        yield

    async def load(self, worker_id):
        worker = self.docs.get(worker_id)
        return (worker, None if worker is None else Loaded(worker_id, {}, rev=1))

    async def save(self, worker, events=(), *, loaded):
        if self.fail_saves:
            raise ConnectionError("the database did not answer")
        self.docs[worker.id] = worker
        self.events += list(events)

    async def find(self, *, community_id=None, employer_id=None, status=None):
        return [w for w in self.docs.values() if (community_id is None or w.community_id == community_id)
                and (status is None or (status == "active") == w.active)]


class FakeClaims:
    def __init__(self):
        self.held: dict[str, str] = {}

    async def claim(self, keys, worker_id):
        for key, rule in keys:
            if key in self.held:
                raise Conflict("held", rule=rule)
        self.held |= {key: worker_id for key, _ in keys}

    async def release(self, keys):
        for key in keys:
            self.held.pop(key, None)


class FakeCommunities:
    """Keeps `(community, verdict, events of the last write)` per id, every event saved, and applied event ids."""

    def __init__(self):
        self.docs, self.events, self.applied, self.saves = {}, [], {}, 0

    @asynccontextmanager
    async def lock(self, community_id):
        yield

    async def load(self, community_id):
        found = self.docs.get(community_id)
        if found is None:
            return None, Verdict(), None
        return found[0], found[1], Loaded(community_id, {}, rev=1, applied=list(self.applied.get(community_id, [])))

    async def save(self, community, verdict, events=(), *, loaded, caused_by=None):
        self.saves += 1
        self.docs[community.id] = (community, verdict, list(events))
        self.events += list(events)
        if caused_by:
            self.applied.setdefault(community.id, []).append(caused_by)

    async def all(self):
        return [(c, v) for c, v, _ in sorted(self.docs.values(), key=lambda d: d[0].id)]
