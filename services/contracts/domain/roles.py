"""Who acts: the officer and role come from the request (`shared.actor`, turned into this `Actor` by
`adapters/translators.py`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from services.contracts.domain.rules import refused



class Role(StrEnum):
    """The platform's role names (`shared.auth.Role`, docs/api.md "Names"): no local aliases."""

    APPLICANT = "employer-user"                      # a party to the contract (or its agent)
    REGISTRAR = "contracts-registrar"                # 登记机构 staff
    REGISTRAR_HEAD = "registrar-head"                # 登记机构负责人
    OFFICE_DIRECTOR = "management-office-director"   # 管理办 主管主任

    @classmethod
    def _missing_(cls, value: object) -> "Role | None":
        """Records stored before the platform names were adopted carry the old local names in their stamps."""
        return _STORED_BEFORE_PLATFORM_NAMES.get(value)  # type: ignore[arg-type]


_STORED_BEFORE_PLATFORM_NAMES = {"applicant": Role.APPLICANT, "registrar": Role.REGISTRAR,
                                 "registrar_head": Role.REGISTRAR_HEAD, "office_director": Role.OFFICE_DIRECTOR}


REGISTRAR_ROLES = frozenset({Role.REGISTRAR, Role.REGISTRAR_HEAD, Role.OFFICE_DIRECTOR})


@dataclass(frozen=True)
class Actor:
    user: str
    role: Role
    employer_id: str | None = None
    """The unit an employer user is bound to (from its token, via `X-Civic-Employer`); None for officers."""

    def stamp(self, at: datetime) -> "Stamp":
        """This actor's signature on something done at `at`."""
        return Stamp(self.user, self.role, at)


@dataclass(frozen=True)
class Stamp:
    """Who did something, in which role, and when."""

    user: str
    role: Role
    at: datetime


def require_role(actor: Actor, allowed: frozenset[Role] | set[Role], action: str) -> None:
    if actor.role not in allowed:
        names = ", ".join(sorted(r.value for r in allowed))
        raise refused(f"{action} needs the role {names}; {actor.user} acts as {actor.role.value}", "role",
                      roles=sorted(r.value for r in allowed))


def is_registrar(actor: Actor) -> bool:
    return actor.role in REGISTRAR_ROLES
