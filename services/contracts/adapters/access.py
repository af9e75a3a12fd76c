"""Who may call contracts (checked by `shared.access.AccessGate` before routing).

The platform roles become the routes' own (`X-Civic-Role`): director → office_director, registrar head →
registrar_head, registrar → registrar, employer user → applicant; the domain then decides what each may do
(sign-offs by amount, classified contracts for registrars only). An employer user may submit an application;
contracts are keyed by the parties' USCCs, not by employer id, so reading them — and recording a party's appeal,
which names an application id — stays with registrar roles until tokens carry the unit's USCC."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

ACCESS = AccessPolicy(
    service="contracts",
    local_roles={Role.MANAGEMENT_OFFICE_DIRECTOR: "office_director", Role.REGISTRAR_HEAD: "registrar_head",
                 Role.CONTRACTS_REGISTRAR: "registrar", Role.EMPLOYER_USER: "applicant"},
    writers=frozenset({Role.CONTRACTS_REGISTRAR, Role.REGISTRAR_HEAD, Role.MANAGEMENT_OFFICE_DIRECTOR}),
    employer_submissions=(r"/api/v1/contracts/applications",),
)
