"""A missing aggregate is a 404 naming its path parameter and the rule (`unknown-market`, `unknown-station`,
`unknown-plan`), like every other refusal (docs/api.md, "Errors")."""
from __future__ import annotations

from typing import TypeVar

from shared.errors import InvalidInput, NotFound, refusal
from shared import usecase
from shared.ports import Repository

A = TypeVar("A")


def unknown(what: str, aggregate_id: str) -> NotFound:
    message = f"no {what} {aggregate_id}"
    return NotFound(message, errors=[refusal(f"{what}_id", f"unknown-{what}", message)])


async def change(repository: Repository[A], aggregate_id: str, decide: usecase.Decide[A], *, what: str) -> A:
    """`shared.usecase.change`, its 404 naming the rule."""
    try:
        return await usecase.change(repository, aggregate_id, decide, what=what)
    except NotFound as missing:
        if missing.errors:  # a rule's own 404 (a case the market does not have)
            raise
        raise unknown(what, aggregate_id) from None


async def get(repository: Repository[A], aggregate_id: str, *, what: str) -> A:
    aggregate = await repository.get(aggregate_id)
    if aggregate is None:
        raise unknown(what, aggregate_id)
    return aggregate


async def referenced(repository: Repository[A], aggregate_id: str, *, what: str, field: str) -> A:
    """A resource a request body names (`replacement_market_id`): unknown, it is a 422 naming the field."""
    aggregate = await repository.get(aggregate_id)
    if aggregate is None:
        raise InvalidInput.on(field, f"unknown-{what}", f"no {what} {aggregate_id}")
    return aggregate
