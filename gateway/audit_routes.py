"""`GET /audit` and `GET /audit/verify` for auditors, over the gateway's own chain. The records themselves are
written by `shared.audit.middleware`, in the gateway as in every service (`civic audit verify` checks those)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from shared.audit.log import AuditLog
from shared.auth import Role, require_roles
from shared.problem_docs import problem_responses


def router(audit: AuditLog) -> APIRouter:
    api = APIRouter(tags=["audit"], dependencies=[Depends(require_roles(Role.AUDITOR))],
                    responses=problem_responses(401, 403, 422))

    @api.get("/audit")
    async def records(after: Annotated[int, Query(ge=0)] = 0,
                      limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict:
        """Audit records in chain order, after position `after` (auditors only)."""
        items = await audit.page(after, limit)
        return {"items": items, "next_after": items[-1]["n"] if len(items) == limit else None}

    @api.get("/audit/verify")
    async def verify() -> dict:
        """Recompute the whole chain with its keys and checkpoints: `ok` false names the first bad position and
        why (`wrong mac`, `broken link`, `position gap`, `unknown key`, `truncated`, …)."""
        result = await audit.verify()
        return {"ok": result.ok, "checked": result.checked, "broken_at": result.broken_at, "reason": result.reason}

    return api
