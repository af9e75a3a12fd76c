"""Who is acting on a request, for every route of every service: one dependency, one role check.

`shared.access.AccessGate` runs before routing: with a bearer token it verifies it, checks the caller's role and
unit against the service's policy, and sets `X-Civic-User` / `X-Civic-Role` (the platform role it acts in) /
`X-Civic-Employer` from the token, dropping whatever the client sent. Without a token (development, when
`CIVIC_AUTH_REQUIRED` is off) the headers are taken as sent. Routes read them only through `CurrentActor` or a
role alias made with `acting_as`, never from the headers themselves.

    Officer = acting_as("commerce_officer", "district_approver")

    @router.post("/markets/{market_id}/closure")
    async def close(market_id: str, officer: Officer, ...): ...
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

from shared.errors import Forbidden


@dataclass(frozen=True)
class Actor:
    """The person or system on whose behalf a request acts; `role` is the platform role it acts in."""

    user: str | None = None
    role: str | None = None
    employer_id: str | None = None

    def has_role(self, *roles: str) -> bool:
        return self.role is not None and self.role in roles

    def require_role(self, *roles: str, user: bool = True) -> "Actor":
        """This actor, if it holds one of `roles` (and, with `user`, says who it is); else 403 naming them."""
        if not self.has_role(*roles) or (user and not self.user):
            raise Forbidden(f"needs X-Civic-Role {' or '.join(sorted(roles))}"
                            + (", and X-Civic-User naming who acts" if user else ""), roles=sorted(roles))
        return self


async def current_actor(request: Request) -> Actor:
    """`async` although it awaits nothing: FastAPI runs a plain `def` dependency in a worker thread."""
    headers = request.headers
    return Actor(user=_clean(headers.get("x-civic-user")), role=_clean(headers.get("x-civic-role")),
                 employer_id=_clean(headers.get("x-civic-employer")))


CurrentActor = Annotated[Actor, Depends(current_actor)]


def acting_as(*roles: str, user: bool = True) -> Any:
    """An `Annotated` alias for routes only these roles may call: the route gets the `Actor`, others get 403."""

    async def dependency(actor: CurrentActor) -> Actor:
        return actor.require_role(*roles, user=user)

    dependency.__name__ = "acting_as_" + "_or_".join(sorted(roles))
    return Annotated[Actor, Depends(dependency)]


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None
