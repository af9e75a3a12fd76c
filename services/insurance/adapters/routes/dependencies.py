"""What every insurance route may ask for: the container bootstrap built, and the officer's role."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.insurance.bootstrap import Container
from shared.actor import acting_as
from shared.wiring import container_of

ContainerDep = Annotated[Container, Depends(container_of)]
Officer = acting_as("officer", user=False)
"""An insurance officer (the gateway's `insurance_officer`): rates and fines. Who acts is not required, as before."""
