"""`shared.usecase.change` with a 404 that names the path parameter and the rule (docs/api.md, "Errors")."""
from __future__ import annotations

from typing import Any

from services.insurance.domain.refusals import broken
from shared.errors import NotFound
from shared.usecase import change


def unknown(field: str, rule: str, message: str) -> NotFound:
    return NotFound(message, errors=broken(field, rule, message))


async def change_named(repository: Any, aggregate_id: str, decide: Any, *, what: str, field: str, rule: str) -> Any:
    """load → decide → save under the lock, as `change`; no such record is a 404 naming `field` and `rule`."""
    try:
        return await change(repository, aggregate_id, decide, what=what)
    except NotFound as missing:
        if missing.errors:
            raise
        raise unknown(field, rule, missing.detail) from None
