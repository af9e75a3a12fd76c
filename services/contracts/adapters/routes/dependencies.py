"""What every route is given: the container, and who acts (in contracts' own roles)."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from services.contracts.adapters.translators import actor_of
from services.contracts.bootstrap import Container
from services.contracts.domain.roles import Actor
from shared.actor import CurrentActor
from shared.auth import Role
from shared.wiring import container_of

ContainerDep = Annotated[Container, Depends(container_of)]
PREFIX = "/api/v1/contracts"
REGISTRARS = (Role.CONTRACTS_REGISTRAR, Role.REGISTRAR_HEAD, Role.MANAGEMENT_OFFICE_DIRECTOR)
"""The platform roles of the registration office's people (the domain's `REGISTRAR_ROLES`): they review, record and
read every contract; which signature each gives is the domain's to say."""


async def acting(caller: CurrentActor) -> Actor:
    """`async` although it awaits nothing: FastAPI runs a plain `def` dependency in a worker thread."""
    return actor_of(caller)


Acting = Annotated[Actor, Depends(acting)]


ContractId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$",
                                 description="the contract's id (as answered when the application was submitted)")]
"""Bounded: an id no contract can have is a 422 naming the parameter, never a query with megabytes of key."""
