"""Who may call markets (checked by `shared.access.AccessGate` before routing; each route then declares exactly who
may call it with `shared.access.allow`, see `adapters/routes/dependencies.py`).

Commerce officers and the district government's approvers act (the routes' `commerce_officer` /
`district_approver` roles); ops run the watchers (the monthly exit review of convenience stations, as `ops`);
registry and street officers read. A market's food-safety sampling results are public (抽检结果公示): without a
token anyone reads them, and with one every caller must too, so the gate lets every platform role and employer users
GET them (the gate does not consult `public_paths` for a caller with a token). That makes the gate's readers
coarser than the routes' readers: the other services' officers pass the gate on every GET and are refused by the
route's declaration everywhere but on the food-safety page. Employer users call nothing else here."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

FOOD_SAFETY = r"/api/v1/markets/[^/]+/food-safety"

ACCESS = AccessPolicy(
    service="markets",
    local_roles={Role.DISTRICT_APPROVER: "district_approver", Role.COMMERCE_OFFICER: "commerce_officer",
                 Role.OPS: "ops"},
    writers=frozenset({Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER, Role.OPS}),
    readers=frozenset({Role.REGISTRY_OFFICER, Role.STREET_OFFICER,
                       # only for the public food-safety page (the routes' declarations refuse them elsewhere)
                       Role.INSURANCE_OFFICER, Role.CONTRACTS_REGISTRAR, Role.REGISTRAR_HEAD,
                       Role.MANAGEMENT_OFFICE_DIRECTOR}),
    employer_scoped=(("GET", FOOD_SAFETY),),
    public_paths=(FOOD_SAFETY,),
)
