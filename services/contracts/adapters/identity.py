"""The acting officer and role, from `X-Civic-User` / `X-Civic-Role` / `X-Civic-Employer`.

With a token, `shared.access.AccessGate` sets these headers from it (whatever the client sent is dropped); in
development they are taken as sent. The role is validated against the allowed set; what each role may do is
enforced by the domain.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from services.contracts.domain.roles import Actor, Role
from shared.errors import ProblemCollector


async def current_actor(x_civic_role: Annotated[str | None, Header()] = None,
                        x_civic_user: Annotated[str | None, Header()] = None,
                        x_civic_employer: Annotated[str | None, Header()] = None) -> Actor:
    problems = ProblemCollector()
    allowed = ", ".join(r.value for r in Role)
    if x_civic_role not in {r.value for r in Role}:
        problems.add("X-Civic-Role", "allowed-role", f"the X-Civic-Role header must be one of: {allowed}")
    if not (x_civic_user or "").strip():
        problems.add("X-Civic-User", "required", "the X-Civic-User header names who is acting")
    problems.raise_if_any("Who is acting, and in which role, is required")
    return Actor(x_civic_user.strip(), Role(x_civic_role), (x_civic_employer or "").strip() or None)


ActorDep = Annotated[Actor, Depends(current_actor)]
