"""Who may call insurance (checked by `shared.access.AccessGate` before routing).

Insurance officers (the routes' `officer` role: rates, fines, cycle steps) and ops (scheduled cycle runs) change
things; registry officers read; an employer user reaches only its own account (`/accounts/{its id}/…`: members,
declarations, statements, arrears, repayments)."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

ACCESS = AccessPolicy(
    service="insurance",
    local_roles={Role.INSURANCE_OFFICER: "officer"},
    writers=frozenset({Role.INSURANCE_OFFICER, Role.OPS}),
    readers=frozenset({Role.REGISTRY_OFFICER}),
    employer_paths=(r"/api/v1/insurance/accounts/(?P<employer_id>[^/]+)(/.*)?",),
)
