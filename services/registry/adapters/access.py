"""Who may call registry: the gate's coarse first line (`shared.access.AccessGate`, before routing) and the role
sets that each route's own declaration (`shared.access.allow`, next to the route) is built from.

Registry officers change things (registration, the officer's steps of the deregistration saga, communities,
stations, residential areas, stars, technology centres); ops runs the scheduled steps (the lapse run, re-sending a
deregistration request); every officer of the platform may read the master data. An employer user reaches only its
own unit's records (`/employers/{its id}/…`, `/technology-centres/{its id}/…`) and files in its own name: changes of
registered facts, a lost certificate's reissue, the annual inspection form, a deregistration request, a technology
centre's application and change reports. It never performs an officer's step (review, the bank's receipt, a forced
deregistration, a centre's decision, evaluation or revocation): the routes' declarations refuse those even on its
own unit's paths. The service catalogue is a public notice board."""
from __future__ import annotations

from shared.access import AccessPolicy
from shared.auth import Role

OFFICER = (Role.REGISTRY_OFFICER,)
"""Who changes registry's records."""
READERS = (Role.REGISTRY_OFFICER, Role.OPS, Role.INSURANCE_OFFICER, Role.CONTRACTS_REGISTRAR, Role.REGISTRAR_HEAD,
           Role.MANAGEMENT_OFFICE_DIRECTOR, Role.COMMERCE_OFFICER, Role.STREET_OFFICER, Role.DISTRICT_APPROVER)
"""Who reads the master data (auditors and department systems with `registry:read` read every GET anyway)."""

CATALOGUE = r"/api/v1/registry/service-catalogue"
_NOT_A_UNIT = r"(?!(?:applications|import)(?:/|$))"  # /employers/applications/…, /employers/import, …/applications: no unit

ACCESS = AccessPolicy(
    service="registry",
    writers=frozenset({*OFFICER, Role.OPS}),
    readers=frozenset(READERS),
    employer_paths=(rf"/api/v1/registry/employers/{_NOT_A_UNIT}(?P<employer_id>[^/]+)(/.*)?",
                    rf"/api/v1/registry/technology-centres/{_NOT_A_UNIT}(?P<employer_id>[^/]+)(/.*)?"),
    employer_submissions=(r"/api/v1/registry/technology-centres/applications",),
    public_paths=(CATALOGUE,),  # the same for everyone, with a token or without
)
