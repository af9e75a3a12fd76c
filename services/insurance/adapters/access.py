"""Who may call insurance (checked by `shared.access.AccessGate` before routing): the coarse first line.

Insurance officers (`insurance-officer`) and ops (scheduled cycle runs) change things; registry officers
read (and page the city-wide lists: accounts, a month's statements); an employer user reaches only its own
account (`/accounts/{its id}/…`) and the rate table it is charged by.

Which of them may call each operation is declared next to its route (`shared.access.allow`; the rules are named in
`routes/dependencies.py`) and checked after this gate: an employer user files in its own name (members, wage
declarations and base checks, active declarations, repayment and back-payment forms) and reads its own records, but
never performs the agency's steps on itself (concluding a repayment or back-payment, paying a fine, setting its
industry class or payment method); ops runs only the city-wide cycle steps. The escalation cases
(`/escalation-cases`) are the agency's: insurance officers hand them on and close them, registry officers read
them, an employer user reaches none of them (it reads its own dunning notices under `/accounts/{its id}/…`)."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

ACCESS = AccessPolicy(
    service="insurance",
    writers=frozenset({Role.INSURANCE_OFFICER, Role.OPS}),
    readers=frozenset({Role.REGISTRY_OFFICER}),
    employer_paths=(r"/api/v1/insurance/accounts/(?P<employer_id>[^/]+)(/.*)?",),
    employer_scoped=(("GET", r"/api/v1/insurance/rates"),),
)
