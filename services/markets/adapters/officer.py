"""The acting officer, from the `X-Civic-Role` / `X-Civic-User` headers.

Interim: identity and authentication are a later issue; until then these headers are trusted as given (the
gateway must strip them from outside traffic before this goes live)."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from shared.errors import DomainError

OFFICER_ROLES = frozenset({"commerce_officer", "district_approver"})


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    title = "This action needs an officer"


async def officer(x_civic_role: Annotated[str | None, Header()] = None,
                  x_civic_user: Annotated[str | None, Header()] = None) -> str:
    """The acting officer's user id; 403 unless the role is a commerce officer or a district approver."""
    if x_civic_role not in OFFICER_ROLES or not x_civic_user:
        raise Forbidden("needs X-Civic-Role commerce_officer or district_approver, and X-Civic-User",
                        roles=sorted(OFFICER_ROLES))
    return x_civic_user


Officer = Annotated[str, Depends(officer)]
