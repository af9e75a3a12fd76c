"""The request's actor (`shared.actor`) as the domain's `Actor`, with the service's own roles."""
from __future__ import annotations

from services.contracts.domain.roles import Actor, Role
from shared import actor as request
from shared.errors import ProblemCollector

ROLES = {r.value for r in Role}


def actor_of(caller: request.Actor) -> Actor:
    """The role must be one of contracts' own and the user named, else 422 naming the header; what each role may
    do is the domain's to say."""
    problems = ProblemCollector()
    if caller.role not in ROLES:
        problems.add("X-Civic-Role", "allowed-role",
                     f"the X-Civic-Role header must be one of: {', '.join(r.value for r in Role)}")
    if caller.user is None:
        problems.add("X-Civic-User", "required", "the X-Civic-User header names who is acting")
    problems.raise_if_any("Who is acting, and in which role, is required")
    return Actor(caller.user, Role(caller.role), caller.employer_id)
