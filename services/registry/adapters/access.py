"""Who may call registry (checked by `shared.access.AccessGate` before routing).

Registry officers and ops change things; every officer may read the master data; an employer user reaches only
its own employer's records (`/employers/{its id}/…`: changes, certificate, inspection, deregistration request).
The service catalogue is a public notice board."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

ACCESS = AccessPolicy(
    service="registry",
    writers=frozenset({Role.REGISTRY_OFFICER, Role.OPS}),
    readers=frozenset({Role.INSURANCE_OFFICER, Role.CONTRACTS_REGISTRAR, Role.REGISTRAR_HEAD,
                       Role.MANAGEMENT_OFFICE_DIRECTOR, Role.COMMERCE_OFFICER, Role.STREET_OFFICER,
                       Role.DISTRICT_APPROVER}),
    employer_paths=(r"/api/v1/registry/employers/(?P<employer_id>[^/]+)(/.*)?",),
    public_paths=(r"/api/v1/registry/service-catalogue",),
)
