"""What every route of markets may ask for: the container bootstrap built, the acting officer, and who reads.

Who may call each operation is declared on its route (`shared.access.allow`, checked on every call with a token):
the commerce office records the market's lifecycle, its inspections, fines and sampling results and runs the
convenience stations; the district government's approver, with the commerce office, records the changes it
approves (sub-letting, suspension, merger, closure, demolition, relocation, rebuilding), the operator's filing, the
withdrawal of an operating right and the decision on a replanning proposal; ops runs the monthly exit review;
registry and street officers (and ops, for the deadline watcher) read. Employer users call nothing here: markets
keeps no employer's records. Auditors and department systems read every GET (the gate checks the scope)."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.markets.bootstrap import Container
from shared.actor import acting_as
from shared.auth import Role
from shared.wiring import container_of

ContainerDep = Annotated[Container, Depends(container_of)]
Officer = acting_as("commerce_officer", "district_approver")
"""A commerce officer or a district approver, naming who acts (403 otherwise)."""
READERS = (Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER, Role.REGISTRY_OFFICER, Role.STREET_OFFICER, Role.OPS)
"""Platform roles that read markets' records (`allow(*READERS)`), besides auditors and department systems."""
