"""What every workforce route is given: the container bootstrap built."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.workforce.bootstrap import Container
from shared.wiring import container_of

ContainerDep = Annotated[Container, Depends(container_of)]
PREFIX = "/api/v1/workforce"
