"""Claims on posts and persons, one document each keyed by what is claimed (`_id` unique: see `Claim`)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from services.workforce.application.ports import Claim
from shared.errors import Conflict
from shared.repository import AggregateRepository, Codec
from shared.store import AggregateStore


class ClaimRepository(AggregateRepository[Claim]):
    async def release(self, keys: Sequence[str]) -> None:
        if keys:
            await self.collection.delete_many({"_id": {"$in": list(keys)}})


CODEC = Codec(encode=lambda claim: {"id": claim.id, "worker_id": claim.worker_id},
              decode=lambda d: Claim(d["id"], d["worker_id"]),
              derived=lambda claim: {"at": datetime.now(timezone.utc)}, derived_fields=("at",))


def claim_repository(store: AggregateStore) -> ClaimRepository:
    return ClaimRepository(store, CODEC, what="claim", duplicate=lambda claim: Conflict(f"{claim.id} is held"))
