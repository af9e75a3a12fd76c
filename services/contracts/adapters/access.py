"""Who may call contracts (checked by `shared.access.AccessGate` before routing).

The platform roles become the routes' own (`X-Civic-Role`): director → office_director, registrar head →
registrar_head, registrar → registrar, employer user → applicant; the domain then decides what each may do
(sign-offs by amount, classified contracts for registrars only). An employer user may submit an application, and
read — or appeal — only contracts its unit is a party to (or that it submitted): contracts are keyed by the
parties' USCCs, so the reads look the unit's USCC up (`application/queries.py`; units are learnt from registry's
events) and answer 404 for any other contract."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

ACCESS = AccessPolicy(
    service="contracts",
    local_roles={Role.MANAGEMENT_OFFICE_DIRECTOR: "office_director", Role.REGISTRAR_HEAD: "registrar_head",
                 Role.CONTRACTS_REGISTRAR: "registrar", Role.EMPLOYER_USER: "applicant"},
    writers=frozenset({Role.CONTRACTS_REGISTRAR, Role.REGISTRAR_HEAD, Role.MANAGEMENT_OFFICE_DIRECTOR}),
    employer_submissions=(r"/api/v1/contracts/applications",),
    employer_scoped=(("GET", r"/api/v1/contracts/(applications|contracts)/[^/]+"),
                     ("GET", r"/api/v1/contracts/contracts/[^/]+/(invoice|tax-relief)"),
                     ("POST", r"/api/v1/contracts/applications/[^/]+/appeal")),
)
