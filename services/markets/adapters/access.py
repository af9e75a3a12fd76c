"""Who may call markets (checked by `shared.access.AccessGate` before routing).

Commerce officers and the district government's approvers act (the routes' `commerce_officer` /
`district_approver` roles); ops run the watchers; registry and street officers read. A market's food-safety
sampling results are public (抽检结果公示)."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

ACCESS = AccessPolicy(
    service="markets",
    local_roles={Role.DISTRICT_APPROVER: "district_approver", Role.COMMERCE_OFFICER: "commerce_officer"},
    writers=frozenset({Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER, Role.OPS}),
    readers=frozenset({Role.REGISTRY_OFFICER, Role.STREET_OFFICER}),
    public_paths=(r"/api/v1/markets/[^/]+/food-safety",),
)
