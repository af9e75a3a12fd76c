"""What every route of markets may ask for: the container bootstrap built, and the acting officer."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.markets.bootstrap import Container
from shared.actor import acting_as
from shared.wiring import container_of

ContainerDep = Annotated[Container, Depends(container_of)]
Officer = acting_as("commerce_officer", "district_approver")
"""A commerce officer or a district approver, naming who acts (403 otherwise)."""
