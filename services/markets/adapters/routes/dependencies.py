"""What every route of markets may ask for: the container bootstrap built, the acting officer, and who reads.

Who may call each operation is declared on its route (`shared.access.allow`, checked on every call with a token):
the commerce office records the market's lifecycle, its inspections, fines and sampling results and runs the
convenience stations; the district government's approver, with the commerce office, records the changes it
approves (sub-letting, suspension, merger, closure, demolition, relocation, rebuilding), the operator's filing, the
withdrawal of an operating right and the decision on a replanning proposal; ops runs the monthly exit review;
registry and street officers (and ops, for the deadline watcher) read. Employer users call nothing here: markets
keeps no employer's records. Auditors and department systems read every GET (the gate checks the scope)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

from fastapi import Depends, Path

from services.markets.bootstrap import Container
from shared.actor import acting_as
from shared.auth import Role
from shared.paging import PageOut, PageRequest
from shared.wiring import container_of

A = TypeVar("A")
T = TypeVar("T")
ContainerDep = Annotated[Container, Depends(container_of)]
Officer = acting_as(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER)
"""A commerce officer or a district approver, naming who acts (403 otherwise)."""
MarketId = Annotated[str, Path(min_length=1, max_length=64, description="the market's id")]
StationId = Annotated[str, Path(min_length=1, max_length=64, description="the station's id")]
PlanId = Annotated[str, Path(min_length=1, max_length=200, description="the plan's id (it names its cause)")]
CaseNumber = Annotated[int, Path(ge=1, le=1_000_000, description="the case's number within its market")]
READERS = (Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER, Role.REGISTRY_OFFICER, Role.STREET_OFFICER, Role.OPS)
"""Platform roles that read markets' records (`allow(*READERS)`), besides auditors and department systems."""


def page_of(rows: Sequence[A], paging: PageRequest, convert: Callable[[A], T]) -> PageOut[T]:
    """A page of a listing computed whole (coverage runs over every area at once): this page's rows, converted."""
    return PageOut.of(rows[paging.skip:paging.skip + paging.size], len(rows), paging, convert)
