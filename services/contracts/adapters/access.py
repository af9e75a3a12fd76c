"""Who may call contracts (checked by `shared.access.AccessGate` before routing).

The routes' `X-Civic-Role` values are the platform role names themselves (`shared.auth.Role`, docs/api.md "Names"):
`contracts-registrar`, `registrar-head`, `management-office-director`, `employer-user`; the domain then decides what
each may do (sign-offs by amount, classified contracts for registrars only). `acting_roles` only says which
role a token holding several acts in (the director's first). An employer
user may submit an application, and list, read — or appeal — only contracts its unit is a party to (or that it
submitted): contracts are keyed by the parties' USCCs, so the reads look the unit's USCC up (`application/
queries.py`; units are learnt from registry's events), the listing leaves every other contract out, and a read of
one answers 404.

This gate is the coarse first line; who may call each operation is declared next to its route
(`shared.access.allow`, in `routes/`): registrars, heads and the director review, record and read; only the head and
the director sign off; only the director decides an appeal; an employer user files (in its own unit's name), lists
and reads its unit's contracts and appeals a refusal, and never reviews, signs off, records a change, verifies
income or issues a reward slip. The overdue list is the registrars' (not an employer user's, although it sits
under `applications/`).

The tax authority's system (a department system, client-credentials token) reads the tax notifications and
acknowledges them with the scope `contracts:tax-notifications` (`TAX_SCOPE`): the one write a department system
makes here. The registration office's people read the notifications too (what the tax authority was told)."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

ACTING_ROLES = (Role.MANAGEMENT_OFFICE_DIRECTOR, Role.REGISTRAR_HEAD, Role.CONTRACTS_REGISTRAR, Role.EMPLOYER_USER,
                Role.DEPARTMENT_SYSTEM)
"""The roles contracts' routes act in, in the order a token holding several acts in them."""

TAX_SCOPE = "contracts:tax-notifications"
"""The scope a tax authority's client is granted (`civic clients add tax-authority --scope contracts:tax-notifications`)."""

ACCESS = AccessPolicy(
    service="contracts",
    acting_roles=ACTING_ROLES,
    writers=frozenset({Role.CONTRACTS_REGISTRAR, Role.REGISTRAR_HEAD, Role.MANAGEMENT_OFFICE_DIRECTOR}),
    employer_submissions=(r"/api/v1/contracts/applications",),
    employer_scoped=(("GET", r"/api/v1/contracts/contracts"),
                     ("GET", r"/api/v1/contracts/contracts/[^/]+"),
                     ("GET", r"/api/v1/contracts/contracts/[^/]+/(invoice|tax-relief)"),
                     ("POST", r"/api/v1/contracts/applications/[^/]+/appeal")),
    department_scoped=(("GET", r"/api/v1/contracts/tax-notifications", TAX_SCOPE),
                       ("POST", r"/api/v1/contracts/tax-notifications/[^/]+/acknowledgement", TAX_SCOPE)),
)
