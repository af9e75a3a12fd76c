"""Load → decide → save for a use case that may create the aggregate it changes (a first star application, a first
centre application): `decide` gets the stored aggregate or None. `shared.usecase.change` covers the rest."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from shared.ports import Repository

A = TypeVar("A")


async def change_or_create(repository: Repository[A], aggregate_id: str, decide: Callable[[A | None], A]) -> A:
    async with repository.lock(aggregate_id):
        aggregate, loaded = await repository.load(aggregate_id)
        changed = decide(aggregate)
        await repository.save(changed, loaded=loaded)
        return changed
