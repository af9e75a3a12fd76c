"""Who may call contracts (checked by `shared.access.AccessGate` before routing).

The platform roles become the routes' own (`X-Civic-Role`): director → office_director, registrar head →
registrar_head, registrar → registrar, employer user → applicant; the domain then decides what each may do
(sign-offs by amount, classified contracts for registrars only). An employer user may submit an application, and
read — or appeal — only contracts its unit is a party to (or that it submitted): contracts are keyed by the
parties' USCCs, so the reads look the unit's USCC up (`application/queries.py`; units are learnt from registry's
events) and answer 404 for any other contract.

This gate is the coarse first line; who may call each operation is declared next to its route
(`shared.access.allow`, in `routes/`): registrars, heads and the director review, record and read; only the head and
the director sign off; only the director decides an appeal; an employer user files (in its own unit's name), reads
its unit's contracts and appeals a refusal, and never reviews, signs off, records a change, verifies income or
issues a reward slip. The overdue list is the registrars' (not an employer user's, although it sits under
`applications/`)."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

ACCESS = AccessPolicy(
    service="contracts",
    local_roles={Role.MANAGEMENT_OFFICE_DIRECTOR: "office_director", Role.REGISTRAR_HEAD: "registrar_head",
                 Role.CONTRACTS_REGISTRAR: "registrar", Role.EMPLOYER_USER: "applicant"},
    writers=frozenset({Role.CONTRACTS_REGISTRAR, Role.REGISTRAR_HEAD, Role.MANAGEMENT_OFFICE_DIRECTOR}),
    employer_submissions=(r"/api/v1/contracts/applications",),
    employer_scoped=(("GET", r"/api/v1/contracts/applications/(?!overdue$)[^/]+"),
                     ("GET", r"/api/v1/contracts/contracts/[^/]+"),
                     ("GET", r"/api/v1/contracts/contracts/[^/]+/(invoice|tax-relief)"),
                     ("POST", r"/api/v1/contracts/applications/[^/]+/appeal")),
)
