"""Who may call markets (checked by `shared.access.AccessGate` before routing; each route then declares exactly who
may call it with `shared.access.allow`, see `adapters/routes/dependencies.py`).

Commerce officers and the district government's approvers act (`commerce-officer`, `district-approver`: the
platform's role names, which the routes check as they are); ops run the watchers (the monthly exit review of
convenience stations, as `ops`); registry and street officers read. A market's food-safety sampling results are
public (抽检结果公示): every caller reads them, with a token or without. Employer users call nothing else here."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

FOOD_SAFETY = r"/api/v1/markets/[^/]+/food-safety"

ACCESS = AccessPolicy(
    service="markets",
    # no aliases: the gate sets `X-Civic-Role` from the token for these roles, under the platform's own names
    acting_roles=(Role.DISTRICT_APPROVER, Role.COMMERCE_OFFICER, Role.OPS),
    writers=frozenset({Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER, Role.OPS}),
    readers=frozenset({Role.REGISTRY_OFFICER, Role.STREET_OFFICER}),
    public_paths=(FOOD_SAFETY,),
)
