"""The street offices workforce knows of, from registry's employer events (社会保险登记 / 注销登记), and the check
that a request names a known one (and a community the projection holds).

A request that names an employer or a community workforce has not learnt of, or one that is gone (deregistered,
abolished), is refused here with a 422 naming the field, not accepted and left to fail later as a parked event.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from shared.errors import FieldProblem, InvalidInput
from services.workforce.domain.staffing import Community


@dataclass(frozen=True)
class KnownEmployer:
    """An employer registered with registry; `deregistered_on` once it is deregistered (its record stays)."""

    id: str
    name: str
    registered_on: date
    deregistered_on: date | None = None

    @property
    def active(self) -> bool:
        return self.deregistered_on is None


def registered(current: KnownEmployer | None, employer_id: str, name: str, on: date) -> KnownEmployer:
    """`registry.employer.registered`: known from now on. A deregistration that arrived first stays in force."""
    if current is None:
        return KnownEmployer(employer_id, name, on)
    return replace(current, name=name, registered_on=on)


def deregistered(current: KnownEmployer | None, employer_id: str, on: date) -> KnownEmployer:
    """`registry.employer.deregistered`: kept, flagged (even when the registration has not arrived yet)."""
    base = current or KnownEmployer(employer_id, name="", registered_on=on)
    return replace(base, deregistered_on=on)


def employer_problem(employer: KnownEmployer | None, employer_id: str, field: str = "employer_id"
                     ) -> FieldProblem | None:
    """The employer a request names must be registered with registry and not deregistered."""
    if employer is None:
        return FieldProblem(field, "unknown-employer", f"no employer {employer_id} is registered with registry")
    if not employer.active:
        return FieldProblem(field, "employer-deregistered", f"employer {employer_id} was deregistered on "
                       f"{employer.deregistered_on}", facts={"deregistered_on": employer.deregistered_on.isoformat()})
    return None


def community_problem(community: Community | None, community_id: str, field: str = "community_id"
                      ) -> FieldProblem | None:
    """The community a request names must be in the projection of registry's communities and not abolished."""
    if community is None:
        return FieldProblem(field, "unknown-community", f"no community {community_id} is known from registry")
    if community.abolished:
        return FieldProblem(field, "community-abolished", f"community {community_id} was abolished on "
                       f"{community.abolished_on}", facts={"abolished_on": community.abolished_on.isoformat(),
                                                           "merged_into": community.merged_into})
    return None


def check_references(*problems: FieldProblem | None) -> None:
    """Every reference that fails, in one 422."""
    found = [p for p in problems if p is not None]
    if found:
        raise InvalidInput("The request names a resource workforce does not know of, or one no longer in force",
                           errors=found)
